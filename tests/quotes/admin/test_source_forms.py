"""The outlet and feed forms a desk user fills in, saved through the admin (add and change)."""

import pytest
from django.urls import reverse

from sources.models import Feed, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _source_form(name: str, feeds=(), existing=()) -> dict:
    data = {
        "name": name,
        "homepage": "https://armenpress.example/",
        "language": "en",
        "country": "AM",
        "active": "on",
        "poll_interval_minutes": "30",
        "feeds-TOTAL_FORMS": str(len(existing) + len(feeds)),
        "feeds-INITIAL_FORMS": str(len(existing)),
        "feeds-MIN_NUM_FORMS": "0",
        "feeds-MAX_NUM_FORMS": "1000",
    }
    for i, feed in enumerate(existing):
        data.update(
            {
                f"feeds-{i}-id": feed.pk,
                f"feeds-{i}-source": feed.source_id,
                f"feeds-{i}-url": feed.url,
                f"feeds-{i}-title": feed.title,
                f"feeds-{i}-active": "on",
            }
        )
    for j, url in enumerate(feeds, start=len(existing)):
        data.update({f"feeds-{j}-url": url, f"feeds-{j}-title": "", f"feeds-{j}-active": "on"})
    return data


def test_add_a_source_with_a_feed_then_change_it(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:sources_source_add"),
        _source_form("Armenpress", feeds=["https://armenpress.example/rss"]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get(name="Armenpress")
    assert [f.url for f in source.feeds.all()] == ["https://armenpress.example/rss"]
    response = admin_client.post(
        reverse("admin:sources_source_change", args=[source.pk]),
        _source_form("Armenpress news", existing=list(source.feeds.all())),
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert (source.name, source.poll_interval_minutes) == ("Armenpress news", 30)


def test_add_and_change_a_feed(admin_client) -> None:
    source = SourceFactory()
    response = admin_client.post(
        reverse("admin:sources_feed_add"),
        {"source": source.pk, "url": "https://news.example/feed.xml", "title": "", "active": "on"},
    )
    assert response.status_code == 302
    feed = Feed.objects.get()
    response = admin_client.post(
        reverse("admin:sources_feed_change", args=[feed.pk]),
        {"source": source.pk, "url": feed.url, "title": "Main feed"},
    )
    assert response.status_code == 302
    feed.refresh_from_db()
    assert (feed.title, feed.active) == ("Main feed", False)


def test_poll_now_on_a_source_queues_its_active_feeds(
    admin_client, django_capture_on_commit_callbacks
) -> None:
    from tests.factories import FeedFactory

    source = SourceFactory()
    FeedFactory(source=source)
    FeedFactory(source=source, active=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(
            reverse("admin:sources_source_changelist"),
            {"action": "poll_now", "_selected_action": [source.pk]},
            follow=True,
        )
    assert "Queued a poll of 1 feed(s)." in response.content.decode()
    assert len(callbacks) == 1
