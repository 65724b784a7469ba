"""Batch matching of JSON lines, shared by ``manage.py match_claims`` and
``python -m quotes.matching --against FILE`` (the latter needs no Django at all).

Input: one ``{"id": ..., "text": ...}`` object per line. Output: one line per valid input,
``{"id": ..., "matches": [{"claim": ID, "score": S, "level": "same"|"related",
"reasons": [...]}]}``, best first, at most five. A bad line is reported on stderr with its
line number and skipped; the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from quotes.matching.memory import MemoryIndex
from quotes.matching.types import ClaimText, Match, Thresholds

MAX_MATCHES = 5


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


class BadLine(ValueError):
    pass


def parse_line(line: str) -> tuple[Any, str]:
    """The id and text of one input line, or BadLine saying what is wrong."""
    try:
        obj = json.loads(line.lstrip("\ufeff"))  # a byte-order mark on the first line is no error
    except json.JSONDecodeError as exc:
        raise BadLine(f"not JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise BadLine("not a JSON object")
    if "id" not in obj:
        raise BadLine('no "id"')
    if not isinstance(obj.get("text"), str):
        raise BadLine('"text" must be a string')
    if isinstance(obj["id"], dict | list):
        raise BadLine('"id" must be a string or a number')
    return obj["id"], obj["text"]


def read_records(lines: Iterable[str], source: str, err: Writer) -> Iterator[tuple[Any, str]]:
    """Valid (id, text) records; each bad line is reported on ``err`` and skipped."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_line(line)
        except BadLine as exc:
            err.write(f"{source} line {number}: {exc}; skipped\n")


def load_claims(path: str, err: Writer) -> list[ClaimText]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [ClaimText(claim=cid, text=text) for cid, text in read_records(fh, path, err)]


def match_lines(
    lines: Iterable[str],
    matcher: Callable[[str], list[Match]],
    out: Writer,
    err: Writer,
    source: str = "stdin",
) -> tuple[int, int]:
    """Match every valid line with ``matcher`` and print the result; (done, bad) counts."""
    done = bad = 0

    class Counter:
        def write(self, text: str) -> None:
            nonlocal bad
            bad += 1
            err.write(text)

    for record_id, text in read_records(lines, source, Counter()):
        matches = matcher(text)[:MAX_MATCHES]
        # ASCII JSON: valid whatever the encoding of the terminal or pipe.
        out.write(json.dumps({"id": record_id, "matches": [m.to_dict() for m in matches]}) + "\n")
        flush = getattr(out, "flush", None)
        if flush is not None:  # a transcript's lines come out as they are matched
            flush()
        done += 1
    return done, bad


def against_file(path: str, thresholds: Thresholds | None, err: Writer) -> Callable[[str], list[Match]]:
    index = MemoryIndex(load_claims(path, err))
    return lambda text: index.match(text, thresholds, limit=MAX_MATCHES)
