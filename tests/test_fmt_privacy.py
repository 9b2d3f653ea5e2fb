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
