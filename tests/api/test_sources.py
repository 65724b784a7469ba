"""The sources API's fixes: canonical feed URLs, lengths after escaping, status URLs, constraints."""

import pytest
from rest_framework.test import APIClient

from sources.models import Article, Feed, Source
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_client) -> APIClient:  # type: ignore[no-untyped-def]
    return make_client("staff")


def test_feed_urls_are_stored_canonical_and_two_spellings_are_one_feed(staff: APIClient) -> None:
    source = SourceFactory()
    first = staff.post(
        "/api/v1/feeds/",
        {"source": source.pk, "url": "HTTPS://Daily.Example:443/rss/?utm_source=x"},
        format="json",
    )
    assert first.status_code == 201, first.content
    assert first.json()["url"] == "https://daily.example/rss"
    assert Feed.objects.get().url == "https://daily.example/rss"
    again = staff.post(
        "/api/v1/feeds/", {"source": source.pk, "url": "https://daily.example/rss#top"}, format="json"
    )
    assert again.status_code == 400 and "url" in again.json()["errors"]
    assert Feed.objects.count() == 1


def test_a_url_whose_canonical_form_outgrows_the_column_is_refused(staff: APIClient) -> None:
    source = SourceFactory()
    long = "https://news.example/" + "\u00e9" * 300 + "a" * 1600
    assert len(long) < 2000
    feed = staff.post("/api/v1/feeds/", {"source": source.pk, "url": long}, format="json")
    assert feed.status_code == 400 and "longer" in feed.json()["detail"]
    article = staff.post("/api/v1/articles/", {"url": long}, format="json")
    assert article.status_code == 400
    assert not Feed.objects.exists() and not Article.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "A", "poll_interval_minutes": 0},
        {"name": "A", "poll_interval_minutes": -5},
        {"name": "A", "poll_interval_minutes": 10**12},
        {"name": ""},
        {"name": "   "},
        {"name": "A", "homepage": "ftp://x.example/"},
        {"name": "A", "homepage": "not a url"},
        {"name": "A", "country": "ARM"},
        {"name": "A", "language": "x" * 17},
        {"name": "x" * 201},
    ],
)
def test_source_constraints_are_checked_before_the_database(staff: APIClient, payload: dict) -> None:
    response = staff.post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 400, response.content
    assert not Source.objects.exists()


def test_a_blank_homepage_is_a_string_in_the_output(staff: APIClient) -> None:
    response = staff.post("/api/v1/sources/", {"name": "No Site"}, format="json")
    assert response.status_code == 201 and response.json()["homepage"] == ""
    duplicate = staff.post("/api/v1/sources/", {"name": "No Site"}, format="json")
    assert duplicate.status_code == 400


def test_requeue_answers_with_the_article_status_url(staff: APIClient) -> None:
    article = ArticleFactory(status=Article.Status.FAILED)
    response = staff.post(f"/api/v1/articles/{article.pk}/requeue/")
    assert response.status_code == 202
    status_url = response.json()["status_url"]
    assert status_url == f"http://testserver/api/v1/articles/{article.pk}/"
    assert staff.get(status_url).status_code == 200


def test_deleting_a_source_keeps_its_articles(staff: APIClient) -> None:
    article = ArticleFactory()
    assert staff.delete(f"/api/v1/sources/{article.source_id}/").status_code == 204
    article.refresh_from_db()
    assert article.source_id is None
