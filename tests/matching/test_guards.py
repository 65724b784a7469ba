"""Each guard, one by one, on its traps and on the pairs it must leave alone. No database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.matching import Level, score_pair
from quotes.matching.facts import read_facts
from quotes.matching.guards import GUARDS, pair_of

HERE = Path(__file__).parent
SETS = ("labelled.jsonl", "labelled_later.jsonl", "labelled_third.jsonl", "labelled_fourth.jsonl")
LABELLED = [json.loads(line) for name in SETS for line in (HERE / name).open(encoding="utf-8")]
TRAPS = [r for r in LABELLED if r["kind"] == "trap"]
CONTROLS = [r for r in LABELLED if r["kind"] == "guard-control"]
GUARD_NAMES = [g.__name__.removesuffix("_guard") for g in GUARDS]


def _fired(claim: str, statement: str) -> list[str]:
    return [f.guard for f in score_pair(claim, statement).findings]


@pytest.mark.parametrize("row", TRAPS, ids=[r["id"] for r in TRAPS])
def test_a_trap_fires_its_guard_and_is_not_called_same(row):
    result = score_pair(row["claim"], row["statement"])
    assert row["guard"] in [f.guard for f in result.findings], result.reasons()
    assert result.level is not Level.SAME
    assert any(r.startswith(f"{row['guard']} guard:") for r in result.reasons())


@pytest.mark.parametrize("row", CONTROLS, ids=[r["id"] for r in CONTROLS])
def test_a_harmless_difference_does_not_fire_the_guard(row):
    assert row["guard"] not in _fired(row["claim"], row["statement"])


def test_every_guard_has_traps_and_controls_in_the_labelled_set():
    for name in GUARD_NAMES:
        assert sum(r["guard"] == name for r in TRAPS) >= 5, name
    assert {r["guard"] for r in CONTROLS} >= {"numbers", "negation", "roles", "modality", "dates", "scope"}


# Table: (guard, claim, statement, fires). Written apart from the labelled set.
TABLE = [
    ("numbers", "Turnout was 61% in the referendum.", "Turnout was 16% in the referendum.", True),
    ("numbers", "The deficit is over 3% of GDP.", "The deficit is under 3% of GDP.", True),
    ("numbers", "Two million tourists visited in 2019.", "2,000,000 tourists visited in 2019.", False),
    ("numbers", "The bill costs $5 billion.", "The bill costs five billion dollars, he said.", False),
    ("numbers", "Prices rose 7% in May.", "Prices rose 7% in May, up from 2% a year earlier.", False),
    ("numbers", "The strike lasted three weeks.", "The strike lasted three days.", True),
    ("numbers", "The floods left millions homeless.", "The floods left thousands homeless.", True),
    ("numbers", "Tens of thousands marched.", "Hundreds of thousands marched.", True),
    ("numbers", "One in ten households has broadband.", "10% of households have broadband.", False),
    ("numbers", "One in five children is poor.", "One in three children is poor.", True),
    ("numbers", "A third of voters backed the plan.", "33% of voters backed the plan.", False),
    ("numbers", "4.5% of voters backed the plan.", "4.9% of voters backed the plan.", True),
    ("dates", "The pact was signed in 1994.", "The pact was signed in 1999.", True),
    ("dates", "The pact was signed in 1994.", "The pact, he said, was signed in 1994 in Budapest.", False),
    ("dates", "The border closed in March 2020.", "The border closed in April 2020.", True),
    ("dates", "Exports fell last year.", "Exports fell this year.", True),
    ("dates", "Exports fell last year.", "Exports fell last year, the ministry said.", False),
    ("negation", "The plant is safe.", "The plant is not safe.", True),
    ("negation", "The plant is not safe.", "The plant isn't safe.", False),
    ("negation", "The ban is constitutional.", "The ban is unconstitutional.", True),
    ("negation", "Nobody was arrested at the march.", "Protesters were arrested at the march.", True),
    ("negation", "Malta is no longer a member of the pact.", "Malta is a member of the pact.", True),
    ("opposites", "Exports rose in the first quarter.", "Exports fell in the first quarter.", True),
    ("opposites", "The party lost its majority.", "The party did not win its majority.", False),
    ("opposites", "More people voted than in 2019.", "Fewer people voted than in 2019.", True),
    ("opposites", "Prices rose before the election.", "Prices rose after the election.", True),
    ("modality", "The mine will close.", "The mine closed.", True),
    ("modality", "The mine will close.", "The mine would close, the minister said.", False),
    ("modality", "The army might withdraw.", "The army withdrew.", True),
    ("modality", "The city wants to ban diesel cars.", "The city banned diesel cars.", True),
    ("modality", "The mayor promised to repair the bridge.", "The mayor repaired the bridge.", True),
    ("modality", "The judge allegedly accepted gifts.", "The judge accepted gifts.", True),
    ("modality", "The premier promised to hold a vote.", "A vote was promised by the premier.", False),
    (
        "modality",
        "Lagos could become the largest city in Africa.",
        "Lagos is the largest city in Africa.",
        True,
    ),
    ("scope", "Every region voted yes.", "Most regions voted yes.", True),
    ("scope", "All regions voted yes.", "Regions voted yes.", False),
    ("scope", "Only the capital voted yes.", "The capital voted yes.", True),
    ("scope", "Every school in the district closed.", "A school in the district closed.", True),
    ("scope", "A school in the district closed.", "Some schools in the district closed.", False),
    ("entities", "Poland sent tanks to Ukraine.", "Slovakia sent tanks to Ukraine.", True),
    ("entities", "The governor signed the decree.", "The mayor signed the decree.", True),
    (
        "entities",
        "Poland sent tanks to Ukraine.",
        "Poland sent tanks to Ukraine in 2023, Warsaw said.",
        False,
    ),
    ("roles", "Serbia blamed Kosovo for the clashes.", "Kosovo blamed Serbia for the clashes.", True),
    ("roles", "Serbia blamed Kosovo for the clashes.", "Kosovo was blamed by Serbia for the clashes.", False),
    ("roles", "Greece sold olive oil to Italy.", "Italy sold olive oil to Greece.", True),
    ("roles", "The city council lacks 300 teachers.", "We lack 300 teachers in the city council.", False),
    (
        "roles",
        "The leaders of Serbia and Kosovo met in Brussels.",
        "The leaders of Kosovo and Serbia met in Brussels.",
        False,
    ),
]


@pytest.mark.parametrize(("guard", "claim", "statement", "fires"), TABLE)
def test_guard_table(guard, claim, statement, fires):
    fired = _fired(claim, statement)
    assert (guard in fired) is fires, (fired, score_pair(claim, statement).reasons())


@pytest.mark.parametrize("guard", GUARDS, ids=GUARD_NAMES)
def test_a_guard_is_silent_on_an_identical_sentence(guard):
    text = "Only two of the 27 EU members, Hungary and Slovakia, did not sign the 2023 statement."
    facts = read_facts(text)
    assert guard(facts, facts, pair_of(facts, facts)) is None


def test_the_article_of_a_figure_is_no_quantifier():
    assert read_facts("A million people marched.").scope == {}
    assert list(read_facts("A school closed.").scope.values()) == ["one"]


def test_a_fired_guard_caps_at_related_and_says_so():
    result = score_pair("Armenia will leave the CSTO.", "Armenia will not leave the CSTO.")
    assert result.similarity >= 0.9 and result.level is Level.RELATED
    assert "level capped at related by the negation guard" in result.reasons()


def test_several_guards_push_a_pair_to_no_match():
    result = score_pair(
        "Russia helped Azerbaijan prepare for the 2020 war.",
        "Belarus did not help Azerbaijan prepare for the 2022 war.",
    )
    assert {"dates", "negation"} <= {f.guard for f in result.findings}
    assert result.level is not Level.SAME
