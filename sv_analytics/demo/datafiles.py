"""The demo's fixed content, read from data/demo_*.csv into typed rows.

Why CSV files: activity templates, evaluation factors, kennisplein items and health
baselines are data (named rows, mostly Dutch text or numbers), easier to read and change
as a table than as Python calls. One reader serves them all: each column is converted by
the type of the row class's field of the same name, and a coded column is checked against
its closed list, so a wrong value fails when the file is loaded, naming the file and row.
"""

from __future__ import annotations

import csv
import dataclasses
import types
import typing
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sv_analytics import config

Row = TypeVar("Row")


def data_file(name: str) -> Path:
    return config.DATA_DIR / name


def coded(known: Iterable[str]) -> Any:
    """A field whose value (or each value of a ``;``-list) must be one of ``known``."""
    return dataclasses.field(metadata={"codes": frozenset(known)})


def from_columns(*names: str) -> Any:
    """A tuple field read from several columns, in this order (rather than one ``;``-list)."""
    return dataclasses.field(metadata={"columns": names})


def read_rows(path: Path, row_type: type[Row]) -> list[Row]:
    """Every row of ``path`` as a ``row_type`` (a dataclass), in file order."""
    return [row for _key, row in _read(path, row_type, keyed=False)]


def read_keyed(path: Path, row_type: type[Row]) -> dict[str, Row]:
    """The rows of ``path`` by its ``key`` column (not a field of ``row_type``), in file order."""
    rows: dict[str, Row] = {}
    for key, row in _read(path, row_type, keyed=True):
        if key in rows:
            raise ValueError(f"{path.name}: sleutel {key!r} staat er twee keer in")
        rows[key] = row
    return rows


def _read(path: Path, row_type: type, *, keyed: bool) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(row_type)
    rows = []
    with path.open(encoding="utf-8", newline="") as file:
        for number, row in enumerate(csv.DictReader(file), start=2):
            where = f"{path.name}, rij {number}"
            values = {
                spec.name: _field(row, spec, hints[spec.name], where) for spec in dataclasses.fields(row_type)
            }
            rows.append((_text(row, "key", where) if keyed else "", row_type(**values)))
    return rows


def _text(row: dict[str, str], column: str, where: str) -> str:
    text = row.get(column)
    if text is None:
        raise ValueError(f"{where}: kolom {column} ontbreekt")
    return text


def _field(row: dict[str, str], spec: dataclasses.Field, hint: Any, where: str) -> Any:
    columns = spec.metadata.get("columns")
    if columns:
        (item,) = _items(hint)
        return tuple(_value(_text(row, name, where), item, name, where) for name in columns)
    text = _text(row, spec.name, where)
    known = spec.metadata.get("codes")
    if typing.get_origin(hint) is tuple:
        (item,) = _items(hint)
        codes = tuple(code for code in text.split(";") if code)
        unknown = [code for code in codes if known is not None and code not in known]
        if unknown:
            raise ValueError(f"{where}: onbekende code(s) {', '.join(unknown)}")
        return tuple(_value(code, item, spec.name, where) for code in codes)
    if known is not None and text not in known and not (text == "" and _optional(hint)):
        raise ValueError(f"{where}: onbekende code {text!r}")
    return _value(text, hint, spec.name, where)


def _items(hint: Any) -> tuple[Any]:
    """The item type of ``tuple[X, ...]``."""
    return tuple(arg for arg in typing.get_args(hint) if arg is not Ellipsis)


def _optional(hint: Any) -> Any:
    """The inner type of ``X | None``, or None when ``hint`` is not optional."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return inner
    return None


def _value(text: str, hint: Any, column: str, where: str) -> Any:
    inner = _optional(hint)
    if inner is not None:
        return None if text == "" else _value(text, inner, column, where)
    if hint is bool:
        if text not in ("ja", "nee"):
            raise ValueError(f"{where}: {column} moet ja of nee zijn, niet {text!r}")
        return text == "ja"
    if hint is str:
        return text
    parse = date.fromisoformat if hint is date else hint
    try:
        return parse(text)
    except ValueError:
        raise ValueError(f"{where}: {column} is geen {hint.__name__}: {text!r}") from None
