"""Every table of Mijn kern exports typed cells: numbers as numbers, dates as dates, '<5' only where
a small count of persons is hidden, no internal columns, and figures that equal SQL written here
(independently of sv_analytics.mijn_kern and its query files). Exports are protected (issue 12):
the expected value of a count of persons, and of a figure derived from one, is the SQL's exact
value through the oracle of tests/test_privacy.py."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl.cell.cell import Cell

from sv_analytics import mijn_kern, privacy, vergelijkbaar
from sv_analytics.tables import Table
from tests.exported import read_xlsx
from tests.test_privacy import oracle_derived, rounded

START, END = date(2017, 1, 1), date(2018, 12, 1)
#: The comparable-kernen distance, headed with its registry unit (standaarddeviaties).
PROFILE_DISTANCE = "Profielafstand (standaarddeviaties)"
PEILDATUM = date(2018, 12, 31)


def exported(table: Table) -> list[dict[str, Cell]]:
    """The table written as XLSX and read back with openpyxl (per row, header → cell), after
    the checks every export owes (tests/exported.py)."""
    return read_xlsx(table).cell_rows


def values(rows: list[dict[str, Cell]], label: str) -> list[object]:
    return [row[label].value for row in rows]


# ---------------------------------------------------------------- werkplan


def test_phase_table_exports_counts_and_shares_that_match_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    actions = mijn_kern.werkplan(demo_conn, "boskamp", PEILDATUM)
    rows = exported(mijn_kern.phase_table(mijn_kern.phase_summary(actions)))
    expected = demo_conn.execute(
        """
        SELECT phase,
               count(*) FILTER (WHERE status = 'gereed' AND completed_on <= $p) AS done,
               count(*) FILTER (WHERE status <> 'vervallen') AS active,
               count(*) AS total
        FROM werkplan_action WHERE kern_id = 'boskamp' GROUP BY phase ORDER BY phase
        """,
        {"p": PEILDATUM},
    ).fetchall()
    assert len(rows) == 4
    by_phase = {row["Fase"].value[0]: row for row in rows}  # '2 Organisatie' → phase 2
    for phase, done, active, total in expected:
        row = by_phase[str(phase)]
        assert row["Gereed"].value == done and row["Totaal"].value == total
        assert row["% gereed"].value == pytest.approx(done / active)  # Excel percent: a fraction
        assert row["% gereed"].number_format == "0%"
    assert by_phase["3"]["Gereed"].value == 0  # pattern 2: Boskamp never starts phase 3


def test_overdue_table_exports_dates_and_days_late_that_match_sql(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    actions = mijn_kern.werkplan(demo_conn, "boskamp", PEILDATUM)
    rows = exported(mijn_kern.overdue_table(actions, PEILDATUM))
    expected = demo_conn.execute(
        """
        SELECT description, planned_end, datediff('day', planned_end, $p) AS late
        FROM werkplan_action
        WHERE kern_id = 'boskamp' AND status <> 'vervallen' AND planned_end < $p
          AND NOT (status = 'gereed' AND completed_on <= $p)
        """,
        {"p": PEILDATUM},
    ).fetchall()
    assert len(rows) == len(expected) >= 2
    shown = {row["Actie"].value: row for row in rows}
    for description, planned_end, late in expected:
        assert shown[description]["Gepland einde"].value.date() == planned_end
        assert shown[description]["Dagen over tijd"].value == late


# ---------------------------------------------------------------- targets


def test_targets_table_exports_targets_and_realisation_that_match_sql(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    table = mijn_kern.targets_table(mijn_kern.targets(demo_conn, "bathmen"))
    rows = exported(table)
    expected = demo_conn.execute(
        """
        SELECT t.year, t.indicator_code, t.value,
               (SELECT coalesce(sum(n), 0) FROM referral r WHERE r.kern_id = t.kern_id AND year(r.month) = t.year)
        FROM target t WHERE t.kern_id = 'bathmen' ORDER BY t.year, t.indicator_code
        """
    ).fetchall()
    assert len(rows) == len(expected) > 0
    assert values(rows, "Doel") == [int(v) for _, _, v, _ in expected]
    assert values(rows, "Jaar") == [str(year) for year, *_ in expected]  # a year is a label
    assert [code for _, code, _, _ in expected].count("doorverwijzingen") == 2  # 2017 and 2018
    for row, (_, code, target, referrals) in zip(rows, expected, strict=True):
        if code == "doorverwijzingen":
            shown = rounded(referrals)
            assert row["Realisatie"].value == (privacy.SUPPRESSED if shown is None else shown)
            share = oracle_derived(referrals / target, referrals)  # the % from the rounded count
            assert row["% van het doel"].value == (
                privacy.SUPPRESSED if share is None else pytest.approx(share)
            )
    notes = "\n".join(table.notes)
    assert "Doorverwijzingen:" in notes and "Nieuwe deelnemers:" in notes  # the targets' definitions


def test_targets_table_hides_small_counts_of_persons_only() -> None:
    frame = pd.DataFrame(
        {
            "year": [2018, 2018, 2018, 2018],
            "indicator_code": [
                "doorverwijzingen",
                "nieuwe_activiteiten",
                "vrijwilligers_actief",
                "nieuwe_deelnemers",
            ],
            "name": ["Doorverwijzingen", "Nieuwe activiteiten", "Actieve vrijwilligers", "Nieuwe deelnemers"],
            "target": [10.0, 4.0, 20.0, 50.0],
            "realised": [3.0, 3.0, None, 0.0],
            "pct": [30.0, 75.0, None, 0.0],
        }
    )
    table = mijn_kern.targets_table(frame)
    rows = exported(table)
    assert values(rows, "Realisatie") == [
        "<5",
        3,
        None,
        0,
    ]  # persons hidden; activities, zero and unknown not
    assert list(table.display()["Realisatie"]) == ["<5", "3", "niet aangeleverd", "0"]
    # the % of a hidden count of persons is hidden with it (30% of 10 gave the 3 back)
    assert values(rows, "% van het doel") == ["<5", pytest.approx(0.75), None, 0]


# ---------------------------------------------------------------- completeness


def copy_with_a_deelname_gap(demo_db: Path, path: Path) -> str:
    """Copy the demo to ``path`` and delete March and April 2018 of one running activity of
    Bathmen (its deelname rows and their breakdown); returns the activity's id."""
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as conn:
        activity = conn.execute(
            "SELECT activity_id FROM activity WHERE kern_id = 'bathmen' AND end_date IS NULL ORDER BY 1 LIMIT 1"
        ).fetchone()[0]
        for table in ("participation_breakdown", "participation"):
            conn.execute(
                f"DELETE FROM {table} WHERE activity_id = ? AND month IN ('2018-03-01', '2018-04-01')",
                [activity],
            )
    return activity


@pytest.fixture()
def gap_db(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "gaten.duckdb"
    copy_with_a_deelname_gap(demo_db, path)
    return path


def test_gaps_and_month_tables_export_counts_and_months_that_match_sql(gap_db: Path) -> None:
    with duckdb.connect(str(gap_db)) as conn:
        check = mijn_kern.completeness(conn, "bathmen", START, END, PEILDATUM)
        missing = conn.execute(
            """
            SELECT a.name, count(*) FROM activity a
            JOIN (SELECT unnest(generate_series(DATE '2017-01-01', DATE '2018-12-01', INTERVAL 1 MONTH))::DATE AS m)
              ON m >= date_trunc('month', a.start_date) AND (a.end_date IS NULL OR a.end_date >= m)
            WHERE a.kern_id = 'bathmen'
              AND NOT EXISTS (SELECT 1 FROM participation p WHERE p.activity_id = a.activity_id AND p.month = m)
            GROUP BY a.name
            """
        ).fetchall()
        months = [r[0] for r in conn.execute(
            "SELECT unnest(generate_series(DATE '2017-01-01', DATE '2018-12-01', INTERVAL 1 MONTH))::DATE"
        ).fetchall()]  # fmt: skip
    gaps = exported(mijn_kern.gaps_table(check.gaps))
    assert [(r["Activiteit"].value, r["Aantal maanden"].value) for r in gaps] == missing
    assert values(gaps, "Maanden zonder deelnamecijfers") == ["mrt 2018, apr 2018"]  # a list of months: text
    per_month = exported(mijn_kern.month_table(check))
    assert [v.date() for v in values(per_month, "Maand")] == months
    assert per_month[0]["Maand"].number_format == "mmm yyyy"
    assert {v for v in values(per_month, "Vrijwilligers (kwartaal)")} <= {"aangeleverd", "ontbreekt"}


# ---------------------------------------------------------------- comparison


def rates_by_sql(conn: duckdb.DuckDBPyConnection, kern: str) -> tuple[int, float]:
    """Inhabitants and reach per 1,000 inhabitants in the project (first month's participants of
    an activity plus the later new participants)."""
    return conn.execute(
        """
        WITH p AS (
            SELECT p.*, min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
            FROM participation p JOIN activity a USING (activity_id)
            WHERE a.kern_id = $k AND p.month BETWEEN $s AND $e)
        SELECT k.inhabitants,
               1000.0 * (SELECT coalesce(sum(CASE WHEN month = first_month THEN participants
                                                  ELSE new_participants END), 0) FROM p) / k.inhabitants
        FROM kern k WHERE k.kern_id = $k
        """,
        {"k": kern, "s": START, "e": END},
    ).fetchone()


@pytest.fixture(scope="module")
def comparison(demo_db: Path) -> mijn_kern.Comparison:
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        features = vergelijkbaar.features(conn)
        return mijn_kern.comparison(features, mijn_kern.period_figures(conn, START, END), "boskamp")


def test_profile_and_figures_tables_export_numbers_that_match_sql(
    comparison: mijn_kern.Comparison, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    ids = dict(demo_conn.execute("SELECT name, kern_id FROM kern").fetchall())
    profiles = exported(mijn_kern.profile_table(comparison))
    figures = exported(mijn_kern.figures_table(comparison))
    assert values(profiles, "Kern") == values(figures, "Kern") and len(profiles) == 5
    assert profiles[0][PROFILE_DISTANCE].value is None  # the own kern ('eigen kern' on screen)
    assert all(isinstance(v, float) for v in values(profiles, PROFILE_DISTANCE)[1:])
    assert all(0 < v < 1 for v in values(profiles, "Aandeel 65+"))  # Excel percent: a fraction
    for profile, figure in zip(profiles, figures, strict=True):
        inhabitants, reach = rates_by_sql(demo_conn, ids[profile["Kern"].value])
        assert profile["Inwoners"].value == inhabitants
        people = round(reach * inhabitants / 1000)  # the reach as a count: the figure follows its rounding
        assert figure["Bereik per 1.000 inwoners"].value == pytest.approx(oracle_derived(reach, people))
        assert figure["Bereik per 1.000 inwoners"].number_format == "#,##0.0"
