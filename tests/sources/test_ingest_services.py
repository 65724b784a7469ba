from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from quotes.models import Quote
from sources.fetching import TransientFetchError
from sources.models import Article
from sources.services import (
    ArticleDuplicateError,
    ArticleInputError,
    article_claim_for_fetch,
    article_create_from_pasted,
    article_create_from_url,
    article_fetch,
    article_requeue,
    article_submit,
    article_submit_url,
)
from tests.factories import ArticleFactory, SourceFactory
from tests.webserver import FixtureServer, Reply, article_html

pytestmark = pytest.mark.django_db


def _queued(url: str) -> Article:
    article, created = article_create_from_url(url=url)
    assert created
    return article


def test_create_from_url_stores_the_canonical_url_and_queues_a_fetch(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        article, created = article_create_from_url(
            url="HTTPS://News.Example/story/?utm_source=x#top", source=SourceFactory()
        )
    assert created
    assert article.url == "https://news.example/story"
    assert article.original_url == "HTTPS://News.Example/story/?utm_source=x#top"
    assert article.status == Article.Status.QUEUED
    assert len(callbacks) == 1


def test_create_from_url_twice_returns_the_same_article_and_queues_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        first, _ = article_create_from_url(url="https://news.example/a?fbclid=1")
        second, created = article_create_from_url(url="https://NEWS.example/a/")
    assert not created
    assert second.pk == first.pk
    assert Article.objects.count() == 1
    assert len(callbacks) == 1


def test_submitting_a_failed_url_again_retries_it_but_a_feed_poll_does_not(
    django_capture_on_commit_callbacks: Any,
) -> None:
    article, _ = article_create_from_url(url="https://news.example/gone")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="HTTP 503")

    with django_capture_on_commit_callbacks() as callbacks:
        _, created = article_create_from_url(url="https://news.example/gone")  # what a feed poll calls
    assert not created and not callbacks
    assert Article.objects.get(pk=article.pk).status == Article.Status.FAILED

    with django_capture_on_commit_callbacks() as callbacks:
        again, queued = article_submit_url(url="https://news.example/gone")
    assert queued and again.pk == article.pk
    assert again.status == Article.Status.QUEUED and again.error == ""
    assert len(callbacks) == 1


def test_submitting_a_url_that_is_being_processed_queues_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    article_create_from_url(url="https://news.example/busy")
    with django_capture_on_commit_callbacks() as callbacks:
        article, queued = article_submit_url(url="https://news.example/busy")
    assert not queued and article.status == Article.Status.QUEUED
    assert not callbacks


@pytest.mark.parametrize("url", ["ftp://x.example/a", "https://u:p@x.example/", "not a url", ""])
def test_create_from_url_refuses_unusable_urls(url: str) -> None:
    with pytest.raises(ArticleInputError):
        article_create_from_url(url=url)
    assert not Article.objects.exists()


def test_fetch_stores_clean_text_and_raw_html_then_extracts(
    fetch_settings: FixtureServer, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = _queued(fetch_settings.url("/article/1"))
    article.refresh_from_db()

    assert article.status == Article.Status.EXTRACTED
    assert article.title.startswith("Minister defends budget plan")
    assert article.byline == "Jane Reporter"
    assert "<footer>" in article.raw_html
    assert "Copyright" not in article.text
    assert "\n\n" not in article.text
    assert article.content_hash
    assert article.attempts == 2  # one fetch claim, one extraction claim
    assert Quote.objects.filter(article=article).exists()


def test_fetch_of_a_syndicated_copy_links_it_and_does_not_extract_it(
    fetch_settings: FixtureServer, django_capture_on_commit_callbacks: Any
) -> None:
    fetch_settings.route("/syndicated/*", lambda s, r: Reply(body=article_html(1).encode()))
    with django_capture_on_commit_callbacks(execute=True):
        first = _queued(fetch_settings.url("/article/1"))
    with django_capture_on_commit_callbacks(execute=True):
        copy = _queued(fetch_settings.url("/syndicated/copy-of-1"))
    first.refresh_from_db()
    copy.refresh_from_db()

    assert copy.status == Article.Status.DUPLICATE
    assert copy.duplicate_of_id == first.pk
    assert copy.content_hash == first.content_hash
    assert not Quote.objects.filter(article=copy).exists()
    assert Quote.objects.filter(article=first).exists()


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/missing", "HTTP 404"),
        ("/image.png", "content type"),
        ("/redirect/metadata", "not a public address"),
        ("/redirect/private", "not a public address"),
        ("/empty.html", "no main text"),
    ],
)
def test_fetch_records_permanent_errors_on_the_row(
    fetch_settings: FixtureServer, path: str, error: str
) -> None:
    article = _queued(fetch_settings.url(path))
    assert article_fetch(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert error in article.error


def test_fetch_refuses_private_addresses_by_default(local_web: FixtureServer) -> None:
    article = _queued(local_web.url("/article/1"))
    article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "not a public address" in article.error
    assert local_web.hits["/article/1"] == 0


def test_transient_errors_give_the_article_back_and_a_retry_succeeds(
    fetch_settings: FixtureServer,
) -> None:
    article = _queued(fetch_settings.url("/flaky"))
    with pytest.raises(TransientFetchError):
        article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert "HTTP 500" in article.error

    assert article_fetch(article_id=article.pk) is not None
    article.refresh_from_db()
    assert article.status == Article.Status.FETCHED
    assert article.error == ""


def test_transient_error_on_the_final_attempt_is_recorded_as_failed(
    fetch_settings: FixtureServer,
) -> None:
    article = _queued(fetch_settings.url("/ratelimited"))
    assert article_fetch(article_id=article.pk, final_attempt=True) is None
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "gave up after retries" in article.error


def test_a_duplicate_delivery_does_nothing(fetch_settings: FixtureServer) -> None:
    article = _queued(fetch_settings.url("/article/2"))
    assert article_fetch(article_id=article.pk) is not None
    assert article_fetch(article_id=article.pk) is None
    assert fetch_settings.hits["/article/2"] == 1


def test_a_live_claim_is_not_taken_over_but_a_stale_one_is(settings: Any) -> None:
    article = _queued("https://news.example/claimed")
    assert article_claim_for_fetch(article_id=article.pk)
    assert not article_claim_for_fetch(article_id=article.pk)

    stale = timezone.now() - timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS + 1)
    Article.objects.filter(pk=article.pk).update(updated_at=stale)
    assert article_claim_for_fetch(article_id=article.pk)


def test_pasted_text_becomes_an_article_queued_for_extraction(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_pasted(
            content='"We will win," said Mikhail Ivanov.\n\n\nHe spoke on Monday.', title="Pasted"
        )
    article.refresh_from_db()
    assert article.text == '"We will win," said Mikhail Ivanov.\nHe spoke on Monday.'
    assert article.raw_html == ""
    assert article.status == Article.Status.EXTRACTED


def test_pasted_html_is_cleaned_and_kept_raw() -> None:
    html = article_html(9)
    article = article_create_from_pasted(content=html)
    assert article.raw_html == html
    assert "Copyright" not in article.text
    assert article.title.startswith("Minister defends")


def test_pasting_the_same_text_twice_is_a_clear_duplicate_error() -> None:
    first = article_create_from_pasted(content="Same words here, said someone.")
    with pytest.raises(ArticleDuplicateError) as caught:
        article_create_from_pasted(content="  same WORDS here,   said someone. ")
    assert caught.value.original.pk == first.pk


def test_pasting_nothing_is_an_input_error() -> None:
    with pytest.raises(ArticleInputError):
        article_create_from_pasted(content=" \n ")


def test_requeue_sends_failed_url_articles_back_to_fetching(
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = ArticleFactory(text="", content_hash="", status=Article.Status.FAILED, error="boom")
    with django_capture_on_commit_callbacks() as callbacks:
        assert article_requeue(article=article) == "fetch"
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert article.error == ""
    assert len(callbacks) == 1


def test_requeue_sends_failed_articles_with_text_back_to_extraction() -> None:
    article = ArticleFactory(status=Article.Status.FAILED, error="engine bug")
    assert article_requeue(article=article) == "extract"
    article.refresh_from_db()
    assert article.status == Article.Status.FETCHED


def test_requeue_leaves_busy_and_finished_articles_alone() -> None:
    busy = ArticleFactory(status=Article.Status.EXTRACTING)
    done = ArticleFactory(status=Article.Status.EXTRACTED)
    assert article_requeue(article=busy) == ""
    assert article_requeue(article=done) == ""


def test_requeue_takes_over_a_stuck_claim(settings: Any) -> None:
    article = ArticleFactory(status=Article.Status.EXTRACTING)
    stale = timezone.now() - timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS + 5)
    Article.objects.filter(pk=article.pk).update(updated_at=stale)
    assert article_requeue(article=article) == "extract"


def test_periodic_requeue_picks_up_only_stuck_articles(settings: Any) -> None:
    from sources.services import articles_requeue_stuck

    lost_message = ArticleFactory(text="", content_hash="", status=Article.Status.QUEUED)
    dead_worker = ArticleFactory(status=Article.Status.EXTRACTING)
    waiting = ArticleFactory(status=Article.Status.FETCHED)
    failed = ArticleFactory(status=Article.Status.FAILED)
    now = timezone.now()
    Article.objects.filter(pk=lost_message.pk).update(
        updated_at=now - timedelta(seconds=settings.ARTICLE_STUCK_AFTER_SECONDS + 1)
    )
    Article.objects.filter(pk=dead_worker.pk).update(
        updated_at=now - timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS + 1)
    )

    assert articles_requeue_stuck() == {"fetch": 1, "extract": 1, "skipped": 0}
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses[lost_message.pk] == Article.Status.QUEUED
    assert statuses[dead_worker.pk] == Article.Status.FETCHED
    assert statuses[waiting.pk] == Article.Status.FETCHED
    assert statuses[failed.pk] == Article.Status.FAILED  # a person decides


def test_the_database_allows_one_original_per_content_hash() -> None:
    from django.db import IntegrityError, transaction

    original = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(text=original.text, content_hash=original.content_hash)
    copy = ArticleFactory(
        text=original.text,
        content_hash=original.content_hash,
        duplicate_of=original,
        status=Article.Status.DUPLICATE,
    )
    assert copy.duplicate_of_id == original.pk


def test_article_submit_is_the_one_entry_for_urls_and_text(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        by_url = article_submit(url="https://news.example/one", content="ignored when a URL is given")
        again = article_submit(url="https://NEWS.example/one/")
        by_text = article_submit(content="The minister said the plan would work.", title="Pasted")
    assert (by_url.by_url, by_url.queued, by_url.article.status) == (True, True, Article.Status.QUEUED)
    assert (again.article.pk, again.queued) == (by_url.article.pk, False)
    assert (by_text.by_url, by_text.queued, by_text.article.title) == (False, True, "Pasted")
    assert len(callbacks) == 2  # one fetch, one extraction
    with pytest.raises(ArticleInputError, match="give a URL or the article's text"):
        article_submit(url="  ", content=" ")
    with pytest.raises(ArticleInputError, match="unsupported URL scheme 'file'"):
        article_submit(url="file:///etc/passwd")
    assert Article.objects.count() == 2
