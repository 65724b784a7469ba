"""Celery tasks: thin adapters that take ids and call one service."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from claimtrack.queueing import DATABASE_ERRORS, retry_after_database_error

# Database outages: about 5 s, 10 s, 20 s between the tries.
EXTRACT_MAX_RETRIES = 3
EXTRACT_BACKOFF_BASE_SECONDS = 5.0


@shared_task(bind=True, max_retries=EXTRACT_MAX_RETRIES)
def article_extract_quotes(self: Any, article_id: int) -> dict[str, Any]:
    """Extract quote candidates from one article. Duplicate deliveries do nothing."""
    from quotes.services import article_extraction_run
    from sources.services import article_mark_failed, article_release_claim

    try:
        outcome = article_extraction_run(article_id=article_id)
    except DATABASE_ERRORS as exc:
        retry_after_database_error(
            self,
            exc,
            release=lambda error: article_release_claim(article_id=article_id, error=error),
            fail=lambda error: article_mark_failed(article_id=article_id, error=error),
            base=EXTRACT_BACKOFF_BASE_SECONDS,
        )
    return outcome.as_dict()
