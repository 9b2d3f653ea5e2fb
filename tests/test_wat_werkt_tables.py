"""Every table of Wat werkt waar exports typed cells (numbers, p-values and changes as numbers,
'<5' only for small counts of participants, no internal columns) with figures that equal SQL
written here, independently of sv_analytics.wat_werkt and its query files.

Exports are protected (issue 12) and so is the analysis behind them: every kern's outcome comes
from its rounded count (the oracle of tests/test_privacy.py on the SQL's exact count), a group
mean is the mean of those (a kern with a count of 1–4 has that outcome unknown)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from sv_analytics import indicators, wat_werkt
from sv_analytics import wat_werkt_views as views
from tests.test_mijn_kern_tables import exported, values
from tests.test_privacy import oracle_derived, rounded

START, END = date(2017, 1, 1), date(2018, 12, 1)
AGEING_SQL = """
    SELECT kr.kern_id,
           sum(s.value) FILTER (WHERE s.age_group = '65+') / sum(s.value) FILTER (WHERE s.age_group = 'totaal')
             >= 0.25 AS vergrijsd
    FROM kern_region kr JOIN statistic s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
    WHERE s.year = 2017 AND s.indicator = 'inwoners'
    GROUP BY kr.kern_id
"""
REACH_SQL = """
    WITH p AS (
        SELECT a.kern_id, p.*, min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
        FROM participation p JOIN activity a USING (activity_id) WHERE p.month BETWEEN $s AND $e)
    SELECT k.kern_id, k.name,
           1000.0 * coalesce(sum(CASE WHEN month = first_month THEN participants ELSE new_participants END), 0)
             / k.inhabitants AS per_1000,
           coalesce(sum(CASE WHEN month = first_month THEN participants ELSE new_participants END), 0) AS n
    FROM kern k LEFT JOIN p USING (kern_id) GROUP BY k.kern_id, k.name, k.inhabitants
"""


def protected_rates(frame: pd.DataFrame) -> pd.Series:
    """REACH_SQL's rates as a protected analysis has them: from the rounded reach, NaN for 1–4."""
    shown = [oracle_derived(rate, n) for rate, n in zip(frame["per_1000"], frame["n"], strict=True)]
    return pd.Series([np.nan if v is None else v for v in shown], index=frame.index, dtype="float64")


@pytest.fixture(scope="module")
def data(demo_db: Path) -> views.Analysis:
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        return views.analysis(conn, START, END)


def ageing_counts(conn: duckdb.DuckDBPyConnection) -> dict[bool, int]:
    rows = conn.execute(f"SELECT vergrijsd, count(*) FROM ({AGEING_SQL}) GROUP BY 1").fetchall()
    return dict(rows)


def test_heatmap_table_exports_counts_p_values_and_flags(
    data: views.Analysis, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    cells = views.heatmap_cells(data, *views.DEFAULT_VIEW)
    rows = exported(views.heatmap_table(cells, *views.DEFAULT_VIEW))
    overall = {r["Omstandigheid"].value: r for r in rows if r["Aanpak"].value == "alle kernen"}
    expected = ageing_counts(demo_conn)
    assert overall["vergrijsd"]["Kernen (n)"].value == expected[True]
    assert overall["niet vergrijsd"]["Kernen (n)"].value == expected[False]
    assert overall["vergrijsd"]["Gemarkeerd"].value == "ja"  # pattern 1, marked (a separable view)
    p_values = [v for v in values(rows, "p") if v is not None]
    assert p_values and all(isinstance(v, float) and 0 < v <= 1 for v in p_values)
    assert all(isinstance(v, int) for v in values(rows, "Deelnemers"))  # large groups: no '<5' here


def test_heatmap_table_of_a_confounded_view_exports_no_mark_and_no_p(data: views.Analysis) -> None:
    """Ruim beweegaanbod × Vergrijsde kern → bewegen reach: not separable and dependent, so every
    exported row says why there is no judgement and none carries a p-value to read as one."""
    view = ("vergrijzing", "beweegaanbod", "bewegen_per_1000")
    rows = exported(views.heatmap_table(views.heatmap_cells(data, *view), *view))
    assert rows and all(str(v).startswith("geen oordeel") for v in values(rows, "Gemarkeerd"))
    assert values(rows, "p") == [None] * len(rows)
    means = [v for v in values(rows, "Gemiddelde (per 1.000 inwoners)") if v is not None]
    assert means and all(isinstance(v, (int, float)) for v in means)  # the means stay: only the verdict goes


def test_heatmap_table_hides_small_participant_counts_and_keeps_tiny_p_values() -> None:
    cells = pd.DataFrame(
        {
            "context": ["klein", "groot"], "approach": ["ja", views.ALL_KERNEN], "n_kernen": [1, 12],
            "n_participants": [3, 812], "mean": [1.5, 20.25], "ci_low": [1.5, 18.0], "ci_high": [1.5, 22.5],
            "difference": [np.nan, 4.0], "p_value": [np.nan, 0.0002], "small_n": [True, False],
            "marked": [False, True],
        }
    )  # fmt: skip
    table = views.heatmap_table(cells, "omvang", "beweegaanbod", "reach_per_1000")
    rows = exported(table)
    assert values(rows, "Deelnemers") == ["<5", rounded(812)]
    assert values(rows, "p") == [None, pytest.approx(0.0002)]  # the number, not '<0,001'
    shown = table.display()
    assert list(shown["p"]) == ["–", "<0,001"] and list(shown["Deelnemers"]) == ["<5", str(rounded(812))]
    assert list(table.display(protected=False)["Deelnemers"]) == ["3", "812"]  # an exact screen
    assert list(shown["95%-interval (per 1.000 inwoners)"]) == ["1,5 – 1,5", "18,0 – 22,5"]
    # the export has the interval's bounds as two numbers, not the text, each with its unit
    assert values(rows, "95%-interval ondergrens (per 1.000 inwoners)") == [1.5, 18.0]
    assert values(rows, "95%-interval bovengrens (per 1.000 inwoners)") == [1.5, 22.5]
    assert "95%-interval (per 1.000 inwoners)" not in rows[0]
    assert (
        values(rows, "Gemarkeerd") == ["nee", "ja"]
        and values(rows, "Verschil (per 1.000 inwoners)")[1] == 4.0
    )


def test_groups_table_exports_counts_and_means(
    data: views.Analysis, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    cells = views.group_cells(data, "vergrijzing", "bewegen_per_1000")
    rows = {
        r["Groep"].value: r for r in exported(views.groups_table(cells, "vergrijzing", "bewegen_per_1000"))
    }
    expected = ageing_counts(demo_conn)
    assert rows["vergrijsd"]["Kernen (n)"].value == expected[True]
    assert rows["vergrijsd"]["Overige kernen (n)"].value == expected[False]
    per_kern = demo_conn.execute(
        REACH_SQL.replace("WHERE p.month", "WHERE a.kind = 'bewegen' AND p.month"), {"s": START, "e": END}
    ).df()
    ageing = {k for k, v in demo_conn.execute(AGEING_SQL).fetchall() if v}
    mean = protected_rates(per_kern)[per_kern["kern_id"].isin(ageing)].mean()
    assert rows["vergrijsd"]["Gemiddelde (per 1.000 inwoners)"].value == pytest.approx(mean)
    assert rows["vergrijsd"]["Gemiddelde (per 1.000 inwoners)"].number_format == "#,##0.0"


def test_similar_table_exports_inhabitants_and_reach_that_match_sql(
    data: views.Analysis, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    rows = exported(views.similar_table(views.similar(data, "boskamp")))
    assert len(rows) == 4
    found = demo_conn.execute(REACH_SQL, {"s": START, "e": END}).df()
    reach = protected_rates(found).set_axis(found["name"])
    inhabitants = dict(demo_conn.execute("SELECT name, inhabitants FROM kern").fetchall())
    for row in rows:
        name = row["Kern"].value
        assert row["Inwoners"].value == inhabitants[name]
        assert row["Bereik per 1.000 inwoners"].value == pytest.approx(reach[name])
        assert isinstance(row["Profielafstand (standaarddeviaties)"].value, float)


def test_factor_tables_export_counts_and_phases_that_match_sql(
    data: views.Analysis, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    found = views.factors_in_context(views.factors(demo_conn, None, None), data, "vergrijzing")
    counts = exported(views.factor_counts(found))
    expected = demo_conn.execute(
        "SELECT category, count(*) FILTER (WHERE kind = 'succes'), count(*) FILTER (WHERE kind = 'faal') "
        "FROM evaluation_factor GROUP BY category ORDER BY category"
    ).fetchall()
    assert [
        (r["Categorie"].value, r["succesfactor"].value, r["faalfactor"].value) for r in counts
    ] == expected
    rows = exported(views.factor_table(found))
    phases = demo_conn.execute("SELECT phase, count(*) FROM evaluation_factor GROUP BY 1").fetchall()
    shown = pd.Series(values(rows, "Fase")).value_counts(dropna=False)
    for phase, n in phases:
        assert shown[phase if phase is not None else np.nan] == n
    assert len(rows) == sum(n for _, n in phases)


def test_before_after_tables_export_reach_and_changes_that_match_sql(
    data: views.Analysis, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    groups = exported(views.before_after_table(views.before_after_groups(data, "omvang"), "omvang"))
    small = demo_conn.execute("SELECT count(*) FILTER (WHERE inhabitants < 1500) FROM kern").fetchone()[0]
    assert {r["Groep"].value: r["Kernen (n)"].value for r in groups} == {"klein": small, "groot": 22 - small}
    frame = views.before_after_kernen(data, "omvang")
    rows = {r["Kern"].value: r for r in exported(views.before_after_kernen_table(frame, "omvang", "Omvang"))}
    assert len(rows) == 22
    years = {}
    for year in (2016, 2018):
        found = demo_conn.execute(REACH_SQL, {"s": date(year, 1, 1), "e": date(year, 12, 1)}).df()
        years[year] = protected_rates(found).set_axis(found["name"])
    yearly = f"2016 ({indicators.get(views.YEARLY).unit})"
    for name, row in rows.items():
        assert row[yearly].value == pytest.approx(years[2016][name])
        change = 100 * (years[2018][name] / years[2016][name] - 1) if years[2016][name] > 0 else None
        if change is None:
            assert row["Verandering 2016 → 2018 (%)"].value is None
        else:
            assert row["Verandering 2016 → 2018 (%)"].value == pytest.approx(change / 100)  # Excel percent
            assert row["Verandering 2016 → 2018 (%)"].number_format == "0%"
    assert wat_werkt.BEFORE_AFTER_YEARS == (2016, 2018, 2019)


# ------------------------------------------------------------------------------ issue 13
def test_overlap_table_exports_the_cross_table_of_n(
    data: views.Analysis, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    """Vergrijsde kern × Ruim beweegaanbod, counted here in SQL (kernen with a known outcome)."""
    found = views.verdict(data, "vergrijzing", "beweegaanbod", "bewegen_per_1000")
    rows = {
        r["Vergrijsde kern"].value: r
        for r in exported(views.overlap_table(found, "vergrijzing", "beweegaanbod"))
    }
    per_kern = demo_conn.execute(
        REACH_SQL.replace("WHERE p.month", "WHERE a.kind = 'bewegen' AND p.month"), {"s": START, "e": END}
    ).df()
    known = set(per_kern.loc[protected_rates(per_kern).notna(), "kern_id"])
    ageing = dict(demo_conn.execute(AGEING_SQL).fetchall())
    ruim = dict(demo_conn.execute(
        "SELECT kern_id, count(*) >= 2 FROM activity WHERE kind = 'bewegen' GROUP BY kern_id"
    ).fetchall())  # fmt: skip
    counted = pd.crosstab(
        pd.Series([("vergrijsd" if ageing[k] else "niet vergrijsd") for k in known]),
        pd.Series([("ja" if ruim.get(k, False) else "nee") for k in known]),
    )
    for context in ("vergrijsd", "niet vergrijsd"):
        for group in ("ja", "nee"):
            expected = int(counted.loc[context, group]) if group in counted.columns else 0
            assert rows[context][f"{group} (n kernen)"].value == expected, (context, group)
    assert not found.overlap.separable and int(counted.loc["niet vergrijsd"].get("ja", 0)) < wat_werkt.MIN_N


def test_groups_table_withholds_marks_and_p_the_verdict_rules_out() -> None:
    cells = pd.DataFrame(
        {
            "group": ["ja", "nee"], "n": [8, 14], "mean": [41.4, 8.0], "ci_low": [30.5, 5.6],
            "ci_high": [50.0, 9.7], "n_rest": [14, 8], "mean_rest": [8.0, 41.4], "difference": [33.4, -33.4],
            "p_value": [0.0002, 0.0002], "small_n": [False, False], "few": [False, False], "marked": [True, True],
        }
    )  # fmt: skip
    free = exported(views.groups_table(cells, "beweegaanbod", "bewegen_per_1000"))
    assert values(free, "Gemarkeerd") == ["ja", "ja"] and values(free, "p") == [pytest.approx(0.0002)] * 2
    for blocked, said in (("dependent", "geen oordeel: telt de aanpak mee"),
                          ("overlap", "geen oordeel: niet te scheiden")):  # fmt: skip
        rows = exported(views.groups_table(cells, "beweegaanbod", "bewegen_per_1000", blocked, unknown=2))
        assert values(rows, "Gemarkeerd") == [said, said, "niet vergeleken: onbekend"]
        assert values(rows, "p") == [None, None, None]
        assert values(rows, "Groep")[-1] == "onbekend" and values(rows, "Kernen (n)")[-1] == 2  # never 'nee'
        assert values(rows, "Verschil (per 1.000 inwoners)")[:2] == [33.4, -33.4]  # described, not judged


def test_intervals_stay_within_what_the_outcome_can_be() -> None:
    """A t-interval at n = 3 may run below 0; a rate per 1.000 and a share cannot."""
    cells = pd.DataFrame({"ci_low": [-92.2, 5.0, float("nan")], "ci_high": [84.7, 120.0, float("nan")]})
    rate = views.within_bounds(cells, "bewegen_per_1000")
    assert rate["ci_low"].tolist()[:2] == [0.0, 5.0] and rate["ci_high"].tolist()[:2] == [84.7, 120.0]
    share = views.within_bounds(cells, "share_previously_inactive")
    assert share["ci_high"].tolist()[:2] == [84.7, 100.0]
    assert rate["ci_low"].isna().iloc[2]  # no interval stays no interval
    change = views.within_bounds(pd.DataFrame({"ci_low": [-130.0], "ci_high": [150.0]}), "continuity_2019")
    assert change["ci_low"].iloc[0] == -100.0 and change["ci_high"].iloc[0] == 150.0
