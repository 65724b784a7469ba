"""Every list answers in the same number of queries at 10 and at 100 rows per page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from quotes.models import Rating
from quotes.services import claim_correct, claim_create, claim_publish
from tests.factories import (
    ArticleFactory,
    ClaimEvidenceFactory,
    FeedFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

ROWS = 110
# Auth (token + the user's other tokens), permission lookups, then the page itself.
MAX_QUERIES = 14


@pytest.fixture
def many() -> dict[str, int]:
    sources = [SourceFactory() for _ in range(ROWS)]
    speaker = SpeakerFactory(name="Marta Quantum")
    rating = Rating.objects.order_by("value").first()
    for i in range(ROWS):
        FeedFactory(source=sources[i])
        article = ArticleFactory(source=sources[i])
        other = SpeakerFactory()
        SpeakerAliasFactory(speaker=other)
        quote = QuoteFactory(article=article, speaker=other)
        QuoteFactory(article=article, speaker=speaker, start=60)
        claim = claim_create(
            statement=f"Claim {i}",
            actor=None,
            claimant=speaker,
            appearances=[quote],
            rating=rating,
            ruling="R",
        )
        ClaimEvidenceFactory(claim=claim)
        claim_publish(claim=claim, actor=None)
        if i % 10 == 0:
            claim_correct(claim=claim, actor=None, note="Fixed", data={"ruling": "R2"})
    return {"speaker": speaker.pk}


LISTS = [
    ("/api/v1/speakers/", "limit"),
    ("/api/v1/speakers/?search=a", "limit"),
    ("/api/v1/quotes/", "page_size"),
    ("/api/v1/quotes/?status=pending&min_confidence=0.1", "page_size"),
    ("/api/v1/quotes/?search=Quantum", "page_size"),
    ("/api/v1/speakers/{speaker}/quotes/", "page_size"),
    ("/api/v1/speakers/{speaker}/claims/", "limit"),
    ("/api/v1/claims/", "limit"),
    ("/api/v1/sources/", "limit"),
    ("/api/v1/feeds/", "limit"),
    ("/api/v1/articles/", "limit"),
]


def _count(client: APIClient, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return len(ctx.captured_queries), len(rows)


def test_list_queries_do_not_grow_with_the_page(
    make_client, many: dict[str, int], django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    # One test over every list, so the 110-row fixture is built once.
    client = make_client("staff")
    for path, size_param in LISTS:
        url = path.format(**many)
        sep = "&" if "?" in url else "?"
        small_queries, small_rows = _count(client, f"{url}{sep}{size_param}=10")
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(f"{url}{sep}{size_param}=100")
        big_queries, big_rows = _count(client, f"{url}{sep}{size_param}=100")
        assert response.status_code == 200
        assert (small_rows, big_rows) == (10, 100), url
        assert big_queries == small_queries, (url, small_queries, big_queries)

    # The feed's pages, then the rating scale (unpaginated): still a fixed number of queries.
    anonymous = APIClient()
    small, _ = _count_feed(anonymous, "/api/v1/claimreview/?page_size=10")
    big, items = _count_feed(anonymous, "/api/v1/claimreview/?page_size=100")
    assert small == big <= MAX_QUERIES and len(items) == 100
    whole, items = _count_feed(anonymous, "/api/v1/claimreview/")
    assert whole == small and len(items) == ROWS
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/api/v1/ratings/").status_code == 200


def _count_feed(client: APIClient, url: str) -> tuple[int, list]:
    cache.clear()  # each page is cached once rendered: count the queries that build one
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries), response.json()["dataFeedElement"]


def test_the_feed_pages_through_every_published_claim_once(many: dict[str, int]) -> None:
    anonymous = APIClient()
    url: str | None = "/api/v1/claimreview/?page_size=25"
    seen: list[str] = []
    pages = 0
    while url:
        response = anonymous.get(url)
        assert response.status_code == 200
        seen += [element["item"]["url"] for element in response.json()["dataFeedElement"]]
        pages += 1
        links = response.get("Link", "")
        url = next(
            (part.split(">")[0].strip(" <") for part in links.split(",") if 'rel="next"' in part), None
        )
        if pages > 1:
            assert 'rel="prev"' in links
    assert pages == 5 and len(seen) == len(set(seen)) == ROWS
    # Without paging parameters the answer is the whole feed, with no Link header; ?page alone
    # pages by 100; a page past the end is empty.
    whole = anonymous.get("/api/v1/claimreview/")
    assert [e["item"]["url"] for e in whole.json()["dataFeedElement"]] == seen
    assert "Link" not in whole
    first = anonymous.get("/api/v1/claimreview/?page=1")
    assert len(first.json()["dataFeedElement"]) == 100 and 'rel="next"' in first["Link"]
    assert anonymous.get("/api/v1/claimreview/?page=99").json()["dataFeedElement"] == []
    for bad in ("page=0", "page_size=0", "page_size=1001", "page=x"):
        assert anonymous.get(f"/api/v1/claimreview/?{bad}").status_code == 400, bad
