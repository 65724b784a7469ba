"""Database connections around worker tasks: kept while DATABASE_CONN_MAX_AGE allows, as
Django keeps them across requests (Celery alone closed them after every task)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from django.db import connection

from claimtrack.celery import app, close_old_connections_around_task


def _task(*, eager: bool) -> SimpleNamespace:
    return SimpleNamespace(request=SimpleNamespace(is_eager=eager))


def test_celery_no_longer_closes_the_connection_after_every_task() -> None:
    assert app.conf.get("CELERY_DB_REUSE_MAX")


@pytest.mark.django_db(transaction=True)
def test_a_worker_task_keeps_a_connection_within_its_max_age_and_drops_an_old_one() -> None:
    connection.ensure_connection()
    connection.close_at = time.monotonic() + 60  # as with DATABASE_CONN_MAX_AGE=60
    close_old_connections_around_task(sender=_task(eager=False))
    assert connection.connection is not None
    connection.close_at = time.monotonic() - 1  # past its age
    close_old_connections_around_task(sender=_task(eager=False))
    assert connection.connection is None


@pytest.mark.django_db
def test_an_eager_task_never_closes_the_connection_of_its_caller() -> None:
    connection.ensure_connection()
    connection.close_at = time.monotonic() - 1
    close_old_connections_around_task(sender=_task(eager=True))
    assert connection.connection is not None and connection.in_atomic_block
