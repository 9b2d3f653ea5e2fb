"""Altair charts of the page Samenwerking: the partnership network, the referral flow
diagram and the monthly referrals beside the signing of the referral network.

Coordinates come ready from ``sv_analytics.samenwerking`` (layout and Sankey bands are
computed there, in numpy); the builders only draw, and every chart passes ``charts.finish``.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from sv_analytics import charts, style, vocab
from sv_analytics.samenwerking import Network
from sv_analytics.texts import t

EDGE_COLOUR = "#888888"
AGREEMENT_COLOUR = "#555555"
RULE_COLOUR = style.PALETTE[5]
FAINT = 0.2
NO_AXIS = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)


def _sector_scale(sectors: pd.Series) -> alt.Scale:
    """Fixed sector colours (same sector, same colour in every kern), in vocabulary order."""
    present = [code for code in vocab.SECTOR if code in set(sectors)]
    return alt.Scale(
        domain=[vocab.SECTOR[c] for c in present], range=[style.SECTOR_COLOURS[c] for c in present]
    )


def network(net: Network, *, title: str) -> alt.TopLevelMixin:
    """Organisations on a circle (colour = sector, faint without a running agreement),
    agreements as grey diamonds inside, lines from each agreement to its parties."""
    orgs = net.organisations.assign(opacity=net.organisations["active"].map({True: 1.0, False: FAINT}))
    x = alt.X("x:Q", scale=alt.Scale(domain=[-2.1, 2.1]), axis=NO_AXIS)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-1.25, 1.25]), axis=NO_AXIS)
    layers: list[alt.Chart] = []
    if not net.edges.empty:
        layers.append(
            alt.Chart(net.edges)
            .mark_rule(color=EDGE_COLOUR, strokeWidth=1.5, opacity=0.7)
            .encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
        )
    nodes = (
        alt.Chart(orgs)
        .mark_circle(size=420, stroke="#333333", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "sector_label:N",
                title=t("smw.legend_sector"),
                scale=_sector_scale(orgs["sector"]),
                legend=alt.Legend(
                    orient="bottom",
                    columns=4,
                    labelLimit=260,
                    symbolOpacity=1,
                    symbolSize=220,
                    symbolStrokeWidth=0,
                ),
            ),
            opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
            tooltip=[
                alt.Tooltip("name:N", title=t("smw.col.parties")),
                alt.Tooltip("sector_label:N", title=t("smw.legend_sector")),
                alt.Tooltip("n_agreements:Q", title=t("smw.col.agreements")),
            ],
        )
    )
    layers.append(nodes)
    for side, keep, align, dx in (
        ("rechts", "datum.x >= 0", "left", 14),
        ("links", "datum.x < 0", "right", -14),
    ):
        layers.append(
            alt.Chart(orgs, name=f"labels_{side}")
            .transform_filter(keep)
            .mark_text(align=align, dx=dx, fontSize=13)
            .encode(x=x, y=y, text="name:N", opacity=alt.Opacity("opacity:Q", scale=None, legend=None))
        )
    if not net.agreements.empty:
        layers.append(
            alt.Chart(net.agreements)
            .mark_point(shape="diamond", filled=True, size=260, color=AGREEMENT_COLOUR, opacity=1)
            .encode(
                x=x,
                y=y,
                tooltip=[
                    alt.Tooltip("kind_label:N", title=t("smw.legend_agreement")),
                    alt.Tooltip("description:N", title=t("smw.col.description")),
                    alt.Tooltip("start_date:T", title=t("smw.col.start"), format="%-d %b %Y"),
                    alt.Tooltip("parties:Q", title=t("smw.col.parties")),
                ],
            )
        )
        layers.append(
            alt.Chart(net.agreements)
            .mark_text(dy=-14, fontSize=12, color=AGREEMENT_COLOUR, fontStyle="italic")
            .encode(x=x, y=y, text="kind_label:N")
        )
    return charts.finish(alt.layer(*layers).properties(title=title), counts=(), height=520)


def flows(
    nodes: pd.DataFrame, bands: pd.DataFrame, *, title: str, headers: tuple[str, str, str]
) -> alt.TopLevelMixin:
    """A three-column Sankey: sector → activity kind → target group; band width ∝ the shown
    referrals (``samenwerking.sankey``: rounded counts, one thin width for <5), every node and
    band labelled with its protected count. The data holds geometry and texts, no counts."""
    x = alt.X("x:Q", scale=alt.Scale(domain=[-0.05, 2.6]), axis=NO_AXIS)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-0.02, 1.08]), axis=NO_AXIS)
    palette = [*style.PALETTE[:6], "#999999", "#8C6D31"]
    band = (
        alt.Chart(bands)
        .mark_area(opacity=0.45, interpolate="linear")
        .encode(
            x=x,
            y=y,
            y2="y2:Q",
            detail="link:N",
            color=alt.Color("source:N", legend=None, scale=alt.Scale(range=palette)),
            tooltip=[
                alt.Tooltip("source:N", title=t("smw.band_from")),
                alt.Tooltip("target:N", title=t("smw.band_to")),
                alt.Tooltip("n_txt:N", title=t("col.referrals")),
            ],
        )
    )
    boxes = nodes.assign(x=nodes["column"] - 0.02, x2=nodes["column"] + 0.02)
    rect = (
        alt.Chart(boxes)
        .mark_rect(color="#333333")
        .encode(x=x, x2="x2:Q", y=y, y2="y2:Q", tooltip=[alt.Tooltip("text:N", title=t("col.referrals"))])
    )
    labels = (
        alt.Chart(boxes.assign(ymid=(boxes["y"] + boxes["y2"]) / 2, xl=boxes["column"] + 0.04))
        .mark_text(align="left", baseline="middle", fontSize=13)
        .encode(
            x=alt.X("xl:Q", scale=alt.Scale(domain=[-0.05, 2.6]), axis=NO_AXIS),
            y=alt.Y("ymid:Q"),
            text="text:N",
        )
    )
    head = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [1.06] * 3, "text": list(headers)})
    header = (
        alt.Chart(head)
        .mark_text(align="left", fontSize=14, fontWeight="bold")
        .encode(x=x, y=y, text="text:N")
    )
    figure = alt.layer(band, rect, labels, header).properties(title=title)
    return charts.finish(figure, counts=(), derived=("y", "y2"), height=480)


START_HEIGHT = 300


def referral_start(
    months: pd.DataFrame, signed: date | None, *, title: str, protected: bool = True
) -> alt.TopLevelMixin:
    """Bars of referrals per month (protected: rounded counts, a month of 1–4 as a ``<5`` mark of
    fixed height) and, where the kern has one, a rule at the signing date of its referral
    network with care partners."""
    months = charts.count_values(months[["month", "referrals"]], "referrals", protected=protected)
    x = alt.X(
        "month:T", timeUnit="yearmonth", title=t("smw.axis_month"), axis=alt.Axis(format=charts.MONTH_FORMAT)
    )
    month_tip = alt.Tooltip(
        "month:T", timeUnit="yearmonth", format=charts.MONTH_FORMAT, title=t("smw.axis_month")
    )
    bars = (
        alt.Chart(months)
        .mark_bar(color=style.PALETTE[0])
        .encode(
            x=x,
            y=alt.Y("referrals:Q", title=t("col.referrals"), axis=alt.Axis(format=charts.NUMBER_FORMAT, tickMinStep=1)),
            tooltip=[month_tip, alt.Tooltip("referrals_txt:N", title=t("col.referrals"))],
        )
    )  # fmt: skip
    layers: list[alt.Chart] = [bars]
    if signed is not None:
        mark = pd.DataFrame({"signed": [pd.Timestamp(signed)], "label": [t("smw.rule_label")]})
        rule = alt.Chart(mark).mark_rule(color=RULE_COLOUR, strokeWidth=3, strokeDash=[6, 3])
        layers.append(rule.encode(x="signed:T"))
        layers.append(
            alt.Chart(mark)
            .mark_text(align="left", dx=-4, fontSize=13, color=RULE_COLOUR, fontWeight="bold")
            .encode(x="signed:T", y=alt.value(-10), text="label:N")
        )
    marks = charts.suppressed_marks(
        months, x=x, text="referrals_txt",
        tooltip=[month_tip, alt.Tooltip("referrals_txt:N", title=t("col.referrals"))],
    )  # fmt: skip
    figure = charts.with_marks(alt.layer(*layers), marks).properties(title=title)
    return charts.finish(figure, counts=("referrals",), height=START_HEIGHT)
