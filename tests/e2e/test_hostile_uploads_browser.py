"""Real browser: hostile and oversized uploads are refused in Dutch while a second browser
session keeps being served, and the database is unchanged afterwards.

Before issue 10 one extra cell at XFD1048576 made the server abort (SIGABRT) and every
session showed "Connection error"; a zip bomb or a 950,000-row workbook cost gigabytes.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page, expect

from sv_analytics import db
from tests import hostile
from tests.e2e.conftest import free_port, start_app, upload, wait_for_app_run, wait_for_health
from tests.workbooks import valid_workbook

pytestmark = pytest.mark.e2e


def data_hashes(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return {t: db.table_hash(conn, t) for t in db.data_tables(conn)}


UPLOADERS = {"werkboek": "Kies het ingevulde werkboek", "publiek": "Kies een bestand van CBS"}
REFUSED = "is afgewezen: 1 probleem. Er is niets opgeslagen."


def corpus(base: Path, folder: Path) -> list[tuple[str, Path, str, str | None]]:
    """(uploader, file, Dutch text of the refusal, detail in the problems table) per file."""
    return [
        ("werkboek", hostile.far_cell_workbook(base, folder, "Deelname"), REFUSED, "XFD1048576"),
        ("werkboek", hostile.zip_bomb_workbook(base, folder, lying=False), REFUSED, "Deelname"),
        ("werkboek", hostile.zip_bomb_workbook(base, folder, lying=True), REFUSED, "Deelname"),
        ("werkboek", hostile.many_rows_workbook(base, folder), REFUSED, "Deelname"),
        ("werkboek", hostile.doctype_sheet_workbook(base, folder, "xxe"), REFUSED, None),
        ("werkboek", hostile.doctype_shared_strings_workbook(base, folder, "laughs"), REFUSED, None),
        ("werkboek", hostile.oversized_file(folder, 60 * hostile.MIB), "de grens is 50 MB", None),
        ("publiek", hostile.far_cell_public_xlsx(folder), REFUSED, "XFD1048576"),
    ]


def other_session_answers(other: Page, url: str, gemeente: str) -> float:
    """The second session changes the gemeente on Overzicht; seconds until its run finished."""
    started = time.monotonic()
    other.goto(f"{url}/?gemeente={gemeente}")
    wait_for_app_run(other, timeout=30_000)
    expect(other.get_by_role("heading", name="Overzicht")).to_be_visible()
    expect(other.get_by_text("Connection error")).to_have_count(0)
    return time.monotonic() - started


def test_hostile_uploads_are_refused_and_the_server_keeps_serving(
    demo_db: Path, tmp_path: Path, browser: Browser, page: Page, artifacts: Path
) -> None:
    database = tmp_path / "vijandig.duckdb"
    shutil.copyfile(demo_db, database)
    folder = tmp_path / "corpus"
    folder.mkdir()
    with duckdb.connect(str(database), read_only=True) as conn:
        base = valid_workbook(conn, folder / "basis.xlsx", kern="wesepe")
    files = corpus(base, folder)
    before = data_hashes(database)
    port = free_port()
    process = start_app(database, port, tmp_path / "streamlit.log")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    other = context.new_page()
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_health(url, process)
        other_session_answers(other, url, "Losser")
        page.goto(f"{url}/gegevens?kern=wesepe")
        wait_for_app_run(page)
        for index, (uploader, path, shown, detail) in enumerate(files):
            upload(page, UPLOADERS[uploader], path)
            if uploader == "publiek":
                wait_for_app_run(page)
                page.get_by_role("button", name="Bestand inlezen").click()
            # while the refusal is being worked out, the other session is served
            other_session_answers(other, url, "Deventer" if index % 2 else "Losser")
            wait_for_app_run(page, timeout=60_000)
            alert = page.get_by_test_id("stAlert").filter(has_text=shown)
            expect(alert.first).to_be_visible(timeout=90_000)
            if detail:
                problems = page.get_by_test_id("stDataFrame").first
                expect(problems).to_contain_text(path.name)
                expect(problems).to_contain_text(detail)
            else:
                expect(page.get_by_test_id("stMain")).to_contain_text(path.name)
            assert process.poll() is None, f"the server stopped on {path.name}"
            page.screenshot(path=str(artifacts / f"vijandig-{index}-{path.stem[:30]}.png"))
            page.goto(f"{url}/gegevens?kern=wesepe")  # a fresh uploader for the next file
            wait_for_app_run(page)
        other_session_answers(other, url, "Deventer")
    finally:
        context.close()
        process.terminate()
        process.wait(timeout=20)
    assert data_hashes(database) == before
