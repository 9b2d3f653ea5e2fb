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

from sv_analytics.db import column_types, primary_key, table_columns
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


@dataclass
class Incoming:
    """What an import brings to one table: the rows that must be there afterwards, the
    targets whose existing rows of the kern they replace (or all of them: ``replace_all``)
    and the parameters of the table's KERN_SCOPE condition."""

    table: str
    rows: pd.DataFrame | None
    targets: list[Target]
    params: dict[str, object]
    replace_all: bool = False

    @property
    def empty(self) -> bool:
        """Nothing comes in and nothing is targeted: the table cannot change."""
        return (
            not self.replace_all
            and (self.rows is None or self.rows.empty)
            and all(t.keys.empty for t in self.targets)
        )


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _temp_name() -> str:
    """A fresh name for a temporary table or view of this connection."""
    return f"_sv_{uuid.uuid4().hex[:12]}"


@contextmanager
def _temp(
    cur: duckdb.DuckDBPyConnection, like: str, frame: pd.DataFrame | None, columns: list[str]
) -> Iterator[str]:
    """A temporary table with ``like``'s column types holding ``frame``'s rows (one statement)."""
    name = _temp_name()
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
def _stage(cur: duckdb.DuckDBPyConnection, incoming: Incoming) -> Iterator[_Staged]:
    """Temp tables: the incoming rows, and the kern's existing rows the import replaces."""
    table = incoming.table
    columns = table_columns(cur, table)
    key = primary_key(cur, table)
    values = [c for c in columns if c not in key and c != "dataset_id"]
    scope = KERN_SCOPE[table]
    used = {k: v for k, v in incoming.params.items() if f"${k}" in scope}
    with _temp(cur, table, incoming.rows, columns) as inc:
        views: list[tuple[str, Target]] = []
        try:
            for target in incoming.targets:
                if target.keys.empty:
                    continue
                view = _temp_name()
                cur.register(view, target.keys[list(target.columns)])
                views.append((view, target))
            if incoming.replace_all:
                condition = "true"
            else:
                parts = [f"EXISTS (SELECT 1 FROM {inc} i WHERE {_match('t', 'i', key)})"]
                for view, target in views:
                    match = " AND ".join(f"t.{_q(c)} = k.{_q(c)}" for c in target.columns)
                    parts.append(f"EXISTS (SELECT 1 FROM {view} k WHERE {match})")
                condition = " OR ".join(parts)
            existing = _temp_name()
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
    cur: duckdb.DuckDBPyConnection, incoming: Incoming, *, touch: tuple[str, ...] = ()
) -> TableDiff:
    """Counts and sample rows of what the import would change in one table; ``touch``: the
    columns whose distinct values of every changed row are kept (for per-record counts)."""
    if incoming.empty:
        return TableDiff(incoming.table, primary_key(cur, incoming.table))
    with _stage(cur, incoming) as staged:
        sets = _sets(staged)
        result = TableDiff(incoming.table, staged.key)
        keys = ", ".join(_q(c) for c in staged.key)
        kinds = _temp_name()
        cur.execute(
            f"CREATE TEMP TABLE {kinds} AS SELECT 'new' AS kind, {keys} FROM ({sets['new']}) "
            f"UNION ALL SELECT 'changed', {keys} FROM ({sets['changed_new']}) "
            f"UNION ALL SELECT 'removed', {keys} FROM ({sets['removed']})"
        )
        try:
            counts = dict(cur.execute(f"SELECT kind, count(*) FROM {kinds} GROUP BY kind").fetchall())
            result.new, result.changed, result.removed = (
                counts.get(k, 0) for k in ("new", "changed", "removed")
            )
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


def write_table(cur: duckdb.DuckDBPyConnection, incoming: Incoming, revision_id: int) -> tuple[int, int]:
    """Apply one table's changes and record them in its revision table (call in a transaction).

    Deleted rows (changed and removed) are copied to ``rev_<table>`` with op 'D' and the
    inserted rows (new and changed) with op 'I'; unchanged rows are not touched, so they keep
    their dataset. Returns (rows deleted, rows inserted).
    """
    if incoming.empty:
        return 0, 0
    table = incoming.table
    with _stage(cur, incoming) as staged:
        columns = ", ".join(_q(c) for c in staged.columns)
        key = _match("a", "b", staged.key)
        same = " AND ".join([key, *(f"a.{_q(c)} IS NOT DISTINCT FROM b.{_q(c)}" for c in staged.values)])
        inserted, deleted = _temp_name(), _temp_name()
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
            counts = cur.execute(
                f"SELECT (SELECT count(*) FROM {deleted}), (SELECT count(*) FROM {inserted})"
            ).fetchone()
            if counts[0]:
                _record(cur, table, columns, revision_id, "D", deleted)
                match = " AND ".join(f"t.{_q(c)} = d.{_q(c)}" for c in staged.key)
                cur.execute(
                    f"DELETE FROM {_q(table)} t WHERE EXISTS (SELECT 1 FROM {deleted} d WHERE {match})"
                )
            if counts[1]:
                _record(cur, table, columns, revision_id, "I", inserted)
                cur.execute(f"INSERT INTO {_q(table)} ({columns}) SELECT {columns} FROM {inserted}")
        finally:
            cur.execute(f"DROP TABLE IF EXISTS {inserted}")
            cur.execute(f"DROP TABLE IF EXISTS {deleted}")
    return int(counts[0]), int(counts[1])


def _record(
    cur: duckdb.DuckDBPyConnection, table: str, columns: str, revision_id: int, op: str, rows: str
) -> None:
    """Copy the temp table ``rows`` to ``table``'s revision table as revision_id's ``op`` rows."""
    rev = _q(f"rev_{table}")
    cur.execute(
        f"INSERT INTO {rev} (revision_id, op, {columns}) SELECT {int(revision_id)}, '{op}', {columns} "
        f"FROM {rows}"
    )


def delete_rows(cur: duckdb.DuckDBPyConnection, table: str, key: list[str], revision_id: int, op: str) -> int:
    """Delete the rows of ``table`` whose key is among revision ``revision_id``'s ``op`` rows."""
    rev = _q(f"rev_{table}")
    match = " AND ".join(f"t.{_q(c)} = r.{_q(c)}" for c in key)
    row = cur.execute(
        f"DELETE FROM {_q(table)} t WHERE EXISTS (SELECT 1 FROM {rev} r "
        f"WHERE r.revision_id = {int(revision_id)} AND r.op = '{op}' AND {match})"
    ).fetchone()
    return int(row[0]) if row else 0
