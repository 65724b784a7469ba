"""Latency of matching one statement over 10k, 100k and 1M quotes in PostgreSQL.

    python bench/matching.py --latency --database postgres://postgres@127.0.0.1:5432/claimtrack_bench

Builds ``bench_quote(id, text)`` in the given database (created if missing; it is dropped and
refilled, never a project table), with the same GIN indexes as migration 0006, and fills it
with synthetic quotes: words drawn from a Zipf distribution over the labelled set's real
words and 20,000 made-up ones, 12-40 words each, with each query's claim (the statement's
earlier wording) planted once per 10,000 rows so the finder has true hits to find. For each size it times
the whole match (candidate SQL + the pure scorer on the candidates) for each query
statement, prints p50/p95, and prints the EXPLAIN (ANALYZE) of the first query's SQL.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import time
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import psycopg2

from quotes.matching.index import (
    ANY_TERMS,
    KEY_TERMS,
    find_candidates,
    fts_sql,
    index_sql,
    key_terms,
    tsquery_pairs,
)
from quotes.matching.scoring import rank
from quotes.matching.types import ClaimText

ROOT = Path(__file__).resolve().parents[1]
TABLE = "bench_quote"
CANDIDATES = 50
SEED = 13


def _connect(url: str):  # type: ignore[no-untyped-def]
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(url.replace(parts.path, "/postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def _vocabulary(texts: list[str], rng: random.Random) -> list[str]:
    real = sorted(
        {w.lower() for t in texts for w in t.replace(".", " ").replace(",", " ").split() if w.isalpha()}
    )
    syllables = [
        "ka",
        "lo",
        "mi",
        "ser",
        "tan",
        "vo",
        "ri",
        "den",
        "pa",
        "gul",
        "ne",
        "sto",
        "ba",
        "fi",
        "rum",
    ]
    fake = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(26000)}
    vocab = real + sorted(fake - set(real))[:20000]
    rng.shuffle(vocab)
    return vocab


def _rows(start: int, count: int, vocab: list[str], planted: list[str], seed: int) -> io.StringIO:
    """Tab-separated (id, text) rows for COPY; every 10,000th row is a planted paraphrase."""
    gen = np.random.default_rng(seed)
    ranks = np.arange(1, len(vocab) + 1)
    weights = 1.0 / ranks
    weights /= weights.sum()
    lengths = gen.integers(12, 41, size=count)
    words = gen.choice(len(vocab), size=int(lengths.sum()), p=weights)
    buf, pos = io.StringIO(), 0
    for n in range(count):
        row_id = start + n
        if row_id % 10_000 < len(planted):  # each query's claim once per 10,000 rows
            text = planted[row_id % 10_000]
        else:
            text = " ".join(vocab[w] for w in words[pos : pos + lengths[n]]).capitalize() + "."
        pos += lengths[n]
        buf.write(f"{row_id}\t{text}\n")
    buf.seek(0)
    return buf


def _match(cur, text: str) -> int:  # type: ignore[no-untyped-def]
    rows = find_candidates(cur, TABLE, "text", text, CANDIDATES)
    return len(rank(text, [ClaimText(claim=i, text=t) for i, t in rows]))


def latency(url: str, sizes: list[int], queries: int) -> None:
    pairs = [json.loads(line) for line in (ROOT / "tests/matching/labelled.jsonl").open(encoding="utf-8")]
    rng = random.Random(SEED)
    vocab = _vocabulary([p["claim"] + " " + p["statement"] for p in pairs], rng)
    same = [p for p in pairs if p["label"] == "same"]
    statements = [p["statement"] for p in same][:queries]
    planted = [p["claim"] for p in same][:queries]
    conn = _connect(url)
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
    cur.execute(f"CREATE TABLE {TABLE} (id bigint PRIMARY KEY, text text NOT NULL)")
    cur.execute("SET maintenance_work_mem = '256MB'")
    have = 0
    print(
        f"latency: one statement, {len(statements)} statements, {CANDIDATES} candidates per query, database {url}"
    )
    print(f"  {'quotes':>9} {'p50 ms':>8} {'p95 ms':>8} {'mean cand.':>10} {'load s':>7} {'index s':>8}")
    results = {}
    for size in sorted(sizes):
        started = time.perf_counter()
        for sql in [f"DROP INDEX IF EXISTS {TABLE}_text_fts", f"DROP INDEX IF EXISTS {TABLE}_text_trgm"]:
            cur.execute(sql)
        while have < size:
            chunk = min(100_000, size - have)
            cur.copy_expert(
                f"COPY {TABLE} (id, text) FROM STDIN", _rows(have + 1, chunk, vocab, planted, SEED + have)
            )
            have += chunk
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        for sql in index_sql(TABLE, "text"):
            cur.execute(sql)
        cur.execute(f"ANALYZE {TABLE}")
        indexed = time.perf_counter() - started
        for text in statements[:3]:  # warm the cache
            _match(cur, text)
        timings, found = [], []
        for text in statements:
            t0 = time.perf_counter()
            found.append(_match(cur, text))
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
        results[size] = p50
        print(
            f"  {size:>9} {p50:>8.1f} {p95:>8.1f} {statistics.mean(found):>10.1f} {loaded:>7.1f} {indexed:>8.1f}"
        )
        if size == max(sizes):
            terms = key_terms(statements[0], ANY_TERMS)[:KEY_TERMS]
            sql = fts_sql(TABLE, "text")
            cur.execute(
                "EXPLAIN (ANALYZE, BUFFERS) " + sql,
                {"query": tsquery_pairs(terms), "text": statements[0], "limit": CANDIDATES},
            )
            print(f"  EXPLAIN at {size} quotes, statement {statements[0]!r}:")
            for (line,) in cur.fetchall():
                print("    " + line)
    if len(results) > 1:
        lo, hi = min(results), max(results)
        print(f"  p50 at {hi} / p50 at {lo}: {results[hi] / results[lo]:.2f}x (target <= 3x)")
    conn.close()
