"""Real reports end to end: the demo database's reports for a kern (Bathmen), a gemeente
(Deventer) and the programme, built with ``build.build_report`` and drawn with ``run.render``,
reopened as a reader would (python-pptx, pypdf) and checked against independent SQL on the
tables ``participation``, ``activity``, ``referral`` and ``kern`` — not against the model."""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import pypdf
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from sv_analytics import indicators
from sv_analytics.report import build, model, run
from sv_analytics.report import pptx as deck
from sv_analytics.texts import t
from tests.conftest import dutch, sql

GENERATED_AT = datetime(2019, 1, 15, 10, 30)
#: The default moment (eind_2018): jan 2017 – dec 2018, shown per quarter.
START, END = date(2017, 1, 1), date(2018, 12, 1)
QUARTERS = [date(year, month, 1) for year in (2017, 2018) for month in (1, 4, 7, 10)]
REQUESTS = {
    "kern": build.Request("kern", "bathmen"),
    "gemeente": build.Request("gemeente", "GM0150"),
    "programma": build.Request("programma", None),
}
#: What each block kind of the model becomes in the deck (python-pptx's reading of it).
CHART_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "barh": XL_CHART_TYPE.BAR_CLUSTERED,
}


# ------------------------------------------------------------------------------ independent SQL
def protect(n: float | int | None) -> int | None:
    """A count as others may see it, written out again here: 0 → 0, 1–4 → None, else the
    nearest multiple of 5 (halves up)."""
    if n is None or n <= 0:
        return 0
    if n < 5:
        return None
    return int(math.floor(n / 5 + 0.5) * 5)


def _where(kind: str) -> str:
    return {"kern": "k.kern_id = 'bathmen'", "gemeente": "k.gemeente_code = 'GM0150'", "programma": "TRUE"}[
        kind
    ]


def participation_per_quarter(db: Path, kind: str) -> dict[date, tuple[int, int, int]]:
    """Per quarter: participants (an activity's participants in its first month of the quarter
    plus the newcomers of its later months), new participants, previously inactive."""
    frame = sql(
        db,
        f"""
        WITH rows AS (
            SELECT date_trunc('quarter', p.month)::DATE AS quarter, p.participants,
                   p.new_participants, p.previously_inactive,
                   row_number() OVER (PARTITION BY p.activity_id, date_trunc('quarter', p.month)
                                      ORDER BY p.month) AS nth
            FROM participation AS p
            JOIN activity AS a USING (activity_id)
            JOIN kern AS k ON k.kern_id = a.kern_id
            WHERE p.month BETWEEN ? AND ? AND {_where(kind)})
        SELECT quarter,
               sum(CASE WHEN nth = 1 THEN participants ELSE new_participants END) AS people,
               sum(new_participants) AS new, sum(previously_inactive) AS inactive
        FROM rows GROUP BY quarter ORDER BY quarter
        """,
        START,
        END,
    )
    found = {
        row.quarter.date(): (int(row.people), int(row.new), int(row.inactive)) for row in frame.itertuples()
    }
    return {q: found.get(q, (0, 0, 0)) for q in QUARTERS}


def referrals_per_quarter(db: Path, kind: str) -> dict[date, int]:
    frame = sql(
        db,
        f"""
        SELECT date_trunc('quarter', r.month)::DATE AS quarter, sum(r.n) AS n
        FROM referral AS r JOIN kern AS k USING (kern_id)
        WHERE r.month BETWEEN ? AND ? AND {_where(kind)}
        GROUP BY quarter
        """,
        START,
        END,
    )
    found = {row.quarter.date(): int(row.n) for row in frame.itertuples()}
    return {q: found.get(q, 0) for q in QUARTERS}


def headline(db: Path, kind: str) -> dict[str, int]:
    """The period's participants (first month of each activity in the period, then newcomers),
    new participants and referrals."""
    people = sql(
        db,
        f"""
        WITH rows AS (
            SELECT p.participants, p.new_participants,
                   row_number() OVER (PARTITION BY p.activity_id ORDER BY p.month) AS nth
            FROM participation AS p
            JOIN activity AS a USING (activity_id)
            JOIN kern AS k ON k.kern_id = a.kern_id
            WHERE p.month BETWEEN ? AND ? AND {_where(kind)})
        SELECT sum(CASE WHEN nth = 1 THEN participants ELSE new_participants END) AS people,
               sum(new_participants) AS new
        FROM rows
        """,
        START,
        END,
    ).iloc[0]
    return {
        "deelnemers": int(people["people"]),
        "nieuwe_deelnemers": int(people["new"]),
        "doorverwijzingen": sum(referrals_per_quarter(db, kind).values()),
    }


def quarter_label(quarter: date) -> str:
    return f"K{(quarter.month - 1) // 3 + 1} {quarter.year}"


# ------------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def reports(demo_db: Path) -> dict[str, model.Report]:
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        return {
            kind: build.build_report(conn, request, generated_at=GENERATED_AT)
            for kind, request in REQUESTS.items()
        }


@pytest.fixture(scope="module")
def decks(reports: dict[str, model.Report]) -> dict[str, bytes]:
    return {kind: run.render(report, "pptx") for kind, report in reports.items()}


@pytest.fixture(scope="module")
def pdfs(reports: dict[str, model.Report]) -> dict[str, bytes]:
    return {kind: run.render(report, "pdf") for kind, report in reports.items()}


def slides_of(data: bytes) -> list:
    return list(Presentation(io.BytesIO(data)).slides)


def title_of(slide) -> str:
    """A slide's title as the report wrote it (the deck breaks "what — context" with a \\v)."""
    shape = slide.shapes.title
    return shape.text_frame.text.replace("\v", deck.TITLE_CONTEXT) if shape is not None else ""


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def deck_charts(data: bytes) -> dict[str, object]:
    """Slide title → its native chart."""
    return {title_of(s): shape.chart for s in slides_of(data) for shape in s.shapes if shape.has_chart}


def chart_type(chart) -> XL_CHART_TYPE:
    """As inserted: python-pptx reads a line chart whose target series hides its markers back as
    LINE; the chart is a line chart with markers (``c:marker val=1``)."""
    plot = chart.plots[0]._element
    if plot.tag.endswith("}lineChart") and plot.xpath("c:marker/@val") == ["1"]:
        return XL_CHART_TYPE.LINE_MARKERS
    return chart.chart_type


def series_values(chart, name: str) -> list[float | None]:
    [found] = [s for s in chart.plots[0].series if s.name == name]
    return list(found.values)


def block_of(report: model.Report, kind: type, starts: str):
    return next(b for b in report.blocks() if isinstance(b, kind) and b.title.startswith(starts))


def pdf_text(data: bytes) -> tuple[int, str, list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    return len(reader.pages), " ".join(pages), pages


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------------------ PPTX
@pytest.mark.parametrize("kind", list(REQUESTS))
def test_every_chart_and_table_has_a_slide_with_the_right_chart_type(
    kind: str, reports: dict[str, model.Report], decks: dict[str, bytes]
) -> None:
    report, data = reports[kind], decks[kind]
    titles = {title_of(slide) for slide in slides_of(data)}
    blocks = [b for b in report.blocks() if isinstance(b, model.Chart | model.Table)]
    assert blocks, "a real report has charts and tables"
    missing = [b.title for b in blocks if b.title not in titles]
    assert not missing
    found = deck_charts(data)
    for chart in (b for b in blocks if isinstance(b, model.Chart)):
        assert chart_type(found[chart.title]) == CHART_TYPES[chart.kind], chart.title


@pytest.mark.parametrize("kind", list(REQUESTS))
def test_trend_and_referral_charts_equal_independent_sql(
    kind: str, demo_db: Path, reports: dict[str, model.Report], decks: dict[str, bytes]
) -> None:
    report, found = reports[kind], deck_charts(decks[kind])
    trend = found[block_of(report, model.Chart, t("report.trend_quarter")).title]
    referrals = found[block_of(report, model.Chart, t("report.referrals_quarter")).title]
    labels = [quarter_label(q) for q in QUARTERS]
    assert list(trend.plots[0].categories) == labels
    assert list(referrals.plots[0].categories) == labels
    people = participation_per_quarter(demo_db, kind)
    assert series_values(trend, "Deelnemers") == [protect(p[0]) for p in people.values()]
    assert series_values(trend, "Nieuwe deelnemers") == [protect(p[1]) for p in people.values()]
    assert series_values(trend, "Voorheen inactief") == [protect(p[2]) for p in people.values()]
    expected = [protect(n) for n in referrals_per_quarter(demo_db, kind).values()]
    assert series_values(referrals, "Doorverwijzingen") == expected
    assert any(v and v > 0 for v in expected), "the demo has referrals to compare"


def _deck_texts(data: bytes) -> dict[str, str]:
    """Every XML part of the deck, and of each embedded chart workbook, as text."""
    texts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            content = package.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(content)) as book:
                    for inner in book.namelist():
                        if inner.endswith(".xml"):
                            texts[f"{name}!{inner}"] = book.read(inner).decode("utf-8")
            elif name.endswith((".xml", ".rels")):
                texts[name] = content.decode("utf-8")
    return texts


def test_a_deventer_deck_names_no_kern_outside_deventer(demo_db: Path, decks: dict[str, bytes]) -> None:
    outside = sql(demo_db, "SELECT name FROM kern WHERE gemeente_code <> 'GM0150'")["name"].tolist()
    inside = sql(demo_db, "SELECT name FROM kern WHERE gemeente_code = 'GM0150'")["name"].tolist()
    assert outside and inside
    texts = _deck_texts(decks["gemeente"])
    assert any(".xlsx!" in part for part in texts), "the charts embed their workbooks"
    everything = "\n".join(texts.values())
    assert all(name in everything for name in inside)
    for name in outside:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        leaks = [part for part, text in texts.items() if pattern.search(text)]
        assert not leaks, (name, leaks)


@pytest.mark.parametrize("kind", list(REQUESTS))
def test_the_demo_note_is_on_every_slide(
    kind: str, reports: dict[str, model.Report], decks: dict[str, bytes]
) -> None:
    note = reports[kind].demo_note
    assert note and "fictie" in note
    slides = slides_of(decks[kind])
    assert all(note in slide_text(slide) for slide in slides)


#: What counts people (and so is protected): the registry names of those indicators, as a
#: table column or, in "Doelen en realisatie", as the row's indicator of its realisation.
PEOPLE = {
    indicators.get(code).name
    for code in (
        "deelnemers",
        "nieuwe_deelnemers",
        "voorheen_inactief",
        "doorverwijzingen",
        "vrijwilligers_actief",
    )
}


#: The charts that count people: the trend, the referrals and the volunteers (the others show
#: shares, averages per month, or counts of kernen and targets).
PEOPLE_CHARTS = (t("report.trend_quarter"), t("report.referrals_quarter"), t("report.volunteers"))


def _protected_text(text: str) -> bool:
    """A protected count as a cell shows it: "<5", or 0 or a multiple of 5 ("1.235")."""
    text = text.strip()
    return text == "<5" or (
        re.fullmatch(r"\d{1,3}(\.\d{3})*", text) is not None and int(text.replace(".", "")) % 5 == 0
    )


def _people_cells(header: list[str], cells: list[str]) -> list[str]:
    row = dict(zip(header, cells, strict=True))
    found = [text for label, text in row.items() if label in PEOPLE]
    if row.get("Indicator") in PEOPLE and "Realisatie" in row:
        found.append(row["Realisatie"])
    return found


@pytest.mark.parametrize("kind", list(REQUESTS))
def test_no_count_of_1_to_4_in_a_chart_or_a_table(kind: str, decks: dict[str, bytes]) -> None:
    """The counts of people in the charts are 0, empty or a multiple of 5 (targets aside); so is
    every count of people in a table ("<5" where 1–4)."""
    values = cells = 0
    for slide in slides_of(decks[kind]):
        for shape in slide.shapes:
            if shape.has_chart and title_of(slide).startswith(PEOPLE_CHARTS):
                for series in shape.chart.plots[0].series:
                    if series.name == t("deelname.target_label"):
                        continue
                    for value in series.values:
                        values += 1
                        assert value is None or (value == int(value) and value % 5 == 0), (
                            title_of(slide), series.name, value)  # fmt: skip
            if shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                for row in rows[1:]:
                    for text in _people_cells(rows[0], row):
                        cells += 1
                        assert _protected_text(text), (title_of(slide), row, text)
    assert values >= (3 + 1 + 2) * 8  # trend, referrals, volunteers: their series over 8 quarters
    assert cells > 0 or kind == "kern"


# ------------------------------------------------------------------------------ PDF
@pytest.mark.parametrize("kind", list(REQUESTS))
def test_the_pdf_holds_scope_moment_period_figures_and_sections(
    kind: str, demo_db: Path, reports: dict[str, model.Report], pdfs: dict[str, bytes]
) -> None:
    report = reports[kind]
    pages, text, per_page = pdf_text(pdfs[kind])
    assert squeeze(report.scope_name) in text
    assert report.moment_label in text and report.moment_label == "Eindrapportage 2018"
    assert squeeze(report.period_label) in text and "jan 2017" in text and "dec 2018" in text
    for code, value in headline(demo_db, kind).items():
        assert dutch(protect(value)) in text, code
    for section in report.sections:
        assert squeeze(section.title) in text
    # a headline figure's source names its years once ("… (werkboek per kern), 2017–2018")
    assert "2017–2018 2017–2018" not in text
    assert pages >= len(report.sections) + 2
    for number, page in enumerate(per_page, start=1):
        assert t("pdf.page_of", page=number, total=pages) in page


# ------------------------------------------------------------------------------ determinism
def test_renders_are_byte_identical_also_after_a_fresh_build(
    demo_db: Path, reports: dict[str, model.Report], decks: dict[str, bytes], pdfs: dict[str, bytes]
) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        again = build.build_report(conn, REQUESTS["kern"], generated_at=GENERATED_AT)
    assert again == reports["kern"]
    assert run.render(reports["kern"], "pdf") == pdfs["kern"]
    assert run.render(again, "pdf") == pdfs["kern"]
    assert run.render(again, "pptx") == decks["kern"]
    assert run.render(reports["kern"], "pptx") == decks["kern"]
