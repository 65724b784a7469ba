"""Word lists the matcher reads. Hand-written, general English; no corpus text.

Each list is a named constant so that a newcomer can find and extend it. Words are lower case;
``SYNONYMS`` and ``ANTONYMS`` are keyed by the canonical form the tokenizer produces (an
irregular form's lemma, then its Snowball stem), see ``quotes.matching.text``.
"""

from __future__ import annotations

# Function words: they carry no topic, so they count neither for nor against similarity.
# Negators, modals and quantifiers are here too: the guards read them, the score does not.
STOPWORDS = frozenset(
    """
    a an the and or but if then else of to in on at by for from with without into onto upon about
    above below over under after before between among through during within against across along
    as than that this these those there here it its it's itself he him his she her hers they them
    their theirs we us our ours you your yours i me my mine who whom whose which what when where why
    how is are was were be been being am do does did doing done have has had having will would
    shall should can could may might must ought not no nor never n't none nobody nothing neither
    cannot also too very just so such only even still yet again already ever own same other another
    each every all any some most many much more less few fewer several both either
    said says say saying told tell tells claimed claims claim stated states added adding according
    argued insisted noted warned announced declared suggested asserted reported
    mr mrs ms dr one's oneself someone somebody something anyone anybody anything everyone everybody
    everything while whether because since although though however thus therefore meanwhile
    up down out off away back now today yesterday tomorrow week
    let lets got get gets going go goes went gone like well really actually
    nearly almost around roughly approximately circa percent cent pc per once
    """.split()
)

# Verbs that report speech: the frame around a claim ("X said that ..."), not its content.
REPORTING_VERBS = frozenset(
    """
    say says said saying tell tells told claim claims claimed claiming state stated stating add
    added argue argued insist insisted note noted warn warned announce announced declare declared
    suggest suggested assert asserted report reported allege alleged maintain maintained stress
    stressed repeat repeated reiterate reiterated explain explained write wrote
    """.split()
)

# Irregular forms the stemmer cannot join to their lemma ("left" -> "leave").
IRREGULAR = {
    "left": "leave",
    "won": "win",
    "lost": "lose",
    "went": "go",
    "gone": "go",
    "began": "begin",
    "begun": "begin",
    "brought": "bring",
    "bought": "buy",
    "built": "build",
    "caught": "catch",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "fell": "fall",
    "fallen": "fall",
    "fought": "fight",
    "found": "find",
    "gave": "give",
    "given": "give",
    "grew": "grow",
    "grown": "grow",
    "held": "hold",
    "hit": "hit",
    "kept": "keep",
    "knew": "know",
    "known": "know",
    "led": "lead",
    "made": "make",
    "meant": "mean",
    "met": "meet",
    "paid": "pay",
    "ran": "run",
    "rose": "rise",
    "risen": "rise",
    "sent": "send",
    "shot": "shoot",
    "sold": "sell",
    "spent": "spend",
    "stole": "steal",
    "stolen": "steal",
    "struck": "strike",
    "took": "take",
    "taken": "take",
    "taught": "teach",
    "thought": "think",
    "threw": "throw",
    "thrown": "throw",
    "wrote": "write",
    "written": "write",
    "sank": "sink",
    "sunk": "sink",
    "shrank": "shrink",
    "shrunk": "shrink",
    "froze": "freeze",
    "frozen": "freeze",
    "fled": "flee",
    "hid": "hide",
    "hidden": "hide",
    "lay": "lie",
    "slew": "slay",
    "slain": "slay",
    "swore": "swear",
    "sworn": "swear",
    "beat": "beat",
    "beaten": "beat",
    "bore": "bear",
    "borne": "bear",
    "saw": "see",
    "seen": "see",
    "spoke": "speak",
    "spoken": "speak",
    "forbade": "forbid",
    "forbidden": "forbid",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "forgot": "forget",
    "forgotten": "forget",
    "understood": "understand",
    "overthrew": "overthrow",
    "overthrown": "overthrow",
    "upheld": "uphold",
    "undertook": "undertake",
    "arose": "arise",
    "drew": "draw",
    "drawn": "draw",
    "flew": "fly",
    "flown": "fly",
    "bit": "bite",
    "broke": "break",
    "broken": "break",
    "wore": "wear",
    "tore": "tear",
    "torn": "tear",
    # Nouns of action that the stemmer does not join to their verb.
    "publication": "publish",
    "resignation": "resign",
    "destruction": "destroy",
    "invasion": "invade",
    "decision": "decide",
    "payment": "pay",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
}

# Groups of words a news paraphrase swaps freely; every member maps to the group's first word.
# Keep groups tight: a word that belongs to two senses ("support": help / endorse) goes in
# the sense a claim usually means.
SYNONYM_GROUPS = (
    "help assist aid support back abet",
    "prepare ready",
    "war conflict warfare",
    "leave quit exit withdraw",
    "country nation",
    "increase rise grow climb jump soar surge raise hike",
    "decrease fall drop decline plunge shrink sink cut reduce slash lower",
    "kill slay murder",
    "buy purchase acquire",
    "attack assault strike",
    "ban prohibit outlaw forbid",
    "allow permit let",
    "oppose resist",
    "begin start launch",
    "end stop halt cease",
    "big large huge",
    "small little tiny",
    "job employment work",
    "unemployed jobless",
    "money fund funding cash finance financing",
    "explosion blast",
    "company firm",
    "own possess",
    # Common news paraphrases (general English, kept to one sense each).
    "arrest detain",
    "jail imprison",
    "sack dismiss oust",
    "criticise criticize condemn denounce slam",
    "approve endorse ratify",
    "pass adopt",
    "deal agreement accord pact treaty",
    "protester demonstrator",
    "protest demonstration rally",
    "death fatality",
    "injure wound hurt",
    "destroy demolish",
    "build construct",
    "lie mislead deceive",
    "hide conceal",
    "bribe kickback",
    "corruption graft",
    "leader chief",
    "abroad overseas",
    "elderly pensioner",
    "student pupil",
    "spending expenditure",
    "proposal plan scheme",
    "receive obtain",
    "provide supply furnish",
    "show reveal demonstrate",
    "ignore disregard neglect",
    "close shut",
    "block prevent obstruct",
    "rich wealthy",
    "poor impoverished",
    "fast quick rapid",
    "deadly fatal lethal",
    "legal lawful",
    "expand enlarge",
    "die perish",
    # A capital (or seat of power) stands for its country in news copy ("Moscow said").
    "russia moscow kremlin",
    "ukraine kyiv kiev",
    "armenia yerevan",
    "azerbaijan baku",
    "georgia tbilisi",
    "belarus minsk",
    "serbia belgrade",
    "kosovo pristina",
    "turkey ankara turkiye",
    "iran tehran",
    "israel jerusalem",
    "china beijing",
    "japan tokyo",
    "india delhi",
    "hungary budapest",
    "poland warsaw",
    "germany berlin",
    "france paris elysee",
    "britain london uk",
    "italy rome",
    "spain madrid",
    "moldova chisinau",
    "kazakhstan astana",
    "syria damascus",
    "egypt cairo",
    "pakistan islamabad",
    "vote ballot",
    "election poll",
    "law legislation statute",
    "government administration cabinet",
    "president head_of_state",
    "army military armed_forces troops soldiers",
    "weapon arm armament",
    "rule govern",
    "doctor physician",
    "car vehicle",
    "child kid",
    "cost price",
    "wage salary pay",
    "illegal unlawful",
    "immigrant migrant",
    "meet meeting",
    "promise pledge vow",
    "blame accuse",
    "refuse decline_to",
    "member member_state",
    "double twofold",
    "tax levy",
    "crime offence offense",
    "hospital clinic",
    "border frontier",
    "talk negotiation",
    "fake false bogus untrue",
    "true accurate correct",
)

# Pairs of words whose swap turns a claim into its opposite (canonical forms, see above).
ANTONYM_PAIRS = (
    ("increase", "decrease"),
    ("win", "lose"),
    ("more", "less"),
    ("more", "fewer"),
    ("higher", "lower"),
    ("highest", "lowest"),
    ("above", "below"),
    ("before", "after"),
    ("support", "oppose"),
    ("help", "oppose"),
    ("approve", "reject"),
    ("accept", "reject"),
    ("allow", "ban"),
    ("legal", "illegal"),
    ("strengthen", "weaken"),
    ("gain", "loss"),
    ("majority", "minority"),
    ("rich", "poor"),
    ("richest", "poorest"),
    ("good", "bad"),
    ("true", "fake"),
    ("import", "export"),
    ("largest", "smallest"),
    ("big", "small"),
    ("first", "last"),
    ("begin", "end"),
    ("open", "close"),
    ("join", "leave"),
    ("enter", "leave"),
    ("ally", "enemy"),
    ("friend", "enemy"),
    ("win", "defeat"),
    ("surplus", "deficit"),
    ("profit", "loss"),
    ("victory", "defeat"),
    ("safe", "dangerous"),
    ("success", "failure"),
    ("up", "down"),
    ("cheaper", "dearer"),
    ("cheap", "expensive"),
    ("guilty", "innocent"),
    ("public", "private"),
    ("hire", "fire"),
    ("hire", "layoff"),
    ("arrive", "depart"),
    ("lift", "impose"),
)

# Nouns for people that a claim's truth turns on like a name ("the minister's brother" is not
# "the minister's son"): the entities guard treats them as names.
PERSON_NOUNS = frozenset(
    """
    brother brothers sister sisters son sons daughter daughters wife husband father mother
    uncle aunt nephew niece cousin grandson granddaughter
    president minister prime premier chancellor governor mayor senator king queen judge
    prosecutor ambassador ceo chairman
    """.split()
)

# Negators, and what a negator governs: the next content word within NEGATION_REACH tokens.
NEGATORS = frozenset("not n't never no none nobody nothing neither nor nowhere cannot without unable".split())
NEGATING_VERBS = frozenset("deny denies denied refuse refuses refused fail fails failed".split())
NEGATION_REACH = 4

# Prefixes that negate the word they stand on ("legal" / "illegal"), checked only when the
# bare word is on the other side.
NEGATIVE_PREFIXES = ("un", "in", "il", "im", "ir", "non", "dis")

# Modal classes; a modal governs the next content word within MODAL_REACH tokens.
MODALS = {
    "will": "future",
    "shall": "future",
    "'ll": "future",
    "would": "future",  # reported speech moves "will" back to "would"
    "can": "ability",  # "cannot afford" = "unable to afford", not "might not afford"
    "could": "possible",
    "may": "possible",
    "might": "possible",
    "possibly": "possible",
    "perhaps": "possible",
    "maybe": "possible",
    "likely": "possible",
    "probably": "possible",
    # Hedges of a report: "allegedly took bribes" is not "took bribes".
    "allegedly": "possible",
    "reportedly": "possible",
    "supposedly": "possible",
    "apparently": "possible",
    "must": "necessary",
    "should": "necessary",
    "ought": "necessary",
}
# Verbs of intent followed by "to": "threatened to leave" is not "will leave" nor "left".
INTENT_VERBS = frozenset(
    """
    plan plans planned planning intend intends intended intending want wants wanted wanting
    threaten threatens threatened threatening consider considers considered considering aim aims
    aimed hope hopes hoped seek seeks sought try tries tried trying propose proposes proposed
    expect expects expected promise promises promised pledge pledges pledged vow vows vowed
    decide decides decided agree agrees agreed offer offers offered
    """.split()
)
# "<word> to": ability ("unable to afford" = "cannot afford").
ABILITY_WORDS = frozenset("able unable".split())
NECESSITY_PHRASES = (("need", "to"), ("needs", "to"), ("have", "to"), ("has", "to"), ("had", "to"))
FUTURE_PHRASES = (("going", "to"), ("about", "to"), ("set", "to"))
MODAL_REACH = 4

# Quantifiers and their scope class; a quantifier governs the next content word.
QUANTIFIERS = {
    "all": "all",
    "every": "all",
    "each": "all",
    "entire": "all",
    "whole": "all",
    "everyone": "all",
    "everybody": "all",
    "always": "all",
    "most": "most",
    "majority": "most",
    "mostly": "most",
    "usually": "most",
    "some": "some",
    "several": "some",
    "few": "few",
    "fewer": "few",
    "many": "many",
    "numerous": "many",
    "often": "many",
    "sometimes": "some",
    "rarely": "few",
    "seldom": "few",
    "minority": "few",
    "only": "only",
    "solely": "only",
    "sole": "only",
    "alone": "only",
    "exclusively": "only",
    "half": "half",
    # The singular indefinite: "a hospital was shelled" is not "every hospital was shelled"
    # (compared only with another quantifier; "a" against a bare noun is left alone).
    "a": "one",
    "an": "one",
}
# Two-word quantifiers read before the single words ("almost all" is "most", not "all").
QUANTIFIER_PHRASES = {
    ("almost", "all"): "most",
    ("nearly", "all"): "most",
    ("almost", "every"): "most",
    ("nearly", "every"): "most",
    ("a", "few"): "some",
    ("a", "handful"): "few",
    ("not", "all"): "some",
}
# Scope classes that differ from an unquantified plural ("provinces"): "all" does not.
MARKED_SCOPES = frozenset({"most", "some", "few", "many", "only", "half"})
QUANTIFIER_REACH = 3
