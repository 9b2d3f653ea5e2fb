"""Real browser, beamer size (1280×720): on the Rapport page a gemeente official makes the deck
and the report of their gemeente and downloads both (issue 15).

The files that arrive are reopened: the PDF with pypdf (its first page names the gemeente and the
moment, every page says the figures are fictional), the deck with python-pptx (its first slide's
title names the gemeente, it has native charts). The screenshot
``tests/artifacts/rapport-deventer-1280x720.png`` shows the page after the files were made.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pptx import Presentation
from pypdf import PdfReader

from tests.e2e.conftest import wait_for_app_run

pytestmark = pytest.mark.e2e


def test_an_official_makes_and_downloads_the_deck_and_report_of_their_gemeente(
    app_url: str, browser: Browser, artifacts: Path, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/rapport?gemeente=Deventer")
        wait_for_app_run(page, timeout=120_000)
        expect(page.get_by_text("Dit rapport gaat over gemeente Deventer", exact=False)).to_be_visible()
        make = page.get_by_role("button", name="Bestanden maken")
        expect(make).to_be_in_viewport()  # the action is on the first screen of a beamer
        make.click()
        pdf_button = page.get_by_role("button", name="Rapport (PDF)")
        pdf_button.wait_for(timeout=120_000)
        wait_for_app_run(page, timeout=120_000)
        page.screenshot(path=str(artifacts / "rapport-deventer-1280x720.png"))
        files = {}
        for label in ("Presentatie (PPTX)", "Rapport (PDF)"):
            with page.expect_download() as info:
                page.get_by_role("button", name=label).click()
            download = info.value
            target = tmp_path / download.suggested_filename
            download.save_as(target)
            files[target.suffix] = target
    finally:
        context.close()
    assert files[".pdf"].name == "eindrapportage-2018-gemeente-deventer.pdf"
    reader = PdfReader(files[".pdf"])
    cover = reader.pages[0].extract_text()
    assert "Deventer" in cover and "Eindrapportage 2018" in cover
    assert all("fictieve gegevens" in p.extract_text() for p in reader.pages)
    deck = Presentation(io.BytesIO(files[".pptx"].read_bytes()))
    assert "Deventer" in deck.slides[0].shapes.title.text_frame.text
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
