"""Colour scales that do not move with the selection: "nice" round steps from 0.

Why: a map or heat map compared across selections must keep its colours; classes re-fitted to
what is shown turn a 10 % difference into lowest against highest (issue 14). Scales start at 0
(or at a nice number below it for a figure that can be negative) and step in 1, 2, 2,5 or 5
times a power of ten, so a legend reads "0 – 50, 50 – 100 …" and tells a viewer only a rounded
upper bound of figures outside their own scope, never a figure itself.
"""

from __future__ import annotations

import math

#: Steps of a scale: 1, 2, 2,5 or 5 times a power of ten.
NICE_FACTORS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_step(highest: float, classes: int = 5, whole: bool = False) -> float:
    """The smallest 1/2/2,5/5 × 10^k step for which ``classes`` classes from 0 reach ``highest``
    (``whole``: only whole steps, for counts). 1 when there is nothing above 0."""
    if not math.isfinite(highest) or highest <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(highest / classes))
    for factor in NICE_FACTORS:
        step = factor * power
        if whole and step != int(step):
            continue
        if step * classes >= highest * (1 - 1e-12):
            return step
    return 10 * power  # not reached: factor 10 always covers


def nice_domain(lowest: float, highest: float, classes: int = 5) -> tuple[float, float]:
    """A colour domain from 0 (or a nice negative bound) to a nice upper bound that covers
    ``lowest`` … ``highest``: ``classes`` nice steps on each side of 0 that is used."""
    top = nice_step(highest, classes) * classes if highest > 0 else 0.0
    bottom = -nice_step(-lowest, classes) * classes if lowest < 0 else 0.0
    if top == bottom:
        top = 1.0
    return bottom, top
