"""The protection rules of sv_analytics.privacy, against an oracle written here.

The oracle (:func:`rounded`, :func:`oracle_text`) is the decision of issue 12 written a second
way, with ``decimal`` and ROUND_HALF_UP: 0 stays 0, 1–4 is suppressed, 5 and more go to the
nearest multiple of 5 with halves up. Other tests import it to compute the protected value a
page must show from an independently computed exact value.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from sv_analytics import exports, fmt, indicators, privacy, tables
from sv_analytics.tables import Column


def rounded(n: float) -> int | None:
    """The protected count (None: shown as <5), computed independently of privacy.py."""
    if n == 0:
        return 0
    if 0 < n < 5:
        return None
    return int((Decimal(str(n)) / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 5)


def oracle_text(n: float) -> str:
    """The protected count as the screen shows it (Dutch thousands dot), or ``<5``."""
    shown = rounded(n)
    return "<5" if shown is None else f"{shown:,}".replace(",", ".")


def oracle_derived(value: float, base: float) -> float | None:
    """A figure proportional to ``base`` as a protected view shows it (None: <5)."""
    shown = rounded(base)
    if shown is None:
        return None
    return value if base == 0 else value * shown / base


def oracle_ratio(value: float, numerator: float, denominator: float) -> float | None:
    """A ratio of two protected counts as a protected view shows it (None: <5): both rounded."""
    top, bottom = rounded(numerator), rounded(denominator)
    if top is None or bottom is None:
        return None
    scaled = value if numerator == 0 else value * top / numerator
    return scaled * denominator / bottom if bottom else float("nan")


@pytest.mark.parametrize("n", [*range(0, 60), 62.5, 97.5, 1234, 1235, 1237.5, 99_295])
def test_protect_count_agrees_with_the_oracle(n: float) -> None:
    assert privacy.protect_count(n) == rounded(n)


def test_the_rule_in_examples() -> None:
    assert [privacy.protect_count(n) for n in (0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 17, 18, 22, 23)] == [
        0, None, None, None, None, 5, 5, 5, 10, 10, 15, 15, 20, 20, 25,
    ]  # fmt: skip
    assert privacy.protect_count(0.4) is None  # an estimate below 5 is small too
    with pytest.raises(ValueError):
        privacy.protect_count(float("nan"))


def test_every_difference_of_protected_counts_is_a_multiple_of_5() -> None:
    """The reason for the rule: no arithmetic on shown counts gives a value from 1 to 4."""
    shown = [v for n in range(0, 200) if (v := privacy.protect_count(n)) is not None]
    assert {(a - b) % 5 for a in shown for b in shown} == {0}


def test_texts_protected_and_exact() -> None:
    assert privacy.count_text(4) == "<5"
    assert privacy.count_text(4, protected=False) == "4"
    assert privacy.count_text(1237) == "1.235"
    assert privacy.count_text(0) == "0"
    assert privacy.count_text(None) == "–"
    assert privacy.derived_text(1.126761, 4, formatter=lambda v: fmt.number(v, 1)) == "<5"
    assert privacy.derived_text(18 / 24, 18, formatter=lambda v: fmt.number(v, 2)) == fmt.number(20 / 24, 2)


def test_derived_figures_follow_the_rounded_count() -> None:
    assert privacy.protect_derived(18 / 24, 18) == pytest.approx(20 / 24)
    assert privacy.protect_derived(1000 * 7 / 1775, 7) == pytest.approx(1000 * 5 / 1775)
    assert privacy.protect_derived(0.0, 0) == 0.0
    assert privacy.protect_derived(0.5, 3) is None
    assert math.isnan(privacy.protect_derived(float("nan"), 12))
    # a ratio of two protected counts: 100 × 12 / 18 → 100 × 10 / 20
    assert privacy.protect_derived(100 * 12 / 18, 12, 18) == pytest.approx(50.0)
    assert privacy.protect_derived(100 * 2 / 3, 2, 3) is None
    assert privacy.protect_derived(100 * 12 / 3, 12, 3) is None


def test_protect_frame_rounds_counts_and_derives_from_the_exact_bases() -> None:
    frame = pd.DataFrame({"n": [0, 3, 18, None], "per_1000": [0.0, 3.0, 18.0, None]})
    out = privacy.protect_frame(frame, counts=["n"], derived={"per_1000": "n"})
    assert out["n"].tolist()[:3] == [0.0, pytest.approx(float("nan"), nan_ok=True), 20.0]
    assert math.isnan(out["n"].iloc[1]) and math.isnan(out["n"].iloc[3])
    assert out["per_1000"].iloc[2] == pytest.approx(20.0)
    assert privacy.small_mask(frame["n"]).tolist() == [False, True, False, False]
    assert frame["n"].iloc[2] == 18  # the exact frame is untouched


def _table() -> tables.Table:
    frame = pd.DataFrame({"name": ["a", "b", "c"], "n": [3, 18, 0], "rate": [3 / 24, 18 / 24, 0.0]})
    return tables.table(
        frame,
        [
            Column("name", "Naam"),
            Column("n", "Aantal", kind="count", indicator="doorverwijzingen", suppress=True),
            Column("rate", "Per maand", kind="number", decimals=2, suppress_by="n"),
        ],
    )


def test_a_table_is_protected_on_a_protected_screen_and_exact_on_an_exact_one() -> None:
    table = _table()
    protected = table.display(protected=True)
    assert protected["Aantal"].tolist() == ["<5", "20", "0"]
    assert protected["Per maand"].tolist() == ["<5", fmt.number(20 / 24, 2), "0,00"]
    exact = table.display(protected=False)
    assert exact["Aantal"].tolist() == ["3", "18", "0"]
    assert exact["Per maand"].tolist() == [fmt.number(3 / 24, 2), fmt.number(18 / 24, 2), "0,00"]


def test_exports_are_protected_whatever_the_screen() -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    table = _table()
    assert table.export()["Aantal"].tolist() == ["<5", 20, 0]
    book = load_workbook(BytesIO(exports.to_xlsx_bytes(table, exports.ExportContext("t"))))
    rows = list(book[exports.DATA_SHEET].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["<5", 20, 0]
    assert rows[2][2] == pytest.approx(20 / 24)
    notes = [r[0] for r in book[exports.NOTES_SHEET].iter_rows(values_only=True)]
    assert indicators.get(indicators.PRIVACY_METHOD).name in notes
    csv = exports.to_csv_bytes(table).decode("utf-8-sig").splitlines()
    assert csv[1].split(";")[1] == "<5" and csv[2].split(";")[1] == "20"


def test_every_export_names_the_protection_method_even_without_counts() -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    table = tables.table(pd.DataFrame({"a": ["x"]}), [Column("a", "A")])
    book = load_workbook(BytesIO(exports.to_xlsx_bytes(table, exports.ExportContext("t"))))
    notes = [r[0] for r in book[exports.NOTES_SHEET].iter_rows(values_only=True)]
    assert indicators.get(indicators.PRIVACY_METHOD).name in notes


def test_suppressed_marks_sit_on_the_plots_own_baseline() -> None:
    """The ``<5`` bar is placed from the plot's ``height`` signal: at a fixed pixel height it lay
    outside the plot Streamlit draws at container width, and autosize then squashed the chart
    to a strip with the marks out of sight (seen in chromium)."""
    import altair as alt

    from sv_analytics import charts

    rows = pd.DataFrame(
        {"month": ["2018-01-01", "2018-02-01"], "value_txt": ["<5", "10"], "suppressed": [True, False]}
    )
    marks = charts.suppressed_marks(rows, x=alt.X("month:T"))
    bar, label = (layer.to_dict()["encoding"] for layer in marks.layer)
    assert bar["y"] == {"value": {"expr": f"height - {charts.SUPPRESSED_PX}"}}
    assert bar["y2"] == {"value": {"expr": "height"}} and label["y"] == bar["y"]
    assert len(marks.data) == 1  # only the suppressed month gets a mark
