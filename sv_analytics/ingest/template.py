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
from sv_analytics.ingest.mapping import export_records
from sv_analytics.ingest.workbook_spec import (
    EXAMPLE_HEADER,
    EXAMPLE_MARK,
    INFO_FIELDS,
    INFO_SHEET,
    LISTS_SHEET,
    MARKS,
    PURPOSE_EMPTY,
    PURPOSE_WITH_DATA,
    REMOVE_MARK,
    SHEETS,
    TEMPLATE_VERSION,
    Column,
    Sheet,
    closed_list,
)
from sv_analytics.timeline import MONITORING

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
            intervention_name="Voorbeeld-beweegprogramma (fictief)",
            recognition_level="goed_onderbouwd",
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
    "Doelgroepen": [dict(doelgroep="senioren")],
    "Accommodaties": [dict(facility_id="f1", facility_type="dorpshuis", name="Dorpshuis Voorbeeld")],
    "Statushouders": [dict(year=2017, value=6, source="Opgave gemeente, januari 2017")],
    "Kennisplein": [
        dict(
            item_id="k1",
            kind="goede_praktijk",
            title="Wandelvoetbal bij de vereniging",
            body="De vereniging biedt wandelvoetbal aan met een strippenkaart; de huisarts verwijst.",
            theme="bewegen",
            phase="3",
            published_on=date(2018, 12, 1),
            links="https://www.sportservice-overijssel.nl",
            group_senioren=True,
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
    names = sorted({c.codes for s in SHEETS for c in s.columns if c.kind == "code"} | {"ja_nee", "markering"})
    ranges = {}
    for index, name in enumerate(names, start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name)
        labels = list(MARKS) if name == "markering" else list(closed_list(name).values())
        for row, label in enumerate(labels, start=2):
            sheet.cell(row, index, label)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _write_info(book: Workbook, kern: dict, start: date, end: date, with_data: bool) -> None:
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
        "purpose": PURPOSE_WITH_DATA if with_data else PURPOSE_EMPTY,
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
        "• Inlezen voegt toe en werkt bij: een regel met een id (of een maand van een activiteit) "
        "die al bestaat, wordt bijgewerkt; een nieuwe wordt toegevoegd. Wat niet in het werkboek "
        "staat, blijft zoals het is: een leeg tabblad wist niets.",
        f"• Iets weghalen? Zet '{REMOVE_MARK}' in de eerste kolom ('{EXAMPLE_HEADER}') van die regel. "
        "Een activiteit neemt dan haar deelname en doorverwijzingen mee.",
        "• Vóór het opslaan toont de app per tabblad welke regels nieuw zijn, wat er verandert "
        "(oud → nieuw) en wat er weggaat. Elke import kan ongedaan worden gemaakt.",
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
    marks = DataValidation(type="list", formula1=lists["markering"], allow_blank=True)
    marks.error = f"Laat leeg, of kies {EXAMPLE_MARK} of {REMOVE_MARK}."
    marks.showErrorMessage = True
    sheet.add_data_validation(marks)
    marks.add(f"A2:A{last}")
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
    start: date = MONITORING.start,
    end: date = MONITORING.end,
    with_data: bool = False,
) -> bytes:
    """The workbook as .xlsx bytes: examples only, or (with_data) the kern's current data."""
    if end < start:
        raise UserError(f"De periode is leeg: {fmt.month(start)} ligt na {fmt.month(end)}.")
    kern = kern_row(conn, kern_id)
    book = Workbook()
    _write_info(book, kern, start, end, with_data)
    lists = _write_lists(book)
    records = export_records(conn, kern_id, start, end) if with_data else {}
    for spec in SHEETS:
        examples = [] if with_data else EXAMPLES.get(spec.name, [])
        _write_sheet(book, spec, records.get(spec.name, []), examples, lists)
    book.move_sheet(LISTS_SHEET, offset=len(SHEETS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["build_workbook", "export_records"]
