"""AppTest: the page Deelname renders, shows the right numbers and the planted patterns.

Expected numbers come from SQL written here, independently of sv_analytics.deelname; the page
runs protected (issue 12: the local beheerder has exact counts off), so a count is the SQL's
value through the oracle of tests/test_privacy.py and a rate comes from the rounded count.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from sv_analytics import timeline
from tests.conftest import dutch, open_app_page, sql, table_with, undutch, vega_charts
from tests.test_privacy import oracle_derived, oracle_ratio, oracle_text, rounded
from tests.test_shared_kern import fresh

PAGE = "app_pages/deelname.py"
START, END = timeline.PROJECT.start, timeline.PROJECT.end


def open_page(**widgets: object) -> AppTest:
    return open_app_page(PAGE, **widgets)


def expected_reach(db: Path, kern: str | None) -> int:
    """Registry 'deelnemers': first month's participants + later months' new, per activity."""
    frame = sql(
        db,
        """
        WITH p AS (
            SELECT p.*, min(p.month) OVER (PARTITION BY p.activity_id) AS first_month
            FROM participation p JOIN activity a USING (activity_id)
            WHERE p.month >= ? AND p.month <= ? AND (? IS NULL OR a.kern_id = ?))
        SELECT coalesce(sum(CASE WHEN month = first_month THEN participants ELSE new_participants END), 0) AS n
        FROM p
        """,
        START,
        END,
        kern,
        kern,
    )
    return int(frame["n"].iloc[0])


def test_page_renders_with_metrics_equal_to_independent_sql(app_env: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Deelname"
    shown = {m.label: m.value for m in at.metric}
    people = expected_reach(app_env, None)
    totals = sql(
        app_env,
        "SELECT sum(new_participants) AS new, sum(previously_inactive) AS inactive FROM participation "
        "WHERE month BETWEEN ? AND ?",
        START,
        END,
    ).iloc[0]
    referrals = sql(app_env, "SELECT sum(n) AS n FROM referral WHERE month BETWEEN ? AND ?", START, END)
    inhabitants = sql(app_env, "SELECT sum(inhabitants) AS n FROM kern")["n"].iloc[0]
    volunteers = sql(app_env, "SELECT sum(active) AS n FROM volunteer WHERE quarter = DATE '2018-10-01'")
    new, inactive = totals["new"], totals["inactive"]
    assert shown["Deelnemers"] == oracle_text(people)
    assert shown["Nieuw"] == oracle_text(new)  # short labels (one row at 1280 px), the full name as help
    assert shown["Voorheen inactief"] == dutch(oracle_ratio(100 * inactive / new, inactive, new), 1) + "%"
    assert shown["Doorverwijzingen"] == oracle_text(referrals["n"].iloc[0])
    assert shown["Vrijwilligers"] == oracle_text(volunteers["n"].iloc[0])
    assert shown["Bereik per 1.000 inwoners"] == dutch(oracle_derived(1000 * people / inhabitants, people), 1)
    helps = {m.label: m.proto.help for m in at.metric}
    assert helps["Nieuw"].startswith("**Nieuwe deelnemers** — ")
    assert helps["Bereik per 1.000 inwoners"].startswith("**Bereik per 1.000 inwoners** — ")
    assert len(at.get("vega_lite_chart")) >= 5


def test_one_kern_metrics_comparison_chart_and_target_rules(app_env: Path) -> None:
    at = open_page(kern="overdinkel")
    shown = {m.label: m.value for m in at.metric}
    assert shown["Deelnemers"] == oracle_text(expected_reach(app_env, "overdinkel"))
    found = vega_charts(at)
    assert "Overdinkel" in found, list(found)  # the kern against the other kernen
    spec, _ = found["Deelnemers"]

    def mark_types(spec: dict) -> list[str]:  # layers nest: (lines + targets) + the <5 marks
        found = (
            [spec["mark"]["type"] if isinstance(spec["mark"], dict) else spec["mark"]]
            if "mark" in spec
            else []
        )
        return found + [m for layer in spec.get("layer", []) for m in mark_types(layer)]

    assert "rule" in mark_types(spec)  # the target for new participants
    targets = sql(
        app_env,
        "SELECT year, value FROM target WHERE kern_id = 'overdinkel' AND indicator_code = 'nieuwe_deelnemers'",
    )
    rules = found["Deelnemers"][1][1]
    assert sorted(rules["target"].round(4)) == sorted((targets["value"] / 12).round(4))


def test_trend_chart_data_equals_monthly_sql(app_env: Path) -> None:
    at = open_page()
    data = vega_charts(at)["Deelnemers"][1][0]
    monthly = data[data["code"] == "deelnemers_per_maand"].set_index("period")["value"]
    expected = sql(
        app_env,
        "SELECT month, sum(participants) AS n FROM participation WHERE month BETWEEN ? AND ? GROUP BY month",
        START,
        END,
    ).set_index("month")["n"]
    assert len(monthly) == 24
    assert {pd.Timestamp(k): v for k, v in monthly.items()} == {
        pd.Timestamp(k): rounded(v)
        for k, v in expected.items()  # no month of 1–4 here: all shown
    }


def test_breakdown_table_by_age_band_equals_sql(app_env: Path) -> None:
    at = open_page(deelname_uitsplitsing="leeftijd")
    table = next(d.value for d in at.dataframe if "Leeftijdsklasse" in d.value.columns)
    expected = sql(
        app_env,
        "SELECT category, sum(n) / 24.0 AS per_month FROM participation_breakdown "
        "WHERE dimension = 'leeftijd' AND month BETWEEN ? AND ? GROUP BY category",
        START,
        END,
    ).set_index("category")["per_month"]
    shown = dict(zip(table["Leeftijdsklasse"], table["Deelnemers per maand (gem.)"], strict=True))
    for category, label in (("65-74", "65–74 jaar"), ("0-17", "0–17 jaar")):  # from the rounded months
        assert shown[label] == dutch(oracle_derived(expected[category], round(expected[category] * 24)), 1)


def test_breakdown_by_participant_target_group_says_groups_overlap(app_env: Path) -> None:
    at = open_page(deelname_uitsplitsing="doelgroep")
    assert any("meer dan 100%" in c.value for c in at.caption)


def test_empty_database_shows_empty_states_not_a_traceback(empty_app_env: Path) -> None:
    at = open_page()
    assert any("Nog geen gegevens" in i.value for i in at.info)


def test_period_without_referrals_shows_an_empty_state(app_env: Path) -> None:
    at = open_page(periode=(timeline.BASELINE.start, timeline.BASELINE.end))
    assert any("Geen doorverwijzingen" in i.value for i in at.info)


# ------------------------------------------------------------------ planted patterns (data/README.md)
def test_deelname_trend_chart_shows_summer_dip(app_env: Path) -> None:
    """Pattern 4: the monthly line 'Deelnemers per maand' of chart 'Deelnemers' dips in Jul/Aug."""
    data = vega_charts(open_page())["Deelnemers"][1][0]
    monthly = data[data["code"] == "deelnemers_per_maand"]
    months = pd.to_datetime(monthly["period"]).dt.month
    summer = monthly.loc[months.isin([7, 8]), "value"].mean()
    rest = monthly.loc[~months.isin([7, 8]), "value"].mean()
    assert summer < 0.75 * rest


def test_deelname_novelty_chart_shows_baseline_2016_only_existing_activities(app_env: Path) -> None:
    """Pattern 6: chart 'Bestaand en nieuw aanbod' has no new or renewed activity in 2016."""
    data = vega_charts(open_page())["Bestaand en nieuw aanbod"][1][0].set_index(["phase", "novelty"])[
        "per_1000"
    ]
    assert data[("2016", "nieuw_vernieuwd")] == 0
    assert data[("2016", "bestaand")] > 0
    assert data[("2017–2018", "nieuw_vernieuwd")] > 0


def test_deelname_baseline_table_shows_continuity_in_2019(app_env: Path) -> None:
    """Pattern 5: column 'Deelnemermaanden 2019 t.o.v. 2018 (%)' of the baseline table — kernen
    that expected to go on (column 'Verwachting kern (eindevaluatie 2018)') keep their
    participation, the others fall back."""
    at = open_page()
    change_column = "Deelnemermaanden 2019 t.o.v. 2018 (%)"
    table = next(d.value for d in at.dataframe if change_column in d.value.columns)
    change = table[change_column].map(undutch)
    expectation = table["Verwachting kern (eindevaluatie 2018)"]
    going_on = change[expectation == "verwacht door te gaan"]
    falling_back = change[expectation == "verwacht terug te vallen"]
    expected = sql(
        app_env, "SELECT count(*) AS n FROM evaluation WHERE moment = 'eind_2018' AND continues_after_subsidy"
    )
    assert len(going_on) == expected["n"].iloc[0] and len(falling_back) > 0
    assert going_on.min() > falling_back.max()
    assert going_on.min() > -20


def test_deelname_reach_table_shows_walking_sports_in_ageing_kernen(app_env: Path) -> None:
    """Pattern 1: column 'Bewegen (per 1.000 inwoners)' of table 'Bereik per 1.000 inwoners per kern' is
    higher in kernen with 25 % or more 65+ (column 'Aandeel 65+')."""
    at = open_page(deelname_uitsplitsing="soort")
    table = next(d.value for d in at.dataframe if "Bewegen (per 1.000 inwoners)" in d.value.columns)

    def number(column: str) -> pd.Series:
        return table[column].map(undutch)

    ageing = number("Aandeel 65+") >= 25
    bewegen = number("Bewegen (per 1.000 inwoners)")
    assert ageing.sum() >= 3 and (~ageing).sum() >= 3
    assert bewegen[ageing].median() > 2 * bewegen[~ageing].median()


def test_deelname_referral_chart_shows_referrals_start_with_the_network(app_env: Path) -> None:
    """Pattern 3: chart 'Doorverwijzingen' for Overdinkel is empty before its referral network."""
    start = sql(
        app_env,
        "SELECT min(start_date) AS d FROM agreement WHERE kern_id = 'overdinkel' AND kind = 'doorverwijsnetwerk'",
    )["d"].iloc[0]
    data = vega_charts(open_page(kern="overdinkel"))["Doorverwijzingen"][1][0]
    periods = pd.to_datetime(data["period"])
    before, after = data[periods < pd.Timestamp(start)], data[periods >= pd.Timestamp(start)]
    assert (before["value_txt"] == "0").all()
    # after the signing: referrals, shown rounded or (most months in Overdinkel) as <5
    assert ((after["value"] > 0) | (after["value_txt"] == "<5")).sum() >= len(after) // 2


def test_deelname_volunteer_chart_shows_volunteers_grow_where_the_work_continues(app_env: Path) -> None:
    """Pattern 9: chart 'Vrijwilligers per kwartaal' — 2019 stays above 2016 in a continuing
    kern (Markelo) and drops below 2016 in one that falls back (Lutten)."""
    full = (timeline.MONITORING.start, timeline.MONITORING.end)

    def level(kern: str, year: int) -> float:
        data = vega_charts(open_page(periode=full, kern=kern))["Vrijwilligers per kwartaal"][1][0]
        active = data[data["code"] == "vrijwilligers_per_kwartaal"]
        return active.loc[pd.to_datetime(active["period"]).dt.year == year, "value"].mean()

    assert level("markelo", 2019) > level("markelo", 2016)
    assert level("lutten", 2019) < level("lutten", 2016)


def test_deelname_follows_the_shared_kern_of_a_link_and_an_older_deelname_link(app_env: Path) -> None:
    """?kern=<id> opens that kern; an older link's ?deelname_kern=<name> still does, once, and
    is replaced by ?kern=<id> (Deelname no longer has a kern chooser of its own)."""
    for params in ({"kern": "hertme"}, {"deelname_kern": "Hertme"}):
        at = fresh(PAGE, **params)
        assert at.selectbox(key="kern").value == "hertme", params
        assert at.query_params.get("kern") == "hertme" and "deelname_kern" not in at.query_params
        assert {m.label: m.value for m in at.metric}["Deelnemers"] == oracle_text(
            expected_reach(app_env, "hertme")
        )
        assert any(s.value == "Hertme tegenover de andere kernen" for s in at.subheader)
    # choosing all kernen removes the kern from the URL and shows the programme-wide figures
    at.selectbox(key="kern").set_value("alle").run()
    assert "kern" not in at.query_params
    assert {m.label: m.value for m in at.metric}["Deelnemers"] == oracle_text(expected_reach(app_env, None))


def test_deelname_sets_sport_beside_gemeente_overijssel_and_nederland(app_env: Path) -> None:
    """Issue 13: the public sport yardsticks of the kern's wijk beside its gemeente, Overijssel
    and Nederland (sv_analytics.yardsticks); values as the statistic table holds them (18+)."""
    at = open_page(kern="bathmen")
    table = table_with(at, "Gemeente Deventer (%)", "Overijssel (%)", "Nederland (%)")
    rows = table.set_index("Indicator")
    for code, name in (("wekelijks_sporter_pct", "Wekelijkse sporters"),
                       ("beweegrichtlijn_pct", "Voldoet aan de Beweegrichtlijnen 2017")):  # fmt: skip
        for region, column in (("GM0150", "Gemeente Deventer (%)"), ("PV23", "Overijssel (%)"),
                               ("NL01", "Nederland (%)")):  # fmt: skip
            value = sql(
                app_env,
                "SELECT value FROM statistic WHERE region_code = ? AND indicator = ? AND age_group = '18+' "
                "AND year = 2016",
                region,
                code,
            )["value"].iloc[0]
            assert rows.loc[name, column] == f"{dutch(value, 1)}%", (name, column)
    assert any("wijk" in column.lower() for column in table.columns)  # the kern's own wijk first
    everywhere = table_with(open_page(), "Overijssel (%)", "Nederland (%)")  # no kern: no wijk, no gemeente
    assert not any(column.startswith(("Wijk", "Gemeente")) for column in everywhere.columns)
