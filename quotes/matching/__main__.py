"""python -m quotes.matching --against CLAIMS.jsonl < statements.jsonl (no Django, no DB)."""

from __future__ import annotations

import argparse
import io
import sys

from quotes.matching.cli import against_file, match_lines
from quotes.matching.types import Thresholds


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m quotes.matching", description=__doc__)
    parser.add_argument("--against", required=True, help='claims, one {"id", "text"} per line')
    parser.add_argument("--same", type=float, default=Thresholds().same)
    parser.add_argument("--related", type=float, default=Thresholds().related)
    args = parser.parse_args()
    try:
        matcher = against_file(args.against, Thresholds(same=args.same, related=args.related), sys.stderr)
    except OSError as exc:
        sys.stderr.write(f"{args.against}: {exc.strerror or exc}\n")
        return 2
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    _, bad = match_lines(stdin, matcher, sys.stdout, sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
