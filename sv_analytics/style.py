"""One colour-blind-safe palette (Okabe–Ito) for charts and maps."""

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


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    """``'#0072B2'`` → ``[0, 114, 178, alpha]`` for pydeck."""
    value = colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


#: Sequential scale for "more is darker" maps: ColorBrewer YlGnBu (5), colour-blind safe.
SEQUENTIAL = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
