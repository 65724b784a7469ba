"""The one builder of the weekly report: figures (small, built once) and the claim lists
(streamed, read again by each renderer). Renderers only format what this returns."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from quotes.claimreview import claim_public_url
from quotes.reports.filters import ReportFilters
from quotes.reports.weeks import Week, week_last_complete, zone
from quotes.selectors import reports as q

SCHEMA = "claimtrack.weekly-claim-report"
SCHEMA_VERSION = "1.0"
RULING_SUMMARY_CHARS = 300
WEEKS_IN_SERIES = 12


def report_time_zone() -> ZoneInfo:
    return zone(settings.TIME_ZONE)


def report_default_week(*, now: datetime | None = None) -> Week:
    """The last complete week in the configured time zone."""
    return week_last_complete(now or timezone.now(), tz=report_time_zone())


def ruling_summary(text: str, limit: int = RULING_SUMMARY_CHARS) -> str:
    """The ruling's first paragraph, on one line, cut at a word before ``limit`` characters.

    >>> ruling_summary("False.\\n\\nThe figures show otherwise.")
    'False.'
    """
    first = re.split(r"\n\s*\n", text.strip(), maxsplit=1)[0]
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    cut = first[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


@dataclass(frozen=True)
class Appearance:
    quote_id: int
    outlet: str
    title: str
    url: str
    published_at: str | None


@dataclass(frozen=True)
class ClaimRow:
    id: int
    url: str
    published_at: str
    statement: str
    claimant: str
    claimant_id: int | None
    rating: str
    rating_value: int | None
    ruling_summary: str
    checker: str
    first_seen: str | None
    hours_to_publication: float | None
    repeated: bool
    appearances: list[Appearance] = field(default_factory=list)


@dataclass(frozen=True)
class CorrectionNote:
    kind: str
    note: str
    at: str
    actor: str


@dataclass(frozen=True)
class CorrectionRow:
    claim_id: int
    url: str
    statement: str
    claimant: str
    rating: str
    status: str
    event: str  # "unpublished" if the claim was unpublished that week, else "corrected"
    notes: list[CorrectionNote]


@dataclass
class ReportData:
    week: Week
    filters: ReportFilters
    generated_at: datetime
    summary: dict[str, Any]
    previous: dict[str, Any]
    by_rating: list[dict[str, Any]]
    by_claimant: list[dict[str, Any]]
    by_source: list[dict[str, Any]]
    by_reviewer: list[dict[str, Any]]
    pending_by_source: list[dict[str, Any]]
    weekly_published: list[dict[str, Any]]

    @property
    def empty(self) -> bool:
        s = self.summary
        return not (s["published"] or s["corrected"] or s["unpublished"])

    def local(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        return value.astimezone(self.week.tz).isoformat(timespec="seconds")

    def claims(self) -> Iterator[ClaimRow]:
        """The claims published in the week, streamed (a new query on each call)."""
        rows = q.report_claim_rows(week=self.week, filters=self.filters)
        for _, group in itertools.groupby(rows, key=lambda r: r["id"]):
            yield self._claim(list(group))

    def corrections(self) -> Iterator[CorrectionRow]:
        """Claims corrected or unpublished in the week, one row per claim, streamed."""
        rows = q.report_correction_rows(week=self.week, filters=self.filters)
        for claim_id, group in itertools.groupby(rows, key=lambda r: r["claim_id"]):
            items = list(group)
            first = items[0]
            kinds = {r["kind"] for r in items}
            yield CorrectionRow(
                claim_id=claim_id,
                url=claim_public_url(claim_id),
                statement=first["claim__statement"],
                claimant=first["claim__claimant__name"] or q.NO_CLAIMANT,
                rating=first["claim__rating__label"] or "",
                status=first["claim__status"],
                event="unpublished" if "unpublication" in kinds else "corrected",
                notes=[
                    CorrectionNote(
                        kind=r["kind"],
                        note=r["note"],
                        at=self.local(r["created_at"]) or "",
                        actor=r["actor__username"] or q.SYSTEM_ACTOR,
                    )
                    for r in items
                ],
            )

    def _claim(self, rows: list[dict[str, Any]]) -> ClaimRow:
        r = rows[0]
        full_name = f"{r['checker__first_name'] or ''} {r['checker__last_name'] or ''}".strip()
        hours = None
        if r["first_seen"] is not None:
            hours = round((r["published_at"] - r["first_seen"]).total_seconds() / 3600, 1)
        appearances = [
            Appearance(
                quote_id=a["appearances__id"],
                outlet=a["appearances__article__source__name"] or q.NO_SOURCE,
                title=a["appearances__article__title"] or "",
                url=a["appearances__article__url"] or "",
                published_at=self.local(a["appearances__article__published_at"]),
            )
            for a in rows
            if a["appearances__id"] is not None
        ]
        articles = {a["appearances__article_id"] for a in rows if a["appearances__article_id"] is not None}
        return ClaimRow(
            id=r["id"],
            url=claim_public_url(r["id"]),
            published_at=self.local(r["published_at"]) or "",
            statement=r["statement"],
            claimant=r["claimant__name"] or q.NO_CLAIMANT,
            claimant_id=r["claimant_id"],
            rating=r["rating__label"] or "",
            rating_value=r["rating__value"],
            ruling_summary=ruling_summary(r["ruling"] or ""),
            checker=full_name or r["checker__username"] or "",
            first_seen=self.local(r["first_seen"]),
            hours_to_publication=hours,
            repeated=len(articles) > 1 or bool(r["matched"]),
            appearances=appearances,
        )


def report_build(
    *, week: Week, filters: ReportFilters | None = None, generated_at: datetime | None = None
) -> ReportData:
    """The report of ``week``: every figure now, the claim lists when a renderer reads them."""
    filters = filters or ReportFilters()
    return ReportData(
        week=week,
        filters=filters,
        generated_at=generated_at or timezone.now(),
        summary=q.report_week_summary(week=week, filters=filters),
        previous=q.report_week_summary(week=week.shifted(-1), filters=filters),
        by_rating=q.report_by_rating(week=week, filters=filters),
        by_claimant=q.report_by_claimant(week=week, filters=filters),
        by_source=q.report_by_source(week=week, filters=filters),
        by_reviewer=q.report_by_reviewer(week=week, filters=filters),
        pending_by_source=q.report_pending_by_source(week=week, filters=filters),
        weekly_published=q.report_weekly_published(week=week, filters=filters, weeks=WEEKS_IN_SERIES),
    )
