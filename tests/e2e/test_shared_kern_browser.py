"""Real browser: one kern across pages. Overzicht → (map click, link) Kernprofiel → sidebar to
Mijn kern, Deelname and Gegevens: each shows the same kern selected and ?kern=<id> in the URL.

Only a real browser shows the bug this guards against: a click in the sidebar navigation opens
the next page without the previous query string, and Streamlit forgets the previous page's
widgets, so every page used to start on its first kern (AppTest keeps both and cannot show it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from sv_analytics import registry
from tests.e2e.conftest import demo_map_view, wait_for_app_run
from tests.e2e.test_overzicht_browser import screen_position

pytestmark = pytest.mark.e2e

KERN_ID, KERN = "diepenveen", "Diepenveen (Deventer)"  # neither the first kern nor Deventer's first


def kern_boxes(page: Page, where: str = "stMain") -> Locator:
    """The selectboxes labelled like a kern chooser ("Kern", "Kern in beeld") in ``where``."""
    label = re.compile(r"^Kern( in beeld)?$")
    return (
        page.get_by_test_id(where)
        .get_by_test_id("stSelectbox")
        .filter(has=page.get_by_test_id("stWidgetLabel").filter(has_text=label))
    )


def expect_kern(boxes: Locator) -> None:
    expect(boxes.first).to_be_visible()
    for index in range(boxes.count()):
        expect(boxes.nth(index).get_by_role("combobox")).to_have_value(KERN)


def expect_kern_in_url(page: Page) -> None:
    expect(page).to_have_url(re.compile(rf"[?&]kern={KERN_ID}(&|$)"))


def open_from_sidebar(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    page.wait_for_timeout(300)
    wait_for_app_run(page)


def click_kern_on_the_map(page: Page) -> None:
    """Click the kern's circle until Overzicht offers the link to its Kernprofiel."""
    kernen = registry.load_kernen()
    view = demo_map_view()
    canvas = page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first
    canvas.scroll_into_view_if_needed()
    expect(canvas).to_be_visible()
    page.wait_for_timeout(1000)  # deck.gl picks only once its first frame is drawn
    point = kernen.set_index("kern_id").loc[KERN_ID]
    link = page.get_by_test_id("stPageLink").filter(has_text="Open het kernprofiel van Diepenveen")
    for attempt in range(12):
        box = canvas.bounding_box()
        assert box is not None
        x, y = screen_position(point["lat"], point["lon"], view, box["width"], box["height"])
        page.mouse.click(box["x"] + x + attempt % 2, box["y"] + y)
        page.wait_for_timeout(400)
        wait_for_app_run(page)
        if link.count():
            break
    expect(link).to_be_visible()
    link.click()


def test_one_kern_from_overzicht_to_kernprofiel_mijn_kern_deelname_and_gegevens(
    app_url: str, browser: Browser, artifacts: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_app_run(page)
        expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
        click_kern_on_the_map(page)

        page.wait_for_timeout(300)
        wait_for_app_run(page)
        expect(page.get_by_role("heading", name=KERN)).to_be_visible()
        expect_kern(kern_boxes(page))
        expect_kern_in_url(page)
        page.screenshot(path=str(artifacts / "shared-kern-1-kernprofiel.png"))

        open_from_sidebar(page, "Mijn kern")
        expect(page.get_by_role("heading", name="Mijn kern: Diepenveen")).to_be_visible()
        expect_kern(kern_boxes(page))
        expect_kern_in_url(page)
        page.screenshot(path=str(artifacts / "shared-kern-2-mijn-kern.png"))

        open_from_sidebar(page, "Deelname")
        expect(page.get_by_role("heading", name="Diepenveen tegenover de andere kernen")).to_be_visible()
        expect_kern(kern_boxes(page))
        expect_kern_in_url(page)
        page.screenshot(path=str(artifacts / "shared-kern-3-deelname.png"))

        open_from_sidebar(page, "Gegevens")
        page.screenshot(path=str(artifacts / "shared-kern-4-gegevens.png"))
        # Gegevens draws its kern selectbox(es) in the main area through
        # filters.kern_filter(where="main", key=…): they must show the same kern.
        expect_kern(kern_boxes(page))
        expect_kern_in_url(page)
    finally:
        context.close()
