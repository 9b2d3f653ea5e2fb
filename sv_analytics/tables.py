"""Typed tables: the values as numbers, dates and booleans, plus a spec per column.

A table builder returns a :class:`Table`: a frame of typed values (ints, floats, dates,
booleans, None) and one :class:`Column` per shown column that says its header, its kind
(which fixes its formatting), its indicator in the registry, its suppression rule and
whether it leaves the app. The screen formats from the spec (Dutch numbers and dates,
``<5``) with :meth:`Table.display`; the exports write real numbers and dates with
:meth:`Table.export` (``exports.py``). So the formatting, the suppression and the link to
the indicator's definition are decided once, beside the computation, not in the page.

Protection (:mod:`sv_analytics.privacy`): the frame holds the exact values; a protected
screen (``display(protected=True)``, the default) and every export show the protected counts
of the ``suppress`` columns (rounded to 5, 1–4 as ``<5``) and the ``suppress_by`` columns
computed from those rounded counts. Only an exact screen (``display(protected=False)``)
shows the frame as it is. The frame is never sent to the browser, so it may hold the exact
base counts of derived columns as columns that are not shown.

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
    row of the export's Toelichting. ``suppress``: a protected count (a protected view rounds
    it to a multiple of 5 and shows 1–4 as ``<5``); ``suppress_by``: the figure is derived
    linearly from *that* protected count column (a share, a rate, a per-month figure; it may be
    a column that is not shown): a protected view computes it from the rounded count and hides
    it (``<5``) when that count is 1–4; a row without a base count is not protected. ``per``:
    the protected count the figure is divided by, for a ratio of two protected counts (new ÷
    previously inactive): computed over the rounded denominator too. ``offset``: for a relative
    change in percent (100 × (a ÷ b − 1)), the amount that makes the figure proportional (100:
    the change + 100 is 100 × a ÷ b). ``missing``: what an empty cell
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
    per: str | None = None
    offset: float = 0.0
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

    @property
    def basis(self) -> privacy.Basis | None:
        """What protects this column's values (privacy.protect_frame's ``derived`` form)."""
        base = self.protected_by
        if base is None:
            return None
        return (base, self.per) if self.per else base


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
            for source in (column.suppress_by, column.per):
                if source and source not in self.frame.columns:
                    raise ValueError(f"kolom {column.key}: beschermd door onbekende kolom {source}")
            if column.per and not column.protected_by:
                raise ValueError(f"kolom {column.key}: 'per' zonder beschermd aantal")
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
        """True where a protected view hides the cell as ``<5`` (its base count is 1–4)."""
        basis = column.basis
        if basis is None:
            return pd.Series(False, index=self.frame.index)
        return privacy.basis_mask(self.frame, basis)

    def values(self, column: Column, protected: bool = True) -> pd.Series:
        """The column's values as a view shows them: exact, or protected (rounded counts,
        figures derived from them; suppressed cells NaN, see :meth:`suppressed_mask`)."""
        basis = column.basis
        if not protected or basis is None:
            return self.frame[column.key]
        if column.offset:
            shifted = self.frame.assign(**{column.key: self.frame[column.key] + column.offset})
            return privacy.derived_series(shifted, column.key, basis) - column.offset
        return privacy.derived_series(self.frame, column.key, basis)

    @property
    def protects(self) -> bool:
        """Whether a protected view of this table differs from the exact one (it has counts)."""
        return any(c.basis is not None for c in self.columns)

    def display(self, protected: bool = True) -> pd.DataFrame:
        """The table as shown on screen: Dutch headers and Dutch formatted text; protected
        (the default) or, for a viewer with exact counts, exact."""
        shown = {}
        for column in self.screen_columns:
            texts = pd.Series([display_value(v, column) for v in self.values(column, protected)],
                              index=self.frame.index, dtype=object)  # fmt: skip
            if protected:
                texts[self.suppressed_mask(column)] = privacy.SUPPRESSED
            shown[column.label] = texts
        return pd.DataFrame(shown, index=self.frame.index).reset_index(drop=True)

    def export(self) -> pd.DataFrame:
        """The exported columns with typed values (ints, floats, dates, booleans, None), always
        protected, whoever exports: rounded counts, derived figures from them, the text ``<5``
        in suppressed cells. Headers are the labels."""
        out = {}
        for column in self.exported_columns:
            values = pd.Series(
                [export_value(v, column) for v in self.values(column, protected=True)],
                index=self.frame.index,
                dtype=object,
            )  # fmt: skip  (map would make ints floats)
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


@dataclass(frozen=True)
class Figure:
    """One headline figure (an ``st.metric``): its registry code, its exact value and what
    protects it. A ``count`` is protected when its indicator is one of the registry's
    protected counts; a ``number`` or ``percent`` derived from a count names the exact ``base``
    count (and ``per``, the denominator count of a ratio of two counts) it was computed from."""

    code: str
    value: float | int | None
    kind: Kind = "count"
    decimals: int = 0
    base: float | None = None
    per: float | None = None

    def _format(self, value: float | None) -> str:
        if value is None or is_missing(value):
            return MISSING
        if self.kind == "percent":
            return fmt.percent(value, self.decimals)
        return fmt.number(value, self.decimals)

    def text(self, protected: bool = True) -> str:
        """The figure as the view shows it: protected (rounded, ``<5``) or exact."""
        if self.value is None or is_missing(self.value):
            return MISSING
        if protected and self.base is not None:
            return privacy.derived_text(self.value, self.base, formatter=self._format, per=self.per)
        if protected and self.kind == "count" and indicators.is_protected_count(self.code):
            return privacy.count_text(self.value)
        return self._format(self.value)


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
