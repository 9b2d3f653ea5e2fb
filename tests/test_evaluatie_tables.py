"""The tables of the page Evaluatie, exported: scores and counts of kernen as numbers (kernen are
not people: nothing is hidden as ``<5``), dates as dates, continuity as ja / nee with an empty
cell where it is not yet known, and numbers equal to independent SQL on the demo database.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from sv_analytics import evaluatie, indicators, vocab
from sv_analytics.tables import Table
from tests.exported import csv_rows, is_number, xlsx

MOMENT = dict(vocab.EVALUATION_MOMENT)
SUBGOAL = {int(k): v for k, v in vocab.SUBGOAL.items()}
SCORE = {int(k): v for k, v in vocab.SUBGOAL_SCORE.items()}
CONTINUES = "Doorgaan na 2018"


def sql(conn: duckdb.DuckDBPyConnection, query: str, *params: object) -> pd.DataFrame:
    return conn.execute(query, list(params)).df()


def exported(table: Table, title: str) -> tuple[list[str], list[dict[str, object]], set[object]]:
    """Headers, rows and the first cells of the Toelichting; checks what every table here shares:
    no screen-only column, no suppressed cell, every column indicator defined."""
    headers, rows, notes = xlsx(table, title)
    assert headers == [c.label for c in table.columns] and all(c.kind != "link" for c in table.columns)
    assert all(value != "<5" for row in rows for value in row.values())
    names = {row[0] for row in notes if row}
    assert "Kleine aantallen" not in names
    assert {indicators.get(code).name for code in table.indicator_codes} <= names
    return headers, rows, names


def continuity(value: object) -> str | None:
    return None if pd.isna(value) else ("ja" if value else "nee")


# ------------------------------------------------------------------------------ one kern
def test_subgoal_scores_export_as_numbers(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = evaluatie.subgoal_display(evaluatie.kern_subgoals(demo_conn, "markelo"))
    headers, rows, names = exported(table, "Subdoelen van Markelo")
    assert headers == ["Subdoel", "Moment", "Score (1–4)", "Oordeel"]  # no explanation given in the demo
    want = sql(demo_conn, "SELECT moment, subgoal, score FROM evaluation_subgoal WHERE kern_id = 'markelo'")
    assert len(rows) == len(want) == 6
    assert all(is_number(r["Score (1–4)"]) for r in rows)
    assert {(r["Moment"], r["Subdoel"]): (r["Score (1–4)"], r["Oordeel"]) for r in rows} == {
        (MOMENT[r.moment], SUBGOAL[r.subgoal]): (r.score, SCORE[r.score]) for r in want.itertuples()
    }
    assert indicators.get("evaluatie_subdoel_score").name in names
    assert {int(float(r["Score (1–4)"])) for r in csv_rows(table)} == set(want["score"])


def test_moments_export_dates_and_continuity(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = evaluatie.moments_display(evaluatie.kern_moments(demo_conn, "bathmen"))
    headers, rows, names = exported(table, "Organisatiestructuur Bathmen")
    assert headers == ["Moment", "Datum", "Organisatiestructuur", CONTINUES, "Samenvatting"]
    want = sql(
        demo_conn,
        "SELECT moment, held_on, structure, continues_after_subsidy AS c FROM evaluation WHERE kern_id = 'bathmen'",
    ).set_index("moment")
    for row in rows:
        moment = next(code for code, label in MOMENT.items() if label == row["Moment"])
        assert isinstance(row["Datum"], (date, datetime))
        assert pd.Timestamp(row["Datum"]).date() == pd.Timestamp(want.at[moment, "held_on"]).date()
        assert row["Organisatiestructuur"] == vocab.STRUCTURE[want.at[moment, "structure"]]
        assert row[CONTINUES] == continuity(want.at[moment, "c"])
    assert any(r[CONTINUES] is None for r in rows)  # 2017: not yet known — an empty cell, not a word
    shown = table.display()
    assert "nog onbekend" in set(shown[CONTINUES]) and set(shown["Datum"]) == {"28 nov 2017", "27 nov 2018"}
    assert {r["Datum"] for r in csv_rows(table)} == {"2017-11-28", "2018-11-27"}
    assert {indicators.get("evaluatie_structuur").name, indicators.get("aanpak_doorgaan").name} <= names


def test_factors_export_their_labels(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = evaluatie.factors_display(evaluatie.kern_factors(demo_conn, "boskamp"))
    headers, rows, _names = exported(table, "Factoren Boskamp")
    assert headers == ["Moment", "Soort", "Categorie", "Fase", "Factor", "Context", "Mechanisme", "Uitkomst"]
    want = sql(
        demo_conn,
        "SELECT kind, category, phase, description FROM evaluation_factor WHERE kern_id = 'boskamp'",
    )
    assert sorted((r["Soort"], r["Categorie"], r["Fase"], r["Factor"]) for r in rows) == sorted(
        (
            vocab.FACTOR_KIND[r.kind],
            vocab.FACTOR_CATEGORY[r.category],
            vocab.PHASE[str(r.phase)],
            r.description,
        )
        for r in want.itertuples()
    )


# ------------------------------------------------------------------------------ all kernen
def test_score_counts_export_as_whole_numbers_equal_to_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = evaluatie.score_counts(evaluatie.overview_cells(demo_conn, None))
    headers, rows, names = exported(table, "Scores")
    assert headers == ["Subdoel", "Moment", *SCORE.values(), "Kernen met score"]
    counts = sql(
        demo_conn, "SELECT subgoal, moment, score, count(*) AS n FROM evaluation_subgoal GROUP BY ALL"
    )
    assert len(rows) == 6
    for row in rows:
        subgoal = next(k for k, v in SUBGOAL.items() if v == row["Subdoel"])
        moment = next(k for k, v in MOMENT.items() if v == row["Moment"])
        part = counts[(counts["subgoal"] == subgoal) & (counts["moment"] == moment)]
        for score, label in SCORE.items():
            assert isinstance(row[label], int) and row[label] == part.loc[part["score"] == score, "n"].sum()
        assert row["Kernen met score"] == part["n"].sum() == 22
    assert indicators.get("evaluatie_kernen_per_score").name in names
    assert {r["Kernen met score"] for r in csv_rows(table)} == {"22"}


def test_continuity_counts_export_as_whole_numbers_equal_to_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = evaluatie.continuity_counts(evaluatie.latest_moments(demo_conn, None))
    headers, rows, names = exported(table, "Voortzetting")
    assert headers == ["Organisatiestructuur", "ja", "nee", "nog onbekend", "Totaal"]
    want = sql(
        demo_conn,
        "SELECT structure, continues_after_subsidy AS c, count(*) AS n FROM evaluation "
        "WHERE moment = 'eind_2018' GROUP BY ALL",
    )
    by_structure = {r["Organisatiestructuur"]: r for r in rows}
    for r in want.itertuples():
        column = "nog onbekend" if pd.isna(r.c) else ("ja" if r.c else "nee")
        assert by_structure[vocab.STRUCTURE[r.structure]][column] == r.n
    assert all(isinstance(r[h], int) for r in rows for h in headers[1:])
    assert by_structure["Totaal"]["Totaal"] == want["n"].sum() == 22
    assert by_structure["Totaal"]["ja"] == want.loc[want["c"].eq(True), "n"].sum()
    assert indicators.get("evaluatie_kernen_doorgaan").name in names


def test_latest_evaluation_per_kern_exports_continuity(demo_conn: duckdb.DuckDBPyConnection) -> None:
    table = evaluatie.latest_display(evaluatie.latest_moments(demo_conn, "GM0168"))  # Losser
    headers, rows, _names = exported(table, "Voortzetting per kern")
    assert headers == ["Kern", "Gemeente", "Moment", "Organisatiestructuur", CONTINUES, "Samenvatting"]
    want = sql(
        demo_conn,
        "SELECT k.name, e.continues_after_subsidy AS c FROM evaluation e JOIN kern k USING (kern_id) "
        "WHERE k.gemeente_code = 'GM0168' AND e.moment = 'eind_2018'",
    )
    assert {r["Kern"]: r[CONTINUES] for r in rows} == {r.name: continuity(r.c) for r in want.itertuples()}
    assert {r["Gemeente"] for r in rows} == {"Losser"}
