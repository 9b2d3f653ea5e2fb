"""Writing the demo into a database: the registry and the demo rows as two datasets, in one
transaction, into a file that is renamed into place only when complete."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from sv_analytics import db, registry
from sv_analytics.demo import generator
from sv_analytics.demo.common import DEFAULT_SEED, DEMO_SOURCE, demo_dataset_id
from sv_analytics.errors import DatabaseError
from sv_analytics.ingest.public import import_reference_dir

GENERATOR_VERSION = 1


@dataclass
class DemoBuild:
    """What a demo build wrote: rows per table, and the real files imported beside it."""

    rows: dict[str, int]
    reference: list = field(default_factory=list)  # ImportSummary per real file
    skipped: list[str] = field(default_factory=list)


def build_demo(
    conn: duckdb.DuckDBPyConnection, seed: int = DEFAULT_SEED, *, real_context: bool = False
) -> dict[str, int]:
    """Write registry and demo data into an empty database, all in one transaction."""
    kernen = registry.load_kernen()
    frames = generator.generate(seed, kernen, real_context=real_context)
    dataset_id = demo_dataset_id(seed)
    digest = hashlib.sha256(f"sv-demo v{GENERATOR_VERSION} seed {seed}".encode()).hexdigest()
    with db.transaction(conn):
        written = registry.write_registry(conn, kernen)
        conn.execute(
            "INSERT INTO dataset VALUES (?, 'demo', ?, NULL, NULL, ?, ?, true, ?)",
            [
                dataset_id,
                DEMO_SOURCE,
                digest,
                datetime.now(),
                f"Fictieve demogegevens, generator v{GENERATOR_VERSION}, seed {seed}"
                + (" (contextcijfers uit echte bestanden)" if real_context else ""),
            ],
        )
        written |= db.insert_frames(conn, frames)
        db.log_import(
            conn,
            action="demo",
            status="ok",
            dataset_id=dataset_id,
            rows=written,
            message=f"Demodatabase gebouwd (seed {seed})",
        )
        db.bump_data_version(conn)
    return written


def create_demo_database(
    path: Path | str, seed: int = DEFAULT_SEED, *, replace: bool = False, reference: Path | None = None
) -> DemoBuild:
    """Build a complete demo database file at ``path``.

    With ``reference`` (a folder of real CBS/RIVM/PDOK files) the context figures and shapes
    come from those files; the monitoring data stays fictional and flagged as demo. The file
    is built beside the target and renamed into place only when complete, so a crash (or a
    second process) never leaves a half-built database at ``path``.
    """
    if reference is not None and not Path(reference).is_dir():
        raise DatabaseError(f"Map met referentiebestanden '{reference}' bestaat niet.")
    target = Path(path)
    if target.exists() and not replace:
        raise DatabaseError(
            f"Database '{target}' bestaat al. Kies een ander bestand of gebruik --force om te vervangen."
        )
    if not target.parent.is_dir():
        raise DatabaseError(f"Map '{target.parent}' bestaat niet; maak die eerst aan.")
    db.ensure_not_in_use(target)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bouw", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    temp.unlink()  # DuckDB wants to create the file itself
    try:
        conn = db.connect(temp)
        try:
            result = DemoBuild(build_demo(conn, seed, real_context=reference is not None))
            if reference is not None:
                batch = import_reference_dir(conn, reference)
                result.reference, result.skipped = list(batch), batch.skipped
            conn.execute("CHECKPOINT")
        finally:
            conn.close()
        os.replace(temp, target)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return result
