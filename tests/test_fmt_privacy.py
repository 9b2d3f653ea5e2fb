"""Dutch formatting and small-count suppression."""

from __future__ import annotations

from datetime import date

import pandas as pd

from sv_analytics import fmt, privacy


def test_dutch_numbers() -> None:
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.number(1234567) == "1.234.567"
    assert fmt.number(0.25, 2) == "0,25"
    assert fmt.number(None) == "–"
    assert fmt.number(float("nan")) == "–"
    assert fmt.percent(41.26) == "41,3%"
    assert fmt.percent(None) == "–"


def test_one_minus_sign_as_the_charts_print_it() -> None:
    """Issue 14: negatives with U+2212 (the minus Vega's d3-format prints on the axes), no
    negative zero, and a signed change with "+"; tables export typed numbers regardless."""
    assert fmt.MINUS == "\u2212"
    assert fmt.number(-27.6, 1) == "\u221227,6"
    assert fmt.number(-1234567) == "\u22121.234.567"
    assert fmt.number(-0.04, 1) == "0,0"
    assert fmt.percent(-2.54) == "\u22122,5%"
    assert [fmt.signed(v, 1) for v in (8, -8, 0, -0.01, None)] == ["+8,0", "\u22128,0", "0,0", "0,0", "–"]
    assert fmt.signed_percent(12, 0) == "+12%" and fmt.signed_percent(-3.26) == "\u22123,3%"
    assert "-" not in fmt.number(-5) and "-" not in fmt.signed(-5)


def test_exports_keep_negative_numbers_typed() -> None:
    """The screen shows "−8,0"; CSV writes -8,0 (ASCII, a number to Excel) and XLSX a float."""
    from sv_analytics import exports, tables

    table = tables.table(
        pd.DataFrame({"change": [-8.0, 2.5]}),
        [tables.Column("change", "Verschil", kind="number", decimals=1)],
    )
    assert table.display()["Verschil"].tolist() == ["\u22128,0", "2,5"]
    assert exports.to_csv_bytes(table).decode("utf-8-sig").splitlines()[1:] == ["-8,0", "2,5"]
    assert [tables.export_value(v, table.columns[0]) for v in (-8.0, 2.5)] == [-8.0, 2.5]


def test_dutch_dates() -> None:
    assert fmt.day(date(2018, 3, 12)) == "12 mrt 2018"
    assert fmt.month(date(2017, 5, 1)) == "mei 2017"
    assert fmt.period(date(2017, 1, 1), date(2018, 12, 1)) == "jan 2017 – dec 2018"


def test_small_counts_are_suppressed_zero_shown_and_the_rest_rounded_to_five() -> None:
    """Issue 12: a protected view rounds every count to a multiple of 5 (rules: tests/test_privacy.py);
    an exact screen shows the counts as they are, 1–4 included."""
    counts = pd.Series([0, 1, 4, 5, 7, 8, 1234])
    assert counts.map(privacy.count_text).tolist() == ["0", "<5", "<5", "5", "5", "10", "1.235"]
    exact = counts.map(lambda n: privacy.count_text(n, protected=False))
    assert exact.tolist() == ["0", "1", "4", "5", "7", "8", "1.234"]
    assert fmt.number(1234) == "1.234"
