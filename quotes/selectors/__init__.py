from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, QuerySet

from quotes.extraction import KnownSpeaker
from quotes.models import Quote, Speaker, SpeakerAlias
from quotes.names import normalise_name


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


def speaker_name_forms(*, speaker: Speaker) -> list[str]:
    """The ways an article may name ``speaker``: the name, the aliases and, for a person of
    several words, the surname ("Pashinyan" for "Nikol Pashinyan")."""
    forms = [speaker.name, *speaker.aliases.values_list("alias", flat=True)]
    words = speaker.name.split()
    if speaker.kind == Speaker.Kind.PERSON and len(words) > 1:
        forms.append(words[-1])
    return forms


def speaker_list() -> QuerySet[Speaker]:
    return Speaker.objects.annotate(quote_count=Count("quotes", distinct=True))


def known_speakers(*, text: str | None = None) -> list[KnownSpeaker]:
    """Speakers with their aliases, in the engine's terms, to help resolution.

    Given ``text``, only the speakers one of whose names or aliases shares a
    word with it: the engine needs no others, and the speaker table grows with
    every article. Those are found in a per-process index of the speakers' name
    words, rebuilt only when the speakers or aliases change (see ``_speaker_index``).
    """
    index = _speaker_index()
    if text is None:
        return list(index.speakers)
    words = {w.casefold() for w in _NAME_WORD.findall(text)}
    named = set().union(*(index.by_word.get(w, ()) for w in words))
    return [index.speakers[n] for n in sorted(named)]


_NAME_WORD = re.compile(r"\w{3,}")


@dataclass(frozen=True)
class _SpeakerIndex:
    fingerprint: tuple[object, ...] | None
    speakers: list[KnownSpeaker]  # every speaker, in the model's order (name, id)
    by_word: dict[str, set[int]]  # casefolded word (3+ letters) of a name or alias -> positions


_index_cache: dict[str, _SpeakerIndex] = {}

# What the index is built from, in one aggregate query: a change to any speaker's name or
# title, or to any alias (added, removed, edited, moved by a merge), changes the sums.
_FINGERPRINT_SQL = f"""
    SELECT s.n, s.h, a.n, a.h FROM
    (SELECT count(*) AS n, coalesce(sum(hashtext(id || ':' || name || ':' || title)::bigint), 0) AS h
     FROM {Speaker._meta.db_table}) s,
    (SELECT count(*) AS n, coalesce(sum(hashtext(id || ':' || speaker_id || ':' || alias)::bigint), 0) AS h
     FROM {SpeakerAlias._meta.db_table}) a
"""


def _speaker_fingerprint() -> tuple[object, ...] | None:
    """A value that changes whenever what ``known_speakers`` returns may change; None where
    it cannot be computed cheaply (SQLite, the demo), which means: do not cache."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL)
        row = cursor.fetchone()
    return tuple(row) if row else None


def _speaker_index() -> _SpeakerIndex:
    """Every speaker in the engine's terms and an index of their name words, cached in the
    process while the fingerprint is unchanged: one small aggregate query per article
    instead of reading every speaker and alias (the speaker table grows with every article).
    """
    fingerprint = _speaker_fingerprint()
    cached = _index_cache.get(connection.alias)
    if fingerprint is not None and cached is not None and cached.fingerprint == fingerprint:
        return cached
    # The models' own orderings (Speaker: name, id; SpeakerAlias: alias): the engine gets
    # the speakers and aliases in the order it always did.
    rows = list(Speaker.objects.order_by("name", "id").values_list("id", "name", "title"))
    aliases: dict[int, list[str]] = {}
    for speaker_id, alias in SpeakerAlias.objects.order_by("alias").values_list("speaker_id", "alias"):
        aliases.setdefault(speaker_id, []).append(alias)
    speakers: list[KnownSpeaker] = []
    by_word: dict[str, set[int]] = {}
    for position, (speaker_id, name, title) in enumerate(rows):
        own = aliases.get(speaker_id, [])
        speakers.append(KnownSpeaker(name=name, aliases=tuple(a for a in own if a != name), title=title))
        for written in (name, *own):
            for word in _NAME_WORD.findall(written):
                by_word.setdefault(word.casefold(), set()).add(position)
    index = _SpeakerIndex(fingerprint=fingerprint, speakers=speakers, by_word=by_word)
    if fingerprint is not None:
        _index_cache[connection.alias] = index
    return index


def speakers_by_alias(*, names: Iterable[str]) -> dict[str, Speaker]:
    """normalised alias -> its speaker, for those of ``names`` that are a known alias exactly
    (one query for an article's speaker names)."""
    wanted = {n for n in (normalise_name(name) for name in names) if n}
    if not wanted:
        return {}
    return {
        a.normalised: a.speaker
        for a in SpeakerAlias.objects.select_related("speaker").filter(normalised__in=wanted)
    }


def next_pending_quote(*, after: Quote) -> Quote | None:
    """The pending quote a reviewer sees next: the rest of this article, then other articles."""
    pending = Quote.objects.filter(status=Quote.Status.PENDING).exclude(pk=after.pk)
    return (
        pending.filter(article_id=after.article_id, start__gte=after.start).order_by("start").first()
        or pending.filter(article_id=after.article_id).order_by("start").first()
        or pending.order_by("-article_id", "start").first()
    )
