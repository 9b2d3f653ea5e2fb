"""Altair charts of the page Mijn kern: werkplan timeline, targets bullet chart, comparison bars.

Every chart passes through :func:`charts.finish` (Dutch locale, palette, big fonts). Dates
reach Vega as timestamps; tooltips get pre-formatted Dutch text so that they read the same
as the tables.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from sv_analytics import charts, fmt, mijn_kern, privacy, style, vocab
from sv_analytics.texts import t

#: Status colours (Okabe–Ito): planned sky blue, busy orange, done green, cancelled grey.
STATUS_COLOURS = {
    "gepland": style.PALETTE[4],
    "bezig": style.PALETTE[1],
    "gereed": style.PALETTE[2],
    "vervallen": "#9E9E9E",
}
HIGHLIGHT = style.PALETTE[5]  # vermillion: overdue, own kern
OTHER = style.PALETTE[0]  # blue: comparable kernen
ROW_HEIGHT = 26
#: Streamlit fits the whole chart (axes and legend included) into the height: room for them.
AXIS_AND_LEGEND = 120


def _room(values: pd.Series, at_least: float = 0) -> float:
    """Axis maximum with room for the value labels right of the longest bar."""
    largest = values.max() if values.notna().any() else 0
    return max(float(largest), at_least) * 1.15 or 1.0


def _bars_with_values(
    data: pd.DataFrame,
    *,
    x: alt.X,
    y: alt.Y,
    split: str,
    colours: dict[str, str],
    tooltip: list[alt.Tooltip],
    text: str,
    bar_height: int,
) -> tuple[alt.Chart, alt.Chart]:
    """Horizontal bars coloured by a two-way ``split`` (its labels → their colours, no legend
    title) and each bar's ``text`` written right of it: the targets and the comparison charts."""
    bars = (
        alt.Chart(data)
        .mark_bar(height=bar_height)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                split, title=None, scale=alt.Scale(domain=list(colours), range=list(colours.values()))
            ),
            tooltip=tooltip,
        )
    )
    values = alt.Chart(data).mark_text(align="left", dx=4, fontSize=13).encode(x=x.shorthand, y=y, text=text)
    return bars, values


def _timeline_data(actions: pd.DataFrame) -> pd.DataFrame:
    data = actions[["label", "order", "phase_label", "status_label", "overdue", "description"]].copy()
    data["start"] = pd.to_datetime(actions["planned_start"])
    data["end"] = pd.to_datetime(actions["planned_end"])
    data["done"] = pd.to_datetime(actions["completed_on"])
    data["period_text"] = [
        f"{fmt.day(s)} – {fmt.day(e)}"
        for s, e in zip(actions["planned_start"], actions["planned_end"], strict=True)
    ]
    data["done_text"] = actions["completed_on"].map(lambda d: fmt.day(d) if d is not None else "–")
    data["overdue_text"] = data["overdue"].map(lambda o: t("mijn_kern.chart.overdue") if o else "")
    return data


def timeline(actions: pd.DataFrame, peildatum: date) -> alt.TopLevelMixin:
    """Each action a bar from planned start to planned end, coloured by status on the peildatum.

    Overdue actions get a vermillion outline and the word *achterstallig*; a diamond marks the
    completion date; a dashed line marks the peildatum.
    """
    data = _timeline_data(actions)
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField(field="order", op="min"),
        title=None,
        axis=alt.Axis(labelLimit=420),
    )
    statuses = [s for s in vocab.WERKPLAN_STATUS if s in set(actions["status_at"])] or list(
        vocab.WERKPLAN_STATUS
    )
    colour = alt.Color(
        "status_label:N",
        title=t("mijn_kern.chart.status_on", day=fmt.day(peildatum)),
        scale=alt.Scale(
            domain=[vocab.WERKPLAN_STATUS[s] for s in statuses], range=[STATUS_COLOURS[s] for s in statuses]
        ),
    )
    tooltip = [
        alt.Tooltip("description:N", title=t("mijn_kern.col.action")),
        alt.Tooltip("phase_label:N", title=t("mijn_kern.col.phase")),
        alt.Tooltip("period_text:N", title=t("mijn_kern.chart.planned")),
        alt.Tooltip("status_label:N", title=t("mijn_kern.col.status")),
        alt.Tooltip("done_text:N", title=t("mijn_kern.chart.done_on")),
    ]
    base = alt.Chart(data)
    bars = base.mark_bar(cornerRadius=3, height=ROW_HEIGHT - 8).encode(
        x=alt.X("start:T", title=t("mijn_kern.chart.planned"), axis=alt.Axis(format=charts.MONTH_FORMAT)),
        x2="end:T",
        y=y,
        color=colour,
        stroke=alt.condition("datum.overdue", alt.value(HIGHLIGHT), alt.value(None)),
        strokeWidth=alt.condition("datum.overdue", alt.value(3), alt.value(0)),
        tooltip=tooltip,
    )
    late = (
        base.transform_filter("datum.overdue")
        .mark_text(align="left", dx=6, fontSize=13, fontWeight="bold", color=HIGHLIGHT)
        .encode(x="end:T", y=y, text="overdue_text:N")
    )
    done = (
        base.transform_filter("isValid(datum.done)")
        .mark_point(shape="diamond", size=110, filled=True, color="#000000")
        .encode(x="done:T", y=y, tooltip=tooltip)
    )
    rule_data = pd.DataFrame(
        {"peildatum": [pd.Timestamp(peildatum)], "text": [t("mijn_kern.chart.peildatum")]}
    )
    rule = (
        alt.Chart(rule_data)
        .mark_rule(strokeDash=[6, 4], color="#000000", strokeWidth=2)
        .encode(x="peildatum:T")
    )
    rule_text = (
        alt.Chart(rule_data)
        .mark_text(align="right", dx=-4, dy=-6, baseline="top", fontSize=13)
        .encode(x="peildatum:T", y=alt.value(0), text="text:N")
    )
    height = ROW_HEIGHT * max(len(data), 4) + AXIS_AND_LEGEND
    finished = charts.finish(alt.layer(bars, late, done, rule, rule_text), counts=(), height=height)
    # what the diamond, the red outline and the dashed line mean, in every PNG of the chart
    return charts.with_png_notes(finished, t("mijn_kern.werkplan_intro"))


#: Colour of each target status on the targets chart (mijn_kern.TARGET_STATUSES).
TARGET_COLOURS = {
    "gehaald": style.PALETTE[2],
    "niet_gehaald": style.PALETTE[5],
    "nog_niet_gehaald": style.PALETTE[1],
    "onbekend": "#9E9E9E",
}


def targets_chart(frame: pd.DataFrame, protected: bool = True) -> alt.TopLevelMixin:
    """Bullet-style bars: % of each year's target reached, with the 100 % line. A realisation
    that counts persons is protected (the % from the rounded count; 1–4 as a ``<5`` mark of
    fixed length); the chart's data holds the label, the % and its text only."""
    rows = frame[frame["pct"].notna()]
    data = charts.count_values(
        rows[["name", "year", "pct", "realised_persons", "status"]],
        "pct",
        protected=protected,
        base="realised_persons",
    )
    data["label"] = [f"{n} {y}" for n, y in zip(data["name"], data["year"], strict=True)]
    data["order"] = range(len(data))
    data["reached_label"] = data["status"].map(lambda v: t(f"mijn_kern.chart.status.{v}"))
    data["pct_text"] = [
        privacy.SUPPRESSED if small else fmt.percent(v, 0)
        for v, small in zip(data["pct"], data[charts.SUPPRESSED_FLAG], strict=True)
    ]
    data = data.drop(columns=["pct_txt", "name", "year", "status"])
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField(field="order", op="min"),
        title=None,
        axis=alt.Axis(labelLimit=320),
    )
    domain_max = _room(data["pct"], 100)
    data[LABEL_INSIDE] = label_inside(data["pct"], domain_max)
    bars, text = _bars_with_values(
        data,
        x=alt.X("pct:Q", title=t("mijn_kern.col.pct_reached"), scale=alt.Scale(domainMax=domain_max)),
        y=y,
        split="reached_label:N",
        colours={  # only the statuses shown, in this order: a legend without empty entries
            t(f"mijn_kern.chart.status.{status}"): colour
            for status, colour in TARGET_COLOURS.items()
            if status in set(rows["status"])
        },
        tooltip=[
            alt.Tooltip("label:N", title=t("mijn_kern.col.indicator")),
            alt.Tooltip("pct_text:N", title=t("mijn_kern.col.pct_reached")),
        ],
        text="pct_text:N",
        bar_height=ROW_HEIGHT - 10,
    )
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[6, 4], strokeWidth=2).encode(x="x:Q")
    # a bar short of the target carries its label inside, at its end: written right of it, a
    # value just under 100 % ("93%") lay across the 100 % line
    outside = text.transform_filter(f"!datum.{LABEL_INSIDE}")
    inside = (
        alt.Chart(data)
        .transform_filter(f"datum.{LABEL_INSIDE}")
        .mark_text(align="right", dx=-4, fontSize=13, color="#FFFFFF", fontWeight="bold")
        .encode(x="pct:Q", y=y, text="pct_text:N")
    )
    marks = charts.suppressed_marks(data, y=y, text="pct_text")
    figure = charts.with_marks(alt.layer(bars, rule, outside, inside), marks)
    finished = charts.finish(
        figure, counts=(), derived=("pct",), height=ROW_HEIGHT * max(len(data), 3) + AXIS_AND_LEGEND
    )
    return charts.with_png_notes(finished, t("png.target_line"))


#: Data field of the targets chart: the bar's label is drawn inside the bar (:func:`label_inside`).
LABEL_INSIDE = "label_inside"
#: The narrowest plot the targets chart is drawn in (px; the screen's half column) and the room a
#: label "100%" needs: a bar shorter than that keeps its label outside.
NARROWEST_PLOT, LABEL_PX = 420, 44


def label_inside(pct: pd.Series, domain_max: float) -> pd.Series:
    """Which bars below 100 % carry their label inside: those long enough for it at the
    narrowest plot. The rest are short, far left of the 100 % line, their label beside them."""
    long_enough = pct / domain_max * NARROWEST_PLOT >= LABEL_PX
    return (pct < 100) & long_enough.fillna(False)


def comparison_chart(
    figures: pd.DataFrame,
    column: str,
    title: str,
    kern_id: str,
    protected: bool = True,
    percent: bool = False,
) -> alt.TopLevelMixin:
    """One measure for the kern (vermillion) and its comparable kernen (blue); protected, each
    value from the rounded counts it comes from (``mijn_kern.COMPARISON_BASIS``), a value from a
    count of 1–4 as a ``<5`` mark of fixed length. The data holds no count. ``percent``: the
    measure is a share in %, its value labels say so (``36,4%``)."""
    base, per = mijn_kern.COMPARISON_BASIS[column]
    source = figures[["kern_id", "name", column, *(c for c in (base, per) if c)]]
    data = charts.count_values(source, column, protected=protected, base=base, per=per, decimals=1)
    data = data.rename(columns={column: "value", f"{column}_txt": "value_text"})
    if percent:
        data["value_text"] = [
            text if small or pd.isna(value) else fmt.percent(value, 1)
            for text, value, small in zip(
                data["value_text"], data["value"], data[charts.SUPPRESSED_FLAG], strict=True
            )
        ]
    data["order"] = range(len(data))
    data["who"] = [
        t("mijn_kern.chart.own_kern") if k == kern_id else t("mijn_kern.chart.comparable")
        for k in data["kern_id"]
    ]
    y = alt.Y("name:N", sort=alt.EncodingSortField(field="order", op="min"), title=None)
    bars, text = _bars_with_values(
        data,
        x=alt.X("value:Q", title=None, scale=alt.Scale(domainMax=_room(data["value"]))),
        y=y,
        split="who:N",
        colours={t("mijn_kern.chart.own_kern"): HIGHLIGHT, t("mijn_kern.chart.comparable"): OTHER},
        tooltip=[
            alt.Tooltip("name:N", title=t("mijn_kern.col.kern")),
            alt.Tooltip("value_text:N", title=title),
        ],
        text="value_text:N",
        bar_height=ROW_HEIGHT - 8,
    )
    marks = charts.suppressed_marks(data, y=y, text="value_text")
    return charts.finish(
        charts.with_marks(alt.layer(bars, text), marks).properties(title=title),
        counts=(),
        derived=("value",),
        height=ROW_HEIGHT * len(data) + AXIS_AND_LEGEND,
    )
