"""The table of the page Kennisplein, exported: the publication date as a date, the search score
as a whole number (only with a query), texts as texts, no ``<5`` (items are texts, not people),
and dates and scores equal to independent SQL and to the ranking rules.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from sv_analytics import indicators, kennisplein
from tests.exported import csv_rows, xlsx

HEADERS = ["Titel", "Soort", "Kern", "Gemeente", "Thema", "Fase", "Doelgroepen", "Gepubliceerd", "Tekst"]


@pytest.mark.parametrize("query", [None, "huisarts"])
def test_items_export_dates_and_a_score_only_with_a_query(
    demo_conn: duckdb.DuckDBPyConnection, query: str | None
) -> None:
    table = kennisplein.table(kennisplein.items(demo_conn, query=query), query)
    headers, rows, notes = xlsx(table, "Kennisplein")
    expected = [*HEADERS[:-1], "Zoekscore", HEADERS[-1]] if query else HEADERS
    assert headers == expected and all(c.kind != "link" for c in table.columns)
    where = "title ILIKE '%huisarts%' OR body ILIKE '%huisarts%'" if query else "TRUE"
    want = demo_conn.execute(f"SELECT title, published_on FROM kennisplein_item WHERE {where}").df()
    assert len(rows) == len(want) > 0
    published = dict(zip(want["title"], want["published_on"], strict=True))
    for row in rows:
        assert isinstance(row["Gepubliceerd"], (date, datetime))
        assert pd.Timestamp(row["Gepubliceerd"]).date() == pd.Timestamp(published[row["Titel"]]).date()
    assert all(value != "<5" for row in rows for value in row.values())
    names = {row[0] for row in notes if row}
    assert indicators.get("kennisplein_items").name in names
    assert (indicators.get("kennisplein_zoekscore").name in names) == bool(query)
    by_csv = csv_rows(table)
    assert all(len(r["Gepubliceerd"]) == 10 and r["Gepubliceerd"][4] == "-" for r in by_csv)  # ISO dates
    if query:
        assert all(isinstance(r["Zoekscore"], int) and r["Zoekscore"] > 0 for r in rows)
        for row in rows:  # the score by the documented rules: title 3, body 1, +1 when it starts a word
            title, body = row["Titel"].lower(), row["Tekst"].lower()
            in_title, in_body = "huisarts" in title, "huisarts" in body
            starts = any(w.startswith("huisarts") for w in f"{title} {body}".replace(",", " ").split())
            assert row["Zoekscore"] == 3 * in_title + in_body + starts, row["Titel"]
        assert [r["Zoekscore"] for r in rows] == sorted((r["Zoekscore"] for r in rows), reverse=True)
        assert [int(r["Zoekscore"]) for r in by_csv] == [r["Zoekscore"] for r in rows]
