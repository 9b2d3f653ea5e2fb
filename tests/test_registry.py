"""The kern registry data/kernen.csv."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from sv_analytics import registry
from tests.conftest import SHARED_REFERENCE


def test_22_kernen_two_per_programme_gemeente() -> None:
    kernen = registry.load_kernen()
    assert len(kernen) == 22
    assert Counter(kernen["gemeente_code"]) == dict.fromkeys(registry.PROGRAMME_GEMEENTEN, 2)


def test_wijk_codes_belong_to_the_kern_gemeente() -> None:
    kernen = registry.load_kernen()
    for row in kernen.itertuples():
        assert row.cbs_wijk_2017.startswith("WK" + row.gemeente_code[2:]), row.kern_id


def test_kernen_are_small_and_lie_in_overijssel() -> None:
    kernen = registry.load_kernen()
    assert kernen["inhabitants"].between(1, 5000).all()
    assert kernen["lat"].between(52.1, 52.8).all()
    assert kernen["lon"].between(5.8, 7.1).all()
    assert kernen["inhabitants_source"].str.len().gt(0).all()


def test_kern_lies_inside_its_gemeente_on_the_real_2017_boundaries() -> None:
    """Checked against the CBS 2017 gemeente boundaries in ../shared/reference."""
    path = SHARED_REFERENCE / "gemeenten_2017_overijssel.geojson"
    if not path.exists():
        pytest.fail(f"referentiebestand ontbreekt: {path}")
    import geopandas as gpd

    shapes = gpd.read_file(path).set_index("statcode")
    kernen = registry.load_kernen()
    points = gpd.GeoSeries(gpd.points_from_xy(kernen["lon"], kernen["lat"]), crs="EPSG:4326")
    for code, point, kern_id in zip(kernen["gemeente_code"], points, kernen["kern_id"], strict=True):
        # the cartomap boundaries are coarse (~100 m), so allow a small margin
        assert shapes.loc[code, "geometry"].buffer(0.01).contains(point), kern_id


def test_wijk_codes_exist_in_the_cbs_2017_wijk_list() -> None:
    path = SHARED_REFERENCE / "cbs-wijken-2017-11gem.csv"
    if not path.exists():
        pytest.fail(f"referentiebestand ontbreekt: {path}")
    known = set(pd.read_csv(path)["wijkcode"])
    assert set(registry.load_kernen()["cbs_wijk_2017"]) <= known


def test_a_broken_registry_is_refused_naming_the_row(tmp_path) -> None:
    broken = tmp_path / "kernen.csv"
    text = registry.config.KERNEN_CSV.read_text(encoding="utf-8").replace(",GM0141,", ",GM9999,", 1)
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="rij 2"):
        registry.load_kernen(broken)


def test_write_registry_loads_the_kernen_as_their_own_non_demo_dataset(tmp_path) -> None:
    from sv_analytics import db

    conn = db.connect(tmp_path / "r.duckdb")
    try:
        with db.transaction(conn):
            written = registry.write_registry(conn, registry.load_kernen())
        assert written == {"gemeente": 11, "kern": 22, "kern_region": 22}
        assert conn.execute("SELECT dataset_id, kind, is_demo FROM dataset").fetchall() == [
            (registry.REGISTRY_DATASET_ID, "registry", False)
        ]
        assert not db.has_demo_content(conn)
        assert db.integrity_problems(conn) == []
    finally:
        conn.close()
