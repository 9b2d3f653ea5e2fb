"""Altair charts of the page Evaluatie: one kern's sub-goals 2017 → 2018 and the heat map of
all kernen × sub-goals per moment.

The builders take the frames of :mod:`sv_analytics.evaluatie`. The one-kern chart goes through
``charts.finish``; the heat map is a facet (2017 | 2018), which ``finish`` cannot size (a facet
has no top-level width or height), so it gets its cell size on the inner chart and the shared
configuration ``charts.CONFIG`` (Dutch locale, palette, fonts) through :func:`_finish_facet`.
"""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from sv_analytics import charts, evaluatie, style, vocab
from sv_analytics.texts import t

#: Score colours, low → high: ColorBrewer YlGnBu (colour-blind safe), dark enough to tell apart.
SCORE_COLOURS = (style.SEQUENTIAL[0], style.SEQUENTIAL[1], style.SEQUENTIAL[2], style.SEQUENTIAL[4])
NO_SCORE_COLOUR = "#DDDDDD"
#: Cell size of the heat map: two panels of three cells beside the kern names fit the 820 px
#: main column at 1280×720 (108 px cells made it 907 px wide, clipped on a beamer).
CELL_WIDTH = 84
#: Two lines of cell text (its judgement broken at the space) need this row height.
ROW_HEIGHT = 30
#: Overlapping lines of one kern (equal scores) are drawn this far apart, per sub-goal.
OFFSET = 0.1
#: Characters per line of a sub-goal name above the heat map (as narrow as a cell).
WRAP = 12
LINE_HEIGHT = 16
#: Line height (px) of a cell's two-line judgement.
TEXT_LINE = 12


def _score_axis_expr() -> str:
    """Vega expression mapping the numbers 1–4 of the score axis to their Dutch labels."""
    mapping = {str(code): label for code, label in vocab.SUBGOAL_SCORE.items()}
    return f"{json.dumps(mapping)}[toString(datum.value)] || ''"


def _wrapped(labels: list[str]) -> dict[str, list[str]]:
    """Each sub-goal name broken into short lines (axis labels must stay as narrow as a cell)."""
    return {label: textwrap.wrap(label, WRAP, break_long_words=False) for label in labels}


def _lines_expr(wrapped: dict[str, list[str]]) -> str:
    """Vega expression that shows an axis label as its wrapped lines."""
    return f"{json.dumps(wrapped)}[datum.label] || datum.label"


def kern_scores(frame: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Dot/slope chart: per sub-goal its score at the interim (2017) and final (2018) evaluatie."""
    subgoals = [evaluatie.subgoal_label(s) for s in evaluatie.SUBGOALS]
    moments = [evaluatie.moment_label(m) for m in evaluatie.MOMENTS]
    data = frame.assign(y=frame["score"] + (frame["subgoal"] - 2) * OFFSET)
    base = alt.Chart(data).encode(
        x=alt.X("moment_label:N", title=None, sort=moments, scale=alt.Scale(domain=moments, padding=0.3),
                axis=alt.Axis(labelAngle=0, grid=False, labelLimit=300)),
        y=alt.Y("y:Q", title=None, scale=alt.Scale(domain=[0.75, 4.25], nice=False),
                axis=alt.Axis(values=list(evaluatie.SCORES), labelExpr=_score_axis_expr(), labelLimit=200)),
        color=alt.Color("subgoal_label:N", title=t("eval.col.subgoal"), sort=subgoals,
                        scale=alt.Scale(domain=subgoals), legend=alt.Legend(orient="right", columns=1, labelLimit=400)),
        tooltip=[
            alt.Tooltip("subgoal_label:N", title=t("eval.col.subgoal")),
            alt.Tooltip("moment_label:N", title=t("eval.col.moment")),
            alt.Tooltip("score:Q", title=t("eval.col.score")),
            alt.Tooltip("score_label:N", title=t("eval.col.judgement")),
        ],
    )  # fmt: skip
    chart = alt.layer(
        base.mark_line(strokeWidth=3),
        base.mark_point(size=160, filled=True, opacity=1),
    ).properties(title=title)
    return charts.finish(chart, counts=(), height=420)


def overview_heatmap(cells: pd.DataFrame, *, title: str) -> alt.FacetChart:
    """Kern × sub-goal, one panel per moment; each cell coloured by its score and labelled with
    the score's Dutch name; kernen without evaluation grey ('geen evaluatie')."""
    rows = list(dict.fromkeys(cells.sort_values("row_order")["row_label"]))
    subgoals = [evaluatie.subgoal_label(s) for s in evaluatie.SUBGOALS]
    labels = [evaluatie.score_label(s) for s in evaluatie.SCORES]
    no_score = evaluatie.score_label(None)
    data = cells.assign(
        dark=cells["score"] == max(evaluatie.SCORES),
        score_text=cells["score_label"],
    )
    wrapped = _wrapped(subgoals)
    # Vega draws extra label lines downwards, also on a top axis: the padding lifts them clear.
    padding = 4 + LINE_HEIGHT * (max(len(lines) for lines in wrapped.values()) - 1)
    base = alt.Chart().encode(
        x=alt.X("subgoal_label:N", title=None, sort=subgoals,
                axis=alt.Axis(labelAngle=0, orient="top", labelExpr=_lines_expr(wrapped), grid=False,
                              labelLineHeight=LINE_HEIGHT, labelPadding=padding, labelFontSize=11,
                              labelLimit=CELL_WIDTH + 40, labelOverlap=False, labelAlign="center")),  # all sub-goals
        y=alt.Y("row_label:N", title=t("eval.axis.kern"), sort=rows, axis=alt.Axis(grid=False, labelLimit=260)),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip("row_label:N", title=t("col.kern")),
        alt.Tooltip("moment_label:N", title=t("eval.col.moment")),
        alt.Tooltip("subgoal_label:N", title=t("eval.col.subgoal")),
        alt.Tooltip("score_label:N", title=t("eval.col.judgement")),
    ]
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "score_label:N",
            title=t("eval.col.judgement"),
            sort=[*labels, no_score],
            scale=alt.Scale(domain=[*labels, no_score], range=[*SCORE_COLOURS, NO_SCORE_COLOUR]),
            # the palest colours need an outline to be seen in the legend
            legend=alt.Legend(
                symbolType="square",
                symbolSize=220,
                symbolStrokeColor="#888888",
                symbolStrokeWidth=1,
                columns=5,
                labelLimit=200,
            ),
        ),
        tooltip=tooltip,
    )
    # "Grotendeels / bereikt" on two lines fits a cell; Vega draws extra lines downwards, so the
    # two-line judgements are lifted by half a line and the one-word ones ("Bereikt") are not
    two_lines = "indexof(datum.score_text, ' ') >= 0"
    texts = [
        base.mark_text(fontSize=11, lineBreak=" ", lineHeight=TEXT_LINE, dy=dy)
        .encode(
            text="score_text:N",
            color=alt.condition("datum.dark", alt.value("white"), alt.value("black")),
            tooltip=tooltip,
        )
        .transform_filter(test)
        for test, dy in ((two_lines, -TEXT_LINE / 2), (f"!({two_lines})", 0))
    ]
    layered = alt.layer(rect, *texts, data=data).properties(
        width=CELL_WIDTH * len(subgoals), height=ROW_HEIGHT * len(rows)
    )
    moments = [evaluatie.moment_label(m) for m in evaluatie.MOMENTS]
    chart = layered.facet(
        column=alt.Column(
            "moment_label:N",
            title=None,
            sort=moments,
            header=alt.Header(labelFontSize=15, labelFontWeight="bold"),
        ),
        spacing=16,
    )
    return _finish_facet(chart.properties(title=title))


def _finish_facet(chart: alt.FacetChart) -> alt.FacetChart:
    """charts.finish for a facet: the shared configuration only (the size is set on the cells),
    and the declaration that it shows no counts of people (kernen per score)."""
    chart.config = alt.Config(**charts.CONFIG)
    chart.usermeta = {charts.PRIVACY_META: {"counts": [], "derived": []}}
    return chart
