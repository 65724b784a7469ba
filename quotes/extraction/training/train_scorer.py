"""Train the confidence scorer (``data/scorer.json``) on an annotated corpus.

    python -m quotes.extraction.training.train_scorer ../shared/corpus/polnear/train.jsonl

Runs the rules with no scorer and no threshold, labels each candidate by
whether it matches an annotated quote (character Jaccard >= 0.5 and the
right speaker, as the project's scorer counts it), fits a logistic model
over the candidate features (scikit-learn, L2), and picks the decision threshold
that maximises F1 on out-of-fold predictions (3 folds by document). Only the train split should be given.
The output holds feature names (rules, cue words, shapes) and weights.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from quotes.extraction.engine import collect_candidates
from quotes.extraction.labeller import LABELLER_PATH, load_labeller
from quotes.extraction.models import LearnedModels, models_in_use
from quotes.extraction.scorer import SCORER_PATH
from quotes.extraction.text import ALL_QUOTES
from quotes.extraction.training import build_lexicon, train_labeller
from quotes.extraction.training.corpus import documents, missing
from quotes.extraction.types import ExtractedQuote

_EDGE = ALL_QUOTES + " \t\r\n.,;:!?-\u2013\u2014()[]"
# Chosen by out-of-fold F1 on the train split (0.1-0.5 are within 0.001).
DEFAULT_C = 0.2
LEXICON_FOLDS = 3
_TITLES = {"mr", "mrs", "ms", "dr", "the", "president", "sen", "rep", "gov", "senator"}


def _chars(text: str, spans: list[list[int]] | list[tuple[int, int]]) -> frozenset[int]:
    out: set[int] = set()
    for s, e in spans:
        s, e = max(0, int(s)), min(len(text), int(e))
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        out.update(range(s, e))
    return frozenset(out)


def _name(name: str | None) -> str:
    words = re.findall(r"\w+", (name or "").lower())
    while words and words[0] in _TITLES:
        words.pop(0)
    return " ".join(words)


def _speaker_ok(quote: ExtractedQuote, gold: dict[str, Any]) -> bool:
    gs, ge = gold.get("speaker_start"), gold.get("speaker_end")
    ps, pe = quote.speaker_start, quote.speaker_end
    if gs is not None and ge is not None and ps is not None and pe is not None:
        if min(int(ge), pe) > max(int(gs), ps):
            return True
    names = [gold.get("speaker")] + list(gold.get("aliases", []))
    return bool(_name(quote.speaker)) and any(_name(quote.speaker) == _name(n) for n in names)


def examples(
    paths: list[Path], with_labeller: bool = True
) -> tuple[list[tuple[list[str], int, int, int]], int]:
    """(features, label, document, gold index or -1) per candidate, and the number of gold quotes.

    With ``with_labeller``, each fold's candidates are read with a labeller
    trained on the other folds, as the engine meets text its labeller never saw.
    """
    rows: list[tuple[list[str], int, int, int]] = []
    gold_total = 0
    docs = list(documents(paths))
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(LEXICON_FOLDS):
            # Candidates come from a lexicon that never saw their document.
            others = [d for n, d in enumerate(docs) if n % LEXICON_FOLDS != fold]
            models = LearnedModels(cues=build_lexicon.build(others))
            if with_labeller:
                path = Path(tmp) / f"labeller{fold}.crfsuite"
                with models_in_use(models):  # the labeller learns from that fold's rules
                    train_labeller.train(others, path)
                models = replace(models, labeller=load_labeller(path))
            for doc_no in range(fold, len(docs), LEXICON_FOLDS):
                gold_total += _label(docs[doc_no], doc_no, rows, models)
    return rows, gold_total


def _label(
    doc: dict[str, Any], doc_no: int, rows: list[tuple[list[str], int, int, int]], models: LearnedModels
) -> int:
    """Append the document's candidates, labelled; return its number of gold quotes."""
    text = doc["text"]
    golds = [(g, _chars(text, g.get("spans") or [[g["start"], g["end"]]])) for g in doc["quotes"]]
    for quote, feats in collect_candidates(text, models=models, threshold=0.0):
        chars = _chars(text, quote.spans)
        best, best_j = -1, 0.0
        for i, (_, gchars) in enumerate(golds):
            union = len(chars | gchars)
            j = len(chars & gchars) / union if union else 0.0
            if j > best_j:
                best, best_j = i, j
        if best_j >= 0.5 and golds[best][0].get("optional"):
            continue
        label = int(best_j >= 0.5 and _speaker_ok(quote, golds[best][0]))
        rows.append((feats, label, doc_no, best if label else -1))
    return sum(1 for g, _ in golds if not g.get("optional"))


def fit(rows: list[tuple[list[str], int, int, int]], c: float) -> dict[str, float]:
    """An L2-regularised logistic regression over binary features (scikit-learn's lbfgs).

    ``c`` is the inverse regularisation strength; "bias" is the unpenalised intercept.
    """
    labels = [label for _, label, _, _ in rows]
    if not rows or min(labels) == max(labels):
        # One class only (a tiny corpus): the bias alone says how often it holds.
        rate = (sum(labels) + 0.5) / (len(labels) + 1.0)
        return {"bias": math.log(rate / (1.0 - rate))}
    from scipy.sparse import csr_matrix  # training only: the engine itself needs neither
    from sklearn.linear_model import LogisticRegression

    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    pointers = [0]
    for feats, _, _, _ in rows:
        indices.extend(sorted({vocabulary.setdefault(f, len(vocabulary)) for f in feats if f != "bias"}))
        pointers.append(len(indices))
    matrix = csr_matrix(([1.0] * len(indices), indices, pointers), shape=(len(rows), len(vocabulary)))
    model = LogisticRegression(C=c, max_iter=5000).fit(matrix, labels)
    weights = {name: float(model.coef_[0][i]) for name, i in vocabulary.items()}
    weights["bias"] = float(model.intercept_[0])
    return weights


def save_weights(path: Path, weights: dict[str, float], payload: dict[str, Any]) -> dict[str, float]:
    """Write a model file: ``payload`` plus the weights that matter, rounded."""
    kept = {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= 0.01}
    path.write_text(json.dumps({**payload, "weights": kept}, indent=0) + "\n", encoding="utf-8")
    return kept


def _probability(weights: dict[str, float], feats: list[str]) -> float:
    z = max(-30.0, min(30.0, sum(weights.get(f, 0.0) for f in feats)))
    return 1.0 / (1.0 + math.exp(-z))


def out_of_fold(rows: list[tuple[list[str], int, int, int]], c: float, folds: int = 3) -> list[float]:
    """Each candidate's probability from a model that did not see its document."""
    probabilities = [0.0] * len(rows)
    for fold in range(folds):
        train = [r for r in rows if r[2] % folds != fold]
        weights = fit(train, c)
        for i, (feats, _, doc, _) in enumerate(rows):
            if doc % folds == fold:
                probabilities[i] = _probability(weights, feats)
    return probabilities


def best_threshold(
    rows: list[tuple[list[str], int, int, int]], probabilities: list[float], gold_total: int
) -> tuple[float, float]:
    scored = [(p, label, (doc, gold)) for p, (_, label, doc, gold) in zip(probabilities, rows)]
    best = (0.5, 0.0)
    for step in range(10, 80, 2):
        t = step / 100
        kept = [(label, key) for p, label, key in scored if p >= t]
        recalled = {key for label, key in kept if label}
        precision = sum(label for label, _ in kept) / len(kept) if kept else 0.0
        recall = len(recalled) / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[1]:
            best = (t, f1)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=SCORER_PATH)
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="inverse L2 strength")
    parser.add_argument("--labeller", type=Path, default=LABELLER_PATH, help="the engine's labeller file")
    args = parser.parse_args(argv)
    if missing(args.corpus):
        return 2
    # The labeller's candidates are scored only when the engine ships a labeller.
    rows, gold_total = examples(args.corpus, with_labeller=args.labeller.exists())
    # The threshold comes from out-of-fold probabilities: in-sample ones are overconfident.
    threshold, f1 = best_threshold(rows, out_of_fold(rows, args.c), gold_total)
    weights = fit(rows, args.c)
    payload = {
        "built_from": [p.name for p in args.corpus],
        "candidates": len(rows),
        "positives": sum(label for _, label, _, _ in rows),
        "threshold": threshold,
        "train_f1_estimate": round(f1, 4),
    }
    kept = save_weights(args.out, weights, payload)
    print(
        f"{len(rows)} candidates, {payload['positives']} positive; {len(kept)} weights; "
        f"threshold {threshold} (F1 estimate {f1:.3f}) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
