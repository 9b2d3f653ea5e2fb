"""Altair charts of the page Wat werkt waar.

The builders take the frames of :mod:`sv_analytics.wat_werkt_views` and return finished charts
(``charts.finish``): Dutch formats, the project palette, readable labels.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts
from sv_analytics.texts import t

SMALL_FILL = "#DDDDDD"
MARK_STROKE = "#000000"


def _cells_base(data: pd.DataFrame, *, context_title: str, approach_title: str) -> alt.Chart:
    order = list(dict.fromkeys(data["approach_label"]))
    return alt.Chart(data).encode(
        x=alt.X(
            "approach_label:N",
            title=approach_title,
            sort=order,
            axis=alt.Axis(labelAngle=0, orient="top", grid=False),
        ),
        y=alt.Y("context:N", title=context_title, sort="ascending", axis=alt.Axis(grid=False)),
    )


def heatmap(
    cells: pd.DataFrame, *, context_title: str, approach_title: str, outcome_title: str, title: str
) -> alt.LayerChart:
    """Approach × context: coloured by the mean; small groups grey and dashed, marked cells framed.

    Each cell prints its mean, n kernen (with 'n<3' when too small) and its interval.
    """
    data = cells.assign(dark=cells["colour_value"] > 0.6 * cells["colour_value"].max())
    base = _cells_base(data, context_title=context_title, approach_title=approach_title)
    tooltip = [
        alt.Tooltip("context:N", title=t("wwk.col.context")),
        alt.Tooltip("approach_label:N", title=t("wwk.col.approach")),
        alt.Tooltip("mean_text:N", title=outcome_title),
        alt.Tooltip("n_kernen:Q", title=t("wwk.axis.n")),
        alt.Tooltip("participants_text:N", title=t("wwk.axis.participants")),
        alt.Tooltip("interval_text:N", title=t("wwk.axis.interval")),
        alt.Tooltip("marked_text:N", title=t("wwk.axis.marked")),
    ]
    filled = (
        base.transform_filter("!datum.small_n")
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            color=alt.Color(
                "colour_value:Q",
                title=t("wwk.axis.mean"),
                scale=alt.Scale(scheme="blues", zero=True),
                legend=alt.Legend(format=",.0f", orient="right", direction="vertical", gradientLength=120),
            ),
            tooltip=tooltip,
        )
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
    colour = alt.condition("datum.dark", alt.value("white"), alt.value("black"))
    lines = [
        base.mark_text(fontSize=20, fontWeight="bold", dy=-22).encode(text="mean_text:N", color=colour),
        base.mark_text(fontSize=14, dy=2).encode(text="n_text:N", color=colour),
        base.mark_text(fontSize=13, dy=22).encode(text="interval_text:N", color=colour),
    ]
    chart = alt.layer(filled, small, marked, *lines).properties(title=title)
    # Streamlit fits title and axes inside the height: leave room for them above the cells.
    height = 100 + 110 * max(1, data["context"].nunique())
    return charts.finish(chart, counts=(), derived=("colour_value",), height=height)


def before_after(groups: pd.DataFrame, *, group_title: str, title: str) -> alt.LayerChart:
    """Mean reach per 1,000 per year (2016, 2018, 2019), one line per group, in the frame's order
    (legend labels in full: "gemiddelde groep '…'" must stay readable)."""
    order = list(dict.fromkeys(groups["group"]))
    base = alt.Chart(groups).encode(
        x=alt.X("year:O", title=t("wwk.col.year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("mean:Q", title=t("wwk.axis.per_1000"), axis=alt.Axis(format=charts.NUMBER_FORMAT)),
        color=alt.Color("group:N", title=group_title, sort=order, legend=alt.Legend(labelLimit=400)),
        tooltip=[
            alt.Tooltip("group:N", title=group_title),
            alt.Tooltip("year:O", title=t("wwk.col.year")),
            alt.Tooltip("mean:Q", title=t("wwk.axis.mean"), format=",.1f"),
            alt.Tooltip("n:Q", title=t("wwk.axis.n")),
        ],
    )
    chart = alt.layer(base.mark_line(strokeWidth=3), base.mark_point(size=90, filled=True)).properties(
        title=title
    )
    return charts.finish(chart, counts=(), derived=("mean",), height=380)
