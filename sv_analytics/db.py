"""Connect to the DuckDB file, create or migrate its schema, write in one transaction.

Why this module exists: every reader and writer of the database goes through it, so the
schema version check, the all-or-nothing write and the data version (the cache key of the
app) are done the same way everywhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from sv_analytics import vocab
from sv_analytics.errors import DatabaseError

SCHEMA_FILE = Path(__file__).with_name("schema.sql")

#: The version of schema.sql. Raise it with every schema change and add a migration.
SCHEMA_VERSION = 1

#: Migrations by the version they lead to: MIGRATIONS[n] turns version n-1 into n.
#: schema.sql always holds the newest full schema; a new database never runs these.
MIGRATIONS: dict[int, str] = {}

#: Columns that record *when* something happened; left out of content hashes so that two
#: runs of the same generator compare equal.
TIMESTAMP_COLUMNS = frozenset({"imported_at", "logged_at"})


def connect(path: Path | str, *, create: bool = True, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` with an up-to-date schema.

    A missing file is created (unless ``create`` is false); an older schema is migrated;
    a newer or foreign database is refused with a Dutch :class:`DatabaseError`.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise DatabaseError(f"Database '{path}' bestaat niet.")
    if not path.parent.exists():
        raise DatabaseError(f"Map '{path.parent}' bestaat niet; maak die eerst aan.")
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise DatabaseError(_explain_io_error(path, exc)) from exc
    except duckdb.Error as exc:
        raise DatabaseError(f"Database '{path}' kan niet worden geopend: {exc}") from exc
    try:
        ensure_schema(conn, path)
    except Exception:
        conn.close()
        raise
    return conn


def ensure_not_in_use(path: Path) -> None:
    """Refuse when another process holds ``path`` open (e.g. the running app).

    Replacing a file that another process has open would leave that process reading the
    old, deleted file without noticing. Files that are not DuckDB databases pass.
    """
    if not path.exists():
        return
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseError(_explain_io_error(path, exc)) from exc
    except duckdb.Error:
        return


def _explain_io_error(path: Path, exc: Exception) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return (
            f"Database '{path}' is in gebruik door een ander proces (bijvoorbeeld de app). "
            "Sluit dat proces of kies een ander bestand."
        )
    if "not a valid" in text.lower() or "corrupt" in text.lower():
        return f"'{path}' is geen DuckDB-database van sv-analytics."
    return f"Database '{path}' kan niet worden geopend: {text}"


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


def content_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables that hold content (everything but the schema bookkeeping)."""
    return [t for t in table_names(conn) if t != "schema_meta"]


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
) -> None:
    conn.execute(
        "INSERT INTO import_log (dataset_id, action, file_name, file_hash, kern_id, rows_json,"
        " status, message, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            f'SELECT count(*) FROM "{table}" AS t WHERE NOT EXISTS (SELECT 1 FROM lookup AS l '
            f'WHERE l.list_name = ? AND l.code = t."{column}")',
            [list_name],
        ).fetchone()[0]
        if count:
            problems.append(f"{table}.{column}: {count} rijen met een code buiten lijst {list_name}")
    return problems
