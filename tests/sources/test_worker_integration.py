"""Real Celery workers (separate `celery worker` processes) on Redis against PostgreSQL.

The workers use the test database, so these tests commit (transaction=True) and the
broker is Redis database 13, flushed around each test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from celery import Celery
from django.db import connection

from sources.models import Article, Feed
from tests.celery_broker import TEST_BROKER_URL
from tests.factories import ArticleFactory, FeedFactory
from tests.webserver import FixtureServer, Reply, rss_feed

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = TEST_BROKER_URL


@pytest.fixture
def broker() -> Iterator[Celery]:
    client = redis.Redis.from_url(BROKER_URL)
    client.flushdb()
    sender = Celery("test-sender", broker=BROKER_URL)
    sender.conf.broker_transport_options = {"visibility_timeout": 4}
    yield sender
    sender.close()
    client.flushdb()
    client.close()


class Workers:
    """Starts `celery worker` processes against the test database and kills them."""

    def __init__(self, tmp_path: Path, web: FixtureServer) -> None:
        self.tmp_path = tmp_path
        self.web = web
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def env(self) -> dict[str, str]:
        database = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "claimtrack.settings",
            "DATABASE_URL": (
                f"postgres://{database['USER'] or 'postgres'}@{database['HOST'] or '127.0.0.1'}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "CELERY_BROKER_URL": BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # A killed worker's message comes back after 4 s, swept every second...
            "CELERY_VISIBILITY_TIMEOUT": "4",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
            # ...and finds the dead worker's claim older than its 2 s lease.
            "ARTICLE_CLAIM_LEASE_SECONDS": "2",
            "SOURCES_FETCH_ALLOWED_HOSTS": self.web.netloc,
            "PYTHONPATH": str(ROOT),
        }
        if database.get("PASSWORD"):
            env["PGPASSWORD"] = database["PASSWORD"]
        return env

    def start(self, name: str, app: str = "claimtrack", **extra_env: str) -> None:
        log = (self.tmp_path / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                app,
                "worker",
                "--pool=solo",
                f"--hostname={name}@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env={**self.env(), **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes all of it
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for name in list(self.processes):
            process = self.processes.pop(name)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}"
            for log in sorted(self.tmp_path.glob("*.log"))
        )


@pytest.fixture
def workers(tmp_path: Path, local_web: FixtureServer) -> Iterator[Workers]:
    running = Workers(tmp_path, local_web)
    yield running
    running.stop_all()


def wait_for(condition: Callable[[], bool], timeout: float, workers: Workers, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}\n{workers.logs()}")


def test_feed_to_extracted_articles_through_a_real_worker(
    broker: Celery, workers: Workers, local_web: FixtureServer
) -> None:
    links = [local_web.url(f"/article/{100 + n}") for n in range(5)]
    local_web.route("/worker-feed.rss", Reply(body=rss_feed(links), content_type="application/rss+xml"))
    feed: Feed = FeedFactory(url=local_web.url("/worker-feed.rss"))
    workers.start("pipeline")

    broker.send_task("sources.tasks.feed_poll", args=[feed.pk])

    def all_extracted() -> bool:
        statuses = list(Article.objects.values_list("status", flat=True))
        return len(statuses) == 5 and set(statuses) == {Article.Status.EXTRACTED}

    wait_for(all_extracted, 60, workers, "5 extracted articles")
    for article in Article.objects.all():
        assert article.quotes.exists(), article.text
        assert article.attempts == 2  # one fetch, one extraction: nothing ran twice
        assert "Copyright" not in article.text
    assert sorted(local_web.hits[f"/article/{100 + n}"] for n in range(5)) == [1] * 5


def test_killed_worker_mid_batch_every_article_is_extracted_exactly_once(
    broker: Celery, workers: Workers
) -> None:
    articles = [ArticleFactory(status=Article.Status.FETCHED) for _ in range(8)]
    ids = [a.pk for a in articles]
    # Worker "doomed" takes a second per article, so it can be caught mid-article.
    workers.start("doomed", app="tests.sources.slow_worker", CLAIMTRACK_TEST_SLOW_EXTRACT="1.0")
    for pk in ids:
        broker.send_task("quotes.tasks.article_extract_quotes", args=[pk])

    def counts() -> dict[str, Any]:
        rows = Article.objects.filter(pk__in=ids).values_list("pk", "status")
        return {
            "extracted": [pk for pk, s in rows if s == Article.Status.EXTRACTED],
            "extracting": [pk for pk, s in rows if s == Article.Status.EXTRACTING],
        }

    wait_for(
        lambda: len(counts()["extracted"]) >= 2 and len(counts()["extracting"]) == 1,
        60,
        workers,
        "the doomed worker to be in the middle of an article",
    )
    interrupted = counts()["extracting"][0]
    workers.kill("doomed")
    done_before_kill = set(counts()["extracted"])
    assert interrupted not in done_before_kill

    workers.start("survivor")
    wait_for(lambda: len(counts()["extracted"]) == len(ids), 60, workers, "every article extracted")

    rows = {a.pk: a for a in Article.objects.filter(pk__in=ids)}
    quote_counts = {pk: rows[pk].quotes.count() for pk in ids}
    # Same template text in every article: the same candidates, none lost, none doubled.
    assert len(set(quote_counts.values())) == 1 and quote_counts[ids[0]] > 0, quote_counts
    # The interrupted article was claimed twice (dead worker, then survivor) and
    # finished once; every other article was claimed exactly once.
    assert rows[interrupted].attempts == 2
    assert all(rows[pk].attempts == 1 for pk in ids if pk != interrupted)
