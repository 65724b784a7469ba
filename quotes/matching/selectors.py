"""Reads for claim matching: the claims a text repeats, and the matches stored for a quote."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from quotes.matching.index import SQLITE_SCAN, find_candidates
from quotes.matching.models import QuoteClaimMatch
from quotes.matching.scoring import rank
from quotes.matching.types import ClaimText, Match, Thresholds
from quotes.models import Claim, Quote

CANDIDATES = 50  # rows per source (claim statements, approved quotes) handed to the scorer
MAX_MATCHES = 5


def matching_thresholds() -> Thresholds:
    return Thresholds(same=settings.MATCHING_SAME_THRESHOLD, related=settings.MATCHING_RELATED_THRESHOLD)


def _carrying_quotes() -> QuerySet[Quote]:
    return Quote.objects.filter(status=Quote.Status.APPROVED, claims__isnull=False)


def _claims_of_quotes(quote_ids: list[int]) -> dict[int, list[int]]:
    through = Claim.appearances.through
    out: dict[int, list[int]] = {}
    for quote_id, claim_id in through.objects.filter(quote_id__in=quote_ids).values_list(
        "quote_id", "claim_id"
    ):
        out.setdefault(quote_id, []).append(claim_id)
    return out


def claim_candidates(*, text: str, exclude_quote_id: int | None = None) -> list[ClaimText]:
    """Wordings of existing claims worth scoring against ``text``: claim statements, and the
    text of approved quotes that carry a claim (each as that claim). Indexed on PostgreSQL."""
    quotes: list[tuple[int, str]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            claims = find_candidates(cursor, Claim._meta.db_table, "statement", text, CANDIDATES)
            carrying = (
                f"t.status = '{Quote.Status.APPROVED}' AND EXISTS (SELECT 1 FROM "
                f"{Claim.appearances.through._meta.db_table} a WHERE a.quote_id = t.id)"
            )
            quotes = find_candidates(cursor, Quote._meta.db_table, "text", text, CANDIDATES, where=carrying)
    else:  # SQLite: no text index; score the newest claims and carrying quotes in Python
        claims = list(Claim.objects.order_by("-id").values_list("id", "statement")[:SQLITE_SCAN])
        quotes = list(_carrying_quotes().distinct().order_by("-id").values_list("id", "text")[:SQLITE_SCAN])
    items = [ClaimText(claim=cid, text=body) for cid, body in claims]
    owners = _claims_of_quotes([qid for qid, _ in quotes if qid != exclude_quote_id])
    for qid, body in quotes:
        items.extend(ClaimText(claim=cid, text=body, extra={"quote": qid}) for cid in owners.get(qid, []))
    return items


def claim_match_text(
    *,
    text: str,
    limit: int = MAX_MATCHES,
    thresholds: Thresholds | None = None,
    exclude_quote_id: int | None = None,
) -> list[Match]:
    """The existing claims ``text`` repeats (*same*) or may concern (*related*), best first,
    each with its score and reasons."""
    if not text.strip():
        return []
    candidates = claim_candidates(text=text, exclude_quote_id=exclude_quote_id)
    return rank(text, candidates, thresholds or matching_thresholds(), limit=limit)


def quote_matches(*, quote: Quote) -> QuerySet[QuoteClaimMatch]:
    """The stored matches of a quote, with their claims and ratings, best first."""
    return (
        QuoteClaimMatch.objects.filter(quote=quote)
        .select_related("claim", "claim__rating")
        .order_by("-level", "-score", "claim_id")
    )
