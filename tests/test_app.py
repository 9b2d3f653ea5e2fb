"""AppTest: the app and the Overzicht page render and show the right numbers.

Expected numbers come from SQL written here, independently of sv_analytics' queries.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import config
from tests.conftest import PROJECT, dutch
from tests.test_privacy import oracle_text

APP = str(PROJECT / "app.py")


def expected_headline(
    db_path: Path, start: date, end: date, gemeente: str | None = None, doelgroep: str | None = None
) -> dict[str, str]:
    """The headline figures by plain SQL, formatted the Dutch way (protected, as the local beheerder
    sees them with exact counts off)."""
    # Same configuration as the app's connection (read-write): DuckDB allows one
    # configuration per file within a process.
    with duckdb.connect(str(db_path)) as conn:
        kernen = [r[0] for r in conn.execute(
            "SELECT kern_id FROM kern WHERE ? IS NULL OR gemeente_code = ?", [gemeente, gemeente]
        ).fetchall()]  # fmt: skip
        activities = [r[0] for r in conn.execute(
            "SELECT activity_id FROM activity a WHERE list_contains(?, kern_id) AND (? IS NULL OR activity_id IN "
            "(SELECT activity_id FROM activity_target_group WHERE doelgroep = ?))", [kernen, doelgroep, doelgroep],
        ).fetchall()]  # fmt: skip
        rows = conn.execute(
            "SELECT activity_id, month, participants, new_participants FROM participation "
            "WHERE month >= ? AND month <= ? AND list_contains(?, activity_id) ORDER BY activity_id, month",
            [start, end, activities],
        ).fetchall()
        referrals = conn.execute(
            "SELECT coalesce(sum(n), 0) FROM referral WHERE month >= ? AND month <= ? "
            "AND list_contains(?, kern_id) AND (? IS NULL OR doelgroep = ?)",
            [start, end, kernen, doelgroep, doelgroep],
        ).fetchone()[0]
    reach, new, active, seen = 0, 0, set(), set()
    for activity_id, _month, participants, new_participants in rows:
        reach += new_participants if activity_id in seen else participants  # first month: all present
        seen.add(activity_id)
        new += new_participants
        if participants > 0:
            active.add(activity_id)

    # the counts of people (and activities) as a protected screen shows them (issue 12: rounded to
    # 5, 1–4 as <5; the oracle is tests/test_privacy.py); the number of kernen is not protected
    return {
        "Kernen": dutch(len(kernen)),
        "Activiteiten": oracle_text(len(active)),
        "Deelnemers": oracle_text(reach),
        "Nieuwe deelnemers": oracle_text(new),
        "Doorverwijzingen": oracle_text(referrals),
    }


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown_metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overzicht_renders_with_banner_map_and_headline(app_env: Path) -> None:
    at = run_app()
    assert any("Demo — fictieve gegevens" in w.value for w in at.warning)
    assert at.title[0].value == "Overzicht"
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.json)
    points = next(layer for layer in spec["layers"] if layer["id"] == "kernen")
    assert len(points["data"]) == 22
    assert shown_metrics(at) == expected_headline(app_env, date(2017, 1, 1), date(2018, 12, 1))


def test_headline_follows_the_gemeente_filter(app_env: Path) -> None:
    at = run_app()
    at.selectbox(key="gemeente").set_value("GM0150").run()
    assert not at.exception
    shown = shown_metrics(at)
    assert shown["Kernen"] == "2"
    assert shown == expected_headline(app_env, date(2017, 1, 1), date(2018, 12, 1), "GM0150")


def test_headline_follows_the_period_filter(app_env: Path) -> None:
    at = run_app()
    at.select_slider(key="periode").set_value((date(2016, 1, 1), date(2016, 12, 1))).run()
    assert not at.exception
    expected = expected_headline(app_env, date(2016, 1, 1), date(2016, 12, 1))
    assert shown_metrics(at) == expected
    assert expected["Doorverwijzingen"] == "0"  # no referral network before 2017


def test_headline_follows_the_doelgroep_filter(app_env: Path) -> None:
    at = run_app()
    at.selectbox(key="doelgroep").set_value("senioren").run()
    assert not at.exception
    assert shown_metrics(at) == expected_headline(
        app_env, date(2017, 1, 1), date(2018, 12, 1), doelgroep="senioren"
    )
    assert shown_metrics(at) != expected_headline(app_env, date(2017, 1, 1), date(2018, 12, 1))


def test_map_colours_follow_the_chosen_indicator_with_a_legend(app_env: Path) -> None:
    at = run_app()
    at.selectbox(key="kleur").set_value("participants_per_1000").run()
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    points = next(layer for layer in spec["layers"] if layer["id"] == "kernen")
    colours = {tuple(p["colour"]) for p in points["data"]}
    assert len(colours) >= 3  # a scale, not one colour
    legend = [m.value for m in at.markdown if "Bereik per 1.000 inwoners" in m.value]
    assert legend and "per 1.000 inwoners" in legend[0]


def test_kern_table_links_to_the_profile_and_offers_downloads(app_env: Path) -> None:
    at = run_app()
    table = at.dataframe[0].value
    assert table["Profiel"].iloc[0].startswith("kernprofiel?kern=")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Kaart als PNG", "CSV", "Excel"]


#: The headline metrics by label, and the registry indicator each one shows.
HEADLINE_INDICATORS = {
    "Kernen": "kernen",
    "Activiteiten": "activiteiten",
    "Deelnemers": "deelnemers",
    "Nieuwe deelnemers": "nieuwe_deelnemers",
    "Doorverwijzingen": "doorverwijzingen",
}


def test_metrics_carry_their_registry_definition(app_env: Path) -> None:
    from sv_analytics import indicators

    at = run_app()
    helps = {m.label: m.proto.help for m in at.metric}
    assert helps == {label: indicators.get(code).help_text() for label, code in HEADLINE_INDICATORS.items()}
    assert "Berekening" in helps["Deelnemers"]
    assert "Monitoringgegevens" in helps["Doorverwijzingen"]


def test_small_counts_are_suppressed_in_the_kern_table(app_env: Path) -> None:
    at = run_app()
    at.select_slider(key="periode").set_value((date(2017, 5, 1), date(2017, 5, 1))).run()
    table = at.dataframe[0].value
    assert "<5" in set(table["Doorverwijzingen"])
    assert not table["Doorverwijzingen"].isin(["1", "2", "3", "4"]).any()


def test_database_without_demo_shows_no_banner_and_an_empty_state(empty_app_env: Path) -> None:
    at = run_app()
    assert not any("Demo" in w.value for w in at.warning)
    assert any("Nog geen gegevens" in i.value for i in at.info)
    assert shown_metrics(at)["Kernen"] == "22"


def test_first_start_builds_the_demo_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nieuw" / "sv.duckdb"
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    at = run_app()
    assert path.exists()
    assert any("Demo — fictieve gegevens" in w.value for w in at.warning)


def test_a_failing_first_demo_build_says_why_in_dutch_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app builds its demo database through the CLI in a child process; when that fails
    (here: a reference folder that does not exist) the page says so, naming only the file."""
    path = tmp_path / "nieuw" / "sv.duckdb"
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_REFERENCE_DIR, str(tmp_path / "bestaat-niet"))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "De demodatabase 'sv.duckdb' kon niet worden gebouwd" in shown
    assert "logboek van de server" in shown and str(tmp_path) not in shown
    assert not path.exists()


def test_unusable_database_gives_a_dutch_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kapot.duckdb"
    path.write_text("geen database\n" * 50)
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("kan niet worden geopend" in e.value for e in at.error)


def test_gegevens_renders_with_kernen_download_and_log(app_env: Path) -> None:
    at = run_app()
    at.switch_page("app_pages/gegevens.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Gegevens aanleveren"
    assert any("Demo — fictieve gegevens" in w.value for w in at.warning)
    with duckdb.connect(str(app_env)) as conn:
        kernen = conn.execute("SELECT count(*) FROM kern").fetchone()[0]
        log_rows = conn.execute("SELECT count(*) FROM import_log").fetchone()[0]
    assert len(at.selectbox(key="kern_gegevens").options) == kernen
    assert len(at.get("download_button")) == 2
    log = at.dataframe[-1].value
    assert len(log) == min(log_rows, 20)
    assert log.iloc[0]["Actie"] == "demodatabase"


def test_banner_says_context_is_real_when_built_with_reference(reference_app_env: Path) -> None:
    at = run_app()
    banners = [w.value for w in at.warning if "Demo — fictieve gegevens" in w.value]
    assert len(banners) == 1
    # the compact banner: the headline in the box, its explanation beside it (components.demo_banner)
    assert any("contextcijfers en kaarten komen uit echte bestanden" in c.value for c in at.caption)


def test_close_kernen_write_their_names_on_opposite_sides() -> None:
    """Glinde-Hooiland and De Lutte lie close together: their names must not both go right."""
    from sv_analytics import maps, registry

    kernen = registry.load_kernen().set_index("kern_id")
    sides = maps.label_sides(kernen[["lat", "lon"]])
    assert sides.at["glinde-hooiland", "label_anchor"] != "start"  # left, above or below
    assert sides.at["de-lutte", "label_anchor"] == "start"
    assert sides.at["lutten", "label_anchor"] == "start"  # alone: name to the right
