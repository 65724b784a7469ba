"""REST API throughput: 100,000 quotes, 5,000 speakers, 2,000 claims on PostgreSQL, served by gunicorn.

    python bench/api.py [--seconds 8] [--clients 8] [--workers 3] [--threads 4] [--reload] [--no-cache] [--rows TEXT]

Loads the data once (bulk_create) into a database of its own (BENCH_API_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/claimtrack_api_bench; created and migrated if missing;
--reload empties and loads it again), starts gunicorn on 127.0.0.1:8145 (BENCH_API_PORT), with
the workers sharing a Redis cache as in production (BENCH_API_CACHE_URL, default
redis://127.0.0.1:6379/12: throttle counters, the feed's pages), and
measures, with N concurrent keep-alive clients, requests per second and p50/p99 latency of:
the quote list (first page, filtered, a deep cursor page), search (quotes, speakers), a quote's
detail and the ClaimReview DataFeed, beside two trivial endpoints measured in the same run as
ceilings: /healthz (plain Django, no database) and the API root (the same token authentication,
throttling and DRF stack as every API call). Prints each one's share of both (target: at least
40%) and the number of SQL queries each answer takes. The "floor" rows are reference endpoints
of the benchmark's own (bench/api_reference_urls.py, served beside every claimtrack URL): the
token check and the throttle call alone in plain Django, the same in DRF, and a constant body
the size of the whole feed; they show what part of a request costs what. /healthz is measured again (for half the
time) just before each row, and a row's share is of that figure: on a shared machine the speed
drifts within a run. `--rows TEXT` measures only the rows named. A measurement, never a test.

Repeating one URL while nothing is written is what the response cache answers
(claimtrack/api/response_cache.py): those rows are mostly cache hits. The "cold" rows cycle
through thousands of distinct URLs (cursors, search words, ids), so that each request is a miss
and the answer is computed; `--no-cache` serves every row with API_RESPONSE_CACHE off. The
"ver/s" column counts how often the data version changed during a row (each write committed to
the database changes it, and the cache starts afresh). The last column is the CPU time each
answer cost the gunicorn processes and the PostgreSQL backends (and, in brackets, this client
and its sampler), from /proc: unlike requests per second, it hardly depends on what else runs.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import itertools
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_API_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtrack_api_bench"
)
PORT = int(os.environ.get("BENCH_API_PORT", "8145"))
CACHE_URL = os.environ.get("BENCH_API_CACHE_URL", "redis://127.0.0.1:6379/12")
N_SPEAKERS, N_ARTICLES, QUOTES_PER_ARTICLE, N_CLAIMS = 5_000, 5_000, 20, 2_000
WORDS = (
    "inflation budget taxes border election reform pension health school energy prices wages "
    "security treaty army court police farmers exports import debt growth climate water roads "
    "housing rents bank loans jobs strike minister parliament opposition vote law"
).split()
FIRST = "Anna Mikhail Jane John Maria Nikol Olga Pavel Sofia Viktor Lena Igor Tamar Davit Ruth".split()
LAST = "Ivanov Petrova Doe Roe Lopez Pashinyan Sargsyan Kovacs Novak Weber Rossi Silva Berg Haas".split()


NO_CACHE = False


def _env() -> dict[str, str]:
    return {
        "API_RESPONSE_CACHE": "false" if NO_CACHE else "true",
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": "",
        # A cache shared by the gunicorn workers, as in production (throttle counters, the feed).
        "CACHE_URL": CACHE_URL,
        "DJANGO_DEBUG": "false",
        # Plain HTTP on the loopback, as behind a TLS-terminating proxy.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "API_THROTTLE_USER": "100000000/hour",
        "API_THROTTLE_ANON": "100000000/hour",
        "LOG_LEVEL": "WARNING",
        # claimtrack's settings with the reference endpoints added (bench/api_reference_urls.py).
        "DJANGO_SETTINGS_MODULE": "api_reference_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }


def _setup_django() -> None:
    os.environ.update(_env())
    from benchdb import django_on_database

    django_on_database(DATABASE_URL)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _load(reload: bool) -> None:
    from django.db import connection
    from django.utils import timezone

    from quotes.models import Claim, ClaimEvidence, Quote, Rating, Speaker
    from sources.models import Article, Source

    if not reload and Quote.objects.count() >= N_ARTICLES * QUOTES_PER_ARTICLE:
        print(f"data already loaded: {Quote.objects.count()} quotes (use --reload to load again)")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE quotes_claim_appearances, quotes_claimevidence, quotes_claimcorrection, "
            "quotes_historicalclaim, quotes_historicalclaim_appearances, quotes_reviewdecision, quotes_claim, "
            "quotes_quote, quotes_speakeralias, quotes_speaker, sources_article, sources_feed, sources_source "
            "RESTART IDENTITY CASCADE"
        )
    rng = random.Random(7)
    now = timezone.now()
    sources = Source.objects.bulk_create([Source(name=f"Outlet {i}") for i in range(50)])
    speakers = Speaker.objects.bulk_create(
        [
            Speaker(
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}", title=rng.choice(["Minister", "MP", ""])
            )
            for i in range(N_SPEAKERS)
        ],
        batch_size=2000,
    )
    articles = []
    for i in range(N_ARTICLES):
        paragraphs = [
            f'"{_sentence(rng, 12)}," said the official. {_sentence(rng, 20)}.'
            for _ in range(QUOTES_PER_ARTICLE)
        ]
        articles.append(
            Article(
                source=sources[i % len(sources)],
                url=f"https://news{i % 50}.example/story/{i}",
                title=_sentence(rng, 6).capitalize(),
                text="\n\n".join(paragraphs),
                content_hash=f"{i:064x}",
                status=Article.Status.EXTRACTED,
                published_at=now - timezone.timedelta(minutes=i * 7),
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=1000)
    quotes = []
    for article in articles:
        offset = 0
        for j, paragraph in enumerate(article.text.split("\n\n")):
            end = offset + paragraph.index(",")
            quotes.append(
                Quote(
                    article=article,
                    speaker=speakers[rng.randrange(N_SPEAKERS)],
                    text=article.text[offset + 1 : end],
                    start=offset + 1,
                    end=end,
                    spans=[[offset + 1, end]],
                    kind=rng.choice(["direct", "indirect", "mixed"]),
                    cue="said",
                    confidence=rng.random(),
                    status="pending" if j % 3 else "approved",
                    reviewed_at=None if j % 3 else now,
                    extractor_version="bench",
                )
            )
            offset += len(paragraph) + 2
    quotes = Quote.objects.bulk_create(quotes, batch_size=5000)
    ratings = list(Rating.objects.order_by("value"))
    claims = Claim.objects.bulk_create(
        [
            Claim(
                statement=_sentence(rng, 10),
                claimant=speakers[rng.randrange(N_SPEAKERS)],
                status="published" if i % 2 == 0 else "draft",
                rating=ratings[i % len(ratings)],
                ruling=_sentence(rng, 30),
                published_at=now if i % 2 == 0 else None,
                first_seen=now,
            )
            for i in range(N_CLAIMS)
        ],
        batch_size=1000,
    )
    through = Claim.appearances.through
    through.objects.bulk_create(
        [
            through(claim_id=c.pk, quote_id=quotes[rng.randrange(len(quotes))].pk)
            for c in claims
            for _ in range(2)
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    ClaimEvidence.objects.bulk_create(
        [ClaimEvidence(claim=c, url=f"https://stats.example/{c.pk}", title="Release") for c in claims],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"loaded {len(speakers)} speakers, {len(articles)} articles, {len(quotes)} quotes, "
        f"{len(claims)} claims in {time.perf_counter() - started:.0f} s"
    )


def _token() -> str:
    from django.contrib.auth.models import Group, User

    from claimtrack.api.services import api_token_create

    user, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Editor"))
    return api_token_create(user=user, name="bench")[1]


def _queries(paths: dict[str, list[str]], token: str) -> dict[str, str]:
    """SQL queries of the first answer (computed) and of the same request again (a cache hit
    unless the data version changed in between, or the cache is off)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    counts = {}
    for name, cycle in paths.items():
        found = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(cycle[0])
            assert response.status_code == 200, (cycle[0], response.status_code, response.content[:200])
            found.append(len(ctx.captured_queries))
        counts[name] = f"{found[0]}/{found[1]}"
    return counts


def _cursor(quote_id: int) -> str:
    return "/api/v1/quotes/?" + urlencode(
        {"cursor": base64.b64encode(urlencode({"p": str(quote_id)}).encode()).decode()}
    )


CEILING = "trivial /healthz (ceiling)"
COLD = 20_000  # distinct URLs per cold row: more than 8 clients send in a run


def _feed_bytes(token: str) -> int:
    """The size of the whole ClaimReview feed's answer."""
    from django.test import Client

    response = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1").get("/api/v1/claimreview/")
    return len(response.content)


def _paths(feed_bytes: int) -> dict[str, list[str]]:
    """Each row's URLs: one URL repeated, or (cold rows) thousands of distinct ones, cycled."""
    from quotes.models import Quote, Speaker

    ids = list(Quote.objects.order_by("id").values_list("id", flat=True))
    deep = ids[len(ids) // 10]  # 90% of the way down the newest-first list
    speakers = list(Speaker.objects.order_by("id").values_list("pk", "name"))
    speaker_pk, speaker_name = speakers[100]
    rng = random.Random(11)
    words = [f"{a}%20{b}&page_size={k}" for a in WORDS for b in WORDS if a != b for k in range(10, 50)]
    names = [f"{first}%20{last}&page_size={k}" for first in FIRST for last in LAST for k in range(1, 60)]
    pages = [f"page={p}&page_size={k}" for k in range(30, 250) for p in range(1, 1000 // k + 1)]
    shuffled = ids[:]
    for pool in (words, names, pages, shuffled):
        rng.shuffle(pool)
    return {
        CEILING: ["/healthz"],
        "API root (token, DRF)": ["/api/v1/"],
        # The reference endpoints (bench/api_reference_urls.py): parts of a request's work.
        "  floor: token + throttle, no DRF": ["/bench/floor/round-trips"],
        "  floor: the same in DRF": ["/bench/floor/drf"],
        "  floor: the feed's bytes, no API": [f"/bench/floor/bytes?n={feed_bytes}"],
        "quote list, first page": ["/api/v1/quotes/"],
        "quote list, filtered": [
            f"/api/v1/quotes/?status=pending&kind=direct&min_confidence=0.5&speaker={speaker_pk}"
        ],
        "quote list, deep cursor": [_cursor(deep)],
        "  cold: distinct cursors": [_cursor(i) for i in shuffled],
        "quote search": ["/api/v1/quotes/?search=" + "treaty%20army"],
        "  cold: distinct words": [f"/api/v1/quotes/?search={w}" for w in words],
        "speaker search": ["/api/v1/speakers/?search=" + speaker_name.split("-")[0].replace(" ", "%20")],
        "  cold: distinct names": [f"/api/v1/speakers/?search={n}" for n in names],
        "quote detail": [f"/api/v1/quotes/{ids[len(ids) // 2]}/"],
        "  cold: distinct quotes": [f"/api/v1/quotes/{i}/" for i in reversed(shuffled)],
        "ClaimReview feed, whole": ["/api/v1/claimreview/"],
        "ClaimReview feed, a page": ["/api/v1/claimreview/?page=2"],
        "  cold: distinct pages": [f"/api/v1/claimreview/?{p}" for p in pages],
    }


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each of these processes (Linux /proc), in seconds."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return found


def _cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    # A process that ended meanwhile (a backend whose connection closed) is left out.
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def _server_pids(master: int) -> tuple[list[int], list[int]]:
    """The gunicorn master and workers, and the PostgreSQL backends serving this database."""
    import psycopg2

    workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    conn = psycopg2.connect(DATABASE_URL)
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        )
        backends = [pid for (pid,) in cursor.fetchall()]
    conn.close()
    return [master, *map(int, workers)], backends


def _version_changes(stop: threading.Event, seen: list[int]) -> None:
    """Count how often the data version changes (each change: the cache starts afresh)."""
    import psycopg2

    from claimtrack.api.data_version import VERSION_SQL

    conn = psycopg2.connect(DATABASE_URL)
    conn.autocommit = True
    last = None
    with conn.cursor() as cursor:
        while not stop.is_set():
            cursor.execute(f"SELECT {VERSION_SQL}")
            version = cursor.fetchone()[0]
            if version != last:
                seen[0] += 1
                last = version
            time.sleep(0.005)
    conn.close()


def _hammer(
    cycle: list[str], turn: Iterator[int], token: str, clients: int, seconds: float
) -> tuple[float, float, float, int]:
    """Requests per second, p50 and p99 in ms, errors; ``turn`` numbers the URLs of ``cycle``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        mine: list[float] = []
        while time.perf_counter() < deadline:
            path = cycle[next(turn) % len(cycle)]
            t0 = time.perf_counter()
            try:
                conn.request(
                    "GET", path, headers={"Authorization": f"Token {token}", "Accept": "application/json"}
                )
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            if ok:
                mine.append(time.perf_counter() - t0)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    return len(latencies) / elapsed, p50 * 1000, p99 * 1000, errors[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--no-cache", action="store_true", help="API_RESPONSE_CACHE=false")
    parser.add_argument(
        "--rows",
        action="append",
        default=[],
        metavar="TEXT",
        help="measure only the rows whose name holds TEXT (repeatable; the two ceilings always run)",
    )
    args = parser.parse_args()
    global NO_CACHE
    NO_CACHE = args.no_cache

    _setup_django()
    _load(args.reload)
    token = _token()
    paths = {
        name: cycle
        for i, (name, cycle) in enumerate(_paths(_feed_bytes(token)).items())
        if i < 2 or not args.rows or any(text in name for text in args.rows)
    }
    queries = _queries(paths, token)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "claimtrack.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(),
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=2).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"\ngunicorn: {args.workers} workers x {args.threads} threads; {args.clients} concurrent clients, "
            f"{args.seconds:.0f} s each; response cache {'off' if NO_CACHE else 'on'}; "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        print(
            f"{'endpoint':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of /healthz':>11} {'of API root':>11} "
            f"{'queries':>8} {'errors':>6} {'ver/s':>6}  CPU ms/answer: web+db (client)"
        )
        ceiling = root = None
        ceilings: list[float] = []
        for name, cycle in paths.items():
            if ceiling is not None:
                # The ceiling again, just before this row: the machine's speed drifts (other
                # jobs, CPU frequency), and a share against a ceiling measured minutes earlier
                # moved by ±15 points between two runs of the same code.
                ceiling = _hammer(paths[CEILING], itertools.count(), token, args.clients, args.seconds / 2)[0]
            turn = itertools.count()
            _hammer(cycle, turn, token, args.clients, 1.0)  # warm up caches and connections
            stop, changes = threading.Event(), [0]
            sampler = threading.Thread(target=_version_changes, args=(stop, changes))
            sampler.start()
            web, db = _server_pids(server.pid)
            web_before, db_before, client_before = _cpu_seconds(web), _cpu_seconds(db), time.process_time()
            count_before = next(turn)
            rps, p50, p99, errors = _hammer(cycle, turn, token, args.clients, args.seconds)
            answers = max(next(turn) - count_before - 1, 1)
            web, db = _server_pids(server.pid)  # backends opened meanwhile count from zero
            spent = (
                _cpu_spent(web_before, _cpu_seconds(web)),
                _cpu_spent(db_before, _cpu_seconds(db)),
                time.process_time() - client_before,
            )
            stop.set()
            sampler.join()
            cpu = [seconds * 1000 / answers for seconds in spent]
            ceiling = ceiling or rps
            ceilings.append(ceiling)
            if cycle == ["/api/v1/"]:
                root = rps
            share = f"{rps / ceiling:.0%}"
            of_root = f"{rps / root:.0%}" if root else "-"
            wrapped = " (URLs repeated)" if len(cycle) > 1 and next(turn) > len(cycle) else ""
            print(
                f"{name:32} {rps:8.1f} {p50:8.1f} {p99:8.1f} {share:>11} {of_root:>11} {queries[name]:>8} "
                f"{errors:6d} {changes[0] / args.seconds:6.1f}  {cpu[0]:5.2f}+{cpu[1]:.2f} ({cpu[2]:.2f}){wrapped}"
            )
        print(
            f"/healthz, measured again before each row: {min(ceilings):.0f}-{max(ceilings):.0f} req/s "
            f"(each row's share is of the one just before it); "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
