"""Real browser: the Gegevens page downloads the workbook, rejects a bad one, imports a good one."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import serving, upload, wait_for_app_run
from tests.workbooks import set_cell, valid_workbook

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def good_and_bad(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("upload")
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        good = valid_workbook(conn, folder / "goed.xlsx", kern="wesepe")
        bad = valid_workbook(conn, folder / "fout.xlsx", kern="wesepe")
    set_cell(bad, "Deelname", "Deelnemers", 2, "twaalf")
    return good, bad


def open_gegevens(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/gegevens")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Gegevens aanleveren")).to_be_visible()


def test_download_gives_the_workbook_of_the_chosen_kern_with_its_data(
    app_url: str, page: Page, tmp_path: Path
) -> None:
    open_gegevens(page, app_url)
    with page.expect_download() as info:
        page.get_by_role("button", name="met de huidige gegevens").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    book = load_workbook(target)
    assert "Deelname" in book.sheetnames and "Kennisplein" in book.sheetnames
    kern = {r[0]: r[1] for r in book["Toelichting"].iter_rows(values_only=True) if r[0]}["Kern-id"]
    assert target.name == f"sociaal-vitaal-{kern}-gegevens.xlsx"
    assert book["Deelname"].max_row > 10  # the kern's months, not an empty template


def kern_rows_of(database: Path, kern: str) -> dict[str, set]:
    from tests.test_workbook_merge import kern_rows

    with duckdb.connect(str(database), read_only=True) as conn:
        return kern_rows(conn, kern)


def test_blank_template_plus_one_month_through_the_file_chooser_adds_only_that_month(
    demo_db: Path, tmp_path: Path, page: Page, artifacts: Path
) -> None:
    """The issue's first finding: this flow used to delete 395 rows of the kern."""
    from tests.test_workbook_merge import blank_with_one_month

    database = tmp_path / "een-maand.duckdb"
    shutil.copyfile(demo_db, database)
    before = kern_rows_of(database, "wesepe")
    with duckdb.connect(str(database), read_only=True) as conn:
        upload = blank_with_one_month(conn, tmp_path / "wesepe-maart.xlsx", "wesepe")
    with serving(database, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/gegevens?kern=wesepe")
        wait_for_app_run(page)
        with page.expect_file_chooser() as chooser:
            page.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id(
                "stBaseButton-secondary"
            ).click()
        chooser.value.set_files(str(upload))
        wait_for_app_run(page)
        expect(page.get_by_text("Controle geslaagd voor")).to_be_visible(timeout=60_000)
        confirm = page.get_by_role(
            "button", name="Opslaan voor Wesepe: 3 regels toevoegen, niets wijzigen, niets verwijderen"
        )
        expect(confirm).to_be_visible()
        page.screenshot(path=str(artifacts / "gegevens-controle.png"), full_page=True)
        confirm.click()
        wait_for_app_run(page)
        expect(page.get_by_text("Opgeslagen voor Wesepe (Olst-Wijhe): 3 regels toegevoegd")).to_be_visible()
        expect(page.get_by_text("Controle geslaagd voor")).to_have_count(0)  # the upload is cleared
        history = page.get_by_test_id("stDataFrame").filter(has_text="wesepe-maart.xlsx")
        expect(history).to_have_count(2)  # the kern's history and the import log
        page.screenshot(path=str(artifacts / "gegevens-opgeslagen.png"), full_page=True)
    after = kern_rows_of(database, "wesepe")
    assert all(rows <= after[table] for table, rows in before.items())
    added = {table: len(after[table] - before[table]) for table in after if after[table] - before[table]}
    assert added == {"activity": 1, "activity_theme": 1, "participation": 1, "referral": 1}


def test_a_bad_workbook_is_refused_in_dutch(app_url: str, page: Page, good_and_bad, artifacts: Path) -> None:
    _, bad = good_and_bad
    open_gegevens(page, app_url)
    upload(page, "Kies het ingevulde werkboek", bad)
    wait_for_app_run(page)
    # the upload, the rerun and the check in the reader process: allow for a busy machine
    expect(page.get_by_text("Het werkboek is afgewezen: 1 probleem.")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("twaalf")
    page.screenshot(path=str(artifacts / "gegevens-afgewezen.png"), full_page=True)


def test_a_shared_link_opens_the_page_inside_the_app(demo_db: Path, tmp_path: Path, page: Page) -> None:
    """The first request to a fresh server is a page URL: app.py must still run (banner, navigation)."""
    database = tmp_path / "vers.duckdb"
    shutil.copyfile(demo_db, database)
    with serving(database, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/gegevens")
        wait_for_app_run(page)
        expect(page.get_by_role("heading", name="Gegevens aanleveren")).to_be_visible()
        expect(page.get_by_text("Demo — fictieve gegevens").first).to_be_visible()
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation).to_contain_text("Overzicht")
        # no legacy page named after the script ("app"; "Rapport" contains the letters)
        expect(navigation.get_by_role("link", name="app", exact=True)).to_have_count(0)
        expect(navigation.get_by_role("link")).not_to_have_count(0)


def test_public_file_upload_imports_real_cbs_figures(app_url: str, page: Page, artifacts: Path) -> None:
    from tests.conftest import SHARED_REFERENCE

    source = SHARED_REFERENCE / "kwb-gemeenten-overijssel-2017-2018-pdok.csv"
    if not source.exists():
        pytest.fail(f"{source} ontbreekt")
    open_gegevens(page, app_url)
    upload(page, "Kies een bestand van CBS", source)
    wait_for_app_run(page)
    page.get_by_role("button", name="Bestand inlezen").click()
    wait_for_app_run(page)
    # a public file changes figures of every kern: first what would change, then confirm
    page.get_by_role("button", name="Bevestigen").click()
    wait_for_app_run(page)
    expect(page.get_by_text("Ingelezen: kwb-gemeenten-overijssel-2017-2018-pdok.csv")).to_be_visible()
    log = page.get_by_test_id("stDataFrame").last
    expect(log).to_be_visible()
    expect(log).to_contain_text("kwb-gemeenten-overijssel-2017-2018-pdok.csv")
    page.screenshot(path=str(artifacts / "gegevens-publiek.png"), full_page=True)
