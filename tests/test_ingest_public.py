"""Importers of real public data (CBS, RIVM, PDOK/Kadaster): formats, values, errors, fetching.

Reference files are read from ``../shared/reference`` (``SHARED_REFERENCE``); a missing one
fails the test with its path. Expected numbers below were read from those files by hand;
each comment says where.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from sv_analytics import db, registry
from sv_analytics.errors import UserError, ValidationError
from sv_analytics.ingest.public import (
    base,
    detect,
    fetch_public,
    geo,
    import_public_file,
    import_reference_dir,
    kwb,
    rivm,
)
from sv_analytics.kernprofiel import kern_statistics
from tests.conftest import PROJECT, SHARED_REFERENCE

FIXTURES = PROJECT / "tests" / "fixtures" / "public"
RIVM_CSV = "rivm-gezondheid-wijkbuurt-2016-11gem.csv"
RIVM_XLSX = "rivm-50090NED-2016-18plus-original-sample.xlsx"
KWB_PDOK = "kwb-gemeenten-overijssel-2017-2018-pdok.csv"
PC4 = "cbs-pc4-bevolking-11gem-original.csv"
PLAATSEN = "top10nl-plaatsen-11gem.csv"
WOONKERNEN = "top10nl-woonkernen-11gem.geojson"
TOPO_GEMEENTE = "cartomap-wgs84-gemeente_2017.topojson"
TOPO_PROVINCIE = "cartomap-wgs84-provincie_2017.topojson"
GEO_OVERIJSSEL = "gemeenten_2017_overijssel.geojson"
#: The PC4 file does not say its year; tests give this one (any year would do).
PC4_TEST_YEAR = 2021
#: Overijssel in lon/lat, with a margin: where reprojected RD coordinates must end up.
OVERIJSSEL_LON, OVERIJSSEL_LAT = (5.7, 7.2), (51.9, 53.0)


def ref(name: str) -> Path:
    path = SHARED_REFERENCE / name
    if not path.is_file():
        pytest.fail(f"Referentiebestand ontbreekt: {path}. Deze test leest het uit {SHARED_REFERENCE}.")
    return path


def reference_dir() -> Path:
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"Map met referentiebestanden ontbreekt: {SHARED_REFERENCE}.")
    return SHARED_REFERENCE


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh database with the kern registry (kernen, gemeenten, kern_region)."""
    connection = db.connect(tmp_path / "x.duckdb")
    with db.transaction(connection):
        registry.write_registry(connection, registry.load_kernen())
    yield connection
    connection.close()


def stat(
    conn,
    code: str,
    indicator: str,
    age: str = "totaal",
    *,
    year: int | None = None,
    source: str | None = None,
):
    """The one stored value for these keys (fails when there is none or more than one)."""
    rows = conn.execute(
        "SELECT value FROM statistic WHERE region_code = ? AND indicator = ? AND age_group = ? "
        "AND (? IS NULL OR year = ?) AND (? IS NULL OR source = ?)",
        [code, indicator, age, year, year, source, source],
    ).fetchall()
    assert len(rows) == 1, (code, indicator, age, year, rows)
    return rows[0][0]


def coordinates(geojson_text: str) -> list[tuple[float, float]]:
    return geo._positions(json.loads(geojson_text)["coordinates"])


# ============================================================================ detection
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (RIVM_CSV, "rivm_50090_csv"),
        (RIVM_XLSX, "rivm_50090_xlsx"),
        (KWB_PDOK, "cbs_kwb_pdok_csv"),
        (PC4, "cbs_pc4_csv"),
        (PLAATSEN, "top10nl_plaatsen_csv"),
        (WOONKERNEN, "top10nl_woonkernen_geojson"),
        (TOPO_GEMEENTE, "topojson"),
        (TOPO_PROVINCIE, "topojson"),
        (GEO_OVERIJSSEL, "geojson"),
        ("gemeenten_2017_nl.geojson", "geojson"),
        ("provincies_2017.geojson", "geojson"),
        ("geoinzicht-gemeenten_2017-overijssel.geojson", "geojson"),
    ],
)
def test_detect_recognises_each_reference_format(name: str, expected: str) -> None:
    assert detect(ref(name)) == expected


def test_detect_recognises_the_original_kwb_layout() -> None:
    assert detect(FIXTURES / "kwb-2017.csv") == "cbs_kwb_csv"


def test_region_codes_are_normalised_and_their_level_detected() -> None:
    assert base.region_of(" gm0141    ") == ("GM0141", "gemeente")
    assert base.region_of("NL00") == ("NL01", "land")  # CBS kerncijfers say NL00, StatLine NL01
    assert base.region_of("PV23") == ("PV23", "provincie")
    assert base.region_of("WK014120  ") == ("WK014120", "wijk")
    assert base.region_of("BU01412000") == ("BU01412000", "buurt")
    assert base.region_of(7431) == ("7431", "pc4")
    assert base.region_of("0141") is None
    assert base.region_of("XX0141") is None


def test_numbers_markers_and_decimal_commas() -> None:
    assert base.parse_number("    49.2") == 49.2
    assert base.parse_number("2,5") == 2.5
    for marker in ("       .", "x", "", "-99997", "-99999999", None, -99997):
        assert base.parse_number(marker) is None, marker
    for text in ("veel", "1_000", "nan", "12a"):
        with pytest.raises(ValueError):
            base.parse_number(text)


# ============================================================================ every reference file
def test_reference_folder_imports_every_recognised_file(conn) -> None:
    expected = {
        RIVM_CSV, RIVM_XLSX, KWB_PDOK, PC4, PLAATSEN, WOONKERNEN, TOPO_GEMEENTE, TOPO_PROVINCIE,
        GEO_OVERIJSSEL, "gemeenten_2017_nl.geojson", "provincies_2017.geojson",
        "geoinzicht-gemeenten_2017-overijssel.geojson",
    }  # fmt: skip
    for name in expected:
        ref(name)
    started = time.perf_counter()
    batch = import_reference_dir(conn, reference_dir(), years={PC4: PC4_TEST_YEAR})
    assert time.perf_counter() - started < 30
    imported = [s.file_name for s in batch]
    assert imported == sorted(imported)  # deterministic order
    assert set(imported) == expected
    assert not any("ILLUSTRATIEF" in s or "SOURCES" in s for s in batch.skipped)
    assert {s.split(":")[0] for s in batch.skipped} == {
        "cbs-wijken-2017-11gem.csv",
        "dorpsgek-dorpen-pc4-voetbalclubs-11gem.csv",
        "geonames-plaatsen-11gem.csv",
    }
    assert db.integrity_problems(conn) == []


def test_reference_folder_without_a_pc4_year_skips_that_file_with_a_warning(conn) -> None:
    batch = import_reference_dir(conn, reference_dir())
    assert PC4 not in [s.file_name for s in batch]
    assert any(s.startswith(PC4) and "jaar" in s for s in batch.skipped)


# The catalogue and units of stored indicators: tests/test_catalogue.py.


# ============================================================================ RIVM 50090NED
def test_rivm_csv_values(conn) -> None:
    summary = import_public_file(conn, ref(RIVM_CSV))
    assert summary.kind == "rivm" and summary.dataset_id == f"rivm-{summary.file_hash[:12]}"
    # rivm-gezondheid-wijkbuurt-2016-11gem.csv, rows with WijkenEnBuurten WK015015 (Bathmen):
    # line 181 (Leeftijd 20300) WekelijkseSporters_6 "    55.1", line 801 (53115) 61.6, line 1421 (80200) 39.5
    assert stat(conn, "WK015015", "wekelijks_sporter_pct", "18+") == 55.1
    assert stat(conn, "WK015015", "wekelijks_sporter_pct", "18-64") == 61.6
    assert stat(conn, "WK015015", "wekelijks_sporter_pct", "65+") == 39.5
    # line 479: GM0177 Raalte, 18+: Overgewicht_9 50.4, MatigHoogRisicoOpAngstOfDepressie_24 41.5
    assert stat(conn, "GM0177", "overgewicht_pct", "18+") == 50.4
    assert stat(conn, "GM0177", "angst_depressie_risico_pct", "18+") == 41.5
    # line 79: BU01412002, 18+, WekelijkseSporters_6 is "       ." → stored as NULL, not skipped
    assert stat(conn, "BU01412002", "wekelijks_sporter_pct", "18+") is None
    levels = dict(
        conn.execute("SELECT region_level, count(DISTINCT region_code) FROM statistic GROUP BY 1").fetchall()
    )
    assert levels == {"land": 1, "gemeente": 11, "wijk": 133, "buurt": 475}  # as SOURCES.md counts them
    assert conn.execute("SELECT DISTINCT year FROM statistic").fetchall() == [(2016,)]
    row = conn.execute(
        "SELECT source, year, kind, is_demo FROM dataset WHERE dataset_id = ?", [summary.dataset_id]
    ).fetchone()
    assert row == (rivm.SOURCE, 2016, "rivm", False) and "indeling 2020" in row[0]
    # columns empty for the whole of 2016 are not published and not stored
    assert not conn.execute(
        "SELECT count(*) FROM statistic WHERE indicator = 'actief_naar_school_werk_pct' AND age_group = '18+'"
    ).fetchone()[0]


def test_rivm_xlsx_and_csv_give_the_same_values_for_shared_rows(tmp_path: Path) -> None:
    values = {}
    for name in (RIVM_CSV, RIVM_XLSX):
        with db.connect(tmp_path / f"{name}.duckdb") as connection:
            import_public_file(connection, ref(name))
            values[name] = dict(
                connection.execute(
                    "SELECT indicator, value FROM statistic WHERE region_code = 'NL01' AND age_group = '18+'"
                ).fetchall()
            )
    shared = set(values[RIVM_CSV]) & set(values[RIVM_XLSX])
    assert len(shared) >= 20
    assert {k: values[RIVM_CSV][k] for k in shared} == {k: values[RIVM_XLSX][k] for k in shared}
    # line 2 of the CSV and row 2 of the sheet: NL01, 18+, WekelijkseSporters_6 "    49.2"
    assert values[RIVM_XLSX]["wekelijks_sporter_pct"] == 49.2


# ============================================================================ CBS kerncijfers
def test_kwb_pdok_values_and_derived_age_counts(conn) -> None:
    summary = import_public_file(conn, ref(KWB_PDOK))
    assert summary.kind == "cbs"
    # kwb-gemeenten-overijssel-2017-2018-pdok.csv line 33: 2018,GM0150,Deventer,99653,…,65plus 18,…,huishoudens 45754
    assert stat(conn, "GM0150", "inwoners", year=2018, source=kwb.SOURCE) == 99653
    assert stat(conn, "GM0150", "huishoudens", year=2018) == 45754
    assert stat(conn, "GM0150", "inwoners_pct", "65+", year=2018) == 18
    assert stat(conn, "GM0150", "inwoners", "65+", year=2018, source=kwb.SOURCE_DERIVED) == round(
        99653 * 0.18
    )
    # line 15: 2017,GM0177,Raalte,36904,…,bevolkingsdichtheid 216; afstand_huisarts empty for all of 2017
    assert stat(conn, "GM0177", "bevolkingsdichtheid", year=2017) == 216
    assert not conn.execute(
        "SELECT count(*) FROM statistic WHERE indicator = 'afstand_huisarts_km' AND year = 2017"
    ).fetchone()[0]
    assert stat(conn, "GM0177", "afstand_huisarts_km", year=2018) == 1.3  # line 42


def test_kwb_original_layout_markers_commas_counts_and_levels(conn) -> None:
    summary = import_public_file(conn, FIXTURES / "kwb-2017.csv")
    assert summary.dataset_id.endswith("-2017")  # the year comes from the file name, not the content
    levels = dict(conn.execute("SELECT region_code, region_level FROM statistic GROUP BY ALL").fetchall())
    assert levels == {"NL01": "land", "GM0141": "gemeente", "WK014120": "wijk", "BU01412000": "buurt",
                      "BU01412009": "buurt"}  # fmt: skip
    assert conn.execute("SELECT DISTINCT year FROM statistic").fetchall() == [(2017,)]
    assert stat(conn, "NL01", "inwoners") == 17081507
    assert stat(conn, "GM0141", "inwoners", "65+") == 13679
    assert stat(conn, "WK014120", "huishoudensgrootte_gem") == 2.5  # "2,5"
    assert stat(conn, "GM0141", "inkomen_per_inwoner") == 22.0  # "22,0"
    assert stat(conn, "BU01412000", "migratieachtergrond_niet_westers") is None  # -99997
    assert stat(conn, "BU01412000", "inkomen_per_inwoner") is None  # x
    assert stat(conn, "BU01412009", "huishoudensgrootte_gem") is None  # .
    assert stat(conn, "BU01412009", "woz_waarde_gem") is None  # -99999999
    assert stat(conn, "BU01412009", "afstand_huisarts_km") == 3.1


def test_kwb_original_xlsx_with_numeric_cells_and_a_year_parameter(conn, tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "kwb"
    sheet.append(["gwb_code_10", "regio", "recs", "a_inw", "a_65_oo", "g_hhgro", "a_nw_all"])
    sheet.append(["GM0147", "Borne", "Gemeente", 22795, 4800, 2.4, 1290])
    sheet.append(["WK014701", "Wijk 01", "Wijk", 3400, -99997, ".", None])
    path = tmp_path / "kerncijfers.xlsx"
    workbook.save(path)
    assert detect(path) == "cbs_kwb_xlsx"
    summary = import_public_file(conn, path, year=2018)
    assert summary.dataset_id.endswith("-2018")
    assert stat(conn, "GM0147", "inwoners", year=2018) == 22795
    assert stat(conn, "GM0147", "huishoudensgrootte_gem") == 2.4
    assert stat(conn, "WK014701", "inwoners", "65+") is None
    assert stat(conn, "WK014701", "huishoudensgrootte_gem") is None


# ============================================================================ CBS PC4
def test_pc4_values_with_the_given_year(conn) -> None:
    summary = import_public_file(conn, ref(PC4), year=PC4_TEST_YEAR)
    assert summary.dataset_id.endswith(f"-{PC4_TEST_YEAR}")
    assert any("opgegeven" in w for w in summary.warnings)
    # cbs-pc4-bevolking-11gem-original.csv line 3: 7431;4745;2300;2445;680;525;675;1495;1370;90;10;0
    assert stat(conn, "7431", "inwoners", year=PC4_TEST_YEAR) == 4745
    assert stat(conn, "7431", "inwoners", "65+") == 1370
    assert stat(conn, "7431", "nederlandse_achtergrond_pct") == 90  # header typo "achtergond"
    # line 6: 7435;…;-99997 (niet-westers) → NULL
    assert stat(conn, "7435", "migratieachtergrond_niet_westers_pct") is None
    assert (
        conn.execute(
            "SELECT count(DISTINCT region_code) FROM statistic WHERE region_level = 'pc4'"
        ).fetchone()[0]
        == 45
    )


# ============================================================================ boundaries
def test_topojson_decodes_to_the_same_shapes_as_the_derived_geojson() -> None:
    topo = geo.parse_topojson(ref(TOPO_GEMEENTE).read_bytes(), TOPO_GEMEENTE).frames["geometry"]
    derived = geo.parse_geojson(ref("gemeenten_2017_nl.geojson").read_bytes(), "nl.geojson").frames[
        "geometry"
    ]
    assert len(topo) == len(derived) == 388
    assert set(topo["region_level"]) == {"gemeente"} and set(topo["year"]) == {2017}
    for code in ("GM0141", "GM0177", "GM1900"):
        a = coordinates(topo.set_index("region_code").at[code, "geojson"])
        b = coordinates(derived.set_index("region_code").at[code, "geojson"])
        assert len(a) == len(b) and all(
            abs(p - q) <= 2e-6 for pa, pb in zip(a, b, strict=True) for p, q in zip(pa, pb, strict=True)
        )
    assert topo.set_index("region_code").at["GM1900", "name"] == "Súdwest-Fryslân"  # UTF-8 name intact


def test_province_topojson_gives_overijssel(conn) -> None:
    import_public_file(conn, ref(TOPO_PROVINCIE))
    name, text = conn.execute("SELECT name, geojson FROM geometry WHERE region_code = 'PV23'").fetchone()
    assert name == "Overijssel"
    lons, lats = zip(*coordinates(text), strict=True)
    assert OVERIJSSEL_LON[0] < min(lons) and max(lons) < OVERIJSSEL_LON[1]
    assert OVERIJSSEL_LAT[0] < min(lats) and max(lats) < OVERIJSSEL_LAT[1]


@pytest.mark.parametrize("with_crs", [True, False])
def test_rd_new_geojson_is_stored_in_wgs84(conn, tmp_path: Path, with_crs: bool) -> None:
    import geopandas

    rd = geopandas.read_file(ref(GEO_OVERIJSSEL)).to_crs(28992)
    path = tmp_path / "gemeenten-rd.geojson"
    rd.to_file(path, driver="GeoJSON")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "28992" in doc["crs"]["properties"]["name"]
    if not with_crs:  # a file without crs member: recognised by its coordinate range
        del doc["crs"]
        path.write_text(json.dumps(doc), encoding="utf-8")
    summary = import_public_file(conn, path)
    assert any("EPSG:28992" in w for w in summary.warnings)
    rows = conn.execute(
        "SELECT region_code, geojson FROM geometry WHERE region_level = 'gemeente'"
    ).fetchall()
    assert len(rows) == 25
    for _code, text in rows:
        for lon, lat in coordinates(text):
            assert OVERIJSSEL_LON[0] < lon < OVERIJSSEL_LON[1] and OVERIJSSEL_LAT[0] < lat < OVERIJSSEL_LAT[1]
            assert round(lon, 6) == lon and round(lat, 6) == lat
    original = dict(
        geo.parse_geojson(ref(GEO_OVERIJSSEL).read_bytes(), "o.geojson")
        .frames["geometry"][["region_code", "geojson"]]
        .values
    )
    back, there = coordinates(dict(rows)["GM0141"]), coordinates(original["GM0141"])
    assert all(
        abs(p - q) < 1e-5 for pa, pb in zip(back, there, strict=True) for p, q in zip(pa, pb, strict=True)
    )


def test_woonkern_outlines_and_inhabitants_of_registry_kernen(conn) -> None:
    import shapely.geometry

    outlines = import_public_file(conn, ref(WOONKERNEN))
    places = import_public_file(conn, ref(PLAATSEN))
    assert any("60 van 78" in w for w in outlines.warnings)  # 18 registry kernen are woonkernen
    name, text, year = conn.execute(
        "SELECT name, geojson, year FROM geometry WHERE region_code = 'aadorp' AND region_level = 'kern'"
    ).fetchone()
    assert (name, year) == ("Aadorp", 2025)
    # registry point of Aadorp (data/kernen.csv: 52.376, 6.630) lies in its TOP10NL outline
    assert shapely.geometry.shape(json.loads(text)).contains(shapely.geometry.Point(6.630, 52.376))
    # top10nl-plaatsen-11gem.csv line 49: Aadorp, woonkern, aantalinwoners 1540, bronactualiteit 2025-07-01
    assert stat(conn, "aadorp", "inwoners", year=2025) == 1540
    assert any("Glinde-Hooiland" in w for w in places.warnings)
    assert db.integrity_problems(conn) == []


# ============================================================================ re-import and replace
@pytest.mark.parametrize(
    ("path", "year"),
    [
        (lambda: ref(RIVM_CSV), None),
        (lambda: ref(TOPO_GEMEENTE), None),
        (lambda: ref(PC4), PC4_TEST_YEAR),
        (lambda: ref(WOONKERNEN), None),
        (lambda: FIXTURES / "kwb-2017.csv", None),
    ],
    ids=["rivm-csv", "topojson", "pc4", "woonkernen", "kwb-original"],
)
def test_importing_the_same_file_again_changes_nothing(
    conn, path: Callable[[], Path], year: int | None
) -> None:
    first = import_public_file(conn, path(), year=year)
    before, version = db.content_hashes(conn), db.data_version(conn)
    again = import_public_file(conn, path(), year=year)
    assert again.unchanged and not first.unchanged and again.dataset_id == first.dataset_id
    assert db.content_hashes(conn) == before and db.data_version(conn) == version


def test_a_newer_file_of_the_same_source_replaces_its_rows(conn, tmp_path: Path) -> None:
    text = ref(KWB_PDOK).read_text(encoding="utf-8")
    assert "2018,GM0150,Deventer,99653," in text
    newer = tmp_path / KWB_PDOK
    newer.write_text(
        text.replace("2018,GM0150,Deventer,99653,", "2018,GM0150,Deventer,99700,"), encoding="utf-8"
    )
    old = import_public_file(conn, ref(KWB_PDOK))
    new = import_public_file(conn, newer)
    assert new.dataset_id != old.dataset_id and any("vervangen" in w for w in new.warnings)
    assert stat(conn, "GM0150", "inwoners", year=2018, source=kwb.SOURCE) == 99700
    datasets = [r[0] for r in conn.execute("SELECT dataset_id FROM dataset WHERE kind = 'cbs'").fetchall()]
    assert datasets == [new.dataset_id]  # the old dataset kept no rows and was removed
    assert not import_public_file(conn, ref(KWB_PDOK)).unchanged  # so the old file can come back


# ============================================================================ bad input
def _rivm_head(lines: int = 3) -> str:
    return "\n".join(ref(RIVM_CSV).read_text(encoding="utf-8").splitlines()[:lines]) + "\n"


def _kwb_fixture() -> str:
    return (FIXTURES / "kwb-2017.csv").read_text(encoding="utf-8")


def _square(x: float, y: float, d: float) -> list:
    return [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]


def _geojson(geometry: dict, properties: dict | None = None, crs: str | None = None) -> bytes:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": properties or {"statcode": "GM0141"}, "geometry": geometry}]}  # fmt: skip
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(doc).encode()


def _topology_with_bad_arc() -> bytes:
    member = {"type": "Polygon", "arcs": [[7]], "properties": {"statcode": "GM0141"}}  # arc 7 does not exist
    return json.dumps({
        "type": "Topology", "arcs": [[[0, 0], [1, 0], [0, 1], [-1, -1]]],
        "objects": {"gemeente": {"type": "GeometryCollection", "geometries": [member]}},
    }).encode()  # fmt: skip


ALMELO_SQUARE = {"type": "Polygon", "coordinates": _square(6.6, 52.3, 0.1)}


@dataclass(frozen=True)
class Bad:
    """A bad input: file name, how to build its bytes, the Dutch message expected, a year."""

    file_name: str
    content: Callable[[], bytes]
    fragment: str
    year: int | None = None


BAD_INPUTS = {
    "missing header": Bad(
        "rivm.csv", lambda: _rivm_head().replace("Perioden", "Periode", 1).encode(),
        "Verplichte kolom 'Perioden' ontbreekt"),
    "text in number": Bad("rivm.csv", lambda: _rivm_head().replace("    49.2", "veel", 1).encode(), "Geen getal"),
    "unknown region code": Bad(
        "rivm.csv", lambda: _rivm_head().replace("GM0141    ", "XX0141    ", 1).encode(), "Onbekende gebiedscode"),
    "unknown age code": Bad(
        "rivm.csv", lambda: _rivm_head().replace(",20300,", ",99999,", 1).encode(), "Onbekende leeftijdscode"),
    "year contradicts content": Bad("rivm.csv", lambda: _rivm_head().encode(), "komt niet overeen", year=2017),
    "empty file": Bad("leeg.csv", lambda: b"", "Het bestand is leeg"),
    "csv renamed to xlsx": Bad("pc4.xlsx", lambda: ref(PC4).read_bytes(), "geen Excel-werkmap"),
    "old xls": Bad("kwb-2017.xls", lambda: b"\xd0\xcf\x11\xe0 oud excel", "oude Excel-formaat .xls"),
    "truncated geojson": Bad(
        "grenzen.geojson", lambda: ref("provincies_2017.geojson").read_bytes()[:5000], "Geen geldige JSON"),
    "topojson without objects": Bad(
        "leeg.topojson", lambda: b'{"type": "Topology", "objects": {}, "arcs": []}', "geen objecten"),
    "topojson with a bad arc": Bad("kapot.topojson", _topology_with_bad_arc, "ongeldige verwijzing naar bogen"),
    "unknown format": Bad(
        "dorpen.csv", lambda: ref("dorpsgek-dorpen-pc4-voetbalclubs-11gem.csv").read_bytes(), "Ondersteunde formaten"),
    "unknown extension": Bad("notities.md", lambda: b"# notities", "Onbekende bestandsextensie"),
    "pc4 without year": Bad("postcodes.csv", lambda: ref(PC4).read_bytes(), "Geef het jaar op"),
    "pc4 code not four digits": Bad(
        "postcodes.csv", lambda: ref(PC4).read_bytes().replace(b"\r\n7431;", b"\r\n743A;"),
        "Geen postcode van 4 cijfers", year=2021),
    "kwb recs mismatch": Bad(
        "kwb-2017.csv", lambda: _kwb_fixture().replace(";Almelo;Gemeente;", ";Almelo;Wijk;").encode(),
        "Soort regio (recs) past niet"),
    "kwb without indicator columns": Bad(
        "kwb-2017.csv", lambda: b"gwb_code_10;regio\nGM0141;Almelo\n", "Geen bekende kerncijferkolom"),
    "kwb row with too many fields": Bad(
        "kwb-2017.csv", lambda: (_kwb_fixture() + "GM0147;1;2;3\n").encode(), "velden"),
    "geojson in unknown crs": Bad(
        "grenzen.geojson", lambda: _geojson(ALMELO_SQUARE, crs="EPSG:3857"), "Onbekend coördinatenstelsel"),
    "geojson with points": Bad(
        "grenzen.geojson", lambda: _geojson({"type": "Point", "coordinates": [6.6, 52.3]}), "niet ondersteund",
        year=2017),
    "geojson without a region code": Bad(
        "grenzen.geojson", lambda: _geojson(ALMELO_SQUARE, {"naam": "ergens"}), "Onbekende gebiedscode", year=2017),
}  # fmt: skip


@pytest.mark.parametrize("bad", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_refused_in_dutch_and_writes_nothing(conn, tmp_path: Path, bad: Bad) -> None:
    import_public_file(conn, FIXTURES / "kwb-2017.csv")  # some content that must survive
    path = tmp_path / bad.file_name
    path.write_bytes(bad.content())
    before, version = db.content_hashes(conn), db.data_version(conn)
    with pytest.raises(ValidationError) as caught:
        import_public_file(conn, path, year=bad.year)
    message = str(caught.value)
    assert bad.fragment in message, message
    assert "er is niets opgeslagen" in message
    assert all(p.file == bad.file_name for p in caught.value.problems)
    assert db.content_hashes(conn) == before and db.data_version(conn) == version


def test_all_problems_are_reported_at_once(conn, tmp_path: Path) -> None:
    path = tmp_path / "grenzen.geojson"  # no year anywhere and a point: both are reported
    path.write_bytes(_geojson({"type": "Point", "coordinates": [6.6, 52.3]}))
    with pytest.raises(ValidationError) as caught:
        import_public_file(conn, path)
    assert len(caught.value.problems) == 2 and "Geef het jaar op" in str(caught.value)


def test_problems_name_row_and_column(conn, tmp_path: Path) -> None:
    path = tmp_path / "rivm.csv"
    path.write_text(
        _rivm_head().replace("    49.2", "veel", 1).replace("    51.3", "?!", 1), encoding="utf-8"
    )
    with pytest.raises(ValidationError) as caught:
        import_public_file(conn, path)
    located = {(p.row, p.column, p.value) for p in caught.value.problems}
    # both bad cells of data line 2 are reported at once
    assert located == {(2, "WekelijkseSporters_6", "veel"), (2, "VoldoetAanBeweegrichtlijn_5", "?!")}


def test_latin1_csv_with_accents_imports(conn, tmp_path: Path) -> None:
    path = tmp_path / "kwb-2017.csv"
    text = (
        _kwb_fixture()
        .replace("Wijk 20 Aadorp", "Wijk 20 Aadorp-Café")
        .replace("Verspreide huizen", "Verspreide huizen é")
    )
    path.write_bytes(text.encode("latin-1"))
    assert b"Caf\xe9" in path.read_bytes()
    import_public_file(conn, path)
    assert (
        stat(conn, "WK014120", "inwoners") == 1630 and stat(conn, "WK014120", "huishoudensgrootte_gem") == 2.5
    )


def test_csv_with_byte_order_mark_imports(conn, tmp_path: Path) -> None:
    path = tmp_path / "pc4-bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ref(PC4).read_bytes())
    assert detect(path) == "cbs_pc4_csv"
    summary = import_public_file(conn, path, year=PC4_TEST_YEAR, display_name="upload.csv")
    assert stat(conn, "7431", "inwoners") == 4745
    assert summary.file_name == "upload.csv"
    assert conn.execute(
        "SELECT file_name FROM dataset WHERE dataset_id = ?", [summary.dataset_id]
    ).fetchone() == ("upload.csv",)


# ============================================================================ kern → statistics
def test_raalte_wijk_codes_joined_to_rivm_2020_classification_give_a_warning(conn) -> None:
    import_public_file(conn, ref(RIVM_CSV))
    for kern_id, code in (("heeten", "WK017702"), ("luttenberg", "WK017703")):
        result = kern_statistics(conn, kern_id)
        assert any(code in w and "Raalte" in w and "niet betrouwbaar" in w for w in result.warnings), (
            result.warnings
        )
        wijk = result.frame[result.frame["via"] == "wijk"]
        assert not wijk.empty and set(wijk["region_code"]) == {code}
        assert set(wijk["status"]) == {"vernummerd"} and not wijk["reliable"].any()
        assert result.frame[result.frame["via"] == "gemeente"]["reliable"].all()


def test_stable_wijk_codes_join_without_warning(conn) -> None:
    import_public_file(conn, ref(RIVM_CSV))
    import_public_file(conn, FIXTURES / "kwb-2017.csv")
    bathmen = kern_statistics(conn, "bathmen", year=2016)
    assert bathmen.warnings == []
    frame = bathmen.frame.set_index(["via", "indicator", "age_group"])
    assert frame.loc[("wijk", "wekelijks_sporter_pct", "18+"), "value"] == 55.1  # line 181 of the RIVM CSV
    assert frame.loc[("wijk", "wekelijks_sporter_pct", "18+"), "status"] == "stabiel"
    aadorp = kern_statistics(conn, "aadorp", year=2017)  # kwb 2017 uses the registry's own classification
    wijk = aadorp.frame[aadorp.frame["via"] == "wijk"]
    assert set(wijk["status"]) == {"gelijk"} and aadorp.warnings == []
    assert wijk.set_index(["indicator", "age_group"]).at[("inwoners", "totaal"), "value"] == 1630


def test_kern_statistics_of_an_unknown_kern_is_a_user_error(conn) -> None:
    with pytest.raises(UserError, match="niet in het kernregister"):
        kern_statistics(conn, "atlantis")


# ============================================================================ fetching
def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_fetch_public_offline_says_so_quickly_and_writes_nothing(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    target = tmp_path / "downloads"
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        fetch_public(2017, target, cbs_base=dead, rivm_base=dead, pdok_base=dead, timeout=2)
    assert time.perf_counter() - started < 5
    assert "offline" in str(caught.value) and "niets gedownload of opgeslagen" in str(caught.value)
    assert not target.exists()


FAKE_RIVM_PAGES = {
    "1": [{"ID": 1, "Leeftijd": "20300", "Marges": "MW00000", "WijkenEnBuurten": "NL01      ", "Perioden": "2016JJ00",
           "Gemeentenaam_1": "Nederland   ", "SoortRegio_2": "Land      ", "Codering_3": "NL01      ",
           "WekelijkseSporters_6": "    49.2", "Overgewicht_9": "    49.3"}],
    "2": [{"ID": 901, "Leeftijd": "20300", "Marges": "MW00000", "WijkenEnBuurten": "GM0141    ", "Perioden": "2016JJ00",
           "Gemeentenaam_1": "Almelo      ", "SoortRegio_2": "Gemeente  ", "Codering_3": "GM0141    ",
           "WekelijkseSporters_6": "    46.6", "Overgewicht_9": "       ."}],
}  # fmt: skip
FAKE_KWB = [
    {"ID": 0, "WijkenEnBuurten": "GM0141    ", "Gemeentenaam_1": "Almelo   ", "SoortRegio_2": "Gemeente  ",
     "Codering_3": "GM0141    ", "AantalInwoners_5": "72479", "k_65JaarOfOuder_12": "13679",
     "GemiddeldeHuishoudensgrootte_32": "2.2", "GemiddeldInkomenPerInwoner_66": "       ."},
]  # fmt: skip


def _fake_boundaries(layer: str) -> dict:
    code, x, y, d = (
        ("GM0141", 240000, 484000, 6000) if "gemeente" in layer else ("PV23", 200000, 460000, 60000)
    )
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [{"type": "Feature", "properties": {"statcode": code, "statnaam": code, "jrstatcode": f"2017{code}",
                                                        "rubriek": layer.split("_")[0]},
                      "geometry": {"type": "Polygon", "coordinates": _square(x, y, d)}}],
    }  # fmt: skip


@pytest.fixture()
def fake_server() -> Iterator[tuple[str, list[str]]]:
    """A local server that answers like CBS OData (two pages) and PDOK WFS, and logs requests."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            parts, query = urlsplit(self.path), parse_qs(urlsplit(self.path).query)
            base_url = f"http://127.0.0.1:{self.server.server_port}"
            if parts.path == "/rivm/50090NED/UntypedDataSet":
                page = query.get("page", ["1"])[0]
                body = {"value": FAKE_RIVM_PAGES[page]}
                if page == "1":
                    body["odata.nextLink"] = f"{base_url}/rivm/50090NED/UntypedDataSet?page=2"
            elif parts.path == "/cbs/83765NED/UntypedDataSet":
                body = {"value": FAKE_KWB}
            elif parts.path == "/pdok/2017/wfs/v1_0":
                body = _fake_boundaries(query["typeName"][0])
            else:
                self.send_error(404)
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_public_from_a_local_server_feeds_the_importers(conn, tmp_path: Path, fake_server) -> None:
    base_url, seen = fake_server
    files = fetch_public(2017, tmp_path / "dl", cbs_base=f"{base_url}/cbs", rivm_base=f"{base_url}/rivm",
                         pdok_base=f"{base_url}/pdok", gemeenten=["GM0141"])  # fmt: skip
    assert sorted(p.name for p in files) == [
        "cbs-gemeente-2017.geojson", "cbs-provincie-2017.geojson", "kwb-2017.csv", "rivm-50090NED-2016.csv"
    ]  # fmt: skip
    assert any("page=2" in p for p in seen) and any("0141" in p for p in seen)
    for path in files:
        import_public_file(conn, path)
    assert stat(conn, "NL01", "wekelijks_sporter_pct", "18+") == 49.2
    assert stat(conn, "GM0141", "overgewicht_pct", "18+") is None
    assert stat(conn, "GM0141", "inwoners", year=2017) == 72479
    assert stat(conn, "GM0141", "inwoners", "65+") == 13679
    text = conn.execute("SELECT geojson FROM geometry WHERE region_code = 'GM0141'").fetchone()[0]
    for lon, lat in coordinates(text):  # served in RD New, stored in WGS84
        assert OVERIJSSEL_LON[0] < lon < OVERIJSSEL_LON[1] and OVERIJSSEL_LAT[0] < lat < OVERIJSSEL_LAT[1]


def test_fetch_public_server_error_writes_nothing(tmp_path: Path, fake_server) -> None:
    base_url, _seen = fake_server
    target = tmp_path / "dl"
    with pytest.raises(UserError, match="HTTP 404"):
        fetch_public(2017, target, cbs_base=f"{base_url}/cbs", rivm_base=f"{base_url}/rivm",
                     pdok_base=f"{base_url}/elders", gemeenten=["GM0141"])  # fmt: skip
    assert not target.exists()


def test_fetch_public_refuses_an_unknown_year(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="kies uit"):
        fetch_public(2005, tmp_path / "dl")
    assert not (tmp_path / "dl").exists()


# ============================================================================ waarstaatjegemeente.nl (Swing)
WSJG = "wsjg-sport-2016-2017.csv"
WSJG_HEADER = "PERIODE;GEBIEDSNIVEAU;GEBIED;NAAM;WAARDE\r\n"


def _wsjg(path: Path, *lines: str) -> Path:
    path.write_text(WSJG_HEADER + "".join(f"{line}\r\n" for line in lines), encoding="utf-8")
    return path


def test_wsjg_fixture_is_recognised_and_its_values_stored(conn) -> None:
    """Values as written in tests/fixtures/public/wsjg-sport-2016-2017.csv (illustrative figures)."""
    assert detect(FIXTURES / WSJG) == "wsjg_csv"
    summary = import_public_file(conn, FIXTURES / WSJG)
    assert summary.rows == {"statistic": 10}
    assert stat(conn, "GM0141", "niet_wekelijks_sporter_pct", "19+", year=2016) == pytest.approx(53.4)
    assert stat(conn, "NL01", "niet_wekelijks_sporter_pct", "19+", year=2016) == pytest.approx(50.8)
    assert stat(conn, "PV23", "sportvereniging_lid_pct", year=2017) == pytest.approx(33.1)
    assert stat(conn, "GM0150", "sportvereniging_lid_pct", year=2017) == pytest.approx(31.2)
    assert stat(conn, "GM0177", "niet_wekelijks_sporter_pct", "19+") is None  # -99996: too few answers
    assert any("Ervaren gezondheid (zeer) goed" in w for w in summary.warnings)  # another theme: skipped
    assert any("1 ontbrekende" in w for w in summary.warnings)
    levels = dict(conn.execute("SELECT region_code, region_level FROM statistic").fetchall())
    assert levels == {"NL01": "land", "PV23": "provincie", "GM0141": "gemeente", "GM0150": "gemeente",
                      "GM0177": "gemeente"}  # fmt: skip
    kind, source = conn.execute("SELECT kind, source FROM dataset WHERE kind <> 'registry'").fetchone()
    assert kind == "vng" and source.startswith("waarstaatjegemeente.nl")
    units = {r[0] for r in conn.execute("SELECT DISTINCT unit FROM statistic").fetchall()}
    assert units == {"%"}


def test_wsjg_xlsx_in_swings_import_workbook_gives_the_same_values(conn, tmp_path: Path) -> None:
    """Swing's import workbook: sheet 'data' (numeric cells) before a sheet 'metadata'."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "metadata"
    sheet.append(["Name", "Unit", "Source"])
    data = book.create_sheet("data")
    data.append(["PERIODE", "GEBIEDSNIVEAU", "GEBIED", "NAAM", "WAARDE"])
    data.append([2016, "gemeente", 141, "Niet-sporters", 53.4])
    data.append([2016, "land", "NL01", "niet-sporters", 50.8])
    data.append([2017, "gemeente", "Almelo", "Leden sportverenigingen", 27.5])
    data.append([2017, "provincie", "Overijssel", "% Leden sportverenigingen", 33.1])
    path = tmp_path / "sport.xlsx"
    book.save(path)
    assert detect(path) == "wsjg_xlsx"
    import_public_file(conn, path)
    assert stat(conn, "GM0141", "niet_wekelijks_sporter_pct", "19+") == pytest.approx(53.4)
    assert stat(conn, "NL01", "niet_wekelijks_sporter_pct", "19+") == pytest.approx(50.8)
    assert stat(conn, "GM0141", "sportvereniging_lid_pct") == pytest.approx(27.5)
    assert stat(conn, "PV23", "sportvereniging_lid_pct") == pytest.approx(33.1)


@pytest.mark.parametrize("marker", ["-99996", ".", "x", ""])
def test_wsjg_secrecy_and_missing_markers_are_stored_as_null(conn, tmp_path: Path, marker: str) -> None:
    path = _wsjg(tmp_path / "sport.csv", "2016;gemeente;GM0147;Niet-sporters;48,0",
                 f"2016;gemeente;GM0168;Niet-sporters;{marker}")  # fmt: skip
    import_public_file(conn, path)
    assert stat(conn, "GM0147", "niet_wekelijks_sporter_pct", "19+") == pytest.approx(48.0)
    assert stat(conn, "GM0168", "niet_wekelijks_sporter_pct", "19+") is None


def test_wsjg_file_of_another_theme_is_refused_and_writes_nothing(conn, tmp_path: Path) -> None:
    path = _wsjg(tmp_path / "wonen.csv", "2016;gemeente;GM0147;Woningvoorraad;9500")
    with pytest.raises(ValidationError) as caught:
        import_public_file(conn, path)
    assert "Geen bekende sportindicator" in str(caught.value) and "er is niets opgeslagen" in str(
        caught.value
    )
    assert conn.execute("SELECT count(*) FROM statistic").fetchone()[0] == 0


def test_wsjg_malformed_rows_are_all_reported_with_row_and_column(conn, tmp_path: Path) -> None:
    path = _wsjg(
        tmp_path / "sport.csv",
        "2016;gemeente;GM0147;Niet-sporters;48,0",
        "2016;gemeente;Atlantis;Niet-sporters;50,0",
        "twintig;gemeente;GM0150;Niet-sporters;50,0",
        "2016;gemeente;GM0160;Niet-sporters;veel",
        "2016;gemeente;GM0163;Niet-sporters;130",
        "2016;;141;Niet-sporters;50,0",  # a bare number without the gemeente level
    )
    with pytest.raises(ValidationError) as caught:
        import_public_file(conn, path)
    located = {(p.row, p.column, p.value) for p in caught.value.problems}
    assert located == {(3, "GEBIED", "Atlantis"), (4, "PERIODE", "twintig"), (5, "WAARDE", "veel"),
                       (6, "WAARDE", "130"), (7, "GEBIED", "141")}  # fmt: skip
    message = str(caught.value)
    assert "Onbekend gebied" in message and "Geen getal" in message and "tussen 0 en 100" in message
    assert conn.execute("SELECT count(*) FROM statistic").fetchone()[0] == 0


def test_wsjg_without_a_value_column_names_the_missing_column(conn, tmp_path: Path) -> None:
    path = tmp_path / "sport.csv"
    path.write_text("PERIODE;GEBIED;NAAM;AANTAL\n2016;GM0147;Niet-sporters;48\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        import_public_file(conn, path)
    assert "Ondersteunde formaten" in str(caught.value)  # not recognised without its value column
    from sv_analytics.ingest.public import wsjg

    with pytest.raises(ValidationError) as caught:
        wsjg.parse_table(base.read_csv_table(path.read_bytes(), "sport.csv"))
    assert "Verplichte kolom 'WAARDE' ontbreekt" in str(caught.value)
