"""Writes for claim matching: which checked claims quote candidates repeat, and which earlier
reports of the same quote they are."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from quotes.matching.models import QuoteClaimMatch, QuoteVariant
from quotes.matching.selectors import claim_match_text
from quotes.matching.variant_selectors import earlier_reports
from quotes.matching.variants import Variant, compare_wording
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


@transaction.atomic
def quote_variant_link(*, quote: Quote) -> QuoteVariant | None:
    """Link a quote to the first report of the same quote in another article, with the word
    diff; a quote already linked is left as it is. None when it is the first report."""
    existing = QuoteVariant.objects.filter(quote=quote).first()
    if existing is not None:
        return existing
    best: tuple[float, int, Variant] | None = None
    for other_id, other_text in earlier_reports(quote=quote):
        comparison = compare_wording(other_text, quote.text)
        if comparison.variant and (best is None or comparison.similarity > best[0]):
            best = (comparison.similarity, other_id, comparison)
    if best is None:
        return None
    _, other_id, comparison = best
    # The group's canonical quote is the first report: the match's own canonical if it has one.
    canonical_id = (
        QuoteVariant.objects.filter(quote_id=other_id).values_list("canonical_id", flat=True).first()
    )
    if canonical_id is not None and canonical_id != other_id:
        canonical_text = Quote.objects.values_list("text", flat=True).get(pk=canonical_id)
        comparison = compare_wording(canonical_text, quote.text)
    else:
        canonical_id = other_id
    row = QuoteVariant(
        quote=quote,
        canonical_id=canonical_id,
        similarity=min(1.0, comparison.similarity),
        same_words=comparison.same_words,
        diff=[d.to_dict() for d in comparison.diff],
    )
    row.full_clean(exclude=["quote", "canonical"], validate_unique=False)
    row.save()
    return row


def quotes_after_extraction(*, quotes: Iterable[Quote]) -> None:
    """What matching does for new quote candidates: link them to earlier reports of the same
    quote, and store the checked claims they repeat.

    Both are advice for the reviewer: a failure is logged and leaves the quotes as they are
    (each step in its own savepoint), never undoing the extraction.
    """
    for quote in quotes:
        if quote.pk is None:
            continue
        for step in (quote_variant_link, quote_matches_compute):
            try:
                with transaction.atomic():
                    step(quote=quote)
            except Exception:  # advice only: log it with the traceback, keep the extraction
                logger.exception("%s failed for quote %s", step.__name__, quote.pk)
