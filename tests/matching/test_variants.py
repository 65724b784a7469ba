"""Quote variants (pure word comparison, then grouping across articles) and speaker timelines."""

from __future__ import annotations

import pytest
from django.utils import timezone

from quotes.matching.display import quote_variants_html
from quotes.matching.models import QuoteVariant
from quotes.matching.timeline import speaker_timeline
from quotes.matching.variant_selectors import quote_variants
from quotes.matching.variants import compare_wording, wording_variant, words
from quotes.models import Claim, Quote, Rating
from quotes.services.extraction import article_quotes_extract
from sources.services import article_create
from tests.factories import ClaimFactory, QuoteFactory, SourceFactory, SpeakerFactory, UserFactory


@pytest.mark.parametrize(
    ("a", "b", "variant", "same_words"),
    [
        (
            "We will leave. Are you scaring me with that?",
            "“We will leave! Are you scaring me with THAT?”",
            True,
            True,
        ),
        (
            "We will never visit Belarus again as long as he is president.",
            "We will not visit Belarus again as long as he is president.",
            True,
            False,
        ),
        (
            "We will never visit Belarus again as long as he is president.",
            "We will never visit Belarus again while he is president.",
            True,
            False,
        ),
        (
            "We will never visit Belarus again as long as he is president.",
            "The harvest was the best in a decade, the minister said.",
            False,
            False,
        ),
        ("We will leave.", "We will stay.", False, False),
    ],
)
def test_compare_wording(a, b, variant, same_words):
    result = compare_wording(a, b)
    assert (result.variant, result.same_words) == (variant, same_words)
    assert result.possible_misquote is (variant and not same_words)


SHORTCUT_PAIRS = [
    ("We will leave. Are you scaring me with that?", "“We will leave! Are you scaring me with THAT?”"),
    ("We will never leave the CSTO.", "We will not leave the CSTO, ever."),
    ("We will never visit Belarus again.", "We will never visit Belarus again as long as he is president."),
    ("We will never visit Belarus again as long as he is president.", "Belarus is a neighbour."),
    ("The harvest was good.", "The harvest was good, the minister said, and prices fell."),
    ("We will leave.", "We will stay."),
    ("We will leave.", "we WILL leave"),
    ("one two three four five", "five four three two one"),
    ("", "We will leave."),
]


@pytest.mark.parametrize(("a", "b"), SHORTCUT_PAIRS + [(b, a) for a, b in SHORTCUT_PAIRS])
def test_wording_variant_is_compare_wording_for_the_variants_only(a, b):
    """Its shortcuts (a length ratio or a share of words too low) never drop a variant."""
    full = compare_wording(a, b)
    assert wording_variant(a, words(b)) == (full if full.variant else None)


def test_the_diff_shows_the_changed_words():
    result = compare_wording("We will never leave the CSTO.", "We will not leave the CSTO, ever.")
    changes = [(d.op, d.a, d.b) for d in result.diff if d.op != "equal"]
    assert changes == [("replace", "never", "not"), ("insert", "", "ever")]


ARTICLE = """{outlet} reports on the prime minister

The prime minister spoke to parliament on Wednesday.

"{words}," Nikol Pashinyan said.

The session lasted three hours.
"""
WORDS = "I will never visit Belarus again as long as Alexander Lukashenko is the president there"


def _ingest(outlet: str, words: str) -> Quote:
    article = article_create(
        text=ARTICLE.format(outlet=outlet, words=words),
        source=SourceFactory(name=outlet),
        enqueue_extraction=False,
    )
    article_quotes_extract(article_id=article.pk)
    return Quote.objects.get(article=article, text__contains="Belarus")


@pytest.mark.django_db
def test_the_same_quote_in_three_outlets_is_one_group_and_a_changed_word_is_flagged(client):
    first = _ingest("Outlet A", WORDS)
    same = _ingest("Outlet B", WORDS.replace("I will", "I WILL"))
    changed = _ingest("Outlet C", WORDS.replace("never", "not"))
    assert not QuoteVariant.objects.filter(quote=first).exists()
    assert QuoteVariant.objects.get(quote=same).canonical == first
    link = QuoteVariant.objects.get(quote=changed)
    assert link.canonical == first and link.possible_misquote
    assert {"op": "replace", "a": "never", "b": "not"} in link.diff
    assert [r.quote for r in quote_variants(quote=same)] == [first, same, changed]
    html = str(quote_variants_html(quote=first))
    assert "same words" in html and "possible misquote" in html and "<del" in html
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    page = client.get(f"/admin/quotes/quote/{changed.pk}/change/").content.decode()
    assert "Possible misquote</strong> of the first report" in page


@pytest.mark.django_db
def test_a_quote_alone_has_no_group():
    quote = QuoteFactory(text="An entirely unique remark about fishing quotas in the Baltic Sea")
    assert quote_variants(quote=quote) == []


@pytest.mark.django_db
def test_the_speaker_timeline_lists_quotes_and_claims_with_ratings(client, settings):
    speaker = SpeakerFactory(name="Ana Example")
    old = QuoteFactory(
        speaker=speaker, text="Taxes doubled", status=Quote.Status.APPROVED, reviewed_at=timezone.now()
    )
    new = QuoteFactory(speaker=speaker, text="Taxes tripled")
    QuoteFactory(
        speaker=speaker, text="A rejected one", status=Quote.Status.REJECTED, reviewed_at=timezone.now()
    )
    claim = ClaimFactory(
        claimant=speaker,
        statement="Taxes doubled under the government.",
        rating=Rating.objects.get(label="False"),
    )
    claim.appearances.add(old)
    entries = speaker_timeline(speaker=speaker)
    assert {(e.kind, e.id) for e in entries} == {("quote", old.pk), ("quote", new.pk), ("claim", claim.pk)}
    by_id = {(e.kind, e.id): e for e in entries}
    assert by_id[("quote", old.pk)].rating == "False" and by_id[("quote", old.pk)].claims == [claim.pk]
    assert by_id[("claim", claim.pk)].rating == "False" and by_id[("quote", new.pk)].rating is None
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)

    client.force_login(UserFactory(username="chief2", is_staff=True, is_superuser=True))
    page = client.get(f"/admin/quotes/speaker/{speaker.pk}/change/").content.decode()
    assert "Taxes tripled" in page and "rated False" in page

    settings.ROOT_URLCONF = "tests.matching.urls"
    body = client.get(f"/api/v1/speakers/{speaker.pk}/timeline/").json()
    assert body["speaker"] == speaker.pk and len(body["entries"]) == 3
    assert set(body["entries"][0]) == {
        "when",
        "kind",
        "id",
        "text",
        "status",
        "rating",
        "claims",
        "article",
        "article_title",
    }
    assert client.get("/api/v1/speakers/999999/timeline/").status_code == 404
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_matching_past_its_budget_is_skipped_with_a_warning_and_the_candidates_stay(settings, caplog):
    first = _ingest("Outlet A", WORDS)
    settings.ARTICLE_MATCH_BUDGET_SECONDS = 0.0
    with caplog.at_level("WARNING", logger="quotes.matching.services"):
        again = _ingest("Outlet B", WORDS)
    assert Quote.objects.filter(pk=again.pk, status=Quote.Status.PENDING).exists()
    assert not QuoteVariant.objects.filter(quote=again).exists()  # the link it would have had
    assert "matching stopped after its 0 s budget" in caplog.text
    assert "quotes_variant_link" in caplog.text and "quotes_matches_compute" in caplog.text
    # With time left, the same quote is linked to the first report.
    settings.ARTICLE_MATCH_BUDGET_SECONDS = 30.0
    assert QuoteVariant.objects.get(quote=_ingest("Outlet C", WORDS)).canonical in (first, again)


@pytest.mark.django_db
def test_a_matching_query_runs_no_longer_than_the_budget(monkeypatch, caplog):
    from django.db import connection, transaction

    from quotes.matching import services

    @transaction.atomic  # as every matching step is: a savepoint
    def slow_link(*, quotes):  # a query slower than the whole budget
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")

    monkeypatch.setattr(services, "quotes_variant_link", slow_link)
    quote = QuoteFactory(text="An entirely unique remark about fishing quotas in the Baltic Sea")
    with caplog.at_level("WARNING", logger="quotes.matching.services"):
        services.quotes_after_extraction(quotes=[quote], budget=0.3)
    assert "canceling statement due to statement timeout" in caplog.text
    # The session's timeout is back once matching is over.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.django_db
def test_copies_of_a_quote_in_one_article_are_searched_once_with_the_same_results():
    from quotes.matching.variant_selectors import earlier_reports, earlier_reports_many

    first = _ingest("Outlet A", WORDS)
    other = _ingest("Outlet B", WORDS.replace("never", "not"))
    article = other.article
    copies = [QuoteFactory(article=article, text=WORDS) for _ in range(3)]
    batch = earlier_reports_many(quotes=copies)
    assert batch == [earlier_reports(quote=copy) for copy in copies]
    assert all(first.pk in [row_id for row_id, _ in rows] for rows in batch)
    assert all(other.pk not in [row_id for row_id, _ in rows] for rows in batch)  # same article
