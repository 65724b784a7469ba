"""python manage.py claim_report: by hand, backfill and custom exports."""

import csv
import json
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from quotes.models import Report
from tests.factories import SpeakerFactory
from tests.reports.conftest import published

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("claim_report", *args, stdout=out)
    return out.getvalue()


def test_all_formats_for_a_week(tmp_path) -> None:
    published(at=datetime(2026, 11, 18, tzinfo=UTC), statement="@everyone 3 million")
    output = _run("--week", "2026-W47", "--format", "all", "--output", str(tmp_path / "out"))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"claimtrack-report-2026-W47.{ext}" for ext in ("csv", "html", "json")]
    assert "2026-W47" in output and "1 published" in output
    rows = list(
        csv.reader((tmp_path / "out" / "claimtrack-report-2026-W47.csv").open(newline="", encoding="utf-8"))
    )
    assert rows[1][3] == "'@everyone 3 million"


def test_one_format_with_a_bom(tmp_path) -> None:
    _run("--week", "2026-W47", "--format", "csv", "--bom", "--output", str(tmp_path))
    (path,) = tmp_path.iterdir()
    assert path.read_bytes().startswith(b"\xef\xbb\xbfevent,")


@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)
def test_default_week_is_the_last_complete_one_and_an_empty_week_is_fine(tmp_path) -> None:
    output = _run("--output", str(tmp_path))
    assert "2026-W47" in output and "(empty week)" in output
    document = json.loads((tmp_path / "claimtrack-report-2026-W47.json").read_text())
    assert document["empty"] is True


def test_filters_name_the_file_and_restrict_the_claims(tmp_path) -> None:
    mary = SpeakerFactory(name="Mary Major")
    mine = published(at=datetime(2026, 11, 18, tzinfo=UTC), claimant=mary, rating_value=2)
    published(at=datetime(2026, 11, 18, tzinfo=UTC), rating_value=2)
    _run(
        "--week",
        "2026-W47",
        "--format",
        "json",
        "--speaker",
        "Mary Major",
        "--rating",
        "Mostly false",
        "--output",
        str(tmp_path),
    )
    (path,) = tmp_path.iterdir()
    assert path.name == f"claimtrack-report-2026-W47-speaker-{mary.id}-rating-2.json"
    document = json.loads(path.read_text())
    assert [c["id"] for c in document["claims"]] == [mine.id]
    assert document["filters"]["speaker"] == {"id": mary.id, "name": "Mary Major"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--week", "2026-W60"], "not an ISO week"),
        (["--speaker", "Nobody Atall"], "No speaker matches"),
        (["--source", "Nowhere"], "No source matches"),
        (["--format", "pdf"], "invalid choice"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(tmp_path, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        _run(*args, "--output", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_an_output_folder_or_store_is_required() -> None:
    with pytest.raises(CommandError, match="--output"):
        _run("--week", "2026-W47")


def test_store_saves_the_weeks_report_and_refuses_filters(tmp_path) -> None:
    assert "stored: Report 2026-W47" in _run("--week", "2026-W47", "--store")
    _run("--week", "2026-W47", "--store")
    assert Report.objects.count() == 1
    with pytest.raises(CommandError, match="drop the filters"):
        _run("--week", "2026-W47", "--store", "--rating", "1")
