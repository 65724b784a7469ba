"""Writes for ingestion: articles from URLs and pasted input, fetching, re-queueing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claimtrack.queueing import enqueue_on_commit
from sources.cleaning import CleanedArticle, CleaningTooSlowError, clean_html, clean_pasted
from sources.content import content_hash
from sources.fetching import (
    FetchedPage,
    PermanentFetchError,
    TransientFetchError,
    fetch_html,
    policy_from_settings,
)
from sources.models import Article, Feed, Source
from sources.selectors import article_list_requeueable
from sources.services.articles import (
    ArticleInputError,
    article_create,
    article_mark_failed,
    stale_claim_q,
)
from sources.urls import InvalidURLError, canonicalize_url


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
    # get_or_create's steps, without its savepoint and transaction around the read (two
    # queries for a new link instead of four, one for a known link): read; if missing,
    # insert; on IntegrityError read again: two polls racing on one link end with one row.
    known = Article.objects.filter(url=canonical).first()
    if known is not None:
        return known, False
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=canonical,
                original_url=url.strip()[:2000],
                source=source or (feed.source if feed else None),
                feed=feed,
                title=title[:1000],
                published_at=published_at,
                origin="feed" if feed else "url",
                status=Article.Status.QUEUED,
            )
            from sources.tasks import article_fetch as article_fetch_task

            enqueue_on_commit(article_fetch_task, article.pk)
    except IntegrityError:
        known = Article.objects.filter(url=canonical).first()
        if known is None:
            raise  # not the race on the URL: the original error
        return known, False
    return article, True


def article_submit_url(*, url: str, source: Source | None = None, title: str = "") -> tuple[Article, bool]:
    """A person's submission of a URL; returns (article, queued).

    Like ``article_create_from_url``, but a known URL whose fetch or extraction
    failed is queued again: submitting it anew is how a user retries. Feed polls
    keep calling ``article_create_from_url``, so a dead link is not retried on
    every poll.
    """
    article, created = article_create_from_url(url=url, source=source, title=title)
    if created:
        return article, True
    if article.status == Article.Status.FAILED and article_requeue(article=article):
        article.refresh_from_db(fields=["status", "error", "updated_at"])
        return article, True
    return article, False


@dataclass(frozen=True)
class ArticleSubmission:
    article: Article
    queued: bool  # False: a URL already known (and not failed); nothing was queued
    by_url: bool


def article_submit(
    *,
    url: str = "",
    content: str = "",
    title: str = "",
    source: Source | None = None,
    origin: str = "paste",
) -> ArticleSubmission:
    """A person's submission, by URL or by pasted text/HTML: the one entry point for the
    admin's form, the API and ``manage.py ingest``.

    A URL is registered and fetched by a worker (a known, failed URL is queued again);
    text is cleaned, deduplicated and its extraction queued. Raises ArticleInputError
    (unusable input, e.g. a file:// URL) or ArticleDuplicateError (same text).
    """
    if url.strip():
        article, queued = article_submit_url(url=url, source=source, title=title)
        return ArticleSubmission(article=article, queued=queued, by_url=True)
    if not content.strip():
        raise ArticleInputError("give a URL or the article's text")
    article = article_create_from_pasted(content=content, title=title, source=source, origin=origin)
    return ArticleSubmission(article=article, queued=True, by_url=False)


def article_create_from_pasted(
    *,
    content: str,
    title: str = "",
    url: str = "",
    source: Source | None = None,
    origin: str = "paste",
) -> Article:
    """An article from text or HTML pasted by an editor; extraction is queued after commit."""
    try:
        cleaned = clean_pasted(content, url=url or None, budget=settings.ARTICLE_CLEAN_BUDGET_SECONDS)
    except CleaningTooSlowError as exc:
        raise ArticleInputError(str(exc)) from None
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
        .filter(Q(status=Article.Status.QUEUED) | stale_claim_q(Article.Status.FETCHING))
        .filter(url__isnull=False)
        .update(status=Article.Status.FETCHING, attempts=F("attempts") + 1, updated_at=timezone.now())
    )
    return claimed == 1


def article_release_fetch(*, article_id: int, error: str) -> None:
    """Give the article back (``queued``, error noted) after a transient failure."""
    Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).update(
        status=Article.Status.QUEUED, error=error[:10_000], updated_at=timezone.now()
    )


def _store_fetched(
    *, article_id: int, page: FetchedPage, cleaned: CleanedArticle, enqueue_extraction: bool = True
) -> Article | None:
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
                # Only its id: the link is all that is written (not the other copy's text and HTML).
                original = (
                    Article.objects.filter(content_hash=digest, duplicate_of__isnull=True)
                    .exclude(pk=article_id)
                    .exclude(status=Article.Status.DUPLICATE)
                    .order_by("id")
                    .values_list("pk", flat=True)
                    .first()
                )
                article.text = cleaned.text
                article.raw_html = page.html
                article.title = (cleaned.title or article.title)[:1000]
                article.byline = cleaned.byline[:500]
                article.published_at = cleaned.published_at or article.published_at
                article.language = cleaned.language[:16]
                article.content_hash = digest
                article.duplicate_of_id = original
                article.status = Article.Status.DUPLICATE if original is not None else Article.Status.FETCHED
                article.error = ""
                article.fetched_at = timezone.now()
                # Field validation only: the constraints (not its own duplicate, a duplicate
                # has an original, one original per hash) hold by construction above, the
                # database enforces them on save, and checking each in Python costs a query.
                # So do the foreign keys: source and feed are the row's own, duplicate_of was
                # just read (a query each to check them again).
                article.full_clean(
                    exclude=["source", "feed", "duplicate_of"],
                    validate_unique=False,
                    validate_constraints=False,
                )
                article.save()
                if enqueue_extraction and article.status == Article.Status.FETCHED:
                    from quotes.tasks import article_extract_quotes as article_extract_quotes_task

                    enqueue_on_commit(article_extract_quotes_task, article.pk)
                return article
        except IntegrityError:
            # Another copy with the same text became the original between our read
            # and our write: go round once more and link to it.
            continue
    raise ArticleInputError("could not store the article (content hash conflict)")


def article_fetch(
    *, article_id: int, final_attempt: bool = False, enqueue_extraction: bool = True
) -> Article | None:
    """Fetch, clean and store one queued article; then its extraction is queued (unless
    ``enqueue_extraction`` is False: the caller extracts it, see ``article_fetch_and_extract``).

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
        try:
            cleaned = clean_html(page.html, url=page.url, budget=settings.ARTICLE_CLEAN_BUDGET_SECONDS)
        except CleaningTooSlowError as exc:
            raise PermanentFetchError(str(exc), url=page.url) from None
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
    try:
        return _store_fetched(
            article_id=article_id, page=page, cleaned=cleaned, enqueue_extraction=enqueue_extraction
        )
    except (ValidationError, ArticleInputError) as exc:
        article_mark_failed(article_id=article_id, error=f"cannot store the article: {exc}")
        return None


def article_fetch_and_extract(*, article_id: int, final_attempt: bool = False) -> Article | None:
    """What a fetch task does: fetch, clean and store the article, then extract its quotes in
    the same worker, without queueing a second task.

    The two steps keep their own claims, statuses, errors and budgets (``fetching`` ->
    ``fetched`` -> ``extracting`` -> ``extracted``); going through the queue between them
    only cost a round trip to the broker and a task (a sixth of a worker's time). Fetch
    errors are raised or recorded as by ``article_fetch``. If the database fails during the
    extraction, the article is handed to the extraction task, which retries with backoff
    (``article_extraction_handoff``).
    """
    from quotes.services import article_extraction_handoff

    article = article_fetch(article_id=article_id, final_attempt=final_attempt, enqueue_extraction=False)
    if article is None or article.status != Article.Status.FETCHED:
        return article
    article_extraction_handoff(article_id=article_id)
    article.refresh_from_db(fields=["status", "error", "extractor_version", "extracted_at", "updated_at"])
    return article


def article_requeue(*, article: Article, rerun_extracted: bool = False) -> str:
    """Queue a failed or stuck article again from the step it needs: the one re-queue.

    Returns what was done: "fetch", "extract" or "" (nothing: busy, done or a duplicate).
    Articles with text go back to extraction; URL articles without text to fetching.
    ``rerun_extracted`` also sends extracted articles back (a new engine version).
    """
    now = timezone.now()
    requeueable = Q(status__in=[Article.Status.FAILED, Article.Status.QUEUED]) | stale_claim_q(
        Article.Status.FETCHING
    )
    with transaction.atomic():
        if article.text:
            step = "extract"
            extractable = (
                requeueable | Q(status=Article.Status.FETCHED) | stale_claim_q(Article.Status.EXTRACTING)
            )
            if rerun_extracted:
                extractable |= Q(status=Article.Status.EXTRACTED)
            moved = (
                Article.objects.filter(pk=article.pk)
                .filter(extractable)
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

            enqueue_on_commit(article_extract_quotes_task, article.pk)
        else:
            from sources.tasks import article_fetch as article_fetch_task

            enqueue_on_commit(article_fetch_task, article.pk)
    return step


def articles_requeue_stuck() -> dict[str, int]:
    """Re-queue only stuck articles (failed ones wait for a person to decide)."""
    counts = {"fetch": 0, "extract": 0, "skipped": 0}
    for article in article_list_requeueable(failed=False, stuck=True).iterator():
        step = article_requeue(article=article)
        counts[step or "skipped"] += 1
    return counts
