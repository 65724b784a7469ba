"""``python manage.py ingest PATH...``: files and folders of .txt/.html become articles.

Each new article's quote extraction runs through the Celery task (in-process when no broker
is configured). Bad input is reported and skipped without changing anything else; the
command exits non-zero when any input failed. Duplicates are reported and skipped, and do
not count as failures, so that running it twice is harmless.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sources.documents import SUPPORTED_SUFFIXES
from sources.models import Article
from sources.services import (
    ArticleDuplicateError,
    ArticleInputError,
    article_create_from_file,
    article_submit,
)

# "scheme://..." of any scheme, or a scheme that never names a local file (data:, mailto:...).
_URL_LIKE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|(?:data|javascript|mailto|file|about|blob):)", re.IGNORECASE
)


def is_url(value: str) -> bool:
    """True for anything written as a URL, whatever its scheme: those go to the URL
    service, which refuses schemes other than http and https as such (a file:// URL is
    not read as a path)."""
    return bool(_URL_LIKE.match(value.strip()))


def ingest_url(url: str) -> Article:
    """Register the URL; a worker (or, without a broker, this process) fetches it."""
    submission = article_submit(url=url, origin="command")
    if not submission.queued:
        raise ArticleDuplicateError(
            f"duplicate of article #{submission.article.pk} (same URL)", original=submission.article
        )
    return submission.article


class Command(BaseCommand):
    help = "Ingest article files (.txt, .html) or folders of them, and extract their quotes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")

    def _expand(self, arg: str) -> list[str]:
        if is_url(arg):
            return [arg]
        path = Path(arg)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not files:
                self.stderr.write(f"{arg}: no .txt or .html files in this folder")
            return [str(p) for p in files]
        return [arg]

    def handle(self, *args: Any, **options: Any) -> None:
        items = [item for arg in options["paths"] for item in self._expand(arg)]
        empty_dirs = sum(1 for arg in options["paths"] if Path(arg).is_dir() and not self._expand(arg))
        counts = {"created": 0, "duplicate": 0, "failed": empty_dirs, "quotes": 0}
        total = len(items)
        for n, item in enumerate(items, start=1):
            prefix = f"[{n}/{total}] {item}"
            try:
                article = ingest_url(item) if is_url(item) else article_create_from_file(path=Path(item))
            except ArticleDuplicateError as exc:
                counts["duplicate"] += 1
                self.stdout.write(f"{prefix}: skipped, {exc.message}")
                continue
            except ArticleInputError as exc:
                counts["failed"] += 1
                self.stderr.write(self.style.ERROR(f"{prefix}: failed, {exc.message}"))
                continue
            counts["created"] += 1
            article.refresh_from_db()
            quotes = article.quotes.count()
            counts["quotes"] += quotes
            if article.status == Article.Status.FAILED:
                counts["failed"] += 1
                step = "extraction" if article.text else "fetch"
                self.stderr.write(
                    self.style.ERROR(
                        f"{prefix}: article #{article.pk} created, {step} failed: {article.error}"
                    )
                )
            elif article.status == Article.Status.EXTRACTED:
                self.stdout.write(f"{prefix}: article #{article.pk} created, {quotes} quote candidates")
            else:
                self.stdout.write(f"{prefix}: article #{article.pk} created, queued for extraction")
        summary = (
            f"Ingested {total} input(s): {counts['created']} created, "
            f"{counts['duplicate']} duplicate(s) skipped, {counts['failed']} failed, "
            f"{counts['quotes']} quote candidates."
        )
        if counts["failed"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
