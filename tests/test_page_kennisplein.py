"""AppTest: the page Kennisplein searches, filters and links its items to the kernen.

Expected numbers come from plain SQL written here (ILIKE on title and body), not from
sv_analytics.kennisplein. The demo text has no accented words, so accents are tested by typing
them in the query (the text without them must still be found).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT, open_app_page, vega_charts

APP = str(PROJECT / "app.py")
PAGE = "app_pages/kennisplein.py"
LINK = re.compile(r"\]\((/[a-z_]+)\?([^)]*)\)")


def count_shown(at: AppTest) -> int | None:
    """The number of the count line ("**9 resultaten** …"), None when there is none."""
    for element in at.markdown:
        if match := re.match(r"\*\*(\d+) resulta", element.value):
            return int(match.group(1))
    return None


def count_by_sql(db: Path, where: str = "TRUE", *words: str) -> int:
    """Items matching ``where`` whose title or body contains every word (ILIKE, plain SQL)."""
    text = " AND ".join("(i.title ILIKE ? OR i.body ILIKE ?)" for _ in words) or "TRUE"
    params = [f"%{w}%" for w in words for _ in range(2)]
    with duckdb.connect(str(db)) as conn:
        return conn.execute(
            f"SELECT count(*) FROM kennisplein_item i JOIN kern k USING (kern_id) WHERE {where} AND {text}",
            params,
        ).fetchone()[0]


def link_lines(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("Cijfers van ")]


def results_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Titel" in d.value.columns)


def test_kennisplein_shows_all_items_with_chart_and_table(app_env: Path) -> None:
    at = open_app_page(PAGE)
    total = count_by_sql(app_env)
    assert count_shown(at) == total == len(results_table(at))
    assert len(link_lines(at)) == min(total, 10)
    _, datasets = vega_charts(at)["Items per thema en soort"]
    with duckdb.connect(str(app_env)) as conn:
        expected = conn.execute(
            "SELECT theme, kind, count(*) AS n FROM kennisplein_item GROUP BY ALL ORDER BY ALL"
        ).df()
    drawn = datasets[0]
    assert drawn["items"].sum() == total
    assert sorted(drawn["items"]) == sorted(expected["n"])
    labels = {"samenwerking": "Samenwerking", "vrijwilligers": "Vrijwilligers", "bewegen": "Bewegen"}
    assert set(drawn["theme"]) == {labels[c] for c in expected["theme"]}


def test_search_word_with_filters_counts_as_plain_sql(app_env: Path) -> None:
    at = open_app_page(PAGE, doelgroep="chronisch", kp_soort="goede_praktijk", kp_zoek="huisarts")
    expected = count_by_sql(
        app_env,
        "i.kind = 'goede_praktijk' AND EXISTS (SELECT 1 FROM kennisplein_target_group g "
        "WHERE g.item_id = i.item_id AND g.doelgroep = 'chronisch')",
        "huisarts",
    )
    assert expected > 0
    assert count_shown(at) == expected == len(results_table(at))
    assert "Zoekscore" in results_table(at).columns
    assert any(":orange-background[huisartsenpraktijk]" in m.value for m in at.markdown)  # title hit marked
    assert any(m.value.startswith(r"**Huisarts**\, POH") for m in at.markdown)  # body hit in bold


def test_search_with_gemeente_and_theme_counts_as_plain_sql(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0150", kp_thema="samenwerking", kp_zoek="vereniging")
    expected = count_by_sql(app_env, "k.gemeente_code = 'GM0150' AND i.theme = 'samenwerking'", "vereniging")
    assert count_shown(at) == expected == len(results_table(at))
    assert set(results_table(at)["Gemeente"]) == {"Deventer"}


@pytest.mark.parametrize("typed", ["HUISARTS", "Húísärts", "huisARTS"])
def test_search_ignores_case_and_accents(app_env: Path, typed: str) -> None:
    at = open_app_page(PAGE, kp_zoek=typed)
    assert count_shown(at) == count_by_sql(app_env, "TRUE", "huisarts") > 0


def test_search_finds_word_prefixes_and_parts_of_compounds(app_env: Path) -> None:
    prefix = open_app_page(PAGE, kp_zoek="doorverw")
    assert count_shown(prefix) == count_by_sql(app_env, "TRUE", "doorverwijzen") > 0
    part = open_app_page(PAGE, kp_zoek="vleugel")  # "vleugels"
    assert count_shown(part) == count_by_sql(app_env, "TRUE", "vleugels") > 0


def test_every_word_of_the_query_must_occur(app_env: Path) -> None:
    at = open_app_page(PAGE, kp_zoek="borg vrijwilligers")
    assert count_shown(at) == count_by_sql(app_env, "TRUE", "borg", "vrijwilligers") > 0


def test_no_results_shows_the_empty_state_with_a_hint(app_env: Path) -> None:
    at = open_app_page(PAGE, kp_zoek="zwembadkantine")
    assert count_shown(at) == 0
    assert any(i.value.startswith("Geen resultaten") and "Tip" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")
    assert not link_lines(at)


def test_result_links_open_the_kern_on_kernprofiel_mijn_kern_and_deelname(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    lines = link_lines(at)
    with duckdb.connect(str(app_env)) as conn:
        n = conn.execute("SELECT count(*) FROM kennisplein_item WHERE kern_id = 'bathmen'").fetchone()[0]
    assert len(lines) == n > 0
    for path, params in LINK.findall(lines[0]):
        target = AppTest.from_file(APP, default_timeout=120)
        target.run()
        target.switch_page(f"app_pages{path}.py")
        for key, values in parse_qs(params).items():
            target.query_params[key] = values[0]
        target.run()
        assert not target.exception, [e.message for e in target.exception]
        assert params == "kern=bathmen", (path, params)  # the shared kern filter's id link
        assert target.selectbox(key="kern").value == "bathmen", path


def test_kennisplein_every_item_links_to_an_existing_kern(app_env: Path) -> None:
    """Not a planted pattern: every item (on every result page) links to a kern in the registry."""
    at = open_app_page(PAGE)
    seen: list[str] = []
    pager = next((s for s in at.selectbox if str(s.key).startswith("kp_pagina_")), None)
    pages = list(pager.options) if pager else ["1"]
    for number in pages:
        if pager:
            at.selectbox(key=pager.key).set_value(int(number)).run()
        for line in link_lines(at):
            ids = {parse_qs(q)["kern"][0] for _, q in LINK.findall(line)}
            assert len(ids) == 1, line
            seen.append(ids.pop())
    with duckdb.connect(str(app_env)) as conn:
        items = sorted(r[0] for r in conn.execute("SELECT kern_id FROM kennisplein_item").fetchall())
        kernen = {r[0] for r in conn.execute("SELECT kern_id FROM kern").fetchall()}
    assert sorted(seen) == items
    assert set(seen) <= kernen


def test_a_shared_link_restores_the_search_and_filters(app_env: Path) -> None:
    """The URL holds the query and each filter's label (Streamlit writes labels of bound selectboxes)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(PAGE)
    at.query_params.update({"kp_zoek": "borg", "kp_fase": "4 Evaluatie", "kp_soort": "Geleerde les"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.text_input(key="kp_zoek").value == "borg"
    assert at.selectbox(key="kp_fase").value == "4"
    assert at.selectbox(key="kp_soort").value == "les"
    expected = count_by_sql(app_env, "i.phase = 4 AND i.kind = 'les'", "borg")
    assert count_shown(at) == expected > 0


def test_kennisplein_on_an_empty_database(empty_app_env: Path) -> None:
    at = open_app_page(PAGE)
    assert count_shown(at) == 0
    assert [i.value for i in at.info if "kennisplein" in i.value]
    at.text_input(key="kp_zoek").set_value("huisarts").run()
    assert not at.exception


def test_kennisplein_with_real_context(reference_app_env: Path) -> None:
    at = open_app_page(PAGE, kp_zoek="vereniging")
    assert count_shown(at) == count_by_sql(reference_app_env, "TRUE", "vereniging") > 0


def test_choosing_another_gemeente_resets_a_kern_outside_it(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    at.selectbox(key="gemeente").set_value("GM0141").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="kern").value == "alle"
    assert count_shown(at) == count_by_sql(app_env, "k.gemeente_code = 'GM0141'")


def test_kennisplein_honours_a_kern_link_and_a_kern_chosen_on_another_page(app_env: Path) -> None:
    """?kern=<id> filters the items to that kern; so does a kern chosen on another page. The
    default kern a one-kern page shows without a choice does not narrow the Kennisplein."""
    n_hertme = count_by_sql(app_env, "i.kern_id = 'hertme'")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(PAGE)
    at.query_params["kern"] = "hertme"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="kern").value == "hertme"
    assert count_shown(at) == n_hertme > 0

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/kernprofiel.py").run()  # shows its default kern, nobody chose it
    at.query_params.clear()  # a sidebar click opens the next page without the previous query
    at.switch_page(PAGE).run()
    assert at.selectbox(key="kern").value == "alle"
    at.query_params.clear()
    at.switch_page("app_pages/mijn_kern.py").run()
    at.selectbox(key="kern").set_value("hertme").run()
    at.query_params.clear()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="kern").value == "hertme"
    assert at.query_params.get("kern") == "hertme"
    assert count_shown(at) == n_hertme
