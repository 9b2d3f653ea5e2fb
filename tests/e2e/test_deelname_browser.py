"""Real browser: the page Deelname draws its charts, a page widget changes URL and chart, and a
table's Excel download holds numbers and the choices made."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest
from playwright.sync_api import Page, expect

from sv_analytics import exports
from tests.e2e.conftest import wait_for_app_run
from tests.test_privacy import oracle_derived, rounded

pytestmark = pytest.mark.e2e


def test_deelname_draws_charts_and_follows_the_kern_widget(app_url: str, page: Page, artifacts: Path) -> None:
    page.goto(f"{app_url}/deelname")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Deelname", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(6)
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart.locator("canvas, svg").first).to_be_visible()
    before = chart.screenshot()
    page.screenshot(path=str(artifacts / "deelname.png"), full_page=True)
    baseline = page.get_by_role("heading", name="Nulmeting 2016, project 2017–2018 en nameting 2019")
    baseline.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "deelname-nulmeting.png"))
    page.get_by_role("heading", name="Deelname", exact=True).scroll_into_view_if_needed()

    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text="Kern in beeld").click()
    page.get_by_role("option", name="Overdinkel (Losser)", exact=True).click()
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Overdinkel tegenover de andere kernen")).to_be_visible()
    assert "kern=overdinkel" in page.url
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart.locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(500)
    assert chart.screenshot() != before, "de grafiek veranderde niet met de kern"
    page.screenshot(path=str(artifacts / "deelname-overdinkel.png"), full_page=True)


def test_a_shared_deelname_link_restores_the_view(app_url: str, page: Page, artifacts: Path) -> None:
    page.goto(
        f"{app_url}/deelname?deelname_kern=Lutten&deelname_tijd=Per+kwartaal&deelname_uitsplitsing=Leeftijdsklasse"
    )
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Lutten tegenover de andere kernen")).to_be_visible()
    page.screenshot(path=str(artifacts / "deelname-lutten-kwartaal.png"), full_page=True)
    main = page.get_by_test_id("stMain")
    assert "Leeftijdsklasse" in page.url
    expect(main.get_by_role("radio", name="Per kwartaal")).to_be_checked()


def test_the_excel_of_the_reach_table_has_numbers_and_the_chosen_period_and_gemeente(
    app_url: str, page: Page, demo_db: Path
) -> None:
    page.goto(f"{app_url}/deelname")
    wait_for_app_run(page)
    main = page.get_by_test_id("stMain")
    main.get_by_test_id("stSelectbox").filter(has_text="Gemeente").click()
    page.get_by_role("option", name="Deventer", exact=True).click()
    wait_for_app_run(page)
    start = main.get_by_role("slider").first  # the period's first month: jan 2017 → jan 2018
    start.focus()
    for _ in range(12):
        start.press("ArrowRight")
    wait_for_app_run(page)
    expect(page).to_have_url(re.compile(r"periode=jan\+2018"))
    with page.expect_download(timeout=60_000) as download:
        page.locator(".st-key-deelname_reach_table_xlsx button").click()
    assert download.value.suggested_filename == "deelname-bereik-per-kern.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))

    data = book[exports.DATA_SHEET]
    header = [c.value for c in data[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in data.iter_rows(min_row=2, values_only=True)}
    assert sorted(rows) == ["Bathmen", "Diepenveen"]
    for row in rows.values():
        for column in ("Inwoners", "Deelnemers", "Bereik (per 1.000 inwoners)", "Voorheen inactief"):
            assert isinstance(row[column], (int, float)) and not isinstance(row[column], bool), column
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        inhabitants, people = conn.execute(
            """WITH r AS (
                   SELECT p.*, min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
                   FROM participation p JOIN activity a USING (activity_id)
                   WHERE a.kern_id = 'bathmen' AND p.month BETWEEN DATE '2018-01-01' AND DATE '2018-12-01')
               SELECT (SELECT inhabitants FROM kern WHERE kern_id = 'bathmen'),
                      sum(CASE WHEN month = first_month THEN participants ELSE new_participants END) FROM r"""
        ).fetchone()
    assert rows["Bathmen"]["Inwoners"] == inhabitants
    assert rows["Bathmen"]["Deelnemers"] == rounded(people)  # every export is protected (issue 12)
    assert rows["Bathmen"]["Bereik (per 1.000 inwoners)"] == pytest.approx(
        oracle_derived(1000 * people / inhabitants, people)
    )

    notes = {r[0]: r[1] for r in book[exports.NOTES_SHEET].iter_rows(values_only=True) if r and r[0]}
    assert notes["Periode"] == "jan 2018 – dec 2018"
    assert notes["Gemeente"] == "Deventer"
    assert notes["Tijdstap"] == "Per maand"
