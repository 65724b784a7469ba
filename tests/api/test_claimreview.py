"""ClaimReview through the API, field by field, against the rules aggregators apply."""

import json

import pytest
from rest_framework.test import APIClient

from quotes.models import Claim, Rating
from quotes.services import claim_correct
from tests.api.world import world_build

pytestmark = pytest.mark.django_db


def test_claimreview_of_a_published_claim_field_by_field(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CLAIMREVIEW_URL_TEMPLATE = "https://desk.example/claims/{id}/"
    settings.CLAIMREVIEW_ORGANIZATION_NAME = "Desk Example"
    settings.CLAIMREVIEW_ORGANIZATION_URL = "https://desk.example/"
    w = world_build()
    response = APIClient().get(
        f"/api/v1/claims/{w.published.pk}/claimreview/", HTTP_ACCEPT="application/ld+json"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    cr = json.loads(response.content)
    claim = Claim.objects.get(pk=w.published.pk)
    assert cr["@context"] == "https://schema.org"
    assert cr["@type"] == "ClaimReview"
    assert cr["url"] == f"https://desk.example/claims/{claim.pk}/"
    assert cr["claimReviewed"] == "Inflation will fall below 3% next year."
    assert cr["datePublished"] == claim.published_at.isoformat()
    assert cr["author"] == {"@type": "Organization", "name": "Desk Example", "url": "https://desk.example/"}
    rating = cr["reviewRating"]
    values = sorted(Rating.objects.values_list("value", flat=True))
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == claim.rating.label
    assert (rating["worstRating"], rating["bestRating"]) == (values[0], values[-1])
    assert rating["worstRating"] < rating["bestRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["ratingValue"] == claim.rating.value
    item = cr["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] == "Person" and item["author"]["name"] == "Jane Doe"
    assert item["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q42"
    assert item["datePublished"].startswith("2026-11-02")
    assert [a["url"] for a in item["appearance"]] == [w.early.url]
    assert item["firstAppearance"]["url"] == w.early.url
    assert cr["reviewBody"] == "The central bank forecasts 3.4%."
    assert "correction" not in cr


def test_unpublished_claims_have_no_claimreview(reviewer_api: APIClient) -> None:
    w = world_build()
    response = reviewer_api.get(f"/api/v1/claims/{w.draft.pk}/claimreview/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_correction_shows_in_the_markup_and_the_feed(editor_api: APIClient) -> None:
    w = world_build()
    claim_correct(claim=w.published, actor=None, note="The forecast was 3.4%, not 3.2%.", data={})
    cr = APIClient().get(f"/api/v1/claims/{w.published.pk}/claimreview/").json()
    assert cr["correction"][0]["@type"] == "CorrectionComment"
    assert cr["correction"][0]["text"] == "The forecast was 3.4%, not 3.2%."
    assert cr["dateModified"] >= cr["datePublished"]


def test_the_datafeed_has_one_claimreview_per_published_claim(editor_api: APIClient) -> None:
    w = world_build()
    rating = Rating.objects.order_by("-value").first()
    editor_api.patch(f"/api/v1/claims/{w.draft.pk}/", {"rating": rating.pk, "ruling": "Yes."}, format="json")
    editor_api.post(f"/api/v1/claims/{w.draft.pk}/publish/")
    feed = APIClient().get("/api/v1/claimreview/").json()
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    items = feed["dataFeedElement"]
    urls = [i["item"]["url"] for i in items]
    assert len(urls) == len(set(urls)) == 2
    for element in items:
        assert element["@type"] == "DataFeedItem"
        assert element["dateCreated"] and element["dateModified"]
        assert element["item"]["@type"] == "ClaimReview"
        assert "@context" not in element["item"]
        r = element["item"]["reviewRating"]
        assert r["alternateName"] and r["worstRating"] < r["bestRating"]
        assert r["worstRating"] <= r["ratingValue"] <= r["bestRating"]
    editor_api.post(f"/api/v1/claims/{w.draft.pk}/unpublish/", {"note": "Rechecking."}, format="json")
    assert len(APIClient().get("/api/v1/claimreview/").json()["dataFeedElement"]) == 1


def test_the_feed_is_cached_per_version_and_answers_304_to_its_etag(editor_api: APIClient) -> None:
    w = world_build()
    anonymous = APIClient()
    first = anonymous.get("/api/v1/claimreview/")
    etag = first["ETag"]
    assert anonymous.get("/api/v1/claimreview/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    # A correction, a claimant's new name and a new rating label each change the feed at once.
    claim_correct(claim=w.published, actor=None, note="Fixed the figure.", data={})
    second = anonymous.get("/api/v1/claimreview/")
    assert second["ETag"] != etag and b"Fixed the figure." in second.content
    w.doe.name = "Jane Doe-Smith"
    w.doe.save()
    third = anonymous.get("/api/v1/claimreview/")
    assert b"Jane Doe-Smith" in third.content
    rating = w.published.rating
    rating.label = "Pants on fire"
    rating.save()
    assert b"Pants on fire" in anonymous.get("/api/v1/claimreview/").content
    editor_api.post(f"/api/v1/claims/{w.published.pk}/unpublish/", {"note": "Rechecking."}, format="json")
    assert anonymous.get("/api/v1/claimreview/").json()["dataFeedElement"] == []


def test_the_feed_shows_a_changed_article_source_or_appearance_at_once() -> None:
    w = world_build()
    anonymous = APIClient()
    assert anonymous.get("/api/v1/claimreview/").status_code == 200  # now cached
    w.early.title = "A corrected headline"
    w.early.save()
    assert b"A corrected headline" in anonymous.get("/api/v1/claimreview/").content
    w.early.source.name = "Daily Example Renamed"
    w.early.source.save()
    assert b"Daily Example Renamed" in anonymous.get("/api/v1/claimreview/").content
    w.published.appearances.add(w.other)
    assert w.late.url.encode() in anonymous.get("/api/v1/claimreview/").content
