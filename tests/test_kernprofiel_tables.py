"""The tables of the page Kernprofiel, exported: inhabitants and estimates as whole numbers,
shares as Excel percentages, ``<5`` where a status-holder count is 1–4 and in the share derived
from it, no screen-only column, and numbers equal to independent SQL on the demo database.

In the demo, Aadorp's gemeente reported 2 status holders for 2018 (the latest year), Bathmen's 0.
"""

from __future__ import annotations

import math

import duckdb
import pytest

from sv_analytics import indicators, kernprofiel
from sv_analytics.tables import Table
from tests.exported import csv_rows, is_number, xlsx

AGES = ("0-14", "15-24", "25-44", "45-64", "65+")
WIJK_POPULATION = """
    SELECT s.age_group, sum(s.value) AS value
    FROM kern_region AS kr
    JOIN statistic AS s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
    WHERE kr.kern_id = ? AND kr.year = 2017 AND s.year = 2017 AND s.indicator = 'inwoners'
    GROUP BY ALL
"""


def population(conn: duckdb.DuckDBPyConnection, kern_id: str) -> dict[str, float]:
    return dict(conn.execute(WIJK_POPULATION, [kern_id]).fetchall())


def latest_status_holders(conn: duckdb.DuckDBPyConnection, kern_id: str) -> float:
    return conn.execute(
        "SELECT value FROM statistic WHERE region_level = 'kern' AND region_code = ? AND indicator = 'statushouders' "
        "ORDER BY year DESC LIMIT 1",
        [kern_id],
    ).fetchone()[0]


def assert_no_screen_only_column(table: Table, headers: list[str]) -> None:
    assert headers == [c.label for c in table.columns if c.export and c.kind != "link"]
    assert all(c.kind != "link" for c in table.columns)


def names_in(notes: list[list[object]]) -> set[object]:
    return {row[0] for row in notes if row}


# ------------------------------------------------------------------------------ one kern
def test_age_table_exports_counts_and_percentages(demo_conn: duckdb.DuckDBPyConnection) -> None:
    profile = kernprofiel.kern_profile(demo_conn, "bathmen")
    table = kernprofiel.age_table(profile.population)
    headers, rows, notes = xlsx(table, "Leeftijdsopbouw Bathmen")
    assert headers == ["Leeftijdsgroep", "Inwoners", "Aandeel"]
    assert_no_screen_only_column(table, headers)
    pop = population(demo_conn, "bathmen")
    assert [r["Inwoners"] for r in rows] == [int(pop[a]) for a in AGES]
    assert all(isinstance(r["Inwoners"], int) for r in rows)
    for row, age in zip(rows, AGES, strict=True):
        assert is_number(row["Aandeel"]) and row["Aandeel"] == pytest.approx(pop[age] / pop["totaal"])
    assert {
        indicators.get("inwoners_leeftijdsgroep").name,
        indicators.get("aandeel_leeftijdsgroep").name,
    } <= names_in(notes)
    assert any(
        "WK015015" in str(cell) and "2017" in str(cell) for row in notes for cell in row
    )  # area and year
    by_csv = csv_rows(table)
    assert list(by_csv[0]) == ["Leeftijdsgroep", "Inwoners", "Aandeel (%)"]
    assert [int(r["Inwoners"]) for r in by_csv] == [int(pop[a]) for a in AGES]
    assert float(by_csv[-1]["Aandeel (%)"].replace(",", ".")) == pytest.approx(
        100 * pop["65+"] / pop["totaal"], abs=0.05
    )


def test_health_table_exports_percentages_per_area(demo_conn: duckdb.DuckDBPyConnection) -> None:
    profile = kernprofiel.kern_profile(demo_conn, "bathmen")
    table = kernprofiel.health_table(profile.health, kernprofiel.area_names(profile))
    headers, rows, _notes = xlsx(table, "Gezondheid Bathmen")
    assert headers == ["Indicator", "Leeftijd", "Wijk WK015015", "Gemeente Deventer", "Overijssel", "Nederland",
                       "Jaar", "Bron"]  # fmt: skip
    assert_no_screen_only_column(table, headers)
    want = dict(
        demo_conn.execute(
            "SELECT region_code, value FROM statistic WHERE indicator = 'chronisch_pct' AND age_group = '65+' "
            "AND year = 2016 AND region_code IN ('WK015015', 'GM0150', 'PV23', 'NL01')"
        ).fetchall()
    )
    row = next(
        r
        for r in rows
        if r["Indicator"] == "Eén of meer langdurige aandoeningen" and r["Leeftijd"] == "65 jaar en ouder"
    )
    for header, code in (("Wijk WK015015", "WK015015"), ("Gemeente Deventer", "GM0150"), ("Overijssel", "PV23"),
                         ("Nederland", "NL01")):  # fmt: skip
        assert is_number(row[header]) and row[header] == pytest.approx(want[code] / 100), header
    assert len(rows) == 18 and {r["Jaar"] for r in rows} == {"2016"}  # a year is a label here, not a number
    assert all(is_number(r[h]) for r in rows for h in headers[2:6])


def test_estimates_hide_a_small_status_holder_count_and_its_share(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    assert 0 < latest_status_holders(demo_conn, "aadorp") < 5
    profile = kernprofiel.kern_profile(demo_conn, "aadorp")
    table = kernprofiel.estimate_table(profile.estimates, profile.population)
    headers, rows, notes = xlsx(table, "Doelgroepen Aadorp")
    assert_no_screen_only_column(table, headers)
    by_group = {r["Doelgroep"]: r for r in rows}
    holders = by_group["Vluchtelingen / statushouders"]
    assert holders["Geschat aantal in de kern"] == "<5"
    assert holders["Geschat aandeel van de inwoners"] == "<5"
    in_csv = next(r for r in csv_rows(table) if r["Doelgroep"] == "Vluchtelingen / statushouders")
    assert in_csv["Geschat aantal in de kern"] == in_csv["Geschat aandeel van de inwoners (%)"] == "<5"
    inhabitants = demo_conn.execute("SELECT inhabitants FROM kern WHERE kern_id = 'aadorp'").fetchone()[0]
    pop = population(demo_conn, "aadorp")
    seniors = by_group["Senioren (65+)"]
    share = pop["65+"] / pop["totaal"]
    assert seniors["Geschat aantal in de kern"] == math.floor(inhabitants * share / 10 + 0.5) * 10
    assert isinstance(seniors["Geschat aantal in de kern"], int)
    assert seniors["Geschat aandeel van de inwoners"] == pytest.approx(share)
    area = next(h for h in headers if h.startswith("Schatting hele wijk"))
    assert isinstance(seniors[area], int) and seniors[area] == math.floor(pop["65+"] / 10 + 0.5) * 10
    assert "Kleine aantallen" in names_in(notes)
    assert indicators.get("aandeel_doelgroep_pct").name in names_in(notes)


def status_holder_row(demo_conn: duckdb.DuckDBPyConnection, kern_id: str) -> tuple[dict, dict]:
    """The status-holder row of a kern's estimate table: as exported (XLSX) and as shown."""
    profile = kernprofiel.kern_profile(demo_conn, kern_id)
    table = kernprofiel.estimate_table(profile.estimates, profile.population)
    _headers, rows, _notes = xlsx(table, f"Doelgroepen {kern_id}")
    group = "Vluchtelingen / statushouders"
    return next(r for r in rows if r["Doelgroep"] == group), table.display().set_index("Doelgroep").loc[group]


def test_zero_status_holders_stay_visible_and_unknown_is_an_empty_cell(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    assert latest_status_holders(demo_conn, "bathmen") == 0  # zero reveals no one
    exported, shown = status_holder_row(demo_conn, "bathmen")
    assert exported["Geschat aantal in de kern"] == 0 and exported["Geschat aandeel van de inwoners"] == 0
    assert shown["Geschat aantal in de kern"] == "0"
    # Hertme's gemeente gave no number: 'onbekend' on screen, an empty cell in Excel
    assert demo_conn.execute("SELECT count(*) FROM statistic WHERE region_code = 'hertme'").fetchone()[0] == 0
    exported, shown = status_holder_row(demo_conn, "hertme")
    assert exported["Geschat aantal in de kern"] is None
    assert shown["Geschat aantal in de kern"] == "onbekend"


# ------------------------------------------------------------------------------ all kernen
def test_comparison_exports_shares_and_hides_small_status_holder_shares(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    table = kernprofiel.comparison_table(kernprofiel.kern_comparison(demo_conn))
    headers, rows, notes = xlsx(table, "Doelgroepen per kern")
    assert_no_screen_only_column(table, headers)
    assert not any(h.startswith("count_") for h in headers)  # the count behind the suppression stays inside
    assert len(rows) == 22
    shares = dict(
        demo_conn.execute(
            """
            SELECT k.name, sum(s.value) FILTER (WHERE s.age_group = '65+') / sum(s.value) FILTER (WHERE s.age_group = 'totaal')
            FROM kern k JOIN kern_region kr USING (kern_id)
            JOIN statistic s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
            WHERE s.year = 2017 AND s.indicator = 'inwoners'
            GROUP BY k.name
            """
        ).fetchall()
    )
    for row in rows:
        assert is_number(row["Aandeel 65+"]) and row["Aandeel 65+"] == pytest.approx(shares[row["Kern"]]), (
            row["Kern"]
        )
        assert is_number(row["Bevolkingsontwikkeling (% per jaar)"])
        assert is_number(row["Senioren (65+) (%)"])
    small = {
        name
        for (name,) in demo_conn.execute(
            """
            SELECT k.name FROM kern k JOIN statistic s ON s.region_code = k.kern_id AND s.region_level = 'kern'
            WHERE s.indicator = 'statushouders'
            QUALIFY row_number() OVER (PARTITION BY k.kern_id ORDER BY s.year DESC) = 1 AND s.value BETWEEN 1 AND 4
            """
        ).fetchall()
    }
    assert small >= {"Aadorp"}
    column = "Vluchtelingen / statushouders (%)"
    assert {r["Kern"] for r in rows if r[column] == "<5"} == small
    assert all(is_number(r[column]) or r[column] is None for r in rows if r["Kern"] not in small)
    assert {r["Senioren (65+): gekozen"] for r in rows} <= {"ja", None}
    for code in ("aandeel_65plus", "bevolkingsgroei_pct", "aandeel_doelgroep_pct"):
        assert indicators.get(code).name in names_in(notes)
    by_csv = {r["Kern"]: r for r in csv_rows(table)}
    assert by_csv["Aadorp"][column] == "<5"


# ------------------------------------------------------------------------------ demo or real
def test_a_real_figure_wins_over_a_demo_one_by_the_datasets_flag(conn: duckdb.DuckDBPyConnection) -> None:
    """ "Is this demo?" is the dataset's flag, not the source's name: a demo dataset under another
    name (sorting first) still gives way to a real one."""
    conn.execute(
        "INSERT INTO dataset VALUES ('demo-anders', 'demo', 'Aaa fictief', NULL, NULL, 'x', now(), true, NULL), "
        "('cbs-test', 'cbs', 'CBS Kerncijfers wijken en buurten', 2017, 'kwb.csv', 'y', now(), false, NULL)"
    )
    for source, dataset, value in (
        ("Aaa fictief", "demo-anders", 1.0),
        ("CBS Kerncijfers", "cbs-test", 4321.0),
    ):
        conn.execute(
            "INSERT INTO statistic VALUES ('WK015015', 'wijk', 2017, 'totaal', 'inwoners', ?, 'aantal', ?, ?)",
            [value, source, dataset],
        )
    found = kernprofiel.kern_statistics(conn, "bathmen", year=2017).frame
    flags = found[(found["indicator"] == "inwoners") & (found["age_group"] == "totaal")].set_index("source")[
        "is_demo"
    ]
    assert flags.to_dict() == {"Aaa fictief": True, "CBS Kerncijfers": False, "Demo (fictief)": True}
    assert kernprofiel.kern_profile(conn, "bathmen").population.total == 4321.0


# ------------------------------------------------------------------------------ wijk names
def add_wijk_outline(conn: duckdb.DuckDBPyConnection, code: str, name: str, *, demo: bool, year: int) -> None:
    """A wijk boundary with a name, as an import of CBS wijkgrenzen stores it (geometry.name)."""
    dataset = f"test-{code}-{year}-{demo}"
    conn.execute(
        "INSERT INTO dataset (dataset_id, kind, source, year, imported_at, is_demo) "
        "VALUES (?, 'cbs', 'CBS Wijk- en buurtkaart', ?, now(), ?)",
        [dataset, year, demo],
    )
    conn.execute(
        "INSERT INTO geometry VALUES (?, 'wijk', ?, ?, "
        '\'{"type": "Point", "coordinates": [6.3, 52.2]}\', \'CBS Wijk- en buurtkaart\', ?)',
        [code, year, name, dataset],
    )


def test_wijk_is_named_where_its_name_is_known(conn: duckdb.DuckDBPyConnection) -> None:
    """Issue 14: legends and column titles say "Wijk 15 Bathmen", not "Wijk WK015015", once the
    wijk's boundary was imported with its name (a real name before a demo one); the code stays
    the fallback for a wijk without one."""
    from sv_analytics import yardsticks

    before = kernprofiel.area_names(kernprofiel.kern_profile(conn, "bathmen"))
    assert before["wijk"] == "Wijk WK015015"
    add_wijk_outline(conn, "WK015015", "Fictieve demonaam", demo=True, year=2017)
    add_wijk_outline(conn, "WK015015", "Wijk 15 Bathmen", demo=False, year=2018)
    add_wijk_outline(conn, "WK014120", "Aadorp", demo=False, year=2017)
    profile = kernprofiel.kern_profile(conn, "bathmen")
    assert kernprofiel.area_names(profile)["wijk"] == "Wijk 15 Bathmen"
    headers, _rows, _notes = xlsx(
        kernprofiel.health_table(profile.health, kernprofiel.area_names(profile)), "x"
    )
    assert headers[2] == "Wijk 15 Bathmen"
    assert set(kernprofiel.health_chart_frame(profile, "18+")["area"]) >= {"Wijk 15 Bathmen", "Overijssel"}
    assert set(yardsticks.kern_yardsticks(conn, "bathmen")["area_name"]) == {
        "Wijk 15 Bathmen", "Gemeente Deventer", "Overijssel", "Nederland",
    }  # fmt: skip
    # a CBS name without the word "Wijk" gets it; an unknown code stays a code
    assert kernprofiel.wijk_label("WK014120", {"WK014120": "Aadorp"}) == "Wijk Aadorp"
    assert kernprofiel.area_names(kernprofiel.kern_profile(conn, "aadorp"))["wijk"] == "Wijk Aadorp"
    assert kernprofiel.wijk_label("WK099999", {"WK014120": "Aadorp"}) == "Wijk WK099999"


# ------------------------------------------------------------------------------ heat map scale
def test_heatmap_deviation_and_domain_are_the_programmes(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Issue 14: the heat map's deviation is from the mean of all kernen and its domain is theirs,
    so a gemeente filter cuts rows without re-colouring them (exact and protected alike)."""
    for protected in (False, True):
        everywhere = kernprofiel.kern_comparison(demo_conn, protected=protected)
        borne = kernprofiel.kern_comparison(demo_conn, gemeente="GM0147", protected=protected)
        assert set(borne["kern"]) == {"Hertme", "Zenderen"}
        merged = borne.merge(everywhere, on=["kern_id", "doelgroep"], suffixes=("", "_all"))
        assert len(merged) == len(borne) == 10
        assert merged["deviation"].tolist() == pytest.approx(merged["deviation_all"].tolist(), nan_ok=True)
        assert set(borne["deviation_limit"]) == set(everywhere["deviation_limit"])
        assert set(borne["mean_of"]) == {22}
        # the mean is of all 22 kernen: the deviations of one target group sum to 0 over all of them
        for _group, part in everywhere.groupby("doelgroep"):
            assert part["deviation"].sum() == pytest.approx(0, abs=1e-9)
        assert everywhere["deviation_limit"].iloc[0] == pytest.approx(everywhere["deviation"].abs().max())
