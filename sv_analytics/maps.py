"""pydeck map builders.

The map must stay useful without basemap tiles (offline, or a browser that blocks
them): kern names, points and contours are drawn as layers of their own, and tiles are
only an addition when :func:`sv_analytics.config.basemap_enabled` allows them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from sv_analytics import config, fmt, overzicht, style, vocab
from sv_analytics.texts import TEXTS

OVERIJSSEL_VIEW = pdk.ViewState(latitude=52.42, longitude=6.50, zoom=8.4, pitch=0)
#: Typical size of the map on a page (pixels), used to choose a zoom that fits the kernen.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 900, 560


def fit_view(lats: pd.Series, lons: pd.Series, margin: float = 0.68) -> pdk.ViewState:
    """A view centred on the points, zoomed so they fill ``margin`` of the map.

    Web-Mercator: at zoom z one degree of longitude is 512·2^z/360 pixels, and a degree
    of latitude is 1/cos(lat) times that.
    """
    if lats.empty:
        return OVERIJSSEL_VIEW
    centre_lat = (lats.min() + lats.max()) / 2
    centre_lon = (lons.min() + lons.max()) / 2
    span_x = max(lons.max() - lons.min(), 0.02)
    span_y = max(lats.max() - lats.min(), 0.02) / math.cos(math.radians(centre_lat))
    zoom_x = math.log2(margin * MAP_WIDTH_PX * 360 / (512 * span_x))
    zoom_y = math.log2(margin * MAP_HEIGHT_PX * 360 / (512 * span_y))
    return pdk.ViewState(latitude=centre_lat, longitude=centre_lon, zoom=round(min(zoom_x, zoom_y, 12), 2))


def point_radius_m(inhabitants: float) -> float:
    """Circle radius in metres so that the circle's *area* follows the inhabitants."""
    return 120 + 16 * math.sqrt(max(inhabitants, 0))


#: What the user can colour the kernen by: column of the kern overview → indicator code.
COLOUR_OPTIONS = {
    "kern_type": None,
    "participants_per_1000": "bereik_per_1000",
    "participants": "deelnemers",
    "new_participants": "nieuwe_deelnemers",
    "activities": "activiteiten",
    "referrals_per_1000": "doorverwijzingen_per_1000",
}


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str


def colour_classes(values: pd.Series, decimals: int) -> tuple[pd.Series, list[LegendItem]]:
    """Five equal-width classes on a colour-blind-safe sequential scale (light = low).

    Equal widths keep the legend readable for a meeting ("0–20, 20–40 …"); with fewer
    distinct values the scale shrinks.
    """
    palette = style.SEQUENTIAL
    low, high = float(values.min()), float(values.max())
    if high <= low:
        return pd.Series([palette[-1]] * len(values), index=values.index), [
            LegendItem(palette[-1], fmt.number(low, decimals))
        ]
    step = (high - low) / len(palette)
    index = ((values - low) / step).clip(upper=len(palette) - 1).astype(int)
    legend = [
        LegendItem(
            colour, f"{fmt.number(low + i * step, decimals)} – {fmt.number(low + (i + 1) * step, decimals)}"
        )
        for i, colour in enumerate(palette)
    ]
    return index.map(lambda i: palette[i]), legend


def kern_points(overview: pd.DataFrame, colour_by: str = "kern_type") -> pd.DataFrame:
    """Map rows with display texts (Dutch numbers, small counts suppressed) and colours."""
    rows = overview.copy()
    rows["radius"] = rows["inhabitants"].map(point_radius_m)
    if colour_by == "kern_type":
        colours = rows["kern_type"].map(style.KERN_TYPE_COLOURS)
    else:
        colours, _ = colour_classes(rows[colour_by].fillna(0), decimals_for(colour_by))
    rows["colour"] = colours.map(lambda c: style.hex_to_rgb(c, 225))
    rows = rows.join(label_sides(rows))
    rows["kern_type"] = rows["kern_type"].map(vocab.KERN_TYPE.get)
    rows["inhabitants_txt"] = rows["inhabitants"].map(fmt.number)
    counts = overzicht.suppressed_counts(overview)
    for column in overzicht.COUNT_COLUMNS:
        rows[f"{column}_txt"] = counts[column]
    return rows


def contour_features(contours: pd.DataFrame, kern_ids: set[str]) -> dict:
    features = [
        {"type": "Feature", "geometry": json.loads(r.geojson), "properties": {"kern_id": r.kern_id}}
        for r in contours.itertuples(index=False)
        if r.kern_id in kern_ids
    ]
    return {"type": "FeatureCollection", "features": features}


#: Two kernen closer than this (degrees, at the Overijssel overview zoom) would print their
#: names over each other when both stand to the right of their dot.
LABEL_CLASH_LON, LABEL_CLASH_LAT = 0.09, 0.02


def label_sides(points: pd.DataFrame) -> pd.DataFrame:
    """Write a kern's name left of its dot when a neighbour to the east would collide with it.

    Names stand right of their dot; of two kernen close together (within the clash box) the
    western one writes to the left, so pairs like Glinde-Hooiland and De Lutte stay readable
    without a basemap.
    """
    lat, lon = points["lat"], points["lon"]
    left = set()
    for index in points.index:
        west = (
            (lon[index] - lon > 0)
            & (lon[index] - lon < LABEL_CLASH_LON)
            & ((lat - lat[index]).abs() < LABEL_CLASH_LAT)
        )
        left |= set(points.index[west])
    side = pd.Series(["left" if i in left else "right" for i in points.index], index=points.index)
    return pd.DataFrame(
        {
            "label_anchor": side.map({"left": "end", "right": "start"}),
            "label_offset": side.map({"left": [-10, 0], "right": [10, 0]}),
        }
    )


def decimals_for(column: str) -> int:
    return 1 if column.endswith("_per_1000") else 0


def legend(overview: pd.DataFrame, colour_by: str) -> list[LegendItem]:
    """The legend of the map's colours (kern types, or value classes of an indicator)."""
    if colour_by == "kern_type":
        present = set(overview["kern_type"])
        return [
            LegendItem(style.KERN_TYPE_COLOURS[k], label)
            for k, label in vocab.KERN_TYPE.items()
            if k in present
        ]
    return colour_classes(overview[colour_by].fillna(0), decimals_for(colour_by))[1]


def outline_layer(outlines: pd.DataFrame) -> pdk.Layer:
    features = [
        {"type": "Feature", "geometry": json.loads(r.geojson), "properties": {"name": r.name}}
        for r in outlines.itertuples(index=False)
    ]
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id="gemeentegrenzen",
        stroked=True,
        filled=True,
        get_fill_color=[245, 245, 245, 110],
        get_line_color=[90, 90, 90, 200],
        line_width_min_pixels=1.5,
    )


def kern_map(
    overview: pd.DataFrame,
    contours: pd.DataFrame | None = None,
    *,
    outlines: pd.DataFrame | None = None,
    colour_by: str = "kern_type",
    basemap: bool | None = None,
) -> pdk.Deck:
    """All kernen as circles sized by inhabitants and coloured by kern type or an indicator,
    with names, kern contours and gemeente outlines where those are loaded."""
    points = kern_points(overview, colour_by)
    layers = [] if outlines is None or outlines.empty else [outline_layer(outlines)]
    if contours is not None and not contours.empty:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=contour_features(contours, set(points["kern_id"])),
                id="kern-contouren",
                stroked=True,
                filled=True,
                get_fill_color=[0, 114, 178, 25],
                get_line_color=[0, 114, 178, 140],
                line_width_min_pixels=1,
            )
        )
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            data=points,
            id="kernen",
            get_position=["lon", "lat"],
            get_radius="radius",
            get_fill_color="colour",
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
        )
    )
    layers.append(
        pdk.Layer(
            "TextLayer",
            data=points,
            id="kernnamen",
            get_position=["lon", "lat"],
            get_text="name",
            get_size=13,
            get_color=[20, 20, 20, 255],
            get_pixel_offset="label_offset",
            get_text_anchor="label_anchor",
            get_alignment_baseline='"center"',
            font_weight=600,
            outline_width=3,
            outline_color=[255, 255, 255, 255],
            font_settings={"sdf": True},
        )
    )
    use_tiles = config.basemap_enabled() if basemap is None else basemap
    return pdk.Deck(
        layers=layers,
        initial_view_state=fit_view(points["lat"], points["lon"]),
        map_provider="carto" if use_tiles else None,
        map_style="light" if use_tiles else None,
        tooltip={"html": TEXTS["map.tooltip"], "style": {"fontSize": "14px"}},
    )


def legend_html(items: list[LegendItem], title: str = "") -> str:
    """The map legend as small HTML (coloured dots with their labels)."""
    entries = [
        f'<span style="color:{item.colour};font-size:1.4em;-webkit-text-stroke:1px #555">●</span> {item.label}'
        for item in items
    ]
    prefix = f"<b>{title}</b> &nbsp; " if title else ""
    return prefix + " &nbsp; ".join(entries)
