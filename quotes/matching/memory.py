"""An in-memory index over a list of claims, for matching without a database
(``match_claims --against FILE``): only claims sharing a term with the statement are scored.
"""

from __future__ import annotations

from collections.abc import Iterable

from quotes.matching.facts import content_positions, read_facts
from quotes.matching.scoring import rank
from quotes.matching.types import ClaimText, Match, Thresholds

PREFIX = 5  # terms are indexed by their first letters, so "armenian" finds "armenia"


def _terms(text: str) -> set[str]:
    facts = read_facts(text)
    terms = {key[:PREFIX] for key in content_positions(facts)}
    terms |= {f"year:{y}" for y in facts.years}
    return terms


class MemoryIndex:
    def __init__(self, claims: Iterable[ClaimText]) -> None:
        self.claims = list(claims)
        self.postings: dict[str, list[int]] = {}
        for n, claim in enumerate(self.claims):
            for term in _terms(claim.text):
                self.postings.setdefault(term, []).append(n)

    def candidates(self, text: str) -> list[ClaimText]:
        found: set[int] = set()
        for term in _terms(text):
            found.update(self.postings.get(term, ()))
        return [self.claims[n] for n in sorted(found)]

    def match(self, text: str, thresholds: Thresholds | None = None, limit: int = 5) -> list[Match]:
        return rank(text, self.candidates(text), thresholds, limit=limit)
