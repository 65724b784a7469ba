"""The learned confidence: a logistic model over candidate features.

``data/scorer.json`` holds feature weights and the decision threshold,
trained on the PolNeAR train split by ``train_scorer.py`` (feature names
and numbers only). Without the file the engine falls back to its
hand-written confidence (engine._heuristic_confidence).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from quotes.extraction.lexicon import DATA_DIR

SCORER_PATH = DATA_DIR / "scorer.json"


@dataclass(frozen=True)
class Scorer:
    weights: dict[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        z = sum(map(self.weights.get, features, repeat(0.0)))
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_scorer() -> Scorer | None:
    if not SCORER_PATH.exists():
        return None
    data = json.loads(SCORER_PATH.read_text(encoding="utf-8"))
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    return Scorer(weights=weights, threshold=float(data["threshold"]))
