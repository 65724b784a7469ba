"""A Celery worker that times each stage of the ingestion pipeline (bench/ingest.py runs it).

    python bench/timed_worker.py STAGES.json worker --pool=solo ...

It wraps the functions each stage runs (where the services look them up) with a
wall-clock timer and counts the SQL queries run inside each, then starts an ordinary
``celery -A claimtrack worker`` with the rest of the arguments. At shutdown it writes,
for each stage, seconds, calls and queries to STAGES.json, plus the time spent inside
tasks (task_prerun -> task_postrun) and the worker's own life, so that the bench can
tell the pipeline's stages from Celery's overhead. Only the bench uses it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

# Stage name -> (module, attribute): the name a service calls the stage's function by.
STAGES: dict[str, tuple[str, str]] = {
    # The feed poll task's service, its share per article (the entries' rows, their tasks).
    "feed poll": ("sources.services", "feed_poll"),
    "claim for fetch": ("sources.services.ingest", "article_claim_for_fetch"),
    "fetch": ("sources.services.ingest", "fetch_html"),
    "clean": ("sources.services.ingest", "clean_html"),
    "store article": ("sources.services.ingest", "_store_fetched"),
    "claim for extract": ("sources.services", "article_claim_for_extraction"),
    "read for engine": ("quotes.services.extraction", "_snapshot"),
    "known speakers": ("quotes.services.extraction", "known_speakers"),
    "extract (engine)": ("quotes.services.extraction", "extract_quotes"),
    "store candidates": ("quotes.services.extraction", "_candidates_store"),
    "matching": ("quotes.services.extraction", "quotes_after_extraction"),
}
# Outer calls: what each task does end to end (their time includes the stages above).
TASKS: dict[str, tuple[str, str]] = {
    "fetch task service": ("sources.services", "article_fetch_and_extract"),
    "extract task service": ("quotes.services", "article_extraction_run"),
}

stats: dict[str, dict[str, float]] = {}
_active: list[str] = []
_task_started: list[float] = []


def _count_query(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    for name in set(_active):
        stats[name]["queries"] += 1
    return execute(sql, params, many, context)


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    stats[name] = {"seconds": 0.0, "calls": 0, "queries": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _active.append(name)
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            stats[name]["seconds"] += time.perf_counter() - started
            stats[name]["calls"] += 1
            _active.remove(name)

    return wrapper


def _install() -> None:
    import importlib

    import django

    django.setup()
    for name, (module_name, attribute) in {**STAGES, **TASKS}.items():
        module = importlib.import_module(module_name)
        setattr(module, attribute, _timed(name, getattr(module, attribute)))

    from celery.signals import task_postrun, task_prerun, worker_ready, worker_shutdown

    stats["in tasks"] = {"seconds": 0.0, "calls": 0, "queries": 0}
    stats["worker"] = {"seconds": 0.0, "calls": 1, "queries": 0}
    born: list[float] = []

    @worker_ready.connect(weak=False)
    def ready(**kwargs: Any) -> None:
        born.append(time.perf_counter())

    @task_prerun.connect(weak=False)
    def prerun(**kwargs: Any) -> None:
        _task_started.append(time.perf_counter())
        _active.append("in tasks")

    @task_postrun.connect(weak=False)
    def postrun(**kwargs: Any) -> None:
        if _task_started:
            stats["in tasks"]["seconds"] += time.perf_counter() - _task_started.pop()
            stats["in tasks"]["calls"] += 1
        if "in tasks" in _active:
            _active.remove("in tasks")

    @worker_shutdown.connect(weak=False)
    def shutdown(**kwargs: Any) -> None:
        if born:
            stats["worker"]["seconds"] = time.perf_counter() - born[0]
        Path(sys.argv[1]).write_text(json.dumps(stats, indent=1))


def main() -> None:
    # Each connection the worker opens (one per thread) gets the query counter.
    from django.db.backends.base.base import BaseDatabaseWrapper

    original_init = BaseDatabaseWrapper.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self.execute_wrappers.append(_count_query)

    BaseDatabaseWrapper.__init__ = init  # type: ignore[method-assign]
    _install()
    from claimtrack.celery import app

    app.worker_main(argv=sys.argv[2:])


if __name__ == "__main__":
    main()
