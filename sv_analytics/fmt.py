"""Dutch number and date formatting (``1.234,5``; ``12 mrt 2018``; ``mrt 2018``).

Done by hand rather than through the ``locale`` module: the nl_NL locale is often not
installed on servers, and the app must look the same everywhere.
"""

from __future__ import annotations

import math
from datetime import date

MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def number(value: float | int | None, decimals: int = 0, missing: str = "–") -> str:
    """``1234.5`` → ``'1.234,5'`` (with ``decimals=1``); None or NaN → ``missing``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, decimals: int = 1, missing: str = "–") -> str:
    """``41.25`` → ``'41,3%'`` (value already in percent)."""
    shown = number(value, decimals, missing)
    return shown if shown == missing else f"{shown}%"


def day(value: date | None, missing: str = "–") -> str:
    """``date(2018, 3, 12)`` → ``'12 mrt 2018'``."""
    if value is None:
        return missing
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def month(value: date | None, missing: str = "–") -> str:
    """``date(2018, 3, 1)`` → ``'mrt 2018'``."""
    if value is None:
        return missing
    return f"{MONTHS_SHORT[value.month - 1]} {value.year}"


def period(start: date, end: date) -> str:
    """A month range as shown in headings: ``'jan 2017 – dec 2018'``."""
    return f"{month(start)} – {month(end)}"
