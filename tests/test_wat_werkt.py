"""The analysis core of "Wat werkt waar" (sv_analytics/wat_werkt.py) finds the planted patterns,
marks nothing where there is no pattern, and stays honest about small groups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from sv_analytics import deelname, indicators, kernprofiel, overzicht, timeline, wat_werkt
from sv_analytics.indicators import wat_werkt as registry

PROJECT = (timeline.PROJECT.start, timeline.PROJECT.end)
#: Seeds of null datasets checked one by one; verified to give no false positive at alpha 0.05.
NULL_SEEDS = range(20)


@pytest.fixture(scope="module")
def conn(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def table(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return wat_werkt.kern_table(conn, *PROJECT)


def by_kern(conn: duckdb.DuckDBPyConnection, query: str) -> dict[str, object]:
    """An independent query's rows as kern_id → value (its first and second column)."""
    return dict(conn.execute(query).fetchall())


def generated(seed: int, shift: float = 0.0, n: int = 22) -> pd.DataFrame:
    """A table of ``n`` kernen with random yes/no labels and outcomes N(0, 1) independent of the
    label; ``shift`` standard deviations are added to the outcomes of group "ja"."""
    rng = np.random.default_rng(seed)
    labels = np.array(["ja"] * (n // 2) + ["nee"] * (n - n // 2))
    rng.shuffle(labels)
    outcome = rng.normal(size=n) + np.where(labels == "ja", shift, 0.0)
    return pd.DataFrame({"group": labels, "outcome": outcome})


def row(cells: pd.DataFrame, group) -> pd.Series:
    return cells.set_index("group").loc[group]


# ------------------------------------------------------------------------------ planted patterns
def test_walking_sports_reach_more_people_in_ageing_kernen(table: pd.DataFrame) -> None:
    cells = wat_werkt.cell_table(table, "ageing_group", "bewegen_per_1000")
    ageing, other = row(cells, "vergrijsd"), row(cells, "niet vergrijsd")
    assert ageing["n"] >= wat_werkt.MIN_N and other["n"] >= wat_werkt.MIN_N
    assert ageing["mean"] > 2 * other["mean"]
    assert ageing["ci_low"] > other["ci_high"]  # the intervals do not even overlap
    assert ageing["marked"] and other["marked"]


def test_low_threshold_memberships_draw_more_previously_inactive(table: pd.DataFrame) -> None:
    cells = wat_werkt.cell_table(table, "low_threshold_group", "share_previously_inactive")
    low, regular = row(cells, "ja"), row(cells, "nee")
    assert low["mean"] > regular["mean"]
    assert low["marked"]
    # the same direction without a threshold: more low-threshold activities, more inactive
    ranks = table[["low_threshold_pct", "share_previously_inactive"]].rank()
    rho = ranks["low_threshold_pct"].corr(ranks["share_previously_inactive"])  # Spearman
    assert rho > 0.3


def test_referrals_only_where_a_referral_network_exists(table: pd.DataFrame) -> None:
    with_network = table[table["network_group"] == "ja"]
    without = table[table["network_group"] == "nee"]
    assert len(with_network) >= wat_werkt.MIN_N and len(without) >= wat_werkt.MIN_N
    assert (with_network["referrals_per_1000"] > 0).all()
    assert (without["referrals_per_1000"] == 0).all()
    cells = wat_werkt.cell_table(table, "network_group", "referrals_per_1000")
    assert row(cells, "ja")["p_value"] < registry.ALPHA and row(cells, "ja")["difference"] > 0
    assert wat_werkt.dependence("doorverwijsnetwerk", "referrals_per_1000")  # by definition: never marked


def test_continuity_differs_between_kernen_that_go_on_and_fall_back(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame
) -> None:
    expected = by_kern(
        conn, "SELECT kern_id, continues_after_subsidy FROM evaluation WHERE moment = 'eind_2018'"
    )
    assert table.set_index("kern_id")["continues_group"].to_dict() == {
        k: "ja" if v else "nee" for k, v in expected.items()
    }
    cells = wat_werkt.cell_table(table, "continues_group", "continuity_2019")
    going_on, falling_back = row(cells, "ja"), row(cells, "nee")
    assert going_on["mean"] > -15 and falling_back["mean"] < -20  # change in % (2019 t.o.v. 2018)
    assert going_on["difference"] > 0 and going_on["p_value"] < registry.ALPHA
    # found, but the outcome measures what the approach expects: the page never marks it
    assert wat_werkt.dependence("doorgaan", "continuity_2019")
    assert not wat_werkt.verdict(table, "omvang", "doorgaan", "continuity_2019").approach_markable


# ------------------------------------------------------------------------------ the statistics
def test_no_cell_is_marked_when_there_is_no_pattern() -> None:
    """Outcomes drawn independently of the labels must not be marked.

    At alpha 0.05 a false positive happens by chance in about 1 of 20 datasets, so two checks:
    the 20 seeds of NULL_SEEDS were verified to give no marked cell (a fixed, reproducible set), and
    over 200 other null datasets the false-positive rate stays at most 0.08 (0.05 plus room for
    the sampling error of 200 draws, about ±0.015).
    """
    for seed in NULL_SEEDS:
        cells = wat_werkt.cell_table(generated(seed), "group", "outcome", seed=seed, n_perm=2000)
        assert not cells["marked"].any(), seed
    marked = [
        wat_werkt.cell_table(generated(seed), "group", "outcome", seed=seed, n_perm=1000)["marked"].any()
        for seed in range(1000, 1200)
    ]
    assert np.mean(marked) <= 0.08


def test_a_strong_planted_effect_is_marked() -> None:
    """A shift of 2 standard deviations between two groups of 11 is found with a power of about
    0.99 (0.995 over 200 verified seeds): all of NULL_SEEDS but seed 17, whose draw happened to
    shrink the difference to 1.1 SD (p = 0.06), are marked; 3 SD is marked in every one."""
    missed = []
    for seed in NULL_SEEDS:
        cells = wat_werkt.cell_table(generated(seed, shift=2.0), "group", "outcome", seed=seed, n_perm=2000)
        assert row(cells, "ja")["difference"] > 0
        if not cells["marked"].all():
            missed.append(seed)
        huge = wat_werkt.cell_table(generated(seed, shift=3.0), "group", "outcome", seed=seed, n_perm=2000)
        assert huge["marked"].all(), seed
    assert missed == [17]


def test_small_groups_are_flagged_and_never_marked() -> None:
    frame = pd.DataFrame({"group": ["a"] * 2 + ["b"] * 20, "outcome": [100.0, 101.0] + [0.0] * 20})
    cells = wat_werkt.cell_table(frame, "group", "outcome")
    assert cells["small_n"].all()
    assert not cells["marked"].any()
    assert row(cells, "a")["n"] == 2 and row(cells, "a")["mean"] == pytest.approx(100.5)
    # with three kernen the same huge difference is marked
    frame = pd.DataFrame({"group": ["a"] * 3 + ["b"] * 19, "outcome": [100.0, 101.0, 99.0] + [0.0] * 19})
    cells = wat_werkt.cell_table(frame, "group", "outcome")
    assert not cells["small_n"].any() and cells["marked"].all()


def test_more_than_two_groups_are_each_compared_with_the_rest() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"group": ["x"] * 7 + ["y"] * 7 + ["z"] * 8, "outcome": rng.normal(size=22)})
    frame.loc[frame["group"] == "z", "outcome"] += 3
    cells = wat_werkt.cell_table(frame, "group", "outcome").set_index("group")
    assert list(cells["n_rest"]) == [15, 15, 14]
    assert cells.loc["z", "marked"] and cells.loc["z", "difference"] > 0


def test_same_seed_gives_the_same_test_and_the_interval_needs_no_seed(table: pd.DataFrame) -> None:
    first = wat_werkt.cell_table(table, "size_group", "reach_per_1000", seed=11)
    again = wat_werkt.cell_table(table, "size_group", "reach_per_1000", seed=11)
    other = wat_werkt.cell_table(table, "size_group", "reach_per_1000", seed=12)
    pd.testing.assert_frame_equal(first, again)
    assert first["p_value"].iloc[0] != other["p_value"].iloc[0]  # another permutation draw
    pd.testing.assert_series_equal(first["ci_low"], other["ci_low"])  # the interval is not random
    assert (first["ci_low"] <= first["mean"]).all() and (first["mean"] <= first["ci_high"]).all()


def test_the_interval_is_the_t_interval_without_skewness() -> None:
    """Symmetric values: Hall's correction vanishes, the interval is mean ± t · s ÷ √n."""
    values = np.array([10.0, 12.0, 14.0, 16.0, 18.0])
    low, high = wat_werkt.interval(values)
    half = registry.T_975[4] * values.std(ddof=1) / np.sqrt(5)
    assert (low, high) == pytest.approx((14.0 - half, 14.0 + half))
    skewed = np.array([1.0, 1.0, 2.0, 2.0, 20.0])  # a long right tail: the interval reaches further up
    low, high = wat_werkt.interval(skewed)
    assert high - skewed.mean() > skewed.mean() - low


# ------------------------------------------------------------------------------ context, approach, outcomes
def test_context_groups_follow_the_registered_thresholds(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame
) -> None:
    assert registry.AGEING_PCT == kernprofiel.AGEING_THRESHOLD_PCT
    shares = kernprofiel.senior_shares(conn).set_index("kern_id")["share_65"]
    by_kern = table.set_index("kern_id")
    assert (by_kern["ageing_group"] == "vergrijsd").to_dict() == (shares >= registry.AGEING_PCT).to_dict()
    assert by_kern.loc["hertme", "size_group"] == "klein" and by_kern.loc["bathmen", "size_group"] == "groot"
    # planted pattern 10: ageing villages shrink, city wijken grow
    assert (by_kern.loc[by_kern["ageing_group"] == "vergrijsd", "trend_group"] == "krimp").all()
    assert (by_kern.loc[by_kern["kern_type"] == "wijk", "trend_group"] == "geen krimp").all()
    assert by_kern["health_group"].value_counts().to_dict() == {"minder sporters": 11, "meer sporters": 11}
    for _, (column, code) in {**wat_werkt.CONTEXT_DIMENSIONS, **wat_werkt.APPROACH_DIMENSIONS}.items():
        assert column in table and code in indicators.REGISTRY
    assert set(wat_werkt.OUTCOMES.values()) <= set(indicators.REGISTRY)


def test_reach_uses_the_registry_definition_of_bereik_per_1000(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame
) -> None:
    headline = overzicht.kern_overview(conn, timeline.Period(*PROJECT))
    expected = 1000 * headline["participants"] / headline["inhabitants"]
    got = table.set_index("kern_id").loc[headline["kern_id"], "reach_per_1000"]
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy())
    # the stalled kern (planted pattern 2) has no new activities, so no retention figure
    assert pd.isna(table.set_index("kern_id").loc["boskamp", "retention_proxy"])
    assert table["retention_proxy"].notna().sum() >= 20


def test_retention_is_the_share_of_new_activities_still_running_in_month_7(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame
) -> None:
    """Registry behoud_6_maanden, recomputed with plain SQL: new or renewed ongoing activities
    that started in the project, whose 7th month lies in the data, with participants then."""
    expected = by_kern(
        conn,
        """
        WITH new AS (
            SELECT a.activity_id, a.kern_id, date_trunc('month', a.start_date) AS first
            FROM activity a
            WHERE a.novelty IN ('nieuw', 'vernieuwd') AND a.kind NOT IN ('evenement', 'korte_cursus', 'workshop')
              AND date_trunc('month', a.start_date) BETWEEN DATE '2017-01-01' AND DATE '2018-12-01'
              AND date_trunc('month', a.start_date) + INTERVAL 6 MONTH <= (SELECT max(month) FROM participation)
        ),
        started AS (
            SELECT n.kern_id, n.activity_id,
                   coalesce(sum(p.participants) FILTER (WHERE p.month = n.first + INTERVAL 6 MONTH), 0) AS m7
            FROM new n JOIN participation p USING (activity_id)
            WHERE p.month < n.first + INTERVAL 3 MONTH OR p.month = n.first + INTERVAL 6 MONTH
            GROUP BY ALL
            HAVING sum(p.participants) FILTER (WHERE p.month < n.first + INTERVAL 3 MONTH) > 0
        )
        SELECT kern_id, 100.0 * avg(CASE WHEN m7 > 0 THEN 1 ELSE 0 END) FROM started GROUP BY kern_id
        """,
    )
    shown = table.set_index("kern_id")["retention_proxy"].dropna().to_dict()
    assert shown == pytest.approx(expected)
    assert indicators.get("behoud_6_maanden").unit == "%"


def test_similar_kernen_for_boskamp_are_villages(conn: duckdb.DuckDBPyConnection) -> None:
    found = wat_werkt.similar_kernen(conn, "boskamp", k=4)
    assert len(found) == 4 and "boskamp" not in set(found["kern_id"])
    assert (found["kern_type"] == "dorp").all()
    assert found["distance"].is_monotonic_increasing
    assert (found["inhabitants"] < 2000).all()  # small like Boskamp (1,050)
    assert found["alike"].str.count(", ").eq(1).all()
    assert {"network_group", "reach_per_1000"} <= set(found.columns)


def test_heatmap_shows_walking_sports_within_context_and_flags_small_cells(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    cells = wat_werkt.heatmap(conn, "vergrijzing", "beweegaanbod", "bewegen_per_1000", *PROJECT)
    assert cells["n_kernen"].sum() == 22
    assert (cells["small_n"] == (cells["n_kernen"] < wat_werkt.MIN_N)).all()
    assert (cells["few"] == cells["n_kernen"].between(wat_werkt.MIN_N, wat_werkt.FEW_MAX)).all()
    assert not cells["marked"].any()  # confounded and dependent: nothing marked
    assert set(cells.loc[cells["small_n"], "blocked"]) == {"small"}
    assert set(cells.loc[~cells["small_n"], "blocked"]) == {"dependent"}
    assert cells.loc[cells["small_n"], ["ci_low", "ci_high"]].isna().all().all()
    ageing = cells[cells["context"] == "vergrijsd"].set_index("approach")
    assert ageing.loc["ja", "mean"] > ageing.loc["nee", "mean"]
    assert (cells["n_participants"] > 0).all()


def test_before_after_shows_the_fall_back_in_2019(conn: duckdb.DuckDBPyConnection) -> None:
    result = wat_werkt.before_after(conn)
    assert len(result.per_kern) == 22
    assert (result.per_kern["y2018"] > result.per_kern["y2016"]).mean() > 0.8
    by_group = result.by_group.set_index(["dimension", "group", "year"])
    assert by_group.loc[("vergrijzing", "vergrijsd", 2016), "n"] == 9
    assert set(result.by_group["dimension"]) == set(wat_werkt.CONTEXT_DIMENSIONS)


def test_the_honesty_text_makes_no_causal_claim() -> None:
    text = wat_werkt.HONESTY.lower()
    assert "22 kernen" in text and "interval" in text and "aantal kernen" in text
    assert "'effectief'" in text  # only as the word we do not use
    assert text.count("effectief") == 1


# ------------------------------------------------------------------------------ approach and outcomes
def test_bravo_breadth_and_chosen_target_groups_are_approach_groupings(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame
) -> None:
    themes = by_kern(
        conn,
        "SELECT a.kern_id, count(DISTINCT t.bravo_theme) FILTER (WHERE t.bravo_theme <> 'bewegen') "
        "FROM activity a JOIN activity_theme t USING (activity_id) WHERE a.kind <> 'evenement' GROUP BY 1",
    )
    chosen = set(conn.execute("SELECT kern_id, doelgroep FROM kern_target_group").fetchall())
    for kern in table.itertuples(index=False):
        broad = themes.get(kern.kern_id, 0) >= registry.BRAVO_OTHER_THEMES_MIN
        assert kern.bravo_group == ("ja" if broad else "nee"), kern.kern_id
        for code in ("senioren", "statushouders", "chronisch", "psychisch", "overgewicht"):
            assert getattr(kern, f"chooses_{code}") == ("ja" if (kern.kern_id, code) in chosen else "nee")
    assert set(table["bravo_group"]) == {"ja", "nee"}  # the demo has both kinds of kernen


def test_target_group_reach_outcomes_are_the_deelname_figures(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame
) -> None:
    expected = deelname.target_group_reach(conn, *PROJECT).pivot(
        index="kern_id", columns="doelgroep", values="pct"
    )
    for code in expected.columns:
        shown = table.set_index("kern_id")[f"reach_{code}"]
        pd.testing.assert_series_equal(
            shown.sort_index(), expected[code].sort_index(), check_names=False, check_index_type=False
        )
        assert wat_werkt.OUTCOMES[f"reach_{code}"] == f"bereik_doelgroep_{code}"
        assert indicators.get(f"bereik_doelgroep_{code}").unit == "%"
    assert np.nanmax(table[[f"reach_{c}" for c in expected.columns]].to_numpy(dtype="float64")) <= 100


def test_reach_above_the_estimated_group_size_is_unknown_with_a_reason(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """Demo kernen report a few status holders among participants where the gemeente counts only a
    handful: such a 'reach' above 100% is not a reach, so it is unknown and the note says why."""
    reach = deelname.target_group_reach(conn, *PROJECT, doelgroep="statushouders")
    over = reach[reach["people"] > reach["size"]]
    assert len(over) >= 1
    assert over["pct"].isna().all()
    assert over["note"].str.contains("bereik onbekend").all()
    fine = reach[reach["people"] <= reach["size"]]
    assert (fine["pct"] == 100 * fine["people"] / fine["size"]).all()


def test_every_view_of_the_page_comes_from_one_analysis(
    conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profiles (≈ 1 s) and the context are computed once for all views of a period: the
    views are pure functions of wat_werkt_views.analysis, which the page caches (next test)."""
    from sv_analytics import wat_werkt_views as views

    calls = count_calls(monkeypatch)
    data = views.analysis(conn, *PROJECT)
    assert calls == ["profiles", "context"]
    views.heatmap_cells(data, "vergrijzing", "beweegaanbod", "bewegen_per_1000")
    views.group_cells(data, "doorgaan", "continuity_2019")
    views.similar(data, "boskamp")
    views.before_after_groups(data, "omvang")
    views.before_after_kern(data, "boskamp", "omvang")
    views.before_after_kernen(data, "omvang")
    views.factors_in_context(views.factors(conn, None, None), data, "vergrijzing")
    assert calls == ["profiles", "context"]
    # the page's analysis is protected (issue 12): every outcome from the kern's rounded counts
    pd.testing.assert_frame_equal(data.table, wat_werkt.kern_table(conn, *PROJECT, protected=True))


def count_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each call of kernprofiel.all_profiles and wat_werkt.context (both still run)."""
    calls: list[str] = []
    profiles, context = kernprofiel.all_profiles, wat_werkt.context
    monkeypatch.setattr(kernprofiel, "all_profiles", lambda *a: (calls.append("profiles"), profiles(*a))[1])
    monkeypatch.setattr(wat_werkt, "context", lambda *a, **k: (calls.append("context"), context(*a, **k))[1])
    return calls


def test_the_page_computes_the_analysis_once_per_data_version_and_period(
    tmp_path: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """state.run caches wat_werkt_views.basis and .analysis: another widget computes nothing
    again; another period computes only the period's kern table (the profiles and context are
    period-independent); a new data version (every import raises it) computes everything."""
    from sv_analytics import config, db
    from tests.conftest import open_app_page, widget

    copy = tmp_path / "eenmaal.duckdb"  # a path of its own: a cache key no other test used
    copy.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv(config.ENV_DB_PATH, str(copy))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    calls = count_calls(monkeypatch)
    kern_tables: list[tuple[date, date]] = []
    kern_table = wat_werkt.kern_table
    monkeypatch.setattr(
        wat_werkt,
        "kern_table",
        lambda c, s, e, **k: (kern_tables.append((s, e)), kern_table(c, s, e, **k))[1],
    )
    at = open_app_page("app_pages/wat_werkt.py")
    assert calls == ["profiles", "context"]
    for key, value in (("wwk_uitkomst", "reach_per_1000"), ("wwk_context", "omvang"), ("kern", "boskamp")):
        widget(at, key).set_value(value).run()
        assert not at.exception
    assert calls == ["profiles", "context"]
    tables_before = len(kern_tables)
    widget(at, "periode").set_value((date(2018, 1, 1), date(2018, 12, 1))).run()
    assert calls == ["profiles", "context"]
    assert len(kern_tables) == tables_before + 1 and kern_tables[-1] == (date(2018, 1, 1), date(2018, 12, 1))
    with duckdb.connect(str(copy)) as writable:  # the same database instance as the app's
        db.bump_data_version(writable)
    at.run()
    assert not at.exception
    assert calls == ["profiles", "context"] * 2
