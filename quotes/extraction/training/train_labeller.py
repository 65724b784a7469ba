"""Train the sequence labeller (``data/labeller.crfsuite``) on an annotated corpus.

    python -m quotes.extraction.training.train_labeller ../shared/corpus/polnear/train.jsonl

Reads each document as the engine does (paragraphs, quotation marks,
sentences, the rules' candidates) and makes one sequence per anchor: the
sentence's tokens with the anchor's features (labeller.py) and, as labels,
the annotated attribution whose cue holds the anchor (source, cue, content
tokens), or nothing when the anchor is no annotated cue. A linear-chain CRF
(python-crfsuite, L-BFGS with L1 and L2 penalties) is fitted over them;
training is deterministic. Only the train split should be given. The model
file holds feature names, word forms and weights, never corpus text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotes.extraction.attribution import attributions
from quotes.extraction.candidate import Candidate
from quotes.extraction.labeller import (
    CONTENT,
    CUE,
    LABELLER_PATH,
    OUTSIDE,
    SOURCE,
    anchor_features,
    quoted_mask,
    strengths,
    token_features,
    window,
)
from quotes.extraction.labelling import anchor_points, rule_readings
from quotes.extraction.text import (
    QuoteRegion,
    RegionIndex,
    Sentence,
    paragraph_regions,
    paragraphs,
    sentences,
)
from quotes.extraction.training.corpus import documents, missing

# L1 / L2 penalties and iterations: chosen on 3-fold cross-validation of the train split.
C1 = 0.05
C2 = 0.01
MAX_ITERATIONS = 60


@dataclass
class SentenceReading:
    """One sentence, its quotation regions and the rules' candidates in it."""

    sentence: Sentence
    regions: list[QuoteRegion]
    candidates: list[Candidate]


def read_sentences(text: str) -> Iterator[SentenceReading]:
    """The sentences of ``text`` as the engine cuts them, with the rules' candidates."""
    spans = paragraphs(text)
    for number, ((p_start, p_end), regions) in enumerate(zip(spans, paragraph_regions(text, spans))):
        index = RegionIndex(regions)
        for sentence in sentences(text, p_start, p_end, regions, number):
            local = index.within(sentence.start, sentence.end)
            yield SentenceReading(sentence, local, attributions(sentence, local))


def _labels(tokens: list[Any], gold: dict[str, Any] | None) -> list[str]:
    if gold is None:
        return [OUTSIDE] * len(tokens)
    spans = gold.get("spans") or [[gold["start"], gold["end"]]]
    cs, ce = gold.get("cue_start"), gold.get("cue_end")
    ss, se = gold.get("speaker_start"), gold.get("speaker_end")
    out = []
    for t in tokens:
        if cs is not None and cs <= t.start < ce:
            out.append(CUE)
        elif ss is not None and se is not None and ss <= t.start < se:
            out.append(SOURCE)
        elif any(s <= t.start < e for s, e in spans):
            out.append(CONTENT)
        else:
            out.append(OUTSIDE)
    return out


def sequences(docs: Iterable[dict[str, Any]]) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) for every anchor of every sentence."""
    for doc in docs:
        golds = [g for g in doc["quotes"] if g.get("cue_start") is not None]
        for reading in read_sentences(doc["text"]):
            tokens = reading.sentence.tokens
            quoted = quoted_mask(tokens, reading.regions)
            strength = strengths(tokens)
            base = token_features(tokens, quoted, strength)
            ruled = rule_readings(tokens, reading.candidates)
            for k in anchor_points(tokens, quoted, strength, ruled, reading.regions):
                at = tokens[k].start
                gold = next((g for g in golds if g["cue_start"] <= at < g["cue_end"]), None)
                if gold is not None and gold.get("optional"):
                    continue
                lo, hi = window(tokens, k, ruled.get(k))
                features = anchor_features(tokens, base, k, ruled.get(k), lo, hi)
                yield features, _labels(tokens[lo:hi], gold)


def train(docs: Iterable[dict[str, Any]], out: Path, c1: float = C1, c2: float = C2) -> int:
    """Fit the CRF on ``docs`` and write it to ``out``; returns the number of sequences."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for xseq, yseq in sequences(docs):
        trainer.append(xseq, yseq)
        count += 1
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": MAX_ITERATIONS,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    trainer.train(str(out))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=LABELLER_PATH)
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    args = parser.parse_args(argv)
    if missing(args.corpus):
        return 2
    count = train(documents(args.corpus), args.out, args.c1, args.c2)
    print(f"{count} anchored sequences -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
