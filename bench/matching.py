"""Claim matching: accuracy on the labelled set, and latency over 10k-1M quotes in PostgreSQL.

    python bench/matching.py                      # accuracy on tests/matching/*.jsonl
    python bench/matching.py --pairs FILE --ranking FILE
    python bench/matching.py --latency --database postgres://postgres@127.0.0.1:5432/claimtrack_bench \
        [--sizes 10000,100000,1000000] [--queries 30]

Accuracy: precision and recall at *same* and at *related or better*, the share of trap pairs
(a guard's trap, labelled related) wrongly called *same*, and top-1 on the ranking groups.
Latency: see ``bench/matching_latency.py``; it builds its own tables in the database given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LABELLED = ROOT / "tests" / "matching" / "labelled.jsonl"
RANKING = ROOT / "tests" / "matching" / "ranking.jsonl"
ORDER = {"same": 2, "related": 1, "different": 0, "none": 0}


def _load(path: Path) -> list[dict]:
    if not path.is_file():
        print(f"({path} not found: skipped)")
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pr(tp: int, predicted: int, gold: int) -> tuple[float, float]:
    return (tp / predicted if predicted else 1.0), (tp / gold if gold else 1.0)


def accuracy(pairs: list[dict], groups: list[dict], verbose: bool = False) -> dict[str, float]:
    from quotes.matching import ClaimText, rank, score_pair

    counts: Counter[str] = Counter()
    for row in pairs:
        s = score_pair(row["claim"], row["statement"])
        pred, gold = s.level.value, row["label"]
        counts["pred_same"] += pred == "same"
        counts["gold_same"] += gold == "same"
        counts["tp_same"] += pred == gold == "same"
        counts["pred_rel"] += ORDER[pred] >= 1
        counts["gold_rel"] += ORDER[gold] >= 1
        counts["tp_rel"] += ORDER[pred] >= 1 and ORDER[gold] >= 1
        counts["pred_exact_rel"] += pred == "related"
        counts["gold_exact_rel"] += gold == "related"
        counts["tp_exact_rel"] += pred == gold == "related"
        if row.get("kind") == "trap":
            counts["traps"] += 1
            counts["traps_same"] += pred == "same"
        if verbose and ORDER[pred] != ORDER[gold]:
            print(
                f"  {row['id']} gold={gold} pred={pred} {s.score:.3f} ({s.similarity:.3f}) guard={row.get('guard')}"
            )
            print(f"     C: {row['claim']}\n     S: {row['statement']}\n     {s.reasons()}")
    top1 = 0
    for g in groups:
        matches = rank(g["statement"], [ClaimText(c["id"], c["text"]) for c in g["claims"]])
        hit = bool(matches) and matches[0].claim == g["answer"]
        top1 += hit
        if verbose and not hit:
            print(
                f"  {g['id']} top-1 miss: {[(m.claim, m.level.value, m.score) for m in matches]} want {g['answer']}"
            )
    p_same, r_same = _pr(counts["tp_same"], counts["pred_same"], counts["gold_same"])
    p_rel, r_rel = _pr(counts["tp_rel"], counts["pred_rel"], counts["gold_rel"])
    p_xrel, r_xrel = _pr(counts["tp_exact_rel"], counts["pred_exact_rel"], counts["gold_exact_rel"])
    return {
        "pairs": len(pairs),
        "precision_same": p_same,
        "recall_same": r_same,
        "precision_related_or_same": p_rel,
        "recall_related_or_same": r_rel,
        "precision_related_exact": p_xrel,
        "recall_related_exact": r_xrel,
        "trap_pairs": counts["traps"],
        "traps_called_same": counts["traps_same"] / counts["traps"] if counts["traps"] else 0.0,
        "ranking_groups": len(groups),
        "top1": top1 / len(groups) if groups else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=Path, default=LABELLED)
    parser.add_argument("--ranking", type=Path, default=RANKING)
    parser.add_argument("--verbose", "-v", action="store_true", help="print every miss")
    parser.add_argument("--latency", action="store_true", help="also measure latency in PostgreSQL")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/claimtrack_bench")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=30)
    args = parser.parse_args()
    result = accuracy(_load(args.pairs), _load(args.ranking), verbose=args.verbose)
    print("accuracy on", args.pairs.name, "and", args.ranking.name)
    for key, value in result.items():
        print(f"  {key:28} {value:.3f}" if isinstance(value, float) else f"  {key:28} {value}")
    if args.latency:
        from bench.matching_latency import latency

        latency(args.database, [int(s) for s in args.sizes.split(",")], args.queries)


if __name__ == "__main__":
    main()
