"""Past is past: a target of a year that is over is "gehaald" or "niet gehaald" (issue 13).

Only a year that still runs (or is to come) may be "nog niet gehaald"; which year is over
follows the programme calendar's month ends and the date of today, injected here.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sv_analytics import mijn_kern
from tests.conftest import open_app_page, table_with


@pytest.mark.parametrize(
    ("year", "today", "over"),
    [
        (2017, date(2017, 12, 31), False),  # the last day still belongs to the year
        (2017, date(2018, 1, 1), True),
        (2018, date(2018, 6, 15), False),
        (2018, date(2026, 12, 1), True),
        (2019, date(2018, 12, 31), False),  # a year to come
    ],
)
def test_year_is_over(year: int, today: date, over: bool) -> None:
    assert mijn_kern.year_is_over(year, today) is over


def test_target_status_of_past_current_and_unknown_years() -> None:
    assert mijn_kern.target_status(True, 120.0, 2017, date(2017, 6, 1)) == mijn_kern.REACHED
    assert mijn_kern.target_status(False, 40.0, 2017, date(2018, 2, 1)) == mijn_kern.MISSED
    assert mijn_kern.target_status(False, 40.0, 2018, date(2018, 2, 1)) == mijn_kern.NOT_YET
    assert mijn_kern.target_status(False, None, 2017, date(2026, 1, 1)) == mijn_kern.UNKNOWN


def test_targets_judge_each_year_by_the_date_given(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """On 1 July 2018 a missed 2017 target is missed and a 2018 one not yet reached; today both
    years are over. Reached: realisation ≥ target (the realisation is checked against SQL in
    tests/test_mijn_kern.py)."""
    mid_2018 = mijn_kern.targets(demo_conn, "bathmen", today=date(2018, 7, 1))
    now = mijn_kern.targets(demo_conn, "bathmen")
    assert len(mid_2018) == len(now) > 0
    for early, late in zip(mid_2018.itertuples(), now.itertuples(), strict=True):
        reached = pd.notna(early.realised) and early.realised >= early.target
        if reached:
            assert early.status == late.status == mijn_kern.REACHED
        elif early.year == 2017:
            assert early.status == late.status == mijn_kern.MISSED
        else:
            assert (early.status, late.status) == (mijn_kern.NOT_YET, mijn_kern.MISSED)
    assert {mijn_kern.MISSED, mijn_kern.NOT_YET} <= set(mid_2018["status"])  # both occur in the demo


def test_page_says_missed_not_not_yet_for_finished_years(app_env: Path) -> None:
    at = open_app_page("app_pages/mijn_kern.py", kern="bathmen")
    table = table_with(at, "Beoordeling")
    assert set(table["Beoordeling"]) <= {"gehaald", "niet gehaald", "onbekend (niet aangeleverd)"}
    assert "niet gehaald" in set(table["Beoordeling"])
    # the targets chart has no title (conftest.vega_charts keys by title): found by its axis
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    spec = next(spec for spec in specs if "% van het doel" in json.dumps(spec))
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert "Niet gehaald" in domain and "Nog niet gehaald" not in domain
