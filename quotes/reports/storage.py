"""Writes of the weekly report: render the formats to files (Django's storage API) and keep
one Report row per week. Re-generating a week replaces its files; nothing is duplicated."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from quotes.reports.builder import ReportData, report_build
from quotes.reports.csv import csv_write
from quotes.reports.filters import ReportFilters
from quotes.reports.html import html_write
from quotes.reports.json import json_write
from quotes.reports.models import Report
from quotes.reports.weeks import Week
from quotes.services.permissions import permission_require

PERM_GENERATE_REPORT = "quotes.generate_report"
FORMATS: dict[str, Callable[[ReportData, TextIO], None]] = {
    "csv": csv_write,
    "json": json_write,
    "html": html_write,
}
CONTENT_TYPES = {"csv": "text/csv", "json": "application/json", "html": "text/html"}

Actor = User | AnonymousUser | None


def report_filename(*, week: Week, fmt: str, filters: ReportFilters | None = None) -> str:
    suffix = filters.slug() if filters else ""
    return f"claimtrack-report-{week.iso}{suffix}.{fmt}"


def report_render(*, data: ReportData, fmt: str, out: TextIO, bom: bool = False) -> None:
    if fmt == "csv":
        csv_write(data, out, bom=bom)
    else:
        FORMATS[fmt](data, out)


def report_write_files(
    *, data: ReportData, formats: list[str], folder: Path, bom: bool = False
) -> list[Path]:
    """Custom exports to a folder. Each file is written aside and renamed into place, so a
    failure never leaves half a report behind."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = folder / report_filename(week=data.week, fmt=fmt, filters=data.filters)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".claim-report-", suffix=f".{fmt}")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                report_render(data=data, fmt=fmt, out=out, bom=bom)
            os.chmod(tmp, 0o644)  # mkstemp makes files private; a report is for reading
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
    return written


def _store(*, report: Report, data: ReportData, fmt: str) -> None:
    field = getattr(report, f"{fmt}_file")
    # The ISO year: 2026-W01 starts on 29 December 2025 and belongs with 2026's reports.
    name = f"reports/{data.week.iso[:4]}/{report_filename(week=data.week, fmt=fmt)}"
    # The storage would give a clashing name a random suffix: delete the old files first,
    # so that a week always has exactly one file per format, under a stable name.
    for old in {field.name, name} - {""}:
        if default_storage.exists(old):
            default_storage.delete(old)
    with tempfile.TemporaryFile() as tmp:
        text = io.TextIOWrapper(tmp, encoding="utf-8", newline="")
        report_render(data=data, fmt=fmt, out=text)
        text.flush()
        tmp.seek(0)
        field.name = default_storage.save(name, File(tmp, name=name))
        text.detach()


@transaction.atomic
def report_generate(*, week: Week, actor: Actor = None, now: datetime | None = None) -> Report:
    """Build the week's report, write its three files and save its Report row (one per week)."""
    permission_require(actor, PERM_GENERATE_REPORT)
    data = report_build(week=week, generated_at=now or timezone.now())
    # One row per week, locked while its files are replaced: a second run of the same week
    # waits here (get_or_create re-reads the row if another run created it first).
    report, _ = Report.objects.select_for_update().get_or_create(
        week_start=week.monday,
        defaults={"iso_week": week.iso, "time_zone": str(week.tz), "generated_at": data.generated_at},
    )
    for fmt in FORMATS:
        _store(report=report, data=data, fmt=fmt)
    report.time_zone = str(week.tz)
    report.generated_at = data.generated_at
    report.generated_by = actor if isinstance(actor, User) else None
    report.claims_published = data.summary["published"]
    report.corrections = data.summary["corrected"] + data.summary["unpublished"]
    report.full_clean()
    report.save()
    return report


def report_email(*, report: Report) -> Report:
    """Mail the report to REPORT_EMAIL_TO (the HTML as the body's attachment, with CSV and JSON)."""
    recipients = list(settings.REPORT_EMAIL_TO)
    if not recipients:
        return report
    message = EmailMessage(
        subject=f"Claim report {report.iso_week}: {report.claims_published} claims published",
        body=(
            f"The claim report of {report.iso_week} ({report.time_zone}) is attached as HTML, CSV and JSON.\n"
            f"{report.claims_published} claims published, {report.corrections} corrected or unpublished.\n"
        ),
        from_email=settings.REPORT_EMAIL_FROM,
        to=recipients,
    )
    for fmt in FORMATS:
        field = getattr(report, f"{fmt}_file")
        with field.open("rb") as fh:
            message.attach(Path(field.name).name, fh.read(), CONTENT_TYPES[fmt])
    message.send()
    report.emailed_to = recipients
    report.emailed_at = timezone.now()
    report.save(update_fields=["emailed_to", "emailed_at"])
    return report
