"""ClaimReview JSON-LD, checked field by field against the rules aggregators apply."""

import pytest

from quotes.claimreview import claimreview_build, claimreview_feed, claimreview_queryset, rating_scale
from quotes.models import Rating, Speaker
from quotes.services import claim_correct, claim_create, claim_publish
from tests.factories import QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _published(editor, *, kind=Speaker.Kind.PERSON, wikidata_id="Q123"):
    speaker = SpeakerFactory(name="Nikol Pashinyan", kind=kind, wikidata_id=wikidata_id, title="")
    quote = QuoteFactory(speaker=speaker)
    claim = claim_create(
        statement="Armenia will leave the CSTO.",
        actor=editor,
        claimant=speaker,
        appearances=[quote],
        rating=Rating.objects.get(value=2),
        ruling="No decision was announced.",
    )
    return claim_publish(claim=claim, actor=editor), quote


def test_claimreview_has_every_field_aggregators_need(editor, settings) -> None:
    settings.CLAIMREVIEW_URL_TEMPLATE = "https://checks.example/claims/{id}/"
    claim, quote = _published(editor)
    review = claimreview_build(claim=claimreview_queryset().get(pk=claim.pk), scale=rating_scale())
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == f"https://checks.example/claims/{claim.pk}/"
    assert review["claimReviewed"] == "Armenia will leave the CSTO."
    assert review["datePublished"] == claim.published_at.isoformat()
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    rating = review["reviewRating"]
    assert rating["alternateName"] == Rating.objects.get(value=2).label
    assert rating["worstRating"] < rating["bestRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = review["itemReviewed"]
    assert (
        item["author"]
        == {
            "@type": "Person",
            "name": "Nikol Pashinyan",
            "sameAs": "https://www.wikidata.org/wiki/Q123",
        }
        or item["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q123"
    )
    assert item["appearance"][0]["url"] == quote.article.url
    assert item["firstAppearance"] == item["appearance"][0]
    assert "correction" not in review


def test_organisation_claimant_and_correction_show_in_the_markup(editor) -> None:
    claim, _ = _published(editor, kind=Speaker.Kind.ORGANISATION, wikidata_id="")
    claim_correct(claim=claim, actor=editor, note="The ruling now cites the treaty text.")
    review = claimreview_build(claim=claimreview_queryset().get(pk=claim.pk), scale=rating_scale())
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Nikol Pashinyan"}
    assert review["correction"][0]["text"] == "The ruling now cites the treaty text."
    assert review["dateModified"] >= review["datePublished"]


def test_feed_has_one_item_per_published_claim(editor, django_assert_max_num_queries) -> None:
    first, _ = _published(editor)
    claim_create(statement="A draft is not in the feed.", actor=editor)
    with django_assert_max_num_queries(4):
        feed = claimreview_feed(claims=claimreview_queryset(), scale=rating_scale())
    assert feed["@type"] == "DataFeed"
    items = feed["dataFeedElement"]
    assert [i["item"]["claimReviewed"] for i in items] == [first.statement]
    assert items[0]["dateCreated"] and items[0]["dateModified"]


def test_a_draft_has_no_claimreview(editor) -> None:
    claim = claim_create(statement="Not yet checked.", actor=editor)
    with pytest.raises(ValueError):
        claimreview_build(claim=claim, scale=rating_scale())
