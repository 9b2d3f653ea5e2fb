"""Tests of sv_analytics.map_png, the offline map images ("Kaart als PNG"): valid PNGs of the
stated size, the texts an official needs on the image (title, legend, source, demo note), a
gemeente map that holds only its kernen, no counts in the image's data, an empty selection that
gives no image instead of a crash, and the same bytes for the same data.

Rendering costs about a second per image on this machine, so the images are rendered once per
module (``rendered``) and the tests read them.
"""

from __future__ import annotations

import io
import json
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from altair.utils import schemapi

from sv_analytics import lookups, map_png, maps, overzicht, sociale_kaart, style, timeline
from sv_analytics.texts import t

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PERIOD = timeline.PROJECT
DEVENTER = "GM0150"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG standard puts first."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def data_rows(spec: dict) -> list[dict]:
    """Every data row of a spec: inline values and the named datasets Altair makes of frames."""
    rows = [row for rows in spec.get("datasets", {}).values() for row in rows]
    for layer in spec["layer"]:
        rows += layer.get("data", {}).get("values", [])
    return rows


def svg_texts(svg: str) -> list[str]:
    """The text elements of an SVG, unescaped as far as these tests need."""
    return [s.replace("&amp;", "&") for s in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.fixture(scope="module")
def db(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(str(demo_db), read_only=True)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def geo(db: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    return lookups.gemeente_outlines(db), lookups.kern_contours(db)


def kern_spec(db, geo, gemeente: str | None, colour_by: str = "kern_type", demo: bool = True):
    overview = overzicht.kern_overview(db, PERIOD, gemeente)
    outlines, contours = geo
    return map_png.kern_map_spec(
        maps.kern_points(overview, colour_by), maps.legend(overview, colour_by), outlines, contours,
        title=map_png.kern_map_title(overview), subtitle="jan 2017 – dec 2018",
        legend_title=map_png.legend_title(colour_by), legend_notes=["Klassen over het hele programma"],
        source=map_png.source_line(map_png.data_source(colour_by), outlines, contours), demo=demo,
    )  # fmt: skip


@pytest.fixture(scope="module")
def rendered(db, geo) -> dict[str, object]:
    """The images the tests look at, rendered once."""
    overview = overzicht.kern_overview(db, PERIOD)
    outlines, contours = geo
    orgs, facs = sociale_kaart.organisations(db, "bathmen"), sociale_kaart.facilities(db, "bathmen")
    return {
        "all_png": map_png.kern_map_png(overview, outlines, contours, period=PERIOD, demo=True),
        "deventer_svg": map_png.render_svg(kern_spec(db, geo, DEVENTER, "participants_per_1000")),
        "all_svg": map_png.render_svg(kern_spec(db, geo, None)),
        "sk_png": map_png.sociale_kaart_png(orgs, facs, contours, "bathmen", kern_name="Bathmen", demo=True),
        "sk_svg": map_png.render_svg(
            map_png.sociale_kaart_spec(
                orgs,
                facs,
                contours,
                "bathmen",
                title="Sociale kaart van Bathmen",
                subtitle="",
                source="Bron: x",
                demo=True,
            )
        ),
    }


def test_the_kern_map_is_a_png_of_the_stated_size(rendered: dict, artifacts: Path) -> None:
    data = rendered["all_png"]
    (artifacts / "kaart-kernen-overijssel.png").write_bytes(data)
    assert png_size(data) == (map_png.WIDTH, map_png.HEIGHT) == (1600, 1000)
    image = pytest.importorskip("PIL.Image").open(io.BytesIO(data))
    image.load()
    assert image.size == (1600, 1000)
    # not a blank canvas: the map and its texts put many colours on it
    assert len(image.convert("RGB").getcolors(maxcolors=1_000_000)) > 50


def test_scale_2_doubles_both_sides(db, geo, artifacts: Path) -> None:
    data = map_png.render_png(kern_spec(db, geo, DEVENTER, "participants_per_1000"), scale=2)
    (artifacts / "kaart-kernen-deventer@2x.png").write_bytes(data)
    assert png_size(data) == (3200, 2000)


def test_the_sociale_kaart_is_a_png_of_the_stated_size(rendered: dict, artifacts: Path) -> None:
    (artifacts / "sociale-kaart-bathmen.png").write_bytes(rendered["sk_png"])
    assert png_size(rendered["sk_png"]) == (1600, 1000)


def test_the_specs_are_valid_vega_lite(db, geo, rendered: dict) -> None:
    """Altair's validation is off in the app (charts/__init__.py); the map specs are checked here."""
    orgs, facs = sociale_kaart.organisations(db, "bathmen"), sociale_kaart.facilities(db, "bathmen")
    specs = [
        kern_spec(db, geo, None, "participants_per_1000"),
        map_png.sociale_kaart_spec(
            orgs, facs, geo[1], "bathmen", title="x", subtitle="", source="", demo=False
        ),
    ]
    with schemapi.debug_mode(True):
        for spec in specs:
            assert spec.to_dict(validate=True)["autosize"] == {"type": "none"}


def test_the_image_carries_title_legend_source_and_demo_note(rendered: dict, db) -> None:
    texts = svg_texts(rendered["all_svg"])
    joined = " ".join(texts)
    assert t("map_png.kern_title", area=t("map_png.area_programme")) in texts
    assert t("overzicht.colour_kern_type") in texts
    overview = overzicht.kern_overview(db, PERIOD)
    for item in maps.legend(overview, "kern_type"):
        assert item.label in texts
    assert "Klassen over het hele programma" in joined
    assert "Kaartgrenzen: CBS gebiedsindeling 2017" in joined and "CC BY 4.0" in joined
    assert "Kerncontouren: Demo (fictief)" in joined
    assert t("map_png.demo_note") == "Demo — fictieve gegevens"
    assert t("map_png.demo_note") in texts
    # every kern of the programme is named on the all-kernen map, each on a halo and on top
    for name in overview["name"]:
        assert texts.count(name) == 2, name


def test_the_indicator_legend_shows_the_programme_wide_classes(rendered: dict, db) -> None:
    texts = svg_texts(rendered["deventer_svg"])
    legend = maps.legend(overzicht.kern_overview(db, PERIOD, DEVENTER), "participants_per_1000")
    assert len(legend) >= 2
    for item in legend:
        assert item.label in texts
    assert "Bereik per 1.000 inwoners" in texts


def test_a_gemeente_map_names_only_its_kernen(rendered: dict, db) -> None:
    texts = set(svg_texts(rendered["deventer_svg"]))
    assert "Sociaal Vitaal-kernen in gemeente Deventer" in texts
    assert {"Bathmen", "Diepenveen"} <= texts
    others = set(overzicht.kern_overview(db, PERIOD)["name"]) - {"Bathmen", "Diepenveen"}
    assert others and not (others & texts)


def test_the_gemeente_view_fits_its_own_outline_not_the_province(db, geo) -> None:
    spec = kern_spec(db, geo, DEVENTER).to_dict()
    fits = {json.dumps(layer["projection"]["fit"]) for layer in spec["layer"] if "projection" in layer}
    assert len(fits) == 1  # one projection for every geographic layer
    (lon0, lat0), (lon1, lat1) = json.loads(fits.pop())["geometry"]["coordinates"]
    # Deventer lies within about 6.0–6.4 °E, 52.15–52.35 °N (the shipped CBS outline)
    assert 6.0 < lon0 < lon1 < 6.45 and 52.1 < lat0 < lat1 < 52.4


def test_the_image_data_holds_no_counts(db, geo) -> None:
    """Only names, positions, colours, pixel sizes and the image's own texts reach the spec:
    the image shows no more than the pydeck map does."""
    spec = kern_spec(db, geo, None, "participants").to_dict()
    allowed = {"name", "lon", "lat", "fill", "size", "align", "dx", "dy",  # points and names
               "x", "y", "x2", "y2", "text",  # the image's own texts and paper
               "type", "geometry", "properties"}  # outlines and contours  # fmt: skip
    keys = {key for row in data_rows(spec) for key in row}
    assert {"name", "fill", "size", "lon"} <= keys  # the frames' datasets are searched too
    assert keys <= allowed, keys - allowed
    assert "_txt" not in json.dumps(spec)


def test_the_sociale_kaart_shows_sectors_facilities_and_the_ring(rendered: dict, db) -> None:
    texts = svg_texts(rendered["sk_svg"])
    orgs, facs = sociale_kaart.organisations(db, "bathmen"), sociale_kaart.facilities(db, "bathmen")
    assert t("sk.legend_sector") in texts and t("sk.legend_facility") in texts
    for item in map_png.sociale_kaart_legend(orgs, facs):
        assert item.label in texts
    for name in sociale_kaart.located(pd.concat([orgs, facs]))["name"]:
        assert name in texts
    colours = re.findall(r'fill="(#[0-9a-fA-F]{6})"', rendered["sk_svg"])
    present = set(sociale_kaart.located(orgs)["sector"])
    for sector in present:
        assert style.SECTOR_COLOURS[sector].lower() in {c.lower() for c in colours}


def test_no_demo_note_without_demo_data(db, geo) -> None:
    texts = svg_texts(map_png.render_svg(kern_spec(db, geo, DEVENTER, demo=False)))
    assert t("map_png.demo_note") not in texts
    assert "Bathmen" in texts


def test_an_empty_selection_gives_no_image_and_a_clear_error(db, geo) -> None:
    outlines, contours = geo
    empty = overzicht.kern_overview(db, PERIOD).iloc[0:0]
    assert map_png.kern_map_png(empty, outlines, contours, period=PERIOD, demo=True) is None
    with pytest.raises(map_png.EmptyMapError, match="Geen kernen"):
        map_png.kern_map_spec(
            maps.kern_points(empty), [], outlines, contours, title="x", subtitle="", legend_title="",
            source="", demo=False,
        )  # fmt: skip
    no_orgs = sociale_kaart.organisations(db, "bathmen").iloc[0:0]
    no_facs = sociale_kaart.facilities(db, "bathmen").iloc[0:0]
    assert (
        map_png.sociale_kaart_png(no_orgs, no_facs, contours, "bathmen", kern_name="Bathmen", demo=True)
        is None
    )


def test_rendering_is_deterministic(db, geo) -> None:
    spec = kern_spec(db, geo, DEVENTER)
    assert map_png.render_png(spec) == map_png.render_png(kern_spec(db, geo, DEVENTER))
    assert map_png.render_svg(spec) == map_png.render_svg(spec)


def test_polygons_are_wound_the_way_d3_draws_them() -> None:
    """GeoJSON's counter-clockwise exterior would make d3 fill the whole globe but the gemeente."""
    square = [[6, 52], [7, 52], [7, 53], [6, 53], [6, 52]]
    hole = [[6.2, 52.2], [6.2, 52.4], [6.4, 52.4], [6.4, 52.2], [6.2, 52.2]]  # clockwise
    wound = map_png.d3_geometry({"type": "Polygon", "coordinates": [square, hole]})["coordinates"]
    assert wound[0] == square[::-1]  # exterior now clockwise
    assert wound[1] == hole[::-1]  # hole now counter-clockwise
    assert map_png.d3_geometry({"type": "Polygon", "coordinates": [square[::-1]]})["coordinates"] == [
        square[::-1]
    ]


def test_names_stand_beside_above_or_below_their_dots_as_on_the_screen() -> None:
    points = pd.DataFrame(
        {
            "name": ["Oost", "West", "Boven"],
            "lon": [6.5, 6.4, 6.45],
            "lat": [52.3, 52.3, 52.4],
            "radius": [10.0, 4.0, 6.0],
            "label_anchor": ["start", "end", "middle"],
            "label_offset": [[14, 0], [-2, 0], [0, -20]],
        }
    )
    rows = map_png.label_rows(points).set_index("name")[["align", "dx", "dy"]]
    assert tuple(rows.loc["Oost"]) == ("left", 14.0, 0.0)
    assert tuple(rows.loc["West"]) == ("right", -8.0, 0.0)  # at least the radius + 4 px from the dot
    assert tuple(rows.loc["Boven"]) == ("center", 0.0, -20.0)


def test_point_radius_is_read_as_pixels_within_limits() -> None:
    assert map_png.pixel_radius(12.5) == 12.5
    assert map_png.pixel_radius(1) == map_png.MIN_RADIUS == 4
    assert map_png.pixel_radius(835) == map_png.MAX_RADIUS == 24  # a radius still in metres
    assert map_png.pixel_radius(float("nan")) == 4


def dot_fills(figure) -> dict[tuple[float, float], str]:
    """The fill of every dot of a figure, by its (lon, lat)."""
    rows = data_rows(figure.to_dict())
    return {(r["lon"], r["lat"]): r["fill"] for r in rows if {"lon", "lat", "fill", "size"} <= set(r)}


def test_with_the_programme_classes_a_kern_keeps_its_colour_in_every_selection(db, geo) -> None:
    """The image uses the screen's programme-wide classes: Bathmen is the same colour on the
    Overijssel map and on the Deventer map, and the legend says the classes are the programme's."""
    colour_by = "participants_per_1000"
    classes = overzicht.programme_scale(db, PERIOD, None, colour_by)
    outlines, contours = geo
    figures = {
        gemeente: map_png.kern_map_figure(
            overzicht.kern_overview(db, PERIOD, gemeente),
            outlines,
            contours,
            period=PERIOD,
            colour_by=colour_by,
            classes=classes,
            demo=True,
        )
        for gemeente in (None, DEVENTER)
    }
    everywhere, deventer = dot_fills(figures[None]), dot_fills(figures[DEVENTER])
    assert len(everywhere) == 22 and len(deventer) == 2
    assert all(everywhere[position] == fill for position, fill in deventer.items())
    texts = " ".join(svg_texts(map_png.render_svg(figures[DEVENTER])))
    assert maps.legend_note(colour_by, classes) in texts
    assert t("map_png.size_note") in texts
    assert "jan 2017 – dec 2018" in texts


def test_the_download_names_say_what_the_file_holds() -> None:
    assert map_png.file_name("kernen", period="2017-01-2018-12") == "kaart-kernen-2017-01-2018-12"
    assert map_png.file_name("sk", kern="bathmen") == "sociale-kaart-bathmen"
    assert t("map_png.download") == "Kaart als PNG"
