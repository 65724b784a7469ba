"""The engine's command-line contract: JSON lines in, JSON lines out, same order."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from quotes.extraction.__main__ import run

ROOT = Path(__file__).resolve().parents[2]


def test_each_input_line_gets_one_output_line_in_order() -> None:
    docs = [
        {"id": "a", "text": '"We will leave," Nikol Pashinyan said.'},
        {"id": "b", "text": ""},
        {"id": 3, "text": "Jane Doe said that prices would fall."},
    ]
    out = io.StringIO()
    assert run(io.StringIO("\n".join(json.dumps(d) for d in docs) + "\n"), out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", 3]
    quote = lines[0]["quotes"][0]
    assert quote["speaker"] == "Nikol Pashinyan"
    assert quote["spans"] == [[quote["start"], quote["end"]]]
    assert quote["kind"] == "direct"
    assert set(quote) >= {
        "start",
        "end",
        "spans",
        "text",
        "kind",
        "speaker",
        "speaker_start",
        "speaker_end",
        "cue",
        "cue_start",
        "cue_end",
        "confidence",
    }
    assert lines[1]["quotes"] == []


def test_bad_line_is_reported_in_place_and_the_run_fails() -> None:
    out = io.StringIO()
    status = run(io.StringIO('{"id": 1, "text": "ok"}\nnot json\n{"id": 2, "text": 5}\n'), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 1
    assert len(lines) == 3
    assert "error" in lines[1] and "error" in lines[2]
    assert lines[0] == {"id": 1, "quotes": []}


def test_module_runs_from_the_command_line_without_django() -> None:
    code = (
        "import sys, runpy; sys.argv=['x']; "
        "import quotes.extraction; assert 'django' not in sys.modules, 'engine imported django'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    done = subprocess.run(
        [sys.executable, "-m", "quotes.extraction"],
        input='{"id": "x", "text": "\\"Yes,\\" Jane Doe said."}\n',
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(done.stdout)["quotes"][0]["speaker"] == "Jane Doe"
