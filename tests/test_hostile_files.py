"""Hostile uploads: each is refused in Dutch, naming the file (and sheet and cell), and
changes nothing; the reader runs in a child whose crash the server survives.

The corpus is built by tests/hostile.py in tmp folders: a far cell on every sheet of the
template (data sheets from workbook_spec.SHEETS, Toelichting and Lijsten), a far
dimension, cells without a reference, zip bombs (honest and lying sizes), thousands of zip
members, 950,000 Deelname rows, a file over the size limit, XXE and billion laughs in a
sheet and in sharedStrings.xml, and a far cell in the real RIVM download. Timing is
measured in bench/bench_hostile.py, not here.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from sv_analytics import db
from sv_analytics.errors import DatabaseError, Problem, ValidationError
from sv_analytics.ingest import limits, router, sandbox, workbook, xlsx
from sv_analytics.ingest.limits import SheetCaps
from sv_analytics.ingest.public import import_public_file, import_reference_dir
from sv_analytics.ingest.workbook_spec import INFO_SHEET, LISTS_SHEET, SHEETS
from tests import hostile
from tests.workbooks import column_of, valid_workbook

ALL_SHEETS = [sheet.name for sheet in SHEETS] + [INFO_SHEET, LISTS_SHEET]
#: Words that would show English text (calamine's or Python's) reached the user.
ENGLISH = ("error", "failed", "invalid", "cannot", "memory allocation", "traceback", "zip file")


@pytest.fixture(scope="module")
def conn(app_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(app_db) as connection:  # the module's own copy of the demo database
        yield connection


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def base(conn: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """A small valid workbook (the template's examples made real): the corpus starts here."""
    path = valid_workbook(conn, folder / "basis.xlsx")
    workbook.plan_import(conn, path, chosen_kern="bathmen")  # the starting point is valid
    return path


def refused(action, conn: duckdb.DuckDBPyConnection, path: Path, **kwargs) -> list[Problem]:
    """The problems of a refused import; checks that nothing changed and all is Dutch."""
    before = db.content_hashes(conn)
    with pytest.raises(ValidationError) as caught:
        action(conn, path, **kwargs)
    assert db.content_hashes(conn) == before
    problems = caught.value.problems
    shown = kwargs.get("display_name", path.name)
    for problem in problems:
        assert problem.file == shown, str(problem)
        text = str(problem)
        assert str(path.parent) not in text, text  # no server paths, only the display name
        assert not any(word in text.lower() for word in ENGLISH), text
    assert "er is niets opgeslagen" in str(caught.value)
    return problems


def one(problems: list[Problem], fragment: str) -> Problem:
    matching = [p for p in problems if fragment in p.message]
    assert matching, [str(p) for p in problems]
    return matching[0]


# ----------------------------------------------------------------------------- far cells
@pytest.mark.parametrize("sheet", ALL_SHEETS)
def test_a_far_cell_on_any_sheet_is_refused_naming_file_sheet_and_cell(conn, base, folder, sheet) -> None:
    path = hostile.far_cell_workbook(base, folder, sheet)
    problem = one(refused(workbook.plan_import, conn, path), hostile.FAR_CELL)
    caps = limits.workbook_caps().of(sheet)
    assert problem.sheet == sheet
    assert problem.message.startswith(f"cel {hostile.FAR_CELL} op tabblad {sheet} ligt buiten het bereik")
    assert f"hoogstens {caps.rows:,} rijen".replace(",", ".") in problem.message
    assert (problem.row, problem.column) == (1_048_576, "XFD")


def test_the_caps_follow_the_spec(conn) -> None:
    caps = limits.workbook_caps()
    for sheet in SHEETS:
        assert caps.of(sheet.name).columns == len(sheet.columns) + 1 + limits.WORKBOOK_COLUMN_SLACK
    assert caps.of("Deelname").rows >= 5_000 * 48 + 1
    assert caps.of(INFO_SHEET) == caps.of(LISTS_SHEET) == caps.of("Blad1") == limits.WORKBOOK_OTHER_SHEETS


def test_import_workbook_and_a_display_name_give_the_same_refusal(conn, base, folder) -> None:
    path = hostile.far_cell_workbook(base, folder, "Deelname")
    problems = refused(workbook.import_workbook, conn, path, display_name="mijn werkboek.xlsx")
    assert one(problems, hostile.FAR_CELL).file == "mijn werkboek.xlsx"


def test_a_far_dimension_is_refused(conn, base, folder) -> None:
    path = hostile.far_dimension_workbook(base, folder)
    problem = one(refused(workbook.plan_import, conn, path), "gebruikt bereik")
    assert problem.sheet == "Deelname" and f"A1:{hostile.FAR_CELL}" in problem.message


@pytest.mark.parametrize("masked", [False, True], ids=["gewoon", "tellingen gelijk via commentaar"])
def test_cells_without_a_reference_are_refused(conn, base, folder, masked) -> None:
    path = hostile.cell_without_reference_workbook(base, folder, masked=masked)
    problem = one(refused(workbook.plan_import, conn, path), "zonder celverwijzing")
    assert problem.sheet == "Deelname"


def test_950000_deelname_rows_are_refused_by_the_row_cap(conn, base, folder) -> None:
    path = hostile.many_rows_workbook(base, folder, rows=950_000)
    problem = one(refused(workbook.plan_import, conn, path), "ligt buiten het bereik")
    assert problem.sheet == "Deelname"
    assert problem.row == limits.workbook_caps().of("Deelname").rows + 1


# ----------------------------------------------------------------------------- the zip container
@pytest.mark.parametrize("lying", [False, True], ids=["eerlijke grootte", "liegt over de grootte"])
def test_a_zip_bomb_is_refused_without_inflating_it(conn, base, folder, lying) -> None:
    path = hostile.zip_bomb_workbook(base, folder, lying=lying)
    assert path.stat().st_size < 3 * hostile.MIB
    problems = refused(workbook.plan_import, conn, path)
    problem = one(
        problems, "keer zo groot als ingepakt" if not lying else "groter dan het bestand zelf opgeeft"
    )
    assert problem.message.startswith("Tabblad Deelname")


def test_a_member_named_twice_is_refused(conn, base, folder) -> None:
    one(refused(workbook.plan_import, conn, hostile.duplicate_member_workbook(base, folder)), "twee keer")


def test_utf16_sheet_xml_is_refused(conn, base, folder) -> None:
    problem = one(refused(workbook.plan_import, conn, hostile.utf16_sheet_workbook(base, folder)), "UTF-8")
    assert problem.sheet == "Deelname"


def test_a_cell_larger_than_any_excel_cell_is_refused(conn, base, folder) -> None:
    problem = one(
        refused(workbook.plan_import, conn, hostile.huge_cell_workbook(base, folder)), "meer dan 1 MB"
    )
    assert problem.sheet == "Deelname"


def test_hundreds_of_sheets_are_refused(conn, base, folder) -> None:
    one(refused(workbook.plan_import, conn, hostile.many_sheets_workbook(base, folder)), "tabbladen")


def test_thousands_of_zip_members_are_refused(conn, base, folder) -> None:
    path = hostile.many_members_workbook(base, folder)
    one(refused(workbook.plan_import, conn, path), "onderdelen")


def test_a_file_over_50_mb_is_refused(conn, folder) -> None:
    path = hostile.oversized_file(folder, limits.MAX_FILE_BYTES + 1)
    problem = one(refused(workbook.plan_import, conn, path), "te groot")
    assert "de grens is 50 MB" in problem.message
    problem = one(refused(import_public_file, conn, path), "te groot")
    assert "de grens is 50 MB" in problem.message


def test_one_size_limit_for_browser_and_command_line() -> None:
    from sv_analytics.ingest import common

    assert common.MAX_FILE_BYTES == limits.MAX_FILE_BYTES == 50 * 1024 * 1024
    assert limits.MAX_FILE_TEXT == "50 MB"


# ----------------------------------------------------------------------------- XXE, billion laughs
@pytest.mark.parametrize("kind", ["xxe", "laughs"])
@pytest.mark.parametrize("where", ["tabblad", "sharedStrings"])
def test_doctype_and_entities_are_refused(conn, base, folder, kind, where) -> None:
    if where == "tabblad":
        path = hostile.doctype_sheet_workbook(base, folder, kind)
    else:
        path = hostile.doctype_shared_strings_workbook(base, folder, kind)
    problem = one(refused(workbook.plan_import, conn, path), "DOCTYPE")
    assert "/etc/passwd" not in str(problem)
    if where == "tabblad":
        assert problem.sheet == "Deelname"


# ----------------------------------------------------------------------------- formulas
def test_a_formula_is_found_whatever_the_attribute_order(conn, base, folder) -> None:
    sheet = load_workbook(base, read_only=False)["Deelname"]
    column = sheet.cell(1, column_of(sheet, "Deelnemers")).column_letter
    path = hostile.formula_workbook(base, folder, "Deelname", column)
    assert (
        b'<c t="str" r="'
        in hostile.read_members(path)[hostile.sheet_member(hostile.read_members(path), "Deelname")]
    )
    problem = one(refused(workbook.plan_import, conn, path), "formule gevonden")
    assert (problem.sheet, problem.row, problem.column) == ("Deelname", 2, "Deelnemers")


@pytest.mark.parametrize(
    "cell",
    [
        b'<c t="str" r="D50"><f>1+1</f><v>2</v></c>',
        b'<c s="0"\n r = \'D50\' t="n"><f t="shared" si="0"/><v>2</v></c>',
        b'<c r="D50"><v>2</v><f>1+1</f></c>',
        b'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="D50"><x:f>1+1</x:f></x:c>',
    ],
    ids=["t voor r", "spaties en enkele aanhalingstekens", "f na v", "met voorvoegsel"],
)
def test_formula_cells_in_any_spelling(base, folder, cell: bytes) -> None:
    row = b'<row r="50">' + cell + b"</row>"
    path = hostile.edit_sheet(
        base,
        folder / "formule-spelling.xlsx",
        "Doelen",
        lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>", 1),
    )
    with path.open("rb") as handle:
        scan = xlsx.check_package(handle, path.name, limits.workbook_caps())
    assert scan.formulas.get("Doelen") == [("D", 50)]


def test_formulas_outside_the_cells_do_not_count(base, folder) -> None:
    extension = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations><x14:dataValidation>'
        b"<x14:formula1><xm:f>Lijsten!$A$2:$A$9</xm:f></x14:formula1></x14:dataValidation></x14:dataValidations>"
        b"</ext></extLst></worksheet>"
    )
    path = hostile.edit_sheet(
        base, folder / "extlst.xlsx", "Deelname", lambda xml: xml.replace(b"</worksheet>", extension, 1)
    )
    with path.open("rb") as handle:
        assert "Deelname" not in xlsx.check_package(handle, path.name, limits.workbook_caps()).formulas


# ----------------------------------------------------------------------------- public files
@pytest.fixture()
def public_conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(tmp_path / "publiek.duckdb")
    import_public_file(connection, hostile.PROJECT / "tests" / "fixtures" / "public" / "kwb-2017.csv")
    yield connection
    connection.close()


@pytest.mark.parametrize("dimension", [False, True], ids=["alleen de cel", "cel en dimensie"])
def test_a_far_cell_in_the_real_rivm_download_is_refused(public_conn, tmp_path, dimension) -> None:
    path = hostile.far_cell_public_xlsx(tmp_path, dimension=dimension)
    problem = one(refused(import_public_file, public_conn, path), hostile.FAR_CELL)
    assert problem.sheet and problem.sheet.startswith("50090NED")
    assert "dat voor een publiek gegevensbestand is toegestaan" in problem.message
    assert router.is_workbook(path) is False  # routed by its sheet names, without calamine


@pytest.mark.parametrize("kind", ["xxe", "laughs"])
def test_doctype_in_a_public_xlsx_is_refused(public_conn, tmp_path, kind) -> None:
    one(refused(import_public_file, public_conn, hostile.doctype_public_xlsx(tmp_path, kind)), "DOCTYPE")


def test_a_zip_bomb_renamed_as_public_file_is_refused(public_conn, base, tmp_path) -> None:
    path = hostile.zip_bomb_workbook(base, tmp_path, lying=True)
    one(refused(import_public_file, public_conn, path, display_name="kwb-2019.xlsx"), "zip-bom")


def test_json_nested_too_deep_is_a_dutch_refusal(public_conn, tmp_path) -> None:
    path = tmp_path / "grenzen.geojson"
    path.write_bytes(b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    one(refused(import_public_file, public_conn, path), "te diep genest")


def test_routing_never_opens_a_hostile_workbook(base, folder) -> None:
    for path in (
        hostile.zip_bomb_workbook(base, folder, lying=False),
        hostile.far_cell_workbook(base, folder, "Deelname"),
        hostile.many_members_workbook(base, folder),
    ):
        assert router.is_workbook(path) is True  # the workbook importer explains the refusal


def test_the_real_reference_files_still_import(tmp_path) -> None:
    if not hostile.SHARED_REFERENCE.is_dir():
        pytest.fail(f"{hostile.SHARED_REFERENCE} ontbreekt")
    with db.connect(tmp_path / "echt.duckdb") as connection:
        batch = import_reference_dir(connection, hostile.SHARED_REFERENCE)
        names = {summary.file_name for summary in batch}
    assert hostile.RIVM_XLSX in names and len(names) >= 8


def test_the_legit_small_workbook_still_imports(conn, base) -> None:
    before = db.content_hashes(conn)
    summary = workbook.import_workbook(conn, base, chosen_kern="bathmen")
    assert summary.kern_id == "bathmen"
    assert db.content_hashes(conn) != before or summary.unchanged


# ----------------------------------------------------------------------------- the sandbox
def test_a_native_abort_in_the_reader_is_a_dutch_refusal_and_the_parent_lives_on() -> None:
    with pytest.raises(ValidationError) as caught:
        sandbox.run_limited(hostile.abort_now, name="kapot.xlsx", memory_bytes=64 * hostile.MIB, seconds=10)
    (problem,) = caught.value.problems
    assert problem.file == "kapot.xlsx"
    assert "kon niet veilig worden gelezen (het leesproces stopte)" in problem.message
    assert sandbox.last_run().outcome == "crash"
    assert sandbox.run_limited(hostile.double, 21, name="x", memory_bytes=64 * hostile.MIB, seconds=10) == 42


def test_too_much_memory_and_too_much_time_are_dutch_refusals() -> None:
    with pytest.raises(ValidationError, match="meer dan 64 MB werkgeheugen"):
        sandbox.run_limited(
            hostile.allocate, 512 * hostile.MIB, name="groot.xlsx", memory_bytes=64 * hostile.MIB, seconds=10
        )
    with pytest.raises(ValidationError, match="binnen 1 seconde te lezen"):
        sandbox.run_limited(
            hostile.sleep_forever, name="traag.xlsx", memory_bytes=64 * hostile.MIB, seconds=1
        )
    assert sandbox.last_run().outcome == "timeout"


def test_user_errors_from_the_child_arrive_unchanged() -> None:
    problems = [Problem("a.xlsx", "kapot", "Deelname", 3, "Maand", "x")]
    with pytest.raises(ValidationError) as caught:
        sandbox.run_limited(
            hostile.raise_validation, problems, name="a.xlsx", memory_bytes=64 * hostile.MIB, seconds=10
        )
    assert caught.value.problems == problems
    with pytest.raises(DatabaseError, match="database weg"):
        sandbox.run_limited(
            hostile.raise_database_error, name="a.xlsx", memory_bytes=64 * hostile.MIB, seconds=10
        )


def test_a_local_function_is_refused_before_a_child_starts() -> None:
    with pytest.raises(ValueError):
        sandbox.run_limited(lambda: 1, name="x", memory_bytes=hostile.MIB, seconds=1)


# ----------------------------------------------------------------------------- the far-reference test
@pytest.mark.parametrize(
    "caps", [SheetCaps(240_101, 23), SheetCaps(5_101, 100), SheetCaps(120_000, 260), SheetCaps(99, 703)]
)
def test_the_far_reference_pattern_is_exact(caps: SheetCaps) -> None:
    pattern = xlsx._far_reference(caps)
    rng = random.Random(2017)
    columns = [1, caps.columns - 1, caps.columns, caps.columns + 1, 703, 16_384]
    rows = [1, caps.rows - 1, caps.rows, caps.rows + 1, 1_048_576]
    cases = [(c, r) for c in columns for r in rows] + [
        (rng.randint(1, 20_000), rng.randint(1, 2_000_000)) for _ in range(500)
    ]
    for column, row in cases:
        letters = xlsx._column_letters(column)
        far = column > caps.columns or row > caps.rows
        for ref in (f"{letters}{row}", f"{letters.lower()}{row}", f"{letters}00{row}"):
            for spelling in (f' r="{ref}"', f"\tr = '{ref}'", f'"r="{ref}"'):
                assert (pattern.search(f"<c{spelling}>".encode()) is not None) == far, (caps, spelling)
        assert (pattern.search(f'<row r="{row}">'.encode()) is not None) == (row > caps.rows)
    for other in (b'<c xr="XFD1048576">', b'<c r:id="XFD9">', b'<c operator="XFD9">'):
        assert pattern.search(other) is None


def test_a_reader_started_from_a_script_thread_never_runs_the_main_script(tmp_path, monkeypatch) -> None:
    """Streamlit runs the app in a thread with the app script as a fake __main__ module;
    multiprocessing would normally re-run that script in every child."""
    import sys
    import threading
    import types

    marker = tmp_path / "uitgevoerd.txt"
    script = tmp_path / "app_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('ja')\n", encoding="utf-8")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    results: list[object] = []
    thread = threading.Thread(
        target=lambda: results.append(
            sandbox.run_limited(hostile.double, 4, name="x", memory_bytes=64 * hostile.MIB, seconds=20)
        )
    )
    thread.start()
    thread.join(30)
    assert results == [8]
    assert not marker.exists()


def test_the_reader_works_from_a_streamlit_script(base, folder) -> None:
    """The real thing: Streamlit's script runner (own thread, the script as __main__)."""
    from streamlit.testing.v1 import AppTest

    far = hostile.far_cell_workbook(base, folder, "Deelname")
    script = f"""
import streamlit as st
from pathlib import Path
from sv_analytics.errors import ValidationError
from sv_analytics.ingest import xlsx
try:
    xlsx.read_workbook(Path({str(far)!r}), "verre-cel.xlsx")
except ValidationError as error:
    st.write("geweigerd: " + error.problems[0].message)
st.write("gelezen: %d tabbladen" % len(xlsx.read_workbook(Path({str(base)!r}), "basis.xlsx").sheets))
"""
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert shown[0].startswith(f"geweigerd: cel {hostile.FAR_CELL} op tabblad Deelname")
    assert shown[1] == f"gelezen: {len(xlsx.sheet_names(base, 'basis.xlsx'))} tabbladen"
