"""Tests of sv_analytics.report.pdf, the PDF report through Typst: the sample report
(tests/report_sample.py, every block kind) reopened with pypdf — cover, contents, sections,
figures, page numbers, the long table's repeated header, the demo note on every page, PDF/UA
metadata, only the shipped fonts, report text shown literally, byte-identical renders."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import typing
from datetime import datetime
from pathlib import Path

import pypdf
import pytest
import typst

from sv_analytics import charts, fonts
from sv_analytics.report import model, pdf
from sv_analytics.texts import t
from tests.report_sample import sample_report

#: Report text that would be markup in Typst: heading, strong, math, emphasis, label, reference,
#: escape, comment. It must come out as typed.
HOSTILE = "#kern *vet* $x^2$ _schuin_ <label> @ref \\n // geen commentaar = nee"


def reopen(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text with runs of white space as one space (pypdf breaks lines at will)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reopen(data).pages]


def body_of(text: str) -> str:
    """A page's text below the running header (which ends with the demo label)."""
    return text.split(t("pdf.demo_short"), 1)[-1].strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def report() -> model.Report:
    return sample_report()


@pytest.fixture(scope="module")
def rendered(report: model.Report) -> bytes:
    return pdf.render_pdf(report)


@pytest.fixture(scope="module")
def texts(rendered: bytes) -> list[str]:
    return page_texts(rendered)


def test_the_cover_names_scope_moment_period_filters_and_data(report: model.Report, texts: list[str]) -> None:
    cover = texts[0]
    for expected in (
        report.title,
        t("pdf.scope_kern", name="Bathmen"),
        report.moment_label,
        report.period_label,
        "Gegevensversie 7",
        "Peildatum 31 dec 2018",
        "Gemaakt op 31 dec 2018, 12:00 uur",
        *(f"{label} {value}" for label, value in report.choices),
    ):
        assert expected in cover, expected


def test_contents_sections_and_appendix_in_order(report: model.Report, texts: list[str]) -> None:
    assert texts[1].startswith(t("pdf.contents")) or t("pdf.contents") in texts[1]
    for number, section in enumerate(report.sections, start=1):
        assert f"{number} {section.title}" in texts[1]
        # Every section starts a page of its own, its numbered heading first under the header.
        starts = [i for i, text in enumerate(texts) if body_of(text).startswith(f"{number} {section.title}")]
        assert len(starts) == 1, section.title
    assert t("pdf.appendix") in texts[1] and t("pdf.appendix") in texts[-1]
    for expected in (*report.sources, *report.caveats, "Deelnemers Unieke deelnemers (personen)."):
        assert expected in texts[-1], expected


def test_every_page_says_pagina_n_van_total(texts: list[str]) -> None:
    total = len(texts)
    assert total >= 6
    for number, text in enumerate(texts, start=1):
        assert t("pdf.page_of", page=number, total=total) in text


def test_figures_charts_and_their_small_print(report: model.Report, texts: list[str]) -> None:
    body = " ".join(texts[2:])
    for figure in report.sections[0].blocks[0].figures:
        assert f"{figure.label} {figure.value} {figure.unit}" in body
    assert "Figuur 1: Deelnemers per maand — Bathmen, jan 2017 – mrt 2017" in body
    assert "Bron: Monitoringwerkboek 2017" in body and "Aantallen 1–4 als <5." in body
    assert "Figuur 3: Kaart — Bathmen" in body and "Bron: CBS 2017" in body
    # The chart's own text (axis labels drawn by vl-convert as SVG <text>) is real PDF text.
    assert "feb 2017" in body and "Lemele" in body


def test_the_long_table_spans_pages_with_its_header_on_each(texts: list[str]) -> None:
    with_rows = [i for i, text in enumerate(texts) if re.search(r"Activiteit \d+ ", text)]
    assert len(with_rows) >= 2
    assert "Activiteit 1 " in texts[with_rows[0]] and "Activiteit 60 " in texts[with_rows[-1]]
    for i in with_rows:
        assert texts[i].count("Activiteit Deelnemers Aandeel") == 1, i
    assert "Activiteit 7 <5 7,5%" in " ".join(texts)


def test_the_demo_note_is_on_every_page_and_only_with_demo_data(
    report: model.Report, texts: list[str]
) -> None:
    note = squeeze(report.demo_note)
    assert all(note in text and t("pdf.demo_short") in text for text in texts)
    plain = page_texts(pdf.render_pdf(sample_report(demo=False)))
    assert not any("fictieve" in text for text in plain)


def test_the_pdf_is_tagged_pdf_ua_with_title_and_language(report: model.Report, rendered: bytes) -> None:
    reader = reopen(rendered)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nl"
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp
    assert reader.metadata.title == report.title and reader.metadata.author == t("app.title")


def test_the_images_carry_their_title_as_alt_text(report: model.Report, rendered: bytes) -> None:
    alts = set()
    stack = [reopen(rendered).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
            continue
        if not isinstance(node, pypdf.generic.DictionaryObject):
            continue
        if "/Alt" in node:
            alts.add(str(node["/Alt"]))
        if "/K" in node:
            stack.append(node["/K"])
    charts = [b.title for b in report.blocks() if isinstance(b, model.Chart | model.Image)]
    assert set(charts) <= alts


def font_names(reader: pypdf.PdfReader) -> set[str]:
    names: set[str] = set()

    def walk(resources: pypdf.generic.DictionaryObject) -> None:
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                walk(xobject["/Resources"])

    for page in reader.pages:
        walk(page["/Resources"])
    return names


def test_only_the_shipped_fonts_are_embedded(rendered: bytes) -> None:
    names = font_names(reopen(rendered))
    assert names
    shipped = {path.stem for path in fonts.FONT_DIR.glob("*.ttf")}
    assert {name.split("+", 1)[-1] for name in names} <= shipped, names


def test_report_text_is_shown_literally_never_as_markup() -> None:
    base = sample_report()
    table = dataclasses.replace(base.sections[2].blocks[0], rows=((HOSTILE, "5", "1,0%"),))
    text = model.Text(HOSTILE, paragraphs=(HOSTILE,), items=(model.Item(HOSTILE, (HOSTILE,)),))
    report = dataclasses.replace(
        base,
        title=HOSTILE,
        scope_name=HOSTILE,
        sections=(model.Section(HOSTILE, (table, text), intro=HOSTILE),),
        sources=(HOSTILE,),
    )
    texts = page_texts(pdf.render_pdf(report))
    body = " ".join(texts)
    assert body.count(HOSTILE) >= 8
    assert t("pdf.scope_kern", name=HOSTILE) in texts[0]
    assert reopen(pdf.render_pdf(report)).metadata.title == HOSTILE


def test_two_renders_are_byte_identical_and_dated_by_the_report(
    report: model.Report, rendered: bytes
) -> None:
    assert pdf.render_pdf(report) == rendered
    assert reopen(rendered).metadata["/CreationDate"] == "D:20181231120000Z"
    later = pdf.render_pdf(dataclasses.replace(report, generated_at=datetime(2019, 1, 2, 9, 30)))
    assert later != rendered
    assert reopen(later).metadata["/CreationDate"] == "D:20190102093000Z"


def test_nothing_of_the_rendering_machine_is_in_the_pdf(rendered: bytes) -> None:
    for path in (fonts.FONT_DIR, pdf.TEMPLATE.parent, Path.home(), Path("/tmp")):
        assert str(path).encode() not in rendered, path


def test_each_chart_spec_is_rendered_once(report: model.Report) -> None:
    chart = report.sections[1].blocks[0]
    first, (width, height) = pdf.chart_svg(chart.spec)
    assert pdf.chart_svg(dict(chart.spec))[0] is first
    assert first.startswith("<svg") and "feb 2017" in first
    assert width == float(re.search(r'width="([0-9.]+)"', first).group(1)) > chart.spec["width"]
    assert height == float(re.search(r'height="([0-9.]+)"', first).group(1)) > chart.spec["height"]


def test_a_chart_is_drawn_in_the_shipped_face_whatever_its_spec_says(report: model.Report) -> None:
    """Typst, not vl-convert, sets the SVG's text, with only the shipped fonts: a chart whose
    spec names another face (monospace) brings no other font into the PDF."""
    spec = {**report.sections[1].blocks[0].spec, "config": {"font": "monospace"}}
    chart = dataclasses.replace(report.sections[1].blocks[0], spec=spec)
    only = dataclasses.replace(report, sections=(model.Section("Deelname", (chart,)),))
    data = pdf.render_pdf(only)
    families = set(re.findall(r'font-family="([^"]*)"', pdf.chart_svg(spec)[0]))
    assert families and all(fonts.FAMILY in family for family in families)
    assert "feb 2017" in " ".join(page_texts(data))
    shipped = {path.stem for path in fonts.FONT_DIR.glob("*.ttf")}
    assert {name.split("+", 1)[-1] for name in font_names(reopen(data))} <= shipped


def test_the_sample_is_kept_for_a_person_to_look_at(rendered: bytes, artifacts: Path) -> None:
    """Not a check of the layout (a person looks at the pages), only that the file is a PDF."""
    out = artifacts / "report-sample.pdf"
    out.write_bytes(rendered)
    assert out.read_bytes()[:5] == b"%PDF-"


def test_the_reused_compiler_gives_the_bytes_of_a_fresh_compile(
    report: model.Report, rendered: bytes
) -> None:
    """render_pdf keeps one Typst compiler per process; a new one must not change a byte."""
    fresh = typst.compile(
        pdf.TEMPLATE.read_bytes(),
        root=str(pdf.TEMPLATE.parent),
        font_paths=[str(fonts.FONT_DIR)],
        ignore_system_fonts=True,
        sys_inputs={"report": json.dumps(pdf.payload(report), ensure_ascii=False)},
        pdf_standards=["ua-1"],
        timestamp=pdf._timestamp(report.generated_at),
    )
    assert fresh == rendered


def test_a_report_with_empty_parts_still_renders(report: model.Report) -> None:
    """A scope without data gives empty blocks; the PDF says what there is and does not fail."""
    empty = (
        model.Metrics("Kerncijfers", ()),
        model.Table("Activiteiten", ("Activiteit", "Deelnemers"), (), (False,)),
        model.Text("Bevindingen"),
    )
    bare = dataclasses.replace(
        report,
        choices=(),
        sections=(model.Section("Leeg", empty), model.Section("Niets", ())),
        sources=(),
        definitions=(),
        caveats=(),
    )
    texts = page_texts(pdf.render_pdf(bare))
    assert "1 Leeg" in texts[1] and "2 Niets" in texts[1]
    assert "Activiteit Deelnemers" in " ".join(texts)
    assert t("pdf.appendix") in texts[-1]


def test_no_heading_stands_alone_at_the_bottom_of_a_page(report: model.Report) -> None:
    """Forty text blocks of varying length: somewhere a heading falls near a page's end (without
    ``sticky`` two of them end a page here); each must move on with its first lines."""
    sentence = "Een zin met wat woorden erin."
    blocks = tuple(
        model.Text(f"Blok {i}", paragraphs=(" ".join([sentence] * (3 + (i * 7) % 11)),)) for i in range(40)
    )
    data = pdf.render_pdf(dataclasses.replace(report, sections=(model.Section("Veel", blocks),)))
    pages = reopen(data).pages
    assert len(pages) >= 5
    for page in pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if "fictieve" not in line and not line.startswith("Pagina")]
        assert not re.fullmatch(r"Blok \d+", body[-1]), body[-3:]


def test_numeric_columns_are_right_aligned_text_columns_left(rendered: bytes) -> None:
    reader = reopen(rendered)
    page = next(p for p in reader.pages if "Activiteit 1 5 1,5%" in squeeze(p.extract_text()))
    starts: dict[str, float] = {}

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        starts.setdefault(text.strip(), cm[4] + tm[4])

    page.extract_text(visitor_text=visit)
    # Deelnemers: "5" (row 1), "10" (row 2), "100" (row 20) end at one right edge.
    assert starts["5"] > starts["10"] > starts["100"]
    assert starts["Activiteit 1"] == starts["Activiteit 10"]


def test_a_tall_chart_is_shrunk_to_fit_the_page(report: model.Report) -> None:
    """A chart taller than a page (a long heat map) would run off it; it is scaled to fit."""
    spec = {**report.sections[1].blocks[0].spec, "width": 300, "height": 2400}
    chart = dataclasses.replace(report.sections[1].blocks[0], spec=spec)
    only = dataclasses.replace(report, sections=(model.Section("Lang", (chart,)),))
    reader = reopen(pdf.render_pdf(only))
    page = next(p for p in reader.pages if "Figuur 1:" in p.extract_text())
    assert "feb 2017" in page.extract_text()  # the axis under the chart is on the same page
    assert len(reader.pages) == 4  # cover, contents, the chart, the appendix


def test_the_cover_names_every_kind_of_scope(report: model.Report) -> None:
    assert set(pdf.SCOPE_KEYS) == set(typing.get_args(model.ScopeKind))
    for kind, name, expected in (
        ("gemeente", "Deventer", "Gemeente Deventer"),
        ("programma", "Sociaal Vitaal in kleine kernen", "Sociaal Vitaal in kleine kernen"),
    ):
        cover = pdf.payload(dataclasses.replace(report, scope_kind=kind, scope_name=name))["cover"]
        assert cover[0] == [t("pdf.cover_scope"), expected]


def test_the_cover_does_not_repeat_a_filter_it_already_names(report: model.Report) -> None:
    """The builder's choices may hold the period, moment or peildatum; the cover lists each once."""
    choices = (("Rapportage", report.moment_label), ("Periode", report.period_label), ("Doelgroep", "65+"))
    cover = pdf.payload(dataclasses.replace(report, choices=choices))["cover"]
    labels = [label for label, _value in cover]
    assert len(labels) == len(set(labels))
    assert [row[1] for row in cover].count(report.moment_label) == 1
    assert ["Doelgroep", "65+"] in cover


#: The PDF's text width in SVG pixels: A4 (21 cm) less two margins of 2,2 cm, at 96 per inch.
TEXT_WIDTH_PX = (21 - 2 * 2.2) / 2.54 * 96


def test_a_chart_with_long_bottom_legends_is_not_wider_than_the_text() -> None:
    """The app's legends (four columns, a colour and a dash legend side by side) made a time
    chart ~900 px wide, shown at 70 %; in the PDF they stack in two columns under the chart."""
    names = ["Actieve vrijwilligers per kwartaal", "Nieuwe vrijwilligers", "Deelnemers per kwartaal", "Doel"]
    values = [{"m": f"K{q} 2017", "s": s, "v": 10 * q + i, "d": "doel" if i == 3 else "gemeten"}
              for q in range(1, 5) for i, s in enumerate(names)]  # fmt: skip
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": charts.CONFIG,
        "data": {"values": values},
        "mark": "line",
        "width": "container",
        "height": 300,
        "encoding": {
            "x": {"field": "m", "type": "ordinal", "title": "Periode"},
            "y": {"field": "v", "type": "quantitative", "title": "Aantal"},
            "color": {"field": "s", "type": "nominal", "legend": {"orient": "bottom", "labelLimit": 300}},
            "strokeDash": {"field": "d", "type": "nominal", "legend": {"orient": "bottom"}},
        },
    }
    _, (width, _) = pdf.chart_svg(spec)
    assert width <= TEXT_WIDTH_PX  # drawn at full size: its 14 px labels stay 10,5 pt


def test_a_short_table_moves_whole_to_the_next_page_rather_than_leave_a_row_behind(
    report: model.Report,
) -> None:
    line = report.sections[1].blocks[0]
    tall = dataclasses.replace(line, spec={**line.spec, "height": 560})  # most of a page
    table = next(b for b in report.blocks() if isinstance(b, model.Table))
    short = dataclasses.replace(table, rows=table.rows[:15])
    only = dataclasses.replace(report, sections=(model.Section("Kort", (tall, short)),))
    texts = page_texts(pdf.render_pdf(only))
    with_rows = [i for i, text in enumerate(texts) if re.search(r"Activiteit \d+ ", text)]
    assert len(with_rows) == 1  # all 15 rows on one page, the header once
    assert "Activiteit 1 " in texts[with_rows[0]] and "Activiteit 15 " in texts[with_rows[0]]
    assert "Figuur 1:" not in texts[with_rows[0]]  # the table did not fit under the chart
