"""The tables of the page Sociale kaart, exported: counts as numbers (organisations are not people,
so nothing is hidden as ``<5``), yes/no as ja/nee, and numbers equal to independent SQL.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sv_analytics import indicators, sociale_kaart, vocab
from tests.exported import csv_rows, xlsx

TAKES_PART = "o.org_id IN (SELECT org_id FROM organisation_role UNION SELECT org_id FROM agreement_party)"


def sql(conn: duckdb.DuckDBPyConnection, query: str, *params: object) -> pd.DataFrame:
    return conn.execute(query, list(params)).df()


def is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def indicator_names(notes: list[list[object]]) -> set[object]:
    return {row[0] for row in notes if row}


def no_suppressed_cell(rows: list[dict[str, object]]) -> bool:
    return all(value != "<5" for row in rows for value in row.values())


def test_organisations_export_counts_and_yes_no(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = sociale_kaart.organisation_table(sociale_kaart.organisations(demo_conn, "aadorp"))
    headers, rows, notes = xlsx(table, "Sociale kaart van Aadorp")
    assert headers == ["Organisatie", "Sector", "Rollen", "In projectgroep", "Afspraken"]
    want = sql(
        demo_conn,
        """SELECT o.name, o.in_project_group,
                  (SELECT count(DISTINCT agreement_id) FROM agreement_party p WHERE p.org_id = o.org_id) AS n
           FROM organisation o WHERE kern_id = ?""",
        "aadorp",
    ).set_index("name")
    assert sorted(r["Organisatie"] for r in rows) == sorted(want.index)
    for row in rows:
        assert is_count(row["Afspraken"]) and row["Afspraken"] == want.at[row["Organisatie"], "n"]
        assert row["In projectgroep"] == ("ja" if want.at[row["Organisatie"], "in_project_group"] else "nee")
    assert any(r["Afspraken"] in range(1, 5) for r in rows) and no_suppressed_cell(rows)
    names = indicator_names(notes)
    for code in ("sk_organisaties", "sk_projectgroep", "sk_afspraken_per_organisatie"):
        assert indicators.get(code).name in names
    by_csv = {r["Organisatie"]: r for r in csv_rows(table)}
    assert {n: int(r["Afspraken"]) for n, r in by_csv.items()} == want["n"].to_dict()


def test_project_group_and_facilities_export_their_text(demo_conn: duckdb.DuckDBPyConnection) -> None:
    orgs = sociale_kaart.organisations(demo_conn, "berkum")
    headers, rows, notes = xlsx(sociale_kaart.project_group_table(orgs), "De projectgroep")
    assert headers == ["Organisatie", "Sector", "Rollen"]
    members = sql(
        demo_conn, "SELECT name, sector FROM organisation WHERE kern_id = 'berkum' AND in_project_group"
    )
    assert sorted((r["Organisatie"], r["Sector"]) for r in rows) == sorted(
        zip(members["name"], members["sector"].map(vocab.SECTOR), strict=True)
    )
    assert indicators.get("sk_projectgroep").name in indicator_names(notes)

    headers, rows, _ = xlsx(
        sociale_kaart.facility_table(sociale_kaart.facilities(demo_conn, "berkum")), "Acc."
    )
    assert headers == ["Soort", "Naam", "Op de kaart"]
    facilities = sql(
        demo_conn,
        "SELECT name, lat IS NOT NULL AND lon IS NOT NULL AS located FROM facility WHERE kern_id = 'berkum'",
    )
    assert sorted((r["Naam"], r["Op de kaart"]) for r in rows) == sorted(
        (name, "ja" if located else "nee") for name, located in facilities.itertuples(index=False)
    )


def test_matrix_exports_one_count_column_per_sector(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = sociale_kaart.matrix_table(sociale_kaart.matrix(demo_conn))
    headers, rows, notes = xlsx(table, "Deelnemende organisaties per kern en sector")
    sectors = list(vocab.SECTOR.values())
    assert headers == ["Kern", "Type", "Ligt in gemeente", *sectors]
    want = sql(
        demo_conn,
        f"""SELECT k.name, o.sector, count(*) AS n FROM organisation o JOIN kern k USING (kern_id)
            WHERE {TAKES_PART} GROUP BY ALL""",
    )
    got = {(r["Kern"], sector): r[sector] for r in rows for sector in sectors}
    assert all(is_count(v) for v in got.values())
    assert {k: v for k, v in got.items() if v} == {
        (name, vocab.SECTOR[sector]): n for name, sector, n in want.itertuples(index=False)
    }
    assert sum(got.values()) == int(want["n"].sum())
    assert no_suppressed_cell(rows)
    assert indicators.get("sk_deelnemende_organisaties").name in indicator_names(notes)
    kernen = sql(
        demo_conn, "SELECT k.name, g.name AS gemeente FROM kern k JOIN gemeente g USING (gemeente_code)"
    )
    assert {r["Kern"]: r["Ligt in gemeente"] for r in rows} == dict(kernen.itertuples(index=False))


def test_an_empty_matrix_is_an_empty_table() -> None:
    assert sociale_kaart.matrix_table(pd.DataFrame()).empty
