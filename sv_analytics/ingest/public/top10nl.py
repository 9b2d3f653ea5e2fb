"""Kadaster BRT TOP10NL places: inhabitants per kern (CSV) and woonkern outlines (GeoJSON).

Why: a kern is a village, not a CBS area; TOP10NL ``Plaats`` objects are the official
built-up places with their inhabitants (BRP, counted by CBS) and their outline. They are
linked to the kern registry by name within the same gemeente; only matched places are
stored (region level ``kern``, region code = kern_id), because REGION_LEVEL has no level
for other places. How many were not matched is reported in the warnings.

Years: the places CSV carries ``bronactualiteit`` (2025-07-01 → 2025, the inhabitants are
those of 1 July 2025, not of 2017). The woonkern GeoJSON carries no date; the ``year``
parameter is used, else 2025 (the TOP10NL edition of the reference copy), with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from sv_analytics import registry
from sv_analytics.errors import Problem
from sv_analytics.ingest.public import base, geo
from sv_analytics.ingest.public.catalogue import unit_of

KIND = "pdok"
SOURCE = "Kadaster BRT TOP10NL"
SOURCE_INHABITANTS = "Kadaster BRT TOP10NL (inwoners: CBS, BRP)"
DEFAULT_YEAR = 2025
NOTE_PLACES = (
    "TOP10NL Plaats; inwoners volgens BRP (CBS) op de peildatum in bronactualiteit; gekoppeld op naam."
)
NOTE_OUTLINES = (
    "TOP10NL woonkernen en deelkernen (contouren), gekoppeld aan het kernregister op naam en gemeente."
)
#: Which TOP10NL typeGebied fits a registry kern_type, best first.
TYPE_PREFERENCE = {
    "dorp": ("woonkern", "deelkern", "buurtschap", "gehucht"),
    "buurtschap": ("buurtschap", "gehucht", "woonkern", "deelkern"),
    "wijk": ("wijk", "stadsdeel", "buurt", "woonkern", "deelkern"),
}
GEMEENTE_COLUMNS = ("gemeentecode", "gemeentecode_2026", "gemeentecode_2017_cartomap")


@dataclass(frozen=True)
class Place:
    """One TOP10NL place (a CSV row or a GeoJSON feature) as far as matching needs it."""

    number: int
    name: str
    gemeente_code: str
    kind: str


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def match_kernen(places: list[Place], kernen: pd.DataFrame) -> tuple[dict[int, str], list[str]]:
    """Place number → kern_id for registry kernen found by name in their gemeente.

    Why name + gemeente + type preference: names repeat across gemeenten and within one
    (a woonkern and a buurt of the same name); the registry's kern type says which to take.
    Returns the matches and the names of registry kernen without a place.
    """
    by_key: dict[tuple[str, str], list[Place]] = {}
    for place in places:
        by_key.setdefault((_key(place.name), place.gemeente_code), []).append(place)
    matches, missing = {}, []
    for kern in kernen.itertuples(index=False):
        candidates = by_key.get((_key(kern.name), kern.gemeente_code), [])
        preference = TYPE_PREFERENCE.get(kern.kern_type, ())
        ranked = sorted(
            (p for p in candidates if p.kind in preference),
            key=lambda p: (preference.index(p.kind), p.number),
        )
        if ranked:
            matches[ranked[0].number] = kern.kern_id
        else:
            missing.append(kern.name)
    return matches, missing


def _match_warnings(total: int, matched: int, missing: list[str], what: str) -> list[str]:
    warnings = [
        f"{total - matched} van {total} {what} horen niet bij een kern uit het register; niet opgeslagen."
    ]
    if missing:
        warnings.append(f"Geen {what} gevonden voor deze kernen uit het register: {', '.join(missing)}.")
    return warnings


# ----------------------------------------------------------------------------- places CSV
def is_places_header(columns: list[str]) -> bool:
    """TOP10NL Plaats exports carry naamNL and typeGebied."""
    lowered = {c.strip().lower() for c in columns}
    return {"naamnl", "typegebied"} <= lowered


def parse_places_csv(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """Inhabitants of matched kernen as statistic ``inwoners`` at level ``kern``."""
    table = base.read_csv_table(data, name)
    columns = {c: table.find(c) for c in ("naamNL", "typeGebied", "aantalinwoners")}
    gemeente_column = table.find(*GEMEENTE_COLUMNS)
    problems = [
        table.problem(f"Verplichte kolom '{c}' ontbreekt.") for c, found in columns.items() if found is None
    ]
    if gemeente_column is None:
        problems.append(table.problem("Verplichte kolom 'gemeentecode' ontbreekt."))
    base.raise_problems(problems)
    places, inhabitants = [], {}
    for number, cells in table.rows:
        place, value = _place_row(table, number, cells, columns, gemeente_column, problems)
        if place is not None:
            places.append(place)
            inhabitants[number] = value
    file_year, in_content = _places_year(table, year, problems)
    base.raise_problems(problems)
    matches, missing = match_kernen(places, registry.load_kernen())
    rows = [
        (
            kern_id,
            "kern",
            file_year,
            "totaal",
            "inwoners",
            inhabitants[n],
            unit_of("inwoners"),
            SOURCE_INHABITANTS,
            n,
        )
        for n, kern_id in sorted(matches.items())
    ]
    frame, duplicates = base.statistic_frame(rows, name)
    base.raise_problems(duplicates)
    warnings = _match_warnings(len(places), len(matches), missing, "plaatsen")
    warnings.append(f"Inwoners zijn die van {file_year} (TOP10NL-peildatum), niet van de programmajaren.")
    return base.Parsed(KIND, SOURCE, file_year, in_content, NOTE_PLACES, {"statistic": frame}, warnings)


def _place_row(table, number, cells, columns, gemeente_column, problems) -> tuple[Place | None, float | None]:
    label = str(cells.get(columns["naamNL"]) or "").strip()
    region = base.region_of(cells.get(gemeente_column))
    found = len(problems)
    if not label:
        problems.append(table.problem("De naam van de plaats ontbreekt.", number, columns["naamNL"]))
    if region is None or region[1] != "gemeente":
        problems.append(
            table.problem("Geen gemeentecode (GM….).", number, gemeente_column, cells.get(gemeente_column))
        )
    try:
        value = base.parse_number(cells.get(columns["aantalinwoners"]))
    except ValueError:
        problems.append(
            table.problem(
                "Geen getal.", number, columns["aantalinwoners"], cells.get(columns["aantalinwoners"])
            )
        )
        value = None
    if len(problems) > found:
        return None, None
    kind = str(cells.get(columns["typeGebied"]) or "").strip().lower()
    return Place(number, label, region[0], kind), value


def _places_year(table: base.Table, given: int | None, problems: list[Problem]) -> tuple[int | None, bool]:
    column = table.find("bronactualiteit")
    years = {str(c.get(column) or "")[:4] for _, c in table.rows} if column else set()
    years = {int(y) for y in years if y.isdigit()}
    if len(years) == 1:
        year = years.pop()
        if given is not None and given != year:
            problems.append(
                table.problem(f"Het opgegeven jaar {given} verschilt van bronactualiteit ({year}).")
            )
        return year, True
    year, year_problems = base.resolve_year(given, table.file, what="de plaatsen")
    problems += year_problems
    return year, False


# ----------------------------------------------------------------------------- woonkern outlines
def is_outline_doc(doc: dict) -> bool:
    """Woonkern outlines are GeoJSON whose features carry naamNL and typeGebied."""
    features = doc.get("features") if isinstance(doc.get("features"), list) else []
    first = (features[0].get("properties") or {}) if features and isinstance(features[0], dict) else {}
    return {"naamNL", "typeGebied"} <= set(first)


def parse_outlines(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """Outlines of matched kernen as geometry at level ``kern`` (region code = kern_id)."""
    doc = geo.load_json(data, name)
    features = geo.geojson_features(doc, name)
    transformer = geo.transformer_for(geo.declared_crs(doc, name) or geo.guess_crs(features, name))
    places, problems = [], []
    for feature in features:
        label = str(feature.properties.get("naamNL") or "").strip()
        region = base.region_of(geo.prop(feature.properties, GEMEENTE_COLUMNS))
        if not label or region is None or region[1] != "gemeente":
            message = f"Feature {feature.number}: naam (naamNL) of gemeentecode ontbreekt of is ongeldig."
            problems.append(Problem(name, message, row=feature.number))
            continue
        kind = str(feature.properties.get("typeGebied") or "").strip().lower()
        places.append(Place(feature.number, label, region[0], kind))
    base.raise_problems(problems)
    kernen = registry.load_kernen()
    matches, missing = match_kernen(places, kernen)
    names = dict(zip(kernen["kern_id"], kernen["name"], strict=True))
    file_year = DEFAULT_YEAR if year is None else year
    rows = []
    by_number = {f.number: f for f in features}
    for number, kern_id in sorted(matches.items()):
        try:
            text, _valid = geo.clean_geometry(by_number[number].geometry, transformer)
        except ValueError as exc:
            problems.append(Problem(name, f"Feature {number} ({kern_id}): {exc}.", row=number))
            continue
        rows.append((kern_id, "kern", file_year, names[kern_id], text, SOURCE, number))
    frame, duplicates = base.geometry_frame(rows, name)
    base.raise_problems(problems + duplicates)
    warnings = _match_warnings(len(places), len(matches), missing, "woonkernen")
    if year is None:
        warnings.append(
            f"Het bestand noemt geen jaar; {DEFAULT_YEAR} aangenomen (TOP10NL-editie van juli 2025)."
        )
    return base.Parsed(KIND, SOURCE, file_year, year is None, NOTE_OUTLINES, {"geometry": frame}, warnings)
