"""The typed tables of Deelname and Overzicht's kern table, exported to XLSX and CSV.

Every exported file is opened again (openpyxl, csv): numbers are numbers, dates are dates,
suppressed cells are exactly ``<5``, screen-only columns are gone and the Toelichting names the
choices and the indicators. Expected numbers come from SQL written here, on the demo database,
never from sv_analytics; every export is protected (issue 12), so the expected exported value is
the independent oracle of tests/test_privacy.py applied to the SQL's exact value.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import duckdb
import pytest

from sv_analytics import deelname, exports, indicators, overzicht, privacy, tables, timeline
from sv_analytics.texts import t
from tests.exported import Exported, read_xlsx
from tests.test_privacy import oracle_derived, oracle_ratio, rounded

START, END = timeline.PROJECT.start, timeline.PROJECT.end
CHOICES = (("Periode", "jan 2017 – dec 2018"), ("Gemeente", "Alle gemeenten"), ("Tijdstap", "Per maand"))


def reach_sql(conn: duckdb.DuckDBPyConnection, group: str, where: str = "TRUE", window: str = "1", **params):
    """Registry 'deelnemers' per ``group`` (an SQL expression) over the project, by hand:
    per activity (and ``window``) the first month's participants plus the later new ones."""
    query = f"""
        WITH base AS (
            SELECT a.kern_id, a.kind, k.name AS kern_name, p.activity_id, p.month, p.participants, p.new_participants
            FROM participation p JOIN activity a USING (activity_id) JOIN kern k ON k.kern_id = a.kern_id
            WHERE p.month BETWEEN $start AND $end),
        r AS (SELECT *, min(month) OVER (PARTITION BY activity_id, {window}) AS first_month FROM base WHERE {where})
        SELECT {group} AS g, sum(CASE WHEN month = first_month THEN participants ELSE new_participants END) AS n
        FROM r GROUP BY ALL"""
    rows = conn.execute(query, {"start": START, "end": END, **params}).fetchall()
    return {g: int(n) for g, n in rows}


def shown_count(n: float) -> object:
    """What an exported count cell holds: ``<5`` for 1–4, else the count rounded to 5."""
    shown = rounded(n)
    return privacy.SUPPRESSED if shown is None else shown


def shown_rate(value: float, base: float) -> object:
    """What an exported figure derived from the count ``base`` holds: from the rounded count, or <5."""
    shown = oracle_derived(value, base)
    return privacy.SUPPRESSED if shown is None else pytest.approx(shown)


def shown_ratio(value: float, numerator: float, denominator: float) -> object:
    """A ratio of two counts as exported: over both rounded counts, or <5."""
    shown = oracle_ratio(value, numerator, denominator)
    return privacy.SUPPRESSED if shown is None else pytest.approx(shown)


def export(table: tables.Table, title: str) -> Exported:
    """The XLSX read back (header, data cells per row, Toelichting rows without empty cells),
    after the checks every export owes (tests/exported.py), with this file's choices and the demo note."""
    found = read_xlsx(table, title, choices=CHOICES, demo=True)
    assert len(found.cells) > 0 and table.indicator_codes
    return found


def by_first_column(found: Exported) -> dict[object, dict[str, object]]:
    """The exported rows (values by header) keyed by their first cell: a kern, a month, a category."""
    return {row[found.header[0]]: row for row in found.rows}


# ------------------------------------------------------------------------------ trend
def test_trend_table_per_month_exports_months_and_counts(demo_conn) -> None:
    table = deelname.trend_table(deelname.trend(demo_conn, START, END), "maand")
    found = export(table, t("deelname.trend_heading"))
    assert found.header[0] == "Periode"
    assert [r[0].value.date() for r in found.cells] == list(timeline.PROJECT.months)
    assert all(r[0].number_format == exports.MONTH_FORMAT for r in found.cells)
    march = by_first_column(found)[datetime(2018, 3, 1)]
    expected = demo_conn.execute(
        "SELECT sum(participants) FROM participation WHERE month = DATE '2018-03-01'"
    ).fetchone()[0]
    referrals = demo_conn.execute("SELECT sum(n) FROM referral WHERE month = DATE '2018-03-01'").fetchone()[0]
    assert march[indicators.get("deelnemers_per_maand").name] == shown_count(expected)
    assert march[indicators.get("doorverwijzingen").name] == shown_count(referrals)
    assert set(table.indicator_codes) == {"deelnemers_per_maand", "nieuwe_deelnemers", "voorheen_inactief",
                                          "doorverwijzingen"}  # fmt: skip


def test_trend_table_per_quarter_of_a_kern_hides_small_counts(demo_conn) -> None:
    kern = demo_conn.execute(
        "SELECT kern_id FROM referral WHERE month BETWEEN ? AND ? GROUP BY kern_id, date_trunc('quarter', month) "
        "HAVING sum(n) BETWEEN 1 AND 4 ORDER BY kern_id LIMIT 1",
        [START, END],
    ).fetchone()[0]
    trend = deelname.trend(demo_conn, START, END, kern=kern, grain="kwartaal")
    table = deelname.trend_table(trend, "kwartaal")
    found = by_first_column(export(table, t("deelname.trend_heading")))
    assert list(found)[:2] == ["K1 2017", "K2 2017"]  # a quarter is a label, not a date
    label = "'K' || quarter(month) || ' ' || year(month)"
    reach = reach_sql(demo_conn, label, f"kern_id = '{kern}'", "date_trunc('quarter', month)")
    referrals = dict(
        demo_conn.execute(
            f"SELECT {label}, sum(n) FROM referral WHERE kern_id = ? AND month BETWEEN ? AND ? GROUP BY ALL",
            [kern, START, END],
        ).fetchall()
    )
    people, refs = indicators.get("deelnemers").name, indicators.get("doorverwijzingen").name
    for quarter, values in found.items():
        assert values[people] == shown_count(reach.get(quarter, 0)), quarter
        assert values[refs] == shown_count(referrals.get(quarter, 0)), quarter
    assert any(v[refs] == "<5" for v in found.values())


# ------------------------------------------------------------------------------ breakdown
def test_breakdown_table_by_kind_exports_reach_average_and_share(demo_conn) -> None:
    split = deelname.breakdown(demo_conn, START, END, dimension="soort")
    found = by_first_column(export(deelname.breakdown_table(split, "soort"), t("deelname.dim.soort")))
    reach = reach_sql(demo_conn, "kind")
    months = dict(
        demo_conn.execute(
            "SELECT a.kind, sum(p.participants) FROM participation p JOIN activity a USING (activity_id) "
            "WHERE p.month BETWEEN ? AND ? GROUP BY ALL",
            [START, END],
        ).fetchall()
    )
    total = sum(months.values())
    for row in split.itertuples():
        shown = found[row.label]
        assert shown["Deelnemers"] == shown_count(reach.get(row.category, 0)), row.label
        n = months.get(row.category, 0)
        assert shown["Deelnemers per maand (gem.)"] == shown_rate(n / 24, n)
        assert shown["Aandeel"] == shown_ratio(n / total, n, total)  # Excel: a fraction


def test_breakdown_table_by_age_has_no_reach_column(demo_conn) -> None:
    split = deelname.breakdown(demo_conn, START, END, dimension="leeftijd")
    found = export(deelname.breakdown_table(split, "leeftijd"), t("deelname.dim.leeftijd"))
    assert found.header == ["Leeftijdsklasse", "Deelnemers per maand (gem.)", "Aandeel"]
    expected = demo_conn.execute(
        "SELECT sum(n) / 24.0 FROM participation_breakdown WHERE dimension = 'leeftijd' AND category = '65-74' "
        "AND month BETWEEN ? AND ?",
        [START, END],
    ).fetchone()[0]
    assert by_first_column(found)["65–74 jaar"]["Deelnemers per maand (gem.)"] == shown_rate(
        expected, expected * 24
    )


# ------------------------------------------------------------------------------ reach per kern
def test_reach_table_exports_inhabitants_reach_and_rates(demo_conn) -> None:
    per_kern = deelname.reach_per_kern(demo_conn, START, END, dimension="soort")
    exported = export(deelname.reach_table(per_kern, "soort"), t("deelname.reach_heading"))
    found = by_first_column(exported)
    reach = reach_sql(demo_conn, "kern_name")
    walking = reach_sql(demo_conn, "kern_name", "kind = 'bewegen'")
    inhabitants = dict(demo_conn.execute("SELECT name, inhabitants FROM kern").fetchall())
    assert len(found) == len(inhabitants) == 22
    for name, values in found.items():
        assert values["Inwoners"] == inhabitants[name]
        assert values["Deelnemers"] == shown_count(reach.get(name, 0)), name
        people, moving = reach.get(name, 0), walking.get(name, 0)
        assert values["Bereik (per 1.000 inwoners)"] == shown_rate(1000 * people / inhabitants[name], people)
        assert values["Bewegen (per 1.000 inwoners)"] == shown_rate(1000 * moving / inhabitants[name], moving)
        share = values["Aandeel 65+"]
        assert share is None or 0 < share < 1  # a fraction in a percent cell, or empty when unknown
    # the demo has no inhabitants of the kernen for 2017–2018: the note says which year is used instead
    assert any(
        r[0] == "Let op" and "TOP10NL" in r[1] and "peiljaar 2025" in r[1] and "2017–2018" in r[1]
        for r in exported.notes
        if len(r) == 2
    )


# ------------------------------------------------------------------------------ baseline
def test_baseline_table_exports_rates_per_stage_and_the_change(demo_conn) -> None:
    table = deelname.baseline_table(deelname.baseline_comparison(demo_conn))
    exported = export(table, t("deelname.baseline_heading"))
    assert exported.header == [
        "Kern",
        *(f"Bereik {year} (per 1.000 inwoners)" for year in (2016, 2017, 2018, 2019)),
        "Deelnemermaanden 2018",
        "Deelnemermaanden 2019",
        "Deelnemermaanden 2019 t.o.v. 2018 (%)",
        "Verwachting kern (eindevaluatie 2018)",
    ]
    found = by_first_column(exported)
    per_year = demo_conn.execute(
        """WITH r AS (
               SELECT k.name, k.inhabitants, year(p.month) AS y, p.month, p.participants, p.new_participants,
                      min(p.month) OVER (PARTITION BY p.activity_id, year(p.month)) AS first_month
               FROM participation p JOIN activity a USING (activity_id) JOIN kern k ON k.kern_id = a.kern_id)
           SELECT name, y, 1000.0 * sum(CASE WHEN month = first_month THEN participants ELSE new_participants END)
                  / any_value(inhabitants) AS per_1000, sum(participants) AS months,
                  sum(CASE WHEN month = first_month THEN participants ELSE new_participants END) AS reach
           FROM r GROUP BY ALL"""
    ).fetchall()
    rate = {(name, y): per_1000 for name, y, per_1000, _, _ in per_year}
    months = {(name, y): m for name, y, _, m, _ in per_year}
    people = {(name, y): n for name, y, _, _, n in per_year}
    expectation = dict(
        demo_conn.execute(
            "SELECT k.name, e.continues_after_subsidy FROM kern k "
            "LEFT JOIN evaluation e ON e.kern_id = k.kern_id AND e.moment = 'eind_2018'"
        ).fetchall()
    )
    for name, values in found.items():
        for year in (2016, 2017, 2018, 2019):
            assert values[f"Bereik {year} (per 1.000 inwoners)"] == shown_rate(
                rate.get((name, year), 0), people.get((name, year), 0)
            ), (name, year)
        m18, m19 = months[(name, 2018)], months[(name, 2019)]
        assert values["Deelnemermaanden 2018"] == shown_count(m18)
        assert values["Deelnemermaanden 2019"] == shown_count(m19)
        ratio = oracle_ratio(m19 / m18, m19, m18)  # a change 2019 ÷ 2018 − 1: from the rounded months
        assert values["Deelnemermaanden 2019 t.o.v. 2018 (%)"] == (
            privacy.SUPPRESSED if ratio is None else pytest.approx(ratio - 1)
        )
        expected = {True: "verwacht door te gaan", False: "verwacht terug te vallen"}.get(
            expectation[name], "onbekend"
        )
        assert values["Verwachting kern (eindevaluatie 2018)"] == expected
    stages = deelname.baseline_comparison(demo_conn).set_index("name")
    for name in found:  # the chart's stage 2017–2018 is named as the average of its two years
        assert stages.loc[name, "2017–2018"] == pytest.approx(
            (rate.get((name, 2017), 0) + rate.get((name, 2018), 0)) / 2
        )
    assert ["Let op", t("deelname.baseline_note")] in exported.notes
    assert any(
        "peiljaar 2025" in str(r[1]) and "2016–2019" in str(r[1]) for r in exported.notes if len(r) == 2
    )


# ------------------------------------------------------------------------------ target groups
def test_target_group_table_exports_estimates_with_small_ones_hidden(demo_conn) -> None:
    table = deelname.target_group_table(deelname.target_group_reach(demo_conn, START, END))
    exported = export(table, t("deelname.groups_heading"))
    assert exported.header == ["Kern", "Doelgroep", "Deelnemers uit doelgroep", "Geschatte omvang", "Bereik doelgroep",
                      "Schatting op basis van"]  # fmt: skip
    found = {(r["Kern"], r["Doelgroep"]): r for r in exported.rows}
    estimate = demo_conn.execute(
        """WITH r AS (
               SELECT a.kern_id, k.name, p.activity_id, p.month, p.participants, p.new_participants,
                      min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
               FROM participation p JOIN activity a USING (activity_id) JOIN kern k ON k.kern_id = a.kern_id
               WHERE p.month BETWEEN $start AND $end),
           per_activity AS (
               SELECT name, activity_id, sum(participants) AS months,
                      sum(CASE WHEN month = first_month THEN participants ELSE new_participants END) AS reach
               FROM r GROUP BY ALL),
           in_group AS (
               SELECT activity_id, category, sum(n) AS n FROM participation_breakdown
               WHERE dimension = 'doelgroep' AND month BETWEEN $start AND $end GROUP BY ALL)
           SELECT name, category, sum(reach * n / months) AS people
           FROM per_activity JOIN in_group USING (activity_id) WHERE months > 0 GROUP BY ALL""",
        {"start": START, "end": END},
    ).fetchall()
    labels = {"senioren": "Senioren (65+)"}
    checked = 0
    for name, group, people in estimate:
        if group not in labels:
            continue
        shown = found[(name, labels[group])]["Deelnemers uit doelgroep"]
        assert shown == shown_count(people), (name, group)
        checked += 1
    assert checked >= 20
    sizes = [v["Geschatte omvang"] for v in found.values()]
    # a size is a count of people too (the gemeente's status holders): protected like the others
    assert all(s is None or s == privacy.SUPPRESSED or (type(s) is int and s % 5 == 0) for s in sizes)
    assert any(type(s) is int for s in sizes)


# ------------------------------------------------------------------------------ Overzicht
def test_overzicht_kern_table_exports_reach_that_matches_sql(demo_conn) -> None:
    table = overzicht.kern_table(overzicht.kern_overview(demo_conn, timeline.PROJECT))
    exported = export(table, t("overzicht.table_heading"))
    assert t("col.profile") not in exported.header
    found = by_first_column(exported)
    reach = reach_sql(demo_conn, "kern_name")
    for name, values in found.items():
        assert values["Deelnemers"] == shown_count(reach.get(name, 0)), name


# ------------------------------------------------------------------------------ CSV
def test_csv_of_a_deelname_table_is_for_a_dutch_excel(demo_conn) -> None:
    split = deelname.breakdown(demo_conn, START, END, dimension="soort")
    table = deelname.breakdown_table(split, "soort")
    data = exports.to_csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Soort activiteit", "Deelnemers", "Deelnemers per maand (gem.)", "Aandeel (%)"]
    assert len(rows) == len(table) + 1 and all(len(r) == 4 for r in rows)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Deelnemers"].isdigit()
    expected = split.iloc[0]
    per_month = oracle_derived(expected["per_month"], expected["monthly"])
    share = oracle_ratio(expected["share_pct"], expected["monthly"], expected["total"])
    assert first["Deelnemers per maand (gem.)"] == f"{per_month:.1f}".replace(".", ",")
    assert first["Aandeel (%)"] == f"{share:.1f}".replace(".", ",")
    assert "," in first["Aandeel (%)"] and "." not in first["Aandeel (%)"]


def test_csv_writes_suppressed_cells_and_month_dates(demo_conn) -> None:
    monthly = deelname.trend_table(deelname.trend(demo_conn, START, END, kern="hertme"), "maand")
    rows = list(csv.reader(io.StringIO(exports.to_csv_bytes(monthly).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "2017-01-01"  # ISO dates: Excel reads them as dates
    assert any("<5" in r for r in rows[1:])
    assert all(c == "<5" or c.isdigit() for r in rows[1:] for c in r[1:])
