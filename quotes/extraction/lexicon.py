"""Word lists the rules use: cues, titles, pronouns, function words.

The cue lexicon has two parts: a hand-written list of reporting verbs in all
their forms (always on), and ``data/cues.json``, per-word-form statistics
learned from an annotated corpus by ``build_lexicon.py`` (word forms and
numbers only, no corpus text). The engine works with the hand list alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Reporting verbs: lemma -> forms. Speech first, then writing, belief and evidence.
_REPORTING_VERBS = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "add": "add adds added adding",
    "warn": "warn warns warned warning",
    "claim": "claim claims claimed claiming",
    "deny": "deny denies denied denying",
    "insist": "insist insists insisted insisting",
    "argue": "argue argues argued arguing",
    "note": "note notes noted noting",
    "state": "state states stated stating",
    "declare": "declare declares declared declaring",
    "announce": "announce announces announced announcing",
    "accuse": "accuse accuses accused accusing",
    "explain": "explain explains explained explaining",
    "write": "write writes wrote writing written",
    "tweet": "tweet tweets tweeted tweeting",
    "post": "posted",
    "report": "report reports reported reporting",
    "suggest": "suggest suggests suggested suggesting",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "admit": "admit admits admitted admitting",
    "concede": "concede concedes conceded conceding",
    "confirm": "confirm confirms confirmed confirming",
    "assert": "assert asserts asserted asserting",
    "contend": "contend contends contended contending",
    "maintain": "maintains maintained",
    "stress": "stress stresses stressed stressing",
    "emphasize": "emphasize emphasizes emphasized emphasizing emphasise emphasised",
    "reiterate": "reiterate reiterates reiterated reiterating",
    "repeat": "repeated",
    "recall": "recall recalls recalled recalling",
    "predict": "predict predicts predicted predicting",
    "promise": "promise promises promised promising",
    "pledge": "pledge pledges pledged pledging",
    "vow": "vow vows vowed vowing",
    "threaten": "threaten threatens threatened threatening",
    "urge": "urge urges urged urging",
    "ask": "ask asks asked asking",
    "reply": "reply replies replied replying",
    "respond": "respond responds responded responding",
    "answer": "answered",
    "complain": "complain complains complained complaining",
    "allege": "allege alleges alleged alleging",
    "charge": "charged",
    "observe": "observe observes observed observing",
    "remark": "remark remarks remarked remarking",
    "comment": "commented",
    "mention": "mention mentions mentioned mentioning",
    "point": "pointed",
    "joke": "joke jokes joked joking",
    "quip": "quipped",
    "boast": "boast boasts boasted boasting",
    "estimate": "estimate estimates estimated estimating",
    "conclude": "conclude concludes concluded concluding",
    "find": "find finds found",
    "show": "show shows showed shown",
    "reveal": "reveal reveals revealed revealing",
    "indicate": "indicate indicates indicated indicating",
    "believe": "believe believes believed",
    "think": "think thinks thought",
    "feel": "feels felt",
    "fear": "fear fears feared",
    "hope": "hope hopes hoped",
    "expect": "expects expected",
    "know": "knew",
    "call": "call calls called calling",
    "describe": "describe describes described describing",
    "denounce": "denounce denounces denounced denouncing",
    "criticize": "criticize criticizes criticized criticizing criticise criticised",
    "condemn": "condemn condemns condemned condemning",
    "praise": "praise praises praised praising",
    "blame": "blame blames blamed blaming",
    "dismiss": "dismiss dismisses dismissed dismissing",
    "reject": "reject rejects rejected rejecting",
    "question": "questioned questioning",
    "agree": "agree agrees agreed agreeing",
    "cite": "cite cites cited citing",
    "caution": "caution cautions cautioned cautioning",
    "counter": "counter counters countered countering",
    "recount": "recount recounts recounted recounting",
    "acknowledge_": "acknowledged",
    "continue": "continued",
    "proclaim": "proclaim proclaims proclaimed proclaiming",
    "assure": "assure assures assured assuring",
    "signal": "signaled signalled",
    "hint": "hint hints hinted hinting",
    "speculate": "speculate speculates speculated speculating",
    "testify": "testify testifies testified testifying",
    "write_": "writes",
    "yell": "yell yells yelled yelling",
    "shout": "shout shouts shouted shouting",
    "scream": "scream screams screamed screaming",
    "exclaim": "exclaim exclaims exclaimed exclaiming",
    "whisper": "whisper whispers whispered whispering",
    "chant": "chant chants chanted chanting",
    "sing": "sings sang",
    "plead": "plead pleads pleaded pleading",
    "demand": "demand demands demanded demanding",
    "wonder": "wonder wonders wondered wondering",
    "muse": "mused",
    "snap": "snapped",
    "quote": "quoted quoting",
    "retort": "retort retorts retorted",
    "interject": "interjected",
    "elaborate": "elaborated",
}

# Verbs whose content is usually a clause ("said the vote would ..."); the
# others often take a noun phrase ("endorsed Trump", "denied the report").
_CLAUSE_LEMMAS = (
    "say tell add warn claim insist argue note state declare explain write tweet report suggest "
    "acknowledge admit concede confirm assert contend maintain stress emphasize reiterate recall "
    "predict promise pledge vow threaten reply respond complain allege observe remark joke boast "
    "estimate conclude find show reveal indicate believe think feel fear hope expect know agree "
    "caution counter recount proclaim assure hint speculate testify urge ask wonder"
).split()
CLAUSE_FORMS: frozenset[str] = frozenset(
    form for lemma in _CLAUSE_LEMMAS for form in _REPORTING_VERBS.get(lemma, "").split()
)

REPORTING_FORMS: frozenset[str] = frozenset(
    form for forms in _REPORTING_VERBS.values() for form in forms.split()
)

# Verbs that take the addressee before the content: "told reporters that".
ADDRESSEE_VERBS = frozenset(
    "tell tells told telling assure assures assured assuring remind reminds reminded "
    "warn warns warned warning inform informs informed informing ask asks asked asking "
    "urge urges urged urging promise promises promised".split()
)

PERSONAL_PRONOUNS = frozenset("he she they it we i you".split())
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())

# Words between a subject and its verb: "Pashinyan also said", "he has long argued".
AUXILIARIES = frozenset(
    "has have had is was were are be been being also would will could may might should "
    "can must did does do not n't never once later then again repeatedly publicly "
    "previously recently reportedly quickly further immediately often always first "
    "still just even already long only simply flatly strongly since earlier initially "
    "privately openly frequently separately subsequently finally ultimately yet "
    "has_ himself herself themselves itself".split()
)

DETERMINERS = frozenset(
    "the a an another some many most several two three four five few other both all "
    "his her their its our my your this these those one no any each every".split()
)

# Words that end a noun phrase read leftwards from a verb.
NP_BREAKERS = frozenset(
    "and or but that which who whom whose when while because if as since though although "
    "after before where whether than so nor to of in on at for with by from about into "
    "over under against between during without within".split()
)

# Title and role words: "Prime Minister", "Sen.", "spokeswoman".
TITLE_WORDS = frozenset(
    "mr mrs ms miss dr sir dame lord lady president prime minister premier senator sen "
    "rep representative congressman congresswoman governor gov mayor secretary general "
    "attorney chancellor deputy foreign defense defence interior finance justice "
    "spokesman spokeswoman spokesperson chief judge professor prof king queen prince "
    "princess pope former vice chairman chairwoman chair ceo director ambassador lt col "
    "gen adm capt sgt cmdr maj commander minister's leader speaker candidate nominee "
    "sheriff officer inspector superintendent commissioner councilman councilwoman "
    "assemblyman assemblywoman lawmaker presidential executive economy economic state "
    "health education trade labor labour energy head ex acting top house senate "
    "majority minority whip official analyst adviser advisor aide strategist pollster "
    "manager founder owner correspondent editor reporter columnist writer author "
    "economist lawyer attorney's coach anchor host pastor rev reverend bishop rabbi "
    "imam cardinal father sister brother dean provost emeritus associate assistant "
    "gop democratic republican white national security intelligence homeland "
    "democrat republican independent supreme court district federal u.s. us "
    "representative's campaign press communications policy senior junior pm mp".split()
)

# Heads of role descriptions that may stand for a person: "the spokesman said".
ROLE_HEADS = frozenset(
    "president minister premier senator governor mayor secretary chancellor spokesman "
    "spokeswoman spokesperson chief judge ambassador chairman chairwoman director leader "
    "speaker candidate nominee sheriff officer commissioner lawmaker official officials "
    "analyst analysts adviser advisers advisor aide aides strategist pollster manager "
    "founder owner lawyer attorney economist expert experts source sources critics "
    "supporters voters residents witnesses police prosecutors investigators authorities "
    "researchers scientists doctors study report poll polls survey surveys data "
    "statement ministry department agency government administration campaign company "
    "office committee court council white house kremlin percent majority plurality half third "
    "quarter".split()
)

ABBREVIATIONS = frozenset(
    "mr mrs ms dr sr jr st sen rep gov gen lt col capt sgt maj adm cmdr prof rev gov "
    "inc co corp ltd no vs etc jan feb mar apr aug sept sep oct nov dec ft mt u.s a.m "
    "p.m d.c u.k u.n e.g i.e a.k.a ph.d fig al pres atty supt insp".split()
)

DAY_AND_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week month year earlier later recently last this "
    "next ago then now january february march april may june july august september "
    "october november december".split()
)

PREPOSITIONS = frozenset(
    "in on at during from with by after before since until under over near through via "
    "across amid among inside outside".split()
)

# The prepositions that join a role to whom it serves: "a spokesman for the ministry".
ROLE_OBJECT_PREPOSITIONS = frozenset("for of at with from".split())

# Past participles of belief verbs read as passives: "he is believed to".
PASSIVE_MARKERS = frozenset("is was are were be been being".split())


def learned_data_digest() -> str:
    """Eight hex digits naming the learned data files shipped in ``data/``."""
    digest = hashlib.sha256()
    for name in ("cues.json", "boundaries.json", "labeller.crfsuite", "scorer.json"):
        path = DATA_DIR / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:8]


@lru_cache(maxsize=1)
def learned_cues() -> dict[str, float]:
    """Word form -> share of its corpus occurrences that were attribution cues."""
    path = DATA_DIR / "cues.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data.get("cues", {}).items()}


# The cue shares of the engine call in progress (``LearnedModels.cues``, set by
# ``models.models_in_use``); None reads ``data/cues.json``. A context variable, so that
# the rule functions need no extra argument and concurrent calls never see each other's.
CUES_IN_USE: ContextVar[Mapping[str, float] | None] = ContextVar("cues_in_use", default=None)


def cue_strengths() -> dict[str, float]:
    """Every cue form's strength (what ``cue_strength`` returns), as one table: faster per token."""
    in_use = CUES_IN_USE.get()
    cues = in_use if in_use is not None else learned_cues()
    table = _TABLES.get(id(cues))
    if table is None or table[0] is not cues:
        merged = dict(cues)
        for form in REPORTING_FORMS:
            merged[form] = max(merged.get(form, 0.0), 0.5)
        table = (cues, merged)
        _TABLES.clear()  # one lexicon in use at a time
        _TABLES[id(cues)] = table
    return table[1]


_TABLES: dict[int, tuple[Mapping[str, float], dict[str, float]]] = {}


def cue_strength(word: str) -> float:
    """How likely ``word`` (lower case) is an attribution cue, 0 when it is none.

    A learned share, at least 0.5 for the hand list's reporting forms.
    """
    return cue_strengths().get(word, 0.0)
