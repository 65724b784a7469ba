"""``python manage.py match_claims [--against FILE] < statements.jsonl``

Reads one ``{"id": ..., "text": ...}`` object per line from stdin and prints, for each, one
line ``{"id": ..., "matches": [{"claim": ID, "score": S, "level": "same"|"related",
"reasons": [...]}]}``, best first, at most five. Without ``--against`` it matches the
database's claims (their statements, and the approved quotes that carry them); with
``--against FILE`` it matches the claims listed in FILE (``{"id", "text"}`` per line) and
touches no database rows. A bad line is reported on stderr and skipped; the exit status is
1 when any line was bad.
"""

from __future__ import annotations

import io
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.matching.cli import MAX_MATCHES, against_file, match_lines


class Command(BaseCommand):
    stealth_options = ("stdin",)  # call_command(..., stdin=...) in tests
    help = "Match statements (JSON lines on stdin) against the claims in the database or in --against FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--against", metavar="FILE", help='claims to match against, one {"id", "text"} per line'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from quotes.matching.selectors import claim_match_text, matching_thresholds

        thresholds = matching_thresholds()
        if options["against"]:
            try:
                matcher = against_file(options["against"], thresholds, self.stderr)
            except OSError as exc:
                raise CommandError(f"{options['against']}: {exc.strerror or exc}") from None
        else:

            def matcher(text: str) -> list:
                return claim_match_text(text=text, limit=MAX_MATCHES, thresholds=thresholds)

        # Bytes that are not UTF-8 become U+FFFD instead of stopping the run.
        stdin = options.get("stdin") or io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        _, bad = match_lines(stdin, matcher, self.stdout, self.stderr)
        if bad:
            raise CommandError(f"{bad} bad input line(s) skipped")
