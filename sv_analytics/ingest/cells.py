"""Turn one spreadsheet cell into a typed value, or a Dutch explanation of what is wrong.

Each converter returns ``(value, None)`` or ``(None, message)``; empty cells are handled by
the caller (required or not). Text that starts with ``= + - @`` is refused: spreadsheet
programs may run it as a formula when the data is exported again (CSV injection).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sv_analytics import fmt

Result = tuple[object, str | None]

INJECTION_PREFIXES = ("=", "+", "-", "@")
_MONTH_TEXT = re.compile(r"^\s*(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?\s*$")
_MONTH_TEXT_NL = re.compile(r"^\s*([a-z]{3})[a-z]*\.?\s+(\d{4})\s*$", re.IGNORECASE)
_QUARTER_TEXT = re.compile(
    r"^\s*(\d{4})\s*[-\s]?\s*[KQ]([1-4])\s*$|^\s*[KQ]([1-4])\s*[-\s]?\s*(\d{4})\s*$", re.I
)
_DAY_TEXT_NL = re.compile(r"^\s*(\d{1,2})[-/](\d{1,2})[-/](\d{4})\s*$")


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def text(value: object) -> Result:
    if isinstance(value, bool):
        return None, "verwacht tekst, gevonden: een ja/nee-waarde"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    if result.startswith(INJECTION_PREFIXES):
        return None, (
            f"tekst mag niet beginnen met '{result[0]}' (wordt in Excel als formule gelezen); "
            "zet er een ander teken voor of laat het weg"
        )
    if len(result) > 2000:
        return None, "tekst is langer dan 2000 tekens"
    return result, None


def identifier(value: object) -> Result:
    result, error = text(value)
    if error:
        return None, error
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,60}", result):
        return None, "een id mag alleen letters, cijfers, '-', '_' en '.' bevatten (geen spaties)"
    return result, None


def integer(value: object) -> Result:
    if isinstance(value, bool):
        return None, "verwacht een geheel getal, gevonden: een ja/nee-waarde"
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if value.is_integer():
            return int(value), None
        return None, "verwacht een geheel getal, gevonden: een getal met decimalen"
    if isinstance(value, str):
        stripped = value.strip()
        if re.fullmatch(r"-?\d+", stripped):
            return int(stripped), None
        if re.fullmatch(r"-?\d+,\d+", stripped):
            return None, "verwacht een geheel getal, gevonden: tekst met een decimale komma"
        return None, "verwacht een geheel getal, gevonden: tekst"
    if isinstance(value, (date, datetime)):
        return None, "verwacht een geheel getal, gevonden: een datum"
    return None, "verwacht een geheel getal"


def decimal(value: object) -> Result:
    if isinstance(value, bool):
        return None, "verwacht een getal, gevonden: een ja/nee-waarde"
    if isinstance(value, (int, float)):
        return float(value), None
    if isinstance(value, str):
        stripped = value.strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", stripped):
            return float(stripped), None
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+,\d+", stripped):
            return None, "getal staat als tekst met een decimale komma; typ het als getal in de cel"
        return None, "verwacht een getal, gevonden: tekst"
    return None, "verwacht een getal"


def day(value: object) -> Result:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        stripped = value.strip()
        if (m := _MONTH_TEXT.match(stripped)) and m.group(3):
            return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DAY_TEXT_NL.match(stripped):
            return _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return None, "verwacht een datum (bijv. 12-3-2018), gevonden: tekst"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, "verwacht een datum, gevonden: een getal (maak de cel een datumcel)"
    return None, "verwacht een datum"


def _make_date(year: int, month: int, day_: int) -> Result:
    try:
        return date(year, month, day_), None
    except ValueError:
        return None, "geen bestaande datum"


def month(value: object) -> Result:
    """A month: a date (any day; stored as the first), ``2018-03`` or ``mrt 2018``."""
    if isinstance(value, str):
        stripped = value.strip().lower()
        if m := _MONTH_TEXT.match(stripped):
            return _make_date(int(m.group(1)), int(m.group(2)), 1)
        if m := _MONTH_TEXT_NL.match(stripped):
            months = {name: i for i, name in enumerate(fmt.MONTHS_SHORT, start=1)} | {"maa": 3, "okt": 10}
            if m.group(1) in months:
                return date(int(m.group(2)), months[m.group(1)], 1), None
        parsed, error = day(value)
        if error:
            return None, "verwacht een maand (bijv. 1-3-2018 of 2018-03)"
        return parsed.replace(day=1), None
    parsed, error = day(value)
    if error:
        return None, error.replace("een datum", "een maand")
    return parsed.replace(day=1), None


def quarter(value: object) -> Result:
    """A quarter: ``2017-K1`` / ``2017 Q1`` / ``K1 2017``, or the date its first day."""
    if isinstance(value, str) and (m := _QUARTER_TEXT.match(value)):
        year = int(m.group(1) or m.group(4))
        number = int(m.group(2) or m.group(3))
        return date(year, 3 * number - 2, 1), None
    parsed, error = day(value)
    if error:
        return None, "verwacht een kwartaal (bijv. 2017-K1)"
    if parsed.day != 1 or parsed.month not in (1, 4, 7, 10):
        return None, "een kwartaal als datum moet de eerste dag van het kwartaal zijn (1-1, 1-4, 1-7, 1-10)"
    return parsed, None


def year(value: object) -> Result:
    number, error = integer(value)
    if error:
        return None, "verwacht een jaartal, bijv. 2017"
    return number, None


def yes_no(value: object) -> Result:
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value), None
    if isinstance(value, str) and value.strip().lower() in ("ja", "j", "yes", "x", "waar", "true"):
        return True, None
    if isinstance(value, str) and value.strip().lower() in ("nee", "n", "no", "onwaar", "false"):
        return False, None
    return None, "verwacht ja of nee"


def code(value: object, options: dict[str, str]) -> Result:
    """A code of a closed list: the Dutch label from the drop-down, or the code itself."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    wanted = str(value).strip().lower()
    for option_code, label in options.items():
        if wanted in (option_code.lower(), label.lower()):
            return option_code, None
    shown = ", ".join(options.values())
    return None, f"onbekende waarde; kies uit de lijst: {shown}"


def refs(value: object) -> Result:
    """One or more ids, separated by ``;`` or ``,``."""
    parts = [p.strip() for p in re.split(r"[;,]", str(value)) if p.strip()]
    for part in parts:
        _, error = identifier(part)
        if error:
            return None, error
    if not parts:
        return None, "geef ten minste één id"
    return parts, None


_LINK = re.compile(r"https?://[^\s;<>\"']{3,500}", re.IGNORECASE)


def links(value: object) -> Result:
    """Web addresses separated by ``;`` (or new lines), stored as one text 'a; b'."""
    parts = [p.strip() for p in re.split(r"[;\n]", str(value)) if p.strip()]
    for part in parts:
        if not _LINK.fullmatch(part):
            return None, f"'{part[:60]}' is geen webadres; begin met https:// (meerdere gescheiden door ;)"
    if len(parts) > 20:
        return None, "hoogstens 20 webadressen"
    return "; ".join(parts), None
