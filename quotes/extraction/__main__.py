"""Command line: ``python -m quotes.extraction < docs.jsonl > predictions.jsonl``.

Reads one JSON object per line (``{"id": ..., "text": ...}``) and writes one
``{"id": ..., "quotes": [...]}`` per input line, in the same order. A line
that is not valid JSON gets ``{"id": null, "quotes": [], "error": "..."}``
so that the output stays aligned with the input.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from quotes.extraction.engine import extract_quotes


def run(stdin: TextIO, stdout: TextIO) -> int:
    failures = 0
    for line in stdin:
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            text = doc.get("text") or ""
            if not isinstance(text, str):
                raise ValueError("'text' must be a string")
            quotes = [q.to_dict() for q in extract_quotes(text)]
            out = {"id": doc.get("id"), "quotes": quotes}
        except (ValueError, AttributeError) as exc:
            failures += 1
            out = {"id": None, "quotes": [], "error": str(exc)}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run(sys.stdin, sys.stdout))
