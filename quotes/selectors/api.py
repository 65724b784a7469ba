"""Reads for the REST API: each list in a constant number of queries, whatever the page size."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
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
        # A plain list (to_attr): no related manager is built per speaker when it is read.
        .prefetch_related(
            Prefetch(
                "aliases",
                queryset=SpeakerAlias.objects.only("id", "speaker_id", "alias"),
                to_attr="alias_list",
            )
        )
        .order_by("name", "id")
    )


def api_quote_list() -> QuerySet[Quote]:
    """Quotes newest first, for filtering, searching and paging; ``api_quote_rows`` reads them."""
    return Quote.objects.order_by("-id")


# What the API shows of a quote (quotes.api.serializers.QuoteOutputSerializer), by join.
QUOTE_ROW_FIELDS = (
    "id",
    "article_id",
    "article__title",
    "article__source_id",
    "article__published_at",
    "text",
    "kind",
    "start",
    "end",
    "spans",
    "speaker_id",
    "speaker__name",
    "speaker__kind",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
    "confidence",
    "status",
    "reviewer__username",
    "reviewed_at",
    "reject_reason",
    "note",
    "in_boilerplate",
    "extractor_version",
    "created_at",
    "updated_at",
)


def api_quote_rows(qs: QuerySet[Quote]) -> QuerySet[Quote, dict[str, Any]]:
    """The quotes of ``qs`` (filtered, searched, ordered) as plain dicts of ``QUOTE_ROW_FIELDS``,
    its annotations (``search_rank``) and, on PostgreSQL, ``claim_ids``, all in one query.

    Model instances for a quote, its article, speaker and reviewer were most of a page's time;
    the API only copies these values out. Elsewhere (SQLite) ``quote_rows_with_claims`` adds
    the claim ids with one more query.
    """
    names = [*QUOTE_ROW_FIELDS, *qs.query.annotation_select]
    if connection.vendor == "postgresql":
        qs = qs.annotate(claim_ids=ArraySubquery(_claim_ids_of(OuterRef("pk"))))
        names.append("claim_ids")
    return qs.values(*names)


def quote_rows_with_claims(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` from ``api_quote_rows``, each with ``claim_ids`` (newest claim first)."""
    missing = [row for row in rows if "claim_ids" not in row]
    if missing:
        by_quote: dict[int, list[int]] = {row["id"]: [] for row in missing}
        links = Claim.appearances.through.objects.filter(quote_id__in=by_quote).order_by(
            "-claim__created_at", "-claim_id"
        )
        for quote_id, claim_id in links.values_list("quote_id", "claim_id"):
            by_quote[quote_id].append(claim_id)
        for row in missing:
            row["claim_ids"] = by_quote[row["id"]]
    return rows


def _claim_ids_of(quote: Any) -> QuerySet[Claim, Any]:
    return Claim.objects.filter(appearances=quote).order_by("-created_at", "-id").values("id")


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
