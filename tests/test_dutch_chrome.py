"""Issue 14, point 5: Dutch where Streamlit's chrome is English and the API lets us choose —
the /overzicht URL, the uploader's texts (a page style, see sv_analytics/ui/uploads.py) and the
choosers' placeholders. The browser side is tests/e2e/test_dutch_chrome_browser.py."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from sv_analytics.texts import t
from sv_analytics.ui import uploads
from tests.conftest import PROJECT

APP = str(PROJECT / "app.py")


def test_the_overzicht_slug_opens_the_first_page(app_env: Path) -> None:
    """The browser's /overzicht is resolved by the page whose ``url_pathname`` is "overzicht"
    (Streamlit's pages_manager); the first page itself is served at "" (the root), so a hidden
    alias holds that path and switches to it. AppTest cannot type a URL: the test runs the page
    registered under that path (AppTest's registry of the last run, a private attribute)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    paths = {info.get("url_pathname"): page_hash for page_hash, info in at._registered_pages.items()}
    assert "overzicht" in paths and "" in paths
    assert {"kernprofiel", "deelname", "gegevens"} <= set(paths)  # the other pages keep their slugs
    at._page_hash = paths["overzicht"]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Overzicht" in [title.value for title in at.main.title]
    assert at.metric, "the Overzicht page ran, not only its alias"


def test_the_uploader_style_carries_the_catalogues_dutch_texts() -> None:
    css = uploads.dutch_uploader_css()
    for key in ("gegevens.uploader.button", "gegevens.uploader.drop"):
        assert f'content: "{t(key)}"' in css
    assert "50 MB" in css and "200MB" not in css
    assert css.startswith("<style>") and css.count("<") == 2  # nothing in it ends the style early


def test_css_strings_cannot_break_out() -> None:
    assert uploads.css_string('a "b" \\ c\n</style>') == 'a \\"b\\" \\\\ c \\3c /style>'


def test_choosers_on_gebruikers_have_a_dutch_placeholder(app_env: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/beheer.py").run()
    assert not at.exception, [e.message for e in at.exception]
    placeholders = {s.proto.placeholder for s in at.selectbox if s.key and s.key.startswith("beheer")}
    assert placeholders == {"Maak een keuze"}
