"""AppTest: the page Kernprofiel en doelgroepen renders and shows the right numbers.

Expected numbers come from SQL written here, independently of sv_analytics.kernprofiel; the
planted demo pattern 10 (krimp in ageing villages, growth in city wijken) and the ageing
kernen must be visible in the charts' data.
"""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import dutch, open_app_page, table_with, vega_charts

PAGE = "app_pages/kernprofiel.py"

WIJK_POPULATION = """
    SELECT s.year, s.age_group, sum(s.value) AS value
    FROM kern_region AS kr
    JOIN statistic AS s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
    WHERE kr.kern_id = ? AND kr.year = 2017 AND s.indicator = 'inwoners'
    GROUP BY ALL
"""


def population(db: Path, kern_id: str) -> dict[tuple[int, str], float]:
    with duckdb.connect(str(db)) as conn:
        return {(y, a): v for y, a, v in conn.execute(WIJK_POPULATION, [kern_id]).fetchall()}


def expected_kern_figures(db: Path, kern_id: str) -> dict[str, object]:
    """Inhabitants, 65+ share, growth, 18+ approximation and prevalences by plain SQL."""
    pop = population(db, kern_id)
    with duckdb.connect(str(db)) as conn:
        inhabitants = conn.execute("SELECT inhabitants FROM kern WHERE kern_id = ?", [kern_id]).fetchone()[0]
        prevalence = dict(
            conn.execute(
                """
                SELECT s.indicator, s.value FROM kern_region kr
                JOIN statistic s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
                WHERE kr.kern_id = ? AND kr.year = 2017 AND s.year = 2016 AND s.age_group = '18+'
                """,
                [kern_id],
            ).fetchall()
        )
    total = pop[(2017, "totaal")]
    adults = 0.7 * pop[(2017, "15-24")] + pop[(2017, "25-44")] + pop[(2017, "45-64")] + pop[(2017, "65+")]
    return {
        "inhabitants": inhabitants,
        "total": total,
        "share_65": 100 * pop[(2017, "65+")] / total,
        "growth": ((pop[(2019, "totaal")] / pop[(2016, "totaal")]) ** (1 / 3) - 1) * 100,
        "adults": adults,
        "prevalence": prevalence,
    }


def charts(at: AppTest) -> list[tuple[dict, pd.DataFrame]]:
    """(vega-lite spec, data) of every chart on the page, in page order.

    The page's charts have no title, and conftest's ``vega_charts`` keys charts by title; so
    each chart is read through it on its own."""
    found = []
    for element in at.get("vega_lite_chart"):
        ((spec, frames),) = vega_charts(SimpleNamespace(get=lambda _kind, e=element: [e])).values()
        found.append((spec, pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()))
    return found


def heatmap_data(at: AppTest) -> pd.DataFrame:
    return next(data for spec, data in charts(at) if "layer" in spec)


def growth_data(at: AppTest) -> pd.DataFrame:
    return next(
        data
        for spec, data in charts(at)
        if spec.get("encoding", {}).get("x", {}).get("field") == "growth_pct"
    )


def test_page_renders_population_metrics_and_charts(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    assert at.title[0].value == "Kernprofiel en doelgroepen"
    expected = expected_kern_figures(app_env, "bathmen")
    shown = {m.label: m.value for m in at.metric}
    assert shown == {
        "Inwoners van de kern": dutch(expected["inhabitants"]),
        "Inwoners van de wijk": dutch(expected["total"]),
        "Aandeel 65-plussers": dutch(expected["share_65"], 1) + "%",
        "Bevolkingsontwikkeling": dutch(expected["growth"], 2) + "%",
    }
    assert "Berekening" in at.metric[2].proto.help
    # population trend, health dot chart, heat map, krimp/groei
    assert len(at.get("vega_lite_chart")) == 4
    ages = table_with(at, "Leeftijdsgroep")
    pop = population(app_env, "bathmen")
    assert list(ages["Inwoners"]) == [
        dutch(pop[(2017, a)]) for a in ("0-14", "15-24", "25-44", "45-64", "65+")
    ]


def test_health_table_sets_the_wijk_beside_gemeente_province_and_country(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    table = table_with(at, "Indicator")
    with duckdb.connect(str(app_env)) as conn:
        rows = conn.execute(
            """
            SELECT s.region_level, s.value FROM statistic s
            WHERE s.indicator = 'chronisch_pct' AND s.age_group = '65+' AND s.year = 2016
              AND s.region_code IN ('WK015015', 'GM0150', 'PV23', 'NL01')
            """
        ).fetchall()
    expected = {level: dutch(value, 1) + "%" for level, value in rows}
    row = table[
        (table["Indicator"] == "Eén of meer langdurige aandoeningen")
        & (table["Leeftijd"] == "65 jaar en ouder")
    ]
    assert row.iloc[0]["Wijk WK015015"] == expected["wijk"]
    assert row.iloc[0]["Gemeente Deventer"] == expected["gemeente"]
    assert row.iloc[0]["Overijssel"] == expected["provincie"]
    assert row.iloc[0]["Nederland"] == expected["land"]
    assert set(table["Jaar"]) == {"2016"}
    assert set(table["Bron"]) == {"Demo (fictief)"}
    assert len(table) == 9 * 2  # nine indicators, 18+ and 65+


def test_target_group_estimates_equal_independent_sql(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="hertme")
    assert any("Zenderen ligt erin" in i.value for i in at.info)  # the wijk holds more than the kern
    expected = expected_kern_figures(app_env, "hertme")
    table = table_with(at, "Doelgroep").set_index("Doelgroep")

    def kern_count(share: float) -> str:
        return dutch(math.floor(expected["inhabitants"] * share / 100 / 10 + 0.5) * 10)

    seniors = expected["share_65"]
    assert table.loc["Senioren (65+)", "Geschat aandeel van de inwoners"] == dutch(seniors, 1) + "%"
    assert table.loc["Senioren (65+)", "Geschat aantal in de kern"] == kern_count(seniors)
    for label, code in [("Chronische aandoening", "chronisch_pct"), ("Overgewicht", "overgewicht_pct"),
                        ("Psychische problemen", "angst_depressie_risico_pct")]:  # fmt: skip
        share = 100 * expected["adults"] * expected["prevalence"][code] / 100 / expected["total"]
        assert table.loc[label, "Geschat aandeel van de inwoners"] == dutch(share, 1) + "%", label
        assert table.loc[label, "Geschat aantal in de kern"] == kern_count(share), label
    with duckdb.connect(str(app_env)) as conn:
        chosen = {
            r[0]
            for r in conn.execute(
                "SELECT doelgroep FROM kern_target_group WHERE kern_id = 'hertme'"
            ).fetchall()
        }
        holders = conn.execute(
            "SELECT count(*) FROM statistic WHERE region_level = 'kern' AND region_code = 'hertme' "
            "AND indicator = 'statushouders'"
        ).fetchone()[0]
        facilities = conn.execute("SELECT count(*) FROM facility WHERE kern_id = 'hertme'").fetchone()[0]
    labels = {"senioren": "Senioren (65+)", "chronisch": "Chronische aandoening", "overgewicht": "Overgewicht",
              "psychisch": "Psychische problemen", "statushouders": "Vluchtelingen / statushouders"}  # fmt: skip
    assert set(table.index[table["Gekozen door de kern"] == "ja"]) == {labels[c] for c in chosen}
    assert holders == 0
    assert table.loc["Vluchtelingen / statushouders", "Geschat aantal in de kern"] == "onbekend"
    assert len(table_with(at, "Accommodatie")) == facilities


def test_heatmap_puts_the_ageing_kernen_on_top_and_marks_them(app_env: Path) -> None:
    """Heat map (section 4): the ageing kernen (65+ ≥ 25%) stand out — top rows, bold 'vergrijsd'."""
    at = open_app_page(PAGE, kern="bathmen")
    data = heatmap_data(at)
    with duckdb.connect(str(app_env)) as conn:
        shares = dict(
            conn.execute(
                """
                SELECT k.name, sum(s.value) FILTER (WHERE s.age_group = '65+')
                               / sum(s.value) FILTER (WHERE s.age_group = 'totaal')
                FROM kern k JOIN kern_region kr USING (kern_id)
                JOIN statistic s ON s.region_code = kr.region_code AND s.region_level = 'wijk'
                WHERE s.year = 2017 AND s.indicator = 'inwoners'
                GROUP BY k.name
                """
            ).fetchall()
        )
    ageing = {name for name, share in shares.items() if share >= 0.25}
    assert len(ageing) >= 5
    marked = set(data.loc[data["kern_label"].str.endswith("vergrijsd"), "kern"])
    assert marked == ageing
    order = list(dict.fromkeys(data["kern"]))
    assert set(order[: len(ageing)]) == ageing
    seniors = data[data["doelgroep"] == "senioren"].set_index("kern")
    assert (seniors.loc[sorted(ageing), "deviation"] > 0).all()
    for name, share in shares.items():
        assert seniors.loc[name, "value_txt"] == dutch(100 * share, 1)
    assert len(data) == 22 * 5


def test_growth_chart_shows_krimp_in_ageing_villages_and_growth_in_city_wijken(app_env: Path) -> None:
    """Pattern 10 on the krimp/groei bar chart of section 4."""
    at = open_app_page(PAGE, kern="bathmen")
    data = growth_data(at).drop_duplicates("kern_id").set_index("kern_id")
    ageing = data[data["ageing"]]
    city = data[data["kern_type"] == "wijk"]
    assert len(ageing) >= 5 and len(city) == 4
    assert (ageing["growth_pct"] < -1.0).all()
    assert (city["growth_pct"] > 1.0).all()
    for kern_id in ("hertme", "berkum", "bathmen"):
        assert data.loc[kern_id, "growth_pct"] == pytest.approx(
            expected_kern_figures(app_env, kern_id)["growth"]
        )


def test_gemeente_filter_limits_the_comparison_and_the_kern_choice(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0147")
    assert set(at.selectbox(key="kern").options) == {"Hertme (Borne)", "Zenderen (Borne)"}
    assert set(heatmap_data(at)["kern"]) == {"Hertme", "Zenderen"}
    assert set(table_with(at, "Aandeel 65+")["Kern"]) == {"Hertme", "Zenderen"}


def test_health_chart_follows_the_age_choice(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    dots = next(d for s, d in charts(at) if s.get("mark", {}).get("type") == "point")
    assert set(dots["age_group"]) == {"18+"}
    at.segmented_control(key="kp_leeftijd").set_value("65+").run()
    dots = next(d for s, d in charts(at) if s.get("mark", {}).get("type") == "point")
    assert set(dots["age_group"]) == {"65+"}
    assert set(dots["area"]) == {"Wijk WK015015", "Gemeente Deventer", "Overijssel", "Nederland"}


def test_database_without_statistics_shows_empty_states(empty_app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    infos = " ".join(i.value for i in at.info)
    assert "Nog geen inwonercijfers" in infos
    assert "Nog geen gezondheidscijfers" in infos
    assert "nog niet te schatten" in infos
    assert "Nog geen cijfers om de kernen te vergelijken" in infos
    assert "Nog geen sportcijfers" in infos
    assert len(at.get("vega_lite_chart")) == 0


def test_real_context_shows_the_raalte_warning_and_falls_back_to_the_gemeente(
    reference_app_env: Path,
) -> None:
    at = open_app_page(PAGE, kern="heeten")
    assert any("WK017702" in w.value and "niet betrouwbaar" in w.value for w in at.warning)
    assert any("hele gemeente Raalte" in i.value for i in at.info)  # no CBS wijk figures in the reference
    assert "Inwoners van de gemeente" in {m.label for m in at.metric}
    table = table_with(at, "Doelgroep").set_index("Doelgroep")
    # the renumbered wijk is not used for the estimate: the gemeente's prevalence is
    assert "(gemeente)" in table.loc["Chronische aandoening", "Bron"]
    assert len(at.get("vega_lite_chart")) == 4


def test_sport_yardsticks_set_the_wijk_beside_gemeente_province_and_country(app_env: Path) -> None:
    """The new rows: BBV niet-wekelijkse sporters, Beweegrichtlijnen 2017 and club membership, with
    sources and years in the caption (values from independent SQL)."""
    at = open_app_page(PAGE, kern="bathmen")
    table = table_with(at, "Wijk WK015015 (%)")
    with duckdb.connect(str(app_env)) as conn:
        rows = conn.execute(
            """
            SELECT s.indicator, s.region_level, s.value FROM statistic s
            WHERE s.region_code IN ('WK015015', 'GM0150', 'PV23', 'NL01')
              AND (s.indicator, s.age_group) IN (('niet_wekelijks_sporter_pct', '19+'),
                   ('sportvereniging_lid_pct', 'totaal'), ('beweegrichtlijn_pct', '18+'))
            """
        ).fetchall()
    expected = {(i, level): dutch(v, 1) + "%" for i, level, v in rows}
    names = {"niet_wekelijks_sporter_pct": "Niet-wekelijkse sporters (BBV)",
             "sportvereniging_lid_pct": "Lid van een sportvereniging",
             "beweegrichtlijn_pct": "Voldoet aan de Beweegrichtlijnen 2017"}  # fmt: skip
    headers = {"wijk": "Wijk WK015015 (%)", "gemeente": "Gemeente Deventer (%)", "provincie": "Overijssel (%)",
               "land": "Nederland (%)"}  # fmt: skip
    for code, name in names.items():
        row = table[table["Indicator"] == name].iloc[0]
        for level, header in headers.items():
            assert row[header] == expected[(code, level)], (code, level)
    assert list(table["Jaar"]) == ["2016", "2016", "2016", "2017"]
    captions = " ".join(c.value for c in at.caption)
    assert "Bronnen en jaren: Demo (fictief): 2016, 2017" in captions
    assert "waarstaatjegemeente.nl" in captions and "Beweegrichtlijnen 2017" in captions
    assert "fictief" in captions


def heatmap_colours(at: AppTest) -> tuple[list[float], dict[tuple[str, str], float], str]:
    """The heat map's colour domain, each cell's colour value (kern, doelgroep → deviation) and
    the legend title, as the chart spec sent to the browser has them."""
    spec, data = next((spec, data) for spec, data in charts(at) if "layer" in spec)
    colour = next(
        layer["encoding"]["color"] for layer in spec["layer"] if "scale" in layer["encoding"]["color"]
    )
    cells = {(r.kern, r.doelgroep): r.deviation for r in data.itertuples()}
    return colour["scale"]["domain"], cells, colour["title"]


def test_heatmap_colours_do_not_change_with_the_gemeente_filter(app_env: Path) -> None:
    """Issue 14: a kern's cell has the same colour with and without a gemeente filter — the
    deviation is from the mean of all 22 kernen and the domain is the programme's, as the legend says."""
    everywhere, all_cells, title = heatmap_colours(open_app_page(PAGE, kern="bathmen"))
    borne, borne_cells, borne_title = heatmap_colours(open_app_page(PAGE, gemeente="GM0147"))
    assert {kern for kern, _group in borne_cells} == {"Hertme", "Zenderen"}
    assert borne == everywhere
    for cell, deviation in borne_cells.items():
        assert deviation == pytest.approx(all_cells[cell], nan_ok=True)
    assert title == borne_title == "Verschil t.o.v. het gemiddelde van alle 22 kernen (procentpunt)"
    # the domain is the largest difference over all kernen, wider than Borne's own two
    largest = max(abs(v) for v in all_cells.values() if v == v)
    assert everywhere == pytest.approx([-largest, largest])
    assert largest > max(abs(v) for v in borne_cells.values() if v == v)
