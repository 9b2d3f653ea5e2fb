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
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st

from sv_analytics import config, db, lookups
from sv_analytics.errors import DatabaseError
from sv_analytics.ingest import sandbox
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
        _build_demo_database(target)
    if not read_only_wanted and not db.is_read_only_file(target):
        try:
            return _Opened(db.connect(target, name=target.name), read_only=False)
        except DatabaseError as error:
            if db.failure_kind(error) != "read_only":  # e.g. a read-only disk not seen by stat
                raise
    return _Opened(db.connect(target, create=False, read_only=True, name=target.name), read_only=True)


def _build_demo_database(target: Path) -> None:
    """Build the demo database with the CLI's ``demo`` command, in a child process.

    Generating fictional data is an administrator's action, so the app goes through the
    same command an administrator would run (and the app's own code never imports the
    generator). The child also keeps the generator's memory out of the server process.
    """
    command = [sys.executable, "-m", "sv_analytics", "demo", "--db", str(target)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise DatabaseError(t("db.demo_failed", name=target.name, reason=lines[-1] if lines else done.returncode))


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


def demo_banner() -> str | None:
    """Text key of the demo banner to show, or None when no demo content is stored."""
    return run(lookups.demo_banner_key)


@st.cache_data(show_spinner=False, max_entries=512)
def _run(path: str, version: int, module: str, name: str, params: tuple, _given: tuple = ()) -> object:
    function = getattr(importlib.import_module(module), name)
    given = {key: value() if callable(value) else value for key, value in _given}  # lazy: only on a miss
    return function(connection(), **dict(params), **given)


def run(function: Callable[..., object], **params: object) -> object:
    """``function(connection, **params)`` cached by database, data version and parameters.

    The one way pages get computed results: any Streamlit-free function of sv_analytics that
    takes the connection first can be cached like this (parameters must be hashable).

    A parameter whose name starts with ``_`` is passed on without the leading underscore and
    is *not* part of the cache key (Streamlit does not hash it): use it for an earlier cached
    result that is itself determined by the data version and the other parameters (a large
    frame or a result object), which would otherwise be hashed again on every rerun. Pass it
    as a zero-argument callable (``_base=lambda: state.run(views.basis)``) and it is fetched
    only when this result is not cached yet: a cached result is unpickled on every hit, so a
    large one should not be fetched needlessly.
    """
    key = tuple(sorted((k, v) for k, v in params.items() if not k.startswith("_")))
    given = tuple(sorted((k[1:], v) for k, v in params.items() if k.startswith("_")))
    return _run(str(db_path()), data_version(), function.__module__, function.__qualname__, key, given)
