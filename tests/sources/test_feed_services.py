from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sources.models import Article, Feed
from sources.selectors import feed_list_due, source_list_with_counts
from sources.services import feed_poll, feeds_enqueue_due
from tests.factories import ArticleFactory, FeedFactory, SourceFactory
from tests.webserver import FixtureServer, Reply, rss_feed

pytestmark = pytest.mark.django_db


def _feed(server: FixtureServer, path: str, **kwargs: Any) -> Feed:
    return FeedFactory(url=server.url(path), **kwargs)


def test_poll_creates_queued_articles_for_new_entries(
    fetch_settings: FixtureServer, django_capture_on_commit_callbacks: Any
) -> None:
    feed = _feed(fetch_settings, "/feed.rss")
    with django_capture_on_commit_callbacks() as callbacks:
        outcome = feed_poll(feed_id=feed.pk)

    assert outcome is not None
    assert (outcome.created, outcome.known, outcome.skipped) == (2, 0, 1)
    articles = Article.objects.filter(feed=feed).order_by("url")
    assert [a.url for a in articles] == [
        fetch_settings.url("/article/1"),
        fetch_settings.url("/article/2"),
    ]
    assert all(a.status == Article.Status.QUEUED and a.source_id == feed.source_id for a in articles)
    assert len(callbacks) == 2  # one fetch task each, after commit
    feed.refresh_from_db()
    assert feed.last_polled_at is not None
    assert feed.title == "The Daily Example"
    assert feed.source.last_polled_at is not None


def test_polling_again_creates_nothing_new(fetch_settings: FixtureServer) -> None:
    feed = _feed(fetch_settings, "/feed.rss")
    feed_poll(feed_id=feed.pk)
    outcome = feed_poll(feed_id=feed.pk, force=True)
    assert outcome is not None
    assert (outcome.created, outcome.known) == (0, 2)
    assert Article.objects.count() == 2


def test_a_repeat_poll_finds_its_known_links_in_one_query(
    fetch_settings: FixtureServer, django_assert_max_num_queries: Any
) -> None:
    links = [fetch_settings.url(f"/article/{n}") for n in range(30)]
    fetch_settings.route("/many.rss", Reply(body=rss_feed(links), content_type="application/rss+xml"))
    feed = _feed(fetch_settings, "/many.rss")
    first = feed_poll(feed_id=feed.pk)
    assert first is not None and first.created == 30
    # The feed, its poll lock, the known links, the feed's and the source's records: not 30 reads.
    with django_assert_max_num_queries(6):
        again = feed_poll(feed_id=feed.pk, force=True)
    assert again is not None and (again.created, again.known) == (0, 30)
    assert Article.objects.count() == 30


def test_poll_uses_and_stores_etag(fetch_settings: FixtureServer) -> None:
    feed = _feed(fetch_settings, "/conditional.rss")
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert feed.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"

    outcome = feed_poll(feed_id=feed.pk, force=True)
    assert outcome is not None and outcome.not_modified
    assert fetch_settings.requests[-1].headers["if-none-match"] == '"v1"'


def test_malformed_feed_error_is_recorded_on_feed_and_source(fetch_settings: FixtureServer) -> None:
    feed = _feed(fetch_settings, "/malformed.xml")
    outcome = feed_poll(feed_id=feed.pk)
    assert outcome is not None and "not a valid RSS/Atom feed" in outcome.error
    feed.refresh_from_db()
    assert "not a valid RSS/Atom feed" in feed.last_error
    assert "not a valid RSS/Atom feed" in feed.source.last_error
    assert not Article.objects.exists()


def test_feed_on_a_private_address_is_refused_and_recorded(local_web: FixtureServer) -> None:
    feed = _feed(local_web, "/feed.rss")  # not allowed: no fetch_settings here
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert "not a public address" in feed.last_error
    assert local_web.hits["/feed.rss"] == 0


def test_a_successful_poll_clears_the_last_error(fetch_settings: FixtureServer) -> None:
    feed = _feed(fetch_settings, "/feed.atom", last_error="old problem")
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.last_error == ""


def test_poll_skips_feeds_that_are_not_due(fetch_settings: FixtureServer) -> None:
    feed = _feed(fetch_settings, "/feed.rss", last_polled_at=timezone.now())
    assert feed_poll(feed_id=feed.pk) is None
    assert fetch_settings.hits["/feed.rss"] == 0


def test_due_feeds_follow_each_source_interval() -> None:
    now = timezone.now()
    hourly = SourceFactory(poll_interval_minutes=60)
    never_polled = FeedFactory(source=hourly)
    polled_long_ago = FeedFactory(source=hourly, last_polled_at=now - timedelta(minutes=61))
    FeedFactory(source=hourly, last_polled_at=now - timedelta(minutes=10))
    FeedFactory(source=hourly, active=False)
    FeedFactory(source=SourceFactory(active=False))

    assert {f.pk for f in feed_list_due(now=now)} == {never_polled.pk, polled_long_ago.pk}


def test_enqueue_due_queues_one_poll_per_due_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    FeedFactory()
    FeedFactory()
    FeedFactory(last_polled_at=timezone.now())
    sent: list[int] = []
    monkeypatch.setattr("sources.tasks.feed_poll.delay", lambda feed_id: sent.append(feed_id))
    assert feeds_enqueue_due() == 2
    assert len(sent) == 2


def test_source_counts_by_status() -> None:
    source = SourceFactory()
    ArticleFactory(source=source, status=Article.Status.EXTRACTED)
    ArticleFactory(source=source, status=Article.Status.EXTRACTED)
    ArticleFactory(source=source, status=Article.Status.FAILED)
    row = source_list_with_counts().get(pk=source.pk)
    assert (row.n_extracted, row.n_failed, row.n_queued) == (2, 1, 0)


def test_one_unusable_entry_does_not_cost_the_others(fetch_settings: FixtureServer) -> None:
    from tests.webserver import Reply, rss_feed

    links = [fetch_settings.url("/article/31"), "https://news.example/" + "x" * 2100]
    fetch_settings.route("/long-link.rss", Reply(body=rss_feed(links), content_type="application/rss+xml"))
    feed = _feed(fetch_settings, "/long-link.rss")
    outcome = feed_poll(feed_id=feed.pk)
    assert outcome is not None
    assert (outcome.created, outcome.skipped) == (1, 1)
