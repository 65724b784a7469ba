"""Writes for articles: creation from text and files, extraction claims."""

from __future__ import annotations

import logging
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claimtrack.errors import ApplicationError
from claimtrack.queueing import enqueue_on_commit
from sources.content import content_hash
from sources.documents import DocumentError, parse_document
from sources.models import Article, Feed, Source
from sources.selectors import (
    article_original_by_content_hash,
)

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
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text; refuse rather than change the article.
        raise ArticleInputError(
            f"the text contains a NUL character (at character {text.index(chr(0)) + 1}), "
            "which cannot be stored; remove it and submit again"
        )
    # The raw HTML is kept for reference only (quotes point into ``text``).
    raw_html = raw_html.replace("\x00", "\ufffd")
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

        enqueue_on_commit(article_extract_quotes_task, article.pk)
    return article


def _read_file_capped(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file, or a clear ArticleInputError.

    The file is opened first and checked through its descriptor (no race with a swap),
    non-blocking so that a FIFO cannot hang the caller; devices (a symlink to /dev/zero),
    FIFOs, sockets and folders are refused before anything is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ArticleInputError("no such file") from None
    except IsADirectoryError:
        raise ArticleInputError("this is a folder, not a file") from None
    except OSError as exc:
        raise ArticleInputError(f"cannot read the file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb", buffering=0) as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ArticleInputError(
                f"not a regular file ({_file_kind(mode)}); only .txt and .html files are read"
            )
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ArticleInputError(f"cannot read the file ({exc.strerror or exc})") from None
    if data is None or len(data) > limit:
        raise ArticleInputError(f"the file is larger than the {limit} byte limit (ARTICLE_MAX_FILE_BYTES)")
    return data


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a plain file")


def article_create_from_file(
    *, path: Path, source: Source | None = None, enqueue_extraction: bool = True
) -> Article:
    """Create an article from a local .txt or .html file (at most ARTICLE_MAX_FILE_BYTES)."""
    data = _read_file_capped(path, settings.ARTICLE_MAX_FILE_BYTES)
    try:
        document = parse_document(data, filename=path.name)
    except DocumentError as exc:
        raise ArticleInputError(str(exc)) from None
    return article_create(
        text=document.text,
        title=document.title,
        byline=document.byline,
        raw_html=document.raw_html,
        published_at=document.published_at,
        language=document.language,
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
            | stale_claim_q(Article.Status.EXTRACTING)
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


# --- ingestion: URLs, fetching, feeds --------------------------------------------------------


def _claim_lease() -> timedelta:
    # A claim older than this belongs to a worker that died: the task's hard time limit
    # has passed, so no live worker can still be working on it.
    return timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS)


def stale_claim_q(status: str) -> Q:
    return Q(status=status, updated_at__lt=timezone.now() - _claim_lease())
