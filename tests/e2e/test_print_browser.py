"""Real browser: a printed page (Chromium, A4) is the page's content only — no sidebar,
navigation or download buttons — over as many pages as it needs (issue 15, the print view of
``components.start_page``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from sv_analytics.texts import t
from tests.e2e.conftest import wait_for_app_run

pytestmark = pytest.mark.e2e

#: Menu entries of the sidebar navigation that the Deelname page itself never names.
NAVIGATION = ("nav.kennisplein", "nav.gegevens", "nav.sociale_kaart", "nav.section.evaluation")
BUTTONS = ("common.download_png", "common.download_csv", "common.download_xlsx")


def test_deelname_prints_its_content_without_navigation_or_buttons(
    app_url: str, page: Page, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/deelname")
    wait_for_app_run(page, timeout=120_000)
    heading = page.get_by_role("heading", name=t("deelname.title"), exact=True)
    expect(heading).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first.locator("canvas, svg").first).to_be_visible()
    page.wait_for_timeout(1_500)  # the charts finish drawing
    # on screen the navigation and the buttons are there: the print view is what hides them
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text(t("nav.kennisplein"), exact=True)).to_be_visible()
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    # a chart's toolbar offers no bare PNG of the screen (no title, source or demo note): the
    # page's own "Grafiek als PNG" is the one PNG on offer
    page.get_by_test_id("stVegaLiteChart").first.hover()
    bare = page.locator("[data-testid='stElementToolbar'] button[aria-label='Download as PNG']")
    assert bare.count() >= 1 and not any(bare.nth(i).is_visible() for i in range(bare.count()))
    assert page.get_by_role("button", name=t("common.download_png")).count() >= 1

    pdf = page.pdf(format="A4", print_background=True, margin={"top": "1cm", "bottom": "1cm"})
    (artifacts / "print-deelname.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert t("deelname.title") in text and t("deelname.trend_heading") in text
    # the whole page, not the first screen of Streamlit's scroll container
    assert len(reader.pages) >= 3, len(reader.pages)
    assert t("deelname.baseline_heading") in text
    for key in NAVIGATION:
        assert t(key) not in text, key
    for key in BUTTONS:
        assert t(key) not in text, key

    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "print-deelname.png"))
    assert not nav.is_visible()
    assert not page.get_by_test_id("stDownloadButton").first.is_visible()
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main is not None and main["width"] >= 1200, main  # the content takes the full width
