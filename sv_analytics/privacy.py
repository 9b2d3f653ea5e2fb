"""Small-count suppression for views meant for others.

Counts of 1 to 4 could point to individual residents in a small kern, so views meant
for people outside the project group show them as ``<5``. Zero stays visible: "nobody"
reveals no one. The threshold is one constant so that every page and export agrees.
"""

from __future__ import annotations

import pandas as pd

THRESHOLD = 5
SUPPRESSED = f"<{THRESHOLD}"


def is_small(value: float | int | None) -> bool:
    return value is not None and not pd.isna(value) and 0 < value < THRESHOLD


def suppress(value: float | int | None, formatter=str) -> str:
    """The value formatted, or ``<5`` when it is a small positive count."""
    if is_small(value):
        return SUPPRESSED
    return formatter(value)


def suppress_column(series: pd.Series, formatter=str) -> pd.Series:
    """A column of counts as display strings with small counts suppressed."""
    return series.map(lambda v: suppress(v, formatter))
