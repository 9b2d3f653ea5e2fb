"""Import the projectleider's monitoring workbook: validate everything, then replace atomically.

Semantics of an import for kern K with period P (from the Toelichting sheet):
* the kern's master data (organisations, agreements, survey, activities, werkplan,
  targets, evaluation) is replaced by what the workbook lists — the workbook is the kern's
  full current list;
* monthly and quarterly data (deelname, doorverwijzingen, vrijwilligers) of kern K is
  replaced inside period P only; months outside P stay as they are.
Every problem is collected and reported at once; a workbook with any problem changes
nothing. A valid workbook is written in one transaction, so a crash leaves the database as
it was. Importing the same content twice changes nothing the second time.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from sv_analytics import db, fmt
from sv_analytics.errors import Problem, UserError, ValidationError
from sv_analytics.ingest import cells, common, xlsx
from sv_analytics.ingest.workbook_spec import (
    EXAMPLE_HEADER,
    EXAMPLE_MARK,
    FIRST_DATE,
    INFO_FIELDS,
    INFO_SHEET,
    LAST_DATE,
    LISTS_SHEET,
    SHEETS,
    Column,
    Sheet,
    closed_list,
)

#: Test-only fault injection: seconds to sleep inside the write transaction (see tests).
PAUSE_ENV = "SV_IMPORT_PAUSE_SECONDS"

#: Tables an import replaces, with the SQL condition that selects kern $kern's rows
#: (and, for monthly data, the rows inside the period $start..$end).
SCOPES: dict[str, str] = {
    "organisation": "kern_id = $kern",
    "organisation_role": "org_id IN (SELECT org_id FROM organisation WHERE kern_id = $kern)",
    "agreement": "kern_id = $kern",
    "agreement_party": "agreement_id IN (SELECT agreement_id FROM agreement WHERE kern_id = $kern)",
    "survey": "kern_id = $kern",
    "survey_result": "survey_id IN (SELECT survey_id FROM survey WHERE kern_id = $kern)",
    "activity": "kern_id = $kern",
    "activity_theme": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)",
    "activity_target_group": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)",
    "participation": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)"
    " AND month BETWEEN $start AND $end",
    "participation_breakdown": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)"
    " AND month BETWEEN $start AND $end",
    "referral": "kern_id = $kern AND month BETWEEN $start AND $end",
    "volunteer": "kern_id = $kern AND quarter BETWEEN $start AND $end",
    "werkplan_action": "kern_id = $kern",
    "target": "kern_id = $kern",
    "evaluation": "kern_id = $kern",
    "evaluation_subgoal": "kern_id = $kern",
    "evaluation_factor": "kern_id = $kern",
}

#: Which tables each sheet fills (for the preview per sheet).
SHEET_TABLES: dict[str, tuple[str, ...]] = {
    "Organisaties": ("organisation", "organisation_role"),
    "Afspraken": ("agreement", "agreement_party"),
    "Enquête": ("survey",),
    "Enquête-antwoorden": ("survey_result",),
    "Activiteiten": ("activity", "activity_theme", "activity_target_group"),
    "Deelname": ("participation", "participation_breakdown"),
    "Doorverwijzingen": ("referral",),
    "Vrijwilligers": ("volunteer",),
    "Werkplan": ("werkplan_action",),
    "Doelen": ("target",),
    "Evaluatie": ("evaluation", "evaluation_subgoal"),
    "Factoren": ("evaluation_factor",),
}


@dataclass
class Record:
    row: int  # Excel row number
    values: dict[str, object]


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
    """A validated workbook, ready to write, with what it would change per sheet."""

    file_name: str
    file_hash: str
    info: Info
    frames: dict[str, pd.DataFrame]
    changes: dict[str, Change] = field(default_factory=dict)  # per table
    warnings: list[str] = field(default_factory=list)

    @property
    def dataset_id(self) -> str:
        return f"monitoring-{self.info.kern_id}-{self.file_hash[:12]}"

    @property
    def unchanged(self) -> bool:
        return not any(change.any for change in self.changes.values())

    def sheet_changes(self) -> dict[str, Change]:
        """The preview: new, changed and removed rows per sheet (main table of the sheet)."""
        return {sheet: self.changes.get(tables[0], Change()) for sheet, tables in SHEET_TABLES.items()}

    def rows(self) -> dict[str, int]:
        return {table: len(frame) for table, frame in self.frames.items()}


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
}


def convert(column: Column, value: object) -> cells.Result:
    """A cell's typed value by the column's kind (codes are looked up in their closed list)."""
    if column.kind == "code":
        return cells.code(value, closed_list(column.codes or ""))
    return CONVERTERS[column.kind](value)


def check_range(column: Column, value: object) -> str | None:
    """Range rules: counts not negative, numbers within bounds, dates inside 2016–2019."""
    if column.kind in ("int", "decimal", "year"):
        if column.minimum is not None and value < column.minimum:
            if column.minimum == 0:
                return "mag niet negatief zijn"
            return f"moet ten minste {fmt.number(column.minimum)} zijn"
        if column.maximum is not None and value > column.maximum:
            return f"mag hoogstens {fmt.number(column.maximum)} zijn"
    if column.kind in ("date", "month", "quarter"):
        earliest = column.earliest or FIRST_DATE
        if not earliest <= value <= LAST_DATE:
            return f"datum moet tussen {fmt.day(earliest)} en {fmt.day(LAST_DATE)} liggen"
    return None


def parse_sheet(
    sheet: Sheet, grid: list[list[object]], formulas: set[tuple[str, int]], out: Collector
) -> list[Record]:
    """Header check, then every cell converted; example rows are skipped."""
    if not grid or all(cells.is_empty(v) for v in grid[0]):
        out.add("het tabblad is leeg: de kopregel ontbreekt (gebruik het sjabloon)", sheet.name, 1)
        return []
    # required columns carry " *" in the template; compare without it
    headers = [str(v).strip().rstrip("*").strip() if not cells.is_empty(v) else "" for v in grid[0]]
    expected = [EXAMPLE_HEADER, *(c.header for c in sheet.columns)]
    positions = {h.lower(): i for i, h in enumerate(headers) if h}
    for header in expected:
        if header.lower() not in positions:
            out.add(f"kolom '{header}' ontbreekt in de kopregel", sheet.name, 1, header)
    known = {h.lower() for h in expected}
    for i, header in enumerate(headers):
        if header and header.lower() not in known:
            out.add("onbekende kolom (niet in het sjabloon)", sheet.name, 1, _letter(i), header)
    if any(h.lower() not in positions for h in expected):
        return []
    example_at = positions[EXAMPLE_HEADER.lower()]
    layout = [(c, positions[c.header.lower()], _letter(positions[c.header.lower()])) for c in sheet.columns]
    records = []
    for index, raw in enumerate(grid[1:], start=2):
        if all(v == "" or v is None for v in raw):
            continue
        if example_at < len(raw) and str(raw[example_at]).strip().lower() == EXAMPLE_MARK:
            continue
        records.append(Record(index, _parse_row(sheet, layout, raw, index, formulas, out)))
    return records


def _parse_row(
    sheet: Sheet,
    layout: list[tuple[Column, int, str]],
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


def _cell(column: Column, value: object, sheet: Sheet, row: int, out: Collector) -> object:
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
        out.add(f"tabblad '{INFO_SHEET}' ontbreekt (gebruik het sjabloon)", INFO_SHEET)
        return {}
    found: dict[str, tuple[int, object]] = {}
    labels = {label.lower(): key for key, label in INFO_FIELDS.items()}
    for index, row in enumerate(grid, start=1):
        if row and isinstance(row[0], str) and row[0].strip().lower() in labels:
            found[labels[row[0].strip().lower()]] = (index, row[1] if len(row) > 1 else "")
    info: dict[str, object] = {"rows": {key: row for key, (row, _) in found.items()}}
    for key, parser in (
        ("kern_id", cells.identifier),
        ("period_start", cells.month),
        ("period_end", cells.month),
    ):
        label = INFO_FIELDS[key]
        if key not in found or cells.is_empty(found[key][1]):
            out.add(f"'{label}' ontbreekt of is leeg", INFO_SHEET, found.get(key, (None,))[0], "B")
            continue
        row, raw = found[key]
        value, error = parser(raw)
        if error is None and key != "kern_id" and not FIRST_DATE <= value <= LAST_DATE:
            error = f"periode moet tussen {fmt.month(FIRST_DATE)} en {fmt.month(LAST_DATE)} liggen"
        if error:
            out.add(error, INFO_SHEET, row, "B", raw)
            continue
        info[key] = value
    if "period_start" in info and "period_end" in info and info["period_end"] < info["period_start"]:
        out.add("'Periode tot en met' ligt vóór 'Periode van'", INFO_SHEET, found["period_end"][0], "B")
    return info


# --------------------------------------------------------------------------- checks
def check_duplicates(sheet: Sheet, records: list[Record], out: Collector) -> None:
    seen: dict[tuple, int] = {}
    for record in records:
        key = tuple(record.values.get(f) for f in sheet.key)
        if any(v is None for v in key):
            continue
        if key in seen:
            shown = " / ".join(_show(v) for v in key)
            out.add(
                f"dubbele regel: {shown} staat ook op rij {seen[key]}",
                sheet.name,
                record.row,
                sheet.column(sheet.key[0]).header,
                shown,
            )
        else:
            seen[key] = record.row


def check_references(parsed: dict[str, list[Record]], out: Collector) -> None:
    ids = {
        sheet.name: {r.values.get(sheet.id_field) for r in parsed.get(sheet.name, [])}
        for sheet in SHEETS
        if sheet.id_field
    }
    for sheet in SHEETS:
        for column in sheet.columns:
            if not column.ref:
                continue
            for record in parsed.get(sheet.name, []):
                value = record.values.get(column.field)
                targets = value if isinstance(value, list) else [value]
                for target in targets:
                    if target is not None and target not in ids.get(column.ref, set()):
                        out.add(
                            f"verwijst naar een onbekende id (niet op tabblad '{column.ref}')",
                            sheet.name,
                            record.row,
                            column.header,
                            target,
                        )


def check_rows(parsed: dict[str, list[Record]], info: dict[str, object], out: Collector) -> None:
    """Rules that involve several cells of a row or the period."""
    start, end = info.get("period_start"), info.get("period_end")
    activities = {r.values["activity_id"]: r.values for r in parsed.get("Activiteiten", [])}
    for record in parsed.get("Deelname", []):
        _check_participation(record, activities, start, end, out)
    for name, field_ in (("Doorverwijzingen", "month"), ("Vrijwilligers", "quarter")):
        for record in parsed.get(name, []):
            _check_in_period(record.values.get(field_), start, end, name, record.row, out)
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


def _sheet(name: str) -> Sheet:
    return next(s for s in SHEETS if s.name == name)


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
    activity = activities.get(v.get("activity_id"))
    month = v.get("month")
    if activity and month and activity.get("start_date"):
        if month < activity["start_date"].replace(day=1):
            out.add("deelname vóór de startdatum van de activiteit", "Deelname", record.row, "Maand", month)
        elif activity.get("end_date") and month > activity["end_date"]:
            out.add("deelname na de einddatum van de activiteit", "Deelname", record.row, "Maand", month)


# --------------------------------------------------------------------------- frames
def global_id(kern_id: str, local: object) -> object:
    """Workbook ids are local to the kern; stored ids carry the kern as prefix."""
    if local is None:
        return None
    text = str(local)
    return text if text.startswith(f"{kern_id}-") else f"{kern_id}-{text}"


def local_id(kern_id: str, stored: object) -> object:
    if stored is None or (isinstance(stored, float) and pd.isna(stored)):
        return None
    text = str(stored)
    return text[len(kern_id) + 1 :] if text.startswith(f"{kern_id}-") else text


def build_frames(parsed: dict[str, list[Record]], kern: str) -> dict[str, pd.DataFrame]:
    """The parsed sheets as rows of the database tables (without dataset_id)."""
    g = lambda v: global_id(kern, v)  # noqa: E731
    rows: dict[str, list[dict]] = {table: [] for table in SCOPES}
    for r in (rec.values for rec in parsed.get("Organisaties", [])):
        rows["organisation"].append(
            dict(
                org_id=g(r["org_id"]),
                kern_id=kern,
                name=r["name"],
                sector=r["sector"],
                in_project_group=bool(r["role_projectgroep"]),
                lat=r["lat"],
                lon=r["lon"],
            )
        )
        for role in ("aanbieder", "doorverwijzer", "accommodatie", "sponsor", "projectgroep"):
            if r[f"role_{role}"]:
                rows["organisation_role"].append(dict(org_id=g(r["org_id"]), role=role))
    for r in (rec.values for rec in parsed.get("Afspraken", [])):
        rows["agreement"].append(
            dict(
                agreement_id=g(r["agreement_id"]),
                kern_id=kern,
                kind=r["kind"],
                description=r["description"],
                start_date=r["start_date"],
                end_date=r["end_date"],
                status=r["status"],
            )
        )
        for party in dict.fromkeys(r["parties"] or []):
            rows["agreement_party"].append(dict(agreement_id=g(r["agreement_id"]), org_id=g(party)))
    for r in (rec.values for rec in parsed.get("Enquête", [])):
        rows["survey"].append(
            dict(
                survey_id=g(r["survey_id"]),
                kern_id=kern,
                held_on=r["held_on"],
                invited=r["invited"],
                respondents=r["respondents"],
            )
        )
    for r in (rec.values for rec in parsed.get("Enquête-antwoorden", [])):
        rows["survey_result"].append(
            dict(survey_id=g(r["survey_id"]), question=r["question"], answer=r["answer"], n=r["n"])
        )
    _activity_frames(parsed, kern, rows)
    rows.pop("participation")
    rows.pop("participation_breakdown")
    for r in (rec.values for rec in parsed.get("Doorverwijzingen", [])):
        rows["referral"].append(
            dict(
                kern_id=kern,
                month=r["month"],
                from_sector=r["from_sector"],
                from_org_id=g(r["from_org_id"]),
                to_activity_id=g(r["to_activity_id"]),
                doelgroep=r["doelgroep"],
                n=r["n"],
            )
        )
    for r in (rec.values for rec in parsed.get("Vrijwilligers", [])):
        rows["volunteer"].append(dict(kern_id=kern, quarter=r["quarter"], active=r["active"], new=r["new"]))
    for r in (rec.values for rec in parsed.get("Werkplan", [])):
        rows["werkplan_action"].append(
            dict(
                action_id=g(r["action_id"]),
                kern_id=kern,
                werkplan_year=r["werkplan_year"],
                phase=int(r["phase"]),
                description=r["description"],
                planned_start=r["planned_start"],
                planned_end=r["planned_end"],
                status=r["status"],
                completed_on=r["completed_on"],
            )
        )
    for r in (rec.values for rec in parsed.get("Doelen", [])):
        rows["target"].append(
            dict(kern_id=kern, year=r["year"], indicator_code=r["indicator_code"], value=float(r["value"]))
        )
    _evaluation_frames(parsed, kern, rows)
    frames = {table: _frame(table, items) for table, items in rows.items()}
    frames |= participation_frames(parsed.get("Deelname", []), kern)
    return {table: frames[table] for table in SCOPES}


def _activity_frames(parsed: dict[str, list[Record]], kern: str, rows: dict[str, list[dict]]) -> None:
    g = lambda v: global_id(kern, v)  # noqa: E731
    for r in (rec.values for rec in parsed.get("Activiteiten", [])):
        aid = g(r["activity_id"])
        rows["activity"].append(
            dict(
                activity_id=aid,
                kern_id=kern,
                name=r["name"],
                provider_org_id=g(r["provider_org_id"]),
                kind=r["kind"],
                novelty=r["novelty"],
                membership_form=r["membership_form"],
                start_date=r["start_date"],
                end_date=r["end_date"],
                fee_eur=r["fee_eur"],
                location=r["location"],
            )
        )
        rows["activity_theme"] += [
            dict(activity_id=aid, bravo_theme=k[6:]) for k in r if k.startswith("bravo_") and r[k]
        ]
        rows["activity_target_group"] += [
            dict(activity_id=aid, doelgroep=k[6:]) for k in r if k.startswith("group_") and r[k]
        ]


def participation_frames(records: list[Record], kern: str) -> dict[str, pd.DataFrame]:
    """Deelname rows → tables participation and participation_breakdown (long form).

    Vectorised with pandas: a workbook may hold 100,000 rows with 12 breakdown columns.
    """
    if not records:
        return {"participation": pd.DataFrame(), "participation_breakdown": pd.DataFrame()}
    wide = pd.DataFrame.from_records([r.values for r in records])
    wide["activity_id"] = wide["activity_id"].map(lambda v: global_id(kern, v))
    participation = wide[["activity_id", "month", "participants", "new_participants", "previously_inactive"]]
    parts = []
    for prefix, dimension in (("dg_", "doelgroep"), ("age_", "leeftijd"), ("sex_", "geslacht")):
        columns = [c for c in wide.columns if c.startswith(prefix)]
        long = wide.melt(
            id_vars=["activity_id", "month"], value_vars=columns, var_name="category", value_name="n"
        )
        long = long[long["n"].notna()]
        long["category"] = long["category"].str.slice(len(prefix))
        long["dimension"] = dimension
        parts.append(long)
    breakdown = pd.concat(parts, ignore_index=True)
    breakdown["n"] = breakdown["n"].astype("int64")
    return {"participation": participation, "participation_breakdown": breakdown}


def _evaluation_frames(parsed: dict[str, list[Record]], kern: str, rows: dict[str, list[dict]]) -> None:
    continues = {"ja": True, "nee": False}
    for r in (rec.values for rec in parsed.get("Evaluatie", [])):
        rows["evaluation"].append(
            dict(
                kern_id=kern,
                moment=r["moment"],
                held_on=r["held_on"],
                structure=r["structure"],
                continues_after_subsidy=continues.get(r["continues"]),
                summary=r["summary"],
            )
        )
        for n in (1, 2, 3):
            rows["evaluation_subgoal"].append(
                dict(
                    kern_id=kern,
                    moment=r["moment"],
                    subgoal=n,
                    score=int(r[f"score_{n}"]),
                    explanation=r[f"explanation_{n}"],
                )
            )
    for r in (rec.values for rec in parsed.get("Factoren", [])):
        rows["evaluation_factor"].append(
            dict(
                factor_id=global_id(kern, r["factor_id"]),
                kern_id=kern,
                moment=r["moment"],
                kind=r["kind"],
                category=r["category"],
                phase=int(r["phase"]) if r["phase"] else None,
                description=r["description"],
                context=r["context"],
                mechanism=r["mechanism"],
                outcome=r["outcome"],
            )
        )


def _frame(table: str, items: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(items) if items else pd.DataFrame()


# --------------------------------------------------------------------------- database side
def check_against_database(
    conn: duckdb.DuckDBPyConnection,
    info: dict,
    chosen_kern: str | None,
    parsed: dict[str, list[Record]],
    out: Collector,
) -> None:
    kern = info.get("kern_id")
    if kern is None:
        return
    kern_row = info["rows"].get("kern_id")
    known = conn.execute("SELECT name FROM kern WHERE kern_id = ?", [kern]).fetchone()
    if known is None:
        out.add(
            "onbekende kern: deze kern-id staat niet in het kernregister", INFO_SHEET, kern_row, "B", kern
        )
        return
    if chosen_kern and chosen_kern != kern:
        chosen_name = conn.execute("SELECT name FROM kern WHERE kern_id = ?", [chosen_kern]).fetchone()
        out.add(
            f"dit werkboek is van kern '{known[0]}' ({kern}), maar gekozen is "
            f"'{chosen_name[0] if chosen_name else chosen_kern}' ({chosen_kern})",
            INFO_SHEET,
            kern_row,
            "B",
            kern,
        )
        return
    if "period_start" not in info or "period_end" not in info:
        return
    kept = {global_id(kern, r.values["activity_id"]) for r in parsed.get("Activiteiten", [])}
    orphans = conn.execute(
        """
        SELECT DISTINCT a.activity_id FROM activity a
        WHERE a.kern_id = ? AND (
            EXISTS (SELECT 1 FROM participation p WHERE p.activity_id = a.activity_id
                    AND (p.month < ? OR p.month > ?))
            OR EXISTS (SELECT 1 FROM referral r WHERE r.to_activity_id = a.activity_id
                       AND (r.month < ? OR r.month > ?)))
        ORDER BY 1
        """,
        [kern, info["period_start"], info["period_end"], info["period_start"], info["period_end"]],
    ).fetchall()
    for (activity_id,) in orphans:
        if activity_id not in kept:
            out.add(
                "activiteit ontbreekt op het tabblad Activiteiten, maar heeft deelname of "
                "doorverwijzingen buiten de periode van dit werkboek; neem haar op of verwijder "
                "eerst die gegevens",
                "Activiteiten",
                None,
                "Activiteit-id",
                local_id(kern, activity_id),
            )


def scope_params(scope: str, params: dict[str, object]) -> dict[str, object]:
    """Only the parameters a scope uses: DuckDB refuses unused named parameters."""
    return {k: v for k, v in params.items() if f"${k}" in scope}


def primary_key(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    row = conn.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchone()
    return list(row[0])


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        if r[0] != "dataset_id"
    ]


def compute_changes(
    conn: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], info: Info
) -> dict[str, Change]:
    """New, changed and removed rows per table, compared by primary key (not dataset)."""
    cur = conn.cursor()
    params = {"kern": info.kern_id, "start": info.period_start, "end": info.period_end}
    changes = {}
    for table, scope in SCOPES.items():
        columns = table_columns(cur, table)
        key = primary_key(cur, table)
        temp = f"_incoming_{table}_{uuid.uuid4().hex[:8]}"
        cur.execute(f'CREATE TEMP TABLE {temp} AS SELECT {", ".join(columns)} FROM "{table}" LIMIT 0')
        try:
            frame = frames.get(table)
            if frame is not None and not frame.empty:
                cur.register("_frame", frame)
                cur.execute(f"INSERT INTO {temp} ({', '.join(frame.columns)}) SELECT * FROM _frame")
                cur.unregister("_frame")
            existing = f'(SELECT {", ".join(columns)} FROM "{table}" WHERE {scope})'
            on = " AND ".join(f"e.{k} = i.{k}" for k in key)
            values = [c for c in columns if c not in key]
            differ = " OR ".join(f"e.{c} IS DISTINCT FROM i.{c}" for c in values) or "false"
            new, changed, removed = cur.execute(
                f"""
                SELECT
                  (SELECT count(*) FROM {temp} i WHERE NOT EXISTS (SELECT 1 FROM {existing} e WHERE {on})),
                  (SELECT count(*) FROM {temp} i JOIN {existing} e ON {on} WHERE {differ}),
                  (SELECT count(*) FROM {existing} e WHERE NOT EXISTS (SELECT 1 FROM {temp} i WHERE {on}))
                """,
                scope_params(scope, params),
            ).fetchone()
        finally:
            cur.execute(f"DROP TABLE IF EXISTS {temp}")
        changes[table] = Change(new, changed, removed)
    return changes


# --------------------------------------------------------------------------- entry points
def plan_import(
    conn: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    chosen_kern: str | None = None,
    display_name: str | None = None,
) -> ImportPlan:
    """Read and validate a workbook; raise ValidationError with every problem, or return the plan."""
    path = Path(path)
    name = display_name or path.name
    data = common.read_file_checked(path, name)
    xlsx.sniff(data, name)
    raw = xlsx.read_workbook(path, name)
    out = Collector(name)
    info = parse_info(raw.sheets.get(INFO_SHEET), out)
    expected = {s.name for s in SHEETS} | {INFO_SHEET, LISTS_SHEET}
    for sheet_name in raw.sheets:
        if sheet_name not in expected:
            out.add("onbekend tabblad (niet in het sjabloon); verwijder het", sheet_name)
    parsed: dict[str, list[Record]] = {}
    for sheet in SHEETS:
        if sheet.name not in raw.sheets:
            out.add("tabblad ontbreekt (gebruik het sjabloon)", sheet.name)
            continue
        formulas = set(raw.formulas.get(sheet.name, []))
        parsed[sheet.name] = parse_sheet(sheet, raw.sheets[sheet.name], formulas, out)
        check_duplicates(sheet, parsed[sheet.name], out)
    check_references(parsed, out)
    check_rows(parsed, info, out)
    check_against_database(conn, info, chosen_kern, parsed, out)
    if not out.problems and sum(len(records) for records in parsed.values()) == 0:
        out.add(
            "het werkboek bevat geen gegevens (alleen voorbeeldregels of lege tabbladen); er is niets "
            "ingelezen"
        )
    out.raise_if_any()
    plan_info = Info(info["kern_id"], info["period_start"], info["period_end"])
    frames = build_frames(parsed, plan_info.kern_id)
    plan = ImportPlan(name, common.sha256_bytes(data), plan_info, frames)
    plan.changes = compute_changes(conn, frames, plan_info)
    return plan


def apply_import(conn: duckdb.DuckDBPyConnection, plan: ImportPlan) -> common.ImportSummary:
    """Write the plan in one transaction: delete the kern's rows in scope, insert the new ones."""
    summary = common.ImportSummary(
        plan.dataset_id,
        plan.file_name,
        plan.file_hash,
        "monitoring",
        rows=plan.rows(),
        warnings=list(plan.warnings),
        kern_id=plan.info.kern_id,
    )
    params = {"kern": plan.info.kern_id, "start": plan.info.period_start, "end": plan.info.period_end}
    cur = conn.cursor()
    if plan.unchanged:
        summary.unchanged = True
        with db.transaction(cur):
            db.log_import(
                cur,
                action="import",
                status="unchanged",
                dataset_id=None,
                file_name=plan.file_name,
                file_hash=plan.file_hash,
                kern_id=plan.info.kern_id,
                rows={},
                message="Zelfde gegevens als al opgeslagen; niets gewijzigd",
            )
        return summary
    try:
        with db.transaction(cur):
            # children first: their scope refers to the parents' current rows
            for table in reversed(list(SCOPES)):
                cur.execute(
                    f'DELETE FROM "{table}" WHERE {SCOPES[table]}', scope_params(SCOPES[table], params)
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
            frames = {t: f.assign(dataset_id=plan.dataset_id) for t, f in plan.frames.items() if not f.empty}
            db.insert_frames(cur, frames)
            _pause_for_tests()
            common.finish(
                cur,
                summary,
                f"Werkboek geïmporteerd voor {fmt.period(plan.info.period_start, plan.info.period_end)}",
            )
    except duckdb.ConstraintException as exc:
        raise UserError(
            f"{plan.file_name}: de gegevens voldoen niet aan een regel van de database ({exc}); "
            "er is niets opgeslagen."
        ) from exc
    return summary


def _pause_for_tests() -> None:
    seconds = float(os.environ.get(PAUSE_ENV, "0") or 0)
    if seconds > 0:
        print(f"{PAUSE_ENV}: pauze midden in de import ({seconds} s)", file=sys.stderr, flush=True)
        time.sleep(seconds)


def import_workbook(
    conn: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    chosen_kern: str | None = None,
    display_name: str | None = None,
) -> common.ImportSummary:
    """Validate and write a monitoring workbook (all or nothing)."""
    return apply_import(conn, plan_import(conn, path, chosen_kern=chosen_kern, display_name=display_name))
