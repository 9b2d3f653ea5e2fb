"""Altair charts of the page Deelname.

Every builder takes the frames of ``sv_analytics.deelname`` (with Dutch labels already
attached by the caller's texts) and returns a finished chart (``charts.finish``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts, style
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
    data = targets.assign(label=t("deelname.target_label"))
    return (
        alt.Chart(data)
        .mark_rule(strokeDash=[6, 4], strokeWidth=2.5, color=TARGET_COLOUR)
        .encode(
            x=alt.X("period:T", timeUnit=unit),
            x2=alt.X2("period_end:T"),
            y=alt.Y("value:Q"),
            tooltip=[
                alt.Tooltip("label:N", title=t("deelname.axis.figure")),
                alt.Tooltip("value:Q", format=",.1f", title=t("deelname.target_label")),
                alt.Tooltip("annual:Q", format=",.0f", title=t("deelname.target_label") + " (jaar)"),
            ],
        )
    )


def _with_targets(
    chart: alt.Chart, targets: pd.DataFrame | None, grain: str, title: str
) -> alt.TopLevelMixin:
    rule = _targets(targets, grain)
    layered = alt.layer(chart, rule) if rule is not None else chart
    return charts.finish(layered.properties(title=title))


def lines(
    frame: pd.DataFrame, *, grain: str, title: str, targets: pd.DataFrame | None = None
) -> alt.TopLevelMixin:
    """One line per figure (column ``label``) over time, with optional target rules."""
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
                alt.Tooltip("value:Q", format=",.0f", title=t("deelname.axis.count")),
            ),
        )
    )
    return _with_targets(chart, targets, grain, title)


def bars(
    frame: pd.DataFrame, *, grain: str, title: str, targets: pd.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Bars over time (referrals), with optional target rules."""
    chart = (
        alt.Chart(frame)
        .mark_bar(color=style.PALETTE[2])
        .encode(
            x=_x(grain),
            y=alt.Y("value:Q", title=t("deelname.axis.count"), axis=alt.Axis(format=charts.NUMBER_FORMAT)),
            tooltip=_tooltip(grain, alt.Tooltip("value:Q", format=",.0f", title=title)),
        )
    )
    return _with_targets(chart, targets, grain, title)


def categories(frame: pd.DataFrame, *, value: str, title: str, axis_title: str) -> alt.TopLevelMixin:
    """Horizontal bars per category of a breakdown."""
    chart = (
        alt.Chart(frame)
        .mark_bar(color=style.PALETTE[0])
        .encode(
            y=alt.Y("label:N", title=None, sort="-x"),
            x=alt.X(f"{value}:Q", title=axis_title, axis=alt.Axis(format=charts.NUMBER_FORMAT)),
            tooltip=[
                alt.Tooltip("label:N", title=title),
                alt.Tooltip(f"{value}:Q", format=",.1f", title=axis_title),
            ],
        )
        .properties(title=title)
    )
    return charts.finish(chart, height=max(160, 44 * len(frame)))


def comparison(frame: pd.DataFrame, *, kern_name: str, grain: str, title: str) -> alt.TopLevelMixin:
    """The kern's line against the range (band) and median of the other kernen, per 1,000."""
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
    return charts.finish(alt.layer(band, line).properties(title=title))


def novelty(frame: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Stacked bars per phase: reach per 1,000 per year of existing and of new/renewed activities."""
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
                alt.Tooltip("per_1000:Q", format=",.1f", title=t("deelname.axis.per_1000")),
            ],
        )
        .properties(title=title)
    )
    return charts.finish(chart)


def baseline(frame: pd.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """Grouped bars per kern: reach per 1,000 per year in 2016, 2017–2018 and 2019."""
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
                alt.Tooltip("per_1000:Q", format=",.1f", title=t("deelname.axis.per_1000")),
            ],
        )
        .properties(title=title)
    )
    return charts.finish(chart, height=380)
