"""Train the content-end model (``data/boundaries.json``) on an annotated corpus.

    python -m quotes.extraction.training.train_boundaries ../shared/corpus/polnear/train.jsonl

For every reported-speech candidate whose content starts where an annotated
quote starts, the boundary closest to the annotated end is the positive
example and the other boundaries are negatives; a logistic model is fitted
over the boundary features (boundaries.py). Only the train split should be
given. The output holds feature names (boundary words and shapes) and weights.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotes.extraction import boundaries
from quotes.extraction.engine import collect_candidates
from quotes.extraction.models import LearnedModels
from quotes.extraction.text import ALL_QUOTES, tokenize
from quotes.extraction.training.corpus import documents, missing
from quotes.extraction.training.train_scorer import fit, save_weights

_EDGE = ALL_QUOTES + " \t\r\n.,;:!?-\u2013\u2014()[]"
_RULES = ("after", "after+that", "participle", "participle+that", "coordinated", "coordinated+that")
TOLERANCE = 2
START_TOLERANCE = 6  # the annotation may include a leading "that"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def examples(paths: list[Path]) -> list[tuple[list[str], int, int, int]]:
    rows: list[tuple[list[str], int, int, int]] = []
    # The rules' full spans: contents not yet ended by the model being trained.
    full_spans = LearnedModels(content_ends=False)
    for doc_no, doc in enumerate(documents(paths)):
        text = doc["text"]
        golds = [
            _trimmed(text, *g["spans"][0]) if g.get("spans") else _trimmed(text, g["start"], g["end"])
            for g in doc["quotes"]
            if not g.get("optional") and len(g.get("spans") or [0]) == 1
        ]
        for quote, _ in collect_candidates(text, models=full_spans, threshold=0.0):
            if quote.rule not in _RULES or len(quote.spans) != 1:
                continue
            qs, qe = _trimmed(text, *quote.spans[0])
            gold = next(
                (g for g in golds if abs(g[0] - qs) <= START_TOLERANCE and qs < g[1] <= qe + TOLERANCE),
                None,
            )
            if gold is None:
                continue
            tokens = tokenize(text, quote.spans[0][0], quote.spans[0][1])
            ends = boundaries.positions(tokens, 0, len(tokens))
            ends_at = [_trimmed(text, quote.spans[0][0], tokens[k - 1].end)[1] if k else qs for k in ends]
            best = min(range(len(ends)), key=lambda n: abs(ends_at[n] - gold[1]))
            if abs(ends_at[best] - gold[1]) > TOLERANCE:
                continue
            cue = (quote.cue or "").lower()
            introduced = quote.rule.endswith("+that")
            counts = boundaries.word_counts(tokens, 0, len(tokens))
            for n, k in enumerate(ends):
                feats = boundaries.features(tokens, 0, k, len(tokens), cue, introduced, n, counts)
                rows.append((feats, int(n == best), doc_no, -1))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=boundaries.BOUNDARY_PATH)
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    args = parser.parse_args(argv)
    if missing(args.corpus):
        return 2
    rows = examples(args.corpus)
    weights = fit(rows, args.c)
    payload = {
        "built_from": [p.name for p in args.corpus],
        "boundaries": len(rows),
        "ends": sum(label for _, label, _, _ in rows),
    }
    kept = save_weights(args.out, weights, payload)
    print(f"{payload['ends']} annotated ends among {len(rows)} boundaries; {len(kept)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
