"""Speaker resolution inside one document: names, surnames, pronouns and roles.

The resolver reads the document in order. It registers the people and
organisations named so far (with their titles) and the speakers of the
attributions found so far, and maps a mention ("he", "Pashinyan", "the
Armenian prime minister") to the full name it stands for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from quotes.extraction.lexicon import (
    AUXILIARIES,
    DETERMINERS,
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    REPORTING_FORMS,
    ROLE_HEADS,
    TITLE_WORDS,
)
from quotes.extraction.mentions import Mention, mention_before, split_title
from quotes.extraction.text import Token
from quotes.extraction.types import KnownSpeaker

_MALE_TITLES = frozenset("mr sir lord king prince father brother congressman spokesman chairman".split())
_FEMALE_TITLES = frozenset(
    "mrs ms miss dame lady queen princess sister congresswoman spokeswoman chairwoman".split()
)
# How many of the latest sightings of people and organisations a role or a
# pronoun looks back over (a PolNeAR article has at most a few hundred).
RECENT_WINDOW = 2000
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
_SENTENCE_STARTERS = frozenset(
    "the a an in on at but and when while after before as if for by with from this that "
    "these those it he she they we i his her their its our there here what why how".split()
)


def normalise(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a name or alias."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", name.lower()))


@dataclass
class Entity:
    name: str
    title: str = ""
    gender: str = ""  # "m", "f" or "" when unknown
    last_seen: int = 0
    words: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str | None
    title: str


class SpeakerResolver:
    def __init__(self, known: Sequence[KnownSpeaker] = ()) -> None:
        self._by_key: dict[str, Entity] = {}
        self._by_word: dict[str, Entity] = {}
        self._speakers: list[Entity] = []
        # (clock, entity) each time an entity is seen: newest last; an entry is
        # stale when the entity has been seen again since.
        self._recent: list[tuple[int, Entity]] = []
        self._clock = 0
        for speaker in known:
            entity = self._register(speaker.name, speaker.title)
            for alias in speaker.aliases:
                self._by_key.setdefault(normalise(alias), entity)

    # -- registering -------------------------------------------------------

    def _register(self, name: str, title: str) -> Entity:
        key = normalise(name)
        entity = self._by_key.get(key)
        if entity is None:
            entity = Entity(name=name)
            self._by_key[key] = entity
        if title and not entity.title:
            entity.title = title
        words = key.split()
        entity.words.update(words)
        while len(words) > 2 and words[-1] in _NAME_SUFFIXES:
            words = words[:-1]  # "Joseph R. Biden Jr.": the surname is "Biden"
        if len(words) > 1:
            for word in (words[0], words[-1]):
                self._by_word.setdefault(word, entity)
                # "Pashinyan" seen alone before "Nikol Pashinyan": one person.
                single = self._by_key.get(word)
                if single is not None and single is not entity and len(single.name.split()) == 1:
                    entity.gender = entity.gender or single.gender
                    self._by_key[word] = entity
                    self._speakers = [entity if e is single else e for e in self._speakers]
        self._apply_gender(entity, title)
        self._seen(entity)
        return entity

    def _seen(self, entity: Entity) -> None:
        self._clock += 1
        entity.last_seen = self._clock
        self._recent.append((self._clock, entity))

    def recent_entities(self) -> Iterator[Entity]:
        """Entities newest first, among the last RECENT_WINDOW sightings (a bounded scan)."""
        recent = self._recent
        for n in range(len(recent) - 1, max(-1, len(recent) - 1 - RECENT_WINDOW), -1):
            stamp, entity = recent[n]
            if stamp == entity.last_seen:
                yield entity

    @staticmethod
    def _apply_gender(entity: Entity, title: str) -> None:
        first = title.split()[0].lower().rstrip(".") if title else ""
        if first in _MALE_TITLES:
            entity.gender = "m"
        elif first in _FEMALE_TITLES:
            entity.gender = "f"

    def observe(self, tokens: list[Token], skip: list[tuple[int, int]]) -> None:
        """Register the multi-word capitalised names of a sentence (outside ``skip``)."""
        run: list[Token] = []
        end = Token.read(0, 0, ".", ".")
        padded = tokens + [end]
        for i, tok in enumerate(padded):
            inside = any(s <= tok.start < e for s, e in skip)
            following = padded[i + 1] if i + 1 < len(padded) else None
            if run and tok.text == "." and _initial_dot(run[-1], following):
                run.append(tok)  # "Joseph R. Biden": the initial's full stop stays in the name
                continue
            if run and _headline_verb(tok, following):
                # "Obama Says African-American Museum Will Tell": a headline's
                # verb ends the name before it, as a full stop would.
                tok = end
            if tok.is_word and (tok.is_capitalized or (run and tok.lower in TITLE_WORDS)) and not inside:
                if not run and i == 0 and tok.lower in _SENTENCE_STARTERS:
                    continue
                run.append(tok)
                continue
            if len(run) >= 2:
                words = [t.text for t in run]
                title, name = split_title(words)
                if len(name.split()) >= 2:
                    self._register(name, title)
            run = []

    def note_speaker(self, name: str | None) -> None:
        if not name:
            return
        entity = self._by_key.get(normalise(name))
        if entity is None:
            return
        self._speakers.append(entity)
        self._seen(entity)

    def full_name(self, name: str) -> str:
        """The fullest name known for ``name`` once the whole text is read."""
        key = normalise(name)
        if " " in key:
            return name
        entity = self._by_word.get(key)
        return entity.name if entity is not None else name

    # -- resolving ---------------------------------------------------------

    def resolve(self, mention: Mention, tokens: list[Token], text: str) -> Resolution:
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention.text.lower())
        if mention.kind == "relative":
            antecedent = _antecedent_of_relative(tokens, mention.first, text)
            if antecedent is None:
                return Resolution(None, "")
            return self.resolve(antecedent, tokens, text)
        words = [t.text for t in tokens[mention.first : mention.last + 1]]
        title, name = split_title(words)
        if name:
            return self._resolve_name(name, title)
        return self._resolve_role(mention.text, title)

    def _resolve_name(self, name: str, title: str) -> Resolution:
        key = normalise(name)
        entity = self._by_key.get(key)
        if " " not in key and (entity is None or len(entity.name.split()) == 1):
            entity = self._by_word.get(key, entity)
        if entity is None:
            entity = self._register(name, title)
        elif title:
            self._apply_gender(entity, title)
            if not entity.title:
                entity.title = title
        return Resolution(entity.name, entity.title or title)

    def _resolve_role(self, mention: str, title: str) -> Resolution:
        words = [w for w in normalise(mention).split() if w not in DETERMINERS]
        heads = [w for w in words if w in ROLE_HEADS or w in TITLE_WORDS]
        if heads:
            for entity in self.recent_entities():
                entity_title = set(normalise(entity.title).split())
                if entity_title and set(heads) <= entity_title and len(entity.name.split()) > 1:
                    return Resolution(entity.name, entity.title)
        cleaned = " ".join(mention.split())
        first, _, rest = cleaned.partition(" ")
        if first.lower() in {"the"} and rest:
            cleaned = rest
        return Resolution(cleaned, title)

    def _resolve_pronoun(self, pronoun: str) -> Resolution:
        if pronoun not in MALE_PRONOUNS and pronoun not in FEMALE_PRONOUNS:
            return Resolution(None, "")
        wanted = "m" if pronoun in MALE_PRONOUNS else "f"
        for entity in reversed(self._speakers[-6:]):
            if entity.gender in ("", wanted) and len(entity.name.split()) > 1:
                entity.gender = wanted
                return Resolution(entity.name, entity.title)
        for entity in self.recent_entities():
            if entity.gender in ("", wanted) and len(entity.name.split()) > 1:
                entity.gender = wanted
                return Resolution(entity.name, entity.title)
        return Resolution(None, "")


def _initial_dot(before: Token, following: Token | None) -> bool:
    return (
        len(before.text) == 1 and before.text.isupper() and following is not None and following.is_capitalized
    )


def _headline_verb(tok: Token, following: Token | None) -> bool:
    """A capitalised verb inside a title-case run: "Says", "Will" in a headline."""
    return (
        tok.is_capitalized
        and (tok.lower in REPORTING_FORMS or tok.lower in AUXILIARIES)
        and following is not None
        and following.is_capitalized
    )


def _antecedent_of_relative(tokens: list[Token], rel: int, text: str) -> Mention | None:
    j = rel
    if j > 0 and tokens[j - 1].text == ",":
        j -= 1
    return mention_before(tokens, j, text) if j > 0 else None
