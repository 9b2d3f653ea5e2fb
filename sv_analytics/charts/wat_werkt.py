"""Altair charts of the page Wat werkt waar.

The builders take the frames of :mod:`sv_analytics.wat_werkt_views` and return finished charts
(``charts.finish``): Dutch formats, the project palette, readable labels.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts, scales
from sv_analytics.indicators.wat_werkt import FEW_MAX, MIN_N
from sv_analytics.texts import t

SMALL_FILL = "#DDDDDD"
MARK_STROKE = "#000000"
#: 'Weinig kernen' (MIN_N … FEW_MAX): the colour at this opacity, in a dotted frame.
FEW_OPACITY = 0.45
FEW_STROKE = "#555555"


def _cells_base(data: pd.DataFrame, *, context_title: str, approach_title: str) -> alt.Chart:
    # the approach groups in a fixed order (ja before nee), the column of all kernen last
    labels = list(dict.fromkeys(data["approach_label"]))
    last = [label for label in labels if label == t("wwk.all_kernen")]
    order = sorted((label for label in labels if label not in last), key=str) + last
    return alt.Chart(data).encode(
        x=alt.X(
            "approach_label:N",
            title=approach_title,
            sort=order,
            axis=alt.Axis(labelAngle=0, orient="top", grid=False),
        ),
        y=alt.Y("context:N", title=context_title, sort="ascending", axis=alt.Axis(grid=False)),
    )


def outcome_domain(kern_values: pd.Series) -> tuple[float, float]:
    """The heat map's fixed colour domain for one outcome: from 0 (or a nice bound below it, for
    a change that can be negative) to a nice bound above the highest value of *any kern*
    (the analysis table's outcome column), so the colours do not move when only the context or
    approach shown changes: a cell's mean always lies between the lowest and highest kern."""
    values = kern_values.dropna()
    if values.empty:
        return 0.0, 1.0
    return scales.nice_domain(float(values.min()), float(values.max()))


def heatmap(
    cells: pd.DataFrame,
    *,
    context_title: str,
    approach_title: str,
    outcome_title: str,
    unit: str,
    title: str,
    domain: tuple[float, float] | None = None,
) -> alt.LayerChart:
    """Approach × context, coloured by the mean (legend and tooltip with the outcome's ``unit``).

    Three looks, so that certainty shows before any number is read: a full colour for a cell of
    more than FEW_MAX kernen, a lighter colour with a dotted frame for 'weinig kernen' (MIN_N …
    FEW_MAX), grey and dashed below MIN_N (no interval, never marked). Marked cells get a thick
    black frame; the tooltip says why a cell is not marked when the view withholds it. Each cell
    prints its mean, the unit, n kernen and its interval.

    Colours: on ``domain`` (:func:`outcome_domain` of the outcome over all kernen of the
    analysis), the same whichever context and approach are shown; without it, a nice domain
    from 0 over the cells shown.
    """
    if domain is None:
        shown = cells["colour_value"].dropna()
        domain = scales.nice_domain(float(shown.min()), float(shown.max())) if len(shown) else (0.0, 1.0)
    low, high = domain
    data = cells.assign(dark=(cells["colour_value"] > low + 0.6 * (high - low)) & ~cells["few"])
    base = _cells_base(data, context_title=context_title, approach_title=approach_title)
    tooltip = [
        alt.Tooltip("context:N", title=context_title),
        alt.Tooltip("approach_label:N", title=approach_title),
        alt.Tooltip("mean_text:N", title=f"{outcome_title} ({unit})"),
        alt.Tooltip("n_text:N", title=t("wwk.axis.n")),
        alt.Tooltip("participants_text:N", title=t("wwk.axis.participants")),
        alt.Tooltip("interval_text:N", title=f"{t('wwk.axis.interval')} ({unit})"),
        alt.Tooltip("marked_text:N", title=t("wwk.axis.marked")),
    ]
    colour = alt.Color(
        "colour_value:Q",
        title=[t("wwk.axis.mean"), f"({unit})"],
        scale=alt.Scale(scheme="blues", domain=[low, high], clamp=True),
        legend=alt.Legend(format=",.0f", orient="bottom", direction="horizontal", gradientLength=200),
    )
    filled = (
        base.transform_filter("!datum.small_n && !datum.few")
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(color=colour, tooltip=tooltip)
    )
    few = (
        base.transform_filter("!datum.small_n && datum.few")
        .mark_rect(opacity=FEW_OPACITY, stroke=FEW_STROKE, strokeDash=[2, 3], strokeWidth=2)
        .encode(color=colour, tooltip=tooltip)
    )
    small = (
        base.transform_filter("datum.small_n")
        .mark_rect(fill=SMALL_FILL, stroke="#888888", strokeDash=[6, 4], strokeWidth=1.5)
        .encode(tooltip=tooltip)
    )
    marked = (
        base.transform_filter("datum.marked")
        .mark_rect(fill=None, stroke=MARK_STROKE, strokeWidth=5)
        .encode(tooltip=tooltip)
    )
    text_colour = alt.condition("datum.dark", alt.value("white"), alt.value("black"))
    lines = [
        base.mark_text(fontSize=20, fontWeight="bold", dy=-30).encode(text="mean_text:N", color=text_colour),
        base.mark_text(fontSize=10, dy=-12).encode(text="unit_text:N", color=text_colour),
        base.mark_text(fontSize=13, dy=6).encode(text="n_text:N", color=text_colour),
        base.mark_text(fontSize=12, dy=25).encode(text="interval_text:N", color=text_colour),
    ]
    chart = alt.layer(filled, few, small, marked, *lines).properties(title=title)
    # Streamlit fits title and axes inside the height: leave room for them above the cells.
    height = 190 + 135 * max(1, data["context"].nunique())
    finished = charts.finish(chart, counts=(), derived=("colour_value",), height=height)
    return charts.with_png_notes(finished, *heatmap_notes())


def heatmap_notes() -> list[str]:
    """What the heat map's PNG says under the cells: the honesty line (association, not cause)
    and what colour, n, interval and the thick, dotted and dashed frames mean — the page's
    legend text in plain lines (no Markdown: the image draws it as it is)."""
    legend = t("wwk.legend.cells", low=MIN_N, high=FEW_MAX).replace("**", "")
    return [t("wwk.summary"), *(line.removeprefix("- ") for line in legend.splitlines() if line.strip())]


def before_after(groups: pd.DataFrame, *, group_title: str, unit: str, title: str) -> alt.LayerChart:
    """Mean reach per 1,000 per year (2016, 2018, 2019), one line per group, in the frame's order
    (legend labels in full: "gemiddelde groep '…'" must stay readable); ``unit`` from the registry."""
    order = list(dict.fromkeys(groups["group"]))
    base = alt.Chart(groups).encode(
        x=alt.X("year:O", title=t("wwk.col.year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("mean:Q", title=f"{t('wwk.axis.mean')} ({unit})", axis=alt.Axis(format=charts.NUMBER_FORMAT)),
        color=alt.Color("group:N", title=group_title, sort=order, legend=alt.Legend(labelLimit=400)),
        tooltip=[
            alt.Tooltip("group:N", title=group_title),
            alt.Tooltip("year:O", title=t("wwk.col.year")),
            alt.Tooltip("mean:Q", title=f"{t('wwk.axis.mean')} ({unit})", format=",.1f"),
            alt.Tooltip("n:Q", title=t("wwk.axis.n")),
        ],
    )
    chart = alt.layer(base.mark_line(strokeWidth=3), base.mark_point(size=90, filled=True)).properties(
        title=title
    )
    return charts.finish(chart, counts=(), derived=("mean",), height=380)
