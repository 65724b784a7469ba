"""A speaker's timeline: their quotes and claims over time, with ratings, newest first,
so that "has this person said this before?" takes one look."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from quotes.models import Claim, Quote, Speaker

TIMELINE_LIMIT = 200


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: str  # "quote" or "claim"
    id: int
    text: str
    status: str
    rating: str | None = None  # a claim's verdict; for a quote, the verdict of a claim it carries
    claims: list[int] = field(default_factory=list)  # for a quote: the claims it carries
    article: int | None = None
    article_title: str = ""


def speaker_timeline(*, speaker: Speaker, limit: int = TIMELINE_LIMIT) -> list[TimelineEntry]:
    """The speaker's quotes (rejected ones left out) and the claims they are the claimant of.

    A quote is dated by its article's publication (else when the article came in); a claim by
    when it was first seen (else created).
    """
    claims_qs = Claim.objects.select_related("rating").only("id", "rating__label", "status")
    quotes = (
        Quote.objects.filter(speaker=speaker)
        .exclude(status=Quote.Status.REJECTED)
        .select_related("article")
        .only(
            "id",
            "text",
            "status",
            "created_at",
            "article__id",
            "article__title",
            "article__published_at",
            "article__created_at",
        )
        .prefetch_related(Prefetch("claims", queryset=claims_qs))
        .order_by("-id")[:limit]
    )
    entries = []
    for q in quotes:
        carried = list(q.claims.all())
        rated = next((c.rating.label for c in carried if c.rating), None)
        entries.append(
            TimelineEntry(
                when=q.article.published_at or q.article.created_at,
                kind="quote",
                id=q.pk,
                text=q.text,
                status=q.status,
                rating=rated,
                claims=[c.pk for c in carried],
                article=q.article_id,
                article_title=q.article.title,
            )
        )
    for c in Claim.objects.filter(claimant=speaker).select_related("rating").order_by("-id")[:limit]:
        entries.append(
            TimelineEntry(
                when=c.first_seen or c.created_at,
                kind="claim",
                id=c.pk,
                text=c.statement,
                status=c.status,
                rating=c.rating.label if c.rating else None,
            )
        )
    entries.sort(key=lambda e: (e.when, e.kind == "claim", e.id), reverse=True)
    return entries[:limit]
