"""How a run of words reads as a name: joiners, opening words, titles, documents' names, appositions.

Pure word and token tests the speaker resolver (speakers.py) reads a sentence
with; none of them looks further than a few tokens.
"""

from __future__ import annotations

import re

from quotes.extraction.agreement import (
    DOCUMENT_HEADS,
    DOCUMENT_MODIFIERS,
    NOT_NAME_WORDS,
    ORGANISATION_WORDS,
    PERSON_ROLES,
    RELATIONAL_ROLES,
    classify,
    forename_gender,
)
from quotes.extraction.entities import normalise
from quotes.extraction.lexicon import (
    AUXILIARIES,
    DAY_AND_TIME_WORDS,
    NP_BREAKERS,
    REPORTING_FORMS,
    TITLE_WORDS,
)
from quotes.extraction.mentions import CLAUSE_OPENERS, split_title
from quotes.extraction.text import Token

# Lower-case words that continue a name when a capitalised word follows:
# "Commission on Presidential Debates", "Bank of America".
RUN_JOINERS = frozenset("of on for de van von der al bin la le du da del".split())
# Joiners that open a phrase after a person's name rather than continue it ("Cruz on Fox").
_PHRASE_JOINERS = frozenset("on for".split())
POSSESSIVE = re.compile("['\u2019]s$")
POSSESSIVE_PRONOUNS = {"his": "m", "her": "f"}
# "the chairman, Retired Air Force Gen. Lloyd Newton,": the longest name read in apposition.
MAX_APPOSED_NAME_TOKENS = 8
# "a CNN poll of likely voters in Ohio": the longest scope kept in a document's name.
MAX_DOCUMENT_SCOPE_WORDS = 4


def names_a_person(head: str) -> bool:
    """``chairman``, ``wife``: a head whose apposition gives a person's name ("the book, X," does not)."""
    low = head.lower()
    return (
        low in PERSON_ROLES
        or low in RELATIONAL_ROLES
        or (low in TITLE_WORDS and low not in ORGANISATION_WORDS)
    )


def possessed(mention: str) -> bool:
    """``his wife``, ``Pagliano's lawyer``: a description with an owner."""
    words = mention.split()
    return any(POSSESSIVE.search(w) or w.lower() in POSSESSIVE_PRONOUNS for w in words[:-1])


def relational_head(word: str) -> str:
    """``ex-wife`` -> "wife"; "" when the word is no relational role."""
    head = word.rsplit("-", 1)[-1]
    return head if head in RELATIONAL_ROLES else ""


def joins_an_organisation(run: list[Token], tok: Token, following: Token | None, then: Token | None) -> bool:
    """``Court of Appeals for the Sixth Circuit``: "for the" and "the" after it continue an organisation's name."""
    if not run or following is None or not any(t.lower in ORGANISATION_WORDS for t in run):
        return False
    if tok.lower == "the":
        return run[-1].lower in RUN_JOINERS and following.is_capitalized
    return tok.lower in RUN_JOINERS and following.lower == "the" and then is not None and then.is_capitalized


def joins_no_name(run: list[Token], joiner: Token, following: Token) -> bool:
    """``Bill Clinton on Monday``, ``Hillary Clinton for President``: the joiner ends a person's name."""
    if following.lower in DAY_AND_TIME_WORDS:
        return True
    return joiner.lower in _PHRASE_JOINERS and bool(forename_gender(run[0].text))


def opening_adverb(tok: Token, following: Token | None) -> bool:
    """``Though Kaine ...``, ``Interestingly Blocher ...``: a sentence's first word that is no name."""
    if tok.lower in CLAUSE_OPENERS:
        return True  # also before a comma: "However, Pagliano's lawyer ..."
    if following is None or not following.is_capitalized:
        return False
    if tok.lower in AUXILIARIES and not forename_gender(tok.text):
        return True  # "Does Rubio ...?", but "Will Smith"
    return tok.lower.endswith("ly") and len(tok.lower) > 6 and not forename_gender(tok.text)


def split_name(words: list[str], opening: bool) -> tuple[str, str]:
    """``mentions.split_title``, and a descriptor opening a sentence before a forename joins the title.

    "Vermonter Bernie Sanders", "Billionaire Donald Trump": a capitalised word that is no
    forename, before a forename and a surname, is no part of the name when it opens the
    sentence (only there is a common word capitalised; "Mahamat Saleh Oumar" keeps "Mahamat").
    """
    title, name = split_title(words)
    parts = name.split()
    if (
        opening
        and len(parts) >= 3
        and parts[0].isalpha()
        and forename_gender(parts[1]) in ("m", "f")
        and not forename_gender(parts[0])
        and parts[0].lower() not in RUN_JOINERS
        and parts[0].lower() not in NOT_NAME_WORDS  # "New York Post", "South Carolina"
        and classify(name, "") != "org"
    ):
        title = f"{title} {parts[0]}".strip()
        name = " ".join(parts[1:])
    return title, name


def only_document_words(name: str) -> bool:
    """``Poll``, ``New Poll``: a document's head with no source named."""
    words = normalise(name).split()
    return bool(words) and words[-1] in DOCUMENT_HEADS and all(w in DOCUMENT_MODIFIERS for w in words[:-1])


def of_phrase(tokens: list[Token], k: int) -> str:
    """``of voter lists`` after a document's head, up to punctuation or a verb; "" when none."""
    if k >= len(tokens) or tokens[k].lower != "of":
        return ""
    words = ["of"]
    for tok in tokens[k + 1 : k + 1 + MAX_DOCUMENT_SCOPE_WORDS + 1]:
        if (
            not tok.is_word
            or tok.lower in NP_BREAKERS
            or tok.lower in AUXILIARIES
            or tok.lower in REPORTING_FORMS
            or (not tok.is_capitalized and tok.lower.endswith(("ed", "ing")))  # "of South Carolina released"
        ):
            break
        words.append(tok.text)
    if len(words) == 1 or len(words) > MAX_DOCUMENT_SCOPE_WORDS + 1:
        return ""  # no scope, or a clause rather than a noun phrase
    return " ".join(words)


def joined(tokens: list[Token], words: list[str]) -> str:
    """The words of ``tokens`` as written: ``Reuters/Ipsos`` stays one word."""
    out = words[0]
    for prev, tok, word in zip(tokens, tokens[1:], words[1:], strict=False):
        out += word if tok.start == prev.end else " " + word
    return out


def split_at_slashes(run: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok in run:
        if tok.text == "/":
            parts.append([])
        else:
            parts[-1].append(tok)
    return [part for part in parts if part]


def apposed_name(tokens: list[Token], last: int, leading_the: bool = False) -> list[str]:
    """``the chairman, Phil Lovas, said``: the words of the name set off by commas after tokens[last].

    With ``leading_the``, an organisation's name may open with "the" (``her group, the Center
    for Civil Liberties,``), which is left out.
    """
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return []
    first = last + 2
    if leading_the and tokens[first].lower == "the":
        first += 1
    words: list[str] = []
    for tok in tokens[first : first + MAX_APPOSED_NAME_TOKENS]:
        if tok.text == ",":
            return words if words and words[-1][:1].isupper() else []
        if not (tok.is_capitalized or tok.text == "." or tok.lower in RUN_JOINERS):
            return []
        words.append(tok.text)
    return []
