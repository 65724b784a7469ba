"""Plain data the matcher takes and returns. No Django here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    SAME = "same"  # likely the same claim
    RELATED = "related"  # possibly related
    NONE = "none"  # no match


LEVEL_ORDER = {Level.SAME: 2, Level.RELATED: 1, Level.NONE: 0}


@dataclass(frozen=True)
class Thresholds:
    """Scores from which a pair is *same* or *related* (settings MATCHING_SAME / _RELATED)."""

    same: float = 0.58
    related: float = 0.32

    def __post_init__(self) -> None:
        if not 0.0 <= self.related <= self.same <= 1.0:
            raise ValueError("thresholds need 0 <= related <= same <= 1")


@dataclass(frozen=True)
class Token:
    text: str  # as written
    lower: str
    key: str  # canonical: stem, then synonym group (numbers as written)
    index: int
    name: bool  # looks like a name (capitalised inside a sentence, or an acronym)
    initial_cap: bool
    content: bool  # counts for similarity (not a function word)
    number: bool
    clause_start: bool = False  # first token after a sentence start, a comma, a dash


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "" (a count), "%", "USD", "ord" (an ordinal), "x" (a multiple)...
    bound: str  # "=" exact or about, ">" at least, "<" at most
    text: str  # as written, for the explanation

    def agrees(self, other: Quantity) -> bool:
        # "twice" and "two occasions": a multiple and a bare count of the same value agree.
        units = {self.unit, other.unit}
        if not (len(units) == 1 or units == {"x", ""}):
            return False
        # "a third" (33.33...%) is "33%" or "33.3%"; figures given to one decimal must be equal.
        inexact = any(abs(v * 10 - round(v * 10)) > 1e-6 for v in (self.value, other.value))
        tolerance = 0.7 if inexact and self.unit == "%" else 1e-9 * max(1.0, abs(self.value))
        if abs(self.value - other.value) > tolerance:
            return False
        return self.bound == other.bound or "=" in (self.bound, other.bound)


@dataclass(frozen=True)
class Facts:
    """What the guards compare: read once per text."""

    tokens: tuple[Token, ...]
    quantities: tuple[Quantity, ...]
    years: frozenset[int]
    months: frozenset[int]
    relative_dates: frozenset[str]  # "last year", "this week", "yesterday"
    names: frozenset[str]  # keys of name tokens
    negated: frozenset[int]  # indices of tokens under a negator
    modality: dict[int, str]  # token index -> modal class
    scope: dict[int, str]  # token index -> quantifier class
    passive: frozenset[int]  # indices of verbs in a passive ("was rammed by")
    frame: frozenset[int]  # the reporting frame ("Pashinyan said that") and figures: not content


@dataclass(frozen=True)
class GuardFinding:
    guard: str  # numbers, dates, negation, modality, opposites, entities, roles, scope
    reason: str


@dataclass(frozen=True)
class PairScore:
    score: float  # in [0, 1], after the guards
    similarity: float  # before the guards
    level: Level
    shared: tuple[str, ...]  # shared terms as written in the statement
    findings: tuple[GuardFinding, ...] = ()
    notes: tuple[str, ...] = ()  # differences no guard acted on

    def reasons(self) -> list[str]:
        out = []
        if self.shared:
            out.append("shared terms: " + ", ".join(self.shared[:12]))
        out.extend(f"{f.guard} guard: {f.reason}" for f in self.findings)
        out.extend(self.notes)
        if self.findings and self.level is not Level.NONE:
            out.append(
                f"level capped at {self.level.value} by the {', '.join(f.guard for f in self.findings)} guard"
            )
        return out


@dataclass(frozen=True)
class ClaimText:
    """A claim (or an approved quote carrying it) to match against."""

    claim: Any  # the claim's id
    text: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    claim: Any
    score: float
    level: Level
    reasons: list[str]
    text: str = ""  # the wording that matched best

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "score": round(self.score, 3),
            "level": self.level.value,
            "reasons": self.reasons,
        }
