"""Overlong sentences, quotation lookup by position and the time budget: no step scans a whole text."""

from __future__ import annotations

import logging

import pytest

from quotes.extraction import extract_quotes
from quotes.extraction.text import (
    MAX_SENTENCE_TOKENS,
    QuoteRegion,
    RegionIndex,
    paragraphs,
    quote_regions,
    sentences,
    tokenize,
)

RUN_ON = "the minister said that the plan would work and he added that taxes would rise, "


@pytest.mark.parametrize(
    ("text", "pieces", "cut_after"),
    [
        ("word " * MAX_SENTENCE_TOKENS, 1, None),  # at the limit: untouched
        ("word " * (MAX_SENTENCE_TOKENS + 1), 2, None),  # no clause boundary: a hard cut
        (RUN_ON * 50, 3, ","),  # 800 tokens, cut after commas
        ("a b c d e f g, h i j; " * 60, 3, ";"),  # a semicolon is preferred to a comma
        ('"' + "a b c, d e f g " * 30 + '" ' + "h, i j k " * 30, 2, ","),  # not inside the quotation
    ],
)
def test_overlong_sentence_is_cut_into_pieces_at_clause_boundaries(
    text: str, pieces: int, cut_after: str | None
) -> None:
    ((p_start, p_end),) = paragraphs(text)
    regions = quote_regions(text, p_start, p_end)
    found = sentences(text, p_start, p_end, regions, 0)
    assert len(found) == pieces
    assert [t for s in found for t in s.tokens] == tokenize(text, p_start, p_end)
    for piece in found:
        assert len(piece.tokens) <= MAX_SENTENCE_TOKENS
        assert (piece.start, piece.end) == (piece.tokens[0].start, piece.tokens[-1].end)
    for piece in found[:-1]:
        if cut_after is not None:
            assert piece.tokens[-1].text == cut_after
        closed = [r for r in regions if r.closed]
        assert not any(r.start < piece.end < r.end - 1 for r in closed)


REGIONS = [
    QuoteRegion(10, 20, True, True),
    QuoteRegion(30, 45, True, True),
    QuoteRegion(50, 90, True, False),  # a single quotation around a double one
    QuoteRegion(60, 70, True, True),
    QuoteRegion(100, 140, False, True),
]


@pytest.mark.parametrize(
    ("start", "end"), [(0, 10), (0, 11), (19, 31), (45, 50), (65, 66), (89, 101), (0, 200)]
)
def test_region_index_finds_what_a_full_scan_finds_in_the_same_order(start: int, end: int) -> None:
    # quote_regions lists double quotations first, then single ones.
    listed = [REGIONS[0], REGIONS[1], REGIONS[3], REGIONS[4], REGIONS[2]]
    expected = [r for r in listed if r.start < end and r.end > start]
    assert RegionIndex(listed).within(start, end) == expected


def test_run_on_text_is_read_to_its_end() -> None:
    text = RUN_ON * 800  # 64 KB with no sentence end
    quotes = extract_quotes(text)
    assert len(quotes) > 100
    assert quotes[-1].end > len(text) - 2 * len(RUN_ON)
    for quote in quotes[:: len(quotes) // 10]:
        assert text[quote.start : quote.end].strip()
        assert quote.cue is not None and text[quote.cue_start : quote.cue_end] == quote.cue


def test_spent_time_budget_returns_what_was_found_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    text = '"We will leave," Nikol Pashinyan said.\n\n' * 3
    assert len(extract_quotes(text, budget=None)) == 3
    with caplog.at_level(logging.WARNING, logger="quotes.extraction.engine"):
        assert extract_quotes(text, budget=0.0) == []
    assert "ran out of time at character 0" in caplog.text
