"""The extraction service: engine outside the transaction, a time budget per article, a
write that checks nobody changed or re-claimed the article, never a row left extracting."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from rest_framework.test import APIClient

from claimtrack.api.services import api_token_create
from quotes.extraction import ExtractedQuote
from quotes.models import Quote
from quotes.services import article_extraction_run
from sources.models import Article
from sources.services import article_create_from_pasted
from tests.factories import ArticleFactory, UserFactory

TEXT = '"Prices will fall," Finance Minister Jane Doe said on Monday.'


def _one_quote(text: str) -> list[ExtractedQuote]:
    return [
        ExtractedQuote(
            start=0,
            end=18,
            text=text[0:18],
            kind="direct",
            speaker="Jane Doe",
            speaker_start=37,
            speaker_end=45,
            cue="said",
            confidence=0.9,
        )
    ]


def _engine(monkeypatch: pytest.MonkeyPatch, engine: Any) -> None:
    monkeypatch.setattr("quotes.services.extraction.extract_quotes", engine)


@pytest.mark.django_db(transaction=True)
def test_the_engine_runs_with_no_transaction_open(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def engine(text: str, known_speakers: Any = ()) -> list[ExtractedQuote]:
        seen.append(connection.in_atomic_block)
        return _one_quote(text)

    _engine(monkeypatch, engine)
    article = ArticleFactory(text=TEXT)
    outcome = article_extraction_run(article_id=article.pk)
    assert outcome.status == "extracted"
    assert seen == [False]
    assert Quote.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_past_its_time_budget_the_article_fails_clearly_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.ARTICLE_EXTRACT_BUDGET_SECONDS = 0.2

    def endless(text: str, known_speakers: Any = ()) -> list[ExtractedQuote]:
        while True:  # pure Python, like the engine: the budget interrupts it
            time.sleep(0)

    _engine(monkeypatch, endless)
    article = ArticleFactory(text=TEXT)
    other = ArticleFactory(text="Another article.", status=Article.Status.EXTRACTED)
    outcome = article_extraction_run(article_id=article.pk)
    article.refresh_from_db()
    assert outcome.status == "failed"
    assert article.status == Article.Status.FAILED
    assert "quote extraction took longer than its 0.2 s budget" in article.error
    assert not Quote.objects.exists()
    other.refresh_from_db()
    assert other.status == Article.Status.EXTRACTED


@pytest.mark.django_db
def test_an_article_reclaimed_meanwhile_is_left_to_the_new_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    def engine(text: str, known_speakers: Any = ()) -> list[ExtractedQuote]:
        # Another worker took the claim over (a stale lease) while this one ran.
        Article.objects.filter(text=text).update(attempts=5)
        return _one_quote(text)

    _engine(monkeypatch, engine)
    article = ArticleFactory(text=TEXT)
    outcome = article_extraction_run(article_id=article.pk)
    article.refresh_from_db()
    assert outcome.status == "superseded"
    assert (article.status, article.attempts) == (Article.Status.EXTRACTING, 5)
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_an_article_whose_text_changed_meanwhile_is_queued_again(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def engine(text: str, known_speakers: Any = ()) -> list[ExtractedQuote]:
        Article.objects.filter(text=text).update(text=text + " Updated.")
        return _one_quote(text)

    _engine(monkeypatch, engine)
    article = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks() as callbacks:
        outcome = article_extraction_run(article_id=article.pk)
    article.refresh_from_db()
    assert outcome.status == "superseded"
    assert article.status == Article.Status.FETCHED
    assert len(callbacks) == 1
    assert not Quote.objects.exists()


RUN_ON = ("the minister said that " + "\u201cthe plan, which " * 4 + "will work\u201d and ") * 15_000


@pytest.mark.django_db
def test_a_2_mb_run_on_article_in_eager_mode_fails_within_its_budget(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The real engine on 1.9 MB of one run-on paragraph: far more than the budget allows,
    so the article ends failed with a clear error, nothing half-written, never extracting."""
    settings.ARTICLE_EXTRACT_BUDGET_SECONDS = 0.05
    assert 1_500_000 < len(RUN_ON) < settings.ARTICLE_MAX_CHARS
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_pasted(content=RUN_ON)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "took longer than its 0.05 s budget" in article.error
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_202_for_a_run_on_article_and_leaves_no_row_extracting(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ARTICLE_EXTRACT_BUDGET_SECONDS = 0.05
    user = UserFactory(is_staff=False)
    for codename in ("view_article", "add_article"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='test')[1]}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/articles/", {"text": RUN_ON}, format="json")
    assert response.status_code == 202
    assert not Article.objects.filter(status=Article.Status.EXTRACTING).exists()
    assert Article.objects.get().status == Article.Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_matching_runs_after_the_write_with_no_transaction_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Matching new quotes takes longer than writing them; the article's row lock is not
    held meanwhile, and the quotes it gets are committed."""
    seen: list[tuple[bool, int]] = []

    def matching(*, quotes: Any) -> None:
        ids = [q.pk for q in quotes]
        seen.append((connection.in_atomic_block, Quote.objects.filter(pk__in=ids).count()))

    _engine(monkeypatch, lambda text, known_speakers=(): _one_quote(text))
    monkeypatch.setattr("quotes.services.extraction.quotes_after_extraction", matching)
    article = ArticleFactory(text=TEXT)
    assert article_extraction_run(article_id=article.pk).status == "extracted"
    assert seen == [(False, 1)]
