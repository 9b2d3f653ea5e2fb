"""Real browser: every page works on a beamer (1280×720) and a laptop (1440×900) — issue 14.

Per page and screen size, in one server and one browser (a tab per size, reused):

- nothing in the main column is clipped at its right edge: every visible element with a
  ``data-testid`` (and every chart's ``.vega-embed``, svg and canvas) ends within the main
  block's content box (+1 px), and charts, maps, images and metrics do not scroll sideways
  (``scrollWidth ≤ clientWidth + 1``). Elements inside a container that scrolls sideways on
  purpose (a wide table's grid) are that container's business: the container itself is checked;
- the page's first chart or map starts above the fold (a table on Gegevens, which has no
  chart, a result card on Kennisplein, whose chart summarises the cards below them);
- the filter bar (shared filters and the page's own choices) ends above the fold;
- no metric label is cut (its elements' ``scrollWidth ≤ clientWidth + 1``).

Screenshots of both sizes go to ``tests/artifacts/layout-<page>-<w>x<h>.png``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from sv_analytics.ui.filters import BAR_KEY
from tests.e2e.conftest import serving, wait_for_app_run

pytestmark = pytest.mark.e2e

SIZES = ((1280, 720), (1440, 900))
CHART_OR_MAP = ".vega-embed, [data-testid='stDeckGlJsonChart']"
#: path → (artifact name, selector of the first thing the page is about).
PAGES = {
    "/": ("overzicht", CHART_OR_MAP),
    "/kernprofiel": ("kernprofiel", f"{CHART_OR_MAP}, [data-testid='stDataFrame']"),
    "/deelname": ("deelname", CHART_OR_MAP),
    "/mijn_kern": ("mijn_kern", CHART_OR_MAP),
    "/wat_werkt": ("wat_werkt", CHART_OR_MAP),
    "/sociale_kaart": ("sociale_kaart", CHART_OR_MAP),
    "/samenwerking": ("samenwerking", CHART_OR_MAP),
    "/evaluatie": ("evaluatie", CHART_OR_MAP),
    "/kennisplein": ("kennisplein", "[class*='st-key-kp_card_']"),
    "/rapport": ("rapport", "[class*='st-key-rapport_make']"),
    "/gegevens": ("gegevens", "[data-testid='stDownloadButton']"),
}
#: Pages with no shared filter: their bar is absent.
NO_BAR = {"/gegevens"}

MEASURE = """
([firstSelector, barClass]) => {
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  const box = block.getBoundingClientRect();
  const right = box.right - parseFloat(getComputedStyle(block).paddingRight);
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
  };
  // inside an element that scrolls or clips sideways itself (a table grid): not ours to check
  const scrolledInside = (el) => {
    for (let up = el.parentElement; up && up !== block; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const name = (el) => el.getAttribute('data-testid') || el.className.baseVal || el.className || el.tagName;
  const shown = [...block.querySelectorAll('[data-testid], .vega-embed, .vega-embed > svg, canvas')]
    .filter(visible);
  const clipped = shown.filter((el) => !scrolledInside(el) && el.getBoundingClientRect().right > right + 1)
    .map((el) => `${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)} > ${Math.round(right)}`);
  const wide = [...block.querySelectorAll(
      '.vega-embed, [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"], ' +
      '[data-testid="stImage"], [data-testid="stMetric"]')]
    .flatMap((el) => [el, el.closest('[data-testid="stElementContainer"]')])
    .filter((el) => el && visible(el) && el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${name(el)} scrolls ${el.scrollWidth} > ${el.clientWidth}`);
  const cut = [...block.querySelectorAll('[data-testid="stMetricLabel"]')].filter(visible)
    .filter((label) => [label, ...label.querySelectorAll('*')].some((el) => el.scrollWidth > el.clientWidth + 1))
    .map((label) => label.innerText);
  const first = [...block.querySelectorAll(firstSelector)].find(visible);
  const bar = block.querySelector('.' + barClass);
  return {
    clipped, wide, cut,
    firstTop: first ? first.getBoundingClientRect().top : null,
    barBottom: bar ? bar.getBoundingClientRect().bottom : null,
    metrics: block.querySelectorAll('[data-testid="stMetricLabel"]').length,
  };
}
"""

CHARTS_DRAWN = """
() => [...document.querySelectorAll('.vega-embed')].every((el) => el.querySelector('svg, canvas'))
  && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].every((el) => el.querySelector('canvas'))
"""


@pytest.fixture(scope="module")
def layout_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server of this module's own on a copy of the demo database."""
    folder = tmp_path_factory.mktemp("layout")
    shutil.copyfile(demo_db, folder / "app.duckdb")
    with serving(folder / "app.duckdb", folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def tabs(browser: Browser) -> Iterator[dict[tuple[int, int], Page]]:
    """One tab per screen size, reused by every page of that size."""
    contexts = {
        size: browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
        for size in SIZES
    }
    yield {size: context.new_page() for size, context in contexts.items()}
    for context in contexts.values():
        context.close()


def open_and_measure(tab: Page, url: str, first: str) -> dict:
    tab.goto(url)
    wait_for_app_run(tab, timeout=120_000)
    tab.locator(first).first.wait_for(state="visible", timeout=60_000)  # lazily loaded components
    tab.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    tab.wait_for_timeout(500)  # vega-embed sizes the svg to its container after drawing
    return tab.evaluate(MEASURE, [first, f"st-key-{BAR_KEY}"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", list(PAGES))
def test_page_fits_the_screen(
    layout_url: str, tabs: dict[tuple[int, int], Page], artifacts: Path, path: str, size: tuple[int, int]
) -> None:
    name, first = PAGES[path]
    width, height = size
    tab = tabs[size]
    found = open_and_measure(tab, layout_url + path, first)
    tab.screenshot(path=str(artifacts / f"layout-{name}-{width}x{height}.png"))
    assert not found["clipped"], found["clipped"][:10]
    assert not found["wide"], found["wide"]
    assert not found["cut"], f"afgekapte labels: {found['cut']}"
    assert found["firstTop"] is not None, f"{path}: niets gevonden voor {first}"
    assert found["firstTop"] < height, f"{path}: eerste grafiek/kaart begint op y={found['firstTop']:.0f}"
    if path in NO_BAR:
        assert found["barBottom"] is None
    else:
        assert found["barBottom"] is not None, f"{path}: geen filterbalk"
        assert found["barBottom"] < height, f"{path}: filterbalk eindigt op y={found['barBottom']:.0f}"
