"""Benchmark: validate and import a monitoring workbook with 100,000 deelname rows.

``.venv/bin/python bench/bench_import.py [--rows N] [--runs 3]`` builds a demo database and a
workbook (bench/make_big_workbook.py) in a temporary folder, then times, on a fresh copy of
the database per run: validation (``plan_import``: read, check every cell, compute the
preview) and writing (``apply_import``: one transaction). Target: total under 10 s.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_big_workbook import arguments, demo_and_workbook, timed_import
from sv_analytics import db


def main() -> None:
    args = arguments("--runs", 3)
    with demo_and_workbook(args.rows) as (folder, base, book):
        size_mb = book.stat().st_size / 1e6
        results = []
        for run in range(args.runs):
            copy = folder / f"run{run}.duckdb"
            shutil.copyfile(base, copy)
            conn = db.connect(copy)
            results.append(timed_import(conn, book))
            conn.close()
        rows = results[-1]["rows"]
    print(f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; date {datetime.now():%Y-%m-%d}")  # fmt: skip
    print(f"Workbook: {args.rows:,} deelname rows, {size_mb:.1f} MB; {rows:,} database rows written")
    print("| step | median | runs |")
    print("|---|---|---|")
    for key, label in (
        ("validate", "validate + preview (plan_import)"),
        ("write", "write (apply_import)"),
        ("total", "total"),
    ):
        values = [r[key] for r in results]
        print(f"| {label} | {statistics.median(values):.2f} s | {', '.join(f'{v:.2f}' for v in values)} |")


if __name__ == "__main__":
    main()
