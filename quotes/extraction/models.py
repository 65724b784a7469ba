"""The engine's learned models, passed in as one object.

``load_models()`` reads the shipped files under ``data/`` once per process;
the training scripts build their own ``LearnedModels`` (a scorer left out,
a labeller trained on other folds) and pass it to the engine, so no module
switch is ever flipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from quotes.extraction.labeller import Labeller, load_labeller
from quotes.extraction.scorer import Scorer, load_scorer


@dataclass(frozen=True)
class LearnedModels:
    """The confidence scorer and the sequence labeller; either may be missing."""

    scorer: Scorer | None = None
    labeller: Labeller | None = None


# Rules only: no labeller, the hand-written confidence.
RULES_ONLY = LearnedModels()


@lru_cache(maxsize=1)
def load_models() -> LearnedModels:
    """The shipped models (``data/scorer.json``, ``data/labeller.crfsuite``)."""
    return LearnedModels(scorer=load_scorer(), labeller=load_labeller())
