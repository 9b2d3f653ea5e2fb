"""Import the projectleider's monitoring workbook: validate everything, then merge atomically.

What an import of kern K does (the workbook can only do what the user meant):
* list sheets (organisations, agreements, activities, werkplan, targets, evaluation,
  factors, kennisplein, facilities, …) add and update records by id; a record that is not
  in the workbook stays as it is. A blank sheet changes nothing;
* monthly and quarterly sheets (deelname, doorverwijzingen, vrijwilligers) replace exactly
  the cells the workbook contains — an (activity, month), a (kern, quarter) — and no
  other month;
* a row marked *verwijderen* in the first column removes that record (an activity takes
  its deelname and doorverwijzingen with it; the preview lists them);
* ``replace_all`` (the separate "alles vervangen" mode, confirmed by typing the kern's
  name) makes the kern's data exactly the workbook's.
Every problem is collected and reported at once; a workbook with any problem changes
nothing. A valid workbook is written in one transaction as one revision (see revisions.py),
so a crash leaves the database as it was and every import can be undone. Importing the
same content twice changes nothing the second time.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from sv_analytics import db, fmt
from sv_analytics.errors import Problem, UserError, ValidationError
from sv_analytics.ingest import cells, common, limits, mapping, merge, revisions, sandbox, xlsx
from sv_analytics.ingest import workbook_spec as spec
from sv_analytics.ingest.mapping import global_id, local_id
from sv_analytics.timeline import FIRST_DAY, LAST_DAY

#: Test-only fault injection: seconds to sleep inside the write transaction (see tests).
PAUSE_ENV = "SV_IMPORT_PAUSE_SECONDS"

#: Which tables each sheet fills (for the preview per sheet).
SHEET_TABLES: dict[str, tuple[str, ...]] = {sheet.name: sheet.tables for sheet in spec.SHEETS}


@dataclass
class Record:
    row: int  # Excel row number
    values: dict[str, object]
    remove: bool = False  # marked 'verwijderen'


@dataclass
class Info:
    kern_id: str
    period_start: date
    period_end: date  # first day of the last month


@dataclass
class Change:
    new: int = 0
    changed: int = 0
    removed: int = 0

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.removed)


@dataclass
class ImportPlan:
    """A validated workbook, ready to write, with what it would change per sheet and row."""

    file_name: str
    file_hash: str
    info: Info
    incoming: dict[str, pd.DataFrame]
    targets: dict[str, list[merge.Target]]
    replace_all: bool = False
    diffs: dict[str, merge.TableDiff] = field(default_factory=dict)
    sheets: dict[str, Change] = field(default_factory=dict)  # per sheet, counted in records
    warnings: list[str] = field(default_factory=list)
    #: Set when the user chose another kern than the workbook's (explained, not an error).
    chosen_kern: str | None = None
    data_version: int = 0
    #: Per table, the columns the workbook lacked and that were filled with what was stored
    #: (see keep_absent_columns); filled again if the data changed before the confirm.
    kept: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def dataset_id(self) -> str:
        return f"monitoring-{self.info.kern_id}-{self.file_hash[:12]}"

    @property
    def changes(self) -> dict[str, Change]:
        """Rows per table."""
        return {t: Change(d.new, d.changed, d.removed) for t, d in self.diffs.items()}

    @property
    def unchanged(self) -> bool:
        return not any(diff.any for diff in self.diffs.values())

    @property
    def kern_mismatch(self) -> bool:
        return bool(self.chosen_kern) and self.chosen_kern != self.info.kern_id

    def sheet_changes(self) -> dict[str, Change]:
        """The preview: new, changed and removed records per sheet."""
        return {sheet.name: self.sheets.get(sheet.name, Change()) for sheet in spec.SHEETS}

    def totals(self) -> Change:
        counts = self.sheet_changes().values()
        return Change(
            sum(c.new for c in counts), sum(c.changed for c in counts), sum(c.removed for c in counts)
        )

    def rows(self) -> dict[str, int]:
        return {table: len(frame) for table, frame in self.incoming.items()}

    def table_import(self, table: str) -> merge.Incoming:
        """What the plan brings to ``table``, its rows stamped with the plan's dataset."""
        frame = self.incoming.get(table)
        if frame is not None and not frame.empty:
            frame = frame.assign(dataset_id=self.dataset_id)
        params: dict[str, object] = {"kern": self.info.kern_id}
        return merge.Incoming(table, frame, self.targets.get(table, []), params, self.replace_all)


# --------------------------------------------------------------------------- parsing
class Collector:
    """Gathers problems of one file so that all of them are reported at once."""

    def __init__(self, file_name: str) -> None:
        self.file = file_name
        self.problems: list[Problem] = []

    def add(
        self,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        shown = None if value is None or cells.is_empty(value) else _show(value)
        self.problems.append(Problem(self.file, message, sheet, row, column, shown))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def _show(value: object) -> str:
    if isinstance(value, date):
        return fmt.day(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


CONVERTERS = {
    "text": cells.text,
    "id": cells.identifier,
    "int": cells.integer,
    "decimal": cells.decimal,
    "date": cells.day,
    "month": cells.month,
    "quarter": cells.quarter,
    "year": cells.year,
    "bool": cells.yes_no,
    "refs": cells.refs,
    "links": cells.links,
}


def convert(column: spec.Column, value: object) -> cells.Result:
    """A cell's typed value by the column's kind (codes are looked up in their closed list)."""
    if column.kind == "code":
        if isinstance(value, str):  # "Goed  onderbouwd", a non-breaking space: still the label
            value = " ".join(value.split())
        return cells.code(value, spec.closed_list(column.codes or ""))
    return CONVERTERS[column.kind](value)


def check_range(column: spec.Column, value: object) -> str | None:
    """Range rules: counts not negative, numbers within bounds, dates inside 2016–2019."""
    if column.kind in ("int", "decimal", "year"):
        if column.minimum is not None and value < column.minimum:
            if column.minimum == 0:
                return "mag niet negatief zijn"
            return f"moet ten minste {fmt.number(column.minimum)} zijn"
        if column.maximum is not None and value > column.maximum:
            return f"mag hoogstens {fmt.number(column.maximum)} zijn"
    if column.kind in ("date", "month", "quarter"):
        earliest = column.earliest or FIRST_DAY
        if not earliest <= value <= LAST_DAY:
            return f"datum moet tussen {fmt.day(earliest)} en {fmt.day(LAST_DAY)} liggen"
    return None


def parse_sheet(
    sheet: spec.Sheet, grid: list[list[object]], formulas: set[tuple[str, int]], out: Collector
) -> list[Record]:
    """Header check, then every cell converted; example rows are skipped, and rows marked
    'verwijderen' need only the cells that identify the record."""
    if not grid or all(cells.is_empty(v) for v in grid[0]):
        out.add("het tabblad is leeg: de kopregel ontbreekt (gebruik het sjabloon)", sheet.name, 1)
        return []
    # required columns carry " *" in the template; compare without it
    headers = [str(v).strip().rstrip("*").strip() if not cells.is_empty(v) else "" for v in grid[0]]
    mark_headers = [spec.EXAMPLE_HEADER.lower(), *(h.lower() for h in spec.OLD_MARK_HEADERS)]
    expected = [c.header for c in sheet.columns]
    positions = {h.lower(): i for i, h in enumerate(headers) if h}
    mark_at = next((positions[h] for h in mark_headers if h in positions), None)
    if mark_at is None:
        out.add(f"kolom '{spec.EXAMPLE_HEADER}' ontbreekt in de kopregel", sheet.name, 1, spec.EXAMPLE_HEADER)
    # a column added in a later template version may be missing (a workbook of an older one)
    needed = [c.header for c in sheet.columns if c.since is None]
    for header in needed:
        if header.lower() not in positions:
            out.add(f"kolom '{header}' ontbreekt in de kopregel", sheet.name, 1, header)
    known = {h.lower() for h in expected} | set(mark_headers)
    for i, header in enumerate(headers):
        if header and header.lower() not in known:
            out.add("onbekende kolom (niet in het sjabloon)", sheet.name, 1, _letter(i), header)
    if mark_at is None or any(h.lower() not in positions for h in needed):
        return []
    layout = [
        (c, positions[c.header.lower()], _letter(positions[c.header.lower()]))
        for c in sheet.columns
        if c.header.lower() in positions
    ]
    key_fields = set(mapping.replace_fields(sheet))
    key_layout = [entry for entry in layout if entry[0].field in key_fields]
    records = []
    for index, raw in enumerate(grid[1:], start=2):
        if all(v == "" or v is None for v in raw):
            continue
        mark = raw[mark_at] if mark_at < len(raw) else ""
        mark = "" if cells.is_empty(mark) else str(mark).strip().lower()
        if mark == spec.EXAMPLE_MARK:
            continue
        if mark == spec.REMOVE_MARK:
            records.append(
                Record(index, _parse_row(sheet, key_layout, raw, index, formulas, out), remove=True)
            )
        elif mark:
            out.add(
                f"onbekende markering; laat de cel leeg of kies '{spec.EXAMPLE_MARK}' of '{spec.REMOVE_MARK}'",
                sheet.name,
                index,
                spec.EXAMPLE_HEADER,
                raw[mark_at],
            )
        else:
            records.append(Record(index, _parse_row(sheet, layout, raw, index, formulas, out)))
    return records


def _parse_row(
    sheet: spec.Sheet,
    layout: list[tuple[spec.Column, int, str]],
    raw: list[object],
    index: int,
    formulas: set[tuple[str, int]],
    out: Collector,
) -> dict[str, object]:
    """One row's typed values. Plain non-negative whole numbers take a fast path (the
    100,000-row deelname sheet is almost only those)."""
    values: dict[str, object] = {}
    width = len(raw)
    for column, at, letter in layout:
        value = raw[at] if at < width else ""
        if formulas and (letter, index) in formulas:
            out.add(
                "formule gevonden; plak de waarden (Plakken speciaal → Waarden)",
                sheet.name,
                index,
                column.header,
            )
            values[column.field] = None
        elif column.kind == "int" and type(value) is float and value >= 0 and value.is_integer():
            values[column.field] = int(value)
        else:
            values[column.field] = _cell(column, value, sheet, index, out)
    return values


def _cell(column: spec.Column, value: object, sheet: spec.Sheet, row: int, out: Collector) -> object:
    if cells.is_empty(value):
        if column.required:
            out.add("verplicht veld is leeg", sheet.name, row, column.header)
        return False if column.kind == "bool" else None
    converted, error = convert(column, value)
    if error is None:
        error = check_range(column, converted)
    if error:
        out.add(error, sheet.name, row, column.header, value)
        return None
    return converted


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_info(grid: list[list[object]] | None, out: Collector) -> dict[str, object]:
    """The Toelichting sheet: kern and period, found by their labels in column A."""
    if grid is None:
        out.add(f"tabblad '{spec.INFO_SHEET}' ontbreekt (gebruik het sjabloon)", spec.INFO_SHEET)
        return {}
    found: dict[str, tuple[int, object]] = {}
    labels = {label.lower(): key for key, label in spec.INFO_FIELDS.items()}
    for index, row in enumerate(grid, start=1):
        if row and isinstance(row[0], str) and row[0].strip().lower() in labels:
            found[labels[row[0].strip().lower()]] = (index, row[1] if len(row) > 1 else "")
    info: dict[str, object] = {"rows": {key: row for key, (row, _) in found.items()}}
    for key, parser in (
        ("kern_id", cells.identifier),
        ("period_start", cells.month),
        ("period_end", cells.month),
    ):
        label = spec.INFO_FIELDS[key]
        if key not in found or cells.is_empty(found[key][1]):
            out.add(f"'{label}' ontbreekt of is leeg", spec.INFO_SHEET, found.get(key, (None,))[0], "B")
            continue
        row, raw = found[key]
        value, error = parser(raw)
        if error is None and key != "kern_id" and not FIRST_DAY <= value <= LAST_DAY:
            error = f"periode moet tussen {fmt.month(FIRST_DAY)} en {fmt.month(LAST_DAY)} liggen"
        if error:
            out.add(error, spec.INFO_SHEET, row, "B", raw)
            continue
        info[key] = value
    if "period_start" in info and "period_end" in info and info["period_end"] < info["period_start"]:
        out.add("'Periode tot en met' ligt vóór 'Periode van'", spec.INFO_SHEET, found["period_end"][0], "B")
    return info


# --------------------------------------------------------------------------- checks
def _key_value(sheet: spec.Sheet, field_: str, value: object, kern: str | None) -> object:
    """A key value as stored: ids with the kern prefix, so 'o01' and 'bathmen-o01' clash."""
    if value is not None and kern and sheet.column(field_).kind == "id":
        return global_id(kern, value)
    return value


def check_duplicates(
    sheet: spec.Sheet, records: list[Record], out: Collector, kern: str | None = None
) -> None:
    seen: dict[tuple, int] = {}
    for record in records:
        key = tuple(_key_value(sheet, f, record.values.get(f), kern) for f in sheet.key)
        if any(v is None for v in key):
            continue
        if key in seen:
            shown = " / ".join(_show(record.values.get(f)) for f in sheet.key)
            out.add(
                f"dubbele regel: {shown} staat ook op rij {seen[key]}"
                + (" (met of zonder de kern als voorvoegsel is het dezelfde id)" if kern else ""),
                sheet.name,
                record.row,
                sheet.column(sheet.key[0]).header,
                shown,
            )
        else:
            seen[key] = record.row


def check_references(
    parsed: dict[str, list[Record]],
    out: Collector,
    kern: str | None = None,
    existing: dict[str, set[str]] | None = None,
    deferred: list[tuple[str, int, str, str, object]] | None = None,
) -> None:
    """Every id a row refers to exists: on its sheet in this workbook, or already stored
    for the kern (``existing``, global ids), and is not being removed. With ``deferred`` (a
    list), an id found in neither is collected there — (sheet, row, header, referred sheet,
    value) — for the database check instead of reported."""

    def g(value: object) -> object:
        return global_id(kern, value) if kern else value

    ids: dict[str, set] = {}
    for sheet in spec.SHEETS:
        if not sheet.id_field:
            continue
        records = parsed.get(sheet.name, [])
        removed = {g(r.values.get(sheet.id_field)) for r in records if r.remove}
        kept = {g(r.values.get(sheet.id_field)) for r in records if not r.remove}
        ids[sheet.name] = (kept | set((existing or {}).get(sheet.name, set()))) - removed
    for sheet in spec.SHEETS:
        for column in sheet.columns:
            if not column.ref:
                continue
            for record in parsed.get(sheet.name, []):
                if record.remove:
                    continue
                value = record.values.get(column.field)
                targets = value if isinstance(value, list) else [value]
                for target in targets:
                    if target is None or g(target) in ids.get(column.ref, set()):
                        continue
                    removed_here = (
                        any(
                            r.remove
                            and g(r.values.get(spec.SHEETS_BY_NAME[column.ref].id_field)) == g(target)
                            for r in parsed.get(column.ref, [])
                        )
                        if deferred is not None
                        else False
                    )
                    if deferred is not None and not removed_here:
                        deferred.append((sheet.name, record.row, column.header, column.ref, target))
                    else:
                        out.add(
                            f"verwijst naar een onbekende id (niet op tabblad '{column.ref}' en niet "
                            "eerder opgeslagen voor deze kern, of gemarkeerd om te verwijderen)",
                            sheet.name,
                            record.row,
                            column.header,
                            target,
                        )


def unresolved_message() -> str:
    return (
        "verwijst naar een onbekende id (niet op het tabblad in dit werkboek en niet eerder "
        "opgeslagen voor deze kern, of gemarkeerd om te verwijderen)"
    )


def check_rows(
    parsed: dict[str, list[Record]],
    info: dict[str, object],
    out: Collector,
    stored_activities: dict[str, dict] | None = None,
) -> None:
    """Rules that involve several cells of a row or the period. ``stored_activities``: the
    kern's activities already in the database (local id → start and end), for deelname of
    an activity that is not on this workbook's Activiteiten sheet."""
    start, end = info.get("period_start"), info.get("period_end")
    activities = dict(stored_activities or {})
    activities |= {r.values["activity_id"]: r.values for r in parsed.get("Activiteiten", []) if not r.remove}
    kept = {name: [r for r in records if not r.remove] for name, records in parsed.items()}
    for record in kept.get("Deelname", []):
        _check_participation(record, activities, start, end, out)
    for name, records in parsed.items():
        period_field = spec.SHEETS_BY_NAME[name].period_field if name in spec.SHEETS_BY_NAME else None
        if period_field and name != "Deelname":
            for record in records:
                _check_in_period(record.values.get(period_field), start, end, name, record.row, out)
    for record in (r for r in parsed.get("Deelname", []) if r.remove):
        _check_in_period(record.values.get("month"), start, end, "Deelname", record.row, out)
    parsed = kept
    for record in parsed.get("Vrijwilligers", []):
        _check_at_most(record, "new", "active", "Vrijwilligers", "Nieuw", "Actief", out)
    for record in parsed.get("Enquête", []):
        _check_at_most(record, "respondents", "invited", "Enquête", "Respondenten", "Uitgenodigd", out)
    for sheet, first, last in (
        ("Activiteiten", "start_date", "end_date"),
        ("Afspraken", "start_date", "end_date"),
        ("Werkplan", "planned_start", "planned_end"),
    ):
        for record in parsed.get(sheet, []):
            a, b = record.values.get(first), record.values.get(last)
            if a and b and b < a:
                header = next(c.header for c in _sheet(sheet).columns if c.field == last)
                out.add("einddatum ligt vóór de startdatum", sheet, record.row, header, b)
    for record in parsed.get("Activiteiten", []):
        _check_recognition(record, out)
    for record in parsed.get("Werkplan", []):
        status, done = record.values.get("status"), record.values.get("completed_on")
        if status == "gereed" and done is None:
            out.add("status Gereed vraagt een datum 'Gereed op'", "Werkplan", record.row, "Gereed op")
        if status not in (None, "gereed") and done is not None:
            out.add(
                "'Gereed op' is ingevuld maar de status is niet Gereed",
                "Werkplan",
                record.row,
                "Status",
                status,
            )


def _check_recognition(record: Record, out: Collector) -> None:
    """A recognition level belongs to a named intervention: Loket Gezond Leven recognises
    interventions, not activities, and a level without the name cannot be checked there."""
    level = record.values.get("recognition_level")
    if level and not record.values.get("intervention_name"):
        sheet = _sheet("Activiteiten")
        out.add(
            f"een erkenningsniveau hoort bij een interventie: vul ook "
            f"'{sheet.column('intervention_name').header}' in",
            sheet.name,
            record.row,
            sheet.column("recognition_level").header,
            spec.closed_list("recognition_level").get(str(level), level),
        )


def _sheet(name: str) -> spec.Sheet:
    return spec.SHEETS_BY_NAME[name]


def _check_in_period(value, start, end, sheet: str, row: int, out: Collector) -> None:
    if value is None or start is None or end is None:
        return
    if not start <= value <= end:
        out.add(
            f"valt buiten de periode van het werkboek ({fmt.period(start, end)})",
            sheet,
            row,
            "Maand" if sheet != "Vrijwilligers" else "Kwartaal",
            value,
        )


def _check_at_most(
    record: Record, small: str, large: str, sheet: str, small_header: str, large_header: str, out: Collector
) -> None:
    a, b = record.values.get(small), record.values.get(large)
    if a is not None and b is not None and a > b:
        out.add(
            f"'{small_header}' ({a}) is groter dan '{large_header}' ({b})", sheet, record.row, small_header, a
        )


AGE_FIELDS = tuple(f"age_{c}" for c in ("0-17", "18-44", "45-64", "65-74", "75+"))
SEX_FIELDS = ("sex_man", "sex_vrouw")
GROUP_FIELDS = tuple(
    f"dg_{c}" for c in ("senioren", "statushouders", "chronisch", "psychisch", "overgewicht")
)


def _check_participation(record: Record, activities: dict, start, end, out: Collector) -> None:
    v = record.values
    _check_in_period(v.get("month"), start, end, "Deelname", record.row, out)
    _check_at_most(
        record, "new_participants", "participants", "Deelname", "Nieuwe deelnemers", "Deelnemers", out
    )
    _check_at_most(
        record,
        "previously_inactive",
        "new_participants",
        "Deelname",
        "Waarvan voorheen inactief",
        "Nieuwe deelnemers",
        out,
    )
    total = v.get("participants")
    for fields, label in ((AGE_FIELDS, "leeftijdsklassen"), (SEX_FIELDS, "geslacht")):
        given = [v.get(f) for f in fields]
        if all(g is None for g in given) or total is None:
            continue
        if any(g is None for g in given):
            out.add(f"vul alle kolommen voor {label} in, of geen", "Deelname", record.row)
        elif sum(given) != total:
            out.add(
                f"de aantallen per {label} ({sum(given)}) tellen niet op tot Deelnemers ({total})",
                "Deelname",
                record.row,
            )
    for f in GROUP_FIELDS:
        if total is not None and v.get(f) is not None and v[f] > total:
            out.add(
                f"meer deelnemers in de doelgroep ({v[f]}) dan deelnemers ({total})",
                "Deelname",
                record.row,
                _sheet("Deelname").column(f).header,
                v[f],
            )
    check_activity_dates(record.row, activities.get(v.get("activity_id")), v.get("month"), out)


def check_activity_dates(row: int, activity: dict | None, month: date | None, out: Collector) -> None:
    """Deelname only in the months the activity runs."""
    if activity and month and activity.get("start_date"):
        if month < activity["start_date"].replace(day=1):
            out.add("deelname vóór de startdatum van de activiteit", "Deelname", row, "Maand", month)
        elif activity.get("end_date") and month > activity["end_date"]:
            out.add("deelname na de einddatum van de activiteit", "Deelname", row, "Maand", month)


# --------------------------------------------------------------------------- frames
def build_rows(parsed: dict[str, list[Record]], kern: str) -> dict[str, mapping.SheetRows]:
    """The parsed sheets as rows of their tables (from the spec; see mapping.py)."""
    return {
        sheet.name: mapping.sheet_rows(
            sheet,
            [r.values for r in parsed.get(sheet.name, []) if not r.remove],
            [r.values for r in parsed.get(sheet.name, []) if r.remove],
            kern,
        )
        for sheet in spec.SHEETS
    }


def _keys(rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame([{c: row[c] for c in columns} for row in rows], columns=list(columns))


def build_frames(
    parsed: dict[str, list[Record]], kern: str
) -> tuple[dict[str, pd.DataFrame], dict[str, list[merge.Target]]]:
    """Incoming rows per table, and the existing rows each table's import replaces."""
    incoming: dict[str, pd.DataFrame] = {}
    targets: dict[str, list[merge.Target]] = {table: [] for table in spec.WORKBOOK_TABLES}
    for sheet_name, rows in build_rows(parsed, kern).items():
        sheet = spec.SHEETS_BY_NAME[sheet_name]
        incoming[sheet.table] = pd.DataFrame(rows.rows)
        targets[sheet.table].append(merge.Target(sheet.replace_by, _keys(rows.rows, sheet.replace_by)))
        targets[sheet.table].append(merge.Target(sheet.replace_by, _keys(rows.removed, sheet.replace_by)))
        parents = rows.rows + rows.removed
        for child in sheet.children:
            if isinstance(child, spec.Long):
                incoming[child.table] = rows.long[child.table]
            else:
                incoming[child.table] = pd.DataFrame(rows.children.get(child.table, []))
            targets[child.table].append(merge.Target(child.keys, _keys(parents, child.keys)))
        for table, column in sheet.cascade:
            removed_ids = [{column: r[sheet.replace_by[0]]} for r in rows.removed]
            targets[table].append(merge.Target((column,), _keys(removed_ids, (column,))))
    return incoming, targets


# --------------------------------------------------------------------------- database side
def _stored_ids(cur: duckdb.DuckDBPyConnection, kern: str) -> dict[str, set[str]]:
    """Global ids already stored for the kern, per sheet with an id."""
    out = {}
    for sheet in spec.SHEETS:
        if sheet.id_field:
            column = sheet.column(sheet.id_field).db_column
            rows = cur.execute(
                f'SELECT "{column}" FROM "{sheet.table}" WHERE {spec.KERN_SCOPE[sheet.table]}', {"kern": kern}
            ).fetchall()
            out[sheet.name] = {r[0] for r in rows}
    return out


def _stored_activities(cur: duckdb.DuckDBPyConnection, kern: str) -> dict[str, dict]:
    rows = cur.execute(
        "SELECT activity_id, start_date, end_date FROM activity WHERE kern_id = ?", [kern]
    ).fetchall()
    return {local_id(kern, a): {"start_date": s, "end_date": e} for a, s, e in rows}


def _references_to(sheet_name: str) -> list[tuple[spec.Sheet, str, str]]:
    """(sheet, table, column) of every stored reference to ``sheet_name``'s ids."""
    found = []
    for sheet in spec.SHEETS:
        for column in sheet.columns:
            if column.ref != sheet_name:
                continue
            if column.db_column:
                found.append((sheet, sheet.table, column.db_column))
            for child in sheet.children:
                if isinstance(child, spec.RefList) and child.field == column.field:
                    found.append((sheet, child.table, child.column))
    return found


def check_removals(
    cur: duckdb.DuckDBPyConnection, parsed: dict[str, list[Record]], kern: str, out: Collector
) -> None:
    """A record marked 'verwijderen' that other stored records still use is refused
    (an activity's deelname and doorverwijzingen go with it: those are listed in the preview)."""
    for sheet in spec.SHEETS:
        removed = {
            global_id(kern, r.values.get(sheet.id_field)): r
            for r in parsed.get(sheet.name, [])
            if r.remove and sheet.id_field
        }
        if not removed:
            continue
        cascaded = {table for table, _ in sheet.cascade}
        for other, table, column in _references_to(sheet.name):
            if table in cascaded:
                continue
            in_workbook = {
                global_id(kern, r.values.get(other.id_field)) if other.id_field else None
                for r in parsed.get(other.name, [])
            }
            key = other.column(other.id_field).db_column if other.id_field else None
            child_keys = [c.keys for c in other.children if c.table == table]
            if (key and table == other.table) or (child_keys and key in child_keys[0]):
                select = f'"{key}"'
            else:
                select = "NULL"
            for target, user in _referring(cur, table, column, select, kern, list(removed)):
                if user is not None and user in in_workbook:
                    continue
                record = removed[target]
                shown = f" ({other.name} {local_id(kern, user)})" if user is not None else f" ({other.name})"
                out.add(
                    f"kan niet worden verwijderd: wordt nog gebruikt{shown}; pas dat eerst aan of "
                    "markeer het ook om te verwijderen",
                    sheet.name,
                    record.row,
                    sheet.column(sheet.id_field).header,
                    record.values.get(sheet.id_field),
                )


def _referring(
    cur: duckdb.DuckDBPyConnection, table: str, column: str, select: str, kern: str, ids: list[str]
) -> list[tuple]:
    scope = spec.KERN_SCOPE[table].replace("$kern", "?")
    params = [kern] * spec.KERN_SCOPE[table].count("$kern")
    return cur.execute(
        f'SELECT DISTINCT "{column}", {select} FROM "{table}" WHERE {scope} AND list_contains(?, "{column}")',
        [*params, ids],
    ).fetchall()


def check_kern(conn: duckdb.DuckDBPyConnection, info: dict, out: Collector) -> str | None:
    """The workbook's kern must be in the kern registry."""
    kern = info.get("kern_id")
    if kern is None:
        return None
    known = conn.cursor().execute("SELECT name FROM kern WHERE kern_id = ?", [kern]).fetchone()
    if known is None:
        out.add(
            "onbekende kern: deze kern-id staat niet in het kernregister",
            spec.INFO_SHEET,
            info["rows"].get("kern_id"),
            "B",
            kern,
        )
        return None
    return kern


def kern_name(conn: duckdb.DuckDBPyConnection, kern_id: str) -> str:
    row = (
        conn.cursor()
        .execute(
            "SELECT k.name || ' (' || g.name || ')' FROM kern k JOIN gemeente g USING (gemeente_code) "
            "WHERE kern_id = ?",
            [kern_id],
        )
        .fetchone()
    )
    return row[0] if row else kern_id


def compute_changes(conn: duckdb.DuckDBPyConnection, plan: ImportPlan) -> dict[str, merge.TableDiff]:
    """New, changed and removed rows per table, compared by primary key (not dataset)."""
    cur = conn.cursor()
    cur.execute("BEGIN TRANSACTION")  # one snapshot, and the temp tables cost no commits
    try:
        return {
            table: merge.diff_table(cur, plan.table_import(table), touch=TOUCH_COLUMNS.get(table, ()))
            for table in spec.WORKBOOK_TABLES
        }
    finally:
        cur.execute("ROLLBACK")


#: Per table, the columns that name the record a changed row belongs to, for sheets with
#: child tables (a changed flag counts as a changed record): the children's keys.
TOUCH_COLUMNS: dict[str, tuple[str, ...]] = {
    table: child.keys
    for sheet in spec.SHEETS
    for child in sheet.children
    for table in (sheet.table, child.table)
}


def sheet_counts(diffs: dict[str, merge.TableDiff]) -> dict[str, Change]:
    """Records per sheet: a record whose own row is the same but whose flags, partners,
    breakdown or sub-goals changed counts as changed."""
    counts = {}
    for sheet in spec.SHEETS:
        main = diffs[sheet.table]
        change = Change(main.new, main.changed, main.removed)
        for child in sheet.children:
            touched = diffs[child.table].touched
            if touched.empty or not all(k in touched.columns for k in child.keys):
                continue
            child_keys = touched[list(child.keys)].drop_duplicates()
            if not main.touched.empty and all(k in main.touched.columns for k in child.keys):
                main_keys = main.touched[list(child.keys)].drop_duplicates()
                child_keys = child_keys.merge(main_keys, how="left", indicator=True)
                child_keys = child_keys[child_keys["_merge"] == "left_only"]
            change.changed += len(child_keys)
        counts[sheet.name] = change
    return counts


# --------------------------------------------------------------------------- entry points
@dataclass
class Offline:
    """What the child process found in the workbook without the database.

    Small on purpose: the parent gets the problems, the rows as compact DataFrames, and only
    what the database checks need (records of the sheets with ids, references and deelname
    of activities that are not in this workbook).
    """

    info: dict
    problems: list[Problem]
    records: int
    id_records: dict[str, list[Record]]
    deferred: list[tuple[str, int, str, str, object]]
    foreign_deelname: list[tuple[int, str, date]]
    incoming: dict[str, pd.DataFrame] | None = None
    targets: dict[str, list[merge.Target]] | None = None


def _compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns as datetime64: a column of Python date objects costs a pickle entry per
    value (1.3 million rows for a big workbook) and DuckDB a conversion per value."""
    for column in frame.columns:
        if frame[column].dtype == object:
            sample = frame[column].dropna()
            if not sample.empty and isinstance(sample.iloc[0], date):
                frame[column] = pd.to_datetime(frame[column])
    return frame


def validate_offline(path: str, name: str) -> Offline:
    """Read, parse and check the workbook on its own, then build its table rows.

    Runs in the reader's child process (sandbox.run_limited): a hostile file ends that
    process only, and the long Python work on a 100,000-row workbook does not hold the
    server's interpreter while other sessions want to run.
    """
    raw = xlsx.read_workbook_unsandboxed(path, name, limits.workbook_caps())
    out = Collector(name)
    info = parse_info(raw.sheets.get(spec.INFO_SHEET), out)
    expected = {s.name for s in spec.SHEETS} | {spec.INFO_SHEET, spec.LISTS_SHEET}
    for sheet_name in raw.sheets:
        if sheet_name not in expected:
            out.add("onbekend tabblad (niet in het sjabloon); verwijder het", sheet_name)
    kern = info.get("kern_id")
    parsed: dict[str, list[Record]] = {}
    for sheet in spec.SHEETS:
        if sheet.name not in raw.sheets:
            out.add("tabblad ontbreekt (gebruik het sjabloon)", sheet.name)
            continue
        formulas = set(raw.formulas.get(sheet.name, []))
        parsed[sheet.name] = parse_sheet(sheet, raw.sheets[sheet.name], formulas, out)
        check_duplicates(sheet, parsed[sheet.name], out, kern)
    del raw
    deferred: list[tuple[str, int, str, str, object]] = []
    check_references(parsed, out, kern, None, deferred)
    check_rows(parsed, info, out)
    sheet_activities = {r.values.get("activity_id") for r in parsed.get("Activiteiten", []) if not r.remove}
    foreign = [
        (r.row, r.values["activity_id"], r.values.get("month"))
        for r in parsed.get("Deelname", [])
        if not r.remove
        and r.values.get("activity_id") not in sheet_activities
        and r.values.get("activity_id")
    ]
    offline = Offline(
        info,
        out.problems,
        sum(len(records) for records in parsed.values()),
        {sheet.name: parsed.get(sheet.name, []) for sheet in spec.SHEETS if sheet.id_field},
        deferred,
        foreign,
    )
    if kern is not None and not out.problems and "period_start" in info and "period_end" in info:
        incoming, targets = build_frames(parsed, kern)
        offline.incoming = {table: _compact(frame) for table, frame in incoming.items()}
        offline.targets = {
            table: [merge.Target(t.columns, _compact(t.keys)) for t in items]
            for table, items in targets.items()
        }
    return offline


def read_and_validate(
    conn: duckdb.DuckDBPyConnection, path: Path, name: str, *, replace_all: bool = False
) -> tuple[dict, Offline, bytes]:
    """Parse and check the workbook (in a limited child process), then the checks that need
    the database; ValidationError with all problems."""
    data = common.read_file_checked(path, name)
    xlsx.sniff(data, name)
    offline = sandbox.run_limited(
        validate_offline,
        str(path),
        name,
        name=name,
        memory_bytes=limits.VALIDATE_MEMORY_BYTES,
        seconds=limits.READER_SECONDS,
    )
    out = Collector(name)
    out.problems = list(offline.problems)
    info = offline.info
    kern = check_kern(conn, info, out)
    cur = conn.cursor()
    if kern is not None:
        stored = {} if replace_all else _stored_ids(cur, kern)
        removed = {
            sheet: {
                global_id(kern, r.values.get(spec.SHEETS_BY_NAME[sheet].id_field))
                for r in records
                if r.remove
            }
            for sheet, records in offline.id_records.items()
        }
        for sheet_name, row, header, ref, value in offline.deferred:
            known = stored.get(ref, set()) - removed.get(ref, set())
            if global_id(kern, value) not in known:
                out.add(unresolved_message(), sheet_name, row, header, value)
        activities = {} if replace_all else _stored_activities(cur, kern)
        for row, activity, month in offline.foreign_deelname:
            check_activity_dates(row, activities.get(activity), month, out)
        if not replace_all:
            check_removals(cur, offline.id_records, kern, out)
    if not out.problems and offline.records == 0:
        out.add(
            "het werkboek bevat geen gegevens (alleen voorbeeldregels of lege tabbladen); er is niets "
            "ingelezen"
        )
    out.raise_if_any()
    return info, offline, data


def plan_import(
    conn: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    chosen_kern: str | None = None,
    display_name: str | None = None,
    replace_all: bool = False,
) -> ImportPlan:
    """Read and validate a workbook; raise ValidationError with every problem, or return the
    plan with its row-level preview. The kern comes from the workbook; ``chosen_kern`` (what
    the user had selected) is only compared, see ImportPlan.kern_mismatch."""
    path = Path(path)
    name = common.safe_file_name(display_name or path.name)
    info, offline, data = read_and_validate(conn, path, name, replace_all=replace_all)
    plan_info = Info(info["kern_id"], info["period_start"], info["period_end"])
    incoming, kept = keep_absent_columns(conn, offline.incoming, plan_info.kern_id)
    targets = offline.targets
    plan = ImportPlan(
        name,
        common.sha256_bytes(data),
        plan_info,
        incoming,
        targets,
        replace_all=replace_all,
        chosen_kern=chosen_kern,
        data_version=db.data_version(conn),
        kept=kept,
    )
    plan.diffs = compute_changes(conn, plan)
    plan.sheets = sheet_counts(plan.diffs)
    return plan


def keep_absent_columns(
    conn: duckdb.DuckDBPyConnection, incoming: dict[str, pd.DataFrame], kern: str
) -> tuple[dict[str, pd.DataFrame], dict[str, tuple[str, ...]]]:
    """Fill the columns an older template lacks (``Column.since``) with what is stored; returns
    the frames and, per table, the columns so filled.

    A workbook made before the column existed says nothing about it, so importing it must not
    empty what another workbook stored (an activity's intervention and recognition level), in
    either import mode. Records that are not stored yet get an empty value. The values are read
    when the plan is made; :func:`apply_import` reads them again when the data changed since.
    """
    filled, kept = dict(incoming), {}
    for sheet in spec.SHEETS:
        frame = filled.get(sheet.table)
        wanted = [c.db_column for c in sheet.columns if c.since is not None and c.db_column]
        if frame is None or frame.empty or not wanted:
            continue
        absent = [column for column in wanted if column not in frame.columns]
        if not absent:
            continue
        key = list(sheet.replace_by)
        select = ", ".join(f'"{c}"' for c in [*key, *absent])
        stored = (
            conn.cursor()
            .execute(
                f'SELECT {select} FROM "{sheet.table}" WHERE {spec.KERN_SCOPE[sheet.table]}', {"kern": kern}
            )
            .df()
        )
        merged = frame.merge(stored, on=key, how="left")
        for column in absent:
            merged[column] = merged[column].astype(object).where(merged[column].notna(), None)
        filled[sheet.table] = merged
        kept[sheet.table] = tuple(absent)
    return filled, kept


def _refill_kept(conn: duckdb.DuckDBPyConnection, plan: ImportPlan) -> None:
    """Read the kept columns (keep_absent_columns) again: they must hold what is stored *now*."""
    stripped = {
        table: frame.drop(columns=list(plan.kept.get(table, ()))) for table, frame in plan.incoming.items()
    }
    plan.incoming, plan.kept = keep_absent_columns(conn, stripped, plan.info.kern_id)


def action_sentence(change: Change, *, done: bool = False) -> str:
    """What a confirm will do (or, ``done``, did), in words:
    '12 regels toevoegen, 1 wijzigen, niets verwijderen' / '12 regels toegevoegd, …'."""
    verbs = ("toegevoegd", "gewijzigd", "verwijderd") if done else ("toevoegen", "wijzigen", "verwijderen")

    def part(n: int, verb: str, first: bool) -> str:
        if n == 0:
            return f"niets {verb}"
        noun = "regel" if n == 1 else "regels"
        return f"{fmt.number(n)} {noun} {verb}" if first else f"{fmt.number(n)} {verb}"

    counts = (change.new, change.changed, change.removed)
    return ", ".join(part(n, verb, i == 0) for i, (n, verb) in enumerate(zip(counts, verbs, strict=True)))


def apply_import(
    conn: duckdb.DuckDBPyConnection, plan: ImportPlan, *, user: str = common.CLI_USER
) -> common.ImportSummary:
    """Write the plan in one transaction, as one revision.

    The changes are computed again inside the transaction. When they differ from the
    preview (somebody saved data of this kern in between), nothing is written and the user
    is asked to check again.
    """
    summary = common.ImportSummary(
        plan.dataset_id,
        plan.file_name,
        plan.file_hash,
        "monitoring",
        rows=plan.rows(),
        warnings=list(plan.warnings),
        kern_id=plan.info.kern_id,
        user=user,
    )
    if plan.unchanged:
        summary.unchanged = True
        with db.exclusive_write():
            cur = conn.cursor()
            with db.transaction(cur):
                common.log(cur, summary, "Zelfde gegevens als al opgeslagen; niets gewijzigd")
        return summary
    with db.exclusive_write():
        cur = conn.cursor()
        if db.data_version(cur) != plan.data_version:
            if plan.kept:
                _refill_kept(conn, plan)
            fresh = compute_changes(conn, plan)
            if sheet_counts(fresh) != plan.sheets:
                raise UserError(
                    f"{plan.file_name}: intussen zijn er andere gegevens van deze kern opgeslagen. Er is "
                    "niets opgeslagen; controleer het werkboek opnieuw en bevestig dan (probeer opnieuw)."
                )
        try:
            with db.writing(f"Het opslaan van {plan.file_name}"), db.transaction(cur):
                summary.revision_id = _write(cur, plan, summary, user)
        except duckdb.ConstraintException as exc:
            raise UserError(
                f"{plan.file_name}: de gegevens voldoen niet aan een regel van de database; er is niets "
                "opgeslagen. Controleer of de id's uniek zijn en of alle verwijzingen kloppen."
            ) from exc
    return summary


def _write(cur: duckdb.DuckDBPyConnection, plan: ImportPlan, summary: common.ImportSummary, user: str) -> int:
    action = "vervangen" if plan.replace_all else "import"
    revision_id = revisions.new_revision(
        cur,
        kern_id=plan.info.kern_id,
        action=action,
        user=user,
        file_name=plan.file_name,
        file_hash=plan.file_hash,
        dataset_id=plan.dataset_id,
    )
    if not common.dataset_exists(cur, plan.dataset_id):
        common.insert_dataset(
            cur,
            dataset_id=plan.dataset_id,
            kind="monitoring",
            source=f"Monitoringwerkboek kern {plan.info.kern_id}",
            year=plan.info.period_end.year,
            file_name=plan.file_name,
            file_hash=plan.file_hash,
            note=f"periode {fmt.period(plan.info.period_start, plan.info.period_end)}",
        )
    written = {
        table: merge.write_table(cur, plan.table_import(table), revision_id)
        for table in reversed(spec.WORKBOOK_TABLES)
    }
    totals = plan.totals()
    sentence = (
        f"{'Alles vervangen' if plan.replace_all else 'Werkboek ingelezen'} voor "
        f"{fmt.period(plan.info.period_start, plan.info.period_end)}: {action_sentence(totals, done=True)}"
    )
    revisions.close_revision(cur, revision_id, sentence, written)
    _pause_for_tests()
    rows = {t: d + i for t, (d, i) in written.items() if d or i}
    common.finish(cur, summary, f"{sentence} (revisie {revision_id})", rows=rows)
    return revision_id


def _pause_for_tests() -> None:
    seconds = float(os.environ.get(PAUSE_ENV, "0") or 0)
    if seconds > 0:
        print(f"{PAUSE_ENV}: pauze midden in de import ({seconds} s)", file=sys.stderr, flush=True)
        time.sleep(seconds)


def import_workbook(
    conn: duckdb.DuckDBPyConnection, path: Path | str, **options: Any
) -> common.ImportSummary:
    """Validate and write a monitoring workbook (all or nothing): plan_import with the same
    keyword options (chosen_kern, display_name, replace_all), then apply_import."""
    return apply_import(conn, plan_import(conn, path, **options))


__all__ = [
    "Change",
    "ImportPlan",
    "apply_import",
    "import_workbook",
    "plan_import",
]
