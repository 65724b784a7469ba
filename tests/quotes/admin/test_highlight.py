"""The highlighter: overlapping marks, escaping, and the paragraphs shown around a quote."""

from quotes.admin.highlight import Mark, highlight, last_naming, paragraph_window, sentence_around


def test_overlapping_marks_never_break_the_markup_and_text_is_escaped() -> None:
    text = 'A <b>"x" said Jo</b>'
    html = highlight(text, [Mark(5, 8, "q"), Mark(7, 13, "c", 'cue "1"')])
    assert html == (
        'A &lt;b&gt;<mark class="q">&quot;x</mark><mark class="q c" title="cue &quot;1&quot;">&quot;</mark>'
        '<mark class="c" title="cue &quot;1&quot;"> said</mark> Jo&lt;/b&gt;'
    )


def test_a_window_of_the_text_only() -> None:
    assert highlight("abcdef", [Mark(0, 6, "q")], start=2, end=4) == '<mark class="q">cd</mark>'


def test_the_window_is_the_quotes_paragraph_with_its_short_neighbours() -> None:
    text = "P1 aaa\nP2 bbb quote here\nP3 ccc\nP4 ddd"
    a, b = paragraph_window(text, text.index("quote"), text.index("quote") + 5)
    assert text[a:b] == "P1 aaa\nP2 bbb quote here\nP3 ccc"
    a, b = paragraph_window(text, 0, 2)
    assert text[a:b] == "P1 aaa\nP2 bbb quote here"
    a, b = paragraph_window(text, text.index("P4"), len(text))
    assert text[a:b] == "P3 ccc\nP4 ddd"


def test_a_long_paragraph_is_cut_around_the_quote() -> None:
    text = "x" * 5000 + "QUOTE" + "y" * 5000
    a, b = paragraph_window(text, 5000, 5005, limit=105)
    assert (a, b) == (4950, 5055)


def test_last_naming_finds_the_name_before_a_window_that_only_says_he() -> None:
    text = "Jane Doe spoke first. Jane Doe left.\n\nLater, Jane Doe's aide came.\n\nHe said no."
    start = text.index("He said")
    # The last whole-word naming before the window, not an earlier one.
    assert last_naming(text, ["Jane Doe"], start, len(text)) == (
        text.index("Jane Doe's"),
        text.index("'s aide"),
    )
    # Nothing to add when the window names the speaker, or no form is given.
    assert last_naming(text, ["Jane Doe"], text.index("Later"), len(text)) is None
    assert last_naming(text, ["", "Jo"], start, len(text)) is None
    # A form inside a longer word is not a naming ("Doeson").
    assert last_naming("Doeson came. He said no.", ["Doe"], 13, 24) is None


def test_sentence_around_is_the_sentence_holding_the_name() -> None:
    text = "First one. Then Jane Doe said it, loudly. Last one."
    s, e = sentence_around(text, text.index("Jane"), text.index(" said"))
    assert text[s:e] == "Then Jane Doe said it, loudly."
    s, e = sentence_around("x" * 1000 + " Jane " + "y" * 1000, 1001, 1005, limit=100)
    assert e - s <= 100
