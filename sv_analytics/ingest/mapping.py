"""Workbook rows ↔ database rows, derived from the one spec (workbook_spec.SHEETS).

Both directions read the same declarations — a sheet's table, its columns' ``db`` and
``stored`` attributes, its children (flags, id lists, breakdowns, numbered sub-goals) — so
a column added to the spec is imported and exported alike, and export → import changes
nothing (tested for every kern).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from sv_analytics.ingest import workbook_spec as spec

BOOL3_TO_DB = {"ja": True, "nee": False, "onbekend": None}
BOOL3_FROM_DB = {True: "ja", False: "nee", None: "onbekend"}


# --------------------------------------------------------------------------- ids
def global_id(kern_id: str, local: object) -> object:
    """Workbook ids are local to the kern; stored ids carry the kern as prefix."""
    if local is None:
        return None
    text = str(local)
    return text if text.startswith(f"{kern_id}-") else f"{kern_id}-{text}"


def local_id(kern_id: str, stored: object) -> object:
    if _missing(stored):
        return None
    text = str(stored)
    return text[len(kern_id) + 1 :] if text.startswith(f"{kern_id}-") else text


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- values
def to_db(column: spec.Column, value: object, kern: str) -> object:
    """A typed workbook value as the table stores it."""
    if value is None:
        return None
    if column.kind == "id":
        return global_id(kern, value)
    if column.stored == "int":
        return int(value)
    if column.stored == "bool3":
        return BOOL3_TO_DB.get(str(value))
    if column.stored == "float":
        return float(value)
    return value


def from_db(column: spec.Column, value: object, kern: str) -> object:
    """A stored value as the workbook shows it (local ids, codes as text, dates)."""
    if column.stored == "bool3":
        return BOOL3_FROM_DB[None if _missing(value) else bool(value)]
    if _missing(value):
        return None
    if column.kind == "id":
        return local_id(kern, value)
    if column.stored == "int":
        return str(int(value))
    if column.stored == "float":
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def replace_fields(sheet: spec.Sheet) -> tuple[str, ...]:
    """The sheet fields behind its replace_by table columns."""
    by_column = {c.db_column: c.field for c in sheet.columns}
    return tuple(by_column[column] for column in sheet.replace_by)


def flag_codes(sheet: spec.Sheet, child: spec.Flags) -> list[str]:
    return [c.field[len(child.prefix) :] for c in sheet.columns if c.field.startswith(child.prefix)]


# --------------------------------------------------------------------------- import side
@dataclass
class SheetRows:
    """One sheet's rows as table rows: what to store, and the keys of rows to remove."""

    sheet: spec.Sheet
    rows: list[dict] = field(default_factory=list)
    children: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    long: dict[str, pd.DataFrame] = field(default_factory=dict)
    removed: list[dict] = field(default_factory=list)  # rows marked verwijderen (keys filled)


_Plan = tuple[list[tuple[str, str]], list[spec.Column], list[spec.Column]]
_PLANS: dict[str, _Plan] = {}


def _plan(sheet: spec.Sheet) -> _Plan:
    """(db column, field) pairs stored as they are, the columns that need to_db, and the
    columns a workbook of an older template may lack (``Column.since``): worked out once per
    sheet, because a deelname sheet may have 100,000 rows."""
    if sheet.name not in _PLANS:
        plain, converted, optional = [], [], []
        for column in sheet.columns:
            if not column.db_column:
                continue
            if column.since is not None:
                optional.append(column)
            elif column.kind == "id" or column.stored:
                converted.append(column)
            else:
                plain.append((column.db_column, column.field))
        _PLANS[sheet.name] = (plain, converted, optional)
    return _PLANS[sheet.name]


def main_row(sheet: spec.Sheet, values: dict[str, object], kern: str) -> dict[str, object]:
    """A table row from one record. A column the workbook lacks (an older template) is left
    out of the row, not set to empty, so that the stored value can stay."""
    plain, converted, optional = _plan(sheet)
    row: dict[str, object] = {sheet.kern_column: kern} if sheet.kern_column else {}
    row.update(sheet.fixed)
    get = values.get
    for db_column, field_name in plain:
        row[db_column] = get(field_name)
    for column in converted:
        row[column.db_column] = to_db(column, get(column.field), kern)
    for column in optional:
        if column.field in values:
            row[column.db_column] = to_db(column, values[column.field], kern)
    for db_column, source in sheet.derived:
        row[db_column] = bool(get(source))
    return row


def sheet_rows(sheet: spec.Sheet, kept: list[dict], removed: list[dict], kern: str) -> SheetRows:
    """Typed records (field → value) of one sheet → rows of its table and child tables."""
    out = SheetRows(sheet)
    for values in kept:
        row = main_row(sheet, values, kern)
        out.rows.append(row)
        for child in sheet.children:
            keys = {k: row[k] for k in child.keys}
            if isinstance(child, spec.Flags):
                out.children[child.table] += [
                    {**keys, child.column: code}
                    for code in flag_codes(sheet, child)
                    if values.get(child.prefix + code)
                ]
            elif isinstance(child, spec.RefList):
                out.children[child.table] += [
                    {**keys, child.column: global_id(kern, ref)}
                    for ref in dict.fromkeys(values.get(child.field) or [])
                ]
            elif isinstance(child, spec.Numbered):
                for n in child.numbers:
                    item = {**keys, child.number_column: n}
                    for db_column, pattern, stored in child.columns:
                        value = values.get(pattern.format(n=n))
                        item[db_column] = int(value) if stored == "int" and value is not None else value
                    out.children[child.table].append(item)
    for child in sheet.children:
        if isinstance(child, spec.Long):
            out.long[child.table] = long_rows(child, kept, out.rows)
    out.removed = [main_row(sheet, values, kern) for values in removed]
    return out


def long_rows(child: spec.Long, kept: list[dict], rows: list[dict]) -> pd.DataFrame:
    """Breakdown columns → long rows, vectorised (a workbook may hold 100,000 rows)."""
    columns = [*child.keys, "dimension", "category", "n"]
    if not kept:
        return pd.DataFrame(columns=columns)
    wide = pd.DataFrame.from_records(kept)
    for key in child.keys:
        wide[key] = [row[key] for row in rows]
    parts = []
    for prefix, dimension in child.prefixes:
        value_columns = [c for c in wide.columns if c.startswith(prefix)]
        long = wide.melt(
            id_vars=list(child.keys), value_vars=value_columns, var_name="category", value_name="n"
        )
        long = long[long["n"].notna()]
        long["category"] = long["category"].str.slice(len(prefix))
        long["dimension"] = dimension
        parts.append(long)
    frame = pd.concat(parts, ignore_index=True)
    frame["n"] = frame["n"].astype("int64")
    return frame[columns]


# --------------------------------------------------------------------------- export side
def _query(conn: duckdb.DuckDBPyConnection, sql: str, params: dict) -> pd.DataFrame:
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return conn.cursor().execute(sql, used).df()


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def _day(value: object) -> object:
    return value.date() if isinstance(value, pd.Timestamp) else value


def export_sheet(
    conn: duckdb.DuckDBPyConnection, sheet: spec.Sheet, kern: str, start: date, end: date
) -> list[dict]:
    """One sheet's current rows of a kern as workbook fields (monthly data within the period)."""
    params = {"kern": kern, "start": start, "end": end}
    where = spec.KERN_SCOPE[sheet.table]
    period_column = sheet.column(sheet.period_field).db_column if sheet.period_field else None
    if period_column:
        where += f' AND "{period_column}" BETWEEN $start AND $end'
    order = ", ".join(f'"{c}"' for c in sheet.replace_by)
    main = _records(_query(conn, f'SELECT * FROM "{sheet.table}" WHERE {where} ORDER BY {order}', params))
    records = []
    for row in main:
        values = {c.field: from_db(c, row.get(c.db_column), kern) for c in sheet.columns if c.db_column}
        records.append(values)
    for child in sheet.children:
        _export_child(conn, sheet, child, kern, main, records, params)
    return records


def _export_child(
    conn: duckdb.DuckDBPyConnection,
    sheet: spec.Sheet,
    child: spec.Flags | spec.RefList | spec.Long | spec.Numbered,
    kern: str,
    main: list[dict],
    records: list[dict],
    params: dict,
) -> None:
    rows = _records(
        _query(conn, f'SELECT * FROM "{child.table}" WHERE {spec.KERN_SCOPE[child.table]}', params)
    )
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        by_key[tuple(_day(row[k]) for k in child.keys)].append(row)
    for parent, values in zip(main, records, strict=True):
        found = by_key.get(tuple(_day(parent[k]) for k in child.keys), [])
        if isinstance(child, spec.Flags):
            present = {r[child.column] for r in found}
            for code in flag_codes(sheet, child):
                values[child.prefix + code] = code in present
        elif isinstance(child, spec.RefList):
            values[child.field] = sorted(local_id(kern, r[child.column]) for r in found)
        elif isinstance(child, spec.Long):
            prefixes = dict((dimension, prefix) for prefix, dimension in child.prefixes)
            for r in found:
                values[prefixes[r["dimension"]] + r["category"]] = int(r["n"])
        elif isinstance(child, spec.Numbered):
            for r in found:
                for db_column, pattern, stored in child.columns:
                    value = r[db_column]
                    if stored == "int" and value is not None:
                        value = str(int(value))
                    values[pattern.format(n=int(r[child.number_column]))] = value


def export_records(
    conn: duckdb.DuckDBPyConnection, kern: str, start: date, end: date
) -> dict[str, list[dict]]:
    """The kern's current rows per sheet, as the workbook spec's fields (local ids)."""
    return {sheet.name: export_sheet(conn, sheet, kern, start, end) for sheet in spec.SHEETS}
