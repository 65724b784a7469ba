"""Speaker resolution inside one document: names, surnames, pronouns and roles.

The resolver reads the document in order. It registers the people and
organisations named so far (with their titles and kinds, see agreement.py)
and where each was mentioned (a *sighting*: sentence, position), and maps a
mention ("he", "Pashinyan", "the Armenian prime minister") to the full name
it stands for.

A pronoun or a description goes to the most salient entity that agrees with
it: the sentences are read from the current one backwards, and in each the
mentions left to right (the subject before the objects); a resolved pronoun
is a sighting too, so ``"A," he said. "B," he added.`` stays with one person.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quotes.extraction.agreement import (
    DOCUMENT_FAMILIES,
    DOCUMENT_HEADS,
    DOCUMENT_MODIFIERS,
    ORGANISATION_ROLES,
    ORGANISATION_WORDS,
    PERSON_ROLES,
    PERSON_TITLES,
    RELATIONAL_ROLES,
    classify,
    title_gender,
)
from quotes.extraction.entities import Entity, Resolution, Sighting, normalise, plausible_person, same_office
from quotes.extraction.lexicon import (
    DETERMINERS,
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    PREPOSITIONS,
    ROLE_HEADS,
    ROLE_OBJECT_PREPOSITIONS,
    TITLE_WORDS,
)
from quotes.extraction.mentions import Mention, mention_before
from quotes.extraction.name_context import (
    apposed_role,
    headline_verb,
    initial_dot,
    modifies_a_name,
    opening_description,
    preceding_role,
)
from quotes.extraction.name_forms import (
    POSSESSIVE,
    POSSESSIVE_PRONOUNS,
    RUN_JOINERS,
    apposed_name,
    joined,
    joins_an_organisation,
    joins_no_name,
    names_a_person,
    of_phrase,
    only_document_words,
    opening_adverb,
    possessed,
    relational_head,
    split_at_slashes,
    split_name,
)
from quotes.extraction.text import Token
from quotes.extraction.types import KnownSpeaker

# How far back a pronoun looks for its antecedent, in sentences; a
# description (which may repeat a role far from the name) looks further.
PRONOUN_WINDOW_SENTENCES = 8
DESCRIPTION_WINDOW_SENTENCES = 4
# "the prime minister" for the person last called "Prime Minister ...".
TITLE_WINDOW_SENTENCES = 60
# At most this many sightings are read per look-back (the scan is bounded).
MAX_SIGHTINGS_SCANNED = 300
# Named sources remembered for a headline's description (which reads only the lead's).
MAX_NAMED_SPEAKERS = 40
# Relations kept per entity ("X's lawyer", "Y's spokesman"): a bound, so a lookup stays constant.
MAX_RELATIONS = 8
# "the appeals court": how many fitting organisations are weighed by their modifiers.
MAX_ORGANISATION_CANDIDATES = 8
# "the poll" for the poll last named ("a Bloomberg poll shows ..."), this many sentences back.
DOCUMENT_WINDOW_SENTENCES = 20
# "poll numbers", "report card": a document head that only modifies another noun.
_NOT_DOCUMENT_AFTER = frozenset(
    "numbers number results result card cards data workers worker question questions watchers "
    "standings average averages showing showings position positions".split()
)
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
_SENTENCE_STARTERS = frozenset(
    "the a an in on at but and when while after before as if for by with from this that "
    "these those it he she they we i his her their its our there here what why how".split()
)
# A fronted subordinate clause ("While Obama had singers behind him, ... concerns Henry Crespo"):
# its names are less salient than the main clause's, like a fronted prepositional phrase's.
_SUBORDINATORS = frozenset(
    "while although though whereas when whenever if unless because since as once".split()
)
_IT_PRONOUNS = frozenset("it its".split())
_APPOSITION_ENDS = frozenset(",.;)")
_THEY_PRONOUNS = frozenset("they them their".split())
_DEFINITE = frozenset("the this that".split())
# What a person's name owns that speaks: "Donald Trump's campaign", "the Obama administration".
_OWNED_ORGANISATIONS = frozenset("campaign administration team government foundation".split())
_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | frozenset("it its they them their".split())


class SpeakerResolver:
    def __init__(self, known: Sequence[KnownSpeaker] = ()) -> None:
        self._by_key: dict[str, Entity] = {}
        self._by_word: dict[str, Entity] = {}
        self._namesakes: dict[str, list[Entity]] = {}
        self._sightings: list[Sighting] = []
        self._sentence = 0
        self._fronted_end = -1  # where the current sentence's fronted phrase ends
        self._sentence_start = -1
        # What each pronoun outside quotations, and each description opening a
        # sentence, was resolved to, by its offset.
        self._pronouns: dict[int, Entity | None] = {}
        self._roles: dict[int, Entity | None] = {}
        # The entities attributions name as their source, with the sentence (the first few only).
        self._named_speakers: list[tuple[int, Entity]] = []
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
        entity = entity.current()
        if title and not entity.title:
            entity.title = title
        if " and " in name:
            entity.kind = "group"  # "Trump and Clinton"
            return entity
        if not entity.kind or (title and entity.kind != "org"):
            entity.kind = classify(entity.name, entity.title) or entity.kind
        words = key.split()
        entity.words.update(words)
        while len(words) > 2 and words[-1] in _NAME_SUFFIXES:
            words = words[:-1]  # "Joseph R. Biden Jr.": the surname is "Biden"
        if len(words) > 1 and entity.kind != "org":
            for word in (words[0], words[-1]):
                self._by_word[word] = entity  # the latest "Johnson" named in full
                namesakes = self._namesakes.setdefault(word, [])
                if entity not in namesakes:
                    namesakes.append(entity)
                # "Pashinyan" seen alone before "Nikol Pashinyan": one person.
                single = self._by_key.get(word)
                if single is not None and single.current() is not entity and " " not in single.name:
                    single = single.current()
                    entity.gender = entity.gender or single.gender
                    entity.title = entity.title or single.title
                    if single.kind == "person":
                        entity.kind = "person"
                    single.merged_into = entity
                    self._by_key[word] = entity
        entity.gender = title_gender(title) or entity.gender
        return entity

    def _sight(self, entity: Entity, start: int, others: tuple[Entity, ...] = ()) -> None:
        fronted = start < self._fronted_end
        self._sightings.append(Sighting(start, self._sentence, entity, others, fronted))

    def observe(self, tokens: list[Token], skip: list[tuple[int, int]]) -> None:
        """Register the capitalised names of a sentence (outside ``skip``) and where they are."""
        self._sentence += 1
        self._sentence_start = tokens[0].start if tokens else -1
        # "In an interview with Rusty Humphries, Ham made it clear he ...": names in a
        # fronted prepositional phrase come after the subject's.
        self._fronted_end = -1
        if tokens and (tokens[0].lower in PREPOSITIONS or tokens[0].lower in _SUBORDINATORS):
            self._fronted_end = next((t.start for t in tokens[:25] if t.text == ","), -1)
        opening = opening_description(tokens)
        if opening and not any(s <= tokens[0].start < e for s, e in skip):
            # "The Indiana governor said ...": elegant variation continues a chain too.
            self._role_at(opening, tokens[0].start)
        run: list[Token] = []
        end = Token.read(0, 0, ".", ".")
        padded = tokens + [end]
        skip = sorted(skip)
        at = 0  # the first quotation that may still hold a token
        for i, tok in enumerate(padded):
            while at < len(skip) and skip[at][1] <= tok.start:
                at += 1
            inside = at < len(skip) and skip[at][0] <= tok.start
            following = padded[i + 1] if i + 1 < len(padded) else None
            if run and tok.text == "." and initial_dot(run[-1], following):
                run.append(tok)  # "Joseph R. Biden": the initial's full stop stays in the name
                continue
            if (
                run
                and tok.text == "."
                and run[-1].lower in TITLE_WORDS
                and following
                and following.is_capitalized
            ):
                run.append(tok)  # "Mr. Obama"
                continue
            if run and headline_verb(tok, following):
                # "Obama Says African-American Museum Will Tell": a headline's
                # verb ends the name before it, as a full stop would.
                tok = end
            joiner = (
                run
                and (tok.lower in RUN_JOINERS or tok.text == "/")  # "Reuters/Ipsos"
                and following is not None
                and following.is_capitalized
                and not joins_no_name(run, tok, following)
            ) or joins_an_organisation(run, tok, following, padded[i + 2] if i + 2 < len(padded) else None)
            if not inside and (
                joiner or (tok.is_word and (tok.is_capitalized or (run and tok.lower in TITLE_WORDS)))
            ):
                if not run and i == 0 and (tok.lower in _SENTENCE_STARTERS or opening_adverb(tok, following)):
                    continue
                run.append(tok)
                if POSSESSIVE.search(tok.text):
                    owner = self._name_run(run)  # "Gary Johnson's doctor", "NBC's Dante Chinni"
                    if (
                        owner is not None
                        and following is not None
                        and following.lower in _OWNED_ORGANISATIONS
                    ):
                        # "Donald Trump's campaign is defending ...": an organisation "it" may stand for.
                        owned = self._register(f"{owner.name}\u2019s {following.lower}", "")
                        owned.kind = "org"
                        self._sight(owned, run[0].start)
                    run = []
                continue
            while run and run[-1].lower in RUN_JOINERS:
                run.pop()
            document = self._document_after(run, padded, i) if run and not inside else None
            if document is not None:
                # "A Bloomberg poll shows ...": the poll speaks, not Bloomberg.
                self._sight(document, run[0].start)
                run = []
            elif run and any(t.text == "/" for t in run):
                for part in split_at_slashes(run):
                    self._name_run(part)
                run = []
            if run:
                entity = self._name_run(run, sighted=not modifies_a_name(padded, i))
                if entity is not None:
                    # "Pashinyan, the prime minister," / "the prime minister, Nikol Pashinyan,"
                    entity.roles.update(apposed_role(padded, i) | preceding_role(padded, i - len(run)))
                    self._relate(entity, padded, i, i - len(run) if padded[i - len(run)] is run[0] else -1)
            run = []
            if not inside and tok.lower in _PRONOUNS and tok.start not in self._pronouns:
                # Every pronoun outside quotations continues its referent's chain.
                self._pronouns[tok.start] = self._antecedent(tok.lower, tok.start)
                if self._pronouns[tok.start] is not None:
                    self._sight(self._pronouns[tok.start], tok.start)  # type: ignore[arg-type]

    def _relate(self, entity: Entity, tokens: list[Token], after: int, first: int) -> None:
        """``NAME, Pagliano's lawyer,``, ``his wife, NAME``, ``his wife NAME``: who NAME is to whom."""
        if entity.kind != "person" and not plausible_person(entity):
            return
        pairs = []
        if (
            after + 3 < len(tokens)
            and tokens[after].text == ","
            and tokens[after + 3].text in _APPOSITION_ENDS
        ):
            # "NAME, his lawyer, said", not "NAME, his son said".
            pairs.append((tokens[after + 1], tokens[after + 2]))
        if first > 0:
            j = first - 1 if tokens[first - 1].text != "," else first - 2
            if j > 0:
                pairs.append((tokens[j - 1], tokens[j]))
        for owner_tok, head_tok in pairs:
            head = relational_head(head_tok.lower)
            if not head:
                continue
            owner = self._owner(owner_tok.text, head_tok.start, exclude=entity)
            if (
                owner is not None
                and len(entity.relations) < MAX_RELATIONS
                and (head, owner) not in entity.relations
            ):
                entity.relations.append((head, owner))
                return

    def _owner(self, word: str, at: int, exclude: Entity | None = None) -> Entity | None:
        """The entity a possessive stands for: ``Pagliano's`` by name, ``his``/``her`` as a pronoun would."""
        low = word.lower()
        if low in POSSESSIVE_PRONOUNS:
            wanted = POSSESSIVE_PRONOUNS[low]
            for _, entities in self._groups(at, PRONOUN_WINDOW_SENTENCES):
                for candidate in entities:
                    if (
                        candidate is not exclude
                        and candidate.kind == "person"
                        and self._agrees(candidate, wanted)
                    ):
                        return candidate
            return None
        if not POSSESSIVE.search(word):
            return None
        key = normalise(POSSESSIVE.sub("", word))
        known = self._by_word.get(key) or self._by_key.get(key)
        return known.current() if known is not None and known.current() is not exclude else None

    def _relative_of(self, mention: str, head: str, at: int) -> Entity | None:
        """``Pagliano's lawyer``, ``his ex-wife``: the person given that role for that owner, never the owner."""
        words = mention.split()
        possessor = next(
            (w for w in words[:-1] if POSSESSIVE.search(w) or w.lower() in POSSESSIVE_PRONOUNS), ""
        )
        owner = self._owner(possessor, at) if possessor else None
        if owner is None:
            return None
        # "Scott's wife" after "Keith Scott ... His wife, Rakeyia Scott": any namesake may own.
        owners = {
            owner,
            *(e.current() for e in self._namesakes.get(normalise(POSSESSIVE.sub("", possessor)), [])),
        }
        return next(
            (
                e
                for e, _ in self._looking_back(at, TITLE_WINDOW_SENTENCES)
                if any(
                    role == head and o.current() in owners and o.current() is not e for role, o in e.relations
                )
            ),
            None,
        )

    def _document_after(self, run: list[Token], tokens: list[Token], i: int) -> Entity | None:
        """``Bloomberg poll``, ``Reuters/Ipsos national poll``: a document named by its source, registered."""
        j = i
        if j < len(tokens) and tokens[j].lower in DOCUMENT_MODIFIERS:
            j += 1
        if j >= len(tokens) or tokens[j].lower not in DOCUMENT_HEADS or tokens[j].is_capitalized:
            return None
        if j + 1 < len(tokens) and tokens[j + 1].lower in _NOT_DOCUMENT_AFTER:
            return None
        if run[0].lower in TITLE_WORDS or (len(run) == 1 and run[0].lower in DOCUMENT_MODIFIERS):
            return None  # "President Obama report", "New poll": no source named
        words = [t.text for t in run]
        words[-1] = POSSESSIVE.sub("", words[-1])
        first = 1 if words[0].lower() in DETERMINERS else 0
        if first >= len(run):
            return None  # "The report": a determiner, no source
        name = joined(run[first:], words[first:]) + " " + tokens[j].lower
        scope = of_phrase(tokens, j + 1)  # "a Reuters survey of voter lists": the fullest form
        key = normalise(name)
        entity = self._by_key.get(key)
        if entity is None:
            entity = self._by_key[key] = Entity(
                name=f"{name} {scope}".rstrip(), kind="document", head=tokens[j].lower
            )
        if scope:
            self._by_key.setdefault(normalise(f"{name} {scope}"), entity)
        return entity.current()

    def _document_named(self, words: list[str]) -> Entity | None:
        """The registered document a description's words name: ``a new Reuters/Ipsos poll``."""
        # "a new Reuters/Ipsos poll" without "new"; "A New York Times/CBS News poll" keeps "New".
        for key in (" ".join(w for w in words if w not in DOCUMENT_MODIFIERS), " ".join(words)):
            entity = self._by_key.get(key)
            if entity is not None and entity.current().kind == "document":
                return entity.current()
        return None

    def _name_run(self, run: list[Token], sighted: bool = True) -> Entity | None:
        """Register a run of capitalised words; ``sighted`` unless it only modifies a later name."""
        words = [t.text for t in run]
        words[-1] = POSSESSIVE.sub("", words[-1])
        org_at = max((k for k, w in enumerate(words) if w.lower() in ORGANISATION_WORDS), default=-1)
        if (
            org_at >= 0
            and words[0].rstrip(".").lower() not in TITLE_WORDS
            and not any(w.lower().rstrip(".") in PERSON_TITLES for w in words[org_at + 1 :])
        ):
            # "Commission on Presidential Debates" stays whole; "The Washington Post" is "Washington Post".
            title, name = "", " ".join(words[1:] if words[0].lower() in DETERMINERS else words)
        else:
            title, name = split_name(words, opening=run[0].start == self._sentence_start)
        if not name:
            return None
        others: tuple[Entity, ...] = ()
        if " " in name:
            entity = self._register(name, title)
        else:
            key = normalise(name)
            known = self._by_word.get(key) or self._by_key.get(key)
            entity = known.current() if known is not None else self._register(name, title)
            others = tuple(
                e.current() for e in reversed(self._namesakes.get(key, [])) if e.current() is not entity
            )
            if title:
                entity.gender = title_gender(title) or entity.gender
                if entity.kind == "":
                    entity.kind = classify(entity.name, title)
        if sighted:
            self._sight(entity, run[0].start, others if " " not in name else ())
        return entity

    def note_speaker(self, name: str | None) -> None:
        """An attribution's speaker: a named speaker that is no organisation is a person."""
        if not name:
            return
        entity = self._by_key.get(normalise(name))
        if entity is not None and entity.current().kind == "" and plausible_person(entity.current()):
            entity.current().kind = "person"

    def full_name(self, name: str) -> str:
        """The fullest name known for ``name`` once the whole text is read."""
        key = normalise(name)
        if " " in key:
            return name
        entity = self._by_word.get(key)
        return entity.current().name if entity is not None else name

    # -- resolving ---------------------------------------------------------

    def resolve(self, mention: Mention, tokens: list[Token], text: str) -> Resolution:
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention.text.lower(), mention.start)
        if mention.kind == "name" and len(self._named_speakers) < MAX_NAMED_SPEAKERS:
            resolution = self._resolve_written(mention, tokens, text)
            entity = self._by_key.get(normalise(resolution.name or ""))
            if entity is not None:
                self._named_speakers.append((self._sentence, entity))
            return resolution
        return self._resolve_written(mention, tokens, text)

    def _resolve_written(self, mention: Mention, tokens: list[Token], text: str) -> Resolution:
        if mention.kind == "relative":
            antecedent = _antecedent_of_relative(tokens, mention.first, text)
            if antecedent is None:
                return Resolution(None, "")
            return self.resolve(antecedent, tokens, text)
        words = [t.text for t in tokens[mention.first : mention.last + 1]]
        served = next((n for n, w in enumerate(words) if n and w.lower() in ROLE_OBJECT_PREPOSITIONS), 0)
        if served and names_a_person(words[served - 1]):
            # "A spokesperson for the Commission, Anitta Hipper, said": the name, not the Commission.
            set_off = self._set_off_name(tokens, mention.last)
            if set_off is not None:
                return set_off
        title, name = split_name(words, opening=mention.first == 0)
        # "the Commission" after "the Commission on Presidential Debates": a description;
        # "New Poll Shows ..." too.
        org_head = (" " not in name and name.lower() in ORGANISATION_WORDS) or only_document_words(name)
        if (
            name
            and name[0].isupper()
            and not org_head
            and not (words[-1].islower() and words[-1] in PERSON_ROLES)
        ):
            return self._resolve_name(name, title)
        if words[-1].lower() in ORGANISATION_WORDS or words[-1].lower() in ORGANISATION_ROLES:
            # "Her group, the Center for Civil Liberties, has ...": the organisation named.
            named = apposed_name(tokens, mention.last, leading_the=True)
            if named:
                return self._resolve_name(" ".join(named), "")
        if names_a_person(words[-1]):
            # "The state campaign chairman, Phil Lovas, said": the name the description gives.
            set_off = self._set_off_name(tokens, mention.last)
            if set_off is not None:
                return set_off
        # "the former first lady and U.S. senator" is a description, not "U.S."
        return self._resolve_role(mention.text, "" if name else title, mention.start)

    def _set_off_name(self, tokens: list[Token], last: int) -> Resolution | None:
        """The person named between commas after tokens[last] (``the chairman, Phil Lovas,``)."""
        apposed = apposed_name(tokens, last)
        return self._resolve_name(*reversed(split_name(apposed, opening=False))) if apposed else None

    def _resolve_name(self, name: str, title: str) -> Resolution:
        key = normalise(name)
        entity = self._by_key.get(key)
        if " " not in key and (entity is None or " " not in entity.current().name):
            entity = self._by_word.get(key, entity)
        if entity is None:
            entity = self._register(name, title)
        entity = entity.current()
        if title:
            entity.gender = title_gender(title) or entity.gender
            if not entity.title:
                entity.title = title
        return Resolution(entity.name, entity.title or title)

    def _groups(self, at: int, sentences: int) -> Iterator[tuple[int, list[Entity]]]:
        """(distance in sentences, entities left to right) before offset ``at``, this sentence first."""
        oldest = self._sentence - sentences
        group: list[Sighting] = []
        current = self._sentence
        scanned = 0
        for n in range(len(self._sightings) - 1, -1, -1):
            sighting = self._sightings[n]
            scanned += 1
            if sighting.sentence < oldest or scanned > MAX_SIGHTINGS_SCANNED:
                break
            if sighting.start >= at:
                continue
            if sighting.sentence != current:
                if group:
                    yield self._in_order(group)
                group = []
                current = sighting.sentence
            group.append(sighting)
        if group:
            yield self._in_order(group)

    def _in_order(self, group: list[Sighting]) -> tuple[int, list[Entity]]:
        ordered = []
        namesakes: list[Entity] = []
        for sighting in sorted(group, key=lambda s: (s.fronted, s.start)):
            ordered.append(sighting.entity.current())
            namesakes.extend(sighting.others)
        # After everyone the sentence names, the earlier namesakes of a surname ("Clinton" is
        # Hillary Clinton, named last; Bill Clinton only when no one else there agrees).
        return self._sentence - group[0].sentence, ordered + namesakes

    def _looking_back(self, at: int, sentences: int) -> Iterator[tuple[Entity, int]]:
        for distance, entities in self._groups(at, sentences):
            for entity in entities:
                yield entity, distance

    def _resolve_pronoun(self, pronoun: str, at: int) -> Resolution:
        if at in self._pronouns:
            entity = self._pronouns[at]
        else:
            entity = self._pronouns[at] = self._antecedent(pronoun, at)
            if entity is not None:
                self._sight(entity, at)
        if entity is None:
            return Resolution(None, "")
        entity = entity.current()
        return Resolution(entity.name, entity.title)

    def _antecedent(self, pronoun: str, at: int) -> Entity | None:
        if pronoun in MALE_PRONOUNS or pronoun in FEMALE_PRONOUNS:
            return self._person(at, "m" if pronoun in MALE_PRONOUNS else "f", PRONOUN_WINDOW_SENTENCES)
        if pronoun in _IT_PRONOUNS or pronoun in _THEY_PRONOUNS:
            kinds = ("org", "document") if pronoun in _IT_PRONOUNS else ("org", "group")
            return next((e for e, _ in self._looking_back(at, 3) if e.kind in kinds), None)
        return None

    def _person(self, at: int, wanted: str, window: int) -> Entity | None:
        """The most salient person that agrees with ``wanted`` ("m", "f" or "" for either)."""
        fallback = None
        for distance, entities in self._groups(at, window):
            people = [e for e in entities if e.kind == "person"]
            if distance <= 1:  # then a name that may be a person's: "Rakeyia Scott"
                people += [e for e in entities if plausible_person(e)]
            for entity in people:
                found = self._agrees(entity, wanted)
                if found is True:
                    return entity
                if found is None:
                    fallback = fallback or entity  # a forename of the other gender: "Nikol" Pashinyan
        if fallback is not None:
            fallback.gender = wanted
        return fallback

    @staticmethod
    def _agrees(entity: Entity, wanted: str) -> bool | None:
        """True when ``entity`` may be ``wanted`` ("m", "f", "" for either), None when only its forename disagrees."""
        if not wanted:
            return True
        if entity.gender:
            return entity.gender == wanted
        if entity.soft_gender() in ("", "a", wanted):
            entity.gender = wanted
            return True
        return None

    def _resolve_role(self, mention: str, title: str, at: int) -> Resolution:
        found = self._role_at(mention, at)
        if found is not None:
            return Resolution(found.name, found.title)
        cleaned = " ".join(mention.split())
        first, _, rest = cleaned.partition(" ")
        if first.lower() in _DEFINITE and rest:
            cleaned = rest
        return Resolution(cleaned, title, as_written=True)

    def _role_at(self, mention: str, at: int) -> Entity | None:
        """The entity the description at offset ``at`` stands for (once per offset), sighted there."""
        if at not in self._roles:
            self._roles[at] = found = self._role_antecedent(mention, at)
            if found is not None:
                self._sight(found, at)
        return self._roles[at]

    def _document_antecedent(self, mention: str, words: list[str], at: int) -> Entity | None:
        """``A Bloomberg poll`` is that poll; ``the poll``, ``the survey`` the latest of its family."""
        named = self._document_named(words)
        if named is not None:
            return named
        if normalise(mention).split()[0] not in _DEFINITE or words[-1] not in DOCUMENT_FAMILIES:
            return None  # "a new poll": a poll the text has not named
        family = DOCUMENT_FAMILIES[words[-1]]
        return next(
            (
                e
                for e, _ in self._looking_back(at, DOCUMENT_WINDOW_SENTENCES)
                if e.kind == "document" and e.head in family
            ),
            None,
        )

    def headline_referent(self, mention: str, after: int) -> Entity | None:
        """``Judge rejects ...`` in a headline: the person the first sentences after it give that role."""
        words = [w for w in normalise(mention).split() if w not in DETERMINERS]
        if words and words[-1] in DOCUMENT_HEADS:
            # "Poll: Wealthy Voters Abandon ...": the first document the lead names.
            return next(
                (
                    s.entity.current()
                    for s in self._sightings[:MAX_SIGHTINGS_SCANNED]
                    if s.start >= after and s.entity.current().kind == "document"
                ),
                None,
            )
        heads = [w for w in words if w in ROLE_HEADS or w in TITLE_WORDS]
        if not heads:
            return None
        first_sentence = None
        lead = None  # the first person the lead names, when no one there has the role
        for sighting in self._sightings:
            if sighting.start < after:
                continue
            first_sentence = first_sentence or sighting.sentence
            if sighting.sentence > first_sentence + 2:
                break
            entity = sighting.entity.current()
            if " " in entity.name and same_office(heads, words, entity):
                return entity
            if (
                lead is None
                and sighting.sentence == first_sentence
                and entity.kind == "person"
                and " " in entity.name
            ):
                lead = entity
        if first_sentence is not None:
            # "Former DNC chairman calls for ...", the lead "A former ... chairman says President
            # Obama should ...", then "... said Don Fowler": the headline speaks for the first
            # person the lead quotes by name, not for the first person it mentions.
            speaker = next(
                (
                    e.current()
                    for sentence, e in self._named_speakers
                    if first_sentence <= sentence <= first_sentence + 2
                    and e.current().kind == "person"
                    and " " in e.current().name
                ),
                None,
            )
            lead = speaker or lead
        return lead

    def _role_antecedent(self, mention: str, at: int) -> Entity | None:
        at += 1  # the name read at this very offset counts: "Commission" of "Commission on ..."
        words = [w for w in normalise(mention).split() if w not in DETERMINERS]
        if words and (words[-1] in DOCUMENT_HEADS or self._document_named(words) is not None):
            document = self._document_antecedent(mention, words, at)
            if document is not None:
                return document
            # No document named: "the poll" may still be the pollster's ("Latino Decisions, ... the poll").
        if words and words[-1] in RELATIONAL_ROLES and possessed(mention):
            # Never the owner, nor the most salient person (who is usually the owner).
            return self._relative_of(mention, words[-1], at)
        heads = [w for w in words if w in ROLE_HEADS or w in TITLE_WORDS]
        found = None
        # "the campaign" is an organisation even after "the state's campaign chairman, Phil Lovas"
        # (but "United Technologies, Carrier's parent company," is "the company").
        organisation = bool(words) and words[-1] in ORGANISATION_WORDS
        if heads:
            found = next(
                (
                    e
                    for e, _ in self._looking_back(at, TITLE_WINDOW_SENTENCES)
                    if (e.title or e.roles)
                    and same_office(heads, words, e)
                    and (" " in e.name or e.title)
                    and not (organisation and (e.kind == "person" or plausible_person(e)))
                ),
                None,
            )
        # "the senator", "U.S. senator" after "the former first lady and": not "a senator".
        definite = normalise(mention).split()[:1] not in (
            ["a"],
            ["an"],
            ["one"],
            ["another"],
            ["some"],
            ["any"],
        )
        head = words[-1] if words else ""
        if found is None and definite and head in PERSON_ROLES:
            found = self._person(at, "", DESCRIPTION_WINDOW_SENTENCES)
        elif found is None and definite and head in _OWNED_ORGANISATIONS:
            # "Hillary Clinton plans ... The campaign says": the salient person's campaign.
            found = next(
                (
                    e
                    for e, _ in self._looking_back(at, DESCRIPTION_WINDOW_SENTENCES)
                    if e.kind == "org" and e.name.endswith(f"\u2019s {head}")
                ),
                None,
            )
            owner = self._person(at, "", DESCRIPTION_WINDOW_SENTENCES) if found is None else None
            if owner is not None:
                found = self._register(f"{owner.name}\u2019s {head}", "")
                found.kind = "org"
        elif found is None and definite and (head in ORGANISATION_ROLES or head in ORGANISATION_WORDS):
            found = self._organisation(head, words[:-1], at)
        return found

    def _organisation(self, head: str, modifiers: list[str], at: int) -> Entity | None:
        """``the appeals court``: of the organisations with a fitting head, the one whose name
        shares most of the description's modifiers ("Court of Appeals", not the district court
        named since), the latest on a tie."""
        wanted = ORGANISATION_ROLES.get(head, frozenset((head,)))
        best, best_shared = None, -1
        seen = 0
        for e, _ in self._looking_back(at, TITLE_WINDOW_SENTENCES):
            if e.kind != "org":
                continue
            words = set(normalise(e.name).split())
            if not wanted & words:
                continue
            shared = len(words & set(modifiers))
            if shared > best_shared:
                best, best_shared = e, shared
            seen += 1
            if seen >= MAX_ORGANISATION_CANDIDATES or not modifiers:
                break
        return best


def _antecedent_of_relative(tokens: list[Token], rel: int, text: str) -> Mention | None:
    j = rel
    if j > 0 and tokens[j - 1].text == ",":
        j -= 1
    return mention_before(tokens, j, text) if j > 0 else None
