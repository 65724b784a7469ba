"""Reads for the ClaimReview markup (quotes/claimreview.py): published claims as plain rows.

Three queries whatever the number of claims (the claims with their rating and claimant, their
appearances with each article and source, their corrections), read as values, not model
instances: the whole DataFeed is every published claim.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from quotes.claimreview import ReviewedAppearance, ReviewedClaim, ReviewedClaimant
from quotes.models import Claim, ClaimCorrection

_CLAIM_COLUMNS = (
    "id",
    "statement",
    "status",
    "ruling",
    "published_at",
    "updated_at",
    "first_seen",
    "rating__value",
    "rating__label",
    "claimant_id",
    "claimant__kind",
    "claimant__name",
    "claimant__title",
    "claimant__wikidata_id",
)
_APPEARANCE_COLUMNS = (
    "claim_id",
    "quote__article_id",
    "quote__article__url",
    "quote__article__title",
    "quote__article__published_at",
    "quote__article__created_at",
    "quote__article__source__name",
)


def published_claims() -> QuerySet[Claim]:
    """Every published claim, newest publication first (the feed's order)."""
    return Claim.objects.filter(status=Claim.Status.PUBLISHED).order_by("-published_at", "-id")


def reviewed_claims(
    claims: QuerySet[Claim] | None = None, *, offset: int = 0, limit: int | None = None
) -> list[ReviewedClaim]:
    """``claims`` (default: every published claim, in the feed's order), from ``offset``, at
    most ``limit``, as the rows the markup is built from."""
    claims = published_claims() if claims is None else claims
    window = claims[offset : offset + limit] if limit is not None else claims[offset:]
    rows = list(window.values_list(*_CLAIM_COLUMNS))
    ids = [row[0] for row in rows]
    appearances: dict[int, list[ReviewedAppearance]] = defaultdict(list)
    corrections: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    if ids:
        through = Claim.appearances.through.objects.filter(claim_id__in=ids).order_by(
            "quote__article__published_at", "quote__article_id", "quote__start", "quote_id"
        )
        for claim_id, *article in through.values_list(*_APPEARANCE_COLUMNS):
            appearances[claim_id].append(ReviewedAppearance(*article))
        notes = ClaimCorrection.objects.filter(claim_id__in=ids).order_by("created_at", "id")
        for claim_id, note, when in notes.values_list("claim_id", "note", "created_at"):
            corrections[claim_id].append((note, when))
    return [
        ReviewedClaim(
            pk=pk,
            statement=statement,
            status=status,
            ruling=ruling,
            published_at=published_at,
            updated_at=updated_at,
            first_seen=first_seen,
            rating_value=rating_value,
            rating_label=rating_label or "",
            claimant=ReviewedClaimant(kind, name, title, wikidata_id) if claimant_id is not None else None,
            appearances=tuple(appearances[pk]),
            corrections=tuple(corrections[pk]),
        )
        for (
            pk,
            statement,
            status,
            ruling,
            published_at,
            updated_at,
            first_seen,
            rating_value,
            rating_label,
            claimant_id,
            kind,
            name,
            title,
            wikidata_id,
        ) in rows
    ]


def reviewed_claim(claim_id: int) -> ReviewedClaim | None:
    """One published claim's row, or None when it is not published."""
    found = reviewed_claims(published_claims().filter(pk=claim_id))
    return found[0] if found else None


def reviewed_claim_if_published_now(claim_id: int) -> ReviewedClaim | None:
    """A claim's row as publishing it now would make it (the admin's preview; nothing is
    saved), or None without a rating."""
    found = reviewed_claims(Claim.objects.filter(pk=claim_id))
    if not found or found[0].rating_value is None:
        return None
    claim = found[0]
    if claim.status == Claim.Status.PUBLISHED:
        return claim
    return replace(claim, status=Claim.Status.PUBLISHED, published_at=claim.published_at or timezone.now())
