"""Benchmark: how fast hostile files are refused, and what the sandbox costs a legit import.

``.venv/bin/python bench/bench_hostile.py [--big FILE] [--runs 3]`` builds, in a temporary
folder, a demo database, a small valid workbook and the hostile corpus of
tests/hostile.py, then for every hostile file measures the seconds until the Dutch refusal
and the peak RSS of the reading child (sandbox.last_run(); "–" where the file is refused
before a child starts). Targets: refusal ≤ 5 s and child peak ≤ 500 MB for every file.

It also imports the 100,000-row workbook (bench/make_big_workbook.py; pass ``--big`` to
reuse one, building it takes a minute) end to end — plan_import + apply_import in a fresh
process per run, so that the parent's peak RSS is the import's own, after one trivial child
has started the fork server (a server pays that once) — target ≤ 6 s; and a trivial
run_limited call (cold: starts the fork server; warm: one more child) as the baseline the
other times can be compared with.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_big_workbook import timed_import
from sv_analytics import db, demo
from sv_analytics.errors import ValidationError
from sv_analytics.ingest import limits, public, sandbox, workbook
from sv_analytics.ingest.workbook_spec import INFO_SHEET, LISTS_SHEET, SHEETS
from tests import hostile
from tests.workbooks import valid_workbook

MIB = 1024 * 1024


def corpus(base: Path, folder: Path) -> list[tuple[str, Path, str]]:
    """(label, file, importer) of every hostile file; importer is 'workbook' or 'public'."""
    files = [
        (f"verre cel op {sheet}", hostile.far_cell_workbook(base, folder, sheet), "workbook")
        for sheet in [s.name for s in SHEETS] + [INFO_SHEET, LISTS_SHEET]
    ]
    files += [
        ("verre dimensie", hostile.far_dimension_workbook(base, folder), "workbook"),
        ("cellen zonder verwijzing", hostile.cell_without_reference_workbook(base, folder), "workbook"),
        (
            "zip-bom 1 GiB (eerlijke grootte)",
            hostile.zip_bomb_workbook(base, folder, lying=False),
            "workbook",
        ),
        (
            "zip-bom 1 GiB (liegt over grootte)",
            hostile.zip_bomb_workbook(base, folder, lying=True),
            "workbook",
        ),
        ("5.000 zip-onderdelen", hostile.many_members_workbook(base, folder), "workbook"),
        ("500 extra tabbladen", hostile.many_sheets_workbook(base, folder), "workbook"),
        (
            "950.000 rijen Deelname, 4 kolommen",
            hostile.many_rows_workbook(base, folder, rows=950_000),
            "workbook",
        ),
        (
            "950.000 rijen Deelname, 13 kolommen (zoals het issue: < 50 MB)",
            hostile.many_rows_workbook(
                base, folder, rows=950_000, columns=13, name="deelname-breed.xlsx", level=6
            ),
            "workbook",
        ),
        ("bestand > 50 MB", hostile.oversized_file(folder, limits.MAX_FILE_BYTES + 1), "workbook"),
        ("XXE in tabblad", hostile.doctype_sheet_workbook(base, folder, "xxe"), "workbook"),
        ("billion laughs in tabblad", hostile.doctype_sheet_workbook(base, folder, "laughs"), "workbook"),
        ("XXE in sharedStrings", hostile.doctype_shared_strings_workbook(base, folder, "xxe"), "workbook"),
        (
            "billion laughs in sharedStrings",
            hostile.doctype_shared_strings_workbook(base, folder, "laughs"),
            "workbook",
        ),
        ("RIVM 50090NED met verre cel", hostile.far_cell_public_xlsx(folder), "public"),
        (
            "RIVM 50090NED met verre cel en dimensie",
            hostile.far_cell_public_xlsx(folder, dimension=True),
            "public",
        ),
        ("RIVM 50090NED met XXE", hostile.doctype_public_xlsx(folder, "xxe"), "public"),
    ]
    return files


def refuse(conn, label: str, path: Path, importer: str) -> dict:
    """Seconds to refusal and the child's peak RSS (MB) of one hostile file."""
    sandbox._local.stats = None
    started = time.perf_counter()
    try:
        if importer == "workbook":
            workbook.plan_import(conn, path)
        else:
            public.import_public_file(conn, path)
    except ValidationError as error:
        seconds = time.perf_counter() - started
        stats = sandbox.last_run()
        peak = stats.peak_rss_bytes / MIB if stats and stats.peak_rss_bytes else None
        return {
            "label": label,
            "size": path.stat().st_size,
            "seconds": seconds,
            "peak": peak,
            "where": "kind" if stats else "ouder (vóór het kind)",
            "message": error.problems[0].message,
        }
    raise SystemExit(f"{label}: NIET geweigerd")


def measure_import(book: Path, database: Path) -> dict:
    """One end-to-end import of ``book`` into ``database`` (run in a fresh process)."""
    started = time.perf_counter()
    sandbox.run_limited(hostile.double, 1, name="start", memory_bytes=64 * MIB, seconds=30)
    fork_server = time.perf_counter() - started  # once per server process, not per upload
    conn = db.connect(database)
    timed = timed_import(conn, book)
    conn.close()
    reader = timed["reader"]
    return {
        "fork_server": fork_server,
        "read": reader.seconds,
        "plan": timed["validate"],
        "apply": timed["write"],
        "total": timed["total"],
        "parent_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB,
        "child_peak": (reader.peak_rss_bytes or 0) / MIB,
        "rows": timed["rows"],
    }


def baseline() -> dict:
    """A trivial child: cold (the first call also starts the fork server) and warm (best of 3)."""
    times = []
    for _ in range(4):
        started = time.perf_counter()
        sandbox.run_limited(hostile.double, 21, name="hallo", memory_bytes=64 * MIB, seconds=30)
        times.append(time.perf_counter() - started)
    stats = sandbox.last_run()
    return {"cold": times[0], "warm": min(times[1:]), "peak": stats.peak_rss_bytes / MIB}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=Path, help="an existing 100,000-row workbook (else one is built)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure-import", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_import:
        print(json.dumps(measure_import(*args.measure_import)))
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        base_db = folder / "demo.duckdb"
        demo.create_demo_database(base_db)
        hello = baseline()
        work_db = folder / "werk.duckdb"
        shutil.copyfile(base_db, work_db)
        conn = db.connect(work_db)
        small = valid_workbook(conn, folder / "basis.xlsx")
        started = time.perf_counter()
        workbook.plan_import(conn, small)
        small_seconds = time.perf_counter() - started
        built = time.perf_counter()
        files = corpus(small, folder)
        build_seconds = time.perf_counter() - built
        results = [refuse(conn, label, path, importer) for label, path, importer in files]
        conn.close()
        big = args.big
        if big is None:
            from bench.make_big_workbook import make

            big = folder / "groot.xlsx"
            make(big, args.rows, base_db)
        big_mb = big.stat().st_size / 1e6
        imports = []
        for run in range(args.runs):
            copy = folder / f"run{run}.duckdb"
            shutil.copyfile(base_db, copy)
            output = subprocess.run(
                [sys.executable, __file__, "--measure-import", str(big), str(copy)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            imports.append(json.loads(output.strip().splitlines()[-1]))
    print(
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}; {datetime.now():%Y-%m-%d %H:%M}; corpus built in {build_seconds:.1f} s"
    )
    print(
        f"Limits: reader +{limits.READER_MEMORY_BYTES // MIB} MB address space, {limits.READER_SECONDS:g} s; "
        f"baseline run_limited: cold {hello['cold']:.2f} s, warm {hello['warm'] * 1000:.0f} ms, "
        f"child peak {hello['peak']:.0f} MB; small valid workbook plan_import {small_seconds:.2f} s"
    )
    print()
    print("| hostile file | size | refused after | × warm baseline | child peak RSS | refused in | message |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        peak = f"{r['peak']:.0f} MB" if r["peak"] else "–"
        size = f"{r['size'] / MIB:.1f} MB"
        message = r["message"] if len(r["message"]) < 90 else r["message"][:87] + "…"
        ratio = r["seconds"] / hello["warm"]
        print(
            f"| {r['label']} | {size} | {r['seconds']:.2f} s | {ratio:.0f}× | {peak} | {r['where']} | {message} |"
        )
    worst_time = max(r["seconds"] for r in results)
    worst_peak = max((r["peak"] or 0) for r in results)
    print(
        f"\nslowest refusal {worst_time:.2f} s (target ≤ 5 s); highest child peak {worst_peak:.0f} MB (target ≤ 500 MB)"
    )
    print()
    print(f"100,000-row workbook ({big_mb:.1f} MB), {imports[0]['rows']:,} database rows, {args.runs} runs:")
    print("| step | median | runs |")
    print("|---|---|---|")
    for key, label in (
        ("fork_server", "fork server start (once per process, not in the total)"),
        ("read", "the reading child (check + calamine + validation + transfer)"),
        ("plan", "plan_import (validate + preview)"),
        ("apply", "apply_import (write)"),
        ("total", "total (target ≤ 6 s)"),
        ("parent_peak", "parent peak RSS (MB)"),
        ("child_peak", "child peak RSS (MB)"),
    ):
        values = [r[key] for r in imports]
        unit = "" if "peak" in key else " s"
        print(
            f"| {label} | {statistics.median(values):.2f}{unit} | {', '.join(f'{v:.2f}' for v in values)} |"
        )


if __name__ == "__main__":
    main()
