"""AppTest: the page Mijn kern renders and shows the right numbers for one kern.

Expected numbers come from SQL written here, independently of sv_analytics.mijn_kern and its
query files; the planted pattern "Boskamp stalls in phase 2" must be visible. The page runs
protected (issue 12: the local beheerder has exact counts off): a realisation that counts persons
and every rate are the SQL's values through the oracle of tests/test_privacy.py.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from sv_analytics import config
from sv_analytics.ui import filters
from tests.conftest import dutch, open_app_page, table_with
from tests.test_mijn_kern_tables import copy_with_a_deelname_gap
from tests.test_privacy import oracle_derived, oracle_ratio, oracle_text

PAGE = "app_pages/mijn_kern.py"
END_OF_PROJECT = date(2018, 12, 31)
PROFILE_DISTANCE = "Profielafstand (standaarddeviaties)"  # the distance, headed with its unit


def open_page(kern: str | None = None) -> AppTest:
    return open_app_page(PAGE, kern=kern)


def werkplan_timeline(at: AppTest) -> pd.DataFrame:
    """The data of the werkplan chart, the page's first chart (by position: it has no title, and
    conftest.vega_charts keys charts by title, so it would be lost beside the untitled targets chart)."""
    chart = at.get("vega_lite_chart")[0]
    datasets = [dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    return next(df for df in datasets if "overdue" in df.columns)


# ---------------------------------------------------------------- independent SQL


def werkplan_expected(path: Path, kern: str, peildatum: date) -> dict[str, object]:
    """Werkplan figures at a reference date: gereed = completed on or before it."""
    with duckdb.connect(str(path)) as conn:
        done, active, overdue = conn.execute(
            """
            SELECT count(*) FILTER (WHERE status = 'gereed' AND completed_on <= $p),
                   count(*) FILTER (WHERE status <> 'vervallen'),
                   count(*) FILTER (WHERE status <> 'vervallen' AND planned_end < $p
                                    AND NOT (status = 'gereed' AND completed_on <= $p))
            FROM werkplan_action WHERE kern_id = $k
            """,
            {"p": peildatum, "k": kern},
        ).fetchone()
        per_phase = conn.execute(
            """
            SELECT phase,
                   count(*) FILTER (WHERE status = 'gereed' AND completed_on <= $p) AS gereed,
                   count(*) FILTER (WHERE status <> 'vervallen' AND planned_end < $p
                                    AND NOT (status = 'gereed' AND completed_on <= $p)) AS overdue,
                   list(description) FILTER (WHERE status <> 'vervallen' AND planned_end < $p
                                    AND NOT (status = 'gereed' AND completed_on <= $p)) AS late
            FROM werkplan_action WHERE kern_id = $k GROUP BY phase ORDER BY phase
            """,
            {"p": peildatum, "k": kern},
        ).df()
    return {
        "pct": f"{dutch(100 * done / active)}%",
        "overdue": overdue,
        "phases": per_phase.set_index("phase"),
    }


def targets_expected(path: Path, kern: str) -> pd.DataFrame:
    """Targets of the kern with the realisation per calendar year, by the registry definitions."""
    with duckdb.connect(str(path)) as conn:
        return conn.execute(
            """
            SELECT t.year, t.indicator_code, t.value AS target,
                   CASE t.indicator_code
                     WHEN 'nieuwe_deelnemers' THEN (
                        SELECT coalesce(sum(p.new_participants), 0) FROM participation p
                        JOIN activity a ON a.activity_id = p.activity_id
                        WHERE a.kern_id = t.kern_id AND year(p.month) = t.year)
                     WHEN 'nieuwe_activiteiten' THEN (
                        SELECT count(*) FROM activity a WHERE a.kern_id = t.kern_id
                        AND a.novelty IN ('nieuw', 'vernieuwd') AND year(a.start_date) = t.year)
                     WHEN 'doorverwijzingen' THEN (
                        SELECT coalesce(sum(n), 0) FROM referral r
                        WHERE r.kern_id = t.kern_id AND year(r.month) = t.year)
                     WHEN 'vrijwilligers_actief' THEN (
                        SELECT active FROM volunteer v WHERE v.kern_id = t.kern_id
                        AND v.quarter = make_date(t.year, 10, 1))
                   END AS realised
            FROM target t WHERE t.kern_id = ? ORDER BY t.year, t.indicator_code
            """,
            [kern],
        ).df()


def rates_expected(path: Path, kern: str, start: date, end: date) -> dict[str, float | None]:
    """Reach, referrals and volunteers per 1,000 inhabitants and % previously inactive."""
    with duckdb.connect(str(path)) as conn:
        inhabitants = conn.execute("SELECT inhabitants FROM kern WHERE kern_id = ?", [kern]).fetchone()[0]
        reach, new, inactive = conn.execute(
            """
            WITH p AS (
                SELECT p.*, min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
                FROM participation p JOIN activity a ON a.activity_id = p.activity_id
                WHERE a.kern_id = ? AND p.month >= ? AND p.month <= ?)
            SELECT coalesce(sum(CASE WHEN month = first_month THEN participants ELSE new_participants END), 0),
                   coalesce(sum(new_participants), 0), coalesce(sum(previously_inactive), 0)
            FROM p
            """,
            [kern, start, end],
        ).fetchone()
        referrals = conn.execute(
            "SELECT coalesce(sum(n), 0) FROM referral WHERE kern_id = ? AND month >= ? AND month <= ?",
            [kern, start, end],
        ).fetchone()[0]
        last_quarter = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        volunteers = conn.execute(
            "SELECT active FROM volunteer WHERE kern_id = ? AND quarter = ?", [kern, last_quarter]
        ).fetchone()

    def protected(value: float | None) -> float | str | None:  # the oracle's None is a hidden <5
        return "<5" if value is None else value

    return {
        "Bereik per 1.000 inwoners": protected(oracle_derived(1000 * reach / inhabitants, reach)),
        "Aandeel voorheen inactief": protected(oracle_ratio(100 * inactive / new, inactive, new))
        if new
        else None,
        "Doorverwijzingen per 1.000 inwoners": protected(
            oracle_derived(1000 * referrals / inhabitants, referrals)
        ),
        "Vrijwilligers per 1.000 inwoners": (
            protected(oracle_derived(1000 * volunteers[0] / inhabitants, volunteers[0]))
            if volunteers
            else None
        ),
    }


# ---------------------------------------------------------------- tests


def test_mijn_kern_renders_headline_werkplan_and_charts(app_env: Path) -> None:
    at = open_page("bathmen")
    assert at.title[0].value == "Mijn kern: Bathmen"
    assert any("Demo — fictieve gegevens" in w.value for w in at.warning)
    expected = werkplan_expected(app_env, "bathmen", END_OF_PROJECT)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Werkplan gereed"] == expected["pct"]
    assert shown["Achterstallige acties"] == str(expected["overdue"])
    assert shown["Maanden compleet"] == "24 van 24"
    assert "Berekening" in next(m.proto.help for m in at.metric if m.label == "Werkplan gereed")
    # timeline, targets, four comparison charts
    assert len(at.get("vega_lite_chart")) == 6
    phases = table_with(at, "% gereed").set_index("Fase")
    for phase, row in expected["phases"].iterrows():
        label = ["1 Verkenning", "2 Organisatie", "3 Uitvoering", "4 Evaluatie"][phase - 1]
        assert phases.loc[label, "Gereed"] == str(row["gereed"])
        assert phases.loc[label, "Achterstallig"] == str(row["overdue"])


def test_targets_table_matches_realisation_from_sql(app_env: Path) -> None:
    at = open_page("bathmen")
    table = table_with(at, "% van het doel")
    expected = targets_expected(app_env, "bathmen")
    assert len(table) == len(expected) > 0
    names = {
        "nieuwe_deelnemers": "Nieuwe deelnemers",
        "nieuwe_activiteiten": "Nieuwe activiteiten",
        "doorverwijzingen": "Doorverwijzingen",
        "vrijwilligers_actief": "Actieve vrijwilligers",
    }
    shown = table.set_index(["Jaar", "Indicator"])
    for row in expected.itertuples():
        cells = shown.loc[(str(row.year), names[row.indicator_code])]
        assert cells["Doel"] == dutch(row.target)
        persons = row.indicator_code != "nieuwe_activiteiten"  # a count of persons: protected
        assert cells["Realisatie"] == (oracle_text(row.realised) if persons else dutch(row.realised))
        share = (
            oracle_derived(100 * row.realised / row.target, row.realised)
            if persons
            else 100 * row.realised / row.target
        )
        assert cells["% van het doel"] == ("<5" if share is None else f"{dutch(share)}%")
    reached = int((expected["realised"] >= expected["target"]).sum())
    assert {m.label: m.value for m in at.metric}["Doelen gehaald"] == f"{reached} van {len(expected)}"


def test_werkplan_chart_and_phase_table_show_boskamp_stalls_in_phase_2(app_env: Path) -> None:
    """Pattern 2: Boskamp's phase-2 actions stay busy after their planned end, phase 3 never starts.

    Shown by the phase table (achterstallig in fase 2, 0 gereed in fase 3), the overdue table
    and the timeline chart (the phase-2 bars are flagged overdue with status Bezig).
    """
    at = open_page("boskamp")
    expected = werkplan_expected(app_env, "boskamp", END_OF_PROJECT)["phases"]
    phases = table_with(at, "% gereed").set_index("Fase")
    assert int(phases.loc["2 Organisatie", "Achterstallig"]) == expected.loc[2, "overdue"] >= 2
    assert phases.loc["3 Uitvoering", "Gereed"] == "0"
    assert phases.loc["3 Uitvoering", "% gereed"] == "0%"
    late = table_with(at, "Dagen over tijd")
    phase2_late = set(late.loc[late["Fase"] == "2 Organisatie", "Actie"])
    assert phase2_late == set(expected.loc[2, "late"])
    assert any("achterstallig" in w.value for w in at.warning)

    timeline = werkplan_timeline(at)
    phase2 = timeline[timeline["phase_label"] == "2 Organisatie"]
    overdue = phase2[phase2["overdue"]]
    assert set(overdue["description"]) == phase2_late
    assert set(overdue["status_label"]) == {"Bezig"}
    phase3 = timeline[timeline["phase_label"] == "3 Uitvoering"]
    assert len(phase3) > 0 and set(phase3["status_label"]) == {"Gepland"} and phase3["overdue"].all()


def test_bathmen_did_everything_and_has_no_overdue_phase_2_actions(app_env: Path) -> None:
    at = open_page("bathmen")
    phases = table_with(at, "% gereed").set_index("Fase")
    assert phases.loc["2 Organisatie", "Achterstallig"] == "0"
    assert phases.loc["2 Organisatie", "% gereed"] == "100%"
    assert any("Geen achterstallige acties op 31 dec 2018" in s.value for s in at.success)
    timeline = werkplan_timeline(at)
    assert not timeline.loc[timeline["phase_label"] == "2 Organisatie", "overdue"].any()


def test_peildatum_widget_judges_the_werkplan_at_an_earlier_date(app_env: Path) -> None:
    at = open_page("bathmen")
    at.date_input(key="peildatum").set_value(date(2017, 6, 15)).run()
    assert not at.exception
    expected = werkplan_expected(app_env, "bathmen", date(2017, 6, 15))
    assert expected["overdue"] > 0  # e.g. the partnership agreements, done only on 30 jun 2017
    assert {m.label: m.value for m in at.metric}["Achterstallige acties"] == str(expected["overdue"])
    assert any("Peildatum 15 jun 2017" in i.value for i in at.info)
    # the exports' Toelichting records the peildatum (filters.note_choice) beside the kern and period
    choices = at.session_state[filters._CHOICES]
    assert choices["Peildatum"] == "15 jun 2017" and choices["Kern"].startswith("Bathmen")


def test_comparable_kernen_and_their_rates_match_sql(app_env: Path) -> None:
    at = open_page("boskamp")
    profiles = table_with(at, PROFILE_DISTANCE)
    assert profiles.iloc[0]["Kern"] == "Boskamp" and 4 <= len(profiles) <= 6
    assert set(profiles["Type"]) == {"Dorp"}  # villages are compared with villages
    figures = table_with(at, "Bereik per 1.000 inwoners")
    assert list(figures["Kern"]) == list(profiles["Kern"])
    with duckdb.connect(str(app_env)) as conn:
        ids = dict(conn.execute("SELECT name, kern_id FROM kern").fetchall())
    for row in figures.itertuples(index=False):
        expected = rates_expected(app_env, ids[row[0]], date(2017, 1, 1), date(2018, 12, 1))
        for column, value in expected.items():
            shown = figures.loc[figures["Kern"] == row[0], column].iloc[0]
            unit = "%" if column.startswith("Aandeel") else ""  # a share says it is one: 36,4%
            assert shown == ("–" if value is None else value if value == "<5" else dutch(value, 1) + unit), (
                row[0],
                column,
            )
    # Pattern 3 as a side effect: Boskamp signed no referral network, so no referrals
    assert figures.iloc[0]["Doorverwijzingen per 1.000 inwoners"] == "0,0"
    spec = json.loads(at.get("vega_lite_chart")[2].proto.spec)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Deze kern", "Vergelijkbare kern"]


def test_completeness_lists_missing_months_quarters_and_lists(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gaten.duckdb"
    activity = copy_with_a_deelname_gap(demo_db, path)
    with duckdb.connect(str(path)) as conn:
        conn.execute("DELETE FROM volunteer WHERE kern_id = 'bathmen' AND quarter = '2018-04-01'")
        conn.execute(
            "DELETE FROM survey_result WHERE survey_id IN (SELECT survey_id FROM survey WHERE kern_id = 'bathmen')"
        )
        conn.execute("DELETE FROM survey WHERE kern_id = 'bathmen'")
        name = conn.execute("SELECT name FROM activity WHERE activity_id = ?", [activity]).fetchone()[0]
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    at = open_page("bathmen")
    lines = [m.value for m in at.markdown]
    assert any(
        "Deelname per maand" in line and "22 van 24 maanden compleet" in line and "ontbreekt: mrt 2018, apr 2018"
        in line for line in lines
    )  # fmt: skip
    assert any(
        "Vrijwilligers per kwartaal" in line and "7 van 8 kwartalen" in line and "ontbreekt: 2e kwartaal 2018"
        in line for line in lines
    )  # fmt: skip
    assert any("Enquête" in line and "ontbreekt: geen enquête vastgelegd" in line for line in lines)
    assert any("Werkplan 2018" in line and "aanwezig" in line and ":green[" in line for line in lines)
    assert {m.label: m.value for m in at.metric}["Maanden compleet"] == "22 van 24"
    gaps = table_with(at, "Maanden zonder deelnamecijfers")
    assert list(gaps["Activiteit"]) == [name]
    assert list(gaps["Maanden zonder deelnamecijfers"]) == ["mrt 2018, apr 2018"]
    assert list(gaps["Aantal maanden"]) == ["2"]
    per_month = table_with(at, "Deelname", "Vrijwilligers (kwartaal)").set_index("Maand")
    assert len(per_month) == 24
    assert per_month.loc["mrt 2018", "Deelname"].endswith(" activiteiten")
    assert per_month.loc["mrt 2018", "Deelname"].startswith(
        f"{per_month_running(path, 'bathmen', '2018-03-01') - 1} van "
    )
    assert per_month.loc["mei 2018", "Vrijwilligers (kwartaal)"] == "ontbreekt"
    assert per_month.loc["jul 2018", "Vrijwilligers (kwartaal)"] == "aangeleverd"
    assert not any("Alles wat op de peildatum verwacht werd" in s.value for s in at.success)


def per_month_running(path: Path, kern: str, month: str) -> int:
    """Activities of the kern running in ``month`` (from the month of their start to their end)."""
    with duckdb.connect(str(path)) as conn:
        return conn.execute(
            """
            SELECT count(*) FROM activity WHERE kern_id = ? AND date_trunc('month', start_date) <= ?::DATE
            AND (end_date IS NULL OR end_date >= ?::DATE)
            """,
            [kern, month, month],
        ).fetchone()[0]


def test_complete_demo_kern_says_so_and_judges_at_the_peildatum(app_env: Path) -> None:
    """Bathmen delivered everything; on 15 jun 2017 only jan–mei 2017 and Q1 were owed."""
    at = open_page("bathmen")
    assert {m.label: m.value for m in at.metric}["Maanden compleet"] == "24 van 24"
    assert any("Alles wat op de peildatum verwacht werd, is aangeleverd." in s.value for s in at.success)
    assert not any(":red[" in m.value for m in at.markdown)
    at.date_input(key="peildatum").set_value(date(2017, 6, 15)).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Maanden compleet"] == "5 van 5"
    lines = [m.value for m in at.markdown]
    assert any("Vrijwilligers per kwartaal" in line and "1 van 1 kwartalen" in line for line in lines)
    assert any("Werkplan 2017" in line and "aanwezig" in line for line in lines)
    assert any(
        "Eindevaluatie" in line and "nog niet verwacht (pas vanaf 31 dec 2018)" in line for line in lines
    )
    per_month = table_with(at, "Deelname", "Vrijwilligers (kwartaal)")
    assert list(per_month["Maand"]) == ["jan 2017", "feb 2017", "mrt 2017", "apr 2017", "mei 2017"]
    assert (
        list(per_month["Vrijwilligers (kwartaal)"]) == ["aangeleverd"] * 3 + ["kwartaal nog niet voorbij"] * 2
    )
    # Bathmen's referral network started in April 2017 (pattern 3): owed from then on
    assert list(per_month["Doorverwijzingen"][:3]) == ["niet verwacht"] * 3
    assert set(per_month["Doorverwijzingen"][3:]) == {"aangeleverd"}


def test_init_database_shows_0_of_n_and_names_what_is_missing(empty_app_env: Path) -> None:
    """The bug: a kern that delivered nothing showed "24 van 24" and "Deelname per maand — compleet"."""
    at = open_page("bathmen")
    assert {m.label: m.value for m in at.metric}["Maanden compleet"] == "0 van 24"
    lines = [m.value for m in at.markdown]
    deelname = next(line for line in lines if "Deelname per maand" in line)
    assert ":red[" in deelname and "0 van 24 maanden compleet" in deelname
    assert "geen activiteiten vastgelegd" in deelname and "jan 2017 t/m dec 2018" in deelname
    volunteers = next(line for line in lines if "Vrijwilligers per kwartaal" in line)
    assert (
        "0 van 8 kwartalen" in volunteers and "ontbreekt: 1e kwartaal 2017 t/m 4e kwartaal 2018" in volunteers
    )
    referrals = next(line for line in lines if "Doorverwijzingen per maand" in line)
    assert (
        "niet verwacht: geen getekend doorverwijsnetwerk vastgelegd" in referrals and ":red[" not in referrals
    )
    for topic, missing in (
        ("Sociale kaart", "nog geen organisaties vastgelegd"),
        ("Enquête", "geen enquête vastgelegd"),
        ("Werkplan 2018", "geen werkplanacties"),
        ("Doelen 2018", "geen doelen"),
        ("Tussentijdse evaluatie", "geen evaluatie"),
        ("Eindevaluatie", "geen evaluatie"),
    ):
        assert any(topic in line and f"ontbreekt: {missing}" in line for line in lines), topic
    assert not any(":green[" in line for line in lines)
    assert not at.success
    months = table_with(at, "Deelname", "Vrijwilligers (kwartaal)")
    assert len(months) == 24 and set(months["Deelname"]) == {"geen activiteiten vastgelegd"}
    # the definition is shown where the figure is: metric help and the section's expander
    help_text = next(m.proto.help for m in at.metric if m.label == "Maanden compleet")
    assert "0 van deze maanden" in help_text and "geen activiteiten" in help_text
    expander = next(e for e in at.expander if e.label == "Zo wordt de volledigheid bepaald")
    shown = " ".join(m.value for m in expander.markdown)
    assert "**Maanden compleet**" in shown and "**Doorverwijsmaanden compleet**" in shown


def test_period_without_targets_shows_an_empty_state(app_env: Path) -> None:
    at = open_page("bathmen")
    at.select_slider(key="periode").set_value((date(2016, 1, 1), date(2016, 12, 1))).run()
    assert not at.exception
    assert any("Geen doelen voor de jaren van deze periode" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric}["Doelen gehaald"] == "0 van 0"
    assert len(at.get("vega_lite_chart")) == 5  # timeline and the comparison, no targets chart


def test_database_without_monitoring_data_shows_empty_states(empty_app_env: Path) -> None:
    at = open_page()
    infos = " ".join(i.value for i in at.info)
    assert "nog geen werkplan" in infos
    assert "Geen doelen" in infos
    assert "Nog geen gegevens voor deze periode om kernen te vergelijken" in infos
    assert any("Werkplan 2018" in m.value and "ontbreekt" in m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 0
    shown = {m.label: m.value for m in at.metric}
    assert shown["Werkplan gereed"] == "–" and shown["Achterstallige acties"] == "0"


def test_page_works_with_real_cbs_context(reference_app_env: Path) -> None:
    """With real CBS figures there is no wijk-level 65+ share: the gemeente figure is used and said so."""
    at = open_page("boskamp")
    profiles = table_with(at, PROFILE_DISTANCE)
    assert set(profiles["65+ op niveau"]) == {"Gemeente"}
    assert any("gemeentecijfer is gebruikt" in c.value for c in at.caption)
    assert any("CBS Kerncijfers" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 6
