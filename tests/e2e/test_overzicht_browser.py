"""Real browser: the running app shows the demo banner and draws the map of kernen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app_run

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
