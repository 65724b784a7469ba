"""Reads for quote variants: earlier reports a quote may repeat, and a quote's group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from quotes.matching.index import find_candidates_many
from quotes.matching.models import QuoteVariant
from quotes.matching.selectors import QUOTE_VECTOR
from quotes.matching.variants import MIN_WORDS, words
from quotes.models import Quote

VARIANT_CANDIDATES = 20


def earlier_reports(*, quote: Quote) -> list[tuple[int, str]]:
    """(id, text) of earlier quotes in other articles whose wording may be this quote's."""
    return earlier_reports_many(quotes=[quote])[0]


def earlier_reports_many(*, quotes: Sequence[Quote]) -> list[list[tuple[int, str]]]:
    """``earlier_reports`` for each quote; on PostgreSQL in one set of queries for them all."""
    out: list[list[tuple[int, str]]] = [[] for _ in quotes]
    wanted = [n for n, quote in enumerate(quotes) if len(words(quote.text)) >= MIN_WORDS]
    if not wanted:
        return out
    if connection.vendor == "postgresql":
        # One search per wording per article: an article that repeats a quote (a transcript,
        # a refrain) would otherwise search once per copy, each finding all the others (5,064
        # copies took 103 s). The copies differ only in their id, so the search runs for the
        # last one and each copy keeps the hits older than itself.
        groups: dict[tuple[str, int], list[int]] = {}
        for n in wanted:
            groups.setdefault((quotes[n].text, int(quotes[n].article_id)), []).append(n)
        keys = list(groups)
        last = [max(int(quotes[n].pk) for n in groups[key]) for key in keys]
        where = "t.article_id <> inp.article_id AND t.id < inp.quote_id AND t.status <> 'rejected'"
        with connection.cursor() as cursor:
            found = find_candidates_many(
                cursor,
                Quote._meta.db_table,
                "text",
                [text for text, _ in keys],
                VARIANT_CANDIDATES,
                where=where,
                extra={"article_id": [article for _, article in keys], "quote_id": last},
                vector=QUOTE_VECTOR,
            )
        for key, rows in zip(keys, found, strict=True):
            for n in groups[key]:
                out[n] = [row for row in rows if row[0] < quotes[n].pk]
        return out
    for n in wanted:  # SQLite (the demo): quotes containing the quote's longest word.
        quote = quotes[n]
        longest = max(words(quote.text), key=len)
        qs = (
            Quote.objects.filter(pk__lt=quote.pk, text__icontains=longest)
            .exclude(article_id=quote.article_id)
            .exclude(status=Quote.Status.REJECTED)
            .order_by("-id")
        )
        out[n] = list(qs.values_list("id", "text")[:200])
    return out


@dataclass(frozen=True)
class Report:
    quote: Quote
    variant: QuoteVariant | None  # None for the canonical (first) report


def quote_variants(*, quote: Quote) -> list[Report]:
    """Every report of this quote, the first (canonical) one first; empty when it is alone."""
    link = QuoteVariant.objects.filter(quote=quote).first()
    canonical_id = link.canonical_id if link else quote.pk
    rows = list(
        QuoteVariant.objects.filter(Q(canonical_id=canonical_id))
        .select_related("quote__article__source")
        .order_by("quote_id")
    )
    if not rows:
        return []
    canonical = Quote.objects.select_related("article__source").get(pk=canonical_id)
    return [Report(canonical, None), *(Report(r.quote, r) for r in rows)]
