"""Celery tasks for ingestion: thin adapters that take ids and call one service.

acks_late + reject_on_worker_lost (also set globally) give a message back to the
broker when its worker dies; the services' conditional-update claims make the
redelivered or duplicated message harmless.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from claimtrack.queueing import DATABASE_ERRORS, retry_after_database_error, retry_countdown
from sources.fetching import TransientFetchError

logger = logging.getLogger(__name__)

FETCH_MAX_RETRIES = 5


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=FETCH_MAX_RETRIES,
    throws=(TransientFetchError,),
)
def article_fetch(self: Any, article_id: int) -> dict[str, Any]:
    """Fetch and clean one article, then extract its quotes (in this task, see the service)."""
    from sources.services import article_fetch_and_extract, article_mark_failed, article_release_fetch

    final_attempt = self.request.retries >= self.max_retries
    try:
        article = article_fetch_and_extract(article_id=article_id, final_attempt=final_attempt)
    except TransientFetchError as exc:
        countdown = retry_countdown(self.request.retries, exc.retry_after)
        logger.info("article %s: %s; retrying in %.0f s", article_id, exc, countdown)
        raise self.retry(exc=exc, countdown=countdown) from exc
    except DATABASE_ERRORS as exc:
        retry_after_database_error(
            self,
            exc,
            release=lambda error: article_release_fetch(article_id=article_id, error=error),
            fail=lambda error: article_mark_failed(article_id=article_id, error=error),
        )
    except Exception as exc:
        # Anything else is a bug or input we did not foresee: record it on the row (the
        # admin shows it and can re-queue) rather than leave the article claimed.
        logger.exception("fetching article %s failed", article_id)
        article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")
        return {"article_id": article_id, "status": "failed", "error": str(exc)}
    if article is None:
        return {"article_id": article_id, "status": "skipped or failed"}
    return {"article_id": article_id, "status": article.status}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def feed_poll(feed_id: int, force: bool = False) -> dict[str, Any]:
    """Poll one feed; errors are recorded on the feed, the next schedule retries."""
    from sources.services import feed_poll as feed_poll_service

    outcome = feed_poll_service(feed_id=feed_id, force=force)
    if outcome is None:
        return {"feed_id": feed_id, "status": "not due"}
    return {"feed_id": feed_id, **outcome.as_dict()}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def feeds_poll_due() -> dict[str, int]:
    """Beat entry point: queue a poll for every feed that is due."""
    from sources.services import feeds_enqueue_due

    return {"queued": feeds_enqueue_due()}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def articles_requeue_stuck() -> dict[str, int]:
    """Beat entry point: re-queue articles whose worker died or whose message was lost."""
    from sources.services import articles_requeue_stuck as articles_requeue_stuck_service

    return articles_requeue_stuck_service()
