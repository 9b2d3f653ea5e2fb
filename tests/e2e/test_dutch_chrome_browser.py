"""Real browser, issue 14 point 5: /overzicht opens the first page, and the file uploader on
Gegevens shows the catalogue's Dutch texts instead of Streamlit's English ones (a page style:
sv_analytics/ui/uploads.py). Screenshot: tests/artifacts/gegevens_uploader_nl.png."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, expect

from sv_analytics.texts import t
from tests.e2e.conftest import open_page, wait_for_app_run

pytestmark = pytest.mark.e2e

DROPZONE = "[data-testid='stFileUploaderDropzone']"


def after_content(page: Page, selector: str) -> str:
    """The text a ``::after`` rule puts after the first element matching ``selector``."""
    return page.evaluate(
        "s => getComputedStyle(document.querySelector(s), '::after').content.replace(/^\"|\"$/g, '')",
        selector,
    )


def font_size(page: Page, selector: str) -> str:
    return page.evaluate("s => getComputedStyle(document.querySelector(s)).fontSize", selector)


def test_overzicht_url_opens_the_first_page_without_page_not_found(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/overzicht")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible(timeout=60_000)
    assert page.url.rstrip("/").split("?")[0] == app_url  # switched to the root page itself
    page.wait_for_timeout(500)
    assert "Page not found" not in page.locator("body").inner_text()
    # the menu marks Overzicht as the current page
    current = page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")
    expect(current).to_have_count(1)
    expect(current).to_have_accessible_name("Overzicht")


@pytest.mark.parametrize("path", ["onbekend", "start", "%3Cb%3Eoverzicht"])
def test_unknown_url_says_so_in_dutch_on_the_first_page(app_url: str, page: Page, path: str) -> None:
    """A typo URL: Streamlit's English "Page not found" dialog is replaced by a Dutch warning
    (app.py registers the unknown slug as a hidden page) above the Overzicht; markup in the
    path is shown as text."""
    open_page(page, f"{app_url}/{path}")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible(timeout=60_000)
    shown = unquote(path)
    warning = page.get_by_test_id("stAlert").filter(has_text="bestaat niet of is niet voor u beschikbaar")
    expect(warning).to_contain_text(f"/{shown}")
    page.wait_for_timeout(500)
    body = page.locator("body").inner_text()
    assert "Page not found" not in body and "does not seem to exist" not in body
    assert page.locator("b", has_text="overzicht").count() == 0  # no markup from the URL


@pytest.mark.parametrize("path", ["a%2Fb", "%20"])
def test_a_url_streamlit_cannot_name_a_page_opens_the_first_page_without_an_error(
    app_url: str, page: Page, path: str
) -> None:
    """A crafted URL that decodes to a nested or blank path (no page can be registered under it):
    the app opens Overzicht as for any unknown URL, and does not fail (it did: "This app has
    encountered an error", the page path being refused by st.Page)."""
    open_page(page, f"{app_url}/{path}")
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible(timeout=60_000)
    assert "has encountered an error" not in page.locator("body").inner_text()


def test_uploader_speaks_dutch(app_url: str, page: Page, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{app_url}/gegevens", heading="Gegevens aanleveren")
    zone = page.locator(DROPZONE).first
    expect(zone).to_be_visible(timeout=60_000)
    button_text = f"{DROPZONE} button [data-testid='stMarkdownContainer'] p"
    assert font_size(page, button_text) == "0px"  # Streamlit's "Upload" takes no room
    assert after_content(page, button_text) == t("gegevens.uploader.button")
    hints = "[data-testid='stFileUploaderDropzoneInstructions'] > div"
    assert after_content(page, hints) == t("gegevens.uploader.hint", limit="50 MB")
    assert not page.locator(f"{hints} > span").first.is_visible()  # "200MB per file"
    # while a file is dragged over the zone, Streamlit shows "Drag and drop a file here"
    page.evaluate(
        """s => {
            const zone = document.querySelector(s);
            const data = new DataTransfer();
            data.items.add(new File(["x"], "werkboek.xlsx"));
            zone.dispatchEvent(new DragEvent("dragenter", {bubbles: true, dataTransfer: data}));
        }""",
        DROPZONE,
    )
    overlay = f"{DROPZONE} > div:not([data-testid]) > *"
    page.wait_for_selector(overlay, timeout=10_000)
    assert font_size(page, overlay) == "0px"
    assert after_content(page, overlay) == t("gegevens.uploader.drop")
    zone.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "gegevens_uploader_nl.png"))
