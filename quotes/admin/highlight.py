"""Article text with spans highlighted, escaped: the queue, the quote and the article pages.

Spans may overlap (a cue inside a mixed quote): the text is cut at every span edge and each
piece carries the classes of all spans covering it, so nesting never breaks the markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    title: str = ""


def highlight(text: str, marks: Sequence[Mark], *, start: int = 0, end: int | None = None) -> SafeString:
    """HTML for ``text[start:end]`` with every mark wrapped in ``<mark class=...>``; all text escaped."""
    end = len(text) if end is None else min(end, len(text))
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        covering = [m for m in inside if m.start <= a and m.end >= b]
        if not covering:
            out.append(piece)
            continue
        css = " ".join(dict.fromkeys(m.css for m in covering))
        title = " · ".join(dict.fromkeys(m.title for m in covering if m.title))
        title_attr = f' title="{escape(title)}"' if title else ""
        out.append(f'<mark class="{escape(css)}"{title_attr}>{piece}</mark>')
    return mark_safe("".join(out))


def paragraph_window(
    text: str, start: int, end: int, *, limit: int = 1800, around: int = 600
) -> tuple[int, int]:
    """The paragraph(s) holding ``start:end`` (paragraphs end at newlines), with the paragraph
    before and after when they are short enough, cut to about ``limit`` characters around the
    span when the whole is long."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b == -1 else b
    if a > 0:
        before = text.rfind("\n", 0, max(0, a - 1)) + 1
        if a - before <= around and b - before <= limit:
            a = before
    if b < len(text):
        after = text.find("\n", b + 1)
        after = len(text) if after == -1 else after
        if after - b <= around and after - a <= limit:
            b = after
    if b - a > limit:
        spare = max(0, limit - (end - start)) // 2
        a, b = max(a, start - spare), min(b, end + spare)
    return a, b


def last_naming(text: str, names: Sequence[str], start: int, end: int) -> tuple[int, int] | None:
    """Where one of ``names`` last occurs before ``start``, as a whole word, when none occurs
    in ``text[start:end]``: the reader of a quote whose speaker is written "he" or "the
    minister" sees where that person was named. None when the window names them already."""
    forms = [n for n in dict.fromkeys(n.strip() for n in names) if len(n) >= 3]
    if not forms:
        return None
    found: tuple[int, int] | None = None
    for form in forms:
        pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
        if pattern.search(text, start, end):
            return None
        for m in pattern.finditer(text, 0, start):
            if found is None or m.start() > found[0]:
                found = (m.start(), m.end())
    return found


def sentence_around(text: str, start: int, end: int, *, limit: int = 320) -> tuple[int, int]:
    """The sentence holding ``start:end`` (ending at ". ", "? ", "! " or a newline), cut to
    about ``limit`` characters around it."""
    ends = [text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n")]
    a = max((e + (1 if text[e] == "\n" else 2) for e in ends if e != -1), default=0)
    nexts = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i != -1]
    b = min(nexts, default=len(text))
    b = b + 1 if b < len(text) and text[b] in ".?!" else b
    spare = max(0, limit - (end - start)) // 2
    return max(a, start - spare), min(b, end + spare)
