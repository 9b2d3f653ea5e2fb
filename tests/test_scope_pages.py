"""AppTest per role: the scope reaches every page (sv_analytics/scope.py through state.run and
ui/filters.py) and the page Gegevens checks who may download, upload, undo and import.

Users are logged in the way AppTest simulates it (``at.user`` with ``is_logged_in``); their
role and scope are in the test database's ``app_user`` (``users.add_user``).
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from sv_analytics import access, db, users
from sv_analytics.ingest.workbook_spec import INFO_SHEET
from tests.conftest import PROJECT, SHARED_REFERENCE, sent_text, sql
from tests.test_workbook_merge import blank_with_one_month

APP = str(PROJECT / "app.py")
ISS = "https://idp.example/pagina"
PEOPLE = {
    "bea": {"role": "beheerder", "email": "bea@sportservice.nl"},
    "gerda": {
        "role": "gemeente",
        "gemeente_code": "GM0141",
        "email": "gerda@almelo.nl",
    },  # Aadorp, Bornerbroek
    "piet": {"role": "projectleider", "kern_id": "bathmen", "email": "piet@bathmen.nl"},
}
KERN_NAMES = [row["name"] for row in csv.DictReader((PROJECT / "data" / "kernen.csv").open(encoding="utf-8"))]
#: Pages with the shared kern (and gemeente) filter, and whether they offer "alle kernen".
KERN_PAGES = {
    "kernprofiel": False,
    "deelname": True,
    "mijn_kern": False,
    "wat_werkt": False,
    "sociale_kaart": False,
    "samenwerking": False,
    "evaluatie": False,
    "kennisplein": True,
    "rapport": True,
}


@pytest.fixture(scope="module")
def people(app_db: Path) -> Path:
    conn = db.connect(app_db)
    try:
        for subject, details in PEOPLE.items():
            users.add_user(conn, issuer=ISS, subject=subject, by="test", **details)
    finally:
        conn.close()
    return app_db


def as_user(subject: str | None, page: str | None = None, **query: str) -> AppTest:
    """The app for ``subject`` (None: local mode), opened on ``page`` with ``?key=value``."""
    at = AppTest.from_file(APP, default_timeout=120)
    if subject is not None:
        at.user = {"is_logged_in": True, "iss": ISS, "sub": subject, "email": PEOPLE[subject]["email"]}
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def kernen_named(text: str) -> set[str]:
    return {name for name in KERN_NAMES if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)}


def kernen_shown(at: AppTest) -> set[str]:
    """The kern names in everything a run sends as data: tables, chart datasets, map layers."""
    from streamlit import dataframe_util

    texts = [frame.value.astype(str).to_csv() for frame in at.dataframe]
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            texts.append(
                dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data).astype(str).to_csv()
            )
        texts.append(chart.proto.spec)
    texts += [deck.proto.json for deck in at.get("deck_gl_json_chart")]
    return kernen_named("\n".join(texts))


def data_hashes(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path)) as conn:
        return {t: db.table_hash(conn, t) for t in db.data_tables(conn)}


# --------------------------------------------------------------------------- links outside the scope
@pytest.mark.parametrize("page", [*KERN_PAGES, "overzicht"])
def test_a_link_to_a_kern_of_another_gemeente_gives_no_access_and_no_figures(
    people: Path, app_env: Path, page: str
) -> None:
    at = as_user("gerda", page, kern="bathmen")
    assert [e.value for e in at.error] == [
        "Geen toegang tot Bathmen (Deventer). Met uw account ziet u alleen de kernen van gemeente Almelo."
    ]
    assert not at.metric and not at.dataframe and not at.table
    assert not at.get("vega_lite_chart") and not at.get("deck_gl_json_chart")
    assert kernen_named(sent_text(at)) <= {"Bathmen"}  # named in the refusal only
    assert not any("Bathmen" in s.value for s in at.selectbox)


def test_a_link_to_another_gemeente_gives_no_access(people: Path, app_env: Path) -> None:
    at = as_user("gerda", "kernprofiel", gemeente="Deventer")
    assert [e.value for e in at.error] == [
        "Geen toegang tot gemeente Deventer. Met uw account ziet u alleen de kernen van gemeente Almelo."
    ]
    assert not at.dataframe and not at.metric


def test_links_inside_the_scope_and_unknown_ids_behave_as_before(people: Path, app_env: Path) -> None:
    at = as_user("gerda", "kernprofiel", kern="bornerbroek")
    assert not at.error and at.selectbox(key="kern").value == "bornerbroek"
    at = as_user("gerda", kern="nergens")  # the first page (Overzicht) reads the link: a toast, as before
    assert not at.error and any("nergens" in toast.value for toast in at.toast)
    at.switch_page("app_pages/kernprofiel.py").run()
    assert not at.error and at.selectbox(key="kern").value == "aadorp"


def test_the_refusal_holds_on_every_rerun_and_an_old_deelname_link_too(people: Path, app_env: Path) -> None:
    at = as_user("piet", "kernprofiel", kern="aadorp")
    assert at.error and "Geen toegang tot Aadorp (Almelo)" in at.error[0].value
    at.run()
    assert at.error and not at.dataframe
    at = as_user("piet", "deelname", deelname_kern="Aadorp")
    assert at.error and "Geen toegang tot Aadorp (Almelo)" in at.error[0].value and not at.metric


# --------------------------------------------------------------------------- what each role is offered
@pytest.mark.parametrize("page", KERN_PAGES)
def test_a_projectleider_is_offered_their_kern_and_gemeente_only(
    people: Path, app_env: Path, page: str
) -> None:
    at = as_user("piet", page)
    assert not at.error
    kern = at.selectbox(key="kern")
    expected = ["Bathmen (Deventer)"]
    if KERN_PAGES[page]:
        expected = [kern.options[0], *expected]  # "Alle kernen" (or its page's label) is Bathmen alone
    assert kern.options == expected
    if page not in ("mijn_kern", "wat_werkt"):
        assert at.selectbox(key="gemeente").options == ["Deventer"]
    assert kernen_shown(at) <= {"Bathmen"}, page


def test_a_projectleider_sees_only_their_kern_on_the_overview_map_and_tables(
    people: Path, app_env: Path
) -> None:
    at = as_user("piet")
    assert at.selectbox(key="gemeente").options == ["Deventer"]
    assert at.get("deck_gl_json_chart") and at.dataframe
    assert kernen_shown(at) == {"Bathmen"}


@pytest.mark.parametrize("page", [*KERN_PAGES, "overzicht"])
def test_a_gemeente_user_sees_only_the_kernen_of_their_gemeente(
    people: Path, app_env: Path, page: str
) -> None:
    at = as_user("gerda", page)
    assert not at.error
    assert kernen_shown(at) <= {"Aadorp", "Bornerbroek"}, page


def test_a_gemeente_user_is_offered_their_gemeente_and_its_kernen(people: Path, app_env: Path) -> None:
    at = as_user("gerda", "overzicht")
    assert at.selectbox(key="gemeente").options == ["Almelo"]
    overview = next(d.value for d in at.dataframe if "Kern" in d.value.columns)
    assert sorted(overview["Kern"]) == ["Aadorp", "Bornerbroek"]
    at.switch_page("app_pages/kernprofiel.py").run()
    assert at.selectbox(key="kern").options == ["Aadorp (Almelo)", "Bornerbroek (Almelo)"]


def test_a_gemeente_user_has_no_gegevens_page_and_the_page_offers_no_upload(
    people: Path, app_env: Path
) -> None:
    at = as_user("gerda")
    with pytest.raises(ValueError):
        at.switch_page("app_pages/gegevens.py")
    page = AppTest.from_file(str(PROJECT / "app_pages" / "gegevens.py"), default_timeout=120)
    page.session_state["sv_viewer"] = access.Viewer(
        role=access.Role.GEMEENTE, scope=access.Scope(gemeente_code="GM0141"), issuer=ISS, subject="gerda"
    )
    page.run()  # the page itself, without the router: its own checks
    assert not page.exception, [e.message for e in page.exception]
    assert not page.file_uploader
    assert [b.proto.label for b in page.get("download_button")] == [
        "Leeg sjabloon voor nieuwe maanden (.xlsx)"
    ]
    assert any("Publieke bestanden leest alleen de beheerder in" in i.value for i in page.info)
    assert page.selectbox(key="kern_gegevens").options == ["Aadorp (Almelo)", "Bornerbroek (Almelo)"]
    assert not [b for b in page.button if b.key == "undo"]


# --------------------------------------------------------------------------- uploads
@pytest.fixture()
def upload_env(people: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database of its own for a test that writes (the users copied along)."""
    from sv_analytics import config

    path = tmp_path / "upload.duckdb"
    shutil.copyfile(people, path)
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return path


def workbook_of(database: Path, folder: Path, kern: str, *, named: str | None = None) -> bytes:
    """A one-month workbook of ``kern``; ``named``: its Toelichting's Kern-id edited to that."""
    with duckdb.connect(str(database)) as conn:
        path = blank_with_one_month(conn, folder / f"{kern}.xlsx", kern)
    if named is not None:
        book = load_workbook(path)
        sheet = book[INFO_SHEET]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Kern-id")
        assert row == 3
        sheet.cell(row, 2).value = named
        book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize("named", [None, "aadorp"], ids=["aadorp-workbook", "edited-kern-id"])
def test_a_projectleider_cannot_upload_for_another_kern(
    upload_env: Path, tmp_path: Path, named: str | None
) -> None:
    data = workbook_of(upload_env, tmp_path, "bathmen" if named else "aadorp", named=named)
    before = data_hashes(upload_env)
    at = as_user("piet", "gegevens")
    at.file_uploader[0].upload("ander.xlsx", data).run()
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value for e in at.error] == [
        "Geen toegang: ander.xlsx, tabblad 'Toelichting', cel B3: dit werkboek is van Aadorp (Almelo). "
        "U mag alleen gegevens aanleveren van kern Bathmen (Deventer). Er is niets opgeslagen."
    ]
    assert not [b for b in at.button if b.key == "bevestig"]
    assert not at.dataframe or all("Tabblad" not in d.value.columns for d in at.dataframe)  # no preview
    assert data_hashes(upload_env) == before


def test_a_projectleider_uploads_and_undoes_for_their_kern_recorded_with_their_name(
    upload_env: Path, tmp_path: Path
) -> None:
    at = as_user("piet", "gegevens")
    assert [b.proto.label for b in at.get("download_button")] == [
        "Werkboek van Bathmen met de huidige gegevens (.xlsx)",
        "Leeg sjabloon voor nieuwe maanden (.xlsx)",
    ]
    at.file_uploader[0].upload("bathmen.xlsx", workbook_of(upload_env, tmp_path, "bathmen")).run()
    at.button(key="bevestig").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(s.value.startswith("Opgeslagen voor Bathmen (Deventer)") for s in at.success)
    history = next(d.value for d in at.dataframe if "Revisie" in d.value.columns)
    assert list(history["Door"]) == ["piet@bathmen.nl"]
    at.button(key="undo").click().run()
    at.button(key="undo_ja").click().run()
    log = sql(
        upload_env, "SELECT action, kern_id, user_name FROM import_log WHERE action <> 'demo' ORDER BY log_id"
    )
    assert log.values.tolist() == [
        ["import", "bathmen", "piet@bathmen.nl"],
        ["undo", "bathmen", "piet@bathmen.nl"],
    ]
    users_of = sql(upload_env, "SELECT DISTINCT user_name FROM revision")
    assert users_of["user_name"].tolist() == ["piet@bathmen.nl"]


def test_local_mode_records_lokaal(upload_env: Path, tmp_path: Path) -> None:
    at = as_user(None, "gegevens")
    at.selectbox(key="kern_gegevens").set_value("bathmen").run()
    at.file_uploader[0].upload("bathmen.xlsx", workbook_of(upload_env, tmp_path, "bathmen")).run()
    at.button(key="bevestig").click().run()
    assert sql(upload_env, "SELECT user_name FROM import_log WHERE action = 'import'")[
        "user_name"
    ].tolist() == [access.LOCAL_LABEL]
    assert sql(upload_env, "SELECT user_name FROM revision")["user_name"].tolist() == [access.LOCAL_LABEL]


# --------------------------------------------------------------------------- public files
def forged_kwb(folder: Path) -> Path:
    """The real CBS file with Deventer's 2017 inhabitants set to 1 (the attack of issue 12)."""
    source = SHARED_REFERENCE / "kwb-gemeenten-overijssel-2017-2018-pdok.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("2017,GM0150,"):
            cells = line.split(",")
            assert cells[3] != "1"
            cells[3] = "1"
            lines[index] = ",".join(cells)
    path = folder / "kwb-gemeenten-overijssel-2017-2018-pdok.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deventer_2017(path: Path) -> float:
    return sql(
        path,
        "SELECT s.value FROM statistic s JOIN dataset d USING (dataset_id) WHERE d.kind = 'cbs' "
        "AND s.region_code = 'GM0150' AND s.indicator = 'inwoners' AND s.year = 2017 AND s.age_group = 'totaal'",
    )["value"].tolist()


@pytest.fixture()
def public_env(reference_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The reference database (real CBS figures) with the users, as the app's database."""
    from sv_analytics import config

    path = tmp_path / "echt.duckdb"
    shutil.copyfile(reference_db, path)
    conn = db.connect(path)
    try:
        for subject, details in PEOPLE.items():
            users.add_user(conn, issuer=ISS, subject=subject, by="test", **details)
    finally:
        conn.close()
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return path


def test_a_public_import_shows_what_changes_and_writes_only_after_bevestigen(
    public_env: Path, tmp_path: Path
) -> None:
    before = deventer_2017(public_env)
    assert before and before[0] > 90_000
    forged = forged_kwb(tmp_path)
    at = as_user("bea", "gegevens")
    at.file_uploader(key="publiek").upload(forged.name, forged.read_bytes(), "text/csv").run()
    at.button(key="publiek_inlezen").click().run()
    assert not at.exception, [e.message for e in at.exception]
    preview = next(d.value for d in at.dataframe if "Wijziging" in d.value.columns)
    inhabitants = f"{before[0]:,.0f}".replace(",", ".")
    assert f"Deventer, inwoners 2017: {inhabitants} → 1" in list(preview["Wijziging"])
    assert any("Er is nog niets opgeslagen" in i.value for i in at.info)
    assert deventer_2017(public_env) == before  # nothing written yet
    at.button(key="publiek_annuleer").click().run()
    assert deventer_2017(public_env) == before and not [b for b in at.button if b.key == "publiek_bevestig"]
    at.button(key="publiek_inlezen").click().run()
    at.button(key="publiek_bevestig").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(s.value.startswith(f"Ingelezen: {forged.name}") for s in at.success)
    assert deventer_2017(public_env) == [1.0]
    last = sql(public_env, "SELECT file_name, user_name FROM import_log ORDER BY log_id DESC LIMIT 1")
    assert last.values.tolist() == [[forged.name, "bea@sportservice.nl"]]


def test_only_the_beheerder_is_offered_public_files(public_env: Path) -> None:
    at = as_user("piet", "gegevens")
    assert [u.key for u in at.file_uploader] == ["werkboek_0"]
    assert any("Publieke bestanden leest alleen de beheerder in" in i.value for i in at.info)
    at = as_user("bea", "gegevens")
    assert "publiek" in [u.key for u in at.file_uploader]
