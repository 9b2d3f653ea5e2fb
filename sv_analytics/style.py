"""One colour-blind-safe palette (Okabe–Ito) for charts and maps, and the colours and
opacities of the map layers that every map shares (contours, outlines, labels, halos)."""

from __future__ import annotations

#: Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

KERN_TYPE_COLOURS = {"dorp": PALETTE[0], "buurtschap": PALETTE[2], "wijk": PALETTE[1]}

#: One colour per sector (vocab.SECTOR), the same on every page and map: seven Okabe–Ito colours
#: (black stays free for facilities and rules), then four from Paul Tol's colour-blind-safe set.
SECTOR_COLOURS = {
    "sport": "#0072B2",
    "zorg": "#E69F00",
    "gezondheidszorg": "#009E73",
    "welzijn": "#CC79A7",
    "onderwijs": "#56B4E9",
    "kerk": "#D55E00",
    "middenstand": "#F0E442",
    "gemeente": "#332288",
    "dorpsbelangen": "#882255",
    "cultuur": "#44AA99",
    "overig": "#999999",
}
#: Sector colour for a code outside the closed list (a workbook typo must still be drawn).
UNKNOWN_SECTOR_COLOUR = SECTOR_COLOURS["overig"]


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    """``'#0072B2'`` → ``[0, 114, 178, alpha]`` for pydeck."""
    value = colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


#: Sequential scale for "more is darker" maps: ColorBrewer YlGnBu (5), colour-blind safe.
SEQUENTIAL = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")


# ------------------------------------------------------------------------------ map layers
# RGBA tuples; ``sv_analytics.maps`` hands pydeck a fresh list of each.
#: Opacity (0–255) of the points on every map (kernen, organisations): solid enough to read
#: their colour, a little see-through where two overlap.
POINT_ALPHA = 225
#: Kern contours: the programme blue, a faint fill and a clear line, on every map.
CONTOUR_COLOUR = PALETTE[0]
CONTOUR_FILL_ALPHA, CONTOUR_LINE_ALPHA = 25, 140
#: Gemeente outlines: a light grey fill under everything, a dark grey border.
OUTLINE_FILL = (245, 245, 245, 110)
OUTLINE_LINE = (90, 90, 90, 200)
#: Gemeenten around the selected one: no fill, a faint line (where it lies, not what it is).
CONTEXT_FILL = (0, 0, 0, 0)
CONTEXT_LINE = (150, 150, 150, 110)
#: Names on maps: near-black text with a white halo, readable without basemap tiles and on a
#: dark point or line. deck.gl draws the halo from a signed-distance-field (SDF) font atlas:
#: ``HALO_WIDTH`` is in the atlas' pixels (deck.gl divides it by the atlas ``radius``), the atlas
#: at ``fontSize`` 64 with a ``radius`` of 24 and a ``buffer`` of 16 has room for it; on screen
#: that is a white rim of about 2 px around 12–13 px text. Measured in a chromium screenshot of
#: the Sociale kaart (deck.gl 9.4 of Streamlit 1.67): 351 pure-white pixels in a label's box on
#: the light-blue contour fill, none with the atlas defaults and a width below 1.
LABEL_COLOUR = (20, 20, 20, 255)
HALO = (255, 255, 255, 255)
HALO_WIDTH = 14
HALO_FONT_SETTINGS = (("sdf", True), ("fontSize", 64), ("buffer", 16), ("radius", 24))
#: The app's own proportional font (Streamlit ships Source Sans) for map names and tooltips,
#: never deck.gl's monospace default, with fallbacks that every beamer laptop has.
MAP_FONT = '"Source Sans", "Source Sans Pro", "Source Sans 3", "Helvetica Neue", Arial, sans-serif'
#: The map tooltip: a readable box that wraps long names and never clips its last line. deck.gl
#: puts its top-left corner at the pointer, so near the map's lower or right edge the map's
#: frame cut it off (seen at 1280×720: the last lines under Diepenheim). Centred on the pointer
#: (CSS ``translate``, which adds to deck.gl's own ``transform``), it needs only half its size
#: (≤ 120 × 80 px) around a point, and fitted views keep every kern at least that far from
#: the edge (fit_view's margins: 16 % of 820 × 560).
TOOLTIP_STYLE = (
    ("fontSize", "14px"), ("lineHeight", "1.4"), ("maxWidth", "240px"), ("whiteSpace", "normal"),
    ("translate", "-50% -50%"),
    ("overflowWrap", "anywhere"), ("padding", "8px 10px 10px"), ("borderRadius", "4px"),
    ("fontFamily", MAP_FONT),
)  # fmt: skip
#: Facilities on the Sociale kaart: an open black ring on a nearly white disc.
FACILITY_RING = (0, 0, 0, 255)
FACILITY_FILL = (255, 255, 255, 200)
