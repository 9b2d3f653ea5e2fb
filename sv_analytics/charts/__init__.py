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

import copy
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert
from altair.utils import schemapi

from sv_analytics import fmt, fonts, privacy, style
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


# ------------------------------------------------------------------------------ PNG export
#: Key in a chart's ``usermeta`` of the notes its PNG must carry whoever exports it (what a
#: border or band means, an honesty line): set with :func:`with_png_notes` by the builder.
PNG_NOTES_META = "sv_png_notes"
#: Font sizes (pixels at scale 1) and colours of the context drawn into a PNG.
PNG_TITLE_SIZE, PNG_SUBTITLE_SIZE, PNG_FOOTER_SIZE = 20, 14, 13
PNG_MUTED, PNG_DEMO = "#555555", "#B3261E"
#: Average width of a character of the shipped face, in em: where a footer line wraps.
PNG_CHAR_EM = 0.48


@dataclass(frozen=True)
class PngContext:
    """What the reader of an exported chart needs besides the marks, drawn into the image.

    ``title`` names the kern or gemeente and the period; ``subtitle`` the filters; ``units``
    what the numbers count; ``source`` the source line with its year (and data version);
    ``demo`` adds the "fictief" note; ``notes`` explain marks a legend cannot (added to the
    chart's own :data:`PNG_NOTES_META`).
    """

    title: str
    subtitle: str = ""
    units: str = ""
    source: str = ""
    demo: bool = False
    notes: Sequence[str] = ()


def with_png_notes(chart: alt.TopLevelMixin, *notes: str) -> alt.TopLevelMixin:
    """``chart`` with ``notes`` every PNG of it carries (after :func:`finish`): the meaning of a
    border or a band, an honesty line. They live in the spec so that every export (the page's
    download, the reports' figures) draws them, not only the one that remembers to."""
    meta = dict(chart.usermeta) if isinstance(chart.usermeta, dict) else {}
    meta[PNG_NOTES_META] = [*meta.get(PNG_NOTES_META, []), *notes]
    chart.usermeta = meta
    return chart


def _wrap(text: str, width: int, size: int) -> list[str]:
    """``text`` as lines that fit ``width`` pixels at ``size`` (an estimate from the face's mean
    character width: Vega text marks do not wrap)."""
    return textwrap.wrap(text, max(20, int(width / (size * PNG_CHAR_EM)))) or [""]


def _fixed_width(spec: dict, width: int) -> dict:
    """A container width (the screen's) becomes ``width`` pixels, in the chart and its concat parts."""
    if spec.get("width") == "container":
        spec["width"] = width
    for part in spec.get("vconcat", []) + spec.get("hconcat", []):
        if part.get("width") == "container":
            part["width"] = width
    return spec


def _footer(lines: list[tuple[str, str, str]], width: int) -> dict:
    """A text block of ``(text, colour, weight)`` lines, one under the other, left-aligned: one
    text mark per line at a fixed pixel position, no scales (shared with the chart's they
    would merge with its colour scale)."""
    step = PNG_FOOTER_SIZE + 5
    layers = [
        {
            "mark": {
                "type": "text",
                "align": "left",
                "baseline": "top",
                "fontSize": PNG_FOOTER_SIZE,
                "text": text,
                "color": colour,
                "fontWeight": weight,
                "x": 0,
                "y": i * step,
            },
        }
        for i, (text, colour, weight) in enumerate(lines)
    ]
    return {"data": {"values": [{}]}, "layer": layers, "width": width, "height": len(lines) * step,
            "view": {"stroke": None}}  # fmt: skip


_BARE_HEIGHT = re.compile(r"(?<![.\w])height(?!\w)")


def _child_height(node: object) -> object:
    """``node`` with the bare ``height`` signal in its expressions renamed to the first vconcat
    child's (``concat_0_height``): inside a concat, ``height`` is the whole view's, and the
    ``<5`` marks placed from it (:func:`suppressed_marks`) would land above the plot."""
    if isinstance(node, dict):
        return {k: (_BARE_HEIGHT.sub("concat_0_height", v) if k == "expr" and isinstance(v, str)
                    else _child_height(v)) for k, v in node.items()}  # fmt: skip
    if isinstance(node, list):
        return [_child_height(v) for v in node]
    return node


_LEGEND_CHANNELS = ("color", "fill", "stroke", "strokeDash", "shape", "size", "opacity", "strokeWidth")

#: Top-level keys that stay on the outer spec when the chart goes into a vconcat with its footer.
_TOP_LEVEL = ("$schema", "config", "usermeta", "datasets", "background", "padding", "autosize")


def png_spec(chart: alt.TopLevelMixin | dict, *, context: PngContext | None = None, width: int = 900) -> dict:
    """The Vega-Lite spec :func:`to_png` renders: ``chart`` at ``width`` pixels in the shipped
    font, with the ``context`` drawn into it — title and subtitle (filters, units) on top, the
    notes, the demo note and the source line in a text block under the chart."""
    spec = _fixed_width(
        copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict(validate=False), width
    )
    config = {**spec.get("config", {}), "font": fonts.VEGA_FONT}
    spec["config"] = config
    notes = list((spec.get("usermeta") or {}).get(PNG_NOTES_META, []))
    if context is None and not notes:
        return spec
    lines: list[tuple[str, str, str]] = []
    for note in [*(context.notes if context else ()), *notes]:
        lines += [(line, PNG_MUTED, "normal") for line in _wrap(note, width, PNG_FOOTER_SIZE)]
    if context and context.demo:
        lines.append((t("png.demo_note"), PNG_DEMO, "bold"))
    if context and context.source:
        lines += [(line, PNG_MUTED, "normal") for line in _wrap(context.source, width, PNG_FOOTER_SIZE)]
    outer = {key: spec.pop(key) for key in _TOP_LEVEL if key in spec}
    own_title = spec.pop("title", None)
    inner_width = spec.get("width") if isinstance(spec.get("width"), int) else width
    spec = _child_height(spec)
    outer["vconcat"] = [spec, _footer(lines, inner_width)] if lines else [spec]
    outer["spacing"] = 14
    # each part keeps its own legends: a shared one would move under the footer
    outer["resolve"] = {"legend": dict.fromkeys(_LEGEND_CHANNELS, "independent")}
    if context is not None:
        subtitle = [part for part in (context.subtitle, context.units) if part]
        outer["title"] = {
            "text": _wrap(context.title, width, PNG_TITLE_SIZE), "anchor": "start", "fontSize": PNG_TITLE_SIZE,
            "subtitle": [line for part in subtitle for line in _wrap(part, width, PNG_SUBTITLE_SIZE)],
            "subtitleFontSize": PNG_SUBTITLE_SIZE, "subtitleColor": PNG_MUTED, "offset": 12,
        }  # fmt: skip
    elif own_title is not None:
        outer["title"] = own_title
    return outer


def to_png(chart: alt.TopLevelMixin, *, context: PngContext | None = None, width: int = 900) -> bytes:
    """The chart as a PNG (2× scale, for slides) with its context drawn in (:func:`png_spec`);
    a container width becomes ``width`` pixels."""
    fonts.register_vl_convert()
    return vl_convert.vegalite_to_png(png_spec(chart, context=context, width=width), scale=2)
