"""A small newsroom for the API tests: two articles, speakers, quotes, a published claim."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from quotes.models import Claim, Quote, Rating, Speaker
from quotes.services import claim_create, claim_publish
from sources.models import Article
from tests.factories import ArticleFactory, ClaimEvidenceFactory, QuoteFactory, SourceFactory, SpeakerFactory


@dataclass
class World:
    early: Article
    late: Article
    doe: Speaker
    roe: Speaker
    pending: Quote
    approved: Quote
    other: Quote
    draft: Claim
    published: Claim


def world_build() -> World:
    source = SourceFactory(name="Daily Example")
    early = ArticleFactory(
        source=source,
        published_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        status=Article.Status.EXTRACTED,
    )
    late = ArticleFactory(published_at=datetime(2026, 11, 20, 9, tzinfo=UTC), status=Article.Status.EXTRACTED)
    doe = SpeakerFactory(name="Jane Doe", title="Finance Minister", wikidata_id="Q42")
    roe = SpeakerFactory(name="John Roe", kind=Speaker.Kind.PERSON, title="Opposition leader")
    pending = QuoteFactory(
        article=early, speaker=doe, start=0, end=39, confidence=0.9, kind=Quote.Kind.INDIRECT
    )
    approved = QuoteFactory(
        article=early,
        speaker=doe,
        start=83,
        end=110,
        confidence=0.6,
        status=Quote.Status.APPROVED,
        reviewed_at=datetime(2026, 11, 3, tzinfo=UTC),
    )
    other = QuoteFactory(article=late, speaker=roe, start=129, end=180, confidence=0.3)
    rating = Rating.objects.order_by("value").first()
    assert rating is not None
    draft = claim_create(statement="Prices will keep rising.", actor=None, claimant=roe, appearances=[other])
    published = claim_create(
        statement="Inflation will fall below 3% next year.",
        actor=None,
        claimant=doe,
        appearances=[approved],
        rating=rating,
        ruling="The central bank forecasts 3.4%.",
    )
    ClaimEvidenceFactory(claim=published, url="https://stats.example/cpi", title="CPI release")
    claim_publish(claim=published, actor=None)
    return World(early, late, doe, roe, pending, approved, other, draft, published)
