"""Boundaries as GeoJSON or TopoJSON (CBS gebiedsindelingen via PDOK or cartomap), to WGS84.

Why: the map pages draw gemeenten, the province and wijken; table ``geometry`` stores each
outline as GeoJSON text in WGS84 (EPSG:4326), rounded to 6 decimals (about 0.1 m).

* TopoJSON is decoded here (quantisation transform, delta-encoded arcs, reversed arcs for
  negative indices), without GDAL or network, so it works the same everywhere.
* RD New (EPSG:28992) input — named in the GeoJSON ``crs`` member or recognised by its
  coordinate range — is reprojected with pyproj; everything ends up in lon/lat.
* The region level comes from the code's prefix (GM, PV, WK, BU; four digits = PC4); the
  year from ``jrstatcode`` (2017GM0141), a ``metadata.year`` block, the file name or the
  ``year`` parameter, in that order.
* All features of a file are kept (the national gemeente file is small); invalid shapes
  (self-intersections in the source) are kept as published and listed in the warnings.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from sv_analytics.errors import Problem, ValidationError
from sv_analytics.ingest import common
from sv_analytics.ingest.public import base

KIND = "pdok"
SOURCE_GEBIEDSINDELING = "CBS Gebiedsindelingen (PDOK), gegeneraliseerd"
SOURCE_WIJKBUURTKAART = "CBS Wijk- en buurtkaart (PDOK wijkenbuurten)"
SOURCE_GENERIC = "CBS-gebiedsgrenzen (GeoJSON/TopoJSON)"
WGS84, RD_NEW = "EPSG:4326", "EPSG:28992"
DECIMALS = 6
#: A generous box around the European Netherlands (lon, lat): catches a wrong CRS.
NL_BOX = (2.5, 50.5, 7.6, 54.0)
CODE_PROPERTIES = (
    "statcode",
    "gemeentecode",
    "gm_code",
    "provinciecode",
    "wijkcode",
    "wk_code",
    "buurtcode",
    "bu_code",
    "pc4",
    "postcode",
    "code",
)
NAME_PROPERTIES = (
    "statnaam",
    "gemeentenaam",
    "gm_naam",
    "provincienaam",
    "wijknaam",
    "wk_naam",
    "buurtnaam",
    "bu_naam",
    "naam",
    "name",
)


@dataclass
class Feature:
    """One input feature: its position in the file (1-based), properties and raw geometry."""

    number: int
    properties: dict
    geometry: dict | None


# ----------------------------------------------------------------------------- reading
def load_json(data: bytes, name: str) -> dict:
    """The parsed JSON document, or a Dutch problem naming where the text breaks off."""
    text = common.decode_text(data, name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"Geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}); is het bestand afgebroken of beschadigd?"
        raise ValidationError([Problem(name, message)]) from exc
    if not isinstance(doc, dict):
        raise ValidationError([Problem(name, "Verwacht een JSON-object (GeoJSON of TopoJSON).")])
    return doc


def geojson_features(doc: dict, name: str) -> list[Feature]:
    """The features of a FeatureCollection; a feature ``id`` is kept as property ``id``."""
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise ValidationError(
            [Problem(name, "Verwacht een GeoJSON FeatureCollection met een lijst 'features'.")]
        )
    if not doc["features"]:
        raise ValidationError([Problem(name, "De FeatureCollection bevat geen features.")])
    features = []
    for number, item in enumerate(doc["features"], start=1):
        item = item if isinstance(item, dict) else {}
        properties = dict(item.get("properties") or {})
        if "id" in item and "id" not in properties:
            properties["id"] = item["id"]
        features.append(Feature(number, properties, item.get("geometry")))
    return features


def topojson_features(doc: dict, name: str) -> list[Feature]:
    """Decode every geometry of every object of a TopoJSON Topology to GeoJSON geometry."""
    objects = doc.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise ValidationError(
            [Problem(name, "Het TopoJSON-bestand bevat geen objecten ('objects' ontbreekt of is leeg).")]
        )
    if not isinstance(doc.get("arcs"), list):
        raise ValidationError([Problem(name, "Het TopoJSON-bestand heeft geen lijst 'arcs'.")])
    try:
        arcs = _decode_arcs(doc["arcs"], doc.get("transform"))
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise ValidationError(
            [Problem(name, "De bogen ('arcs') of de 'transform' van het TopoJSON-bestand zijn ongeldig.")]
        ) from exc
    features, problems = [], []
    for obj in objects.values():
        members = (
            obj.get("geometries", [])
            if isinstance(obj, dict) and obj.get("type") == "GeometryCollection"
            else [obj]
        )
        for member in members:
            number = len(features) + 1
            member = member if isinstance(member, dict) else {}
            properties = dict(member.get("properties") or {})
            if "id" in member and "id" not in properties:
                properties["id"] = member["id"]
            try:
                geometry = _topo_geometry(member, arcs)
            except (TypeError, ValueError, IndexError, KeyError):
                message = (
                    f"Object {number}: ongeldige verwijzing naar bogen (index bestaat niet of is geen getal)."
                )
                problems.append(Problem(name, message, row=number))
                geometry = None
            features.append(Feature(number, properties, geometry))
    if not features:
        raise ValidationError([Problem(name, "Het TopoJSON-bestand bevat geen geometrieën.")])
    base.raise_problems(problems)
    return features


def _decode_arcs(raw_arcs: list, transform: dict | None) -> list[list[list[float]]]:
    """Absolute coordinates per arc: undo the delta encoding and the quantisation."""
    if transform is None:
        return [[[float(p[0]), float(p[1])] for p in arc] for arc in raw_arcs]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in raw_arcs:
        x = y = 0
        points = []
        for position in arc:
            x, y = x + position[0], y + position[1]
            points.append([x * sx + tx, y * sy + ty])
        decoded.append(points)
    return decoded


def _topo_geometry(member: dict, arcs: list) -> dict | None:
    kind = member.get("type")
    if kind is None:
        return None
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in member["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[_ring(r, arcs) for r in p] for p in member["arcs"]]}
    return {"type": kind, "coordinates": None}  # rejected later as an unsupported type


def _ring(indices: list[int], arcs: list) -> list[list[float]]:
    """Join arcs into one ring; a negative index ~i means arc i reversed, shared end points once."""
    points: list[list[float]] = []
    for index in indices:
        if not isinstance(index, int):
            raise TypeError(index)
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


# ----------------------------------------------------------------------------- CRS and coordinates
def declared_crs(doc: dict, name: str) -> str | None:
    """The CRS named in a GeoJSON ``crs`` member; None when the file names none."""
    crs = doc.get("crs")
    if not crs:
        return None
    label = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else str(crs)
    if label.endswith(("CRS84", ":4326", "::4326")):
        return WGS84
    if label.endswith((":28992", "::28992")):
        return RD_NEW
    message = (
        f"Onbekend coördinatenstelsel '{label}'; ondersteund zijn WGS84 (EPSG:4326) en RD New (EPSG:28992)."
    )
    raise ValidationError([Problem(name, message)])


def guess_crs(features: list[Feature], name: str) -> str:
    """WGS84 or RD New from the coordinate range, for files without a ``crs`` member."""
    xs, ys = [], []
    for feature in features:
        for x, y in _positions((feature.geometry or {}).get("coordinates")):
            xs.append(x)
            ys.append(y)
    if not xs:
        raise ValidationError([Problem(name, "Het bestand bevat geen coördinaten.")])
    box = (min(xs), min(ys), max(xs), max(ys))
    if _inside(box, (-180, -90, 180, 90)):
        return WGS84
    if _inside(box, (-7000, 289000, 300000, 629000)):
        return RD_NEW
    message = "Het coördinatenstelsel is niet te herkennen; gebruik WGS84 (EPSG:4326) of RD New (EPSG:28992)."
    raise ValidationError([Problem(name, message)])


def _inside(box: tuple[float, ...], limits: tuple[float, ...]) -> bool:
    return box[0] >= limits[0] and box[1] >= limits[1] and box[2] <= limits[2] and box[3] <= limits[3]


def _positions(coordinates) -> list[tuple[float, float]]:
    """Every (x, y) in a nested coordinate array; malformed parts are skipped here."""
    if not isinstance(coordinates, list) or not coordinates:
        return []
    if all(isinstance(c, int | float) for c in coordinates[:2]) and len(coordinates) >= 2:
        return [(float(coordinates[0]), float(coordinates[1]))]
    found = []
    for part in coordinates:
        found += _positions(part)
    return found


def transformer_for(crs: str):
    """A pyproj transformer to WGS84 (lon, lat order), or None when already WGS84."""
    if crs == WGS84:
        return None
    from pyproj import Transformer

    return Transformer.from_crs(crs, WGS84, always_xy=True)


def clean_geometry(geometry: dict | None, transformer) -> tuple[str, bool]:
    """(GeoJSON text in WGS84 rounded to 6 decimals, is it valid) — ValueError with a Dutch reason.

    Only polygons are accepted: boundaries and contours are areas.
    """
    import shapely.geometry

    if not isinstance(geometry, dict) or geometry.get("type") is None:
        raise ValueError("de geometrie ontbreekt")
    kind = geometry["type"]
    if kind not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"geometrietype {kind} wordt niet ondersteund (alleen Polygon en MultiPolygon)")
    depth = 1 if kind == "Polygon" else 2
    try:
        coordinates = _map_rings(geometry["coordinates"], depth, transformer)
        shape = shapely.geometry.shape({"type": kind, "coordinates": coordinates})
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise ValueError("de coördinaten zijn ongeldig") from exc
    if shape.is_empty:
        raise ValueError("de geometrie is leeg")
    lon_min, lat_min, lon_max, lat_max = shape.bounds
    if lon_min < NL_BOX[0] or lat_min < NL_BOX[1] or lon_max > NL_BOX[2] or lat_max > NL_BOX[3]:
        raise ValueError("de coördinaten liggen niet in Nederland (verkeerd coördinatenstelsel?)")
    text = json.dumps({"type": kind, "coordinates": coordinates}, separators=(",", ":"))
    return text, bool(shape.is_valid)


def _map_rings(coordinates, depth: int, transformer) -> list:
    """Transform and round every ring; depth 1 = list of rings, 2 = list of polygons."""
    if not isinstance(coordinates, list) or not coordinates:
        raise ValueError("lege coördinatenlijst")
    if depth > 1:
        return [_map_rings(part, depth - 1, transformer) for part in coordinates]
    return [_map_ring(ring, transformer) for ring in coordinates]


def _map_ring(ring, transformer) -> list[list[float]]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValueError("een ring heeft minder dan 4 punten")
    xs = [float(p[0]) for p in ring]
    ys = [float(p[1]) for p in ring]
    if not all(math.isfinite(v) for v in xs + ys):
        raise ValueError("niet-eindige coördinaat")
    if transformer is not None:
        xs, ys = transformer.transform(xs, ys)
    return [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in zip(xs, ys, strict=True)]


# ----------------------------------------------------------------------------- boundaries
def prop(properties: dict, names: tuple[str, ...]) -> object:
    """The first non-empty property among ``names`` (case-insensitive): sources name codes differently."""
    lowered = {str(k).lower(): v for k, v in properties.items()}
    return next((lowered[n] for n in names if lowered.get(n) not in (None, "")), None)


def _content_year(doc: dict, features: list[Feature]) -> set[int]:
    years = set()
    for feature in features:
        jr = str(prop(feature.properties, ("jrstatcode",)) or "")
        if len(jr) >= 4 and jr[:4].isdigit():
            years.add(int(jr[:4]))
    metadata = doc.get("metadata")
    if not years and isinstance(metadata, dict) and str(metadata.get("year", "")).isdigit():
        years.add(int(metadata["year"]))
    return years


def _source(doc: dict, features: list[Feature]) -> str:
    first = {str(k).lower() for k in features[0].properties}
    if {"jrstatcode", "rubriek"} & first:
        return SOURCE_GEBIEDSINDELING
    if "metadata" in doc or "aantal_inwoners" in first:
        return SOURCE_WIJKBUURTKAART
    return SOURCE_GENERIC


def resolve_geo_year(
    doc: dict, features: list[Feature], given: int | None, name: str
) -> tuple[int | None, bool, list[Problem]]:
    """(year, taken from the content, problems) — a parameter contradicting the content is a problem."""
    years = _content_year(doc, features)
    if len(years) > 1:
        return None, True, [Problem(name, f"Het bestand bevat grenzen van meerdere jaren ({sorted(years)}).")]
    if years:
        year = years.pop()
        if given is not None and given != year:
            message = f"Het opgegeven jaar {given} verschilt van het jaar in het bestand ({year})."
            return year, True, [Problem(name, message)]
        return year, True, []
    year, problems = base.resolve_year(given, name, what="de grenzen", example="gemeenten-2017.geojson")
    return year, False, problems


def boundary_rows(features: list[Feature], transformer, year: int, source: str, name: str):
    """Geometry rows (with the feature number) plus problems and the codes of invalid shapes."""
    rows, problems, invalid = [], [], []
    for feature in features:
        raw = prop(feature.properties, CODE_PROPERTIES) or feature.properties.get("id")
        region = base.region_of(raw)
        if region is None:
            message = f"Feature {feature.number}: {base.REGION_CODE_HELP} (eigenschap statcode)."
            problems.append(
                Problem(
                    name,
                    message,
                    row=feature.number,
                    column="statcode",
                    value=None if raw is None else str(raw),
                )
            )
            continue
        try:
            text, valid = clean_geometry(feature.geometry, transformer)
        except ValueError as exc:
            problems.append(
                Problem(name, f"Feature {feature.number} ({region[0]}): {exc}.", row=feature.number)
            )
            continue
        if not valid:
            invalid.append(region[0])
        label = prop(feature.properties, NAME_PROPERTIES)
        rows.append(
            (region[0], region[1], year, None if label is None else str(label), text, source, feature.number)
        )
    return rows, problems, invalid


def parse_boundaries(
    doc: dict, features: list[Feature], name: str, year: int | None, crs: str | None
) -> base.Parsed:
    """Shared tail of the GeoJSON and TopoJSON importers."""
    crs = crs or guess_crs(features, name)
    file_year, in_content, year_problems = resolve_geo_year(doc, features, year, name)
    source = _source(doc, features)
    rows, problems, invalid = boundary_rows(features, transformer_for(crs), file_year or 0, source, name)
    frame, duplicates = base.geometry_frame(rows, name)
    base.raise_problems(year_problems + problems + duplicates)
    levels = ", ".join(f"{n} {lvl}" for lvl, n in frame["region_level"].value_counts().sort_index().items())
    warnings = [f"Grenzen {file_year} opgeslagen ({levels}); bron-CRS {crs}, opgeslagen in WGS84."]
    if invalid:
        warnings.append(
            "Ongeldige vorm in de bron (zelfdoorsnijding), ongewijzigd opgeslagen: "
            + ", ".join(invalid)
            + "."
        )
    if source == SOURCE_WIJKBUURTKAART:
        warnings.append("Alleen de grenzen zijn opgeslagen; kerncijfers komen uit het kwb-importbestand.")
    note = f"Grenzen in WGS84 (EPSG:4326), {DECIMALS} decimalen; bron-CRS {crs}."
    return base.Parsed(KIND, source, file_year, in_content, note, {"geometry": frame}, warnings)


def parse_geojson(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """Boundaries from a GeoJSON FeatureCollection (WGS84 or RD New)."""
    doc = load_json(data, name)
    return parse_boundaries(doc, geojson_features(doc, name), name, year, declared_crs(doc, name))


def parse_topojson(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """Boundaries from a TopoJSON Topology (every object, every geometry)."""
    doc = load_json(data, name)
    if doc.get("type") != "Topology":
        raise ValidationError([Problem(name, "Verwacht een TopoJSON-bestand met type 'Topology'.")])
    return parse_boundaries(doc, topojson_features(doc, name), name, year, declared_crs(doc, name))
