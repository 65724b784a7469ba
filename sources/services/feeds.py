"""Writes for feeds: polling (conditional GET) and queueing new entries."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils import timezone

from claimtrack.queueing import enqueue_on_commit
from sources.feeds import poll_feed
from sources.fetching import FetchError, policy_from_settings
from sources.models import Article, Feed, Source
from sources.selectors import feed_is_due, feed_list_due
from sources.services.articles import ArticleInputError
from sources.services.ingest import article_create_from_url
from sources.urls import InvalidURLError, canonicalize_url


@dataclass
class FeedPollOutcome:
    created: int = 0
    known: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _feed_record(*, feed: Feed, error: str, **fields: Any) -> None:
    now = timezone.now()
    Feed.objects.filter(pk=feed.pk).update(last_error=error[:10_000], updated_at=now, **fields)
    # The source shows the latest poll of any of its feeds, naming the feed on error.
    source_error = f"{feed.url}: {error}" if error else ""
    Source.objects.filter(pk=feed.source_id).update(
        last_polled_at=now, last_error=source_error[:10_000], updated_at=now
    )


def _known_urls(urls: list[str]) -> set[str]:
    """The links among ``urls`` (as the feed gives them) whose article is already stored."""
    canonical: dict[str, str] = {}
    for url in urls:
        try:
            canonical[canonicalize_url(url)] = url
        except InvalidURLError:
            continue  # article_create_from_url says why, and the entry is counted as skipped
    stored = Article.objects.filter(url__in=list(canonical)).values_list("url", flat=True)
    return {canonical[url] for url in stored if url is not None}


def feed_poll(*, feed_id: int, force: bool = False) -> FeedPollOutcome | None:
    """Poll one feed (conditional GET) and queue its new articles.

    Returns None when the feed is not due (or another poll just took it). Fetch and
    parse errors are recorded on the feed and its source, never raised: the next
    scheduled poll is the retry.
    """
    feed = Feed.objects.select_related("source").get(pk=feed_id)
    now = timezone.now()
    if not force and not feed_is_due(feed=feed, now=now):
        return None
    # Optimistic lock: of two polls of the same feed, only the first moves last_polled_at.
    if not Feed.objects.filter(pk=feed.pk, last_polled_at=feed.last_polled_at).update(last_polled_at=now):
        return None
    try:
        result = poll_feed(
            feed.url,
            policy=policy_from_settings(),
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
    except FetchError as exc:
        _feed_record(feed=feed, error=str(exc))
        return FeedPollOutcome(error=str(exc))
    if result.not_modified or result.feed is None:
        _feed_record(feed=feed, error="", etag=result.etag[:500], last_modified=result.last_modified[:100])
        return FeedPollOutcome(not_modified=True)
    outcome = FeedPollOutcome(skipped=result.feed.skipped)
    # A feed lists mostly links seen at the last poll: those are found in one query.
    known = _known_urls([entry.url for entry in result.feed.entries])
    for entry in result.feed.entries:
        if entry.url in known:
            outcome.known += 1
            continue
        try:
            _, created = article_create_from_url(
                url=entry.url,
                feed=feed,
                source=feed.source,
                title=entry.title,
                published_at=entry.published_at,
            )
        except ArticleInputError:
            # One unusable link must not cost the feed its other entries.
            outcome.skipped += 1
            continue
        if created:
            outcome.created += 1
        else:
            outcome.known += 1
    _feed_record(
        feed=feed,
        error=result.feed.warning,
        etag=result.etag[:500],
        last_modified=result.last_modified[:100],
        title=(result.feed.title or feed.title)[:500],
    )
    return outcome


def feeds_enqueue_due() -> int:
    """Queue a poll task for each due feed (the beat task's work)."""
    from sources.tasks import feed_poll as feed_poll_task

    due = feed_list_due(now=timezone.now())
    for feed in due:
        feed_poll_task.delay(feed.pk)
    return len(due)


def feed_enqueue_poll(*, feed: Feed) -> None:
    """Queue a poll of one feed now, due or not (admin "poll now")."""
    from sources.tasks import feed_poll as feed_poll_task

    enqueue_on_commit(feed_poll_task, feed.pk, force=True)
