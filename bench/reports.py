"""Weekly report benchmark: 10,000 claims published in one week among 200,000 quotes.

    python bench/reports.py [--claims 10000] [--quotes 200000] [--reseed]

Runs against PostgreSQL (BENCH_REPORTS_DATABASE_URL, default the claimtrack_reports_bench
database, created, migrated and filled with bulk_create if missing or of another size).
Prints the seconds and the peak Python memory (tracemalloc) of building the report and of
each format written to a file, the whole report's time, and the number of queries for a
week with 100 claims and for the big week: the target is the same number for both, memory
that does not grow with the claims, and the whole report in under a minute.
A measurement, never a test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_REPORTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtrack_reports_bench"
)
BIG_WEEK, SMALL_WEEK = "2026-W47", "2026-W45"
SMALL_CLAIMS = 100
QUOTES_PER_ARTICLE = 100


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("DJANGO_TIME_ZONE", "Europe/Berlin")
    from benchdb import django_on_database

    django_on_database(DATABASE_URL)


def _seed(n_claims: int, n_quotes: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from quotes.models import Claim, ClaimCorrection, Quote, Rating, ReviewDecision, Speaker
    from quotes.reports.builder import report_time_zone
    from quotes.reports.weeks import week_parse
    from sources.models import Article, Source

    rng = random.Random(47)
    tz = report_time_zone()
    big, small = week_parse(BIG_WEEK, tz=tz), week_parse(SMALL_WEEK, tz=tz)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE quotes_claim, quotes_reviewdecision, quotes_quote, quotes_speaker, sources_article, "
            "sources_source RESTART IDENTITY CASCADE"
        )
    started = time.perf_counter()
    with transaction.atomic():
        users = [User.objects.get_or_create(username=f"checker{i}")[0] for i in range(8)]
        sources = Source.objects.bulk_create([Source(name=f"Outlet {i}") for i in range(25)])
        speakers = Speaker.objects.bulk_create([Speaker(name=f"Speaker {i}") for i in range(600)])
        n_articles = max(1, n_quotes // QUOTES_PER_ARTICLE)
        articles = Article.objects.bulk_create(
            [
                Article(
                    source=sources[i % len(sources)],
                    url=f"https://outlet{i % len(sources)}.example/articles/{i}",
                    title=f"Article {i}",
                    text="x" * 1000,
                    published_at=big.start - timedelta(hours=rng.randint(1, 400)),
                    status=Article.Status.EXTRACTED,
                )
                for i in range(n_articles)
            ],
            batch_size=2000,
        )
        quotes = []
        for i in range(n_quotes):
            decided = i % 4 == 0
            quotes.append(
                Quote(
                    article=articles[i // QUOTES_PER_ARTICLE],
                    speaker=speakers[i % len(speakers)],
                    text="quoted words",
                    start=(i % QUOTES_PER_ARTICLE) * 10,
                    end=(i % QUOTES_PER_ARTICLE) * 10 + 8,
                    status=Quote.Status.APPROVED if decided else Quote.Status.PENDING,
                    reviewed_at=big.start + timedelta(hours=rng.randint(0, 160)) if decided else None,
                )
            )
        quotes = Quote.objects.bulk_create(quotes, batch_size=5000)
        ratings = list(Rating.objects.all())

        def claims_in(week, count: int, offset: int) -> list[Claim]:
            rows = []
            for i in range(count):
                at = week.start + timedelta(seconds=rng.randint(0, 7 * 86400 - 3600))
                rows.append(
                    Claim(
                        statement=f'Claim {offset + i}: =SUM(A1) said, with "quotes" and a comma',
                        claimant=speakers[rng.randrange(len(speakers))],
                        status=Claim.Status.PUBLISHED,
                        rating=ratings[rng.randrange(len(ratings))],
                        ruling="First paragraph of the ruling. " * 4 + "\n\nMore detail follows.",
                        first_seen=at - timedelta(hours=rng.randint(1, 200)),
                        published_at=at,
                        checker=users[rng.randrange(len(users))],
                    )
                )
            return Claim.objects.bulk_create(rows, batch_size=2000)

        claims = claims_in(big, n_claims, 0) + claims_in(small, SMALL_CLAIMS, n_claims)
        through = Claim.appearances.through
        links = []
        for claim in claims:
            for quote in rng.sample(quotes, rng.randint(1, 3)):
                links.append(through(claim_id=claim.pk, quote_id=quote.pk))
        through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
        corrections = [
            ClaimCorrection(claim=claims[rng.randrange(n_claims)], kind="correction", note="Fixed a figure.")
            for _ in range(n_claims // 50)
        ]
        ClaimCorrection.objects.bulk_create(corrections)
        ClaimCorrection.objects.update(created_at=big.start + timedelta(days=3))
        decisions = [
            ReviewDecision(
                actor=users[i % len(users)],
                action=ReviewDecision.Action.APPROVE if i % 3 else ReviewDecision.Action.REJECT,
                object_kind=ReviewDecision.ObjectKind.QUOTE,
                object_id=quotes[i].pk,
                quote=quotes[i],
            )
            for i in range(0, n_quotes, 4)
        ]
        ReviewDecision.objects.bulk_create(decisions, batch_size=5000)
        ReviewDecision.objects.update(created_at=big.start + timedelta(days=2))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"seeded {n_claims + SMALL_CLAIMS} claims, {n_quotes} quotes in {time.perf_counter() - started:.1f} s"
    )


def _seeded(n_claims: int, n_quotes: int) -> bool:
    from quotes.models import Claim, Quote

    return Quote.objects.count() == n_quotes and Claim.objects.count() == n_claims + SMALL_CLAIMS


def _measure(
    week_iso: str, folder: Path, *, memory: bool, rating: str | None = None
) -> dict[str, tuple[float, float]]:
    """Seconds and peak MB for building and for each format (peak only when ``memory``)."""
    from quotes.reports.builder import report_build, report_time_zone
    from quotes.reports.filters import report_filters_resolve
    from quotes.reports.storage import FORMATS, report_render
    from quotes.reports.weeks import week_parse

    week = week_parse(week_iso, tz=report_time_zone())
    results: dict[str, tuple[float, float]] = {}

    def run(label, fn):
        if memory:
            tracemalloc.start()
        t = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - t
        peak = 0.0
        if memory:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        results[label] = (seconds, peak)
        return value

    filters = report_filters_resolve(rating=rating)
    data = run("build", lambda: report_build(week=week, filters=filters))
    results["claims"] = (data.summary["published"], 0.0)
    for fmt in FORMATS:
        path = folder / f"report-{week_iso}.{fmt}"

        def write(fmt=fmt, path=path):
            with path.open("w", encoding="utf-8", newline="") as out:
                report_render(data=data, fmt=fmt, out=out)

        run(fmt, write)
        results[f"{fmt}_bytes"] = (path.stat().st_size, 0.0)
    return results


def _queries(week_iso: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quotes.reports.builder import report_build, report_time_zone
    from quotes.reports.storage import FORMATS, report_render
    from quotes.reports.weeks import week_parse

    with tempfile.TemporaryDirectory() as tmp, CaptureQueriesContext(connection) as ctx:
        data = report_build(week=week_parse(week_iso, tz=report_time_zone()))
        for fmt in FORMATS:
            with open(Path(tmp) / f"r.{fmt}", "w", encoding="utf-8", newline="") as out:
                report_render(data=data, fmt=fmt, out=out)
    return len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=200_000)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    _setup_django()
    if args.reseed or not _seeded(args.claims, args.quotes):
        _seed(args.claims, args.quotes)
    from django.conf import settings

    print(f"database {DATABASE_URL.rsplit('/', 1)[-1]}, time zone {settings.TIME_ZONE}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        timing = _measure(BIG_WEEK, folder, memory=False)
        total = sum(timing[k][0] for k in ("build", "csv", "json", "html"))
        peaks_big = _measure(BIG_WEEK, folder, memory=True)
        peaks_small = _measure(SMALL_WEEK, folder, memory=True)
        # One rating of five: about a fifth of the big week, already more rows than one
        # streamed chunk, so its peak shows what the claims' number adds (nothing).
        peaks_fifth = _measure(BIG_WEEK, folder, memory=True, rating="1")
    print(f"\nweek {BIG_WEEK}: {args.claims} claims published, {args.quotes} quotes in the database")
    fifth = int(peaks_fifth["claims"][0])
    print(
        f"{'step':6} {'seconds':>8} {'file MB':>8} {'peak MB:':>9} {args.claims:>6} {fifth:>6} {SMALL_CLAIMS:>6} claims"
    )
    for step in ("build", "csv", "json", "html"):
        size = timing.get(f"{step}_bytes", (0, 0))[0] / 2**20
        print(
            f"{step:6} {timing[step][0]:8.2f} {size:8.1f} {'':9} {peaks_big[step][1]:6.1f} "
            f"{peaks_fifth[step][1]:6.1f} {peaks_small[step][1]:6.1f}"
        )
    print(f"whole report (build + 3 formats): {total:.1f} s (target < 60 s)")
    print(
        f"max resident set size of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    small, big = _queries(SMALL_WEEK), _queries(BIG_WEEK)
    print(
        f"queries, build + 3 formats: {SMALL_CLAIMS} claims: {small}, {args.claims} claims: {big}"
        f" ({'constant' if small == big else 'NOT constant'})"
    )


if __name__ == "__main__":
    main()
