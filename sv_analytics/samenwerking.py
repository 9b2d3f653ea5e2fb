"""Samenwerking: the partnership network of a kern, referral flows and network figures.

Sub-goals 2 and 3 of the programme are about partnerships and a lasting organisation. This
module computes what the page Samenwerking shows, without Streamlit: the network of
agreements on a peildatum with a deterministic layout (numpy, no graph library), the referral
flows from referring sector to activity kind and target group as Sankey bands, the network
figures of every kern, and the monthly referrals of a kern beside the signing date of its
referral network with care partners (planted pattern 3). The tables are typed here too
(:class:`sv_analytics.tables.Table`: numbers and dates, each column's registry indicator,
referral counts protected, see :mod:`sv_analytics.privacy`), so the page only lays out. Peildata and month arithmetic
come from :mod:`sv_analytics.timeline`.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import duckdb
import numpy as np
import pandas as pd

from sv_analytics import lookups, privacy, queries, tables, timeline, vocab
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

#: Radius of the agreement nodes relative to the organisation circle (1).
AGREEMENT_PULL = 0.62
#: Empty slots between two sector groups on the circle, so that groups read as groups.
SECTOR_GAP = 0.8


class Network(NamedTuple):
    """Nodes and edges of a kern's network on a peildatum, with plot coordinates."""

    organisations: pd.DataFrame  # org_id, name, sector, sector_label, x, y, active, n_agreements
    agreements: pd.DataFrame  # agreement_id, kind, kind_label, description, start_date, x, y, parties
    edges: pd.DataFrame  # agreement_id, org_id, x, y, x2, y2, kind_label


# ------------------------------------------------------------------------------------ network
def circle_layout(sectors: list[str]) -> np.ndarray:
    """Points on the unit circle for organisations already sorted by sector, with a gap
    between sector groups; starts at the top and runs clockwise. Deterministic by design:
    the same kern always looks the same, so two peildata can be compared by eye."""
    slots, position, previous = [], 0.0, None
    for sector in sectors:
        if previous is not None and sector != previous:
            position += SECTOR_GAP
        slots.append(position)
        position += 1.0
        previous = sector
    total = position + (SECTOR_GAP if len(set(sectors)) > 1 else 0.0)
    # Half a slot off the top, so that no two names meet head-on at the top or bottom.
    angles = np.pi / 2 - 2 * np.pi * (np.asarray(slots, dtype=float) + 0.5) / max(total, 1.0)
    return np.column_stack([np.cos(angles), np.sin(angles)]) if sectors else np.zeros((0, 2))


def agreement_positions(party_points: list[np.ndarray]) -> np.ndarray:
    """An agreement node sits inside the circle, towards its parties (their centroid, pulled
    to a fixed radius); nodes that would overlap are turned apart a little."""
    placed: list[np.ndarray] = []
    for points in party_points:
        centre = points.mean(axis=0) if len(points) else np.zeros(2)
        angle = np.arctan2(centre[1], centre[0]) if np.linalg.norm(centre) > 1e-9 else np.pi / 2
        radius = AGREEMENT_PULL * min(1.0, 0.45 + np.linalg.norm(centre))
        point = radius * np.array([np.cos(angle), np.sin(angle)])
        while any(np.linalg.norm(point - other) < 0.16 for other in placed):
            angle -= 0.22
            point = radius * np.array([np.cos(angle), np.sin(angle)])
        placed.append(point)
    return np.array(placed) if placed else np.zeros((0, 2))


def live_on(agreements: pd.DataFrame, peildatum: date) -> pd.Series:
    """Whether each agreement row had started and not yet ended on the peildatum."""
    start = pd.to_datetime(agreements["start_date"])
    end = pd.to_datetime(agreements["end_date"])
    day = pd.Timestamp(peildatum)
    return (start <= day) & (end.isna() | (end >= day))


def network(conn: duckdb.DuckDBPyConnection, kern_id: str, peildatum: date) -> Network:
    """The network of ``kern_id`` on ``peildatum``: every organisation of the sociale kaart
    (faint when it has no running agreement yet) and the running agreements as small nodes
    linked to their parties. An agreement with n parties becomes a star, which reads better
    than all n·(n−1)/2 pairwise lines."""
    orgs = queries.run(conn, "samenwerking_organisations", kern=kern_id)
    order = {code: i for i, code in enumerate(vocab.SECTOR)}
    orgs = orgs.assign(_o=orgs["sector"].map(order).fillna(len(order))).sort_values(["_o", "name"])
    orgs = orgs.drop(columns="_o").reset_index(drop=True)
    points = circle_layout(list(orgs["sector"]))
    orgs["x"], orgs["y"] = points[:, 0], points[:, 1]
    orgs["sector_label"] = orgs["sector"].map(lambda s: vocab.SECTOR.get(s, s))

    rows = queries.run(conn, "samenwerking_agreements", kern=kern_id)
    rows = rows[live_on(rows, peildatum) & rows["org_id"].isin(orgs["org_id"])] if not rows.empty else rows
    where = orgs.set_index("org_id")[["x", "y"]]
    heads = rows.drop_duplicates("agreement_id")[["agreement_id", "kind", "description", "start_date"]]
    heads = heads.reset_index(drop=True)
    parties = [
        where.loc[rows.loc[rows["agreement_id"] == a, "org_id"]].to_numpy() for a in heads["agreement_id"]
    ]
    spots = agreement_positions(parties)
    heads["x"], heads["y"] = (spots[:, 0], spots[:, 1]) if len(heads) else ([], [])
    heads["kind_label"] = heads["kind"].map(lambda k: vocab.AGREEMENT_KIND.get(k, k))
    heads["parties"] = [len(p) for p in parties]

    edges = rows[["agreement_id", "org_id"]].merge(heads[["agreement_id", "x", "y", "kind_label"]])
    edges = edges.merge(where.rename(columns={"x": "x2", "y": "y2"}), left_on="org_id", right_index=True)
    counts = rows.groupby("org_id")["agreement_id"].nunique()
    orgs["n_agreements"] = orgs["org_id"].map(counts).fillna(0).astype(int)
    orgs["active"] = orgs["n_agreements"] > 0
    return Network(orgs, heads, edges.reset_index(drop=True))


def agreements_table(conn: duckdb.DuckDBPyConnection, kern_id: str) -> Table:
    """All agreements of a kern (not only those of the peildatum: the table is the record),
    one row each, with their parties named; start and end as dates (no end: a dash)."""
    rows = queries.run(conn, "samenwerking_agreements", kern=kern_id)
    parties = rows.dropna(subset=["org_name"]).groupby("agreement_id")["org_name"].agg(", ".join)
    heads = rows.drop_duplicates("agreement_id").set_index("agreement_id")
    frame = pd.DataFrame(
        {
            "kind": heads["kind"].map(lambda k: vocab.AGREEMENT_KIND.get(k, k)),
            "description": heads["description"],
            "start_date": heads["start_date"].map(timeline.as_date),
            "end_date": heads["end_date"].map(timeline.as_date),
            "status": heads["status"].map(lambda s: vocab.AGREEMENT_STATUS.get(s, s)),
            "parties": parties.reindex(heads.index),
        }
    )
    return tables.table(
        frame,
        [
            Column("kind", t("smw.col.kind")),
            Column("description", t("smw.col.description")),
            Column("start_date", t("smw.col.start"), kind="date"),
            Column("end_date", t("smw.col.end"), kind="date"),
            Column("status", t("col.status")),
            Column(
                "parties", t("smw.col.parties"), indicator="samenwerking_netwerk", missing=t("common.unknown")
            ),
        ],
    )


# ------------------------------------------------------------------------------------ flows
def referral_flows(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente: str | None, kern: str | None
) -> pd.DataFrame:
    """Referrals in the period from referring sector to activity kind and target group,
    with Dutch labels; ``kern`` (or else ``gemeente``) narrows the selection."""
    flows = queries.run(
        conn, "samenwerking_referral_flows", start=start, end=end, gemeente=gemeente, kern=kern
    )
    flows["from_label"] = flows["from_sector"].map(lambda c: vocab.REFERRAL_SECTOR.get(c, c))
    flows["kind_label"] = flows["activity_kind"].map(lambda c: vocab.ACTIVITY_KIND.get(c, c))
    flows["doelgroep_label"] = flows["doelgroep"].map(lambda c: vocab.DOELGROEP.get(c, c))
    return flows


def flows_table(flows: pd.DataFrame) -> Table:
    """The flows as a table, largest first: referral counts protected (rounded, 1–4 as <5)."""
    # Largest first by the *protected* count (ties by name): the order of two rows must not tell
    # which of two equal-looking counts (two <5, two 15) is the larger.
    order = privacy.protect_series(flows["n"]).fillna(privacy.THRESHOLD / 2)
    frame = flows.assign(_order=order).sort_values(
        ["_order", "from_label", "kind_label", "doelgroep_label"], ascending=[False, True, True, True]
    )
    return tables.table(
        frame,
        [
            Column("from_label", t("smw.col.from_sector")),
            Column("kind_label", t("smw.col.activity_kind")),
            Column("doelgroep_label", t("filter.doelgroep")),
            Column("n", t("col.referrals"), kind="count", indicator="doorverwijzingen", suppress=True),
        ],
    )


#: The three columns of the flow diagram: (code column, label column, vocabulary order).
FLOW_COLUMNS = (
    ("from_sector", "from_label", tuple(vocab.REFERRAL_SECTOR)),
    ("activity_kind", "kind_label", tuple(vocab.ACTIVITY_KIND)),
    ("doelgroep", "doelgroep_label", tuple(vocab.DOELGROEP)),
)
NODE_GAP = 0.025  # share of the height between two nodes of a column
BAND_STEPS = 24  # points along each band's curve
#: Width of a suppressed band (1–4 referrals), in referrals: one thin width for all of them,
#: thinner than the narrowest shown band (5), so the diagram says no more than ``<5``.
SUPPRESSED_BAND = 1.5


def _links(flows: pd.DataFrame, step: int, protected: bool) -> pd.DataFrame:
    """The links between column ``step`` and ``step + 1`` with their drawn width in referrals
    (``units``: the rounded count, or :data:`SUPPRESSED_BAND` for 1–4; exact: the count) and
    their text (``n_txt``)."""
    src, tgt = FLOW_COLUMNS[step][0], FLOW_COLUMNS[step + 1][0]
    links = flows.groupby([src, tgt], as_index=False)["n"].sum()
    if protected:
        links["units"] = [
            SUPPRESSED_BAND if privacy.is_small(n) else float(privacy.protect_count(n)) for n in links["n"]
        ]
    else:
        links["units"] = links["n"].astype(float)
    links["n_txt"] = links["n"].map(lambda v: privacy.count_text(v, protected))
    return links.drop(columns="n")


def _column_nodes(
    flows: pd.DataFrame, column: int, links: list[pd.DataFrame], scale: float, protected: bool
) -> pd.DataFrame:
    """The nodes of one column, stacked from the top in vocabulary order; a node is as tall as
    the wider of its incoming and outgoing bands, and says its total (protected) in its text."""
    code, label, order = FLOW_COLUMNS[column]
    totals = flows.groupby([code, label], as_index=False)["n"].sum()
    rank = {c: i for i, c in enumerate(order)}
    totals = totals.assign(_r=totals[code].map(rank).fillna(len(rank))).sort_values("_r")
    units = _node_units(totals[code], column, links)
    heights = units * scale
    tops = np.concatenate([[0.0], np.cumsum(heights + NODE_GAP)[:-1]]) if len(heights) else heights
    return pd.DataFrame(
        {"column": column, "code": totals[code].to_numpy(), "label": totals[label].to_numpy(),
         "n_txt": totals["n"].map(lambda v: privacy.count_text(v, protected)).to_numpy(),
         "top": tops, "bottom": tops + heights}
    )  # fmt: skip


def _node_units(codes: pd.Series, column: int, links: list[pd.DataFrame]) -> np.ndarray:
    """Per node the drawn size in referrals: the larger of its incoming and outgoing bands."""
    code = FLOW_COLUMNS[column][0]
    sides = []
    if column > 0:
        sides.append(links[column - 1].groupby(code)["units"].sum())
    if column < len(FLOW_COLUMNS) - 1:
        sides.append(links[column].groupby(code)["units"].sum())
    sizes = pd.concat([side.reindex(codes).fillna(0) for side in sides], axis=1).max(axis=1)
    return sizes.to_numpy(dtype=float)


def _bands(links: pd.DataFrame, step: int, nodes: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Band outlines between column ``step`` and ``step + 1``: each link takes a slice of its
    source node (ordered by target) and of its target node (ordered by source), so bands
    leave and arrive without crossing inside a node. The rows carry the band's text, never
    its count."""
    src, tgt = FLOW_COLUMNS[step][0], FLOW_COLUMNS[step + 1][0]
    links = links.copy()
    left = nodes[nodes["column"] == step].set_index("code")
    right = nodes[nodes["column"] == step + 1].set_index("code")
    links["_s"], links["_t"] = links[src].map(left["top"]), links[tgt].map(right["top"])
    links["width"] = links["units"] * scale
    links = links.sort_values(["_s", "_t"])
    links["y0"] = links["_s"] + links.groupby(src)["width"].cumsum() - links["width"]
    links = links.sort_values(["_t", "_s"])
    links["y1"] = links["_t"] + links.groupby(tgt)["width"].cumsum() - links["width"]
    steps = np.linspace(0.0, 1.0, BAND_STEPS)
    ease = 3 * steps**2 - 2 * steps**3
    parts = []
    for link in links.itertuples():
        top = link.y0 + ease * (link.y1 - link.y0)
        parts.append(
            pd.DataFrame(
                {
                    "link": f"{step}:{getattr(link, src)}>{getattr(link, tgt)}",
                    "x": step + steps,
                    "y": 1 - top,
                    "y2": 1 - top - link.width,
                    "source": left.loc[getattr(link, src), "label"],
                    "target": right.loc[getattr(link, tgt), "label"],
                    "n_txt": link.n_txt,
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def sankey(flows: pd.DataFrame, protected: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node boxes and band outlines of the referral flow diagram (y = 1 at the top).

    Band widths follow the *shown* counts: protected, the rounded count, and one thin width
    (:data:`SUPPRESSED_BAND`) for every band of 1–4, so no width divided by the scale gives a
    hidden count back; exact (a viewer with exact counts), the count itself. One scale serves
    all three columns; neither frame holds a count, only texts (``n_txt``)."""
    if flows.empty or flows["n"].sum() <= 0:
        return pd.DataFrame(), pd.DataFrame()
    links = [_links(flows, step, protected) for step in range(len(FLOW_COLUMNS) - 1)]
    most_nodes = max(flows[code].nunique() for code, _, _ in FLOW_COLUMNS)
    tallest = max(_node_units(flows[FLOW_COLUMNS[c][0]].drop_duplicates(), c, links).sum() for c in range(3))
    scale = (1.0 - NODE_GAP * (most_nodes - 1)) / float(tallest)
    nodes = pd.concat([_column_nodes(flows, c, links, scale, protected) for c in range(3)], ignore_index=True)
    bands = pd.concat([_bands(links[s], s, nodes, scale) for s in range(2)], ignore_index=True)
    nodes["y"], nodes["y2"] = 1 - nodes["top"], 1 - nodes["bottom"]
    nodes["text"] = nodes["label"] + " · " + nodes["n_txt"]
    return nodes, bands


# ------------------------------------------------------------------------------------ figures
def kern_figures(conn: duckdb.DuckDBPyConnection, start: date, end: date) -> pd.DataFrame:
    """Network figures of every kern: partners, sectors and running agreements at the end of
    the period, referrals in the period (total and per month), the signing date of the
    referral network with care partners and the first month with referrals."""
    frame = queries.run(
        conn, "samenwerking_kernen", start=start, end=end, peil=timeline.month_end(end),
        care_sectors=sorted(vocab.CARE_SECTORS),
    )  # fmt: skip
    frame["referrals_per_month"] = frame["referrals"] / len(timeline.months_between(start, end))
    return frame


def figures_table(frame: pd.DataFrame, kern_id: str | None) -> Table:
    """The figures table, the chosen kern first; referral totals protected (rounded, 1–4 as
    <5) and the monthly average computed from the rounded total (it gave the total back × the
    months before issue 12). Partners, sectors and agreements count organisations: as they are."""
    frame = frame.assign(_first=frame["kern_id"] != kern_id).sort_values(["_first", "gemeente", "name"])
    frame = frame.assign(
        network_signed=frame["network_signed"].map(timeline.as_date),
        first_referral_month=frame["first_referral_month"].map(timeline.as_date),
    )
    return tables.table(
        frame,
        [
            *lookups.kern_columns(),
            Column("partners", t("smw.col.partners"), kind="count", indicator="samenwerking_partners"),
            Column("sectors", t("smw.col.sectors"), kind="count", indicator="samenwerking_sectoren"),
            Column(
                "agreements", t("smw.col.agreements"), kind="count", indicator="samenwerking_afspraken_lopend"
            ),
            Column(
                "referrals", t("col.referrals"), kind="count", indicator="doorverwijzingen", suppress=True
            ),
            Column(
                "referrals_per_month",
                t("smw.col.referrals_per_month"),
                kind="number",
                decimals=1,
                indicator="doorverwijzingen_per_maand",
                suppress_by="referrals",
            ),
            Column(
                "network_signed",
                t("smw.col.network_signed"),
                kind="date",
                indicator="doorverwijsnetwerk_getekend",
            ),
            Column(
                "first_referral_month",
                t("smw.col.first_referrals"),
                kind="month",
                indicator="eerste_maand_doorverwijzingen",
            ),
        ],
    )


# ------------------------------------------------------------------------------------ pattern 3
class ReferralStart(NamedTuple):
    """A kern's referrals per month in the period (zeros included) and when its referral
    network with care partners was signed (None: it has none)."""

    months: pd.DataFrame  # month, referrals
    network_signed: date | None
    first_referral_month: date | None


def referral_start(conn: duckdb.DuckDBPyConnection, kern_id: str, start: date, end: date) -> ReferralStart:
    """Monthly referrals of one kern beside the signing date of its referral network, to show
    that referrals begin only once the care partners signed (planted pattern 3)."""
    counts = queries.run(conn, "samenwerking_referral_months", kern=kern_id, start=start, end=end)
    months = pd.DataFrame({"month": pd.date_range(start, end, freq="MS")})
    counts["month"] = pd.to_datetime(counts["month"])
    months = months.merge(counts, on="month", how="left").fillna({"referrals": 0})
    months["referrals"] = months["referrals"].astype(int)
    figures = kern_figures(conn, start, end)
    row = figures[figures["kern_id"] == kern_id]
    signed = timeline.as_date(row["network_signed"].iloc[0]) if len(row) else None
    first = timeline.as_date(row["first_referral_month"].iloc[0]) if len(row) else None
    return ReferralStart(months, signed, first)
