"""The score of a claim against a statement, its level and its explanation.

>>> s = score_pair("Armenia will leave the CSTO", "Pashinyan said Armenia would quit the CSTO.")
>>> s.level.value
'same'
>>> score_pair("Armenia will leave the CSTO", "Armenia will not leave the CSTO").level.value
'related'
"""

from __future__ import annotations

from collections.abc import Iterable

from quotes.matching.facts import read_facts
from quotes.matching.guards import Pair, pair_of, run_guards
from quotes.matching.text import char_ngrams
from quotes.matching.types import LEVEL_ORDER, ClaimText, Facts, Level, Match, PairScore, Thresholds

# Weights, chosen on tests/matching/labelled.jsonl (see docs/matching.md for the figures).
NAME_WEIGHT = 1.0  # a name or acronym says more about which claim it is than a common word
FIGURE_WEIGHT = 1.5  # an agreeing figure or year likewise
SHORT_WEIGHT = 0.5  # two-letter words ("eu", "uk" are names and get NAME_WEIGHT instead)
CLAIM_SIDE = 0.65  # share of the score from how much of the claim the statement covers
CHAR_SHARE = 0.2  # share of the score from character trigrams (spelling, word forms)
GUARD_PENALTY = 0.85  # each guard that fires multiplies the score by this
BELOW_SAME = 0.01  # a capped pair scores at least this much under the *same* threshold


def _name_run(facts: Facts, index: int) -> int:
    """How many name tokens stand together around this one ("Collective Security Treaty
    Organization" is one name of four words)."""
    tokens, lo, hi = facts.tokens, index, index
    while lo > 0 and tokens[lo - 1].name:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].name:
        hi += 1
    return hi - lo + 1


def _weights(facts: Facts, pos: dict[str, list[int]]) -> dict[str, float]:
    out = {}
    for key, idx in pos.items():
        t = facts.tokens[idx[0]]
        if key in facts.names:
            # One name weighs NAME_WEIGHT however many words it has.
            out[key] = NAME_WEIGHT / _name_run(facts, idx[0])
        else:
            out[key] = FIGURE_WEIGHT if t.number else SHORT_WEIGHT if len(key) <= 2 else 1.0
    return out


def _figures(facts: Facts) -> set[str]:
    keys = {f"{q.unit}:{q.value:g}" for q in facts.quantities}
    return keys | {f"year:{y}" for y in facts.years} | {f"date:{d}" for d in facts.months}


def _figure_text(pair: Pair, key: str) -> str:
    for q in pair.statement.quantities:
        if f"{q.unit}:{q.value:g}" == key:
            return q.text
    return key.split(":", 1)[1]


def _coverage(pair: Pair) -> tuple[float, float]:
    """Weighted share of the claim's terms found in the statement, and the other way round."""
    wc, ws = _weights(pair.claim, pair.claim_pos), _weights(pair.statement, pair.statement_pos)
    fc, fs = _figures(pair.claim), _figures(pair.statement)
    matched_s = set(pair.to_statement.values())
    shared_fig = len(fc & fs) * FIGURE_WEIGHT
    total_c = sum(wc.values()) + len(fc) * FIGURE_WEIGHT
    total_s = sum(ws.values()) + len(fs) * FIGURE_WEIGHT
    got_c = sum(wc[k] for k in pair.shared) + shared_fig
    got_s = sum(ws[k] for k in matched_s) + shared_fig
    return (got_c / total_c if total_c else 0.0), (got_s / total_s if total_s else 0.0)


def _char_similarity(pair: Pair) -> float:
    gc = char_ngrams([pair.claim.tokens[i[0]].lower for i in pair.claim_pos.values()])
    gs = char_ngrams([pair.statement.tokens[i[0]].lower for i in pair.statement_pos.values()])
    if not gc or not gs:
        return 0.0
    common = len(gc & gs)
    return 0.5 * common / len(gc) + 0.5 * 2 * common / (len(gc) + len(gs))


def similarity(pair: Pair) -> float:
    cov_c, cov_s = _coverage(pair)
    lexical = CLAIM_SIDE * cov_c + (1 - CLAIM_SIDE) * cov_s
    return (1 - CHAR_SHARE) * lexical + CHAR_SHARE * _char_similarity(pair)


def _notes(pair: Pair) -> list[str]:
    """Differences no guard acted on, so a reviewer sees them anyway."""
    notes = []
    only_c = [
        pair.claim.tokens[i[0]].text
        for k, i in pair.claim_pos.items()
        if k not in pair.shared and k in pair.claim.names
    ]
    matched = set(pair.to_statement.values())
    only_s = [
        pair.statement.tokens[i[0]].text
        for k, i in pair.statement_pos.items()
        if k not in matched and k in pair.statement.names
    ]
    if only_c:
        notes.append("names only in the claim: " + ", ".join(only_c[:6]))
    if only_s:
        notes.append("names only in the statement: " + ", ".join(only_s[:6]))
    return notes


def score_pair(claim: str, statement: str, thresholds: Thresholds | None = None) -> PairScore:
    """Score one claim against one statement; the guards can only lower the level."""
    thresholds = thresholds or Thresholds()
    pair = pair_of(read_facts(claim), read_facts(statement))
    raw = similarity(pair)
    findings = run_guards(pair.claim, pair.statement, pair)
    score = raw * GUARD_PENALTY ** len(findings)
    if findings:
        score = min(score, max(0.0, thresholds.same - BELOW_SAME))
    level = (
        Level.SAME
        if score >= thresholds.same
        else Level.RELATED
        if score >= thresholds.related
        else Level.NONE
    )
    figures = sorted(_figures(pair.claim) & _figures(pair.statement))
    shared = [
        pair.statement.tokens[pair.statement_pos[pair.to_statement[k]][0]].text
        for k in sorted(pair.shared, key=lambda k: pair.claim_pos[k][0])
    ]
    return PairScore(
        score=round(min(1.0, max(0.0, score)), 4),
        similarity=round(raw, 4),
        level=level,
        shared=tuple(
            shared + [f.split(":", 1)[1] if f.startswith("year:") else _figure_text(pair, f) for f in figures]
        ),
        findings=tuple(findings),
        notes=tuple(_notes(pair)),
    )


def rank(
    statement: str, claims: Iterable[ClaimText], thresholds: Thresholds | None = None, limit: int = 5
) -> list[Match]:
    """The claims a statement repeats, best first: *same* before *related*, then by score.

    A claim given through several wordings (its statement and the quotes that carry it) is
    scored on each and keeps the best.
    """
    best: dict[object, tuple[PairScore, str]] = {}
    for item in claims:
        if not item.text.strip():
            continue
        s = score_pair(item.text, statement, thresholds)
        if s.level is Level.NONE:
            continue
        held = best.get(item.claim)
        if held is None or (LEVEL_ORDER[s.level], s.score) > (LEVEL_ORDER[held[0].level], held[0].score):
            best[item.claim] = (s, item.text)
    ordered = sorted(best.items(), key=lambda kv: (-LEVEL_ORDER[kv[1][0].level], -kv[1][0].score, str(kv[0])))
    return [
        Match(claim=cid, score=s.score, level=s.level, reasons=s.reasons(), text=text)
        for cid, (s, text) in ordered[:limit]
    ]
