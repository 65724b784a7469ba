"""The learned parts rebuild from a corpus, and the engine works without them."""

from __future__ import annotations

import json
from pathlib import Path

from quotes.extraction.engine import MIN_CONFIDENCE, collect_candidates
from quotes.extraction.models import RULES_ONLY
from quotes.extraction.scorer import load_scorer
from quotes.extraction.training import build_lexicon, train_scorer

# The last sentence is left unannotated: its candidate is the negative example.
SAY = (
    '"We will leave," {name} said. {name} argued that the plan would fail. Critics said the weather was fine.'
)


def _corpus(path: Path) -> Path:
    docs = []
    for i, name in enumerate(["Jane Doe", "John Smith", "Ann Lee", "Tom Hale"] * 3):
        text = SAY.format(name=name)
        cue = text.index(" said") + 1
        argued = text.index("argued")
        docs.append(
            {
                "id": str(i),
                "text": text,
                "quotes": [
                    {
                        "start": 0,
                        "end": 16,
                        "speaker": name,
                        "speaker_start": 17,
                        "speaker_end": 17 + len(name),
                        "cue_start": cue,
                        "cue_end": cue + 4,
                    },
                    {
                        "start": argued + 12,
                        "end": text.index(". Critics"),
                        "speaker": name,
                        "cue_start": argued,
                        "cue_end": argued + 6,
                    },
                ],
            }
        )
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def test_lexicon_rebuilds_from_a_corpus_and_holds_no_text(tmp_path: Path) -> None:
    out = tmp_path / "cues.json"
    assert build_lexicon.main([str(_corpus(tmp_path / "train.jsonl")), "--out", str(out)]) == 0
    cues = json.loads(out.read_text())["cues"]
    assert cues["said"] == 0.5 and cues["argued"] == 1.0  # "Critics said" is no annotated cue
    assert all(" " not in word for word in cues)


def test_scorer_trains_on_a_corpus(tmp_path: Path) -> None:
    out = tmp_path / "scorer.json"
    assert train_scorer.main([str(_corpus(tmp_path / "train.jsonl")), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["positives"] > 0
    assert 0.0 < data["threshold"] < 1.0
    assert data["weights"]["rule=before"] != 0


def test_missing_corpus_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert train_scorer.main([str(tmp_path / "nope.jsonl")]) == 2
    assert "not found" in capsys.readouterr().err


def test_engine_works_with_hand_written_confidence_alone() -> None:
    found = collect_candidates('"We will leave," Jane Doe said.', models=RULES_ONLY, threshold=MIN_CONFIDENCE)
    assert [quote.speaker for quote, _ in found] == ["Jane Doe"]
    assert MIN_CONFIDENCE <= found[0][0].confidence <= 1.0


def test_shipped_scorer_loads() -> None:
    scorer = load_scorer()
    assert scorer is not None
    assert 0.0 < scorer.threshold < 1.0


def test_boundary_model_trains_on_a_corpus(tmp_path: Path) -> None:
    from quotes.extraction.training import train_boundaries

    out = tmp_path / "boundaries.json"
    corpus = tmp_path / "train.jsonl"
    docs = []
    for i, name in enumerate(["Jane Doe", "John Smith", "Ann Lee"] * 2):
        text = f"{name} criticized the plan, and the crowd cheered."
        cue = text.index("criticized")
        start = cue + len("criticized ")
        docs.append(
            {
                "id": str(i),
                "text": text,
                "quotes": [
                    {
                        "start": start,
                        "end": text.index(","),
                        "speaker": name,
                        "cue_start": cue,
                        "cue_end": cue + 10,
                    }
                ],
            }
        )
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    assert train_boundaries.main([str(corpus), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["ends"] == 6
    assert data["weights"]["w=,"] > data["weights"].get("w=END", 0.0)


def test_a_lexicon_passed_in_is_used_for_that_call_only() -> None:
    # "barked" is a cue only in a lexicon that says so: the hand list of reporting forms lacks it.
    text = "Jane Doe barked that the plan would fail."
    from quotes.extraction.models import LearnedModels

    with_cue = collect_candidates(text, models=LearnedModels(cues={"barked": 1.0}), threshold=0.0)
    without = collect_candidates(text, models=LearnedModels(cues={}), threshold=0.0)
    assert [quote.cue for quote, _ in with_cue] == ["barked"]
    assert without == []
    # The call after it reads the shipped lexicon again, not the one passed before.
    assert [q.cue for q, _ in collect_candidates(text, models=RULES_ONLY, threshold=0.0)] == [
        q.cue for q, _ in collect_candidates(text, threshold=0.0)
    ]


def test_content_ends_off_reads_the_rules_full_span() -> None:
    from quotes.extraction.models import LearnedModels

    text = "Jane Doe went on to mock Smith, Jones, and Brown for praising the decision to raise taxes."
    full = collect_candidates(text, models=LearnedModels(content_ends=False), threshold=0.0)
    assert [text[q.spans[0][0] : q.spans[-1][1]] for q, _ in full] == [
        "on to mock Smith, Jones, and Brown for praising the decision to raise taxes"
    ]
    # The shipped content-end model ends it earlier (and then finds it too short to keep).
    ended = collect_candidates(text, models=RULES_ONLY, threshold=0.0)
    assert [q.spans for q, _ in ended] != [q.spans for q, _ in full]
