import pytest

from sources.models import Article
from sources.services import (
    ArticleDuplicateError,
    ArticleInputError,
    article_claim_for_extraction,
    article_create,
    article_requeue,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_create_stores_hash_and_is_ready_for_extraction() -> None:
    article = article_create(text="Some text.\r\nMore.", title="T", enqueue_extraction=False)
    assert article.text == "Some text.\nMore."
    assert article.status == Article.Status.FETCHED
    assert len(article.content_hash) == 64


def test_same_text_is_a_duplicate() -> None:
    first = article_create(text="Same story.", enqueue_extraction=False)
    with pytest.raises(ArticleDuplicateError) as info:
        article_create(text="  SAME story. ", enqueue_extraction=False)
    assert info.value.original == first
    assert Article.objects.count() == 1


def test_same_url_is_a_duplicate() -> None:
    article_create(text="One.", url="https://news.example/a", enqueue_extraction=False)
    with pytest.raises(ArticleDuplicateError, match="same URL"):
        article_create(text="Two.", url="https://news.example/a", enqueue_extraction=False)


def test_syndicated_copy_can_be_linked_instead_of_refused() -> None:
    first = article_create(text="Wire story.", url="https://a.example/1", enqueue_extraction=False)
    copy = article_create(
        text="Wire story.", url="https://b.example/1", link_duplicate=True, enqueue_extraction=False
    )
    assert copy.status == Article.Status.DUPLICATE
    assert copy.duplicate_of == first


@pytest.mark.parametrize("text", ["", "   \n "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(ArticleInputError):
        article_create(text=text)
    assert not Article.objects.exists()


def test_too_long_text_is_refused(settings) -> None:
    settings.ARTICLE_MAX_CHARS = 10
    with pytest.raises(ArticleInputError, match="too long"):
        article_create(text="x" * 11)


def test_claim_is_taken_once() -> None:
    article = ArticleFactory(status=Article.Status.FETCHED)
    assert article_claim_for_extraction(article_id=article.pk) is True
    assert article_claim_for_extraction(article_id=article.pk) is False
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTING


def test_requeue_sends_extracted_or_failed_articles_back(django_capture_on_commit_callbacks) -> None:
    article = ArticleFactory(status=Article.Status.FAILED, error="boom")
    busy = ArticleFactory(status=Article.Status.EXTRACTING)
    with django_capture_on_commit_callbacks() as callbacks:
        assert article_requeue(article=article, rerun_extracted=True) == "extract"
        assert article_requeue(article=busy, rerun_extracted=True) == ""
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.FETCHED, "")
