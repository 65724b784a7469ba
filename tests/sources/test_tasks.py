from typing import Any

import pytest
from celery.exceptions import Retry

from claimtrack.queueing import retry_countdown
from sources.models import Article
from sources.services import article_create_from_url
from sources.tasks import article_fetch
from tests.webserver import FixtureServer

pytestmark = pytest.mark.django_db


def test_retry_countdown_grows_exponentially_with_jitter() -> None:
    for retries in range(5):
        ceiling = 10 * 2**retries
        samples = {retry_countdown(retries) for _ in range(20)}
        assert all(ceiling / 2 <= s <= ceiling for s in samples)
        assert len(samples) > 1  # jittered
    assert retry_countdown(20) <= 3600


def test_retry_countdown_honours_retry_after() -> None:
    assert retry_countdown(0, retry_after=120) == 120


def test_fetch_task_retries_transient_errors(fetch_settings: FixtureServer) -> None:
    article, _ = article_create_from_url(url=fetch_settings.url("/ratelimited"))
    with pytest.raises(Retry):
        article_fetch.apply(args=[article.pk], throw=True)
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert "HTTP 429" in article.error


def test_fetch_task_does_not_retry_permanent_errors(fetch_settings: FixtureServer) -> None:
    article, _ = article_create_from_url(url=fetch_settings.url("/missing"))
    result = article_fetch.apply(args=[article.pk])
    assert result.successful()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "404" in article.error


def test_fetch_task_on_its_last_retry_records_the_failure(
    fetch_settings: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, _ = article_create_from_url(url=fetch_settings.url("/ratelimited"))
    result = article_fetch.apply(args=[article.pk], retries=article_fetch.max_retries)
    assert result.successful()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED


def test_fetch_task_settings_survive_a_worker_crash() -> None:
    assert article_fetch.acks_late is True
    assert article_fetch.reject_on_worker_lost is True


def test_fetch_task_then_extraction(
    fetch_settings: FixtureServer, django_capture_on_commit_callbacks: Any
) -> None:
    article, _ = article_create_from_url(url=fetch_settings.url("/article/3"))
    with django_capture_on_commit_callbacks(execute=True):
        article_fetch.apply(args=[article.pk])
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED


def test_an_unexpected_error_is_recorded_on_the_row_not_left_claimed(
    fetch_settings: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("cleaner bug")

    monkeypatch.setattr("sources.services.ingest.clean_html", broken)
    article, _ = article_create_from_url(url=fetch_settings.url("/article/4"))
    result = article_fetch.apply(args=[article.pk])
    assert result.successful()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "RuntimeError: cleaner bug" in article.error


def test_fetch_task_extracts_in_the_same_task_without_queueing_another(
    fetch_settings: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotes.tasks import article_extract_quotes

    queued: list[Any] = []
    monkeypatch.setattr(article_extract_quotes, "delay", lambda *a, **k: queued.append(a))
    monkeypatch.setattr(article_extract_quotes, "apply_async", lambda *a, **k: queued.append(a))
    article, _ = article_create_from_url(url=fetch_settings.url("/article/5"))
    result = article_fetch.apply(args=[article.pk]).get()
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and result["status"] == "extracted"
    assert article.quotes.exists()
    assert queued == []


def test_a_database_outage_during_the_extraction_hands_it_to_the_extraction_task(
    fetch_settings: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from quotes.tasks import article_extract_quotes

    queued: list[Any] = []
    monkeypatch.setattr(article_extract_quotes, "apply_async", lambda *a, **k: queued.append((a, k)))

    def outage(*, article_id: int) -> Any:
        # The claim was taken (extracting), then the database went away.
        Article.objects.filter(pk=article_id).update(status=Article.Status.EXTRACTING)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("quotes.services.extraction.article_extraction_run", outage)
    article, _ = article_create_from_url(url=fetch_settings.url("/article/6"))
    result = article_fetch.apply(args=[article.pk]).get()
    article.refresh_from_db()
    # The fetch is kept, the claim given back, the extraction queued with a backoff.
    assert result["status"] == Article.Status.FETCHED and article.text
    assert article.status == Article.Status.FETCHED and "OperationalError" in article.error
    ((args, kwargs),) = queued
    assert kwargs["args"] == (article.pk,) and kwargs["countdown"] > 0
