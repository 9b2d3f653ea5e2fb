"""Unit tests of sv_analytics.samenwerking: the network on a peildatum, its circle layout, the
referral flows and the Sankey built from them, the network figures and the referral start.

Expected values come from SQL written here against the demo database, or are worked out by
hand; the module under test is never its own oracle.
"""

from __future__ import annotations

import math
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from sv_analytics import samenwerking, timeline, vocab

START, END = date(2017, 1, 1), date(2018, 12, 1)
PEIL = date(2017, 6, 30)


def frame(conn: duckdb.DuckDBPyConnection, query: str, *params: object) -> pd.DataFrame:
    return conn.execute(query, list(params)).df()


# ------------------------------------------------------------------------------------ network
def test_network_on_a_peildatum_equals_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    net = samenwerking.network(demo_conn, "overdinkel", PEIL)
    orgs = frame(demo_conn, "SELECT org_id, sector FROM organisation WHERE kern_id = 'overdinkel'")
    live = frame(
        demo_conn,
        """SELECT a.agreement_id, p.org_id FROM agreement a JOIN agreement_party p USING (agreement_id)
           WHERE a.kern_id = 'overdinkel' AND a.start_date <= ? AND (a.end_date IS NULL OR a.end_date >= ?)""",
        PEIL,
        PEIL,
    )
    assert sorted(net.organisations["org_id"]) == sorted(orgs["org_id"])
    assert set(net.organisations.loc[net.organisations["active"], "org_id"]) == set(live["org_id"])
    per_org = live.groupby("org_id")["agreement_id"].nunique()
    got = net.organisations.set_index("org_id")["n_agreements"]
    assert all(got[o] == per_org.get(o, 0) for o in got.index)
    assert sorted(net.agreements["agreement_id"]) == sorted(set(live["agreement_id"]))
    parties = live.groupby("agreement_id").size()
    assert (
        dict(zip(net.agreements["agreement_id"], net.agreements["parties"], strict=True)) == parties.to_dict()
    )
    assert sorted(zip(net.edges["agreement_id"], net.edges["org_id"], strict=True)) == sorted(
        zip(live["agreement_id"], live["org_id"], strict=True)
    )
    # every edge runs from its agreement node to its party's place on the circle
    where = net.organisations.set_index("org_id")
    heads = net.agreements.set_index("agreement_id")
    for edge in net.edges.itertuples():
        assert (edge.x2, edge.y2) == (where.at[edge.org_id, "x"], where.at[edge.org_id, "y"])
        assert (edge.x, edge.y) == (heads.at[edge.agreement_id, "x"], heads.at[edge.agreement_id, "y"])


def test_organisations_are_grouped_by_sector_in_vocabulary_order(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    orgs = samenwerking.network(demo_conn, "overdinkel", PEIL).organisations
    order = list(vocab.SECTOR)
    ranks = [order.index(s) for s in orgs["sector"]]
    assert ranks == sorted(ranks)
    assert list(orgs["sector_label"]) == [vocab.SECTOR[s] for s in orgs["sector"]]


def test_before_the_first_agreement_the_network_has_no_agreements(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    net = samenwerking.network(demo_conn, "overdinkel", date(2016, 6, 30))
    assert net.agreements.empty and net.edges.empty
    assert not net.organisations["active"].any()
    assert (
        len(net.organisations)
        == frame(demo_conn, "SELECT count(*) AS n FROM organisation WHERE kern_id = 'overdinkel'")["n"].iloc[
            0
        ]
    )


def test_live_on_counts_start_and_end_days_as_running() -> None:
    rows = pd.DataFrame(
        {
            "start_date": [date(2017, 1, 1), date(2017, 7, 1), date(2016, 1, 1), date(2016, 1, 1)],
            "end_date": [None, None, date(2017, 6, 30), date(2017, 6, 29)],
        }
    )
    assert samenwerking.live_on(rows, PEIL).tolist() == [True, False, True, False]


# ------------------------------------------------------------------------------------ layout
def test_circle_layout_is_deterministic_on_the_unit_circle() -> None:
    sectors = ["sport", "sport", "zorg", "welzijn", "welzijn", "welzijn"]
    first, second = samenwerking.circle_layout(sectors), samenwerking.circle_layout(list(sectors))
    assert np.array_equal(first, second)
    assert np.allclose(np.hypot(first[:, 0], first[:, 1]), 1.0)
    assert samenwerking.circle_layout([]).shape == (0, 2)


def test_circle_layout_of_one_sector_is_evenly_spaced_from_the_top_clockwise() -> None:
    points = samenwerking.circle_layout(["sport"] * 4)
    # four slots, half a slot off the top: 45°, −45°, −135°, −225° (by hand)
    expected = [(math.cos(math.radians(a)), math.sin(math.radians(a))) for a in (45, -45, -135, -225)]
    assert np.allclose(points, expected)


def test_circle_layout_leaves_a_gap_between_sector_groups() -> None:
    points = samenwerking.circle_layout(["a", "a", "b", "b"])
    angles = np.unwrap(np.arctan2(points[:, 1], points[:, 0]))
    steps = -np.diff(angles)  # clockwise: angles decrease
    within, between = steps[0], steps[1]
    # slots 0, 1 | gap 0.8 | 2.8, 3.8; total 4.8 + 0.8 = 5.6 slots around the circle
    assert within == pytest.approx(2 * math.pi / 5.6)
    assert between == pytest.approx(1.8 * 2 * math.pi / 5.6)


def test_network_layout_is_the_same_on_every_call(demo_conn: duckdb.DuckDBPyConnection) -> None:
    one = samenwerking.network(demo_conn, "hertme", END)
    two = samenwerking.network(demo_conn, "hertme", END)
    pd.testing.assert_frame_equal(one.organisations, two.organisations)
    pd.testing.assert_frame_equal(one.agreements, two.agreements)


def test_agreement_nodes_sit_inside_the_circle_and_apart() -> None:
    parties = [np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]), np.zeros((0, 2))]
    spots = samenwerking.agreement_positions(parties)
    assert spots.shape == (3, 2)
    assert (np.hypot(spots[:, 0], spots[:, 1]) <= samenwerking.AGREEMENT_PULL + 1e-9).all()
    for i in range(3):
        for j in range(i + 1, 3):
            assert np.linalg.norm(spots[i] - spots[j]) >= 0.16
    assert samenwerking.agreement_positions([]).shape == (0, 2)


# ------------------------------------------------------------------------------------ flows
REFERRALS_SQL = """
    SELECT r.kern_id, k.gemeente_code, r.month, r.from_sector, a.kind AS activity_kind, r.doelgroep, r.n
    FROM referral r JOIN activity a ON a.activity_id = r.to_activity_id JOIN kern k ON k.kern_id = r.kern_id
"""
KEY = ["from_sector", "activity_kind", "doelgroep"]


def expected_flows(conn: duckdb.DuckDBPyConnection, gemeente: str | None, kern: str | None) -> pd.Series:
    """Referrals in the project per (sector, kind, doelgroep), filtered and summed in pandas."""
    rows = frame(conn, REFERRALS_SQL)
    rows["month"] = pd.to_datetime(rows["month"]).dt.date
    rows = rows[(rows["month"] >= START) & (rows["month"] <= END)]
    if gemeente:
        rows = rows[rows["gemeente_code"] == gemeente]
    if kern:
        rows = rows[rows["kern_id"] == kern]
    sums = rows.groupby(KEY)["n"].sum()
    return sums[sums > 0].astype(int)


@pytest.mark.parametrize(("gemeente", "kern"), [(None, None), ("GM0168", None), (None, "bathmen")])
def test_referral_flows_equal_sql(
    demo_conn: duckdb.DuckDBPyConnection, gemeente: str | None, kern: str | None
) -> None:
    flows = samenwerking.referral_flows(demo_conn, START, END, gemeente, kern)
    expected = expected_flows(demo_conn, gemeente, kern)
    assert not expected.empty
    assert flows.set_index(KEY)["n"].astype(int).sort_index().to_dict() == expected.sort_index().to_dict()
    assert set(flows["from_label"]) == {vocab.REFERRAL_SECTOR[c] for c in expected.index.get_level_values(0)}
    assert set(flows["doelgroep_label"]) == {vocab.DOELGROEP[c] for c in expected.index.get_level_values(2)}


def _count(text: str) -> int:
    """A count as the diagram writes it (Dutch thousands dot)."""
    return int(text.replace(".", ""))


def _band_widths(bands: pd.DataFrame) -> pd.Series:
    """Each band's drawn width (constant along the band), by link."""
    return (bands["y"] - bands["y2"]).groupby(bands["link"]).max()


def test_sankey_columns_add_up_and_bands_follow_the_links(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """The exact diagram (a viewer with exact counts): nodes and bands sized by the counts."""
    flows = samenwerking.referral_flows(demo_conn, START, END, None, None)
    expected = expected_flows(demo_conn, None, None).reset_index()
    total = int(expected["n"].sum())
    nodes, bands = samenwerking.sankey(flows, protected=False)
    nodes = nodes.assign(n=nodes["n_txt"].map(_count))
    for column, code in enumerate(KEY):
        part = nodes[nodes["column"] == column].set_index("code")["n"]
        assert part.sum() == total
        assert part.to_dict() == expected.groupby(code)["n"].sum().to_dict()
    # node heights ∝ counts, stacked from the top within [0, 1]
    heights = nodes["y"] - nodes["y2"]
    scale = heights.iloc[0] / nodes["n"].iloc[0]
    assert np.allclose(heights / nodes["n"], scale)
    assert nodes["y"].max() == pytest.approx(1.0) and nodes["y2"].min() >= -1e-9
    # one band per (sector, kind) and per (kind, doelgroep) pair, carrying that pair's referrals
    links = bands.drop_duplicates("link").set_index("link")
    widths = _band_widths(bands)
    for step, pair in ((0, KEY[:2]), (1, KEY[1:])):
        part = links[links.index.str.startswith(f"{step}:")]
        assert len(part) == len(expected.groupby(pair)) and part["n_txt"].map(_count).sum() == total
        assert np.allclose(widths[part.index] / part["n_txt"].map(_count), scale)


def test_the_protected_sankey_shows_rounded_bands_and_one_thin_width_for_small_ones(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    """Issue 12, path 5: band width ÷ scale was the hidden count of every <5 band."""
    from tests.test_privacy import oracle_text, rounded

    flows = samenwerking.referral_flows(demo_conn, START, END, None, "overdinkel")
    expected = expected_flows(demo_conn, None, "overdinkel").reset_index()
    nodes, bands = samenwerking.sankey(flows)
    assert "n" not in nodes.columns and "n" not in bands.columns  # no count reaches the chart
    for column, code in enumerate(KEY):
        part = nodes[nodes["column"] == column].set_index("code")["n_txt"]
        assert part.to_dict() == expected.groupby(code)["n"].sum().map(oracle_text).to_dict()
    links = bands.drop_duplicates("link").set_index("link")
    widths = _band_widths(bands)
    pairs = {f"0:{a}>{b}": n for (a, b), n in expected.groupby(KEY[:2])["n"].sum().items()}
    pairs |= {f"1:{a}>{b}": n for (a, b), n in expected.groupby(KEY[1:])["n"].sum().items()}
    assert set(pairs) == set(links.index)
    units = {link: rounded(n) or samenwerking.SUPPRESSED_BAND for link, n in pairs.items()}
    scale = widths / pd.Series(units)
    assert np.allclose(scale, scale.iloc[0])  # one scale: width ∝ the shown value
    small = [link for link, n in pairs.items() if 0 < n < 5]
    assert small and (links.loc[small, "n_txt"] == "<5").all()
    assert widths[small].round(12).nunique() == 1  # every <5 band equally thin
    assert widths[small].iloc[0] < 5 * scale.iloc[0]  # thinner than the narrowest shown band


def test_sankey_of_no_flows_is_empty() -> None:
    nodes, bands = samenwerking.sankey(
        pd.DataFrame(columns=["from_sector", "activity_kind", "doelgroep", "n"])
    )
    assert nodes.empty and bands.empty


# ------------------------------------------------------------------------------------ figures
FIGURES_SQL = """
    SELECT k.kern_id,
      (SELECT count(DISTINCT p.org_id) FROM agreement a JOIN agreement_party p USING (agreement_id)
        WHERE a.kern_id = k.kern_id AND a.start_date <= $peil) AS partners,
      (SELECT count(DISTINCT o.sector) FROM agreement a JOIN agreement_party p USING (agreement_id)
        JOIN organisation o USING (org_id) WHERE a.kern_id = k.kern_id AND a.start_date <= $peil) AS sectors,
      (SELECT count(*) FROM agreement a WHERE a.kern_id = k.kern_id AND a.start_date <= $peil
        AND (a.end_date IS NULL OR a.end_date >= $peil)) AS agreements,
      (SELECT coalesce(sum(n), 0) FROM referral r WHERE r.kern_id = k.kern_id
        AND r.month BETWEEN $start AND $end) AS referrals,
      (SELECT min(a.start_date) FROM agreement a JOIN agreement_party p USING (agreement_id)
        JOIN organisation o USING (org_id) WHERE a.kern_id = k.kern_id AND a.kind = 'doorverwijsnetwerk'
        AND o.sector IN ('zorg', 'gezondheidszorg')) AS network_signed,
      (SELECT min(month) FROM referral r WHERE r.kern_id = k.kern_id AND r.n > 0) AS first_referral_month
    FROM kern k
"""


def test_kern_figures_equal_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    got = samenwerking.kern_figures(demo_conn, START, END).set_index("kern_id")
    want = demo_conn.execute(FIGURES_SQL, {"peil": date(2018, 12, 31), "start": START, "end": END}).df()
    want = want.set_index("kern_id")
    assert sorted(got.index) == sorted(want.index)
    for column in ("partners", "sectors", "agreements", "referrals"):
        assert got[column].astype(int).to_dict() == want[column].astype(int).to_dict(), column
    assert np.allclose(got["referrals_per_month"], (want["referrals"] / 24).reindex(got.index))
    for column in ("network_signed", "first_referral_month"):
        assert got[column].map(timeline.as_date).to_dict() == want[column].map(timeline.as_date).to_dict()


def test_referral_start_fills_empty_months_with_zero(demo_conn: duckdb.DuckDBPyConnection) -> None:
    start = samenwerking.referral_start(demo_conn, "overdinkel", START, END)
    assert len(start.months) == 24 and start.months["referrals"].dtype.kind == "i"
    total = frame(
        demo_conn,
        "SELECT sum(n) AS n FROM referral WHERE kern_id = 'overdinkel' AND month BETWEEN ? AND ?",
        START,
        END,
    )["n"].iloc[0]
    assert start.months["referrals"].sum() == total
    assert start.network_signed == date(2018, 1, 1) and start.first_referral_month == date(2018, 1, 1)
    none = samenwerking.referral_start(demo_conn, "de-lutte", START, END)
    assert none.network_signed is None and none.first_referral_month is None
    assert none.months["referrals"].sum() == 0
