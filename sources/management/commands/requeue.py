"""``python manage.py requeue``: queue failed or stuck articles again.

Failed articles and articles whose worker died (a claim older than the lease) go back
to the step they need: fetching for URL articles without text, extraction otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sources.selectors import article_list_requeueable
from sources.services import article_requeue


class Command(BaseCommand):
    help = "Re-queue failed and stuck articles (fetch or extraction, as each needs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="only these article ids")
        parser.add_argument("--failed", action="store_true", help="only failed articles")
        parser.add_argument("--stuck", action="store_true", help="only stuck articles")
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        both = not options["failed"] and not options["stuck"]
        articles = article_list_requeueable(failed=both or options["failed"], stuck=both or options["stuck"])
        if options["ids"]:
            articles = articles.filter(pk__in=options["ids"])
        counts = {"fetch": 0, "extract": 0, "": 0}
        for article in articles.iterator():
            label = f"article #{article.pk} ({article.status})"
            if options["dry_run"]:
                self.stdout.write(f"would re-queue {label}: {article.error[:100]}")
                continue
            step = article_requeue(article=article)
            counts[step] += 1
            self.stdout.write(f"{label}: {'re-queued for ' + step if step else 'busy, skipped'}")
        if not options["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Re-queued {counts['fetch']} for fetching and {counts['extract']} for "
                    f"extraction; {counts['']} skipped."
                )
            )
