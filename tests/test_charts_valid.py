"""Every chart the pages draw is a valid Vega-Lite spec with the Dutch locale, and compiles
to a PNG.

The app skips Altair's schema validation at run time (it costs more than all queries of a
cached rerun, see charts/__init__.py); this test validates every chart instead, by recording
the figures the pages hand to ``components.chart``. It is the one chart-validity test: one
case per page that draws charts, opened first as a visitor finds it and then with the choices
that make it draw the charts of one kern, so every kind of chart of the page is checked; the
page tests check what the charts show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pytest
from altair.utils import schemapi

from sv_analytics import charts
from sv_analytics.ui import components
from tests.conftest import PROJECT, open_app_page, widget


@dataclass(frozen=True)
class Case:
    """How to open a page, and how many charts each of its two runs draws."""

    opened: int  # charts of the page as it opens (the default filters)
    chosen: int  # charts of the run after ``widgets`` are set
    widgets: dict[str, object] = field(default_factory=dict)
    png: bool = False  # also export the page's first chart to PNG (compiles: scales merge)


CASES = {
    "kernprofiel": Case(opened=4, chosen=4, widgets={"kern": "hertme"}),
    "deelname": Case(opened=6, chosen=7, widgets={"kern": "overdinkel"}, png=True),
    "mijn_kern": Case(opened=6, chosen=6, widgets={"kern": "boskamp"}),
    "wat_werkt": Case(opened=3, chosen=3, widgets={"kern": "boskamp"}),
    "sociale_kaart": Case(opened=1, chosen=1, widgets={"kern": "bathmen"}, png=True),
    "samenwerking": Case(opened=3, chosen=3, widgets={"kern": "overdinkel"}),
    "evaluatie": Case(opened=2, chosen=2, widgets={"kern": "boskamp"}),
    "kennisplein": Case(opened=1, chosen=1, widgets={"kp_thema": "bewegen"}),
}


def test_every_page_that_draws_charts_has_a_case() -> None:
    drawing = {p.stem for p in (PROJECT / "app_pages").glob("*.py") if "components.chart(" in p.read_text()}
    assert drawing == set(CASES)


@pytest.fixture()
def recorded(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """The figures the pages hand to ``components.chart``, on the module's database copy: per
    call the figure, or for a builder (a chart with counts, issue 12) both the protected and the
    exact figure it draws (the PNG and a screen with exact counts), protected first."""
    figures: list = []
    original = components.chart

    def record(figure, **kwargs):
        figures.append([figure] if isinstance(figure, alt.TopLevelMixin) else [figure(True), figure(False)])
        return original(figure, **kwargs)

    monkeypatch.setattr(components, "chart", record)
    yield figures


@pytest.mark.parametrize("stem", sorted(CASES))
def test_every_chart_on_the_page_is_valid_vega_lite(recorded: list, stem: str) -> None:
    case = CASES[stem]
    at = open_app_page(f"app_pages/{stem}.py")
    assert len(recorded) == case.opened, f"{stem} tekende {len(recorded)} grafieken"
    before = len(recorded)
    for key, value in case.widgets.items():
        before = len(recorded)
        widget(at, key).set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
    assert len(recorded) - before == case.chosen, f"{stem} tekende {len(recorded) - before} grafieken"
    with schemapi.debug_mode(True):
        for figure in (f for variants in recorded for f in variants):
            spec = figure.to_dict(validate=True)  # raises on an invalid spec
            assert spec["config"]["locale"]["number"]["decimal"] == ","
            assert "counts" in spec["usermeta"][charts.PRIVACY_META]  # says which fields are counts
    if case.png:
        png = charts.to_png(recorded[0][0])
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(png) > 5_000
