"""Benchmark: the 100,000-row workbook end to end, and what it costs other sessions meanwhile.

``.venv/bin/python bench/bench_import_load.py [--rows N] [--reruns 20]`` builds a demo
database and the big workbook (bench/make_big_workbook.py) in a temporary folder, then in one
process — as in the app, where every session shares the server's interpreter:

1. Overzicht reruns (AppTest, the app shell plus the page, cached results) while nothing else
   runs: the idle time per rerun;
2. the same reruns while another thread imports the workbook (``plan_import`` +
   ``apply_import``, the page's path): the time per rerun during the import;
3. the import on its own: seconds for validation (read and check in the reader's child
   process, then the database checks and the preview) and for the write, the child's peak
   RSS and this process's peak RSS.

Reported: the ratio during/idle (target ≤ 1.5×) and the import total (target ≤ 6 s on an idle
machine). No timing is asserted anywhere; results go to BENCHMARKS.md.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_big_workbook import arguments, demo_and_workbook, timed_import
from sv_analytics import config, db

PROJECT = Path(__file__).resolve().parent.parent


def overzicht(path: Path):
    """An AppTest of the app on Overzicht, run once so the caches are warm."""
    from streamlit.testing.v1 import AppTest

    os.environ[config.ENV_DB_PATH] = str(path)
    os.environ[config.ENV_BASEMAP] = "0"
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=300)
    at.run()
    at.run()
    return at


def rerun_times(at, count: int | None = None, until: threading.Event | None = None) -> list[float]:
    """Seconds per rerun: ``count`` reruns, or reruns until ``until`` is set."""
    times = []
    while (count is None or len(times) < count) and not (until is not None and until.is_set()):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    return times


def import_once(conn, book: Path) -> dict[str, float]:
    timed = timed_import(conn, book)
    stats = timed["reader"]
    return {
        "validate": timed["validate"],
        "write": timed["write"],
        "total": timed["total"],
        "child_rss_mb": (stats.peak_rss_bytes or 0) / 2**20 if stats else float("nan"),
    }


def main() -> None:
    args = arguments("--reruns", 20)
    with demo_and_workbook(args.rows) as (folder, base, book):
        book_mb = book.stat().st_size / 1e6
        app_db = folder / "app.duckdb"
        shutil.copyfile(base, app_db)
        at = overzicht(app_db)
        idle = rerun_times(at, args.reruns)

        from sv_analytics.ui import state  # the app's own connection, as a session would use it

        conn = state.connection()
        done = threading.Event()
        result: dict[str, float] = {}

        def run_import() -> None:
            try:
                result.update(import_once(conn, book))
            finally:
                done.set()

        worker = threading.Thread(target=run_import)
        worker.start()
        during = rerun_times(at, until=done)
        worker.join()

        alone = []
        for run in range(2):
            copy = folder / f"alone{run}.duckdb"
            shutil.copyfile(base, copy)
            separate = db.connect(copy)
            alone.append(import_once(separate, book))
            separate.close()
    own_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    idle_median, during_median = statistics.median(idle), statistics.median(during)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; date {datetime.now():%Y-%m-%d %H:%M}")  # fmt: skip
    print(f"Workbook: {args.rows:,} deelname rows, {book_mb:.1f} MB")
    print()
    print("| measurement | median | runs / n |")
    print("|---|---|---|")
    print(f"| Overzicht rerun, idle | {idle_median * 1000:.0f} ms | {len(idle)} reruns |")
    print(f"| Overzicht rerun, while the import runs in another thread | {during_median * 1000:.0f} ms | "
          f"{len(during)} reruns |")  # fmt: skip
    print(f"| ratio during / idle | {during_median / idle_median:.2f}× | |")
    print(f"| import while serving (validate + write) | {result['total']:.2f} s | 1 |")
    for label, key in (("validate + preview", "validate"), ("write", "write"), ("total", "total")):
        values = [a[key] for a in alone]
        print(
            f"| import alone: {label} | {statistics.median(values):.2f} s | {', '.join(f'{v:.2f}' for v in values)} |"
        )
    print(f"| reader child peak RSS | {max(a['child_rss_mb'] for a in alone):.0f} MB | |")
    print(f"| this process peak RSS (app + import) | {own_rss_mb:.0f} MB | |")


if __name__ == "__main__":
    main()
