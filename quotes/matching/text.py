"""Normalisation and tokens: the matcher's view of a sentence.

>>> [t.key for t in tokenize("Armenia will leave the CSTO") if t.content]
['armenia', 'leave', 'csto']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from quotes.matching.lexicon import IRREGULAR, STOPWORDS, SYNONYM_GROUPS
from quotes.matching.types import Token

# Words (with inner apostrophes or hyphens kept apart later), numbers with separators, signs.
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?"  # 1,000.5  4th  1990s
    r"|n't"
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?"  # words, with one inner apostrophe
    r"|[%$€£¥₽]"
    r"|[.!?;:]"
    r"|[,—–()]|\s-\s",
)
_SENTENCE_END = frozenset(".!?;:")
_CLAUSE_BREAK = frozenset(",—–()") | {" - "}
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})

_STEMMER = snowballstemmer.stemmer("english")

# Phrasal verbs a paraphrase uses for one-word verbs ("stepped down" = "resigned"); every form
# maps to the base verb, which the stemmer joins to the other forms anyway.
_PHRASAL_VERBS = [
    (re.compile(rf"(?i)\b(?:{forms}) {particle}\b"), verb)
    for forms, particle, verb in (
        ("step|steps|stepped|stepping", "down", "resign"),
        ("go|goes|went|gone|going", "up", "rise"),
        ("go|goes|went|gone|going", "down", "fall"),
        ("turn|turns|turned|turning", "down", "reject"),
        ("call|calls|called|calling", "off", "cancel"),
        ("put|puts|putting", "off", "postpone"),
        ("set|sets|setting", "up", "establish"),
        ("carry|carries|carried|carrying", "out", "conduct"),
        ("pull|pulls|pulled|pulling", "out", "withdraw"),
        ("shut|shuts|shutting", "down", "close"),
        ("cut|cuts|cutting", "back", "cut"),
    )
]


def normalise(text: str) -> str:
    """NFKC, one kind of quote mark and apostrophe, single spaces, "n't" split off its verb."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    text = re.sub(
        r"(?i)\b(ca|wo|sha)n't\b",
        lambda m: {"ca": "can", "wo": "will", "sha": "shall"}[m.group(1).lower()] + " n't",
        text,
    )
    text = re.sub(r"(?i)(\w)n't\b", r"\1 n't", text)
    text = re.sub(r"(?i)\bcannot\b", "can not", text)
    text = re.sub(r"(?i)\bno[ -]one\b", "nobody", text)
    text = re.sub(r"(?i)\bnot (even )?once\b", "never", text)
    text = re.sub(r"(?i)\bno longer\b", "not", text)
    for pattern, verb in _PHRASAL_VERBS:
        text = pattern.sub(verb, text)
    text = re.sub(r"(\w)-(\w)", r"\1 \2", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, after joining irregular forms to their lemma."""
    word = word.replace("'", "")
    return _STEMMER.stemWord(IRREGULAR.get(word, word))


def _synonym_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        words = [w for w in group.split() if "_" not in w]
        head = stem(words[0])
        for word in words:
            mapping.setdefault(stem(word), head)
    return mapping


_SYNONYMS = _synonym_map()


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """The key two words share when a paraphrase may swap them: stem, then synonym group."""
    key = stem(word.lower())
    return _SYNONYMS.get(key, key)


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of a normalised text, with their canonical key and a few surface facts."""
    tokens: list[Token] = []
    sentence_start = clause_start = True
    for match in _TOKEN.finditer(normalise(text)):
        raw = match.group(0)
        if raw in _SENTENCE_END:
            sentence_start = clause_start = True
            continue
        if raw in _CLAUSE_BREAK:
            clause_start = True
            continue
        lower = raw.lower()
        is_number = raw[0].isdigit()
        is_word = raw[0].isalpha()
        capitalised = is_word and raw[0].isupper() and not sentence_start
        # An acronym or a capitalised word inside a sentence is a name; at a sentence start
        # only an acronym is ("Armenia" at the start is decided by the other text, see facts).
        name = is_word and (capitalised or (len(raw) > 1 and raw.isupper()))
        content = (is_number or is_word) and lower not in STOPWORDS and (len(lower) > 1 or is_number)
        tokens.append(
            Token(
                text=raw,
                lower=lower,
                key=lower if is_number else canonical(lower),
                index=len(tokens),
                name=name,
                initial_cap=is_word and raw[0].isupper(),
                content=content,
                number=is_number,
                clause_start=clause_start,
            )
        )
        sentence_start = clause_start = False
    return tuple(tokens)


def char_ngrams(words: list[str], n: int = 3) -> set[str]:
    """Character n-grams of each word padded with spaces, as pg_trgm makes them."""
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
