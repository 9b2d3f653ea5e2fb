"""Altair charts of the page Deelname.

Every builder takes the frames of ``sv_analytics.deelname`` (with Dutch labels already
attached by the caller's texts) and ``protected`` (the view: ``components.chart`` calls the
builder for the screen and, protected, for the PNG) and returns a finished chart
(``charts.finish``). Counts are rounded and rates follow the rounded counts
(``charts.count_values``); a suppressed value is a grey ``<5`` mark of fixed height.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts, privacy, style
from sv_analytics.texts import t

TARGET_COLOUR = style.PALETTE[7]
BAND_COLOUR = "#BBBBBB"


def _x(grain: str, title: str | None = None) -> alt.X:
    """Time axis per month ('mrt 2018') or per quarter ('K1 2018')."""
    unit, fmt = ("yearquarter", "K%q %Y") if grain == "kwartaal" else ("yearmonth", charts.MONTH_FORMAT)
    return alt.X(
        "period:T", timeUnit=unit, title=title or t("deelname.axis.period"), axis=alt.Axis(format=fmt)
    )


def _tooltip(grain: str, *fields: alt.Tooltip) -> list[alt.Tooltip]:
    unit, fmt = ("yearquarter", "K%q %Y") if grain == "kwartaal" else ("yearmonth", charts.MONTH_FORMAT)
    return [alt.Tooltip("period:T", timeUnit=unit, format=fmt, title=t("deelname.axis.period")), *fields]


def _targets(targets: pd.DataFrame | None, grain: str) -> alt.Chart | None:
    """Dashed rule marks for the kern's targets (one segment per year)."""
    if targets is None or targets.empty:
        return None
    unit = "yearquarter" if grain == "kwartaal" else "yearmonth"
    # a target is a goal, not a count of people: its own field, so that "value" stays the counts'
    # the legend entry through a field of its own (not ``label``: that would join the lines'
    # colour legend): every mark explains itself in the image, not only in the page's caption
    data = targets.rename(columns={"value": "target"}).assign(
        label=t("deelname.target_label"), target_legend=t("png.target_legend")
    )
    return (
        alt.Chart(data)
        .mark_rule(strokeWidth=2.5, color=TARGET_COLOUR)
        .encode(
            x=alt.X("period:T", timeUnit=unit),
            x2=alt.X2("period_end:T"),
            y=alt.Y("target:Q"),
            strokeDash=alt.StrokeDash(
                "target_legend:N",
                title=None,
                scale=alt.Scale(domain=[t("png.target_legend")], range=[[6, 4]]),
                legend=alt.Legend(
                    orient="bottom",
                    symbolType="stroke",
                    symbolSize=500,
                    symbolStrokeColor=TARGET_COLOUR,
                    symbolStrokeWidth=2.5,
                    symbolDash=[6, 4],
                ),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=t("deelname.axis.figure")),
                alt.Tooltip("target:Q", format=",.1f", title=t("deelname.target_label")),
                alt.Tooltip("annual:Q", format=",.0f", title=t("deelname.target_label") + " (jaar)"),
            ],
        )
    )


HEIGHT = 320


def _with_targets(
    chart: alt.Chart,
    targets: pd.DataFrame | None,
    grain: str,
    title: str,
    marks: alt.LayerChart | None = None,
) -> alt.TopLevelMixin:
    rule = _targets(targets, grain)
    layered = alt.layer(chart, rule) if rule is not None else chart
    layered = charts.with_marks(layered, marks)
    finished = charts.finish(layered.properties(title=title), counts=("value",), height=HEIGHT)
    if rule is None:
        return finished
    divisor = t(f"deelname.target_divisor.{grain}") if grain in ("maand", "kwartaal") else ""
    return charts.with_png_notes(finished, t("deelname.target_caption", divisor=divisor))


def _marks(data: pd.DataFrame, grain: str, title: str) -> alt.LayerChart | None:
    """The ``<5`` marks of a chart over time (one per suppressed period and figure)."""
    figure = [alt.Tooltip("label:N", title=t("deelname.axis.figure"))] if "label" in data else []
    tooltip = _tooltip(
        grain, *figure, alt.Tooltip("value_txt:N", title=title if not figure else t("deelname.axis.count"))
    )
    return charts.suppressed_marks(data, x=_x(grain), tooltip=tooltip)


def lines(
    frame: pd.DataFrame,
    *,
    grain: str,
    title: str,
    targets: pd.DataFrame | None = None,
    protected: bool = True,
) -> alt.TopLevelMixin:
    """One line per figure (column ``label``) over time, with optional target rules; counts
    protected for a protected view (a suppressed month breaks the line at a ``<5`` mark)."""
    frame = charts.count_values(frame[[c for c in ("period", "code", "label", "value") if c in frame]],
                                protected=protected)  # fmt: skip
    chart = (
        alt.Chart(frame)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=_x(grain),
            y=alt.Y("value:Q", title=t("deelname.axis.count"), axis=alt.Axis(format=charts.NUMBER_FORMAT)),
            color=alt.Color(
                "label:N",
                title=None,
                sort=list(dict.fromkeys(frame["label"])),
                legend=alt.Legend(labelLimit=400),
            ),
            tooltip=_tooltip(
                grain,
                alt.Tooltip("label:N", title=t("deelname.axis.figure")),
                alt.Tooltip("value_txt:N", title=t("deelname.axis.count")),
            ),
        )
    )
    return _with_targets(chart, targets, grain, title, _marks(frame, grain, title))


def bars(
    frame: pd.DataFrame,
    *,
    grain: str,
    title: str,
    targets: pd.DataFrame | None = None,
    protected: bool = True,
) -> alt.TopLevelMixin:
    """Bars over time (referrals), with optional target rules; a protected view draws rounded
    counts and a month of 1–4 as a ``<5`` mark of fixed height."""
    frame = charts.count_values(frame[["period", "value"]], protected=protected)
    chart = (
        alt.Chart(frame)
        .mark_bar(color=style.PALETTE[2])
        .encode(
            x=_x(grain),
            y=alt.Y("value:Q", title=t("deelname.axis.count"), axis=alt.Axis(format=charts.NUMBER_FORMAT)),
            tooltip=_tooltip(grain, alt.Tooltip("value_txt:N", title=title)),
        )
    )
    return _with_targets(chart, targets, grain, title, _marks(frame, grain, title))


def categories(
    frame: pd.DataFrame, *, value: str, base: str, title: str, axis_title: str, protected: bool = True
) -> alt.TopLevelMixin:
    """Horizontal bars per category of a breakdown; ``value`` follows the count ``base`` (a
    protected view computes it from the rounded count and marks 1–4 as ``<5``)."""
    data = charts.count_values(
        frame[["label", value, base]], value, protected=protected, base=base, decimals=1
    )
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField(field=value, order="descending"))
    chart = (
        alt.Chart(data)
        .mark_bar(color=style.PALETTE[0])
        .encode(
            y=y,
            x=alt.X(f"{value}:Q", title=axis_title, axis=alt.Axis(format=charts.NUMBER_FORMAT)),
            tooltip=[
                alt.Tooltip("label:N", title=title),
                alt.Tooltip(f"{value}_txt:N", title=axis_title),
            ],
        )
    )
    marks = charts.suppressed_marks(data, y=y, text=f"{value}_txt")
    figure = charts.with_marks(chart, marks).properties(title=title)
    return charts.finish(figure, counts=(), derived=(value,), height=max(160, 44 * len(frame)))


def comparison(frame: pd.DataFrame, *, kern_name: str, grain: str, title: str) -> alt.TopLevelMixin:
    """The kern's line against the range (band) and median of the other kernen, per 1,000
    (``frame``: ``deelname.kern_comparison``, already protected for the view; a suppressed
    period of the kern is a ``<5`` mark of fixed height)."""
    y_title = t("deelname.axis.per_1000")
    band = (
        alt.Chart(frame)
        .mark_area(color=BAND_COLOUR, opacity=0.45)
        .encode(x=_x(grain), y=alt.Y("low:Q", title=y_title), y2="high:Q")
    )
    long = pd.concat(
        [
            pd.DataFrame({"period": frame["period"], "label": kern_name, "value": frame["kern"]}),
            pd.DataFrame(
                {"period": frame["period"], "label": t("deelname.compare_median"), "value": frame["median"]}
            ),
        ]
    )
    line = (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=_x(grain),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(
                    domain=[kern_name, t("deelname.compare_median")], range=[style.PALETTE[5], "#777777"]
                ),
            ),
            tooltip=_tooltip(
                grain,
                alt.Tooltip("label:N", title=t("deelname.axis.figure")),
                alt.Tooltip("value:Q", format=",.1f", title=y_title),
            ),
        )
    )
    suppressed = frame.assign(label=kern_name, value_txt=privacy.SUPPRESSED)
    marks = charts.suppressed_marks(suppressed[["period", "label", "value_txt", "suppressed"]], x=_x(grain))
    figure = charts.with_marks(alt.layer(band, line), marks).properties(title=title)
    return charts.finish(figure, counts=(), derived=("kern", "median", "low", "high", "value"), height=HEIGHT)


def novelty(frame: pd.DataFrame, *, title: str, protected: bool = True) -> alt.TopLevelMixin:
    """Stacked bars per phase: reach per 1,000 per year of existing and of new/renewed activities
    (from the rounded reach ``n``; a part from 1–4 people is a ``<5`` mark beside the bar)."""
    frame = charts.count_values(
        frame[["phase", "novelty", "label", "order", "per_1000", "n"]],
        "per_1000",
        protected=protected,
        base="n",
        decimals=1,
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("phase:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("per_1000:Q", title=t("deelname.axis.per_1000"), stack="zero"),
            color=alt.Color("label:N", title=None, sort=None, legend=alt.Legend(columns=1, labelLimit=400)),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("phase:N", title=t("deelname.axis.period")),
                alt.Tooltip("label:N", title=t("deelname.axis.figure")),
                alt.Tooltip("per_1000_txt:N", title=t("deelname.axis.per_1000")),
            ],
        )
    )
    marks = charts.suppressed_marks(
        frame, x=alt.X("phase:N", sort=None), text="per_1000_txt",
        tooltip=[alt.Tooltip("phase:N", title=t("deelname.axis.period")),
                 alt.Tooltip("label:N", title=t("deelname.axis.figure")),
                 alt.Tooltip("per_1000_txt:N", title=t("deelname.axis.per_1000"))],
    )  # fmt: skip
    figure = charts.with_marks(chart, marks).properties(title=title)
    return charts.finish(figure, counts=(), derived=("per_1000",), height=HEIGHT)


def baseline(frame: pd.DataFrame, *, title: str, protected: bool = True) -> alt.TopLevelMixin:
    """Grouped bars per kern: reach per 1,000 per year in 2016, 2017–2018 and 2019, from the
    rounded reach of the phase (``n``); a phase of 1–4 people is a ``<5`` mark of fixed height."""
    frame = charts.count_values(
        frame[["name", "phase", "per_1000", "n"]], "per_1000", protected=protected, base="n", decimals=1
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("name:N", title=None, sort=None, axis=alt.Axis(labelAngle=-60, labelOverlap=False)),
            xOffset=alt.XOffset("phase:N", sort=None),
            y=alt.Y("per_1000:Q", title=t("deelname.axis.per_1000")),
            color=alt.Color("phase:N", title=None, sort=None),
            tooltip=[
                alt.Tooltip("name:N", title=t("col.kern")),
                alt.Tooltip("phase:N", title=t("deelname.axis.period")),
                alt.Tooltip("per_1000_txt:N", title=t("deelname.axis.per_1000")),
            ],
        )
    )
    x = alt.X("name:N", title=None, sort=None, axis=alt.Axis(labelAngle=-60, labelOverlap=False))
    marks = charts.suppressed_marks(
        frame, x=x, offset=alt.XOffset("phase:N", sort=None), text="per_1000_txt",
        tooltip=[alt.Tooltip("name:N", title=t("col.kern")), alt.Tooltip("phase:N", title=t("deelname.axis.period")),
                 alt.Tooltip("per_1000_txt:N", title=t("deelname.axis.per_1000"))],
    )  # fmt: skip
    figure = charts.with_marks(chart, marks).properties(title=title)
    return charts.finish(figure, counts=(), derived=("per_1000",), height=380)
