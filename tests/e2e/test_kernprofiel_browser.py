"""Real browser: Kernprofiel opens from a shared link, draws its charts and follows the kern filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app_run

pytestmark = pytest.mark.e2e

CHARTS = "[data-testid='stVegaLiteChart']"


def drawn_charts(page: Page) -> None:
    """All four charts (trend, health, heat map, krimp/groei) are drawn as canvas or svg."""
    charts = page.locator(CHARTS)
    expect(charts).to_have_count(4)
    for index in range(4):
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible()


def test_kernprofiel_from_a_link_draws_charts_and_follows_the_kern_filter(
    app_url: str, page: Page, artifacts: Path
) -> None:
    page.goto(f"{app_url}/kernprofiel?kern=hertme")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Kernprofiel en doelgroepen")).to_be_visible()
    expect(page.get_by_role("heading", name="Hertme (Borne)")).to_be_visible()
    expect(page.get_by_text("ook Zenderen ligt erin")).to_be_visible()
    drawn_charts(page)
    page.wait_for_timeout(1000)  # let vega finish drawing before the screenshots
    page.screenshot(path=str(artifacts / "kernprofiel.png"), full_page=True)
    trend = page.locator(CHARTS).first
    before = trend.screenshot()

    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").nth(1).click()
    page.get_by_role("option", name="Bathmen (Deventer)").click()
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Bathmen (Deventer)")).to_be_visible()
    assert "kern=bathmen" in page.url  # the shared kern filter writes the id
    drawn_charts(page)
    page.wait_for_timeout(1000)
    assert trend.screenshot() != before, "de inwonersgrafiek veranderde niet met de kern"
    page.locator(CHARTS).nth(2).screenshot(path=str(artifacts / "kernprofiel-heatmap.png"))
    page.screenshot(path=str(artifacts / "kernprofiel-bathmen.png"), full_page=True)


def test_age_choice_for_the_health_chart_is_in_the_url(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/kernprofiel?kern=bathmen")
    wait_for_app_run(page)
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="65 jaar en ouder").click()
    wait_for_app_run(page)
    assert "kp_leeftijd=65" in page.url
    dots = page.locator(CHARTS).nth(1)
    expect(dots.locator("canvas, svg").first).to_be_visible()
