"""Dutch number and date formatting (``1.234,5``; ``12 mrt 2018``; ``mrt 2018``).

Done by hand rather than through the ``locale`` module: the nl_NL locale is often not
installed on servers, and the app must look the same everywhere.
"""

from __future__ import annotations

import math
import re
from datetime import date

MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


#: The minus sign of every number on screen: U+2212, as the charts print it (Vega formats with
#: d3-format, whose default locale has ``minus: "\u2212"``), so that a table's "−27,6" and an
#: axis's "−8,0" look the same. Exports keep typed numbers (CSV: ASCII "-", which Excel reads).
MINUS = "\u2212"
PLUS = "+"


def number(value: float | int | None, decimals: int = 0, missing: str = "–") -> str:
    """``1234.5`` → ``'1.234,5'`` (with ``decimals=1``), ``-8`` → ``'−8'`` (:data:`MINUS`); a value
    that rounds to zero has no sign (``-0.04`` → ``'0,0'``); None or NaN → ``missing``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return MINUS + text if value < 0 and _nonzero(text) else text


def _nonzero(text: str) -> bool:
    return any(c not in "0,." for c in text)


def signed(value: float | int | None, decimals: int = 0, missing: str = "–") -> str:
    """A change or difference with its sign: ``8`` → ``'+8,0'`` (``decimals=1``), ``-8`` →
    ``'−8,0'``, a value that rounds to zero → ``'0,0'``; None or NaN → ``missing``."""
    shown = number(value, decimals, missing)
    if shown == missing or shown.startswith(MINUS) or not _nonzero(shown):
        return shown
    return PLUS + shown


def percent(value: float | None, decimals: int = 1, missing: str = "–") -> str:
    """``41.25`` → ``'41,3%'`` (value already in percent), ``-2.5`` → ``'−2,5%'``."""
    shown = number(value, decimals, missing)
    return shown if shown == missing else f"{shown}%"


def signed_percent(value: float | None, decimals: int = 1, missing: str = "–") -> str:
    """``12`` → ``'+12,0%'``, ``-3`` → ``'−3,0%'`` (a change in percent, :func:`signed`)."""
    shown = signed(value, decimals, missing)
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


# plain text inside st.markdown -------------------------------------------------------

#: Every ASCII punctuation character. CommonMark makes each of them literal after a backslash,
#: and no other character starts Markdown syntax (nor Streamlit's ``:directives[…]``,
#: ``:emoji:`` codes and ``$math$``), so escaping all of them leaves nothing to interpret.
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: U+2060 WORD JOINER: invisible, yet it breaks the three patterns from which GitHub-flavoured
#: Markdown turns plain text into a link (``://``, ``www.``, ``@``). Backslashes do not stop
#: that: Streamlit's renderer looks for web and mail addresses after unescaping the text
#: (checked in chromium: tests/e2e/test_hardening_browser.py).
WORD_JOINER = "\u2060"
_AUTOLINK_POINT = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")


def break_autolinks(text: str) -> str:
    """``text`` with a word joiner where Markdown would start an automatic link."""
    return _AUTOLINK_POINT.sub(WORD_JOINER, text)


def escape_punctuation(text: str) -> str:
    """Every ASCII punctuation character backslash-escaped: literal for CommonMark."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", text)


def one_line(text: str) -> str:
    """All whitespace (new lines too) as single spaces: for titles and the query."""
    return " ".join(text.split())


def plain_lines(text: str) -> str:
    """Lines without leading and trailing blanks (indentation would start a code block)."""
    return "\n".join(line.strip() for line in text.splitlines())


def escape_markdown(text: str) -> str:
    """Markdown that st.markdown shows as exactly ``text``, on one line: nothing in it is
    interpreted (headings, lists, tables, links, images, HTML, emphasis, LaTeX, emoji codes,
    Streamlit's colour and icon directives, automatic links)."""
    return escape_punctuation(break_autolinks(one_line(text)))
