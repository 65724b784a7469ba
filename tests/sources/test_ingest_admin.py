from typing import Any

import pytest
from django.test import Client

from sources.models import Article, Feed
from tests.factories import ArticleFactory, FeedFactory, SourceFactory
from tests.webserver import FixtureServer

pytestmark = pytest.mark.django_db


def test_source_changelist_shows_article_counts_by_status(admin_client: Client) -> None:
    source = SourceFactory(name="Daily Example")
    ArticleFactory(source=source, status=Article.Status.EXTRACTED)
    ArticleFactory(source=source, status=Article.Status.EXTRACTED)
    ArticleFactory(source=source, status=Article.Status.FAILED)
    response = admin_client.get("/admin/sources/source/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 extracted" in html
    assert "1 failed" in html


def test_source_change_page_has_feed_inline(admin_client: Client) -> None:
    feed = FeedFactory()
    response = admin_client.get(f"/admin/sources/source/{feed.source_id}/change/")
    assert response.status_code == 200
    assert feed.url in response.content.decode()


def test_add_article_page_offers_url_and_text(admin_client: Client) -> None:
    response = admin_client.get("/admin/sources/article/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="url"' in html and 'name="content"' in html


def test_add_article_by_url(admin_client: Client, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(
            "/admin/sources/article/add/", {"url": "https://news.example/story?utm_medium=x"}
        )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/sources/article/{article.pk}/change/"
    assert article.url == "https://news.example/story"
    assert article.status == Article.Status.QUEUED
    assert len(callbacks) == 1


def test_add_article_by_pasted_html_is_cleaned(admin_client: Client) -> None:
    html = '<html><body><nav>Menu</nav><p>"We will win," said Jane Doe.</p></body></html>'
    response = admin_client.post("/admin/sources/article/add/", {"content": html, "title": "T"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.raw_html == html
    assert "Menu" not in article.text or article.text.endswith("said Jane Doe.")
    assert article.title == "T"


def test_add_article_shows_errors_without_creating_anything(admin_client: Client) -> None:
    for data in ({}, {"url": "javascript:alert(1)"}, {"url": "https://a.example/", "content": "x"}):
        response = admin_client.post("/admin/sources/article/add/", data)
        assert response.status_code == 200
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
    assert not Article.objects.exists()


def test_add_article_duplicate_text_redirects_to_the_original(admin_client: Client) -> None:
    original = ArticleFactory()
    response = admin_client.post("/admin/sources/article/add/", {"content": original.text})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/sources/article/{original.pk}/change/"
    assert Article.objects.count() == 1


def test_requeue_action_sends_failed_articles_back(admin_client: Client) -> None:
    failed_fetch = ArticleFactory(text="", content_hash="", status=Article.Status.FAILED)
    failed_extraction = ArticleFactory(status=Article.Status.FAILED)
    done = ArticleFactory(status=Article.Status.EXTRACTED)
    response = admin_client.post(
        "/admin/sources/article/",
        {
            "action": "requeue_failed_or_stuck",
            "_selected_action": [failed_fetch.pk, failed_extraction.pk, done.pk],
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Re-queued 1 for fetching and 1 for extraction." in response.content.decode()
    failed_fetch.refresh_from_db()
    failed_extraction.refresh_from_db()
    assert failed_fetch.status == Article.Status.QUEUED
    assert failed_extraction.status in (Article.Status.FETCHED, Article.Status.EXTRACTED)


def test_poll_now_action_polls_the_feed(
    admin_client: Client,
    fetch_settings: FixtureServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    feed = FeedFactory(url=fetch_settings.url("/feed.atom"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/sources/feed/", {"action": "poll_now", "_selected_action": [feed.pk]}
        )
    assert response.status_code == 302
    assert Article.objects.filter(feed=feed).count() == 1


@pytest.mark.parametrize("url", ["ftp://daily.example/rss", "ftps://daily.example/rss"])
def test_feed_form_refuses_urls_the_fetcher_cannot_poll(admin_client: Client, url: str) -> None:
    source = SourceFactory()
    response = admin_client.post(
        "/admin/sources/feed/add/", {"source": source.pk, "url": url, "active": "on"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert "Enter a valid URL." in response.content.decode()
    assert not Feed.objects.exists()
