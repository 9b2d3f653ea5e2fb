"""The tables of the page Samenwerking, exported: typed cells in XLSX and CSV, ``<5`` only where
a referral count is 1–4, and numbers equal to independent SQL on the demo database (every export
protected, issue 12: the SQL's exact referral counts through the oracle of tests/test_privacy.py,
the monthly average from the rounded count).
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from sv_analytics import indicators, samenwerking
from sv_analytics.tables import Table
from tests.exported import csv_rows, is_number, xlsx
from tests.test_privacy import oracle_derived, oracle_text, rounded

START, END = date(2017, 1, 1), date(2018, 12, 1)
JUNE = date(2017, 6, 1)  # a month in which a few kernen referred 1–4 people


def sql(conn: duckdb.DuckDBPyConnection, query: str, **params: object) -> pd.DataFrame:
    return conn.execute(query, params).df()


def assert_lists_indicators(notes: list[list[object]], table: Table) -> None:
    """Every column indicator's definition is on the Toelichting sheet."""
    names = {row[0] for row in notes if row}
    assert table.indicator_codes
    for code in table.indicator_codes:
        assert indicators.get(code).name in names, code


# ------------------------------------------------------------------------------------ agreements
def test_agreements_export_dates_as_dates(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = samenwerking.agreements_table(demo_conn, "hertme")
    headers, rows, notes = xlsx(table, "Afspraken")
    assert headers == ["Soort", "Omschrijving", "Start", "Einde", "Status", "Partijen"]
    want = sql(
        demo_conn,
        """SELECT a.description, a.start_date, a.end_date, count(p.org_id) AS parties FROM agreement a
           LEFT JOIN agreement_party p USING (agreement_id) WHERE a.kern_id = 'hertme'
           GROUP BY ALL ORDER BY a.start_date, a.description""",
    )
    got = sorted(rows, key=lambda r: (r["Start"], r["Omschrijving"]))
    assert [r["Omschrijving"] for r in got] == list(want["description"])
    for row, expected in zip(got, want.itertuples(), strict=True):
        assert isinstance(row["Start"], datetime) and row["Start"].date() == expected.start_date.date()
        if pd.isna(expected.end_date):
            assert row["Einde"] is None
        else:
            assert isinstance(row["Einde"], datetime) and row["Einde"].date() == expected.end_date.date()
        assert len(row["Partijen"].split(", ")) == expected.parties
    assert_lists_indicators(notes, table)
    by_csv = csv_rows(table)
    assert sorted(r["Start"] for r in by_csv) == sorted(d.date().isoformat() for d in want["start_date"])


# ------------------------------------------------------------------------------------ flows
def test_flows_export_counts_and_hide_small_ones(demo_conn: duckdb.DuckDBPyConnection) -> None:
    flows = samenwerking.referral_flows(demo_conn, START, END, None, "bathmen")
    table = samenwerking.flows_table(flows)
    headers, rows, notes = xlsx(table, "Doorverwijsstromen")
    assert headers == ["Verwezen door", "Soort activiteit", "Doelgroep", "Doorverwijzingen"]
    want = sql(
        demo_conn,
        """SELECT sum(r.n)::INT AS n FROM referral r JOIN activity a ON a.activity_id = r.to_activity_id
           WHERE r.kern_id = 'bathmen' AND r.month BETWEEN $start AND $end
           GROUP BY r.from_sector, a.kind, r.doelgroep HAVING sum(r.n) > 0""",
        start=START,
        end=END,
    )["n"]
    cells = [r["Doorverwijzingen"] for r in rows]
    assert sorted(c for c in cells if c != "<5") == sorted(rounded(int(n)) for n in want if n >= 5)
    assert all(is_number(c) for c in cells if c != "<5")
    assert cells.count("<5") == int(((want > 0) & (want < 5)).sum()) > 0
    assert_lists_indicators(notes, table)
    assert any(r[0] == "Kleine aantallen" and "vijftallen" in r[1] for r in notes if len(r) >= 2)
    assert sorted(r["Doorverwijzingen"] for r in csv_rows(table)) == sorted(oracle_text(int(n)) for n in want)


# ------------------------------------------------------------------------------------ figures
FIGURES_SQL = """
    SELECT k.name,
      (SELECT count(DISTINCT p.org_id) FROM agreement a JOIN agreement_party p USING (agreement_id)
        WHERE a.kern_id = k.kern_id AND a.start_date <= $peil) AS partners,
      (SELECT coalesce(sum(n), 0) FROM referral r WHERE r.kern_id = k.kern_id
        AND r.month BETWEEN $start AND $end)::INT AS referrals,
      (SELECT min(a.start_date) FROM agreement a JOIN agreement_party p USING (agreement_id)
        JOIN organisation o USING (org_id) WHERE a.kern_id = k.kern_id AND a.kind = 'doorverwijsnetwerk'
        AND o.sector IN ('zorg', 'gezondheidszorg')) AS signed,
      (SELECT min(month) FROM referral r WHERE r.kern_id = k.kern_id AND r.n > 0) AS first_month
    FROM kern k
"""


@pytest.mark.parametrize(("start", "end", "months"), [(START, END, 24), (JUNE, JUNE, 1)])
def test_figures_export_typed_cells_equal_to_sql(
    demo_conn: duckdb.DuckDBPyConnection, start: date, end: date, months: int
) -> None:
    table = samenwerking.figures_table(samenwerking.kern_figures(demo_conn, start, end), "overdinkel")
    headers, rows, notes = xlsx(table, "Netwerkcijfers")
    assert headers == [c.label for c in table.columns]  # no screen-only column in this table
    assert rows[0]["Kern"] == "Overdinkel"
    peil = date(end.year, end.month, 30 if end.month == 6 else 31)
    want = sql(demo_conn, FIGURES_SQL, peil=peil, start=start, end=end).set_index("name")
    assert sorted(r["Kern"] for r in rows) == sorted(want.index)
    for row in rows:
        expected = want.loc[row["Kern"]]
        for header in ("Partners", "Sectoren", "Lopende afspraken"):
            assert is_number(row[header]), header
        assert row["Partners"] == expected["partners"]
        referrals = int(expected["referrals"])
        if 0 < referrals < 5:
            assert row["Doorverwijzingen"] == "<5"
            assert row["Per maand"] == "<5"  # the average × the months gave the hidden count back
        else:
            assert is_number(row["Doorverwijzingen"]) and row["Doorverwijzingen"] == rounded(referrals)
            assert is_number(row["Per maand"])  # a whole 0.0 comes back from Excel as the int 0
            assert row["Per maand"] == pytest.approx(oracle_derived(referrals / months, referrals))
        for header, column in (("Netwerk getekend", "signed"), ("Eerste doorverwijzing", "first_month")):
            if pd.isna(expected[column]):
                assert row[header] is None
            else:
                assert isinstance(row[header], datetime) and row[header].date() == expected[column].date()
    suppressed = [r["Kern"] for r in rows if r["Doorverwijzingen"] == "<5"]
    assert (suppressed != []) == (months == 1)  # June 2017: a few kernen referred 1–4 people
    assert_lists_indicators(notes, table)


def test_figures_csv_has_dutch_decimals_and_iso_dates(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = samenwerking.figures_table(samenwerking.kern_figures(demo_conn, START, END), "overdinkel")
    first = csv_rows(table)[0]
    referrals = sql(
        demo_conn,
        "SELECT sum(n)::INT AS n FROM referral WHERE kern_id = 'overdinkel' AND month BETWEEN $s AND $e",
        s=START,
        e=END,
    )["n"].iloc[0]
    assert first["Kern"] == "Overdinkel" and first["Doorverwijzingen"] == oracle_text(referrals)
    assert first["Per maand"] == f"{oracle_derived(referrals / 24, referrals):.1f}".replace(".", ",")
    assert first["Netwerk getekend"] == "2018-01-01" and first["Eerste doorverwijzing"] == "2018-01-01"
