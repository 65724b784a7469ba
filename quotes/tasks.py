"""Celery tasks: thin adapters that take ids and call one service."""

from __future__ import annotations

import logging
import random
from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)


def _backoff(retries: int) -> float:
    # Exponential backoff with jitter: about 5 s, 10 s, 20 s.
    return 5 * 2**retries * random.uniform(0.8, 1.2)


@shared_task(bind=True, max_retries=3)
def article_extract_quotes(self: Any, article_id: int) -> dict[str, Any]:
    """Extract quote candidates from one article. Duplicate deliveries do nothing."""
    from quotes.services import article_quotes_extract
    from sources.services import (
        article_claim_for_extraction,
        article_mark_failed,
        article_release_claim,
    )

    if not article_claim_for_extraction(article_id=article_id):
        logger.info("article %s is not ready or already taken; skipping", article_id)
        return {"article_id": article_id, "status": "skipped"}
    try:
        result = article_quotes_extract(article_id=article_id)
    except (OperationalError, InterfaceError) as exc:
        # The database went away: transient, so give the article back and retry (bounded).
        if self.request.retries >= self.max_retries:
            article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")
            raise
        article_release_claim(article_id=article_id, error=f"{type(exc).__name__}: {exc}")
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
    except Exception as exc:
        # Anything else (an engine bug, bad data, the soft time limit) is permanent for this
        # text: record it on the row, where the admin shows it and can re-queue the article.
        logger.exception("extraction failed for article %s", article_id)
        article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")
        return {"article_id": article_id, "status": "failed", "error": str(exc)}
    return {"article_id": article_id, "status": "extracted", **result.as_dict()}
