"""Real browser, beamer size (1280×720), no tiles: Overzicht with one gemeente shows its outline
with readable points, and "Kaart als PNG" downloads a real image of the stated size (issue 14).

The screenshot ``tests/artifacts/overzicht-deventer-1280x720.png`` is the one to look at: Deventer's
outline whole, Diepenveen and Bathmen as points of a few pixels with haloed names.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, expect

from sv_analytics import map_png
from tests.e2e.conftest import wait_for_app_run

pytestmark = pytest.mark.e2e


def test_one_gemeente_on_a_beamer_shows_its_outline_and_a_map_to_take_away(
    app_url: str, browser: Browser, artifacts: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?gemeente=Deventer&kleur=Bereik+per+1.000+inwoners")
        wait_for_app_run(page, timeout=120_000)
        chart = page.get_by_test_id("stDeckGlJsonChart")
        expect(chart.locator("canvas").first).to_be_visible()
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)  # deck.gl's first frame
        shot = Image.open(
            io.BytesIO(chart.screenshot(path=str(artifacts / "overzicht-deventer-1280x720.png")))
        )
        # the gemeente's dark outline (and the points inside it) fills most of the map, with room
        # left at every edge: fitted with padding, not two giant circles or a corner of it
        width, height = shot.size
        left, top, right, bottom = shot.convert("L").point(lambda v: 255 if v < 150 else 0).getbbox()
        assert right - left > 0.6 * width and bottom - top > 0.5 * height, (left, top, right, bottom)
        assert left > 10 and top > 10 and right < width - 10 and bottom < height - 10, (
            left,
            top,
            right,
            bottom,
        )
        expect(page.get_by_text("Klassen over alle 22 kernen van het programma")).to_be_visible()

        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name="Kaart als PNG").click()
        download = info.value
        assert download.suggested_filename == "kaart-kernen-2017-01-2018-12.png"
        image = Image.open(io.BytesIO(Path(download.path()).read_bytes()))
        assert image.format == "PNG"
        assert image.size == (map_png.WIDTH, map_png.HEIGHT) == (1600, 1000)
        image.save(artifacts / "overzicht-deventer-download.png")
        # not blank: the outline, points, legend and texts are drawn
        grey = image.convert("L").histogram()
        assert sum(grey[:200]) / sum(grey) > 0.01
    finally:
        context.close()


def test_the_sociale_kaart_downloads_as_a_png_too(app_url: str, browser: Browser, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/sociale_kaart?kern=bathmen")
        wait_for_app_run(page, timeout=120_000)
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name="Kaart als PNG").click()
        assert info.value.suggested_filename == "sociale-kaart-bathmen.png"
        image = Image.open(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert (image.format, image.size) == ("PNG", (map_png.WIDTH, map_png.HEIGHT))
        image.save(artifacts / "sociale-kaart-bathmen-download.png")
    finally:
        context.close()
