"""The app's connection and cached query results.

One DuckDB connection per process (``st.cache_resource``), a cursor per query; results are
cached with ``st.cache_data`` keyed by the database path and its *data version*, which
every import raises, so new data shows at once and nothing is computed twice.

The connection is read-write, unless the file cannot be written (permissions, read-only
disk) or ``SV_READ_ONLY=1``: then it is read-only, :func:`read_only` says so and the pages
switch uploads off (a read-only connection refuses every write anyway).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from sv_analytics import config, db, demo, metrics, queries
from sv_analytics.errors import DatabaseError
from sv_analytics.ingest import sandbox, template
from sv_analytics.texts import t

#: Set to 1 to open the database read-only (e.g. a public viewing copy); see config.py.
ENV_READ_ONLY = config.ENV_READ_ONLY


@dataclass(frozen=True)
class _Opened:
    """The process's connection and whether it is read-only (decided once, at opening)."""

    conn: duckdb.DuckDBPyConnection
    read_only: bool


read_only_requested = config.read_only_requested


@st.cache_resource(show_spinner=False)
def _connection(path: str, read_only_wanted: bool) -> _Opened:
    """Open once per process (and per mode): DuckDB refuses a second connection to the same
    file with a different read-only setting, so the mode is part of the cache key and is
    never switched while the app runs. Messages name only the file, not its server path."""
    target = Path(path)
    if not target.exists():
        if read_only_wanted:
            raise DatabaseError(t("db.missing_read_only", name=target.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        demo.create_demo_database(target, reference=config.reference_dir())
    if not read_only_wanted and not db.is_read_only_file(target):
        try:
            return _Opened(db.connect(target, name=target.name), read_only=False)
        except DatabaseError as error:
            if db.failure_kind(error) != "read_only":  # e.g. a read-only disk not seen by stat
                raise
    return _Opened(db.connect(target, create=False, read_only=True, name=target.name), read_only=True)


def db_path() -> Path:
    return config.db_path().resolve()


def database_missing() -> bool:
    return not db_path().exists()


@st.cache_resource(show_spinner=False)
def warm_up_readers() -> bool:
    """Start the upload readers' fork server once per process, in the background."""
    sandbox.warm_up()
    return True


def connection() -> duckdb.DuckDBPyConnection:
    """The process-wide connection; builds the demo database on first start."""
    return _connection(str(db_path()), read_only_requested()).conn


def read_only() -> bool:
    """True when the app may not write: pages then switch uploads (and any other write) off."""
    return _connection(str(db_path()), read_only_requested()).read_only


def data_version() -> int:
    return db.data_version(connection())


@st.cache_data(show_spinner=False, max_entries=64)
def _demo_banner(path: str, version: int) -> str | None:
    return metrics.demo_banner_key(connection())


def demo_banner() -> str | None:
    """Text key of the demo banner to show, or None when no demo content is stored."""
    return _demo_banner(str(db_path()), data_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _kern_overview(
    path: str, version: int, start: date, end: date, gemeente: str | None, doelgroep: str | None
) -> pd.DataFrame:
    return metrics.kern_overview(connection(), metrics.Period(start, end), gemeente, doelgroep)


def kern_overview(period: metrics.Period, gemeente: str | None, doelgroep: str | None = None) -> pd.DataFrame:
    return _kern_overview(str(db_path()), data_version(), period.start, period.end, gemeente, doelgroep)


@st.cache_data(show_spinner=False, max_entries=16)
def _gemeenten(path: str, version: int) -> pd.DataFrame:
    return metrics.gemeenten(connection())


def gemeenten() -> pd.DataFrame:
    return _gemeenten(str(db_path()), data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _month_range(path: str, version: int) -> tuple[date, date] | None:
    return metrics.month_range(connection())


def month_range() -> tuple[date, date] | None:
    return _month_range(str(db_path()), data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _kern_contours(path: str, version: int) -> pd.DataFrame:
    return metrics.kern_contours(connection())


def kern_contours() -> pd.DataFrame:
    return _kern_contours(str(db_path()), data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _kernen(path: str, version: int) -> pd.DataFrame:
    return queries.run(connection(), "kernen")


def kernen() -> pd.DataFrame:
    return _kernen(str(db_path()), data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _import_log(path: str, version: int, limit: int) -> pd.DataFrame:
    return queries.run(connection(), "import_log", limit=limit)


def import_log(limit: int = 20) -> pd.DataFrame:
    return _import_log(str(db_path()), data_version(), limit)


@st.cache_data(show_spinner=False, max_entries=32)
def _workbook_bytes(path: str, version: int, kern_id: str, with_data: bool) -> bytes:
    return template.build_workbook(connection(), kern_id, with_data=with_data)


def workbook_bytes(kern_id: str, with_data: bool) -> bytes:
    return _workbook_bytes(str(db_path()), data_version(), kern_id, with_data)


@st.cache_data(show_spinner=False, max_entries=512)
def _run(path: str, version: int, module: str, name: str, params: tuple) -> object:
    function = getattr(importlib.import_module(module), name)
    return function(connection(), **dict(params))


def run(function: Callable[..., object], **params: object) -> object:
    """``function(connection, **params)`` cached by database, data version and parameters.

    The one way pages get computed results: any Streamlit-free function of sv_analytics that
    takes the connection first can be cached like this (parameters must be hashable).
    """
    key = tuple(sorted(params.items()))
    return _run(str(db_path()), data_version(), function.__module__, function.__qualname__, key)
