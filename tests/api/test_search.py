"""Search on PostgreSQL: full-text (ranked, websearch syntax) and trigram similarity for names."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from quotes.models import Quote
from quotes.selectors.search import quote_search, speaker_search
from tests.factories import ArticleFactory, QuoteFactory, SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Nikol Pashinyan said the decision is made and will not change. "
    "The opposition warned that prices were rising fast. "
    "Officials said the inflation figures would be revised next month."
)


@pytest.fixture
def corpus() -> dict[str, object]:
    pashinyan = SpeakerFactory(name="Nikol Pashinyan", title="Prime Minister")
    SpeakerAliasFactory(speaker=pashinyan, alias="Nikol Vovayi Pashinyan")
    roe = SpeakerFactory(name="John Roe", affiliation="Civil Contract")
    article = ArticleFactory(text=TEXT)
    decision = QuoteFactory(article=article, speaker=pashinyan, start=0, end=63, text=TEXT[0:63])
    prices = QuoteFactory(article=article, speaker=roe, start=64, end=115, text=TEXT[64:115])
    revised = QuoteFactory(article=article, speaker=None, start=116, end=len(TEXT), text=TEXT[116:])
    return {"pashinyan": pashinyan, "roe": roe, "decision": decision, "prices": prices, "revised": revised}


def test_the_database_is_postgresql() -> None:
    assert connection.vendor == "postgresql"


def _ids(client: APIClient, path: str, query: str) -> list[int]:
    response = client.get(path, {"search": query})
    assert response.status_code == 200, response.content
    return [r["id"] for r in response.json()["results"]]


def test_quote_search_stems_words_and_ranks(reviewer_api: APIClient, corpus) -> None:  # type: ignore[no-untyped-def]
    # "rise" finds "rising", "revise" finds "revised" (English stemming).
    assert _ids(reviewer_api, "/api/v1/quotes/", "rise") == [corpus["prices"].pk]
    assert _ids(reviewer_api, "/api/v1/quotes/", "revise figures") == [corpus["revised"].pk]


def test_quote_search_websearch_syntax(reviewer_api: APIClient, corpus) -> None:  # type: ignore[no-untyped-def]
    assert set(_ids(reviewer_api, "/api/v1/quotes/", "prices or inflation")) == {
        corpus["prices"].pk,
        corpus["revised"].pk,
    }
    assert _ids(reviewer_api, "/api/v1/quotes/", '"will not change"') == [corpus["decision"].pk]
    assert _ids(reviewer_api, "/api/v1/quotes/", "said -inflation") == [corpus["decision"].pk]


def test_quote_search_matches_the_speaker_name_first(reviewer_api: APIClient, corpus) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(reviewer_api, "/api/v1/quotes/", "Roe")
    assert ids == [corpus["prices"].pk]


def test_quote_search_ranks_and_pages_with_the_cursor(reviewer_api: APIClient, corpus) -> None:  # type: ignore[no-untyped-def]
    qs = quote_search(Quote.objects.all(), query="said")
    ranks = dict(qs.values_list("id", "search_rank"))
    assert set(ranks) == {corpus["decision"].pk, corpus["revised"].pk}
    seen: list[int] = []
    url: str | None = "/api/v1/quotes/?search=said&page_size=1"
    while url:
        body = reviewer_api.get(url).json()
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert seen == sorted(ranks, key=lambda i: (-ranks[i], -i))


def test_speaker_search_tolerates_misspellings(reviewer_api: APIClient, corpus) -> None:  # type: ignore[no-untyped-def]
    for query in ("Pashinyan", "pashinian", "Pashinyn", "Nikol", "Prime Minister", "Vovayi"):
        assert _ids(reviewer_api, "/api/v1/speakers/", query)[:1] == [corpus["pashinyan"].pk], query
    assert _ids(reviewer_api, "/api/v1/speakers/", "Civil Contract") == [corpus["roe"].pk]
    assert _ids(reviewer_api, "/api/v1/speakers/", "Zebediah") == []


def test_speaker_search_ranks_the_closest_name_first(corpus) -> None:  # type: ignore[no-untyped-def]
    SpeakerFactory(name="Nikol Pashinyanov")
    from quotes.models import Speaker

    names = list(
        speaker_search(Speaker.objects.all(), query="Nikol Pashinyan").values_list("name", flat=True)
    )
    assert names[:2] == ["Nikol Pashinyan", "Nikol Pashinyanov"]


@pytest.mark.parametrize("query", ["", "   ", "&|!:*()", "'", '"', "-", "or", "a" * 500, "\u0301"])
def test_odd_queries_never_fail(reviewer_api: APIClient, corpus, query: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/v1/quotes/", "/api/v1/speakers/"):
        assert reviewer_api.get(path, {"search": query}).status_code == 200


def test_the_plain_fallback_used_on_sqlite(reviewer_api: APIClient, corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("quotes.selectors.search.search_is_full_text", lambda: False)
    monkeypatch.setattr("claimtrack.api.search.search_is_full_text", lambda: False)
    assert _ids(reviewer_api, "/api/v1/speakers/", "pashin") == [corpus["pashinyan"].pk]
    assert _ids(reviewer_api, "/api/v1/speakers/", "Vovayi") == [corpus["pashinyan"].pk]
    assert set(_ids(reviewer_api, "/api/v1/quotes/", "prices")) == {corpus["prices"].pk}
    assert set(_ids(reviewer_api, "/api/v1/quotes/", "Pashinyan")) == {corpus["decision"].pk}


def test_a_broad_quote_search_ranks_only_the_newest_matches(
    reviewer_api: APIClient, corpus, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import quotes.selectors.search as search

    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 2)
    # "said" is in two quotes' words; "Pashinyan" also matches a speaker's name (the other side).
    assert set(_ids(reviewer_api, "/api/v1/quotes/", "said")) == {corpus["decision"].pk, corpus["revised"].pk}
    newer = QuoteFactory(article=corpus["decision"].article, start=200, end=220, text="Officials said so.")
    assert set(_ids(reviewer_api, "/api/v1/quotes/", "said")) == {newer.pk, corpus["revised"].pk}
