"""Point the project's Celery app at a real Redis database for a test, then put it back."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import redis

from claimtrack.celery import app

# The one Redis database the suite's Celery tests use (`make test` sets it from TEST_BROKER_URL);
# they run one after another, each flushing it before and after.
TEST_BROKER_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _reset_connection_pools() -> None:
    # Pools are made lazily from broker_url; drop them so the next use sees the test broker.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def redis_broker_at(url: str) -> Iterator[str]:
    """Tasks go through Redis at ``url`` (flushed before and after), not in-process."""
    client = redis.Redis.from_url(url)
    client.flushdb()
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "broker_pool_limit")}
    app.conf.update(broker_url=url, task_always_eager=False)
    _reset_connection_pools()
    try:
        yield url
    finally:
        app.conf.update(saved)
        _reset_connection_pools()
        client.flushdb()


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False
