"""Generate a valid monitoring workbook with many deelname rows, for the import benchmark.

``python bench/make_big_workbook.py OUT.xlsx --rows 100000 --db DB`` writes a workbook for
one kern with enough activities to give ``rows`` unique (activity, month) rows, 2016–2019,
with every breakdown column filled. Fictional numbers, deterministic.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import load_workbook

from sv_analytics import db, demo
from sv_analytics.ingest import sandbox, template, workbook
from sv_analytics.ingest.workbook_spec import SHEETS_BY_NAME
from sv_analytics.timeline import MONITORING

MONTHS = MONITORING.months


def deelname_row(activity: str, month: date, rng: random.Random) -> list[object]:
    participants = rng.randint(10, 60)
    new = rng.randint(0, participants // 3)
    ages = demo.split_integer(participants, [1, 3, 3, 2, 1])
    men = participants // 2
    groups = [min(participants, rng.randint(0, 20)) for _ in range(5)]
    return ["", activity, month, participants, new, new // 2, *groups, *ages, men, participants - men]


def make(out: Path, rows: int, db_path: Path, kern: str = "bathmen") -> None:
    conn = db.connect(db_path, create=False, read_only=True)
    try:
        base = template.build_workbook(conn, kern, with_data=False)
    finally:
        conn.close()
    out.write_bytes(base)
    book = load_workbook(out)
    for sheet in book.worksheets:  # drop the example rows
        if sheet.title in SHEETS_BY_NAME:
            sheet.delete_rows(2, sheet.max_row)
    book["Organisaties"].append(["", "o01", "Sportvereniging", "Sport", "ja", "nee", "ja", "nee", "ja"])
    activities = -(-rows // len(MONTHS))
    sheet = book["Activiteiten"]
    for i in range(activities):
        sheet.append(["", f"act{i:05d}", f"Activiteit {i}", "o01", "Bewegen", "Nieuw", "Flexibel lidmaatschap",
                      date(2016, 1, 1), None, 3, "Sportpark", "ja", "nee", "nee", "nee", "nee",
                      "ja", "nee", "nee", "nee", "nee"])  # fmt: skip
    rng = random.Random(2017)
    sheet = book["Deelname"]
    written = 0
    for i in range(activities):
        for month in MONTHS:
            if written == rows:
                break
            sheet.append(deelname_row(f"act{i:05d}", month, rng))
            written += 1
    book.save(out)


def arguments(repeat: str, default: int) -> argparse.Namespace:
    """The import benchmarks' command line: ``--rows`` of the workbook, and ``repeat`` (how
    many times to measure, ``default`` unless given)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(repeat, type=int, default=default)
    return parser.parse_args()


@contextmanager
def demo_and_workbook(rows: int) -> Iterator[tuple[Path, Path, Path]]:
    """(folder, demo database, workbook of ``rows`` deelname rows), in a temporary folder that
    goes afterwards: what the import benchmarks start from."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        base = folder / "demo.duckdb"
        demo.create_demo_database(base)
        book = folder / "groot.xlsx"
        make(book, rows, base)
        yield folder, base, book


def timed_import(conn, book: Path) -> dict:
    """One import of ``book`` as the page does it: seconds to validate (plan_import) and to
    write (apply_import), the rows written, and the reading child's stats (sandbox.RunStats)."""
    started = time.perf_counter()
    plan = workbook.plan_import(conn, book)
    reader = sandbox.last_run()
    validated = time.perf_counter()
    summary = workbook.apply_import(conn, plan)
    done = time.perf_counter()
    return {
        "validate": validated - started,
        "write": done - validated,
        "total": done - started,
        "rows": sum(summary.rows.values()),
        "reader": reader,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    make(args.out, args.rows, args.db)
