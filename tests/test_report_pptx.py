"""The PPTX deck (sv_analytics/report/pptx.py) and its house style (data/huisstijl.pptx): the
sample report (tests/report_sample.py) rendered and reopened with python-pptx, as an official
opening the deck in PowerPoint would find it."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import replace
from datetime import datetime

import pytest
import vl_convert
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_MARKER_STYLE
from pptx.enum.dml import MSO_FILL, MSO_LINE_DASH_STYLE
from pptx.util import Pt

from sv_analytics import fonts
from sv_analytics.report import model
from sv_analytics.report import pptx as deck
from sv_analytics.texts import t
from tests.conftest import PROJECT
from tests.report_sample import SPEC, sample_report

LAYOUT_NAMES = ["Titel", "Sectie", "Eén figuur", "Twee figuren", "Tabel", "Tekst"]


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return deck.render_pptx(sample_report())


@pytest.fixture(scope="module")
def slides(rendered: bytes) -> list:
    return list(Presentation(io.BytesIO(rendered)).slides)


def title_of(slide) -> str:
    """A slide's title as the report wrote it (the deck breaks "what — context" over two lines)."""
    return slide.shapes.title.text_frame.text.replace("\v", deck.TITLE_CONTEXT)


def titles(slides: list) -> list[str]:
    return [title_of(slide) for slide in slides]


def charts(slides: list) -> dict[str, object]:
    """Slide title → its native chart."""
    return {title_of(slide): shape.chart for slide in slides for shape in slide.shapes if shape.has_chart}


def chart_type(chart) -> XL_CHART_TYPE:
    """The type as inserted. python-pptx reads a line chart back as LINE as soon as one series
    hides its markers (the dashed target line does); the chart itself is a line chart with
    markers (``c:lineChart/c:marker val=1``), the data series keep theirs."""
    plot = chart.plots[0]._element
    if plot.tag.endswith("}lineChart"):
        assert plot.xpath("c:marker/@val") == ["1"]
        return XL_CHART_TYPE.LINE_MARKERS
    return chart.chart_type


def slide_titled(slides: list, title: str):
    return next(slide for slide in slides if title_of(slide) == title)


def metrics_slide(slides: list):
    """The headline figures' slide (its section slide has the same title)."""
    [slide] = [s for s in slides if s.slide_layout.name == "Eén figuur" and title_of(s) == "Kerncijfers"]
    return slide


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


# ------------------------------------------------------------------------------ structure
def test_slides_follow_the_report_title_sections_figures_and_sources(slides: list) -> None:
    report = sample_report()
    found = titles(slides)
    assert found[0] == report.title
    assert found[-1] == t("pptx.sources_title")
    for section in report.sections:
        assert section.title in found
        for block in section.blocks:
            assert block.title in found, block.title
    # one slide per figure, in report order: section slide, then its blocks
    assert found.index("Deelname") < found.index(report.sections[1].blocks[0].title)
    assert [s.slide_layout.name for s in slides[:2]] == ["Titel", "Sectie"]


def test_title_slide_names_scope_moment_period_filters_data_version_and_demo(slides: list) -> None:
    text = "\n".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "Kern Bathmen · Eindrapportage 2018 · jan 2017 – dec 2018" in text
    assert "Gegevensversie 7" in text and "peildatum 31 dec 2018" in text
    assert t("pptx.cover_demo") in text
    assert "Periode:" not in text  # a filter already on the cover is not repeated
    report = sample_report()
    chosen = replace(report, choices=(*report.choices, ("Doelgroep", "65+")))
    cover = Presentation(io.BytesIO(deck.render_pptx(chosen))).slides[0]
    assert "Doelgroep: 65+" in deck._placeholder(cover, 1).text_frame.text


def test_charts_are_native_with_the_reports_categories_and_values(slides: list) -> None:
    report = sample_report()
    found = charts(slides)
    blocks = [b for b in report.blocks() if isinstance(b, model.Chart)]
    assert set(found) == {b.title for b in blocks}
    for block in blocks:
        chart = found[block.title]
        assert chart_type(chart) == deck.CHART_TYPES[block.kind]
        plot = chart.plots[0]
        assert tuple(plot.categories) == block.categories
        assert [(s.name, s.values) for s in chart.series] == [(s.name, s.values) for s in block.series]
        assert chart.has_legend and chart.value_axis.axis_title.text_frame.text == block.unit
    line = found["Deelnemers per maand — Bathmen, jan 2017 – mrt 2017"]
    assert chart_type(line) == XL_CHART_TYPE.LINE_MARKERS
    assert [s.marker.style for s in line.plots[0].series] == [XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.NONE]
    assert line.plots[0].series[0].values == (10.0, 15.0, None)  # suppressed: empty, not 0
    target = line.plots[0].series[1]
    assert target.name == "Streefwaarde" and target.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert line.plots[0].series[0].format.line.dash_style is None
    assert found["Deelnemers per doelgroep — Bathmen, 2017"].chart_type == XL_CHART_TYPE.COLUMN_STACKED


@pytest.mark.parametrize(
    ("kind", "decimals", "number_format"),
    [("bar", 0, "#,##0"), ("barh", 1, "#,##0.0"), ("stacked", 2, "#,##0.00")],
)
def test_bar_kinds_and_number_formats(kind: str, decimals: int, number_format: str) -> None:
    chart = model.Chart(
        "Bereik per kern — 2017",
        kind,
        ("Bathmen", "Lemele"),
        (model.Series("Bereik", (12.5, None)), model.Series("Doel", (10.0, 10.0), "target")),
        {},
        unit="%",
        decimals=decimals,
    )
    report = replace(sample_report(), sections=(model.Section("Bereik", (chart,)),))
    found = charts(list(Presentation(io.BytesIO(deck.render_pptx(report))).slides))[chart.title]
    assert found.chart_type == deck.CHART_TYPES[kind]
    bars, target = found.series  # every series, in the report's order, whatever plot it is in
    assert (bars.values, target.values) == ((12.5, None), (10.0, 10.0))
    assert target.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH and found.has_legend
    if kind == "barh":  # an empty bar with a dashed outline beside each bar
        assert [len(found.plots), target.format.fill.type] == [1, MSO_FILL.BACKGROUND]
    else:  # a dashed line over the bars (a combination chart), as on the page
        assert [type(p).__name__ for p in found.plots] == ["BarPlot", "LinePlot"]
        assert [s.name for s in found.plots[1].series] == ["Doel"]
        assert target.marker.style == XL_MARKER_STYLE.NONE
    assert found.value_axis.tick_labels.number_format == number_format
    assert found.plots[0].data_labels.number_format == number_format
    if kind == "barh":
        assert found.category_axis.reverse_order  # first category on top


def test_long_table_continues_with_the_header_repeated_and_numbers_right_aligned(slides: list) -> None:
    table = next(b for b in sample_report().blocks() if isinstance(b, model.Table))
    tables = [(title_of(slide), shape.table) for slide in slides for shape in slide.shapes if shape.has_table]
    assert len(tables) == -(-len(table.rows) // deck.TABLE_ROWS) == 5
    assert tables[0][0] == table.title
    what, dash, context = table.title.rpartition(deck.TITLE_CONTEXT)
    assert dash  # the sample's table title has a context, which stays on the second line
    continued = t("pptx.continued", title=what) + dash + context  # "Kernen (vervolg) — Bathmen, …"
    assert all(title == continued for title, _ in tables[1:])
    body = []
    for _title, shape_table in tables:
        rows = [tuple(cell.text for cell in row.cells) for row in shape_table.rows]
        assert rows[0] == table.header and len(rows) <= deck.TABLE_ROWS + 1
        body += rows[1:]
    assert tuple(body) == table.rows  # every row once, in order, "<5" kept
    first = tables[0][1]
    aligns = [first.cell(1, c).text_frame.paragraphs[0].alignment for c in range(3)]
    assert [a is not None and a.name == "RIGHT" for a in aligns] == [False, True, True]
    assert first.cell(0, 0).text_frame.paragraphs[0].runs[0].font.bold


def test_a_block_title_puts_its_context_on_a_smaller_second_line(slides: list) -> None:
    slide = slide_titled(slides, "Deelnemers per maand — Bathmen, jan 2017 – mrt 2017")
    [paragraph] = slide.shapes.title.text_frame.paragraphs
    what, context = paragraph.runs
    assert (what.text, context.text) == ("Deelnemers per maand", "Bathmen, jan 2017 – mrt 2017")
    assert context.font.size < Pt(28) and what.font.size is None  # the template's title size
    assert slides[0].shapes.title.text_frame.text == sample_report().title  # the cover stays one line


def test_a_table_of_long_cells_is_cut_by_height_not_only_by_rows() -> None:
    long = "Aanbieder, Accommodatie, Lid projectgroep, Doorverwijzer, Vrijwilligerspool " * 2
    rows = tuple((f"Organisatie {i}", long, f"{5 * i}") for i in range(12))
    table = model.Table(
        "Organisaties — Bathmen", ("Organisatie", "Rollen", "Afspraken"), rows, (False, False, True)
    )
    report = replace(sample_report(), sections=(model.Section("Sociale kaart", (table,)),))
    found = list(Presentation(io.BytesIO(deck.render_pptx(report))).slides)
    shapes = [shape for slide in found for shape in slide.shapes if shape.has_table]
    assert len(shapes) > 1  # 12 rows, but not 12 two-line rows on one slide
    area = deck._content(found[0].slide_layout)
    for shape in shapes:
        assert shape.top + shape.height <= area.top + area.height - deck.CAPTION_HEIGHT
    body = [tuple(c.text for c in row.cells) for shape in shapes for row in list(shape.table.rows)[1:]]
    assert tuple(body) == rows


def test_metrics_and_text_slides(slides: list) -> None:
    boxes = {
        shape.name: shape.text_frame.text for shape in metrics_slide(slides).shapes if shape.has_text_frame
    }
    assert boxes["Vrijwilligers"].split("\n")[:3] == ["<5", "personen", "Vrijwilligers"]
    assert "1.235" in boxes["Deelnemers"] and "CBS 2017" in boxes["Bereik"]
    text = slide_titled(slides, "Succes- en faalfactoren")
    body = deck._placeholder(text, 1).text_frame
    lines = [(p.text, p.level) for p in body.paragraphs]
    assert ("Een vaste trainer.", 0) in lines and ("Mechanisme: vertrouwen", 1) in lines
    assert lines[0] == ("Wat werkte in Bathmen.", 0)


def test_long_text_continues_and_a_heading_is_never_last_on_a_slide() -> None:
    items = tuple(
        model.Item(f"Factor {i}", ("Context: " + "kleine kern " * 8, "Uitkomst: meer 65+")) for i in range(12)
    )
    text = model.Text("Succesfactoren", items=items)
    report = replace(sample_report(), sections=(model.Section("Evaluatie", (text,)),))
    found = list(Presentation(io.BytesIO(deck.render_pptx(report))).slides)
    parts = [s for s in found if title_of(s).startswith("Succesfactoren")]
    assert len(parts) > 1 and parts[1].shapes.title.text_frame.text == t(
        "pptx.continued", title="Succesfactoren"
    )
    headings = []
    for slide in parts:
        body = deck._placeholder(slide, 1).text_frame
        paragraphs = list(body.paragraphs)
        assert paragraphs[-1].level == 1  # a factor's heading stays with its lines
        headings += [p.text for p in paragraphs if p.level == 0]
    assert headings == [f"Factor {i}" for i in range(12)]


def test_sources_slide_lists_sources_definitions_and_caveats(slides: list) -> None:
    text = "\n".join(shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame)
    report = sample_report()
    for line in (*report.sources, *report.caveats, "Deelnemers: Unieke deelnemers (personen)."):
        assert line in text, line
    body = deck._placeholder(slides[-1], 1).text_frame
    assert {run.font.size for p in body.paragraphs for run in p.runs} == {Pt(deck.SOURCES_SIZE)}


def test_empty_blocks_still_get_their_slide() -> None:
    """A block with nothing to show keeps its slide (the official sees the title and why)."""
    blocks = (
        model.Metrics("Kerncijfers — Lemele", ()),
        model.Chart("Doorverwijzingen — Lemele", "bar", (), (), {}, caption="Geen doorverwijzingen."),
        model.Table("Activiteiten — Lemele", ("Activiteit", "Deelnemers"), ()),
        model.Text("Succesfactoren — Lemele"),
    )
    report = replace(sample_report(), sections=(model.Section("Lemele", blocks),))
    found = list(Presentation(io.BytesIO(deck.render_pptx(report))).slides)
    assert titles(found)[2:-1] == [block.title for block in blocks]
    chart_slide = found[3]
    assert t("report.empty") in [s.text_frame.text for s in chart_slide.shapes if s.has_text_frame]
    assert "Geen doorverwijzingen." in notes(chart_slide)
    [table] = [shape.table for shape in found[4].shapes if shape.has_table]
    assert [cell.text for cell in table.rows[0].cells] == ["Activiteit", "Deelnemers"] and len(
        table.rows
    ) == 1


# ------------------------------------------------------------------------------ notes and demo
def test_speaker_notes_hold_caption_source_definitions_and_protection(slides: list) -> None:
    line = notes(slide_titled(slides, "Deelnemers per maand — Bathmen, jan 2017 – mrt 2017"))
    for part in ("Unieke deelnemers per maand.", "Bron: Monitoringwerkboek 2017", "Aantallen 1–4 als <5."):
        assert part in line, part
    assert t("pptx.empty_values") in line
    metrics = notes(metrics_slide(slides))
    assert "Unieke deelnemers." in metrics and "Deelnemers ÷ inwoners." in metrics and "CBS, 2017" in metrics
    image = notes(slide_titled(slides, "Kaart — Bathmen"))
    assert "De kernen." in image and "Bron: CBS 2017" in image
    table = notes(slide_titled(slides, "Activiteiten (vervolg) — Bathmen"))
    assert "Bron: Monitoringwerkboek" in table and t("privacy.protected_note") in table
    # no note of its own on small counts: the general one; every figure slide says how <5 is shown
    assert t("privacy.protected_note") in notes(
        slide_titled(slides, "Deelnemers per doelgroep — Bathmen, 2017")
    )
    figure_slides = [s for s in slides if s.slide_layout.name in ("Eén figuur", "Tabel")]
    assert len(figure_slides) == 9 and all("<5" in notes(s) for s in figure_slides)


def test_demo_note_on_every_slide_and_on_none_for_real_data(slides: list) -> None:
    note = sample_report().demo_note
    assert all(any(s.has_text_frame and s.text_frame.text == note for s in slide.shapes) for slide in slides)
    real = Presentation(io.BytesIO(deck.render_pptx(sample_report(demo=False))))
    texts = [s.text_frame.text for slide in real.slides for s in slide.shapes if s.has_text_frame]
    assert texts and not any(note in text or t("pptx.cover_demo") in text for text in texts)
    assert len(real.slides) == len(slides)


def test_every_slide_has_the_context_line_in_its_footer(slides: list) -> None:
    report = sample_report()
    line = t("pptx.footer", moment=report.moment_label, subtitle=report.subtitle)
    for slide in slides:
        footer = [ph for ph in slide.placeholders if ph.placeholder_format.idx == 11]
        assert [ph.text_frame.text for ph in footer] == [line]


# ------------------------------------------------------------------------------ images
def test_image_is_a_png_at_twice_the_spec_size_placed_with_its_aspect(slides: list) -> None:
    fonts.register_vl_convert()
    in_face = {**SPEC, "config": {"font": fonts.VEGA_FONT}}  # the deck draws every image in the shipped face
    once = deck.png_size(vl_convert.vegalite_to_png(vl_spec=in_face, scale=1))
    slide = slide_titled(slides, "Kaart — Bathmen")
    [picture] = [
        shape for shape in slide.shapes if shape.shape_type is not None and shape.shape_type.name == "PICTURE"
    ]
    width, height = deck.png_size(picture.image.blob)
    assert (width, height) == (2 * once[0], 2 * once[1])
    assert picture.width / picture.height == pytest.approx(width / height, rel=0.01)
    area = deck._content(slide.slide_layout)
    assert picture.left >= area.left and picture.left + picture.width <= area.left + area.width
    assert picture.top >= area.top and picture.top + picture.height <= area.top + area.height


def test_a_spec_wider_than_the_slide_is_drawn_at_twice_its_shown_size() -> None:
    """A 1600 px map shown 12,13 inch wide: 2 × 1164 px, not 3200 px."""
    area = deck._content(Presentation(deck.TEMPLATE).slide_layouts.get_by_name("Eén figuur"))
    shown_px = area.width / 914400 * 96
    assert deck.image_scale({"width": 400}, area.width) == 2.0
    assert deck.image_scale({"width": "container"}, area.width) == 2.0
    assert 1600 * deck.image_scale({"width": 1600}, area.width) == pytest.approx(2 * shown_px)


# ------------------------------------------------------------------------------ bytes
def test_two_renders_are_byte_identical_and_stamped_with_the_reports_time(rendered: bytes) -> None:
    assert deck.render_pptx(sample_report()) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        assert {info.date_time for info in package.infolist()} == {(2018, 12, 31, 12, 0, 0)}
        assert "2018-12-31T12:00:00Z" in package.read("docProps/core.xml").decode()
        workbook = next(name for name in package.namelist() if name.endswith(".xlsx"))
        with zipfile.ZipFile(io.BytesIO(package.read(workbook))) as embedded:
            assert "2018-12-31T12:00:00Z" in embedded.read("docProps/core.xml").decode()
    later = replace(sample_report(), generated_at=datetime(2019, 1, 2, 9, 30))
    assert deck.render_pptx(later) != rendered


# ------------------------------------------------------------------------------ template
def load_script():
    spec = importlib.util.spec_from_file_location(
        "make_report_template", PROJECT / "scripts" / "make_report_template.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def layouts(blob: bytes) -> list[tuple]:
    prs = Presentation(io.BytesIO(blob))
    return [
        (
            layout.name,
            [(ph.placeholder_format.idx, ph.left, ph.top, ph.width, ph.height) for ph in layout.placeholders],
        )
        for layout in prs.slide_layouts
    ]


def test_template_has_the_dutch_layouts_16_9_and_the_house_fonts() -> None:
    blob = deck.TEMPLATE.read_bytes()
    prs = Presentation(io.BytesIO(blob))
    assert [name for name, _ in layouts(blob)] == LAYOUT_NAMES
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
    # a face every Office has (Source Sans is not on a gemeente laptop: the deck would overflow)
    for kind in ("majorFont", "minorFont"):  # headings and body
        assert f'<a:{kind}><a:latin typeface="{deck.DECK_FONT}"' in theme
    assert fonts.FAMILY not in theme
    assert 'val="0072B2"' in theme and 'val="E69F00"' in theme


def test_rebuilding_the_template_gives_the_committed_file() -> None:
    rebuilt = load_script().build_template()
    assert layouts(rebuilt) == layouts(deck.TEMPLATE.read_bytes())
    assert rebuilt == deck.TEMPLATE.read_bytes(), "rebuild: .venv/bin/python scripts/make_report_template.py"


# ------------------------------------------------------------------------------ layout for a talk
def test_a_section_of_one_block_gets_no_section_slide_a_longer_one_does() -> None:
    text = model.Text("Kanttekeningen bij de cijfers", paragraphs=("Eén alinea.",))
    sections = (
        model.Section("Kanttekeningen", (text,)),
        model.Section("Meer", (text, replace(text, title="Nog een tekst"))),
        model.Section("Met inleiding", (replace(text, title="Derde tekst"),), intro="Waarom dit telt."),
    )
    report = replace(sample_report(), sections=sections)
    found = titles(list(Presentation(io.BytesIO(deck.render_pptx(report))).slides))
    assert "Kanttekeningen" not in found and text.title in found  # the block's slide says it
    assert found.index("Meer") < found.index("Nog een tekst")
    assert "Met inleiding" in found  # an intro is content of its own


def test_a_long_title_is_set_smaller_so_it_stays_in_the_title_box() -> None:
    long = (
        "Wat werkt waar: Vergrijsde kern × BRAVO-breed aanbod → Bereik beweegactiviteiten per 1.000 inwoners"
    )
    texts = (
        model.Text(f"{long} — gemeente Deventer, jan 2017 – dec 2018", paragraphs=("Tekst.",)),
        model.Text(
            "Kernen: activiteiten, deelnemers, vrijwilligers, doorverwijzingen — Deventer", paragraphs=("T",)
        ),
    )
    report = replace(sample_report(), sections=(model.Section("Wat werkt waar", texts),))
    found = list(Presentation(io.BytesIO(deck.render_pptx(report))).slides)
    (what, context), (what2, context2) = (
        slide_titled(found, block.title).shapes.title.text_frame.paragraphs[0].runs for block in texts
    )
    assert what.font.size == Pt(deck.TITLE_SIZES[-1]) and context.font.size == Pt(deck.CONTEXT_SIZE_SMALL)
    assert what2.font.size == Pt(deck.TITLE_SIZES[0]) and context2.font.size == Pt(deck.CONTEXT_SIZE)
    box = found[1].shapes.title
    lines = 2 * deck.TITLE_SIZES[-1] * 1.2 + deck.CONTEXT_SIZE_SMALL * 1.2  # pt, at 1,2 line height
    assert Pt(lines) <= box.height  # two lines of the what and the context fit the box


def test_table_columns_fit_their_header_words_and_a_wide_table_gets_smaller_text() -> None:
    header = ("Kern", "Gemeente", "Type", "Inwoners", "Activiteiten", "Deelnemers")
    header += ("Nieuwe deelnemers", "Doorverwijzingen", "Bereik per 1.000 inwoners")
    rows = (("Bathmen", "Deventer", "Dorp", "4.450", "10", "835", "755", "75", "187,6"),)
    table = model.Table("Kernen — Deventer", header, rows, (False,) * 3 + (True,) * 6)
    report = replace(sample_report(), sections=(model.Section("Kernen", (table,)),))
    found = list(Presentation(io.BytesIO(deck.render_pptx(report))).slides)
    [shape] = [shape for slide in found for shape in slide.shapes if shape.has_table]
    size = shape.table.cell(0, 0).text_frame.paragraphs[0].runs[0].font.size.pt
    chars_per_inch = deck.TABLE_CHARS_PER_INCH * deck.TABLE_SIZE / size
    for column, name in zip(shape.table.columns, header, strict=True):
        room = (column.width.inches - 0.2) * chars_per_inch  # the cell's margins off
        assert max(len(word) for word in name.split()) * deck.TABLE_BOLD <= room, name  # no "Gemee|nte"
    wide = replace(table, rows=(tuple(f"{cell}, doorverwezen naar de huisarts" for cell in rows[0]),))
    weights = deck._column_weights(wide)
    assert deck.TABLE_MIN_SIZE <= deck._table_size(weights, shape.width) < deck.TABLE_SIZE


def test_a_long_caption_is_set_smaller_so_it_stays_on_the_strip_above_the_demo_note() -> None:
    width = deck.Inches(12.13)
    assert deck._caption_size("Bron: CBS 2017", width) == 12
    long = "Bron: Kernregister (data/kernen.csv): TOP10NL Plaats · Monitoringgegevens per kern · " * 4
    size = deck._caption_size(long, width)
    assert 9 <= size < 12
    per_line = width.inches * deck.TABLE_CHARS_PER_INCH * 12 / size
    assert len(long) <= 2 * per_line and 2 * size * 1.2 <= deck.CAPTION_HEIGHT.pt  # two lines fit
