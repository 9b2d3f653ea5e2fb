"""Benchmark: time to build the demo database and to start the app.

Run with ``.venv/bin/python bench/bench_startup.py`` (needs /usr/bin/chromium). It prints a
Markdown table to paste into BENCHMARKS.md. Measured:

* demo build: ``demo.create_demo_database`` into a new file (median of 5 runs);
* app start, existing database: from launching ``streamlit run`` until the Overzicht page
  has finished its script run and drawn the map in headless Chromium (median of 3);
* app first start: the same with no database, so the app builds the demo first (median of 3).
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from sv_analytics import demo
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, wait_for_app_run


def build_times(runs: int = 5) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for i in range(runs):
            started = time.perf_counter()
            demo.create_demo_database(Path(folder) / f"b{i}.duckdb")
            times.append(time.perf_counter() - started)
    return times


def start_time(db_path: Path, browser) -> float:
    port = free_port()
    started = time.perf_counter()
    process = start_app(db_path, port, db_path.with_suffix(".log"))
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        deadline = time.monotonic() + 60
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        wait_for_app_run(page)
        page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first.wait_for()
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    builds = build_times()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        existing = Path(folder) / "bestaand.duckdb"
        demo.create_demo_database(existing)
        warm = [start_time(existing, browser) for _ in range(3)]
        cold = [start_time(Path(folder) / f"nieuw{i}.duckdb", browser) for i in range(3)]
        browser.close()
    print(
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; date {datetime.now():%Y-%m-%d}"
    )
    print("| measurement | median | runs |")
    print("|---|---|---|")
    print(
        f"| demo database build | {statistics.median(builds):.2f} s | "
        f"{', '.join(f'{t:.2f}' for t in builds)} |"
    )
    print(
        f"| app start → map drawn (database exists) | {statistics.median(warm):.2f} s | "
        f"{', '.join(f'{t:.2f}' for t in warm)} |"
    )
    print(
        f"| app first start → map drawn (builds demo) | {statistics.median(cold):.2f} s | "
        f"{', '.join(f'{t:.2f}' for t in cold)} |"
    )


if __name__ == "__main__":
    main()
