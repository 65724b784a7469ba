"""Writes for claim matching: store which existing claims quote candidates repeat."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError, transaction

from quotes.matching.models import QuoteClaimMatch
from quotes.matching.selectors import claim_match_text
from quotes.models import Quote

logger = logging.getLogger(__name__)


@transaction.atomic
def quote_matches_compute(*, quote: Quote) -> list[QuoteClaimMatch]:
    """Match one quote against the existing claims and store the result, replacing what was
    stored for it before. Idempotent: the same claims give the same rows."""
    matches = claim_match_text(text=quote.text, exclude_quote_id=quote.pk)
    QuoteClaimMatch.objects.filter(quote=quote).delete()
    rows = []
    for m in matches:
        row = QuoteClaimMatch(
            quote=quote,
            claim_id=m.claim,
            score=m.score,
            level=m.level.value,
            reasons=m.reasons,
            matched_text=m.text,
        )
        row.full_clean(exclude=["quote", "claim"], validate_unique=False)
        rows.append(row)
    return QuoteClaimMatch.objects.bulk_create(rows)


def quotes_match_claims(*, quotes: Iterable[Quote]) -> int:
    """Match new quote candidates; called right after extraction writes them.

    Matching is advice for the reviewer: a failure is logged and leaves the quotes as they
    are (each quote in its own savepoint), never undoing the extraction.
    """
    stored = 0
    for quote in quotes:
        if quote.pk is None:
            continue
        try:
            with transaction.atomic():
                stored += len(quote_matches_compute(quote=quote))
        except (DatabaseError, ValueError) as exc:
            logger.error("claim matching failed for quote %s: %s", quote.pk, exc)
    return stored
