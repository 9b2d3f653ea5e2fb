"""AppTest: the page "Wat werkt waar" renders, shows wat_werkt.py's numbers and the planted pattern.

Expected values come from sv_analytics.wat_werkt itself (the page must not change them) and from
plain SQL written here (n kernen and mean reach of 'bewegen' activities per ageing group). The
page's tables are typed tables shown as Dutch text, so counts read as '9', compared with
``dutch(n)``. Chart validity is tests/test_charts_valid.py's (this page is one of its pages).

Issue 13: before any mark the page shows what the data cannot separate. For every pair the
registry declares dependent (indicators/wat_werkt.py DEPENDENT) and for the confounded view
Ruim beweegaanbod × Vergrijsde kern the tests below check the sentence and that nothing of the
approach is marked (heat map spec data and the group tables), and the page's cross-table of n
against one computed here in SQL. The default view is one the demo data can answer.

The page runs protected (issue 12): its analysis is ``wat_werkt``'s with ``protected=True`` (every
kern's outcome from its rounded counts), and the SQL expectations go through the oracle of
tests/test_privacy.py (a kern whose count is 1–4 has that outcome unknown).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import deelname, indicators, wat_werkt, wat_werkt_views
from sv_analytics.indicators.wat_werkt import DEPENDENT, FEW_MAX
from sv_analytics.ui import filters
from tests.conftest import dutch, open_app_page, sent_text, table_with, undutch, vega_charts, widget
from tests.test_privacy import oracle_derived, oracle_ratio, oracle_text
from tests.units import assert_units

PAGE = "app_pages/wat_werkt.py"
START, END = date(2017, 1, 1), date(2018, 12, 1)
PROFILE_DISTANCE = "Profielafstand (standaarddeviaties)"  # the one header of the distance (both pages)
CONTEXT, APPROACH, OUTCOME = wat_werkt_views.DEFAULT_VIEW
MEAN = "Gemiddelde (per 1.000 inwoners)"
INTERVAL = "95%-interval (per 1.000 inwoners)"
DEPENDENT_TEXT = "Deze uitkomst telt de aanpak deels mee"
OVERLAP_TEXT = "deze gegevens kunnen niet laten zien of een verschil komt door"


def open_page(**widgets: object) -> AppTest:
    return open_app_page(PAGE, **widgets)


def heatmap(at: AppTest) -> tuple[dict, pd.DataFrame]:
    """The heat map (the page's first chart): its spec and its cells."""
    spec, datasets = next(iter(vega_charts(at).values()))
    return spec, datasets[0]


def heatmap_data(at: AppTest) -> pd.DataFrame:
    return heatmap(at)[1]


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


def test_page_opens_with_the_question_a_short_caveat_and_three_charts(app_env: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Wat werkt waar?"
    assert at.markdown[0].value.startswith("Welke aanpak hangt samen met welke uitkomst")
    assert "niet wat iets veroorzaakt" in at.markdown[1].value  # two lines, the full note one click away
    honesty = next(e for e in at.expander if e.label == "Wat 22 kernen wel en niet kunnen laten zien")
    assert honesty.markdown[0].value == wat_werkt.HONESTY
    assert "effectief" not in " ".join(m.value.lower() for m in at.markdown if m.value != wat_werkt.HONESTY)
    assert len(at.get("vega_lite_chart")) == 3


def test_the_default_view_is_separable_and_not_dependent(app_env: Path) -> None:
    """The page opens on a view the demo data can answer: every cell of the cross-table has at
    least MIN_N kernen and the outcome does not count the approach."""
    at = open_page()
    choices = at.session_state[filters._CHOICES]
    assert choices["Aanpak"] == wat_werkt_views.label(APPROACH)
    assert (APPROACH, OUTCOME) not in {(d, o) for d, o in dependent_pairs()}
    assert any(s.value.startswith("Aanpak en omstandigheid zijn te scheiden") for s in at.success)
    assert not any(DEPENDENT_TEXT in w.value or OVERLAP_TEXT in w.value for w in at.warning)
    assert (overlap_shown(at).to_numpy().astype(int) >= wat_werkt.MIN_N).all()


def test_heatmap_cells_equal_compare_heatmap_and_cell_table(app_env: Path) -> None:
    at = open_page()
    data = heatmap_data(at)
    with duckdb.connect(str(app_env)) as conn:
        table = wat_werkt.kern_table(conn, START, END, protected=True)
        expected = wat_werkt.heatmap_from(table, CONTEXT, APPROACH, OUTCOME)
    inner = data[(data["approach"] != wat_werkt_views.ALL_KERNEN) & (data["n_kernen"] > 0)].reset_index(
        drop=True
    )
    for column in ("context", "approach", "n_kernen", "small_n", "few", "marked", "blocked"):
        assert list(inner[column]) == list(expected[column]), column
    assert "n_participants" not in data.columns  # the count only as its protected text
    assert list(inner["participants_text"]) == [oracle_text(n) for n in expected["n_participants"]]
    assert inner["mean"].round(9).tolist() == expected["mean"].round(9).tolist()
    groups = wat_werkt.cell_table(table, "ageing_group", "bewegen_per_1000").set_index("group")
    outer = data[data["approach"] == wat_werkt_views.ALL_KERNEN].set_index("context")
    assert outer["n_kernen"].to_dict() == groups["n"].to_dict()
    assert outer["ci_low"].round(9).to_dict() == groups["ci_low"].round(9).to_dict()
    shown = table_with(at, "Overige kernen (n)").set_index("Groep")
    assert shown.loc["vergrijsd", MEAN] == dutch(groups.loc["vergrijsd", "mean"], 1)
    low, high = groups.loc["vergrijsd", ["ci_low", "ci_high"]]
    assert low > 0  # not cut to the outcome's bounds here: the page shows cell_table's interval
    assert shown.loc["vergrijsd", INTERVAL] == f"{dutch(low, 1)} – {dutch(high, 1)}"


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
    spec, data = heatmap(at)
    data = data.set_index(["context", "approach_label"])
    cell = data.loc[("vergrijsd", "alle kernen")]
    assert bool(cell["marked"]) and not bool(cell["small_n"])
    assert cell["mean"] > 2 * data.loc[("niet vergrijsd", "alle kernen"), "mean"]
    frames = [layer for layer in spec["layer"] if layer.get("mark", {}).get("strokeWidth") == 5]
    assert frames and "datum.marked" in json.dumps(frames[0]["transform"])
    assert any("gemarkeerd" in m.value and "geen bewijs van oorzaak" in m.value for m in at.markdown)


def test_small_cells_are_grey_without_interval_and_never_marked(app_env: Path) -> None:
    """Ruim beweegaanbod × Vergrijsde kern: vergrijsd × nee has one kern, niet vergrijsd × ja
    none: grey, no interval (no text, no bounds), not marked; the tables say 'te weinig kernen'."""
    at = open_page(wwk_aanpak="beweegaanbod")
    data = heatmap_data(at)
    small = data[data["small_n"]]
    assert len(small) >= 2 and (small["n_kernen"] < wat_werkt.MIN_N).all()
    assert not small["marked"].any() and (small["blocked"] == "small").all()
    assert small.query("n_kernen > 0")["n_text"].str.contains("te weinig").all()
    assert (small.query("n_kernen == 0")["n_text"] == "geen kernen").all()
    assert small["colour_value"].isna().all()  # grey: outside the colour scale
    assert (
        (small["interval_text"] == "").all()
        and small["ci_low"].isna().all()
        and small["ci_high"].isna().all()
    )
    table = table_with(at, "Aanpak", INTERVAL)
    few = table[table["Kernen (n)"].astype(int) < wat_werkt.MIN_N]
    assert len(few) and (few[INTERVAL] == "").all()
    assert (few["Let op"] == f"te weinig kernen (minder dan {wat_werkt.MIN_N})").all()


def test_few_kernen_have_their_own_look_and_say_so(app_env: Path) -> None:
    """A cell of MIN_N … FEW_MAX kernen: coloured, lighter in a dotted frame, 'weinig kernen'."""
    at = open_page()
    spec, data = heatmap(at)
    few = data[data["few"]]
    assert len(few) and few["n_kernen"].between(wat_werkt.MIN_N, FEW_MAX).all()
    assert few["n_text"].str.endswith("weinig kernen").all() and few["colour_value"].notna().all()
    assert not data.loc[~data["few"] & ~data["small_n"], "n_text"].str.contains("weinig").any()
    layers = [layer for layer in spec["layer"] if "datum.few" in json.dumps(layer.get("transform", []))]
    assert any(layer["mark"].get("strokeDash") and layer["mark"].get("opacity", 1) < 1 for layer in layers)
    shown = table_with(at, "Aanpak", "Let op")
    assert f"weinig kernen ({wat_werkt.MIN_N}–{FEW_MAX})" in set(shown["Let op"])


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
    table = table_with(at, "Verandering 2016 → 2018 (%)").set_index("Kern")
    yearly = indicators.get("bereik_per_1000_per_jaar").unit
    assert table.loc["Boskamp", f"2016 ({yearly})"] == dutch(
        reach_of_kern_by_sql(app_env, "boskamp", 2016), 1
    )
    assert len(table) == 22


def test_chosen_target_group_is_an_approach_and_its_reach_an_outcome(app_env: Path) -> None:
    at = open_page(wwk_context="vergrijzing", wwk_aanpak="doelgroep_senioren", wwk_uitkomst="reach_senioren")
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
    assert next(iter(vega_charts(at))) == "Bereik doelgroep Senioren (65+)"
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
    """Pattern 7: table 'Naar aanpak: Laagdrempelig aanbod' (context Omvang, which the data can
    separate from it) — kernen whose offer is mostly flexible or short memberships have a larger
    share of previously inactive newcomers, marked."""
    at = open_page(wwk_context="omvang", wwk_aanpak="laagdrempelig", wwk_uitkomst="share_previously_inactive")
    assert any(m.value == "**Naar aanpak: Laagdrempelig aanbod**" for m in at.markdown)
    table = approach_table(at)
    assert table.loc["ja", "Gemarkeerd"] == "ja"
    assert undutch(table.loc["ja", "Verschil (%-punt)"]) > 0


def test_wat_werkt_groups_show_referrals_only_with_a_referral_network(app_env: Path) -> None:
    """Pattern 3: table 'Naar aanpak: Doorverwijsnetwerk met zorgpartners' — kernen without such a
    network have 0,0 referrals per 1.000 inhabitants. The outcome counts the approach (registry
    DEPENDENT): the page says so and does not mark it."""
    at = open_page(wwk_aanpak="doorverwijsnetwerk", wwk_uitkomst="referrals_per_1000")
    table = approach_table(at)
    assert table.loc["nee", MEAN] == "0,0"
    assert set(table["Gemarkeerd"]) == {"geen oordeel: telt de aanpak mee"}
    assert any(w.value.startswith(DEPENDENT_TEXT) for w in at.warning)


def test_wat_werkt_groups_show_continuity_where_the_work_goes_on(app_env: Path) -> None:
    """Pattern 5: table 'Naar aanpak: Doorgaan na de subsidie' with outcome Continuïteit 2019 —
    kernen that expect to go on keep more of their 2018 participation in 2019. Expectation and
    measurement are the same thing twice (registry DEPENDENT): shown, not marked."""
    at = open_page(wwk_aanpak="doorgaan", wwk_uitkomst="continuity_2019")
    table = approach_table(at)
    mean = f"Gemiddelde ({indicators.get('deelname_verandering_2019').unit})"
    going_on, falling_back = (undutch(table.loc[g, mean]) for g in ("ja", "nee"))
    assert going_on > falling_back
    assert set(table["Gemarkeerd"]) == {"geen oordeel: telt de aanpak mee"}


# ------------------------------------------------------------------------------ issue 13
def dependent_pairs() -> list[tuple[str, str]]:
    """The registry's declared dependent pairs as (approach dimension, outcome column) of the page."""
    approaches = {code: dim for dim, (_, code) in wat_werkt.APPROACH_DIMENSIONS.items()}
    outcomes = {code: column for column, code in wat_werkt.OUTCOMES.items()}
    pairs = [(approaches[a], outcomes[o]) for a, o in DEPENDENT]
    assert len(pairs) == len(DEPENDENT) >= 3
    return pairs


def overlap_shown(at: AppTest) -> pd.DataFrame:
    """The page's cross-table of n: context groups (index) × approach groups (columns)."""
    frame = table_with(at, "ja (n kernen)", "nee (n kernen)")
    frame = frame.set_index(frame.columns[0])
    return frame.rename(columns=lambda c: c.removesuffix(" (n kernen)"))


def group_tables(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """'Naar omstandigheid' and 'Naar aanpak'."""
    found = [d.value.set_index("Groep") for d in at.dataframe if "Overige kernen (n)" in d.value.columns]
    assert len(found) == 2
    return found[0], found[1]


def test_every_declared_dependent_pair_is_named_and_its_approach_never_marked(app_env: Path) -> None:
    at = open_page()
    for approach, outcome in dependent_pairs():
        widget(at, "wwk_aanpak").set_value(approach)
        widget(at, "wwk_uitkomst").set_value(outcome).run()
        assert not at.exception, [e.message for e in at.exception]
        reason = DEPENDENT[(wat_werkt.APPROACH_DIMENSIONS[approach][1], wat_werkt.OUTCOMES[outcome])]
        warnings = [w.value for w in at.warning if w.value.startswith(DEPENDENT_TEXT)]
        assert len(warnings) == 1 and reason[1:] in warnings[0], (approach, outcome)
        cells = heatmap_data(at)
        inner = cells[cells["approach"] != wat_werkt_views.ALL_KERNEN]
        assert not inner["marked"].any() and set(inner["blocked"]) <= {"dependent", "small"}, (
            approach,
            outcome,
        )
        assert set(inner.loc[~inner["small_n"], "marked_text"]) <= {"geen oordeel: telt de aanpak mee"}
        by_context, by_approach = group_tables(at)
        assert "ja" not in set(by_approach["Gemarkeerd"]), (approach, outcome)
        assert set(by_approach["p"]) == {"–"}  # no p-value for a comparison the data rule out
        with duckdb.connect(str(app_env)) as conn:  # the context may be marked only if separable
            table = wat_werkt.kern_table(conn, START, END, protected=True)
        found = wat_werkt.verdict(table, CONTEXT, approach, outcome)
        if not found.context_markable:
            assert "ja" not in set(by_context["Gemarkeerd"])
            assert not cells["marked"].any()


def bewegen_and_ageing_by_sql(db: Path) -> pd.DataFrame:
    """Per kern, in SQL: vergrijsd, 'ruim beweegaanbod' (≥ 2 bewegen activities, evenementen left
    out) and whether its reach of 'bewegen' activities is known in a protected view (not 1–4)."""
    frame = ageing_by_sql(db)
    with duckdb.connect(str(db)) as conn:
        counts = dict(
            conn.execute(
                "SELECT kern_id, count(*) FROM activity WHERE kind = 'bewegen' GROUP BY kern_id"
            ).fetchall()
        )
    frame["ruim"] = frame["kern_id"].map(counts).fillna(0) >= 2
    frame["known"] = protected_rates(frame).notna()
    return frame


def test_the_confounded_view_says_so_and_marks_nothing(app_env: Path) -> None:
    """Ruim beweegaanbod × Vergrijsde kern → Bereik beweegactiviteiten per 1.000: approach and
    context coincide (and the outcome counts the approach). The page's cross-table equals one
    made here in SQL, the sentence names the thin cells, the approach and the circumstance, and
    nothing is marked — not in the heat map, not in either group table."""
    at = open_page(wwk_context="vergrijzing", wwk_aanpak="beweegaanbod", wwk_uitkomst="bewegen_per_1000")
    by_sql = bewegen_and_ageing_by_sql(app_env).query("known")
    expected = pd.crosstab(by_sql["vergrijsd"], by_sql["ruim"]).reindex(
        index=[True, False], columns=[True, False], fill_value=0
    )
    shown = overlap_shown(at)
    for ageing, context in ((True, "vergrijsd"), (False, "niet vergrijsd")):
        for ruim, approach in ((True, "ja"), (False, "nee")):
            assert shown.loc[context, approach] == dutch(expected.loc[ageing, ruim]), (context, approach)
    assert expected.loc[False, True] < wat_werkt.MIN_N or expected.loc[True, False] < wat_werkt.MIN_N
    overlap = next(w.value for w in at.warning if OVERLAP_TEXT in w.value)
    assert "‘Ruim beweegaanbod’" in overlap and "‘Vergrijsde kern’" in overlap
    thin = [(c, a, expected.loc[g, r]) for g, c in ((True, "vergrijsd"), (False, "niet vergrijsd"))
            for r, a in ((True, "ja"), (False, "nee")) if expected.loc[g, r] < wat_werkt.MIN_N]  # fmt: skip
    for context, approach, n in thin:
        said = "geen kernen" if n == 0 else ("1 kern" if n == 1 else f"{n} kernen")
        assert f"{context} × {approach}: {said}" in overlap
    assert any(w.value.startswith(DEPENDENT_TEXT) for w in at.warning)
    cells = heatmap_data(at)
    assert not cells["marked"].any()
    assert set(cells["blocked"]) <= {"overlap", "dependent", "small"} and "" not in set(cells["blocked"])
    frames = [layer for layer in heatmap(at)[0]["layer"] if layer.get("mark", {}).get("strokeWidth") == 5]
    assert frames  # the frame layer exists; it draws only marked cells, and there are none
    for table in group_tables(at):
        assert not any(v == "ja" for v in table["Gemarkeerd"])
        assert all(v.startswith("geen oordeel") for v in table["Gemarkeerd"])


def test_the_reading_beside_the_heat_map_uses_this_views_figures(app_env: Path) -> None:
    at = open_page()
    cells = heatmap_data(at)
    shown = cells[cells["ci_low"].notna()]
    most = shown.sort_values("n_kernen", ascending=False).iloc[0]
    half = dutch((most["ci_high"] - most["ci_low"]) / 2, 1)
    reading = next(m.value for m in at.markdown if m.value.startswith("**In dit beeld:**"))
    assert f"bij {most['n_kernen']} kernen makkelijk ±{half} per 1.000 inwoners" in reading
    howto = next(e for e in at.expander if e.label == "Hoe lees ik dit?")
    text = " ".join(m.value for m in howto.markdown)
    for term in ("95%-interval", "Permutatietoets", "p < 0,05", "Weinig kernen", "Niet te scheiden",
                 "Telt de aanpak deels mee"):  # fmt: skip
        assert term in text, term


def test_units_on_the_page(app_env: Path) -> None:
    """Every number of the default view and of a view with a percentage outcome has its unit."""
    at = open_page()
    assert_units(at)
    spec, _ = heatmap(at)
    assert "(per 1.000 inwoners)" in json.dumps(spec["layer"][0]["encoding"]["color"]["title"])
    widget(at, "wwk_uitkomst").set_value("share_previously_inactive").run()
    assert_units(at)
    assert "Gemiddelde (%)" in table_with(at, "Overige kernen (n)").columns


def test_without_monitoring_data_the_page_says_so_and_computes_nothing(empty_app_env: Path) -> None:
    at = open_page()
    infos = [i.value for i in at.info]
    assert any(i.startswith("Er zijn nog geen monitoringgegevens") for i in infos)
    assert len(at.get("vega_lite_chart")) == 0
    assert not [
        d for d in at.dataframe if "Kernen (n)" in d.value.columns or PROFILE_DISTANCE in d.value.columns
    ]
    sent = sent_text(at)
    assert not re.search(r"(?<![\d,])0,0(?!\d)", sent)  # no computed '0,0' anywhere (p < 0,05 is text)
    assert "In dit beeld" not in sent and "n kernen)" not in sent


def test_loket_gezond_leven_interventions_follow_the_level_filter(app_env: Path) -> None:
    """The table of activities with a Loket Gezond Leven intervention, from the chosen level up,
    equals SQL written here (levels listed literally, strongest evidence last)."""
    at = open_page(wwk_erkenning="goed_onderbouwd")
    table = table_with(at, "Interventie (Loket Gezond Leven)", "Erkenningsniveau")
    with duckdb.connect(str(app_env)) as conn:
        expected = conn.execute(
            "SELECT k.name, a.intervention_name FROM activity a JOIN kern k USING (kern_id) "
            "WHERE a.recognition_level IN ('goed_onderbouwd', 'eerste_aanwijzingen', 'goede_aanwijzingen', "
            "'sterke_aanwijzingen')"
        ).fetchall()
    assert expected and sorted(
        zip(table["Kern"], table["Interventie (Loket Gezond Leven)"], strict=True)
    ) == sorted(expected)
    assert "Goed beschreven" not in set(table["Erkenningsniveau"])
    assert at.session_state[filters._CHOICES]["Erkenningsniveau ten minste"] == "Goed onderbouwd"
    at.selectbox(key="wwk_erkenning").set_value("alle").run()
    everything = table_with(at, "Interventie (Loket Gezond Leven)", "Erkenningsniveau")
    with duckdb.connect(str(app_env)) as conn:
        named = conn.execute("SELECT count(*) FROM activity WHERE intervention_name IS NOT NULL").fetchone()[
            0
        ]
    assert len(everything) == named > len(table)
