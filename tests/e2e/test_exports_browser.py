"""Real browser: every table's Excel download holds real numbers and dates, and its context.

For each page with tables the test clicks every "Excel" download, opens the file with openpyxl
and checks that no cell is a number or a date written as text (``'1.550'``, ``'16,3%'``,
``'17 jan 2017'``), that the in-app links are not exported, and that the Toelichting sheet
records the choices of the page (period, gemeente, kern, …) and the data version.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from sv_analytics import exports, privacy
from tests.e2e.conftest import choose, wait_for_app_run

pytestmark = pytest.mark.e2e

#: page → the choices its Toelichting must list (labels of the filters the page shows)
PAGES = {
    "overzicht": ("Periode", "Gemeente", "Doelgroep"),
    "kernprofiel": ("Kern",),
    "deelname": ("Periode", "Gemeente", "Kern"),
    "mijn_kern": ("Kern",),
    "wat_werkt": ("Periode",),
    "sociale_kaart": ("Kern",),
    "samenwerking": ("Kern",),
    "evaluatie": ("Kern",),
    "kennisplein": (),
}
DUTCH_NUMBER = re.compile(r"^[−-]?\d{1,3}(\.\d{3})*(,\d+)?\s?%?$|^[−-]?\d+,\d+\s?%?$")
MONTHS = "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec"
DUTCH_DATE = re.compile(rf"^(\d{{1,2}} )?({MONTHS}) \d{{4}}$")


def downloads(page: Page) -> list[openpyxl.Workbook]:
    """Every Excel download the page offers: collapsed expanders are opened first; buttons on
    a tab that is not shown are left (their tables are the same kind as the shown tab's)."""
    books = []
    buttons = page.get_by_test_id("stDownloadButton").filter(has_text="Excel")
    buttons.first.wait_for(state="attached", timeout=60_000)  # the run may not have started yet
    wait_for_app_run(page)
    closed = page.locator("[data-testid='stExpander'] details:not([open]) > summary")
    for _ in range(20):  # each click opens one; the list of closed ones shrinks
        if not closed.count():
            break
        closed.first.click()
    for index in range(buttons.count()):
        button = buttons.nth(index).locator("button")
        if not button.is_visible():
            continue
        with page.expect_download(timeout=60_000) as info:
            button.click()
        books.append(openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes())))
    return books


def text_that_should_be_typed(book: openpyxl.Workbook) -> list[str]:
    """Cells of the data sheet that hold a number or a date as text."""
    wrong = []
    for row in book[exports.DATA_SHEET].iter_rows(min_row=2):
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value != privacy.SUPPRESSED:
                text = value.strip()
                if DUTCH_NUMBER.match(text) or DUTCH_DATE.match(text) or "?kern=" in text:
                    wrong.append(f"{cell.coordinate}: {value!r}")
    return wrong


@pytest.mark.parametrize("stem", list(PAGES))
def test_every_excel_download_is_typed_and_says_what_was_chosen(app_url: str, page: Page, stem: str) -> None:
    page.goto(app_url if stem == "overzicht" else f"{app_url}/{stem}")  # the default page lives at /
    wait_for_app_run(page)
    books = downloads(page)
    assert books, f"{stem}: geen Excel-download op de pagina"
    typed = 0  # numbers and dates written as numbers and dates
    for book in books:
        assert book.sheetnames == [exports.DATA_SHEET, exports.NOTES_SHEET]
        assert text_that_should_be_typed(book) == []
        data = book[exports.DATA_SHEET]
        typed += sum(
            (isinstance(c.value, (int, float)) and not isinstance(c.value, bool)) or c.is_date
            for row in data.iter_rows(min_row=2) for c in row
        )  # fmt: skip
        notes = {
            row[0]: row[1] for row in book[exports.NOTES_SHEET].iter_rows(values_only=True) if row and row[0]
        }
        assert exports.DEMO_NOTE in notes, "de demo-opmerking ontbreekt"
        assert isinstance(notes.get("Gegevensversie"), int)
        for label in PAGES[stem]:
            assert notes.get(label), f"{stem}: keuze {label!r} ontbreekt in de Toelichting"
    assert typed > 0, f"{stem}: geen enkel getal of datum als getal of datum geëxporteerd"


def _switch_exact_on(page: Page) -> None:
    """The sidebar switch 'Exacte aantallen op scherm' (local mode: the beheerder may), and its rerun."""
    from sv_analytics.texts import t

    page.get_by_test_id("stSidebar").get_by_text(t("auth.exact"), exact=True).click()
    wait_for_app_run(page)


def test_with_exact_counts_on_screen_the_excel_and_the_png_stay_protected(
    app_url: str, page: Page, demo_db
) -> None:
    """Issue 12: exports, PNGs and reports are protected for anyone, whatever the screen shows.

    Overzicht, Losser + chronisch: the screen shows Overdinkel's 4 referrals; the Excel of the same
    table holds '<5' and only multiples of 5. Deelname, Overdinkel: the referral chart's PNG is the
    protected chart (the same bytes as rendering it with protected=True here), not the exact one.
    """
    from datetime import date

    import duckdb

    from sv_analytics import charts as chart_lib
    from sv_analytics import db, deelname, fmt, indicators, vocab
    from sv_analytics.charts import deelname as deelname_charts
    from sv_analytics.texts import t

    page.goto(f"{app_url}/?gemeente=Losser")
    wait_for_app_run(page)
    choose(page, t("filter.doelgroep"), vocab.DOELGROEP["chronisch"])
    _switch_exact_on(page)
    referrals = page.get_by_test_id("stMetric").filter(has_text="Doorverwijzingen")
    expect(referrals.get_by_test_id("stMetricValue")).to_have_text("4")  # the exact total on screen
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Excel").first.locator("button")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    rows = list(book[exports.DATA_SHEET].iter_rows(values_only=True))
    header, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert body["Overdinkel"]["Doorverwijzingen"] == privacy.SUPPRESSED
    counts = [
        h for h in header if h in ("Activiteiten", "Deelnemers", "Nieuwe deelnemers", "Doorverwijzingen")
    ]
    for row in body.values():
        for column in counts:
            assert row[column] == privacy.SUPPRESSED or row[column] % 5 == 0, (row, column)

    page.goto(f"{app_url}/deelname?kern=overdinkel")
    wait_for_app_run(page)
    _switch_exact_on(page)
    pngs = page.get_by_test_id("stDownloadButton").filter(has_text=t("common.download_png"))
    with page.expect_download(timeout=60_000) as info:
        pngs.nth(1).locator("button").click()  # the second chart: referrals per month
    assert info.value.suggested_filename == "deelname-doorverwijzingen.png"
    downloaded = info.value.path().read_bytes()
    start, end = date(2017, 1, 1), date(2018, 12, 1)
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        trend = deelname.trend(conn, start, end, kern="overdinkel")
        targets = deelname.targets(conn, "overdinkel", start, end, "maand")
        version = db.data_version(conn)
    months = trend[trend["code"] == "doorverwijzingen"]
    goals = targets[targets["code"] == "doorverwijzingen"]

    # the context the page draws into the PNG (issue 15), written out here from the page's choices
    choices = [
        (t("filter.period"), fmt.period(start, end)), (t("filter.gemeente"), t("filter.all_gemeenten")),
        (t("filter.doelgroep"), t("filter.all_doelgroepen")), (t("filter.kern"), "Overdinkel (Losser)"),
        (t("deelname.grain"), t("deelname.grain.maand")), (t("deelname.dimension"), t("deelname.dim.soort")),
    ]  # fmt: skip
    found = indicators.get("doorverwijzingen")
    context = chart_lib.PngContext(
        title=t("png.title_when", chart=t("deelname.chart_referrals"), scope="Overdinkel", when=fmt.period(start, end)),
        subtitle=" · ".join(f"{label}: {value}" for label, value in choices),
        units=t("png.units", unit=found.unit),
        source=t("png.source", source=found.source, year="2017–2018", version=version),
        demo=True,
    )  # fmt: skip

    def png(protected: bool) -> bytes:
        figure = deelname_charts.bars(months, grain="maand", title=t("deelname.chart_referrals"), targets=goals,
                                      protected=protected)  # fmt: skip
        return chart_lib.to_png(figure, context=context)

    assert downloaded == png(True)
    assert downloaded != png(False)
