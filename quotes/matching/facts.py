"""What a sentence asserts, as far as the guards need it: figures, dates, names, negation,
modality, scope, passive verbs, and its reporting frame.

>>> f = read_facts("Armenia will not leave the CSTO, Pashinyan said.")
>>> sorted(f.tokens[i].lower for i in f.negated), sorted(f.modality.values())
(['leave'], ['future'])
"""

from __future__ import annotations

from functools import lru_cache

from quotes.matching.lexicon import (
    ABILITY_WORDS,
    FUTURE_PHRASES,
    INTENT_VERBS,
    IRREGULAR,
    MODAL_REACH,
    MODALS,
    NECESSITY_PHRASES,
    NEGATING_VERBS,
    NEGATION_REACH,
    NEGATORS,
    QUANTIFIER_PHRASES,
    QUANTIFIER_REACH,
    QUANTIFIERS,
    REPORTING_VERBS,
)
from quotes.matching.lexicon_figures import APPROXIMATORS
from quotes.matching.numbers import read_numbers
from quotes.matching.text import tokenize
from quotes.matching.types import Facts, Token

LIGHT_VERBS = frozenset("take make give have get hold put do become remain".split())
_BE = frozenset("is are was were be been being am get gets got gotten".split())
_FRAME_WORDS = frozenset(
    "the he she they it we i his her their its a an that prime minister president".split()
)
_FRAME_REACH = 7  # a reporting frame is at most this many tokens before its verb


def _governed(tokens: tuple[Token, ...], i: int, reach: int, skip: frozenset[int]) -> int | None:
    """The first content token after i within ``reach`` tokens: what a negator or modal binds."""
    for j in range(i + 1, min(len(tokens), i + 1 + reach)):
        # An adverb ("seriously damage") does not take the negation or the modal; its verb does.
        if tokens[j].content and j not in skip and not tokens[j].lower.endswith("ly"):
            return j
    return None


def _frame(tokens: tuple[Token, ...]) -> set[int]:
    """Indices of a reporting frame: 'X said (that) ...' at the start, '..., X said' at the end."""
    frame: set[int] = set()

    def frame_word(t: Token) -> bool:
        return t.initial_cap or t.lower in _FRAME_WORDS

    for r, t in enumerate(tokens[: _FRAME_REACH + 1]):
        if t.lower in REPORTING_VERBS:
            if r > 0 and all(frame_word(x) for x in tokens[:r]):
                frame.update(range(r + 1))
                if r + 1 < len(tokens) and tokens[r + 1].lower == "that":
                    frame.add(r + 1)
            break
    n = len(tokens)
    for r in range(n - 1, max(-1, n - 6), -1):
        if tokens[r].lower in REPORTING_VERBS:
            # "..., Pashinyan said." / "..., said the prime minister.": the frame starts at
            # the clause break before it.
            after = tokens[r + 1 :]
            before = r
            while (
                not tokens[before].clause_start
                and before > 0
                and frame_word(tokens[before - 1])
                and r - before < 5
            ):
                before -= 1
            if tokens[before].clause_start and before > 0 and all(frame_word(x) for x in after):
                frame.update(range(before, n))
            break
    return frame if len(frame) < n else set()


def _negated(tokens: tuple[Token, ...], skip: set[int]) -> set[int]:
    out: set[int] = set()
    for i, t in enumerate(tokens):
        if i in skip:
            continue
        if t.lower in NEGATORS or t.lower in NEGATING_VERBS:
            j = _governed(tokens, i, NEGATION_REACH, frozenset(skip))
            if j is not None:
                out.add(j)
    return out


def _modality(tokens: tuple[Token, ...], skip: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    frozen = frozenset(skip)
    for i, t in enumerate(tokens):
        if i in skip:
            continue
        nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        kind = MODALS.get(t.lower)
        if (t.lower, nxt) in FUTURE_PHRASES and i > 0 and tokens[i - 1].lower in _BE | {"'s", "'re", "'m"}:
            kind = "future"  # "is going to close"; "the money going to libraries" is no future
        elif (t.lower, nxt) in NECESSITY_PHRASES:
            kind = "necessary"
        elif t.lower in INTENT_VERBS and nxt == "to":
            kind = "intent"
        elif t.lower in ABILITY_WORDS and nxt == "to":
            kind = "ability"
        if kind is None:
            continue
        j = _governed(tokens, i + (1 if nxt == "to" else 0), MODAL_REACH, frozen)
        if j is not None and j not in out:
            out[j] = kind
            # A light verb passes the modal on to its noun: "will take control" -> "control"
            # (not an intent: "promised to hold a referendum" is "promised a referendum").
            if tokens[j].lower in LIGHT_VERBS and kind != "intent":
                k = _governed(tokens, j, 3, frozen)
                if k is not None:
                    out.setdefault(k, kind)
    return out


def _scope(tokens: tuple[Token, ...], skip: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    frozen = frozenset(skip)
    i = 0
    while i < len(tokens):
        pair = (tokens[i].lower, tokens[i + 1].lower if i + 1 < len(tokens) else "")
        kind, width = QUANTIFIER_PHRASES.get(pair), 2
        if kind is None:
            kind, width = QUANTIFIERS.get(tokens[i].lower), 1
        # "some 1,200 jobs", "a million people": part of the figure, not a quantifier.
        before_number = (
            i + width < len(tokens) and (i + width) in skip and tokens[i].lower in APPROXIMATORS | {"a", "an"}
        )
        if kind is not None and i not in skip and not before_number:
            j = _governed(tokens, i + width - 1, QUANTIFIER_REACH, frozen)
            if j is not None:
                out.setdefault(j, kind)
        i += width if kind else 1
    return out


def _passive(tokens: tuple[Token, ...]) -> set[int]:
    """Participles in a passive with an agent: 'B was rammed by A' (A is the doer)."""
    out: set[int] = set()
    for p, t in enumerate(tokens):
        participle = t.lower.endswith(("ed", "en")) or t.lower in IRREGULAR
        if not participle or not t.content:
            continue
        be_before = any(tokens[j].lower in _BE for j in range(max(0, p - 3), p))
        by_after = any(tokens[j].lower == "by" for j in range(p + 1, min(len(tokens), p + 6)))
        if be_before and by_after:
            out.add(p)
    return out


@lru_cache(maxsize=4096)
def read_facts(text: str) -> Facts:
    tokens = tokenize(text)
    frame = _frame(tokens)
    numbers = read_numbers(tokens)
    skip = frame | numbers.consumed
    names = frozenset(t.key for t in tokens if t.name and t.index not in skip and t.content)
    return Facts(
        tokens=tokens,
        quantities=tuple(numbers.quantities),
        years=frozenset(numbers.years),
        months=frozenset(numbers.dates),
        relative_dates=frozenset(numbers.relative),
        names=names,
        negated=frozenset(_negated(tokens, frame)),
        modality=_modality(tokens, frame),
        scope=_scope(tokens, skip),
        passive=frozenset(_passive(tokens)),
        frame=frozenset(skip),
    )


def content_positions(facts: Facts) -> dict[str, list[int]]:
    """Where each content key stands (outside the frame and the figures)."""
    positions: dict[str, list[int]] = {}
    for t in facts.tokens:
        if t.content and t.index not in facts.frame:
            positions.setdefault(t.key, []).append(t.index)
    return positions
