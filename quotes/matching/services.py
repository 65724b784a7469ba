"""Writes for claim matching: which checked claims quote candidates repeat, and which earlier
reports of the same quote they are.

Each write takes a batch of quotes (an article's new candidates) and runs one set of
queries for the whole batch, not one per quote: the candidate finder takes every quote's
text at once (``find_candidates_many``) and the rows are written with one bulk insert.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from quotes.matching.models import QuoteClaimMatch, QuoteVariant
from quotes.matching.selectors import claim_match_texts
from quotes.matching.variant_selectors import earlier_reports_many
from quotes.matching.variants import Variant, compare_wording, wording_variant, words
from quotes.models import Quote

logger = logging.getLogger(__name__)


@transaction.atomic
def quote_matches_compute(*, quote: Quote) -> list[QuoteClaimMatch]:
    """Match one quote against the existing claims and store the result, replacing what was
    stored for it before. Idempotent: the same claims give the same rows."""
    return quotes_matches_compute(quotes=[quote])


@transaction.atomic
def quotes_matches_compute(*, quotes: Sequence[Quote]) -> list[QuoteClaimMatch]:
    """``quote_matches_compute`` for a batch of quotes, in a fixed number of queries."""
    if not quotes:
        return []
    found = claim_match_texts(texts=[q.text for q in quotes], exclude_quote_ids=[q.pk for q in quotes])
    QuoteClaimMatch.objects.filter(quote__in=[q.pk for q in quotes]).delete()
    rows = []
    for quote, matches in zip(quotes, found, strict=True):
        for m in matches:
            row = QuoteClaimMatch(
                quote=quote,
                claim_id=m.claim,
                score=m.score,
                level=m.level.value,
                reasons=m.reasons,
                matched_text=m.text,
            )
            # Field validation only: a CheckConstraint checked in Python is a query per row;
            # the database enforces the same constraints on the insert.
            row.full_clean(exclude=["quote", "claim"], validate_unique=False, validate_constraints=False)
            rows.append(row)
    return QuoteClaimMatch.objects.bulk_create(rows)


@transaction.atomic
def quote_variant_link(*, quote: Quote) -> QuoteVariant | None:
    """Link a quote to the first report of the same quote in another article, with the word
    diff; a quote already linked is left as it is. None when it is the first report."""
    return quotes_variant_link(quotes=[quote]).get(quote.pk)


def _best_report(quote: Quote, reports: list[tuple[int, str]]) -> tuple[float, int, Variant] | None:
    best: tuple[float, int, Variant] | None = None
    quote_words = words(quote.text)
    for other_id, other_text in reports:
        # compare_wording(other_text, quote.text), for the variants only (the others are skipped)
        comparison = wording_variant(other_text, quote_words)
        if comparison is not None and (best is None or comparison.similarity > best[0]):
            best = (comparison.similarity, other_id, comparison)
            if comparison.same_words:
                break  # similarity 1.0: no later report can beat it (the first best wins)
    return best


@transaction.atomic
def quotes_variant_link(*, quotes: Sequence[Quote]) -> dict[int, QuoteVariant | None]:
    """``quote_variant_link`` for a batch of quotes of one article, in a fixed number of
    queries: quote id -> its link (None when it is the first report).

    The quotes must come from one article: earlier reports are looked for in other
    articles only, so no quote of the batch can be another's earlier report.
    """
    if len({q.article_id for q in quotes}) > 1:
        raise ValueError("quotes_variant_link takes the quotes of one article")
    existing = {v.quote_id: v for v in QuoteVariant.objects.filter(quote__in=[q.pk for q in quotes])}
    out: dict[int, QuoteVariant | None] = {q.pk: existing.get(q.pk) for q in quotes}
    todo = [q for q in quotes if q.pk not in existing]
    best = {
        q.pk: b
        for q, reports in zip(todo, earlier_reports_many(quotes=todo), strict=True)
        if (b := _best_report(q, reports)) is not None
    }
    # The group's canonical quote is the first report: the match's own canonical if it has one
    # (read with its text, compared again below, in the same query).
    canonical_of: dict[int, int] = {}
    canonical_texts: dict[int, str] = {}
    for other_id, canonical_id, canonical_text in QuoteVariant.objects.filter(
        quote_id__in={other for _, other, _ in best.values()}
    ).values_list("quote_id", "canonical_id", "canonical__text"):
        canonical_of[other_id] = canonical_id
        canonical_texts[canonical_id] = canonical_text
    canonical_ids = {pk: canonical_of.get(other_id, other_id) for pk, (_, other_id, _) in best.items()}
    rows = []
    for quote in todo:
        if quote.pk not in best:
            continue
        _, other_id, comparison = best[quote.pk]
        canonical_id = canonical_ids[quote.pk]
        if canonical_id != other_id:
            comparison = compare_wording(canonical_texts[canonical_id], quote.text)
        row = QuoteVariant(
            quote=quote,
            canonical_id=canonical_id,
            similarity=min(1.0, comparison.similarity),
            same_words=comparison.same_words,
            diff=[d.to_dict() for d in comparison.diff],
        )
        row.full_clean(exclude=["quote", "canonical"], validate_unique=False, validate_constraints=False)
        rows.append(row)
        out[quote.pk] = row
    QuoteVariant.objects.bulk_create(rows)
    return out


def quotes_after_extraction(*, quotes: Iterable[Quote], budget: float | None = None) -> None:
    """What matching does for new quote candidates: link them to earlier reports of the same
    quote, and store the checked claims they repeat.

    Both are advice for the reviewer: a failure is logged and leaves the quotes as they are,
    never undoing the extraction. Each step runs once per article's quotes (each run of
    consecutive quotes of one article, so the order of the work is the order given), in a
    savepoint; if the batch fails, the step is tried again quote by quote, so that one quote
    that cannot be matched costs only its own advice. All of it is one transaction (one
    commit), opened after the candidates were committed.

    ``budget`` (seconds, default ``ARTICLE_MATCH_BUDGET_SECONDS``) bounds it: on PostgreSQL
    no query may run longer (``statement_timeout``), no step starts once it is spent, and
    what is left undone is skipped with a warning. Thousands of near-identical
    quotes in one article (a transcript repeating a phrase) make the earlier-reports search
    quadratic; without a budget they held a worker for minutes.
    """
    batches: list[list[Quote]] = []
    for quote in quotes:
        if quote.pk is None:
            continue
        if batches and batches[-1][0].article_id == quote.article_id:
            batches[-1].append(quote)
        else:
            batches.append([quote])
    if not batches:
        return
    seconds = settings.ARTICLE_MATCH_BUDGET_SECONDS if budget is None else budget
    deadline = _Deadline(seconds)
    try:
        with transaction.atomic():
            deadline.start()
            try:
                _batches_match(batches, deadline)
            finally:
                deadline.release()
    except Exception:  # at commit (a claim or quote deleted meanwhile): advice only, as above
        logger.exception("matching failed for quotes %s", [q.pk for batch in batches for q in batch])
    if deadline.skipped:
        logger.warning(
            "matching stopped after its %.0f s budget: %s skipped for quotes %s..%s",
            seconds,
            ", ".join(sorted(deadline.skipped)),
            batches[0][0].pk,
            batches[-1][-1].pk,
        )


class _Deadline:
    """The matching budget: each query may run for the whole of it at most
    (``statement_timeout``, set once), and no step starts once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.seconds = seconds
        self.skipped: set[str] = set()

    def start(self) -> None:
        if connection.vendor == "postgresql" and self.seconds > 0:
            with connection.cursor() as cursor:
                # Transaction-scoped (is_local): gone at the matching transaction's end.
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    [f"{max(1, int(self.seconds * 1000))}ms"],
                )

    def allow(self, what: str) -> bool:
        """Whether there is time left for ``what``."""
        if time.monotonic() >= self.at:
            self.skipped.add(what)
            return False
        return True

    def release(self) -> None:
        """The session's own timeout again, so that the commit is never cut short."""
        if connection.vendor == "postgresql" and self.seconds > 0 and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout TO DEFAULT")


def _batches_match(batches: list[list[Quote]], deadline: _Deadline) -> None:
    steps: tuple[Callable[..., Any], ...] = (quotes_variant_link, quotes_matches_compute)
    for batch in batches:
        for step in steps:
            if not deadline.allow(step.__name__):
                continue
            # Each step is atomic: inside this transaction, a savepoint rolled back on error.
            try:
                step(quotes=batch)
                continue
            except Exception:  # advice only: log it with the traceback, keep the extraction
                logger.exception("%s failed for quotes %s", step.__name__, [q.pk for q in batch])
            if len(batch) == 1:
                continue
            for quote in batch:
                if not deadline.allow(step.__name__):
                    break
                try:
                    step(quotes=[quote])
                except Exception:
                    logger.exception("%s failed for quote %s", step.__name__, quote.pk)
