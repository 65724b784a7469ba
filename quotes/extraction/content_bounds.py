"""Where an attribution's content starts and ends, in a sentence's tokens."""

from __future__ import annotations

from quotes.extraction.candidate import CLOSING_MARKS, DOUBLE_CLOSING, OPENING_MARKS, char_span, is_mark
from quotes.extraction.lexicon import (
    ADDRESSEE_VERBS,
    DAY_AND_TIME_WORDS,
    DETERMINERS,
    PERSONAL_PRONOUNS,
    cue_strength,
)
from quotes.extraction.text import ALL_QUOTES, Token

MIN_CUE_STRENGTH = 0.1
# Cues whose content follows a particle: "referred to", "talked about", "called for".
PHRASAL_CUES = frozenset(
    "refer talk call worry point speak comment focus rail warn complain boast argue testify "
    "vote push press lobby campaign advocate rally fight appeal plead hint allude object "
    "think care insist".split()
)
WEAK_CUE_STRENGTH = 0.3
# A clause that starts with one of these after the cue is circumstance, not content.
_ADVERBIAL_STARTS = (
    frozenset(
        "on in at during last this earlier later yesterday today tonight without after before "
        "while when as since from to with via through , . ; again repeatedly".split()
    )
    | DAY_AND_TIME_WORDS
)
_TRIVIAL_CONTENT = frozenset("that it so this yes no otherwise".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you it reporters".split())


def trim(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """Drop edge punctuation (but keep quotation marks) from tokens[lo:hi]."""
    while lo < hi and not tokens[lo].is_word and tokens[lo].text not in ALL_QUOTES + "''(":
        lo += 1
    while hi > lo and not tokens[hi - 1].is_word and tokens[hi - 1].text not in ALL_QUOTES + "'')?!":
        hi -= 1
    return lo, hi


def word_count(tokens: list[Token], lo: int, hi: int) -> int:
    return sum(1 for t in tokens[lo:hi] if t.is_word)


def content_ok(tokens: list[Token], lo: int, hi: int) -> bool:
    words = word_count(tokens, lo, hi)
    quoted = hi - lo >= 3 and is_mark(tokens[lo], OPENING_MARKS) and is_mark(tokens[hi - 1], CLOSING_MARKS)
    if words < 2 and not (quoted and words == 1):  # "Probably." in quotation marks is a quote
        return False
    if hi - lo == 1 and tokens[lo].lower in _TRIVIAL_CONTENT:
        return False
    return True


def trailing_attribution_cut(tokens: list[Token], lo: int, hi: int) -> int:
    """End of content before a trailing ``, X said`` / ``, according to X``."""
    for k in range(hi - 1, lo, -1):
        if tokens[k].text != ",":
            continue
        tail = tokens[k + 1 : hi]
        if not tail or len(tail) > 10:
            continue
        lowers = [t.lower for t in tail]
        if lowers[:2] == ["according", "to"]:
            return k
        if any(cue_strength(w) >= 0.5 for w in lowers[-3:]) and any(
            t.is_capitalized or t.lower in PERSONAL_PRONOUNS for t in tail[:-1]
        ):
            return k
    return hi


def after_dateline(tokens: list[Token], lo: int) -> int:
    """``PanARMENIAN.Net - Armenia will ...``, ``WASHINGTON — ...``: skip the dateline."""
    if lo != 0:
        return lo
    for k in range(1, min(len(tokens) - 1, 8)):
        tok = tokens[k]
        if tok.text in "-\u2013\u2014":
            return k + 1
        if tok.is_word and not tok.is_capitalized:
            return lo
    return lo


def after_last_colon(tokens: list[Token], end: int) -> int:
    """``... has long embodied: "Civility ...," he said``: the content starts after the colon."""
    for k in range(end - 1, 0, -1):
        if tokens[k].text == ":" and k + 1 < end and is_mark(tokens[k + 1], OPENING_MARKS):
            return k + 1
    return 0


def content_end(tokens: list[Token], lo: int, hi: int) -> int:
    """Stop reported content where another clause of the reporter begins.

    ``..., while other voters said ...``, ``..., and accused Number 10 of ...``,
    ``..., highlighting the disconnect ...``, ``... and said, "..."``.
    """
    depth = 0
    for k in range(lo + 2, hi - 1):
        tok = tokens[k]
        if is_mark(tok, OPENING_MARKS) and not is_mark(tok, CLOSING_MARKS):
            depth += 1
        elif is_mark(tok, CLOSING_MARKS):
            depth = max(0, depth - 1)
        if depth or tok.text != ",":
            continue
        nxt = tokens[k + 1]
        after = tokens[k + 2] if k + 2 < hi else None
        if nxt.lower in {"while", "whereas"}:
            return k
        if nxt.lower.endswith("ing") and cue_strength(nxt.lower) >= 0.3:
            return k
        if nxt.lower in {"and", "but"} and after is not None and cue_strength(after.lower) >= 0.5:
            return k
    for k in range(lo + 2, hi - 1):
        if (
            tokens[k].lower in {"and", "but"}
            and cue_strength(tokens[k + 1].lower) >= 0.7
            and tokens[k - 1].text != ","
        ):
            return k
    return hi


def quotation_end(tokens: list[Token], lo: int, hi: int) -> int:
    """``said: "If they sue us, they'll lose," referencing ...``: the content is the quotation."""
    if lo >= hi or not is_mark(tokens[lo], OPENING_MARKS):
        return hi
    for k in range(lo + 2, hi - 1):
        # Only a double mark closes it: single marks inside are nested quotations.
        if is_mark(tokens[k], DOUBLE_CLOSING) and tokens[k - 1].text in ",.!?":
            if word_count(tokens, k + 1, hi) >= 3:
                return k + 1
            return hi
    return hi


_PARTICLES = frozenset("to about for on of at against".split())
_OBJECT_PARTICLES = frozenset("about for of against over".split())
_OUT_PARTICLES = frozenset("at against about on".split())  # "lashed out at", "spoke out against"


def _lemma_of(form: str) -> str:
    for suffix, repl in (("ying", "y"), ("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if form.endswith(suffix) and len(form) - len(suffix) >= 3:
            stem = form[: -len(suffix)] + repl
            if stem in PHRASAL_CUES:
                return stem
            if stem + "e" in PHRASAL_CUES:
                return stem + "e"
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in PHRASAL_CUES:
                return stem[:-1]
    return form


def after_cue(tokens: list[Token], cue: int, hi: int) -> tuple[int, bool, bool]:
    """Where the content after a cue starts; and whether a that/colon/quote introduced it.

    Returns (index, introduced, adverbial_only).
    """
    p = cue + 1
    if p + 1 < hi and tokens[p].lower in _PARTICLES and _lemma_of(tokens[cue].lower) in PHRASAL_CUES:
        # "referring to the committee", "talking about immigration", "called for a ban".
        return p + 1, True, False
    if (
        p + 1 < hi
        and tokens[p].lower == "out"
        and (tokens[p + 1].is_word or tokens[p + 1].text in ALL_QUOTES)
    ):
        # "pointed out that", "ruled out a tax", "lashed out at Khan": PolNeAR's cue holds "out".
        p += 1
        if p + 1 < hi and tokens[p].lower in _OUT_PARTICLES and tokens[p + 1].is_word:
            p += 1
    if p + 1 < hi and tokens[p].lower in _OBJECT_PARTICLES and tokens[p + 1].is_word:
        # "spoke about immigration", "railed against the deal": PolNeAR's content
        # leaves the particle to the cue (about, for, of, against, over: nine in
        # ten of the train split's contents after one).
        p += 1
    if (
        p + 1 < hi
        and tokens[p].text == ","
        and tokens[p + 1].lower.endswith("ing")
        and cue_strength(tokens[p + 1].lower) >= 0.5
    ):
        return hi, False, True  # "Spicer said, adding, ...": the participle carries its own content
    if tokens[cue].lower in ADDRESSEE_VERBS and p < hi:
        if tokens[p].lower in _OBJECT_PRONOUNS:
            p += 1
        elif tokens[p].is_capitalized:
            while p < hi and tokens[p].is_word and tokens[p].is_capitalized:
                p += 1
    # "said in a statement that", "said Tuesday that": look a few tokens ahead.
    for k in range(p, min(hi, p + 9)):
        t = tokens[k]
        if t.lower == "that" and word_count(tokens, k + 1, hi) >= 2:
            between = tokens[p:k]
            # "said Tuesday that", "told reporters that" -- not "says he did that", nor
            # "defended a bill that has sparked protests" (an object and its relative clause).
            if not any(b.lower in PERSONAL_PRONOUNS or b.lower == "to" for b in between) and not (
                _object_before(tokens, cue, between)
            ):
                # PolNeAR's content holds its complementizer (2,371 of the 2,372
                # train contents read after a "that"): "said [that the plan failed]".
                return k, True, False
            break
        if t.text == ":":
            return k + 1, True, False
        if is_mark(t, OPENING_MARKS) and (k == p or tokens[k - 1].text in ",:"):
            return k, True, False
        if t.text in ".;?!" or is_mark(t, CLOSING_MARKS):
            break
        if t.text == "," and k > p:
            if k + 1 < hi and is_mark(tokens[k + 1], OPENING_MARKS):
                return k + 1, True, False  # "adding later, "NATO is...""
            break
    while p < hi and tokens[p].text == ",":
        p += 1
    if p >= hi:
        return p, False, True
    if tokens[cue].lower in ADDRESSEE_VERBS:
        # "asked Russia and its allies for support" is a request, not speech;
        # "urged voters to turn out" carries its content after "to".
        for k in range(p, min(hi, p + 8)):
            low = tokens[k].lower
            if low in {"for", "about"}:
                return hi, False, True
            if low in {"to", "whether", "if", "why", "what", "how", "when"}:
                return k, True, False
            if not tokens[k].is_word:
                break
    adverbial = tokens[p].lower in _ADVERBIAL_STARTS
    return p, False, adverbial


def _object_before(tokens: list[Token], cue: int, between: list[Token]) -> bool:
    """Whether ``between`` (cue .. "that") opens with the cue's object noun phrase: a
    determiner right after a cue that takes no addressee, and no time word ("the same day")."""
    return (
        bool(between)
        and tokens[cue].lower not in ADDRESSEE_VERBS
        and between[0].lower in DETERMINERS
        and not any(b.lower in DAY_AND_TIME_WORDS or b.lower == "day" for b in between)
    )


def continuation(tokens: list[Token], k: int) -> list[tuple[int, int]]:
    """``"A," he said [during a rally in Kenansville, N.C.], "B."``: the quoted rest."""
    n = len(tokens)
    for j in range(k, min(n, k + 15)):
        tok = tokens[j]
        if is_mark(tok, OPENING_MARKS) and j > 0 and tokens[j - 1].lower in {",", ":", "but", "and"}:
            lo, hi = trim(tokens, j, n)
            return [char_span(tokens, lo, hi)] if word_count(tokens, lo, hi) >= 2 else []
        if tok.text in ALL_QUOTES or tok.text in ";!?" or cue_strength(tok.lower) >= 0.5:
            return []
    return []


def infinitive(tokens: list[Token], k: int) -> bool:
    """``to fight``, not ``to a request`` or ``to Mr. Smith``."""
    if tokens[k].lower != "to" or k + 1 >= len(tokens):
        return False
    following = tokens[k + 1]
    return following.is_word and not following.is_capitalized and following.lower not in DETERMINERS


def skip_adverbial(tokens: list[Token], k: int) -> int:
    n = len(tokens)
    while k < n and tokens[k].text != "," and not is_mark(tokens[k], OPENING_MARKS):
        k += 1
    return k
