"""Lookups every page shares: kernen (and the table columns that name them), gemeenten, the
months with data, map contours, the import log and whether demo content is stored. No
Streamlit; pages get them cached through ``ui.state.run``."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from sv_analytics import queries
from sv_analytics.tables import Column
from sv_analytics.texts import t


def kernen(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The kern registry: id, name, gemeente, type, location and inhabitants, in gemeente order."""
    return queries.run(conn, "kernen")


def kernen_in(
    conn: duckdb.DuckDBPyConnection, gemeente: str | None = None, kern_id: str | None = None
) -> pd.DataFrame:
    """The registry's kernen of one gemeente and/or one kern (None: all), in gemeente order: the
    rows of a table per kern, whose own query gives only figures per ``kern_id``."""
    frame = kernen(conn)
    if gemeente is not None:
        frame = frame[frame["gemeente_code"] == gemeente]
    if kern_id is not None:
        frame = frame[frame["kern_id"] == kern_id]
    return frame.reset_index(drop=True)


def kern_columns(name: str = "name") -> tuple[Column, Column]:
    """The kern (its name in column ``name``) and its gemeente, headed as every table per kern heads them."""
    return Column(name, t("col.kern")), Column("gemeente", t("col.gemeente"))


def inhabitants_column() -> Column:
    """The kern's inhabitants in the registry (column ``inhabitants``, registry ``inwoners_kern``)."""
    return Column("inhabitants", t("col.inhabitants"), kind="count", indicator="inwoners_kern")


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
