"""Real browser: the page Wat werkt waar draws its heat map and the context widget changes URL and
chart; a confounded view says so before its heat map; the first screen at 1280×720 shows the
question and what the data can separate."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import choose, open_page, shoot

pytestmark = pytest.mark.e2e


def test_wat_werkt_draws_the_heatmap_and_follows_the_context_widget(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/wat_werkt", "Wat werkt waar?")
    expect(page.get_by_text("Wat 22 kernen wel en niet kunnen laten zien", exact=True)).to_be_visible()
    expect(page.get_by_text("Aanpak en omstandigheid zijn te scheiden")).to_be_visible()
    expect(page.get_by_text("Hoe lees ik dit?")).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(3)
    heatmap = charts.first
    expect(heatmap.locator("canvas, svg").first).to_be_visible()
    expect(charts.nth(1).locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(800)
    before = heatmap.screenshot()
    page.screenshot(path=str(artifacts / "wat_werkt.png"), full_page=True)
    shoot(page, "Voor en na: 2016, 2018 en 2019", artifacts / "wat_werkt-voor-en-na.png", wait=1500)
    page.get_by_text("Per kern:").scroll_into_view_if_needed()
    expect(charts.nth(2).locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "wat_werkt-per-kern.png"))

    choose(page, "Omstandigheid (context)", "Omvang van de kern")
    assert "wwk_context=Omvang" in page.url, page.url  # the URL holds the option label
    heatmap = page.get_by_test_id("stVegaLiteChart").first
    expect(heatmap.locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(800)
    assert heatmap.screenshot() != before, "de heatmap veranderde niet met de omstandigheid"
    page.screenshot(path=str(artifacts / "wat_werkt-omvang.png"), full_page=True)


def test_a_shared_wat_werkt_link_restores_the_view(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/wat_werkt?wwk_context=Soort+kern&wwk_uitkomst=Bereik+per+1.000+inwoners")
    expect(page.get_by_text("Naar omstandigheid: Soort kern")).to_be_visible()


def test_a_confounded_view_says_what_the_data_cannot_separate(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/wat_werkt?wwk_aanpak=Ruim+beweegaanbod", "Wat werkt waar?")
    warning = page.get_by_text("deze gegevens kunnen niet laten zien of een verschil komt door")
    expect(warning).to_be_visible()
    expect(page.get_by_text("Deze uitkomst telt de aanpak deels mee")).to_be_visible()
    heatmap = page.get_by_test_id("stVegaLiteChart").first
    expect(heatmap.locator("canvas, svg").first).to_be_visible()
    warning_box = warning.bounding_box()
    heatmap_box = heatmap.bounding_box()
    assert warning_box and heatmap_box and warning_box["y"] < heatmap_box["y"], (
        "de waarschuwing staat niet vóór de kaart"
    )
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "wat_werkt-niet-te-scheiden.png"), full_page=True)


def test_the_first_screen_at_1280_shows_the_question_and_the_verdict(
    app_url: str, browser: Browser, artifacts: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/wat_werkt", "Wat werkt waar?")
        for text in (
            "Welke aanpak hangt samen met welke uitkomst",
            "Aanpak en omstandigheid zijn te scheiden",
        ):
            box = page.get_by_text(text).first.bounding_box()
            assert box and box["y"] + box["height"] <= 720, f"{text!r} valt buiten het eerste scherm"
        page.screenshot(path=str(artifacts / "wat_werkt-1280x720.png"))
    finally:
        context.close()
