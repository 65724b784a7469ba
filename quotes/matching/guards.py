"""Guards: checkable details that make two similar sentences different claims.

Each guard is one function ``(claim, statement, pair) -> GuardFinding | None`` that reads the
facts of both sides and says, in words a fact-checker can check, what differs. A guard that
fires caps the pair at *related* and lowers its score (``scoring.GUARD_PENALTY``); two or more
usually push it below *related*, to no match. The registry ``GUARDS`` keeps their order, which
is only the order of the reasons shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import permutations

from rapidfuzz.fuzz import ratio

from quotes.matching.facts import content_positions
from quotes.matching.lexicon import (
    ANTONYM_PAIRS,
    MARKED_SCOPES,
    NEGATIVE_PREFIXES,
    PERSON_NOUNS,
    REPORTING_VERBS,
)
from quotes.matching.text import canonical, stem
from quotes.matching.types import Facts, GuardFinding, Quantity

# Verbs whose subject and object can swap without changing the claim ("A met B").
SYMMETRIC_KEYS = frozenset(stem(w) for w in "meet talk negotiate agree sign marry clash trade ally".split())
ROLE_WINDOW = 6  # a doer or a receiver stands at most this many tokens from its verb
# A preposition between a word and the verb makes it no doer or receiver ("membership of NATO").
PREPOSITIONS = frozenset(
    "of in on at for from with to into onto over under about after before during since through against".split()
)
NAME_FUZZ = 88  # rapidfuzz ratio from which two names of 6+ letters are one spelt two ways

_ANTONYMS = {(canonical(a), canonical(b)) for a, b in ANTONYM_PAIRS}
_ANTONYMS |= {(b, a) for a, b in _ANTONYMS}


def keys_match(a: str, b: str, names: bool = False) -> bool:
    """One term written two ways: equal keys; a demonym and its country ("armenian", "armenia");
    for names, a spelling variant ("karabakh", "karabagh")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3 and not short.isdigit():
        return True
    return names and len(short) >= 6 and ratio(a, b) >= NAME_FUZZ


@dataclass(frozen=True)
class Pair:
    """What both guards and the score need about a claim and a statement."""

    claim: Facts
    statement: Facts
    claim_pos: dict[str, list[int]]
    statement_pos: dict[str, list[int]]
    shared: frozenset[str]  # claim keys that the statement has (as claim keys)
    to_statement: dict[str, str]  # claim key -> the statement key it matched


def pair_of(claim: Facts, statement: Facts) -> Pair:
    cpos, spos = content_positions(claim), content_positions(statement)
    names = claim.names | statement.names
    to_statement: dict[str, str] = {}
    for key in cpos:
        if key in spos:
            to_statement[key] = key
            continue
        for other in spos:
            if keys_match(key, other, names=key in names or other in names):
                to_statement[key] = other
                break
    return Pair(claim, statement, cpos, spos, frozenset(to_statement), to_statement)


def _word(facts: Facts, positions: dict[str, list[int]], key: str) -> str:
    return facts.tokens[positions[key][0]].text


def _quantities_text(items: list[Quantity]) -> str:
    return ", ".join(f"'{q.text}'" for q in items)


def numbers_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """Both sides give a figure the other does not: '4%' vs '14%', 'a million' vs 'a hundred
    thousand', 'more than 4%' vs 'less than 4%'. A figure on one side only is extra detail."""
    ca = [q for q in claim.quantities if q.unit != "decade"]
    sb = [q for q in statement.quantities if q.unit != "decade"]
    only_c = [q for q in ca if not any(q.agrees(r) for r in sb)]
    only_s = [q for q in sb if not any(q.agrees(r) for r in ca)]
    if only_c and only_s:
        return GuardFinding("numbers", f"{_quantities_text(only_c)} vs {_quantities_text(only_s)}")
    return None


def dates_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """Both sides name a year, decade or date the other does not: 2020 vs 2022."""
    only_c = sorted(claim.years - statement.years)
    only_s = sorted(statement.years - claim.years)
    if only_c and only_s:
        return GuardFinding("dates", f"{', '.join(map(str, only_c))} vs {', '.join(map(str, only_s))}")
    dc = {q.value for q in claim.quantities if q.unit == "decade"}
    ds = {q.value for q in statement.quantities if q.unit == "decade"}
    if dc - ds and ds - dc:
        return GuardFinding("dates", f"the {int(min(dc - ds))}s vs the {int(min(ds - dc))}s")

    rc, rs = claim.relative_dates - statement.relative_dates, statement.relative_dates - claim.relative_dates
    if rc and rs:
        return GuardFinding("dates", f"'{min(rc)}' vs '{min(rs)}'")

    def agrees(d: int, others: frozenset[int]) -> bool:
        return any(d // 100 == o // 100 and (d % 100 == o % 100 or 0 in (d % 100, o % 100)) for o in others)

    mc = [d for d in claim.months if not agrees(d, statement.months)]
    ms = [d for d in statement.months if not agrees(d, claim.months)]
    if mc and ms:
        return GuardFinding("dates", "the month or day differs")
    return None


def _negated_key(facts: Facts, positions: dict[str, list[int]], key: str) -> bool:
    return positions[key][0] in facts.negated


def negation_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """A shared word is negated on one side only ('will leave' vs 'will not leave', 'never'),
    or carries a negative prefix on one side only ('legal' vs 'illegal')."""
    for key in sorted(pair.shared, key=lambda k: pair.claim_pos[k][0]):
        other = pair.to_statement[key]
        nc = _negated_key(claim, pair.claim_pos, key)
        ns = _negated_key(statement, pair.statement_pos, other)
        if nc != ns:
            word = _word(statement, pair.statement_pos, other)
            side = "the statement" if ns else "the claim"
            return GuardFinding("negation", f"'{word}' is negated in {side} only")
    for side_a, side_b, pos_a, pos_b in (
        (claim, statement, pair.claim_pos, pair.statement_pos),
        (statement, claim, pair.statement_pos, pair.claim_pos),
    ):
        for key, idx in pos_a.items():
            word = side_a.tokens[idx[0]].lower
            for prefix in NEGATIVE_PREFIXES:
                bare = word[len(prefix) :]
                if (
                    word.startswith(prefix)
                    and len(bare) >= 4
                    and canonical(bare) in pos_b
                    and key not in pos_b
                ):
                    return GuardFinding("negation", f"'{side_a.tokens[idx[0]].text}' vs '{bare}'")
    return None


def _all_positions(facts: Facts) -> dict[str, list[int]]:
    """Every word's key and where it stands, function words too ("more", "before", "below")."""
    positions: dict[str, list[int]] = {}
    for t in facts.tokens:
        if t.index not in facts.frame and not t.number:
            positions.setdefault(t.key, []).append(t.index)
    return positions


def opposites_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """One side has a word, the other its opposite ('rose' vs 'fell', 'won' vs 'lost', 'more'
    vs 'fewer', 'before' vs 'after'), unless one of them is negated ('did not win' is 'lost')."""
    cpos, spos = _all_positions(claim), _all_positions(statement)
    for a in cpos:
        for b in spos:
            if (a, b) in _ANTONYMS and b not in cpos and a not in spos:
                if cpos[a][0] in claim.negated or spos[b][0] in statement.negated:
                    continue
                ca, sb = claim.tokens[cpos[a][0]].text, statement.tokens[spos[b][0]].text
                return GuardFinding("opposites", f"'{ca}' vs '{sb}'")
    return None


def modality_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """A shared verb is asserted on one side and only possible, planned, required or future
    on the other: 'could' vs 'did', 'will leave' vs 'threatened to leave'."""
    for key in sorted(pair.shared, key=lambda k: pair.claim_pos[k][0]):
        other = pair.to_statement[key]
        mc = claim.modality.get(pair.claim_pos[key][0], "asserted")
        ms = statement.modality.get(pair.statement_pos[other][0], "asserted")
        if mc != ms:
            word = _word(statement, pair.statement_pos, other)
            return GuardFinding("modality", f"'{word}' is {mc} in the claim, {ms} in the statement")
    return None


def scope_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """A shared noun is quantified differently: 'every province' vs 'most provinces', 'only
    Russia' vs 'Russia'. 'All provinces' vs bare 'provinces' is left alone."""
    for key in sorted(pair.shared, key=lambda k: pair.claim_pos[k][0]):
        other = pair.to_statement[key]
        sc = claim.scope.get(pair.claim_pos[key][0])
        ss = statement.scope.get(pair.statement_pos[other][0])
        if sc == ss:
            continue
        if {sc, ss} == {"one", "some"}:
            continue  # "a hospital" and "some hospitals": both existential
        if (sc and ss) or (sc or ss) in MARKED_SCOPES:
            word = _word(statement, pair.statement_pos, other)
            return GuardFinding(
                "scope",
                f"'{word}': {sc or 'unquantified'} in the claim, {ss or 'unquantified'} in the statement",
            )
    return None


def _extended_names(facts: Facts) -> set[str]:
    """Names, plus a capitalised word at a sentence start ("Russia helped ..."): only a name in
    the same slot on the other side makes it count, so a capitalised common word is harmless."""
    return set(facts.names) | {
        t.key
        for t in facts.tokens
        if (t.initial_cap or t.lower.split("'")[0] in PERSON_NOUNS)
        and t.content
        and t.index not in facts.frame
    }


def _neighbours(facts: Facts, index: int) -> tuple[str, str]:
    """Keys of the nearest content words before and after a token (outside the frame)."""
    words = [t for t in facts.tokens if t.content and t.index not in facts.frame]
    at = next((n for n, t in enumerate(words) if t.index == index), None)
    if at is None:
        return "", ""
    left = words[at - 1].key if at > 0 else ""
    right = words[at + 1].key if at + 1 < len(words) else ""
    return left, right


def entities_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """A name on one side stands where the other side has another name: 'Russia helped
    Azerbaijan' vs 'Belarus helped Azerbaijan'. A name on one side only is extra detail."""
    nc, ns = _extended_names(claim), _extended_names(statement)
    only_c = [k for k in nc if not any(keys_match(k, o, names=True) for o in ns | set(pair.statement_pos))]
    only_s = [k for k in ns if not any(keys_match(k, o, names=True) for o in nc | set(pair.claim_pos))]
    mapped = {v: k for k, v in pair.to_statement.items()}
    for a in only_c:
        ia = pair.claim_pos[a][0]
        la, ra = _neighbours(claim, ia)
        for b in only_s:
            lb, rb = _neighbours(statement, pair.statement_pos[b][0])
            if (la and mapped.get(lb) == la) or (ra and mapped.get(rb) == ra):
                return GuardFinding(
                    "entities", f"'{claim.tokens[ia].text}' vs '{_word(statement, pair.statement_pos, b)}'"
                )
    return None


def _role(facts: Facts, word: int, verb: int, phrase: frozenset[str]) -> tuple[str, str]:
    """A word's role around a verb: which side it stands on and the preposition that leads its
    phrase ("to the Armenian government" -> ("after", "to"); "in the health service" reads
    past "health", a word of the same shared phrase, and "of 40,000 nurses" past the figure).
    In a passive with "by", the agent after "by" is the doer and the subject the receiver."""
    side = "before" if word < verb else "after"
    prep = ""
    for i in range(word - 1, max(-1, word - 5), -1):
        t = facts.tokens[i]
        if t.lower in PREPOSITIONS or t.lower == "by":
            prep = t.lower
            break
        if t.content and not t.name and not t.number and t.key not in phrase:
            break
    if verb in facts.passive:
        if (side, prep) == ("after", "by"):
            return "before", ""
        if (side, prep) == ("before", ""):
            return "after", ""
    return side, prep


def roles_guard(claim: Facts, statement: Facts, pair: Pair) -> GuardFinding | None:
    """Who did what to whom: two words around a shared verb swap roles ('A rammed B' vs 'B
    rammed A', 'A sells wheat to B' vs 'B sells wheat to A'); a passive with 'by' keeps them."""
    keys = [k for k in pair.shared if claim.tokens[pair.claim_pos[k][0]].lower not in REPORTING_VERBS]
    cpos = {k: pair.claim_pos[k][0] for k in keys}
    spos = {k: pair.statement_pos[pair.to_statement[k]][0] for k in keys}
    for p in keys:
        if p in SYMMETRIC_KEYS:
            continue
        near = [
            k
            for k in keys
            if k != p
            and 0 < abs(cpos[k] - cpos[p]) <= ROLE_WINDOW
            and 0 < abs(spos[k] - spos[p]) <= ROLE_WINDOW
        ]
        for a, b in permutations(near, 2):
            if not cpos[a] < cpos[p] < cpos[b]:
                continue  # a doer before the verb and a receiver after it, in the claim
            phrase = frozenset(keys) - {p}
            ra, rb = _role(claim, cpos[a], cpos[p], phrase), _role(claim, cpos[b], cpos[p], phrase)
            if ra == rb or ra[0] != "before" or ra[1]:
                continue  # only a doer (before the verb, no preposition) can swap with another role
            sa, sb = _role(statement, spos[a], spos[p], phrase), _role(statement, spos[b], spos[p], phrase)
            if sa == rb and sb == ra:
                verb = claim.tokens[cpos[p]].text
                ta, tb = claim.tokens[cpos[a]].text, claim.tokens[cpos[b]].text
                return GuardFinding("roles", f"'{ta} {verb} {tb}' vs '{tb} {verb} {ta}'")
    return None


Guard = Callable[[Facts, Facts, Pair], GuardFinding | None]

# Figures first (the commonest trap), then what is asserted about them, then who.
GUARDS: tuple[Guard, ...] = (
    numbers_guard,
    dates_guard,
    negation_guard,
    opposites_guard,
    modality_guard,
    scope_guard,
    entities_guard,
    roles_guard,
)


def run_guards(claim: Facts, statement: Facts, pair: Pair) -> list[GuardFinding]:
    return [f for f in (guard(claim, statement, pair) for guard in GUARDS) if f is not None]
