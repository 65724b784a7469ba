"""Database constraints on speakers, quotes, ratings and claims, enforced by PostgreSQL."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quotes.models import Claim, Quote, Rating, SpeakerAlias
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_one_normalised_alias_maps_to_one_speaker() -> None:
    first, second = SpeakerFactory(name="Jane Doe"), SpeakerFactory(name="John Roe")
    SpeakerAlias.objects.create(speaker=first, alias="J. Doe", normalised="j doe")
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerAlias.objects.create(speaker=second, alias="J Doe", normalised="j doe")


def test_speaker_wikidata_id_is_unique_when_set() -> None:
    SpeakerFactory(wikidata_id="Q42")
    SpeakerFactory(wikidata_id="")
    SpeakerFactory(wikidata_id="")
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(wikidata_id="Q42")


def test_quote_is_unique_per_article_start_and_end() -> None:
    quote = QuoteFactory(start=0, end=10)
    QuoteFactory(article=quote.article, start=0, end=11)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuoteFactory(article=quote.article, start=0, end=10)


@pytest.mark.parametrize("start,end", [(10, 10), (10, 5)])
def test_quote_end_must_be_after_start(start: int, end: int) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        QuoteFactory(start=start, end=end)


@pytest.mark.parametrize("confidence", [-0.1, 1.01])
def test_quote_confidence_is_between_0_and_1(confidence: float) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        QuoteFactory(confidence=confidence)


def test_reviewed_quote_needs_a_review_time() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        QuoteFactory(status=Quote.Status.APPROVED, reviewed_at=None)
    QuoteFactory(status=Quote.Status.APPROVED, reviewed_at=timezone.now())


def test_default_rating_scale_is_installed_by_migration() -> None:
    scale = list(Rating.objects.filter(value__in=range(1, 6)).values_list("value", "label"))
    assert scale == [
        (1, "False"),
        (2, "Mostly false"),
        (3, "Half true"),
        (4, "Mostly true"),
        (5, "True"),
    ]


def test_rating_value_is_unique() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(label="Pants on fire", value=1)


def test_published_claim_needs_a_rating_and_a_date() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(status=Claim.Status.PUBLISHED, rating=None, published_at=timezone.now())
    ClaimFactory(
        status=Claim.Status.PUBLISHED,
        rating=Rating.objects.get(value=1),
        published_at=timezone.now(),
    )


def test_claim_statement_cannot_be_empty() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(statement="")


def test_deleting_an_article_deletes_its_quotes() -> None:
    article = ArticleFactory()
    QuoteFactory(article=article)
    article.delete()
    assert Quote.objects.count() == 0


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://stats.example/cpi", True),
        ("http://stats.example/cpi?year=2024", True),
        ("stats.example", False),
        ("javascript:alert(1)", False),
        ("ftp://stats.example/cpi.csv", False),
    ],
)
def test_claim_evidence_must_be_an_http_link(url: str, ok: bool) -> None:
    from django.core.exceptions import ValidationError

    from quotes.models import ClaimEvidence

    evidence = ClaimEvidence(claim=ClaimFactory(), url=url, title="CPI release")
    if ok:
        evidence.full_clean()
    else:
        with pytest.raises(ValidationError):
            evidence.full_clean()
