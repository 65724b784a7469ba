"""The shape of the text around a name: appositions, roles, initials, headline verbs.

Token-level tests the speaker resolver (speakers.py) reads a sentence with.
"""

from __future__ import annotations

from quotes.extraction.agreement import ORGANISATION_ROLES, PERSON_ROLES
from quotes.extraction.lexicon import AUXILIARIES, DETERMINERS, REPORTING_FORMS, ROLE_HEADS, TITLE_WORDS
from quotes.extraction.text import DOUBLE_OPEN, SINGLE_OPEN, Token


def opening_description(tokens: list[Token]) -> str:
    """``The Indiana governor said``: the words of a definite description of a person opening a sentence."""
    if len(tokens) < 3 or tokens[0].lower != "the":
        return ""
    for j in range(1, min(len(tokens) - 1, 7)):
        tok = tokens[j]
        if not tok.is_word or tok.lower == "of":
            return ""
        if tok.lower in AUXILIARIES or (tok.lower in REPORTING_FORMS and _inflected(tok.lower)):
            # "The campaign says the Democratic candidate ...": the verb ends the subject,
            # so the role after it is no part of the description ("The state attorney
            # general" keeps "state", a reporting verb only in its base form).
            return ""
        if tok.lower in PERSON_ROLES and not tok.is_capitalized:
            following = tokens[j + 1]
            if following.is_word and (following.is_capitalized or following.lower in PERSON_ROLES | {"of"}):
                return ""  # "The minister of the economy, Mr. Guajardo Villarreal," names the person
            if following.text == "," and j + 2 < len(tokens) and tokens[j + 2].is_capitalized:
                return ""
            return " ".join(t.text for t in tokens[: j + 1])
    return ""


def _inflected(word: str) -> bool:
    """``says``, ``argued``, ``said``: a verb form that is no noun modifier."""
    return word.endswith(("s", "ed")) or word in _IRREGULAR_PAST


_IRREGULAR_PAST = frozenset("said told wrote thought found knew felt sang".split())


def modifies_a_name(tokens: list[Token], k: int) -> bool:
    """``Clinton communication director Jennifer Palmieri``: the name before a role and a name."""
    role = False
    for j in range(k, min(len(tokens), k + 4)):
        tok = tokens[j]
        if tok.is_capitalized:
            return role
        if not tok.is_word:
            return False
        role = role or tok.lower in TITLE_WORDS or tok.lower in ROLE_HEADS
    return False


def role_words(tokens: list[Token], lo: int, hi: int) -> set[str]:
    """The words of ``the (former) prime minister`` in tokens[lo:hi], if that is what they are."""
    words = [t.lower for t in tokens[lo:hi]]
    if not words or words[0] not in DETERMINERS or len(words) > 7:
        return set()
    if not all(t.is_word for t in tokens[lo:hi]) or not any(
        w in PERSON_ROLES or w in ORGANISATION_ROLES for w in words
    ):
        return set()  # "the prime minister", and "the parent company of Carrier" for "the company"
    return set(words[1:])


def apposed_role(tokens: list[Token], k: int) -> set[str]:
    """``NAME, the prime minister,``: tokens[k] is the comma after the name."""
    if k >= len(tokens) or tokens[k].text != ",":
        return set()
    end = next((j for j in range(k + 1, min(len(tokens), k + 9)) if not tokens[j].is_word), k + 1)
    return role_words(tokens, k + 1, end)


def preceding_role(tokens: list[Token], k: int) -> set[str]:
    """``the prime minister, NAME``: tokens[k] is the name's first token."""
    if k < 2 or tokens[k - 1].text != ",":
        return set()
    start = next((j + 1 for j in range(k - 2, max(-1, k - 10), -1) if not tokens[j].is_word), 0)
    return role_words(tokens, start, k - 1)


def initial_dot(before: Token, following: Token | None) -> bool:
    return (
        len(before.text) == 1 and before.text.isupper() and following is not None and following.is_capitalized
    )


def headline_verb(tok: Token, following: Token | None) -> bool:
    """A capitalised verb inside a title-case run: "Says", "Will" in a headline.

    Also before an opening quotation mark: "Retired General Reveals ‘Demoralizing’ ...".
    """
    return (
        tok.is_capitalized
        and (tok.lower in REPORTING_FORMS or tok.lower in AUXILIARIES)
        and following is not None
        and (following.is_capitalized or following.text in _OPENING_MARKS)
    )


_OPENING_MARKS = frozenset("\"'" + DOUBLE_OPEN + SINGLE_OPEN)
