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


def test_a_starting_worker_loads_the_engine_and_the_cleaner_before_its_first_task() -> None:
    from claimtrack.celery import warm_up_pipeline
    from quotes.extraction.agreement import _detector, forename_gender
    from quotes.extraction.models import load_models

    load_models.cache_clear()
    _detector.cache_clear()
    forename_gender.cache_clear()  # as in a new process: earlier tests looked names up
    warm_up_pipeline(sender=None)
    assert load_models.cache_info().currsize == 1
    assert _detector.cache_info().currsize == 1  # the forename list behind pronoun agreement


def test_a_failed_warm_up_does_not_stop_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack.celery import warm_up_pipeline

    def broken() -> None:
        raise RuntimeError("no learned files")

    monkeypatch.setattr("quotes.extraction.warm_up", broken)
    warm_up_pipeline(sender=None)  # logged, not raised
