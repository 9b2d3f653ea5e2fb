"""Write the monitoring workbook: an empty template with examples, or a kern's current data.

The sheets, headers and drop-down lists come from workbook_spec, the same spec the importer
validates against. Exporting a kern's current data and importing that file again changes
nothing (tested), so a projectleider can download, edit and upload.
"""

from __future__ import annotations

import io
from datetime import date

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sv_analytics import fmt
from sv_analytics.errors import UserError
from sv_analytics.ingest.workbook import local_id
from sv_analytics.ingest.workbook_spec import (
    EXAMPLE_HEADER,
    EXAMPLE_MARK,
    INFO_FIELDS,
    INFO_SHEET,
    LISTS_SHEET,
    SHEETS,
    TEMPLATE_VERSION,
    Column,
    Sheet,
    closed_list,
)

HEADER_FILL = PatternFill("solid", fgColor="0072B2")
EXAMPLE_FILL = PatternFill("solid", fgColor="EEEEEE")
REQUIRED_MARK = " *"
DATA_ROWS_WITH_VALIDATION = 5000

EXAMPLES: dict[str, list[dict[str, object]]] = {
    "Organisaties": [
        dict(
            org_id="o01",
            name="Sportvereniging Voorbeeld",
            sector="sport",
            role_aanbieder=True,
            role_accommodatie=True,
            role_projectgroep=True,
        )
    ],
    "Afspraken": [
        dict(
            agreement_id="a1",
            kind="werkgroep",
            description="Projectgroep Sociaal Vitaal",
            start_date=date(2017, 2, 1),
            status="actief",
            parties=["o01"],
        )
    ],
    "Enquête": [dict(survey_id="s1", held_on=date(2017, 3, 15), invited=400, respondents=96)],
    "Enquête-antwoorden": [dict(survey_id="s1", question="wens_activiteit", answer="wandelvoetbal", n=31)],
    "Activiteiten": [
        dict(
            activity_id="act01",
            name="Wandelvoetbal",
            provider_org_id="o01",
            kind="bewegen",
            novelty="nieuw",
            membership_form="flexibel",
            start_date=date(2017, 9, 1),
            fee_eur=3.0,
            location="Sportpark",
            bravo_bewegen=True,
            group_senioren=True,
        )
    ],
    "Deelname": [
        dict(
            activity_id="act01",
            month=date(2017, 9, 1),
            participants=12,
            new_participants=12,
            previously_inactive=5,
        )
    ],
    "Doorverwijzingen": [
        dict(
            month=date(2017, 10, 1), from_sector="huisarts", to_activity_id="act01", doelgroep="senioren", n=2
        )
    ],
    "Vrijwilligers": [dict(quarter=date(2017, 1, 1), active=14, new=2)],
    "Werkplan": [
        dict(
            action_id="wp2017-01",
            werkplan_year=2017,
            phase="1",
            description="Projectgroep samenstellen",
            planned_start=date(2017, 1, 1),
            planned_end=date(2017, 1, 31),
            status="gereed",
            completed_on=date(2017, 1, 25),
        )
    ],
    "Doelen": [dict(year=2017, indicator_code="nieuwe_deelnemers", value=40)],
    "Evaluatie": [
        dict(
            moment="tussentijds_2017",
            held_on=date(2017, 11, 28),
            structure="bestaand_uitgebreid",
            continues="onbekend",
            score_1="4",
            score_2="3",
            score_3="2",
        )
    ],
    "Factoren": [
        dict(
            factor_id="f1",
            moment="tussentijds_2017",
            kind="succes",
            category="samenwerking",
            phase="2",
            description="Aansluiten bij de bestaande vereniging",
        )
    ],
}


def _cell_value(column: Column, value: object) -> object:
    """A typed value as the template shows it (labels for codes, ja/nee for flags)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if column.kind == "code":
        return closed_list(column.codes or "").get(str(value), value)
    if column.kind == "bool":
        return "ja" if value else "nee"
    if column.kind == "refs":
        return "; ".join(value)
    if column.kind == "quarter":
        return f"{value.year}-K{(value.month - 1) // 3 + 1}"
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _write_lists(book: Workbook) -> dict[str, str]:
    """The hidden sheet with every closed list; returns list name → cell range."""
    sheet = book.create_sheet(LISTS_SHEET)
    names = sorted({c.codes for s in SHEETS for c in s.columns if c.kind == "code"} | {"ja_nee"})
    ranges = {}
    for index, name in enumerate(names, start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name)
        labels = list(closed_list(name).values())
        for row, label in enumerate(labels, start=2):
            sheet.cell(row, index, label)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _write_info(book: Workbook, kern: dict, start: date, end: date) -> None:
    sheet = book.active
    sheet.title = INFO_SHEET
    sheet["A1"] = "Monitoringwerkboek Sociaal Vitaal in kleine kernen"
    sheet["A1"].font = Font(bold=True, size=14)
    values = {
        "kern_id": kern["kern_id"],
        "kern_name": kern["name"],
        "gemeente": kern["gemeente"],
        "period_start": start,
        "period_end": end,
        "version": TEMPLATE_VERSION,
    }
    for row, (key, label) in enumerate(INFO_FIELDS.items(), start=3):
        sheet.cell(row, 1, label).font = Font(bold=True)
        cell = sheet.cell(row, 2, values[key])
        if isinstance(values[key], date):
            cell.number_format = "mmm yyyy"
    row = len(INFO_FIELDS) + 4
    lines = [
        "Hoe vul je dit werkboek in?",
        "• Vul per tabblad één regel per gegeven in. Verwijder of negeer de grijze voorbeeldregels "
        f"(kolom '{EXAMPLE_HEADER}' = {EXAMPLE_MARK}); die worden bij het inlezen overgeslagen.",
        "• Alleen aantallen, nooit namen of andere persoonsgegevens van deelnemers.",
        "• Kies waarden uit de keuzelijsten; kolommen met * zijn verplicht.",
        "• Typ getallen als getal en datums als datum; geen formules (plak als waarden).",
        "• Deelname, doorverwijzingen en vrijwilligers vallen binnen de periode hierboven.",
        "• Bij opnieuw inlezen worden die maanden en de lijsten (organisaties, activiteiten, …) "
        "van deze kern vervangen.",
        "",
        "Tabbladen:",
    ]
    lines += [f"• {s.name}: {s.description}" for s in SHEETS]
    for offset, line in enumerate(lines):
        sheet.cell(row + offset, 1, line).font = Font(bold=offset == 0 or line == "Tabbladen:")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 28


def _write_sheet(
    book: Workbook, spec: Sheet, records: list[dict], examples: list[dict], lists: dict[str, str]
) -> None:
    sheet: Worksheet = book.create_sheet(spec.name)
    headers = [EXAMPLE_HEADER, *(c.header for c in spec.columns)]
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(1, index, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(30, len(header) + 4))
    sheet.freeze_panes = "B2"
    row = 2
    for example in examples:
        sheet.cell(row, 1, EXAMPLE_MARK).fill = EXAMPLE_FILL
        _write_values(sheet, spec, row, example, italic=True)
        row += 1
    for record in records:
        _write_values(sheet, spec, row, record, italic=False)
        row += 1
    last = max(row, 2) + DATA_ROWS_WITH_VALIDATION
    _add_validations(sheet, spec, lists, last)
    for index, column in enumerate(spec.columns, start=2):
        if column.required:
            sheet.cell(1, index).value = column.header + REQUIRED_MARK
        note = "; ".join(part for part in (column.help, "verplicht" if column.required else "") if part)
        if note:
            sheet.cell(1, index).comment = Comment(note, "Sociaal Vitaal")


def _write_values(sheet: Worksheet, spec: Sheet, row: int, values: dict, italic: bool) -> None:
    for index, column in enumerate(spec.columns, start=2):
        value = _cell_value(column, values.get(column.field))
        if value is None and column.kind == "bool" and italic:
            value = "nee"
        cell = sheet.cell(row, index, value)
        if isinstance(value, date):
            cell.number_format = "mmm yyyy" if column.kind == "month" else "d-m-yyyy"
        if italic:
            cell.font = Font(italic=True, color="666666")
            cell.fill = EXAMPLE_FILL


def _add_validations(sheet: Worksheet, spec: Sheet, lists: dict[str, str], last: int) -> None:
    for index, column in enumerate(spec.columns, start=2):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{last}"
        if column.kind in ("code", "bool"):
            name = column.codes if column.kind == "code" else "ja_nee"
            rule = DataValidation(type="list", formula1=lists[name], allow_blank=not column.required)
            rule.error = "Kies een waarde uit de lijst."
            rule.errorTitle = column.header
        elif column.kind == "int":
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            rule.error = "Vul een geheel getal van 0 of meer in."
        elif column.kind in ("date", "month"):
            rule = DataValidation(
                type="date",
                operator="between",
                formula1="DATE(1990,1,1)",
                formula2="DATE(2019,12,31)",
                allow_blank=True,
            )
            rule.error = "Vul een datum in (tot en met 2019)."
        else:
            continue
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(area)


def kern_row(conn: duckdb.DuckDBPyConnection, kern_id: str) -> dict:
    row = (
        conn.cursor()
        .execute(
            "SELECT k.kern_id, k.name, g.name FROM kern k "
            "JOIN gemeente g USING (gemeente_code) WHERE k.kern_id = ?",
            [kern_id],
        )
        .fetchone()
    )
    if row is None:
        raise UserError(f"Onbekende kern '{kern_id}': kies een kern-id uit het kernregister.")
    return {"kern_id": row[0], "name": row[1], "gemeente": row[2]}


def build_workbook(
    conn: duckdb.DuckDBPyConnection,
    kern_id: str,
    *,
    start: date = date(2016, 1, 1),
    end: date = date(2019, 12, 1),
    with_data: bool = False,
) -> bytes:
    """The workbook as .xlsx bytes: examples only, or (with_data) the kern's current data."""
    if end < start:
        raise UserError(f"De periode is leeg: {fmt.month(start)} ligt na {fmt.month(end)}.")
    kern = kern_row(conn, kern_id)
    book = Workbook()
    _write_info(book, kern, start, end)
    lists = _write_lists(book)
    records = export_records(conn, kern_id, start, end) if with_data else {}
    for spec in SHEETS:
        examples = [] if with_data else EXAMPLES.get(spec.name, [])
        _write_sheet(book, spec, records.get(spec.name, []), examples, lists)
    book.move_sheet(LISTS_SHEET, offset=len(SHEETS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- export
def _query(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cur = conn.cursor()
    frame = cur.execute(sql, params).df()
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _dates(record: dict, *fields: str) -> dict:
    for name in fields:
        if record.get(name) is not None and isinstance(record[name], pd.Timestamp):
            record[name] = record[name].date()
    return record


def export_records(
    conn: duckdb.DuckDBPyConnection, kern: str, start: date, end: date
) -> dict[str, list[dict]]:
    """The kern's current rows per sheet, as the workbook spec's fields (local ids)."""
    loc = lambda v: local_id(kern, v)  # noqa: E731
    out: dict[str, list[dict]] = {}
    roles = _query(
        conn,
        "SELECT org_id, role FROM organisation_role WHERE org_id IN "
        "(SELECT org_id FROM organisation WHERE kern_id = ?)",
        [kern],
    )
    by_org: dict[str, set[str]] = {}
    for r in roles:
        by_org.setdefault(r["org_id"], set()).add(r["role"])
    out["Organisaties"] = [
        dict(
            org_id=loc(r["org_id"]),
            name=r["name"],
            sector=r["sector"],
            lat=r["lat"],
            lon=r["lon"],
            **{
                f"role_{role}": role in by_org.get(r["org_id"], set())
                for role in ("aanbieder", "doorverwijzer", "accommodatie", "sponsor", "projectgroep")
            },
        )
        for r in _query(conn, "SELECT * FROM organisation WHERE kern_id = ? ORDER BY org_id", [kern])
    ]
    parties = _query(
        conn,
        "SELECT agreement_id, org_id FROM agreement_party WHERE agreement_id IN "
        "(SELECT agreement_id FROM agreement WHERE kern_id = ?) ORDER BY 1, 2",
        [kern],
    )
    out["Afspraken"] = [
        _dates(
            dict(
                agreement_id=loc(r["agreement_id"]),
                kind=r["kind"],
                description=r["description"],
                start_date=r["start_date"],
                end_date=r["end_date"],
                status=r["status"],
                parties=[loc(p["org_id"]) for p in parties if p["agreement_id"] == r["agreement_id"]],
            ),
            "start_date",
            "end_date",
        )
        for r in _query(conn, "SELECT * FROM agreement WHERE kern_id = ? ORDER BY agreement_id", [kern])
    ]
    out["Enquête"] = [
        _dates(
            dict(
                survey_id=loc(r["survey_id"]),
                held_on=r["held_on"],
                invited=r["invited"],
                respondents=r["respondents"],
            ),
            "held_on",
        )
        for r in _query(conn, "SELECT * FROM survey WHERE kern_id = ? ORDER BY survey_id", [kern])
    ]
    out["Enquête-antwoorden"] = [
        dict(survey_id=loc(r["survey_id"]), question=r["question"], answer=r["answer"], n=r["n"])
        for r in _query(
            conn,
            "SELECT * FROM survey_result WHERE survey_id IN (SELECT survey_id FROM survey "
            "WHERE kern_id = ?) ORDER BY ALL",
            [kern],
        )
    ]
    _export_activities(conn, kern, start, end, out)
    out["Doorverwijzingen"] = [
        _dates(
            dict(
                month=r["month"],
                from_sector=r["from_sector"],
                from_org_id=loc(r["from_org_id"]),
                to_activity_id=loc(r["to_activity_id"]),
                doelgroep=r["doelgroep"],
                n=r["n"],
            ),
            "month",
        )
        for r in _query(
            conn,
            "SELECT * FROM referral WHERE kern_id = ? AND month BETWEEN ? AND ? ORDER BY ALL",
            [kern, start, end],
        )
    ]
    out["Vrijwilligers"] = [
        _dates(dict(quarter=r["quarter"], active=r["active"], new=r["new"]), "quarter")
        for r in _query(
            conn,
            "SELECT * FROM volunteer WHERE kern_id = ? AND quarter BETWEEN ? AND ? ORDER BY quarter",
            [kern, start, end],
        )
    ]
    out["Werkplan"] = [
        _dates(
            dict(
                action_id=loc(r["action_id"]),
                werkplan_year=r["werkplan_year"],
                phase=str(r["phase"]),
                description=r["description"],
                planned_start=r["planned_start"],
                planned_end=r["planned_end"],
                status=r["status"],
                completed_on=r["completed_on"],
            ),
            "planned_start",
            "planned_end",
            "completed_on",
        )
        for r in _query(conn, "SELECT * FROM werkplan_action WHERE kern_id = ? ORDER BY action_id", [kern])
    ]
    out["Doelen"] = [
        dict(year=r["year"], indicator_code=r["indicator_code"], value=r["value"])
        for r in _query(conn, "SELECT * FROM target WHERE kern_id = ? ORDER BY year, indicator_code", [kern])
    ]
    _export_evaluation(conn, kern, out)
    return out


def _export_activities(
    conn: duckdb.DuckDBPyConnection, kern: str, start: date, end: date, out: dict[str, list[dict]]
) -> None:
    loc = lambda v: local_id(kern, v)  # noqa: E731
    themes = _query(
        conn,
        "SELECT * FROM activity_theme WHERE activity_id IN "
        "(SELECT activity_id FROM activity WHERE kern_id = ?)",
        [kern],
    )
    groups = _query(
        conn,
        "SELECT * FROM activity_target_group WHERE activity_id IN "
        "(SELECT activity_id FROM activity WHERE kern_id = ?)",
        [kern],
    )
    rows = []
    for r in _query(conn, "SELECT * FROM activity WHERE kern_id = ? ORDER BY activity_id", [kern]):
        record = _dates(
            dict(
                activity_id=loc(r["activity_id"]),
                name=r["name"],
                provider_org_id=loc(r["provider_org_id"]),
                kind=r["kind"],
                novelty=r["novelty"],
                membership_form=r["membership_form"],
                start_date=r["start_date"],
                end_date=r["end_date"],
                fee_eur=None if r["fee_eur"] is None else float(r["fee_eur"]),
                location=r["location"],
            ),
            "start_date",
            "end_date",
        )
        for t in themes:
            if t["activity_id"] == r["activity_id"]:
                record[f"bravo_{t['bravo_theme']}"] = True
        for t in groups:
            if t["activity_id"] == r["activity_id"]:
                record[f"group_{t['doelgroep']}"] = True
        rows.append(record)
    out["Activiteiten"] = rows
    breakdown = _query(
        conn,
        """
        SELECT b.activity_id, b.month, b.dimension, b.category, b.n FROM participation_breakdown b
        JOIN activity a USING (activity_id) WHERE a.kern_id = ? AND b.month BETWEEN ? AND ?""",
        [kern, start, end],
    )
    prefix = {"doelgroep": "dg_", "leeftijd": "age_", "geslacht": "sex_"}
    split: dict[tuple, dict] = {}
    for b in breakdown:
        key = (b["activity_id"], _dates(dict(m=b["month"]), "m")["m"])
        split.setdefault(key, {})[prefix[b["dimension"]] + b["category"]] = b["n"]
    participation = []
    for r in _query(
        conn,
        """
            SELECT p.* FROM participation p JOIN activity a USING (activity_id)
            WHERE a.kern_id = ? AND p.month BETWEEN ? AND ? ORDER BY p.activity_id, p.month""",
        [kern, start, end],
    ):
        record = _dates(
            dict(
                activity_id=r["activity_id"],
                month=r["month"],
                participants=r["participants"],
                new_participants=r["new_participants"],
                previously_inactive=r["previously_inactive"],
            ),
            "month",
        )
        record.update(split.get((r["activity_id"], record["month"]), {}))
        record["activity_id"] = loc(record["activity_id"])
        participation.append(record)
    out["Deelname"] = participation


def _export_evaluation(conn: duckdb.DuckDBPyConnection, kern: str, out: dict[str, list[dict]]) -> None:
    subgoals = _query(conn, "SELECT * FROM evaluation_subgoal WHERE kern_id = ?", [kern])
    yes_no = {True: "ja", False: "nee", None: "onbekend"}
    rows = []
    for r in _query(conn, "SELECT * FROM evaluation WHERE kern_id = ? ORDER BY moment", [kern]):
        record = _dates(
            dict(
                moment=r["moment"],
                held_on=r["held_on"],
                structure=r["structure"],
                continues=yes_no[r["continues_after_subsidy"]],
                summary=r["summary"],
            ),
            "held_on",
        )
        for s in subgoals:
            if s["moment"] == r["moment"]:
                record[f"score_{s['subgoal']}"] = str(s["score"])
                record[f"explanation_{s['subgoal']}"] = s["explanation"]
        rows.append(record)
    out["Evaluatie"] = rows
    out["Factoren"] = [
        dict(
            factor_id=local_id(kern, r["factor_id"]),
            moment=r["moment"],
            kind=r["kind"],
            category=r["category"],
            phase=None if r["phase"] is None else str(int(r["phase"])),
            description=r["description"],
            context=r["context"],
            mechanism=r["mechanism"],
            outcome=r["outcome"],
        )
        for r in _query(conn, "SELECT * FROM evaluation_factor WHERE kern_id = ? ORDER BY factor_id", [kern])
    ]


__all__ = ["build_workbook", "export_records"]
