"""Teaser blocks ("Top stories", "Related") are found in plain text; their candidates are marked."""

from __future__ import annotations

import pytest

from quotes.extraction import extract_quotes
from quotes.extraction.boilerplate import boilerplate_blocks, in_blocks, is_label, is_teaser
from quotes.extraction.text import paragraphs

ARTICLE = (
    "Armenia will leave the bloc, Prime Minister Nikol Pashinyan said on Wednesday.\n\n"
    '"We will leave," he said.\n\n'
)
TEASERS = (
    "The Armenian Defense Ministry has denied Azerbaijan's accusations of violating the ceasefire.\n"
    "Armenian Prime Minister Nikol Pashinyan took to social media to thank his counterpart.\n"
    "Achieving stable peace between Armenia and Azerbaijan remains a priority, said Ian Borg.\n"
)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("\u00a0Top stories", True),
        ("Related", True),
        ("Read more:", True),
        ("Partner news", True),
        ("More top stories", True),
        ("You may also like", True),
        ("Gender Equality.", False),  # a section heading of the article itself
        ("The talks failed", False),
        ("Related coverage of the talks in Yerevan and in Baku this week", False),
    ],
)
def test_label_lines(line: str, label: bool) -> None:
    assert is_label(line) is label


@pytest.mark.parametrize(
    ("line", "teaser"),
    [
        ("Achieving stable peace remains a priority of the OSCE, said Ian Borg.", True),
        ("The ministry denied it. It said the report was false.", False),  # two sentences
        ("Yes.", False),
        ("x " * 150, False),  # too long for a headline
    ],
)
def test_teaser_lines(line: str, teaser: bool) -> None:
    assert is_teaser(line) is teaser


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A label and teasers to the end of the text, another label included.
        (ARTICLE + "\u00a0Top stories\n" + TEASERS + "Partner news\n", 1),
        # A label in the middle, followed by teasers, then the article goes on.
        (
            ARTICLE
            + "Related\n"
            + TEASERS
            + "\nThe talks will resume on Monday, officials said. They gave no date.",
            1,
        ),
        # A label with a single teaser that is not at the end: no block.
        (ARTICLE + "Related\nThe ministry denied the report.\n\nThe talks will resume. They said so.", 0),
        # Teasers without a label are the article's own short paragraphs.
        (ARTICLE + TEASERS, 0),
    ],
)
def test_blocks_are_a_label_and_teasers(text: str, blocks: int) -> None:
    assert len(boilerplate_blocks(text, paragraphs(text))) == blocks


def test_candidates_in_a_block_are_marked_and_the_text_is_untouched() -> None:
    text = ARTICLE + "\u00a0Top stories\n" + TEASERS + "Partner news\n"
    quotes = extract_quotes(text)
    marked = [q for q in quotes if q.boilerplate]
    assert {q.speaker for q in marked} >= {"Ian Borg"}
    assert all(q.start >= text.index("Top stories") for q in marked)
    unmarked = [q for q in quotes if not q.boilerplate]
    assert unmarked and all(q.end <= text.index("Top stories") for q in unmarked)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text or len(quote.spans) > 1
        assert quote.to_dict()["boilerplate"] is quote.boilerplate


@pytest.mark.parametrize(
    ("at", "inside"), [(0, False), (10, True), (19, True), (20, False), (35, True), (60, False)]
)
def test_offsets_in_blocks(at: int, inside: bool) -> None:
    assert in_blocks([(10, 20), (30, 40)], at) is inside
