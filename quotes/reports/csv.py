"""The CSV report: one row per claim and event, stable columns (docs/reports.md), streamed.

UTF-8, RFC 4180 (CRLF line ends, fields quoted when needed). A text cell that a spreadsheet
would read as a formula (it begins with = + - @, a tab or a carriage return) is prefixed
with an apostrophe, as OWASP recommends against CSV injection.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from quotes.reports.builder import ClaimRow, CorrectionRow, ReportData

COLUMNS = (
    "event",
    "claim_id",
    "claim_url",
    "statement",
    "claimant",
    "rating",
    "rating_value",
    "ruling_summary",
    "checker",
    "published_at",
    "first_seen",
    "hours_to_publication",
    "repeated",
    "appearance_count",
    "outlets",
    "appearance_links",
    "note",
    "noted_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def cell(value: Any) -> Any:
    """A value safe for a spreadsheet: text that starts like a formula gets a leading ``'``.

    >>> cell("=1+1"), cell("-3 jobs"), cell(-3), cell(None)
    ("'=1+1", "'-3 jobs", -3, '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _claim_row(c: ClaimRow) -> list[Any]:
    return [
        "published",
        c.id,
        c.url,
        c.statement,
        c.claimant,
        c.rating,
        c.rating_value,
        c.ruling_summary,
        c.checker,
        c.published_at,
        c.first_seen,
        c.hours_to_publication,
        c.repeated,
        len(c.appearances),
        "; ".join(_unique(a.outlet for a in c.appearances)),
        " ".join(_unique(a.url for a in c.appearances)),
        "",
        "",
    ]


def _correction_row(c: CorrectionRow) -> list[Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    row.update(
        event=c.event,
        claim_id=c.claim_id,
        claim_url=c.url,
        statement=c.statement,
        claimant=c.claimant,
        rating=c.rating,
        note=" / ".join(f"{n.kind}: {n.note}" for n in c.notes),
        noted_at=c.notes[-1].at,
    )
    return [row[name] for name in COLUMNS]


def csv_write(data: ReportData, out: TextIO, *, bom: bool = False) -> None:
    """Write the report to ``out`` (a text stream opened with ``newline=""``)."""
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for claim in data.claims():
        writer.writerow([cell(v) for v in _claim_row(claim)])
    for correction in data.corrections():
        writer.writerow([cell(v) for v in _correction_row(correction)])
