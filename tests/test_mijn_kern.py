"""Unit tests of Mijn kern's pure pieces (sv_analytics.mijn_kern) and of the one comparable-kernen
definition (sv_analytics.vergelijkbaar) that Mijn kern and Wat werkt waar share.

Expectations are written out here or computed here by other means (plain Python for the distance,
SQL for the demo): the modules under test are never their own oracle. Completeness is
tests/test_completeness.py's; the tables' exports are tests/test_mijn_kern_tables.py's.
"""

from __future__ import annotations

import math
import statistics
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sv_analytics import indicators, kernprofiel, mijn_kern, timeline, vergelijkbaar, wat_werkt
from sv_analytics.texts import t

START, END = date(2017, 1, 1), date(2018, 12, 1)


# ---------------------------------------------------------------- werkplan


@pytest.mark.parametrize(
    ("status", "completed_on", "peildatum", "expected"),
    [
        ("gereed", date(2017, 6, 30), date(2018, 12, 31), "gereed"),
        ("gereed", date(2017, 6, 30), date(2017, 6, 30), "gereed"),  # done on the day itself
        ("gereed", date(2017, 6, 30), date(2017, 6, 15), "bezig"),  # started, not yet done
        ("gereed", date(2017, 6, 30), date(2017, 1, 31), "gepland"),  # before its planned start
        ("bezig", None, date(2017, 6, 15), "bezig"),
        ("bezig", None, date(2017, 1, 31), "gepland"),
        ("gepland", None, date(2018, 12, 31), "gepland"),  # never started, whatever the date
        ("vervallen", None, date(2017, 6, 15), "vervallen"),
    ],
)
def test_status_at_the_peildatum(
    status: str, completed_on: date | None, peildatum: date, expected: str
) -> None:
    assert mijn_kern.status_at(status, date(2017, 3, 1), completed_on, peildatum) == expected


def actions(*rows: tuple) -> pd.DataFrame:
    """Werkplan rows: (phase, description, year, start, end, status, completed_on)."""
    columns = [
        "phase",
        "description",
        "werkplan_year",
        "planned_start",
        "planned_end",
        "status",
        "completed_on",
    ]
    return pd.DataFrame(list(rows), columns=columns)


def test_annotated_actions_flag_overdue_and_name_doubles_by_year() -> None:
    frame = actions(
        (2, "Sociale kaart", 2017, date(2017, 2, 1), date(2017, 5, 31), "gereed", date(2017, 7, 1)),
        (2, "Sociale kaart", 2018, date(2018, 2, 1), date(2018, 5, 31), "bezig", None),
        (3, "Wandelgroep", 2018, date(2018, 6, 1), date(2019, 3, 31), "bezig", None),
        (3, "Beweegtuin", 2017, date(2017, 3, 1), date(2017, 4, 30), "vervallen", None),
    )
    annotated = mijn_kern.annotate_actions(frame, date(2018, 12, 31))
    assert list(annotated["status_at"]) == ["gereed", "bezig", "bezig", "vervallen"]
    assert list(annotated["overdue"]) == [False, True, False, False]  # cancelled is never overdue
    assert list(annotated["label"]) == [
        "F2 · Sociale kaart (2017)", "F2 · Sociale kaart (2018)", "F3 · Wandelgroep", "F3 · Beweegtuin",
    ]  # fmt: skip
    assert list(annotated["status_label"]) == ["Gereed", "Bezig", "Bezig", "Vervallen"]
    early = mijn_kern.annotate_actions(frame, date(2017, 6, 15))
    assert early["status_at"].iloc[0] == "bezig" and bool(early["overdue"].iloc[0])  # late on 15 jun 2017


def test_phase_summary_counts_per_status_and_leaves_cancelled_out_of_the_share() -> None:
    frame = actions(
        (1, "a", 2017, date(2017, 1, 1), date(2017, 2, 28), "gereed", date(2017, 2, 1)),
        (1, "b", 2017, date(2017, 1, 1), date(2017, 2, 28), "vervallen", None),
        (2, "c", 2017, date(2017, 3, 1), date(2017, 5, 31), "gereed", date(2017, 5, 1)),
        (2, "d", 2017, date(2017, 3, 1), date(2017, 5, 31), "bezig", None),
        (2, "e", 2017, date(2017, 3, 1), date(2017, 5, 31), "gepland", None),
    )
    annotated = mijn_kern.annotate_actions(frame, date(2017, 12, 31))
    summary = mijn_kern.phase_summary(annotated).set_index("phase")
    assert list(summary.index) == [1, 2, 3, 4]
    assert summary.loc[1, ["gereed", "vervallen", "total"]].tolist() == [1, 1, 2]
    assert summary.loc[1, "done_pct"] == 100  # 1 of the 1 not cancelled
    assert summary.loc[2, "done_pct"] == pytest.approx(100 / 3) and summary.loc[2, "overdue"] == 2
    assert summary.loc[3, "total"] == 0 and pd.isna(summary.loc[3, "done_pct"])  # no actions: unknown
    assert mijn_kern.werkplan_done_pct(annotated) == pytest.approx(50)  # 2 of 4
    assert mijn_kern.werkplan_done_pct(annotated.iloc[[1]]) is None  # only a cancelled action


def test_phase_table_shows_what_the_page_showed() -> None:
    annotated = mijn_kern.annotate_actions(
        actions((1, "a", 2017, date(2017, 1, 1), date(2017, 2, 28), "bezig", None)), date(2017, 12, 31)
    )
    shown = mijn_kern.phase_table(mijn_kern.phase_summary(annotated)).display()
    assert list(shown.columns) == [
        "Fase", "Gepland", "Bezig", "Gereed", "Vervallen", "Totaal", "% gereed", "Achterstallig",
    ]  # fmt: skip
    assert shown.iloc[0].tolist() == ["1 Verkenning", "0", "1", "0", "0", "1", "0%", "1"]
    assert shown.iloc[1].tolist() == ["2 Organisatie", "0", "0", "0", "0", "0", "–", "0"]


def test_werkplan_of_the_demo_matches_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    peildatum = date(2017, 6, 15)
    found = mijn_kern.werkplan(demo_conn, "bathmen", peildatum)
    expected = demo_conn.execute(
        """
        SELECT count(*) FILTER (WHERE status <> 'vervallen' AND planned_end < $p
                                AND NOT (status = 'gereed' AND completed_on <= $p)), count(*)
        FROM werkplan_action WHERE kern_id = 'bathmen'
        """,
        {"p": peildatum},
    ).fetchone()
    assert (int(found["overdue"].sum()), len(found)) == expected


# ---------------------------------------------------------------- targets


def test_targets_reach_their_goal_by_the_registry_definitions(demo_conn: duckdb.DuckDBPyConnection) -> None:
    found = mijn_kern.targets(demo_conn, "bathmen")
    new = demo_conn.execute(
        """
        SELECT year(p.month), sum(p.new_participants) FROM participation p JOIN activity a USING (activity_id)
        WHERE a.kern_id = 'bathmen' GROUP BY 1
        """
    ).fetchall()
    rows = found[found["indicator_code"] == "nieuwe_deelnemers"].set_index("year")
    for year, n in new:
        if year in rows.index:
            assert rows.loc[year, "realised"] == n
            assert rows.loc[year, "pct"] == pytest.approx(100 * n / rows.loc[year, "target"])
            assert rows.loc[year, "reached"] == (n >= rows.loc[year, "target"])
    assert set(found["name"]) <= {indicators.get(c).name for c in found["indicator_code"]}


def test_targets_of_the_period_and_registered_codes() -> None:
    frame = pd.DataFrame(
        {"year": [2016, 2017, 2018, 2019], "indicator_code": ["doorverwijzingen", "x", "x", "y"]}
    )
    assert list(mijn_kern.targets_in_years(frame, 2017, 2018)["year"]) == [2017, 2018]
    assert mijn_kern.targets_in_years(frame, 2020, 2021).empty
    codes = pd.Series(["doorverwijzingen", "onbekend", "doorverwijzingen", "nieuwe_deelnemers"])
    assert mijn_kern.registered(codes) == ("doorverwijzingen", "nieuwe_deelnemers")


# ---------------------------------------------------------------- completeness pieces


def test_programme_year_and_quarter_labels_follow_the_calendar() -> None:
    assert mijn_kern.programme_year(date(2016, 12, 31)) is None  # before the project: nothing owed
    assert mijn_kern.programme_year(date(2017, 1, 1)) == 2017
    assert mijn_kern.programme_year(date(2018, 6, 15)) == 2018
    assert mijn_kern.programme_year(date(2019, 12, 31)) == 2018  # after the project: its last year
    assert timeline.DEFAULT_PERIOD == timeline.PROJECT  # the months owed are the project's
    assert mijn_kern.quarter_label(date(2018, 4, 1)) == "2e kwartaal 2018"
    assert mijn_kern.quarter_label(date(2017, 12, 1)) == "4e kwartaal 2017"


def test_quarter_runs_need_three_consecutive_quarters() -> None:
    two = [date(2017, 1, 1), date(2017, 4, 1)]
    assert mijn_kern.quarter_runs(two) == "1e kwartaal 2017, 2e kwartaal 2017"
    gap = [date(2017, 1, 1), date(2017, 4, 1), date(2017, 10, 1)]
    assert mijn_kern.quarter_runs(gap) == "1e kwartaal 2017, 2e kwartaal 2017, 4e kwartaal 2017"
    assert mijn_kern.month_runs([]) == ""


def test_a_check_item_reads_as_one_line() -> None:
    item = mijn_kern.CheckItem("Deelname per maand", mijn_kern.MISSING, "22 van 24", ("ontbreekt: mrt 2018",))
    assert item.text == "22 van 24; ontbreekt: mrt 2018" and not item.complete
    assert mijn_kern.CheckItem("Enquête", mijn_kern.COMPLETE, "aanwezig").text == "aanwezig"
    assert mijn_kern.CheckItem("x", mijn_kern.NOT_EXPECTED).text == ""


def test_lists_are_owed_from_the_calendars_due_dates(tmp_path: Path) -> None:
    """The sociale kaart from the end of phase 2, each evaluation once its moment is over."""
    from sv_analytics import cli

    path = tmp_path / "leeg.duckdb"
    assert cli.main(["init", "--db", str(path)]) == 0
    with duckdb.connect(str(path)) as conn:
        for day, owed in (
            (date(2017, 5, 30), 2),
            (date(2017, 5, 31), 4),
            (date(2017, 11, 30), 5),
            (date(2018, 12, 31), 6),
        ):
            check = mijn_kern.completeness(conn, "bathmen", START, END, day)
            assert check.records_expected == owed, day
    assert date(2017, 5, 31) == timeline.PHASE2_DUE
    assert {
        "tussentijds_2017": date(2017, 11, 30),
        "eind_2018": date(2018, 12, 31),
    } == timeline.EVALUATION_DUE


# ---------------------------------------------------------------- comparison figures


def test_comparison_figures_are_rates_and_a_share_unknown_without_a_base() -> None:
    overview = pd.DataFrame(
        {
            "kern_id": ["a", "b"], "name": ["A", "B"], "inhabitants": [2000, 0], "participants": [100, 5],
            "new_participants": [40, 0], "referrals": [6, 1],
        }
    )  # fmt: skip
    extra = pd.DataFrame({"kern_id": ["a", "b"], "previously_inactive": [10, 0], "volunteers": [8, None]})
    figures = mijn_kern.comparison_figures(overview, extra).set_index("kern_id")
    measures = ["name", "reach_per_1000", "inactive_pct", "referrals_per_1000", "volunteers_per_1000"]
    assert figures.loc["a", measures].tolist() == ["A", 50.0, 25.0, 3.0, 4.0]
    # beside them the counts they come from, for the tables and charts to protect them by
    assert figures.loc["a", list(mijn_kern.BASE_COUNTS)].tolist() == [100, 10, 40, 6, 8]
    assert (
        figures.loc["b", ["reach_per_1000", "inactive_pct", "referrals_per_1000", "volunteers_per_1000"]]
        .isna()
        .all()
    )


# ---------------------------------------------------------------- the one comparable-kernen definition


def independent_ranking(rows: list[dict], kern_id: str) -> list[tuple[str, float]]:
    """The registry definition of vergelijkbare_kernen_afstand in plain Python: z-scores (population
    sd) of ln(inhabitants), 65+, growth and sporters; unknown → 0; Euclidean distance; the same kind
    of place (dorp/buurtschap, wijk) first, then distance, then name."""
    features = {
        "ln": [math.log(r["inhabitants"]) for r in rows],
        "share_65": [r["share_65"] for r in rows],
        "growth_pct": [r["growth_pct"] for r in rows],
        "sporters_pct": [r["sporters_pct"] for r in rows],
    }
    z = {}
    for name, column in features.items():
        known = [v for v in column if v is not None and not math.isnan(v)]
        mean, sd = statistics.fmean(known), statistics.pstdev(known)
        z[name] = [0.0 if v is None or math.isnan(v) or sd == 0 else (v - mean) / sd for v in column]
    index = {r["kern_id"]: i for i, r in enumerate(rows)}
    own = index[kern_id]
    kind = ["wijk" if r["kern_type"] == "wijk" else "dorp" for r in rows]
    ranked = []
    for i, row in enumerate(rows):
        if i == own:
            continue
        distance = math.sqrt(sum((z[f][i] - z[f][own]) ** 2 for f in z))
        ranked.append((kind[i] != kind[own], distance, row["name"], row["kern_id"]))
    return [(k, d) for _, d, _, k in sorted(ranked)]


def frame_of(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).astype(
        {"share_65": "float64", "growth_pct": "float64", "sporters_pct": "float64"}
    )


SMALL = [
    {"kern_id": "a", "name": "A", "kern_type": "dorp", "inhabitants": 1000, "share_65": 20.0, "growth_pct": 0.1,
     "sporters_pct": 50.0},
    {"kern_id": "b", "name": "B", "kern_type": "dorp", "inhabitants": 2000, "share_65": 22.0, "growth_pct": 0.0,
     "sporters_pct": 48.0},
    {"kern_id": "c", "name": "C", "kern_type": "buurtschap", "inhabitants": 300, "share_65": 30.0,
     "growth_pct": -1.0, "sporters_pct": 44.0},
    {"kern_id": "w", "name": "W", "kern_type": "wijk", "inhabitants": 1100, "share_65": 20.5, "growth_pct": 0.1,
     "sporters_pct": 50.0},
    {"kern_id": "v", "name": "V", "kern_type": "wijk", "inhabitants": 4000, "share_65": 15.0, "growth_pct": 1.5,
     "sporters_pct": None},
]  # fmt: skip


@pytest.mark.parametrize("kern_id", ["a", "c", "w", "v"])
def test_ranked_follows_the_registry_definition(kern_id: str) -> None:
    found = vergelijkbaar.ranked(frame_of(SMALL), kern_id)
    expected = independent_ranking(SMALL, kern_id)
    assert list(found["kern_id"]) == [k for k, _ in expected]
    assert found["distance"].tolist() == pytest.approx([d for _, d in expected])


def test_a_city_wijk_is_compared_with_wijken_first_however_alike_a_village_looks() -> None:
    frame = frame_of(SMALL)
    # W's figures are nearly A's (a village), but V (another wijk) comes first
    ranked = vergelijkbaar.ranked(frame, "w")
    assert list(ranked["kern_id"]) == ["v", "a", "b", "c"]
    assert ranked.set_index("kern_id").loc["a", "distance"] < ranked.set_index("kern_id").loc["v", "distance"]
    assert list(ranked["same_kind"]) == [True, False, False, False]
    # a village's comparable kernen are villages (buurtschap included) before any wijk
    assert list(vergelijkbaar.nearest(frame, "a", k=2)["kern_id"]) == ["b", "c"]
    assert vergelijkbaar.ranked(frame, "a")["alike"].str.count(", ").eq(1).all()
    with pytest.raises(KeyError):
        vergelijkbaar.ranked(frame, "onbekend")


@pytest.fixture(scope="module")
def demo_features(demo_db: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """vergelijkbaar.features, Mijn kern's period figures and Wat werkt waar's kern table of the demo."""
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        profiles = kernprofiel.all_profiles(conn)
        features = vergelijkbaar.features(conn, profiles)
        table = wat_werkt.kern_table(conn, START, END, profiles=profiles)
        return features, mijn_kern.period_figures(conn, START, END), table


def test_both_pages_choose_the_same_comparable_kernen_for_every_kern(demo_features) -> None:
    features, figures, table = demo_features
    assert len(features) == 22
    rows = features.to_dict("records")
    for kern_id in features["kern_id"]:
        comparison = mijn_kern.comparison(features, figures, kern_id)
        chosen = list(comparison.comparable["kern_id"])
        assert chosen == list(wat_werkt.similar_from(table, kern_id)["kern_id"]), kern_id
        assert chosen == [k for k, _ in independent_ranking(rows, kern_id)[: vergelijkbaar.N_COMPARABLE]], (
            kern_id
        )
        assert list(comparison.figures["kern_id"]) == [kern_id, *chosen]


def test_the_demo_features_are_the_kernprofiel_and_registry_figures(
    demo_features, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    features = demo_features[0].set_index("kern_id")
    registry = demo_conn.execute("SELECT kern_id, kern_type, inhabitants FROM kern").fetchall()
    for kern_id, kern_type, inhabitants in registry:
        assert (features.loc[kern_id, "kern_type"], features.loc[kern_id, "inhabitants"]) == (
            kern_type,
            inhabitants,
        )
    shares = kernprofiel.senior_shares(demo_conn).set_index("kern_id")["share_65"]
    pd.testing.assert_series_equal(features["share_65"].sort_index(), shares.sort_index(), check_names=False)
    assert features["growth_pct"].notna().all() and features["sporters_pct"].notna().all()


def test_one_registry_entry_and_one_name_for_the_distance() -> None:
    assert "vergelijk_afstand" not in indicators.REGISTRY  # Mijn kern's former own distance
    distance = indicators.get(vergelijkbaar.CODE)
    assert distance.name == "Profielafstand" and distance.unit == "standaarddeviaties"
    assert "dezelfde soort" in distance.definition and "z-scores" in distance.formula
    assert "Mijn kern en Wat werkt waar" in distance.definition
    assert "eerst kernen van dezelfde soort" in t("mijn_kern.compare_intro", n=4, kern="X", kern_type="dorp",
                                                  inhabitants="1", share="1", level="wijk", year=2017)  # fmt: skip
    assert "eerst kernen van dezelfde soort" in t("wwk.similar_caption", kern="X")
