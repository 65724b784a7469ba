"""The Celery app. Configuration comes from Django settings (prefix ``CELERY_``)."""

import os
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
