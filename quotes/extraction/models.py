"""The engine's learned models, passed in as one object.

``load_models()`` reads the shipped files under ``data/`` once per process;
the training scripts build their own ``LearnedModels`` (a scorer left out,
a labeller and a lexicon from other folds, no content-end model) and pass it
to the engine, so no module switch is ever flipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from quotes.extraction.boundaries import CONTENT_ENDS_IN_USE
from quotes.extraction.labeller import Labeller, load_labeller
from quotes.extraction.lexicon import CUES_IN_USE
from quotes.extraction.scorer import Scorer, load_scorer


@dataclass(frozen=True)
class LearnedModels:
    """Every learned part the engine reads. The scorer and the labeller may be missing; the
    cue lexicon left as None is the shipped ``data/cues.json``; ``content_ends`` False lets
    contents run to the clause's end instead of where ``data/boundaries.json`` ends them."""

    scorer: Scorer | None = None
    labeller: Labeller | None = None
    cues: Mapping[str, float] | None = None
    content_ends: bool = True


# Rules only: no labeller, the hand-written confidence (the shipped lexicon and content ends).
RULES_ONLY = LearnedModels()


@lru_cache(maxsize=1)
def load_models() -> LearnedModels:
    """The shipped models (``data/scorer.json``, ``data/labeller.crfsuite``)."""
    return LearnedModels(scorer=load_scorer(), labeller=load_labeller())


@contextmanager
def models_in_use(models: LearnedModels) -> Iterator[None]:
    """Within the block, the lexicon and the content-end model are those of ``models``."""
    cues = CUES_IN_USE.set(models.cues)
    ends = CONTENT_ENDS_IN_USE.set(models.content_ends)
    try:
        yield
    finally:
        CONTENT_ENDS_IN_USE.reset(ends)
        CUES_IN_USE.reset(cues)
