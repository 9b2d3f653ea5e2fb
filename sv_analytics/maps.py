"""pydeck map builders: every map of the app is built here.

Protection (:mod:`sv_analytics.privacy`): a layer's data is sent to the browser whole, so
the kern map's rows carry no count at all, only their texts (``<5`` or a multiple of 5 in a
protected view) and a colour computed from the protected values; a kern whose colour figure
is suppressed is grey, with a ``<5`` entry in the legend.

The map must stay useful without basemap tiles (offline, or a browser that blocks
them): kern names, points and contours are drawn as layers of their own, and tiles are
only an addition when :func:`sv_analytics.config.basemap_enabled` allows them.

Two maps: all kernen (Overzicht, :func:`kern_map`) and one kern with its organisations and
facilities (Sociale kaart, :func:`sociale_kaart_map`). They share the contour, outline, label
and dot layers below, so a kern's contour or a name looks the same on both; colours and
opacities come from :mod:`sv_analytics.style`. The domain modules (``overzicht``,
``sociale_kaart``) compute the rows; this module only draws them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from sv_analytics import config, fmt, overzicht, privacy, sociale_kaart, style, vocab
from sv_analytics.texts import TEXTS, t

OVERIJSSEL_VIEW = pdk.ViewState(latitude=52.42, longitude=6.50, zoom=8.4, pitch=0)
#: Typical size of the map on a page (pixels), used to choose a zoom that fits the kernen.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 900, 560
#: All kernen: they fill this share of the map, and the view stops at a whole gemeente.
KERNEN_MARGIN, KERNEN_MIN_SPAN, KERNEN_MAX_ZOOM = 0.68, 0.02, 12.0
#: One kern (Sociale kaart): its points fill this share, about a kilometre across at least, so
#: one organisation alone is not shown at street level, and the organisations stand apart.
KERN_MARGIN, KERN_MIN_SPAN, KERN_MAX_ZOOM = 0.7, 0.004, 16.0


def fit_view(
    lats: pd.Series,
    lons: pd.Series,
    margin: float = KERNEN_MARGIN,
    *,
    min_span: float = KERNEN_MIN_SPAN,
    max_zoom: float = KERNEN_MAX_ZOOM,
) -> pdk.ViewState:
    """A view centred on the points, zoomed so they fill ``margin`` of the map.

    Web-Mercator: at zoom z one degree of longitude is 512·2^z/360 pixels, and a degree
    of latitude is 1/cos(lat) times that. ``min_span`` (degrees) keeps a few close points
    from being zoomed in on endlessly; ``max_zoom`` caps the zoom.
    """
    if lats.empty:
        return OVERIJSSEL_VIEW
    centre_lat = (lats.min() + lats.max()) / 2
    centre_lon = (lons.min() + lons.max()) / 2
    span_x = max(lons.max() - lons.min(), min_span)
    span_y = max(lats.max() - lats.min(), min_span) / math.cos(math.radians(centre_lat))
    zoom_x = math.log2(margin * MAP_WIDTH_PX * 360 / (512 * span_x))
    zoom_y = math.log2(margin * MAP_HEIGHT_PX * 360 / (512 * span_y))
    return pdk.ViewState(
        latitude=centre_lat, longitude=centre_lon, zoom=round(min(zoom_x, zoom_y, max_zoom), 2)
    )


def kern_view(lats: pd.Series, lons: pd.Series) -> pdk.ViewState:
    """A view fitted to one kern's points: closer than the all-kernen view allows."""
    return fit_view(lats, lons, KERN_MARGIN, min_span=KERN_MIN_SPAN, max_zoom=KERN_MAX_ZOOM)


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
    if values.empty:
        return pd.Series(dtype=object), []
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


#: Colour of a kern whose colour figure is suppressed (1–4), and its legend text.
SUPPRESSED_COLOUR = "#BDBDBD"
#: The columns of :func:`kern_points`: what the browser receives of each kern.
POINT_COLUMNS = ("kern_id", "name", "gemeente", "kern_type", "lat", "lon", "radius", "colour",
                 "label_anchor", "label_offset", "inhabitants_txt",
                 *(f"{c}_txt" for c in overzicht.COUNT_COLUMNS))  # fmt: skip


def colour_values(overview: pd.DataFrame, colour_by: str, protected: bool = True) -> pd.DataFrame:
    """The figure the kernen are coloured by, as the view may show it (``value``, NaN where
    suppressed) and whether it is suppressed (``suppressed``); a rate from the rounded count."""
    basis = overzicht.COLOUR_BASIS.get(colour_by, colour_by)
    if protected:
        value = privacy.derived_series(overview, colour_by, basis)
        small = privacy.basis_mask(overview, basis)
    else:
        value, small = overview[colour_by].astype("float64"), pd.Series(False, index=overview.index)
    return pd.DataFrame({"value": value.where(~small), "suppressed": small.to_numpy()}, index=overview.index)


def _colours(overview: pd.DataFrame, colour_by: str, protected: bool) -> tuple[pd.Series, list[LegendItem]]:
    if colour_by == "kern_type":
        return overview["kern_type"].map(style.KERN_TYPE_COLOURS), []
    values = colour_values(overview, colour_by, protected)
    shown = values.loc[~values["suppressed"], "value"].fillna(0)
    colours, legend = colour_classes(shown, decimals_for(colour_by))
    colours = colours.reindex(values.index).fillna(SUPPRESSED_COLOUR)
    if values["suppressed"].any():
        legend = [*legend, LegendItem(SUPPRESSED_COLOUR, privacy.SUPPRESSED)]
    return colours, legend


def kern_points(overview: pd.DataFrame, colour_by: str = "kern_type", protected: bool = True) -> pd.DataFrame:
    """Map rows: position, size, colour and the tooltip's texts (:data:`POINT_COLUMNS`), the
    counts as protected texts (or exact ones for a viewer with exact counts), never as numbers."""
    rows = overview.copy()
    rows["radius"] = rows["inhabitants"].map(point_radius_m)
    colours, _ = _colours(overview, colour_by, protected)
    rows["colour"] = colours.map(lambda c: style.hex_to_rgb(c, style.POINT_ALPHA))
    rows = rows.join(label_sides(rows))
    rows["kern_type"] = rows["kern_type"].map(vocab.KERN_TYPE.get)
    rows["inhabitants_txt"] = rows["inhabitants"].map(fmt.number)
    counts = overzicht.count_texts(overview, protected)
    for column in overzicht.COUNT_COLUMNS:
        rows[f"{column}_txt"] = counts[column]
    return rows[list(POINT_COLUMNS)]


def contour_features(contours: pd.DataFrame, kern_ids: set[str]) -> dict:
    """The contours of ``kern_ids`` as a GeoJSON FeatureCollection (kern_id as property)."""
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


def legend(overview: pd.DataFrame, colour_by: str, protected: bool = True) -> list[LegendItem]:
    """The legend of the map's colours (kern types, or value classes of an indicator from the
    values the view may show, with a grey ``<5`` entry where a kern's value is suppressed)."""
    if colour_by == "kern_type":
        present = set(overview["kern_type"])
        return [
            LegendItem(style.KERN_TYPE_COLOURS[k], label)
            for k, label in vocab.KERN_TYPE.items()
            if k in present
        ]
    return _colours(overview, colour_by, protected)[1]


# ------------------------------------------------------------------------------ shared layers
def contour_layer(
    contours: pd.DataFrame, kern_ids: set[str], layer_id: str, line_width: float = 1
) -> pdk.Layer:
    """The kern contours of ``kern_ids``, in the contour colour of :mod:`style` on every map;
    a map of one kern draws its single contour with a wider ``line_width``."""
    return pdk.Layer(
        "GeoJsonLayer",
        data=contour_features(contours, kern_ids),
        id=layer_id,
        stroked=True,
        filled=True,
        get_fill_color=style.hex_to_rgb(style.CONTOUR_COLOUR, style.CONTOUR_FILL_ALPHA),
        get_line_color=style.hex_to_rgb(style.CONTOUR_COLOUR, style.CONTOUR_LINE_ALPHA),
        line_width_min_pixels=line_width,
    )


def outline_layer(outlines: pd.DataFrame) -> pdk.Layer:
    """The gemeente borders under the kernen (light fill, dark grey line)."""
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
        get_fill_color=list(style.OUTLINE_FILL),
        get_line_color=list(style.OUTLINE_LINE),
        line_width_min_pixels=1.5,
    )


def label_layer(
    points: pd.DataFrame,
    layer_id: str,
    size: int,
    *,
    offset: str | list[int] = "label_offset",
    anchor: str = "label_anchor",
    font_weight: int | None = None,
) -> pdk.Layer:
    """Names beside the points, white-haloed, so a map reads without basemap tiles.

    ``offset`` and ``anchor`` are columns of ``points`` (per-point sides, see
    :func:`label_sides`) or one fixed pixel offset and a quoted anchor (``'"start"'``).
    """
    weight = {} if font_weight is None else {"font_weight": font_weight}
    return pdk.Layer(
        "TextLayer",
        data=points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_text="name",
        get_size=size,
        get_color=list(style.LABEL_COLOUR),
        get_pixel_offset=offset,
        get_text_anchor=anchor,
        get_alignment_baseline='"center"',
        **weight,
        outline_width=3,
        outline_color=list(style.HALO),
        font_settings={"sdf": True},
    )


def dot_layer(points: pd.DataFrame, layer_id: str, radius: str | int, **sizes: object) -> pdk.Layer:
    """Filled dots in each row's ``colour`` with a thin white edge, pickable for the tooltip;
    ``sizes`` adds pixel limits (``radius_min_pixels``)."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius=radius,
        **sizes,
        get_fill_color="colour",
        get_line_color=list(style.HALO),
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )


def ring_layer(points: pd.DataFrame, layer_id: str) -> pdk.Layer:
    """Open rings (the facilities), drawn under the dots so an organisation inside stays visible."""
    return pdk.Layer(
        "ScatterplotLayer", data=points, id=layer_id, get_position=["lon", "lat"],
        get_radius=30, radius_min_pixels=11, filled=True, get_fill_color=list(style.FACILITY_FILL),
        stroked=True, get_line_color=list(style.FACILITY_RING), line_width_min_pixels=3, pickable=True,
    )  # fmt: skip


def deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: str, basemap: bool | None) -> pdk.Deck:
    """The map: the layers, the view, a tooltip, and basemap tiles only where allowed."""
    use_tiles = config.basemap_enabled() if basemap is None else basemap
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider="carto" if use_tiles else None,
        # without tiles no map_style at all: map_style=None makes the browser fetch Carto's
        # style.json anyway (seen in chromium), which an offline beamer laptop cannot reach
        **({"map_style": "light"} if use_tiles else {}),
        tooltip={"html": tooltip, "style": {"fontSize": "14px"}},
    )


# ------------------------------------------------------------------------------ all kernen
def kern_map(
    overview: pd.DataFrame,
    contours: pd.DataFrame | None = None,
    *,
    outlines: pd.DataFrame | None = None,
    colour_by: str = "kern_type",
    basemap: bool | None = None,
    protected: bool = True,
) -> pdk.Deck:
    """All kernen as circles sized by inhabitants and coloured by kern type or an indicator,
    with names, kern contours and gemeente outlines where those are loaded; counts protected
    unless ``protected`` is False (a viewer with exact counts)."""
    points = kern_points(overview, colour_by, protected)
    layers = [] if outlines is None or outlines.empty else [outline_layer(outlines)]
    if contours is not None and not contours.empty:
        layers.append(contour_layer(contours, set(points["kern_id"]), "kern-contouren"))
    layers.append(dot_layer(points, "kernen", "radius"))
    layers.append(label_layer(points, "kernnamen", 13, font_weight=600))
    return deck(layers, fit_view(points["lat"], points["lon"]), TEXTS["map.tooltip"], basemap)


# ------------------------------------------------------------------------------ one kern
def sociale_kaart_map(
    orgs: pd.DataFrame, facs: pd.DataFrame, contours: pd.DataFrame, kern_id: str, basemap: bool | None = None
) -> pdk.Deck:
    """One kern with its organisations (filled dots, coloured by sector) and facilities (open
    rings), names beside them and the kern's contour where one is loaded."""
    org_points = sociale_kaart.organisation_points(orgs)
    fac_points = sociale_kaart.facility_points(facs)
    layers = []
    if not contours.empty and kern_id in set(contours["kern_id"]):
        layers.append(contour_layer(contours, {kern_id}, "kern-contour", line_width=1.5))
    layers += [
        ring_layer(fac_points, "accommodaties"),
        dot_layer(org_points, "organisaties", 20, radius_min_pixels=7),
        label_layer(fac_points, "accommodatienamen", 13, offset=[12, 0], anchor='"start"'),
        label_layer(org_points, "organisatienamen", 11, offset=[12, 0], anchor='"start"'),
    ]
    both = pd.concat([org_points[["lat", "lon"]], fac_points[["lat", "lon"]]])
    return deck(layers, kern_view(both["lat"], both["lon"]), t("sk.map_tooltip"), basemap)


# ------------------------------------------------------------------------------ legends
def _dot(colour: str) -> str:
    """A legend's coloured dot, edged so that yellow reads on white."""
    return f'<span style="color:{colour};font-size:1.4em;-webkit-text-stroke:1px #555">●</span>'


def _nowrap(symbol: str, label: str) -> str:
    """One legend entry that does not wrap between its symbol and its label."""
    return f'<span style="white-space:nowrap">{symbol}&nbsp;{label}</span>'


def sociale_kaart_legend_html(orgs: pd.DataFrame, facs: pd.DataFrame) -> str:
    """The legend of :func:`sociale_kaart_map`: the sectors on the map and the facility ring."""
    present = set(sociale_kaart.located(orgs)["sector"])
    entries = [
        _nowrap(_dot(colour), vocab.SECTOR[code])
        for code, colour in style.SECTOR_COLOURS.items()
        if code in present
    ]
    html = f"<b>{t('sk.legend_sector')}</b> &nbsp; " + " &nbsp; ".join(entries) if entries else ""
    if not sociale_kaart.located(facs).empty:
        ring = _nowrap('<span style="font-size:1.4em;font-weight:bold">○</span>', t("sk.legend_facility"))
        html = f"{html} &nbsp; · &nbsp; {ring}" if html else ring
    return html


def legend_html(items: list[LegendItem], title: str = "") -> str:
    """The map legend as small HTML (coloured dots with their labels)."""
    entries = [f"{_dot(item.colour)} {item.label}" for item in items]
    prefix = f"<b>{title}</b> &nbsp; " if title else ""
    return prefix + " &nbsp; ".join(entries)
