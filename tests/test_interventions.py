"""Loket Gezond Leven interventions per kern (sv_analytics/interventions.py): values after a
workbook import that carries levels, ordering, the minimum-level filter, the per-kern count and
approach group, the typed table, and the scope of the cursor (directly and through state.run)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import access, db, indicators, interventions, scope
from sv_analytics.access import Scope
from sv_analytics.ingest import workbook
from tests.conftest import writable_copy
from tests.workbooks import column_of, export_workbook, set_cell

#: What the test workbook gives Bathmen's activities (act02 keeps the demo's Gymnastiek 55+
#: intervention, Goed beschreven; act05 and act06 keep theirs).
IMPORTED = {
    "act01": ("Samen Sterk Voetbal (fictief)", "Sterke aanwijzingen voor effectiviteit"),
    "act03": ("Buiten Bewegen (fictief)", None),  # a named intervention without a level
}
#: The levels at or above Eerste aanwijzingen, written out here rather than read from vocab.
FROM_EERSTE = ("eerste_aanwijzingen", "goede_aanwijzingen", "sterke_aanwijzingen")
FROM_ONDERBOUWD = ("goed_onderbouwd", *FROM_EERSTE)


@pytest.fixture(scope="module")
def imported_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plus one workbook import for Bathmen that sets an intervention and levels."""
    folder = tmp_path_factory.mktemp("lgl")
    path = folder / "lgl.duckdb"
    shutil.copyfile(demo_db, path)
    conn = db.connect(path)
    book = export_workbook(
        conn, folder / "bathmen.xlsx", "bathmen", start=date(2017, 1, 1), end=date(2017, 2, 1)
    )
    from openpyxl import load_workbook

    sheet = load_workbook(book)["Activiteiten"]
    rows = {sheet.cell(r, column_of(sheet, "Activiteit-id")).value: r for r in range(2, sheet.max_row + 1)}
    for activity, (name, level) in IMPORTED.items():
        set_cell(book, "Activiteiten", "Interventie (Loket Gezond Leven)", rows[activity], name)
        set_cell(book, "Activiteiten", "Erkenningsniveau", rows[activity], level)
    workbook.import_workbook(conn, book, chosen_kern="bathmen")
    conn.close()
    return path


@pytest.fixture()
def lgl(imported_db: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    yield from writable_copy(imported_db, tmp_path)


def _ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["activity_id"])


def test_the_imported_interventions_and_levels_are_read_back_per_kern(lgl) -> None:
    frame = interventions.recognised(lgl, kern_id="bathmen")
    assert list(frame.columns) == list(interventions.ACTIVITY_COLUMNS)
    by_id = frame.set_index("activity_id")
    for activity, (name, level) in IMPORTED.items():
        row = by_id.loc[f"bathmen-{activity}"]
        assert row["interventie"] == name and row["kern"] == "Bathmen" and row["gemeente"] == "Deventer"
        assert (row["erkenningsniveau"] if pd.notna(row["erkenningsniveau"]) else None) == level
    expected = lgl.execute(
        "SELECT activity_id FROM activity WHERE kern_id = 'bathmen' AND intervention_name IS NOT NULL"
    ).fetchall()
    assert set(_ids(frame)) == {r[0] for r in expected}
    assert by_id.loc["bathmen-act01", "soort"] == "Sport"  # the kind's Dutch label


def test_per_kern_the_highest_level_comes_first_and_no_level_last(lgl) -> None:
    frame = interventions.recognised(lgl)
    for _kern, rows in frame.groupby("kern_id", sort=False):
        ranks = [None if pd.isna(r) else int(r) for r in rows["level_rank"]]
        known = [r for r in ranks if r is not None]
        assert known == sorted(known, reverse=True)
        assert ranks == known + [None] * (len(ranks) - len(known))  # without a level: last
    bathmen = interventions.recognised(lgl, kern_id="bathmen")
    assert bathmen.iloc[0]["activity_id"] == "bathmen-act01"
    assert bathmen.iloc[-1]["activity_id"] == "bathmen-act03"
    kernen = list(dict.fromkeys(frame["kern_id"]))  # kernen by gemeente, then name
    order = lgl.execute(
        "SELECT k.kern_id FROM kern k JOIN gemeente g USING (gemeente_code) ORDER BY g.name, k.name"
    ).fetchall()
    assert kernen == [r[0] for r in order if r[0] in set(kernen)]


def test_the_minimum_level_filter_keeps_that_level_and_higher_only(lgl) -> None:
    found = interventions.recognised(lgl, level_min="eerste_aanwijzingen")
    expected = lgl.execute(
        "SELECT activity_id FROM activity WHERE recognition_level IN (?, ?, ?)", list(FROM_EERSTE)
    ).fetchall()
    assert sorted(_ids(found)) == sorted(r[0] for r in expected)
    assert "bathmen-act01" in _ids(found) and "bathmen-act02" not in _ids(found)
    assert found["level_rank"].min() >= 2
    everything = interventions.recognised(lgl, level_min="goed_beschreven")
    assert everything["recognition_level"].notna().all()  # a level filter drops unrated ones
    assert len(everything) < len(interventions.recognised(lgl))
    with pytest.raises(ValueError, match="erkend"):
        interventions.recognised(lgl, level_min="erkend")


def test_gemeente_and_kern_filters(lgl) -> None:
    deventer = interventions.recognised(lgl, gemeente="GM0150")
    assert set(deventer["gemeente_code"]) == {"GM0150"} and "bathmen" in set(deventer["kern_id"])
    assert interventions.recognised(lgl, gemeente="GM0150", kern_id="aadorp").empty  # Almelo's kern


def test_kern_counts_and_the_approach_group_never_turn_unknown_into_nee(lgl) -> None:
    lgl.execute(
        "UPDATE activity SET intervention_name = NULL, recognition_level = NULL WHERE kern_id = 'hertme'"
    )
    lgl.execute(
        "UPDATE activity SET recognition_level = 'goed_beschreven' WHERE kern_id = 'wesepe' "
        "AND intervention_name IS NOT NULL"
    )
    counts = interventions.kern_counts(lgl).set_index("kern_id")
    assert len(counts) == lgl.execute("SELECT count(*) FROM kern").fetchone()[0]
    independent = dict(
        lgl.execute(
            "SELECT k.kern_id, count(a.activity_id) FILTER (WHERE a.recognition_level IN (?, ?, ?, ?)) "
            "FROM kern k LEFT JOIN activity a USING (kern_id) GROUP BY k.kern_id",
            list(FROM_ONDERBOUWD),
        ).fetchall()
    )
    assert counts["recognised"].to_dict() == independent
    assert counts.loc["bathmen", "recognised"] >= 1 and counts.loc["bathmen", "recognised_group"] == "ja"
    assert counts.loc["hertme", "named"] == 0 and counts.loc["hertme", "recognised_group"] is None
    assert counts.loc["wesepe", "named"] >= 1 and counts.loc["wesepe", "recognised_group"] == "nee"
    assert set(counts["recognised_group"].dropna()) <= {"ja", "nee"}
    stricter = interventions.kern_counts(lgl, level_min="sterke_aanwijzingen").set_index("kern_id")
    assert (stricter["recognised"] <= counts["recognised"]).all()
    assert stricter.loc["bathmen", "recognised"] >= 1  # act01


def test_the_registry_defines_the_count_and_the_approach() -> None:
    count = indicators.get(interventions.COUNT_CODE)
    assert count.unit == "aantal" and "Goed onderbouwd" in count.definition
    approach = indicators.get(interventions.APPROACH_CODE)
    assert approach.name == "Erkende interventie" and "onbekend" in approach.definition
    assert not count.source.startswith(indicators.MONITORING)  # not offered as a target


def test_the_table_has_dutch_headers_and_says_when_a_level_is_missing(lgl) -> None:
    table = interventions.table(interventions.recognised(lgl, kern_id="bathmen"))
    shown = table.display()
    assert list(shown.columns) == [
        "Kern",
        "Gemeente",
        "Activiteit",
        "Soort activiteit",
        "Interventie (Loket Gezond Leven)",
        "Erkenningsniveau",
    ]
    assert shown.iloc[0]["Erkenningsniveau"] == "Sterke aanwijzingen voor effectiviteit"
    assert shown.iloc[-1]["Erkenningsniveau"] == "geen niveau opgegeven"
    assert any("Loket Gezond Leven" in note for note in table.notes)
    assert list(table.export().columns) == list(shown.columns)


@pytest.mark.parametrize(
    "wanted", [Scope(kern_id="bathmen"), Scope(gemeente_code="GM0141")], ids=lambda s: s.key
)
def test_a_scoped_cursor_sees_only_its_kernen(lgl, wanted: Scope) -> None:
    allowed = {
        r[0]
        for r in lgl.execute(
            "SELECT kern_id FROM kern WHERE kern_id = ? OR gemeente_code = ?",
            [wanted.kern_id, wanted.gemeente_code],
        ).fetchall()
    }
    everyone = interventions.recognised(lgl)
    assert set(everyone["kern_id"]) - allowed  # other kernen have interventions too
    with scope.cursor(lgl, wanted) as cur:
        seen = interventions.recognised(cur)
        counts = interventions.kern_counts(cur)
        other = interventions.recognised(cur, kern_id="heeten")
    assert not seen.empty and set(seen["kern_id"]) <= allowed
    assert sorted(_ids(seen)) == sorted(_ids(everyone[everyone["kern_id"].isin(allowed)]))
    assert set(counts["kern_id"]) == allowed
    assert other.empty  # a filter on another kern does not reach past the scope


def state_run_script() -> None:
    """A page's call: state.run for the viewer the test puts in session state."""
    import streamlit as st

    from sv_analytics import interventions
    from sv_analytics.ui import state, viewer

    viewer.set_current(st.session_state["test_viewer"])
    frame = state.run(interventions.recognised, level_min="goed_onderbouwd")
    st.write("|".join(sorted(set(frame["kern_id"]))) or "-")


def test_through_state_run_a_projectleider_sees_only_the_own_kern(app_env: Path) -> None:
    seen = []
    for wanted, role in (
        (Scope(kern_id="zenderen"), access.Role.PROJECTLEIDER),
        (access.ALL, access.Role.BEHEERDER),
    ):
        at = AppTest.from_function(state_run_script, default_timeout=60)
        at.session_state["test_viewer"] = access.Viewer(
            role=role, scope=wanted, issuer="test", subject=wanted.key
        )
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        seen.append(at.markdown[0].value.split("|"))
    assert seen[0] == ["zenderen"]
    assert "zenderen" in seen[1] and len(seen[1]) > 5
