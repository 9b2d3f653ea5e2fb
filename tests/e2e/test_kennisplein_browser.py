"""Real browser: the Kennisplein searches on Enter, keeps the query in the URL and links to the kernen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app_run

pytestmark = pytest.mark.e2e


def result_count(page: Page) -> int:
    text = page.get_by_text(re.compile(r"^\d+ resulta")).first.inner_text()
    return int(text.split()[0])


def test_kennisplein_search_changes_url_count_and_chart(app_url: str, page: Page, artifacts: Path) -> None:
    page.goto(f"{app_url}/kennisplein")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_role("heading", name="Kennisplein", exact=True)).to_be_visible()
    before = result_count(page)
    assert before > 10
    expect(page.get_by_text("Resultaten 1–10 van")).to_be_visible()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "kennisplein.png"))

    page.get_by_role("heading", name="Overzicht van de resultaten").scroll_into_view_if_needed()
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart).to_have_count(1)
    expect(chart.locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / "kennisplein-overzicht.png"))
    chart_before = chart.screenshot(path=str(artifacts / "kennisplein-grafiek.png"))

    search = page.get_by_role("textbox", name="Zoeken in titel en tekst")
    search.scroll_into_view_if_needed()
    search.fill("HUISARTS")
    search.press("Enter")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_text(re.compile(r"^9 resultaten"))).to_be_visible()
    assert "kp_zoek=HUISARTS" in page.url, page.url
    assert result_count(page) < before
    expect(page.locator("strong", has_text="Huisarts").first).to_be_visible()  # highlighted in the text
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "kennisplein-zoeken.png"))
    page.get_by_role("heading", name="Overzicht van de resultaten").scroll_into_view_if_needed()
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart.locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(1000)
    assert chart.screenshot() != chart_before, "het overzicht veranderde niet met de zoekopdracht"

    link = page.get_by_test_id("stMarkdownContainer").get_by_role("link", name="Deelname", exact=True).first
    href = link.get_attribute("href")
    assert href and href.startswith("/deelname?kern="), href


def test_kennisplein_kind_filter_and_empty_state(app_url: str, page: Page, artifacts: Path) -> None:
    page.goto(f"{app_url}/kennisplein")
    wait_for_app_run(page, timeout=120_000)
    before = result_count(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Soort").click()
    page.get_by_role("option", name="Geleerde les", exact=True).click()
    # the rerun may not have started yet when the click returns: wait for the count to change
    expect(page.get_by_text(re.compile(r"^\d+ resulta")).first).not_to_have_text(
        re.compile(rf"^{before} resulta"), timeout=120_000
    )
    wait_for_app_run(page, timeout=120_000)
    assert "kp_soort=Geleerde" in page.url, page.url
    assert 0 < result_count(page) < before
    page.screenshot(path=str(artifacts / "kennisplein-lessen.png"))

    search = page.get_by_role("textbox", name="Zoeken in titel en tekst")
    search.fill("zwembadkantine")
    search.press("Enter")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_text("Geen resultaten voor deze zoekopdracht")).to_be_visible()
    page.screenshot(path=str(artifacts / "kennisplein-geen-resultaten.png"))


def test_a_kennisplein_deelname_link_opens_that_kern(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/kennisplein?kp_zoek=Bathmen")
    wait_for_app_run(page, timeout=120_000)
    href = (
        page.get_by_test_id("stMarkdownContainer")
        .get_by_role("link", name="Deelname", exact=True)
        .first.get_attribute("href")
    )
    page.goto(f"{app_url}{href}")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_text("kern Bathmen").first).to_be_visible()
