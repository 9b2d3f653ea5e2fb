"""Altair charts of the page Sociale kaart.

The kern × sector heat map takes :func:`sv_analytics.sociale_kaart.matrix` and returns a finished
chart (``charts.finish``): Dutch formats, readable labels, the kernen in the frame's order
(dorpen first, then wijken) so that a sector missing in the wijken stands out as a white block.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts, vocab
from sv_analytics.texts import t

ROW_PX = 26
MAX_TICKS = 8
#: A sector nobody takes part in: white, so that the gaps stand out against the blue cells.
NONE_FILL, NONE_TEXT, GRID_STROKE = "#FFFFFF", "#888888", "#BBBBBB"
#: Wijk names on the y axis in bold dark orange (the map's wijk colour, darkened for text).
WIJK_LABEL, WIJK_COLOUR = "indexof(datum.label, '({wijk})') >= 0", "#9A4F00"


def matrix_heatmap(cells: pd.DataFrame, *, title: str, top: int | None = None) -> alt.LayerChart:
    """Kern × sector: colour and number = organisations taking part; 0 stays white.

    The colour scale runs from 0 to ``top`` (:func:`sociale_kaart.matrix_top`: the programme's
    highest cell, rounded up), not to the highest cell shown, so a cell's blue means the same
    number in every scope; without ``top``, the cells' own highest value.
    """
    data = cells[
        ["kern_label", "kern_type_label", "gemeente", "sector_label", "taking_part", "organisations"]
    ].copy()
    top = max(int(data["taking_part"].max()), 1) if top is None else top
    data["dark"] = data["taking_part"] > 0.6 * top
    data["text_colour"] = "black"
    data.loc[data["taking_part"] == 0, "text_colour"] = NONE_TEXT
    data.loc[data["dark"], "text_colour"] = "white"
    ticks = list(range(top + 1)) if top <= MAX_TICKS else alt.Undefined  # whole organisations
    wijk = WIJK_LABEL.format(wijk=vocab.KERN_TYPE["wijk"].lower())
    base = alt.Chart(data).encode(
        x=alt.X(
            "sector_label:N",
            title=t("sk.axis.sector"),
            sort=list(dict.fromkeys(data["sector_label"])),
            axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=220, labelOverlap=False, grid=False),
        ),
        y=alt.Y(
            "kern_label:N",
            title=t("sk.axis.kern"),
            sort=list(dict.fromkeys(data["kern_label"])),
            axis=alt.Axis(
                grid=False,
                labelLimit=260,
                labelOverlap=False,
                labelColor=alt.condition(wijk, alt.value(WIJK_COLOUR), alt.value("#222222")),
                labelFontWeight=alt.condition(wijk, alt.value("bold"), alt.value("normal")),
            ),
        ),
    )
    tooltip = [
        alt.Tooltip("kern_label:N", title=t("col.kern")),
        alt.Tooltip("gemeente:N", title=t("sk.col.municipality")),
        alt.Tooltip("sector_label:N", title=t("sk.axis.sector")),
        alt.Tooltip("taking_part:Q", title=t("sk.axis.taking_part"), format=charts.NUMBER_FORMAT),
        alt.Tooltip("organisations:Q", title=t("sk.axis.on_map"), format=charts.NUMBER_FORMAT),
    ]
    none = base.transform_filter("datum.taking_part == 0").mark_rect(
        fill=NONE_FILL, stroke=GRID_STROKE, strokeWidth=0.5
    )
    some = (
        base.transform_filter("datum.taking_part > 0")
        .mark_rect(stroke=GRID_STROKE, strokeWidth=0.5)
        .encode(
            color=alt.Color(
                "taking_part:Q",
                title=t("sk.axis.taking_part"),
                scale=alt.Scale(scheme="blues", domain=[0, top], clamp=True),
                legend=alt.Legend(
                    format=charts.NUMBER_FORMAT, orient="right", direction="vertical", values=ticks
                ),
            ),
        )
    )
    numbers = base.mark_text(fontSize=13).encode(
        text=alt.Text("taking_part:Q", format=charts.NUMBER_FORMAT),
        color=alt.Color("text_colour:N", scale=None),
    )
    chart = (
        alt.layer(none, some, numbers)
        .encode(tooltip=tooltip)
        .resolve_scale(color="independent")  # the text colours are literal, not on the blue scale
        .properties(title=title)
    )
    # Streamlit fits title and the slanted sector labels inside the height: leave room above the rows.
    return charts.finish(chart, counts=(), height=180 + ROW_PX * max(1, data["kern_label"].nunique()))
