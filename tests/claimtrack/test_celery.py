"""Database connections around worker tasks: kept while DATABASE_CONN_MAX_AGE allows, as
Django keeps them across requests (Celery alone closed them after every task)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from claimtrack.celery import app, close_old_connections_around_task


def _task(*, eager: bool) -> SimpleNamespace:
    return SimpleNamespace(request=SimpleNamespace(is_eager=eager))


def test_celery_no_longer_closes_the_connection_after_every_task() -> None:
    assert app.conf.get("CELERY_DB_REUSE_MAX")


def test_a_worker_task_closes_only_old_connections_and_an_eager_one_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Django's close_old_connections closes a connection past CONN_MAX_AGE or broken by an
    # error (and any in a transaction, which is why eager tasks must not call it).
    calls: list[str] = []
    monkeypatch.setattr("django.db.close_old_connections", lambda **kwargs: calls.append("closed old"))
    close_old_connections_around_task(sender=_task(eager=False))
    assert calls == ["closed old"]
    close_old_connections_around_task(sender=_task(eager=True))
    assert calls == ["closed old"]
