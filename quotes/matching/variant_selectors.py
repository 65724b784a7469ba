"""Reads for quote variants: earlier reports a quote may repeat, and a quote's group."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from quotes.matching.index import find_candidates
from quotes.matching.models import QuoteVariant
from quotes.matching.variants import MIN_WORDS, words
from quotes.models import Quote

VARIANT_CANDIDATES = 20


def earlier_reports(*, quote: Quote) -> list[tuple[int, str]]:
    """(id, text) of earlier quotes in other articles whose wording may be this quote's."""
    if len(words(quote.text)) < MIN_WORDS:
        return []
    if connection.vendor == "postgresql":
        where = (
            f"t.article_id <> {int(quote.article_id)} AND t.id < {int(quote.pk)} AND t.status <> 'rejected'"
        )
        with connection.cursor() as cursor:
            return find_candidates(
                cursor, Quote._meta.db_table, "text", quote.text, VARIANT_CANDIDATES, where=where
            )
    # SQLite (the demo): quotes containing the quote's longest word.
    longest = max(words(quote.text), key=len)
    qs = (
        Quote.objects.filter(pk__lt=quote.pk, text__icontains=longest)
        .exclude(article_id=quote.article_id)
        .exclude(status=Quote.Status.REJECTED)
        .order_by("-id")
    )
    return list(qs.values_list("id", "text")[:200])


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
