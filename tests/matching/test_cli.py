"""match_claims --against FILE and python -m quotes.matching: the batch contract, no database."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]

CLAIMS = [
    {"id": "c-csto", "text": "CSTO members helped Azerbaijan prepare for the 2020 war."},
    {"id": 7, "text": "Armenia will leave the Collective Security Treaty Organization."},
    {"id": "c-rates", "text": "The central bank raised interest rates three times this year."},
]
STATEMENTS = [
    {
        "id": "s1",
        "text": "Pashinyan said again that CSTO countries had assisted Azerbaijan in getting ready for the war of 2020.",
    },
    {"id": "s2", "text": "CSTO members helped Azerbaijan prepare for the 2021 war."},
    {"id": "s3", "text": "CSTO members did not help Azerbaijan prepare for the 2020 war."},
    {"id": 4, "text": "The weather will be sunny tomorrow."},
]


@pytest.fixture
def claims_file(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in CLAIMS) + "\n{broken\n", encoding="utf-8")
    return path


def _run(claims_file, lines):
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("\n".join(lines) + "\n")
    try:
        call_command("match_claims", against=str(claims_file), stdin=stdin, stdout=out, stderr=err)
        failed = None
    except CommandError as exc:
        failed = str(exc)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), failed


def test_against_file_prints_one_line_per_statement_best_first(claims_file):
    # No django_db mark: any database access would fail this test.
    rows, err, failed = _run(claims_file, [json.dumps(s) for s in STATEMENTS])
    assert [r["id"] for r in rows] == ["s1", "s2", "s3", 4]
    by_id = {r["id"]: r["matches"] for r in rows}
    first = by_id["s1"][0]
    assert first["claim"] == "c-csto" and first["level"] == "same" and 0 <= first["score"] <= 1
    assert any("shared terms" in r for r in first["reasons"])
    assert by_id["s2"][0]["level"] == "related" and "dates guard: 2020 vs 2021" in by_id["s2"][0]["reasons"]
    assert by_id["s3"][0]["level"] == "related" and any(
        "negation guard" in r for r in by_id["s3"][0]["reasons"]
    )
    assert by_id[4] == []
    for matches in by_id.values():
        assert len(matches) <= 5
        assert set(m["level"] for m in matches) <= {"same", "related"}
        scores = [(m["level"] == "same", m["score"]) for m in matches]
        assert scores == sorted(scores, reverse=True)
        for m in matches:
            assert set(m) == {"claim", "score", "level", "reasons"}
    assert "claims.jsonl line 4" in err  # the broken claim line is reported, the rest used
    assert failed is None


def test_bad_statement_lines_are_reported_and_the_rest_go_on(claims_file):
    lines = [
        "not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": 2, "text": 5}),
        "[1, 2]",
        json.dumps(STATEMENTS[0]),
    ]
    rows, err, failed = _run(claims_file, lines)
    assert [r["id"] for r in rows] == ["s1"]
    assert "stdin line 1: not JSON" in err and 'stdin line 2: no "id"' in err
    assert 'stdin line 3: "text" must be a string' in err and "stdin line 4: not a JSON object" in err
    assert failed == "4 bad input line(s) skipped"


def test_a_missing_claims_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("match_claims", against=str(tmp_path / "nope.jsonl"), stdin=io.StringIO(""))


def test_python_m_quotes_matching_needs_no_django(claims_file):
    code = (
        "import sys, runpy; sys.argv = ['x', '--against', sys.argv[1]]; "
        "runpy.run_module('quotes.matching', run_name='__main__'); "
    )
    check = "import sys; assert 'django' not in sys.modules"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import atexit; atexit.register(lambda: exec({check!r})); {code}",
            str(claims_file),
        ],
        cwd=ROOT,
        input=json.dumps(STATEMENTS[0]) + "\n",
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["matches"][0]["claim"] == "c-csto"
