"""What the speaker resolver knows: entities, where they were sighted, what a mention resolved to."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from quotes.extraction.agreement import forename_gender, may_name_a_person

# Title words that make a different office: "Vice President" is not "the president".
OTHER_OFFICE = frozenset("vice deputy former assistant acting associate".split())
# Abbreviated titles and the word a description uses for them: "Gen. Norman Ham" is "the general".
TITLE_ABBREVIATIONS = {
    "gen": "general",
    "pm": "prime minister",
    "mp": "lawmaker",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "prof": "professor",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "lt": "lieutenant",
    "maj": "major",
    "cmdr": "commander",
    "atty": "attorney",
    "supt": "superintendent",
    "insp": "inspector",
    "pres": "president",
}
# Generic role words and the offices they cover: "the lawmaker" for a senator, "the judge" for a justice.
_LEGISLATORS = frozenset(
    "senator representative congressman congresswoman assemblyman assemblywoman councilman "
    "councilwoman delegate legislator".split()
)
GENERIC_ROLES = {"lawmaker": _LEGISLATORS, "legislator": _LEGISLATORS, "judge": frozenset({"justice"})}


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a name or alias."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", name.lower()))


@dataclass(eq=False)
class Entity:
    name: str
    title: str = ""
    gender: str = ""  # "m" or "f" from a title or a pronoun; "" when unknown
    kind: str = ""  # "person", "org", "group" or "" (see agreement.classify)
    words: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # role words of an apposition: "the prime minister"
    merged_into: Entity | None = None  # "Pashinyan" seen alone, then "Nikol Pashinyan"
    # "Mark MacDougall, Pagliano's lawyer": ("lawyer", Bryan Pagliano); see agreement.RELATIONAL_ROLES.
    relations: list[tuple[str, Entity]] = field(default_factory=list)
    head: str = ""  # a document's head noun: "survey" for "Reuters survey of voter lists"

    def current(self) -> Entity:
        entity = self
        while entity.merged_into is not None:
            entity = entity.merged_into
        return entity

    def soft_gender(self) -> str:
        """The gender the forename suggests (weaker than a title or a pronoun)."""
        return forename_gender(self.name.split()[0]) if " " in self.name else ""


@dataclass(frozen=True, slots=True)
class Sighting:
    start: int
    sentence: int
    entity: Entity
    others: tuple[Entity, ...] = ()  # "Cruz": Heidi Cruz, named last, but also Ted Cruz
    fronted: bool = False  # in a fronted phrase ("In an interview with X, ..."), read after the rest


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str | None
    title: str
    as_written: bool = False  # a description no entity was found for: its words are the name


def plausible_person(entity: Entity) -> bool:
    """A name of two or three words that is no organisation: "Rakeyia Scott", not a headline."""
    return entity.kind == "" and may_name_a_person(entity.name)


def office_words(entity: Entity) -> set[str]:
    """The role words an entity holds, with abbreviations spelled out and the generic roles they fall under.

    ``Rep. Adam Schiff`` holds "rep", "representative" and "lawmaker"; ``Justice Frank Nervo`` holds "judge".
    """
    held = set(normalise(entity.title).split()) | entity.roles
    held |= {word for w in held if w in TITLE_ABBREVIATIONS for word in TITLE_ABBREVIATIONS[w].split()}
    held |= {role for role, offices in GENERIC_ROLES.items() if held & offices}
    return held


def same_office(heads: list[str], words: list[str], entity: Entity) -> bool:
    """``the president`` fits "President" but not "Vice President"; ``the vice president`` fits it."""
    held = office_words(entity)
    return set(heads) <= held and not ((held & OTHER_OFFICE) - set(words))
