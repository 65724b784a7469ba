"""Reading an annotated corpus in the scorer's gold format (for the learning scripts)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def documents(paths: list[Path]) -> Iterator[dict[str, Any]]:
    """Each JSON document of each file, in order; blank lines are skipped."""
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def missing(paths: list[Path]) -> bool:
    """Print a clear error and return True when a corpus file does not exist."""
    absent = [p for p in paths if not p.exists()]
    if absent:
        print(f"corpus file not found: {', '.join(map(str, absent))}", file=sys.stderr)
    return bool(absent)
