"""ClaimReview JSON-LD, checked field by field against the rules aggregators apply."""

import pytest

from quotes.claimreview import claimreview_build, claimreview_feed, rating_scale
from quotes.models import Claim, Rating, Speaker
from quotes.selectors.claimreview import reviewed_claim, reviewed_claims
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
    review = claimreview_build(claim=reviewed_claim(claim.pk), scale=rating_scale())
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
    review = claimreview_build(claim=reviewed_claim(claim.pk), scale=rating_scale())
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Nikol Pashinyan"}
    assert review["correction"][0]["text"] == "The ruling now cites the treaty text."
    assert review["dateModified"] >= review["datePublished"]


def test_feed_has_one_item_per_published_claim(editor, django_assert_max_num_queries) -> None:
    first, _ = _published(editor)
    claim_create(statement="A draft is not in the feed.", actor=editor)
    with django_assert_max_num_queries(4):
        feed = claimreview_feed(claims=reviewed_claims(), scale=rating_scale())
    assert feed["@type"] == "DataFeed"
    items = feed["dataFeedElement"]
    assert [i["item"]["claimReviewed"] for i in items] == [first.statement]
    assert items[0]["dateCreated"] and items[0]["dateModified"]


def test_a_draft_has_no_claimreview(editor) -> None:
    claim = claim_create(statement="Not yet checked.", actor=editor, rating=Rating.objects.get(value=2))
    assert reviewed_claim(claim.pk) is None
    (row,) = reviewed_claims(Claim.objects.filter(pk=claim.pk))
    with pytest.raises(ValueError):
        claimreview_build(claim=row, scale=rating_scale())


def test_appearances_name_each_article_once_in_publication_order(editor) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    now = timezone.now()
    later = ArticleFactory(published_at=now - timedelta(days=1))
    earlier = ArticleFactory(published_at=now - timedelta(days=3), source=None)
    undated = ArticleFactory(published_at=None)
    speaker = SpeakerFactory(name="Jane Roe", kind=Speaker.Kind.PERSON, title="Minister", wikidata_id="")
    quotes = [
        QuoteFactory(article=later, speaker=speaker, start=40),
        QuoteFactory(article=undated, speaker=speaker),
        QuoteFactory(article=later, speaker=speaker, start=5),  # the same article again
        QuoteFactory(article=earlier, speaker=speaker),
    ]
    claim = claim_create(
        statement="Wages rose by a tenth.",
        actor=editor,
        claimant=speaker,
        appearances=quotes,
        rating=Rating.objects.get(value=2),
        ruling="Statistics show 4%.",
    )
    claim = claim_publish(claim=claim, actor=editor)
    item = claimreview_build(claim=reviewed_claim(claim.pk), scale=rating_scale())["itemReviewed"]
    # Dated articles first, oldest first; the undated one last (PostgreSQL sorts NULL last).
    assert [w["url"] for w in item["appearance"]] == [earlier.url, later.url, undated.url]
    assert "publisher" not in item["appearance"][0]
    assert item["appearance"][1]["publisher"] == {"@type": "Organization", "name": later.source.name}
    assert item["appearance"][1]["headline"] == later.title
    assert item["appearance"][1]["datePublished"] == later.published_at.isoformat()
    assert "datePublished" not in item["appearance"][2]
    assert item["firstAppearance"]["url"] == earlier.url
    assert item["author"] == {"@type": "Person", "name": "Jane Roe", "jobTitle": "Minister"}


def test_a_page_of_the_feed_is_a_window_of_the_whole(editor) -> None:
    published = [_published(editor, wikidata_id="")[0] for _ in range(5)]
    whole = [c.pk for c in reviewed_claims()]
    assert sorted(whole) == sorted(c.pk for c in published)
    assert [c.pk for c in reviewed_claims(offset=1, limit=2)] == whole[1:3]
    assert [c.pk for c in reviewed_claims(offset=4, limit=10)] == whole[4:]
