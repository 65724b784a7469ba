"""Rebuild ``data/cues.json`` from an annotated corpus in the scorer's gold format.

    python -m quotes.extraction.training.build_lexicon ../shared/corpus/polnear/train.jsonl

For every lower-case word form it counts how often the form occurs in the
corpus and how often it is (part of) an annotated cue, and keeps the forms
that are cues often enough. The output holds word forms and two numbers per
form, never corpus text. Only the train split should be given, so that the
dev and test figures stay honest.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quotes.extraction.lexicon import (
    AUXILIARIES,
    DATA_DIR,
    DAY_AND_TIME_WORDS,
    DETERMINERS,
    NP_BREAKERS,
    PERSONAL_PRONOUNS,
)
from quotes.extraction.training.corpus import documents, missing

_WORD_RE = re.compile(r"[A-Za-z]+(?:[\u2019'][a-z]+)?")
MIN_CUE_COUNT = 1
MIN_CUE_SHARE = 0.1
# Mostly capitalised forms are names ("Trump"), not cues.
MAX_CAPITALISED_SHARE = 0.5
_STOP = AUXILIARIES | DETERMINERS | NP_BREAKERS | PERSONAL_PRONOUNS | DAY_AND_TIME_WORDS


def count(docs: Iterable[dict[str, Any]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    seen: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for doc in docs:
        text = doc["text"]
        for m in _WORD_RE.finditer(text):
            word = m.group()
            seen[word.lower()] += 1
            if word[0].isupper():
                capitalised[word.lower()] += 1
        for quote in doc.get("quotes", []):
            start, end = quote.get("cue_start"), quote.get("cue_end")
            if start is None or end is None:
                continue
            for m in _WORD_RE.finditer(text, start, end):
                cued[m.group().lower()] += 1
    return seen, capitalised, cued


def build(docs: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Word form -> share of its occurrences that are (part of) an annotated cue."""
    seen, capitalised, cued = count(docs)
    cues = {}
    for word, n_cued in cued.items():
        total = seen[word]
        if n_cued < MIN_CUE_COUNT or not total or word in _STOP:
            continue
        if capitalised[word] / total > MAX_CAPITALISED_SHARE:
            continue
        share = n_cued / total
        if share >= MIN_CUE_SHARE:
            cues[word] = round(min(share, 1.0), 3)
    return dict(sorted(cues.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "cues.json")
    args = parser.parse_args(argv)
    if missing(args.corpus):
        return 2
    cues = build(documents(args.corpus))
    payload = {
        "built_from": [p.name for p in args.corpus],
        "min_cue_count": MIN_CUE_COUNT,
        "min_cue_share": MIN_CUE_SHARE,
        "cues": cues,
    }
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(cues)} cue forms written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
