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

Maps that read at any zoom (issue 14): points have a *pixel* radius (kernen: area by
inhabitants on one fixed scale, :func:`point_radius_px`), the view fits the kernen and the
highlighted gemeente outline with padding and stops at a whole gemeente, names are in the app's
proportional font with a white halo and take the first side (right, left, below, above) where
they collide with nothing and stay on the map (:func:`label_sides`), and the tooltip is centred
on the pointer so the map's frame never cuts it. Colour classes of an indicator come from the
whole programme (:func:`overzicht.programme_scale`), so a kern's colour does not change with the
selection.
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
#: Size of the map on a page (pixels) that a view is fitted to and labels are kept inside: the
#: map's column at 1280×720 (820 px wide, 560 high). A wider screen shows more around the same
#: centre, so what fits here fits there too.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 820, 560
#: All kernen: they fill this share of the map (room for their names), the outlines drawn with
#: them fill ``OUTLINE_MARGIN`` (a frame of padding), and the view stops at a whole gemeente
#: (zoom 11: one gemeente across the map, never a street plan).
KERNEN_MARGIN, KERNEN_MIN_SPAN, KERNEN_MAX_ZOOM = 0.68, 0.02, 11.0
OUTLINE_MARGIN = 0.9
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


def geojson_bounds(geojson_texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The corners (lats, lons: south-west and north-east) of the bounding box of GeoJSON
    geometries given as text, for :func:`fit_view`; empty when there are none."""
    lats: list[float] = []
    lons: list[float] = []

    def walk(coords: object) -> None:
        if isinstance(coords, list) and coords and isinstance(coords[0], int | float):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
        elif isinstance(coords, list):
            for part in coords:
                walk(part)

    for text in geojson_texts:
        geometry = json.loads(text)
        for part in geometry.get("geometries", [geometry]):
            walk(part.get("coordinates", []))
    if not lats:
        return pd.Series(dtype="float64"), pd.Series(dtype="float64")
    return pd.Series([min(lats), max(lats)]), pd.Series([min(lons), max(lons)])


def overview_view(points: pd.DataFrame, outlines: pd.DataFrame | None = None) -> pdk.ViewState:
    """The view of the all-kernen map: the kernen with room for their names and, when drawn,
    the whole of the (highlighted) gemeente outlines with some padding, centred on both.

    Why the outlines count: with one gemeente selected its kernen alone may lie in one corner
    of it (Deventer: Diepenveen and Bathmen); the gemeente must be seen whole to be recognised.
    """
    by_points = fit_view(points["lat"], points["lon"])
    if outlines is None or outlines.empty:
        return by_points
    out_lats, out_lons = geojson_bounds(outlines["geojson"])
    if out_lats.empty:
        return by_points
    lats = pd.concat([points["lat"], out_lats], ignore_index=True)
    lons = pd.concat([points["lon"], out_lons], ignore_index=True)
    both = fit_view(lats, lons, OUTLINE_MARGIN)
    return pdk.ViewState(
        latitude=both.latitude, longitude=both.longitude, zoom=min(both.zoom, by_points.zoom)
    )


def kern_view(lats: pd.Series, lons: pd.Series) -> pdk.ViewState:
    """A view fitted to one kern's points: closer than the all-kernen view allows."""
    return fit_view(lats, lons, KERN_MARGIN, min_span=KERN_MIN_SPAN, max_zoom=KERN_MAX_ZOOM)


#: Kern points are drawn in screen pixels, so they read at every zoom: the radius grows with the
#: square root of the inhabitants (the *area* follows the inhabitants) on one fixed scale, the
#: same for every selection (``POINT_MAX_PX`` at ``POINT_FULL_INHABITANTS`` or more), and never
#: smaller than ``POINT_MIN_PX`` (a hamlet must still be seen and picked) nor larger than
#: ``POINT_MAX_PX`` (neighbours in the Overijssel view must not cover each other).
POINT_MIN_PX, POINT_MAX_PX, POINT_FULL_INHABITANTS = 5.0, 16.0, 5000


def point_radius_px(inhabitants: float) -> float:
    """Pixel radius of a kern's point: area ∝ inhabitants, within POINT_MIN_PX … POINT_MAX_PX."""
    if inhabitants is None or not math.isfinite(inhabitants):
        return POINT_MIN_PX
    radius = POINT_MAX_PX * math.sqrt(max(inhabitants, 0) / POINT_FULL_INHABITANTS)
    return round(min(max(radius, POINT_MIN_PX), POINT_MAX_PX), 1)


#: What the user can colour the kernen by: column of the kern overview → indicator code.
COLOUR_OPTIONS = {
    "kern_type": None,
    "participants_per_1000": overzicht.RATE_INDICATORS["participants_per_1000"],
    **{c: overzicht.COUNT_INDICATORS[c] for c in ("participants", "new_participants", "activities")},
    "referrals_per_1000": overzicht.RATE_INDICATORS["referrals_per_1000"],
}


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str


def colour_classes(values: pd.Series, scale: overzicht.ColourScale) -> tuple[pd.Series, list[LegendItem]]:
    """Five classes from 0 in the scale's nice step, on a colour-blind-safe sequential scale
    (light = low): "0 – 50, 50 – 100 …", a value on a break in the upper class, a value above
    the last break (only possible with a scale from other values) in the last.

    The scale comes from the whole programme (:func:`overzicht.programme_scale`), so a kern's
    colour and the legend do not change when only the selection changes.
    """
    palette = style.SEQUENTIAL
    step = scale.step
    decimals = next(d for d in (0, 1, 2, 3) if round(step, d) == step)
    index = (values / step + 1e-9).fillna(0).clip(lower=0, upper=len(palette) - 1).astype(int)
    legend = [
        LegendItem(colour, f"{fmt.number(low, decimals)} – {fmt.number(high, decimals)}")
        for colour, low, high in zip(palette, scale.breaks, scale.breaks[1:], strict=False)
    ]
    return index.map(lambda i: palette[i]), legend


#: Colour of a kern whose colour figure is suppressed (1–4), and its legend text.
SUPPRESSED_COLOUR = "#BDBDBD"
#: The columns of :func:`kern_points`: what the browser receives of each kern.
POINT_COLUMNS = ("kern_id", "name", "gemeente", "kern_type", "lat", "lon", "radius", "colour",
                 "label_anchor", "label_offset", "inhabitants_txt",
                 *(f"{c}_txt" for c in overzicht.COUNT_COLUMNS))  # fmt: skip


#: The figure a kern is coloured by (defined beside the scale, in :mod:`sv_analytics.overzicht`).
colour_values = overzicht.colour_values


def _colours(
    overview: pd.DataFrame, colour_by: str, protected: bool, scale: overzicht.ColourScale | None
) -> tuple[pd.Series, list[LegendItem]]:
    if colour_by == "kern_type":
        return overview["kern_type"].map(style.KERN_TYPE_COLOURS), []
    values = colour_values(overview, colour_by, protected)
    shown = values.loc[~values["suppressed"], "value"].fillna(0)
    if scale is None:  # no programme scale given: nice classes over these kernen (tests, PNG)
        scale = overzicht.nice_scale(shown, len(overview), whole=decimals_for(colour_by) == 0)
    colours, legend = colour_classes(shown, scale)
    colours = colours.reindex(values.index).fillna(SUPPRESSED_COLOUR)
    if values["suppressed"].any():
        legend = [*legend, LegendItem(SUPPRESSED_COLOUR, privacy.SUPPRESSED)]
    return colours, legend


def kern_points(
    overview: pd.DataFrame,
    colour_by: str = "kern_type",
    protected: bool = True,
    *,
    scale: overzicht.ColourScale | None = None,
    view: pdk.ViewState | None = None,
) -> pd.DataFrame:
    """Map rows: position, size, colour and the tooltip's texts (:data:`POINT_COLUMNS`), the
    counts as protected texts (or exact ones for a viewer with exact counts), never as numbers.

    ``radius`` is a *pixel* radius (:func:`point_radius_px`); ``colour`` an RGBA list from the
    programme-wide ``scale`` (:func:`overzicht.programme_scale`; without one, nice classes over
    these kernen); ``label_anchor`` (``start``/``end``/``middle``) and ``label_offset`` (pixels,
    the radius included) place the name where it collides with nothing at ``view``
    (:func:`label_sides`; default: the view fitted to the points).
    """
    rows = overview.copy()
    rows["radius"] = rows["inhabitants"].map(point_radius_px)
    colours, _ = _colours(overview, colour_by, protected, scale)
    rows["colour"] = colours.map(lambda c: style.hex_to_rgb(c, style.POINT_ALPHA))
    rows = rows.join(label_sides(rows, view))
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


#: Names on the maps: the app's proportional font (style.MAP_FONT).
LABEL_FONT = style.MAP_FONT
#: Kern names: size (px) and weight; width of a name estimated as ``LABEL_CHAR_EM`` × size per
#: character (Source Sans semibold averages about 0,5 em; a little more so names never touch).
KERN_LABEL_SIZE, KERN_LABEL_WEIGHT, LABEL_CHAR_EM = 13, 600, 0.56
#: Pixels between a point's edge and its name, and kept free along the map's edges.
LABEL_GAP_PX, EDGE_PX = 4, 4
#: The places a name may take, in order of preference: right, left, below, above its point.
LABEL_SIDES = ("right", "left", "below", "above")


def screen_xy(
    lat: float, lon: float, view: pdk.ViewState, width: float = MAP_WIDTH_PX, height: float = MAP_HEIGHT_PX
) -> tuple[float, float]:
    """Web-Mercator pixel position on a ``width`` × ``height`` map centred on ``view`` (by
    default the typical map of a page; browser tests pass the canvas's own size)."""
    scale = 512 * 2**view.zoom

    def merc(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = width / 2 + (lon - view.longitude) * scale / 360
    y = height / 2 - (merc(lat) - merc(view.latitude)) * scale / (2 * math.pi)
    return x, y


def _label_box(
    side: str, x: float, y: float, radius: float, width: float, height: float
) -> tuple[tuple[float, float, float, float], str, list[float]]:
    """Box (x0, y0, x1, y1), text anchor and pixel offset of a name on ``side`` of its point."""
    gap = radius + LABEL_GAP_PX
    if side == "right":
        return (x + gap, y - height / 2, x + gap + width, y + height / 2), "start", [gap, 0]
    if side == "left":
        return (x - gap - width, y - height / 2, x - gap, y + height / 2), "end", [-gap, 0]
    dy = gap + height / 2 if side == "below" else -(gap + height / 2)
    box = (x - width / 2, y + dy - height / 2, x + width / 2, y + dy + height / 2)
    return box, "middle", [0, dy]


def box_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _off_map(box: tuple[float, float, float, float]) -> float:
    """How much of ``box`` lies outside the map (its edge strip included), as an area."""
    inner = (EDGE_PX, EDGE_PX, MAP_WIDTH_PX - EDGE_PX, MAP_HEIGHT_PX - EDGE_PX)
    return (box[2] - box[0]) * (box[3] - box[1]) - box_overlap(box, inner)


def label_sides(
    points: pd.DataFrame, view: pdk.ViewState | None = None, size: float = KERN_LABEL_SIZE
) -> pd.DataFrame:
    """Where each point's name goes: right, left, below or above it, whichever first collides
    with no other name, no point and not the map's edge at ``view`` (default: fitted to the points).

    Greedy, east to west: names prefer the right, so an eastern name is placed first and a
    western neighbour yields (Glinde-Hooiland writes left of De Lutte, Zenderen and Hertme
    take different sides, Kamperpoort-Veerallee at the west edge writes to the right). When
    every place collides, the one with the least overlap wins. Offsets include the point's pixel
    ``radius`` (default POINT_MIN_PX); the width of a name is estimated from its length.
    """
    view = view or fit_view(points["lat"], points["lon"])
    radius = points["radius"] if "radius" in points else pd.Series(POINT_MIN_PX, index=points.index)
    names = points["name"] if "name" in points else pd.Series("x" * 10, index=points.index)
    xy = {i: screen_xy(points.at[i, "lat"], points.at[i, "lon"], view) for i in points.index}
    dots = {i: (x - radius[i], y - radius[i], x + radius[i], y + radius[i]) for i, (x, y) in xy.items()}
    placed: list[tuple[float, float, float, float]] = []
    anchors, offsets = {}, {}
    for i in points.sort_values("lon", ascending=False, kind="stable").index:
        width, height = len(str(names[i])) * size * LABEL_CHAR_EM, size * 1.25
        best = None
        for rank, side in enumerate(LABEL_SIDES):
            box, anchor, offset = _label_box(side, *xy[i], radius[i], width, height)
            cost = sum(box_overlap(box, other) for other in placed)
            cost += sum(box_overlap(box, dot) for j, dot in dots.items() if j != i)
            cost += 4 * _off_map(box)
            if best is None or (cost, rank) < best[0]:
                best = ((cost, rank), box, anchor, offset)
            if cost == 0:
                break
        _, box, anchors[i], offsets[i] = best
        placed.append(box)
    return pd.DataFrame(
        {"label_anchor": pd.Series(anchors), "label_offset": pd.Series(offsets)}, index=points.index
    )


def decimals_for(column: str) -> int:
    return 1 if column.endswith("_per_1000") else 0


def legend(
    overview: pd.DataFrame,
    colour_by: str,
    protected: bool = True,
    scale: overzicht.ColourScale | None = None,
) -> list[LegendItem]:
    """The legend of the map's colours (kern types, or the classes of an indicator on the
    programme-wide ``scale``, with a grey ``<5`` entry where a kern's value is suppressed)."""
    if colour_by == "kern_type":
        present = set(overview["kern_type"])
        return [
            LegendItem(style.KERN_TYPE_COLOURS[k], label)
            for k, label in vocab.KERN_TYPE.items()
            if k in present
        ]
    return _colours(overview, colour_by, protected, scale)[1]


def legend_note(colour_by: str, scale: overzicht.ColourScale | None) -> str:
    """The legend's note that the classes are the programme's (empty for kern types)."""
    if colour_by == "kern_type" or scale is None:
        return ""
    return t("map.classes_note", kernen=scale.kernen)


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


def outline_layer(outlines: pd.DataFrame, *, context: bool = False) -> pdk.Layer:
    """The gemeente borders under the kernen: light fill and dark grey line for the gemeenten
    shown; with ``context`` the other gemeenten, faint and unfilled, only to say where one lies."""
    features = [
        {"type": "Feature", "geometry": json.loads(r.geojson), "properties": {"name": r.name}}
        for r in outlines.itertuples(index=False)
    ]
    fill, line, width = (
        (style.CONTEXT_FILL, style.CONTEXT_LINE, 1.0)
        if context
        else (style.OUTLINE_FILL, style.OUTLINE_LINE, 1.5)
    )
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id="gemeentegrenzen-omgeving" if context else "gemeentegrenzen",
        stroked=True,
        filled=True,
        get_fill_color=list(fill),
        get_line_color=list(line),
        line_width_min_pixels=width,
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
    """Names beside the points in the app's proportional font, white-haloed, so a map reads
    without basemap tiles and on any fill.

    ``offset`` and ``anchor`` are columns of ``points`` (per-point sides, see
    :func:`label_sides`) or one fixed pixel offset and a quoted anchor (``'"start"'``). The halo
    is deck.gl's SDF outline, which only shows with ``font_settings.sdf`` (sizes in
    :data:`style.HALO_WIDTH`, checked in a chromium screenshot).
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
        font_family=f"'{LABEL_FONT}'",  # quoted: pydeck reads a bare string as an expression
        **weight,
        outline_width=style.HALO_WIDTH,
        outline_color=list(style.HALO),
        font_settings=dict(style.HALO_FONT_SETTINGS),
    )


def dot_layer(points: pd.DataFrame, layer_id: str, radius: str | float) -> pdk.Layer:
    """Filled dots in each row's ``colour`` with a thin white edge, pickable for the tooltip;
    ``radius`` (a column or one value) in screen pixels, so a point reads at every zoom."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius=radius,
        radius_units='"pixels"',
        get_fill_color="colour",
        get_line_color=list(style.HALO),
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )


#: Sociale kaart points (pixels): organisations' dots and the facilities' rings around them.
ORG_RADIUS_PX, FACILITY_RADIUS_PX = 7, 11
#: Names on the Sociale kaart: facilities a little larger than organisations.
FACILITY_LABEL_SIZE, ORG_LABEL_SIZE = 13, 12


def ring_layer(points: pd.DataFrame, layer_id: str) -> pdk.Layer:
    """Open rings (the facilities), drawn under the dots so an organisation inside stays visible."""
    return pdk.Layer(
        "ScatterplotLayer", data=points, id=layer_id, get_position=["lon", "lat"],
        get_radius=FACILITY_RADIUS_PX, radius_units='"pixels"', filled=True,
        get_fill_color=list(style.FACILITY_FILL),
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
        tooltip={"html": tooltip, "style": dict(style.TOOLTIP_STYLE)},
    )


# ------------------------------------------------------------------------------ all kernen
def kern_map(
    overview: pd.DataFrame,
    contours: pd.DataFrame | None = None,
    *,
    outlines: pd.DataFrame | None = None,
    gemeente: str | None = None,
    colour_by: str = "kern_type",
    scale: overzicht.ColourScale | None = None,
    basemap: bool | None = None,
    protected: bool = True,
) -> pdk.Deck:
    """All kernen as pixel-sized points (area by inhabitants) coloured by kern type or by an
    indicator on the programme-wide ``scale``, with names, kern contours and gemeente outlines
    where those are loaded; counts protected unless ``protected`` is False (exact counts).

    With ``gemeente`` (a code) that gemeente's outline is drawn and fitted in full, the other
    gemeenten stay as faint context around it.
    """
    shown, context = split_outlines(outlines, gemeente)
    view = kern_map_view(overview, outlines, gemeente)
    points = kern_points(overview, colour_by, protected, scale=scale, view=view)
    layers = [] if context.empty else [outline_layer(context, context=True)]
    if not shown.empty:
        layers.append(outline_layer(shown))
    if contours is not None and not contours.empty:
        layers.append(contour_layer(contours, set(points["kern_id"]), "kern-contouren"))
    layers.append(dot_layer(points, "kernen", "radius"))
    layers.append(label_layer(points, "kernnamen", KERN_LABEL_SIZE, font_weight=KERN_LABEL_WEIGHT))
    return deck(layers, view, TEXTS["map.tooltip"], basemap)


def kern_map_view(
    overview: pd.DataFrame, outlines: pd.DataFrame | None = None, gemeente: str | None = None
) -> pdk.ViewState:
    """The view :func:`kern_map` opens with for these arguments (for browser tests that point
    at a kern on the canvas): the kernen and the highlighted outlines fitted."""
    return overview_view(overview, split_outlines(outlines, gemeente)[0])


def split_outlines(outlines: pd.DataFrame | None, gemeente: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The outlines to highlight (all, or only ``gemeente``'s) and the rest as context."""
    if outlines is None or outlines.empty:
        empty = pd.DataFrame(columns=["name", "geojson"])
        return empty, empty
    if gemeente is None or "gemeente_code" not in outlines:
        return outlines, outlines.iloc[:0]
    mine = outlines["gemeente_code"] == gemeente
    return outlines[mine], outlines[~mine]


# ------------------------------------------------------------------------------ one kern
def sociale_kaart_points(orgs: pd.DataFrame, facs: pd.DataFrame) -> tuple[pd.DataFrame, pdk.ViewState]:
    """The located organisations and facilities of one kern as drawn (``kind_of_point`` ``org`` /
    ``fac``, pixel ``radius``, label side from :func:`label_sides`) and the view they are placed
    in: one placement for the screen map and the PNG (:mod:`sv_analytics.map_png`)."""
    both = pd.concat(
        [
            sociale_kaart.facility_points(facs).assign(radius=float(FACILITY_RADIUS_PX), kind_of_point="fac"),
            sociale_kaart.organisation_points(orgs).assign(radius=float(ORG_RADIUS_PX), kind_of_point="org"),
        ],
        ignore_index=True,
    )
    view = kern_view(both["lat"], both["lon"])
    return both.join(label_sides(both[["lat", "lon", "name", "radius"]], view, FACILITY_LABEL_SIZE)), view


def sociale_kaart_map(
    orgs: pd.DataFrame, facs: pd.DataFrame, contours: pd.DataFrame, kern_id: str, basemap: bool | None = None
) -> pdk.Deck:
    """One kern with its organisations (filled dots, coloured by sector) and facilities (open
    rings), names beside them where they collide with no other (:func:`label_sides`, the same
    rule as the kern map) and the kern's contour where one is loaded."""
    both, view = sociale_kaart_points(orgs, facs)
    fac_points = both[both["kind_of_point"] == "fac"]
    org_points = both[both["kind_of_point"] == "org"]
    layers = []
    if not contours.empty and kern_id in set(contours["kern_id"]):
        layers.append(contour_layer(contours, {kern_id}, "kern-contour", line_width=1.5))
    layers += [
        ring_layer(fac_points, "accommodaties"),
        dot_layer(org_points, "organisaties", ORG_RADIUS_PX),
        label_layer(fac_points, "accommodatienamen", FACILITY_LABEL_SIZE, font_weight=KERN_LABEL_WEIGHT),
        label_layer(org_points, "organisatienamen", ORG_LABEL_SIZE, font_weight=KERN_LABEL_WEIGHT),
    ]
    return deck(layers, view, t("sk.map_tooltip"), basemap)


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


def legend_html(items: list[LegendItem], title: str = "", note: str = "") -> str:
    """The map legend as small HTML (coloured dots with their labels), ``note`` after it in
    small grey type (e.g. that the classes are the programme's)."""
    entries = [_nowrap(_dot(item.colour), item.label) for item in items]
    prefix = f"<b>{title}</b> &nbsp; " if title else ""
    suffix = f' &nbsp; <span style="color:#555;font-size:0.9em">{note}</span>' if note else ""
    return prefix + " &nbsp; ".join(entries) + suffix
