"""The highlighter: overlapping marks, escaping, and the paragraphs shown around a quote."""

from quotes.admin.highlight import Mark, highlight, paragraph_window


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
