"""Revisions: every write of a kern's data is one, and each can be undone.

A revision keeps the rows it deleted ('D') and inserted ('I') in the typed shadow tables
``rev_<table>`` (see db.create_revision_tables). Undoing revision R of kern K rewinds
every revision of K from the newest back to R — delete their 'I' rows, put their 'D' rows
back — so the kern is exactly as it was before R, and records that rewind as a new
revision (which can itself be undone).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from sv_analytics import db, fmt
from sv_analytics.errors import UserError
from sv_analytics.ingest import merge

#: Who made a revision when no person is given: the command line (the app passes the viewer's
#: label, ``lokaal`` in local mode, an e-mail address when logged in).
CLI_USER = db.CLI_USER
ACTIONS = {"import": "import", "vervangen": "alles vervangen", "ongedaan": "ongedaan maken"}


@dataclass
class UndoResult:
    revision_id: int  # the new revision that records the undo
    undone: list[int]  # revisions rewound, newest first
    kern_id: str
    deleted: int
    inserted: int


def new_revision(
    cur: duckdb.DuckDBPyConnection,
    *,
    kern_id: str,
    action: str,
    user: str = CLI_USER,
    file_name: str | None = None,
    file_hash: str | None = None,
    dataset_id: str | None = None,
    undoes: int | None = None,
) -> int:
    """Open a revision row (call inside the write transaction); returns its id."""
    revision_id = int(cur.execute("SELECT nextval('revision_seq')").fetchone()[0])
    cur.execute(
        "INSERT INTO revision (revision_id, kern_id, action, user_name, created_at, file_name, "
        "file_hash, dataset_id, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [revision_id, kern_id, action, user, datetime.now(), file_name, file_hash, dataset_id, undoes],
    )
    return revision_id


def close_revision(
    cur: duckdb.DuckDBPyConnection, revision_id: int, summary: str, changes: dict[str, tuple[int, int]]
) -> None:
    kept = {table: list(counts) for table, counts in changes.items() if any(counts)}
    cur.execute(
        "UPDATE revision SET summary = ?, changes_json = ? WHERE revision_id = ?",
        [summary, json.dumps(kept, sort_keys=True), revision_id],
    )


def list_revisions(conn: duckdb.DuckDBPyConnection, kern_id: str | None = None) -> pd.DataFrame:
    """Revisions, newest first, with the kern's name."""
    where = "WHERE r.kern_id = ?" if kern_id else ""
    frame = (
        conn.cursor()
        .execute(
            f"""SELECT r.revision_id, r.kern_id, k.name AS kern_name, r.action, r.user_name, r.created_at,
                   r.file_name, r.file_hash, r.undoes, r.undone_by, r.summary, r.changes_json
            FROM revision r LEFT JOIN kern k USING (kern_id) {where}
            ORDER BY r.revision_id DESC""",
            [kern_id] if kern_id else [],
        )
        .df()
        .astype(object)
    )
    return frame.where(frame.notna(), None)


def latest_revision(conn: duckdb.DuckDBPyConnection, kern_id: str) -> int | None:
    """The kern's newest revision that is still in effect (not undone)."""
    row = (
        conn.cursor()
        .execute(
            "SELECT max(revision_id) FROM revision WHERE kern_id = ? AND undone_by IS NULL",
            [kern_id],
        )
        .fetchone()
    )
    return None if row is None or row[0] is None else int(row[0])


def _rev(table: str) -> str:
    return f'"{db.REVISION_PREFIX}{table}"'


def _chain_match(table: str, key: list[str], chain: list[int]) -> str:
    ids = ", ".join(str(int(r)) for r in chain)
    match = " AND ".join(f't."{c}" = r."{c}"' for c in key)
    return f"EXISTS (SELECT 1 FROM {_rev(table)} r WHERE r.revision_id IN ({ids}) AND {match})"


def undo(
    conn: duckdb.DuckDBPyConnection,
    revision_id: int | None = None,
    *,
    kern_id: str | None = None,
    user: str = CLI_USER,
) -> UndoResult:
    """Restore a kern exactly as it was before ``revision_id`` (or before its latest revision);
    ``user`` is recorded in the revision and the import log."""
    with db.exclusive_write():
        cur = conn.cursor()
        target = _target(cur, revision_id, kern_id)
        kern = target["kern_id"]
        chain = [
            int(r[0])
            for r in cur.execute(
                "SELECT revision_id FROM revision WHERE kern_id = ? AND revision_id >= ? "
                "ORDER BY revision_id DESC",
                [kern, target["revision_id"]],
            ).fetchall()
        ]
        tables = db.revisioned_tables(cur)
        with db.writing(f"Het ongedaan maken van revisie {target['revision_id']}"), db.transaction(cur):
            new_id = new_revision(
                cur, kern_id=kern, action="ongedaan", user=user, undoes=target["revision_id"]
            )
            keys = {table: db.primary_key(cur, table) for table in tables}
            columns = {table: db.table_columns(cur, table) for table in tables}
            for table in tables:  # the rows as they are now, where the chain touched them
                select = ", ".join(f't."{c}"' for c in columns[table])
                cur.execute(
                    f"INSERT INTO {_rev(table)} (revision_id, op, {', '.join(chr(34) + c + chr(34) for c in columns[table])}) "
                    f"SELECT {new_id}, 'D', {select} FROM \"{table}\" t WHERE {_chain_match(table, keys[table], chain)}"
                )
            for step in chain:
                _rewind(cur, step, tables, keys, columns)
            changes: dict[str, tuple[int, int]] = {}
            for table in tables:  # the rows as they are after the rewind
                select = ", ".join(f't."{c}"' for c in columns[table])
                cur.execute(
                    f"INSERT INTO {_rev(table)} (revision_id, op, {', '.join(chr(34) + c + chr(34) for c in columns[table])}) "
                    f"SELECT {new_id}, 'I', {select} FROM \"{table}\" t WHERE {_chain_match(table, keys[table], chain)}"
                )
                changes[table] = _drop_identical(cur, table, columns[table], new_id)
            cur.execute(
                f"UPDATE revision SET undone_by = {new_id} WHERE revision_id IN "
                f"({', '.join(str(r) for r in chain)}) AND undone_by IS NULL"
            )
            deleted = sum(d for d, _ in changes.values())
            inserted = sum(i for _, i in changes.values())
            summary = (
                f"Revisie {target['revision_id']} ongedaan gemaakt"
                + (
                    f" (met de latere revisies {', '.join(str(r) for r in chain[:-1])})"
                    if len(chain) > 1
                    else ""
                )
                + f": {fmt.number(inserted)} regels teruggezet, {fmt.number(deleted)} regels weggehaald "
                "(een gewijzigde regel telt bij beide)."
            )
            close_revision(cur, new_id, summary, changes)
            db.log_import(
                cur,
                action="undo",
                status="ok",
                kern_id=kern,
                rows={t: d + i for t, (d, i) in changes.items() if d or i},
                message=summary,
                user=user,
            )
            db.bump_data_version(cur)
    return UndoResult(new_id, chain, kern, deleted, inserted)


def _target(cur: duckdb.DuckDBPyConnection, revision_id: int | None, kern_id: str | None) -> dict:
    if revision_id is None:
        if kern_id is None:
            raise UserError("Geef een revisienummer of een kern.")
        revision_id = latest_revision(cur, kern_id)
        if revision_id is None:
            raise UserError(f"Kern '{kern_id}' heeft geen revisie die ongedaan gemaakt kan worden.")
    row = cur.execute(
        "SELECT revision_id, kern_id, undone_by FROM revision WHERE revision_id = ?", [revision_id]
    ).fetchone()
    if row is None:
        raise UserError(f"Revisie {revision_id} bestaat niet (zie de lijst met 'revisions').")
    if kern_id is not None and row[1] != kern_id:
        raise UserError(f"Revisie {revision_id} hoort niet bij kern '{kern_id}'.")
    if row[2] is not None:
        raise UserError(f"Revisie {revision_id} is al ongedaan gemaakt (door revisie {row[2]}).")
    return {"revision_id": int(row[0]), "kern_id": row[1]}


def _rewind(
    cur: duckdb.DuckDBPyConnection,
    revision_id: int,
    tables: list[str],
    keys: dict[str, list[str]],
    columns: dict[str, list[str]],
) -> None:
    """Undo one revision: delete what it inserted, put back what it deleted."""
    for table in tables:
        expected = cur.execute(
            f"SELECT count(*) FROM {_rev(table)} WHERE revision_id = {revision_id} AND op = 'I'"
        ).fetchone()[0]
        deleted = merge.delete_rows(cur, table, keys[table], revision_id, "I")
        if deleted != expected:
            raise UserError(
                f"Revisie {revision_id} kan niet worden teruggedraaid: tabel {table} is daarna op een "
                "andere manier gewijzigd. Er is niets veranderd."
            )
        names = ", ".join(f'"{c}"' for c in columns[table])
        cur.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {names} FROM {_rev(table)} '
            f"WHERE revision_id = {revision_id} AND op = 'D'"
        )


def _drop_identical(
    cur: duckdb.DuckDBPyConnection, table: str, columns: list[str], revision_id: int
) -> tuple[int, int]:
    """Remove D/I pairs of the undo revision that are the same row (nothing changed there)."""
    same = " AND ".join(f'd."{c}" IS NOT DISTINCT FROM i."{c}"' for c in columns)
    rev = _rev(table)
    cur.execute(
        f"CREATE TEMP TABLE _sv_same AS SELECT d.* FROM {rev} d JOIN {rev} i ON {same} "
        f"WHERE d.revision_id = {revision_id} AND d.op = 'D' AND i.revision_id = {revision_id} AND i.op = 'I'"
    )
    try:
        match = " AND ".join(f'r."{c}" IS NOT DISTINCT FROM s."{c}"' for c in columns)
        cur.execute(
            f"DELETE FROM {rev} r WHERE r.revision_id = {revision_id} AND EXISTS (SELECT 1 FROM _sv_same s WHERE {match})"
        )
    finally:
        cur.execute("DROP TABLE IF EXISTS _sv_same")
    row = cur.execute(
        f"SELECT count(*) FILTER (WHERE op = 'D'), count(*) FILTER (WHERE op = 'I') FROM {rev} "
        f"WHERE revision_id = {revision_id}"
    ).fetchone()
    return int(row[0]), int(row[1])
