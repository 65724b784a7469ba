"""The weekly task (run in-process here; see test_celery_worker.py for a real worker) and
the beat schedule that setup_periodic_tasks installs."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from quotes.models import Report
from quotes.reports.tasks import report_weekly
from tests.reports.conftest import published

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 11, 23, 5, 0, tzinfo=UTC), tick=False)
def test_task_without_a_week_builds_the_last_complete_week(settings) -> None:
    settings.TIME_ZONE = "Europe/Berlin"
    published(at=datetime(2026, 11, 20, tzinfo=UTC))
    result = report_weekly.apply()
    report = Report.objects.get(pk=result.get())
    assert report.iso_week == "2026-W47"
    assert report.time_zone == "Europe/Berlin"
    assert report.claims_published == 1


def test_task_with_an_explicit_week_and_email(settings) -> None:
    settings.REPORT_EMAIL_TO = ["desk@example.org"]
    report_weekly.apply(args=["2026-W40"]).get()
    report_weekly.apply(kwargs={"week_start": "2026-09-28"}).get()  # the same week, by date
    assert list(Report.objects.values_list("iso_week", flat=True)) == ["2026-W40"]
    assert len(mail.outbox) == 2


def test_setup_periodic_tasks_installs_the_weekly_report_monday_six_local(settings) -> None:
    settings.TIME_ZONE = "Europe/Berlin"
    call_command("setup_periodic_tasks", stdout=None)
    task = PeriodicTask.objects.get(name="quotes: weekly claim report")
    assert task.task == "quotes.reports.tasks.report_weekly"
    assert task.enabled
    cron = task.crontab
    assert (cron.minute, cron.hour, cron.day_of_week, cron.day_of_month, cron.month_of_year) == (
        "0",
        "6",
        "1",
        "*",
        "*",
    )
    assert str(cron.timezone) == "Europe/Berlin"
    # The other schedules stay in UTC, and a second run updates rather than duplicates.
    assert str(PeriodicTask.objects.get(name="sources: poll due feeds").crontab.timezone) == "UTC"
    settings.REPORT_SCHEDULE_DAY, settings.REPORT_SCHEDULE_HOUR = 2, 7
    call_command("setup_periodic_tasks", stdout=None)
    task = PeriodicTask.objects.get(name="quotes: weekly claim report")
    assert (task.crontab.hour, task.crontab.day_of_week) == ("7", "2")
    assert PeriodicTask.objects.filter(task="quotes.reports.tasks.report_weekly").count() == 1


def test_the_task_is_registered_with_the_celery_app() -> None:
    from claimtrack.celery import app

    assert "quotes.reports.tasks.report_weekly" in app.tasks
