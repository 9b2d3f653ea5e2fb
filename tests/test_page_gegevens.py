"""The page Gegevens (AppTest): two downloads, a row-level preview, a confirm that says what it
does, one sentence after saving with the upload cleared, the kern's history with undo, Dutch
refusals of wrong files, 'alles vervangen' behind the typed kern name, read-only mode."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sv_analytics import db
from tests.conftest import open_app_page, sql
from tests.test_workbook_merge import blank_with_one_month

PAGE = "app_pages/gegevens.py"


def workbook_bytes(app_env: Path, tmp_path: Path, kern: str = "bathmen") -> bytes:
    with duckdb.connect(str(app_env)) as conn:
        return blank_with_one_month(conn, tmp_path / f"{kern}.xlsx", kern).read_bytes()


def data_hashes(app_env: Path) -> dict[str, str]:
    with duckdb.connect(str(app_env)) as conn:
        return {t: db.table_hash(conn, t) for t in db.data_tables(conn)}


def choose(at, kern_id: str):
    at.selectbox(key="kern_gegevens").set_value(kern_id).run()
    return at


def test_page_offers_the_kern_with_data_first_and_an_empty_template(app_env: Path) -> None:
    at = open_app_page(PAGE)
    choose(at, "bathmen")
    assert at.title[0].value == "Gegevens aanleveren"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Werkboek van Bathmen met de huidige gegevens (.xlsx)",
        "Leeg sjabloon voor nieuwe maanden (.xlsx)",
    ]
    assert any("nog niets ingelezen" in c.value for c in at.caption)


def test_upload_preview_confirm_history_and_undo(app_env: Path, tmp_path: Path) -> None:
    before = data_hashes(app_env)
    at = open_app_page(PAGE)
    choose(at, "bathmen")
    at.file_uploader[0].upload("een-maand.xlsx", workbook_bytes(app_env, tmp_path)).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Controle geslaagd voor **Bathmen (Deventer)**" in i.value for i in at.info)
    counts = at.dataframe[0].value
    assert list(counts["Tabblad"]) == ["Activiteiten", "Deelname", "Doorverwijzingen"]
    assert list(counts["Nieuw"]) == ["1", "1", "1"] and set(counts["Verwijderd"]) == {"0"}
    rows = at.dataframe[1].value  # the first tab: Activiteiten, row by row
    assert list(rows["Soort"]) == ["nieuw"] and "Activiteit-id nieuw01" in rows.iloc[0]["Wat"]
    button = at.button(key="bevestig")
    assert button.label == "Opslaan voor Bathmen: 3 regels toevoegen, niets wijzigen, niets verwijderen"
    button.click().run()
    assert not at.exception, [e.message for e in at.exception]
    saved = [s.value for s in at.success]
    assert any(s.startswith("Opgeslagen voor Bathmen (Deventer): 3 regels toegevoegd") for s in saved)
    assert at.file_uploader[0].key != "werkboek_0"  # the uploader was emptied: nothing checked again
    assert not any("Controle geslaagd" in i.value for i in at.info)
    assert (
        sql(app_env, "SELECT count(*) AS n FROM activity WHERE activity_id = 'bathmen-nieuw01'")["n"][0] == 1
    )
    history = next(d.value for d in at.dataframe if "Revisie" in d.value.columns)
    assert list(history["Actie"]) == ["import"] and list(history["Bestand"]) == ["een-maand.xlsx"]
    at.button(key="undo").click().run()
    assert any("wordt weer precies zoals vóór die import" in w.value for w in at.warning)
    at.button(key="undo_ja").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("ongedaan gemaakt" in s.value for s in at.success)
    assert data_hashes(app_env) == before


def test_wrong_files_are_refused_in_dutch_with_one_probleem(app_env: Path, tmp_path: Path) -> None:
    at = open_app_page(PAGE)
    at.file_uploader[0].upload("cijfers.csv", b"a;b\n1;2\n", "text/csv").run()
    assert any("cijfers.csv: dit is geen Excel-werkmap (.xlsx)" in e.value for e in at.error)
    from openpyxl import load_workbook

    path = tmp_path / "een-fout.xlsx"
    path.write_bytes(workbook_bytes(app_env, tmp_path))
    book = load_workbook(path)
    book["Deelname"]["D3"] = "negen"  # Deelnemers of the added row
    book.save(path)
    at.file_uploader[0].set_value(("een-fout.xlsx", path.read_bytes(), "application/octet-stream")).run()
    assert any(e.value.startswith("Het werkboek is afgewezen: 1 probleem.") for e in at.error)


def test_replace_all_needs_the_typed_kern_name(app_env: Path, tmp_path: Path) -> None:
    at = open_app_page(PAGE)
    choose(at, "bathmen")
    at.file_uploader[0].upload("alles.xlsx", workbook_bytes(app_env, tmp_path)).run()
    at.radio(key="werkboek_modus").set_value("replace").run()
    assert any("Alles vervangen verwijdert" in w.value for w in at.warning)
    assert at.button(key="bevestig").disabled
    at.text_input(key="vervang_bevestiging").input("Heeten").run()
    assert at.button(key="bevestig").disabled
    at.text_input(key="vervang_bevestiging").input("bathmen").run()
    assert not at.button(key="bevestig").disabled
    at.button(key="bevestig").click().run()
    assert any(s.value.startswith("Opgeslagen voor Bathmen (Deventer)") for s in at.success)
    assert sql(app_env, "SELECT count(*) AS n FROM organisation WHERE kern_id = 'bathmen'")["n"][0] == 0
    # the next file starts again in the safe mode
    at.file_uploader[0].upload("volgende.xlsx", workbook_bytes(app_env, tmp_path)).run()
    assert at.radio(key="werkboek_modus").value == "merge"
    at.button(key="undo").click().run()
    at.button(key="undo_ja").click().run()
    assert sql(app_env, "SELECT count(*) AS n FROM organisation WHERE kern_id = 'bathmen'")["n"][0] > 0


def test_a_workbook_of_another_kern_is_explained(app_env: Path, tmp_path: Path) -> None:
    at = open_app_page(PAGE)
    choose(at, "aadorp")
    at.file_uploader[0].upload("bathmen.xlsx", workbook_bytes(app_env, tmp_path)).run()
    assert any(
        "Dit werkboek is van **Bathmen (Deventer)**; u koos Aadorp (Almelo)" in w.value for w in at.warning
    )
    assert not at.error


@pytest.fixture()
def read_only_env(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SV_READ_ONLY", "1")
    return app_env


def test_read_only_database_switches_uploads_off(read_only_env: Path, tmp_path: Path) -> None:
    import streamlit as st

    st.cache_resource.clear()
    try:
        at = open_app_page(PAGE)
        assert any("alleen-lezen geopend" in i.value for i in at.info)
        assert all(u.proto.disabled for u in at.file_uploader)
    finally:
        st.cache_resource.clear()
