"""One reach: Overzicht and Deelname show the same 'Deelnemers' for every kern and period.

Registry ``deelnemers`` (reach) is implemented once, in the query ``deelname_participation``;
``overzicht.kern_overview`` (page Overzicht) and ``deelname.figures`` / ``deelname.reach_per_kern``
(page Deelname: headline and the table per kern) both add up its parts. The oracle here is SQL
written independently (the first month of each activity found with ``min`` rather than
``row_number``).
"""

from __future__ import annotations

import inspect
import re
from datetime import date

import duckdb
import pandas as pd
import pytest

from sv_analytics import deelname, overzicht, timeline
from sv_analytics.timeline import Period
from tests.conftest import PROJECT, dutch
from tests.test_privacy import oracle_text

PERIODS = {
    "project": timeline.PROJECT,
    "monitoring": timeline.MONITORING,
    "one month": Period(date(2018, 3, 1), date(2018, 3, 1)),
    "2016": timeline.BASELINE,
    "2019": timeline.FOLLOW_UP,
    "across years": Period(date(2016, 11, 1), date(2017, 2, 1)),
}
DOELGROEPEN = (None, "senioren", "statushouders")

ORACLE = """
    WITH rows AS (
        SELECT a.kern_id, p.activity_id, p.month, p.participants, p.new_participants,
               min(p.month) OVER (PARTITION BY p.activity_id, {window}) AS first_month
        FROM participation p JOIN activity a USING (activity_id)
        WHERE p.month >= $start AND p.month <= $end
          AND ($doelgroep IS NULL OR p.activity_id IN (
                SELECT activity_id FROM activity_target_group WHERE doelgroep = $doelgroep)))
    SELECT k.kern_id,
           coalesce(sum(CASE WHEN r.month = r.first_month THEN r.participants ELSE r.new_participants END), 0)
               AS people
    FROM kern k LEFT JOIN rows r ON r.kern_id = k.kern_id
    GROUP BY k.kern_id
"""


def oracle(
    conn: duckdb.DuckDBPyConnection, period: Period, doelgroep: str | None = None, window: str = "1"
) -> dict[str, int]:
    """Reach per kern over the period (``window``: an extra partition, e.g. the quarter)."""
    frame = conn.execute(
        ORACLE.format(window=window), {"start": period.start, "end": period.end, "doelgroep": doelgroep}
    ).df()
    return dict(zip(frame["kern_id"], frame["people"].astype(int), strict=True))


@pytest.mark.parametrize("doelgroep", DOELGROEPEN)
@pytest.mark.parametrize("name", list(PERIODS))
def test_overzicht_and_the_deelname_headline_agree_for_every_kern(demo_conn, name: str, doelgroep) -> None:
    period = PERIODS[name]
    expected = oracle(demo_conn, period, doelgroep)
    overview = overzicht.kern_overview(demo_conn, period, doelgroep=doelgroep).set_index("kern_id")
    assert len(overview) == len(expected) == 22
    assert sum(expected.values()) > 0 or doelgroep is not None  # no statushouders activity in 2016
    for kern, people in expected.items():
        assert overview.loc[kern, "participants"] == people, kern
        figures = deelname.figures(demo_conn, period.start, period.end, doelgroep=doelgroep, kern=kern)
        assert figures["deelnemers"] == people, kern
        exact = deelname.headline(
            demo_conn, period.start, period.end, doelgroep=doelgroep, kern=kern, protected=False
        )
        assert dict(exact)["deelnemers"] == dutch(people), kern  # an exact screen (issue 12: else rounded)
        shown = dict(deelname.headline(demo_conn, period.start, period.end, doelgroep=doelgroep, kern=kern))
        assert shown["deelnemers"] == oracle_text(people), kern
    everything = deelname.figures(demo_conn, period.start, period.end, doelgroep=doelgroep)
    assert everything["deelnemers"] == overzicht.headline(overview.reset_index())["deelnemers"]


@pytest.mark.parametrize(
    ("name", "doelgroep"),
    [(name, None) for name in PERIODS] + [("project", "senioren"), ("across years", "senioren")],
)
def test_overzicht_and_the_deelname_table_per_kern_agree(demo_conn, name: str, doelgroep) -> None:
    """The table 'Bereik per 1.000 inwoners per kern' shows Overzicht's figure (1–4 as <5)."""
    period = PERIODS[name]
    expected = oracle(demo_conn, period, doelgroep)
    overview = overzicht.kern_overview(demo_conn, period, doelgroep=doelgroep).set_index("kern_id")
    per_kern = deelname.reach_per_kern(
        demo_conn, period.start, period.end, doelgroep=doelgroep, dimension="geslacht"
    )
    shown = deelname.reach_table(per_kern, "geslacht").display()
    shown.index = per_kern["kern_id"]
    for kern, people in expected.items():
        assert (
            per_kern.set_index("kern_id").loc[kern, "reach"] == overview.loc[kern, "participants"] == people
        )
        assert shown.loc[kern, "Deelnemers"] == oracle_text(people), kern  # protected (issue 12)
        assert per_kern.set_index("kern_id").loc[kern, "per_1000"] == pytest.approx(
            overview.loc[kern, "participants_per_1000"]
        )


def test_a_gemeente_filter_gives_the_same_total_on_both_pages(demo_conn) -> None:
    period = timeline.PROJECT
    for gemeente in ("GM0150", "GM0147"):
        overview = overzicht.kern_overview(demo_conn, period, gemeente=gemeente)
        figures = deelname.figures(demo_conn, period.start, period.end, gemeente=gemeente)
        assert len(overview) == 2
        assert figures["deelnemers"] == overview["participants"].sum() > 0


def test_reach_per_quarter_and_per_year_equal_overzicht_over_that_quarter_or_year(demo_conn) -> None:
    """Deelname's quarterly line and its baseline years count reach over the quarter / year,
    which is Overzicht's figure for a period of exactly that quarter / year."""
    period = Period(date(2017, 2, 1), date(2018, 7, 1))  # starts and ends inside a quarter
    trend = deelname.trend(demo_conn, period.start, period.end, grain="kwartaal")
    quarterly = trend[trend["code"] == "deelnemers"].set_index("period")["value"]
    by_quarter = oracle(demo_conn, period, window="date_trunc('quarter', p.month)")
    assert sum(quarterly) == sum(by_quarter.values())
    for start, value in quarterly.items():
        first = max(start.date(), period.start)
        last = min((start + pd.DateOffset(months=2)).date(), period.end)
        overview = overzicht.kern_overview(demo_conn, Period(first, last))
        assert value == overview["participants"].sum(), start
    yearly = deelname.yearly_reach(demo_conn).groupby(["kern_id", "year"])["reach"].sum()
    for year in timeline.MONITORING.years:
        overview = overzicht.kern_overview(demo_conn, Period(date(year, 1, 1), date(year, 12, 1)))
        for kern, people in overview.set_index("kern_id")["participants"].items():
            assert yearly.get((kern, year), 0) == people, (kern, year)


def test_reach_has_one_implementation() -> None:
    """Only deelname_participation.sql spells the rule (first month's participants, later the
    new ones); kern_overview.sql does not read participation; no Python module recomputes it
    (the old pandas version picked each activity's first row with ``duplicated`` and took
    ``participants.where(first, new_participants)``)."""
    queries = PROJECT / "sv_analytics" / "queries"

    def code(path) -> str:
        return "\n".join(line.split("--")[0] for line in path.read_text(encoding="utf-8").splitlines())

    rule = re.compile(r"THEN\s+\w*\.?participants\s+ELSE\s+\w*\.?new_participants", re.IGNORECASE)
    assert sorted(p.name for p in queries.glob("*.sql") if rule.search(code(p))) == [
        "deelname_participation.sql"
    ]
    assert not re.search(r"\bparticipation\b", code(queries / "kern_overview.sql"))
    recompute = re.compile(r"duplicated\(.*activity_id|\[\"participants\"\]\.where\(.*new_participants")
    found = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in (PROJECT / "sv_analytics").rglob("*.py")
        if "demo" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if recompute.search(line)
    ]
    assert found == []
    source = inspect.getsource(deelname.reach)
    assert "REACH_COLUMNS" in source and "new_participants" not in source
