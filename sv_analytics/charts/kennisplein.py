"""Altair chart of the page Kennisplein: items per theme and kind."""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts
from sv_analytics.texts import t

ROW_HEIGHT = 44
#: Streamlit fits the whole chart (title, axis and legend included) into the height: room for them.
TITLE_AXIS_AND_LEGEND = 150


def items_per_theme(counts: pd.DataFrame) -> alt.Chart:
    """Horizontal stacked bars: one bar per theme, split by kind (good practice / lesson).

    Small on purpose (a handful of themes); integer ticks only, because items are whole.
    """
    chart = (
        alt.Chart(counts, title=t("kp.chart_title"))
        .mark_bar()
        .encode(
            y=alt.Y("theme:N", title=t("kp.axis.theme"), sort="-x"),
            x=alt.X("sum(items):Q", title=t("kp.axis.items"), axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color("kind:N", title=t("kp.axis.kind")),
            tooltip=[
                alt.Tooltip("theme:N", title=t("kp.axis.theme")),
                alt.Tooltip("kind:N", title=t("kp.axis.kind")),
                alt.Tooltip("items:Q", title=t("kp.axis.items"), format=charts.NUMBER_FORMAT),
            ],
        )
    )
    return charts.finish(
        chart, counts=(), height=ROW_HEIGHT * max(counts["theme"].nunique(), 2) + TITLE_AXIS_AND_LEGEND
    )
