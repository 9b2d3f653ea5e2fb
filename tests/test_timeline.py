"""The programme calendar (sv_analytics/timeline.py): the one place that spells the programme's dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sv_analytics import timeline
from sv_analytics.timeline import Period

PROJECT = Path(__file__).resolve().parents[1]


def test_stages_follow_the_projectplan() -> None:
    assert (timeline.BASELINE.start, timeline.BASELINE.end) == (date(2016, 1, 1), date(2016, 12, 1))
    assert (timeline.PROJECT.start, timeline.PROJECT.end) == (date(2017, 1, 1), date(2018, 12, 1))
    assert (timeline.FOLLOW_UP.start, timeline.FOLLOW_UP.end) == (date(2019, 1, 1), date(2019, 12, 1))
    assert len(timeline.MONITORING.months) == 48
    assert timeline.MONITORING.months[0] == date(2016, 1, 1) and timeline.MONITORING.months[-1] == date(
        2019, 12, 1
    )
    assert date(2016, 1, 1) == timeline.FIRST_DAY and date(2019, 12, 31) == timeline.LAST_DAY
    assert [label for label, *_ in timeline.STAGES] == ["2016", "2017–2018", "2019"]
    for (_, first, last), stage in zip(timeline.STAGES, (timeline.BASELINE, timeline.PROJECT, timeline.FOLLOW_UP),
                                       strict=True):  # fmt: skip
        assert stage.years == tuple(range(first, last + 1))
    assert date(2018, 12, 31) == timeline.DEFAULT_PEILDATUM


def test_period_checks_its_months() -> None:
    with pytest.raises(ValueError, match="eerste dag"):
        Period(date(2017, 1, 2), date(2017, 3, 1))
    with pytest.raises(ValueError, match="vóór het begin"):
        Period(date(2018, 1, 1), date(2017, 1, 1))
    period = Period(date(2017, 11, 1), date(2018, 2, 1))
    assert period.months == (date(2017, 11, 1), date(2017, 12, 1), date(2018, 1, 1), date(2018, 2, 1))
    assert period.last_day == date(2018, 2, 28)
    assert date(2018, 2, 28) in period and date(2018, 3, 1) not in period and date(2017, 10, 31) not in period
    assert hash(period) == hash(Period(date(2017, 11, 1), date(2018, 2, 1)))  # usable as a cache key


def test_month_helpers() -> None:
    assert timeline.month_end(date(2016, 2, 10)) == date(2016, 2, 29)  # leap year
    assert timeline.month_end(date(2017, 12, 1)) == date(2017, 12, 31)
    assert timeline.month_start(date(2017, 12, 31)) == date(2017, 12, 1)
    assert timeline.months_between(date(2018, 12, 15), date(2019, 1, 1)) == (
        date(2018, 12, 1),
        date(2019, 1, 1),
    )
    assert timeline.months_between(date(2019, 1, 1), date(2018, 1, 1)) == ()
    options = timeline.peildatum_options()
    assert options[0] == date(2016, 1, 31) and options[-1] == date(2018, 12, 31) and len(options) == 36


@pytest.mark.parametrize(
    "value",
    [date(2017, 3, 4), datetime(2017, 3, 4, 13, 5), pd.Timestamp("2017-03-04"), np.datetime64("2017-03-04")],
)
def test_as_date_accepts_what_duckdb_and_pandas_hand_back(value: object) -> None:
    assert timeline.as_date(value) == date(2017, 3, 4)


@pytest.mark.parametrize("value", [None, pd.NaT, float("nan"), np.datetime64("NaT")])
def test_as_date_of_a_missing_value_is_none(value: object) -> None:
    assert timeline.as_date(value) is None


PROGRAMME_DATE = re.compile(r"date\((2016|2017|2018|2019), \d+, \d+\)")
#: Where a literal date of 2016–2019 may stand outside timeline.py: example rows of the
#: workbook template and the demo generator's planted data are data, not the calendar.
DATA_MODULES = ("sv_analytics/ingest/template.py", "sv_analytics/demo/")


def test_no_other_production_module_spells_the_programme_dates() -> None:
    offenders = []
    for path in sorted((PROJECT / "sv_analytics").rglob("*.py")):
        relative = path.relative_to(PROJECT).as_posix()
        if relative == "sv_analytics/timeline.py" or relative.startswith(DATA_MODULES):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if PROGRAMME_DATE.search(code) and '"""' not in line and "``" not in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    for path in sorted((PROJECT / "app_pages").glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if PROGRAMME_DATE.search(line.split("#", 1)[0]):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_no_production_module_imports_the_demo_generator() -> None:
    pattern = re.compile(
        r"^\s*(from sv_analytics import [^\n]*\bdemo\b|from sv_analytics\.demo\b|import sv_analytics\.demo)"
    )
    offenders = []
    for path in [*sorted((PROJECT / "sv_analytics").rglob("*.py")), *sorted((PROJECT / "app_pages").glob("*.py")),
                 PROJECT / "app.py"]:  # fmt: skip
        relative = path.relative_to(PROJECT).as_posix()
        if relative == "sv_analytics/cli.py" or relative.startswith("sv_analytics/demo"):
            continue
        if any(pattern.match(line) for line in path.read_text(encoding="utf-8").splitlines()):
            offenders.append(relative)
    assert offenders == []
