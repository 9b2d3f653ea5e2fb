"""Dutch number and date formatting (``1.234,5``; ``12 mrt 2018``; ``mrt 2018``).

Done by hand rather than through the ``locale`` module: the nl_NL locale is often not
installed on servers, and the app must look the same everywhere.
"""

from __future__ import annotations

import math
import re
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
