"""Reads for the weekly claim report (quotes/reports/). Every figure is one aggregate query,
and the claim lists are single streamed queries, so the number of queries does not depend
on the number of claims."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet

from quotes.models import Claim, ClaimCorrection, Quote, QuoteClaimMatch, Rating, Report, ReviewDecision
from quotes.reports.filters import ReportFilters
from quotes.reports.weeks import Week

# Rows fetched per round trip while streaming (a server-side cursor on PostgreSQL).
STREAM_CHUNK = 2000
NO_SOURCE = "(no source)"
NO_CLAIMANT = "(no claimant)"
SYSTEM_ACTOR = "(system)"


def _claims_filtered(filters: ReportFilters) -> QuerySet[Claim]:
    qs = Claim.objects.all()
    if filters.speaker:
        qs = qs.filter(claimant=filters.speaker)
    if filters.rating:
        qs = qs.filter(rating=filters.rating)
    if filters.source:
        # A subquery rather than a join, so that later aggregates count each claim once.
        through = Claim.appearances.through.objects.filter(quote__article__source=filters.source)
        qs = qs.filter(pk__in=through.values("claim_id"))
    return qs


def report_claims_published(*, week: Week, filters: ReportFilters) -> QuerySet[Claim]:
    """Claims published in the week and still published."""
    return _claims_filtered(filters).filter(
        status=Claim.Status.PUBLISHED, published_at__gte=week.start, published_at__lt=week.end
    )


def report_corrections(*, week: Week, filters: ReportFilters) -> QuerySet[ClaimCorrection]:
    return ClaimCorrection.objects.filter(
        created_at__gte=week.start, created_at__lt=week.end, claim__in=_claims_filtered(filters)
    )


def report_decisions(*, week: Week, filters: ReportFilters) -> QuerySet[ReviewDecision]:
    """Quote approvals and rejections made in the week and not undone since."""
    qs = ReviewDecision.objects.filter(
        object_kind=ReviewDecision.ObjectKind.QUOTE,
        action__in=[ReviewDecision.Action.APPROVE, ReviewDecision.Action.REJECT],
        created_at__gte=week.start,
        created_at__lt=week.end,
        undone_by__isnull=True,
    )
    if filters.speaker:
        qs = qs.filter(quote__speaker=filters.speaker)
    if filters.source:
        qs = qs.filter(quote__article__source=filters.source)
    return qs


def _matched() -> Exists:
    """The claim matcher linked a quote to this claim as the same claim said again."""
    return Exists(QuoteClaimMatch.objects.filter(claim=OuterRef("pk"), level=QuoteClaimMatch.Level.SAME))


def _median_hours(published: QuerySet[Claim]) -> float | None:
    # The median in the database (order by the delay, read the middle one or two), so
    # that no list of delays is held in memory; works on PostgreSQL and SQLite alike.
    delay = ExpressionWrapper(F("published_at") - F("first_seen"), output_field=DurationField())
    timed = published.filter(first_seen__isnull=False).annotate(delay=delay)
    n = timed.count()
    if not n:
        return None
    middle = list(timed.order_by("delay", "id").values_list("delay", flat=True)[(n - 1) // 2 : n // 2 + 1])
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return round(seconds / 3600, 1)


def report_week_summary(*, week: Week, filters: ReportFilters) -> dict[str, Any]:
    published = report_claims_published(week=week, filters=filters)
    total = published.count()
    # Repeated: said in more than one article, or matched again by the claim matcher.
    several_articles = (
        published.annotate(articles=Count("appearances__article", distinct=True))
        .filter(articles__gt=1)
        .values("pk")
    )
    repeated = published.filter(Q(pk__in=several_articles) | _matched())
    n_repeated = repeated.count() if total else 0
    corrections = report_corrections(week=week, filters=filters).aggregate(
        corrected=Count("claim", distinct=True, filter=Q(kind=ClaimCorrection.Kind.CORRECTION)),
        unpublished=Count("claim", distinct=True, filter=Q(kind=ClaimCorrection.Kind.UNPUBLICATION)),
    )
    decisions = report_decisions(week=week, filters=filters).aggregate(
        approved=Count("id", filter=Q(action=ReviewDecision.Action.APPROVE)),
        rejected=Count("id", filter=Q(action=ReviewDecision.Action.REJECT)),
    )
    return {
        "published": total,
        "new_claims": total - n_repeated,
        "repeated_claims": n_repeated,
        "median_hours_to_publication": _median_hours(published) if total else None,
        "corrected": corrections["corrected"],
        "unpublished": corrections["unpublished"],
        "quotes_approved": decisions["approved"],
        "quotes_rejected": decisions["rejected"],
    }


def report_by_rating(*, week: Week, filters: ReportFilters) -> list[dict[str, Any]]:
    """Every step of the scale, with the claims published in the week (zeros included)."""
    published = report_claims_published(week=week, filters=filters)
    rows = Rating.objects.annotate(n=Count("claims", filter=Q(claims__in=published))).order_by("value")
    return [{"rating": r.label, "value": r.value, "claims": r.n} for r in rows]


def report_by_claimant(*, week: Week, filters: ReportFilters) -> list[dict[str, Any]]:
    rows = (
        report_claims_published(week=week, filters=filters)
        .values("claimant_id", "claimant__name")
        .annotate(claims=Count("id"))
        .order_by("-claims", "claimant__name", "claimant_id")
    )
    return [
        {
            "claimant_id": r["claimant_id"],
            "claimant": r["claimant__name"] or NO_CLAIMANT,
            "claims": r["claims"],
        }
        for r in rows
    ]


def report_by_source(*, week: Week, filters: ReportFilters) -> list[dict[str, Any]]:
    """Claims per outlet of their appearances (a claim counts once per outlet)."""
    published = report_claims_published(week=week, filters=filters)
    rows = (
        Claim.appearances.through.objects.filter(claim__in=published)
        .values("quote__article__source__name")
        .annotate(claims=Count("claim_id", distinct=True))
        .order_by("-claims", "quote__article__source__name")
    )
    return [{"source": r["quote__article__source__name"] or NO_SOURCE, "claims": r["claims"]} for r in rows]


def report_by_reviewer(*, week: Week, filters: ReportFilters) -> list[dict[str, Any]]:
    rows = (
        report_decisions(week=week, filters=filters)
        .values("actor__username")
        .annotate(
            approved=Count("id", filter=Q(action=ReviewDecision.Action.APPROVE)),
            rejected=Count("id", filter=Q(action=ReviewDecision.Action.REJECT)),
        )
        .order_by("actor__username")
    )
    return [
        {
            "reviewer": r["actor__username"] or SYSTEM_ACTOR,
            "approved": r["approved"],
            "rejected": r["rejected"],
        }
        for r in rows
    ]


def report_pending_by_source(*, week: Week, filters: ReportFilters) -> list[dict[str, Any]]:
    """Candidates waiting for review at the end of the week (now, for the current week).

    A quote counts if it existed by then and was not decided before then; boilerplate
    teasers are left out, as in the review queue.
    """
    qs = Quote.objects.filter(created_at__lt=week.end, in_boilerplate=False).filter(
        Q(status=Quote.Status.PENDING) | Q(reviewed_at__gte=week.end)
    )
    if filters.speaker:
        qs = qs.filter(speaker=filters.speaker)
    if filters.source:
        qs = qs.filter(article__source=filters.source)
    rows = (
        qs.values("article__source__name")
        .annotate(pending=Count("id"))
        .order_by("-pending", "article__source__name")
    )
    return [{"source": r["article__source__name"] or NO_SOURCE, "pending": r["pending"]} for r in rows]


def report_weekly_published(*, week: Week, filters: ReportFilters, weeks: int = 12) -> list[dict[str, Any]]:
    """Claims published per week over the ``weeks`` weeks ending with ``week`` (one query)."""
    series = [week.shifted(-i) for i in range(weeks - 1, -1, -1)]
    counts = (
        _claims_filtered(filters)
        .filter(status=Claim.Status.PUBLISHED)
        .aggregate(
            **{
                f"w{i}": Count("id", filter=Q(published_at__gte=w.start, published_at__lt=w.end))
                for i, w in enumerate(series)
            }
        )
    )
    return [{"week": w.iso, "claims": counts[f"w{i}"]} for i, w in enumerate(series)]


CLAIM_ROW_FIELDS = (
    "id",
    "statement",
    "published_at",
    "first_seen",
    "ruling",
    "claimant_id",
    "claimant__name",
    "rating__label",
    "rating__value",
    "checker__username",
    "checker__first_name",
    "checker__last_name",
    "appearances__id",
    "appearances__article_id",
    "appearances__article__source__name",
    "appearances__article__title",
    "appearances__article__url",
    "appearances__article__published_at",
)


def report_claim_rows(*, week: Week, filters: ReportFilters) -> Iterator[dict[str, Any]]:
    """One row per (claim, appearance), claims in publication order: a single streamed query."""
    qs = (
        report_claims_published(week=week, filters=filters)
        .annotate(matched=_matched())
        .order_by("published_at", "id", "appearances__article__published_at", "appearances__id")
        .values(*CLAIM_ROW_FIELDS, "matched")
    )
    return qs.iterator(chunk_size=STREAM_CHUNK)


def report_correction_rows(*, week: Week, filters: ReportFilters) -> Iterator[dict[str, Any]]:
    qs: QuerySet[Any] = (
        report_corrections(week=week, filters=filters)
        .order_by("claim_id", "created_at", "id")
        .values(
            "claim_id",
            "claim__statement",
            "claim__status",
            "claim__claimant__name",
            "claim__rating__label",
            "kind",
            "note",
            "created_at",
            "actor__username",
        )
    )
    return qs.iterator(chunk_size=STREAM_CHUNK)


def report_list() -> QuerySet[Report]:
    return Report.objects.order_by("-week_start")
