"""The ClaimReview feed's stamp: a random value in the cache, replaced whenever a row the feed
shows besides the claims changes (a claimant, an article, its source, a rating, an appearance).

The feed's pages are cached per version (quotes.selectors.api.claimreview_feed_version), and
the version includes this stamp, so a renamed claimant or a relabelled rating shows at once.
Writes that bypass signals (``QuerySet.update``) are caught by the cached pages' expiry
(quotes.api.views.public.FEED_CACHE_SECONDS). The cache must be shared by all web processes
(CACHE_URL) for other processes to see the new stamp at once.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache
from django.db import transaction

STAMP_KEY = "claimreview-feed-stamp"
# Filled by quotes.apps: the models whose new rows no published claim can show yet.
NOT_SHOWN_WHEN_NEW: set[type] = set()


def feed_stamp() -> str:
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        # First use, or evicted: a new random stamp, so no page cached before can match it.
        cache.add(STAMP_KEY, uuid.uuid4().hex, timeout=None)
        stamp = cache.get(STAMP_KEY)
    return str(stamp)


def feed_stamp_renew() -> None:
    cache.set(STAMP_KEY, uuid.uuid4().hex, timeout=None)


def on_feed_row_changed(sender: Any, created: bool = False, **kwargs: Any) -> None:
    """Signal receiver (quotes.apps): renew the stamp now, and again once the write commits (a
    page built meanwhile from the uncommitted state must not outlive it). A new speaker,
    article, source or claim is not in the feed until a published claim names it (that
    claim's publication or new appearance renews the stamp), so creating one renews nothing."""
    if created and sender in NOT_SHOWN_WHEN_NEW:
        return
    feed_stamp_renew()
    transaction.on_commit(feed_stamp_renew)
