"""Real browser: the running app shows the demo banner and draws the map of kernen."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from sv_analytics import maps, registry
from tests.e2e.conftest import demo_map_view, wait_for_app_run

pytestmark = pytest.mark.e2e


def drawn_share(png: bytes) -> float:
    """Share of pixels that are not (near) white: a blank canvas gives ~0."""
    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(histogram[:235]) / sum(histogram)


def test_overzicht_shows_banner_map_and_headline(app_url: str, page: Page, artifacts: Path) -> None:
    page.goto(app_url)
    wait_for_app_run(page)
    expect(page.get_by_text("Demo — fictieve gegevens").first).to_be_visible()
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(5)

    chart = page.get_by_test_id("stDeckGlJsonChart")
    expect(chart).to_be_visible()
    canvas = chart.locator("canvas").first
    expect(canvas).to_be_visible()
    page.wait_for_timeout(1500)  # let deck.gl finish its first frame
    page.screenshot(path=str(artifacts / "overzicht.png"), full_page=True)
    chart.screenshot(path=str(artifacts / "overzicht-kaart.png"))
    assert drawn_share(chart.screenshot()) > 0.01, "de kaart is leeg getekend"


def screen_position(lat: float, lon: float, view, width: float, height: float) -> tuple[float, float]:
    """Web-Mercator projection of a point to pixels on a deck.gl canvas of the given size."""
    return maps.screen_xy(lat, lon, view, width, height)


def test_hovering_a_kern_shows_its_figures_in_dutch(app_url: str, page: Page, artifacts: Path) -> None:
    page.goto(app_url)
    wait_for_app_run(page)
    kernen = registry.load_kernen()
    view = demo_map_view()
    canvas = page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first
    expect(canvas).to_be_visible()
    page.wait_for_timeout(1000)
    box = canvas.bounding_box()
    bathmen = kernen.set_index("kern_id").loc["bathmen"]
    x, y = screen_position(bathmen["lat"], bathmen["lon"], view, box["width"], box["height"])
    tooltip = page.locator(".deck-tooltip")
    for attempt in range(20):  # deck.gl picks only once its first frame is drawn
        page.mouse.move(box["x"] + x + attempt % 2, box["y"] + y)
        if tooltip.is_visible() and "Bathmen" in tooltip.inner_text():
            break
        page.wait_for_timeout(250)
    expect(tooltip).to_contain_text("Bathmen")
    expect(tooltip).to_contain_text("4.450 inwoners")
    expect(tooltip).to_contain_text("Deelnemers:")
    page.screenshot(path=str(artifacts / "overzicht-tooltip.png"))


def test_filters_live_in_the_url_and_a_link_restores_the_view(
    app_url: str, page: Page, browser, artifacts: Path
) -> None:
    page.goto(app_url)
    wait_for_app_run(page)
    before = page.get_by_test_id("stMetric").nth(2).inner_text()
    page.wait_for_timeout(1000)  # deck.gl's first frame
    map_before = page.get_by_test_id("stDeckGlJsonChart").screenshot()
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Deventer").click()
    wait_for_app_run(page)
    expect(page).to_have_url(re.compile(r"gemeente=Deventer"))
    expect(page.get_by_test_id("stMetric").nth(2)).not_to_have_text(before)
    wait_for_app_run(page)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("2")
    after = page.get_by_test_id("stMetric").nth(2).inner_text()
    page.wait_for_timeout(1000)
    assert page.get_by_test_id("stDeckGlJsonChart").screenshot() != map_before  # two kernen left on the map
    shared = page.url
    other = browser.new_page(viewport={"width": 1400, "height": 2000})
    try:
        other.goto(shared)
        wait_for_app_run(other)
        expect(other.get_by_test_id("stMetric").nth(2)).to_contain_text(after.split()[-1])
        expect(other.get_by_test_id("stMetric").first).to_contain_text("2")
        other.screenshot(path=str(artifacts / "overzicht-deventer.png"), full_page=True)
    finally:
        other.close()
