"""What a workbook changes in the database, row by row, and writing exactly that.

An import is described by ``incoming`` rows per table (what must be there afterwards) and
``targets``: per table, sets of key values whose existing rows of the kern the import
replaces (a record's id, a deelname cell (activity, month), the children of a record, the
records marked *verwijderen* and what goes with them). Rows in a target that are not in
``incoming`` are removed; nothing outside the targets is touched. The same computation
serves the preview (new / changed with old → new / removed) and the write, which runs it
again inside its transaction so that it writes what the data is *then*.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sv_analytics.ingest.workbook_spec import KERN_SCOPE

#: Rows of each kind kept per table for the preview (the counts are always complete).
PREVIEW_ROWS = 200


@dataclass
class Target:
    """Existing rows whose ``columns`` equal one of ``keys``' rows are replaced."""

    columns: tuple[str, ...]
    keys: pd.DataFrame


@dataclass
class TableDiff:
    """One table's changes: counts, and sample rows for the preview."""

    table: str
    key: list[str]
    new: int = 0
    changed: int = 0
    removed: int = 0
    new_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    changed_rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # old_<c>, new_<c>
    removed_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Key values of every new, changed and removed row (for per-record counts).
    touched: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.removed)

    def key_for(self, sheet) -> list[str]:
        """The columns that name a record of ``sheet`` in the preview: its replace_by columns
        plus the rest of the primary key (e.g. the referrer of a referral)."""
        return [*sheet.replace_by, *(k for k in self.key if k not in sheet.replace_by)]


_SCHEMA_CACHE: dict[tuple[str, str], list[str]] = {}


def primary_key(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's primary key columns (cached: the schema does not change while running)."""
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


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's columns in schema order (dataset_id included; cached like primary_key)."""
    return list(column_types(conn, table))


def is_empty(incoming: pd.DataFrame | None, targets: list[Target], replace_all: bool) -> bool:
    """Nothing comes in and nothing is targeted: the table cannot change."""
    return not replace_all and (incoming is None or incoming.empty) and all(t.keys.empty for t in targets)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column_types(conn: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column → SQL type of a table, in schema order (cached like primary_key)."""
    cached = _SCHEMA_CACHE.get(("types", table))
    if cached is None:
        cached = [
            f"{name}\t{kind}"
            for name, kind in conn.cursor().execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
        _SCHEMA_CACHE[("types", table)] = cached
    return dict(item.split("\t", 1) for item in cached)


@contextmanager
def _temp(cur: duckdb.DuckDBPyConnection, like: str, frame: pd.DataFrame | None, columns: list[str]) -> Iterator[str]:
    """A temporary table with ``like``'s column types holding ``frame``'s rows (one statement)."""
    name = f"_sv_{uuid.uuid4().hex[:12]}"
    if frame is None or frame.empty:
        select = ", ".join(_q(c) for c in columns)
        cur.execute(f"CREATE TEMP TABLE {name} AS SELECT {select} FROM {_q(like)} LIMIT 0")
    else:
        types = column_types(cur, like)
        view = f"{name}_frame"
        cur.register(view, frame)
        try:
            select = ", ".join(
                f"CAST({_q(c) if c in frame.columns else 'NULL'} AS {types[c]}) AS {_q(c)}" for c in columns
            )
            cur.execute(f"CREATE TEMP TABLE {name} AS SELECT {select} FROM {view}")
        finally:
            cur.unregister(view)
    try:
        yield name
    finally:
        cur.execute(f"DROP TABLE IF EXISTS {name}")


def _match(alias: str, other: str, columns: list[str] | tuple[str, ...]) -> str:
    """Equality on key columns (primary keys are NOT NULL, so plain '=' and a hash join)."""
    return " AND ".join(f"{alias}.{_q(c)} = {other}.{_q(c)}" for c in columns) or "true"


@dataclass
class _Staged:
    incoming: str
    existing: str
    key: list[str]
    values: list[str]  # non-key columns compared (dataset_id excluded)
    columns: list[str]


@contextmanager
def _stage(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    incoming: pd.DataFrame | None,
    targets: list[Target],
    params: dict[str, object],
    replace_all: bool,
) -> Iterator[_Staged]:
    """Temp tables: the incoming rows, and the kern's existing rows the import replaces."""
    columns = table_columns(cur, table)
    key = primary_key(cur, table)
    values = [c for c in columns if c not in key and c != "dataset_id"]
    scope = KERN_SCOPE[table]
    used = {k: v for k, v in params.items() if f"${k}" in scope}
    with _temp(cur, table, incoming, columns) as inc:
        views: list[tuple[str, Target]] = []
        try:
            for target in targets:
                if target.keys.empty:
                    continue
                view = f"_sv_{uuid.uuid4().hex[:12]}"
                cur.register(view, target.keys[list(target.columns)])
                views.append((view, target))
            if replace_all:
                condition = "true"
            else:
                parts = [f"EXISTS (SELECT 1 FROM {inc} i WHERE {_match('t', 'i', key)})"]
                for view, target in views:
                    match = " AND ".join(f"t.{_q(c)} = k.{_q(c)}" for c in target.columns)
                    parts.append(f"EXISTS (SELECT 1 FROM {view} k WHERE {match})")
                condition = " OR ".join(parts)
            existing = f"_sv_{uuid.uuid4().hex[:12]}"
            select = ", ".join(f"t.{_q(c)}" for c in columns)
            cur.execute(
                f"CREATE TEMP TABLE {existing} AS SELECT {select} FROM {_q(table)} t "
                f"WHERE ({scope}) AND ({condition})",
                used,
            )
            try:
                yield _Staged(inc, existing, key, values, columns)
            finally:
                cur.execute(f"DROP TABLE IF EXISTS {existing}")
        finally:
            for view, _ in views:
                cur.unregister(view)


def _differ(values: list[str]) -> str:
    return " OR ".join(f"e.{_q(c)} IS DISTINCT FROM i.{_q(c)}" for c in values) or "false"


def _sets(staged: _Staged) -> dict[str, str]:
    """SQL for the new, changed and removed rows of a staged table."""
    on = _match("e", "i", staged.key)
    inc, ex = staged.incoming, staged.existing
    return {
        "new": f"SELECT i.* FROM {inc} i WHERE NOT EXISTS (SELECT 1 FROM {ex} e WHERE {on})",
        "changed_new": f"SELECT i.* FROM {inc} i JOIN {ex} e ON {on} WHERE {_differ(staged.values)}",
        "changed_old": f"SELECT e.* FROM {ex} e JOIN {inc} i ON {on} WHERE {_differ(staged.values)}",
        "removed": f"SELECT e.* FROM {ex} e WHERE NOT EXISTS (SELECT 1 FROM {inc} i WHERE {on})",
    }


def diff_table(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    incoming: pd.DataFrame | None,
    targets: list[Target],
    params: dict[str, object],
    *,
    replace_all: bool = False,
    touch: tuple[str, ...] = (),
) -> TableDiff:
    """Counts and sample rows of what the import would change in one table; ``touch``: the
    columns whose distinct values of every changed row are kept (for per-record counts)."""
    if is_empty(incoming, targets, replace_all):
        return TableDiff(table, primary_key(cur, table))
    with _stage(cur, table, incoming, targets, params, replace_all) as staged:
        sets = _sets(staged)
        result = TableDiff(table, staged.key)
        keys = ", ".join(_q(c) for c in staged.key)
        kinds = f"_sv_{uuid.uuid4().hex[:12]}"
        cur.execute(
            f"CREATE TEMP TABLE {kinds} AS SELECT 'new' AS kind, {keys} FROM ({sets['new']}) "
            f"UNION ALL SELECT 'changed', {keys} FROM ({sets['changed_new']}) "
            f"UNION ALL SELECT 'removed', {keys} FROM ({sets['removed']})"
        )
        try:
            counts = dict(cur.execute(f"SELECT kind, count(*) FROM {kinds} GROUP BY kind").fetchall())
            result.new, result.changed, result.removed = (counts.get(k, 0) for k in ("new", "changed", "removed"))
            if not (result.new or result.changed or result.removed):
                return result
            result.new_rows = cur.execute(f"{sets['new']} LIMIT {PREVIEW_ROWS}").df()
            result.removed_rows = cur.execute(f"{sets['removed']} LIMIT {PREVIEW_ROWS}").df()
            on = _match("e", "i", staged.key)
            pairs = ", ".join(
                [f"i.{_q(c)} AS {_q(c)}" for c in staged.key]
                + [f"e.{_q(c)} AS {_q('old_' + c)}, i.{_q(c)} AS {_q('new_' + c)}" for c in staged.values]
            )
            if result.changed:
                result.changed_rows = cur.execute(
                    f"SELECT {pairs} FROM {staged.incoming} i JOIN {staged.existing} e ON {on} "
                    f"WHERE {_differ(staged.values)} LIMIT {PREVIEW_ROWS}"
                ).df()
            if touch:
                columns = ", ".join(_q(c) for c in touch)
                result.touched = cur.execute(f"SELECT DISTINCT {columns} FROM {kinds}").df()
        finally:
            cur.execute(f"DROP TABLE IF EXISTS {kinds}")
    return result


def write_table(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    incoming: pd.DataFrame | None,
    targets: list[Target],
    params: dict[str, object],
    revision_id: int,
    *,
    replace_all: bool = False,
) -> tuple[int, int]:
    """Apply one table's changes and record them in its revision table (call in a transaction).

    Deleted rows (changed and removed) are copied to ``rev_<table>`` with op 'D' and the
    inserted rows (new and changed) with op 'I'; unchanged rows are not touched, so they keep
    their dataset. Returns (rows deleted, rows inserted).
    """
    if is_empty(incoming, targets, replace_all):
        return 0, 0
    with _stage(cur, table, incoming, targets, params, replace_all) as staged:
        columns = ", ".join(_q(c) for c in staged.columns)
        rev = _q(f"rev_{table}")
        key = _match("a", "b", staged.key)
        same = " AND ".join([key, *(f"a.{_q(c)} IS NOT DISTINCT FROM b.{_q(c)}" for c in staged.values)])
        inserted, deleted = f"_sv_{uuid.uuid4().hex[:12]}", f"_sv_{uuid.uuid4().hex[:12]}"
        # 'I': incoming rows that are not already there as they are; 'D': existing rows in the
        # targets that do not stay as they are (changed or removed). Each is computed once.
        cur.execute(
            f"CREATE TEMP TABLE {inserted} AS SELECT a.* FROM {staged.incoming} a "
            f"WHERE NOT EXISTS (SELECT 1 FROM {staged.existing} b WHERE {same})"
        )
        cur.execute(
            f"CREATE TEMP TABLE {deleted} AS SELECT a.* FROM {staged.existing} a "
            f"WHERE NOT EXISTS (SELECT 1 FROM {staged.incoming} b WHERE {same})"
        )
        try:
            counts = cur.execute(f"SELECT (SELECT count(*) FROM {deleted}), (SELECT count(*) FROM {inserted})").fetchone()
            if counts[0]:
                cur.execute(
                    f"INSERT INTO {rev} (revision_id, op, {columns}) SELECT {int(revision_id)}, 'D', {columns} "
                    f"FROM {deleted}"
                )
                match = " AND ".join(f"t.{_q(c)} = d.{_q(c)}" for c in staged.key)
                cur.execute(f"DELETE FROM {_q(table)} t WHERE EXISTS (SELECT 1 FROM {deleted} d WHERE {match})")
            if counts[1]:
                cur.execute(
                    f"INSERT INTO {rev} (revision_id, op, {columns}) SELECT {int(revision_id)}, 'I', {columns} "
                    f"FROM {inserted}"
                )
                cur.execute(f"INSERT INTO {_q(table)} ({columns}) SELECT {columns} FROM {inserted}")
        finally:
            cur.execute(f"DROP TABLE IF EXISTS {inserted}")
            cur.execute(f"DROP TABLE IF EXISTS {deleted}")
    return int(counts[0]), int(counts[1])


def delete_rows(cur: duckdb.DuckDBPyConnection, table: str, key: list[str], revision_id: int, op: str) -> int:
    """Delete the rows of ``table`` whose key is among revision ``revision_id``'s ``op`` rows."""
    rev = _q(f"rev_{table}")
    match = " AND ".join(f"t.{_q(c)} = r.{_q(c)}" for c in key)
    row = cur.execute(
        f"DELETE FROM {_q(table)} t WHERE EXISTS (SELECT 1 FROM {rev} r "
        f"WHERE r.revision_id = {int(revision_id)} AND r.op = '{op}' AND {match})"
    ).fetchone()
    return int(row[0]) if row else 0
