"""Real browser and real server: what a stranger can make the app show (issue 12, point 6).

One server on a copy of the demo database with a hostile kennisplein item (every text of it an
attempt at Markdown or HTML), one on a copy without the table of Evaluatie's sub-goal scores (so
that page fails with an unexpected exception); both run with the project's
.streamlit/config.toml, like ./run-app. Checked in chromium: the item and a hostile query render as text; the failing page
shows no trace; unknown pages and malformed links show none either; the Content-Security-Policy
of docs/SECURITY.md leaves the pages working; a DNS-rebinding websocket is refused.

The browser here is started with ``--disable-features=LocalNetworkAccessChecks``: the CSP test
adds the header to the page in Playwright (``route.fulfill``), and chromium treats a fulfilled
page as coming from the public internet, so it would refuse that page's websocket to 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
import streamlit
from playwright.sync_api import Browser, Page, Playwright, Route, expect

from tests.conftest import PROJECT
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    serving,
    upload,
    wait_for_app_run,
)
from tests.test_hardening import GOOD_LINK, HOSTILE_BODY, HOSTILE_ID, HOSTILE_TITLE, add_hostile_item

pytestmark = pytest.mark.e2e

SECURITY_MD = PROJECT / "docs" / "SECURITY.md"
WJ = "\u2060"
#: What must not reach a visitor: server paths, Python's traces, DuckDB's own words.
LEAKS = re.compile(
    r"Traceback|File \"|\.py\b|/work/|/tmp/|/usr/|/root/|site-packages|Catalog|evaluation_subgoal"
)


def _serve(db_path: Path, folder: Path) -> Iterator[str]:
    with serving(db_path, folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a copy of the demo database with the hostile kennisplein item."""
    folder = tmp_path_factory.mktemp("hardening")
    db_copy = folder / "app.duckdb"
    shutil.copyfile(demo_db, db_copy)
    add_hostile_item(db_copy)
    yield from _serve(db_copy, folder)


@pytest.fixture(scope="module")
def broken_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database without the table of Evaluatie's sub-goal scores: that page (and
    the workbook download on Gegevens) fails with DuckDB's CatalogException, a bug."""
    folder = tmp_path_factory.mktemp("kapot")
    db_copy = folder / "kapot.duckdb"
    shutil.copyfile(demo_db, db_copy)
    with duckdb.connect(str(db_copy)) as conn:
        conn.execute("DROP TABLE evaluation_subgoal")
    yield from _serve(db_copy, folder)


@pytest.fixture(scope="module")
def lna_browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]
    )
    yield browser
    browser.close()


@pytest.fixture()
def tab(lna_browser: Browser) -> Iterator[Page]:
    context = lna_browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nl-NL")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def visible_text(page: Page) -> str:
    return page.locator("[data-testid='stApp']").inner_text().replace(WJ, "")


# ------------------------------------------------------------------------------ Kennisplein


def test_hostile_item_and_query_render_as_plain_text(server: str, tab: Page, artifacts: Path) -> None:
    query = "# Vijandig [link](http://evil.example)"
    tab.goto(f"{server}/kennisplein?kp_zoek={quote(query)}")
    wait_for_app_run(tab, timeout=120_000)
    card = tab.locator(f".st-key-kp_card_{HOSTILE_ID}")
    expect(card).to_be_visible(timeout=60_000)
    tab.wait_for_timeout(500)
    card.scroll_into_view_if_needed()
    tab.screenshot(path=str(artifacts / "kennisplein-vijandig.png"))

    # the count line quotes the query as typed
    expect(tab.get_by_text(re.compile(r"^1 resultaat"))).to_be_visible()
    assert f"voor “{query}”" in visible_text(tab)
    # the card: one heading (its title, as text), and nothing the item's text asked for
    assert card.locator("h4").count() == 1
    assert card.locator("h4").inner_text().replace(WJ, "") == HOSTILE_TITLE
    for made_up in ("h1", "h2", "h3", "h5", "h6", "table", "img", "script", "ul", "ol", "blockquote", "pre"):
        assert card.locator(made_up).count() == 0, made_up
    assert card.locator("hr, del, code, .katex, [data-testid='stIconMaterial']").count() == 0
    text = card.inner_text().replace(WJ, "")
    for line in HOSTILE_BODY.splitlines():
        assert line.strip() in text, line
    # line breaks and paragraphs survive
    body = card.get_by_test_id("stMarkdownContainer").nth(2)
    assert body.locator("p").count() >= 2 and body.locator("br").count() >= 5
    # the only links: the item's one well-formed https address and the app's own kern pages
    # (Streamlit gives each heading an anchor link of its own, "#<slug>": not from the text)
    hrefs = [h for a in card.locator("a").all() if not (h := a.get_attribute("href") or "").startswith("#")]
    assert hrefs == [
        GOOD_LINK,
        "/kernprofiel?kern=bathmen",
        "/mijn_kern?kern=bathmen",
        "/deelname?kern=bathmen",
    ]
    hostile = tab.locator("a[href*='evil']:not([href^='#']), img[src*='evil'], a[href^='javascript']")
    assert hostile.count() == 0, [a.get_attribute("href") for a in hostile.all()]
    # nothing ran
    assert tab.evaluate("typeof window.__xss") == "undefined"
    assert tab.dialogs == []  # type: ignore[attr-defined]


# ------------------------------------------------------------------ errors, unknown pages


def test_a_failing_page_shows_no_trace(broken_server: str, tab: Page, artifacts: Path) -> None:
    tab.goto(f"{broken_server}/evaluatie")
    wait_for_app_run(tab, timeout=120_000)
    shown = tab.get_by_test_id("stException").or_(tab.get_by_test_id("stAlertContentError"))
    expect(shown.first).to_be_visible(timeout=60_000)
    tab.screenshot(path=str(artifacts / "onverwachte-fout.png"))
    text = visible_text(tab)
    assert not LEAKS.search(text), LEAKS.search(text)
    assert "CatalogException" not in tab.content()


@pytest.mark.parametrize(
    "path",
    [
        "/bestaat-niet",
        "/kennisplein?kern=%00%ff&kp_zoek=%ff%fe%00",
        "/?gemeente=%3Cscript%3Ealert(1)%3C%2Fscript%3E&kern=..%2F..%2Fetc%2Fpasswd",
        "/deelname?kern=" + "x" * 3000,
    ],
)
def test_unknown_pages_and_malformed_links_show_no_trace(server: str, tab: Page, path: str) -> None:
    tab.goto(server + path)
    wait_for_app_run(tab, timeout=120_000)
    tab.wait_for_timeout(500)
    assert tab.get_by_test_id("stException").count() == 0
    text = visible_text(tab)
    assert not LEAKS.search(text), (path, LEAKS.search(text))
    assert tab.dialogs == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "path",
    ["/static/../../etc/passwd", "/static/js/bestaat-niet.js", "/_stcore/bestaat-niet", "/media/x.png"],
)
def test_the_servers_own_error_pages_show_no_path(server: str, path: str) -> None:
    try:
        with urllib.request.urlopen(server + path, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
    assert "root:" not in body
    assert not re.search(r"Traceback|/work/|/tmp/|site-packages", body), body[:500]


# ----------------------------------------------------------------- Content-Security-Policy


def documented_csp() -> str:
    found = re.search(r"^Content-Security-Policy: (.+)$", SECURITY_MD.read_text(encoding="utf-8"), re.M)
    assert found, "docs/SECURITY.md has no Content-Security-Policy line"
    return found.group(1).strip()


#: The two requests docs/SECURITY.md lists as blocked by its policy (a favicon from Google, a
#: basemap style fetched although there is no basemap); anything else blocked is a failure.
KNOWN_BLOCKED = ("https://fonts.gstatic.com/", "https://basemaps.cartocdn.com/")


def test_the_documented_inline_script_hash_is_that_of_this_streamlit() -> None:
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline
    }
    policy = documented_csp()
    assert hashes and all(h in policy for h in hashes), (hashes, policy)


def test_static_files_have_their_content_types(server: str) -> None:
    """With X-Content-Type-Options: nosniff the browser runs scripts only with a script type."""
    with urllib.request.urlopen(server + "/", timeout=10) as response:
        html = response.read().decode()
    assets = re.findall(r'(?:src|href)="\./(static/[^"]+\.(?:js|css))"', html)
    assert assets
    for asset in assets[:6]:
        with urllib.request.urlopen(f"{server}/{asset}", timeout=10) as response:
            kind = response.headers["Content-Type"]
        assert ("javascript" if asset.endswith(".js") else "text/css") in kind, (asset, kind)


def test_the_documented_csp_keeps_the_pages_working(server: str, tab: Page, tmp_path: Path) -> None:
    policy = documented_csp()

    def with_policy(route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    tab.route("**/*", with_policy)
    tab.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => "
        "window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || '')));"
    )
    pages = {
        "": ("stDeckGlJsonChart", "canvas"),
        "kernprofiel": ("stVegaLiteChart", "canvas, svg"),
        "deelname": ("stVegaLiteChart", "canvas, svg"),
        "sociale_kaart": ("stDeckGlJsonChart", "canvas"),
        "kennisplein": ("stVegaLiteChart", "canvas, svg"),
    }
    for path, (testid, drawn) in pages.items():
        tab.goto(f"{server}/{path}")
        wait_for_app_run(tab, timeout=120_000)
        element = tab.get_by_test_id(testid).first
        element.scroll_into_view_if_needed()
        expect(element.locator(drawn).first).to_be_visible(timeout=60_000)
        tab.wait_for_timeout(1500)
        blocked = [v for v in tab.evaluate("window.__csp") if not any(k in v for k in KNOWN_BLOCKED)]
        assert blocked == [], (path, blocked)
    # an upload goes through under the policy (connect-src 'self' and the XSRF token)
    tab.goto(f"{server}/gegevens")
    wait_for_app_run(tab, timeout=120_000)
    wrong = tmp_path / "cijfers.csv"
    wrong.write_text("a;b\n1;2\n")
    upload(tab, "Kies het ingevulde werkboek", wrong)
    expect(tab.get_by_text("cijfers.csv: dit is geen Excel-werkmap (.xlsx)")).to_be_visible(timeout=60_000)
    blocked = [v for v in tab.evaluate("window.__csp") if not any(k in v for k in KNOWN_BLOCKED)]
    assert blocked == [], ("gegevens", blocked)


# --------------------------------------------------------------------------- DNS rebinding


def _open_websocket(port: int, host: str, origin: str) -> int:
    """The HTTP status of a websocket handshake to 127.0.0.1 that names ``host`` (101 = opened)."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        with connect(
            f"ws://{host}:{port}/_stcore/stream", sock=sock, origin=origin, subprotocols=["streamlit"],
            open_timeout=10,
        ):  # fmt: skip
            return 101
    except InvalidStatus as error:
        return error.response.status_code
    finally:
        sock.close()


def test_a_dns_rebinding_page_cannot_open_the_websocket(server: str) -> None:
    """A page of evil.example whose name the attacker re-points to 127.0.0.1 is "same origin"
    for the app; only server.allowedHosts refuses its websocket (docs/SECURITY.md)."""
    port = int(server.rsplit(":", 1)[1])
    assert _open_websocket(port, "127.0.0.1", f"http://127.0.0.1:{port}") == 101
    assert _open_websocket(port, "evil.example", f"http://evil.example:{port}") == 403
