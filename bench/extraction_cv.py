"""K-fold estimate of the engine's accuracy on text its learned files never saw.

    python bench/extraction_cv.py ../shared/corpus/polnear/train.jsonl ../shared/eval/score_quotes.py

For each fold (documents by line number modulo K), every learned file is
rebuilt from the other folds (``make learn``'s steps, in order; with ``--labeller``, ``make learn-labeller``'s), the
engine extracts from the held-out fold, and the shared scorer scores it. The
shipped learned files are put back at the end, whatever happens. Prints each
fold's e2e F1 and their mean.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "quotes" / "extraction" / "data"
LEARNERS = ("build_lexicon", "train_boundaries", "train_scorer")
# With --labeller: ``make learn-labeller``'s steps.
LABELLER_LEARNERS = ("build_lexicon", "train_boundaries", "train_labeller", "train_scorer")


def run_fold(
    lines: list[str], fold: int, folds: int, scorer: Path, work: Path, learners: tuple[str, ...]
) -> float:
    learn = work / f"learn{fold}.jsonl"
    held = work / f"held{fold}.jsonl"
    learn.write_text("".join(line for n, line in enumerate(lines) if n % folds != fold), encoding="utf-8")
    held.write_text("".join(line for n, line in enumerate(lines) if n % folds == fold), encoding="utf-8")
    for name in learners:
        subprocess.run(
            [sys.executable, "-m", f"quotes.extraction.training.{name}", str(learn)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    predictions = work / f"pred{fold}.jsonl"
    with held.open("rb") as fin, predictions.open("wb") as fout:
        subprocess.run(
            [sys.executable, "-m", "quotes.extraction"], stdin=fin, stdout=fout, cwd=ROOT, check=True
        )
    out = subprocess.run(
        [sys.executable, str(scorer), str(held), str(predictions)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"^e2e_f1=([0-9.]+)", out, re.M)
    if found is None:
        raise SystemExit(f"the scorer printed no e2e_f1= line:\n{out}")
    return float(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="an annotated split (never the test split)")
    parser.add_argument("scorer", type=Path, help="score_quotes.py")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--labeller", action="store_true", help="train and use the sequence labeller too")
    args = parser.parse_args()
    lines = [
        line for line in args.corpus.read_text(encoding="utf-8").splitlines(keepends=True) if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(DATA, work / "shipped")
        try:
            learners = LABELLER_LEARNERS if args.labeller else LEARNERS
            scores = [
                run_fold(lines, fold, args.folds, args.scorer, work, learners) for fold in range(args.folds)
            ]
        finally:
            for path in (work / "shipped").iterdir():
                shutil.copy2(path, DATA / path.name)
            if not (work / "shipped" / "labeller.crfsuite").exists():
                (DATA / "labeller.crfsuite").unlink(missing_ok=True)
    print(" / ".join(f"{s:.4f}" for s in scores))
    print(f"{args.folds}-fold e2e_f1={sum(scores) / len(scores):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
