"""Typed tables: the values as numbers, dates and booleans, plus a spec per column.

A table builder returns a :class:`Table`: a frame of typed values (ints, floats, dates,
booleans, None) and one :class:`Column` per shown column that says its header, its kind
(which fixes its formatting), its indicator in the registry, its suppression rule and
whether it leaves the app. The screen formats from the spec (Dutch numbers and dates,
``<5``) with :meth:`Table.display`; the exports write real numbers and dates with
:meth:`Table.export` (``exports.py``). So the formatting, the suppression and the link to
the indicator's definition are decided once, beside the computation, not in the page.

No Streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

import pandas as pd

from sv_analytics import fmt, indicators, privacy, timeline

Kind = Literal["text", "count", "number", "percent", "year", "date", "month", "datetime", "bool", "link"]
NUMERIC_KINDS = frozenset({"count", "number", "percent", "year"})
DATE_KINDS = frozenset({"date", "month", "datetime"})
MISSING = "–"
YES, NO = "ja", "nee"


@dataclass(frozen=True)
class Column:
    """One column of a typed table.

    ``key``: the frame's column. ``label``: the header as shown (already Dutch text).
    ``kind``: how values are formatted and exported: ``count`` (whole numbers), ``number``
    (``decimals`` places), ``percent`` (the value is in percent, 16.3 → ``16,3%``), ``date``,
    ``month``, ``datetime``, ``bool`` (ja/nee), ``text`` or ``link`` (an in-app address, never
    exported). ``indicator``: registry code; its definition becomes the header's tooltip and a
    row of the export's Toelichting. ``suppress``: small counts (1–4) show as ``<5``;
    ``suppress_by``: the cell is hidden (``<5``) when *that* column's value is small, for
    figures derived from a protected count (a share, a rate). ``missing``: what an empty cell
    shows. ``link_text``: the shown text of a link column. ``export``: False for columns
    that only make sense on screen; ``screen``: False for columns only the export has (the two
    bounds of an interval the screen shows as one text). ``formatter``: the screen text of a
    value where the kind's formatting does not say enough (a p-value below 0,001 as
    ``<0,001``, a signed change ``+12%``); the export keeps the typed value.
    """

    key: str
    label: str
    kind: Kind = "text"
    decimals: int = 0
    indicator: str | None = None
    suppress: bool = False
    suppress_by: str | None = None
    missing: str = MISSING
    link_text: str | None = None
    export: bool = True
    help: str | None = None
    screen: bool = True
    formatter: Callable[[object], str] | None = None

    @property
    def protected_by(self) -> str | None:
        """The column whose small values hide this column's cells, if any."""
        return self.suppress_by or (self.key if self.suppress else None)


@dataclass(frozen=True)
class Table:
    """Typed values plus their column specs; ``notes`` are lines for the export's Toelichting
    (sources and years of figures that are not registry indicators, caveats of this table);
    ``indicators`` are registry codes the table shows per *row* rather than per column (a
    table of health figures, one indicator a row): their definitions go to the Toelichting too."""

    frame: pd.DataFrame
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = field(default=())
    indicators: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        missing = [c.key for c in self.columns if c.key not in self.frame.columns]
        if missing:
            raise ValueError(f"kolommen ontbreken in de tabel: {', '.join(missing)}")
        for column in self.columns:
            if column.suppress_by and column.suppress_by not in self.frame.columns:
                raise ValueError(f"kolom {column.key}: onderdrukt door onbekende kolom {column.suppress_by}")
        for code in self.indicator_codes:
            indicators.get(code)  # an unknown code fails here, where the table is built

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*(c.indicator for c in self.columns if c.indicator), *self.indicators]))

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def suppressed_mask(self, column: Column) -> pd.Series:
        """True where the cell is hidden as ``<5``."""
        source = column.protected_by
        if source is None:
            return pd.Series(False, index=self.frame.index)
        return self.frame[source].map(privacy.is_small).astype(bool)

    def display(self) -> pd.DataFrame:
        """The table as shown on screen: Dutch headers and Dutch formatted text."""
        shown = {}
        for column in self.screen_columns:
            texts = pd.Series([display_value(v, column) for v in self.frame[column.key]], index=self.frame.index,
                              dtype=object)  # fmt: skip
            texts[self.suppressed_mask(column)] = privacy.SUPPRESSED
            shown[column.label] = texts
        return pd.DataFrame(shown, index=self.frame.index).reset_index(drop=True)

    def export(self) -> pd.DataFrame:
        """The exported columns with typed values (ints, floats, dates, booleans, None);
        suppressed cells hold the text ``<5``. Headers are the labels."""
        out = {}
        for column in self.exported_columns:
            values = pd.Series([export_value(v, column) for v in self.frame[column.key]], index=self.frame.index,
                               dtype=object)  # fmt: skip  (map would infer float64 and turn ints into floats)
            values[self.suppressed_mask(column)] = privacy.SUPPRESSED
            out[column.label] = values
        return pd.DataFrame(out, index=self.frame.index).reset_index(drop=True)

    @property
    def screen_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.screen)

    @property
    def exported_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.export and c.kind != "link")

    def with_notes(self, *notes: str) -> Table:
        return replace(self, notes=(*self.notes, *notes))


def is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, Sequence)) else False
    except (TypeError, ValueError):
        return False


def display_value(value: object, column: Column) -> str:
    """One cell as Dutch text for the screen."""
    if column.kind == "link":
        return "" if is_missing(value) else str(value)
    if is_missing(value):
        return column.missing
    if column.formatter is not None:
        return column.formatter(value)
    if column.kind == "count":
        return fmt.number(value)
    if column.kind == "year":
        return str(int(value))
    if column.kind == "number":
        return fmt.number(value, column.decimals)
    if column.kind == "percent":
        return fmt.percent(value, column.decimals)
    if column.kind == "date":
        return fmt.day(timeline.as_date(value))
    if column.kind == "month":
        return fmt.month(timeline.as_date(value))
    if column.kind == "datetime":
        moment = pd.Timestamp(value)
        return f"{fmt.day(moment.date())} {moment:%H:%M}"
    if column.kind == "bool":
        return YES if bool(value) else NO
    return str(value)


def export_value(value: object, column: Column) -> object:
    """One cell as a typed value for CSV and XLSX: None, int, float, date, datetime, bool, str."""
    if is_missing(value):
        return None
    if column.kind in ("count", "year"):
        return round(float(value))
    if column.kind in ("number", "percent"):
        return float(value)  # full precision: Excel's number format shows the decimals
    if column.kind in ("date", "month"):
        return timeline.as_date(value)
    if column.kind == "datetime":
        return pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
    if column.kind == "bool":
        return bool(value)
    if isinstance(value, (date, datetime)):
        return value
    return str(value)


def table(
    frame: pd.DataFrame, columns: Iterable[Column], notes: Iterable[str] = (), indicators: Iterable[str] = ()
) -> Table:
    """Shorthand: ``Table(frame, tuple(columns), tuple(notes), tuple(indicators))``, index reset."""
    return Table(frame.reset_index(drop=True), tuple(columns), tuple(notes), tuple(dict.fromkeys(indicators)))
