"""Reads for claim matching: the claims a text repeats, and the matches stored for a quote."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from quotes.matching.index import SQLITE_SCAN, find_candidates_many
from quotes.matching.models import QuoteClaimMatch
from quotes.matching.scoring import rank
from quotes.matching.types import ClaimText, Match, Thresholds
from quotes.models import Claim, Quote

# The quotes' stored English tsvector of their text (migration 0010_api_search_vectors).
QUOTE_VECTOR = "search_vector"
CANDIDATES = 50  # rows per source (claim statements, approved quotes) handed to the scorer
MAX_MATCHES = 5


def matching_thresholds() -> Thresholds:
    return Thresholds(same=settings.MATCHING_SAME_THRESHOLD, related=settings.MATCHING_RELATED_THRESHOLD)


def claims_exist() -> bool:
    """Whether any claim exists: without one, no text has candidates (both sources of
    wordings, claim statements and the quotes carrying a claim, need a claim)."""
    return Claim.objects.exists()


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
    return claim_candidates_many(texts=[text], exclude_quote_ids=[exclude_quote_id])[0]


def claim_candidates_many(
    *, texts: Sequence[str], exclude_quote_ids: Sequence[int | None] | None = None
) -> list[list[ClaimText]]:
    """``claim_candidates`` for each of ``texts`` (a quote's own id in ``exclude_quote_ids``
    keeps it from matching itself), in a number of queries that does not grow with them."""
    excluded = list(exclude_quote_ids or [None] * len(texts))
    claims: list[list[tuple]]
    quotes: list[list[tuple]]
    if not texts:
        return []
    if not claims_exist():
        # One query instead of the search's up to eight (a new database, or a newsroom that
        # has not checked a claim yet).
        return [[] for _ in texts]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            claims = find_candidates_many(cursor, Claim._meta.db_table, "statement", texts, CANDIDATES)
            carrying = (
                f"t.status = '{Quote.Status.APPROVED}' AND EXISTS (SELECT 1 FROM "
                f"{Claim.appearances.through._meta.db_table} a WHERE a.quote_id = t.id)"
            )
            quotes = find_candidates_many(
                cursor, Quote._meta.db_table, "text", texts, CANDIDATES, where=carrying, vector=QUOTE_VECTOR
            )
    else:  # SQLite: no text index; score the newest claims and carrying quotes in Python
        every_claim = list(Claim.objects.order_by("-id").values_list("id", "statement")[:SQLITE_SCAN])
        every_quote = list(
            _carrying_quotes().distinct().order_by("-id").values_list("id", "text")[:SQLITE_SCAN]
        )
        claims, quotes = [every_claim] * len(texts), [every_quote] * len(texts)
    owners = _claims_of_quotes(sorted({qid for rows in quotes for qid, _ in rows}))
    out = []
    for claim_rows, quote_rows, exclude in zip(claims, quotes, excluded, strict=True):
        items = [ClaimText(claim=cid, text=body) for cid, body in claim_rows]
        for qid, body in quote_rows:
            if qid == exclude:
                continue
            items.extend(ClaimText(claim=cid, text=body, extra={"quote": qid}) for cid in owners.get(qid, []))
        out.append(items)
    return out


def claim_match_text(
    *,
    text: str,
    limit: int = MAX_MATCHES,
    thresholds: Thresholds | None = None,
    exclude_quote_id: int | None = None,
) -> list[Match]:
    """The existing claims ``text`` repeats (*same*) or may concern (*related*), best first,
    each with its score and reasons."""
    return claim_match_texts(
        texts=[text], limit=limit, thresholds=thresholds, exclude_quote_ids=[exclude_quote_id]
    )[0]


def claim_match_texts(
    *,
    texts: Sequence[str],
    limit: int = MAX_MATCHES,
    thresholds: Thresholds | None = None,
    exclude_quote_ids: Sequence[int | None] | None = None,
) -> list[list[Match]]:
    """``claim_match_text`` for each of ``texts``, with the candidates of all of them found in
    one set of queries (an article's quotes at once)."""
    excluded = list(exclude_quote_ids or [None] * len(texts))
    thresholds = thresholds or matching_thresholds()
    wanted = [n for n, text in enumerate(texts) if text.strip()]
    candidates = claim_candidates_many(
        texts=[texts[n] for n in wanted], exclude_quote_ids=[excluded[n] for n in wanted]
    )
    out: list[list[Match]] = [[] for _ in texts]
    for n, items in zip(wanted, candidates, strict=True):
        out[n] = rank(texts[n], items, thresholds, limit=limit)
    return out


def quote_matches(*, quote: Quote) -> QuerySet[QuoteClaimMatch]:
    """The stored matches of a quote, with their claims and ratings, best first."""
    return (
        QuoteClaimMatch.objects.filter(quote=quote)
        .select_related("claim", "claim__rating")
        .order_by("-level", "-score", "claim_id")
    )
