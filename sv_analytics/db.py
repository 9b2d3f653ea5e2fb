"""Connect to the DuckDB file, create or migrate its schema, write in one transaction.

Why this module exists: every reader and writer of the database goes through it, so the
schema version check, the all-or-nothing write and the data version (the cache key of the
app) are done the same way everywhere.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from sv_analytics import fmt, texts, vocab
from sv_analytics.errors import DatabaseError

SCHEMA_FILE = Path(__file__).with_name("schema.sql")

#: The version of schema.sql. Raise it with every schema change and add a migration.
SCHEMA_VERSION = 4

#: Tables that are bookkeeping, not content: no revision shadow, not in kern content.
BOOKKEEPING_TABLES = frozenset({"schema_meta", "dataset", "import_log", "lookup", "revision", "app_user"})
#: Prefix of the revision shadow of a content table (rev_organisation …).
REVISION_PREFIX = "rev_"


def create_revision_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """One typed shadow table per content table: (revision_id, op, the table's columns).

    Made from the tables themselves, so a column added to a table in a migration must be
    followed by this call (it adds the missing shadows; a changed shadow is rebuilt).
    """
    for table in table_names(conn):
        if table in BOOKKEEPING_TABLES or table.startswith(REVISION_PREFIX):
            continue
        conn.execute(
            f'CREATE TABLE IF NOT EXISTS "{REVISION_PREFIX}{table}" AS SELECT CAST(NULL AS BIGINT) AS '
            f'revision_id, CAST(NULL AS VARCHAR) AS op, * FROM "{table}" LIMIT 0'
        )


def _migrate_to_2(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 2: revisions (undo) and kennisplein links."""
    conn.execute("ALTER TABLE kennisplein_item ADD COLUMN links VARCHAR")
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    start = schema.index("CREATE SEQUENCE revision_seq;")
    conn.execute(schema[start : schema.index("CREATE TABLE lookup (")])
    create_revision_tables(conn)


def _migrate_to_3(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 3: the people who may log in (``app_user``) and who wrote each import_log row.

    The table is taken from schema.sql itself, so a migrated database and a new one cannot
    differ; ``IF NOT EXISTS`` on the column keeps a half-known database (version number
    changed by hand) migratable.
    """
    conn.execute("ALTER TABLE import_log ADD COLUMN IF NOT EXISTS user_name VARCHAR")
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    start = schema.index("CREATE TABLE app_user (")
    conn.execute(schema[start : schema.index("\n);\n", start) + 3])


def _migrate_to_4(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 4: an activity's Loket Gezond Leven intervention and recognition level.

    DuckDB cannot add a column with a CHECK constraint (nor a constraint) to a table, so
    ``activity`` is rebuilt from its CREATE TABLE in schema.sql and its rows are copied by
    column name (the new columns stay empty); its revision shadow is rebuilt the same way, so
    a migrated database and a new one have the same columns in the same order. ``lookup`` is
    written again from vocab: the new list recognition_level and the age group 19+ (BBV).
    """
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    start = schema.index("CREATE TABLE activity (")
    create = schema[start : schema.index("\n);\n", start) + 3]
    shadow = f"{REVISION_PREFIX}activity"
    conn.execute("ALTER TABLE activity RENAME TO activity_v3")
    conn.execute(create)
    conn.execute("INSERT INTO activity BY NAME SELECT * FROM activity_v3")
    conn.execute("DROP TABLE activity_v3")
    if shadow in table_names(conn):
        conn.execute(f'ALTER TABLE "{shadow}" RENAME TO "{shadow}_v3"')
        create_revision_tables(conn)
        conn.execute(f'INSERT INTO "{shadow}" BY NAME SELECT * FROM "{shadow}_v3"')
        conn.execute(f'DROP TABLE "{shadow}_v3"')
    conn.execute("DELETE FROM lookup")
    conn.executemany("INSERT INTO lookup VALUES (?, ?, ?, ?)", vocab.lookup_rows())


#: Migrations by the version they lead to: MIGRATIONS[n] turns version n-1 into n.
#: schema.sql always holds the newest full schema; a new database never runs these.
MIGRATIONS: dict[int, str | Callable[[duckdb.DuckDBPyConnection], None]] = {
    2: _migrate_to_2,
    3: _migrate_to_3,
    4: _migrate_to_4,
}

#: Columns that record *when* something happened; left out of content hashes so that two
#: runs of the same generator compare equal.
TIMESTAMP_COLUMNS = frozenset({"imported_at", "logged_at"})


def connect(
    path: Path | str, *, create: bool = True, read_only: bool = False, name: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` with an up-to-date schema.

    A missing file is created (unless ``create`` is false); an older schema is migrated;
    a newer or foreign database is refused with a Dutch :class:`DatabaseError`. So is every
    other failure to open (locked, read-only, corrupt, disk full while migrating): DuckDB's
    own exception, English and naming server paths, stays as ``__cause__`` only.

    ``read_only`` never writes, so a database that would need creating or migrating is
    refused in Dutch. ``name`` is how messages call the file (default: the path as given;
    the app passes only the file name, as its users have no business with server paths).
    """
    path = Path(path)
    shown = name or str(path)
    if not path.exists() and not create:
        raise DatabaseError(f"Database '{shown}' bestaat niet.")
    if not path.parent.exists():
        if name is None:
            raise DatabaseError(f"Map '{path.parent}' bestaat niet; maak die eerst aan.")
        raise DatabaseError(f"De map van database '{shown}' bestaat niet; maak die eerst aan.")
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise DatabaseError(_explain_io_error(shown, exc)) from exc
    try:
        if read_only:
            _refuse_unwritable_schema(conn, shown)
        ensure_schema(conn, shown)
    except (duckdb.Error, OSError) as exc:
        conn.close()
        if failure_kind(exc) in ("not_duckdb", "corrupt"):  # found while reading the catalogue
            raise DatabaseError(_explain_io_error(shown, exc)) from exc
        error = write_error(exc, texts.t("db.what_schema", name=shown))
        if error is None:  # e.g. a migration with a bug: that is not the user's problem
            raise
        raise error from exc
    except BaseException:
        conn.close()
        raise
    return conn


def ensure_not_in_use(path: Path) -> None:
    """Refuse when another process holds ``path`` open (e.g. the running app).

    Replacing a file that another process has open would leave that process reading the
    old, deleted file without noticing. Files that are not DuckDB databases pass. The probe
    opens read-write: that is refused both when another process writes and when one reads.
    """
    if not path.exists():
        return
    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as exc:
        if failure_kind(exc) == "locked":
            raise DatabaseError(_explain_io_error(path, exc)) from exc


def _explain_io_error(path: Path | str, exc: BaseException) -> str:
    """Dutch for why DuckDB could not open ``path``: what happened and what to do.

    DuckDB's English text (with the full server path) is left out; the caller keeps the
    exception as ``__cause__``.
    """
    kind = failure_kind(exc)
    head = texts.t("db.open_failed", name=path)
    if kind is None:
        return f"{head} {texts.t('db.unknown_open', kind=type(exc).__name__)}"
    return f"{head} {texts.t(f'db.{kind}')}"


def ensure_schema(conn: duckdb.DuckDBPyConnection, path: Path | str = "") -> None:
    """Create the schema in an empty database, migrate an older one, refuse others."""
    tables = set(table_names(conn))
    if not tables:
        create_schema(conn)
        return
    if "schema_meta" not in tables:
        raise DatabaseError(f"'{path}' is geen database van sv-analytics (tabel schema_meta ontbreekt).")
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"Database '{path}' heeft schemaversie {version}; deze versie van sv-analytics "
            f"kent tot en met versie {SCHEMA_VERSION}. Werk sv-analytics bij."
        )
    if version < SCHEMA_VERSION:
        migrate(conn, version, path)


def create_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Run schema.sql and fill the lookup table, in one transaction."""
    with transaction(conn):
        conn.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        create_revision_tables(conn)
        conn.executemany("INSERT INTO lookup VALUES (?, ?, ?, ?)", vocab.lookup_rows())
        conn.execute(
            "INSERT INTO schema_meta VALUES ('schema_version', ?), ('data_version', '0')",
            [str(SCHEMA_VERSION)],
        )


def migrate(conn: duckdb.DuckDBPyConnection, version: int, path: Path | str = "") -> None:
    """Bring a database from ``version`` to SCHEMA_VERSION, one step per transaction."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        step = MIGRATIONS.get(target)
        if step is None:
            raise DatabaseError(
                f"Database '{path}' heeft schemaversie {version} en er is geen migratie "
                f"naar versie {target}. Bouw de database opnieuw op."
            )
        with transaction(conn):
            if callable(step):
                step(conn)
            else:
                conn.execute(step)
            conn.execute("UPDATE schema_meta SET value = ? WHERE key = 'schema_version'", [str(target)])


def schema_version(conn: duckdb.DuckDBPyConnection) -> int:
    row = conn.execute("SELECT value FROM schema_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def data_version(conn: duckdb.DuckDBPyConnection) -> int:
    """A counter that every write raises: the app's cache key for query results."""
    row = conn.cursor().execute("SELECT value FROM schema_meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def table_names(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


#: Primary keys and column types per table. Every connection has the newest schema
#: (``connect`` migrates first) and the schema does not change while running, so one cache
#: serves every database; the lookups run on their own cursors, so a caller's open result
#: (or transaction on another cursor) is left alone.
_SCHEMA_CACHE: dict[tuple[str, str], list[str]] = {}


def primary_key(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's primary key columns (cached, see ``_SCHEMA_CACHE``)."""
    cached = _SCHEMA_CACHE.get(("pk", table))
    if cached is not None:
        return list(cached)
    row = (
        conn.cursor()
        .execute(
            "SELECT constraint_column_names FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY' AND schema_name = 'main'",
            [table],
        )
        .fetchall()[0]
    )
    _SCHEMA_CACHE[("pk", table)] = list(row[0])
    return list(row[0])


def column_types(conn: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column → SQL type of a table, in schema order (cached like primary_key)."""
    cached = _SCHEMA_CACHE.get(("types", table))
    if cached is None:
        cached = [
            f"{name}\t{kind}"
            for name, kind in conn.cursor()
            .execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [table],
            )
            .fetchall()
        ]
        _SCHEMA_CACHE[("types", table)] = cached
    return dict(item.split("\t", 1) for item in cached)


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's columns in schema order (dataset_id included; cached like primary_key)."""
    return list(column_types(conn, table))


def content_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables that hold content (everything but the schema bookkeeping and the revision
    shadows, which are history)."""
    return [t for t in table_names(conn) if t != "schema_meta" and not t.startswith(REVISION_PREFIX)]


def data_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables the pages read: content without provenance, logs and revisions."""
    return [t for t in content_tables(conn) if t not in BOOKKEEPING_TABLES]


def revisioned_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Content tables that have a revision shadow."""
    names = set(table_names(conn))
    return [t for t in data_tables(conn) if f"{REVISION_PREFIX}{t}" in names]


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: commit when the block ends normally, roll back on any exception."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


#: One writer at a time in this process: every session of the app shares one connection,
#: and two write transactions that both raise the data version would conflict in DuckDB.
#: Between processes DuckDB's own file lock allows one writing process.
WRITE_LOCK = threading.RLock()
#: How long a write waits for another one in this process before giving up.
WRITE_WAIT_SECONDS = 120.0


@contextmanager
def exclusive_write(wait: float = WRITE_WAIT_SECONDS) -> Iterator[None]:
    """Hold the process's write lock; a Dutch DatabaseError when another write takes too long."""
    if not WRITE_LOCK.acquire(timeout=wait):
        raise DatabaseError(
            "Er worden nu andere gegevens opgeslagen en dat duurt lang. Er is niets opgeslagen; "
            "probeer het over een paar minuten opnieuw."
        )
    try:
        yield
    finally:
        WRITE_LOCK.release()


def bump_data_version(conn: duckdb.DuckDBPyConnection) -> None:
    """Call inside every write transaction so cached query results are recomputed."""
    conn.execute(
        "UPDATE schema_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'"
    )


def insert_frames(conn: duckdb.DuckDBPyConnection, frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Append each DataFrame to the table of its name; call inside :func:`transaction`.

    Columns are matched by name, so a frame may list them in any order; a column the
    table lacks is a programming error and raises.
    """
    written: dict[str, int] = {}
    for table, frame in frames.items():
        if frame.empty:
            written[table] = 0
            continue
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        view = f"_frame_{table}"
        conn.register(view, frame)
        try:
            conn.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM "{view}"')
        finally:
            conn.unregister(view)
        written[table] = len(frame)
    return written


#: Who the import log and revisions name when no person is given: every caller that is not
#: the app (the command line, the demo builder, scripts). The app passes the viewer's label.
CLI_USER = "cli"


def log_import(
    conn: duckdb.DuckDBPyConnection,
    *,
    action: str,
    status: str,
    dataset_id: str | None = None,
    file_name: str | None = None,
    file_hash: str | None = None,
    kern_id: str | None = None,
    rows: Mapping[str, int] | None = None,
    message: str | None = None,
    user: str = CLI_USER,
) -> None:
    """One import_log row; ``user`` is who did it (``Viewer.label`` in the app, "cli" otherwise)."""
    conn.execute(
        "INSERT INTO import_log (dataset_id, action, file_name, file_hash, kern_id, rows_json,"
        " status, message, logged_at, user_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            dataset_id,
            action,
            file_name,
            file_hash,
            kern_id,
            json.dumps(dict(rows), sort_keys=True) if rows is not None else None,
            status,
            message,
            datetime.now(),
            user,
        ],
    )


def has_demo_content(conn: duckdb.DuckDBPyConnection) -> bool:
    """True while any demo dataset is stored: the app then shows the demo banner."""
    row = conn.cursor().execute("SELECT count(*) FROM dataset WHERE is_demo").fetchone()
    return bool(row and row[0])


def table_hash(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    """sha256 of a table's rows in a canonical order, without timestamp columns."""
    columns = [
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        if r[0] not in TIMESTAMP_COLUMNS
    ]
    select = ", ".join(f'"{c}"' for c in columns)
    digest = hashlib.sha256(select.encode())
    for row in conn.execute(f'SELECT {select} FROM "{table}" ORDER BY ALL').fetchall():
        digest.update(repr(row).encode())
    return digest.hexdigest()


def content_hashes(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Content hash of every content table: equal hashes mean equal content."""
    return {t: table_hash(conn, t) for t in content_tables(conn)}


def row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in content_tables(conn)}


#: (child table, child column, parent table, parent column): the references the schema
#: would declare as FOREIGN KEY if DuckDB allowed replacing parents (see schema.sql).
REFERENCES = (
    ("kern", "gemeente_code", "gemeente", "gemeente_code"),
    ("kern_region", "kern_id", "kern", "kern_id"),
    ("kern_target_group", "kern_id", "kern", "kern_id"),
    ("facility", "kern_id", "kern", "kern_id"),
    ("organisation", "kern_id", "kern", "kern_id"),
    ("organisation_role", "org_id", "organisation", "org_id"),
    ("agreement", "kern_id", "kern", "kern_id"),
    ("agreement_party", "agreement_id", "agreement", "agreement_id"),
    ("agreement_party", "org_id", "organisation", "org_id"),
    ("survey", "kern_id", "kern", "kern_id"),
    ("survey_result", "survey_id", "survey", "survey_id"),
    ("activity", "kern_id", "kern", "kern_id"),
    ("activity", "provider_org_id", "organisation", "org_id"),
    ("activity_theme", "activity_id", "activity", "activity_id"),
    ("activity_target_group", "activity_id", "activity", "activity_id"),
    ("participation", "activity_id", "activity", "activity_id"),
    ("participation_breakdown", "activity_id", "activity", "activity_id"),
    ("referral", "kern_id", "kern", "kern_id"),
    ("referral", "to_activity_id", "activity", "activity_id"),
    ("referral", "from_org_id", "organisation", "org_id"),
    ("volunteer", "kern_id", "kern", "kern_id"),
    ("werkplan_action", "kern_id", "kern", "kern_id"),
    ("target", "kern_id", "kern", "kern_id"),
    ("evaluation", "kern_id", "kern", "kern_id"),
    ("evaluation_subgoal", "kern_id", "kern", "kern_id"),
    ("evaluation_factor", "kern_id", "kern", "kern_id"),
    ("kennisplein_item", "kern_id", "kern", "kern_id"),
    ("kennisplein_target_group", "item_id", "kennisplein_item", "item_id"),
)

#: Columns holding a code of a closed list: (table, column, lookup list name).
CODED_COLUMNS = (
    ("kern", "kern_type", "kern_type"),
    ("kern_target_group", "doelgroep", "doelgroep"),
    ("facility", "facility_type", "facility_type"),
    ("organisation", "sector", "sector"),
    ("organisation_role", "role", "org_role"),
    ("agreement", "kind", "agreement_kind"),
    ("agreement", "status", "agreement_status"),
    ("survey_result", "question", "survey_question"),
    ("activity", "kind", "activity_kind"),
    ("activity", "novelty", "novelty"),
    ("activity", "membership_form", "membership_form"),
    ("activity", "recognition_level", "recognition_level"),
    ("activity_theme", "bravo_theme", "bravo_theme"),
    ("activity_target_group", "doelgroep", "doelgroep"),
    ("referral", "from_sector", "referral_sector"),
    ("referral", "doelgroep", "doelgroep"),
    ("werkplan_action", "status", "werkplan_status"),
    ("evaluation", "moment", "evaluation_moment"),
    ("evaluation", "structure", "structure"),
    ("evaluation_subgoal", "moment", "evaluation_moment"),
    ("evaluation_factor", "moment", "evaluation_moment"),
    ("evaluation_factor", "kind", "factor_kind"),
    ("evaluation_factor", "category", "factor_category"),
    ("kennisplein_item", "kind", "kennis_kind"),
    ("kennisplein_target_group", "doelgroep", "doelgroep"),
    ("statistic", "region_level", "region_level"),
    ("statistic", "age_group", "stat_age_group"),
    ("geometry", "region_level", "region_level"),
)


def integrity_problems(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Dangling references and unknown codes, as Dutch sentences (empty = all good)."""
    problems = []
    for child, column, parent, key in REFERENCES:
        count = conn.execute(
            f'SELECT count(*) FROM "{child}" AS c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
            f'(SELECT 1 FROM "{parent}" AS p WHERE p."{key}" = c."{column}")'
        ).fetchone()[0]
        if count:
            problems.append(f"{child}.{column}: {count} rijen verwijzen naar een onbekende {parent}")
    for table, column, list_name in CODED_COLUMNS:
        count = conn.execute(
            f'SELECT count(*) FROM "{table}" AS t WHERE t."{column}" IS NOT NULL AND NOT EXISTS '
            f'(SELECT 1 FROM lookup AS l WHERE l.list_name = ? AND l.code = t."{column}")',
            [list_name],
        ).fetchone()[0]
        if count:
            problems.append(f"{table}.{column}: {count} rijen met een code buiten lijst {list_name}")
    return problems


# ---------------------------------------------------------------------------------------
# Failing and concurrent writes, read-only and locked files.
#
# DuckDB reports all of these as English exceptions that name server paths; the user must
# instead read, in Dutch, that nothing was saved and what to do. The kinds below were each
# reproduced against DuckDB 2.0 (tests/test_write_failures.py):
#   conflict    two write transactions of one process touch the same row (both raise the data
#               version): "Conflict on update!" at the second UPDATE, or "Failed to commit:
#               PRIMARY KEY or UNIQUE constraint violation" at the second COMMIT
#   disk_full   "No space left on device" / "File too large", as IOException during a big
#               statement or as TransactionException "Failed to commit: …" at COMMIT
#   read_only   a read_only connection ("… attached in read-only mode", InvalidInputException),
#               "Permission denied" (file, or the folder where the .wal must go: at COMMIT),
#               "Read-only file system"
#   not_duckdb  "… is not a valid DuckDB database file" (garbage, text, empty file)
#   corrupt     "Corrupt database file: computed checksum …", "Could not read enough bytes"
#               (truncated file), a WAL whose "checkpoint iteration" does not match
#   locked      "Could not set lock on file …": another process holds the file
#   other_mode  "different configuration": this process has the file open read-only and asks
#               for read-write, or the other way round
# ---------------------------------------------------------------------------------------

#: Every kind :func:`failure_kind` returns; each has a text ``db.<kind>`` (what to do).
FAILURE_KINDS = (
    "conflict",
    "disk_full",
    "read_only",
    "not_duckdb",
    "corrupt",
    "locked",
    "other_mode",
    "memory",
    "invalidated",
    "io",
)

_DISK_FULL_TEXTS = ("no space left", "file too large", "disk quota", "not enough space")
_CORRUPT_TEXTS = (
    "corrupt",
    "checksum",
    "could not read enough bytes",
    "checkpoint iteration",
    "failure while replaying wal",
)
_IO_TEXTS = ("could not write", "cannot open file", "input/output error", "i/o error")
_OS_ERROR_KINDS = {
    errno.ENOSPC: "disk_full",
    errno.EFBIG: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
}

#: Reading a file another process holds: copies are tried this often, this far apart, until
#: one is made while neither the file nor its WAL changed.
SNAPSHOT_ATTEMPTS = 10
SNAPSHOT_PAUSE_SECONDS = 0.2

#: An absolute POSIX path (not the path part of a URL): reduced to its last part in messages.
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])(?:/[^\s'\"/]+)+/?")

_LOG = logging.getLogger(__name__)


def failure_kind(exc: BaseException | None) -> str | None:
    """What went wrong with the database, as one of :data:`FAILURE_KINDS`, or None.

    The chain of causes is searched from its root: a :class:`DatabaseError` raised ``from``
    a DuckDB error has the kind of that error, and a DuckDB error raised while handling
    another one (a failed ROLLBACK) does not hide the error that caused it. An unrelated
    exception that was merely being handled is not followed. None means: not a storage
    failure (a bug, or a data error such as a CHECK constraint, which the caller reports).
    """
    chain: list[BaseException] = []
    while exc is not None and all(exc is not seen for seen in chain) and len(chain) < 20:
        chain.append(exc)
        follow = exc.__cause__
        context = exc.__context__
        if follow is None and isinstance(exc, duckdb.Error) and isinstance(context, (duckdb.Error, OSError)):
            follow = context
        exc = follow
    for candidate in reversed(chain):
        kind = _kind_of(candidate)
        if kind is not None:
            return kind
    return None


def _kind_of(exc: BaseException) -> str | None:
    """The kind of one exception, from its class and DuckDB's (English) text.

    The order matters: a disk-full error arrives as a TransactionException at COMMIT, and a
    lock error may mention "read-only mode", so those are recognised before the class is.
    """
    if isinstance(exc, OSError):  # Python's own file operations (copying a snapshot)
        return _OS_ERROR_KINDS.get(exc.errno, "io")
    if not isinstance(exc, duckdb.Error):
        return None
    text = str(exc).lower()
    if any(part in text for part in _DISK_FULL_TEXTS):
        return "disk_full"
    if "could not set lock" in text or "conflicting lock" in text:
        return "locked"
    if isinstance(exc, duckdb.FatalException) or "invalidated" in text:
        return "invalidated"
    if "different configuration" in text:
        return "other_mode"
    if "read-only" in text or "read only" in text or "permission denied" in text:
        return "read_only"
    if "not a valid duckdb" in text:
        return "not_duckdb"
    if any(part in text for part in _CORRUPT_TEXTS):
        return "corrupt"
    if isinstance(exc, duckdb.OutOfMemoryException) or "out of memory" in text:
        return "memory"
    if isinstance(exc, duckdb.IOException) or any(part in text for part in _IO_TEXTS):
        return "io"
    if isinstance(exc, duckdb.TransactionException) or "conflict" in text:
        return "conflict"
    return None


def write_error(exc: BaseException, what: str) -> DatabaseError | None:
    """The Dutch DatabaseError for a storage failure during a write, or None when ``exc`` is none.

    ``what`` names the attempt as the start of a Dutch sentence, e.g. ``"Het inlezen van
    bathmen.xlsx"``; the message then reads "Het inlezen van bathmen.xlsx is niet gelukt. Er
    is niets opgeslagen. <what to do>". It holds no path and none of DuckDB's English text;
    ``exc`` stays as ``__cause__`` and goes to the log (level INFO, so nothing English
    reaches a terminal that has no logging set up). "Niets opgeslagen" is true because every
    write runs in :func:`transaction` (or is one statement): DuckDB rolls it back whole.
    """
    kind = failure_kind(exc)
    if kind is None:
        return None
    _LOG.info("%s: database-fout van soort %s", what, kind, exc_info=exc)
    error = DatabaseError(f"{texts.t('db.not_saved', what=what)} {texts.t(f'db.{kind}')}")
    error.__cause__ = exc
    return error


@contextmanager
def writing(what: str) -> Iterator[None]:
    """Turn a storage failure inside the block into the Dutch DatabaseError of :func:`write_error`.

    Put it outside :func:`transaction`, so the rollback is done when the message is made::

        with db.writing("Het inlezen van bathmen.xlsx"), db.transaction(cur):
            ...

    Other errors (a CHECK constraint, a bug, a UserError) pass unchanged.
    """
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        error = write_error(exc, what)
        if error is None:
            raise
        raise error from exc


def _refuse_unwritable_schema(conn: duckdb.DuckDBPyConnection, name: str) -> None:
    """On a read-only connection: refuse what :func:`ensure_schema` would have to write.

    Creating or migrating the schema is impossible read-only and would end in DuckDB's
    English "read-only mode" error; this says in Dutch what to do instead.
    """
    tables = set(table_names(conn))
    if not tables:
        raise DatabaseError(texts.t("db.empty_read_only", name=name))
    if "schema_meta" in tables and (version := schema_version(conn)) < SCHEMA_VERSION:
        raise DatabaseError(texts.t("db.needs_migration", name=name, version=version, current=SCHEMA_VERSION))


def is_read_only_file(path: Path | str) -> bool:
    """True when the database at ``path`` should be opened read-only.

    That is: the file has no write bit at all (chmod 0444; root could still write it, but
    whoever made it read-only meant it), this process may not write the file, or it may not
    write the folder (DuckDB creates ``<file>.wal`` there at the first commit, so a write
    would fail only then), or the file system is read-only. A missing file is not read-only.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def needs_migration(path: Path | str) -> bool:
    """True when ``path`` is a database of sv-analytics with an older schema version.

    Looked up read-only; a missing, locked or foreign file gives False, so that opening it
    with :func:`connect` then gives the proper message.
    """
    path = Path(path)
    if not path.exists():
        return False
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            tables = set(table_names(conn))
            return "schema_meta" in tables and schema_version(conn) < SCHEMA_VERSION
    except duckdb.Error:
        return False


@dataclass(frozen=True)
class ReadAccess:
    """A connection to read from, and whether it reads a copy (see :func:`reading`)."""

    conn: duckdb.DuckDBPyConnection
    #: When the copy was made, if the file was held by another process and a copy is read.
    copied_at: datetime | None = None

    @property
    def notice(self) -> str | None:
        """The Dutch line to show when a copy is read (the CLI prints it on stderr)."""
        if self.copied_at is None:
            return None
        when = f"{fmt.day(self.copied_at.date())} {self.copied_at:%H:%M:%S}"
        return texts.t("db.snapshot_notice", time=when)


@contextmanager
def reading(path: Path | str, *, migrate: bool = True, name: str | None = None) -> Iterator[ReadAccess]:
    """A connection for read-only commands (``info``, ``template``) that works whenever it can.

    - the file is opened read-only (several processes may do so at once), so a chmod-0444
      file or a read-only disk works;
    - an older schema is migrated first when ``migrate`` and the file is writable (what
      ``info`` always did); read-only, it is refused in Dutch;
    - when another process holds the file for writing (the running app), DuckDB refuses
      *every* other process, read-only included, so a copy of the file and its WAL is read
      instead (:func:`_read_copy`); ``ReadAccess.notice`` then says so and from when.

    The connection is closed (and the copy removed) when the block ends.
    """
    path = Path(path)
    with ExitStack() as stack:
        access = _open_for_reading(path, migrate=migrate, name=name or str(path), stack=stack)
        try:
            yield access
        finally:
            access.conn.close()


def _open_for_reading(path: Path, *, migrate: bool, name: str, stack: ExitStack) -> ReadAccess:
    """The first of: migrate-then-open, open read-only, share this process's connection, a copy."""
    if migrate and not is_read_only_file(path) and needs_migration(path):
        try:
            return ReadAccess(connect(path, create=False, name=name))
        except DatabaseError as error:
            if failure_kind(error) != "locked":  # another reader: read what is there
                raise
    try:
        return ReadAccess(connect(path, create=False, read_only=True, name=name))
    except DatabaseError as error:
        kind = failure_kind(error)
        if kind == "other_mode":  # this process has it open read-write: use that instance
            return ReadAccess(connect(path, create=False, name=name))
        if kind != "locked":
            raise
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sv-kopie-")))
    return _read_copy(path, folder / path.name, migrate=migrate, name=name)


def _read_copy(path: Path, copy: Path, *, migrate: bool, name: str) -> ReadAccess:
    """Open a copy of ``path`` (and its WAL) that was made while neither changed.

    A file another process has open is copied as is: committed transactions are in the main
    file (up to the last checkpoint) plus the WAL (after it), so both are copied, and a
    read-only open of the copy replays the WAL. A copy during which either file changed is
    thrown away and made again (:data:`SNAPSHOT_ATTEMPTS`); a copy DuckDB will not open
    (e.g. a WAL of another checkpoint) is too. The copy is in the system's temp folder and
    migrated there if needed, never written back.
    """
    last_error: DatabaseError | None = None
    for attempt in range(SNAPSHOT_ATTEMPTS):
        if attempt:
            time.sleep(SNAPSHOT_PAUSE_SECONDS)
        try:
            stable = _copy_database(path, copy)
        except OSError as exc:
            kind = failure_kind(exc) or "io"
            raise DatabaseError(f"{texts.t('db.snapshot_failed')} {texts.t(f'db.{kind}')}") from exc
        if not stable:
            continue
        copied_at = datetime.now()
        try:
            if migrate and needs_migration(copy):
                return ReadAccess(connect(copy, create=False, name=name), copied_at)
            return ReadAccess(connect(copy, create=False, read_only=True, name=name), copied_at)
        except DatabaseError as error:
            if failure_kind(error) not in ("corrupt", "not_duckdb", "io"):
                raise
            last_error = error
    advice = texts.t("db.snapshot_busy") if last_error is None else texts.t(f"db.{failure_kind(last_error)}")
    raise DatabaseError(f"{texts.t('db.snapshot_failed')} {advice}") from last_error


def _copy_database(source: Path, target: Path) -> bool:
    """Copy ``source`` and its WAL to ``target``; True when neither changed meanwhile.

    The WAL is copied first: should a checkpoint fall in between, the pair is what a crash
    right after that checkpoint leaves, which DuckDB recognises ("checkpoint iteration")
    instead of misreading. The stability check (inode, size, mtime in ns of both files)
    rejects such copies anyway.
    """
    source_wal, target_wal = _wal_of(source), _wal_of(target)
    before = _file_signature(source)
    target_wal.unlink(missing_ok=True)
    with suppress(FileNotFoundError):  # no WAL: everything is checkpointed
        shutil.copyfile(source_wal, target_wal)
    shutil.copyfile(source, target)
    return _file_signature(source) == before


def _wal_of(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _file_signature(path: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """(inode, size, mtime_ns) of the database file and of its WAL (None when missing)."""
    signature = []
    for file in (path, _wal_of(path)):
        try:
            st = file.stat()
        except FileNotFoundError:
            signature.append(None)
        else:
            signature.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(signature)


def public_text(text: str) -> str:
    """``text`` with every absolute path reduced to its last part (the file name).

    For messages of unexpected errors: they may name a file, never where it is on the server.
    """
    return _ABSOLUTE_PATH.sub(lambda match: Path(match.group(0)).name or "…", text)
