"""Make ``data/grenzen_2017.geojson``: simplified 2017 outlines of the 11 programme gemeenten and
of Overijssel, which the maps draw when no boundaries were imported (sv_analytics/outlines.py).

Input: the CBS gebiedsindeling 2017 (``cbs_gemeente_2017_gegeneraliseerd`` and
``cbs_provincie_2017_gegeneraliseerd`` from PDOK) as TopoJSON, as redistributed by cartomap/nl
(``gemeente_2017.topojson``, ``provincie_2017.topojson``; the fixtures in ../shared/reference
are those files). Licence CC BY 4.0; data/README.md states the attribution.

Why simplify the *arcs* and not each polygon: neighbouring gemeenten share their border arcs in
TopoJSON; simplifying an arc once keeps both sides identical, so the simplified map has no gaps
or overlaps along a border. The arcs are simplified in RD New (EPSG:28992, metres), so the
tolerance is a distance on the ground, then projected back to WGS84 and rounded to 5 decimals
(about 1 m). Everything is in a fixed order, so a rerun writes the same bytes.

Run from the project root::

    .venv/bin/python scripts/make_outlines.py [INPUT_DIR] [--out data/grenzen_2017.geojson]
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import pairwise
from pathlib import Path

from pyproj import Transformer
from shapely.geometry import LineString, shape

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from sv_analytics import outlines, registry  # noqa: E402
from sv_analytics.ingest.public import geo  # noqa: E402

DEFAULT_INPUT = PROJECT_DIR.parent / "shared" / "reference"
GEMEENTE_FILE = "cartomap-wgs84-gemeente_2017.topojson"
PROVINCIE_FILE = "cartomap-wgs84-provincie_2017.topojson"
#: Ground distance (m) a simplified border may move: the input's own quantisation step (0.001°,
#: ~70-110 m). The cartomap file is generalised already, so this removes (almost) nothing today;
#: it bounds what a finer input would keep.
TOLERANCE_M = 100.0
DECIMALS = 5
YEAR = 2017
SOURCE = (
    "CBS gebiedsindeling 2017 (gegeneraliseerd, PDOK) via cartomap/nl "
    "(commit 10e524b4348439e7d022bef107fa5cb000120449), vereenvoudigd door sv-analytics; CC BY 4.0"
)

TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def simplified_arcs(doc: dict) -> list[list[list[float]]]:
    """Every arc in absolute WGS84 coordinates, simplified in metres, rounded to 5 decimals.
    End points are kept (Douglas-Peucker keeps them), so arcs still join into closed rings."""
    result = []
    for arc in geo._decode_arcs(doc["arcs"], doc.get("transform")):
        xs, ys = TO_RD.transform([p[0] for p in arc], [p[1] for p in arc])
        if len(arc) > 2:
            line = LineString(zip(xs, ys, strict=True)).simplify(TOLERANCE_M, preserve_topology=True)
            xs, ys = zip(*line.coords, strict=True)
        lons, lats = TO_WGS84.transform(list(xs), list(ys))
        result.append([[round(x, DECIMALS), round(y, DECIMALS)] for x, y in zip(lons, lats, strict=True)])
    return result


def wanted_features(path: Path, codes: dict[str, str], level: str) -> list[dict]:
    """The features of ``codes`` (CBS code → name) from one TopoJSON file, with simplified arcs."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    plain = {"type": "Topology", "arcs": simplified_arcs(doc), "objects": doc["objects"]}
    found = {}
    for feature in geo.topojson_features(plain, path.name):
        code = str(feature.properties.get("statcode", "")).strip()
        if code in codes:
            found[code] = feature.geometry
    missing = sorted(set(codes) - set(found))
    if missing:
        raise SystemExit(f"{path}: niet gevonden: {', '.join(missing)}")
    features = []
    for code in sorted(codes):
        geometry = _dedupe(found[code])
        if not shape(geometry).is_valid:
            raise SystemExit(f"{code}: ongeldige geometrie na vereenvoudigen; verklein TOLERANCE_M")
        properties = {"code": code, "name": codes[code], "level": level, "year": YEAR, "source": SOURCE}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return features


def _dedupe(geometry: dict) -> dict:
    """Drop consecutive repeated points that rounding can create (a ring stays closed)."""

    def ring(points: list) -> list:
        out = [points[0]]
        out.extend(p for prev, p in pairwise(points) if p != prev)
        return out

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geometry["coordinates"]]}


def collection(input_dir: Path) -> str:
    """The output text: one feature per line, gemeenten by code, then the province."""
    features = wanted_features(input_dir / GEMEENTE_FILE, registry.PROGRAMME_GEMEENTEN, "gemeente")
    features += wanted_features(
        input_dir / PROVINCIE_FILE, {registry.OVERIJSSEL_CODE: "Overijssel"}, "provincie"
    )
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input_dir", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--out", type=Path, default=outlines.OUTLINES_FILE)
    args = parser.parse_args(argv)
    text = collection(args.input_dir)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
