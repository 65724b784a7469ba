"""The Celery app. Configuration comes from Django settings (prefix ``CELERY_``)."""

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
logger = logging.getLogger(__name__)


@task_prerun.connect
@task_postrun.connect
def close_old_connections_around_task(sender: Any = None, **kwargs: Any) -> None:
    """Before and after each task, close database connections past DATABASE_CONN_MAX_AGE or
    broken by an error, as Django does around a request (CELERY_DB_REUSE_MAX in settings says
    why). Not for eager tasks: they run inside a request or a caller's transaction."""
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


@worker_init.connect
def warm_up_pipeline(**kwargs: Any) -> None:
    """When a worker starts (before its pool, so prefork children share it): load what the
    HTML cleaner and the quote engine load on first use, a third of a second that the first
    article would otherwise wait. Never stops the worker: the first article loads it then."""
    try:
        from quotes.extraction import warm_up as engine_warm_up
        from sources.cleaning import warm_up as cleaning_warm_up

        cleaning_warm_up()
        engine_warm_up()
    except Exception:
        logger.warning("warming up the pipeline failed; the first article will load it", exc_info=True)
