"""Rules anchored on a reporting cue or a fixed phrase: who says it, and what."""

from __future__ import annotations

from quotes.extraction.boundaries import choose_end
from quotes.extraction.candidate import CLOSING_MARKS, OPENING_MARKS, Candidate, char_span, is_mark
from quotes.extraction.content_bounds import (
    after_cue,
    after_dateline,
    after_last_colon,
    content_end,
    content_ok,
    continuation,
    infinitive,
    quotation_end,
    skip_adverbial,
    trailing_attribution_cut,
    trim,
    word_count,
)
from quotes.extraction.lexicon import (
    AUXILIARIES,
    DETERMINERS,
    PASSIVE_MARKERS,
    REPORTING_FORMS,
    cue_strength,
)
from quotes.extraction.mentions import NP_MODIFIERS, Mention, mention_after, mention_before, sentence_subject
from quotes.extraction.text import Sentence, Token


def headline_cue(tokens: list[Token], i: int) -> bool:
    """``..., Lindsey Graham Says`` / ``Obama Says ...`` in a title-case headline, not ``Will Tell``."""
    return tokens[i].lower in REPORTING_FORMS and tokens[i - 1].lower not in AUXILIARIES


def is_headline(tokens: list[Token]) -> bool:
    """Title case: at least 80% of the longer words capitalised."""
    words = [t for t in tokens if t.is_word and len(t.text) > 3]
    return len(words) >= 3 and sum(t.is_capitalized for t in words) >= 0.8 * len(words)


def is_passive(tokens: list[Token], i: int) -> bool:
    """``he is believed to``: the subject of a passive is not the source."""
    if not tokens[i].lower.endswith(("ed", "en", "wn", "ld", "ght")):
        return False
    j = i - 1
    while j >= 0 and tokens[j].lower in {"also", "widely", "not", "still", "often", "being"}:
        j -= 1
    if j < 0 or tokens[j].lower not in PASSIVE_MARKERS:
        return False
    return not (i + 1 < len(tokens) and tokens[i + 1].lower == "by")


def fronted_cue(sentence: Sentence, strength: float) -> Candidate | None:
    """``Said Ellis: "..."`` -- the cue opens the sentence."""
    tokens = sentence.tokens
    src = mention_after(tokens, 0, sentence.text)
    if src is None:
        return None
    k = src.last + 1
    while k < len(tokens) and tokens[k].text in ",:":
        k += 1
    lo, hi = trim(tokens, k, len(tokens))
    if not content_ok(tokens, lo, hi):
        return None
    return Candidate(
        [char_span(tokens, lo, hi)], src, tokens[0], tokens[0].end, strength, "fronted", sentence
    )


def participle(sentence: Sentence, i: int, strength: float, main: Mention) -> Candidate | None:
    """``..., he said, adding that CLAUSE``: the same source says more."""
    return _content_after(sentence, i, strength, main, "participle")


def coordinated(sentence: Sentence, i: int, strength: float) -> Candidate | None:
    """A cue coordinated with an earlier verb: ``X outlined his plan and vowed to punish ...``."""
    main = sentence_subject(sentence.tokens, i - 1, sentence.text)
    return _content_after(sentence, i, strength, main, "coordinated") if main is not None else None


def _content_after(
    sentence: Sentence, i: int, strength: float, source: Mention, pattern: str
) -> Candidate | None:
    """The content after cue ``i``, said by a ``source`` read elsewhere in the sentence."""
    tokens = sentence.tokens
    start, introduced, adverbial = after_cue(tokens, i, len(tokens))
    lo, hi = trim(tokens, start, choose_end(tokens, start, len(tokens), tokens[i].lower, introduced))
    if adverbial or not content_ok(tokens, lo, hi):
        return None
    return Candidate(
        [char_span(tokens, lo, hi)],
        source,
        tokens[i],
        tokens[i].end,
        strength,
        pattern,
        sentence,
        had_complementizer=introduced,
    )


def according_to(sentence: Sentence, i: int) -> Candidate | None:
    """``According to X, CLAUSE``, ``CLAUSE, according to X.`` and ``A, according to X, B``."""
    tokens = sentence.tokens
    n = len(tokens)
    first = i + 2
    last = first
    while (
        last + 1 < n
        and last - first < 15
        and tokens[last + 1].text not in ",.;:!?"
        and not is_mark(tokens[last + 1], OPENING_MARKS)
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
    if i > 0 and (tokens[i - 1].text == "," or is_mark(tokens[i - 1], CLOSING_MARKS)):
        lo, hi = trim(tokens, after_last_colon(tokens, i), i)
        if hi > lo and tokens[hi - 1].text == ",":
            hi -= 1
        if content_ok(tokens, lo, hi):
            spans.append(char_span(tokens, lo, hi))
    k = last + 1
    while k < n and tokens[k].text in ",:":
        k += 1
    if k < n and (not spans or tokens[last + 1].text == ","):
        lo, hi = trim(tokens, k, content_end(tokens, k, n))
        if content_ok(tokens, lo, hi):
            spans.append(char_span(tokens, lo, hi))
    if not spans:
        return None
    return Candidate(spans, src, tokens[i], tokens[i + 1].end, 0.9, "according", sentence)


def inverted(sentence: Sentence, i: int, strength: float) -> Candidate | None:
    """``"...," said X.`` / ``CLAUSE, says X`` / ``"...," X said`` is handled by subject_first."""
    tokens = sentence.tokens
    if i == 0:
        return None
    prev = tokens[i - 1]
    if not (prev.text == "," or is_mark(prev, CLOSING_MARKS)):
        return None
    text = sentence.text
    src = mention_after(tokens, i, text)
    if src is None:
        return None
    if src.kind == "pronoun" and not is_mark(prev, CLOSING_MARKS):
        return None  # ", said he" is rare outside quotations; ", said he would" is content
    cut = i - 1
    while (
        cut > 0
        and (tokens[cut].text == "," or is_mark(tokens[cut], CLOSING_MARKS))
        and not is_mark(tokens[cut], CLOSING_MARKS)
    ):
        cut -= 1
    lo, hi = trim(tokens, 0, i)
    if hi > lo and tokens[hi - 1].text == ",":
        hi -= 1
    lo, hi = trim(tokens, lo, hi)
    if not content_ok(tokens, lo, hi):
        return None
    spans = [char_span(tokens, lo, hi)]
    spans += continuation(tokens, src.last + 1)
    return Candidate(spans, src, tokens[i], tokens[i].end, strength, "inverted", sentence)


def subject_first(sentence: Sentence, i: int, strength: float) -> Candidate | None:
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
        if joint.text == "," or is_mark(joint, CLOSING_MARKS):
            lo, hi = trim(tokens, after_dateline(tokens, after_last_colon(tokens, joint_at)), joint_at + 1)
            if hi > lo and tokens[hi - 1].text == ",":
                hi -= 1
            interjected = i + 1 < n and tokens[i + 1].text == ","
            quoted = hi > lo and is_mark(tokens[hi - 1], CLOSING_MARKS)
            if content_ok(tokens, lo, hi) and (word_count(tokens, lo, hi) >= 3 or interjected or quoted):
                before = (lo, hi)
    start, introduced, adverbial = after_cue(tokens, i, n)
    after: tuple[int, int] | None = None
    if start < n:
        hi = trailing_attribution_cut(tokens, start, n)
        hi = content_end(tokens, start, hi)
        hi = quotation_end(tokens, start, hi)
        hi = choose_end(tokens, start, hi, tokens[i].lower, introduced)
        lo, hi = trim(tokens, start, hi)
        if content_ok(tokens, lo, hi):
            after = (lo, hi)
    if before and after and i + 1 < n and tokens[i + 1].text == ",":
        # "The museum, Mr. Obama said, would make visitors face..." and
        # ""We will leave," he said, "and soon."" -- both sides.
        before_quoted = is_mark(tokens[before[1] - 1], CLOSING_MARKS)
        after_quoted = is_mark(tokens[after[0]], OPENING_MARKS)
        if (not introduced and not before_quoted) or (before_quoted and after_quoted):
            spans = [char_span(tokens, *before), char_span(tokens, *after)]
            return Candidate(spans, src, tokens[i], tokens[i].end, strength, "interjected", sentence)
    before_is_quote = before is not None and is_mark(tokens[before[1] - 1], CLOSING_MARKS)
    if before and (not after or (adverbial and not introduced) or (before_is_quote and not introduced)):
        spans = [char_span(tokens, *before)]
        spans += continuation(tokens, skip_adverbial(tokens, i + 1))
        return Candidate(spans, src, tokens[i], tokens[i].end, strength, "before", sentence)
    if (
        after
        and adverbial
        and not introduced
        and word_count(tokens, *after) <= 5
        and not infinitive(tokens, after[0])
    ):
        # "spoke in parliament on Wednesday": circumstance, not content; but
        # "declined to comment", "vowed to fight" carry their content.
        after = None
    if after:
        return Candidate(
            [char_span(tokens, *after)],
            src,
            tokens[i],
            tokens[i].end,
            strength,
            "after",
            sentence,
            had_complementizer=introduced,
        )
    return None


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
