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
#: Names on maps: near-black text with a white halo, readable without basemap tiles.
LABEL_COLOUR = (20, 20, 20, 255)
HALO = (255, 255, 255, 255)
#: Facilities on the Sociale kaart: an open black ring on a nearly white disc.
FACILITY_RING = (0, 0, 0, 255)
FACILITY_FILL = (255, 255, 255, 200)
