import pytest
from rest_framework.test import APIClient

from quotes.models import Rating, Speaker
from tests.api.world import world_build
from tests.factories import SpeakerAliasFactory

pytestmark = pytest.mark.django_db


def test_speaker_list_has_aliases_and_counts(reviewer_api: APIClient) -> None:
    w = world_build()
    SpeakerAliasFactory(speaker=w.doe, alias="J. Doe")
    body = reviewer_api.get("/api/v1/speakers/").json()
    assert body["count"] == 2
    doe = next(r for r in body["results"] if r["id"] == w.doe.pk)
    assert doe["aliases"] == ["J. Doe"]
    assert (doe["quote_count"], doe["claim_count"]) == (2, 1)
    assert doe["wikidata_id"] == "Q42" and doe["wikidata_url"] == "https://www.wikidata.org/wiki/Q42"
    assert doe["title"] == "Finance Minister" and doe["kind"] == "person"


def test_speaker_filters_and_ordering(reviewer_api: APIClient) -> None:
    w = world_build()
    Speaker.objects.filter(pk=w.roe.pk).update(kind="organisation")
    names = lambda q: [r["name"] for r in reviewer_api.get("/api/v1/speakers/", q).json()["results"]]  # noqa: E731
    assert names({"kind": "organisation"}) == ["John Roe"]
    assert names({"has_wikidata": "true"}) == ["Jane Doe"]
    assert names({"wikidata_id": "Q42"}) == ["Jane Doe"]
    assert names({"ordering": "-quote_count"}) == ["Jane Doe", "John Roe"]
    assert names({"ordering": "quote_count"}) == ["John Roe", "Jane Doe"]
    assert reviewer_api.get("/api/v1/speakers/", {"kind": "robot"}).status_code == 400


def test_speaker_quotes_and_claims(reviewer_api: APIClient) -> None:
    w = world_build()
    quotes = reviewer_api.get(f"/api/v1/speakers/{w.doe.pk}/quotes/").json()
    assert {r["id"] for r in quotes["results"]} == {w.pending.pk, w.approved.pk}
    claims = reviewer_api.get(f"/api/v1/speakers/{w.doe.pk}/claims/").json()
    assert [r["id"] for r in claims["results"]] == [w.published.pk]
    assert reviewer_api.get("/api/v1/speakers/999999/quotes/").status_code == 404


def test_ratings_list_the_scale(reviewer_api: APIClient) -> None:
    world_build()
    body = reviewer_api.get("/api/v1/ratings/").json()
    assert [r["value"] for r in body] == sorted(Rating.objects.values_list("value", flat=True))
    assert sum(r["claim_count"] for r in body) == 1


def test_api_root_lists_the_resources(reviewer_api: APIClient) -> None:
    body = reviewer_api.get("/api/v1/").json()
    for name in (
        "speakers",
        "quotes",
        "claims",
        "ratings",
        "claimreview",
        "sources",
        "feeds",
        "articles",
        "schema",
    ):
        assert body[name].startswith("http://testserver/api/v1/"), name
    assert APIClient().get("/api/v1/").status_code == 401


def test_articles_link_to_their_quotes(reviewer_api: APIClient) -> None:
    w = world_build()
    article = reviewer_api.get(f"/api/v1/articles/{w.early.pk}/").json()
    quotes = reviewer_api.get(article["quotes_url"]).json()
    assert {r["id"] for r in quotes["results"]} == {w.pending.pk, w.approved.pk}


def test_the_fast_speaker_representation_equals_drf_field_by_field(rf) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.request import Request

    from quotes.api.serializers import SpeakerOutputSerializer
    from quotes.selectors.api import api_speaker_list

    w = world_build()
    SpeakerAliasFactory(speaker=w.doe, alias="J. Doe")
    Speaker.objects.filter(pk=w.roe.pk).update(possible_duplicate_of=w.doe)
    request = Request(rf.get("/api/v1/speakers/"))
    for speaker in api_speaker_list():
        serializer = SpeakerOutputSerializer(context={"request": request})
        assert serializer.to_representation(speaker) == serializer.field_by_field(speaker)
