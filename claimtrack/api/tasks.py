"""Periodic upkeep of the API's response cache and throttle counts (scheduled in sources'
setup_periodic_tasks)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def data_version_compact() -> int:
    """Fold the data version's write log into its base count (claimtrack/api/data_version.py)."""
    from claimtrack.api.data_version import data_version_compact as compact

    return compact()


@shared_task
def throttle_counts_prune() -> int:
    """Delete the per-token request counts of throttle windows that have ended."""
    from claimtrack.api.throttle_counts import throttle_counts_prune as prune

    return prune()
