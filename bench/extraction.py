"""Throughput of the extraction engine on a JSON-lines corpus, one process.

    python bench/extraction.py ../shared/corpus/polnear/dev.jsonl [--repeat 3]

Prints articles/s and MB/s with loading excluded (texts already in memory,
lexicon already loaded) and included (a fresh interpreter importing the
engine and reading the file), the peak memory of the run, and the time for
10 KB, 100 KB and 1 MB of run-on text (reported speech with no sentence end,
as in a transcript without punctuation), which should grow linearly.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line).get("text") or "" for line in fh if line.strip()]


def warm(texts: list[str], repeat: int) -> tuple[float, int]:
    from quotes.extraction import extract_quotes

    extract_quotes(texts[0] if texts else "")  # loads the lexicon
    best = float("inf")
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = sum(len(extract_quotes(text)) for text in texts)
        best = min(best, time.perf_counter() - started)
    return best, found


def cold(path: Path) -> float:
    started = time.perf_counter()
    with path.open("rb") as fh:
        subprocess.run(
            [sys.executable, "-m", "quotes.extraction"],
            stdin=fh,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
            check=True,
        )
    return time.perf_counter() - started


RUN_ON = "the minister said that the plan would work and he added that taxes would rise, "


def run_on(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)) -> list[tuple[int, float, int]]:
    """Seconds to extract from run-on text of each size (one try each: the big one takes a while)."""
    from quotes.extraction import extract_quotes

    rows = []
    for size in sizes:
        text = (RUN_ON * (size // len(RUN_ON) + 1))[:size]
        started = time.perf_counter()
        found = len(extract_quotes(text))
        rows.append((size, time.perf_counter() - started, found))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-run-on", action="store_true", help="skip the run-on text lines")
    args = parser.parse_args()
    texts = load(args.corpus)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    seconds, found = warm(texts, args.repeat)
    tracemalloc.start()
    warm(texts[:50], 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total = cold(args.corpus)
    print(f"corpus: {args.corpus.name}: {len(texts)} articles, {megabytes:.2f} MB, {found} quotes found")
    print(
        f"load excluded: {len(texts) / seconds:.1f} articles/s, {megabytes / seconds:.2f} MB/s "
        f"(best of {args.repeat}, {seconds:.2f} s)"
    )
    print(
        f"load included: {len(texts) / total:.1f} articles/s, {megabytes / total:.2f} MB/s "
        f"(python -m quotes.extraction, {total:.2f} s)"
    )
    print(f"peak Python memory while extracting 50 articles: {peak / 1e6:.1f} MB")
    if not args.no_run_on:
        for size, secs, found in run_on():
            print(
                f"run-on text {size // 1000:>5} KB: {secs:6.2f} s, {secs / size * 1e6:.1f} us per character "
                f"({found} quotes)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
