"""Pieces every importer shares: file identity, provenance rows, the import summary."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from sv_analytics import db, fmt
from sv_analytics.errors import Problem, ValidationError
from sv_analytics.ingest import limits

#: Largest file any importer accepts (a monitoring workbook or a public data file); the one
#: limit for the browser and the command line lives in limits.py.
MAX_FILE_BYTES = limits.MAX_FILE_BYTES
#: Who an import names when no person is given (see db.CLI_USER).
CLI_USER = db.CLI_USER


@dataclass
class ImportSummary:
    """What an import wrote (or, for a preview, would write)."""

    dataset_id: str
    file_name: str
    file_hash: str
    kind: str
    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    kern_id: str | None = None
    unchanged: bool = False  # the same file was imported before; nothing changed
    revision_id: int | None = None  # the revision a monitoring import was stored as
    user: str = CLI_USER  # who imported: the app's viewer label, "cli" otherwise

    def as_dict(self) -> dict:
        return {
            "dataset_id": self.dataset_id,
            "file": self.file_name,
            "sha256": self.file_hash,
            "kind": self.kind,
            "kern_id": self.kern_id,
            "rows": self.rows,
            "warnings": self.warnings,
            "unchanged": self.unchanged,
        }


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_file_checked(path: Path, display_name: str | None = None) -> bytes:
    """The file's bytes, or a ValidationError naming the file when it cannot be used."""
    name = display_name or path.name
    if not path.is_file():
        raise ValidationError([Problem(name, "Het bestand bestaat niet.")])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = limits.MAX_FILE_TEXT if MAX_FILE_BYTES == limits.MAX_FILE_BYTES else _mb(MAX_FILE_BYTES)
        message = f"Het bestand is te groot ({_mb(size)}); de grens is {limit}."
        raise ValidationError([Problem(name, message)])
    if size == 0:
        raise ValidationError([Problem(name, "Het bestand is leeg.")])
    return path.read_bytes()


def _mb(size: int) -> str:
    return f"{fmt.number(size / limits.MIB, 1)} MB"


def decode_text(data: bytes, name: str) -> str:
    """Text of a CSV-like file: UTF-8 (with or without BOM), else Windows-1252/Latin-1."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError([Problem(name, "De tekstcodering van het bestand is onbekend.")])


def insert_dataset(
    conn: duckdb.DuckDBPyConnection,
    *,
    dataset_id: str,
    kind: str,
    source: str,
    year: int | None,
    file_name: str | None,
    file_hash: str | None,
    is_demo: bool = False,
    note: str | None = None,
) -> None:
    """One provenance row; call inside the import's transaction."""
    conn.execute(
        "INSERT INTO dataset VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [dataset_id, kind, source, year, file_name, file_hash, datetime.now(), is_demo, note],
    )


def dataset_exists(conn: duckdb.DuckDBPyConnection, dataset_id: str) -> bool:
    return bool(conn.execute("SELECT count(*) FROM dataset WHERE dataset_id = ?", [dataset_id]).fetchone()[0])


def log(
    conn: duckdb.DuckDBPyConnection,
    summary: ImportSummary,
    message: str,
    *,
    rows: dict[str, int] | None = None,
) -> None:
    """The import_log row of an import. An unchanged one records no dataset and no rows;
    ``rows``: what was written, when that differs from the summary's counts."""
    unchanged = summary.unchanged
    db.log_import(
        conn,
        action="import",
        status="unchanged" if unchanged else "ok",
        dataset_id=None if unchanged else summary.dataset_id,
        file_name=summary.file_name,
        file_hash=summary.file_hash,
        kern_id=summary.kern_id,
        rows={} if unchanged else (summary.rows if rows is None else rows),
        message=message,
        user=summary.user,
    )


def finish(
    conn: duckdb.DuckDBPyConnection,
    summary: ImportSummary,
    message: str,
    *,
    rows: dict[str, int] | None = None,
) -> None:
    """Log the import and raise the data version; call inside the import's transaction."""
    log(conn, summary, message, rows=rows)
    db.bump_data_version(conn)


#: Characters a spreadsheet may read as the start of a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_file_name(name: str) -> str:
    """A file name as it may be stored and shown: no folders, no control characters, and
    no leading character that a spreadsheet runs as a formula when the log is exported."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()[:200]
    while name.startswith(FORMULA_STARTS):
        name = name[1:].lstrip()
    return name or "bestand"
