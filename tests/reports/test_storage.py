"""Stored reports: one Report row per week with its three files; a re-run replaces them."""

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core import mail

from claimtrack.errors import ActionNotPermitted
from quotes.models import Report
from quotes.reports.storage import report_email, report_generate
from quotes.reports.weeks import week_parse, zone
from tests.reports.conftest import published

pytestmark = pytest.mark.django_db

WEEK = "2026-W47"


def _week():
    return week_parse(WEEK, tz=zone("UTC"))


def _files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_generate_stores_the_three_files_and_the_row(settings) -> None:
    claim = published(at=datetime(2026, 11, 18, tzinfo=UTC), statement="=1+1 jobs")
    with time_machine.travel(datetime(2026, 11, 23, 6, 0, tzinfo=UTC), tick=False):
        report = report_generate(week=_week())
    assert (report.iso_week, report.week_start.isoformat(), report.time_zone) == (WEEK, "2026-11-16", "UTC")
    assert report.claims_published == 1
    assert report.generated_at == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert _files(settings) == [
        f"reports/2026/claimtrack-report-{WEEK}.{ext}" for ext in ("csv", "html", "json")
    ]
    rows = list(csv.DictReader(io.StringIO(report.csv_file.open("rb").read().decode("utf-8"), newline="")))
    assert rows[0]["claim_id"] == str(claim.id) and rows[0]["statement"] == "'=1+1 jobs"
    assert json.loads(report.json_file.open("rb").read())["summary"]["published"] == 1
    assert b"<svg" in report.html_file.open("rb").read()


def test_a_rerun_replaces_the_files_and_updates_the_row(settings) -> None:
    first = report_generate(week=_week())
    assert first.claims_published == 0
    published(at=datetime(2026, 11, 19, tzinfo=UTC))
    second = report_generate(week=_week())
    assert second.pk == first.pk
    assert Report.objects.count() == 1
    assert second.claims_published == 1
    assert len(_files(settings)) == 3  # no "_a1b2c3" copies left behind
    assert second.csv_file.name == first.csv_file.name
    assert json.loads(second.json_file.open("rb").read())["summary"]["published"] == 1


def test_each_week_gets_its_own_row() -> None:
    report_generate(week=_week())
    report_generate(week=_week().shifted(-1))
    assert list(Report.objects.values_list("iso_week", flat=True)) == [WEEK, "2026-W46"]


def test_reviewers_may_not_generate_editors_may(reviewer, editor) -> None:
    with pytest.raises(ActionNotPermitted):
        report_generate(week=_week(), actor=reviewer)
    assert not Report.objects.exists()
    assert report_generate(week=_week(), actor=editor).generated_by == editor


def test_email_goes_to_the_configured_list_with_the_files(settings) -> None:
    report = report_generate(week=_week())
    report_email(report=report)
    assert mail.outbox == []  # nobody configured
    settings.REPORT_EMAIL_TO = ["desk@example.org", "partner@example.org"]
    report_email(report=report)
    (message,) = mail.outbox
    assert message.to == ["desk@example.org", "partner@example.org"]
    assert WEEK in message.subject
    assert sorted(name for name, _, _ in message.attachments) == [
        f"claimtrack-report-{WEEK}.{ext}" for ext in ("csv", "html", "json")
    ]
    report.refresh_from_db()
    assert report.emailed_to == settings.REPORT_EMAIL_TO and report.emailed_at is not None


def test_week_one_is_filed_under_its_iso_year(settings) -> None:
    report_generate(week=week_parse("2026-W01", tz=zone("UTC")))  # Monday 29 December 2025
    assert _files(settings)[0] == "reports/2026/claimtrack-report-2026-W01.csv"
