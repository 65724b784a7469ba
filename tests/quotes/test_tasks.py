import pytest

from quotes.extraction import ENGINE_VERSION, ExtractedQuote
from quotes.models import Quote
from quotes.tasks import article_extract_quotes
from sources.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = '"Prices will fall," Finance Minister Jane Doe said on Monday.'


def _fake_engine(text, known_speakers=()):
    return [
        ExtractedQuote(
            start=0,
            end=18,
            text=text[0:18],
            kind="direct",
            speaker="Jane Doe",
            speaker_start=37,
            speaker_end=45,
            speaker_title="Finance Minister",
            cue="said",
            confidence=0.9,
        )
    ]


@pytest.fixture
def fake_engine(monkeypatch):
    monkeypatch.setattr("quotes.services.extraction.extract_quotes", _fake_engine)


def test_task_extracts_pending_quotes_and_marks_the_article(fake_engine) -> None:
    article = ArticleFactory(text=TEXT)
    result = article_extract_quotes.apply(args=[article.pk]).get()
    article.refresh_from_db()
    assert result["status"] == "extracted" and result["created"] == 1
    assert article.status == Article.Status.EXTRACTED
    assert article.extractor_version == ENGINE_VERSION
    assert article.attempts == 1 and article.extracted_at is not None
    quote = Quote.objects.get(article=article)
    assert (quote.status, quote.speaker.name, quote.speaker.title) == (
        "pending",
        "Jane Doe",
        "Finance Minister",
    )


def test_second_delivery_of_the_same_task_does_nothing(fake_engine) -> None:
    article = ArticleFactory(text=TEXT)
    article_extract_quotes.apply(args=[article.pk])
    result = article_extract_quotes.apply(args=[article.pk]).get()
    assert result["status"] == "skipped"
    assert Quote.objects.filter(article=article).count() == 1
    article.refresh_from_db()
    assert article.attempts == 1


@pytest.mark.parametrize("status", ["extracting", "extracted", "failed", "duplicate"])
def test_task_skips_articles_that_are_not_ready(fake_engine, status) -> None:
    original = ArticleFactory()
    article = ArticleFactory(status=status, duplicate_of=original if status == "duplicate" else None)
    assert article_extract_quotes.apply(args=[article.pk]).get()["status"] == "skipped"
    article.refresh_from_db()
    assert article.status == status


def test_engine_failure_is_recorded_on_the_article(monkeypatch) -> None:
    def broken(text, known_speakers=()):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr("quotes.services.extraction.extract_quotes", broken)
    article = ArticleFactory(text=TEXT)
    result = article_extract_quotes.apply(args=[article.pk]).get()
    article.refresh_from_db()
    assert result["status"] == "failed"
    assert article.status == Article.Status.FAILED
    assert "RuntimeError: engine exploded" in article.error
    assert not Quote.objects.exists()


def test_missing_article_is_skipped() -> None:
    assert article_extract_quotes.apply(args=[999_999]).get()["status"] == "skipped"


def test_creating_an_article_enqueues_extraction_after_commit(
    fake_engine, django_capture_on_commit_callbacks
) -> None:
    from sources.services import article_create

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = article_create(text=TEXT, title="Prices")
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    assert article.quotes.count() == 1
