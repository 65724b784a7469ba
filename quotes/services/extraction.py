"""One article through the quote engine: claim it, run the engine outside any database
transaction within a time budget, write the candidates in one short transaction.

The engine can take seconds on a long article. Holding a transaction (and, on SQLite, the
database's only write lock) that long made parallel requests fail with "database is
locked"; so the text is read first, the engine runs with no transaction open, and the write
checks under a row lock that nobody changed or re-claimed the article meanwhile.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claimtrack.budget import TimeBudgetExceeded, time_budget
from claimtrack.errors import ApplicationError
from claimtrack.queueing import DATABASE_ERRORS, enqueue_on_commit, retry_countdown
from quotes.extraction import ENGINE_VERSION, extract_quotes
from quotes.matching.services import quotes_after_extraction
from quotes.selectors import known_speakers
from quotes.services.candidates import CandidatesResult, quote_candidates_replace
from sources.models import Article

logger = logging.getLogger(__name__)

__all__ = [
    "ArticleChangedError",
    "ExtractionOutcome",
    "article_quotes_extract",
    "article_extraction_run",
    "article_extraction_handoff",
]


class ArticleChangedError(ApplicationError):
    """The article's text or claim changed while the engine ran; nothing was written."""


@dataclass(frozen=True)
class _Snapshot:
    text: str
    content_hash: str
    status: str
    attempts: int


@dataclass
class ExtractionOutcome:
    article_id: int
    status: str  # "extracted", "skipped", "failed", "superseded" or "handed off"
    error: str = ""
    result: CandidatesResult | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"article_id": self.article_id, "status": self.status}
        if self.error:
            data["error"] = self.error
        if self.result is not None:
            data.update(self.result.as_dict())
        return data


def _snapshot(article_id: int) -> _Snapshot:
    row = Article.objects.values("text", "content_hash", "status", "attempts").get(pk=article_id)
    return _Snapshot(**row)


@transaction.atomic
def _candidates_store(*, article_id: int, seen: _Snapshot, candidates: list[Any]) -> CandidatesResult | None:
    """Write the candidates if the article is as it was read; None (nothing written) if not.

    An article whose text changed while it was still claimed by this run goes back to
    ``fetched`` with a new extraction queued, so it is never left ``extracting``.
    """
    # Not the raw HTML: nothing here reads it, and it is often the row's largest field.
    article = Article.objects.select_for_update().defer("raw_html").get(pk=article_id)
    if _Snapshot(article.text, article.content_hash, article.status, article.attempts) != seen:
        still_ours = (
            seen.status == article.status == Article.Status.EXTRACTING and article.attempts == seen.attempts
        )
        if still_ours:
            from quotes.tasks import article_extract_quotes as article_extract_quotes_task

            Article.objects.filter(pk=article_id).update(
                status=Article.Status.FETCHED, updated_at=timezone.now()
            )
            enqueue_on_commit(article_extract_quotes_task, article_id)
        return None
    result = quote_candidates_replace(
        article=article,
        candidates=candidates,
        engine_version=ENGINE_VERSION,
        match=False,
        article_locked=True,
    )
    now = timezone.now()
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.EXTRACTED,
        extractor_version=ENGINE_VERSION,
        extracted_at=now,
        error="",
        updated_at=now,
    )
    return result


def article_quotes_extract(*, article_id: int, budget: float | None = None) -> CandidatesResult:
    """Run the engine on an article's text and store the candidates; mark it extracted.

    No transaction is open while the engine runs. Raises TimeBudgetExceeded past
    ``budget`` seconds, ArticleChangedError when the article changed meanwhile (in both
    cases nothing is written). Running it again with the same engine changes nothing.
    """
    seen = _snapshot(article_id)
    speakers = known_speakers(text=seen.text)
    with time_budget(budget, what="quote extraction"):
        candidates = list(extract_quotes(seen.text, speakers))
    result = _candidates_store(article_id=article_id, seen=seen, candidates=candidates)
    if result is None:
        raise ArticleChangedError(
            f"article #{article_id} changed while its quotes were extracted; nothing was written"
        )
    # Matching is advice for reviewers (a failure never undoes the extraction) and takes
    # longer than the write itself: it runs after the candidates are committed, with the row
    # unlocked, in one transaction and one set of queries for all the article's quotes.
    quotes_after_extraction(quotes=result.new_quotes)
    return result


def article_extraction_run(*, article_id: int) -> ExtractionOutcome:
    """Claim one article and extract its quotes; what an extraction task does.

    Never leaves the article ``extracting``: a time-budget overrun, an engine error or
    bad data mark it ``failed`` with the error; a change by someone else meanwhile leaves
    it to them. Database outages are re-raised (the claim still held) for the caller to
    release and retry.
    """
    from sources.services import article_claim_for_extraction, article_mark_failed

    if not article_claim_for_extraction(article_id=article_id):
        logger.info("article %s is not ready or already taken; skipping", article_id)
        return ExtractionOutcome(article_id, "skipped")
    budget = settings.ARTICLE_EXTRACT_BUDGET_SECONDS
    try:
        result = article_quotes_extract(article_id=article_id, budget=budget)
    except DATABASE_ERRORS:
        raise
    except ArticleChangedError as exc:
        logger.info("%s", exc.message)
        return ExtractionOutcome(article_id, "superseded", error=exc.message)
    except TimeBudgetExceeded as exc:
        error = f"{exc}; nothing was stored (re-queue it, or raise ARTICLE_EXTRACT_BUDGET_SECONDS)"
        article_mark_failed(article_id=article_id, error=error)
        return ExtractionOutcome(article_id, "failed", error=error)
    except Exception as exc:
        # Anything else (an engine bug, bad data, the task's soft time limit) is permanent
        # for this text: record it on the row, where the admin shows it and can re-queue.
        logger.exception("extraction failed for article %s", article_id)
        error = f"{type(exc).__name__}: {exc}"
        article_mark_failed(article_id=article_id, error=error)
        return ExtractionOutcome(article_id, "failed", error=error)
    return ExtractionOutcome(article_id, "extracted", result=result)


def article_extraction_handoff(*, article_id: int) -> ExtractionOutcome:
    """Extract an article just fetched, in the fetching worker (``article_fetch_and_extract``).

    As ``article_extraction_run``, but a database outage is not the fetch task's to retry:
    the claim is given back and the extraction task is queued with the same backoff it uses
    for its own retries. If the claim cannot be given back (the database is still away), the
    article stays ``extracting`` until its lease ends and the stuck re-queue takes it, as
    after a worker crash.
    """
    from quotes.tasks import EXTRACT_BACKOFF_BASE_SECONDS
    from quotes.tasks import article_extract_quotes as article_extract_quotes_task
    from sources.services import article_release_claim

    try:
        return article_extraction_run(article_id=article_id)
    except DATABASE_ERRORS as exc:
        error = f"{type(exc).__name__}: {exc}"
        logger.warning("article %s: %s; extraction handed to the extraction task", article_id, error)
        try:
            article_release_claim(article_id=article_id, error=error)
        except DATABASE_ERRORS:
            logger.warning("article %s: could not give the claim back; the stuck re-queue will", article_id)
        article_extract_quotes_task.apply_async(
            args=(article_id,), countdown=retry_countdown(0, base=EXTRACT_BACKOFF_BASE_SECONDS)
        )
        return ExtractionOutcome(article_id, "handed off", error=error)
