"""Altair charts of the page Kernprofiel en doelgroepen.

Every builder takes a frame prepared by :mod:`sv_analytics.kernprofiel` (Dutch labels and
formatted numbers already in it) and returns a finished chart.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sv_analytics import charts, style, vocab
from sv_analytics.texts import t

#: Diverging, colour-blind-safe scheme for "more / less than the other kernen".
HEATMAP_SCHEME = "blueorange"


def population_chart(trend: pd.DataFrame) -> alt.TopLevelMixin:
    """Inhabitants per year, stacked by age group: krimp/groei and ageing in one view."""
    order = list(dict.fromkeys(trend["label"]))
    chart = (
        alt.Chart(trend)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("kernprofiel.axis.year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "value:Q", title=t("kernprofiel.axis.inhabitants"), axis=alt.Axis(format=charts.NUMBER_FORMAT)
            ),
            color=alt.Color("label:N", title=t("kernprofiel.axis.age_group"), sort=order),
            order=alt.Order("order:Q", sort="descending"),
            tooltip=[
                alt.Tooltip("year:O", title=t("kernprofiel.axis.year")),
                alt.Tooltip("label:N", title=t("kernprofiel.axis.age_group")),
                alt.Tooltip("value:Q", title=t("kernprofiel.axis.inhabitants"), format=charts.NUMBER_FORMAT),
            ],
        )
    )
    return charts.finish(chart, counts=(), height=300)


def health_chart(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Dot chart: each health indicator for the wijk beside gemeente, Overijssel and Nederland.

    The age group (18+ or 65+) is in the axis title, so that the figure says whom it is about
    wherever it goes (a PNG, a slide). Colour and shape share one legend: the area order is
    the scales' domain, not an encoding ``sort`` (Vega-Lite does not merge the two legends of
    sorted channels and drew "Gebied" twice)."""
    areas = list(dict.fromkeys(frame["area"]))
    order = list(dict.fromkeys(frame.sort_values("indicator_order")["indicator_name"]))
    ages = "/".join(dict.fromkeys(frame["age_group"])) if "age_group" in frame else ""
    x_title = t("png.health_axis", age=ages) if ages else t("kernprofiel.axis.percent")
    chart = (
        alt.Chart(frame)
        .mark_point(filled=True, size=160, opacity=0.9)
        .encode(
            y=alt.Y("indicator_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=320)),
            x=alt.X("value:Q", title=x_title, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("area:N", title=t("kernprofiel.axis.area"), scale=alt.Scale(domain=areas)),
            shape=alt.Shape("area:N", title=t("kernprofiel.axis.area"), scale=alt.Scale(domain=areas)),
            tooltip=[
                alt.Tooltip("indicator_name:N", title=t("kernprofiel.axis.indicator")),
                alt.Tooltip("area:N", title=t("kernprofiel.axis.area")),
                alt.Tooltip("value_txt:N", title=t("kernprofiel.axis.percent")),
                alt.Tooltip("year:O", title=t("kernprofiel.axis.year")),
                alt.Tooltip("source:N", title=t("kernprofiel.axis.source")),
            ],
        )
    )
    return charts.finish(chart, counts=(), height=40 * frame["indicator_name"].nunique() + 40)


def heatmap(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Kern × doelgroep: estimated share of the inhabitants, coloured by the difference from the mean.

    Numbers in the cells; a black frame marks a target group the kern chose; ageing kernen
    (65+ ≥ 25%) carry the word 'vergrijsd' in bold on the axis and sit at the top. The mean and
    the colour domain are those of all kernen (``frame``: :func:`kernprofiel.kern_comparison`'s
    ``deviation``, ``deviation_limit`` and ``mean_of``), not of the rows shown: a cell keeps its
    colour when a gemeente filter hides the others (issue 14).
    """
    kern_order = list(dict.fromkeys(frame["kern_label"]))
    group_order = [t(f"kernprofiel.short.{g}") for g in vocab.DOELGROEP]
    limit = float(frame["deviation_limit"].iloc[0])
    legend_title = t("kernprofiel.axis.deviation", n=int(frame["mean_of"].iloc[0]))
    suffix = t("kernprofiel.ageing_suffix").strip()
    chosen = frame["chosen"].map({True: t("kernprofiel.yes"), False: t("kernprofiel.no")})
    short = frame["doelgroep"].map(lambda g: t(f"kernprofiel.short.{g}"))
    # only what the cells show: no estimate counts (the status holders' is a count of people)
    shown = frame[["kern", "kern_label", "doelgroep", "doelgroep_label", "deviation", "value_txt", "chosen"]]
    base = alt.Chart(shown.assign(chosen_txt=chosen, doelgroep_short=short)).encode(
        x=alt.X("doelgroep_short:N", title=None, sort=group_order, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y(
            "kern_label:N",
            title=None,
            sort=kern_order,
            axis=alt.Axis(
                labelFontWeight=alt.ExprRef(f"indexof(datum.value, '{suffix}') >= 0 ? 'bold' : 'normal'"),
                labelLimit=320,
            ),
        ),
    )
    tooltip = [
        alt.Tooltip("kern:N", title=t("kernprofiel.axis.kern")),
        alt.Tooltip("doelgroep_label:N", title=t("kernprofiel.axis.doelgroep")),
        alt.Tooltip("value_txt:N", title=t("kernprofiel.axis.share")),
        alt.Tooltip("chosen_txt:N", title=t("kernprofiel.axis.chosen")),
    ]
    rect = base.mark_rect(strokeWidth=3).encode(
        color=alt.Color(
            "deviation:Q",
            title=legend_title,
            scale=alt.Scale(scheme=HEATMAP_SCHEME, domain=[-limit, limit], domainMid=0),
            legend=alt.Legend(format=".1f", orient="bottom", gradientLength=320, titleLimit=500),
        ),
        stroke=alt.condition("datum.chosen", alt.value("#000000"), alt.value(None)),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=charts.FONT_SIZE).encode(
        text="value_txt:N",
        color=alt.condition(
            f"abs(datum.deviation) > {0.6 * limit:.3f}", alt.value("white"), alt.value("black")
        ),
        tooltip=tooltip,
    )
    chart = alt.layer(rect, text)
    return charts.finish(chart, counts=(), derived=("deviation",), height=max(34 * len(kern_order), 120))


def growth_chart(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Population change per kern (% per year): krimp in ageing villages, growth in city wijken."""
    kernen = frame.drop_duplicates("kern_id").dropna(subset=["growth_pct"])
    groups = [t("kernprofiel.group.ageing"), t("kernprofiel.group.other"), t("kernprofiel.group.city")]
    colours = [style.PALETTE[5], style.PALETTE[0], style.PALETTE[1]]
    chart = (
        alt.Chart(kernen)
        .mark_bar()
        .encode(
            y=alt.Y(
                "kern:N",
                title=None,
                sort=alt.EncodingSortField("growth_pct", order="ascending"),
                axis=alt.Axis(labelLimit=320, labelOverlap=False),
            ),
            x=alt.X("growth_pct:Q", title=t("kernprofiel.col.growth"), axis=alt.Axis(format=".1f")),
            color=alt.Color(
                "group:N", title=t("kernprofiel.axis.group"), scale=alt.Scale(domain=groups, range=colours)
            ),
            tooltip=[
                alt.Tooltip("kern:N", title=t("kernprofiel.axis.kern")),
                alt.Tooltip("growth_pct:Q", title=t("kernprofiel.col.growth"), format=".2f"),
                alt.Tooltip("share_65:Q", title=t("kernprofiel.axis.share_65"), format=".1f"),
            ],
        )
    )
    return charts.finish(chart, counts=(), height=max(30 * len(kernen), 120))
