"""The app's connection and cached query results.

One DuckDB connection per process (``st.cache_resource``), a cursor per query; results are
cached with ``st.cache_data`` keyed by the database path and its *data version*, which
every import raises, so new data shows at once and nothing is computed twice.

Every cached function runs on a cursor that sees only the viewer's scope
(:mod:`sv_analytics.scope`: TEMP views with the tables' names), and the scope is part of the
cache key: a gemeente's official never gets a result computed for another scope, and no page
has to remember a ``WHERE``. Writes (uploads, undo, public files) use the plain
:func:`connection`, only after the page checked the viewer's rights.

The connection is read-write, unless the file cannot be written (permissions, read-only
disk) or ``SV_READ_ONLY=1``: then it is read-only, :func:`read_only` says so and the pages
switch uploads off (a read-only connection refuses every write anyway).
"""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st

from sv_analytics import config, db, lookups, scope
from sv_analytics.access import Scope
from sv_analytics.errors import DatabaseError
from sv_analytics.ingest import sandbox
from sv_analytics.texts import t
from sv_analytics.ui import viewer

#: Set to 1 to open the database read-only (e.g. a public viewing copy); see config.py.
ENV_READ_ONLY = config.ENV_READ_ONLY

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Opened:
    """The process's connection, whether it is read-only (decided once, at opening), and its
    pool of scoped cursors (same lifetime as the connection)."""

    conn: duckdb.DuckDBPyConnection
    read_only: bool
    pool: scope.CursorPool


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
            return _opened(db.connect(target, name=target.name), read_only=False)
        except DatabaseError as error:
            if db.failure_kind(error) != "read_only":  # e.g. a read-only disk not seen by stat
                raise
    return _opened(db.connect(target, create=False, read_only=True, name=target.name), read_only=True)


def _opened(conn: duckdb.DuckDBPyConnection, *, read_only: bool) -> _Opened:
    return _Opened(conn, read_only, scope.CursorPool(conn))


def _build_demo_database(target: Path) -> None:
    """Build the demo database with the CLI's ``demo`` command, in a child process.

    Generating fictional data is an administrator's action, so the app goes through the
    same command an administrator would run (and the app's own code never imports the
    generator). The child also keeps the generator's memory out of the server process.
    """
    command = [sys.executable, "-m", "sv_analytics", "demo", "--db", str(target)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        # the child's output names server paths: for the server log, not for the visitor
        _LOG.error(
            "demo build of %s failed (exit %s):\n%s",
            target,
            done.returncode,
            (done.stderr or done.stdout).strip(),
        )
        raise DatabaseError(t("db.demo_failed", name=target.name))


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


def scoped_cursor(wanted: Scope):
    """A context manager: a cursor of the app's connection that sees only ``wanted``."""
    return _connection(str(db_path()), read_only_requested()).pool.cursor(wanted)


#: Cached results kept (all scopes together): every scope has its own entries.
CACHE_ENTRIES = 1024


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _run(
    path: str,
    version: int,
    scope_key: str,
    module: str,
    name: str,
    params: tuple,
    _given: tuple = (),
    _scope: Scope | None = None,
) -> object:
    """The cached call. ``scope_key`` is in the key; ``_scope`` (the same scope as an object)
    is not hashed by Streamlit, so it is checked against the key before anything runs."""
    if _scope is None or _scope.key != scope_key:
        raise PermissionError("scope en cachesleutel verschillen")
    function = getattr(importlib.import_module(module), name)
    given = {key: value() if callable(value) else value for key, value in _given}  # lazy: only on a miss
    with scoped_cursor(_scope) as cur:
        return function(cur, **dict(params), **given)


def run(function: Callable[..., object], **params: object) -> object:
    """``function(cursor, **params)`` cached by database, data version, scope and parameters.

    The one way pages get computed results: any Streamlit-free function of sv_analytics that
    takes the connection first can be cached like this (parameters must be hashable). It gets
    a cursor that sees only the scope of the viewer of this session (``viewer.current()``;
    a plain cursor for scope *all*), and the scope is part of the cache key.

    A parameter whose name starts with ``_`` is passed on without the leading underscore and
    is *not* part of the cache key (Streamlit does not hash it): use it for an earlier cached
    result that is itself determined by the data version, the scope and the other parameters
    (a large frame or a result object), which would otherwise be hashed again on every rerun.
    Pass it as a zero-argument callable (``_base=lambda: state.run(views.basis)``) and it is
    fetched only when this result is not cached yet: a cached result is unpickled on every
    hit, so a large one should not be fetched needlessly. Such a callable runs in the same
    session, so its own ``state.run`` has the same scope.
    """
    wanted = viewer.current().scope
    key = tuple(sorted((k, v) for k, v in params.items() if not k.startswith("_")))
    given = tuple(sorted((k[1:], v) for k, v in params.items() if k.startswith("_")))
    return _run(
        str(db_path()),
        data_version(),
        wanted.key,
        function.__module__,
        function.__qualname__,
        key,
        given,
        wanted,
    )


@st.cache_data(show_spinner=False, max_entries=8)
def _place_names(path: str, version: int) -> scope.PlaceNames:
    return scope.place_names(connection())


def place_names() -> scope.PlaceNames:
    """Ids and names of *every* kern and gemeente, whatever the scope: only to say "geen
    toegang tot <naam>" for a link to a kern outside it (no figures, see scope.place_names)."""
    return _place_names(str(db_path()), data_version())
