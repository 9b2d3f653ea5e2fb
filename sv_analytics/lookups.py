"""Lookups every page shares: kernen, gemeenten, the months with data, map contours, the
import log and whether demo content is stored. No Streamlit; pages get them cached through
``ui.state.run``."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from sv_analytics import queries


def kernen(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The kern registry: id, name, gemeente, type."""
    return queries.run(conn, "kernen")


def import_log(conn: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The latest imports, newest first."""
    return queries.run(conn, "import_log", limit=limit)


def month_range(conn: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """First and last month with monitoring data, or None when there is none."""
    row = queries.run(conn, "month_range").iloc[0]
    if pd.isna(row["first_month"]):
        return None
    return pd.Timestamp(row["first_month"]).date(), pd.Timestamp(row["last_month"]).date()


def gemeenten(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "gemeenten")


def kern_contours(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "kern_contours")


def gemeente_outlines(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "gemeente_outlines")


def demo_banner_key(conn: duckdb.DuckDBPyConnection) -> str | None:
    """Which demo banner applies: all figures fictional, only monitoring, or none."""
    row = queries.run(conn, "demo_content").iloc[0]
    if not row["any_demo"]:
        return None
    return "app.demo_banner" if row["demo_context"] else "app.demo_banner_monitoring"
