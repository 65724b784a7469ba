"""The sequence labeller: its features, its decoding, and a model trained on handwritten sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.extraction.engine import collect_candidates, extract_quotes
from quotes.extraction.labeller import (
    CONTENT,
    CUE,
    OUTSIDE,
    SOURCE,
    RuleReading,
    anchor_features,
    decode,
    load_labeller,
    quoted_mask,
    runs,
    strengths,
    token_features,
    window,
)
from quotes.extraction.models import RULES_ONLY, LearnedModels
from quotes.extraction.text import quote_regions, tokenize
from quotes.extraction.training import train_labeller

NAMES = ["Jane Doe", "John Smith", "Ann Lee", "Tom Hale", "Mary Jones", "Paul Wood"]
# Each template has one annotated attribution: SOURCE, then CUE, then CONTENT.
TEMPLATES = [
    ("{name}", "argued that", "the plan would fail"),
    ("{name}", "warned", "the bridge was unsafe"),
    ("{name}", "insisted that", "taxes must fall"),
    ("{name}", "claimed", "the vote was rigged"),
]


def _corpus(path: Path) -> Path:
    docs = []
    for i, name in enumerate(NAMES):
        text = ""
        quotes = []
        for source, cue, content in TEMPLATES:
            start = len(text)
            text += f"{source.format(name=name)} {cue} {content}, and the crowd cheered. "
            cue_start = start + len(name) + 1
            content_start = cue_start + len(cue) + 1
            quotes.append(
                {
                    "start": content_start,
                    "end": content_start + len(content),
                    "speaker": name,
                    "speaker_start": start,
                    "speaker_end": start + len(name),
                    "cue_start": cue_start,
                    "cue_end": cue_start + len(cue),
                }
            )
        text += "The weather was fine."
        docs.append({"id": str(i), "text": text, "quotes": quotes})
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("labeller")
    out = root / "labeller.crfsuite"
    assert train_labeller.main([str(_corpus(root / "train.jsonl")), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize(
    ("labels", "label", "expected"),
    [
        ("SSQCCCO", CONTENT, [(3, 6)]),
        ("SSQCCCO", SOURCE, [(0, 2)]),
        ("CCOQCC", CONTENT, [(0, 2), (4, 6)]),
        ("OOOO", CONTENT, []),
        ("QCCC", CONTENT, [(1, 4)]),
    ],
)
def test_runs_are_maximal_stretches_of_one_label(
    labels: str, label: str, expected: list[tuple[int, int]]
) -> None:
    assert runs(list(labels), label) == expected


def test_decode_takes_the_source_nearest_the_anchor_and_the_anchors_cue_run() -> None:
    labels = [SOURCE, OUTSIDE, OUTSIDE, SOURCE, CUE, CUE, CONTENT, CONTENT]
    labelling = decode(labels, 4)
    assert labelling.source == (3, 4)
    assert labelling.cue == (4, 6)
    assert labelling.content == [(6, 8)]


def test_features_cover_the_window_and_mark_the_anchor_and_the_rules_reading() -> None:
    text = "Jane Doe said on Tuesday that the plan would fail."
    tokens = tokenize(text)
    quoted = quoted_mask(tokens, quote_regions(text, 0, len(text)))
    base = token_features(tokens, quoted, strengths(tokens))
    said = 2
    content_start = tokens[6].start
    reading = RuleReading("after", ((content_start, tokens[-2].end),), (0, 1))
    lo, hi = window(tokens, said, reading)
    assert (lo, hi) == (0, len(tokens))
    feats = anchor_features(tokens, base, said, reading, lo, hi)
    assert len(feats) == hi - lo
    assert "anchor=said" in feats[said]
    assert "rule|rc|rs=after|0|1" in feats[0]  # Jane: the rule's source
    assert "rule|rc|rs=after|1|0" in feats[7]  # plan: the rule's content
    assert "R|cue=said" in feats[7] and "L|cue=said" in feats[0]


def test_quoted_mask_marks_tokens_inside_double_quotation_marks() -> None:
    text = 'He said "we will leave" today.'
    tokens = tokenize(text)
    mask = quoted_mask(tokens, quote_regions(text, 0, len(text)))
    assert [t.text for t, m in zip(tokens, mask) if m] == ['"', "we", "will", "leave", '"']


def test_a_window_without_a_rule_reading_is_bounded_around_the_anchor() -> None:
    tokens = tokenize(" ".join(["word"] * 200))
    lo, hi = window(tokens, 100, None)
    assert lo > 50 and hi < 150 and lo < 100 < hi


def test_trained_labeller_reads_source_cue_and_content_of_a_new_sentence(model: Path) -> None:
    labeller = load_labeller(model)
    assert labeller is not None
    text = "Kate Moss argued that the tax would fail, and the crowd cheered."
    tokens = tokenize(text)
    quoted = quoted_mask(tokens, [])
    base = token_features(tokens, quoted, strengths(tokens))
    labelling = labeller.read(tokens, base, 2, None)
    assert labelling.source == (0, 2)
    content = " ".join(t.text for lo, hi in labelling.content for t in tokens[lo:hi])
    assert content == "the tax would fail"


def test_model_file_holds_no_corpus_sentence(model: Path) -> None:
    data = model.read_bytes()
    assert b"the plan would fail" not in data and b"Jane Doe" not in data


def test_training_is_deterministic(model: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.crfsuite"
    assert train_labeller.main([str(_corpus(tmp_path / "train.jsonl")), "--out", str(again)]) == 0
    assert again.read_bytes() == model.read_bytes()


def test_engine_takes_the_labeller_as_part_of_one_models_object(model: Path) -> None:
    text = "Kate Moss argued that the tax would fail, and the crowd cheered."
    models = LearnedModels(labeller=load_labeller(model))
    found = collect_candidates(text, models=models, threshold=0.0)
    assert found and all(q.start >= text.index("the tax") for q, _ in found)
    assert any("labelled=" in f and f != "labelled=" for _, feats in found for f in feats)
    # Without a labeller the rules alone read it, and nothing records a labelling.
    rules = collect_candidates(text, models=RULES_ONLY, threshold=0.0)
    assert rules and all("labelled=" in feats for _, feats in rules)


def test_missing_labeller_file_means_no_labeller(tmp_path: Path) -> None:
    assert load_labeller(tmp_path / "absent.crfsuite") is None
    assert extract_quotes("Jane Doe said that the plan would fail.", models=RULES_ONLY)


def test_scorer_is_trained_on_candidates_read_by_a_labeller_of_the_other_folds(tmp_path: Path) -> None:
    from quotes.extraction.training import train_scorer

    corpus = _corpus(tmp_path / "train.jsonl")
    rows, gold = train_scorer.examples([corpus], with_labeller=True)
    assert gold == len(NAMES) * len(TEMPLATES)
    seen = {f for feats, _, _, _ in rows for f in feats if f.startswith("labelled=")}
    assert seen - {"labelled="}  # the labeller read the rules' candidates
    plain, _ = train_scorer.examples([corpus], with_labeller=False)
    assert {f for feats, _, _, _ in plain for f in feats if f.startswith("labelled=")} == {"labelled="}
