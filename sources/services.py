"""Writes for sources and articles."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claimtrack.errors import ApplicationError
from sources.cleaning import CleanedArticle, clean_html, clean_pasted
from sources.content import content_hash
from sources.documents import DocumentError, parse_document
from sources.feeds import poll_feed
from sources.fetching import (
    FetchedPage,
    FetchError,
    PermanentFetchError,
    TransientFetchError,
    fetch_html,
    policy_from_settings,
)
from sources.models import Article, Feed, Source
from sources.selectors import (
    article_list_requeueable,
    article_original_by_content_hash,
    feed_is_due,
    feed_list_due,
)
from sources.urls import InvalidURLError, canonicalize_url

logger = logging.getLogger(__name__)


class ArticleInputError(ApplicationError):
    """The input cannot become an article (empty, binary, too large, unreadable)."""


class ArticleDuplicateError(ApplicationError):
    """The article is already in the database (same canonical URL or same normalised text)."""

    def __init__(self, message: str, *, original: Article) -> None:
        super().__init__(message, extra={"original_id": original.pk})
        self.original = original


@transaction.atomic
def article_create(
    *,
    text: str,
    title: str = "",
    raw_html: str = "",
    url: str | None = None,
    original_url: str = "",
    origin: str = "",
    source: Source | None = None,
    feed: Feed | None = None,
    byline: str = "",
    published_at: datetime | None = None,
    language: str = "",
    link_duplicate: bool = False,
    enqueue_extraction: bool = True,
) -> Article:
    """Create an article from its clean text and queue quote extraction after commit.

    A text already in the database raises ArticleDuplicateError, unless ``link_duplicate``
    is set: then the copy is stored with status ``duplicate`` linked to the first copy and
    is not extracted (syndicated copies from feeds).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleInputError("the article has no text")
    if len(text) > settings.ARTICLE_MAX_CHARS:
        raise ArticleInputError(
            f"the article is too long ({len(text)} characters, limit {settings.ARTICLE_MAX_CHARS})"
        )
    url = url or None
    if url is not None:
        existing = Article.objects.filter(url=url).first()
        if existing is not None:
            raise ArticleDuplicateError(f"duplicate of article #{existing.pk} (same URL)", original=existing)
    digest = content_hash(text)
    original = article_original_by_content_hash(content_hash=digest)
    if original is not None and not link_duplicate:
        raise ArticleDuplicateError(f"duplicate of article #{original.pk} (same text)", original=original)
    article = Article(
        text=text,
        title=title[:1000],
        raw_html=raw_html,
        url=url,
        original_url=original_url[:2000],
        origin=origin[:1000],
        source=source,
        feed=feed,
        byline=byline[:500],
        published_at=published_at,
        language=language[:16],
        content_hash=digest,
        duplicate_of=original,
        status=Article.Status.DUPLICATE if original else Article.Status.FETCHED,
        fetched_at=timezone.now(),
    )
    article.full_clean()
    article.save()
    if enqueue_extraction and article.status == Article.Status.FETCHED:
        from quotes.tasks import article_extract_quotes as article_extract_quotes_task

        article_extract_quotes_task.delay_on_commit(article.pk)  # type: ignore[attr-defined]
    return article


def article_create_from_file(
    *, path: Path, source: Source | None = None, enqueue_extraction: bool = True
) -> Article:
    """Create an article from a local .txt or .html file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleInputError("no such file") from None
    except OSError as exc:
        raise ArticleInputError(f"cannot read the file ({exc.strerror or exc})") from None
    try:
        document = parse_document(data, filename=path.name)
    except DocumentError as exc:
        raise ArticleInputError(str(exc)) from None
    return article_create(
        text=document.text,
        title=document.title,
        byline=document.byline,
        raw_html=document.raw_html,
        origin=f"file:{path}",
        source=source,
        enqueue_extraction=enqueue_extraction,
    )


def article_claim_for_extraction(*, article_id: int) -> bool:
    """Move the article to ``extracting`` if it is ready; False when another run has it.

    A conditional update is the lock: of two deliveries of the same task, only one wins.
    A claim older than the lease (ARTICLE_CLAIM_LEASE_SECONDS) was left by a worker that
    died mid-article, and is taken over.
    """
    claimed = (
        Article.objects.filter(pk=article_id)
        .filter(
            Q(status__in=[Article.Status.QUEUED, Article.Status.FETCHED])
            | _stale_claim(Article.Status.EXTRACTING)
        )
        .exclude(text="")
        .update(
            status=Article.Status.EXTRACTING,
            attempts=F("attempts") + 1,
            updated_at=timezone.now(),
        )
    )
    return claimed == 1


def article_release_claim(*, article_id: int, error: str) -> None:
    """Give an article back (``fetched``) after a transient failure, so a retry can claim it."""
    Article.objects.filter(pk=article_id, status=Article.Status.EXTRACTING).update(
        status=Article.Status.FETCHED, error=error[:10_000], updated_at=timezone.now()
    )


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:10_000], updated_at=timezone.now()
    )


@transaction.atomic
def article_requeue_extraction(*, article: Article) -> bool:
    """Queue extraction again (e.g. after an engine upgrade or a failure). False if not possible."""
    requeued = (
        Article.objects.filter(
            pk=article.pk,
            status__in=[Article.Status.EXTRACTED, Article.Status.FAILED, Article.Status.FETCHED],
        )
        .exclude(text="")
        .update(status=Article.Status.FETCHED, error="", updated_at=timezone.now())
    )
    if requeued:
        from quotes.tasks import article_extract_quotes as article_extract_quotes_task

        article_extract_quotes_task.delay_on_commit(article.pk)  # type: ignore[attr-defined]
    return requeued == 1


# --- ingestion: URLs, fetching, feeds --------------------------------------------------------


def _claim_lease() -> timedelta:
    # A claim older than this belongs to a worker that died: the task's hard time limit
    # has passed, so no live worker can still be working on it.
    return timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS)


def _stale_claim(status: str) -> Q:
    return Q(status=status, updated_at__lt=timezone.now() - _claim_lease())


def article_create_from_url(
    *,
    url: str,
    source: Source | None = None,
    feed: Feed | None = None,
    title: str = "",
    published_at: datetime | None = None,
) -> tuple[Article, bool]:
    """Register an article by URL and queue its fetch after commit.

    Returns (article, created). A URL already known (same canonical form) returns the
    existing row and queues nothing, so feeds and users can submit the same link twice.
    """
    try:
        canonical = canonicalize_url(url)
    except InvalidURLError as exc:
        raise ArticleInputError(str(exc)) from None
    with transaction.atomic():
        # get_or_create retries the get on IntegrityError: two polls racing on one link
        # end with one row.
        article, created = Article.objects.get_or_create(
            url=canonical,
            defaults={
                "original_url": url.strip()[:2000],
                "source": source or (feed.source if feed else None),
                "feed": feed,
                "title": title[:1000],
                "published_at": published_at,
                "origin": "feed" if feed else "url",
                "status": Article.Status.QUEUED,
            },
        )
        if created:
            from sources.tasks import article_fetch as article_fetch_task

            article_fetch_task.delay_on_commit(article.pk)  # type: ignore[attr-defined]
    return article, created


def article_create_from_pasted(
    *,
    content: str,
    title: str = "",
    url: str = "",
    source: Source | None = None,
    origin: str = "paste",
) -> Article:
    """An article from text or HTML pasted by an editor; extraction is queued after commit."""
    cleaned = clean_pasted(content, url=url or None)
    canonical = None
    if url:
        try:
            canonical = canonicalize_url(url)
        except InvalidURLError as exc:
            raise ArticleInputError(str(exc)) from None
    is_html = cleaned.extractor != "plain"
    return article_create(
        text=cleaned.text,
        title=title or cleaned.title,
        byline=cleaned.byline,
        published_at=cleaned.published_at,
        language=cleaned.language,
        raw_html=content if is_html else "",
        url=canonical,
        original_url=url,
        origin=origin,
        source=source,
    )


def article_claim_for_fetch(*, article_id: int) -> bool:
    """Move a queued article to ``fetching``; False when another delivery has it.

    A claim left behind by a dead worker (older than the lease) can be taken over.
    """
    claimed = (
        Article.objects.filter(pk=article_id)
        .filter(Q(status=Article.Status.QUEUED) | _stale_claim(Article.Status.FETCHING))
        .filter(url__isnull=False)
        .update(status=Article.Status.FETCHING, attempts=F("attempts") + 1, updated_at=timezone.now())
    )
    return claimed == 1


def article_release_fetch(*, article_id: int, error: str) -> None:
    """Give the article back (``queued``, error noted) after a transient failure."""
    Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).update(
        status=Article.Status.QUEUED, error=error[:10_000], updated_at=timezone.now()
    )


def _store_fetched(*, article_id: int, page: FetchedPage, cleaned: CleanedArticle) -> Article | None:
    """Save the fetched text, linking it to an earlier copy with the same content hash.

    Returns the article, or None when the claim was lost meanwhile. The partial unique
    constraint on content_hash makes two copies racing here end as original + duplicate.
    """
    digest = content_hash(cleaned.text)
    for _ in range(2):
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=article_id)
                if article.status != Article.Status.FETCHING:
                    return None
                original = (
                    Article.objects.filter(content_hash=digest, duplicate_of__isnull=True)
                    .exclude(pk=article_id)
                    .exclude(status=Article.Status.DUPLICATE)
                    .order_by("id")
                    .first()
                )
                article.text = cleaned.text
                article.raw_html = page.html
                article.title = (cleaned.title or article.title)[:1000]
                article.byline = cleaned.byline[:500]
                article.published_at = cleaned.published_at or article.published_at
                article.language = cleaned.language[:16]
                article.content_hash = digest
                article.duplicate_of = original
                article.status = Article.Status.DUPLICATE if original else Article.Status.FETCHED
                article.error = ""
                article.fetched_at = timezone.now()
                article.full_clean(validate_unique=False)
                article.save()
                if article.status == Article.Status.FETCHED:
                    from quotes.tasks import article_extract_quotes as article_extract_quotes_task

                    article_extract_quotes_task.delay_on_commit(article.pk)  # type: ignore[attr-defined]
                return article
        except IntegrityError:
            # Another copy with the same text became the original between our read
            # and our write: go round once more and link to it.
            continue
    raise ArticleInputError("could not store the article (content hash conflict)")


def article_fetch(*, article_id: int, final_attempt: bool = False) -> Article | None:
    """Fetch, clean and store one queued article; then its extraction is queued.

    Duplicate deliveries return None without doing anything. Permanent errors (404, not
    HTML, refused address, no main text) are recorded on the row as ``failed``. Transient
    errors give the article back to the queue and are re-raised for the task to retry,
    unless ``final_attempt``: then they are recorded as ``failed`` too.
    """
    if not article_claim_for_fetch(article_id=article_id):
        return None
    url = Article.objects.values_list("url", flat=True).get(pk=article_id) or ""
    try:
        page = fetch_html(url, policy=policy_from_settings())
        cleaned = clean_html(page.html, url=page.url)
        if not cleaned.text:
            raise PermanentFetchError("no main text found on the page", url=page.url)
        if len(cleaned.text) > settings.ARTICLE_MAX_CHARS:
            raise PermanentFetchError(
                f"the article is too long ({len(cleaned.text)} characters)", url=page.url
            )
    except TransientFetchError as exc:
        if final_attempt:
            article_mark_failed(article_id=article_id, error=f"gave up after retries: {exc}")
            return None
        article_release_fetch(article_id=article_id, error=str(exc))
        raise
    except PermanentFetchError as exc:
        article_mark_failed(article_id=article_id, error=str(exc))
        return None
    return _store_fetched(article_id=article_id, page=page, cleaned=cleaned)


def article_requeue(*, article: Article) -> str:
    """Queue a failed or stuck article again from the step it needs.

    Returns what was done: "fetch", "extract" or "" (nothing: busy, done or a duplicate).
    Articles with text go back to extraction; URL articles without text to fetching.
    """
    now = timezone.now()
    requeueable = Q(status__in=[Article.Status.FAILED, Article.Status.QUEUED]) | _stale_claim(
        Article.Status.FETCHING
    )
    with transaction.atomic():
        if article.text:
            step = "extract"
            moved = (
                Article.objects.filter(pk=article.pk)
                .filter(
                    requeueable | Q(status=Article.Status.FETCHED) | _stale_claim(Article.Status.EXTRACTING)
                )
                .update(status=Article.Status.FETCHED, error="", updated_at=now)
            )
        elif article.url:
            step = "fetch"
            moved = (
                Article.objects.filter(pk=article.pk)
                .filter(requeueable)
                .update(status=Article.Status.QUEUED, error="", updated_at=now)
            )
        else:
            return ""
        if not moved:
            return ""
        if step == "extract":
            from quotes.tasks import article_extract_quotes as article_extract_quotes_task

            article_extract_quotes_task.delay_on_commit(article.pk)  # type: ignore[attr-defined]
        else:
            from sources.tasks import article_fetch as article_fetch_task

            article_fetch_task.delay_on_commit(article.pk)  # type: ignore[attr-defined]
    return step


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
    Source.objects.filter(pk=feed.source_id).update(
        last_polled_at=now, last_error=error[:10_000], updated_at=now
    )


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
    for entry in result.feed.entries:
        _, created = article_create_from_url(
            url=entry.url,
            feed=feed,
            source=feed.source,
            title=entry.title,
            published_at=entry.published_at,
        )
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


def articles_requeue_stuck() -> dict[str, int]:
    """Re-queue only stuck articles (failed ones wait for a person to decide)."""
    counts = {"fetch": 0, "extract": 0, "skipped": 0}
    for article in article_list_requeueable(failed=False, stuck=True).iterator():
        step = article_requeue(article=article)
        counts[step or "skipped"] += 1
    return counts


def feed_enqueue_poll(*, feed: Feed) -> None:
    """Queue a poll of one feed now, due or not (admin "poll now")."""
    from sources.tasks import feed_poll as feed_poll_task

    feed_poll_task.delay_on_commit(feed.pk, force=True)  # type: ignore[attr-defined]
