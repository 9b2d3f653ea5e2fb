"""Typed tables (sv_analytics/tables.py) and their exports (sv_analytics/exports.py).

Expected screen texts are written out here, not produced by ``fmt``: the point is that the
screen shows exactly what the pages showed before tables became typed. Protected values (issue
12: counts rounded to 5, shares from the rounded count) come from the independent oracle of
``tests/test_privacy.py``.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from sv_analytics import exports, indicators, overzicht, tables, timeline
from sv_analytics.tables import Column
from tests.conftest import dutch
from tests.test_privacy import oracle_derived, rounded


def sample() -> tables.Table:
    frame = pd.DataFrame(
        {
            "name": ["Aadorp", "Bathmen", "Colmschate"],
            "link": ["kernprofiel?kern=aadorp", "kernprofiel?kern=bathmen", None],
            "inhabitants": [1550, 650, None],
            "participants": [12, 3, 0],
            "share": [16.25, 41.0, None],
            "rate": [1234.56, 2.5, 0.0],
            "since": [date(2017, 1, 17), pd.Timestamp("2018-03-01"), None],
            "month": [date(2018, 3, 1), date(2018, 4, 1), date(2019, 12, 1)],
            "active": [True, False, True],
        }
    )
    columns = [
        Column("name", "Kern"),
        Column("link", "Profiel", kind="link", link_text="open"),
        Column("inhabitants", "Inwoners", kind="count", indicator="inwoners_kern", missing="onbekend"),
        Column("participants", "Deelnemers", kind="count", indicator="deelnemers", suppress=True),
        Column("share", "Aandeel", kind="percent", decimals=1, suppress_by="participants"),
        Column("rate", "Per 1.000", kind="number", decimals=1),
        Column("since", "Sinds", kind="date"),
        Column("month", "Maand", kind="month"),
        Column("active", "Actief", kind="bool"),
    ]
    return tables.table(frame, columns, ["Inwoners: CBS 2017"])


#: Aadorp's 12 participants and the share derived from them, as a protected view shows them.
SHOWN_12 = rounded(12)
SHOWN_SHARE = oracle_derived(16.25, 12)


def test_display_is_dutch_text_with_small_counts_hidden() -> None:
    shown = sample().display()
    assert list(shown.columns) == ["Kern", "Profiel", "Inwoners", "Deelnemers", "Aandeel", "Per 1.000", "Sinds",
                                   "Maand", "Actief"]  # fmt: skip
    # protected (the default): the count rounded to 5, the share from the rounded count
    assert shown.iloc[0].tolist() == ["Aadorp", "kernprofiel?kern=aadorp", "1.550", dutch(SHOWN_12),
                                      dutch(SHOWN_SHARE, 1) + "%", "1.234,6", "17 jan 2017", "mrt 2018",
                                      "ja"]  # fmt: skip
    # 3 participants: the count and the share derived from it are hidden
    assert shown.iloc[1][["Deelnemers", "Aandeel"]].tolist() == ["<5", "<5"]
    # zero stays visible ("nobody" reveals no one); missing values show the column's word or a dash
    assert shown.iloc[2][["Inwoners", "Deelnemers", "Aandeel", "Sinds", "Profiel"]].tolist() == [
        "onbekend", "0", "–", "–", ""
    ]  # fmt: skip


def test_an_exact_screen_shows_the_counts_as_they_are() -> None:
    """A viewer with exact counts: no rounding, no <5 (only on screen: the export stays protected)."""
    shown = sample().display(protected=False)
    assert shown.iloc[0][["Deelnemers", "Aandeel"]].tolist() == ["12", "16,2%"]
    assert shown.iloc[1][["Deelnemers", "Aandeel"]].tolist() == ["3", "41,0%"]
    assert sample().export().iloc[1]["Deelnemers"] == "<5"


def test_export_is_typed_without_screen_only_columns() -> None:
    exported = sample().export()
    assert "Profiel" not in exported.columns
    first = exported.iloc[0]
    assert first["Inwoners"] == 1550 and isinstance(first["Inwoners"], int)
    assert first["Deelnemers"] == SHOWN_12 and isinstance(first["Deelnemers"], int)
    assert first["Aandeel"] == pytest.approx(SHOWN_SHARE) and isinstance(first["Aandeel"], float)
    assert first["Sinds"] == date(2017, 1, 17) and first["Maand"] == date(2018, 3, 1)
    assert first["Actief"] is True
    assert exported.iloc[1]["Deelnemers"] == "<5" and exported.iloc[1]["Aandeel"] == "<5"
    assert exported.iloc[1]["Sinds"] == date(2018, 3, 1)
    assert exported.iloc[2]["Inwoners"] is None and exported.iloc[2]["Deelnemers"] == 0


def test_a_spec_naming_a_missing_column_is_refused() -> None:
    with pytest.raises(ValueError, match="ontbreken"):
        tables.table(pd.DataFrame({"a": [1]}), [Column("b", "B")])
    with pytest.raises(ValueError, match="onbekende kolom"):
        tables.table(pd.DataFrame({"a": [1]}), [Column("a", "A", suppress_by="n")])


def xlsx(table: tables.Table, **context: object) -> openpyxl.Workbook:
    data = exports.to_xlsx_bytes(table, exports.ExportContext(title="Kernen", **context))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_has_real_numbers_and_dates_and_the_context() -> None:
    book = xlsx(
        sample(),
        choices=[("Gemeente", "Deventer"), ("Periode", "jan 2017 – dec 2018")],
        demo=True,
        data_version=7,
        exported_at=datetime(2026, 12, 1, 14, 30),
    )
    sheet = book[exports.DATA_SHEET]
    header = [c.value for c in sheet[1]]
    assert header == ["Kern", "Inwoners", "Deelnemers", "Aandeel", "Per 1.000", "Sinds", "Maand", "Actief"]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["Inwoners"].value == 1550 and row["Inwoners"].number_format == "#,##0"
    assert row["Aandeel"].value == pytest.approx(SHOWN_SHARE / 100) and row["Aandeel"].number_format == "0.0%"
    assert row["Deelnemers"].value == SHOWN_12
    assert row["Per 1.000"].value == pytest.approx(1234.56) and row["Per 1.000"].number_format == "#,##0.0"
    assert row["Sinds"].is_date and row["Sinds"].value.date() == date(2017, 1, 17)
    assert row["Sinds"].number_format == "d mmm yyyy" and row["Maand"].number_format == "mmm yyyy"
    assert row["Actief"].value == "ja"
    second = {h: c.value for h, c in zip(header, sheet[3], strict=True)}
    assert second["Deelnemers"] == "<5" and second["Aandeel"] == "<5"
    assert sheet.cell(4, 2).value is None  # unknown inhabitants: an empty cell, not "onbekend"
    notes = [
        [c for c in row if c is not None] for row in book[exports.NOTES_SHEET].iter_rows(values_only=True)
    ]
    assert notes[0] == ["Kernen"] and notes[1] == [exports.DEMO_NOTE]
    assert ["Gemeente", "Deventer"] in notes and ["Periode", "jan 2017 – dec 2018"] in notes
    assert ["Gegevensversie", 7] in notes and ["Geëxporteerd", "1 dec 2026 14:30"] in notes
    assert ["Let op", "Inwoners: CBS 2017"] in notes
    assert any(r and r[0] == "Kleine aantallen" for r in notes)
    defined = {r[0] for r in notes if r}
    assert indicators.get("deelnemers").name in defined and indicators.get("inwoners_kern").name in defined
    assert indicators.get(indicators.PRIVACY_METHOD).name in defined  # the rule itself, in every export


def test_csv_for_a_dutch_excel() -> None:
    data = exports.to_csv_bytes(sample())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Kern",
        "Inwoners",
        "Deelnemers",
        "Aandeel (%)",
        "Per 1.000",
        "Sinds",
        "Maand",
        "Actief",
    ]
    share = f"{SHOWN_SHARE:.1f}".replace(".", ",")
    assert rows[1] == ["Aadorp", "1550", str(SHOWN_12), share, "1234,6", "2017-01-17", "2018-03-01", "ja"]
    assert rows[2][2:4] == ["<5", "<5"]
    assert rows[3][1] == "" and rows[3][2] == "0"


def test_overzicht_kern_table_exports_counts_that_match_sql(demo_conn) -> None:
    period = timeline.PROJECT
    table = overzicht.kern_table(overzicht.kern_overview(demo_conn, period))
    sheet = xlsx(table)[exports.DATA_SHEET]
    header = [c.value for c in sheet[1]]
    assert "Profiel" not in " ".join(header) and header[0] == "Kern"
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    expected = demo_conn.execute(
        """SELECT k.name, count(DISTINCT a.activity_id) AS n FROM kern k
           LEFT JOIN activity a ON a.kern_id = k.kern_id
                AND a.activity_id IN (SELECT activity_id FROM participation WHERE month BETWEEN ? AND ?)
           GROUP BY k.name""",
        [period.start, period.end],
    ).fetchall()
    activities = table.column("activities").label
    assert len(rows) == len(expected) == 22
    for name, n in expected:
        shown = rows[name][activities]
        assert shown == ("<5" if rounded(n) is None else rounded(n)), name
        assert isinstance(shown, (int, str))
    inhabitants = table.column("inhabitants").label
    assert all(isinstance(r[inhabitants], int) for r in rows.values())
