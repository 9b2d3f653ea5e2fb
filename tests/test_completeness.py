"""Data completeness of Mijn kern (sv_analytics.mijn_kern.completeness) is honest.

Expected figures come from SQL written here, independently of the query files; small
databases made with ``init`` (the kern registry only) get exactly the rows a case needs, so
each rule of the registry definition (volledigheid_*) is checked on its own: nothing
delivered is 0 of N, a missing month is named, an activity is not owed after its end, a
month without any running activity is not complete, referrals are owed only under a
referral network, and the peildatum decides what is owed at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from sv_analytics import cli, indicators, mijn_kern

START, END = date(2017, 1, 1), date(2018, 12, 1)  # the default period
PEILDATUM = date(2018, 12, 31)
PROJECT_MONTHS = [date(y, m, 1) for y in (2017, 2018) for m in range(1, 13)]
KERN = "bathmen"


@pytest.fixture()
def init_conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A database as ``init`` makes it (kern registry, no monitoring data), open for writing."""
    path = tmp_path / "init.duckdb"
    assert cli.main(["init", "--db", str(path)]) == 0
    conn = duckdb.connect(str(path))
    yield conn
    conn.close()


def add_activity(
    conn: duckdb.DuckDBPyConnection, activity_id: str, start: date, end: date | None = None, name: str = ""
) -> None:
    conn.execute(
        """
        INSERT INTO activity (activity_id, kern_id, name, kind, novelty, membership_form, start_date,
                              end_date, dataset_id)
        VALUES (?, ?, ?, 'bewegen', 'nieuw', 'flexibel', ?, ?, 'test')
        """,
        [activity_id, KERN, name or activity_id, start, end],
    )


def add_participation(conn: duckdb.DuckDBPyConnection, activity_id: str, months: list[date]) -> None:
    for month in months:
        conn.execute("INSERT INTO participation VALUES (?, ?, 10, 1, 0, 'test')", [activity_id, month])


def add_network(
    conn: duckdb.DuckDBPyConnection, start: date, end: date | None = None, status: str = "actief"
) -> None:
    conn.execute(
        "INSERT INTO agreement VALUES (?, ?, 'doorverwijsnetwerk', 'huisarts en fysio', ?, ?, ?, 'test')",
        [f"{KERN}-net-{start}", KERN, start, end, status],
    )


def add_referrals(conn: duckdb.DuckDBPyConnection, months: list[date]) -> None:
    for month in months:
        conn.execute("INSERT INTO referral VALUES (?, ?, 'huisarts', NULL, 'a1', 'senioren', 2, 'test')",
                     [KERN, month])  # fmt: skip


def item(check: mijn_kern.Completeness, topic_start: str) -> mijn_kern.CheckItem:
    return next(i for i in check.items if i.topic.startswith(topic_start))


def months_between(first: date, last: date) -> list[date]:
    return [m for m in PROJECT_MONTHS if first <= m <= last]


# ---------------------------------------------------------------- nothing delivered


def test_a_kern_that_delivered_nothing_is_0_of_n_and_every_list_is_named_missing(
    init_conn: duckdb.DuckDBPyConnection,
) -> None:
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.months_complete, check.months_total) == (0, 24)
    assert (check.quarters_complete, check.quarters_total) == (0, 8)
    assert (check.records_present, check.records_expected) == (0, 6)
    assert not check.all_complete
    deelname = item(check, "Deelname")
    assert deelname.status == mijn_kern.MISSING
    assert "0 van 24 maanden compleet" in deelname.text
    assert "geen activiteiten vastgelegd" in deelname.text and "jan 2017 t/m dec 2018" in deelname.text
    volunteers = item(check, "Vrijwilligers")
    assert volunteers.status == mijn_kern.MISSING
    assert "ontbreekt: 1e kwartaal 2017 t/m 4e kwartaal 2018" in volunteers.text
    # no referral network: referrals are not owed, and the line says why
    referrals = item(check, "Doorverwijzingen")
    assert referrals.status == mijn_kern.NOT_EXPECTED and "geen getekend doorverwijsnetwerk" in referrals.text
    lists = {i.topic: i for i in check.items[check.n_periodic :]}
    assert set(lists) == {
        "Sociale kaart (blad Organisaties)",
        "Enquête wensen en behoeften",
        "Werkplan 2018",
        "Doelen 2018",
        "Tussentijdse evaluatie (nov–dec 2017)",
        "Eindevaluatie (nov–dec 2018)",
    }
    assert {i.status for i in lists.values()} == {mijn_kern.MISSING}
    assert all(i.text.startswith("ontbreekt: ") for i in lists.values())
    assert check.gaps.empty  # no activity, so no activity rows missing: the line says it instead
    table = mijn_kern.month_table(check).display()
    assert len(table) == 24 and set(table["Deelname"]) == {"geen activiteiten vastgelegd"}
    assert set(table["Vrijwilligers (kwartaal)"]) == {"ontbreekt"}


# ---------------------------------------------------------------- deelname per month


def test_a_missing_month_of_a_running_activity_is_named(init_conn: duckdb.DuckDBPyConnection) -> None:
    add_activity(init_conn, "bathmen-a", date(2015, 3, 1), name="Wandelvoetbal")
    add_activity(init_conn, "bathmen-b", date(2016, 9, 12), name="Beweegtuin")
    add_participation(init_conn, "bathmen-a", PROJECT_MONTHS)
    add_participation(init_conn, "bathmen-b", [m for m in PROJECT_MONTHS if m != date(2018, 3, 1)])
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.months_complete, check.months_total) == (23, 24)
    deelname = item(check, "Deelname")
    assert deelname.status == mijn_kern.MISSING and "ontbreekt: mrt 2018" in deelname.text
    assert list(zip(check.gaps["name"], check.gaps["month"], strict=True)) == [
        ("Beweegtuin", date(2018, 3, 1))
    ]
    table = mijn_kern.gaps_table(check.gaps).display()
    assert table.to_dict("records") == [
        {"Activiteit": "Beweegtuin", "Loopt": "sinds sep 2016", "Maanden zonder deelnamecijfers": "mrt 2018",
         "Aantal maanden": "1"}
    ]  # fmt: skip
    per_month = mijn_kern.month_table(check).display().set_index("Maand")
    assert per_month.loc["mrt 2018", "Deelname"] == "1 van 2 activiteiten"
    assert per_month.loc["apr 2018", "Deelname"] == "compleet (2 van 2)"


def test_an_activity_is_not_owed_after_the_month_it_ended(init_conn: duckdb.DuckDBPyConnection) -> None:
    add_activity(init_conn, "bathmen-a", date(2015, 3, 1))
    add_activity(init_conn, "bathmen-kort", date(2017, 2, 20), end=date(2017, 6, 15), name="Korte cursus")
    add_participation(init_conn, "bathmen-a", PROJECT_MONTHS)
    # delivered feb–mei; june is the month it ended, so june is still owed
    add_participation(init_conn, "bathmen-kort", months_between(date(2017, 2, 1), date(2017, 5, 1)))
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.months_complete, check.months_total) == (23, 24)
    assert set(check.gaps["month"]) == {date(2017, 6, 1)}
    assert set(check.gaps["name"]) == {"Korte cursus"}
    assert mijn_kern.gaps_table(check.gaps).display()["Loopt"].tolist() == ["feb 2017 – jun 2017"]
    add_participation(init_conn, "bathmen-kort", [date(2017, 6, 1)])
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.months_complete, check.months_total) == (24, 24)
    assert item(check, "Deelname").status == mijn_kern.COMPLETE
    per_month = mijn_kern.month_table(check).display().set_index("Maand")
    assert per_month.loc["jul 2017", "Deelname"] == "compleet (1 van 1)"


def test_a_month_without_any_running_activity_is_not_complete(init_conn: duckdb.DuckDBPyConnection) -> None:
    add_activity(init_conn, "bathmen-nieuw", date(2017, 5, 8))
    add_participation(init_conn, "bathmen-nieuw", months_between(date(2017, 5, 1), date(2018, 12, 1)))
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.months_complete, check.months_total) == (20, 24)
    deelname = item(check, "Deelname")
    assert deelname.status == mijn_kern.MISSING
    assert "geen lopende activiteit vastgelegd in jan 2017 t/m apr 2017" in deelname.text
    assert "ontbreekt" not in deelname.text  # no activity row is missing
    assert check.gaps.empty


def test_period_and_peildatum_decide_which_months_are_owed(init_conn: duckdb.DuckDBPyConnection) -> None:
    # a month is owed once it is over, and only months of the programme calendar
    assert mijn_kern.expected_months(START, END, date(2017, 6, 15)) == months_between(START, date(2017, 5, 1))
    assert mijn_kern.expected_months(START, END, date(2017, 5, 31)) == months_between(START, date(2017, 5, 1))
    assert (
        mijn_kern.expected_months(date(2016, 1, 1), date(2019, 12, 1), date(2019, 12, 31)) == PROJECT_MONTHS
    )
    assert mijn_kern.expected_months(date(2016, 1, 1), date(2016, 12, 1), PEILDATUM) == []
    assert mijn_kern.expected_months(date(2018, 3, 1), date(2018, 5, 1), PEILDATUM) == months_between(
        date(2018, 3, 1), date(2018, 5, 1)
    )
    check = mijn_kern.completeness(init_conn, KERN, START, END, date(2017, 6, 15))
    assert (check.months_complete, check.months_total) == (0, 5)
    assert (check.quarters_complete, check.quarters_total) == (0, 1)  # Q2 2017 was not over yet
    lists = {i.topic: i.status for i in check.items[check.n_periodic :]}
    assert lists["Werkplan 2017"] == lists["Doelen 2017"] == mijn_kern.MISSING
    assert lists["Tussentijdse evaluatie (nov–dec 2017)"] == mijn_kern.NOT_EXPECTED
    assert lists["Eindevaluatie (nov–dec 2018)"] == mijn_kern.NOT_EXPECTED
    assert check.records_expected == 4
    # the baseline year alone: nothing is owed, so nothing is missing per month
    baseline = mijn_kern.completeness(init_conn, KERN, date(2016, 1, 1), date(2016, 12, 1), PEILDATUM)
    assert baseline.months_total == 0 and baseline.quarters_total == 0
    assert {i.status for i in baseline.items[: baseline.n_periodic]} == {mijn_kern.NOT_EXPECTED}


# ---------------------------------------------------------------- referrals


def test_referrals_are_owed_only_while_a_signed_network_runs(init_conn: duckdb.DuckDBPyConnection) -> None:
    add_network(init_conn, date(2018, 5, 1), status="in_voorbereiding")
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    referrals = item(check, "Doorverwijzingen")
    assert referrals.status == mijn_kern.NOT_EXPECTED and "geen getekend doorverwijsnetwerk" in referrals.text
    assert check.referral_months_total == 0

    add_network(init_conn, date(2018, 1, 15))  # signed mid-January: owed from January
    add_referrals(init_conn, [m for m in months_between(date(2018, 1, 1), END) if m != date(2018, 3, 1)])
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.referral_months_complete, check.referral_months_total) == (11, 12)
    referrals = item(check, "Doorverwijzingen")
    assert referrals.status == mijn_kern.MISSING
    assert "11 van 12 maanden" in referrals.text and "geen regel voor mrt 2018" in referrals.text
    assert "aantal 0" in referrals.text  # how to report a month without referrals
    per_month = mijn_kern.month_table(check).display().set_index("Maand")["Doorverwijzingen"]
    assert per_month["dec 2017"] == "niet verwacht" and per_month["mrt 2018"] == "geen regel"
    assert per_month["apr 2018"] == "aangeleverd"


def test_referrals_are_not_owed_after_the_network_ended(init_conn: duckdb.DuckDBPyConnection) -> None:
    add_network(init_conn, date(2017, 4, 1), end=date(2017, 9, 30), status="beeindigd")
    add_referrals(init_conn, months_between(date(2017, 4, 1), date(2017, 9, 1)))
    check = mijn_kern.completeness(init_conn, KERN, START, END, PEILDATUM)
    assert (check.referral_months_complete, check.referral_months_total) == (6, 6)
    assert item(check, "Doorverwijzingen").status == mijn_kern.COMPLETE
    # a period after the network ended owes no referrals, and says so
    later = mijn_kern.completeness(init_conn, KERN, date(2018, 1, 1), END, PEILDATUM)
    referrals = item(later, "Doorverwijzingen")
    assert referrals.status == mijn_kern.NOT_EXPECTED and "liep geen doorverwijsnetwerk" in referrals.text
    # before a network starts, the line names its start
    add_network(init_conn, date(2018, 1, 15))
    early = mijn_kern.completeness(init_conn, KERN, date(2017, 10, 1), END, date(2017, 12, 31))
    referrals = item(early, "Doorverwijzingen")
    assert early.referral_months_total == 0
    assert referrals.status == mijn_kern.NOT_EXPECTED and "begint pas op 15 jan 2018" in referrals.text


# ---------------------------------------------------------------- the demo against independent SQL


def demo_expected(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, ...]]:
    """Per kern: months complete, quarters delivered, referral months owed and delivered, lists present."""
    rows = conn.execute(
        """
        WITH months AS (SELECT unnest(generate_series(DATE '2017-01-01', DATE '2018-12-01', INTERVAL 1 MONTH))::DATE AS m),
        run AS (
            SELECT a.kern_id, months.m, a.activity_id,
                   EXISTS (SELECT 1 FROM participation p WHERE p.activity_id = a.activity_id AND p.month = months.m) AS ok
            FROM activity a JOIN months ON months.m >= date_trunc('month', a.start_date)
                 AND (a.end_date IS NULL OR a.end_date >= months.m)
        ),
        month_ok AS (SELECT kern_id, m FROM run GROUP BY ALL HAVING bool_and(ok)),
        net AS (
            SELECT DISTINCT g.kern_id, months.m FROM agreement g JOIN months
              ON g.kind = 'doorverwijsnetwerk' AND g.status IN ('actief', 'beeindigd')
             AND months.m >= date_trunc('month', g.start_date) AND (g.end_date IS NULL OR months.m <= g.end_date)
        )
        SELECT k.kern_id,
          (SELECT count(*) FROM month_ok WHERE month_ok.kern_id = k.kern_id),
          (SELECT count(*) FROM volunteer v WHERE v.kern_id = k.kern_id AND v.quarter BETWEEN '2017-01-01' AND '2018-10-01'),
          (SELECT count(*) FROM net WHERE net.kern_id = k.kern_id),
          (SELECT count(*) FROM net WHERE net.kern_id = k.kern_id
             AND EXISTS (SELECT 1 FROM referral r WHERE r.kern_id = k.kern_id AND r.month = net.m)),
          (SELECT count(*) > 0 FROM organisation o WHERE o.kern_id = k.kern_id)::INT
          + (SELECT count(*) > 0 FROM survey s WHERE s.kern_id = k.kern_id)::INT
          + (SELECT count(*) > 0 FROM werkplan_action w WHERE w.kern_id = k.kern_id AND w.werkplan_year = 2018)::INT
          + (SELECT count(*) > 0 FROM target t WHERE t.kern_id = k.kern_id AND t.year = 2018)::INT
          + (SELECT count(DISTINCT moment) FROM evaluation e WHERE e.kern_id = k.kern_id
             AND e.moment IN ('tussentijds_2017', 'eind_2018'))
        FROM kern k ORDER BY k.kern_id
        """
    ).fetchall()
    return {r[0]: tuple(int(v) for v in r[1:]) for r in rows}


def test_demo_completeness_matches_independent_sql_for_every_kern(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    expected = demo_expected(demo_conn)
    assert len(expected) == 22
    for kern_id, (months, quarters, owed, delivered, lists) in expected.items():
        check = mijn_kern.completeness(demo_conn, kern_id, START, END, PEILDATUM)
        shown = (
            check.months_complete,
            check.quarters_complete,
            check.referral_months_total,
            check.referral_months_complete,
            check.records_present,
        )
        assert shown == (months, quarters, owed, delivered, lists), kern_id
        assert (check.months_total, check.quarters_total, check.records_expected) == (24, 8, 6), kern_id
    # the demo delivers deelname, volunteers and every list for every kern (no planted gaps) …
    assert {v[0] for v in expected.values()} == {24} and {v[4] for v in expected.values()} == {6}
    # … and referrals only where a network was signed (pattern 3), 9 kernen
    assert sum(v[2] > 0 for v in expected.values()) == 9


def test_demo_referral_months_without_a_row_are_named(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """The demo writes no row for a month with 0 referrals: under a network that shows as 'geen regel'."""
    missing = demo_conn.execute(
        """
        WITH net AS (SELECT kern_id, min(start_date) AS s FROM agreement WHERE kind = 'doorverwijsnetwerk'
                     GROUP BY 1),
        months AS (SELECT unnest(generate_series(DATE '2017-01-01', DATE '2018-12-01', INTERVAL 1 MONTH))::DATE AS m)
        SELECT net.kern_id, list(months.m ORDER BY months.m) FROM net JOIN months ON months.m >= date_trunc('month', net.s)
        WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.kern_id = net.kern_id AND r.month = months.m)
        GROUP BY 1 ORDER BY 1
        """
    ).fetchall()
    assert missing, "de demo heeft geen doorverwijsmaand zonder regel meer: kies een ander geval"
    for kern_id, months in missing:
        check = mijn_kern.completeness(demo_conn, kern_id, START, END, PEILDATUM)
        referrals = item(check, "Doorverwijzingen")
        assert referrals.status == mijn_kern.MISSING
        assert f"geen regel voor {mijn_kern.month_runs(months)}" in referrals.text


# ---------------------------------------------------------------- text and registry


def test_month_and_quarter_runs_read_as_ranges() -> None:
    months = [date(2017, 1, 1), date(2017, 2, 1), date(2017, 3, 1), date(2017, 7, 1), date(2017, 9, 1),
              date(2017, 10, 1)]  # fmt: skip
    assert mijn_kern.month_runs(months) == "jan 2017 t/m mrt 2017, jul 2017, sep 2017, okt 2017"
    assert (
        mijn_kern.month_runs([date(2017, 12, 1), date(2018, 1, 1), date(2018, 2, 1)])
        == "dec 2017 t/m feb 2018"
    )
    quarters = [date(2017, 10, 1), date(2018, 1, 1), date(2018, 4, 1), date(2018, 10, 1)]
    assert mijn_kern.quarter_runs(quarters) == "4e kwartaal 2017 t/m 2e kwartaal 2018, 4e kwartaal 2018"


def test_the_registry_documents_the_chosen_definition() -> None:
    months = indicators.get("volledigheid_maanden")
    assert "peildatum" in months.formula and "einddatum" in months.formula
    assert "geen activiteiten" in months.caveats.lower()
    assert "telt als compleet" not in months.caveats  # the old, dishonest rule is gone
    referrals = indicators.get("volledigheid_doorverwijzingen")
    assert "doorverwijsnetwerk" in referrals.formula and "aantal 0" in referrals.caveats
    lists = indicators.get("volledigheid_bladen")
    assert "november 2017" in lists.definition and "december 2018" in lists.definition
