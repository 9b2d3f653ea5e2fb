"""Protection of small counts: the one place for the rules (no Streamlit here).

**What is protected.** Counts of *people* from the monitoring (participants, new and
previously inactive participants, referrals, volunteers, estimated target-group members,
status holders) and of activities, because in a kern of a few hundred inhabitants a count of
1 to 4 can point to a neighbour. Counts of organisations, agreements, werkplan actions and
kernen, and public statistics (CBS inhabitants, RIVM shares), describe no resident and are
shown as they are.

**Who sees what.** A *protected* view is every screen of a person without exact counts
(``Viewer.protected``: gemeente officials always, beheerders and evaluators unless they
switch "exacte aantallen" on; a projectleider sees their own kern exactly) and **every**
export, PNG, report or deck, for anyone. Only an exact screen shows the counts as they are.

**The rule (CBS practice).** In a protected view every protected count is rounded:

- 0 stays 0 ("nobody" reveals no one);
- 1–4 is shown as ``<5`` (primary suppression);
- 5 and more become the nearest multiple of 5, halves up (7 → 5, 8 → 10, 12,5 → 15).

Figures derived linearly from a protected count (per 1.000 inhabitants, a percentage, per
month) are computed from the rounded count: the value × rounded ÷ exact; one whose base count
is 1–4 is suppressed with it; a ratio of two protected counts uses both rounded counts.

**Why rounding and not complementary suppression.** Suppressing 1–4 per cell is not enough:
a total minus the other rows, the same kern under another filter, a per-month figure × the
number of months, a bar's height or a Sankey band's width gave the hidden count back
(issue 12). Rounding every shown count to a multiple of 5 is *secondary protection in one
rule*: the difference of any two shown counts, or of a total and the sum of its parts, is
itself a multiple of 5 and so never a value from 1 to 4, whatever totals, rows, filters,
periods or charts are combined. Complementary suppression would have to be solved anew for
every combination of filters a user can make, and still leaks across filters.

**What remains.** Rounding leaves bounds: a shown 15 means 13–17, a ``<5`` 1–4, and
combining many overlapping views can narrow a count's interval (a total of 20 and parts of
15 and ``<5`` say only that the hidden part is 1–4 — as the ``<5`` did). No view tells a
count of 1–4 exactly. Rounded parts need not add up to the rounded total; the exports and
captions say so.

The browser never receives a protected raw count: tables, headlines, chart data, tooltips
and map payloads are built from the protected values (see ``tables.Table``,
``ui.components``, ``charts`` and ``maps``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from sv_analytics import fmt

THRESHOLD = 5
#: Protected counts are shown as multiples of this base.
BASE = 5
SUPPRESSED = f"<{THRESHOLD}"
MISSING = "–"

#: A derived figure's protection: the count it is proportional to, or (numerator count,
#: denominator count) for a ratio of two protected counts.
Basis = str | tuple[str, str]


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def is_small(value: float | int | None) -> bool:
    """A count from 1 to 4 (more precisely: above 0 and below the threshold)."""
    return not is_missing(value) and 0 < value < THRESHOLD


def protect_count(n: float | int) -> int | None:
    """The count as a protected view shows it: 0 → 0, 1–4 → None (shown as ``<5``),
    otherwise the nearest multiple of 5, halves up. A missing value is not a count: callers
    keep it missing (ValueError here, so that it is never shown as ``<5``)."""
    if is_missing(n):
        raise ValueError("geen aantal")
    if n <= 0:
        return 0
    if n < THRESHOLD:
        return None
    return int(math.floor(n / BASE + 0.5) * BASE)


def protect_derived(value: float | None, base: float | None, per: float | None = None) -> float | None:
    """A figure proportional to the protected count ``base`` (divided by the protected count
    ``per`` for a ratio of two counts), computed from the rounded counts.

    None when ``base`` (or ``per``) is 1–4: the figure would reveal it. A missing value stays
    missing (NaN); a missing base means the figure rests on no protected count (a row of
    another kind): it is returned as it is. A ratio over a rounded denominator of 0 is missing.
    """
    if is_missing(value):
        return float("nan")
    if is_missing(base):
        return float(value)
    rounded = protect_count(base)
    if rounded is None:
        return None
    shown = float(value) * rounded / base if base else float(value)
    if per is None:
        return shown
    if is_missing(per):
        return shown
    below = protect_count(per)
    if below is None:
        return None
    return shown * per / below if below else float("nan")


def count_text(
    n: float | int | None, protected: bool = True, formatter: Callable[[float], str] = fmt.number
) -> str:
    """A count as Dutch text: protected (``<5`` or a multiple of 5) or exact; missing → ``–``."""
    if is_missing(n):
        return MISSING
    if not protected:
        return formatter(n)
    shown = protect_count(n)
    return SUPPRESSED if shown is None else formatter(shown)


def derived_text(
    value: float | None,
    base: float | None,
    protected: bool = True,
    formatter: Callable[[float | None], str] = fmt.number,
    per: float | None = None,
) -> str:
    """A derived figure as text: from the rounded base (``<5`` when the base is 1–4) or exact."""
    if not protected:
        return formatter(value)
    shown = protect_derived(value, base, per)
    return SUPPRESSED if shown is None else formatter(shown)


# ------------------------------------------------------------------------------ frames
def small_mask(series: pd.Series) -> pd.Series:
    """True where the count is 1–4 (the cell a protected view shows as ``<5``)."""
    return series.map(is_small).astype(bool)


def protect_series(series: pd.Series) -> pd.Series:
    """Counts rounded to multiples of 5 as floats; suppressed (1–4) and missing → NaN.
    Use :func:`small_mask` on the exact series to tell the two apart."""
    return series.map(lambda v: float("nan") if is_missing(v) else _none_as_nan(protect_count(v))).astype(
        "float64"
    )


def derived_series(frame: pd.DataFrame, column: str, basis: Basis) -> pd.Series:
    """The derived column recomputed from the rounded ``basis`` count(s); suppressed → NaN."""
    base, per = (basis, None) if isinstance(basis, str) else basis
    pers = frame[per] if per is not None else [None] * len(frame)
    values = [
        _none_as_nan(protect_derived(v, b, p))
        for v, b, p in zip(frame[column], frame[base], pers, strict=True)
    ]
    return pd.Series(values, index=frame.index, dtype="float64")


def basis_mask(frame: pd.DataFrame, basis: Basis) -> pd.Series:
    """True where a figure derived from ``basis`` is suppressed (a base count of 1–4)."""
    base, per = (basis, None) if isinstance(basis, str) else basis
    mask = small_mask(frame[base])
    return mask | small_mask(frame[per]) if per is not None else mask


def protect_frame(
    frame: pd.DataFrame, counts: Iterable[str] = (), derived: Mapping[str, Basis] | None = None
) -> pd.DataFrame:
    """A copy of ``frame`` as a protected view may show it: the ``counts`` rounded (1–4 → NaN)
    and each ``derived`` column recomputed from its rounded base count(s) (suppressed → NaN).

    The derived columns are computed from the exact bases first, so a base may itself be one
    of the ``counts``. The exact frame is left as it is.
    """
    out = frame.copy()
    for column, basis in (derived or {}).items():
        out[column] = derived_series(frame, column, basis)
    for column in counts:
        out[column] = protect_series(frame[column])
    return out


def _none_as_nan(value: float | int | None) -> float:
    return float("nan") if value is None else float(value)
