"""Real browser: the page Samenwerking draws its network, referral and flow charts, and the kern
filter changes the URL and what is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose_kern, open_page, shoot, wait_for_app_run

pytestmark = pytest.mark.e2e


def drawn(page: Page, count: int) -> None:
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(count)
    for i in range(count):
        charts.nth(i).scroll_into_view_if_needed()
        expect(charts.nth(i).locator("canvas, svg").first).to_be_visible()


def test_samenwerking_draws_its_charts_and_follows_the_kern_filter(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/samenwerking?kern=overdinkel", "Samenwerking")
    drawn(page, 3)
    shoot(page, "Netwerk van samenwerkingsafspraken", artifacts / "samenwerking.png")
    network = page.get_by_test_id("stVegaLiteChart").first
    before = network.screenshot()
    for heading, name in (
        ("Doorverwijzingen en het doorverwijsnetwerk", "samenwerking-doorverwijzingen.png"),
        ("Doorverwijsstromen", "samenwerking-stromen.png"),
        ("Netwerkcijfers per kern", "samenwerking-cijfers.png"),
    ):
        shoot(page, heading, artifacts / name, exact=True)

    choose_kern(page, "De Lutte (Losser)", "de-lutte")  # the URL holds the kern's id
    expect(page.get_by_text("De Lutte heeft geen doorverwijsnetwerk met zorgpartners")).to_be_visible()
    drawn(page, 3)
    network = page.get_by_test_id("stVegaLiteChart").first
    network.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    assert network.screenshot() != before, "het netwerk veranderde niet met de kern"
    shoot(
        page, "Doorverwijzingen en het doorverwijsnetwerk", artifacts / "samenwerking-de-lutte.png", wait=800
    )


def test_an_early_peildatum_shows_the_empty_network_message(
    app_url: str, page: Page, artifacts: Path
) -> None:
    open_page(page, f"{app_url}/samenwerking?kern=overdinkel")
    slider = page.get_by_test_id("stMain").get_by_role("slider", name="Peildatum van het netwerk")
    slider.focus()
    page.keyboard.press("Home")
    wait_for_app_run(page, timeout=120_000)
    expect(page).to_have_url(re.compile(r"smw_peildatum="), timeout=60_000)
    assert "smw_peildatum=" in page.url, page.url
    expect(
        page.get_by_text("Overdinkel had op 31 jan 2016 nog geen lopende samenwerkingsafspraken.")
    ).to_be_visible()
    shoot(page, "Netwerk van samenwerkingsafspraken", artifacts / "samenwerking-peildatum-leeg.png", wait=800)
