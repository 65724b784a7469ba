"""Celery app for the worker-crash test: the project's app, with quote extraction
slowed down so that the test can kill this worker in the middle of an article.

Started as ``celery -A tests.sources.slow_worker worker``; never used in production.
"""

import os
import time
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
django.setup()

import quotes.services.extraction  # noqa: E402 - needs django.setup()
from claimtrack.celery import app  # noqa: E402

_real_extract = quotes.services.extraction.article_quotes_extract
_DELAY = float(os.environ.get("CLAIMTRACK_TEST_SLOW_EXTRACT", "1.0"))


def _slow_extract(*, article_id: int, budget: float | None = None) -> Any:
    time.sleep(_DELAY)  # the article is claimed (extracting) while this sleeps
    return _real_extract(article_id=article_id, budget=budget)


# article_extraction_run looks the function up in its module at call time.
quotes.services.extraction.article_quotes_extract = _slow_extract  # type: ignore[assignment]

__all__ = ["app"]
