"""Task plumbing shared by every app: enqueue after commit, backoff, and the one retry
path for database outages. Tasks stay thin adapters; services call ``enqueue_on_commit``.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import Any, NoReturn

from celery import Task
from django.db import InterfaceError, OperationalError, transaction

__all__ = [
    "DATABASE_ERRORS",
    "enqueue_on_commit",
    "retry_countdown",
    "retry_after_database_error",
]

# The database went away (restart, failover, network): worth retrying, bounded.
DATABASE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)

BACKOFF_BASE_SECONDS = 10.0
BACKOFF_CAP_SECONDS = 3600.0


def enqueue_on_commit(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Send ``task`` with these arguments once the current transaction commits (at once
    outside a transaction), so that a worker never looks for a row not yet committed.

    The same as Celery's ``DjangoTask.delay_on_commit``, typed.
    """
    transaction.on_commit(functools.partial(task.delay, *args, **kwargs))


def retry_countdown(
    retries: int,
    retry_after: float | None = None,
    *,
    base: float = BACKOFF_BASE_SECONDS,
    cap: float = BACKOFF_CAP_SECONDS,
) -> float:
    """Exponential backoff with jitter (base, 2 x base, 4 x base... capped), never
    shorter than the server's Retry-After.

    Half fixed, half random: spreads a burst of failures from one outlet over time while
    still growing with each attempt.
    """
    ceiling = min(cap, base * 2**retries)
    countdown = ceiling / 2 + random.uniform(0, ceiling / 2)
    if retry_after is not None:
        countdown = max(countdown, min(retry_after, cap))
    return countdown


def retry_after_database_error(
    task: Task[Any, Any],
    exc: Exception,
    *,
    release: Callable[[str], None],
    fail: Callable[[str], None],
    base: float = BACKOFF_BASE_SECONDS,
) -> NoReturn:
    """The one way a task handles a database outage: give the row back (``release``) and
    retry with backoff, or after the last retry record the failure (``fail``) and raise."""
    error = f"{type(exc).__name__}: {exc}"
    if task.request.retries >= (task.max_retries or 0):
        fail(error)
        raise exc
    release(error)
    raise task.retry(exc=exc, countdown=retry_countdown(task.request.retries, base=base)) from exc
