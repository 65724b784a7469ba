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
from django.db.models import Max, Min

from quotes.models import Claim, Rating, Speaker

SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class RatingScale:
    worst: int
    best: int


@dataclass(frozen=True, slots=True)
class ReviewedClaimant:
    kind: str
    name: str
    title: str
    wikidata_id: str


@dataclass(frozen=True, slots=True)
class ReviewedAppearance:
    """An article a claim appears in (one per quote: a claim quoted twice in one article
    has two, and the markup names the article once)."""

    article_id: int
    url: str
    title: str
    published_at: datetime | None
    created_at: datetime
    source_name: str | None


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """What the markup shows of a claim, read as plain rows (quotes.selectors.claimreview):
    the whole feed is a thousand claims, and building them as model instances (the claim, its
    rating, claimant, quotes, articles and sources) cost most of its time."""

    pk: int
    statement: str
    status: str
    ruling: str
    published_at: datetime | None
    updated_at: datetime
    first_seen: datetime | None
    rating_value: int | None
    rating_label: str
    claimant: ReviewedClaimant | None
    # In the order of their articles' publication (then article, then position).
    appearances: tuple[ReviewedAppearance, ...]
    # (note, when), oldest first.
    corrections: tuple[tuple[str, datetime], ...]


def rating_scale() -> RatingScale:
    bounds = Rating.objects.aggregate(worst=Min("value"), best=Max("value"))
    return RatingScale(worst=bounds["worst"] or 1, best=bounds["best"] or 5)


def claim_public_url(claim_id: int) -> str:
    return settings.CLAIMREVIEW_URL_TEMPLATE.format(id=claim_id)


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _claimant(speaker: ReviewedClaimant) -> dict[str, Any]:
    kind = "Person" if speaker.kind == Speaker.Kind.PERSON else "Organization"
    if speaker.kind == Speaker.Kind.PLACE:
        kind = "Place"
    author: dict[str, Any] = {"@type": kind, "name": speaker.name}
    if speaker.title and kind == "Person":
        author["jobTitle"] = speaker.title
    if speaker.wikidata_id:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_id}"
    return author


def _appearance(article: ReviewedAppearance) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = _date(article.published_at)
    if article.source_name is not None:
        work["publisher"] = {"@type": "Organization", "name": article.source_name}
    return work


def claimreview_build(*, claim: ReviewedClaim, scale: RatingScale) -> dict[str, Any]:
    """The ClaimReview of one published claim (a row of quotes.selectors.claimreview)."""
    if claim.status != Claim.Status.PUBLISHED or claim.rating_value is None:
        raise ValueError("Only a published, rated claim has a ClaimReview.")
    articles_seen: set[int] = set()
    works = []
    for article in claim.appearances:
        if article.article_id not in articles_seen:
            articles_seen.add(article.article_id)
            works.append(_appearance(article))
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant is not None:
        item["author"] = _claimant(claim.claimant)
    first = claim.first_seen or min((a.published_at or a.created_at for a in claim.appearances), default=None)
    if first:
        item["datePublished"] = _date(first)
    if works:
        item["appearance"] = works
        item["firstAppearance"] = works[0]
    modified = max([claim.updated_at, *(when for _, when in claim.corrections)])
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": claim_public_url(claim.pk),
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
            "ratingValue": claim.rating_value,
            "bestRating": scale.best,
            "worstRating": scale.worst,
            "alternateName": claim.rating_label,
        },
        "itemReviewed": item,
    }
    if claim.ruling:
        review["reviewBody"] = claim.ruling
    if claim.corrections:
        review["correction"] = [
            {"@type": "CorrectionComment", "text": note, "datePublished": _date(when)}
            for note, when in claim.corrections
        ]
    return review


def claimreview_feed(*, claims: Iterable[ReviewedClaim], scale: RatingScale) -> dict[str, Any]:
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
