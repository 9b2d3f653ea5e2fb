"""The monitoring workbook: template, round trip, merge semantics, idempotence, atomicity."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from sv_analytics import cli, db
from sv_analytics.ingest import workbook
from sv_analytics.ingest.workbook_spec import EXAMPLE_MARK, INFO_SHEET, LISTS_SHEET, SHEETS
from tests.conftest import PROJECT
from tests.workbooks import export_workbook, set_cell, valid_workbook


def content_without_log(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {t: h for t, h in db.content_hashes(conn).items() if t != "import_log"}


def test_template_has_every_sheet_dropdowns_kern_and_marked_examples(conn, tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.xlsx"
    assert cli.main(["template", "--kern", "heeten", "--out", str(path), "--db", str(conn_path(conn))]) == 0
    book = load_workbook(path)
    assert book.sheetnames == [INFO_SHEET, *(s.name for s in SHEETS), LISTS_SHEET]
    info = {row[0]: row[1] for row in book[INFO_SHEET].iter_rows(values_only=True) if row[0]}
    assert info["Kern-id"] == "heeten" and info["Kern"] == "Heeten" and info["Gemeente"] == "Raalte"
    assert book[LISTS_SHEET].sheet_state == "hidden"
    organisaties = book["Organisaties"]
    assert organisaties["A2"].value == EXAMPLE_MARK
    ranges = {str(v.sqref): v.formula1 for v in organisaties.data_validations.dataValidation}
    sector_col = next(c.column_letter for c in organisaties[1] if str(c.value).startswith("Sector"))
    assert any(sqref.startswith(f"{sector_col}2:") and "Lijsten" in f for sqref, f in ranges.items())
    assert organisaties["B1"].value == "Organisatie-id *"  # required columns are marked


def conn_path(conn: duckdb.DuckDBPyConnection) -> Path:
    return Path(
        conn.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()[0]
    )


@pytest.mark.parametrize("kern", ["bathmen", "boskamp", "berkum", "hertme"])
def test_export_then_import_changes_nothing(conn, tmp_path: Path, kern: str) -> None:
    before = content_without_log(conn)
    plan = workbook.plan_import(
        conn, export_workbook(conn, tmp_path / f"{kern}.xlsx", kern), chosen_kern=kern
    )
    assert plan.unchanged, {t: c for t, c in plan.changes.items() if c.any}
    summary = workbook.apply_import(conn, plan)
    assert summary.unchanged
    assert content_without_log(conn) == before
    assert (
        conn.execute("SELECT status FROM import_log ORDER BY log_id DESC LIMIT 1").fetchone()[0]
        == "unchanged"
    )


def test_valid_workbook_imports_and_second_import_changes_nothing(conn, tmp_path: Path) -> None:
    path = valid_workbook(conn, tmp_path / "klein.xlsx")
    activities = conn.execute("SELECT count(*) FROM activity WHERE kern_id = 'bathmen'").fetchone()[0]
    summary = workbook.import_workbook(conn, path, chosen_kern="bathmen")
    assert not summary.unchanged
    assert summary.rows["participation"] == 1
    # the example's act01 updates Bathmen's act01; the other activities stay (merge, not replace)
    assert conn.execute("SELECT count(*) FROM activity WHERE kern_id = 'bathmen'").fetchone()[0] == activities
    assert conn.execute("SELECT name FROM activity WHERE activity_id = 'bathmen-act01'").fetchone() == (
        "Wandelvoetbal",
    )
    assert conn.execute(
        "SELECT participants FROM participation WHERE activity_id = 'bathmen-act01' AND month = DATE '2017-09-01'"
    ).fetchone() == (12,)
    other_kern = conn.execute("SELECT count(*) FROM activity WHERE kern_id = 'heeten'").fetchone()[0]
    assert other_kern > 0  # other kernen untouched
    after_first = content_without_log(conn)
    again = workbook.import_workbook(conn, path, chosen_kern="bathmen")
    assert again.unchanged
    assert content_without_log(conn) == after_first
    log = conn.execute(
        "SELECT status, file_name, file_hash, kern_id, rows_json FROM import_log WHERE action = 'import' ORDER BY log_id"
    ).fetchall()
    assert [r[0] for r in log] == ["ok", "unchanged"]
    assert log[0][1] == "klein.xlsx" and len(log[0][2]) == 64 and log[0][3] == "bathmen"
    assert json.loads(log[0][4])["participation"] >= 1
    provenance = conn.execute(
        "SELECT kind, is_demo, file_name FROM dataset WHERE dataset_id = ?", [summary.dataset_id]
    ).fetchone()
    assert provenance == ("monitoring", False, "klein.xlsx")


def test_one_changed_cell_shows_as_one_changed_row_and_is_written(conn, tmp_path: Path) -> None:
    path = export_workbook(conn, tmp_path / "b.xlsx", "bathmen")
    set_cell(path, "Deelname", "Deelnemers", 2, 999)
    set_cell(path, "Deelname", "Leeftijd 75+", 2, None)  # keep breakdown sums valid: clear all age bands
    for band in ("0-17", "18-44", "45-64", "65-74"):
        set_cell(path, "Deelname", f"Leeftijd {band}", 2, None)
    for sex in ("Man", "Vrouw"):
        set_cell(path, "Deelname", sex, 2, None)
    plan = workbook.plan_import(conn, path, chosen_kern="bathmen")
    preview = plan.sheet_changes()
    assert (preview["Deelname"].new, preview["Deelname"].changed, preview["Deelname"].removed) == (0, 1, 0)
    assert all(not c.any for sheet, c in preview.items() if sheet != "Deelname")
    assert plan.changes["participation_breakdown"].removed == 7
    workbook.apply_import(conn, plan)
    first = conn.execute(
        "SELECT participants FROM participation WHERE activity_id = 'bathmen-act01' ORDER BY month LIMIT 1"
    ).fetchone()[0]
    assert first == 999


def test_a_sheet_emptied_in_the_workbook_removes_nothing(conn, tmp_path: Path) -> None:
    """Before issue 10 an import replaced the kern's lists and months: a blank sheet wiped them."""
    before = content_without_log(conn)
    path = export_workbook(
        conn, tmp_path / "b2017.xlsx", "bathmen", start=date(2017, 1, 1), end=date(2017, 12, 1)
    )
    book = load_workbook(path)
    for name in ("Deelname", "Organisaties", "Activiteiten", "Werkplan", "Evaluatie"):
        book[name].delete_rows(2, book[name].max_row)
    book["Doorverwijzingen"].delete_rows(2, book["Doorverwijzingen"].max_row)
    book.save(path)
    plan = workbook.plan_import(conn, path, chosen_kern="bathmen")
    assert all(change.removed == 0 for change in plan.sheet_changes().values())
    assert plan.unchanged
    workbook.apply_import(conn, plan)
    assert content_without_log(conn) == before


def test_a_row_marked_verwijderen_removes_that_record_and_only_it(conn, tmp_path: Path) -> None:
    path = export_workbook(conn, tmp_path / "b.xlsx", "bathmen")
    book = load_workbook(path)
    sheet = book["Organisaties"]
    ids = [sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)]
    unused = "o10"  # the parish: no activity, agreement or referral refers to it in the demo
    sheet.cell(ids.index(unused) + 2, 1).value = "verwijderen"
    book.save(path)
    plan = workbook.plan_import(conn, path, chosen_kern="bathmen")
    assert {s: c for s, c in plan.sheet_changes().items() if c.any} == {
        "Organisaties": workbook.Change(0, 0, 1)
    }
    workbook.apply_import(conn, plan)
    assert conn.execute("SELECT count(*) FROM organisation WHERE org_id = 'bathmen-o10'").fetchone()[0] == 0
    assert (
        conn.execute("SELECT count(*) FROM organisation_role WHERE org_id = 'bathmen-o10'").fetchone()[0] == 0
    )
    assert (
        conn.execute("SELECT count(*) FROM organisation WHERE kern_id = 'bathmen'").fetchone()[0]
        == len(ids) - 1
    )


def test_all_problems_are_reported_at_once(conn, tmp_path: Path) -> None:
    path = valid_workbook(conn, tmp_path / "fouten.xlsx")
    set_cell(path, "Deelname", "Deelnemers", 2, -4)
    set_cell(path, "Organisaties", "Sector", 2, "bakkerij")
    set_cell(path, "Vrijwilligers", "Actief", 2, "veel")
    with pytest.raises(workbook.ValidationError) as caught:
        workbook.plan_import(conn, path)
    located = {(p.sheet, p.row, p.column) for p in caught.value.problems}
    assert {
        ("Deelname", 2, "Deelnemers"),
        ("Organisaties", 2, "Sector"),
        ("Vrijwilligers", 2, "Actief"),
    } <= located


def test_cli_import_json_lists_problems_and_exits_2(
    conn, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = valid_workbook(conn, tmp_path / "fout.xlsx")
    set_cell(path, "Deelname", "Nieuwe deelnemers", 2, 50)
    database = conn_path(conn)
    conn.close()
    assert cli.main(["import", str(path), "--db", str(database), "--json"]) == 2
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "afgewezen"
    problem = result["problems"][0]
    assert problem["file"] == "fout.xlsx" and problem["sheet"] == "Deelname" and problem["row"] == 2
    assert problem["column"] == "Nieuwe deelnemers" and problem["value"] == "50"
    assert "groter dan" in problem["message"]


def test_cli_import_ok_then_unchanged(conn, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = valid_workbook(conn, tmp_path / "goed.xlsx")
    database = conn_path(conn)
    conn.close()
    assert cli.main(["import", str(path), "--db", str(database), "--kern", "bathmen", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ingelezen"
    assert cli.main(["import", str(path), "--db", str(database), "--kern", "bathmen", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ongewijzigd"


def test_a_killed_import_leaves_the_database_as_it_was(demo_db: Path, tmp_path: Path) -> None:
    database = tmp_path / "kill.duckdb"
    shutil.copyfile(demo_db, database)
    conn = db.connect(database)
    path = valid_workbook(conn, tmp_path / "klein.xlsx")
    before = db.content_hashes(conn)
    conn.close()
    env = {**os.environ, "PYTHONPATH": str(PROJECT), workbook.PAUSE_ENV: "60"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sv_analytics", "import", str(path), "--db", str(database)],
        env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = process.stderr.readline()
        assert "midden in de import" in line  # the import paused inside its transaction
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    conn = db.connect(database)
    assert db.content_hashes(conn) == before
    conn.close()


def test_targets_can_name_monitoring_indicators_only() -> None:
    """The Doelen sheet's indicator list: what the monitoring measures, not CBS/RIVM context."""
    from sv_analytics import indicators
    from sv_analytics.indicators import context
    from sv_analytics.ingest import workbook_spec

    offered = workbook_spec.closed_list("indicator")
    assert {"nieuwe_deelnemers", "nieuwe_activiteiten", "doorverwijzingen", "vrijwilligers_actief"} <= set(
        offered
    )
    assert not set(offered) & {i.code for i in context.INDICATORS}
    assert all(indicators.get(code).source.startswith(indicators.MONITORING) for code in offered)
    assert offered["deelnemers"] == indicators.get("deelnemers").name
