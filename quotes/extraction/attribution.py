"""The attributions in one sentence: the registries of named rules, and the loop that runs them.

The rules live by role: ``cue_rules`` (anchored on a cue or a fixed phrase), ``sentence_rules``
(once per sentence), with ``content_bounds`` deciding where a content starts and ends and
``candidate`` the ``Candidate`` they return; the engine resolves speakers, scores and
de-duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotes.extraction.candidate import Candidate
from quotes.extraction.content_bounds import MIN_CUE_STRENGTH
from quotes.extraction.cue_rules import (
    according_to,
    coordinated,
    fronted_cue,
    headline_cue,
    inverted,
    is_headline,
    is_passive,
    participle,
    subject_first,
)
from quotes.extraction.lexicon import (
    cue_strength,
)
from quotes.extraction.mentions import sentence_subject
from quotes.extraction.sentence_rules import colon_label, dash_signature, quote_first
from quotes.extraction.text import QuoteRegion, Sentence, Token


def attributions(sentence: Sentence, regions: list[QuoteRegion]) -> list[Candidate]:
    """Every attribution in ``sentence``: the phrase and cue rules at each word, then the
    sentence rules once (see the registries below)."""
    tokens = sentence.tokens
    found: list[Candidate] = []
    quoted = [(r.start, r.end) for r in regions if r.quotation]
    for i, tok in enumerate(tokens):
        if not tok.is_word:
            continue
        if quoted and any(s < tok.start < e for s, e in quoted):
            continue  # a word inside a quotation is content, never a cue
        phrases = _PHRASE_RULES_BY_WORD.get(tok.lower)
        phrase = next((rule for rule in phrases if rule.anchors(tokens, i)), None) if phrases else None
        if phrase is not None:
            cand = phrase.read(sentence, i)
        else:
            strength = cue_strength(tok.lower)
            if strength < MIN_CUE_STRENGTH or _not_a_cue(tokens, i):
                continue
            rule = next(rule for rule in CUE_RULES if rule.anchors(tokens, i))
            cand = rule.read(sentence, i, strength, found)
        if cand:
            found.append(cand)
    for sentence_rule in SENTENCE_RULES:
        cand = sentence_rule.read(sentence, regions, found)
        if cand:
            found.append(cand)
    return found


def _not_a_cue(tokens: list[Token], i: int) -> bool:
    """A word of the cue lexicon that does not report speech here."""
    tok = tokens[i]
    if tok.lower.endswith("ly"):
        return True  # "reportedly", "allegedly": an adverb, not the verb
    if tok.is_capitalized and i > 0 and not (headline_cue(tokens, i) and is_headline(tokens)):
        return True  # a name ("Said Ellis"), except a headline's "..., Lindsey Graham Says"
    return is_passive(tokens, i)


# --- The rule registries ------------------------------------------------------------------
# A rule has a name, where it anchors, and the function that reads a candidate there. To add
# one, write its function below and register it here; the first cue rule whose anchor holds
# reads the cue (order matters only in CUE_RULES, from the most specific anchor to the
# catch-all). The candidate's ``pattern`` (set by the function) becomes the quote's ``rule``.


@dataclass(frozen=True)
class PhraseRule:
    """Anchored on a fixed phrase at token ``i`` that is not itself a cue verb."""

    name: str
    anchor: str
    first_word: str  # lower case; only a token of this form is tried
    anchors: Callable[[list[Token], int], bool]
    read: Callable[[Sentence, int], Candidate | None]


@dataclass(frozen=True)
class CueRule:
    """Anchored on a reporting cue at token ``i``, by where the cue stands in the sentence."""

    name: str
    anchor: str
    anchors: Callable[[list[Token], int], bool]
    read: Callable[[Sentence, int, float, list[Candidate]], Candidate | None]


@dataclass(frozen=True)
class SentenceRule:
    """Read once per sentence, after the cue rules, from its quotation regions and punctuation."""

    name: str
    anchor: str
    read: Callable[[Sentence, list[QuoteRegion], list[Candidate]], Candidate | None]


def _read_participle(sentence: Sentence, i: int, strength: float, found: list[Candidate]) -> Candidate | None:
    """The participle's speaker is the attribution just read, else the sentence's subject.

    An attribution whose source stands within another one's predicate (``Ruto defended a
    bill that has sparked protests, saying ...``: the bill "sparked") is nested in it, and
    the participle goes with the outer one.
    """
    outer = [c for c in found if not _nested(c, found)]
    main = outer[-1].mention if outer else sentence_subject(sentence.tokens, i - 1, sentence.text)
    return participle(sentence, i, strength, main) if main is not None else None


def _nested(cand: Candidate, found: list[Candidate]) -> bool:
    """Whether ``cand``'s source lies between another candidate's cue and its content's end."""
    if cand.mention is None:
        return False
    at = cand.mention.start
    return any(
        other is not cand and other.cue is not None and other.cue.start < at < other.spans[-1][1]
        for other in found
    )


def _read_after_comma(
    sentence: Sentence, i: int, strength: float, found: list[Candidate]
) -> Candidate | None:
    """``Simmons, an Obama supporter, said he ...`` before ``..., said Jim Clyburn``."""
    cand = subject_first(sentence, i, strength)
    if cand is None or cand.pattern != "after":
        cand = inverted(sentence, i, strength) or cand
    return cand


def _read_in_clause(sentence: Sentence, i: int, strength: float, found: list[Candidate]) -> Candidate | None:
    return inverted(sentence, i, strength) or subject_first(sentence, i, strength)


PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        "according",
        "'according to X' before, inside or after the clause",
        "according",
        lambda tokens, i: (
            tokens[i].lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to"
        ),
        according_to,
    ),
)

CUE_RULES: tuple[CueRule, ...] = (
    CueRule(
        "fronted",
        "the cue opens the sentence: 'Said Ellis: ...'",
        lambda tokens, i: i == 0,
        lambda sentence, i, strength, found: fronted_cue(sentence, strength),
    ),
    CueRule(
        "participle",
        "an -ing cue after a comma: '..., he said, adding that ...'",
        lambda tokens, i: tokens[i - 1].text == "," and tokens[i].lower.endswith("ing"),
        _read_participle,
    ),
    CueRule(
        "coordinated",
        "a cue after 'and'/'but': 'The nominee outlined his plan and vowed to ...'",
        lambda tokens, i: (
            tokens[i - 1].lower in ("and", "but") and i > 1 and not tokens[i].lower.endswith("ing")
        ),
        lambda sentence, i, strength, found: coordinated(sentence, i, strength),
    ),
    CueRule(
        "after-comma",
        "a cue after a comma: subject first, else inverted ('..., said Jim Clyburn')",
        lambda tokens, i: tokens[i - 1].text == ",",
        _read_after_comma,
    ),
    CueRule(
        "in-clause",
        "any other cue: inverted ('said the minister'), else subject first ('he said')",
        lambda tokens, i: True,
        _read_in_clause,
    ),
)

SENTENCE_RULES: tuple[SentenceRule, ...] = (
    SentenceRule("quote-first", "a quotation opens the sentence, the source follows it", quote_first),
    SentenceRule("dash", "a quotation signed after a dash: '\"...\" -- Jane Doe'", dash_signature),
    SentenceRule("colon", "a capitalised label before a colon: 'PENCE: ...'", colon_label),
)
# Looked up once per word: most words start no phrase.
_PHRASE_RULES_BY_WORD: dict[str, tuple[PhraseRule, ...]] = {
    word: tuple(rule for rule in PHRASE_RULES if rule.first_word == word)
    for word in {rule.first_word for rule in PHRASE_RULES}
}
