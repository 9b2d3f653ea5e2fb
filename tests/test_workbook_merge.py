"""Issue 10: a workbook can only do what the user meant; every import is a revision with undo.

The old import replaced a kern's lists and months; a blank template with one month wiped a
kern's history (395 rows). These tests pin the merge semantics, removal by mark, the
typed 'alles vervangen', revisions and undo, concurrent confirms and the full round trip
of every record type.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from sv_analytics import cli, db
from sv_analytics.errors import UserError, ValidationError
from sv_analytics.ingest import revisions, template, workbook
from sv_analytics.ingest.workbook_spec import KERN_SCOPE, WORKBOOK_TABLES
from tests.workbooks import column_of, export_workbook


def data_hashes(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {t: db.table_hash(conn, t) for t in db.data_tables(conn)}


def add_rows(path: Path, sheet: str, *rows: dict[str, object]) -> None:
    """Append rows by header (the first column, Markering, stays empty)."""
    book = load_workbook(path)
    ws = book[sheet]
    for values in rows:
        row = ws.max_row + 1
        for header, value in values.items():
            ws.cell(row, column_of(ws, header), value)
    book.save(path)


def blank_with_one_month(conn: duckdb.DuckDBPyConnection, path: Path, kern: str = "bathmen") -> Path:
    """What users did: the empty default template, one new activity, one deelname row, one referral."""
    path.write_bytes(template.build_workbook(conn, kern))
    add_rows(
        path,
        "Activiteiten",
        {
            "Activiteit-id": "nieuw01",
            "Naam": "Beweegtuin-ochtend",
            "Soort": "Bewegen",
            "Nieuw of bestaand": "Nieuw",
            "Lidmaatschapsvorm": "Flexibel",
            "Startdatum": date(2019, 3, 1),
            "BRAVO Bewegen": "ja",
        },
    )
    add_rows(
        path,
        "Deelname",
        {
            "Activiteit-id": "nieuw01",
            "Maand": date(2019, 3, 1),
            "Deelnemers": 9,
            "Nieuwe deelnemers": 9,
            "Waarvan voorheen inactief": 3,
        },
    )
    add_rows(
        path,
        "Doorverwijzingen",
        {
            "Maand": date(2019, 3, 1),
            "Verwijzer": "Huisarts",
            "Activiteit-id": "nieuw01",
            "Doelgroep": "senioren",
            "Aantal": 2,
        },
    )
    return path


def kern_rows(conn: duckdb.DuckDBPyConnection, kern: str) -> dict[str, set]:
    """Every stored row of the kern per table, without dataset (what the pages read)."""
    out = {}
    for table in WORKBOOK_TABLES:
        columns = [c for c in db.table_columns(conn, table) if c != "dataset_id"]
        select = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(
            f'SELECT {select} FROM "{table}" WHERE {KERN_SCOPE[table].replace("$kern", "?")}',
            [kern] * KERN_SCOPE[table].count("$kern"),
        ).fetchall()
        out[table] = set(rows)
    return out


def test_blank_template_with_one_month_adds_only_that_month(conn, tmp_path: Path) -> None:
    before = kern_rows(conn, "bathmen")
    path = blank_with_one_month(conn, tmp_path / "een-maand.xlsx")
    plan = workbook.plan_import(conn, path)
    changed = {sheet: c for sheet, c in plan.sheet_changes().items() if c.any}
    assert changed == {
        "Activiteiten": workbook.Change(1, 0, 0),
        "Deelname": workbook.Change(1, 0, 0),
        "Doorverwijzingen": workbook.Change(1, 0, 0),
    }
    assert workbook.action_sentence(plan.totals()) == "3 regels toevoegen, niets wijzigen, niets verwijderen"
    workbook.apply_import(conn, plan)
    after = kern_rows(conn, "bathmen")
    for table, rows in before.items():
        assert rows <= after[table], f"{table} lost rows"
    added = {table: len(after[table] - before[table]) for table in after if after[table] - before[table]}
    assert added == {"activity": 1, "activity_theme": 1, "participation": 1, "referral": 1}


def test_a_monthly_cell_replaces_only_that_cell(conn, tmp_path: Path) -> None:
    path = export_workbook(
        conn, tmp_path / "mrt.xlsx", "bathmen", start=date(2018, 3, 1), end=date(2018, 3, 1)
    )
    book = load_workbook(path)
    ws = book["Deelname"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, column_of(ws, "Activiteit-id")).value]
    keep = rows[0]
    for r in reversed(rows[1:]):  # only one cell stays in the workbook
        ws.delete_rows(r)
    activity = ws.cell(keep, column_of(ws, "Activiteit-id")).value
    for header in (
        "Leeftijd 0-17",
        "Leeftijd 18-44",
        "Leeftijd 45-64",
        "Leeftijd 65-74",
        "Leeftijd 75+",
        "Man",
        "Vrouw",
    ):
        ws.cell(keep, column_of(ws, header)).value = None
    ws.cell(keep, column_of(ws, "Deelnemers")).value = 500
    book.save(path)
    others = conn.execute(
        "SELECT activity_id, month, participants FROM participation p JOIN activity USING (activity_id) "
        "WHERE kern_id = 'bathmen' AND NOT (activity_id = ? AND month = DATE '2018-03-01') ORDER BY ALL",
        [f"bathmen-{activity}"],
    ).fetchall()
    plan = workbook.plan_import(conn, path)
    assert plan.sheet_changes()["Deelname"] == workbook.Change(0, 1, 0)
    changed = plan.diffs["participation"].changed_rows
    assert list(changed["old_participants"]) != [500] and list(changed["new_participants"]) == [500]
    workbook.apply_import(conn, plan)
    assert (
        conn.execute(
            "SELECT activity_id, month, participants FROM participation p JOIN activity USING (activity_id) "
            "WHERE kern_id = 'bathmen' AND NOT (activity_id = ? AND month = DATE '2018-03-01') ORDER BY ALL",
            [f"bathmen-{activity}"],
        ).fetchall()
        == others
    )


def test_an_activity_marked_verwijderen_takes_its_deelname_and_referrals(conn, tmp_path: Path) -> None:
    activity = conn.execute(
        "SELECT to_activity_id FROM referral WHERE kern_id = 'bathmen' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    path = template.build_workbook(conn, "bathmen")
    file = tmp_path / "weg.xlsx"
    file.write_bytes(path)
    book = load_workbook(file)
    ws = book["Activiteiten"]
    row = ws.max_row + 1
    ws.cell(row, 1, "verwijderen")
    ws.cell(row, column_of(ws, "Activiteit-id"), activity.removeprefix("bathmen-"))
    book.save(file)
    months, referrals = conn.execute(
        "SELECT (SELECT count(*) FROM participation WHERE activity_id = ?), "
        "(SELECT count(*) FROM referral WHERE to_activity_id = ?)",
        [activity, activity],
    ).fetchone()
    plan = workbook.plan_import(conn, file)
    sheets = plan.sheet_changes()
    assert sheets["Activiteiten"].removed == 1
    assert sheets["Deelname"].removed == months > 0
    assert sheets["Doorverwijzingen"].removed == referrals > 0
    workbook.apply_import(conn, plan)
    assert (
        conn.execute(
            "SELECT (SELECT count(*) FROM participation WHERE activity_id = ?) + "
            "(SELECT count(*) FROM referral WHERE to_activity_id = ?) + "
            "(SELECT count(*) FROM activity_theme WHERE activity_id = ?)",
            [activity, activity, activity],
        ).fetchone()[0]
        == 0
    )
    assert db.integrity_problems(conn) == []


def test_an_organisation_still_used_cannot_be_removed(conn, tmp_path: Path) -> None:
    org = conn.execute(
        "SELECT provider_org_id FROM activity WHERE kern_id = 'bathmen' AND provider_org_id IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    file = tmp_path / "org.xlsx"
    file.write_bytes(template.build_workbook(conn, "bathmen"))
    book = load_workbook(file)
    ws = book["Organisaties"]
    ws.cell(ws.max_row + 1, 1, "verwijderen")
    ws.cell(ws.max_row, column_of(ws, "Organisatie-id"), org.removeprefix("bathmen-"))
    book.save(file)
    before = data_hashes(conn)
    with pytest.raises(ValidationError) as caught:
        workbook.plan_import(conn, file)
    problems = caught.value.problems
    assert all(p.sheet == "Organisaties" and p.column == "Organisatie-id" for p in problems)
    assert any("wordt nog gebruikt (Activiteiten " in p.message for p in problems)
    assert data_hashes(conn) == before


def test_local_and_prefixed_id_of_the_same_record_is_a_duplicate(conn, tmp_path: Path) -> None:
    """o01 and bathmen-o01 are the same stored id: found by validation, not by the write."""
    file = tmp_path / "ids.xlsx"
    file.write_bytes(template.build_workbook(conn, "bathmen"))
    for org_id in ("o77", "bathmen-o77"):
        add_rows(
            file, "Organisaties", {"Organisatie-id": org_id, "Naam": f"Club {org_id}", "Sector": "sport"}
        )
    with pytest.raises(ValidationError) as caught:
        workbook.plan_import(conn, file)
    assert any(p.sheet == "Organisaties" and "dubbele regel" in p.message for p in caught.value.problems)


def test_import_then_undo_restores_every_table(conn, tmp_path: Path) -> None:
    before = data_hashes(conn)
    summary = workbook.import_workbook(conn, blank_with_one_month(conn, tmp_path / "a.xlsx"))
    assert summary.revision_id is not None and data_hashes(conn) != before
    result = revisions.undo(conn, summary.revision_id)
    assert data_hashes(conn) == before
    assert result.undone == [summary.revision_id]
    listed = revisions.list_revisions(conn, "bathmen")
    assert list(listed["action"]) == ["ongedaan", "import"]
    assert (
        listed.iloc[1]["undone_by"] == result.revision_id
        and listed.iloc[1]["user_name"] == revisions.CLI_USER
    )
    with pytest.raises(UserError, match="al ongedaan gemaakt"):
        revisions.undo(conn, summary.revision_id)
    revisions.undo(conn, result.revision_id)  # undoing the undo re-applies the import
    assert (
        conn.execute("SELECT count(*) FROM activity WHERE activity_id = 'bathmen-nieuw01'").fetchone()[0] == 1
    )


def test_undoing_an_older_revision_rewinds_the_later_ones_of_that_kern(conn, tmp_path: Path) -> None:
    before = data_hashes(conn)
    first = workbook.import_workbook(conn, blank_with_one_month(conn, tmp_path / "a.xlsx"))
    other = workbook.import_workbook(conn, blank_with_one_month(conn, tmp_path / "h.xlsx", "heeten"))
    export = export_workbook(
        conn, tmp_path / "b.xlsx", "bathmen", start=date(2019, 3, 1), end=date(2019, 3, 1)
    )
    book = load_workbook(export)
    ws = book["Deelname"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, column_of(ws, "Activiteit-id")).value == "nieuw01":
            ws.cell(r, column_of(ws, "Deelnemers")).value = 11
    book.save(export)
    second = workbook.import_workbook(conn, export)
    result = revisions.undo(conn, first.revision_id)
    assert result.undone == [second.revision_id, first.revision_id]
    heeten = conn.execute("SELECT count(*) FROM activity WHERE activity_id = 'heeten-nieuw01'").fetchone()[0]
    assert heeten == 1  # another kern's revision is not touched
    revisions.undo(conn, other.revision_id)
    assert data_hashes(conn) == before


def test_replace_all_needs_the_kern_name_and_shows_what_goes(conn, tmp_path: Path, capsys) -> None:
    path = blank_with_one_month(conn, tmp_path / "alles.xlsx")
    plan = workbook.plan_import(conn, path, replace_all=True)
    stored = conn.execute("SELECT count(*) FROM organisation WHERE kern_id = 'bathmen'").fetchone()[0]
    assert plan.sheet_changes()["Organisaties"].removed == stored > 0
    database = Path(
        conn.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()[0]
    )
    conn.close()
    assert cli.main(["import", str(path), "--db", str(database), "--alles-vervangen", "Heeten"]) == 2
    assert "vraagt de naam van de kern" in capsys.readouterr().err
    assert cli.main(["import", str(path), "--db", str(database), "--alles-vervangen", "bathmen"]) == 0
    again = db.connect(database)
    try:
        assert again.execute("SELECT count(*) FROM organisation WHERE kern_id = 'bathmen'").fetchone()[0] == 0
        assert again.execute("SELECT count(*) FROM activity WHERE kern_id = 'bathmen'").fetchone()[0] == 1
        assert again.execute("SELECT count(*) FROM activity WHERE kern_id = 'heeten'").fetchone()[0] > 0
    finally:
        again.close()
    assert cli.main(["undo", "--kern", "bathmen", "--db", str(database)]) == 0
    assert "ongedaan gemaakt" in capsys.readouterr().out


def test_two_confirms_at_the_same_moment_are_both_stored(conn, tmp_path: Path) -> None:
    """Two sessions (threads, one connection as in the app) confirm for two kernen at once."""
    plans = [
        workbook.plan_import(conn, blank_with_one_month(conn, tmp_path / f"{k}.xlsx", k))
        for k in ("aadorp", "bathmen")
    ]
    version = db.data_version(conn)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def confirm(plan: workbook.ImportPlan) -> None:
        start.wait()
        try:
            workbook.apply_import(conn, plan)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=confirm, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert db.data_version(conn) == version + 2
    stored = conn.execute(
        "SELECT kern_id FROM activity WHERE activity_id LIKE '%-nieuw01' ORDER BY 1"
    ).fetchall()
    assert stored == [("aadorp",), ("bathmen",)]
    assert conn.execute("SELECT count(*) FROM revision WHERE action = 'import'").fetchone()[0] == 2


def test_a_stale_preview_of_the_same_kern_is_refused_with_try_again(conn, tmp_path: Path) -> None:
    first = workbook.plan_import(conn, blank_with_one_month(conn, tmp_path / "a.xlsx"))
    second = workbook.plan_import(conn, blank_with_one_month(conn, tmp_path / "b.xlsx"))
    workbook.apply_import(conn, first)
    before = data_hashes(conn)
    with pytest.raises(UserError, match="probeer opnieuw"):
        workbook.apply_import(conn, second)
    assert data_hashes(conn) == before


def test_a_kern_mismatch_is_explained_not_called_an_error(conn, tmp_path: Path) -> None:
    plan = workbook.plan_import(conn, blank_with_one_month(conn, tmp_path / "b.xlsx"), chosen_kern="aadorp")
    assert plan.kern_mismatch and plan.info.kern_id == "bathmen"


def test_stored_file_names_cannot_start_a_formula(conn, tmp_path: Path) -> None:
    path = blank_with_one_month(conn, tmp_path / "b.xlsx")
    workbook.import_workbook(conn, path, display_name="=HYPERLINK(1).xlsx")
    names = [
        r[0] for r in conn.execute("SELECT file_name FROM import_log WHERE file_name IS NOT NULL").fetchall()
    ]
    assert names and all(not n.startswith(("=", "+", "-", "@")) for n in names)


def test_new_record_types_are_validated(conn, tmp_path: Path) -> None:
    file = tmp_path / "kennis.xlsx"
    file.write_bytes(template.build_workbook(conn, "bathmen"))
    add_rows(
        file,
        "Kennisplein",
        {
            "Item-id": "k9",
            "Soort": "Goede praktijk",
            "Titel": "Titel",
            "Tekst": "Tekst",
            "Thema": "Bewegen",
            "Gepubliceerd op": date(2018, 5, 1),
            "Links": "geen adres",
        },
    )
    add_rows(file, "Accommodaties", {"Accommodatie-id": "f9", "Soort": "zwembad?", "Naam": "Bad"})
    add_rows(file, "Statushouders", {"Jaar": 2018, "Aantal": "veel", "Bron": "Gemeente"})
    with pytest.raises(ValidationError) as caught:
        workbook.plan_import(conn, file)
    located = {(p.sheet, p.column) for p in caught.value.problems}
    assert {("Kennisplein", "Links"), ("Accommodaties", "Soort"), ("Statushouders", "Aantal")} <= located


def test_init_plus_every_exported_workbook_reproduces_the_demo(demo_db: Path, tmp_path: Path) -> None:
    """Every record type can be entered: the 22 workbooks exported from the demo, imported into
    an `init` database, give the same rows in every table the pages read; and each export,
    checked against the demo it came from, changes nothing."""
    demo = db.connect(demo_db, read_only=True)
    target = tmp_path / "echt.duckdb"
    assert cli.main(["init", "--db", str(target)]) == 0
    real = db.connect(target)
    try:
        kernen = [r[0] for r in demo.execute("SELECT kern_id FROM kern ORDER BY 1").fetchall()]
        assert len(kernen) == 22
        for kern in kernen:
            path = export_workbook(demo, tmp_path / f"{kern}.xlsx", kern)
            assert workbook.plan_import(demo, path).unchanged, kern
            workbook.import_workbook(real, path)
        for kern in kernen:
            assert kern_rows(real, kern) == kern_rows(demo, kern), kern
        for table in WORKBOOK_TABLES:
            assert real.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] > 0, table
    finally:
        demo.close()
        real.close()
