"""ClaimReview JSON-LD (schema.org) for published claims: one builder for the admin and the API.

Fact-check aggregators read this markup; the rules they apply (a rating label in
``alternateName``, ``worstRating`` < ``bestRating``, the value between them, one ClaimReview
per claim) hold by construction here and are checked in tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Max, Min, Prefetch, QuerySet

from quotes.models import Claim, ClaimCorrection, Quote, Rating, Speaker

SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class RatingScale:
    worst: int
    best: int


def rating_scale() -> RatingScale:
    bounds = Rating.objects.aggregate(worst=Min("value"), best=Max("value"))
    return RatingScale(worst=bounds["worst"] or 1, best=bounds["best"] or 5)


def claimreview_queryset(claims: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Published claims with everything the builder reads, in a constant number of queries."""
    claims = Claim.objects.all() if claims is None else claims
    return (
        claims.filter(status=Claim.Status.PUBLISHED)
        .select_related("rating", "claimant")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Quote.objects.select_related("article__source")
                .defer("article__text", "article__raw_html")
                .order_by("article__published_at", "article_id", "start"),
            ),
            Prefetch("corrections", queryset=ClaimCorrection.objects.order_by("created_at", "id")),
        )
        .order_by("-published_at", "-id")
    )


def claim_public_url(claim: Claim) -> str:
    return settings.CLAIMREVIEW_URL_TEMPLATE.format(id=claim.pk)


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _claimant(speaker: Speaker) -> dict[str, Any]:
    kind = "Person" if speaker.kind == Speaker.Kind.PERSON else "Organization"
    if speaker.kind == Speaker.Kind.PLACE:
        kind = "Place"
    author: dict[str, Any] = {"@type": kind, "name": speaker.name}
    if speaker.title and kind == "Person":
        author["jobTitle"] = speaker.title
    if speaker.wikidata_id:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_id}"
    return author


def _appearance(quote: Quote) -> dict[str, Any]:
    article = quote.article
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = _date(article.published_at)
    if article.source_id and article.source:
        work["publisher"] = {"@type": "Organization", "name": article.source.name}
    return work


def claimreview_build(*, claim: Claim, scale: RatingScale) -> dict[str, Any]:
    """The ClaimReview of one published claim (built from a ``claimreview_queryset`` row)."""
    if claim.status != Claim.Status.PUBLISHED or claim.rating is None:
        raise ValueError("Only a published, rated claim has a ClaimReview.")
    appearances = list(claim.appearances.all())
    articles_seen: set[int] = set()
    works = []
    for quote in appearances:
        if quote.article_id not in articles_seen:
            articles_seen.add(quote.article_id)
            works.append(_appearance(quote))
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant is not None:
        item["author"] = _claimant(claim.claimant)
    first = claim.first_seen or min(
        (q.article.published_at or q.article.created_at for q in appearances), default=None
    )
    if first:
        item["datePublished"] = _date(first)
    if works:
        item["appearance"] = works
        item["firstAppearance"] = works[0]
    corrections = list(claim.corrections.all())
    modified = max([claim.updated_at, *(c.created_at for c in corrections)])
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": claim_public_url(claim),
        "claimReviewed": claim.statement,
        "datePublished": _date(claim.published_at),
        "dateModified": _date(modified),
        "author": {
            "@type": "Organization",
            "name": settings.CLAIMREVIEW_ORGANIZATION_NAME,
            "url": settings.CLAIMREVIEW_ORGANIZATION_URL,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": claim.rating.value,
            "bestRating": scale.best,
            "worstRating": scale.worst,
            "alternateName": claim.rating.label,
        },
        "itemReviewed": item,
    }
    if claim.ruling:
        review["reviewBody"] = claim.ruling
    if corrections:
        review["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.note,
                "datePublished": _date(c.created_at),
            }
            for c in corrections
        ]
    return review


def claimreview_feed(*, claims: Iterable[Claim], scale: RatingScale) -> dict[str, Any]:
    """A schema.org DataFeed of ClaimReviews, the shape fact-check aggregators import."""
    elements = []
    for claim in claims:
        review = claimreview_build(claim=claim, scale=scale)
        review.pop("@context")
        elements.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": _date(claim.published_at),
                "dateModified": review["dateModified"],
                "item": review,
            }
        )
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.CLAIMREVIEW_ORGANIZATION_NAME}: fact checks",
        "dataFeedElement": elements,
    }
