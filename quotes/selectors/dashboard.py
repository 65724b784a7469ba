"""What the desk's front page shows: the work waiting, who decided what, claims by status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from quotes.models import Claim, Quote, ReviewDecision

# The decisions a reviewer makes in the queue (edits, merges and claim steps are counted apart).
QUEUE_ACTIONS = (ReviewDecision.Action.APPROVE, ReviewDecision.Action.REJECT)


@dataclass
class DashboardSummary:
    pending_total: int
    pending_by_source: list[dict[str, Any]]
    decisions_by_reviewer: list[dict[str, Any]]
    claims_by_status: list[dict[str, Any]]
    my_today: int = 0
    since: dict[str, datetime] = field(default_factory=dict)


def day_and_week_start(now: datetime | None = None) -> tuple[datetime, datetime]:
    """Local midnight today and on this week's Monday."""
    local = timezone.localtime(now or timezone.now())
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return today, today - timedelta(days=today.weekday())


def pending_by_source() -> list[dict[str, Any]]:
    """Pending candidates per source (boilerplate teasers left out, as in the queue)."""
    rows = (
        Quote.objects.filter(status=Quote.Status.PENDING, in_boilerplate=False)
        .values("article__source_id", "article__source__name")
        .annotate(n=Count("id"))
        .order_by("-n", "article__source__name")
    )
    return [
        {
            "source_id": r["article__source_id"],
            "source": r["article__source__name"] or "(no source)",
            "n": r["n"],
        }
        for r in rows
    ]


def decisions_by_reviewer(*, now: datetime | None = None) -> list[dict[str, Any]]:
    """Approvals and rejections today and this week, per reviewer (undone ones not counted)."""
    today, week = day_and_week_start(now)
    rows = (
        ReviewDecision.objects.filter(action__in=QUEUE_ACTIONS, created_at__gte=week, undone_by__isnull=True)
        .values("actor__username")
        .annotate(
            today=Count("id", filter=Q(created_at__gte=today)),
            week=Count("id"),
            approved=Count("id", filter=Q(action=ReviewDecision.Action.APPROVE)),
            rejected=Count("id", filter=Q(action=ReviewDecision.Action.REJECT)),
        )
        .order_by("-week", "actor__username")
    )
    return [
        {k: v for k, v in r.items() if k != "actor__username"}
        | {"reviewer": r["actor__username"] or "(system)"}
        for r in rows
    ]


def claims_by_status() -> list[dict[str, Any]]:
    counts = dict(Claim.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [
        {"status": value, "label": label, "n": counts.get(value, 0)} for value, label in Claim.Status.choices
    ]


def dashboard_summary(*, user: Any = None, now: datetime | None = None) -> DashboardSummary:
    by_source = pending_by_source()
    by_reviewer = decisions_by_reviewer(now=now)
    username = getattr(user, "username", None)
    mine = next((r["today"] for r in by_reviewer if r["reviewer"] == username), 0)
    today, week = day_and_week_start(now)
    return DashboardSummary(
        pending_total=sum(r["n"] for r in by_source),
        pending_by_source=by_source,
        decisions_by_reviewer=by_reviewer,
        claims_by_status=claims_by_status(),
        my_today=mine,
        since={"today": today, "week": week},
    )
