"""Named SQL queries: one ``.sql`` file per query, loaded by name.

Why files: the SQL stays readable and reviewable as SQL, pages refer to results by name
(as in Evidence), and nothing outside this package writes SQL. Parameters are DuckDB
named parameters (``$start``); every query runs on its own cursor so that Streamlit's
session threads can share one connection.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).parent


@cache
def sql(name: str) -> str:
    """The text of query ``name`` (file ``<name>.sql`` in this folder)."""
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"Onbekende query: {name}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def run(conn: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run query ``name`` with named parameters and return a DataFrame."""
    text = sql(name)
    used = {k: v for k, v in params.items() if f"${k}" in text}
    return conn.cursor().execute(text, used).df()
