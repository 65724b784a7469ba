"""The reviewer's remembered review-queue order and filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from claimtrack.errors import ApplicationError
from quotes.models import ReviewQueuePreference
from quotes.selectors.queue import QUEUE_ORDERS, QueueFilters

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def queue_preference_set(*, user: User, order: str, filters: QueueFilters) -> ReviewQueuePreference:
    if order not in QUEUE_ORDERS:
        raise ApplicationError(f"Unknown order {order!r}; choose one of: {', '.join(QUEUE_ORDERS)}.")
    pref, _created = ReviewQueuePreference.objects.select_for_update().get_or_create(user=user)
    pref.order = order
    pref.filters = filters.as_dict()
    pref.full_clean()
    pref.save()
    return pref
