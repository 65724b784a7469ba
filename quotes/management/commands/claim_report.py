"""``python manage.py claim_report --week 2026-W47 --format all --output DIR``: write one
week's claim report by hand or as a backfill (see docs/reports.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claimtrack.errors import ApplicationError
from quotes.reports.builder import report_build, report_default_week, report_time_zone
from quotes.reports.filters import report_filters_resolve
from quotes.reports.storage import FORMATS, report_generate, report_write_files
from quotes.reports.weeks import WeekError, week_parse


class Command(BaseCommand):
    help = "Write the weekly claim report (CSV, JSON, HTML) of one ISO week to a folder, or store it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--week", help="ISO week (2026-W47) or a date in it; default: the last complete week"
        )
        parser.add_argument("--format", default="all", choices=[*FORMATS, "all"], help="default: all")
        parser.add_argument("--output", type=Path, help="folder to write the files to (made if missing)")
        parser.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 BOM (Excel)")
        parser.add_argument("--speaker", help="only claims by this claimant (id or exact name)")
        parser.add_argument("--source", help="only claims that appeared in this outlet (id or exact name)")
        parser.add_argument("--rating", help="only claims with this rating (value or label)")
        parser.add_argument(
            "--store",
            action="store_true",
            help="also save the week's Report and its files, as the schedule does (no filters)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["output"] and not options["store"]:
            raise CommandError("Give --output DIR (and/or --store).")
        try:
            tz = report_time_zone()
            week = week_parse(options["week"], tz=tz) if options["week"] else report_default_week()
            filters = report_filters_resolve(
                speaker=options["speaker"], source=options["source"], rating=options["rating"]
            )
        except (WeekError, ApplicationError) as exc:
            raise CommandError(str(exc)) from exc
        if options["store"]:
            if filters.any:
                raise CommandError("--store keeps the whole week's report; drop the filters.")
            report = report_generate(week=week)
            self.stdout.write(f"stored: Report {report.iso_week} (#{report.pk})")
        if options["output"]:
            formats = list(FORMATS) if options["format"] == "all" else [options["format"]]
            data = report_build(week=week, filters=filters)
            written = report_write_files(
                data=data, formats=formats, folder=options["output"], bom=options["bom"]
            )
            for path in written:
                self.stdout.write(str(path))
            summary = data.summary
            note = " (empty week)" if data.empty else ""
            self.stdout.write(
                f"{week.iso} {week.start:%Y-%m-%d}..{week.end:%Y-%m-%d} {week.tz}: "
                f"{summary['published']} published, {summary['corrected']} corrected, "
                f"{summary['unpublished']} unpublished{note}"
            )
