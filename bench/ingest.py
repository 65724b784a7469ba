"""End-to-end ingestion throughput: feed -> fetch -> clean -> extract; and hostile input.

    python bench/ingest.py [--articles 120] [--workers 1 2]
    python bench/ingest.py --hostile

For each worker count it starts that many `celery -A claimtrack worker --pool=solo`
processes on Redis (database 14) against PostgreSQL (DATABASE_URL, default the
claimtrack_bench database, created and migrated if missing), serves N article pages
and one feed from a local HTTP server on 127.0.0.1, queues one feed poll and waits
until every article is extracted. It prints articles/minute end to end, the quote
engine's own speed on the same article texts (one core, in this process, no database),
their ratio, and the share of the workers' time spent in the extraction service (timed
again in this process on every article: it is idempotent). The workers are
``bench/timed_worker.py``: ordinary Celery workers that also time each stage (feed poll,
fetch, clean, store, speakers, engine, store candidates, matching) and count its SQL queries; the
bench prints that breakdown per article, with what is left to Celery.

``--hostile`` runs ``manage.py ingest`` (eager, PostgreSQL) once per hostile input, each
in a process of its own, and prints that process's peak memory (max RSS) beside a small
page's, with the outcome line: compression bombs from a local server, a symlink to
/dev/zero, NUL bytes after 8 KB, a UTF-16 file, file:// and gopher:// URLs, a 1.6 MB
run-on article.

Run by hand or in CI; it is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtrack_bench")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
KEEP_LOGS = bool(os.environ.get("BENCH_KEEP_LOGS"))
SPEAKERS = ["Mikhail Ivanov", "Anna Petrova", "Jane Doe", "John Roe", "Maria Lopez"]


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["CELERY_BROKER_URL"] = BROKER_URL
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    from benchdb import django_on_database

    django_on_database(DATABASE_URL)


def _reset() -> None:
    import redis
    from django.db import connection

    redis.Redis.from_url(BROKER_URL).flushdb()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE quotes_quote, sources_article, sources_feed, sources_source RESTART IDENTITY CASCADE"
        )


def _start_workers(count: int, netloc: str, log_dir: Path) -> list[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "SOURCES_FETCH_ALLOWED_HOSTS": netloc,
        "LOG_LEVEL": "INFO",
        # As docker-compose.yml runs the worker: a task reuses the database connection of
        # the one before (with the default of 0, each task opened a new one).
        "DATABASE_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "60"),
        "PYTHONPATH": str(ROOT),
    }
    processes = []
    for n in range(count):
        log = (log_dir / f"worker{n}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "bench" / "timed_worker.py"),
                    str(log_dir / f"stages{n}.json"),
                    "worker",
                    "--pool=solo",
                    f"--hostname=bench{n}@%h",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    return processes


def _wait_ready(log_dir: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = sum("ready." in p.read_text(errors="replace") for p in log_dir.glob("*.log"))
        if ready >= count:
            return
        time.sleep(0.2)
    raise SystemExit(f"workers did not start; see {log_dir}")


def _extraction_seconds(article_ids: list[int]) -> float:
    """Time the extraction service again on every article, in this process.

    The service is idempotent (same engine version: nothing is rewritten), so this
    measures what each extraction task spent in the engine and its queries.
    """
    from quotes.services import article_quotes_extract

    started = time.perf_counter()
    for article_id in article_ids:
        article_quotes_extract(article_id=article_id)
    return time.perf_counter() - started


def _engine_seconds(article_ids: list[int]) -> float:
    """The engine alone on the same texts, with the same known speakers the service
    passes it (looked up before the clock starts): what a worker could reach at best."""
    from quotes.extraction import extract_quotes
    from quotes.selectors import known_speakers
    from sources.models import Article

    texts = list(Article.objects.filter(pk__in=article_ids).values_list("text", flat=True))
    inputs = [(text, known_speakers(text=text)) for text in texts]
    started = time.perf_counter()
    for text, speakers in inputs:
        extract_quotes(text, speakers)
    return time.perf_counter() - started


def run(articles: int, workers: int) -> dict[str, float]:
    from celery import Celery

    from sources.models import Article
    from tests.factories import FeedFactory
    from tests.webserver import FixtureServer, Reply, article_html, rss_feed

    _reset()
    log_dir = Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    with FixtureServer() as web:

        def page(server: FixtureServer, request: object) -> Reply:
            number = int(str(getattr(request, "path", "0")).rsplit("/", 1)[-1])
            return Reply(body=article_html(number, speaker=SPEAKERS[number % 5]).encode())

        web.route("/article/*", page)
        links = [web.url(f"/article/{n}") for n in range(articles)]
        web.route("/feed.rss", Reply(body=rss_feed(links), content_type="application/rss+xml"))
        feed = FeedFactory(url=web.url("/feed.rss"))

        processes = _start_workers(workers, web.netloc, log_dir)
        try:
            _wait_ready(log_dir, workers)
            sender = Celery("bench", broker=BROKER_URL)
            started = time.monotonic()
            sender.send_task("sources.tasks.feed_poll", args=[feed.pk])
            finished = {Article.Status.EXTRACTED, Article.Status.FAILED, Article.Status.DUPLICATE}
            while True:
                done = Article.objects.filter(status__in=finished).count()
                if done >= articles:
                    break
                if time.monotonic() - started > 300:
                    raise SystemExit(f"only {done}/{articles} finished in 5 minutes; logs in {log_dir}")
                time.sleep(0.05)
            elapsed = time.monotonic() - started
            sender.close()
        finally:
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=30)
    stages = _read_stages(log_dir)
    if KEEP_LOGS:
        print(f"worker logs: {log_dir}")
    else:
        shutil.rmtree(log_dir)
    extracted_ids = list(Article.objects.filter(status=Article.Status.EXTRACTED).values_list("pk", flat=True))
    extraction = _extraction_seconds(extracted_ids)
    engine = _engine_seconds(extracted_ids)
    extracted = len(extracted_ids)
    return {
        "workers": workers,
        "articles": articles,
        "extracted": extracted,
        "seconds": elapsed,
        "per_minute": articles / elapsed * 60,
        "extraction_seconds": extraction,
        "engine_per_minute": extracted / engine * 60 if engine else 0.0,
        # Share of the workers' wall time (workers x elapsed) spent extracting.
        "extraction_share": extraction / (workers * elapsed),
        "stages": stages,
    }


def _read_stages(log_dir: Path) -> dict[str, dict[str, float]]:
    """The timed workers' stage totals (bench/timed_worker.py), summed over the workers."""
    total: dict[str, dict[str, float]] = {}
    for path in sorted(log_dir.glob("stages*.json")):
        for name, values in json.loads(path.read_text()).items():
            into = total.setdefault(name, {"seconds": 0.0, "calls": 0, "queries": 0})
            for key, value in values.items():
                into[key] += value
    return total


def _print_stages(stages: dict[str, dict[str, float]], articles: int, worker_seconds: float) -> None:
    """Per article: milliseconds and SQL queries of each stage, and what Celery costs.

    "other in tasks" is task time outside the named stages (claims, status updates,
    the tasks' own code); "celery overhead" is the workers' time (workers x the run's wall
    time) minus their time in tasks (broker round trips, message handling, waits for the
    next message).
    """
    if not stages or "worker" not in stages:
        print("  (no stage figures: the timed worker wrote none)")
        return
    from timed_worker import STAGES

    in_tasks = stages["in tasks"]
    named = [name for name in STAGES if name in stages]
    rows = [(name, stages[name]["seconds"], stages[name]["queries"]) for name in named]
    # The stages do not nest: each is timed on its own.
    staged_seconds = sum(seconds for _, seconds, _ in rows)
    staged_queries = sum(queries for _, _, queries in rows)
    rows.append(
        ("other in tasks", in_tasks["seconds"] - staged_seconds, in_tasks["queries"] - staged_queries)
    )
    rows.append(("celery overhead", worker_seconds - in_tasks["seconds"], 0))
    print(
        f"  stages per article (workers' time {worker_seconds:.1f} s, {int(in_tasks['calls'])} tasks, "
        f"{in_tasks['queries'] / articles:.1f} queries per article):"
    )
    for name, seconds, queries in rows:
        print(
            f"    {name:<18} {seconds / articles * 1000:8.2f} ms {seconds / worker_seconds:6.1%}"
            f" {queries / articles:7.1f} queries"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--hostile", action="store_true", help="peak memory of each hostile input instead")
    options = parser.parse_args()
    _setup_django()
    if options.hostile:
        from bench.hostile import run_hostile

        _reset()
        run_hostile(ROOT)
        return
    print(f"ingest bench: {options.articles} articles from a local server, PostgreSQL + Redis")
    for count in options.workers:
        result = run(options.articles, count)
        per_worker = result["per_minute"] / count
        print(
            f"workers={result['workers']}: {result['extracted']}/{result['articles']} extracted "
            f"in {result['seconds']:.1f} s = {result['per_minute']:.0f} articles/minute "
            f"({per_worker:.0f} per worker); engine alone on the same articles "
            f"{result['engine_per_minute']:.0f} articles/minute on one core; "
            f"a worker runs at {per_worker / result['engine_per_minute']:.0%} of the engine's speed; "
            f"extraction service {result['extraction_seconds']:.1f} s = "
            f"{result['extraction_share']:.0%} of worker time"
        )
        _print_stages(result["stages"], result["articles"], count * result["seconds"])


if __name__ == "__main__":
    main()
