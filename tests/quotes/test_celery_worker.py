"""A real Celery worker on Redis processes an article end to end (PostgreSQL, committed rows)."""

import pytest
from celery.contrib.testing.worker import start_worker

from claimtrack.celery import app
from quotes.models import Quote
from sources.models import Article
from sources.services import article_create
from tests.celery_broker import TEST_BROKER_URL, redis_broker_at, wait_for

BROKER_URL = TEST_BROKER_URL

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Armenia will leave the alliance, Prime Minister Nikol Pashinyan said on Wednesday.\n\n"
    "\u201cWe will decide when to leave,\u201d added Pashinyan.\n"
)


@pytest.fixture
def redis_broker():
    with redis_broker_at(BROKER_URL) as url:
        yield url


def test_worker_extracts_a_new_article_end_to_end(redis_broker) -> None:
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        article = article_create(text=TEXT, title="Armenia and the CSTO")
        done = wait_for(
            lambda: (
                Article.objects.get(pk=article.pk).status in (Article.Status.EXTRACTED, Article.Status.FAILED)
            )
        )
    article.refresh_from_db()
    assert done, f"the worker did not finish: status {article.status}"
    assert article.status == Article.Status.EXTRACTED, article.error
    assert article.attempts == 1
    quotes = Quote.objects.filter(article=article)
    assert quotes.exists()
    assert {q.status for q in quotes} == {Quote.Status.PENDING}
    assert "Nikol Pashinyan" in {q.speaker.name for q in quotes if q.speaker}
