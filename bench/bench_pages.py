"""Benchmark every page: server-side script run and first full render in Chromium.

``.venv/bin/python bench/bench_pages.py`` builds a demo database in a temporary folder and
measures, per page:

* server-side: the median of 20 reruns of the page script with AppTest (the app shell plus
  the page, cached query results as in normal use) — target ≤ 300 ms;
* browser: the first full render in headless Chromium (navigation until the script run has
  finished and every chart/map element is attached), median of 3 fresh browser contexts,
  beside a one-line hello-world page (bench/hello.py) served the same way in the same run.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from sv_analytics import config, demo  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_app_run, wait_for_health  # noqa: E402

PAGES = {
    "overzicht": "app_pages/overzicht.py",
    "kernprofiel": "app_pages/kernprofiel.py",
    "deelname": "app_pages/deelname.py",
    "mijn_kern": "app_pages/mijn_kern.py",
    "wat_werkt": "app_pages/wat_werkt.py",
    "sociale_kaart": "app_pages/sociale_kaart.py",
    "samenwerking": "app_pages/samenwerking.py",
    "evaluatie": "app_pages/evaluatie.py",
    "kennisplein": "app_pages/kennisplein.py",
    "gegevens": "app_pages/gegevens.py",
}
CHART_SELECTOR = (
    "[data-testid='stVegaLiteChart'], [data-testid='stDeckGlJsonChart'], [data-testid='stDataFrame']"
)


def server_side(page: str, runs: int = 20) -> list[float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return times


def serve(script: Path, db_path: Path, log: Path):
    import subprocess

    port = free_port()
    env = {**os.environ, config.ENV_DB_PATH: str(db_path), config.ENV_BASEMAP: "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_for_health(url, process)
    return process, url


def render_times(browser, url: str, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        wait_for_app_run(page)
        charts = page.locator(CHART_SELECTOR)
        if charts.count():
            charts.last.wait_for(state="attached")
        times.append(time.perf_counter() - started)
        context.close()
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.duckdb"
        demo.create_demo_database(db_path)
        os.environ[config.ENV_DB_PATH] = str(db_path)
        os.environ[config.ENV_BASEMAP] = "0"
        server = {name: server_side(page) for name, page in PAGES.items()}
        app, app_url = serve(ROOT / "app.py", db_path, Path(folder) / "app.log")
        hello, hello_url = serve(ROOT / "bench" / "hello.py", db_path, Path(folder) / "hello.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                render_times(browser, app_url, 1)  # warm the app's caches once, as a user session would
                baseline = render_times(browser, hello_url)
                browser_times = {name: render_times(browser, f"{app_url}/{name}") for name in PAGES}
                browser.close()
        finally:
            app.terminate()
            hello.terminate()
    print(f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; date {datetime.now():%Y-%m-%d}")  # fmt: skip
    hello_ms = statistics.median(baseline) * 1000
    print(
        f"Hello-world page, first full render: {hello_ms:.0f} ms (runs: {', '.join(f'{t * 1000:.0f}' for t in baseline)})"
    )
    print(
        "| page | script run, median of 20 (ms) | max (ms) | first full render (ms) | ratio to hello-world |"
    )
    print("|---|---|---|---|---|")
    for name in PAGES:
        run_ms = statistics.median(server[name]) * 1000
        render_ms = statistics.median(browser_times[name]) * 1000
        print(
            f"| {name} | {run_ms:.0f} | {max(server[name]) * 1000:.0f} | {render_ms:.0f} | {render_ms / hello_ms:.1f}× |"
        )


if __name__ == "__main__":
    main()
