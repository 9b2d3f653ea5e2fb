"""AppTest: the page "Wat werkt waar" renders, shows wat_werkt.py's numbers and the planted pattern.

Expected values come from sv_analytics.wat_werkt itself (the page must not change them) and from
plain SQL written here (n kernen and mean reach of 'bewegen' activities per ageing group). The
page's tables are typed tables shown as Dutch text, so counts read as '9', compared with
``dutch(n)``. Chart validity is tests/test_charts_valid.py's (this page is one of its pages).

The page runs protected (issue 12): its analysis is ``wat_werkt``'s with ``protected=True`` (every
kern's outcome from its rounded counts), and the SQL expectations go through the oracle of
tests/test_privacy.py (a kern whose count is 1–4 has that outcome unknown).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import deelname, wat_werkt, wat_werkt_views
from sv_analytics.ui import filters
from tests.conftest import dutch, open_app_page, table_with, vega_charts
from tests.test_privacy import oracle_derived, oracle_ratio, oracle_text

PAGE = "app_pages/wat_werkt.py"
START, END = date(2017, 1, 1), date(2018, 12, 1)
PROFILE_DISTANCE = "Profielafstand"  # the one name of the comparable-kernen distance (both pages)


def open_page(**widgets: object) -> AppTest:
    return open_app_page(PAGE, **widgets)


def heatmap_data(at: AppTest) -> pd.DataFrame:
    charts = vega_charts(at)
    return charts[next(k for k in charts if "×" in str(k))][1][0]


REACH_SQL = """
    WITH p AS (
        SELECT a.kern_id, p.*, min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
        FROM participation p JOIN activity a USING (activity_id)
        WHERE p.month BETWEEN ? AND ? {kind}),
    reach AS (
        SELECT kern_id,
               sum(CASE WHEN month = first_month THEN participants ELSE new_participants END) AS n
        FROM p GROUP BY kern_id)
"""


def reach_of_kern_by_sql(db: Path, kern_id: str, year: int) -> float | None:
    """Reach per 1,000 inhabitants of one kern in one calendar year, in plain SQL, as a protected
    view computes it (from the rounded reach; None for a reach of 1–4)."""
    with duckdb.connect(str(db)) as conn:
        rate, n = conn.execute(
            REACH_SQL.format(kind="")
            + "SELECT 1000.0 * coalesce(r.n, 0) / k.inhabitants, coalesce(r.n, 0) FROM kern k "
            "LEFT JOIN reach r USING (kern_id) WHERE k.kern_id = ?",
            [date(year, 1, 1), date(year, 12, 1), kern_id],
        ).fetchone()
    return oracle_derived(rate, n)


def ageing_by_sql(db: Path) -> pd.DataFrame:
    """Per kern: vergrijsd (65+ ≥ 25% in its wijken, 2017) and the reach of 'bewegen' activities
    per 1,000 inhabitants in 2017–2018 (first month's participants + later new, per activity)."""
    with duckdb.connect(str(db)) as conn:
        return conn.execute(
            REACH_SQL.format(kind="AND a.kind = 'bewegen'")
            + """,
            shares AS (
                SELECT kr.kern_id,
                       sum(s.value) FILTER (WHERE s.age_group = '65+')
                         / sum(s.value) FILTER (WHERE s.age_group = 'totaal') AS share
                FROM kern_region kr
                JOIN statistic s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
                WHERE s.year = 2017 AND s.indicator = 'inwoners'
                GROUP BY kr.kern_id)
            SELECT k.kern_id, sh.share >= 0.25 AS vergrijsd,
                   1000.0 * coalesce(r.n, 0) / k.inhabitants AS bewegen_per_1000, coalesce(r.n, 0) AS n
            FROM kern k JOIN shares sh USING (kern_id) LEFT JOIN reach r USING (kern_id)
            """,
            [START, END],
        ).df()


def protected_rates(frame: pd.DataFrame) -> pd.Series:
    """ageing_by_sql's rates from the rounded reach (NaN where the reach is 1–4)."""
    shown = [oracle_derived(v, n) for v, n in zip(frame["bewegen_per_1000"], frame["n"], strict=True)]
    return pd.Series([float("nan") if v is None else v for v in shown], index=frame.index)


def test_page_renders_honesty_first_with_three_charts(app_env: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Wat werkt waar?"
    assert at.info[0].value == wat_werkt.HONESTY
    assert "effectief" not in " ".join(m.value.lower() for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 3


def test_heatmap_cells_equal_compare_heatmap_and_cell_table(app_env: Path) -> None:
    at = open_page()
    data = heatmap_data(at)
    with duckdb.connect(str(app_env)) as conn:
        table = wat_werkt.kern_table(conn, START, END, protected=True)
        expected = wat_werkt.heatmap_from(table, "vergrijzing", "beweegaanbod", "bewegen_per_1000")
    inner = data[(data["approach"] != wat_werkt_views.ALL_KERNEN) & (data["n_kernen"] > 0)].reset_index(
        drop=True
    )
    for column in ("context", "approach", "n_kernen", "small_n", "marked"):
        assert list(inner[column]) == list(expected[column]), column
    assert "n_participants" not in data.columns  # the count only as its protected text
    assert list(inner["participants_text"]) == [oracle_text(n) for n in expected["n_participants"]]
    assert inner["mean"].round(9).tolist() == expected["mean"].round(9).tolist()
    groups = wat_werkt.cell_table(table, "ageing_group", "bewegen_per_1000").set_index("group")
    outer = data[data["approach"] == wat_werkt_views.ALL_KERNEN].set_index("context")
    assert outer["n_kernen"].to_dict() == groups["n"].to_dict()
    assert outer["ci_low"].round(9).to_dict() == groups["ci_low"].round(9).to_dict()
    shown = table_with(at, "Overige kernen (n)").set_index("Groep")
    assert shown.loc["vergrijsd", "Gemiddelde"] == dutch(groups.loc["vergrijsd", "mean"], 1)
    low, high = groups.loc["vergrijsd", ["ci_low", "ci_high"]]
    assert shown.loc["vergrijsd", "Interval (95%)"] == f"{dutch(low, 1)} – {dutch(high, 1)}"


def test_group_counts_and_means_equal_independent_sql(app_env: Path) -> None:
    at = open_page()
    by_sql = ageing_by_sql(app_env)
    outer = heatmap_data(at).query("approach == @wat_werkt_views.ALL_KERNEN").set_index("context")
    ageing = by_sql[by_sql["vergrijsd"]]
    assert outer.loc["vergrijsd", "n_kernen"] == len(ageing)
    assert outer.loc["niet vergrijsd", "n_kernen"] == len(by_sql) - len(ageing)
    assert outer.loc["vergrijsd", "mean"] == pytest.approx(protected_rates(ageing).mean())
    table = table_with(at, "Overige kernen (n)").set_index("Groep")
    assert table.loc["vergrijsd", "Kernen (n)"] == dutch(len(ageing))


def test_wat_werkt_heatmap_marks_walking_sports_in_ageing_kernen(app_env: Path) -> None:
    """Pattern 1: heat map column 'alle kernen' — the cell vergrijsd × Bereik beweegactiviteiten
    is framed (marked), with a mean more than twice that of the other kernen."""
    at = open_page()
    spec, datasets = vega_charts(at)[next(k for k in vega_charts(at) if "×" in str(k))]
    data = datasets[0].set_index(["context", "approach_label"])
    cell = data.loc[("vergrijsd", "alle kernen")]
    assert bool(cell["marked"]) and not bool(cell["small_n"])
    assert cell["mean"] > 2 * data.loc[("niet vergrijsd", "alle kernen"), "mean"]
    frames = [layer for layer in spec["layer"] if layer.get("mark", {}).get("strokeWidth") == 5]
    assert frames and "datum.marked" in json.dumps(frames[0]["transform"])
    assert any("Gemarkeerd" in m.value and "geen bewijs van oorzaak" in m.value for m in at.markdown)


def test_small_cells_are_flagged_and_never_marked(app_env: Path) -> None:
    """vergrijsd × geen ruim beweegaanbod has one kern: grey, 'n<3', not marked."""
    at = open_page()
    data = heatmap_data(at)
    small = data[data["small_n"]]
    assert len(small) >= 1 and (small["n_kernen"] < wat_werkt.MIN_N).all()
    assert not small["marked"].any()
    assert small.query("n_kernen > 0")["n_text"].str.contains("n<3").all()
    assert (small.query("n_kernen == 0")["n_text"] == "geen kernen").all()
    assert small["colour_value"].isna().all()  # grey: outside the colour scale
    table = table_with(at, "Aanpak")
    assert "ja" in set(table.loc[table["Kernen (n)"].astype(int) < wat_werkt.MIN_N, "Te weinig kernen"])


def test_changing_context_dimension_changes_heatmap_and_before_after(app_env: Path) -> None:
    at = open_page(wwk_context="omvang")
    data = heatmap_data(at)
    assert set(data["context"]) == {"klein", "groot"}
    before_after = vega_charts(at)["Bereik per 1.000 inwoners per jaar"][1][0]
    with duckdb.connect(str(app_env)) as conn:
        expected = wat_werkt.before_after(conn, protected=True).by_group.query("dimension == 'omvang'")
        inhabitants = conn.execute("SELECT count(*) FILTER (WHERE inhabitants < 1500) FROM kern").fetchone()[
            0
        ]
    assert sorted(before_after["mean"].round(9)) == sorted(expected["mean"].round(9))
    assert set(before_after["year"]) == {2016, 2018, 2019}
    assert before_after.query("group == 'klein'")["n"].iloc[0] == inhabitants


def test_similar_kernen_table_equals_compare(app_env: Path) -> None:
    at = open_page(kern="boskamp")
    table = table_with(at, PROFILE_DISTANCE)
    with duckdb.connect(str(app_env)) as conn:
        expected = wat_werkt.similar_kernen(conn, "boskamp", start=START, end=END)
    assert list(table["Kern"]) == list(expected["name"])
    assert list(table[PROFILE_DISTANCE]) == [dutch(d, 2) for d in expected["distance"]]


def test_the_page_records_its_choices_for_the_exports(app_env: Path) -> None:
    at = open_page(wwk_aanpak="doorgaan", wwk_categorie="financiering")
    choices = at.session_state[filters._CHOICES]
    assert choices["Omstandigheid (context)"] == "Vergrijsde kern"
    assert choices["Aanpak"] == "Doorgaan na de subsidie"
    assert choices["Uitkomst"] == "Bereik beweegactiviteiten per 1.000 inwoners"
    assert choices["Categorie"] == "financiering" and choices["Fase"] == "Alle"
    assert choices["Periode"] == "jan 2017 – dec 2018"


def test_factor_counts_equal_sql_and_filter_to_an_empty_state(app_env: Path) -> None:
    at = open_page()
    counts = table_with(at, "succesfactor").set_index("Categorie")
    with duckdb.connect(str(app_env)) as conn:
        expected = conn.execute(
            "SELECT category, count(*) FILTER (WHERE kind = 'succes'), count(*) FILTER (WHERE kind = 'faal') "
            "FROM evaluation_factor GROUP BY category"
        ).fetchall()
    for category, success, failure in expected:
        assert counts.loc[category, "succesfactor"] == dutch(success)
        assert counts.loc[category, "faalfactor"] == dutch(failure)
    at = open_page(wwk_categorie="financiering", wwk_fase="2")
    assert any(i.value == "Geen succes- of faalfactoren voor deze keuze." for i in at.info)


def test_before_after_per_kern_shows_the_kern_beside_its_group_and_all_kernen(app_env: Path) -> None:
    at = open_page(kern="boskamp")
    data = vega_charts(at)["Boskamp: bereik per 1.000 inwoners per jaar"][1][0]
    assert list(dict.fromkeys(data["group"])) == ["Boskamp", "gemiddelde groep 'vergrijsd'", "alle kernen"]
    own = data[data["group"] == "Boskamp"].set_index("year")["mean"]
    for year in (2016, 2018, 2019):
        assert own[year] == pytest.approx(reach_of_kern_by_sql(app_env, "boskamp", year))  # no 1–4 here
    assert data.query("group == 'alle kernen'")["n"].iloc[0] == 22
    table = table_with(at, "Verandering 2016 → 2018").set_index("Kern")
    assert table.loc["Boskamp", "2016"] == dutch(reach_of_kern_by_sql(app_env, "boskamp", 2016), 1)
    assert len(table) == 22


def test_chosen_target_group_is_an_approach_and_its_reach_an_outcome(app_env: Path) -> None:
    at = open_page(wwk_aanpak="doelgroep_senioren", wwk_uitkomst="reach_senioren")
    with duckdb.connect(str(app_env)) as conn:
        chosen = conn.execute(
            "SELECT count(*) FROM kern_target_group WHERE doelgroep = 'senioren'"
        ).fetchone()[0]
        expected = deelname.target_group_reach(conn, START, END, doelgroep="senioren")
    inner = heatmap_data(at).query("approach != @wat_werkt_views.ALL_KERNEN")
    assert inner.query("approach == 'ja'")["n_kernen"].sum() == chosen
    assert inner["n_kernen"].sum() == 22
    # every ageing kern chose seniors: that cell says so instead of staying blank
    empty = inner.query("context == 'vergrijsd' and approach == 'nee'").iloc[0]
    assert empty["n_kernen"] == 0 and empty["n_text"] == "geen kernen" and not empty["marked"]
    groups = next(
        d.value for d in at.dataframe if "Groep" in d.value.columns and "ja" in set(d.value["Groep"])
    ).set_index("Groep")
    assert groups.loc["ja", "Kernen (n)"] == dutch(chosen)
    title = "Bereik doelgroep Senioren (65+): Doelgroep gekozen: Senioren (65+) × Vergrijsde kern"
    assert title in vega_charts(at)
    outer = heatmap_data(at).query("approach == @wat_werkt_views.ALL_KERNEN")
    known = [  # a kern's reach of the group, from its rounded estimates: unknown where one is 1–4
        p for p, n, size in zip(expected["pct"], expected["people"], expected["size"], strict=True)
        if pd.notna(p) and oracle_ratio(p, n, size) is not None
    ]  # fmt: skip
    assert outer["n_kernen"].sum() == len(known)


def test_bravo_breadth_is_an_approach(app_env: Path) -> None:
    at = open_page(wwk_aanpak="bravo")
    with duckdb.connect(str(app_env)) as conn:
        broad = conn.execute(
            "SELECT count(*) FROM (SELECT a.kern_id FROM activity a JOIN activity_theme t USING (activity_id) "
            "WHERE a.kind <> 'evenement' AND t.bravo_theme <> 'bewegen' GROUP BY a.kern_id "
            "HAVING count(DISTINCT t.bravo_theme) >= 3)"
        ).fetchone()[0]
    inner = heatmap_data(at).query("approach != @wat_werkt_views.ALL_KERNEN")
    assert set(inner["approach"]) == {"ja", "nee"}
    assert inner.query("approach == 'ja'")["n_kernen"].sum() == broad


def approach_table(at: AppTest) -> pd.DataFrame:
    """The table 'Naar aanpak: …' (the second group table)."""
    tables = [d.value for d in at.dataframe if "Overige kernen (n)" in d.value.columns]
    return tables[1].set_index("Groep")


def test_wat_werkt_groups_show_low_threshold_memberships_draw_the_previously_inactive(app_env: Path) -> None:
    """Pattern 7: table 'Naar aanpak: Laagdrempelig aanbod' — kernen whose offer is mostly flexible
    or short memberships have a larger share of previously inactive newcomers, marked."""
    at = open_page(wwk_aanpak="laagdrempelig", wwk_uitkomst="share_previously_inactive")
    assert any(m.value == "**Naar aanpak: Laagdrempelig aanbod**" for m in at.markdown)
    table = approach_table(at)
    assert table.loc["ja", "Gemarkeerd"] == "ja"
    assert float(table.loc["ja", "Verschil"].replace(",", ".")) > 0


def test_wat_werkt_groups_show_referrals_only_with_a_referral_network(app_env: Path) -> None:
    """Pattern 3: table 'Naar aanpak: Doorverwijsnetwerk met zorgpartners' — kernen without such a
    network have 0,0 referrals per 1.000 inhabitants; the difference is marked."""
    at = open_page(wwk_aanpak="doorverwijsnetwerk", wwk_uitkomst="referrals_per_1000")
    table = approach_table(at)
    assert table.loc["nee", "Gemiddelde"] == "0,0"
    assert table.loc["ja", "Gemarkeerd"] == "ja"


def test_wat_werkt_groups_show_continuity_where_the_work_goes_on(app_env: Path) -> None:
    """Pattern 5: table 'Naar aanpak: Doorgaan na de subsidie' with outcome Continuïteit 2019 —
    kernen that expect to go on keep more of their 2018 participation in 2019; marked."""
    at = open_page(wwk_aanpak="doorgaan", wwk_uitkomst="continuity_2019")
    table = approach_table(at)
    going_on, falling_back = (float(table.loc[g, "Gemiddelde"].replace(",", ".")) for g in ("ja", "nee"))
    assert going_on > falling_back
    assert table.loc["ja", "Gemarkeerd"] == "ja"
