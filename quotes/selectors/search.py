"""Search over quotes and speakers.

On PostgreSQL: full-text search (``websearch_to_tsquery``: quoted phrases, ``or``, ``-word``)
on stored, GIN-indexed ``search_vector`` columns (migration 0006), ranked with ``ts_rank``, and
trigram similarity (pg_trgm) on speaker names and aliases, so "Pashinian" finds Pashinyan.
Elsewhere (the SQLite demo) a plain case-insensitive substring match.
"""

from __future__ import annotations

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from quotes.models import Quote, Speaker, SpeakerAlias

# A name or alias counts as similar with pg_trgm's `%` operator: similarity (0..1) at least
# pg_trgm.similarity_threshold, 0.3 by default.
# A search ranks at most this many matches of the quotes' words, and as many of their speakers'
# names, the newest of each: best match first among the newest 1,000 (all of them for any query
# narrower than that). Raising it costs time on broad queries only.
SEARCH_CANDIDATES = 1000
# Ranks are floats; the cursor paginator needs a sortable integer, so ranks are scaled.
_RANK_SCALE = 1_000_000


def search_is_full_text() -> bool:
    return connection.vendor == "postgresql"


def quote_search(qs: QuerySet[Quote], *, query: str) -> QuerySet[Quote]:
    """Quotes whose words or whose speaker's name match ``query``, with ``search_rank``
    (higher is better; a speaker-name match outranks a word match in the text)."""
    query = query.strip()
    if not query:
        return qs.annotate(search_rank=Value(0, output_field=BigIntegerField()))
    if not search_is_full_text():
        return qs.filter(Q(text__icontains=query) | Q(speaker__name__icontains=query)).annotate(
            search_rank=Value(0, output_field=BigIntegerField())
        )
    # The matches come from a UNION of two indexed lookups (the quotes' GIN index, the speakers'
    # GIN index then quotes by speaker): an OR of the two in one WHERE would scan every quote.
    # Each side keeps its newest SEARCH_CANDIDATES matches, and only those are ranked: a broad
    # query ("treaty army": 7,500 of 100,000 quotes) no longer ranks every match to show 50.
    matches = RawSQL(
        "(SELECT id FROM quotes_quote WHERE search_vector @@ websearch_to_tsquery('english', %s) "
        "ORDER BY id DESC LIMIT %s) "
        "UNION (SELECT q.id FROM quotes_quote q JOIN quotes_speaker s ON s.id = q.speaker_id "
        "WHERE s.search_vector @@ websearch_to_tsquery('simple', %s) ORDER BY q.id DESC LIMIT %s)",
        (query, SEARCH_CANDIDATES, query, SEARCH_CANDIDATES),
    )
    speaker_match = (
        "quotes_quote.speaker_id IN (SELECT s.id FROM quotes_speaker s "
        "WHERE s.search_vector @@ websearch_to_tsquery('simple', %s))"
    )
    rank = (
        f"((ts_rank(quotes_quote.search_vector, websearch_to_tsquery('english', %s)) "
        f"+ CASE WHEN {speaker_match} THEN 1 ELSE 0 END) * {_RANK_SCALE})::bigint"
    )
    return qs.filter(pk__in=matches).annotate(
        search_rank=RawSQL(rank, (query, query), output_field=BigIntegerField())
    )


def speaker_search(qs: QuerySet[Speaker], *, query: str) -> QuerySet[Speaker]:
    """Speakers whose name, title, affiliation or an alias matches ``query``, best first."""
    query = query.strip()
    if not query:
        return qs
    if not search_is_full_text():
        alias = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), alias__icontains=query)
        return qs.filter(Q(name__icontains=query) | Exists(alias))
    # As for quotes, a UNION of indexed lookups (trigram GIN on names and aliases, the
    # tsvector GIN) finds the candidates; similarity and rank are computed for those only. The
    # candidates are read here, once: the paginator's count and its page then filter by id
    # instead of each running the trigram lookups again.
    like = f"%{_like_escape(query)}%"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM quotes_speaker WHERE name %% %s OR name ILIKE %s "
            "UNION SELECT id FROM quotes_speaker WHERE search_vector @@ websearch_to_tsquery('simple', %s) "
            "UNION SELECT speaker_id FROM quotes_speakeralias WHERE alias %% %s OR alias ILIKE %s",
            [query, like, query, query, like],
        )
        matches = [row[0] for row in cursor.fetchall()]
    # One array parameter: Django prepares each value of an IN list one by one, again for the
    # count and for the page.
    candidates = RawSQL("SELECT unnest(%s::bigint[])", (matches,))
    word_rank = RawSQL(
        "ts_rank(quotes_speaker.search_vector, websearch_to_tsquery('simple', %s))",
        (query,),
        output_field=FloatField(),
    )
    return (
        qs.filter(pk__in=candidates)
        .annotate(
            name_similarity=TrigramSimilarity("name", query),
            word_rank=word_rank,
            search_rank=Greatest(F("name_similarity"), F("word_rank")),
        )
        .order_by("-search_rank", "name", "id")
    )


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
