"""The review queue: which pending candidate a reviewer sees next, in which order, with which
filters, and the reviewer's own recent decisions (to undo)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Window

from quotes.models import Quote, ReviewDecision, ReviewQueuePreference, Speaker
from sources.models import Source

# Confidence bands a reviewer can filter on: name -> (label, lowest, below).
CONFIDENCE_BANDS: dict[str, tuple[str, float, float]] = {
    "high": ("high (80% and more)", 0.8, 1.01),
    "medium": ("medium (50-79%)", 0.5, 0.8),
    "low": ("low (under 50%)", 0.0, 0.5),
}

# Orders: surest first puts the quick approvals up front; id breaks ties so paging is stable.
QUEUE_ORDERS: dict[str, tuple[str, ...]] = {
    ReviewQueuePreference.Order.SUREST: ("-confidence", "id"),
    ReviewQueuePreference.Order.OLDEST: ("created_at", "id"),
    ReviewQueuePreference.Order.SOURCE: ("article__source__name", "article_id", "start", "id"),
}

QUEUE_DECISIONS = (ReviewDecision.Action.APPROVE, ReviewDecision.Action.REJECT)


@dataclass(frozen=True)
class QueueFilters:
    source: int | None = None
    speaker: int | None = None
    kind: str = ""
    band: str = ""
    engine: str = ""
    boilerplate: bool = False  # include candidates found in teaser blocks

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> QueueFilters:
        """Read filters from saved preferences or a query string; unknown values are dropped."""

        def as_id(value: Any) -> int | None:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return None
            return number if number > 0 else None

        kind = str(data.get("kind") or "")
        band = str(data.get("band") or "")
        boilerplate = data.get("boilerplate")
        return cls(
            source=as_id(data.get("source")),
            speaker=as_id(data.get("speaker")),
            kind=kind if kind in Quote.Kind.values else "",
            band=band if band in CONFIDENCE_BANDS else "",
            engine=str(data.get("engine") or "")[:32],
            boilerplate=boilerplate in (True, "1", "on", "true"),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def active(self) -> bool:
        return self != QueueFilters()


def queue_preference_get(*, user: Any) -> tuple[str, QueueFilters]:
    """The reviewer's remembered order and filters (defaults when none are saved)."""
    pk = getattr(user, "pk", None)
    pref = ReviewQueuePreference.objects.filter(user_id=pk).first() if pk is not None else None
    if pref is None:
        return ReviewQueuePreference.Order.SUREST, QueueFilters()
    order = pref.order if pref.order in QUEUE_ORDERS else ReviewQueuePreference.Order.SUREST
    return order, QueueFilters.from_mapping(pref.filters)


def queue_candidates(*, filters: QueueFilters, order: str = "surest") -> QuerySet[Quote]:
    qs = Quote.objects.filter(status=Quote.Status.PENDING)
    if not filters.boilerplate:
        qs = qs.filter(in_boilerplate=False)
    if filters.source:
        qs = qs.filter(article__source_id=filters.source)
    if filters.speaker:
        qs = qs.filter(speaker_id=filters.speaker)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.band:
        _label, low, high = CONFIDENCE_BANDS[filters.band]
        qs = qs.filter(confidence__gte=low, confidence__lt=high)
    if filters.engine:
        qs = qs.filter(extractor_version=filters.engine)
    return qs.order_by(*QUEUE_ORDERS.get(order, QUEUE_ORDERS["surest"]))


def queue_next(
    *, filters: QueueFilters, order: str = "surest", skipped: Iterable[int] = ()
) -> tuple[Quote | None, int]:
    """The candidate to show now (the first of the queue this session has not skipped) and how
    many are left besides the skipped ones, in one query: the count is a window over the rows."""
    qs = queue_candidates(filters=filters, order=order).exclude(pk__in=list(skipped))
    first = qs.select_related("article__source", "speaker").annotate(queue_left=Window(Count("id"))).first()
    return first, (first.queue_left if first is not None else 0)


def queue_quote(*, pk: int) -> Quote | None:
    return Quote.objects.select_related("article__source", "speaker").filter(pk=pk).first()


def queue_recent_decisions(*, user: Any, limit: int = 10) -> list[ReviewDecision]:
    """The reviewer's last approvals and rejections, newest first, with their quotes."""
    return list(
        ReviewDecision.objects.filter(actor_id=getattr(user, "pk", None), action__in=QUEUE_DECISIONS)
        .select_related("quote")
        .defer("quote__spans")
        .order_by("-created_at", "-id")[:limit]
    )


def queue_last_undoable(*, user: Any) -> ReviewDecision | None:
    return (
        ReviewDecision.objects.filter(
            actor_id=getattr(user, "pk", None), action__in=QUEUE_DECISIONS, undone_by__isnull=True
        )
        .order_by("-created_at", "-id")
        .first()
    )


def queue_filter_choices() -> dict[str, list[tuple[Any, str]]]:
    """What the filter bar offers: sources, speakers and engine versions that have pending work."""
    pending = Q(quotes__status=Quote.Status.PENDING)
    sources = (
        Source.objects.annotate(n=Count("articles__quotes", filter=Q(articles__quotes__status="pending")))
        .filter(n__gt=0)
        .order_by("name")
    )
    speakers = (
        Speaker.objects.annotate(n=Count("quotes", filter=pending))
        .filter(n__gt=0)
        .order_by("-n", "name")[:200]
    )
    engines = (
        Quote.objects.filter(status=Quote.Status.PENDING)
        .exclude(extractor_version="")
        .values_list("extractor_version", flat=True)
        .distinct()
        .order_by("extractor_version")
    )
    return {
        "sources": [(s.pk, f"{s.name} ({s.n})") for s in sources],
        "speakers": [(s.pk, f"{s.name} ({s.n})") for s in speakers],
        "kinds": list(Quote.Kind.choices),
        "bands": [(key, value[0]) for key, value in CONFIDENCE_BANDS.items()],
        "engines": [(v, v) for v in engines],
        "orders": list(ReviewQueuePreference.Order.choices),
    }
