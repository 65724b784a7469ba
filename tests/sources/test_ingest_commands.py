from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from sources.models import Article
from tests.factories import ArticleFactory
from tests.webserver import FixtureServer

pytestmark = pytest.mark.django_db


def test_ingest_accepts_urls(fetch_settings: FixtureServer, django_capture_on_commit_callbacks: Any) -> None:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", fetch_settings.url("/article/21"), stdout=out)
    article = Article.objects.get()
    assert article.url == fetch_settings.url("/article/21")
    assert "[1/1]" in out.getvalue()


def test_requeue_command_requeues_failed_and_stuck_articles(settings: Any) -> None:
    failed = ArticleFactory(status=Article.Status.FAILED, error="boom")
    stuck = ArticleFactory(status=Article.Status.EXTRACTING)
    busy = ArticleFactory(status=Article.Status.EXTRACTING)
    long_ago = timezone.now() - timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS + 10)
    Article.objects.filter(pk=stuck.pk).update(updated_at=long_ago)

    out = StringIO()
    call_command("requeue", stdout=out)

    assert "Re-queued 0 for fetching and 2 for extraction" in out.getvalue()
    for article in (failed, stuck):
        article.refresh_from_db()
        assert article.status != Article.Status.FAILED
        assert article.status != Article.Status.EXTRACTING or article.pk == busy.pk
    busy.refresh_from_db()
    assert busy.status == Article.Status.EXTRACTING


def test_requeue_dry_run_changes_nothing() -> None:
    failed = ArticleFactory(status=Article.Status.FAILED, error="boom")
    out = StringIO()
    call_command("requeue", "--dry-run", stdout=out)
    assert f"would re-queue article #{failed.pk}" in out.getvalue()
    failed.refresh_from_db()
    assert failed.status == Article.Status.FAILED


def test_setup_periodic_tasks_is_idempotent() -> None:
    call_command("setup_periodic_tasks", stdout=StringIO())
    call_command("setup_periodic_tasks", stdout=StringIO())
    tasks = {t.name: t for t in PeriodicTask.objects.all()}
    assert tasks["sources: poll due feeds"].task == "sources.tasks.feeds_poll_due"
    assert tasks["sources: poll due feeds"].crontab.minute == "*"
    assert tasks["sources: re-queue stuck articles"].task == "sources.tasks.articles_requeue_stuck"
    assert tasks["api: compact the data version's write log"].crontab.minute == "*"
    assert tasks["api: prune ended throttle counts"].task == "claimtrack.api.tasks.throttle_counts_prune"
    assert tasks["api: prune ended throttle counts"].crontab.minute == "*/10"
    # The four above and the weekly claim report (tests/reports/test_tasks.py checks that one).
    assert PeriodicTask.objects.count() == 5


def test_periodic_task_names_are_registered_tasks() -> None:
    from claimtrack.celery import app
    from sources.management.commands.setup_periodic_tasks import SCHEDULES

    app.loader.import_default_modules()
    for _, task, _ in SCHEDULES:
        assert task in app.tasks
