"""The rule registries in attribution.py: which cue rule reads a cue, by where it stands."""

from __future__ import annotations

import pytest

from quotes.extraction.attribution import CUE_RULES, PHRASE_RULES, SENTENCE_RULES, attributions
from quotes.extraction.text import quote_regions, sentences, tokenize


def test_rule_names_are_unique_and_described() -> None:
    names = [rule.name for rule in (*PHRASE_RULES, *CUE_RULES, *SENTENCE_RULES)]
    assert len(names) == len(set(names))
    assert all(rule.anchor for rule in (*PHRASE_RULES, *CUE_RULES, *SENTENCE_RULES))


def test_the_last_cue_rule_anchors_everywhere() -> None:
    tokens = tokenize("Officials said nothing and he said, adding more.")
    assert all(CUE_RULES[-1].anchors(tokens, i) for i in range(1, len(tokens)))


@pytest.mark.parametrize(
    ("text", "cue", "rule"),
    [
        ("Said Ellis: we will win the vote.", "Said", "fronted"),
        ("He spoke on Tuesday, adding that taxes would rise.", "adding", "participle"),
        ("The nominee outlined his plan and vowed to cut taxes.", "vowed", "coordinated"),
        ("Taxes will rise, said the minister.", "said", "after-comma"),
        ("The minister said taxes will rise.", "said", "in-clause"),
    ],
)
def test_the_first_matching_cue_rule_reads_the_cue(text: str, cue: str, rule: str) -> None:
    tokens = tokenize(text)
    i = next(k for k, tok in enumerate(tokens) if tok.text == cue)
    assert next(r.name for r in CUE_RULES if r.anchors(tokens, i)) == rule


def test_according_to_is_a_phrase_rule() -> None:
    tokens = tokenize("Taxes will rise, according to the minister.")
    i = next(k for k, tok in enumerate(tokens) if tok.lower == "according")
    assert [r.name for r in PHRASE_RULES if r.anchors(tokens, i)] == ["according"]
    assert not any(r.anchors(tokens, i - 1) for r in PHRASE_RULES)


def test_attributions_reads_through_the_registries() -> None:
    text = "Taxes will rise next year, according to the finance minister."
    regions = quote_regions(text, 0, len(text))
    sentence = next(iter(sentences(text, 0, len(text), regions, 0)))
    [cand] = attributions(sentence, regions)
    assert cand.pattern == "according"
    assert text[cand.spans[0][0] : cand.spans[0][1]].startswith("Taxes will rise")
