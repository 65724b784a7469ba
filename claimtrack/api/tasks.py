"""Periodic upkeep of the API's response cache (scheduled in sources' setup_periodic_tasks)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def data_version_compact() -> int:
    """Fold the data version's write log into its base count (claimtrack/api/data_version.py)."""
    from claimtrack.api.data_version import data_version_compact as compact

    return compact()
