"""Real browser: the page Deelname draws its charts and a page widget changes URL and chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app_run

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

    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Kern in beeld").click()
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
    sidebar = page.get_by_test_id("stSidebar")
    assert "Leeftijdsklasse" in page.url
    expect(sidebar.get_by_role("radio", name="Per kwartaal")).to_be_checked()
