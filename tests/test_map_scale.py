"""Issue 14: maps that read at any zoom, coloured on one programme-wide scale.

A kern's colour must be the same with and without a gemeente filter and for every viewer
(the classes come from all kernen of the programme, :func:`overzicht.programme_scale`); the
view of one gemeente shows its whole outline; names do not overlap and stay on the map; the
table under the map carries the figure the map is coloured by, protected like the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from sv_analytics import lookups, maps, overzicht, registry, scope, timeline
from sv_analytics.access import Scope
from tests.conftest import open_app_page

PERIOD = timeline.PROJECT
INDICATORS = [c for c, code in maps.COLOUR_OPTIONS.items() if code is not None]


def colours(overview, colour_by: str, scale) -> dict[str, list[int]]:
    points = maps.kern_points(overview, colour_by, scale=scale)
    return dict(zip(points["kern_id"], points["colour"], strict=True))


# ------------------------------------------------------------------------------ domain
@pytest.mark.parametrize("colour_by", INDICATORS)
def test_a_kern_has_the_same_colour_with_and_without_a_gemeente_filter(
    demo_conn: duckdb.DuckDBPyConnection, colour_by: str
) -> None:
    scale = overzicht.programme_scale(demo_conn, PERIOD, None, colour_by)
    everything = colours(overzicht.kern_overview(demo_conn, PERIOD), colour_by, scale)
    deventer = colours(overzicht.kern_overview(demo_conn, PERIOD, "GM0150"), colour_by, scale)
    assert set(deventer) == {"diepenveen", "bathmen"}
    assert deventer == {kern: everything[kern] for kern in deventer}
    legend_all = maps.legend(overzicht.kern_overview(demo_conn, PERIOD), colour_by, scale=scale)
    legend_one = maps.legend(overzicht.kern_overview(demo_conn, PERIOD, "GM0150"), colour_by, scale=scale)
    assert [i.label for i in legend_one if i.label != "<5"] == [
        i.label for i in legend_all if i.label != "<5"
    ]


def test_the_scale_is_the_programmes_whatever_the_viewers_scope(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Read on a gemeente's scoped cursor, the kern overview holds only its kernen; the scale
    (read unscoped, as ``ui.programme`` does) still colours them as in the programme."""
    scale = overzicht.programme_scale(demo_conn, PERIOD, None, "participants_per_1000")
    assert scale.kernen == 22 and scale.breaks[0] == 0 and len(scale.breaks) == overzicht.CLASSES + 1
    with scope.cursor(demo_conn, Scope(gemeente_code="GM0150")) as cur:
        scoped = overzicht.kern_overview(cur, PERIOD)
    assert set(scoped["kern_id"]) == {"diepenveen", "bathmen"}
    programme = colours(overzicht.kern_overview(demo_conn, PERIOD), "participants_per_1000", scale)
    shown = colours(scoped, "participants_per_1000", scale)
    assert shown == {kern: programme[kern] for kern in shown}


def test_the_breaks_are_round_numbers_from_zero_covering_the_programme(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    overview = overzicht.kern_overview(demo_conn, PERIOD)
    for colour_by in INDICATORS:
        scale = overzicht.programme_scale(demo_conn, PERIOD, None, colour_by)
        highest = maps.colour_values(overview, colour_by)["value"].max()
        # five classes reach the highest value; the next smaller nice step (at least half) would not
        assert scale.breaks[-1] >= highest > scale.breaks[-1] / 2
        mantissa = scale.step / 10 ** int(f"{scale.step:e}".split("e")[1])
        assert round(mantissa, 6) in {1.0, 2.0, 2.5, 5.0}
        if not colour_by.endswith("_per_1000"):
            assert scale.step == int(scale.step)  # counts: whole steps


def test_the_legend_says_the_classes_are_the_programmes() -> None:
    scale = overzicht.ColourScale((0, 50, 100, 150, 200, 250), 22)
    assert maps.legend_note("participants_per_1000", scale) == (
        "Klassen over alle 22 kernen van het programma, vanaf 0 in ronde stappen."
    )
    assert maps.legend_note("kern_type", None) == ""


# ------------------------------------------------------------------------------ view and labels
def test_one_gemeente_is_shown_whole_with_the_others_as_faint_context(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    outlines = lookups.gemeente_outlines(demo_conn)
    overview = overzicht.kern_overview(demo_conn, PERIOD, "GM0150")
    deck = json.loads(maps.kern_map(overview, outlines=outlines, gemeente="GM0150", basemap=False).to_json())
    drawn = {layer["id"]: layer for layer in deck["layers"]}
    assert [f["properties"]["name"] for f in drawn["gemeentegrenzen"]["data"]["features"]] == ["Deventer"]
    assert len(drawn["gemeentegrenzen-omgeving"]["data"]["features"]) == len(outlines) - 1
    view = deck["initialViewState"]
    assert 10 <= view["zoom"] <= maps.KERNEN_MAX_ZOOM  # a gemeente, not a street plan
    lats, lons = maps.geojson_bounds(outlines.loc[outlines["gemeente_code"] == "GM0150", "geojson"])
    corners = [maps.screen_xy(lat, lon, maps.pdk.ViewState(**view)) for lat in lats for lon in lons]
    for x, y in corners:  # the whole outline inside the 820 × 560 map
        assert 0 < x < maps.MAP_WIDTH_PX and 0 < y < maps.MAP_HEIGHT_PX


def label_boxes(points) -> dict[str, tuple[float, float, float, float]]:
    view = maps.fit_view(points["lat"], points["lon"])
    boxes = {}
    for row in points.itertuples(index=False):
        x, y = maps.screen_xy(row.lat, row.lon, view)
        width = len(row.name) * maps.KERN_LABEL_SIZE * maps.LABEL_CHAR_EM
        height = maps.KERN_LABEL_SIZE * 1.25
        dx, dy = row.label_offset
        left = {"start": x + dx, "end": x + dx - width, "middle": x + dx - width / 2}[row.label_anchor]
        boxes[row.name] = (left, y + dy - height / 2, left + width, y + dy + height / 2)
    return boxes


def test_names_at_the_overijssel_view_do_not_overlap_and_stay_on_the_map() -> None:
    kernen = registry.load_kernen()
    points = kernen.assign(radius=kernen["inhabitants"].map(maps.point_radius_px))
    points = points.join(maps.label_sides(points))
    boxes = label_boxes(points)
    for name in ("Zenderen", "Hertme", "Glinde-Hooiland", "De Lutte", "Zuid-Berghuizen"):
        for other, box in boxes.items():
            if other != name:
                assert maps.box_overlap(boxes[name], box) == 0, (name, other)
    x0, y0, x1, y1 = boxes["Kamperpoort-Veerallee"]
    assert x0 >= 0 and x1 <= maps.MAP_WIDTH_PX and y0 >= 0 and y1 <= maps.MAP_HEIGHT_PX  # not cut off
    overlapping = [(a, b) for a in boxes for b in boxes if a < b and maps.box_overlap(boxes[a], boxes[b]) > 0]
    assert overlapping == []


def test_label_offsets_clear_the_pixel_radius() -> None:
    kernen = registry.load_kernen()
    points = kernen.assign(radius=kernen["inhabitants"].map(maps.point_radius_px))
    sides = maps.label_sides(points)
    for index, (dx, dy) in sides["label_offset"].items():
        assert max(abs(dx), abs(dy)) >= points.at[index, "radius"] + maps.LABEL_GAP_PX


# ------------------------------------------------------------------------------ the table
def test_the_kern_table_carries_the_rate_the_map_is_coloured_by(demo_conn: duckdb.DuckDBPyConnection) -> None:
    overview = overzicht.kern_overview(demo_conn, PERIOD)
    plain = overzicht.kern_table(overview)
    coloured = overzicht.kern_table(overview, "participants_per_1000")
    added = [c for c in coloured.columns if c not in plain.columns]
    assert [c.key for c in added] == ["participants_per_1000"]
    assert added[0].label == "Bereik per 1.000 inwoners" and added[0].suppress_by == "participants"
    assert overzicht.kern_table(overview, "participants").columns == plain.columns  # already a column


# ------------------------------------------------------------------------------ the page
def kern_colours(at) -> dict[str, list[int]]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    points = next(layer for layer in spec["layers"] if layer["id"] == "kernen")
    return {p["kern_id"]: p["colour"] for p in points["data"]}


def test_overzicht_colours_a_kern_alike_with_and_without_a_gemeente(app_env: Path) -> None:
    at = open_app_page("app_pages/overzicht.py", kleur="participants_per_1000")
    everything = kern_colours(at)
    assert len(everything) == 22 and len({tuple(c) for c in everything.values()}) >= 2
    note = [m.value for m in at.markdown if "Bereik per 1.000 inwoners" in m.value]
    assert note and "Klassen over alle 22 kernen van het programma" in note[0]
    table = at.dataframe[0].value
    assert "Bereik per 1.000 inwoners" in table.columns
    at = open_app_page("app_pages/overzicht.py", kleur="participants_per_1000", gemeente="GM0150")
    deventer = kern_colours(at)
    assert set(deventer) == {"diepenveen", "bathmen"}
    assert deventer == {kern: everything[kern] for kern in deventer}
    assert [m.value for m in at.markdown if "Bereik per 1.000 inwoners" in m.value] == note


# ------------------------------------------------------------------------------ heat maps
def colour_domains(chart) -> list[list[float]]:
    """Every colour scale domain in a chart's Vega-Lite spec."""
    found = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            colour = node.get("color")
            if (
                isinstance(colour, dict)
                and isinstance(colour.get("scale"), dict)
                and "domain" in colour["scale"]
            ):
                found.append(colour["scale"]["domain"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(chart.to_dict())
    return found


def test_the_sociale_kaart_matrix_keeps_the_programmes_scale_in_any_scope(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    from sv_analytics import sociale_kaart
    from sv_analytics.charts import sociale_kaart as sk_charts

    top = sociale_kaart.matrix_top(demo_conn)
    cells = sociale_kaart.matrix(demo_conn)
    assert top >= cells["taking_part"].max() and top >= 1
    with scope.cursor(demo_conn, Scope(gemeente_code="GM0150")) as cur:
        scoped = sociale_kaart.matrix(cur)
    assert set(scoped["kern_id"]) == {"diepenveen", "bathmen"}
    whole = colour_domains(sk_charts.matrix_heatmap(cells, title="x", top=top))
    part = colour_domains(sk_charts.matrix_heatmap(scoped, title="x", top=top))
    assert whole == part == [[0, top]]


@pytest.mark.parametrize(
    ("values", "domain"),
    [([12.0, 187.9, 209.0], (0.0, 250.0)), ([0.1, 0.9], (0.0, 1.0)), ([-27.6, 8.0], (-50.0, 10.0))],
)
def test_the_wat_werkt_heat_map_domain_is_fixed_per_outcome(values: list[float], domain: tuple) -> None:
    import pandas as pd

    from sv_analytics.charts import wat_werkt as ww_charts

    assert ww_charts.outcome_domain(pd.Series(values)) == pytest.approx(domain)


def test_the_wat_werkt_heat_map_draws_on_the_given_domain() -> None:
    import pandas as pd

    from sv_analytics.charts import wat_werkt as ww_charts

    cells = pd.DataFrame(
        {"context": ["a", "b"], "approach_label": ["ja", "nee"], "colour_value": [40.0, 41.6],
         "few": [False, False], "small_n": [False, False], "marked": [False, False],
         "mean_text": ["40", "41,6"], "unit_text": ["", ""], "n_text": ["8", "9"],
         "participants_text": ["50", "60"], "interval_text": ["", ""], "marked_text": ["", ""]}
    )  # fmt: skip
    chart = ww_charts.heatmap(
        cells,
        context_title="c",
        approach_title="a",
        outcome_title="o",
        unit="%",
        title="t",
        domain=(0.0, 100.0),
    )
    assert colour_domains(chart) and all(d == [0.0, 100.0] for d in colour_domains(chart))
    default = ww_charts.heatmap(
        cells, context_title="c", approach_title="a", outcome_title="o", unit="%", title="t"
    )
    assert all(d == [0.0, 50.0] for d in colour_domains(default))  # from 0, not 40 – 41,6
