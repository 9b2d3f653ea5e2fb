"""Real browser: Mijn kern draws its charts, follows the kern filter and the URL, shows overdue actions,
and its Excel downloads hold numbers and the chosen peildatum."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from sv_analytics import exports
from tests.e2e.conftest import wait_for_app_run

pytestmark = pytest.mark.e2e


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="1. Werkplan per fase")).to_be_visible()


def timeline(page: Page):
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart.locator("canvas, svg").first).to_be_visible()
    return chart


def test_mijn_kern_draws_charts_and_follows_the_kern_filter(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/mijn_kern?kern=bathmen")
    expect(page.get_by_role("heading", name="Mijn kern: Bathmen")).to_be_visible()
    expect(page.get_by_text("Geen achterstallige acties op 31 dec 2018.")).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(6)  # timeline, targets, 4 comparison charts
    page.wait_for_timeout(800)
    before = timeline(page).screenshot()

    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Boskamp (Olst-Wijhe)").click()
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Mijn kern: Boskamp")).to_be_visible()
    assert "kern=boskamp" in page.url  # the view is a shareable link
    expect(page.get_by_text("9 actie(s) zijn op 31 dec 2018 achterstallig", exact=False)).to_be_visible()
    page.wait_for_timeout(1500)  # let the tables and charts finish drawing
    after = timeline(page).screenshot()
    assert before != after, "de werkplangrafiek veranderde niet met de kern"
    page.screenshot(path=str(artifacts / "mijn_kern.png"), full_page=True)
    timeline(page).screenshot(path=str(artifacts / "mijn_kern-werkplan.png"))


def test_peildatum_is_part_of_the_shareable_link(app_url: str, page: Page, artifacts: Path) -> None:
    open_page(page, f"{app_url}/mijn_kern?kern=bathmen&peildatum=2017-06-15")
    # the peildatum is named in the expander that explains it (its note is one click away)
    expect(page.get_by_text("Peildatum 15 jun 2017: waarom niet vandaag?", exact=False)).to_be_visible()
    # on 15 jun 2017 Bathmen's partnership agreements (planned end 31 May, done 30 Jun) were overdue
    expect(page.get_by_text("actie(s) zijn op 15 jun 2017 achterstallig", exact=False)).to_be_visible()
    assert "peildatum=2017-06-15" in page.url
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    page.wait_for_timeout(1500)  # let the tables and charts finish drawing
    page.screenshot(path=str(artifacts / "mijn_kern-peildatum.png"), full_page=True)


def test_the_excel_of_the_phase_table_is_typed_and_names_the_peildatum(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/mijn_kern?kern=boskamp&peildatum=2017-06-15")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Excel").first
    with page.expect_download(timeout=60_000) as info:
        button.locator("button").click()
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    rows = list(book[exports.DATA_SHEET].iter_rows(values_only=True))
    assert rows[0][:2] == ("Fase", "Gepland") and len(rows) == 5  # the phase table: four phases
    assert all(isinstance(v, int) for row in rows[1:] for v in row[1:6])  # counts as numbers
    notes = {
        row[0]: row[1] for row in book[exports.NOTES_SHEET].iter_rows(values_only=True) if row and row[0]
    }
    assert notes["Peildatum"] == "15 jun 2017" and notes["Kern"].startswith("Boskamp")
