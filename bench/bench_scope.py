"""Benchmark the cost of scoping (sv_analytics/scope.py): opening a cursor and running queries.

``.venv/bin/python bench/bench_scope.py [--db DB] [--runs N]`` builds a demo database in a
temporary folder (or reads ``--db``, read-only) and prints a markdown table, medians of N runs:

* opening a cursor: a plain ``conn.cursor()``; a scoped cursor made from scratch (every TEMP
  view created: ``scope.cursor``); a scoped cursor taken from a warm ``CursorPool`` and given
  back (what ``state.run`` pays on a cache miss);
* representative domain queries (``lookups.kernen``, ``overzicht.kern_overview``,
  ``deelname.participation``) on a plain cursor vs. a scoped one (gemeente Deventer, kern
  Bathmen): the query alone on an open cursor, and with the pool's take/give around it.

Ratios are scoped ÷ plain. Cached results (``st.cache_data``) are not involved: these are the
costs of a cache miss.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from sv_analytics import access, db, deelname, demo, lookups, overzicht, scope  # noqa: E402
from sv_analytics.access import Scope  # noqa: E402
from sv_analytics.timeline import Period  # noqa: E402

SCOPES = {"gemeente Deventer": Scope(gemeente_code="GM0150"), "kern Bathmen": Scope(kern_id="bathmen")}
PERIOD = Period(date(2017, 1, 1), date(2018, 12, 1))
QUERIES: dict[str, Callable[[duckdb.DuckDBPyConnection], object]] = {
    "lookups.kernen": lookups.kernen,
    "overzicht.kern_overview": lambda cur: overzicht.kern_overview(cur, PERIOD),
    "deelname.participation": lambda cur: deelname.participation(cur, PERIOD.start, PERIOD.end),
}


def median_ms(action: Callable[[], object], runs: int, warm: int = 3) -> float:
    for _ in range(warm):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def opening(conn: duckdb.DuckDBPyConnection, runs: int) -> list[tuple[str, float, float]]:
    """(what, ms, ratio to a plain cursor) for opening a cursor."""

    def plain() -> None:
        conn.cursor().close()

    base = median_ms(plain, runs)
    rows = [("plain cursor", base, 1.0)]
    pool = scope.CursorPool(conn)
    for label, wanted in SCOPES.items():

        def fresh(wanted: Scope = wanted) -> None:
            with scope.cursor(conn, wanted):
                pass

        def pooled(wanted: Scope = wanted) -> None:
            with pool.cursor(wanted):
                pass

        made = median_ms(fresh, max(5, runs // 4))
        taken = median_ms(pooled, runs)
        rows += [(f"scoped, views created ({label})", made, made / base)]
        rows += [(f"scoped, from the pool ({label})", taken, taken / base)]
    pool.close()
    return rows


def querying(conn: duckdb.DuckDBPyConnection, runs: int) -> list[tuple[str, str, float, float, float, float]]:
    """(query, scope, plain ms, scoped ms, ratio, scoped with the pool's take/give ms)."""
    rows = []
    pool = scope.CursorPool(conn)
    for name, query in QUERIES.items():
        with scope.cursor(conn, access.ALL) as plain_cursor:
            plain = median_ms(lambda cur=plain_cursor, query=query: query(cur), runs)
        for label, wanted in SCOPES.items():
            with scope.cursor(conn, wanted) as cur:
                scoped = median_ms(lambda cur=cur, query=query: query(cur), runs)

            def through_pool(wanted: Scope = wanted, query: Callable = query) -> None:
                with pool.cursor(wanted) as cur:
                    query(cur)

            pooled = median_ms(through_pool, runs)
            rows.append((name, label, plain, scoped, scoped / plain, pooled))
    pool.close()
    return rows


def report(conn: duckdb.DuckDBPyConnection, runs: int) -> str:
    schema = scope.read_schema(conn)
    lines = [
        f"## Scoping cost — {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}; {len(schema.tables)} tables, {scope.view_count(schema)} TEMP views "
        f"per scoped cursor; median of {runs} runs.",
        "",
        "| opening a cursor | ms | × plain |",
        "|---|---:|---:|",
    ]
    lines += [f"| {what} | {ms:.3f} | {ratio:.0f} |" for what, ms, ratio in opening(conn, runs)]
    lines += [
        "",
        "| query | scope | plain ms | scoped ms | scoped ÷ plain | scoped incl. pool take/give ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {label} | {plain:.2f} | {scoped:.2f} | {ratio:.2f} | {pooled:.2f} |"
        for name, label, plain, scoped, ratio, pooled in querying(conn, runs)
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, help="an existing database (read-only); default: a new demo database"
    )
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sv-bench-scope-") as folder:
        path = args.db
        if path is None:
            path = Path(folder) / "demo.duckdb"
            demo.create_demo_database(path)
        conn = db.connect(path, create=False, read_only=True)
        try:
            print(report(conn, args.runs))
        finally:
            conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
