"""Rules that find attributions in one sentence: a cue, its source and its content.

Each rule returns ``Candidate`` objects with token-level decisions turned
into character spans; the engine resolves speakers, scores and de-duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotes.extraction.boundaries import choose_end
from quotes.extraction.lexicon import (
    ABBREVIATIONS,
    ADDRESSEE_VERBS,
    AUXILIARIES,
    DAY_AND_TIME_WORDS,
    DETERMINERS,
    PASSIVE_MARKERS,
    PERSONAL_PRONOUNS,
    REPORTING_FORMS,
    cue_strength,
)
from quotes.extraction.mentions import NP_MODIFIERS, Mention, mention_after, mention_before, sentence_subject
from quotes.extraction.text import ALL_QUOTES, QuoteRegion, Sentence, Token

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
_DOUBLE_CLOSING = '"\u201d\u00bb'
_CLOSING_MARKS = "\"'\u201d\u2019\u00bb"
_OPENING_MARKS = "\"'\u201c\u2018\u00ab\u201e"


@dataclass
class Candidate:
    spans: list[tuple[int, int]]
    mention: Mention | None
    cue: Token | None
    cue_end: int
    strength: float
    pattern: str
    sentence: Sentence
    had_complementizer: bool = False
    # What the sequence labeller said of it (labelling.py): "" when it did not read it.
    labelled: str = ""


def _is_mark(tok: Token, marks: str) -> bool:
    return tok.lower in marks or (tok.text == "''" and "'" in marks)


def _trim(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """Drop edge punctuation (but keep quotation marks) from tokens[lo:hi]."""
    while lo < hi and not tokens[lo].is_word and tokens[lo].text not in ALL_QUOTES + "''(":
        lo += 1
    while hi > lo and not tokens[hi - 1].is_word and tokens[hi - 1].text not in ALL_QUOTES + "'')?!":
        hi -= 1
    return lo, hi


def _words(tokens: list[Token], lo: int, hi: int) -> int:
    return sum(1 for t in tokens[lo:hi] if t.is_word)


def _content_ok(tokens: list[Token], lo: int, hi: int) -> bool:
    words = _words(tokens, lo, hi)
    quoted = (
        hi - lo >= 3 and _is_mark(tokens[lo], _OPENING_MARKS) and _is_mark(tokens[hi - 1], _CLOSING_MARKS)
    )
    if words < 2 and not (quoted and words == 1):  # "Probably." in quotation marks is a quote
        return False
    if hi - lo == 1 and tokens[lo].lower in _TRIVIAL_CONTENT:
        return False
    return True


def _trailing_attribution_cut(tokens: list[Token], lo: int, hi: int) -> int:
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


def _after_dateline(tokens: list[Token], lo: int) -> int:
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


def _after_last_colon(tokens: list[Token], end: int) -> int:
    """``... has long embodied: "Civility ...," he said``: the content starts after the colon."""
    for k in range(end - 1, 0, -1):
        if tokens[k].text == ":" and k + 1 < end and _is_mark(tokens[k + 1], _OPENING_MARKS):
            return k + 1
    return 0


def _content_end(tokens: list[Token], lo: int, hi: int) -> int:
    """Stop reported content where another clause of the reporter begins.

    ``..., while other voters said ...``, ``..., and accused Number 10 of ...``,
    ``..., highlighting the disconnect ...``, ``... and said, "..."``.
    """
    depth = 0
    for k in range(lo + 2, hi - 1):
        tok = tokens[k]
        if _is_mark(tok, _OPENING_MARKS) and not _is_mark(tok, _CLOSING_MARKS):
            depth += 1
        elif _is_mark(tok, _CLOSING_MARKS):
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


def _quotation_end(tokens: list[Token], lo: int, hi: int) -> int:
    """``said: "If they sue us, they'll lose," referencing ...``: the content is the quotation."""
    if lo >= hi or not _is_mark(tokens[lo], _OPENING_MARKS):
        return hi
    for k in range(lo + 2, hi - 1):
        # Only a double mark closes it: single marks inside are nested quotations.
        if _is_mark(tokens[k], _DOUBLE_CLOSING) and tokens[k - 1].text in ",.!?":
            if _words(tokens, k + 1, hi) >= 3:
                return k + 1
            return hi
    return hi


def _span(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    return tokens[lo].start, tokens[hi - 1].end


_PARTICLES = frozenset("to about for on of at against".split())


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


def _after_cue(tokens: list[Token], cue: int, hi: int) -> tuple[int, bool, bool]:
    """Where the content after a cue starts; and whether a that/colon/quote introduced it.

    Returns (index, introduced, adverbial_only).
    """
    p = cue + 1
    if p + 1 < hi and tokens[p].lower in _PARTICLES and _lemma_of(tokens[cue].lower) in PHRASAL_CUES:
        # "referring to the committee", "talking about immigration", "called for a ban".
        return p + 1, True, False
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
        if t.lower == "that" and _words(tokens, k + 1, hi) >= 2:
            between = tokens[p:k]
            # "said Tuesday that", "told reporters that" -- not "says he did that".
            if not any(b.lower in PERSONAL_PRONOUNS or b.lower == "to" for b in between):
                # PolNeAR's content holds its complementizer (2,371 of the 2,372
                # train contents read after a "that"): "said [that the plan failed]".
                return k, True, False
            break
        if t.text == ":":
            return k + 1, True, False
        if _is_mark(t, _OPENING_MARKS) and (k == p or tokens[k - 1].text in ",:"):
            return k, True, False
        if t.text in ".;?!" or _is_mark(t, _CLOSING_MARKS):
            break
        if t.text == "," and k > p:
            if k + 1 < hi and _is_mark(tokens[k + 1], _OPENING_MARKS):
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


def attributions(sentence: Sentence, regions: list[QuoteRegion]) -> list[Candidate]:
    """Every attribution in ``sentence``: the phrase and cue rules at each word, then the
    sentence rules once (see the registries below)."""
    tokens = sentence.tokens
    found: list[Candidate] = []
    quoted = [(r.start, r.end) for r in regions if r.double]
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
    if tok.is_capitalized and i > 0 and not (_headline_cue(tokens, i) and _is_headline(tokens)):
        return True  # a name ("Said Ellis"), except a headline's "..., Lindsey Graham Says"
    return _is_passive(tokens, i)


def _headline_cue(tokens: list[Token], i: int) -> bool:
    """``..., Lindsey Graham Says`` / ``Obama Says ...`` in a title-case headline, not ``Will Tell``."""
    return tokens[i].lower in REPORTING_FORMS and tokens[i - 1].lower not in AUXILIARIES


def _is_headline(tokens: list[Token]) -> bool:
    """Title case: at least 80% of the longer words capitalised."""
    words = [t for t in tokens if t.is_word and len(t.text) > 3]
    return len(words) >= 3 and sum(t.is_capitalized for t in words) >= 0.8 * len(words)


def _covered(found: list[Candidate], start: int, end: int) -> bool:
    return any(s < end and start < e for c in found for s, e in c.spans)


def _quote_first(sentence: Sentence, regions: list[QuoteRegion], found: list[Candidate]) -> Candidate | None:
    """``"...," Rep. Jim Jordan (R-Ohio), a panel member, said.`` -- source between quote and cue."""
    tokens = sentence.tokens
    region = next((r for r in regions if r.double and r.closed and r.start == sentence.start), None)
    if region is None or _covered(found, region.start, region.end):
        return None
    k = next((i for i, t in enumerate(tokens) if t.start >= region.end), None)
    if k is None or not tokens[k].is_word:
        return None
    for i in range(k + 1, min(len(tokens), k + 45)):
        tok = tokens[i]
        if tok.text in ALL_QUOTES or tok.text in ";!?":
            return None
        if tok.text == "." and not (
            i > 0 and (tokens[i - 1].lower in ABBREVIATIONS or len(tokens[i - 1].text) == 1)
        ):
            return None
        strength = cue_strength(tok.lower)
        if strength < 0.3 or tok.is_capitalized:
            continue
        last = k
        while (
            last + 1 < i and tokens[last + 1].text not in ",(" and tokens[last + 1].lower not in AUXILIARIES
        ):
            last += 1
        src = Mention(
            k,
            last,
            tokens[k].start,
            tokens[last].end,
            sentence.text[tokens[k].start : tokens[last].end],
            _mention_kind(tokens, k, last),
        )
        lo = 0
        hi = k
        while hi > lo and tokens[hi - 1].text == ",":
            hi -= 1
        spans = [_span(tokens, lo, hi)] + _continuation(tokens, _skip_adverbial(tokens, i + 1))
        return Candidate(spans, src, tok, tok.end, strength, "quote-first", sentence)
    return None


def _mention_kind(tokens: list[Token], first: int, last: int) -> str:
    """``"...," she said at ...``: a lone pronoun is resolved as one, not kept as a description."""
    if first == last and tokens[first].lower in PERSONAL_PRONOUNS:
        return "pronoun"
    return "name" if tokens[first].is_capitalized else "description"


_DASHES = "―—–-"


def _dash_signature(
    sentence: Sentence, regions: list[QuoteRegion], found: list[Candidate]
) -> Candidate | None:
    """``"..." -- Jane Doe`` at the end of a paragraph: a signed quotation."""
    tokens = sentence.tokens
    for r in regions:
        if (
            not r.double
            or r.start < sentence.start
            or r.end > sentence.end
            or _covered(found, r.start, r.end)
        ):
            continue
        k = next((i for i, t in enumerate(tokens) if t.start >= r.end), None)
        if k is None or tokens[k].text not in _DASHES or k + 1 >= len(tokens):
            continue
        names = tokens[k + 1 :]
        words = [t for t in names if t.is_word]
        if not words or len(words) > 8 or not words[0].is_capitalized:
            continue
        last = k + 1
        while last + 1 < len(tokens) and tokens[last + 1].text not in ".,;":
            last += 1
        src = Mention(
            k + 1,
            last,
            tokens[k + 1].start,
            tokens[last].end,
            sentence.text[tokens[k + 1].start : tokens[last].end],
            "name",
        )
        return Candidate([(r.start, r.end)], src, tokens[k], tokens[k].end, 0.8, "dash", sentence)
    return None


_LABELS = frozenset(
    "read more photo photos note update updated source sources editor's editor’s related watch "
    "video correction credit image caption see also contact email tags subscribe advertisement "
    "q a question answer".split()
)


def _colon_label(sentence: Sentence, regions: list[QuoteRegion], found: list[Candidate]) -> Candidate | None:
    """``PENCE: ...`` (transcripts) and ``Pashinyan: "..."`` (headlines)."""
    tokens = sentence.tokens
    if found or len(tokens) < 5:
        return None
    k0 = 1 if tokens[0].text in ALL_QUOTES else 0
    colon = next((i for i, t in enumerate(tokens[: k0 + 7]) if t.text == ":"), None)
    if colon is None:
        return _cited_label(sentence)
    if colon == k0:
        return None
    label = tokens[k0:colon]
    words = [t for t in label if t.is_word]
    if not words or not all(t.is_capitalized for t in words):
        return _cited_label(sentence)
    if " ".join(t.lower for t in words) in _LABELS or words[0].lower in _LABELS:
        return None
    lo, hi = _trim(tokens, colon + 1, len(tokens))
    if _words(tokens, lo, hi) < 3:
        return None
    return _labelled(sentence, k0, colon, (lo, hi), "name")


_LABEL_OPENERS = frozenset("- \u2013 \u2014 from".split())


def _cited_label(sentence: Sentence) -> Candidate | None:
    """``HEADLINE - Jeffrey M. Jones: "..."`` and ``More from the report: "..."``."""
    tokens = sentence.tokens
    n = len(tokens)
    colon = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.text == ":" and i + 1 < n and _is_mark(tokens[i + 1], _OPENING_MARKS)
        ),
        None,
    )
    if colon is None or colon < 2:
        return None
    opener = next(
        (k for k in range(colon - 1, max(-1, colon - 8), -1) if tokens[k].lower in _LABEL_OPENERS), None
    )
    if opener is None or opener + 1 >= colon:
        return None
    words = [t for t in tokens[opener + 1 : colon] if t.is_word]
    named = all(t.is_capitalized for t in words)
    described = tokens[opener].lower == "from" and len(words) <= 3 and words and words[0].lower in DETERMINERS
    if not words or not (named or described):
        return None
    lo, hi = _trim(tokens, colon + 1, n)
    if _words(tokens, lo, hi) < 3:
        return None
    return _labelled(sentence, opener + 1, colon, (lo, hi), "name" if named else "description")


def _labelled(sentence: Sentence, first: int, colon: int, content: tuple[int, int], kind: str) -> Candidate:
    """The candidate of ``LABEL: CONTENT``: tokens[first:colon] speak."""
    tokens = sentence.tokens
    start, end = tokens[first].start, tokens[colon - 1].end
    src = Mention(first, colon - 1, start, end, sentence.text[start:end], kind)
    return Candidate([_span(tokens, *content)], src, tokens[colon], tokens[colon].end, 0.6, "colon", sentence)


def _is_passive(tokens: list[Token], i: int) -> bool:
    """``he is believed to``: the subject of a passive is not the source."""
    if not tokens[i].lower.endswith(("ed", "en", "wn", "ld", "ght")):
        return False
    j = i - 1
    while j >= 0 and tokens[j].lower in {"also", "widely", "not", "still", "often", "being"}:
        j -= 1
    if j < 0 or tokens[j].lower not in PASSIVE_MARKERS:
        return False
    return not (i + 1 < len(tokens) and tokens[i + 1].lower == "by")


def _fronted_cue(sentence: Sentence, strength: float) -> Candidate | None:
    """``Said Ellis: "..."`` -- the cue opens the sentence."""
    tokens = sentence.tokens
    src = mention_after(tokens, 0, sentence.text)
    if src is None:
        return None
    k = src.last + 1
    while k < len(tokens) and tokens[k].text in ",:":
        k += 1
    lo, hi = _trim(tokens, k, len(tokens))
    if not _content_ok(tokens, lo, hi):
        return None
    return Candidate([_span(tokens, lo, hi)], src, tokens[0], tokens[0].end, strength, "fronted", sentence)


def _participle(sentence: Sentence, i: int, strength: float, main: Mention) -> Candidate | None:
    """``..., he said, adding that CLAUSE``: the same source says more."""
    return _content_after(sentence, i, strength, main, "participle")


def _coordinated(sentence: Sentence, i: int, strength: float) -> Candidate | None:
    """A cue coordinated with an earlier verb: ``X outlined his plan and vowed to punish ...``."""
    main = sentence_subject(sentence.tokens, i - 1, sentence.text)
    return _content_after(sentence, i, strength, main, "coordinated") if main is not None else None


def _content_after(
    sentence: Sentence, i: int, strength: float, source: Mention, pattern: str
) -> Candidate | None:
    """The content after cue ``i``, said by a ``source`` read elsewhere in the sentence."""
    tokens = sentence.tokens
    start, introduced, adverbial = _after_cue(tokens, i, len(tokens))
    lo, hi = _trim(tokens, start, choose_end(tokens, start, len(tokens), tokens[i].lower, introduced))
    if adverbial or not _content_ok(tokens, lo, hi):
        return None
    return Candidate(
        [_span(tokens, lo, hi)],
        source,
        tokens[i],
        tokens[i].end,
        strength,
        pattern,
        sentence,
        had_complementizer=introduced,
    )


def _according_to(sentence: Sentence, i: int) -> Candidate | None:
    """``According to X, CLAUSE``, ``CLAUSE, according to X.`` and ``A, according to X, B``."""
    tokens = sentence.tokens
    n = len(tokens)
    first = i + 2
    last = first
    while (
        last + 1 < n
        and last - first < 15
        and tokens[last + 1].text not in ",.;:!?"
        and not _is_mark(tokens[last + 1], _OPENING_MARKS)
    ):
        last += 1
    if first >= n or not tokens[first].is_word:
        return None
    text = sentence.text
    src = Mention(
        first,
        last,
        tokens[first].start,
        tokens[last].end,
        text[tokens[first].start : tokens[last].end],
        "description",
    )
    if tokens[first].is_capitalized and tokens[first].lower not in DETERMINERS:
        src = Mention(src.first, src.last, src.start, src.end, src.text, "name")
    spans: list[tuple[int, int]] = []
    if i > 0 and (tokens[i - 1].text == "," or _is_mark(tokens[i - 1], _CLOSING_MARKS)):
        lo, hi = _trim(tokens, _after_last_colon(tokens, i), i)
        if hi > lo and tokens[hi - 1].text == ",":
            hi -= 1
        if _content_ok(tokens, lo, hi):
            spans.append(_span(tokens, lo, hi))
    k = last + 1
    while k < n and tokens[k].text in ",:":
        k += 1
    if k < n and (not spans or tokens[last + 1].text == ","):
        lo, hi = _trim(tokens, k, _content_end(tokens, k, n))
        if _content_ok(tokens, lo, hi):
            spans.append(_span(tokens, lo, hi))
    if not spans:
        return None
    return Candidate(spans, src, tokens[i], tokens[i + 1].end, 0.9, "according", sentence)


def _inverted(sentence: Sentence, i: int, strength: float) -> Candidate | None:
    """``"...," said X.`` / ``CLAUSE, says X`` / ``"...," X said`` is handled by _subject_first."""
    tokens = sentence.tokens
    if i == 0:
        return None
    prev = tokens[i - 1]
    if not (prev.text == "," or _is_mark(prev, _CLOSING_MARKS)):
        return None
    text = sentence.text
    src = mention_after(tokens, i, text)
    if src is None:
        return None
    if src.kind == "pronoun" and not _is_mark(prev, _CLOSING_MARKS):
        return None  # ", said he" is rare outside quotations; ", said he would" is content
    cut = i - 1
    while (
        cut > 0
        and (tokens[cut].text == "," or _is_mark(tokens[cut], _CLOSING_MARKS))
        and not _is_mark(tokens[cut], _CLOSING_MARKS)
    ):
        cut -= 1
    lo, hi = _trim(tokens, 0, i)
    if hi > lo and tokens[hi - 1].text == ",":
        hi -= 1
    lo, hi = _trim(tokens, lo, hi)
    if not _content_ok(tokens, lo, hi):
        return None
    spans = [_span(tokens, lo, hi)]
    spans += _continuation(tokens, src.last + 1)
    return Candidate(spans, src, tokens[i], tokens[i].end, strength, "inverted", sentence)


def _continuation(tokens: list[Token], k: int) -> list[tuple[int, int]]:
    """``"A," he said [during a rally in Kenansville, N.C.], "B."``: the quoted rest."""
    n = len(tokens)
    for j in range(k, min(n, k + 15)):
        tok = tokens[j]
        if _is_mark(tok, _OPENING_MARKS) and j > 0 and tokens[j - 1].lower in {",", ":", "but", "and"}:
            lo, hi = _trim(tokens, j, n)
            return [_span(tokens, lo, hi)] if _words(tokens, lo, hi) >= 2 else []
        if tok.text in ALL_QUOTES or tok.text in ";!?" or cue_strength(tok.lower) >= 0.5:
            return []
    return []


def _subject_first(sentence: Sentence, i: int, strength: float) -> Candidate | None:
    tokens = sentence.tokens
    n = len(tokens)
    text = sentence.text
    src = mention_before(tokens, i, text)
    if src is None:
        return None
    # Content before the source: `CLAUSE, X said ...` or `"...," X said`.
    before: tuple[int, int] | None = None
    joint_at = src.first - 1
    while joint_at > 0 and src.first - joint_at <= 2 and tokens[joint_at].lower in NP_MODIFIERS:
        joint_at -= 1
    if joint_at >= 0:
        joint = tokens[joint_at]
        if joint.text == "," or _is_mark(joint, _CLOSING_MARKS):
            lo, hi = _trim(tokens, _after_dateline(tokens, _after_last_colon(tokens, joint_at)), joint_at + 1)
            if hi > lo and tokens[hi - 1].text == ",":
                hi -= 1
            interjected = i + 1 < n and tokens[i + 1].text == ","
            quoted = hi > lo and _is_mark(tokens[hi - 1], _CLOSING_MARKS)
            if _content_ok(tokens, lo, hi) and (_words(tokens, lo, hi) >= 3 or interjected or quoted):
                before = (lo, hi)
    start, introduced, adverbial = _after_cue(tokens, i, n)
    after: tuple[int, int] | None = None
    if start < n:
        hi = _trailing_attribution_cut(tokens, start, n)
        hi = _content_end(tokens, start, hi)
        hi = _quotation_end(tokens, start, hi)
        hi = choose_end(tokens, start, hi, tokens[i].lower, introduced)
        lo, hi = _trim(tokens, start, hi)
        if _content_ok(tokens, lo, hi):
            after = (lo, hi)
    if before and after and i + 1 < n and tokens[i + 1].text == ",":
        # "The museum, Mr. Obama said, would make visitors face..." and
        # ""We will leave," he said, "and soon."" -- both sides.
        before_quoted = _is_mark(tokens[before[1] - 1], _CLOSING_MARKS)
        after_quoted = _is_mark(tokens[after[0]], _OPENING_MARKS)
        if (not introduced and not before_quoted) or (before_quoted and after_quoted):
            spans = [_span(tokens, *before), _span(tokens, *after)]
            return Candidate(spans, src, tokens[i], tokens[i].end, strength, "interjected", sentence)
    before_is_quote = before is not None and _is_mark(tokens[before[1] - 1], _CLOSING_MARKS)
    if before and (not after or (adverbial and not introduced) or (before_is_quote and not introduced)):
        spans = [_span(tokens, *before)]
        spans += _continuation(tokens, _skip_adverbial(tokens, i + 1))
        return Candidate(spans, src, tokens[i], tokens[i].end, strength, "before", sentence)
    if (
        after
        and adverbial
        and not introduced
        and _words(tokens, *after) <= 5
        and not _infinitive(tokens, after[0])
    ):
        # "spoke in parliament on Wednesday": circumstance, not content; but
        # "declined to comment", "vowed to fight" carry their content.
        after = None
    if after:
        return Candidate(
            [_span(tokens, *after)],
            src,
            tokens[i],
            tokens[i].end,
            strength,
            "after",
            sentence,
            had_complementizer=introduced,
        )
    return None


def _infinitive(tokens: list[Token], k: int) -> bool:
    """``to fight``, not ``to a request`` or ``to Mr. Smith``."""
    if tokens[k].lower != "to" or k + 1 >= len(tokens):
        return False
    following = tokens[k + 1]
    return following.is_word and not following.is_capitalized and following.lower not in DETERMINERS


def _skip_adverbial(tokens: list[Token], k: int) -> int:
    n = len(tokens)
    while k < n and tokens[k].text != "," and not _is_mark(tokens[k], _OPENING_MARKS):
        k += 1
    return k


def announcing_cue(sentence: Sentence) -> Candidate | None:
    """``The New York Times reports:`` -- a cue whose content is the next paragraph."""
    tokens = sentence.tokens
    if len(tokens) < 3 or tokens[-1].text != ":":
        return None
    i = len(tokens) - 2
    strength = cue_strength(tokens[i].lower)
    if strength < 0.5:
        return None
    src = mention_before(tokens, i, sentence.text)
    if src is None:
        return None
    return Candidate(
        [], src, tokens[i], tokens[i].end, strength, "announced", sentence, had_complementizer=True
    )


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
    """The participle's speaker is the attribution just read, else the sentence's subject."""
    main = found[-1].mention if found else sentence_subject(sentence.tokens, i - 1, sentence.text)
    return _participle(sentence, i, strength, main) if main is not None else None


def _read_after_comma(
    sentence: Sentence, i: int, strength: float, found: list[Candidate]
) -> Candidate | None:
    """``Simmons, an Obama supporter, said he ...`` before ``..., said Jim Clyburn``."""
    cand = _subject_first(sentence, i, strength)
    if cand is None or cand.pattern != "after":
        cand = _inverted(sentence, i, strength) or cand
    return cand


def _read_in_clause(sentence: Sentence, i: int, strength: float, found: list[Candidate]) -> Candidate | None:
    return _inverted(sentence, i, strength) or _subject_first(sentence, i, strength)


PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        "according",
        "'according to X' before, inside or after the clause",
        "according",
        lambda tokens, i: (
            tokens[i].lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to"
        ),
        _according_to,
    ),
)

CUE_RULES: tuple[CueRule, ...] = (
    CueRule(
        "fronted",
        "the cue opens the sentence: 'Said Ellis: ...'",
        lambda tokens, i: i == 0,
        lambda sentence, i, strength, found: _fronted_cue(sentence, strength),
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
        lambda sentence, i, strength, found: _coordinated(sentence, i, strength),
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
    SentenceRule("quote-first", "a quotation opens the sentence, the source follows it", _quote_first),
    SentenceRule("dash", "a quotation signed after a dash: '\"...\" -- Jane Doe'", _dash_signature),
    SentenceRule("colon", "a capitalised label before a colon: 'PENCE: ...'", _colon_label),
)
# Looked up once per word: most words start no phrase.
_PHRASE_RULES_BY_WORD: dict[str, tuple[PhraseRule, ...]] = {
    word: tuple(rule for rule in PHRASE_RULES if rule.first_word == word)
    for word in {rule.first_word for rule in PHRASE_RULES}
}
