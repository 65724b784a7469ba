"""Reads for the REST API: each list in a constant number of queries, whatever the page size."""

from __future__ import annotations

import hashlib

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from quotes.models import Claim, ClaimCorrection, ClaimEvidence, Quote, Rating, Speaker, SpeakerAlias


def _count_of(model: type, field: str) -> Coalesce:
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})  # type: ignore[attr-defined]
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def api_speaker_list() -> QuerySet[Speaker]:
    """Speakers with their aliases and quote and claim counts (one subquery each, no GROUP BY)."""
    return (
        Speaker.objects.annotate(
            quote_count=_count_of(Quote, "speaker"), claim_count=_count_of(Claim, "claimant")
        )
        .prefetch_related(
            Prefetch("aliases", queryset=SpeakerAlias.objects.only("id", "speaker_id", "alias"))
        )
        .order_by("name", "id")
    )


def api_quote_list() -> QuerySet[Quote]:
    """Quotes with their article (no text), speaker, reviewer and the ids of their claims."""
    return (
        Quote.objects.select_related("article", "speaker", "reviewer")
        .only(
            *(f.name for f in Quote._meta.concrete_fields),
            "article__id",
            "article__title",
            "article__url",
            "article__published_at",
            "article__source_id",
            "speaker__id",
            "speaker__name",
            "speaker__kind",
            "reviewer__id",
            "reviewer__username",
        )
        # A plain list (to_attr): no related manager is built per quote when it is read.
        .prefetch_related(Prefetch("claims", queryset=Claim.objects.only("id"), to_attr="claim_list"))
        .order_by("-id")
    )


def api_claim_list(*, published_only: bool = False) -> QuerySet[Claim]:
    """Claims with claimant, rating, appearances, evidence and corrections."""
    qs = (
        Claim.objects.select_related("claimant", "rating", "checker")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Quote.objects.select_related("article")
                .only(
                    "id",
                    "text",
                    "status",
                    "speaker_id",
                    "article__id",
                    "article__url",
                    "article__title",
                    "article__published_at",
                )
                .order_by("id"),
            ),
            Prefetch("evidence", queryset=ClaimEvidence.objects.order_by("position", "id")),
            Prefetch(
                "corrections",
                queryset=ClaimCorrection.objects.select_related("actor").order_by("created_at", "id"),
            ),
        )
        .order_by("-created_at", "-id")
    )
    if published_only:
        qs = qs.filter(status=Claim.Status.PUBLISHED)
    return qs


def api_rating_list() -> QuerySet[Rating]:
    return Rating.objects.annotate(
        claim_count=Count("claims", filter=Q(claims__status="published"))
    ).order_by("value")


def claimreview_feed_version() -> str:
    """A key that changes whenever anything the ClaimReview DataFeed shows changes: the
    published claims (edits, corrections, (un)publication), their claimants and articles, and
    the rating scale. Two small queries instead of building the whole feed."""
    published = Claim.objects.filter(status=Claim.Status.PUBLISHED)
    state = published.aggregate(
        n=Count("id", distinct=True),
        changed=Max("updated_at"),
        corrected=Max("corrections__created_at"),
        claimant=Max("claimant__updated_at"),
        article=Max("appearances__article__updated_at"),
        appearances=Count("appearances", distinct=True),
    )
    scale = list(Rating.objects.order_by("id").values_list("id", "label", "value"))
    return hashlib.sha256(repr((sorted(state.items()), scale)).encode()).hexdigest()[:32]
