"""The extraction and matching path runs a number of queries that does not grow with the
number of quotes in the article or of claims in the database (quotes/matching batches an
article's quotes; speakers are looked up in one query and cached per process)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from quotes.matching.models import QuoteClaimMatch, QuoteVariant
from quotes.models import Claim, Quote
from quotes.services import article_extraction_run
from sources.services import article_create
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db

SPEAKERS = ["Mikhail Ivanov", "Anna Petrova", "John Roe"]
TOPICS = [
    "the deficit will be cut in half by the end of next year",
    "unemployment has fallen to its lowest level in a decade",
    "the new bridge over the river will open to traffic in April",
    "pensions will rise faster than prices for the third year running",
    "the army will recruit ten thousand new soldiers before the summer",
    "hospital waiting lists have grown by a fifth since the election",
]
# One call, claim to matches stored: the claim, snapshot, speakers (fingerprint, aliases),
# the write, and matching's fixed set of queries: 29 here on PostgreSQL with claims, 23
# without (the claim search is skipped), for every size (before batching: 38 for one quote,
# 271 for 12, 439 for 12 with 24 claims; before the ingest profile's work: 30 to 32).
# Two of them set and reset matching's statement_timeout (its time budget).
MAX_QUERIES = 32
MAX_QUERIES_WITHOUT_CLAIMS = 26


def _article(quotes: int, outlet: str) -> int:
    paragraphs = [f"{outlet} reports from the capital on Tuesday."]
    for n in range(quotes):
        speaker = SPEAKERS[n % len(SPEAKERS)]
        paragraphs.append(f'"{TOPICS[n % len(TOPICS)].capitalize()}, part {n}," {speaker} said.')
    article = article_create(text="\n".join(paragraphs), enqueue_extraction=False)
    return article.pk


def _claims(count: int) -> None:
    """Checked claims on the same topics, half of them carried by an approved quote."""
    earlier = Quote.objects.order_by("id")
    for n in range(count):
        claim = Claim.objects.create(statement=f"{TOPICS[n % len(TOPICS)].capitalize()} (claim {n}).")
        quote = earlier[n % earlier.count()] if n % 2 else None
        if quote is not None:
            Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.APPROVED, reviewed_at=timezone.now())
            claim.appearances.add(quote)


@pytest.fixture
def speakers() -> None:
    for name in SPEAKERS:
        SpeakerFactory(name=name)


@pytest.mark.parametrize(("quotes", "claims"), [(1, 0), (2, 2), (12, 0), (12, 24)])
def test_extraction_and_matching_queries_do_not_grow_with_quotes_or_claims(
    speakers: None, quotes: int, claims: int, django_assert_max_num_queries
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the matching index queries are PostgreSQL's; SQLite scores in Python")
    # An earlier report of the same quotes (so variant links are made) and the claims.
    article_extraction_run(article_id=_article(quotes, "Outlet A"))
    _claims(claims)
    article_id = _article(quotes, "Outlet B")
    with django_assert_max_num_queries(MAX_QUERIES if claims else MAX_QUERIES_WITHOUT_CLAIMS):
        outcome = article_extraction_run(article_id=article_id)
    assert outcome.status == "extracted"
    new = Quote.objects.filter(article_id=article_id)
    assert new.count() == quotes
    # The work was done, not skipped: every quote is linked to its earlier report, and the
    # quotes repeating a claim have their match stored.
    assert QuoteVariant.objects.filter(quote__in=new).count() == quotes
    if claims:
        assert QuoteClaimMatch.objects.filter(quote__in=new).exists()


def test_a_speaker_change_is_seen_by_the_next_extraction(speakers: None) -> None:
    """The per-process speaker index is rebuilt when a speaker or alias changes."""
    from quotes.models import Speaker
    from quotes.selectors import known_speakers
    from quotes.services import speaker_alias_add

    text = "The minister, known as Misha, spoke to Ivanov's staff."
    before = known_speakers(text=text)
    assert [s.name for s in before] == ["Mikhail Ivanov"]
    ivanov = Speaker.objects.get(name="Mikhail Ivanov")
    speaker_alias_add(speaker=ivanov, alias="Misha")
    Speaker.objects.filter(pk=ivanov.pk).update(title="Finance Minister")
    (after,) = known_speakers(text=text)
    assert "Misha" in after.aliases and after.title == "Finance Minister"
    SpeakerFactory(name="Misha Petrov")
    assert [s.name for s in known_speakers(text=text)] == ["Mikhail Ivanov", "Misha Petrov"]
    Speaker.objects.filter(name="Misha Petrov").delete()
    assert [s.name for s in known_speakers(text=text)] == ["Mikhail Ivanov"]
