"""The three formats: CSV read back with the csv module, JSON against its schema, HTML escaped."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

import quotes.reports
from quotes.models import ClaimCorrection
from quotes.reports.builder import report_build
from quotes.reports.csv import BOM, COLUMNS, csv_write
from quotes.reports.html import html_write
from quotes.reports.json import json_write
from quotes.reports.weeks import week_parse, zone
from tests.factories import ArticleFactory, QuoteFactory, SourceFactory, SpeakerFactory
from tests.reports.conftest import published

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(quotes.reports.__file__).parent / "schema.json").read_text())
DOCS = Path(__file__).resolve().parents[2] / "docs" / "reports.md"
AT = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
NASTY = [
    '=HYPERLINK("http://evil.example","click")',
    "+1 million jobs",
    "-5% growth",
    "@SUM(A1:A9)",
    "\tindented",
    "\rreturn",
    'He said "no", then yes,\nand then:\r\nmaybe',
    "Plain statement, with a comma",
]


def _week(iso: str = "2026-W47"):
    return week_parse(iso, tz=zone("Europe/Berlin"))


def _render(writer, week=None, **kw) -> str:
    out = io.StringIO(newline="")
    writer(report_build(week=week or _week(), generated_at=AT), out, **kw)
    return out.getvalue()


@pytest.fixture
def nasty_week():
    speaker = SpeakerFactory(name='Dr. "Evil" <b>Bold</b> & Co')
    article = ArticleFactory(
        source=SourceFactory(name="<i>Outlet</i>"),
        title="</title><script>alert('t')</script>",
        url="https://news.example/a?x=1&y=<2>",
    )
    bad_link = ArticleFactory(url=None, title="pasted")
    claims = [
        published(
            at=AT + timedelta(minutes=i),
            statement=text,
            claimant=speaker,
            quotes=[QuoteFactory(article=article), QuoteFactory(article=bad_link)],
            ruling="<script>alert(1)</script> Checked & <b>false</b>.",
            first_seen=AT - timedelta(hours=2),
        )
        for i, text in enumerate(NASTY)
    ]
    ClaimCorrection.objects.create(claim=claims[0], kind="correction", note="=cmd|' /C calc'!A0 <img src=x>")
    ClaimCorrection.objects.filter(claim=claims[0]).update(created_at=AT + timedelta(hours=1))
    return claims


def test_csv_reads_back_with_the_csv_module_and_neutralises_formulas(nasty_week) -> None:
    rows = list(csv.DictReader(io.StringIO(_render(csv_write), newline="")))
    published_rows = [r for r in rows if r["event"] == "published"]
    assert [r["statement"] for r in published_rows] == ["'" + t if t[0] in "=+-@\t\r" else t for t in NASTY]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    first = published_rows[0]
    assert first["claimant"] == 'Dr. "Evil" <b>Bold</b> & Co'
    assert first["repeated"] == "yes"
    assert first["appearance_count"] == "2"
    assert first["appearance_links"] == "https://news.example/a?x=1&y=<2>"
    assert first["hours_to_publication"] == "2.0"
    assert first["published_at"] == "2026-11-18T11:00:00+01:00"
    corrected = [r for r in rows if r["event"] == "corrected"]
    assert len(corrected) == 1
    assert corrected[0]["note"] == "correction: =cmd|' /C calc'!A0 <img src=x>"


def test_csv_has_the_documented_columns_and_crlf_rows(nasty_week) -> None:
    text = _render(csv_write)
    assert text.split("\r\n", 1)[0] == ",".join(COLUMNS)
    documented = DOCS.read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column}` |" in documented, f"column {column} is not documented in docs/reports.md"


def test_csv_bom_only_when_asked() -> None:
    assert _render(csv_write, bom=True).startswith(BOM + "event,")
    assert _render(csv_write).startswith("event,")


def test_an_empty_week_csv_has_the_header_only() -> None:
    assert _render(csv_write).strip() == ",".join(COLUMNS)


def test_json_matches_its_documented_schema(nasty_week) -> None:
    document = json.loads(_render(json_write))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["schema_version"] == "1.0"
    assert [c["statement"] for c in document["claims"]] == NASTY  # JSON keeps the text as it is
    assert document["corrections"][0]["notes"][0]["note"].startswith("=cmd")
    assert document["week"] == {
        "iso": "2026-W47",
        "start": "2026-11-16T00:00:00+01:00",
        "end": "2026-11-23T00:00:00+01:00",
        "time_zone": "Europe/Berlin",
    }


def test_an_empty_week_json_is_valid_and_says_empty() -> None:
    document = json.loads(_render(json_write))
    jsonschema.validate(document, SCHEMA)
    assert document["empty"] is True
    assert document["claims"] == [] and document["corrections"] == []


def test_html_escapes_every_text_and_links_only_http(nasty_week) -> None:
    page = _render(html_write)
    assert "<script" not in page
    assert "<b>Bold</b>" not in page and "Dr. &quot;Evil&quot; &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Checked &amp; &lt;b&gt;false&lt;/b&gt;." in page
    assert "&lt;/title&gt;&lt;script&gt;" in page
    assert "<i>Outlet</i>" not in page and "&lt;i&gt;Outlet&lt;/i&gt;" in page
    assert "<img" not in page
    assert 'href="https://news.example/a?x=1&amp;y=&lt;2&gt;"' in page
    assert "He said &quot;no&quot;, then yes," in page


def test_html_is_self_contained_with_two_inline_svg_charts(nasty_week) -> None:
    page = _render(html_write)
    assert page.count("<svg") == 2
    assert "<title>Ratings this week</title>" in page
    assert "<title>Claims published per week</title>" in page
    outside_svg = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
    assert not re.search(r"""(src|href)=["'](?!https://news\.example|https://example\.org)""", outside_svg)
    assert "<link" not in outside_svg and "@import" not in outside_svg
    assert not re.search(r"<\s*script|javascript:|\son[a-z]+=", page, flags=re.I)


def test_an_empty_week_html_says_so_and_still_draws_its_charts() -> None:
    page = _render(html_write)
    assert "No claims were published, corrected or unpublished in this week." in page
    assert page.count("<svg") == 2


@pytest.mark.parametrize("writer", [csv_write, json_write, html_write])
def test_same_data_same_bytes_apart_from_the_generation_time(nasty_week, writer) -> None:
    week = _week()
    first = io.StringIO(newline="")
    writer(report_build(week=week, generated_at=AT), first)
    second = io.StringIO(newline="")
    writer(report_build(week=week, generated_at=AT + timedelta(days=3)), second)
    stamp = re.compile(r"2026-11-(18|21)T11:00:00\+01:00")
    a, b = first.getvalue(), second.getvalue()
    if writer is csv_write:
        assert a == b  # the CSV carries no generation time
    else:
        assert a != b
        assert stamp.sub("T", a.replace("2026-11-18T11:00:00+01:00", "GEN", 1)) == stamp.sub(
            "T", b.replace("2026-11-21T11:00:00+01:00", "GEN", 1)
        )
