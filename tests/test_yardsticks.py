"""Sport yardsticks (sv_analytics.yardsticks): a kern's wijk beside its gemeente, Overijssel and
Nederland, read from the database; a real figure before a demo one; a file imported from the
publisher's layout (tests/fixtures/public) is then what is shown.

Expected values come from SQL written here, independently of sv_analytics.kernprofiel.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sv_analytics import db, registry, yardsticks
from sv_analytics.ingest.public import import_public_file
from tests.conftest import PROJECT, SHARED_REFERENCE, dutch

FIXTURE = PROJECT / "tests" / "fixtures" / "public" / "wsjg-sport-2016-2017.csv"
#: Bathmen lies in wijk WK015015 of Deventer (GM0150) in the kern registry.
AREAS = {"wijk": "WK015015", "gemeente": "GM0150", "provincie": "PV23", "land": "NL01"}
AGES = {"wekelijks_sporter_pct": "18+", "niet_wekelijks_sporter_pct": "19+", "beweegrichtlijn_pct": "18+",
        "sportvereniging_lid_pct": "totaal"}  # fmt: skip


def stored(conn: duckdb.DuckDBPyConnection, code: str, indicator: str, age: str, demo: bool | None = None):
    rows = conn.execute(
        """SELECT s.value, s.year FROM statistic s JOIN dataset d USING (dataset_id)
           WHERE s.region_code = ? AND s.indicator = ? AND s.age_group = ? AND (? IS NULL OR d.is_demo = ?)""",
        [code, indicator, age, demo, demo],
    ).fetchall()
    assert len(rows) == 1, (code, indicator, age, rows)
    return rows[0]


def by_area(frame, indicator: str) -> dict[str, float]:
    part = frame[frame["indicator"] == indicator]
    return dict(zip(part["area"], part["value"], strict=True))


def test_the_demo_wijk_stands_beside_gemeente_province_and_country(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    frame = yardsticks.kern_yardsticks(demo_conn, "bathmen")
    assert list(dict.fromkeys(frame["indicator"])) == list(yardsticks.CODES)
    for indicator, age in AGES.items():
        part = frame[frame["indicator"] == indicator]
        assert set(part["age_group"]) == {age}, indicator
        assert dict(zip(part["area"], part["region_code"], strict=True)) == AREAS, indicator
        for area, code in AREAS.items():
            value, year = stored(demo_conn, code, indicator, age)
            row = part[part["area"] == area].iloc[0]
            assert row["value"] == pytest.approx(value) and row["year"] == year, (indicator, area)
    assert frame["is_demo"].all() and not frame["derived"].any()
    assert set(frame["area_name"]) == {"Wijk WK015015", "Gemeente Deventer", "Overijssel", "Nederland"}


def test_the_table_has_a_percent_column_per_area_and_the_registry_in_its_export(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    frame = yardsticks.kern_yardsticks(demo_conn, "bathmen")
    table = yardsticks.yardstick_table(frame)
    shown = table.display()
    assert list(shown.columns) == ["Indicator", "Leeftijd", "Wijk WK015015 (%)", "Gemeente Deventer (%)",
                                   "Overijssel (%)", "Nederland (%)", "Jaar", "Bron"]  # fmt: skip
    assert list(shown["Indicator"]) == ["Wekelijkse sporters", "Niet-wekelijkse sporters (BBV)",
                                        "Voldoet aan de Beweegrichtlijnen 2017", "Lid van een sportvereniging"]  # fmt: skip
    value, _year = stored(demo_conn, "GM0150", "sportvereniging_lid_pct", "totaal")
    assert shown.iloc[3]["Gemeente Deventer (%)"] == dutch(value, 1) + "%"
    assert list(shown["Jaar"]) == ["2016", "2016", "2016", "2017"]
    assert set(table.indicator_codes) >= set(yardsticks.CODES)
    note = yardsticks.yardstick_note(frame)
    assert "Demo (fictief): 2016, 2017" in note and "fictief" in note


def test_a_real_imported_figure_is_shown_instead_of_the_demo_one(conn: duckdb.DuckDBPyConnection) -> None:
    """conn: a writable copy of the demo database; the fixture adds real-source rows for GM0150."""
    import_public_file(conn, FIXTURE)
    frame = yardsticks.kern_yardsticks(conn, "bathmen")
    niet = frame[frame["indicator"] == "niet_wekelijks_sporter_pct"].set_index("area")
    real, year = stored(conn, "GM0150", "niet_wekelijks_sporter_pct", "19+", demo=False)
    fictional, _ = stored(conn, "GM0150", "niet_wekelijks_sporter_pct", "19+", demo=True)
    assert real != fictional
    assert niet.loc["gemeente", "value"] == pytest.approx(real) and niet.loc["gemeente", "year"] == year
    assert not niet.loc["gemeente", "is_demo"] and niet.loc["gemeente", "source"].startswith(
        "waarstaatjegemeente"
    )
    assert niet.loc["provincie", "value"] == pytest.approx(48.9) and not niet.loc["provincie", "is_demo"]
    assert niet.loc["wijk", "is_demo"]  # the fixture has no wijk figures: the demo's stays
    members = by_area(frame, "sportvereniging_lid_pct")
    assert members["gemeente"] == pytest.approx(31.2) and members["land"] == pytest.approx(30.4)
    shown = yardsticks.yardstick_table(frame).display()
    assert shown.iloc[1]["Gemeente Deventer (%)"] == "50,1%"
    assert "waarstaatjegemeente.nl" in yardsticks.yardstick_note(frame)


def test_without_a_bbv_figure_the_derived_one_says_so(tmp_path: Path) -> None:
    """Real RIVM figures only (no BBV file, no demo): niet-wekelijks = 100 − wekelijkse sporters 18+."""
    conn = db.connect(tmp_path / "echt.duckdb")
    with db.transaction(conn):
        registry.write_registry(conn, registry.load_kernen())
    import_public_file(conn, SHARED_REFERENCE / "rivm-gezondheid-wijkbuurt-2016-11gem.csv")
    frame = yardsticks.kern_yardsticks(conn, "bathmen")
    weekly = by_area(frame, "wekelijks_sporter_pct")
    derived = frame[frame["indicator"] == "niet_wekelijks_sporter_pct"]
    assert derived["derived"].all() and set(derived["age_group"]) == {"18+"}
    for area, value in by_area(derived, "niet_wekelijks_sporter_pct").items():
        assert value == pytest.approx(100 - weekly[area])
    # NL01 in the reference file: 49.2 % weekly sporters (18+)
    assert by_area(derived, "niet_wekelijks_sporter_pct")["land"] == pytest.approx(50.8)
    assert "sportvereniging_lid_pct" not in set(frame["indicator"])  # no source: not shown
    shown = yardsticks.yardstick_table(frame).display()
    assert any("afgeleid" in name for name in shown["Indicator"])
    assert not frame["is_demo"].any() and "fictief" not in yardsticks.yardstick_note(frame)
    conn.close()


def test_gemeente_selection_and_all_gemeenten(demo_conn: duckdb.DuckDBPyConnection) -> None:
    borne = yardsticks.gemeente_yardsticks(demo_conn, "GM0147")
    assert set(borne["area"]) == {"gemeente", "provincie", "land"}
    assert set(borne["area_name"]) == {"Gemeente Borne", "Overijssel", "Nederland"}
    value, _ = stored(demo_conn, "GM0147", "beweegrichtlijn_pct", "18+")
    assert by_area(borne, "beweegrichtlijn_pct")["gemeente"] == pytest.approx(value)
    everyone = yardsticks.gemeente_yardsticks(demo_conn, None)
    assert set(everyone["area"]) == {"provincie", "land"} and len(everyone) == 2 * len(yardsticks.CODES)


def test_an_unknown_kern_has_no_yardsticks(demo_conn: duckdb.DuckDBPyConnection) -> None:
    assert yardsticks.kern_yardsticks(demo_conn, "atlantis").empty
