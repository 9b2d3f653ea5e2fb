"""Benchmark: validate and import a monitoring workbook with 100,000 deelname rows.

``.venv/bin/python bench/bench_import.py [--rows N] [--runs 3]`` builds a demo database and a
workbook (bench/make_big_workbook.py) in a temporary folder, then times, on a fresh copy of
the database per run: validation (``plan_import``: read, check every cell, compute the
preview) and writing (``apply_import``: one transaction). Target: total under 10 s.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_big_workbook import make
from sv_analytics import db, demo
from sv_analytics.ingest import workbook


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "demo.duckdb"
        demo.create_demo_database(base)
        book = Path(folder) / "groot.xlsx"
        make(book, args.rows, base)
        size_mb = book.stat().st_size / 1e6
        results = []
        for run in range(args.runs):
            copy = Path(folder) / f"run{run}.duckdb"
            shutil.copyfile(base, copy)
            conn = db.connect(copy)
            started = time.perf_counter()
            plan = workbook.plan_import(conn, book)
            validated = time.perf_counter()
            summary = workbook.apply_import(conn, plan)
            done = time.perf_counter()
            conn.close()
            results.append((validated - started, done - validated, done - started))
        rows = sum(summary.rows.values())
    print(f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; date {datetime.now():%Y-%m-%d}")  # fmt: skip
    print(f"Workbook: {args.rows:,} deelname rows, {size_mb:.1f} MB; {rows:,} database rows written")
    print("| step | median | runs |")
    print("|---|---|---|")
    for index, label in enumerate(("validate + preview (plan_import)", "write (apply_import)", "total")):
        values = [r[index] for r in results]
        print(f"| {label} | {statistics.median(values):.2f} s | {', '.join(f'{v:.2f}' for v in values)} |")


if __name__ == "__main__":
    main()
