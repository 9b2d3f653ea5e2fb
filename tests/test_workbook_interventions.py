"""Sheet Activiteiten's Loket Gezond Leven columns: template, import, validation, old workbooks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from sv_analytics import vocab
from sv_analytics.ingest import workbook
from sv_analytics.ingest.template import build_workbook
from sv_analytics.ingest.workbook_spec import LISTS_SHEET, TEMPLATE_VERSION
from tests.workbooks import column_of, export_workbook, set_cell

SHEET = "Activiteiten"
NAME = "Interventie (Loket Gezond Leven)"
LEVEL = "Erkenningsniveau"
#: A short period keeps the exported Deelname sheet small; the activities are all there.
PERIOD = {"start": date(2017, 1, 1), "end": date(2017, 3, 1)}


def _row_of(path: Path, activity: str) -> int:
    sheet = load_workbook(path)[SHEET]
    ids = [sheet.cell(r, column_of(sheet, "Activiteit-id")).value for r in range(1, sheet.max_row + 1)]
    return ids.index(activity) + 1


def _export(conn: duckdb.DuckDBPyConnection, path: Path) -> Path:
    return export_workbook(conn, path, "bathmen", **PERIOD)


def _stored(conn: duckdb.DuckDBPyConnection, activity_id: str) -> tuple:
    return conn.execute(
        "SELECT intervention_name, recognition_level FROM activity WHERE activity_id = ?", [activity_id]
    ).fetchone()


def test_the_template_offers_both_columns_with_the_levels_as_a_list(conn, tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.xlsx"
    path.write_bytes(build_workbook(conn, "bathmen"))
    book = load_workbook(path)
    sheet = book[SHEET]
    headers = [c.value for c in sheet[1]]
    assert NAME in headers and LEVEL in headers  # optional: no " *"
    level_letter = sheet.cell(1, column_of(sheet, LEVEL)).column_letter
    rules = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{level_letter}2:")]
    assert len(rules) == 1 and rules[0].type == "list" and LISTS_SHEET in rules[0].formula1
    lists = book[LISTS_SHEET]
    column = next(c for c in lists[1] if c.value == "recognition_level").column
    labels = [lists.cell(r, column).value for r in range(2, 2 + len(vocab.RECOGNITION_LEVEL))]
    assert labels == list(vocab.RECOGNITION_LEVEL.values())
    assert lists.cell(2 + len(labels), column).value is None
    example = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}
    assert example["Markering"] == "voorbeeld"
    assert example[NAME].endswith("(fictief)") and example[LEVEL] == "Goed onderbouwd"
    info = {r[0]: r[1] for r in book["Toelichting"].iter_rows(values_only=True) if r[0]}
    assert info["Sjabloonversie"] == TEMPLATE_VERSION == 3


def test_levels_by_dutch_name_or_code_are_stored_as_codes_and_export_again(conn, tmp_path: Path) -> None:
    path = _export(conn, tmp_path / "b.xlsx")
    first, second = _row_of(path, "act01"), _row_of(path, "act02")
    set_cell(path, SHEET, NAME, first, "Beweegkuur Buiten (fictief)")
    set_cell(path, SHEET, LEVEL, first, "  eerste AANWIJZINGEN\u00a0voor   effectiviteit ")
    set_cell(path, SHEET, NAME, second, "Samen Sterk (fictief)")
    set_cell(path, SHEET, LEVEL, second, "Sterke_Aanwijzingen")
    plan = workbook.plan_import(conn, path, chosen_kern="bathmen")
    assert {s: (c.new, c.changed, c.removed) for s, c in plan.sheet_changes().items() if c.any} == {
        SHEET: (0, 2, 0)
    }
    workbook.apply_import(conn, plan)
    assert _stored(conn, "bathmen-act01") == ("Beweegkuur Buiten (fictief)", "eerste_aanwijzingen")
    assert _stored(conn, "bathmen-act02") == ("Samen Sterk (fictief)", "sterke_aanwijzingen")
    again = _export(conn, tmp_path / "again.xlsx")
    row = _row_of(again, "act01")
    sheet = load_workbook(again)[SHEET]
    assert sheet.cell(row, column_of(sheet, LEVEL)).value == "Eerste aanwijzingen voor effectiviteit"
    assert workbook.plan_import(conn, again, chosen_kern="bathmen").unchanged


def test_an_unknown_level_and_a_level_without_intervention_are_refused_in_dutch(conn, tmp_path: Path) -> None:
    path = _export(conn, tmp_path / "fout.xlsx")
    first, second = _row_of(path, "act01"), _row_of(path, "act02")
    set_cell(path, SHEET, NAME, first, "Beweegkuur Buiten (fictief)")
    set_cell(path, SHEET, LEVEL, first, "Erkend")
    set_cell(path, SHEET, NAME, second, None)  # the demo's Gymnastiek 55+ names one: clear it
    set_cell(path, SHEET, LEVEL, second, "Goed onderbouwd")
    with pytest.raises(workbook.ValidationError) as caught:
        workbook.plan_import(conn, path, chosen_kern="bathmen")
    problems = {(p.sheet, p.row, p.column): p for p in caught.value.problems}
    assert set(problems) == {(SHEET, first, LEVEL), (SHEET, second, LEVEL)}
    unknown = str(problems[(SHEET, first, LEVEL)])
    assert unknown.startswith(f"fout.xlsx, blad '{SHEET}', rij {first}, kolom '{LEVEL}': onbekende waarde")
    assert "Goed beschreven, Goed onderbouwd, Eerste aanwijzingen voor effectiviteit" in unknown
    assert unknown.endswith("(gevonden: 'Erkend')")
    lonely = str(problems[(SHEET, second, LEVEL)])
    assert f"een erkenningsniveau hoort bij een interventie: vul ook '{NAME}' in" in lonely
    assert lonely.startswith(f"fout.xlsx, blad '{SHEET}', rij {second}, kolom '{LEVEL}'")
    assert _stored(conn, "bathmen-act01") == (None, None)  # nothing was written


def _without_columns(path: Path, *headers: str) -> Path:
    """The workbook as a template of version 2 made it: without the given columns."""
    book = load_workbook(path)
    sheet = book[SHEET]
    for header in headers:
        sheet.delete_cols(column_of(sheet, header))
    book.save(path)
    return path


def test_an_old_workbook_without_the_columns_imports_and_keeps_what_is_stored(conn, tmp_path: Path) -> None:
    named = _export(conn, tmp_path / "nieuw.xlsx")
    row = _row_of(named, "act01")
    set_cell(named, SHEET, NAME, row, "Beweegkuur Buiten (fictief)")
    set_cell(named, SHEET, LEVEL, row, "goed_onderbouwd")
    workbook.import_workbook(conn, named, chosen_kern="bathmen")

    old = _without_columns(_export(conn, tmp_path / "oud.xlsx"), NAME, LEVEL)
    assert workbook.plan_import(conn, old, chosen_kern="bathmen").unchanged  # nothing is emptied
    set_cell(old, SHEET, "Naam", _row_of(old, "act01"), "Wandelvoetbal op dinsdag")
    book = load_workbook(old)
    sheet = book[SHEET]
    new_row = sheet.max_row + 1
    for header, value in {
        "Activiteit-id": "act99",
        "Naam": "Jeu de boules",
        "Soort": "bewegen",
        "Nieuw of bestaand": "nieuw",
        "Lidmaatschapsvorm": "flexibel",
        "Startdatum": date(2017, 6, 1),
    }.items():
        sheet.cell(new_row, column_of(sheet, header)).value = value
    book.save(old)
    plan = workbook.plan_import(conn, old, chosen_kern="bathmen")
    assert (plan.sheet_changes()[SHEET].new, plan.sheet_changes()[SHEET].changed) == (1, 1)
    workbook.apply_import(conn, plan)
    assert conn.execute("SELECT name FROM activity WHERE activity_id = 'bathmen-act01'").fetchone() == (
        "Wandelvoetbal op dinsdag",
    )
    assert _stored(conn, "bathmen-act01") == ("Beweegkuur Buiten (fictief)", "goed_onderbouwd")
    assert _stored(conn, "bathmen-act99") == (None, None)


def test_a_workbook_with_only_the_name_column_keeps_the_stored_level(conn, tmp_path: Path) -> None:
    """Each optional column stands on its own: one that is missing keeps its stored values."""
    named = _export(conn, tmp_path / "nieuw.xlsx")
    row = _row_of(named, "act01")
    set_cell(named, SHEET, NAME, row, "Beweegkuur Buiten (fictief)")
    set_cell(named, SHEET, LEVEL, row, "Goede aanwijzingen voor effectiviteit")
    workbook.import_workbook(conn, named, chosen_kern="bathmen")
    half = _without_columns(_export(conn, tmp_path / "half.xlsx"), LEVEL)
    set_cell(half, SHEET, NAME, _row_of(half, "act01"), "Beweegkuur Buiten 2.0 (fictief)")
    workbook.import_workbook(conn, half, chosen_kern="bathmen")
    assert _stored(conn, "bathmen-act01") == ("Beweegkuur Buiten 2.0 (fictief)", "goede_aanwijzingen")


def test_a_confirm_after_another_import_keeps_the_newer_stored_intervention(conn, tmp_path: Path) -> None:
    """The old workbook's plan read the stored (empty) intervention; another import then stored
    one. Confirming the old plan afterwards must not put the empty value back."""
    old = _without_columns(_export(conn, tmp_path / "oud.xlsx"), NAME, LEVEL)
    set_cell(old, SHEET, "Naam", _row_of(old, "act01"), "Wandelvoetbal op dinsdag")
    stale = workbook.plan_import(conn, old, chosen_kern="bathmen")
    named = _export(conn, tmp_path / "nieuw.xlsx")
    row = _row_of(named, "act01")
    set_cell(named, SHEET, NAME, row, "Beweegkuur Buiten (fictief)")
    set_cell(named, SHEET, LEVEL, row, "Goed onderbouwd")
    workbook.import_workbook(conn, named, chosen_kern="bathmen")
    workbook.apply_import(conn, stale)
    assert conn.execute("SELECT name FROM activity WHERE activity_id = 'bathmen-act01'").fetchone() == (
        "Wandelvoetbal op dinsdag",
    )
    assert _stored(conn, "bathmen-act01") == ("Beweegkuur Buiten (fictief)", "goed_onderbouwd")
