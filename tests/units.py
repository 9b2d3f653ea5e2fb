"""Every number a page shows carries its unit: a walker over an AppTest run (issue 13).

``assert_units(at)`` walks the run's elements in page order (main and sidebar) and fails with
one line per element that shows a number without its unit, naming the element and the heading
(or expander) it stands under:

- **metrics**: the label or the value carries a unit. A whole number (``10.090``, ``<5``,
  ``6 van 8``) may be plain — its label names what is counted — unless the metric's help (the
  registry's ``*Eenheid:*``) says it is a rate or a share (a unit with ``%`` or ``per``).
- **tables** (``st.dataframe`` / ``st.table``): a column whose cells hold non-integer numbers
  (``48,4``, ``0,0 – 1,2``; typed tables reach the screen as Dutch text) has a unit in its
  header or in the cell text (``16,8%``). Whole-number columns are counts and years; a p-value
  (header ``p`` or ``p-waarde``) is dimensionless.
- **vega-lite charts**: every quantitative encoding (x, y, color, size, theta, …, also inside
  layer / concat / facet / repeat) with a title has a unit in the title or a ``%`` format; a
  quantitative legend (color, size, …) without a title is reported too — a gradient with no
  name has no unit either.

The unit words are the registry's units (``indicators.REGISTRY[*].unit``, their core without a
parenthesised remark, split at ``;``) plus ``%``, matched as whole words, case-insensitive;
units that name a kind of value rather than a quantity ("groep", "categorie", "datum", "maand")
are left out, so "Doelgroep" or "Maand" never pass as a unit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache

import pandas as pd

from sv_analytics import indicators

#: Registry units that describe a kind of value, not a quantity: never a unit of a number.
NOT_QUANTITIES = frozenset({"groep", "categorie", "datum", "maand"})
#: Encoding channels that draw an axis or a legend (tooltip, order, detail, text draw neither).
#: Headers of dimensionless statistics: a p-value is a probability, its header names it.
DIMENSIONLESS = frozenset({"p", "p-waarde"})
AXIS_CHANNELS = ("x", "y", "theta", "radius")
LEGEND_CHANNELS = ("color", "fill", "stroke", "size", "opacity", "fillOpacity", "strokeWidth", "shape")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER_RE = re.compile(_NUMBER)
# What may surround numbers in a cell that is "just numbers": signs, ranges, <5, brackets.
_NUMERIC_CELL = re.compile(rf"^[\s+\-−–±<>≤≥~()/]*(?:(?:{_NUMBER})[\s+\-−–±<>≤≥~()/]*)+$")
_HELP_UNIT = re.compile(r"\*Eenheid:\*\s*(.+?)\s*(?:·|$)", re.MULTILINE)


@cache
def unit_words() -> tuple[str, ...]:
    """The unit phrases from the registry plus ``%``, longest first."""
    words = {"%"}
    for indicator in indicators.REGISTRY.values():
        for part in indicator.unit.split(";"):
            core = re.sub(r"\([^)]*\)", "", part).strip().lower()
            if core and core not in NOT_QUANTITIES:
                words.add(core)
    return tuple(sorted(words, key=len, reverse=True))


def has_unit(text: object) -> bool:
    """Whether ``text`` names a unit (``%`` anywhere, other units as whole words)."""
    if not isinstance(text, str) or not text.strip():
        return False
    lowered = " ".join(text.lower().split())
    for word in unit_words():
        if word == "%":
            if "%" in lowered:
                return True
        elif re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", lowered):
            return True
    return False


def is_numeric_text(text: str) -> bool:
    """A cell or value that is numbers only (``1.234``, ``48,4``, ``<5``, ``0,2 – 1,4``)."""
    return bool(_NUMERIC_CELL.match(text.strip()))


def is_fraction_text(text: str) -> bool:
    """Numbers-only text with a decimal comma (``48,4``): a figure that is not a count."""
    return is_numeric_text(text) and any("," in n for n in _NUMBER_RE.findall(text))


# ---------------------------------------------------------------- walking the page


def _elements(at) -> Iterator[tuple[str, object]]:
    """(context, element) in page order: context is the last heading or the enclosing expander."""

    def walk(node: object, context: str) -> Iterator[tuple[str, object]]:
        kind = getattr(node, "type", None)
        if kind in ("title", "header", "subheader"):
            yield node.value, node  # the heading becomes the context of what follows
            return
        if kind in ("expander", "tab"):
            context = getattr(node, "label", context) or context
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            current = context
            for key in sorted(children):
                for new_context, child in walk(children[key], current):
                    if getattr(child, "type", None) in ("title", "header", "subheader"):
                        current = new_context
                    else:
                        yield new_context, child
            return
        yield context, node

    for root, name in ((at.main, ""), (at.sidebar, "zijbalk")):
        for context, element in walk(root, name):
            if getattr(element, "type", None) not in ("title", "header", "subheader"):
                yield context, element


def _where(context: str) -> str:
    return f" (onder {context!r})" if context else ""


# ---------------------------------------------------------------- metrics


def metric_problem(label: str, value: str, help_text: str = "") -> str | None:
    """Why a metric lacks its unit, or None."""
    if has_unit(label) or has_unit(value) or not is_numeric_text(value or ""):
        return None
    declared = _HELP_UNIT.search(help_text or "")
    rate = declared is not None and ("%" in declared.group(1) or "per " in declared.group(1))
    if is_fraction_text(value) or rate:
        return f"metric {label!r} = {value!r} zonder eenheid in label of waarde"
    return None


# ---------------------------------------------------------------- tables


def _cell_texts(series: pd.Series) -> list[str]:
    """The cells as the screen shows them; raw floats as text with a decimal comma."""
    texts = []
    for value in series.dropna():
        if isinstance(value, bool):
            continue
        if isinstance(value, float):
            texts.append(str(int(value)) if value.is_integer() else f"{value}".replace(".", ","))
        elif isinstance(value, int):
            texts.append(str(value))
        else:
            texts.append(str(value))
    return texts


def column_problem(header: str, series: pd.Series) -> str | None:
    """Why a table column shows numbers without a unit (header and cells), or None."""
    if has_unit(str(header)) or str(header).strip().lower() in DIMENSIONLESS:
        return None
    bare = [text for text in _cell_texts(series) if is_fraction_text(text) and not has_unit(text)]
    if bare:
        return f"kolom {str(header)!r} toont {bare[0]!r} zonder eenheid in kop of cel"
    return None


def table_problems(frame: pd.DataFrame) -> list[str]:
    return [p for column in frame.columns if (p := column_problem(column, frame[column]))]


# ---------------------------------------------------------------- charts


def _title_text(title: object) -> str:
    if isinstance(title, list):
        return " ".join(str(t) for t in title)
    if isinstance(title, dict):  # {"text": ...}
        return _title_text(title.get("text"))
    return "" if title is None else str(title)


def _encodings(spec: object, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every ``encoding`` in a spec with where it sits (layer / concat / facet / repeat)."""
    if isinstance(spec, dict):
        encoding = spec.get("encoding")
        if isinstance(encoding, dict):
            yield path, encoding
        for key, value in spec.items():
            if key in ("encoding", "data", "datasets", "config", "usermeta"):
                continue
            yield from _encodings(value, f"{path}.{key}" if path else key)
    elif isinstance(spec, list):
        for i, value in enumerate(spec):
            yield from _encodings(value, f"{path}[{i}]")


def _percent_format(definition: dict, guide: str) -> bool:
    options = definition.get(guide) or {}
    if not isinstance(options, dict):
        return False
    return "%" in str(options.get("format", "")) or "%" in str(options.get("labelExpr", ""))


def encoding_problem(channel: str, definition: object) -> str | None:
    """Why one quantitative channel's axis or legend shows no unit, or None."""
    if not isinstance(definition, dict) or definition.get("type") != "quantitative":
        return None
    guide = "axis" if channel in AXIS_CHANNELS else "legend"
    if channel not in AXIS_CHANNELS + LEGEND_CHANNELS or (guide in definition and definition[guide] is None):
        return None
    title = _title_text(definition.get("title"))
    if not title.strip():
        # A titled axis must carry its unit; a quantitative legend with no title has no unit at all.
        if guide == "legend" and "title" in definition:
            return f"{channel}: legenda zonder titel (dus zonder eenheid)"
        return None
    if has_unit(title) or _percent_format(definition, guide):
        return None
    return f"{channel}-titel {title!r} zonder eenheid"


def chart_problems(spec: dict) -> list[str]:
    problems = []
    for path, encoding in _encodings(spec):
        for channel, definition in encoding.items():
            if problem := encoding_problem(channel, definition):
                problems.append(f"{problem}{f' [{path}]' if path else ''}")
    return problems


# ---------------------------------------------------------------- the check


def unit_problems(at) -> list[str]:
    """One line per element of the run that shows a number without its unit."""
    problems: list[str] = []
    for context, element in _elements(at):
        kind = getattr(element, "type", None)
        where = _where(context)
        if kind == "metric":
            if problem := metric_problem(element.label, element.value, element.proto.help):
                problems.append(problem + where)
        elif kind in ("dataframe", "table"):
            frame = element.value
            for problem in table_problems(frame):
                problems.append(f"tabel [{', '.join(map(str, frame.columns[:3]))}, …]: {problem}{where}")
        elif kind == "vega_lite_chart":
            spec = json.loads(element.proto.spec)
            title = _title_text(spec.get("title")) or "zonder titel"
            for problem in chart_problems(spec):
                problems.append(f"grafiek {title!r}: {problem}{where}")
    return problems


def assert_units(at) -> None:
    """Fail, naming each element and its title, when the run shows a number without its unit."""
    problems = unit_problems(at)
    assert not problems, "getallen zonder eenheid:\n  " + "\n  ".join(problems)
