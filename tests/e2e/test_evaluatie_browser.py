"""Real browser: the page Evaluatie draws its two charts, follows the kern and gemeente filters
(URL and content) and opens a shared link; screenshots of each section go to the artifacts."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose, open_page, shoot

pytestmark = pytest.mark.e2e

section_shot = partial(shoot, wait=800, top=True)  # the heading at the top of the viewport


def drawn(page: Page, index: int):
    chart = page.get_by_test_id("stVegaLiteChart").nth(index)
    expect(chart.locator("canvas, svg").first).to_be_visible()
    return chart


def test_evaluatie_draws_its_charts_and_follows_the_filters(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/evaluatie", "Evaluatie: hoe ver kwamen de kernen?")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    drawn(page, 0)
    drawn(page, 1)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "evaluatie.png"))
    before = drawn(page, 0).screenshot()

    choose(page, "Kern", "Boskamp (Olst-Wijhe)")
    expect(page).to_have_url(re.compile(r"kern=boskamp"))  # the filter writes the URL after its run
    expect(page.get_by_role("heading", name="Subdoelen van Boskamp")).to_be_visible()
    page.wait_for_timeout(800)
    assert drawn(page, 0).screenshot() != before, "de grafiek van de kern veranderde niet"
    page.screenshot(path=str(artifacts / "evaluatie-boskamp.png"))
    section_shot(
        page, "Organisatiestructuur en voortzetting na 2018", artifacts / "evaluatie-boskamp-factoren.png"
    )
    # the factor table is a canvas grid (its cells are checked in tests/test_page_evaluatie.py)
    expect(
        page.get_by_role("link", name="Factoren van alle kernen naast elkaar: Wat werkt waar")
    ).to_be_visible()
    section_shot(page, "Alle kernen: subdoelen per evaluatiemoment", artifacts / "evaluatie-overzicht.png")
    section_shot(
        page, "Wie gaat door na 2018, en met welke structuur?", artifacts / "evaluatie-voortzetting.png"
    )

    overview = drawn(page, 1).screenshot()
    choose(page, "Gemeente", "Losser")
    expect(page).to_have_url(re.compile(r"gemeente=Losser"), timeout=60_000)  # written after its run, too
    assert "gemeente=Losser" in page.url, page.url
    expect(page.get_by_text("Alleen de kernen van de gekozen gemeente.")).to_be_visible()
    page.wait_for_timeout(800)
    assert drawn(page, 1).screenshot() != overview, "het overzicht veranderde niet met de gemeente"
    section_shot(page, "Alle kernen: subdoelen per evaluatiemoment", artifacts / "evaluatie-losser.png")


def test_a_shared_evaluatie_link_opens_the_kern(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/evaluatie?kern=markelo")
    expect(page.get_by_role("heading", name="Subdoelen van Markelo")).to_be_visible()
    drawn(page, 0)
