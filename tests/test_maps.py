"""Unit tests of sv_analytics.maps: the view fitted to points, the colour classes and legends,
and the layers both maps share (one contour, label and dot style, from sv_analytics.style).

Expected zooms are worked out by hand from the Web-Mercator formula in the docstring of
``fit_view``; expected colours are written out as numbers.
"""

from __future__ import annotations

import json
import math

import duckdb
import pandas as pd
import pytest

from sv_analytics import lookups, maps, overzicht, scales, sociale_kaart, style, timeline


def layers(deck) -> dict[str, dict]:
    """The deck's layers as deck.gl receives them (JSON), by id."""
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


# ------------------------------------------------------------------------------------ views
def test_fit_view_centres_and_zooms_to_fill_the_margin() -> None:
    lats, lons = pd.Series([52.0, 52.2]), pd.Series([6.0, 6.9])
    view = maps.fit_view(lats, lons)
    assert (view.latitude, view.longitude) == (pytest.approx(52.1), pytest.approx(6.45))
    # width: 0.68·820·360 / (512·0.9) → 2^z; height: 0.68·560·360 / (512·0.2/cos 52.1°)
    zoom_x = math.log2(0.68 * 820 * 360 / (512 * 0.9))
    zoom_y = math.log2(0.68 * 560 * 360 / (512 * 0.2 / math.cos(math.radians(52.1))))
    assert view.zoom == round(min(zoom_x, zoom_y), 2) == round(zoom_x, 2)


def test_fit_view_stops_at_a_gemeente_and_a_kern_view_goes_closer() -> None:
    one = pd.Series([52.3]), pd.Series([6.5])
    assert maps.fit_view(*one).zoom == 11  # one kern: a whole gemeente around it, not its streets
    close = maps.kern_view(*one)
    assert close.zoom > maps.fit_view(*one).zoom and close.zoom <= 16
    # one point: the span is the kern view's minimum, 0.004°
    assert close.zoom == round(math.log2(0.7 * 560 * 360 / (512 * 0.004 / math.cos(math.radians(52.3)))), 2)


def test_no_points_show_all_of_overijssel() -> None:
    assert maps.fit_view(pd.Series([], dtype=float), pd.Series([], dtype=float)) is maps.OVERIJSSEL_VIEW
    assert maps.kern_view(pd.Series([], dtype=float), pd.Series([], dtype=float)) is maps.OVERIJSSEL_VIEW


def test_point_area_follows_the_inhabitants_within_pixel_limits() -> None:
    full = maps.POINT_FULL_INHABITANTS
    assert maps.point_radius_px(full) == maps.POINT_MAX_PX == 16
    assert maps.point_radius_px(full / 4) == 8  # a quarter of the inhabitants: half the radius
    assert maps.point_radius_px(10 * full) == maps.POINT_MAX_PX  # never larger
    assert maps.point_radius_px(0) == maps.point_radius_px(50) == maps.POINT_MIN_PX == 5  # never smaller


def test_the_kern_points_are_sized_in_pixels(demo_conn: duckdb.DuckDBPyConnection) -> None:
    overview = overzicht.kern_overview(demo_conn, period=timeline.PROJECT)
    dots = layers(maps.kern_map(overview, basemap=False))["kernen"]
    assert dots["radiusUnits"] == "pixels"
    radii = {point["name"]: point["radius"] for point in dots["data"]}
    assert radii["Hertme"] == 5 and radii["Bathmen"] == pytest.approx(16 * math.sqrt(4450 / 5000), abs=0.1)


# ------------------------------------------------------------------------------------ colours
def test_colour_classes_start_at_zero_in_a_nice_step() -> None:
    values = pd.Series([0.0, 10.0, 49.9, 50.0, 100.0])
    scale = overzicht.nice_scale(values, kernen=5)
    colours, legend = maps.colour_classes(values, scale)
    assert [item.label for item in legend] == ["0 – 20", "20 – 40", "40 – 60", "60 – 80", "80 – 100"]
    assert [item.colour for item in legend] == list(style.SEQUENTIAL)
    assert list(colours) == [style.SEQUENTIAL[i] for i in (0, 0, 2, 2, 4)]  # the maximum is in the top class


@pytest.mark.parametrize(
    ("highest", "whole", "step"),
    [(209.0, False, 50.0), (187.9, False, 50.0), (100.0, False, 20.0), (11.0, False, 2.5),
     (11.0, True, 5.0), (0.9, False, 0.2), (3.0, True, 1.0), (0.0, True, 1.0)],
)  # fmt: skip
def test_nice_steps_reach_the_highest_value_in_five_classes(highest: float, whole: bool, step: float) -> None:
    assert scales.nice_step(highest, whole=whole) == pytest.approx(step)


def test_close_values_stay_in_one_class_not_lowest_against_highest() -> None:
    """The issue's case: 187,9 against 209,0 is a 10 % difference, not minimum against maximum."""
    values = pd.Series([187.9, 209.0])
    colours, legend = maps.colour_classes(values, overzicht.nice_scale(values, kernen=2))
    assert [item.label for item in legend][-2:] == ["150 – 200", "200 – 250"]
    assert list(colours) == [style.SEQUENTIAL[3], style.SEQUENTIAL[4]]  # neighbouring classes


def test_legend_lists_the_kern_types_present_in_vocabulary_order() -> None:
    overview = pd.DataFrame({"kern_type": ["wijk", "dorp", "dorp"]})
    items = maps.legend(overview, "kern_type")
    assert [(i.label, i.colour) for i in items] == [("Dorp", "#0072B2"), ("Wijk", "#E69F00")]
    html = maps.legend_html(items, "Type kern")
    assert html.startswith("<b>Type kern</b> &nbsp; ")
    assert html.count("●") == 2 and "color:#E69F00" in html and html.endswith("●</span>&nbsp;Wijk</span>")
    assert maps.legend_html(items) == html.removeprefix("<b>Type kern</b> &nbsp; ")


def test_the_sociale_kaart_legend_names_the_sectors_on_the_map_and_the_ring() -> None:
    orgs = pd.DataFrame(
        {"sector": ["zorg", "sport", "kerk"], "lat": [52.3, 52.3, None], "lon": [6.5, 6.5, None]}
    )
    facs = pd.DataFrame({"lat": [52.3], "lon": [6.5]})
    html = maps.sociale_kaart_legend_html(orgs, facs)
    assert html.index("Sport") < html.index("Zorg") and "Kerk" not in html  # not located: not on the map
    assert html.endswith("○</span>&nbsp;Accommodatie / ontmoetingsplek</span>")
    assert maps.sociale_kaart_legend_html(orgs.iloc[2:], facs.iloc[:0]) == ""


# ------------------------------------------------------------------------------------ shared layers
@pytest.fixture()
def both_maps(demo_conn: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
    contours = lookups.kern_contours(demo_conn)
    overview = overzicht.kern_overview(demo_conn, period=timeline.PROJECT, gemeente=None, doelgroep=None)
    kernen = maps.kern_map(overview, contours, outlines=lookups.gemeente_outlines(demo_conn), basemap=False)
    orgs = sociale_kaart.organisations(demo_conn, "aadorp")
    facs = sociale_kaart.facilities(demo_conn, "aadorp")
    one = maps.sociale_kaart_map(orgs, facs, contours, "aadorp", basemap=False)
    return layers(kernen), layers(one)


def test_both_maps_draw_contours_in_the_one_contour_style(both_maps: tuple[dict, dict]) -> None:
    kernen, one = both_maps
    fill = [0, 114, 178, style.CONTOUR_FILL_ALPHA]  # style.CONTOUR_COLOUR #0072B2, by hand
    line = [0, 114, 178, style.CONTOUR_LINE_ALPHA]
    for contour in (kernen["kern-contouren"], one["kern-contour"]):
        assert contour["getFillColor"] == fill and contour["getLineColor"] == line
    assert [f["properties"]["kern_id"] for f in one["kern-contour"]["data"]["features"]] == ["aadorp"]
    assert len(kernen["kern-contouren"]["data"]["features"]) == 22


def test_both_maps_write_names_and_dots_alike(both_maps: tuple[dict, dict]) -> None:
    kernen, one = both_maps
    names = (kernen["kernnamen"], one["organisatienamen"], one["accommodatienamen"])
    for label in names:
        assert label["@@type"] == "TextLayer"
        assert label["getColor"] == list(style.LABEL_COLOUR) and label["outlineColor"] == list(style.HALO)
        assert label["outlineWidth"] == style.HALO_WIDTH and label["getText"] == "@@=name"
        settings = label["fontSettings"]
        assert settings["sdf"] is True  # deck.gl draws no halo without an SDF atlas
        # deck.gl divides the width by the atlas radius: a share well above 0 (a visible rim),
        # and the rim (¾ of the width in atlas pixels) fits in the glyph's buffer (not clipped)
        assert 0.3 < label["outlineWidth"] / settings["radius"] < 1
        assert 0.75 * label["outlineWidth"] <= settings["buffer"]
        assert "Source Sans" in label["fontFamily"] and "mono" not in label["fontFamily"].lower()
    for dots in (kernen["kernen"], one["organisaties"]):
        assert dots["@@type"] == "ScatterplotLayer" and dots["getLineColor"] == list(style.HALO)
        assert dots["pickable"] is True and dots["getFillColor"] == "@@=colour"
        assert {point["colour"][3] for point in dots["data"]} == {style.POINT_ALPHA}
    assert one["accommodaties"]["getLineColor"] == list(style.FACILITY_RING)


def test_gemeente_outlines_lie_under_the_kernen(demo_conn: duckdb.DuckDBPyConnection) -> None:
    square = {"type": "Polygon", "coordinates": [[[6.0, 52.0], [7.0, 52.0], [7.0, 53.0], [6.0, 52.0]]]}
    outlines = pd.DataFrame({"name": ["Proefgemeente"], "geojson": [json.dumps(square)]})
    overview = overzicht.kern_overview(demo_conn, period=timeline.PROJECT)
    drawn = layers(maps.kern_map(overview, outlines=outlines, basemap=False))
    assert list(drawn) == ["gemeentegrenzen", "kernen", "kernnamen"]
    border = drawn["gemeentegrenzen"]
    assert border["getLineColor"] == list(style.OUTLINE_LINE) and border["getFillColor"] == list(
        style.OUTLINE_FILL
    )
    assert border["data"]["features"][0]["properties"] == {"name": "Proefgemeente"}


def test_the_kern_map_layers_and_view(
    both_maps: tuple[dict, dict], demo_conn: duckdb.DuckDBPyConnection
) -> None:
    _kernen, one = both_maps
    assert list(one) == [
        "kern-contour",
        "accommodaties",
        "organisaties",
        "accommodatienamen",
        "organisatienamen",
    ]
    located = demo_conn.execute(
        "SELECT count(*) FROM organisation WHERE kern_id = 'aadorp' AND lat IS NOT NULL AND lon IS NOT NULL"
    ).fetchone()[0]
    assert len(one["organisaties"]["data"]) == located


def test_basemap_tiles_only_when_asked() -> None:
    plain = maps.deck([], maps.OVERIJSSEL_VIEW, "x", basemap=False)
    tiles = maps.deck([], maps.OVERIJSSEL_VIEW, "x", basemap=True)
    assert plain.map_provider is None and tiles.map_provider == "carto"
