"""Each pattern planted in the demo data (data/README.md) is present in the generated data.

The checks use plain SQL on the database, not the generator's constants, so they test
what a dashboard would see. They run for the default seed and one other seed: a pattern
must not depend on luck.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sv_analytics import demo


@pytest.fixture(scope="module", params=[demo.DEFAULT_SEED, 7], ids=lambda s: f"seed{s}")
def conn(
    request: pytest.FixtureRequest, demo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    if request.param == demo.DEFAULT_SEED:
        path = demo_db
    else:
        path = tmp_path_factory.mktemp("seed") / "other.duckdb"
        demo.create_demo_database(path, seed=request.param)
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def inhabitants(alias: str, year: int, age_group: str = "totaal") -> str:
    """A join to the inhabitants (of ``age_group`` in ``year``) of the wijk of kern_region ``kr``."""
    return f"""
    JOIN statistic {alias} ON {alias}.region_code = kr.region_code AND {alias}.year = {year}
         AND {alias}.age_group = '{age_group}' AND {alias}.indicator = 'inwoners'"""


SHARE_65 = f"""
    SELECT kr.kern_id, old.value / total.value AS share_65
    FROM kern_region kr {inhabitants("total", 2017)} {inhabitants("old", 2017, "65+")}
    WHERE kr.year = 2017
"""


def test_walking_sports_reach_more_people_in_ageing_kernen(conn: duckdb.DuckDBPyConnection) -> None:
    rows = conn.execute(
        f"""
        WITH share AS ({SHARE_65}),
        reach AS (
            SELECT a.kern_id, sum(p.new_participants) AS n
            FROM activity a JOIN participation p USING (activity_id)
            WHERE a.kind = 'bewegen' AND year(p.month) IN (2017, 2018)
            GROUP BY a.kern_id
        )
        SELECT s.share_65 >= 0.25 AS ageing, avg(coalesce(r.n, 0) * 1000.0 / k.inhabitants) AS per_1000
        FROM kern k JOIN share s USING (kern_id) LEFT JOIN reach r USING (kern_id)
        WHERE k.kern_id NOT IN (SELECT kern_id FROM werkplan_action
                                WHERE phase = 2 AND status IN ('gepland', 'bezig'))
        GROUP BY ageing
        """
    ).fetchall()
    per_1000 = dict(rows)
    assert set(per_1000) == {True, False}
    assert per_1000[True] >= 2 * per_1000[False]


def test_one_kern_stalls_in_phase_2(conn: duckdb.DuckDBPyConnection) -> None:
    stalled = conn.execute(
        """
        SELECT DISTINCT kern_id FROM werkplan_action
        WHERE phase = 2 AND status IN ('gepland', 'bezig') AND planned_end < DATE '2018-01-01'
        """
    ).fetchall()
    assert stalled == [(demo.STALLED,)]
    new_activities = conn.execute(
        "SELECT count(*) FROM activity WHERE kern_id = ? AND novelty <> 'bestaand' AND kind <> 'evenement'",
        [demo.STALLED],
    ).fetchone()[0]
    assert new_activities == 0
    phase_3_done = conn.execute(
        "SELECT count(*) FROM werkplan_action WHERE kern_id = ? AND phase = 3 AND status = 'gereed'",
        [demo.STALLED],
    ).fetchone()[0]
    assert phase_3_done == 0


def test_referrals_only_after_a_care_partner_signed_an_agreement(conn: duckdb.DuckDBPyConnection) -> None:
    network = """
        SELECT a.kern_id, min(a.start_date) AS signed
        FROM agreement a JOIN agreement_party ap USING (agreement_id)
        JOIN organisation o USING (org_id)
        WHERE a.kind = 'doorverwijsnetwerk' AND o.sector IN ('zorg', 'gezondheidszorg')
        GROUP BY a.kern_id
    """
    too_early = conn.execute(
        f"""
        SELECT count(*) FROM referral r LEFT JOIN ({network}) n USING (kern_id)
        WHERE n.signed IS NULL OR r.month < date_trunc('month', n.signed)
        """
    ).fetchone()[0]
    assert too_early == 0
    with_network = conn.execute(f"SELECT count(*) FROM ({network})").fetchone()[0]
    referring = conn.execute("SELECT count(DISTINCT kern_id) FROM referral").fetchone()[0]
    assert with_network == referring >= 5  # every kern with a network refers, no other does


def test_summer_dip_in_july_and_august(conn: duckdb.DuckDBPyConnection) -> None:
    summer, rest = conn.execute(
        """
        SELECT avg(p.participants) FILTER (WHERE month(p.month) IN (7, 8)),
               avg(p.participants) FILTER (WHERE month(p.month) NOT IN (7, 8))
        FROM participation p JOIN activity a USING (activity_id)
        WHERE a.kind <> 'evenement' AND year(p.month) IN (2017, 2018)
        """
    ).fetchone()
    assert summer < 0.7 * rest


def test_some_kernen_keep_going_after_the_subsidy_and_others_fall_back(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    rows = conn.execute(
        """
        WITH yearly AS (
            SELECT a.kern_id,
                   sum(p.participants) FILTER (WHERE year(p.month) = 2018) AS y2018,
                   sum(p.participants) FILTER (WHERE year(p.month) = 2019) AS y2019
            FROM participation p JOIN activity a USING (activity_id)
            WHERE a.kind <> 'evenement'
            GROUP BY a.kern_id
        )
        SELECT e.continues_after_subsidy,
               min(100 * (y2019 / y2018 - 1)), max(100 * (y2019 / y2018 - 1))
        FROM yearly JOIN evaluation e USING (kern_id)
        WHERE e.moment = 'eind_2018'
        GROUP BY ALL
        """
    ).fetchall()
    # the change in % of registry deelname_verandering_2019 (Verandering 2019 t.o.v. 2018)
    change = {flag: (low, high) for flag, low, high in rows}
    assert set(change) == {True, False}
    assert change[True][0] >= -15  # every continuing kern keeps at least 85 %
    assert change[False][1] <= -20  # every other kern loses at least 20 %


def test_baseline_2016_has_only_existing_activities(conn: duckdb.DuckDBPyConnection) -> None:
    novelty = conn.execute(
        "SELECT DISTINCT a.novelty FROM participation p JOIN activity a USING (activity_id) "
        "WHERE year(p.month) = 2016"
    ).fetchall()
    assert novelty == [("bestaand",)]


def test_flexible_and_short_memberships_draw_more_previously_inactive(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    share = dict(
        conn.execute(
            """
            SELECT a.membership_form IN ('flexibel', 'kortdurend') AS low_threshold,
                   sum(p.previously_inactive) / sum(p.new_participants)
            FROM participation p JOIN activity a USING (activity_id)
            WHERE a.kind <> 'evenement'
            GROUP BY ALL
            """
        ).fetchall()
    )
    assert share[True] >= 2 * share[False]


def test_church_and_shops_take_part_only_in_villages(conn: duckdb.DuckDBPyConnection) -> None:
    rows = conn.execute(
        """
        SELECT k.kern_type, count(DISTINCT k.kern_id)
        FROM organisation o JOIN kern k USING (kern_id)
        WHERE o.sector IN ('kerk', 'middenstand')
        GROUP BY k.kern_type
        """
    ).fetchall()
    villages = conn.execute("SELECT count(*) FROM kern WHERE kern_type = 'dorp'").fetchone()[0]
    assert rows == [("dorp", villages)]


def test_volunteers_grow_where_the_work_continues_and_shrink_elsewhere(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    rows = conn.execute(
        """
        SELECT e.continues_after_subsidy,
               bool_and(v19.active > v16.active), bool_and(v19.active < v16.active)
        FROM evaluation e
        JOIN volunteer v16 ON v16.kern_id = e.kern_id AND v16.quarter = DATE '2016-10-01'
        JOIN volunteer v19 ON v19.kern_id = e.kern_id AND v19.quarter = DATE '2019-10-01'
        WHERE e.moment = 'eind_2018'
        GROUP BY ALL
        """
    ).fetchall()
    result = {flag: (grew, shrank) for flag, grew, shrank in rows}
    assert result[True][0] is True
    assert result[False][1] is True


def test_ageing_villages_shrink_and_city_wijken_grow(conn: duckdb.DuckDBPyConnection) -> None:
    rows = conn.execute(
        f"""
        WITH share AS ({SHARE_65}),
        trend AS (
            SELECT kr.kern_id, s19.value / s16.value AS change
            FROM kern_region kr {inhabitants("s16", 2016)} {inhabitants("s19", 2019)}
        )
        SELECT k.kern_type, s.share_65 >= 0.25 AS ageing, max(t.change), min(t.change)
        FROM kern k JOIN share s USING (kern_id) JOIN trend t USING (kern_id)
        GROUP BY ALL
        """
    ).fetchall()
    for kern_type, ageing, highest, lowest in rows:
        if ageing:
            assert highest < 1.0, kern_type
        if kern_type == "wijk":
            assert lowest > 1.0
