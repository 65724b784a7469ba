"""Database constraints on sources and articles, enforced by PostgreSQL itself."""

import pytest
from django.db import IntegrityError, connection, transaction

from sources.models import Article, Source
from tests.factories import ArticleFactory, FeedFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_postgresql() -> None:
    assert connection.vendor == "postgresql", "run the suite with DATABASE_URL=postgres://..."


def test_source_name_is_unique() -> None:
    SourceFactory(name="Daily Planet")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="Daily Planet")


def test_source_poll_interval_must_be_positive() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="Bad interval", poll_interval_minutes=0)


def test_feed_url_is_unique() -> None:
    feed = FeedFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedFactory(url=feed.url)


def test_article_url_is_unique_but_may_be_null_many_times() -> None:
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url=article.url)
    ArticleFactory(url=None)
    ArticleFactory(url=None)
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_duplicate_article_needs_its_original() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.DUPLICATE, duplicate_of=None)


def test_article_cannot_be_a_duplicate_of_itself() -> None:
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(duplicate_of=article, status=Article.Status.DUPLICATE)


def test_article_status_choices_cover_the_pipeline() -> None:
    assert set(Article.Status.values) == {
        "queued",
        "fetching",
        "fetched",
        "extracting",
        "extracted",
        "failed",
        "duplicate",
    }
