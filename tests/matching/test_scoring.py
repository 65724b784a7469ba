"""The pure scorer: normalisation, figures, score range, ranking, explanations. No database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.matching import ClaimText, Level, Thresholds, rank, score_pair
from quotes.matching.numbers import read_numbers
from quotes.matching.text import normalise, tokenize

ROOT = Path(__file__).resolve().parents[2]


def test_normalise_splits_contractions_and_unifies_quote_marks():
    assert normalise("“We won’t  leave”") == '"We will n\'t leave"'
    assert [t.lower for t in tokenize("It isn't so")] == ["it", "is", "n't", "so"]


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("4%", 4, "%", "="),
        ("14 per cent", 14, "%", "="),
        ("a million", 1e6, "", "="),
        ("a hundred thousand", 1e5, "", "="),
        ("$4 billion", 4e9, "USD", "="),
        ("more than 10,000", 10000, "", ">"),
        ("fewer than 10,000", 10000, "", "<"),
        ("half", 50, "%", "="),
        ("two thirds", 200 / 3, "%", "="),
        ("three years", 3, "year", "="),
    ],
)
def test_figures_are_read_with_value_unit_and_bound(text, value, unit, bound):
    (q,) = read_numbers(tokenize(text)).quantities
    assert q.value == pytest.approx(value) and q.unit == unit and q.bound == bound


def test_years_and_dates_are_apart_from_quantities():
    reading = read_numbers(tokenize("On 12 June 2019, 40 people"))
    assert reading.years == {2019} and reading.dates == {612}
    assert [q.value for q in reading.quantities] == [40]


def test_scores_stay_in_0_1_and_an_identical_sentence_is_same():
    text = "The government spent $4 billion on the new rail line in 2022."
    result = score_pair(text, text)
    assert result.level is Level.SAME and 0.99 <= result.score <= 1.0
    assert score_pair(text, "").score == 0.0
    assert score_pair("", "").level is Level.NONE


def test_phrasal_verbs_and_action_nouns_meet_their_verbs():
    assert score_pair("The minister resigned.", "The minister stepped down.").level is Level.SAME
    assert [t.key for t in tokenize("Prices have gone up")][-1] == [t.key for t in tokenize("Prices rose")][
        -1
    ]
    assert {t.key for t in tokenize("publication")} == {t.key for t in tokenize("published")}


def test_an_unrelated_sentence_is_no_match():
    assert score_pair("Vaccines cause autism.", "The central bank raised interest rates.").level is Level.NONE


def test_thresholds_are_parameters():
    pair = ("Armenia will leave the CSTO.", "Armenia will quit the CSTO soon, he said.")
    assert score_pair(*pair, Thresholds(same=0.5, related=0.2)).level is Level.SAME
    assert score_pair(*pair, Thresholds(same=0.99, related=0.98)).level is Level.NONE
    with pytest.raises(ValueError):
        Thresholds(same=0.2, related=0.5)


def test_a_match_explains_shared_terms_and_differing_figures():
    result = score_pair("Unemployment fell to 4% in 2023.", "Unemployment fell to 14% in 2023.")
    reasons = result.reasons()
    assert reasons[0].startswith("shared terms: Unemployment, fell")
    assert "2023" in reasons[0]
    assert any("numbers guard: '4 %' vs '14 %'" in r for r in reasons)


def test_rank_orders_same_before_related_keeps_best_wording_and_limits():
    claims = [
        ClaimText(1, "Armenia will not leave the CSTO."),
        ClaimText(2, "Armenia will leave the CSTO."),
        ClaimText(3, "The central bank raised interest rates."),
        ClaimText(1, "The CSTO held a summit in Minsk."),
    ]
    matches = rank("Pashinyan said Armenia would quit the CSTO.", claims)
    assert [m.claim for m in matches] == [2, 1]
    assert matches[0].level is Level.SAME and matches[1].level is Level.RELATED
    assert matches[1].text == "Armenia will not leave the CSTO."
    assert (
        len(
            rank(
                "Armenia will leave the CSTO.",
                [ClaimText(i, "Armenia will leave the CSTO.") for i in range(9)],
            )
        )
        == 5
    )


def test_labelled_set_is_large_and_complete():
    pairs = [json.loads(line) for line in (ROOT / "tests/matching/labelled.jsonl").open(encoding="utf-8")]
    groups = [json.loads(line) for line in (ROOT / "tests/matching/ranking.jsonl").open(encoding="utf-8")]
    assert len(pairs) >= 150 and len({p["id"] for p in pairs}) == len(pairs)
    assert {p["label"] for p in pairs} == {"same", "related", "different"}
    assert len(groups) >= 10
    for g in groups:
        assert g["answer"] in {c["id"] for c in g["claims"]} and len(g["claims"]) >= 4


def test_the_bench_reports_the_targets_on_the_labelled_set():
    out = subprocess.run(
        [sys.executable, "bench/matching.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    figures = {
        line.split()[0]: float(line.split()[1]) for line in out.splitlines()[1:] if line.startswith("  ")
    }
    assert figures["precision_same"] >= 0.90 and figures["recall_same"] >= 0.70
    assert figures["traps_called_same"] <= 0.05
    assert figures["top1"] >= 0.85
