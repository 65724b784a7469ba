"""The review queue under a scripted keyboard reviewer: the real server, the real browser.

    python bench/review.py [--candidates 240] [--decisions 200] [--port 8143] [--workers 2]

Builds a throwaway PostgreSQL database (BENCH_REVIEW_DATABASE_URL, default
claimtrack_review_bench: dropped and created afresh), writes synthetic articles through the
services (article_create, then the extraction service, so the candidates are the engine's),
starts gunicorn (DEBUG off, static files collected) on --port, and drives Debian's headless
chromium (Playwright, executable_path=/usr/bin/chromium) as a Reviewer pressing a, x, 1-5,
space and u as fast as the page answers. It prints decisions per minute and the server's
milliseconds per decision, p50 and p95, two ways: the whole request as gunicorn logs it
(%(D)s, middleware included) and the queue view's own time (its Server-Timing). It is a
measurement, never a test; run it by hand or in CI.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_REVIEW_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtrack_review_bench"
)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
QUEUE = "/admin/quotes/quote/review/"
PASSWORD = "bench-reviewer"

# The scripted reviewer: mostly approvals, some rejections (with and without a reason),
# skips and undos, in a fixed pseudo-random order.
KEYS = ["a"] * 12 + ["x"] * 3 + ["2"] + ["Space"] + ["u"]

SPEAKERS = ["Nikol Pashinyan", "Ian Borg", "Mikhail Galuzin", "Ana Brnabić", "Jane Doe", "John Roe"]
VERBS = ["said", "told reporters", "added", "warned", "claimed"]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _database() -> None:
    import psycopg2

    base, _, name = DATABASE_URL.rpartition("/")
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _article_text(n: int, rng: random.Random) -> str:
    paragraphs = [f"Report number {n} from the capital."]
    for i in range(6):
        who = rng.choice(SPEAKERS)
        verb = rng.choice(VERBS)
        paragraphs.append(
            f'"The talks on item {n}-{i} will continue next week and we expect progress," {who} {verb}. '
            f"Officials declined to comment further on the matter."
        )
    return "\n".join(paragraphs)


def _populate(candidates: int) -> int:
    """Articles through the services until at least ``candidates`` candidates are pending."""
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from quotes.models import Quote
    from quotes.services import article_quotes_extract
    from quotes.services.users import desk_user_ensure
    from sources.services import article_create

    desk_user_ensure(username="bench-reviewer", password=PASSWORD, role="Reviewer")
    rng = random.Random(8)
    n = 0
    while Quote.objects.filter(status="pending").count() < candidates:
        article = article_create(
            text=_article_text(n, rng), title=f"Bench article {n}", enqueue_extraction=False
        )
        article_quotes_extract(article_id=article.pk)
        n += 1
        if n > candidates:
            raise SystemExit("the engine finds no quotes in the synthetic articles")
    return Quote.objects.filter(status="pending").count()


def _server(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "CELERY_BROKER_URL": "",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        # Plain http on 127.0.0.1: no TLS redirect, no HSTS, cookies not https-only.
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    gunicorn = str(Path(python).with_name("gunicorn"))
    return subprocess.Popen(
        [
            gunicorn,
            "claimtrack.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(D)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _port_free(port: int) -> None:
    import socket

    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: stop what serves there or pass --port")


def _wait_up(base: str) -> None:
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def _review(base: str, decisions: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    view_ms: list[float] = []
    round_trip_ms: list[float] = []
    counts = {"a": 0, "x": 0, "2": 0, "Space": 0, "u": 0}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"], headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/admin/login/?next={QUEUE}")
        page.fill("#id_username", "bench-reviewer")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_load_state("networkidle")
        if "/login/" in page.url:
            raise SystemExit("the bench reviewer cannot log in")
        rng = random.Random(1)
        made = 0
        started = time.perf_counter()
        while made < decisions:
            if page.get_attribute("#desk-candidate .desk-card", "data-quote-id") in (None, ""):
                break  # the queue is empty
            key = rng.choice(KEYS)
            steps = page.evaluate("document.getElementById('desk-queue').dataset.steps || '0'")
            t0 = time.perf_counter()
            page.keyboard.press(key)
            page.wait_for_function(
                f"(document.getElementById('desk-queue').dataset.steps || '0') !== '{steps}'", polling="raf"
            )
            round_trip_ms.append((time.perf_counter() - t0) * 1000)
            view_ms.append(
                float(page.evaluate("document.getElementById('desk-queue').dataset.serverMs") or 0)
            )
            counts[key] += 1
            if key != "Space":
                made += 1  # approvals, rejections and undos are decisions; a skip is not
        elapsed = time.perf_counter() - started
        browser.close()
    return {
        "elapsed": elapsed,
        "decisions": made,
        "view_ms": view_ms,
        "round_trip_ms": round_trip_ms,
        "keys": counts,
    }


def _request_ms(log: Path) -> list[float]:
    """Whole-request times of the decision endpoints, from gunicorn's access log."""
    pattern = re.compile(r"^POST /admin/quotes/quote/review/(?:\d+/decide|undo)/ 200 (\d+)$")
    times = []
    for line in log.read_text().splitlines():
        match = pattern.match(line.strip())
        if match:
            times.append(int(match.group(1)) / 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidates", type=int, default=240)
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument("--port", type=int, default=8143)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    _port_free(args.port)
    _database()
    pending = _populate(args.candidates)
    print(f"{pending} pending candidates from the engine, PostgreSQL {DATABASE_URL.rpartition('/')[2]}")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "access.log"
        server = _server(args.port, args.workers, log)
        try:
            base = f"http://127.0.0.1:{args.port}"
            _wait_up(base)
            result = _review(base, args.decisions)
        finally:
            server.terminate()
            server.wait(timeout=10)
        request_ms = _request_ms(log)
    minutes = float(result["elapsed"]) / 60  # type: ignore[arg-type]
    view_ms: list[float] = result["view_ms"]  # type: ignore[assignment]
    trip: list[float] = result["round_trip_ms"]  # type: ignore[assignment]
    print(f"keys pressed: {result['keys']}")
    print(
        f"decisions: {result['decisions']} in {result['elapsed']:.1f} s = {result['decisions'] / minutes:.0f} decisions/minute"
    )
    if request_ms:
        print(
            f"server ms per step, whole request (gunicorn): p50 {statistics.median(request_ms):.1f}  "
            f"p95 {_percentile(request_ms, 0.95):.1f}  (n={len(request_ms)})"
        )
    print(
        f"server ms per step, queue view: p50 {statistics.median(view_ms):.1f}  p95 {_percentile(view_ms, 0.95):.1f}"
    )
    print(
        f"key press to next candidate on screen, ms: p50 {statistics.median(trip):.1f}  p95 {_percentile(trip, 0.95):.1f}"
    )


if __name__ == "__main__":
    main()
