"""Offline map images ("Kaart als PNG"): the pydeck maps of :mod:`sv_analytics.maps` drawn as
one Vega-Lite spec (Altair geoshapes, points and labels) and rendered by vl-convert.

Why a second renderer: pydeck cannot export an image, and an official came for exactly that
picture, to show it at a VSG meeting or put it in a report (issue 15: PNG at 2× for the slide
decks, SVG for the Typst PDF). vl-convert renders in-process, with no network and no basemap
tiles, so the image is the same on an offline laptop as on the server, and byte-identical for
the same data (tests/test_map_png.py).

The image is one canvas of a stated size (:data:`WIDTH` × :data:`HEIGHT` pixels at scale 1,
``autosize: none``, no padding): title, subtitle (period and filters) and the demo note on
top, the map on the left, the legend on the right, the source line at the bottom. Everything
is positioned in pixels by this module, so nothing depends on Vega's layout; the map itself is
a Mercator projection fitted (``fit`` + ``extent``) to the points and the outlines of the
selection, inside a margin wide enough for the names beside the points.

Privacy: the image shows what the pydeck map shows — names, colours, the legend — and no
counts; the rows come from :func:`maps.kern_points` and :func:`maps.legend`, protected by
default. A download is meant for others, so the pages pass ``protected=True`` whoever looks,
as ``components.chart`` does for its PNG.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert

from sv_analytics import fmt, fonts, indicators, maps, outlines, overzicht, sociale_kaart, style, vocab
from sv_analytics.indicators.context import REGISTRY as KERNREGISTER
from sv_analytics.indicators.core import MONITORING
from sv_analytics.texts import t
from sv_analytics.timeline import Period

#: The stated size of the image at scale 1 (pixels); ``scale=2`` doubles both (3200 × 2000).
WIDTH, HEIGHT = 1600, 1000
#: Canvas margin, the legend column's width and the band heights (pixels at scale 1).
MARGIN, LEGEND_WIDTH, TOP, BOTTOM = 32, 340, 118, 74
#: Room inside the map area so names beside the outermost points are not cut at the edge.
LABEL_PAD_X, LABEL_PAD_Y = 110, 26
#: Point radius in pixels: the pydeck map's ``radius`` read as pixels, kept within these limits
#: (a radius still given in metres, from before the pixel sizes, becomes the maximum).
MIN_RADIUS, MAX_RADIUS = 4, 24
#: Font sizes (pixels at scale 1): readable on a slide at the back of a meeting room.
TITLE_SIZE, SUBTITLE_SIZE, LABEL_SIZE, LEGEND_SIZE, SOURCE_SIZE = 30, 18, 15, 16, 13
#: The shipped face (data/fonts), the same on every machine; registered before each render.
FONT = fonts.VEGA_FONT
TEXT_COLOUR, MUTED_COLOUR, DEMO_COLOUR = "#141414", "#555555", "#B3261E"
PROVINCE_FILL, PROVINCE_LINE = "#FAFAFA", "#B8B8B8"
#: The shipped province outline under every kern map: where the gemeenten lie in Overijssel.
PROVINCE = ("provincie", "PV23")
#: The ring that marks a facility on the Sociale kaart (and in its legend), as on the screen.
RING_RADIUS = maps.FACILITY_RADIUS_PX


class EmptyMapError(ValueError):
    """Nothing to draw: no point of the selection has a location."""


@dataclass(frozen=True)
class Frame:
    """Where things go on the canvas (pixels): the map's fit extent and the legend column."""

    width: int
    height: int

    @property
    def map_box(self) -> tuple[int, int, int, int]:
        return MARGIN, TOP, self.width - MARGIN - LEGEND_WIDTH - 24, self.height - BOTTOM

    @property
    def fit_extent(self) -> list[list[int]]:
        x0, y0, x1, y1 = self.map_box
        return [[x0 + LABEL_PAD_X, y0 + LABEL_PAD_Y], [x1 - LABEL_PAD_X, y1 - LABEL_PAD_Y]]

    @property
    def legend_x(self) -> int:
        return self.width - MARGIN - LEGEND_WIDTH


# ------------------------------------------------------------------------------ geometry
def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Signed planar area of a lon/lat ring (positive = counter-clockwise)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring)) / 2


def _wind_polygon(rings: list) -> list:
    """Exterior clockwise, holes counter-clockwise: d3-geo's spherical rule. GeoJSON (RFC 7946)
    winds the other way, and d3 draws such a polygon as the whole globe minus the gemeente."""
    wound = []
    for i, ring in enumerate(rings):
        clockwise = _ring_area(ring) < 0
        wound.append(ring if clockwise == (i == 0) else ring[::-1])
    return wound


def d3_geometry(geometry: dict) -> dict:
    """``geometry`` with its rings wound the way d3-geo (Vega's geoshape) expects."""
    if geometry["type"] == "Polygon":
        return {**geometry, "coordinates": _wind_polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {**geometry, "coordinates": [_wind_polygon(p) for p in geometry["coordinates"]]}
    return geometry


def _features(geojson_texts: Iterable[str]) -> list[dict]:
    return [
        {"type": "Feature", "geometry": d3_geometry(json.loads(text)), "properties": {}}
        for text in geojson_texts
    ]


def _coordinates(geometry: dict) -> list[tuple[float, float]]:
    """Every position of a (Multi)Polygon or Point geometry."""
    found: list[tuple[float, float]] = []

    def walk(node: object) -> None:
        if isinstance(node, list) and node and isinstance(node[0], (int, float)):
            found.append((float(node[0]), float(node[1])))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(geometry["coordinates"])
    return found


def fit_feature(
    points: pd.DataFrame, features: Sequence[dict], min_span: float = maps.KERNEN_MIN_SPAN
) -> dict:
    """A MultiPoint of the selection's bounding box (points and outlines), at least
    ``min_span`` degrees across, for the projection's ``fit``: in Mercator the projected
    bounds of the corners are those of everything inside them."""
    positions = list(zip(points["lon"], points["lat"], strict=True))
    for feature in features:
        positions += _coordinates(feature["geometry"])
    lons, lats = [p[0] for p in positions], [p[1] for p in positions]
    centre_lon, centre_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_lon = max(max(lons) - min(lons), min_span) / 2
    half_lat = max(max(lats) - min(lats), min_span * math.cos(math.radians(centre_lat))) / 2
    corners = [
        [centre_lon - half_lon, centre_lat - half_lat],
        [centre_lon + half_lon, centre_lat + half_lat],
    ]
    return {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": corners}, "properties": {}}


# ------------------------------------------------------------------------------ layers
def _hex(colour: object) -> str:
    """A pydeck colour (``[r, g, b, a]``) or a hex string as ``#rrggbb``."""
    if isinstance(colour, str):
        return colour
    r, g, b = (int(c) for c in list(colour)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def pixel_radius(radius: object) -> float:
    """The map's point radius read as pixels, within :data:`MIN_RADIUS`–:data:`MAX_RADIUS`."""
    value = float(radius) if radius is not None and not pd.isna(radius) else MIN_RADIUS
    return min(max(value, MIN_RADIUS), MAX_RADIUS)


def _shapes(features: list[dict], projection: alt.Projection, **mark: object) -> alt.Chart:
    return alt.Chart(alt.Data(values=features)).mark_geoshape(**mark).project(**projection.to_dict())


def _geo(frame: pd.DataFrame) -> alt.Chart:
    return alt.Chart(frame).encode(alt.Longitude("lon:Q"), alt.Latitude("lat:Q"))


def _dots(points: pd.DataFrame, projection: alt.Projection) -> alt.Chart:
    """Filled dots in each row's colour, area π·r² for the pixel radius, thin white edge."""
    rows = pd.DataFrame(
        {
            "lon": points["lon"],
            "lat": points["lat"],
            "fill": points["colour"].map(_hex),
            "size": points["radius"].map(lambda r: round(math.pi * pixel_radius(r) ** 2, 2)),
        }
    )
    return (
        _geo(rows)
        .mark_circle(opacity=style.POINT_ALPHA / 255, stroke="white", strokeWidth=1)
        .encode(color=alt.Color("fill:N", scale=None), size=alt.Size("size:Q", scale=None))
        .project(**projection.to_dict())
    )


def _rings(points: pd.DataFrame, projection: alt.Projection) -> alt.Chart:
    """Open rings (the facilities), as on the Sociale kaart."""
    return (
        _geo(points[["lon", "lat"]])
        .mark_circle(
            size=round(math.pi * RING_RADIUS**2, 2),
            fill=_hex(style.FACILITY_FILL),
            fillOpacity=0.8,
            stroke=_hex(style.FACILITY_RING),
            strokeWidth=3,
            opacity=1,
        )
        .project(**projection.to_dict())
    )


#: pydeck's text anchor → Vega's text align.
ALIGN = {"start": "left", "end": "right", "middle": "center"}


def label_rows(points: pd.DataFrame) -> pd.DataFrame:
    """Each name with its Vega align and pixel offset (``align``, ``dx``, ``dy``). A name beside
    its dot starts at least 4 px outside it, whatever offset the pydeck map uses; a name above or
    below (anchor ``middle``) keeps the map's offset."""
    rows = []
    for row in points.itertuples(index=False):
        dx, dy = (float(v) for v in [*row.label_offset, 0, 0][:2])
        align = ALIGN.get(getattr(row, "label_anchor", "start"), "left")
        if align != "center":
            gap = max(abs(dx), pixel_radius(row.radius) + 4)
            dx = gap if align == "left" else -gap
        rows.append((row.name, row.lon, row.lat, align, round(dx, 1), round(dy, 1)))
    return pd.DataFrame(rows, columns=["name", "lon", "lat", "align", "dx", "dy"])


def _labels(
    points: pd.DataFrame, projection: alt.Projection, size: int, weight: int | str
) -> list[alt.Chart]:
    """Names in a proportional font, each on a white halo: the same text drawn first with a
    wide white stroke, then plain on top (a stroke on the text itself would eat the letters).

    Align and offsets are per name: Vega-Lite has no channel for them, but a mark property may
    be an expression, which Vega evaluates per datum; so two layers serve every name."""
    common = {
        "align": alt.ExprRef("datum.align"),
        "dx": alt.ExprRef("datum.dx"),
        "dy": alt.ExprRef("datum.dy"),
        "baseline": "middle",
        "fontSize": size,
        "fontWeight": weight,
    }
    base = _geo(label_rows(points)).encode(alt.Text("name:N"))
    halo = base.mark_text(**common, stroke="white", strokeWidth=3, strokeJoin="round", fill="white")
    projected = projection.to_dict()
    return [halo.project(**projected), base.mark_text(**common, fill=TEXT_COLOUR).project(**projected)]


def _texts(rows: list[dict], **mark: object) -> alt.Chart:
    """Text at pixel positions (fields x, y, text): titles, legend labels, the source line."""
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_text(baseline="middle", **mark)
        .encode(x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None), text=alt.Text("text:N"))
    )


def _rect(x: float, y: float, x2: float, y2: float, **mark: object) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=[{"x": x, "y": y, "x2": x2, "y2": y2}]))
        .mark_rect(**mark)
        .encode(x=alt.X("x:Q", scale=None), x2=alt.X2("x2:Q"), y=alt.Y("y:Q", scale=None), y2=alt.Y2("y2:Q"))
    )


def _paper(frame: Frame) -> list[alt.Chart]:
    """White bands around the map area (shapes reaching beyond it stop at its edge) and a thin
    frame, drawn after the map and before the texts."""
    x0, y0, x1, y1 = frame.map_box
    w, h = frame.width, frame.height
    white = {"fill": "white", "stroke": None}
    return [
        _rect(0, 0, w, y0, **white),
        _rect(0, y1, w, h, **white),
        _rect(0, 0, x0, h, **white),
        _rect(x1, 0, w, h, **white),
        _rect(x0, y0, x1, y1, fill=None, stroke="#CCCCCC", strokeWidth=1),
    ]


# ------------------------------------------------------------------------------ legend
@dataclass(frozen=True)
class Ring:
    """A legend entry drawn as the facility ring (Sociale kaart)."""

    label: str


def _wrap(text: str, size: int, width: float) -> list[str]:
    """``text`` in lines that fit ``width`` pixels (about 0,52 em per character)."""
    return textwrap.wrap(text, max(int(width / (size * 0.52)), 10)) if text else []


def _legend(
    frame: Frame, items: Sequence[maps.LegendItem | Ring], title: str, notes: Sequence[str]
) -> list[alt.Chart]:
    """The legend column: title, one dot (or ring) with its label per item, then the notes."""
    x, y = frame.legend_x, TOP + 14
    layers = []
    title_rows = []
    for line in _wrap(title, LEGEND_SIZE, LEGEND_WIDTH):
        title_rows.append({"x": x, "y": y, "text": line})
        y += LEGEND_SIZE + 6
    y += 10
    dots, rings, labels = [], [], []
    for item in items:
        lines = _wrap(item.label, LEGEND_SIZE, LEGEND_WIDTH - 34) or [""]
        (rings if isinstance(item, Ring) else dots).append(
            {"x": x + 11, "y": y, "fill": getattr(item, "colour", "white")}
        )
        for line in lines:
            labels.append({"x": x + 30, "y": y, "text": line})
            y += LEGEND_SIZE + 4
        y += 10
    y += 6
    note_rows = []
    for note in notes:
        for line in _wrap(note, SOURCE_SIZE, LEGEND_WIDTH):
            note_rows.append({"x": x, "y": y, "text": line})
            y += SOURCE_SIZE + 5
        y += 6
    if title_rows:
        layers.append(
            _texts(title_rows, align="left", fontSize=LEGEND_SIZE, fontWeight="bold", fill=TEXT_COLOUR)
        )
    if dots:
        layers.append(
            alt.Chart(alt.Data(values=dots))
            .mark_circle(size=round(math.pi * 8**2, 2), opacity=1, stroke="#555555", strokeWidth=1)
            .encode(
                x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None), color=alt.Color("fill:N", scale=None)
            )
        )
    if rings:
        layers.append(
            alt.Chart(alt.Data(values=rings))
            .mark_circle(
                size=round(math.pi * RING_RADIUS**2, 2),
                fill="white",
                stroke="black",
                strokeWidth=3,
                opacity=1,
            )
            .encode(x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None))
        )
    if labels:
        layers.append(_texts(labels, align="left", fontSize=LEGEND_SIZE, fill=TEXT_COLOUR))
    if note_rows:
        layers.append(_texts(note_rows, align="left", fontSize=SOURCE_SIZE, fill=MUTED_COLOUR))
    return layers


def _chrome(frame: Frame, title: str, subtitle: str, source: str, demo: bool) -> list[alt.Chart]:
    """Title, subtitle, the demo note (top right, in red) and the source line (bottom)."""
    layers = [
        _texts([{"x": MARGIN, "y": MARGIN + 16, "text": title}], align="left", fontSize=TITLE_SIZE,
               fontWeight="bold", fill=TEXT_COLOUR),
    ]  # fmt: skip
    if subtitle:
        layers.append(
            _texts([{"x": MARGIN, "y": MARGIN + 56, "text": subtitle}], align="left", fontSize=SUBTITLE_SIZE,
                   fill=MUTED_COLOUR)
        )  # fmt: skip
    if demo:
        layers.append(
            _texts([{"x": frame.width - MARGIN, "y": MARGIN + 16, "text": t("map_png.demo_note")}], align="right",
                   fontSize=SUBTITLE_SIZE + 2, fontWeight="bold", fill=DEMO_COLOUR)
        )  # fmt: skip
    lines = _wrap(source, SOURCE_SIZE, frame.width - 2 * MARGIN)[:3]
    top = frame.height - BOTTOM + 22
    rows = [{"x": MARGIN, "y": top + i * (SOURCE_SIZE + 5), "text": line} for i, line in enumerate(lines)]
    if rows:
        layers.append(_texts(rows, align="left", fontSize=SOURCE_SIZE, fill=MUTED_COLOUR))
    return layers


def _canvas(layers: list[alt.Chart], frame: Frame) -> alt.LayerChart:
    chart = alt.layer(*layers).properties(
        width=frame.width, height=frame.height, autosize=alt.AutoSizeParams(type="none"), padding=0,
        background="white",
    )  # fmt: skip
    chart.config = alt.Config(font=FONT, view=alt.ViewConfig(stroke=None, strokeWidth=0))
    return chart


def _located(points: pd.DataFrame) -> pd.DataFrame:
    return points[points["lat"].notna() & points["lon"].notna()].reset_index(drop=True)


def _province() -> list[dict]:
    feature = outlines.shipped().get(PROVINCE)
    return [] if feature is None else _features([feature["geojson"]])


# ------------------------------------------------------------------------------ kern map
def split_outlines(
    outlines_frame: pd.DataFrame | None, points: pd.DataFrame
) -> tuple[list[dict], list[dict]]:
    """The outlines of the gemeenten the points lie in, and the other outlines the viewer may
    see: the view fits the first, drawn strong; the others are light context around them."""
    if outlines_frame is None or outlines_frame.empty:
        return [], []
    chosen = outlines_frame["name"].isin(set(points["gemeente"])) if "gemeente" in points else None
    if chosen is None or not chosen.any():
        return _features(outlines_frame["geojson"]), []
    return _features(outlines_frame.loc[chosen, "geojson"]), _features(outlines_frame.loc[~chosen, "geojson"])


def kern_map_spec(
    points: pd.DataFrame,
    legend_items: Sequence[maps.LegendItem],
    outlines_frame: pd.DataFrame | None,
    contours: pd.DataFrame | None,
    *,
    title: str,
    subtitle: str,
    legend_title: str,
    source: str,
    demo: bool,
    legend_notes: Sequence[str] = (),
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.LayerChart:
    """The kern map as one Vega-Lite canvas of ``width`` × ``height`` pixels.

    ``points`` are rows of :func:`maps.kern_points` (kern_id, name, lat, lon, radius, colour,
    label_anchor, label_offset); ``legend_items`` those of :func:`maps.legend`; the outlines of
    ``lookups.gemeente_outlines`` and the contours of ``lookups.kern_contours`` (only the
    selection's kernen are drawn). The view fits the points and the outlines. Raises
    :class:`EmptyMapError` when no point has a location.
    """
    points = _located(points)
    if points.empty:
        raise EmptyMapError(t("map_png.empty"))
    frame = Frame(width, height)
    fitted, others = split_outlines(outlines_frame, points)
    kern_ids = set(points["kern_id"])
    shapes = (
        _features(contours.loc[contours["kern_id"].isin(kern_ids), "geojson"]) if contours is not None else []
    )
    projection = alt.Projection(type="mercator", fit=fit_feature(points, fitted), extent=frame.fit_extent)
    layers = []
    if province := _province():
        layers.append(_shapes(province, projection, fill=PROVINCE_FILL, stroke=PROVINCE_LINE, strokeWidth=1))
    if others:
        layers.append(_shapes(others, projection, fill=PROVINCE_FILL, stroke=PROVINCE_LINE, strokeWidth=1))
    if fitted:
        layers.append(
            _shapes(fitted, projection, fill=_hex(style.OUTLINE_FILL), stroke=_hex(style.OUTLINE_LINE),
                    strokeWidth=1.5, fillOpacity=1)
        )  # fmt: skip
    if shapes:
        layers.append(_contours(shapes, projection, 1))
    layers += [_dots(points, projection), *_labels(points, projection, LABEL_SIZE, 600), *_paper(frame)]
    layers += _legend(frame, legend_items, legend_title, legend_notes)
    layers += _chrome(frame, title, subtitle, source, demo)
    return _canvas(layers, frame)


def _contours(shapes: list[dict], projection: alt.Projection, line_width: float) -> alt.Chart:
    return _shapes(
        shapes, projection, fill=style.CONTOUR_COLOUR, fillOpacity=style.CONTOUR_FILL_ALPHA / 255,
        stroke=style.CONTOUR_COLOUR, strokeOpacity=style.CONTOUR_LINE_ALPHA / 255, strokeWidth=line_width,
    )  # fmt: skip


# ------------------------------------------------------------------------------ rendering
def render_png(spec: alt.TopLevelMixin, scale: int = 1) -> bytes:
    """The spec as PNG bytes; ``scale=2`` for slides (twice the stated size in each direction)."""
    fonts.register_vl_convert()
    return vl_convert.vegalite_to_png(spec.to_dict(validate=False), scale=scale)


def render_svg(spec: alt.TopLevelMixin) -> str:
    """The spec as SVG text (for the Typst PDF: vector, fonts as text)."""
    fonts.register_vl_convert()
    return vl_convert.vegalite_to_svg(spec.to_dict(validate=False))


_COMMIT = re.compile(r"\s*\(commit [0-9a-f]+\)")


def source_line(data_source: str, outlines_frame: pd.DataFrame | None, contours: pd.DataFrame | None) -> str:
    """The source line, "Bron: … · Kaartgrenzen: … · Kerncontouren: …", from the sources stored
    with the outlines and contours (the shipped file's text without its commit hash, which data/README.md keeps)."""
    parts = [t("map_png.source", source=data_source)]
    for frame, key in ((outlines_frame, "map_png.boundaries"), (contours, "map_png.contours")):
        if frame is not None and not frame.empty and "source" in frame:
            texts = sorted({_COMMIT.sub("", str(s)) for s in frame["source"].dropna()})
            if texts:
                parts.append(t(key, source="; ".join(texts)))
    return " · ".join(parts)


def legend_title(colour_by: str) -> str:
    """The legend's title: the kern type, or the indicator's name with its registry unit."""
    code = maps.COLOUR_OPTIONS[colour_by]
    if code is None:
        return t("overzicht.colour_kern_type")
    return indicators.with_unit(indicators.get(code).name, code)


def data_source(colour_by: str) -> str:
    """Where the map's figures come from: the indicator's registry source, or the kern register
    (kern types and inhabitants) for a map coloured by kern type."""
    code = maps.COLOUR_OPTIONS[colour_by]
    return KERNREGISTER if code is None else indicators.get(code).source


def kern_map_title(overview: pd.DataFrame) -> str:
    """The title: "Sociaal Vitaal-kernen in gemeente Deventer" for one gemeente, "… in Overijssel"
    otherwise."""
    names = overview["gemeente"].dropna().unique() if "gemeente" in overview else []
    area = t("map_png.area_gemeente", gemeente=names[0]) if len(names) == 1 else t("map_png.area_programme")
    return t("map_png.kern_title", area=area)


def kern_map_figure(
    overview: pd.DataFrame,
    outlines_frame: pd.DataFrame | None,
    contours: pd.DataFrame | None,
    *,
    period: Period,
    colour_by: str = "kern_type",
    classes: overzicht.ColourScale | None = None,
    demo: bool,
    filters: Sequence[str] = (),
    protected: bool = True,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.LayerChart | None:
    """Overzicht's map with its title, period, legend, source and demo note, ready for
    :func:`render_png` or :func:`render_svg` (the reports of issue 15); None when no kern of
    ``overview`` has a location.

    ``classes`` is the programme-wide colour scale the screen uses
    (``ui.programme.colour_scale``), so the image's colours and legend are the screen's;
    ``filters`` are the subtitle's texts after the period ("Doelgroep: ouderen"); ``protected``
    stays True for anything others will see (a download). ``width`` × ``height``: the canvas;
    a report's map is smaller, so that its names stay readable at a page's text width."""
    points = maps.kern_points(overview, colour_by, protected, scale=classes)
    if _located(points).empty:
        return None
    notes = [note for note in (maps.legend_note(colour_by, classes), t("map_png.size_note")) if note]
    return kern_map_spec(
        points, maps.legend(overview, colour_by, protected, classes), outlines_frame, contours,
        title=kern_map_title(overview), subtitle=" · ".join([fmt.period(period.start, period.end), *filters]),
        legend_title=legend_title(colour_by), legend_notes=notes,
        source=source_line(data_source(colour_by), outlines_frame, contours), demo=demo,
        width=width, height=height,
    )  # fmt: skip


def kern_map_png(*args: object, scale: int = 1, **kwargs: object) -> bytes | None:
    """:func:`kern_map_figure` as a PNG of :data:`WIDTH` × :data:`HEIGHT` pixels times
    ``scale`` (1600 × 1000, or 3200 × 2000 at ``scale=2`` for slides); None without a located kern."""
    figure = kern_map_figure(*args, **kwargs)
    return None if figure is None else render_png(figure, scale)


# ------------------------------------------------------------------------------ sociale kaart
def sociale_kaart_legend(orgs: pd.DataFrame, facs: pd.DataFrame) -> list[maps.LegendItem | Ring]:
    """The sectors on the map (in the order of :data:`style.SECTOR_COLOURS`) and the facility ring."""
    present = set(sociale_kaart.located(orgs)["sector"])
    items: list[maps.LegendItem | Ring] = [
        maps.LegendItem(colour, vocab.SECTOR[code])
        for code, colour in style.SECTOR_COLOURS.items()
        if code in present
    ]
    if not sociale_kaart.located(facs).empty:
        items.append(Ring(t("sk.legend_facility")))
    return items


def sociale_kaart_spec(
    orgs: pd.DataFrame,
    facs: pd.DataFrame,
    contours: pd.DataFrame | None,
    kern_id: str,
    *,
    title: str,
    subtitle: str,
    source: str,
    demo: bool,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.LayerChart:
    """One kern's organisations (dots by sector colour) and facilities (rings) with their names,
    the kern's contour and the legend; raises :class:`EmptyMapError` when nothing has a location."""
    org_points = sociale_kaart.organisation_points(orgs)
    fac_points = sociale_kaart.facility_points(facs)
    if org_points.empty and fac_points.empty:
        raise EmptyMapError(t("map_png.sk_empty"))
    frame = Frame(width, height)
    shapes = (
        _features(contours.loc[contours["kern_id"] == kern_id, "geojson"]) if contours is not None else []
    )
    both = maps.sociale_kaart_points(orgs, facs)[0]
    projection = alt.Projection(
        type="mercator", fit=fit_feature(both, shapes, maps.KERN_MIN_SPAN), extent=frame.fit_extent
    )
    orgs_drawn, facs_drawn = (
        both.loc[both["kind_of_point"] == "org"],
        both.loc[both["kind_of_point"] == "fac"],
    )
    layers = [_contours(shapes, projection, 1.5)] if shapes else []
    if not fac_points.empty:
        layers.append(_rings(fac_points, projection))
    if not org_points.empty:
        layers.append(_dots(orgs_drawn, projection))
    if not fac_points.empty:
        layers += _labels(facs_drawn, projection, LABEL_SIZE, 600)
    if not org_points.empty:
        layers += _labels(orgs_drawn, projection, LABEL_SIZE - 2, "normal")
    layers += _paper(frame)
    layers += _legend(frame, sociale_kaart_legend(orgs, facs), t("sk.legend_sector"), ())
    layers += _chrome(frame, title, subtitle, source, demo)
    return _canvas(layers, frame)


def sociale_kaart_figure(
    orgs: pd.DataFrame,
    facs: pd.DataFrame,
    contours: pd.DataFrame | None,
    kern_id: str,
    *,
    kern_name: str,
    demo: bool,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.LayerChart | None:
    """The Sociale kaart of one kern with title, legend, source and demo note; None when no
    organisation or facility has a location. ``width`` × ``height``: the canvas."""
    if not sociale_kaart.has_locations(orgs, facs):
        return None
    drawn = contours[contours["kern_id"] == kern_id] if contours is not None else None
    return sociale_kaart_spec(
        orgs, facs, contours, kern_id, title=t("map_png.sk_title", kern=kern_name),
        subtitle=t("map_png.sk_subtitle"), source=source_line(MONITORING, None, drawn), demo=demo,
        width=width, height=height,
    )  # fmt: skip


def sociale_kaart_png(*args: object, scale: int = 1, **kwargs: object) -> bytes | None:
    """:func:`sociale_kaart_figure` as a PNG of :data:`WIDTH` × :data:`HEIGHT` pixels times
    ``scale``; None when nothing has a location."""
    figure = sociale_kaart_figure(*args, **kwargs)
    return None if figure is None else render_png(figure, scale)


def file_name(kind: str, **parts: str) -> str:
    """The download's file name (without ``.png``): ``kaart-kernen-2017-01-2018-12``."""
    return t(f"map_png.file_{kind}", **parts)
