"""Altair chart builders: Dutch number and date formats, one colour-blind-safe palette,
sizes readable on a beamer, and PNG export through vl-convert (offline).

Page-specific builders live in one module per page (``charts.deelname`` …); every chart
passes through :func:`finish` so that all of them look and format alike.
"""

from __future__ import annotations

import altair as alt
import vl_convert
from altair.utils import schemapi

from sv_analytics import style
from sv_analytics.fmt import MONTHS_SHORT

MONTHS_LONG = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
               "oktober", "november", "december")  # fmt: skip
DAYS = ("zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag")

#: d3-format / d3-time-format locales (Vega's config.locale): 1.234,5 and "mrt 2018".
NUMBER_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
TIME_LOCALE = {
    "dateTime": "%a %e %B %Y %X",
    "date": "%d-%m-%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": list(DAYS),
    "shortDays": [d[:2] for d in DAYS],
    "months": list(MONTHS_LONG),
    "shortMonths": list(MONTHS_SHORT),
}

# Altair validates every schema object against the Vega-Lite JSON schema as it is built
# (jsonschema, ~30 ms per chart): more than all of a page's queries together on a cached
# rerun. The builders are validated once in tests/test_charts_valid.py instead.
schemapi.disable_debug_mode()

FONT_SIZE = 14
MONTH_FORMAT = "%b %Y"
NUMBER_FORMAT = ",.0f"


CONFIG = {
    "locale": {"number": NUMBER_LOCALE, "time": TIME_LOCALE},
    "font": "Source Sans Pro, Arial, sans-serif",
    "range": {"category": list(style.PALETTE)},
    "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE + 1, "grid": True, "gridOpacity": 0.4},
    "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "orient": "bottom", "columns": 4},
    "title": {"fontSize": FONT_SIZE + 3, "anchor": "start"},
    "view": {"strokeWidth": 0},
}


def finish(
    chart: alt.TopLevelMixin, *, width: int | str = "container", height: int = 320
) -> alt.TopLevelMixin:
    """The project's look: Dutch locale, palette, large labels; call once per chart.

    The configuration is assigned in one go rather than with chained ``configure_*`` calls:
    each of those deep-copies the whole chart, data included.
    """
    chart = chart.properties(width=width, height=height)
    chart.config = alt.Config(**CONFIG)
    return chart


def to_png(chart: alt.TopLevelMixin, *, width: int = 900) -> bytes:
    """The chart as a PNG (2× scale, for slides); a container width becomes ``width`` pixels."""
    spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = width
    for layer in spec.get("vconcat", []) + spec.get("hconcat", []):
        if layer.get("width") == "container":
            layer["width"] = width
    return vl_convert.vegalite_to_png(spec, scale=2)
