from __future__ import annotations

import re
from itertools import chain

from django.db.models import Count, Prefetch, QuerySet

from quotes.extraction import KnownSpeaker
from quotes.models import Quote, Speaker, SpeakerAlias


def quote_list(*, status: str | None = None) -> QuerySet[Quote]:
    qs = Quote.objects.select_related("article", "speaker", "reviewer").defer(
        "article__raw_html", "article__text"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-confidence", "id")


def quote_context(*, quote: Quote, width: int = 300) -> tuple[str, str, str]:
    """The article text before, inside and after the quote's offsets."""
    text = quote.article.text
    start = max(0, min(quote.start, len(text)))
    end = max(start, min(quote.end, len(text)))
    return text[max(0, start - width) : start], text[start:end], text[end : end + width]


def speaker_list() -> QuerySet[Speaker]:
    return Speaker.objects.annotate(quote_count=Count("quotes", distinct=True))


def known_speakers(*, text: str | None = None) -> list[KnownSpeaker]:
    """Speakers with their aliases, in the engine's terms, to help resolution.

    Given ``text``, only the speakers one of whose names or aliases shares a
    word with it: the engine needs no others, and the speaker table grows with
    every article.
    """
    speakers = Speaker.objects.prefetch_related(
        Prefetch("aliases", queryset=SpeakerAlias.objects.only("speaker_id", "alias"))
    ).only("id", "name", "title")
    if text is not None:
        speakers = speakers.filter(pk__in=_speakers_named_in(text))
    return [
        KnownSpeaker(
            name=s.name,
            aliases=tuple(a.alias for a in s.aliases.all() if a.alias != s.name),
            title=s.title,
        )
        for s in speakers
    ]


_NAME_WORD = re.compile(r"\w{3,}")


def _speakers_named_in(text: str) -> set[int]:
    """Ids of the speakers whose name or an alias has a word (3+ letters) in ``text``."""
    words = {w.casefold() for w in _NAME_WORD.findall(text)}
    named: set[int] = set()
    names = Speaker.objects.values_list("id", "name").iterator()
    aliases = SpeakerAlias.objects.values_list("speaker_id", "alias").iterator()
    for speaker_id, name in chain(names, aliases):
        if speaker_id not in named and any(w.casefold() in words for w in _NAME_WORD.findall(name)):
            named.add(speaker_id)
    return named


def next_pending_quote(*, after: Quote) -> Quote | None:
    """The pending quote a reviewer sees next: the rest of this article, then other articles."""
    pending = Quote.objects.filter(status=Quote.Status.PENDING).exclude(pk=after.pk)
    return (
        pending.filter(article_id=after.article_id, start__gte=after.start).order_by("start").first()
        or pending.filter(article_id=after.article_id).order_by("start").first()
        or pending.order_by("-article_id", "start").first()
    )
