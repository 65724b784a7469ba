from typing import Any

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from claimtrack.api.services import api_token_create
from sources.models import Article, Feed, Source
from tests.factories import ArticleFactory, SourceFactory, UserFactory
from tests.webserver import FixtureServer

pytestmark = pytest.mark.django_db


def _client(*perms: str) -> APIClient:
    user = UserFactory(is_staff=False)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    _, key = api_token_create(user=user, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def reader() -> APIClient:
    return _client("view_article", "view_source", "view_feed")


@pytest.fixture
def editor() -> APIClient:
    return _client(
        "view_article",
        "add_article",
        "change_article",
        "view_source",
        "add_source",
        "change_source",
        "view_feed",
        "add_feed",
    )


def test_anonymous_requests_are_refused() -> None:
    assert APIClient().get("/api/v1/articles/").status_code in (401, 403)


def test_users_without_view_permission_cannot_list() -> None:
    assert _client().get("/api/v1/articles/").status_code == 403


def test_post_url_answers_202_with_the_status_url(
    editor: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor.post(
            "/api/v1/articles/", {"url": "https://news.example/a?utm_source=x"}, format="json"
        )
    assert response.status_code == 202, response.content
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert article.url == "https://news.example/a"
    assert body["status"] == "queued"
    assert body["status_url"].endswith(f"/api/v1/articles/{article.pk}/")
    assert response["Location"] == body["status_url"]
    assert len(callbacks) == 1

    status = editor.get(body["status_url"])
    assert status.status_code == 200
    assert status.json()["status"] == "queued"


def test_post_the_same_url_again_answers_200_with_the_same_article(editor: APIClient) -> None:
    first = editor.post("/api/v1/articles/", {"url": "https://news.example/b"}, format="json")
    again = editor.post("/api/v1/articles/", {"url": "https://NEWS.example/b/#x"}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["created"] is False


def test_post_text_answers_202_and_the_article_is_extracted(
    editor: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            "/api/v1/articles/",
            {"text": '"Taxes will fall," said Mikhail Ivanov on Monday.', "title": "Pasted"},
            format="json",
        )
    assert response.status_code == 202
    detail = editor.get(response.json()["status_url"]).json()
    assert detail["status"] == "extracted"
    assert detail["title"] == "Pasted"
    assert detail["text"].startswith('"Taxes will fall,"')


def test_post_the_same_text_twice_answers_409_pointing_at_the_original(editor: APIClient) -> None:
    first = editor.post("/api/v1/articles/", {"text": "One unique sentence."}, format="json")
    again = editor.post("/api/v1/articles/", {"text": "one unique   sentence."}, format="json")
    assert again.status_code == 409
    assert again.json()["id"] == first.json()["id"]


def test_post_a_known_url_answers_200_and_a_failed_one_is_queued_again(editor: APIClient) -> None:
    first = editor.post("/api/v1/articles/", {"url": "https://news.example/story"}, format="json")
    assert first.status_code == 202
    known = editor.post("/api/v1/articles/", {"url": "https://news.example/story"}, format="json")
    assert known.status_code == 200 and known.json()["id"] == first.json()["id"]

    Article.objects.filter(pk=first.json()["id"]).update(status=Article.Status.FAILED, error="HTTP 503")
    retried = editor.post("/api/v1/articles/", {"url": "https://news.example/story"}, format="json")
    assert retried.status_code == 202
    assert retried.json()["status"] == "queued"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"url": "", "text": ""},
        {"url": "https://news.example/x", "text": "both"},
        {"url": "ftp://news.example/x"},
        {"url": "https://user:pw@news.example/x"},
        {"text": "   "},
    ],
)
def test_bad_submissions_answer_400(editor: APIClient, payload: dict[str, str]) -> None:
    response = editor.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_readers_cannot_submit(reader: APIClient) -> None:
    response = reader.post("/api/v1/articles/", {"url": "https://news.example/c"}, format="json")
    assert response.status_code == 403


def test_article_list_filters_by_status_and_hides_text(reader: APIClient) -> None:
    ArticleFactory(status=Article.Status.FAILED, error="HTTP 404")
    ArticleFactory(status=Article.Status.EXTRACTED)
    response = reader.get("/api/v1/articles/", {"status": "failed"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["error"] == "HTTP 404"
    assert "text" not in body["results"][0]
    assert "raw_html" not in body["results"][0]


def test_requeue_action(editor: APIClient, reader: APIClient) -> None:
    article = ArticleFactory(status=Article.Status.FAILED)
    assert reader.post(f"/api/v1/articles/{article.pk}/requeue/").status_code == 403
    response = editor.post(f"/api/v1/articles/{article.pk}/requeue/")
    assert response.status_code == 202
    assert response.json()["status"] == "fetched"
    done = ArticleFactory(status=Article.Status.EXTRACTED)
    assert editor.post(f"/api/v1/articles/{done.pk}/requeue/").status_code == 400


def test_sources_with_feeds_and_counts(editor: APIClient) -> None:
    response = editor.post(
        "/api/v1/sources/", {"name": "Daily Example", "poll_interval_minutes": 30}, format="json"
    )
    assert response.status_code == 201, response.content
    source = Source.objects.get(pk=response.json()["id"])
    feed = editor.post(
        "/api/v1/feeds/", {"source": source.pk, "url": "https://daily.example/rss"}, format="json"
    )
    assert feed.status_code == 201, feed.content
    ArticleFactory(source=source, status=Article.Status.EXTRACTED)

    detail = editor.get(f"/api/v1/sources/{source.pk}/").json()
    assert detail["feeds"][0]["url"] == "https://daily.example/rss"
    assert detail["article_counts"]["extracted"] == 1
    assert detail["article_counts"]["failed"] == 0


def test_feed_urls_must_be_http(editor: APIClient) -> None:
    source = SourceFactory()
    response = editor.post(
        "/api/v1/feeds/", {"source": source.pk, "url": "file:///etc/passwd"}, format="json"
    )
    assert response.status_code == 400
    assert not Feed.objects.exists()


def test_schema_generates(admin_client: Any) -> None:
    response = admin_client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/articles/" in response.content


def test_fetch_from_the_api_end_to_end(
    editor: APIClient, fetch_settings: FixtureServer, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post("/api/v1/articles/", {"url": fetch_settings.url("/article/11")}, format="json")
    detail = editor.get(response.json()["status_url"]).json()
    assert detail["status"] == "extracted"
    assert "deficit" in detail["text"]


def test_feed_urls_with_credentials_are_refused(editor: APIClient) -> None:
    source = SourceFactory()
    for url in ("ftp://daily.example/rss", "https://user:pw@daily.example/rss"):
        response = editor.post("/api/v1/feeds/", {"source": source.pk, "url": url}, format="json")
        assert response.status_code == 400
