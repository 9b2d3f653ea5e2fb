"""Making report files: one report in one format, or every report at once (no Streamlit here).

Why a module of its own: the CLI (``report``, ``report --alle``) and the Rapport page make
the same files the same way — build the model once (:mod:`.build`), draw it as a deck or a
PDF (:mod:`.pptx`, :mod:`.pdf`). ``--alle`` (every kern, every gemeente and the programme:
the run before a VSG meeting) spreads the reports over worker processes, one per core: the
work is CPU-bound in vl-convert, Typst and python-pptx, and each process reads its own
read-only connection (DuckDB lets several processes read one file).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Literal

import duckdb

from sv_analytics import access, db
from sv_analytics.report import build, model

Format = Literal["pdf", "pptx"]
FORMATS: tuple[Format, ...] = ("pdf", "pptx")
MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def render(report: model.Report, fmt: Format) -> bytes:
    """The report as a file of ``fmt``."""
    if fmt == "pdf":
        from sv_analytics.report import pdf

        return pdf.render_pdf(report)
    if fmt == "pptx":
        from sv_analytics.report import pptx

        return pptx.render_pptx(report)
    raise ValueError(f"onbekend formaat: {fmt}")


def file_name(report: model.Report, fmt: Format) -> str:
    return f"{report.file_stem}.{fmt}"


@dataclass(frozen=True)
class Written:
    """One file of a run: which request, where, how large and how long it took."""

    request: build.Request
    path: Path
    size: int
    seconds: float


# ------------------------------------------------------------------------- worker processes
_worker_conn: duckdb.DuckDBPyConnection | None = None


def _open_worker(path: str) -> None:
    """Per worker process: one read-only connection for all its reports, closed (and a copy
    of a database the app holds removed) when the worker ends. A worker ends through
    multiprocessing's own exit, which runs its finalizers but not ``atexit``."""
    global _worker_conn
    from contextlib import ExitStack
    from multiprocessing import util

    stack = ExitStack()
    reading = stack.enter_context(db.reading(Path(path), migrate=False))
    _worker_conn = reading.conn
    util.Finalize(None, stack.close, exitpriority=10)


def _make(
    request: build.Request, formats: Sequence[Format], out: str, generated_at: datetime
) -> list[tuple[str, int, float]]:
    """Build one report and write it in every format; returns (path, size, seconds) per file."""
    assert _worker_conn is not None, "worker zonder verbinding"
    return _write(_worker_conn, request, formats, Path(out), generated_at)


def _write(
    conn: duckdb.DuckDBPyConnection,
    request: build.Request,
    formats: Sequence[Format],
    out: Path,
    generated_at: datetime,
) -> list[tuple[str, int, float]]:
    started = time.perf_counter()
    report = build.build_report(conn, request, generated_at=generated_at, viewer=access.ALL)
    built = time.perf_counter() - started
    written = []
    for fmt in formats:
        began = time.perf_counter()
        data = render(report, fmt)
        target = out / file_name(report, fmt)
        write_file(target, data)
        written.append((str(target), len(data), built / len(formats) + time.perf_counter() - began))
    return written


def write_file(target: Path, data: bytes) -> None:
    """Write via a temporary file and a rename: a run that is interrupted (or a full disk)
    never leaves a half-written report under the final name."""
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def _without_main() -> Iterator[None]:
    """Start processes that do not re-run this process's main module.

    A spawned child normally runs the parent's ``__main__`` again so it can unpickle what is
    defined there; everything a report worker needs lives in this module. Under pytest (or
    Streamlit) the "main module" can be a script that does something else entirely — in the test
    suite it was a test's temporary script, which the workers ran and died of. Same technique
    as the upload sandbox (``ingest/sandbox.py``), for the time the workers are started.
    """
    from multiprocessing import spawn

    original = spawn.get_preparation_data

    def without_main(name: str) -> dict:
        data = original(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    spawn.get_preparation_data = without_main
    try:
        yield
    finally:
        spawn.get_preparation_data = original


def workers_default() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def write_all(
    database: Path,
    requests: Sequence[build.Request],
    formats: Sequence[Format],
    out: Path,
    *,
    generated_at: datetime,
    workers: int | None = None,
) -> Iterator[Written]:
    """Make every request's files in ``out`` and yield each file as it is written (for a
    progress bar). With one worker everything runs in this process."""
    out.mkdir(parents=True, exist_ok=True)
    workers = workers or workers_default()
    if workers == 1 or len(requests) == 1:
        with db.reading(database, migrate=False) as reading:
            for request in requests:
                for path, size, seconds in _write(reading.conn, request, formats, out, generated_at):
                    yield Written(request, Path(path), size, seconds)
        return
    # the largest first (programme, then gemeenten), so no long report is left for the end
    # while the other worker has nothing to do
    order = {"programma": 0, "gemeente": 1, "kern": 2}
    requests = sorted(requests, key=lambda request: order[request.kind])
    # spawn: each worker a fresh interpreter. Not fork: a worker forked from a process that
    # has rendered with vl-convert hangs inside vl-convert (its engine's threads do not survive
    # a fork; seen in a pytest session, and it would be the app). Not forkserver: that server is
    # one per process and the upload sandbox (ingest/sandbox.py) may have started it already with
    # its own preloads; report workers forked from it died in the test suite. A fresh worker pays
    # ~1-2 s of imports, once per worker for the whole run.
    context = get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_open_worker, initargs=(str(database),)
    ) as pool:
        with _without_main():  # the workers start during the first submits
            futures = {
                pool.submit(_make, request, tuple(formats), str(out), generated_at): request
                for request in requests
            }
        for future in as_completed(futures):
            for path, size, seconds in future.result():
                yield Written(futures[future], Path(path), size, seconds)
