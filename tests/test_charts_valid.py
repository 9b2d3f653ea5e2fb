"""Every chart the pages draw is a valid Vega-Lite spec, and exports to PNG.

The app skips Altair's schema validation at run time (it costs more than all queries of a
cached rerun, see charts/__init__.py); this test validates every chart instead, by recording
the figures the pages hand to ``components.chart``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from altair.utils import schemapi
from streamlit.testing.v1 import AppTest

from sv_analytics import charts, config
from sv_analytics.ui import components
from tests.conftest import PROJECT

PAGES = (
    "app_pages/kernprofiel.py",
    "app_pages/deelname.py",
    "app_pages/mijn_kern.py",
    "app_pages/wat_werkt.py",
    "app_pages/sociale_kaart.py",
    "app_pages/samenwerking.py",
    "app_pages/evaluatie.py",
    "app_pages/kennisplein.py",
)


@pytest.fixture()
def recorded(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    copy = tmp_path / "charts.duckdb"
    shutil.copyfile(demo_db, copy)
    monkeypatch.setenv(config.ENV_DB_PATH, str(copy))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    figures: list = []
    original = components.chart

    def record(figure, **kwargs):
        figures.append(figure)
        return original(figure, **kwargs)

    monkeypatch.setattr(components, "chart", record)
    return figures


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_on_the_page_is_valid_vega_lite(recorded: list, page: str) -> None:
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert recorded, f"{page} tekende geen grafieken"
    with schemapi.debug_mode(True):
        for figure in recorded:
            spec = figure.to_dict(validate=True)  # raises on an invalid spec
            assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_a_page_chart_exports_to_png(recorded: list) -> None:
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/deelname.py").run()
    png = charts.to_png(recorded[0])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5_000
