"""The shipped outlines (data/grenzen_2017.geojson, scripts/make_outlines.py) and their use as
fallback by ``lookups.gemeente_outlines``: small, valid, the right 12 areas, each kern inside
its gemeente, reproducible from the publisher's file, used only where nothing was imported and
only for the gemeenten a scope may see."""

from __future__ import annotations

import importlib.util
import json

import duckdb
import pandas as pd
import pytest
from shapely.geometry import Point, shape

from sv_analytics import lookups, outlines, registry, scope
from sv_analytics.access import Scope
from tests.conftest import PROJECT, SHARED_REFERENCE

#: Kern locations have 3 decimals (~100 m) and the boundaries are quantised to 0.001°.
KERN_BUFFER_DEG = 0.002


def features() -> list[dict]:
    return json.loads(outlines.OUTLINES_FILE.read_text(encoding="utf-8"))["features"]


def test_the_file_is_small_and_holds_the_11_gemeenten_and_overijssel() -> None:
    assert outlines.OUTLINES_FILE.stat().st_size <= 200_000
    found = {(f["properties"]["level"], f["properties"]["code"]): f for f in features()}
    expected = {("gemeente", code) for code in registry.PROGRAMME_GEMEENTEN} | {("provincie", "PV23")}
    assert set(found) == expected and len(found) == 12
    for (level, code), feature in found.items():
        props = feature["properties"]
        assert props["year"] == 2017 and "CC BY 4.0" in props["source"] and "CBS" in props["source"]
        if level == "gemeente":
            assert props["name"] == registry.PROGRAMME_GEMEENTEN[code]
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in ("Polygon", "MultiPolygon") and geometry.is_valid, code


def test_every_kern_lies_in_its_gemeente_and_every_gemeente_in_overijssel() -> None:
    shapes = {(f["properties"]["level"], f["properties"]["code"]): shape(f["geometry"]) for f in features()}
    kernen = registry.load_kernen()
    for kern in kernen.itertuples(index=False):
        area = shapes[("gemeente", kern.gemeente_code)].buffer(KERN_BUFFER_DEG)
        assert area.contains(Point(kern.lon, kern.lat)), kern.name
        others = [c for c in registry.PROGRAMME_GEMEENTEN if c != kern.gemeente_code]
        assert not any(shapes[("gemeente", c)].contains(Point(kern.lon, kern.lat)) for c in others)
    # The province comes from its own (separately generalised) file: borders differ slightly.
    province = shapes[("provincie", "PV23")]
    for code in registry.PROGRAMME_GEMEENTEN:
        gemeente = shapes[("gemeente", code)]
        assert gemeente.intersection(province).area / gemeente.area > 0.99, code


@pytest.mark.skipif(not SHARED_REFERENCE.is_dir(), reason="../shared/reference is not present")
def test_the_script_reproduces_the_committed_bytes(tmp_path) -> None:
    spec = importlib.util.spec_from_file_location("make_outlines", PROJECT / "scripts" / "make_outlines.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "grenzen.geojson"
    assert script.main([str(SHARED_REFERENCE), "--out", str(out)]) == 0
    assert out.read_bytes() == outlines.OUTLINES_FILE.read_bytes()


# ------------------------------------------------------------------------------------ fallback
def test_the_demo_without_gemeente_geometry_gets_the_shipped_outlines(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    stored = demo_conn.execute("SELECT count(*) FROM geometry WHERE region_level = 'gemeente'").fetchone()[0]
    assert stored == 0
    found = lookups.gemeente_outlines(demo_conn)
    assert list(found["gemeente_code"]) == sorted(registry.PROGRAMME_GEMEENTEN)
    shipped = outlines.shipped()
    for row in found.itertuples(index=False):
        assert row.geojson == shipped[("gemeente", row.gemeente_code)]["geojson"]
        assert row.year == 2017 and "sv-analytics" in row.source


def test_imported_geometry_wins_over_the_shipped_outline(conn: duckdb.DuckDBPyConnection) -> None:
    square = json.dumps(
        {"type": "Polygon", "coordinates": [[[6.1, 52.2], [6.4, 52.2], [6.4, 52.4], [6.1, 52.2]]]}
    )
    dataset = conn.execute("SELECT dataset_id FROM dataset WHERE NOT is_demo LIMIT 1").fetchone()[0]
    conn.execute(
        "INSERT INTO geometry VALUES ('GM0150', 'gemeente', 2017, 'Deventer', ?, 'CBS import (test)', ?)",
        [square, dataset],
    )
    found = lookups.gemeente_outlines(conn).set_index("gemeente_code")
    assert len(found) == 11
    assert found.loc["GM0150", "geojson"] == square and found.loc["GM0150", "source"] == "CBS import (test)"
    assert found.loc["GM0141", "geojson"] == outlines.shipped()[("gemeente", "GM0141")]["geojson"]


@pytest.mark.parametrize("wanted", [Scope(gemeente_code="GM0168"), Scope(kern_id="de-lutte")])
def test_a_scope_gets_only_the_outline_of_its_own_gemeente(
    demo_conn: duckdb.DuckDBPyConnection, wanted: Scope
) -> None:
    with scope.cursor(demo_conn, wanted) as cur:
        found = lookups.gemeente_outlines(cur)
    assert list(found["gemeente_code"]) == ["GM0168"]


def test_fill_missing_keeps_the_imported_rows_and_adds_nothing_unknown() -> None:
    imported = pd.DataFrame([["GM0141", "Almelo", "{}", "import", 2018]], columns=outlines.COLUMNS)
    wanted = pd.DataFrame({"gemeente_code": ["GM0141", "GM0147", "GM9999"]})
    found = outlines.fill_missing(imported, wanted)
    assert list(found["gemeente_code"]) == ["GM0141", "GM0147"]
    assert found.iloc[0]["source"] == "import" and found.iloc[1]["name"] == "Borne"
