"""The database-backed candidate finder: which stored texts are worth scoring for a statement.

PostgreSQL: full-text search (``to_tsvector('english', ...)`` under a GIN index) finds rows
sharing at least two of the statement's key terms, then any one of them; trigram similarity
(``pg_trgm``) re-ranks those hits and, for short statements the full-text search misses (a
misspelt name), finds candidates itself through a GIN trigram index. Only the candidates
reach the pure scorer. SQLite (the demo): no index, the newest rows are scored in Python.

The SQL here is also what ``bench/matching_latency.py`` runs, on its own table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from quotes.matching.facts import read_facts

TS_CONFIG = "english"
KEY_TERMS = 6  # terms of the statement whose pairs make the first query (15 pairs)
ANY_TERMS = 12  # terms for the relaxed query (any one of them)
SCAN_CAP = 2000  # rows a query ranks at most: the index finds them, the ranking stays bounded
TRIGRAM_WORDS = 8  # statements up to this many words also get trigram candidates
TRIGRAM_MIN = 0.3  # word_similarity from which a trigram hit is a candidate
SQLITE_SCAN = 5000  # newest rows scored when there is no index (SQLite)

_SAFE_TERM = re.compile(r"^[^\W_]+$")


def key_terms(text: str, limit: int) -> list[str]:
    """The statement's terms that tell claims apart, best first: names and figures, then the
    longest content words. Only plain letters/digits, so they are safe inside a tsquery."""
    facts = read_facts(text)
    seen: dict[str, tuple[int, int, int]] = {}
    for t in facts.tokens:
        if not (t.content or t.number) or not _SAFE_TERM.match(t.lower):
            continue
        if t.index in facts.frame and not t.number:
            continue
        rank = (2 if t.name else 1 if t.number else 0, len(t.lower), -t.index)
        if t.lower not in seen or rank > seen[t.lower]:
            seen[t.lower] = rank
    return sorted(seen, key=lambda w: seen[w], reverse=True)[:limit]


def tsquery_pairs(terms: Sequence[str]) -> str:
    """'a & b | a & c | ...': a row must share two key terms (one term alone if only one)."""
    if len(terms) < 2:
        return " | ".join(terms)
    return " | ".join(f"({a} & {b})" for a, b in combinations(terms, 2))


def tsquery_any(terms: Sequence[str]) -> str:
    return " | ".join(terms)


def fts_sql(table: str, column: str, where: str = "") -> str:
    """Rows matching a tsquery (the GIN index), at most SCAN_CAP of them, ranked by full-text
    rank plus trigram similarity to the statement; parameters: query, statement, limit."""
    extra = f"AND {where}" if where else ""
    return f"""
        WITH q AS (SELECT to_tsquery('{TS_CONFIG}', %(query)s) AS query),
        hits AS (
            SELECT t.id, t.{column} AS body
            FROM {table} t, q
            WHERE to_tsvector('{TS_CONFIG}', t.{column}) @@ q.query {extra}
            LIMIT {SCAN_CAP}
        )
        SELECT hits.id, hits.body
        FROM hits, q
        ORDER BY ts_rank_cd(to_tsvector('{TS_CONFIG}', hits.body), q.query)
                 + similarity(hits.body, %(text)s) DESC, hits.id DESC
        LIMIT %(limit)s
    """


def trigram_sql(table: str, column: str, where: str = "") -> str:
    """Rows containing words similar to the statement's (``<%``, the GIN trigram index)."""
    extra = f"AND {where}" if where else ""
    return f"""
        SELECT t.id, t.{column}
        FROM {table} t
        WHERE %(text)s <%% t.{column} {extra}
        ORDER BY word_similarity(%(text)s, t.{column}) DESC, t.id DESC
        LIMIT %(limit)s
    """


def index_sql(table: str, column: str) -> list[str]:
    """The GIN indexes the finder needs on one text column (the migration and the bench)."""
    return [
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_fts ON {table} "
        f"USING gin (to_tsvector('{TS_CONFIG}', {column}))",
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)",
    ]


def drop_index_sql(table: str, column: str) -> list[str]:
    return [f"DROP INDEX IF EXISTS {table}_{column}_fts", f"DROP INDEX IF EXISTS {table}_{column}_trgm"]


def find_candidates(
    cursor: Any, table: str, column: str, text: str, limit: int, where: str = ""
) -> list[tuple]:
    """(id, text) of the rows worth scoring for ``text``, on PostgreSQL, best first.

    Two key terms shared first; if that gives fewer than ``limit`` rows, any key term; short
    statements also get trigram hits. ``where`` is a trusted SQL condition on ``t``.
    """
    out: dict[object, str] = {}
    terms = key_terms(text, ANY_TERMS)
    if terms:
        for query in (tsquery_pairs(terms[:KEY_TERMS]), tsquery_any(terms)):
            cursor.execute(fts_sql(table, column, where), {"query": query, "text": text, "limit": limit})
            for row_id, body in cursor.fetchall():
                out.setdefault(row_id, body)
            if len(out) >= limit:
                break
    if len(text.split()) <= TRIGRAM_WORDS and len(out) < limit:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(TRIGRAM_MIN)]
        )
        cursor.execute(trigram_sql(table, column, where), {"text": text, "limit": limit})
        for row_id, body in cursor.fetchall():
            out.setdefault(row_id, body)
    return list(out.items())[: limit * 2]
