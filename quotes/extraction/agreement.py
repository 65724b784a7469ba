"""What a mention can stand for: person or organisation, gender, number, role heads.

The speaker resolver (speakers.py) only offers a pronoun or a description
the entities that agree with it: ``he``/``she`` a person of that gender (from
a title such as ``Mr.``/``Ms.``, an earlier pronoun, or the forename, as
gender-guesser's list of first names gives it), ``it`` an organisation or a
document, ``they`` an organisation or a group, ``the newspaper`` an entity
whose name ends in a newspaper's head word.
"""

from __future__ import annotations

from functools import lru_cache

from quotes.extraction.mentions import ORGANISATION_HEADS

# Words that end an organisation's name: "the Commission on Presidential
# Debates" starts with one, so any word of the name counts (see ``classify``).
ORGANISATION_WORDS = ORGANISATION_HEADS | frozenset(
    "coalition alliance organization organisation federation league institution corporation "
    "inc corp co llc ltd firm club society caucus senate house congress parliament assembly "
    "nations authority ministry agency commission committee network newspaper party "
    "foundation fund bank court university school college hospital council union "
    "association campaign administration government department office bureau service "
    "post times journal tribune herald telegraph guardian gazette globe reuters press "
    "politifact cnn nbc abc cbs fox msnbc bbc".split()
)
# Words of place and institution names that are never part of a person's name:
# "Middle East", "Fort Pierce", "Security Council" are no antecedent for "she".
NOT_NAME_WORDS = frozenset(
    "north south east west northern southern eastern western middle central new old great "
    "united fort port mount lake river saint st san santa los las el la bay beach island islands "
    "valley park street avenue road square hill hills city county state states national federal "
    "royal republic kingdom empire capitol white house security general supreme affairs "
    "international global american african asian european russian chinese america africa asia "
    "europe monday tuesday wednesday thursday friday saturday sunday january february march "
    "april june july august september october november december history museum day week".split()
)
# Titles that say nothing about gender but do say "a person".
PERSON_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady president prime minister premier senator sen rep "
    "representative congressman congresswoman governor gov mayor secretary attorney general "
    "chancellor justice spokesman spokeswoman spokesperson judge professor prof king queen "
    "prince princess pope chairman chairwoman chair ceo director ambassador lt col gen adm "
    "capt sgt cmdr maj commander leader speaker candidate nominee del delegate".split()
)
MALE_TITLES = frozenset("mr sir lord king prince father brother congressman spokesman chairman".split())
FEMALE_TITLES = frozenset(
    "mrs ms miss dame lady queen princess sister congresswoman spokeswoman chairwoman".split()
)
# Role heads a singular definite description of a person ends in: "the senator".
PERSON_ROLES = frozenset(
    "president minister premier senator governor mayor secretary chancellor spokesman "
    "spokeswoman spokesperson chief judge ambassador chairman chairwoman director leader "
    "speaker candidate nominee sheriff officer commissioner lawmaker official analyst adviser "
    "advisor aide strategist pollster manager founder owner lawyer attorney economist expert "
    "businessman businesswoman billionaire democrat republican congressman congresswoman "
    "representative justice professor executive host author writer actor actress star "
    "woman man mogul veteran activist chair ceo candidate partner member".split()
)
# Heads of documents that speak ("a Bloomberg poll shows", "the report found"), by family:
# "the survey" may stand for "a Reuters/Ipsos poll", "the study" for "a Reuters survey".
DOCUMENT_FAMILIES: dict[str, frozenset[str]] = {
    "poll": frozenset("poll survey".split()),
    "survey": frozenset("poll survey study".split()),
    "study": frozenset("study survey report analysis research".split()),
    "report": frozenset("report study analysis audit memo review".split()),
    "analysis": frozenset("analysis study report".split()),
    "audit": frozenset("audit report review".split()),
    "memo": frozenset("memo report".split()),
    "review": frozenset("review report audit".split()),
}
DOCUMENT_HEADS = frozenset(DOCUMENT_FAMILIES)
# Words that may stand between a document's source and its head: "a Bloomberg national poll".
DOCUMENT_MODIFIERS = frozenset(
    "new latest recent national statewide state exit online telephone tracking annual internal "
    "separate earlier final same".split()
)
# Roles a person holds for another ("Pagliano's lawyer", "his wife"): the description is never
# its owner, and is the person the text gave that role for that owner.
RELATIONAL_ROLES = frozenset(
    "wife husband son daughter father mother brother sister widow widower spouse girlfriend "
    "boyfriend fiancee fiance lawyer attorney spokesman spokeswoman spokesperson doctor physician "
    "aide adviser advisor".split()
)
# A description's head and the heads of the names it may stand for.
ORGANISATION_ROLES: dict[str, frozenset[str]] = {
    "newspaper": frozenset("post times journal tribune herald telegraph guardian gazette globe news".split()),
    "paper": frozenset("post times journal tribune herald telegraph guardian gazette globe news".split()),
    "network": frozenset("cnn nbc abc cbs fox msnbc bbc network news".split()),
    "agency": frozenset("agency office department bureau administration service commission".split()),
    "department": frozenset("department ministry office".split()),
    "ministry": frozenset("ministry department".split()),
    "commission": frozenset("commission committee".split()),
    "committee": frozenset("committee commission panel".split()),
    "panel": frozenset("committee commission panel".split()),
    "union": frozenset("union association federation".split()),
    "group": frozenset("group coalition alliance association organization organisation".split()),
    "organization": frozenset("organization organisation group coalition association".split()),
    "coalition": frozenset("coalition alliance".split()),
    "alliance": frozenset("alliance coalition".split()),
    "bank": frozenset("bank".split()),
    "fund": frozenset("fund".split()),
    "court": frozenset("court".split()),
    "company": frozenset("company corporation inc corp co llc ltd firm".split()),
    "firm": frozenset("company corporation inc corp co llc ltd firm".split()),
    "foundation": frozenset("foundation".split()),
    "campaign": frozenset("campaign".split()),
    "party": frozenset("party".split()),
    "government": frozenset("government administration".split()),
    "administration": frozenset("administration government".split()),
    "university": frozenset("university college school".split()),
    "council": frozenset("council".split()),
    "office": frozenset("office".split()),
}


@lru_cache(maxsize=1)
def _detector() -> object | None:
    try:
        from gender_guesser.detector import Detector
    except ImportError:  # the engine still runs, with titles and pronouns only
        return None
    return Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def forename_gender(word: str) -> str:
    """``"m"``, ``"f"`` or ``""`` for a first name (gender-guesser's list; loaded on first use)."""
    if len(word) < 2 or not word[0].isupper() or not word.isalpha():
        return ""
    detector = _detector()
    if detector is None:
        return ""
    found = detector.get_gender(word)  # type: ignore[attr-defined]
    if found in ("male", "mostly_male"):
        return "m"
    if found in ("female", "mostly_female"):
        return "f"
    return "a" if found == "andy" else ""


_NOT_NAME_JOINERS = frozenset("and for of on the".split())


def may_name_a_person(name: str) -> bool:
    """Two or three words, none of them a place's or an institution's: "Rakeyia Scott"."""
    words = name.lower().replace(".", " ").split()
    # "Organizing for Action", "Bank of America": a joiner that no person's name has.
    return 1 < len(words) <= 3 and not any(w in NOT_NAME_WORDS or w in _NOT_NAME_JOINERS for w in words)


def title_gender(title: str) -> str:
    for word in title.lower().replace(".", " ").split():
        if word in MALE_TITLES:
            return "m"
        if word in FEMALE_TITLES:
            return "f"
    return ""


_OF_WORDS = frozenset("of on for".split())


def classify(name: str, title: str) -> str:
    """``"person"``, ``"org"``, ``"group"`` or ``""`` (unknown) for a name as written."""
    words = name.replace(".", " ").split()
    if not words:
        return ""
    lowers = [w.lower() for w in words]
    if lowers[-1] in ORGANISATION_WORDS or (len(words) > 2 and lowers[0] in ORGANISATION_WORDS):
        return "org"
    if any(w in ORGANISATION_WORDS and nxt in _OF_WORDS for w, nxt in zip(lowers, lowers[1:], strict=False)):
        return "org"  # "U.S. Court of Appeals", "Department of Justice"
    if any(w in PERSON_TITLES for w in title.lower().replace(".", " ").split()):
        return "person"
    if len(words) >= 2 and forename_gender(words[0]):
        return "person"
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return "org"  # "DNC", "NBC"
    if len(words) == 1 and lowers[0].endswith("s") and len(lowers[0]) > 4 and lowers[0][-2] not in "su":
        return "group"  # "Democrats", "Republicans"
    return ""
