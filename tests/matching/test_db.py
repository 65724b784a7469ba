"""The database side: indexes, candidate finder, stored matches, the admin line, the API, and
the issue's "done means" (a second article repeating a checked claim in other words)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from quotes.matching.models import QuoteClaimMatch
from quotes.matching.selectors import claim_match_text, quote_matches
from quotes.matching.services import quote_matches_compute
from quotes.models import Claim, Quote, Rating
from quotes.services.extraction import article_quotes_extract
from sources.services import article_create
from tests.factories import ClaimFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIM = "CSTO members helped Azerbaijan prepare for the 2020 war in Nagorno-Karabakh."

# A second article, written for this test: Pashinyan repeats the claim in other words.
SECOND_ARTICLE = """Pashinyan returns to the CSTO's role in the 2020 war

YEREVAN, Thursday. Armenia's prime minister has again turned on the Russian-led military bloc.

Prime Minister Nikol Pashinyan said on Thursday that countries belonging to the CSTO had assisted Azerbaijan in getting ready for the {year} war.

The Kremlin did not comment on his remarks.
"""
REPEAT = "countries belonging to the CSTO had assisted Azerbaijan in getting ready for the 2020 war"


@pytest.fixture
def checked_claim(seed_article_path):
    """The seed article ingested, its CSTO quote approved and checked as a claim rated False."""
    seed = article_create(text=seed_article_path.read_text(encoding="utf-8"), enqueue_extraction=False)
    article_quotes_extract(article_id=seed.pk)
    quote = Quote.objects.get(article=seed, text__contains="helped Azerbaijan prepare for the 2020 war")
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.APPROVED, reviewed_at=timezone.now())
    claim = Claim.objects.create(
        statement=CLAIM, claimant=quote.speaker, rating=Rating.objects.get(label="False")
    )
    claim.appearances.add(quote)
    return claim


def _ingest(text: str) -> list[Quote]:
    article = article_create(text=text, enqueue_extraction=False)
    article_quotes_extract(article_id=article.pk)
    return list(Quote.objects.filter(article=article))


def test_the_migration_made_the_text_indexes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes are PostgreSQL-only; SQLite scores in Python")
    with connection.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE tablename IN ('quotes_quote', 'quotes_claim')")
        names = {row[0] for row in cur.fetchall()}
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cur.fetchone() is not None
    assert {
        "quotes_quote_text_fts",
        "quotes_quote_text_trgm",
        "quotes_claim_statement_fts",
        "quotes_claim_statement_trgm",
    } <= names


def test_the_finder_uses_the_full_text_index():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from quotes.matching.index import fts_sql, key_terms, tsquery_pairs

    ClaimFactory.create_batch(3)
    with connection.cursor() as cur:
        cur.execute("SET enable_seqscan = off")  # tiny table: make the planner show its index choice
        terms = key_terms(CLAIM, 6)
        cur.execute(
            "EXPLAIN " + fts_sql("quotes_claim", "statement"),
            {"query": tsquery_pairs(terms), "text": CLAIM, "limit": 5},
        )
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "quotes_claim_statement_fts" in plan


def test_the_batched_finder_uses_the_full_text_index_for_each_statement():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from quotes.matching.index import fts_many_sql, key_terms, tsquery_pairs

    ClaimFactory.create_batch(3)
    statements = [CLAIM, "The pension fund was emptied to pay for new roads."]
    with connection.cursor() as cur:
        cur.execute("SET enable_seqscan = off")
        cur.execute(
            "EXPLAIN " + fts_many_sql("quotes_claim", "statement"),
            {
                "n": [0, 1],
                "query": [tsquery_pairs(key_terms(s, 6)) for s in statements],
                "statement": statements,
                "limit": 5,
            },
        )
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "quotes_claim_statement_fts" in plan


def test_the_batched_finder_ranks_copies_of_a_wording_as_ranking_each_row_does():
    """The batched finder ranks each distinct wording once and gives its copies the score:
    the rows and their order are those of ranking every row (``fts_sql``)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from quotes.matching.index import fts_many_sql, fts_sql, key_terms, tsquery_any

    wordings = [
        CLAIM,
        "CSTO members helped Azerbaijan before the 2020 war.",
        "Azerbaijan prepared for the war in Nagorno-Karabakh for years.",
        "The CSTO did not help Armenia in 2020.",
    ]
    for copies, wording in zip([3, 1, 4, 2], wordings, strict=True):
        for _ in range(copies):
            ClaimFactory(statement=wording)
    query = tsquery_any(key_terms(CLAIM, 12))
    for limit in (3, 6, 20):
        with connection.cursor() as cur:
            cur.execute(fts_sql("quotes_claim", "statement"), {"query": query, "text": CLAIM, "limit": limit})
            each_row = cur.fetchall()
            cur.execute(
                fts_many_sql("quotes_claim", "statement"),
                {"n": [0], "query": [query], "statement": [CLAIM], "limit": limit},
            )
            batched = [(row_id, body) for _, row_id, body in cur.fetchall()]
        assert batched == each_row
        assert len(batched) == min(limit, 10)


def test_batched_matching_finds_what_matching_one_quote_at_a_time_finds(checked_claim):
    from quotes.matching.selectors import claim_match_texts

    texts = [REPEAT, REPEAT.replace("2020", "2021"), "Tourists will need a visa for the islands.", ""]
    one_by_one = [claim_match_text(text=t) for t in texts]
    assert claim_match_texts(texts=texts) == one_by_one
    assert one_by_one[0] and one_by_one[0][0].claim == checked_claim.pk


def test_the_done_means_of_the_issue(checked_claim):
    """The repeat in other words is a likely match with reasons; a changed year or an added
    'not' is not *same*."""
    (repeat,) = [q for q in _ingest(SECOND_ARTICLE.format(year="2020")) if "assisted Azerbaijan" in q.text]
    (match,) = [m for m in quote_matches(quote=repeat) if m.claim_id == checked_claim.pk]
    assert match.level == "same" and 0 < match.score <= 1
    assert any(r.startswith("shared terms: CSTO") and "2020" in r for r in match.reasons)

    (changed_year,) = [
        q for q in _ingest(SECOND_ARTICLE.format(year="2021")) if "assisted Azerbaijan" in q.text
    ]
    assert not QuoteClaimMatch.objects.filter(quote=changed_year, level="same").exists()
    year_match = QuoteClaimMatch.objects.filter(quote=changed_year, claim=checked_claim).first()
    assert year_match is None or any("dates guard: 2020 vs 2021" in r for r in year_match.reasons)

    negated = (
        SECOND_ARTICLE.format(year="2020")
        .replace("had assisted", "had not assisted")
        .replace("Thursday.", "Friday.")
    )
    (with_not,) = [q for q in _ingest(negated) if "assisted Azerbaijan" in q.text]
    assert not QuoteClaimMatch.objects.filter(quote=with_not, level="same").exists()
    not_match = QuoteClaimMatch.objects.get(quote=with_not, claim=checked_claim)
    assert any(r.startswith("negation guard:") for r in not_match.reasons)


def test_the_quote_admin_says_which_claim_it_repeats(client, checked_claim):
    (repeat,) = [q for q in _ingest(SECOND_ARTICLE.format(year="2020")) if "assisted Azerbaijan" in q.text]
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    page = client.get(f"/admin/quotes/quote/{repeat.pk}/change/").content.decode()
    assert (
        f'Repeats <a href="/admin/quotes/claim/{checked_claim.pk}/change/">claim #{checked_claim.pk}</a> (rated False)'
        in page
    )
    assert "shared terms: CSTO" in page


def test_the_batch_command_matches_the_database_claims(checked_claim):
    out = io.StringIO()
    stdin = io.StringIO(
        json.dumps({"id": "t1", "text": REPEAT})
        + "\n"
        + json.dumps({"id": "t2", "text": "Rain is expected."})
        + "\n"
    )
    call_command("match_claims", stdin=stdin, stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[0]["id"] == "t1" and rows[0]["matches"][0]["claim"] == checked_claim.pk
    assert rows[0]["matches"][0]["level"] == "same"
    assert rows[1] == {"id": "t2", "matches": []}


def test_approved_quotes_carry_their_claim_and_pending_ones_do_not():
    claim = ClaimFactory(statement="The finance ministry hid the deficit figures.")
    approved = QuoteFactory(
        text="Our pension fund was emptied by the last government to pay for roads",
        status=Quote.Status.APPROVED,
        reviewed_at=timezone.now(),
    )
    pending = QuoteFactory(text="Tourists will need a visa to enter the islands from next summer")
    claim.appearances.add(approved, pending)
    found = claim_match_text(text="The last government emptied the pension fund to pay for new roads.")
    assert [m.claim for m in found] == [claim.pk] and found[0].text == approved.text
    assert claim_match_text(text="Tourists will need a visa for the islands from next summer.") == []


def test_computing_matches_twice_stores_them_once():
    claim = ClaimFactory(statement="Armenia will leave the Collective Security Treaty Organization.")
    quote = QuoteFactory(text="Armenia will quit the Collective Security Treaty Organization")
    quote_matches_compute(quote=quote)
    quote_matches_compute(quote=quote)
    (row,) = QuoteClaimMatch.objects.filter(quote=quote)
    assert row.claim == claim and row.level == "same" and row.reasons


def test_the_match_api_ranks_claims_with_verdicts(client, settings, checked_claim):
    settings.ROOT_URLCONF = "tests.matching.urls"
    url = "/api/v1/claims/match/"
    assert client.post(url, {"text": REPEAT}, content_type="application/json").status_code in (401, 403)
    client.force_login(UserFactory(username="desk", is_staff=True, is_superuser=True))
    response = client.post(url, {"text": REPEAT}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    top = body["matches"][0]
    assert top["claim"] == checked_claim.pk and top["level"] == "same" and top["rating"] == "False"
    assert set(top) == {"claim", "statement", "status", "rating", "score", "level", "reasons", "matched_text"}
    assert client.post(url, {"text": ""}, content_type="application/json").status_code == 400
    # The same lookup as a GET with the text in the query string.
    got = client.get(url, {"text": REPEAT, "limit": 1})
    assert got.status_code == 200
    assert [m["claim"] for m in got.json()["matches"]] == [checked_claim.pk]
    assert client.get(url).status_code == 400
    assert client.get(url, {"text": "x" * 1001}).status_code == 400  # longer texts go in a POST


def test_a_matching_failure_is_logged_and_keeps_the_extraction(monkeypatch, caplog):
    import quotes.matching.services as services

    def broken(**kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(services, "claim_match_texts", broken)
    quotes = _ingest(SECOND_ARTICLE.format(year="2020"))
    assert quotes and not QuoteClaimMatch.objects.exists()
    assert "quotes_matches_compute failed for quote" in caplog.text
