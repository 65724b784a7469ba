"""The HTML report: one self-contained printable page (inline CSS and SVG, no script, no
network). Every value from the database goes through ``escape``; links only for http(s)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from django.utils.html import escape

from quotes.reports.builder import SCHEMA_VERSION, ClaimRow, CorrectionRow, ReportData
from quotes.reports.charts import ratings_chart, weekly_chart

TOP_CLAIMANTS = 15

STYLE = """
body{font:14px/1.45 "DejaVu Sans",Helvetica,Arial,sans-serif;color:#1f2933;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;border-bottom:2px solid #2f6f9f;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#52606d}.empty{background:#fff8e1;border:1px solid #e0c36b;padding:.6rem 1rem;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #d9e2ec;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.claim{border:1px solid #d9e2ec;border-left:4px solid #2f6f9f;padding:.5rem .8rem;margin:.8rem 0;page-break-inside:avoid;break-inside:avoid}
.claim blockquote{margin:.2rem 0 .4rem;font-size:1.05rem;font-weight:bold}
.rating{display:inline-block;background:#2f6f9f;color:#fff;padding:0 .4rem;border-radius:3px}
.claim ul{margin:.3rem 0;padding-left:1.2rem}.small{font-size:.85rem;color:#52606d}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-weight:bold;margin-bottom:.3rem}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}a{color:inherit}}
"""

SUMMARY_ROWS = (
    ("published", "Claims published"),
    ("new_claims", "New claims (one article)"),
    ("repeated_claims", "Repeated claims (several articles)"),
    ("median_hours_to_publication", "Median hours from first appearance to publication"),
    ("corrected", "Claims corrected"),
    ("unpublished", "Claims unpublished"),
    ("quotes_approved", "Quotes approved"),
    ("quotes_rejected", "Quotes rejected"),
)


def _e(value: Any) -> str:
    return str(escape("" if value is None else value))


def _link(url: str, text: str) -> str:
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(text or url)}</a>'
    return _e(text or url)


def _table(headers: Iterable[tuple[str, bool]], rows: Iterable[Iterable[Any]], empty: str) -> str:
    head = "".join(f'<th class="n">{_e(h)}</th>' if n else f"<th>{_e(h)}</th>" for h, n in headers)
    numeric = [n for _, n in headers]
    body = "".join(
        "<tr>"
        + "".join(f'<td class="n">{_e(v)}</td>' if n else f"<td>{_e(v)}</td>" for v, n in zip(r, numeric))
        + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>" if body else f"<p>{_e(empty)}</p>"


def _change(now: Any, before: Any) -> str:
    if isinstance(now, int | float) and isinstance(before, int | float):
        diff = round(now - before, 1)
        return f"+{diff}" if diff > 0 else str(diff)
    return ""


def _header(data: ReportData) -> str:
    week = data.week
    filters = [f"{k}: {v.get('name') or v.get('label')}" for k, v in data.filters.as_dict().items() if v]
    days = f"Monday {week.monday:%d %b %Y} 00:00 to Monday {week.end.date():%d %b %Y} 00:00"
    parts = [
        f"<h1>Claim report {_e(week.iso)}</h1>",
        f'<p class="meta">{_e(days)} ({_e(str(week.tz))}) · generated {_e(data.local(data.generated_at))}</p>',
    ]
    if filters:
        parts.append(f'<p class="meta">Custom export, {_e("; ".join(filters))}</p>')
    if data.empty:
        parts.append('<p class="empty">No claims were published, corrected or unpublished in this week.</p>')
    return "".join(parts)


def _summary(data: ReportData) -> str:
    rows = [
        (label, data.summary[key], data.previous[key], _change(data.summary[key], data.previous[key]))
        for key, label in SUMMARY_ROWS
    ]
    headers = [("", False), (data.week.iso, True), (data.week.shifted(-1).iso, True), ("change", True)]
    return "<h2>Summary</h2>" + _table(headers, rows, "")


def _charts(data: ReportData) -> str:
    return (
        '<h2>Charts</h2><div class="cols">'
        f"<figure><figcaption>Ratings this week</figcaption>{ratings_chart(data.by_rating)}</figure>"
        "<figure><figcaption>Claims published per week (last 12 weeks)</figcaption>"
        f"{weekly_chart(data.weekly_published)}</figure></div>"
    )


def _claim(c: ClaimRow) -> str:
    appearances = "".join(
        f"<li>{_e(a.outlet)}: {_link(a.url, a.title or a.url or 'article')}"
        + (f' <span class="small">{_e(a.published_at)}</span>' if a.published_at else "")
        + "</li>"
        for a in c.appearances
    )
    delay = "" if c.hours_to_publication is None else f" · {c.hours_to_publication} h after first appearance"
    return (
        f'<div class="claim"><div class="small">#{c.id} · {_e(c.claimant)}'
        f"{' · repeated' if c.repeated else ''}</div>"
        f"<blockquote>{_e(c.statement)}</blockquote>"
        f'<p><span class="rating">{_e(c.rating)}</span> {_e(c.ruling_summary)}</p>'
        f'<p class="small">Checked by {_e(c.checker or "—")} · published {_e(c.published_at)}{_e(delay)} · '
        f"{_link(c.url, 'claim page')}</p>"
        + (f"<ul>{appearances}</ul>" if appearances else '<p class="small">No appearances recorded.</p>')
        + "</div>"
    )


def _correction(c: CorrectionRow) -> str:
    notes = "".join(
        f"<li><strong>{_e(n.kind)}</strong> {_e(n.at)} by {_e(n.actor)}: {_e(n.note)}</li>" for n in c.notes
    )
    return (
        f'<div class="claim"><div class="small">#{c.claim_id} · {_e(c.claimant)} · {_e(c.event)}</div>'
        f"<blockquote>{_e(c.statement)}</blockquote><ul>{notes}</ul></div>"
    )


def _counts(data: ReportData) -> str:
    claimants = data.by_claimant[:TOP_CLAIMANTS]
    more = len(data.by_claimant) - len(claimants)
    return (
        '<h2>Counts</h2><div class="cols"><div><h3>By rating</h3>'
        + _table(
            [("rating", False), ("claims", True)],
            ((r["rating"], r["claims"]) for r in data.by_rating),
            "No rating scale.",
        )
        + "<h3>By source</h3>"
        + _table(
            [("source", False), ("claims", True)],
            ((r["source"], r["claims"]) for r in data.by_source),
            "None.",
        )
        + "</div><div><h3>By claimant</h3>"
        + _table(
            [("claimant", False), ("claims", True)],
            ((r["claimant"], r["claims"]) for r in claimants),
            "None.",
        )
        + (f'<p class="small">and {more} more claimants (see the CSV or JSON).</p>' if more > 0 else "")
        + "</div></div>"
    )


def _review(data: ReportData) -> str:
    return (
        '<h2>Quote review</h2><div class="cols"><div><h3>Reviewed this week</h3>'
        + _table(
            [("reviewer", False), ("approved", True), ("rejected", True)],
            ((r["reviewer"], r["approved"], r["rejected"]) for r in data.by_reviewer),
            "No quotes were reviewed in this week.",
        )
        + "</div><div><h3>Waiting for review at the end of the week</h3>"
        + _table(
            [("source", False), ("pending", True)],
            ((r["source"], r["pending"]) for r in data.pending_by_source),
            "No quotes waiting.",
        )
        + "</div></div>"
    )


def html_write(data: ReportData, out: TextIO) -> None:
    out.write(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Claim report {_e(data.week.iso)}</title><style>{STYLE}</style></head><body>\n"
    )
    out.write(_header(data) + "\n" + _summary(data) + "\n" + _charts(data) + "\n")
    out.write("<h2>Claims published</h2>\n")
    count = 0
    for claim in data.claims():
        out.write(_claim(claim) + "\n")
        count += 1
    if not count:
        out.write("<p>No claims were published in this week.</p>\n")
    out.write("<h2>Corrections and unpublications</h2>\n")
    count = 0
    for correction in data.corrections():
        out.write(_correction(correction) + "\n")
        count += 1
    if not count:
        out.write("<p>No claims were corrected or unpublished in this week.</p>\n")
    out.write(_counts(data) + "\n" + _review(data) + "\n")
    out.write(f'<p class="small">claimtrack weekly claim report, schema {SCHEMA_VERSION}</p></body></html>\n')
