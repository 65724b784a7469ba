"""Celery task of the weekly report: a thin adapter over quotes.reports.storage."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


# Only a database outage is worth retrying (a few times, with backoff); anything else is a
# bug or bad configuration and fails at once, in the worker's log.
@shared_task(
    name="quotes.reports.tasks.report_weekly",
    autoretry_for=(OperationalError,),
    max_retries=3,
    retry_backoff=60,
)
def report_weekly(week_start: str | None = None) -> int:
    """Generate (or re-generate) one week's report; ``week_start`` is a date or ``2026-W47``,
    by default the last complete week. Mails it when REPORT_EMAIL_TO is set. Returns the
    Report id."""
    from quotes.reports.builder import report_default_week, report_time_zone
    from quotes.reports.storage import report_email, report_generate
    from quotes.reports.weeks import week_parse

    week = week_parse(week_start, tz=report_time_zone()) if week_start else report_default_week()
    report = report_generate(week=week)
    report_email(report=report)
    return report.pk
