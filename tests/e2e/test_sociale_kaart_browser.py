"""Real browser: the page Sociale kaart draws its map and heat map, and the kern filter changes URL and view."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose_kern, open_page, shoot

pytestmark = pytest.mark.e2e


def test_sociale_kaart_draws_map_and_matrix_and_follows_the_kern_filter(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/sociale_kaart", "Sociale kaart")
    expect(page.get_by_role("heading", name="Sociale kaart van Aadorp")).to_be_visible()
    deck = page.get_by_test_id("stDeckGlJsonChart")
    expect(deck).to_have_count(1)
    expect(deck.locator("canvas").first).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(1)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("11")
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "sociale_kaart.png"))

    shoot(page, "Kaart van de kern", artifacts / "sociale_kaart-kaart.png", wait=1500)
    shoot(page, "De projectgroep", artifacts / "sociale_kaart-projectgroep.png", wait=800)
    page.get_by_role("heading", name="Alle kernen: wie doet er mee, per sector").scroll_into_view_if_needed()
    expect(charts.first.locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "sociale_kaart-matrix.png"))
    charts.first.screenshot(path=str(artifacts / "sociale_kaart-matrix-grafiek.png"))
    before = deck.screenshot()

    choose_kern(page, "Berkum (Zwolle)", "berkum")
    expect(page.get_by_role("heading", name="Sociale kaart van Berkum")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("10")  # Aadorp has 11
    shoot(page, "Kaart van de kern", artifacts / "sociale_kaart-berkum-kaart.png", wait=1500)
    assert page.get_by_test_id("stDeckGlJsonChart").screenshot() != before, "de kaart veranderde niet"


def test_a_shared_sociale_kaart_link_opens_the_kern(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/sociale_kaart?kern=hertme")
    expect(page.get_by_role("heading", name="Sociale kaart van Hertme")).to_be_visible()
