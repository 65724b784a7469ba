"""Reading speaker mentions (noun phrases) around a cue, and splitting titles off names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quotes.extraction.lexicon import (
    ABBREVIATIONS,
    AUXILIARIES,
    DAY_AND_TIME_WORDS,
    DETERMINERS,
    NP_BREAKERS,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    ROLE_HEADS,
    ROLE_OBJECT_PREPOSITIONS,
    TITLE_WORDS,
)
from quotes.extraction.text import ALL_QUOTES, Token

# Lower-case words allowed inside a name ("Bank of America", "Ludwig van Beethoven").
NAME_JOINERS = frozenset("of the for and de van von der al bin la le du da del y".split())
MAX_NP_TOKENS = 9
CLAUSE_OPENERS = frozenset(
    "when how why what where while after before if as although though since because but and "
    "or so then earlier later yet still also even however meanwhile instead indeed".split()
)
TIME_PLURALS = frozenset("weeks months years days hours minutes decades seconds".split())
SUBJECT_ENDS = frozenset("has have had is was are were will would could can may might must".split())
QUANTIFIER_SUBJECTS = frozenset("some many most others several both all few".split())
# Lower-case words that may open a name phrase: "retired Air Force general Lloyd Newton".
NP_MODIFIERS = frozenset(
    "retired late longtime veteran outgoing incoming fellow then-president then current new embattled".split()
)
ORGANISATION_HEADS = frozenset(
    "ministry department agency office committee council party court commission service "
    "post times news journal bureau institute center centre foundation association union "
    "group campaign administration government company corporation bank university "
    "network magazine tribune herald telegraph guardian army police board fund".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention: token indices [first, last] inside a sentence."""

    first: int
    last: int
    start: int
    end: int
    text: str
    kind: str  # "name", "pronoun", "relative", "description"


def _is_skippable(tok: Token) -> bool:
    # "has also said", "quickly added"; but "Kelly said" names its speaker.
    return tok.lower in AUXILIARIES or (
        tok.lower.endswith("ly") and len(tok.lower) > 4 and not tok.is_capitalized
    )


def _is_possessive(tok: Token) -> bool:
    return tok.lower.endswith("'s") or tok.lower.endswith("\u2019s")


_CONTRACTED_SUBJECT = re.compile(r"(?i)^(he|she|it|they|we|i|you|who|that)['\u2019](?:s|re|ve|ll|d)$")


def _make(tokens: list[Token], first: int, last: int, text: str, kind: str) -> Mention:
    start, end = tokens[first].start, tokens[last].end
    return Mention(first, last, start, end, text[start:end], kind)


def mention_before(tokens: list[Token], cue: int, text: str) -> Mention | None:
    """The subject noun phrase that ends right before token ``cue``.

    Skips auxiliaries and adverbs ("has also said"), one appositive or
    parenthesis ("Jim Jordan (R-Ohio), an oversight panel member, said") and
    a prepositional phrase between subject and verb ("prosecutors in April
    charged").
    """
    j = cue - 1
    while j >= 0 and _is_skippable(tokens[j]):
        j -= 1
    if j < 0:
        return None
    j = _skip_circumstance(tokens, j)
    if j < 0:
        return None
    if tokens[j].text == ")":
        k = j
        while k >= 0 and tokens[k].text != "(":
            k -= 1
        if k > 0 and j - k < 12:
            j = k - 1
    if j >= 0 and tokens[j].text == ",":
        return _before_appositive(tokens, j, text)
    if j > 0 and tokens[j].lower.endswith("ed") and not tokens[j].is_capitalized:
        # "a Marquette Law School poll released last week showed": skip the participle.
        reduced = _of_scope(tokens, _np_ending_at(tokens, _skip_circumstance(tokens, j - 1), text), text)
        if reduced is not None and (reduced.kind == "name" or tokens[reduced.last].lower in ROLE_HEADS):
            return reduced
    if j > 1 and tokens[j].lower == "as" and tokens[j - 1].lower == "quoted":
        # "X was quoted as saying": X is the source.
        j -= 2
        while j >= 0 and _is_skippable(tokens[j]):
            j -= 1
        if j < 0:
            return None
    if j > 1 and tokens[j].lower in {"and", "but"} and tokens[j - 1].is_word:
        # "Wealth-X keeps its finances secret but says ...": the sentence's subject.
        return sentence_subject(tokens, j, text)
    contracted = _CONTRACTED_SUBJECT.match(tokens[j].text)
    if contracted:
        # "He's claiming that ...", "who's called for ...": the pronoun is the subject.
        start = tokens[j].start
        end = start + len(contracted.group(1))
        kind = "relative" if contracted.group(1).lower() in RELATIVE_PRONOUNS else "pronoun"
        return Mention(j, j, start, end, text[start:end], kind)
    found = _of_scope(tokens, _np_ending_at(tokens, j, text), text)
    if found is None:
        return None
    k = found.first - 1
    if k > 0 and tokens[k].lower in PREPOSITIONS and found.kind != "pronoun":
        outer = _np_ending_at(tokens, k - 1, text)
        if outer is not None and outer.kind in ("name", "description", "pronoun"):
            return outer
    return found


# The heads of agreement.DOCUMENT_FAMILIES (agreement imports this module, so they are repeated).
_DOCUMENT_NOUNS = frozenset("poll survey study report analysis audit memo review".split())


def _of_scope(tokens: list[Token], found: Mention | None, text: str) -> Mention | None:
    """``A CNN poll of South Carolina released ... found``: the poll, with its scope, is the source."""
    if found is None or found.first < 2 or tokens[found.first - 1].lower != "of":
        return found
    if tokens[found.first - 2].lower not in _DOCUMENT_NOUNS:
        return found  # "the director of the FBI" stays as annotated: only a document's scope joins
    outer = _np_ending_at(tokens, found.first - 2, text)
    if outer is None or outer.kind != "description":
        return found
    return _make(tokens, outer.first, found.last, text, "description")


_CIRCUMSTANCE_NOUNS = frozenset(
    "statement interview speech email letter tweet post posting report radio television tv "
    "conference call briefing hearing rally debate op-ed video".split()
)


def _skip_circumstance(tokens: list[Token], j: int) -> int:
    """``Spicer on Thursday evening said``, ``Podesta in a statement said``: skip to the subject."""
    k = j
    if k >= 0 and tokens[k].lower in DAY_AND_TIME_WORDS:
        while k >= 0 and (
            tokens[k].lower in DAY_AND_TIME_WORDS
            or tokens[k].text.isdigit()
            or tokens[k].lower in {"early", "late", "the", "a", ","}
        ):
            k -= 1
        if k >= 0 and tokens[k].lower in PREPOSITIONS:
            k -= 1
        return k if k < j else j
    if k >= 2 and tokens[k].lower in _CIRCUMSTANCE_NOUNS:
        m = k - 1
        while m >= 0 and k - m < 4 and tokens[m].lower not in PREPOSITIONS:
            if not tokens[m].is_word:
                return j
            m -= 1
        if m >= 1 and tokens[m].lower in {"in", "on", "during", "at"}:
            return m - 1
    return j


def _leading_clause_end(tokens: list[Token], limit: int) -> int:
    """Index after ``Before the convention,`` / ``When asked why,`` opening a sentence, else 0."""
    first = tokens[0].lower
    if (
        first not in CLAUSE_OPENERS
        and first not in PREPOSITIONS
        and first not in DAY_AND_TIME_WORDS
        and not _sentence_opener(tokens, 0)
    ):
        return 0
    comma = next((k for k in range(1, min(limit, 14)) if tokens[k].text == ","), None)
    return comma + 1 if comma is not None and comma + 1 < limit else 0


_OPENING_WORDS = frozenset("for despite ever like unlike without amid then now there here".split())


def _sentence_opener(tokens: list[Token], k: int) -> bool:
    """A capitalised word opening a sentence that is no name: "For", "Despite", "Smiling broadly".

    An -ly or -ing word counts only before an adverb: "Kelly said", "Manning said"
    and "Browning, the mayor, said" are names.
    """
    low = tokens[k].lower
    if low in _OPENING_WORDS or low in PREPOSITIONS:
        return True
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        low.endswith(("ly", "ing"))
        and following is not None
        and following.lower.endswith("ly")
        and not following.is_capitalized
    )


def sentence_subject(tokens: list[Token], limit: int, text: str) -> Mention | None:
    """The noun phrase opening a sentence (a pronoun or a name), if it ends before ``limit``."""
    if not tokens or limit <= 0:
        return None
    lead = _leading_clause_end(tokens, limit)
    if not lead and tokens[0].lower in CLAUSE_OPENERS and limit > 1:
        # "Though she called the behavior outrageous and called for ...": the
        # opener is no name; the clause's subject follows it.
        lead = 1
    if lead:
        # "When asked whom she supported, Ms. Sherry smiled and said ...".
        found = sentence_subject(tokens[lead:], limit - lead, text)
        return (
            None
            if found is None
            else Mention(
                found.first + lead, found.last + lead, found.start, found.end, found.text, found.kind
            )
        )
    first = tokens[0]
    if first.lower in PERSONAL_PRONOUNS:
        return _make(tokens, 0, 0, text, "pronoun")
    k = 1 if first.lower in DETERMINERS else 0
    last = -1
    while k < limit:
        tok = tokens[k]
        if tok.is_word and (tok.is_capitalized or tok.lower in TITLE_WORDS):
            last = k
        elif not (tok.text == "." and last == k - 1 and _is_abbreviation(tokens[last])):
            break  # the dot of "Mrs. Doe" stays in the name
        k += 1
    if last >= 0 and tokens[last].is_capitalized:
        return _make(tokens, 0, last, text, "name")
    # "Aides to Mr. Sanders have been pressing ...": the phrase before the first auxiliary.
    aux = next((i for i in range(1, min(limit, 9)) if tokens[i].lower in SUBJECT_ENDS), None)
    if aux is None:
        return None
    phrase = _np_ending_at(tokens, aux - 1, text)
    if phrase is None or phrase.kind == "relative":
        return None
    return _make(tokens, 0, phrase.last, text, "description" if phrase.kind != "name" else "name")


def _before_appositive(tokens: list[Token], comma: int, text: str) -> Mention | None:
    """``NAME, 27, a Tinder user in New York, said``: the name before the appositives."""
    k = comma - 1
    stop = max(-1, comma - 40)
    segments = 0
    while k > stop:
        tok = tokens[k]
        if tok.text == ",":
            segments += 1
            end = k - 1
            if end > 0 and tokens[end].text == ")":
                # "State Rep. Wendy Nanney (R), a leader of ...": skip the parenthesis.
                while end > 0 and tokens[end].text != "(":
                    end -= 1
                end -= 1
            head = _role_with_object(tokens, _np_ending_at(tokens, end, text), text)
            if head is not None and head.kind in ("name", "pronoun", "description"):
                first = tokens[head.first]
                if head.kind != "description" or first.lower in DETERMINERS or _is_possessive(first):
                    return head
            if segments >= 3:
                break
        elif tok.text in ALL_QUOTES:
            possessive = tok.text in "'\u2019" and k > 0 and tokens[k - 1].end == tok.start
            if not possessive:
                return None
        elif tok.text in ";:!?":
            return None
        elif tok.text == "." and not (k > 0 and _is_abbreviation(tokens[k - 1])):
            if not (k + 1 <= comma and tokens[k + 1].text == ","):
                return None
        k -= 1
    # "Clinton's campaign chairman, John Podesta, said": the name just before the cue.
    last = _np_ending_at(tokens, comma - 1, text)
    if last is not None and last.kind == "name" and last.first > 0 and tokens[last.first - 1].text == ",":
        return last
    return None


def _role_with_object(tokens: list[Token], found: Mention | None, text: str) -> Mention | None:
    """``A spokesperson for the Commission, Anitta Hipper, said``: before an appositive name,
    the noun phrase found after a preposition belongs to the role before it, and the whole
    description is what the name is set off from (else "the Commission" would speak)."""
    if found is None or found.kind == "pronoun" or found.first < 2:
        return found
    k = found.first - 1
    if tokens[k].lower not in ROLE_OBJECT_PREPOSITIONS:
        return found
    outer = _np_ending_at(tokens, k - 1, text)
    if outer is None or outer.kind != "description" or tokens[outer.last].is_capitalized:
        return found
    if not (tokens[outer.first].lower in DETERMINERS or _is_possessive(tokens[outer.first])):
        return found
    return _make(tokens, outer.first, found.last, text, "description")


def _is_abbreviation(tok: Token) -> bool:
    return tok.lower in ABBREVIATIONS or (len(tok.text) <= 2 and tok.text[:1].isupper())


def _np_ending_at(tokens: list[Token], j: int, text: str) -> Mention | None:
    if j < 0:
        return None
    tok = tokens[j]
    acronym = len(tok.text) > 1 and tok.text.isupper()  # "The WHO said", "IT": a name
    if tok.lower in PERSONAL_PRONOUNS and not acronym:
        return _make(tokens, j, j, text, "pronoun")
    if tok.lower in RELATIVE_PRONOUNS and not acronym:
        return _make(tokens, j, j, text, "relative")
    if not tok.is_word or (tok.lower in NP_BREAKERS and not acronym) or tok.lower in DAY_AND_TIME_WORDS:
        return None
    if tok.lower in QUANTIFIER_SUBJECTS and (j == 0 or not tokens[j - 1].is_word):
        return _make(tokens, j, j, text, "description")  # "Some said ..."
    if tok.text.isdigit() or tok.lower in DETERMINERS or tok.lower in AUXILIARIES:
        return None
    if _is_possessive(tok) or tok.lower in TIME_PLURALS:
        return None  # "The government's hope", "weeks": not a source
    last = j
    first = j
    if tok.is_capitalized:
        kind = "name"
        k = j - 1
        while k >= 0 and j - k < MAX_NP_TOKENS:
            t = tokens[k]
            if t.is_word and (t.is_capitalized or t.lower in TITLE_WORDS or _is_possessive(t)):
                first = k
            elif t.lower in NAME_JOINERS and k > 0 and tokens[k - 1].is_capitalized:
                first = k
            elif t.text in "-." and k > 0 and tokens[k - 1].is_word:
                first = k
            elif t.lower == "the" and k > 1 and tokens[k - 1].lower == "of" and tokens[k - 2].is_capitalized:
                first = k  # "Mr. Morgan of the Sierra Club"
            elif t.lower in DETERMINERS or t.lower in NP_MODIFIERS:
                first = k
                break
            else:
                break
            k -= 1
        while first < last and tokens[first].lower in NAME_JOINERS - {"the"}:
            first += 1
        # "When Francis said", "Earlier Wednesday Trump said": not part of the name.
        while first < last and (
            tokens[first].lower in CLAUSE_OPENERS
            or tokens[first].lower in DAY_AND_TIME_WORDS
            or (first == 0 and _sentence_opener(tokens, first))
        ):
            first += 1
        if tokens[first].lower in CLAUSE_OPENERS or (first == 0 and _sentence_opener(tokens, first)):
            return None
        return _make(tokens, first, last, text, kind)
    head = tok.lower
    if head.endswith(("ed", "ing", "ly")) and head not in ROLE_HEADS:
        return None
    k = j - 1
    determined = False
    while k >= 0 and j - k < (MAX_NP_TOKENS if tokens[k].is_capitalized or tokens[k].text == "/" else 6):
        t = tokens[k]
        if t.text == "/" and k > 0 and tokens[k - 1].is_capitalized and tokens[k + 1].is_capitalized:
            k -= 1  # "a new Reuters/Ipsos poll"
            continue
        if not t.is_word or t.lower in NP_BREAKERS or _is_skippable(t):
            break
        if t.lower in PERSONAL_PRONOUNS or t.lower in RELATIVE_PRONOUNS:
            break
        first = k
        if t.lower in DETERMINERS or _is_possessive(t):
            determined = True
            break
        k -= 1
    if head not in ROLE_HEADS and not (determined and first < last) and not head.endswith("s"):
        return None
    return _make(tokens, first, last, text, "description")


def mention_after(tokens: list[Token], cue: int, text: str) -> Mention | None:
    """The inverted subject after a cue: ``"...," said the prime minister.``"""
    j = cue + 1
    n = len(tokens)
    if j >= n:
        return None
    tok = tokens[j]
    if tok.lower in PERSONAL_PRONOUNS and tok.lower != "it":
        return _make(tokens, j, j, text, "pronoun")
    if not tok.is_word or tok.lower in NP_BREAKERS or tok.lower in DAY_AND_TIME_WORDS:
        return None
    starts_with_number = tok.text[0].isdigit() and j + 1 < n and tokens[j + 1].text in "/-"
    modifier = (tok.lower in NP_MODIFIERS or tok.lower in TITLE_WORDS) and j + 1 < n and tokens[j + 1].is_word
    if not (tok.is_capitalized or tok.lower in DETERMINERS or starts_with_number or modifier):
        return None
    last = j
    k = j + 1
    while k < n and k - j < MAX_NP_TOKENS:
        t = tokens[k]
        if t.text in ",.;:!?()" or t.text in ALL_QUOTES or t.text == "''":
            break
        if t.lower in NP_BREAKERS - {"of", "for", "the"}:
            break
        if t.lower in DAY_AND_TIME_WORDS and not t.is_capitalized:
            break
        if t.lower in {"on", "in", "at", "during", "after", "before", "who", "when"}:
            break
        last = k
        k += 1
    kind = "name" if tokens[j].is_capitalized and tokens[j].lower not in DETERMINERS else "description"
    return _make(tokens, j, last, text, kind)


_POSSESSIVE_RE = re.compile("['\u2019]s$")


def split_title(words: list[str]) -> tuple[str, str]:
    """See ``_split_title``; the same words give the same answer, so it is remembered."""
    return _split_title(tuple(words))


@lru_cache(maxsize=8192)
def _split_title(words_in: tuple[str, ...]) -> tuple[str, str]:
    """``["Prime", "Minister", "Nikol", "Pashinyan"]`` -> ``("Prime Minister", "Nikol Pashinyan")``.

    Leading determiners, nationality adjectives and title words form the
    title; the capitalised words after the last title word form the name.
    """
    merged: list[str] = []
    for word in words_in:
        if word == "." and merged:
            merged[-1] += "."
        else:
            merged.append(word)
    words = merged
    if "of" in words[1:]:
        # "Mr. Morgan of the Sierra Club": the person, not the organisation;
        # "Secretary of State John Kerry" and "Bank of America" stay whole.
        head = words[: words.index("of")]
        named = [w for w in head if w[:1].isupper() and not _is_title_word(w.lower().rstrip("."))]
        # Not "U.S. Secretary of State Antony Blinken": a title goes on after "of".
        if named and head[-1].lower() not in ORGANISATION_HEADS and not _is_title_word(head[-1].lower()):
            words = head
    if words and words[-1].lower() in ORGANISATION_HEADS:
        kept = [w for w in words if w.lower() not in DETERMINERS]
        return "", " ".join(kept)
    owner = max((i for i, w in enumerate(words[:-1]) if _POSSESSIVE_RE.search(w)), default=-1)
    if owner >= 0:
        words = words[owner + 1 :]  # "NBC's Dante Chinni": the name is "Dante Chinni"
    cut = 0
    for i, word in enumerate(words):
        low = word.lower().rstrip(".")
        if _is_title_word(low) or low in DETERMINERS or _is_nationality(word, words, i):
            cut = i + 1
        elif word[:1].islower() and low not in NAME_JOINERS:
            cut = i + 1
    name = [w for w in words[cut:]]
    while name and name[0].lower() in NAME_JOINERS:
        name.pop(0)
    title = " ".join(w for w in words[:cut] if w.lower() not in DETERMINERS)
    if not name:
        return title, ""
    return title, " ".join(name)


def _is_title_word(low: str) -> bool:
    """``minister``, and hyphenated titles: ``secretary-general``, ``vice-president``."""
    return low in TITLE_WORDS or ("-" in low and all(part in TITLE_WORDS for part in low.split("-")))


def _is_nationality(word: str, words: list[str], i: int) -> bool:
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1].lower().rstrip(".")
    if not _is_title_word(nxt):
        return False
    low = word.lower()
    return low.endswith(("an", "ese", "ish", "i", "ch")) or _is_possessive_word(word)


def _is_possessive_word(word: str) -> bool:
    return word.endswith(("'s", "\u2019s"))
