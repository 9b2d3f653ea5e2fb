"""Altair chart builders: Dutch number and date formats, one colour-blind-safe palette,
sizes readable on a beamer, and PNG export through vl-convert (offline).

Page-specific builders live in one module per page (``charts.deelname`` …); every chart
passes through :func:`finish` so that all of them look and format alike.

Protection (:mod:`sv_analytics.privacy`): a chart's data is what the browser receives, so a
builder gets data that is already protected for the view (:func:`count_values`: rounded
counts, rates from rounded counts, no raw base columns) and draws a suppressed value as a
grey ``<5`` mark of one fixed pixel height (:func:`suppressed_marks`), never as a bar of its
true height. :func:`finish` records in the spec's ``usermeta`` which fields hold protected
counts (``counts``, required: ``()`` for a chart without counts of people), so the
recoverability test checks them without guessing. The page passes a *builder* to
``components.chart``: the screen draws it for the viewer (exact or protected), the PNG
download always draws the protected version.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import vl_convert
from altair.utils import schemapi

from sv_analytics import fmt, privacy, style
from sv_analytics.fmt import MONTHS_SHORT
from sv_analytics.texts import t

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


PRIVACY_META = "sv_privacy"


def finish(
    chart: alt.TopLevelMixin,
    *,
    counts: Sequence[str],
    derived: Sequence[str] = (),
    width: int | str = "container",
    height: int = 320,
) -> alt.TopLevelMixin:
    """The project's look: Dutch locale, palette, large labels; call once per chart.

    ``counts``: the data fields that hold protected counts of people (empty for a chart of
    organisations, kernen or public statistics); ``derived``: fields derived from such
    counts (rates, shares). Both go to the spec's ``usermeta`` for the tests and for
    ``components.chart``'s caption.

    The configuration is assigned in one go rather than with chained ``configure_*`` calls:
    each of those deep-copies the whole chart, data included.
    """
    chart = chart.properties(width=width, height=height)
    chart.config = alt.Config(**CONFIG)
    chart.usermeta = {PRIVACY_META: {"counts": list(counts), "derived": list(derived)}}
    return chart


def has_counts(chart: alt.TopLevelMixin) -> bool:
    """Whether the chart declares fields with (or derived from) protected counts."""
    meta = (
        (getattr(chart, "usermeta", None) or {}) if not isinstance(chart, dict) else chart.get("usermeta", {})
    )
    found = meta.get(PRIVACY_META, {}) if isinstance(meta, dict) else {}
    return bool(found.get("counts") or found.get("derived"))


# ------------------------------------------------------------------------------ protection
#: Height (pixels) of the mark that stands for a suppressed value: one height for every
#: suppressed value, whatever it is, so the chart tells nothing more than ``<5``.
SUPPRESSED_PX = 10
SUPPRESSED_COLOUR = "#9E9E9E"
SUPPRESSED_FLAG = "suppressed"


def count_values(
    frame: pd.DataFrame,
    column: str = "value",
    *,
    protected: bool,
    base: str | None = None,
    per: str | None = None,
    decimals: int = 0,
) -> pd.DataFrame:
    """Chart rows with ``column`` as the view may show it, a text ``<column>_txt`` for labels and
    tooltips, and a ``suppressed`` flag.

    ``column`` is a protected count itself (no ``base``), or a figure derived from the count
    column ``base`` (divided by the count ``per``, for a ratio of two counts). Protected: the
    count rounded to 5 or the figure computed from the rounded count(s); where the count is
    1–4 the value is empty (NaN), the text ``<5`` and the flag True. Exact: as it is. The
    base columns are dropped either way: the browser gets only what the chart shows.
    """
    out = frame.copy()
    basis: privacy.Basis = column if base is None else ((base, per) if per else base)
    if protected:
        out[column] = privacy.derived_series(frame, column, basis)
        out[SUPPRESSED_FLAG] = privacy.basis_mask(frame, basis).to_numpy()
    else:
        out[column] = frame[column].astype("float64")
        out[SUPPRESSED_FLAG] = False
    out[f"{column}_txt"] = [
        privacy.SUPPRESSED if small else fmt.number(v, decimals)
        for v, small in zip(out[column], out[SUPPRESSED_FLAG], strict=True)
    ]
    return out.drop(columns=[c for c in (base, per) if c and c != column and c in out])


def suppressed_marks(
    data: pd.DataFrame,
    *,
    x: alt.X | str | None = None,
    y: alt.Y | str | None = None,
    tooltip: list | None = None,
    offset: alt.XOffset | None = None,
    text: str = "value_txt",
) -> alt.LayerChart | None:
    """Grey marks of one fixed pixel size with the label ``<5`` for the suppressed rows of
    ``data`` (flag ``suppressed``), with a legend entry that says what they are; None when no
    row is suppressed.

    Vertical (``x`` given): a bar ``SUPPRESSED_PX`` high on the baseline (placed from the plot's
    ``height`` signal, whatever size the plot is drawn at). Horizontal (``y`` given): a bar ``SUPPRESSED_PX`` long from the left.
    """
    rows = data[data[SUPPRESSED_FLAG].astype(bool)] if SUPPRESSED_FLAG in data else data.iloc[0:0]
    if rows.empty:
        return None
    rows = rows.assign(privacy_mark=t("privacy.chart_mark"))
    colour = alt.Color(
        "privacy_mark:N",
        title=None,
        scale=alt.Scale(domain=[t("privacy.chart_mark")], range=[SUPPRESSED_COLOUR]),
        legend=alt.Legend(orient="bottom", labelLimit=300),
    )
    base = alt.Chart(rows)
    extra = {"xOffset": offset} if offset is not None else {}
    if y is None:
        # pixel positions from the plot's own height signal, not a fixed number: a mark placed
        # at the configured height lies outside a plot that Streamlit's container-width
        # autosize made smaller, and autosize then shrinks the plot to fit it (seen in chromium)
        top = alt.value(alt.ExprRef(expr=f"height - {SUPPRESSED_PX}"))
        bar = base.mark_bar(opacity=0.9).encode(
            x=x, y=top, y2=alt.value(alt.ExprRef(expr="height")), color=colour,
            tooltip=tooltip or [alt.Tooltip(f"{text}:N", title=t("privacy.chart_count"))], **extra,
        )  # fmt: skip
        label = base.mark_text(baseline="bottom", dy=-2, fontSize=11, color="#555555").encode(
            x=x, y=top, text=alt.value(privacy.SUPPRESSED), **extra
        )
    else:
        bar = base.mark_bar(opacity=0.9).encode(
            y=y, x=alt.value(0), x2=alt.value(SUPPRESSED_PX), color=colour,
            tooltip=tooltip or [alt.Tooltip(f"{text}:N", title=t("privacy.chart_count"))],
        )  # fmt: skip
        label = base.mark_text(align="left", dx=SUPPRESSED_PX + 4, fontSize=11, color="#555555").encode(
            y=y, x=alt.value(0), text=alt.value(privacy.SUPPRESSED)
        )
    return alt.layer(bar, label)


def with_marks(chart: alt.Chart | alt.LayerChart, marks: alt.LayerChart | None) -> alt.TopLevelMixin:
    """``chart`` with the ``<5`` marks on top (their colour legend independent of the chart's)."""
    if marks is None:
        return chart
    return alt.layer(chart, marks).resolve_scale(color="independent")


def to_png(chart: alt.TopLevelMixin, *, width: int = 900) -> bytes:
    """The chart as a PNG (2× scale, for slides); a container width becomes ``width`` pixels."""
    spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = width
    for layer in spec.get("vconcat", []) + spec.get("hconcat", []):
        if layer.get("width") == "container":
            layer["width"] = width
    return vl_convert.vegalite_to_png(spec, scale=2)
