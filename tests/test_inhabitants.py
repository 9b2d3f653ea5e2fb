"""Per-1.000 figures divide by the inhabitants of the year they describe (issue 13).

``lookups.kern_inhabitants`` is the one answer to "inhabitants of kern k in year y": the kern's
own public figure for that year (table statistic, region level 'kern', indicator 'inwoners', as
the TOP10NL importer stores it) where there is one, else the registry's figure with its own
peiljaar. Checked on the demo database (no kern-level inhabitants: the registry's 2025 for every
year, and the notes say so) and on a copy with a figure for Aadorp in 2017 only, through the
pages' computations (Overzicht's kern overview, which Mijn kern and Wat werkt waar read, and
Deelname's baseline table). Expected values are computed here from the inserted figures.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from sv_analytics import deelname, lookups, overzicht
from sv_analytics.texts import t
from sv_analytics.timeline import Period

AADORP_2017 = 1612  # the registry says 1.550 (peiljaar 2025)


def with_aadorp_2017(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    conn.execute(
        "INSERT INTO statistic VALUES ('aadorp', 'kern', 2017, 'totaal', 'inwoners', ?, 'aantal', "
        "'Kadaster BRT TOP10NL (inwoners: CBS, BRP)', 'test-2017')",
        [AADORP_2017],
    )
    return conn


def registry(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    return {
        k: (n, y)
        for k, n, y in conn.execute("SELECT kern_id, inhabitants, inhabitants_year FROM kern").fetchall()
    }


def test_without_a_figure_for_the_year_the_registry_is_used_and_its_year_named(demo_conn) -> None:
    found = lookups.kern_inhabitants(demo_conn, 2017).set_index("kern_id")
    expected = registry(demo_conn)
    assert len(found) == len(expected) == 22
    for kern, (n, year) in expected.items():
        assert (found.loc[kern, "inhabitants"], found.loc[kern, "inhabitants_year"]) == (n, year)
        assert year != 2017  # the demo's registry is of 2025: the note must say so
    window = lookups.period_inhabitants(demo_conn, 2017, 2018)
    assert not window["for_years"].any() and set(window["inhabitants_year"]) == {"2025"}
    notes = lookups.inhabitants_notes(window)
    assert len(notes) == 1 and "peiljaar 2025" in notes[0] and "2017–2018" in notes[0]


def test_a_kern_figure_for_the_year_is_used_for_that_year_only(conn) -> None:
    with_aadorp_2017(conn)
    base = registry(conn)
    y2017 = lookups.kern_inhabitants(conn, 2017).set_index("kern_id")
    assert (
        y2017.loc["aadorp", "inhabitants"] == AADORP_2017 and y2017.loc["aadorp", "inhabitants_year"] == 2017
    )
    assert "TOP10NL" in y2017.loc["aadorp", "inhabitants_source"]
    assert y2017.loc["bathmen", "inhabitants"] == base["bathmen"][0]  # other kernen: the registry
    y2018 = lookups.kern_inhabitants(conn, 2018).set_index("kern_id")
    assert (y2018.loc["aadorp", "inhabitants"], y2018.loc["aadorp", "inhabitants_year"]) == base["aadorp"]
    one_year = lookups.period_inhabitants(conn, 2017, 2017).set_index("kern_id")
    assert one_year.loc["aadorp", "for_years"] and one_year.loc["aadorp", "inhabitants_year"] == "2017"
    assert t("inhabitants.note_own", source=one_year.loc["aadorp", "inhabitants_source"], year="2017",
             described="2017") in lookups.inhabitants_notes(one_year.reset_index())  # fmt: skip
    two_years = lookups.period_inhabitants(conn, 2017, 2018).set_index("kern_id")
    assert two_years.loc["aadorp", "inhabitants"] == round((AADORP_2017 + base["aadorp"][0]) / 2)
    assert not two_years.loc["aadorp", "for_years"]


def test_every_page_divides_by_the_same_inhabitants(conn) -> None:
    """Overzicht's kern overview (read by Mijn kern and Wat werkt waar) and Deelname's headline,
    table per kern and baseline table all use the inhabitants of 2017 for 2017."""
    with_aadorp_2017(conn)
    year = Period(date(2017, 1, 1), date(2017, 12, 1))
    overview = overzicht.kern_overview(conn, year).set_index("kern_id")
    people = overview.loc["aadorp", "participants"]
    assert people > 0
    assert overview.loc["aadorp", "inhabitants"] == AADORP_2017
    assert overview.loc["aadorp", "participants_per_1000"] == pytest.approx(1000 * people / AADORP_2017)
    referrals = overview.loc["aadorp", "referrals"]
    assert overview.loc["aadorp", "referrals_per_1000"] == pytest.approx(1000 * referrals / AADORP_2017)
    figures = deelname.figures(conn, year.start, year.end, kern="aadorp")
    assert figures["bereik_per_1000"] == pytest.approx(1000 * people / AADORP_2017)
    per_kern = deelname.reach_per_kern(conn, year.start, year.end).set_index("kern_id")
    assert per_kern.loc["aadorp", "per_1000"] == pytest.approx(1000 * people / AADORP_2017)
    baseline = deelname.baseline_comparison(conn).set_index("kern_id")
    assert baseline.loc["aadorp", "reach_2017"] == pytest.approx(1000 * people / AADORP_2017)
    other_years = registry(conn)["aadorp"][0]
    reach_2018 = overzicht.kern_overview(conn, Period(date(2018, 1, 1), date(2018, 12, 1)))
    reach_2018 = reach_2018.set_index("kern_id").loc["aadorp", "participants"]
    assert baseline.loc["aadorp", "reach_2018"] == pytest.approx(1000 * reach_2018 / other_years)
    assert baseline.loc["aadorp", "2017–2018"] == pytest.approx(
        (1000 * people / AADORP_2017 + 1000 * reach_2018 / other_years) / 2
    )
    # the kern comparison per month divides 2017's months by 2017's inhabitants
    months = deelname.kern_comparison(conn, year.start, year.end, kern="aadorp", protected=False)
    january = conn.execute(
        "SELECT sum(participants) FROM participation JOIN activity USING (activity_id) "
        "WHERE kern_id = 'aadorp' AND month = DATE '2017-01-01'"
    ).fetchone()[0]
    assert months["kern"].iloc[0] == pytest.approx(1000 * january / AADORP_2017)


def test_years_text() -> None:
    assert lookups.years_text([2025, 2025]) == "2025"
    assert lookups.years_text([2018, 2017]) == "2017–2018"
    assert lookups.years_text([2017, 2025]) == "2017, 2025"
