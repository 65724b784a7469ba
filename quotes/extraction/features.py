"""Features of an attribution candidate, for the learned confidence scorer.

Each feature is a short string (rule, cue word, shapes and sizes), never
article text beyond the cue word itself.
"""

from __future__ import annotations

from bisect import bisect_left

from quotes.extraction.candidate import Candidate
from quotes.extraction.entities import Resolution
from quotes.extraction.lexicon import DETERMINERS, NP_BREAKERS, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS
from quotes.extraction.mentions import Mention
from quotes.extraction.text import Token

_CLOSED_CLASS = DETERMINERS | NP_BREAKERS | PERSONAL_PRONOUNS | RELATIVE_PRONOUNS


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _shape(tok: Token | None) -> str:
    if tok is None:
        return "none"
    if tok.lower in _CLOSED_CLASS:
        return tok.lower
    if not tok.is_word:
        return "punct" if tok.text not in "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb" else "quote"
    if tok.text[0].isdigit():
        return "digit"
    if tok.is_capitalized:
        return "Cap"
    for suffix in ("ing", "ed", "s", "ly"):
        if tok.lower.endswith(suffix):
            return "low-" + suffix
    return "low"


def candidate_features(
    cand: Candidate,
    kind: str,
    mention: Mention | None,
    resolution: Resolution,
    paragraph: int,
) -> list[str]:
    tokens = cand.sentence.tokens
    cue = cand.cue.lower if cand.cue else ":"
    rule = cand.pattern
    starts = [t.start for t in tokens]
    content_tokens: list[Token] = []
    done = 0
    for s, e in sorted(cand.spans):  # the tokens that start inside a span, in order
        lo, hi = max(done, bisect_left(starts, s)), bisect_left(starts, e)
        content_tokens.extend(tokens[lo:hi])
        done = max(done, hi)
    words = sum(1 for t in content_tokens if t.is_word)
    first = content_tokens[0] if content_tokens else None
    mention_kind = mention.kind if mention else "none"
    before_mention = tokens[mention.first - 1] if mention and 0 < mention.first <= len(tokens) else None
    cue_index = -1
    if cand.cue is not None:
        k = bisect_left(starts, cand.cue.start)
        cue_index = k if k < len(tokens) and starts[k] == cand.cue.start else -1
    before_cue = tokens[cue_index - 1] if cue_index > 0 else None
    that = "that" if cand.had_complementizer else "bare"
    feats = [
        "bias",
        f"rule={rule}",
        f"kind={kind}",
        f"rule|kind={rule}|{kind}",
        f"cue={cue}",
        f"cue|that={cue}|{that}",
        f"cue|kind={cue}|{kind}",
        f"cue_strength={round(min(cand.strength, 1.0), 1)}",
        f"cue_shape={_shape(cand.cue)}",
        f"that={that}",
        f"rule|that={rule}|{that}",
        f"mention={mention_kind}",
        f"mention|rule={mention_kind}|{rule}",
        f"mention_first={_shape(tokens[mention.first]) if mention and mention.first < len(tokens) else 'none'}",
        f"mention_words={_bucket(mention.last - mention.first + 1, (1, 2, 3, 5)) if mention else 'none'}",
        f"resolved={resolution.name is not None}",
        f"content_words={_bucket(words, (1, 2, 4, 7, 12, 20, 35))}",
        f"content_first={_shape(first)}",
        f"kind|content_words={kind}|{_bucket(words, (2, 5, 12))}",
        f"spans={min(len(cand.spans), 3)}",
        f"paragraph={_bucket(paragraph, (0, 1, 3))}",
        f"sentence_words={_bucket(len(tokens), (6, 12, 25, 45))}",
        f"before_mention={_shape(before_mention)}",
        f"before_cue={_shape(before_cue)}",
        f"labelled={cand.labelled}",
        f"rule|labelled={rule}|{cand.labelled}",
    ]
    return feats


def floating_features(paragraph_gap: int, words: int, same_paragraph: bool, reopened: bool) -> list[str]:
    return [
        "bias",
        "rule=floating",
        "kind=direct",
        f"floating_gap={paragraph_gap}",
        f"floating_same_paragraph={same_paragraph}",
        f"floating_reopened={reopened}",
        f"content_words={_bucket(words, (1, 2, 4, 7, 12, 20, 35))}",
    ]
