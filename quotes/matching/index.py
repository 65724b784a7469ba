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
from collections.abc import Mapping, Sequence
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


def _input_sql(extra: Sequence[str], *, tsquery: bool = True) -> str:
    """The statements of one batch as a CTE ``inp(n, statement, [tsq,] <extra>...)``, from
    arrays: parameters ``n``, ``statement``, ``query`` (with ``tsquery``) and one bigint array
    per extra column."""
    names = ["n", "statement", *(["query"] if tsquery else []), *extra]
    arrays = ["%(n)s::int[]", "%(statement)s::text[]", *(["%(query)s::text[]"] if tsquery else [])]
    arrays += [f"%({name})s::bigint[]" for name in extra]
    columns = ["u.n", "u.statement", *([f"to_tsquery('{TS_CONFIG}', u.query) AS tsq"] if tsquery else [])]
    columns += [f"u.{name}" for name in extra]
    # MATERIALIZED: each tsquery is parsed once per statement, not once per row it is
    # ranked against (inlined, the planner would call to_tsquery for every hit).
    return (
        f"WITH inp AS MATERIALIZED (SELECT {', '.join(columns)} "
        f"FROM unnest({', '.join(arrays)}) AS u({', '.join(names)}))"
    )


def fts_many_sql(
    table: str, column: str, where: str = "", extra: Sequence[str] = (), vector: str | None = None
) -> str:
    """``fts_sql`` for a batch of statements in one query: for each row of ``inp`` (see
    ``_input_sql``), the same hits ranked the same way, returned as (n, id, body) in the
    statement's order. ``where`` may refer to the statement's ``inp.<extra>`` columns.

    ``vector`` names a stored tsvector column holding ``to_tsvector('english', column)``
    (quotes_quote.search_vector): the same hits and ranks, without computing the vector of
    each hit again (half the query's time on an article whose quotes many outlets repeat).

    Each distinct wording among the hits is ranked once and its score given to all its
    copies (``row_number() = 1`` picks one row per wording; ``max() OVER`` spreads its score):
    the score is a function of the wording alone (the vector is computed from it), so the
    order is the same as ranking every row, and the copies of a quote that many outlets ran
    (what variant linking looks for) cost one ranking, not one each (ranking is most of the
    query's time). One sort by wording, so no worse than linear in the hits otherwise.
    """
    condition = f"AND {where}" if where else ""
    stored = f"t.{vector}" if vector else f"to_tsvector('{TS_CONFIG}', t.{column})"
    return f"""
        {_input_sql(extra)}
        SELECT inp.n, hit.id, hit.body
        FROM inp
        CROSS JOIN LATERAL (
            SELECT once.id, once.body, max(once.score) OVER (PARTITION BY once.body) AS score
            FROM (
                SELECT hits.id, hits.body,
                       CASE WHEN row_number() OVER (PARTITION BY hits.body) = 1
                            THEN ts_rank_cd(hits.vector, inp.tsq) + similarity(hits.body, inp.statement)
                       END AS score
                FROM (
                    SELECT t.id, t.{column} AS body, {stored} AS vector
                    FROM {table} t
                    WHERE {stored} @@ inp.tsq {condition}
                    LIMIT {SCAN_CAP}
                ) hits
            ) once
            ORDER BY score DESC, once.id DESC
            LIMIT %(limit)s
        ) hit
        ORDER BY inp.n, hit.score DESC, hit.id DESC
    """


def trigram_many_sql(table: str, column: str, where: str = "", extra: Sequence[str] = ()) -> str:
    """``trigram_sql`` for a batch of statements in one query, as (n, id, body)."""
    condition = f"AND {where}" if where else ""
    return f"""
        {_input_sql(extra, tsquery=False)}
        SELECT inp.n, hit.id, hit.body
        FROM inp
        CROSS JOIN LATERAL (
            SELECT t.id, t.{column} AS body, word_similarity(inp.statement, t.{column}) AS score
            FROM {table} t
            WHERE inp.statement <%% t.{column} {condition}
            ORDER BY score DESC, t.id DESC
            LIMIT %(limit)s
        ) hit
        ORDER BY inp.n, hit.score DESC, hit.id DESC
    """


def find_candidates(
    cursor: Any, table: str, column: str, text: str, limit: int, where: str = ""
) -> list[tuple]:
    """(id, text) of the rows worth scoring for ``text``, on PostgreSQL, best first.

    Two key terms shared first; if that gives fewer than ``limit`` rows, any key term; short
    statements also get trigram hits. ``where`` is a trusted SQL condition on ``t``.
    """
    return find_candidates_many(cursor, table, column, [text], limit, where=where)[0]


def find_candidates_many(
    cursor: Any,
    table: str,
    column: str,
    texts: Sequence[str],
    limit: int,
    where: str = "",
    extra: Mapping[str, Sequence[int]] | None = None,
    vector: str | None = None,
) -> list[list[tuple]]:
    """``find_candidates`` for each of ``texts``, in at most four queries for the whole batch
    (not four per text): each step runs once for every text that still needs it.

    ``where`` is a trusted SQL condition on ``t`` that may refer to per-text integers given
    in ``extra`` (name -> one value per text) as ``inp.<name>``; ``vector``: see
    ``fts_many_sql``.
    """
    extra = dict(extra or {})
    found: list[dict[object, str]] = [{} for _ in texts]
    terms = [key_terms(text, ANY_TERMS) for text in texts]

    def run(sql: str, numbers: list[int], queries: list[str] | None) -> None:
        if not numbers:
            return
        params: dict[str, Any] = {
            "n": numbers,
            **({"query": queries} if queries is not None else {}),
            "statement": [texts[n] for n in numbers],
            "limit": limit,
            **{name: [int(values[n]) for n in numbers] for name, values in extra.items()},
        }
        cursor.execute(sql, params)
        for n, row_id, body in cursor.fetchall():
            found[n].setdefault(row_id, body)

    fts = fts_many_sql(table, column, where, list(extra), vector)
    first = [n for n, t in enumerate(terms) if t]
    run(fts, first, [tsquery_pairs(terms[n][:KEY_TERMS]) for n in first])
    relaxed = [n for n in first if len(found[n]) < limit]
    run(fts, relaxed, [tsquery_any(terms[n]) for n in relaxed])
    short = [
        n for n, text in enumerate(texts) if len(text.split()) <= TRIGRAM_WORDS and len(found[n]) < limit
    ]
    if short:
        # The threshold of ``<%`` is a session setting: set in the same round trip as the
        # query that uses it (two statements, one execute; the query's result is returned).
        threshold = f"SELECT set_config('pg_trgm.word_similarity_threshold', '{TRIGRAM_MIN:g}', false);"
        run(threshold + trigram_many_sql(table, column, where, list(extra)), short, None)
    return [list(rows.items())[: limit * 2] for rows in found]
