"""The JSON report: the documented structure (docs/reports.md, schema.json), streamed.

Keys keep one order and the claims one per line, so that the same data gives the same
bytes apart from ``generated_at``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from quotes.reports.builder import SCHEMA, SCHEMA_VERSION, ReportData


def report_head(data: ReportData) -> dict[str, Any]:
    week, previous = data.week, data.week.shifted(-1)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_at": data.local(data.generated_at),
        "week": {
            "iso": week.iso,
            "start": data.local(week.start),
            "end": data.local(week.end),
            "time_zone": str(week.tz),
        },
        "filters": data.filters.as_dict(),
        "empty": data.empty,
        "summary": data.summary,
        "previous_week": {
            "iso": previous.iso,
            "start": data.local(previous.start),
            "end": data.local(previous.end),
            "summary": data.previous,
        },
        "counts": {
            "by_rating": data.by_rating,
            "by_claimant": data.by_claimant,
            "by_source": data.by_source,
        },
        "review": {"by_reviewer": data.by_reviewer, "pending_by_source": data.pending_by_source},
        "weekly_published": data.weekly_published,
    }


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_write(data: ReportData, out: TextIO) -> None:
    head = json.dumps(report_head(data), ensure_ascii=False, indent=2)
    out.write(head[: head.rindex("}")].rstrip() + ",\n")
    lists: tuple[tuple[str, Iterable[Any]], ...] = (
        ("claims", data.claims()),
        ("corrections", data.corrections()),
    )
    for key, rows in lists:
        out.write(f'  "{key}": [')
        for i, row in enumerate(rows):
            out.write(("," if i else "") + "\n    " + _dump(asdict(row)))
        out.write("\n  ]" + ("," if key == "claims" else "") + "\n")
    out.write("}\n")
