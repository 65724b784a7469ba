"""Claim matching: does a new statement repeat a claim already checked? Pure Python, no Django.

>>> from quotes.matching import ClaimText, rank
>>> [m.claim for m in rank("Armenia will quit the CSTO", [ClaimText(1, "Armenia will leave the CSTO")])]
[1]

The database-backed parts (candidate finder, stored matches, selectors, services) live in
``index``, ``models``, ``selectors`` and ``services`` of this package and import Django; this
module and ``text``, ``numbers``, ``facts``, ``guards``, ``scoring`` and ``types`` do not.
"""

from quotes.matching.scoring import rank, score_pair
from quotes.matching.types import ClaimText, GuardFinding, Level, Match, PairScore, Thresholds

__all__ = ["ClaimText", "GuardFinding", "Level", "Match", "PairScore", "Thresholds", "rank", "score_pair"]
