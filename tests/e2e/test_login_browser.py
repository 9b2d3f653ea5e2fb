"""Real browser, real OpenID Connect: log in through oidc-provider-mock, see what the role allows.

Chromium clicks "Inloggen" → the provider's authorize form → fills ``sub`` → back in the app
(Streamlit's own ``/oauth2callback`` sets the identity cookie) → the gate looks the token's
``iss`` + ``sub`` up in ``app_user``. Per role: an unknown user sees only the no-access page;
a projectleider sees only their kern and reaches Gegevens; a gemeente official sees only their
gemeente's kernen and no Gegevens; logout leads back to the login page. The login round trip
(click "Inloggen" → first page drawn) is measured three times; the median goes to
``tests/artifacts/login_round_trip.json`` (a measurement, not a timing assertion).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sv_analytics import db, users
from tests.conftest import PROJECT
from tests.e2e.conftest import wait_for_app_run
from tests.e2e.oidc import LoginApp, Provider, oidc_provider, start_login_app  # noqa: F401

pytestmark = pytest.mark.e2e

KERNEN = list(csv.DictReader((PROJECT / "data" / "kernen.csv").open(encoding="utf-8")))
DEVENTER = sorted(f"{k['name']} ({k['gemeente_name']})" for k in KERNEN if k["gemeente_code"] == "GM0150")
PEOPLE = {
    "pl-bathmen": {"role": "projectleider", "kern_id": "bathmen", "email": "piet@bathmen.example",
                   "name": "Piet Projectleider"},
    "gm-deventer": {"role": "gemeente", "gemeente_code": "GM0150", "email": "gea@deventer.example",
                    "name": "Gea Gemeente"},
}  # fmt: skip


@pytest.fixture(scope="module")
def login_app(
    oidc_provider: Provider,  # noqa: F811
    demo_db: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LoginApp]:
    """The app in login mode on a demo database whose app_user knows the two PEOPLE (added
    with users.add_user before the server starts); the provider knows their e-mail and name."""
    folder = tmp_path_factory.mktemp("login")
    path = folder / "app.duckdb"
    shutil.copyfile(demo_db, path)
    conn = db.connect(path)
    try:
        for subject, person in PEOPLE.items():
            users.add_user(conn, issuer=oidc_provider.issuer, subject=subject, by="test", **person)
    finally:
        conn.close()
    for subject, person in PEOPLE.items():
        oidc_provider.set_user(subject, email=person["email"], name=person["name"])
    oidc_provider.set_user("nieuw-1", email="nieuw@elders.example", name="Nog Niemand")
    yield from start_login_app(path, oidc_provider, folder)


@pytest.fixture()
def fresh(browser: Browser) -> Iterator[Page]:
    """A page in a new browser context: no cookies, so no earlier login."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-NL")
    yield context.new_page()
    context.close()


def log_in(page: Page, app: LoginApp, provider: Provider, subject: str, heading: str) -> tuple[float, float]:
    """From the login page through the provider's form back into the app. Returns the seconds
    from the click on "Inloggen" until the browser is back on the app (the OIDC round trip:
    Streamlit's /auth/login, the provider's form, /oauth2callback) and until the first page
    (with ``heading``) is drawn."""
    page.goto(app.url)
    wait_for_app_run(page, timeout=120_000)
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    started = time.perf_counter()
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(rf"^{re.escape(provider.url)}/oauth2/authorize"), timeout=60_000)
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(rf"^{re.escape(app.url)}/"), timeout=60_000)
    back = time.perf_counter() - started
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=120_000)
    wait_for_app_run(page, timeout=120_000)
    return back, time.perf_counter() - started


def drawn_without_error(page: Page) -> None:
    """The page ran to its end: no exception box (the details are in the server log)."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def kern_options(page: Page) -> list[str]:
    """The options of the filter bar's kern selector (opened, read, closed again)."""
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text="Kern").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    texts = sorted(options.all_inner_texts())
    page.keyboard.press("Escape")
    return texts


def nav_links(page: Page) -> list[str]:
    """The page names in the sidebar navigation (without their icon's name)."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    return [text.strip().splitlines()[-1] for text in links]


def test_an_unknown_user_sees_only_the_no_access_page(
    login_app: LoginApp,
    oidc_provider: Provider,  # noqa: F811
    fresh: Page,
    artifacts: Path,
) -> None:
    log_in(fresh, login_app, oidc_provider, "nieuw-1", "Nog geen toegang")
    code = fresh.get_by_test_id("stCode").inner_text()
    assert "nieuw@elders.example" in code and oidc_provider.issuer in code and "nieuw-1" in code
    expect(fresh.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(fresh.get_by_role("button", name="Uitloggen")).to_be_visible()
    text = fresh.get_by_test_id("stApp").inner_text()
    assert [k["name"] for k in KERNEN if k["name"] in text] == []
    expect(fresh.get_by_test_id("stMetric")).to_have_count(0)
    expect(fresh.get_by_test_id("stDataFrame")).to_have_count(0)
    fresh.screenshot(path=str(artifacts / "login-geen-toegang.png"), full_page=True)
    # a page URL does not get past the gate either
    fresh.goto(f"{login_app.url}/mijn_kern?kern=bathmen")
    wait_for_app_run(fresh, timeout=120_000)
    expect(fresh.get_by_role("heading", name="Nog geen toegang")).to_be_visible()
    assert "Bathmen" not in fresh.get_by_test_id("stApp").inner_text()


def test_a_projectleider_sees_only_their_kern_and_reaches_gegevens(
    login_app: LoginApp,
    oidc_provider: Provider,  # noqa: F811
    browser: Browser,
    artifacts: Path,
) -> None:
    seconds: list[tuple[float, float]] = []
    for attempt in range(3):  # three fresh logins: the round trip, measured
        context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-NL")
        page = context.new_page()
        try:
            seconds.append(log_in(page, login_app, oidc_provider, "pl-bathmen", "Overzicht"))
            if attempt < 2:
                continue
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_text("Piet Projectleider")).to_be_visible()
            expect(sidebar.get_by_text("projectleider · kern Bathmen (Deventer)")).to_be_visible()
            assert "Gegevens" in nav_links(page) and "Gebruikers" not in nav_links(page)
            page.goto(f"{login_app.url}/mijn_kern")
            wait_for_app_run(page, timeout=120_000)
            expect(page.get_by_role("heading", name="Mijn kern: Bathmen")).to_be_visible()
            assert kern_options(page) == ["Bathmen (Deventer)"]
            page.screenshot(path=str(artifacts / "login-projectleider-mijn-kern.png"), full_page=True)
            drawn_without_error(page)
            # another kern by URL: never its figures
            page.goto(f"{login_app.url}/mijn_kern?kern=aadorp")
            wait_for_app_run(page, timeout=120_000)
            expect(page.get_by_role("heading", name="Mijn kern: Aadorp")).to_have_count(0)
            # Gegevens is reachable
            page.goto(f"{login_app.url}/gegevens")
            wait_for_app_run(page, timeout=120_000)
            expect(page.get_by_role("heading", name="Gegevens aanleveren")).to_be_visible()
        finally:
            context.close()
    result = {
        "what": "login round trip in seconds: click 'Inloggen' -> provider form -> back in the app "
        "(redirects) -> first page (Overzicht) drawn",
        "back_in_app": [round(back, 3) for back, _ in seconds],
        "first_page_drawn": [round(drawn, 3) for _, drawn in seconds],
        "median_back_in_app": round(statistics.median(back for back, _ in seconds), 3),
        "median_first_page_drawn": round(statistics.median(drawn for _, drawn in seconds), 3),
    }
    (artifacts / "login_round_trip.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"login round trip: {result}")


def test_a_gemeente_official_sees_only_their_gemeente_and_no_gegevens(
    login_app: LoginApp,
    oidc_provider: Provider,  # noqa: F811
    fresh: Page,
    artifacts: Path,
) -> None:
    log_in(fresh, login_app, oidc_provider, "gm-deventer", "Overzicht")
    expect(fresh.get_by_test_id("stSidebar").get_by_text("gemeente · gemeente Deventer")).to_be_visible()
    links = nav_links(fresh)
    assert "Overzicht" in links and "Gegevens" not in links and "Gebruikers" not in links
    fresh.goto(f"{login_app.url}/kernprofiel")
    wait_for_app_run(fresh, timeout=120_000)
    assert kern_options(fresh) == DEVENTER
    fresh.screenshot(path=str(artifacts / "login-gemeente-kernprofiel.png"), full_page=True)
    drawn_without_error(fresh)
    # the Gegevens URL does not open Gegevens
    fresh.goto(f"{login_app.url}/gegevens")
    wait_for_app_run(fresh, timeout=120_000)
    expect(fresh.get_by_role("heading", name="Gegevens aanleveren")).to_have_count(0)


def test_logout_returns_to_the_login_page(
    login_app: LoginApp,
    oidc_provider: Provider,  # noqa: F811
    fresh: Page,
) -> None:
    log_in(fresh, login_app, oidc_provider, "gm-deventer", "Overzicht")
    fresh.get_by_test_id("stSidebar").get_by_role("button", name="Uitloggen").click()
    # Streamlit sends the browser to the provider's end-session endpoint (OIDC logout) …
    fresh.wait_for_url(re.compile(rf"^{re.escape(oidc_provider.url)}/oauth2/end_session"), timeout=60_000)
    fresh.get_by_role("button", name="End session").click()
    # … which returns to the app's /oauth2callback and from there to the login page
    fresh.wait_for_url(re.compile(rf"^{re.escape(login_app.url)}/"), timeout=60_000)
    expect(fresh.get_by_role("heading", name="Inloggen")).to_be_visible(timeout=120_000)
    assert not [c for c in fresh.context.cookies() if c["name"].startswith("_streamlit_user")]
    fresh.goto(f"{login_app.url}/overzicht")  # the cookie is gone: still the login page
    wait_for_app_run(fresh, timeout=120_000)
    expect(fresh.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(fresh.get_by_test_id("stSidebarNav")).to_have_count(0)
