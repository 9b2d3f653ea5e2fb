"""A running app (``streamlit run``) and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pydeck as pdk
import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from sv_analytics import config, maps, outlines, registry
from tests.conftest import PROJECT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit stopte met code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"app niet bereikbaar op {url}")


def start_app(db_path: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, config.ENV_DB_PATH: str(db_path), config.ENV_BASEMAP: "0"}
    return subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
        ],
        cwd=PROJECT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip


@contextmanager
def serving(database: Path, log: Path) -> Iterator[str]:
    """The URL of an app server of its own on ``database``, stopped afterwards."""
    port = free_port()
    process = start_app(database, port, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e")
    db_copy = folder / "app.duckdb"
    shutil.copyfile(demo_db, db_copy)
    with serving(db_copy, folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """The one Playwright of the session: a second ``sync_playwright()`` in the same thread
    fails ("Sync API inside the asyncio loop"), so modules that need a browser with other
    flags launch it from this one."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer het Debian-pakket chromium (./run-tests doet dat)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def demo_map_view() -> pdk.ViewState:
    """The view Overzicht's map opens with on the demo database (all kernen, no gemeente): the
    kernen and the shipped outlines of their gemeenten fitted, as :func:`maps.kern_map_view`
    computes it — so a test can point at a kern on the canvas."""
    kernen = registry.load_kernen()
    codes = pd.DataFrame({"gemeente_code": sorted(set(kernen["gemeente_code"]))})
    return maps.kern_map_view(kernen, outlines.fill_missing(pd.DataFrame(columns=outlines.COLUMNS), codes))


def wait_for_app_run(page: Page, timeout: float = 60_000) -> None:
    """The script run is finished when stApp reports it is not running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def open_page(page: Page, url: str, heading: str | None = None) -> None:
    """Go to ``url``, wait for the script run and, with ``heading``, see the page's title."""
    page.goto(url)
    wait_for_app_run(page, timeout=120_000)
    if heading:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (the filter bar comes first) and wait for the rerun.

    The filter bar sits at the top of the page: after a test scrolled down, the box is scrolled
    back into view *before* the click, because a list that opens while the page still scrolls
    closes again (seen in chromium); a second click covers a list that closed anyway.
    """
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label)
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        box.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    wanted.click()
    wait_for_app_run(page, timeout=120_000)


def choose_kern(page: Page, option: str, kern_id: str) -> None:
    """Pick a kern in the kern filter of the filter bar; the URL then holds its id (``?kern=<id>``)."""
    choose(page, "Kern", option)
    # the filter writes the URL after its run; on a busy machine that run starts late
    expect(page).to_have_url(re.compile(rf"kern={kern_id}"), timeout=60_000)
    wait_for_app_run(page, timeout=120_000)
    assert f"kern={kern_id}" in page.url, page.url


def upload(page: Page, label: str, path: Path) -> None:
    """Give ``path`` to the file uploader whose label starts with ``label``, and see it there.

    Found by its label, not by position: while the page's first run settles (the kern filter
    writes the URL and reruns) uploaders are replaced, and a positional locator has once handed
    the workbook to the public-data uploader below it."""
    uploader = page.get_by_test_id("stFileUploader").filter(
        has=page.get_by_test_id("stWidgetLabel").filter(has_text=label)
    )
    expect(uploader).to_have_count(1, timeout=60_000)
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    # long names are shortened on screen; the remove button names the whole file
    expect(uploader.get_by_role("button", name=f"Remove {path.name}")).to_be_visible(timeout=60_000)


def shoot(
    page: Page, heading: str, path: Path, *, wait: float = 1000, exact: bool = False, top: bool = False
) -> None:
    """A viewport screenshot with ``heading`` scrolled into view (with ``top``, to the top of the
    viewport: Streamlit scrolls its own container), once drawing has had ``wait`` ms."""
    target = page.get_by_role("heading", name=heading, exact=exact).first
    target.scroll_into_view_if_needed()
    if top:
        target.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(wait)
    page.screenshot(path=str(path))
