"""Draw a :class:`~sv_analytics.report.model.Report` as a PowerPoint deck (python-pptx, no Streamlit).

Why native charts: an official presenting at a VSG meeting must be able to check and restyle
the numbers in PowerPoint ("Gegevens bewerken" opens them in a spreadsheet), so bar, line,
stacked and horizontal-bar charts are PowerPoint charts with the report's (protected) values;
a value the report holds as ``None`` (suppressed or missing) stays an empty cell, never 0.
Only what PowerPoint cannot draw (maps, heat maps, networks) is a picture: vl-convert PNG at 2×.

A target series is a dashed line: on a line chart, and over vertical bars (a combination
chart: bars and a line on the same axes, as the page draws it); beside horizontal bars it is an
empty bar with a dashed outline. Reading a deck back with python-pptx: ``chart.series`` holds
every series in the report's order (``chart.plots[0]`` only the bars), and a line chart whose
target hides its markers reads back as ``LINE`` although it was made as ``LINE_MARKERS``.

The house style is ``data/huisstijl.pptx`` (made by ``scripts/make_report_template.py``); the
content area of each slide is read from its layout's placeholders, so the template decides
where things go ("Twee figuren" is there for officials adding slides by hand; the renderer
draws one figure per slide). A block title "what — where, when" becomes a two-line slide
title: the what, then the context smaller (one paragraph with a line break, which python-pptx
reads back as ``\v``). Every slide carries the report's context line in its footer and, for
demo data, the demo note; figure slides have speaker notes with caption, source, definitions
and the protection of small counts. Long tables and texts continue on the next slide with
"(vervolg)" in the title and the table header repeated.

Deterministic bytes: the same report gives the same file. python-pptx and the XlsxWriter
workbooks inside the charts would stamp the current time (core properties, zip member times);
:func:`render_pptx` uses ``Report.generated_at`` for both, and ids are sequential.
"""

from __future__ import annotations

import io
import math
import struct
import zipfile
from collections.abc import Iterator
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path

import vl_convert
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from sv_analytics import fmt, fonts, style
from sv_analytics.report import model
from sv_analytics.texts import t

TEMPLATE = Path(__file__).resolve().parent.parent.parent / "data" / "huisstijl.pptx"
LAYOUT_TITLE, LAYOUT_SECTION, LAYOUT_FIGURE = "Titel", "Sectie", "Eén figuur"
LAYOUT_TWO, LAYOUT_TABLE, LAYOUT_TEXT = "Twee figuren", "Tabel", "Tekst"

CHART_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "barh": XL_CHART_TYPE.BAR_CLUSTERED,
}
#: Table rows per slide under the header: 12 rows of 12 pt stay readable from the back of a room.
TABLE_ROWS = 12
ROW_HEIGHT = Inches(0.34)
#: Characters of 12 pt Arial per inch of cell, and the height each wrapped line adds.
TABLE_CHARS_PER_INCH, TABLE_LINE_HEIGHT = 12, Inches(0.2)
#: Table text size (pt) and the smallest a wide table may shrink to; bold is ~15 % wider than
#: regular; the two cell margins (0.1 inch each) take about three characters.
TABLE_SIZE, TABLE_MIN_SIZE, TABLE_BOLD, TABLE_MARGIN_CHARS = 12, 9, 1.15, 3
#: Headline figures on one slide: up to two rows of four.
METRICS_PER_ROW, METRICS_ROWS = 4, 2
#: Estimated lines of 20 pt text a text slide holds, and characters per line at that size.
TEXT_LINES, TEXT_LINE_CHARS, TEXT_SIZE = 13, 95, 20
#: The last slides (sources, definitions, caveats) are reference text: smaller, so they stay few.
SOURCES_SIZE = 12
#: A section gets its own section slide from this many blocks on (or with an intro to show): in
#: a ten-minute talk a section slide before a single slide is a slide without content.
SECTION_SLIDE_BLOCKS = 2
#: Data labels on bars only while they fit (an official reads the number without hovering).
MAX_LABELLED_POINTS = 24
#: The strip under the content area for a figure's caption and source.
CAPTION_HEIGHT = Inches(0.45)
DEMO_TOP, DEMO_HEIGHT = Inches(6.55), Inches(0.35)
GREY = RGBColor(0x59, 0x59, 0x59)
DEMO_COLOUR = RGBColor.from_string(style.PALETTE[5].lstrip("#"))
TARGET_COLOUR = RGBColor.from_string(style.PALETTE[7].lstrip("#"))
LANG = "nl-NL"
#: The deck's typeface (the template's theme font; why Arial: scripts/make_report_template.py).
DECK_FONT = "Arial"
#: Title sizes (pt): the template's, the smaller ones for long titles, the context line; the
#: title box is as wide as the content area; an average character of bold Arial is ~0.55 em.
TITLE_SIZE, TITLE_SIZES, TITLE_EM = 28, (24, 20), 0.55
CONTEXT_SIZE, CONTEXT_SIZE_SMALL = 18, 14
TITLE_WIDTH = Inches(12.13)
#: What separates a block title from its context ("Deelnemers per maand — Bathmen, 2017").
TITLE_CONTEXT = " — "
#: A fixed field id for the slide number (PowerPoint writes a GUID; any fixed one will do).
SLIDE_NUMBER_FIELD = "{6A0E4C1B-2F4D-4B8A-9C3E-5D7F1A2B3C4D}"


def render_pptx(report: model.Report) -> bytes:
    """The deck for ``report`` as .pptx bytes (the same report gives the same bytes)."""
    deck = _Deck(report)
    deck.title_slide()
    for section in report.sections:
        if len(section.blocks) >= SECTION_SLIDE_BLOCKS or section.intro:
            deck.section_slide(section)
        for block in section.blocks:
            deck.block(block)
    deck.sources_slide()
    return deck.save()


# ------------------------------------------------------------------------------ the deck
class _Deck:
    """One presentation being drawn: the template, the report, and helpers per slide kind."""

    def __init__(self, report: model.Report) -> None:
        self.report = report
        self.prs = Presentation(io.BytesIO(_template_bytes()))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        #: Per layout: its content area and its footer and slide-number placeholders (python-pptx
        #: finds placeholders by XPath on every access; a deck asks for them on every slide).
        self.areas = {name: _content(layout) for name, layout in self.layouts.items()}
        self.footers = {
            name: [ph for ph in layout.placeholders if ph.placeholder_format.idx in (11, 12)]
            for name, layout in self.layouts.items()
        }

    # -------------------------------------------------------------- slides
    def new_slide(self, layout_name: str, title: str, *, split: bool = True):
        """A slide with its title (see :func:`_set_title`), footer, slide number and (demo) note."""
        slide = self.prs.slides.add_slide(self.layouts[layout_name])
        _set_title(slide.shapes.title.text_frame, title, split=split, width=slide.shapes.title.width)
        self._footer(slide, layout_name)
        if self.report.demo:
            left = self.areas[LAYOUT_FIGURE].left
            box = slide.shapes.add_textbox(left, DEMO_TOP, self.prs.slide_width - 2 * left, DEMO_HEIGHT)
            box.name = "Demo"
            _set_text(box.text_frame, [self.report.demo_note], size=11, colour=DEMO_COLOUR, italic=True)
        return slide

    def _footer(self, slide, layout_name: str) -> None:
        """The report's context line and the slide number (python-pptx leaves them off a new slide)."""
        for ph in self.footers[layout_name]:
            slide.shapes.clone_placeholder(ph)
            frame = slide.shapes[-1].text_frame
            if ph.placeholder_format.idx == 11:
                line = t("pptx.footer", moment=self.report.moment_label, subtitle=self.report.subtitle)
                _set_text(frame, [line])
            else:
                _slide_number(frame)

    def title_slide(self) -> None:
        r = self.report
        slide = self.new_slide(LAYOUT_TITLE, r.title, split=False)
        scope = t(f"pptx.scope_{r.scope_kind}", name=r.scope_name)
        lines = [t("pptx.cover_moment", scope=scope, moment=r.moment_label, period=r.period_label)]
        shown = {r.scope_name, r.moment_label, r.period_label, fmt.day(r.peildatum)}
        choices = [
            t("pptx.choice", label=label, value=value) for label, value in r.choices if value not in shown
        ]
        if choices:  # the filters not already on the cover (the target group, …)
            lines.append("; ".join(choices))
        lines.append(
            t(
                "pptx.cover_data",
                version=r.data_version,
                peildatum=fmt.day(r.peildatum),
                made=fmt.day(r.generated_at),
            )
        )
        if r.demo:
            lines.append(t("pptx.cover_demo"))
        _set_text(_placeholder(slide, 1).text_frame, lines)

    def section_slide(self, section: model.Section) -> None:
        slide = self.new_slide(LAYOUT_SECTION, section.title)
        body = _placeholder(slide, 1)
        if section.intro:
            _set_text(body.text_frame, [section.intro])
        else:
            _remove(body)

    def block(self, block: model.Block) -> None:
        if isinstance(block, model.Chart):
            self.chart_slide(block)
        elif isinstance(block, model.Image):
            self.image_slide(block)
        elif isinstance(block, model.Table):
            self.table_slides(block)
        elif isinstance(block, model.Metrics):
            self.metrics_slides(block)
        else:
            self.text_slides(block.title, _text_entries(block), list(block.notes))

    # -------------------------------------------------------------- figures
    def figure_slide(self, title: str, caption: str, source: str):
        """A one-figure slide: the content area (without its placeholder) and the caption strip."""
        slide = self.new_slide(LAYOUT_FIGURE, title)
        area = self.areas[LAYOUT_FIGURE]
        _remove(_placeholder(slide, 1))
        if _caption_strip(slide, area, caption, source):
            area = _Box(area.left, area.top, area.width, area.height - CAPTION_HEIGHT)
        return slide, area

    def chart_slide(self, chart: model.Chart) -> None:
        slide, area = self.figure_slide(chart.title, chart.caption, chart.source)
        if not (chart.categories and chart.series):  # PowerPoint cannot draw a chart of nothing
            box = slide.shapes.add_textbox(area.left, area.top, area.width, Inches(1))
            _set_text(box.text_frame, [t("report.empty")], colour=GREY)
            self.notes(slide, [chart.caption, *chart.notes])
            return
        data = _ChartData(self.report.generated_at, number_format=_number_format(chart.decimals))
        data.categories = chart.categories
        for series in chart.series:
            data.add_series(series.name, series.values)
        frame = slide.shapes.add_chart(
            CHART_TYPES[chart.kind], area.left, area.top, area.width, area.height, data
        )
        frame.name = chart.title
        _style_chart(frame.chart, chart)
        notes = [chart.caption, t("pptx.source", source=chart.source) if chart.source else "", *chart.notes]
        if chart.suppressed:
            notes.append(t("pptx.empty_values"))
        self.notes(slide, notes)

    def image_slide(self, image: model.Image) -> None:
        slide, area = self.figure_slide(image.title, image.caption, image.source)
        png = image_png(image.spec, area.width)
        width, height = png_size(png)
        box = _fit(area, width / height)
        picture = slide.shapes.add_picture(io.BytesIO(png), box.left, box.top, box.width, box.height)
        picture.name = image.title
        picture._element.nvPicPr.cNvPr.set("descr", image.caption or image.title)
        notes = [image.caption, t("pptx.source", source=image.source) if image.source else "", *image.notes]
        self.notes(slide, notes)

    def table_slides(self, table: model.Table) -> None:
        area = self.areas[LAYOUT_TABLE]
        weights = _column_weights(table)
        widths = [int(area.width * w / sum(weights)) for w in weights]
        size = _table_size(weights, area.width)
        heights = [_row_height(cells, widths, size) for cells in (table.header, *table.rows)]
        for number, (start, stop) in enumerate(
            _table_chunks(heights[1:], area.height - CAPTION_HEIGHT - heights[0])
        ):
            title = table.title if number == 0 else _continued(table.title)
            slide = self.new_slide(LAYOUT_TABLE, title)
            _remove(_placeholder(slide, 1))
            rows = [table.header, *table.rows[start:stop]]
            row_heights = [heights[0], *heights[1 + start : 1 + stop]]
            shape = slide.shapes.add_table(
                len(rows), len(table.header), area.left, area.top, area.width, sum(row_heights)
            )
            shape.name = title
            _fill_table(shape.table, table, rows, widths, row_heights, size)
            small = _caption_strip(slide, area, table.caption, table.source)
            self.notes(slide, [*small, *table.notes])

    def metrics_slides(self, metrics: model.Metrics) -> None:
        per_slide = METRICS_PER_ROW * METRICS_ROWS
        groups = [metrics.figures[i : i + per_slide] for i in range(0, len(metrics.figures), per_slide)] or [
            ()
        ]
        for number, figures in enumerate(groups):
            title = metrics.title if number == 0 else _continued(metrics.title)
            slide, area = self.figure_slide(title, metrics.caption, "")
            columns = min(len(figures), METRICS_PER_ROW)
            rows = math.ceil(len(figures) / METRICS_PER_ROW)
            width, height = area.width // max(columns, 1), area.height // max(rows, 1)
            for i, figure in enumerate(figures):
                row, column = divmod(i, METRICS_PER_ROW)
                box = slide.shapes.add_textbox(
                    area.left + column * width, area.top + row * height, width, height
                )
                box.name = figure.label
                _metric_text(box.text_frame, figure)
            notes = [_metric_note(f) for f in figures]
            self.notes(slide, [metrics.caption, *notes, *metrics.notes])

    def text_slides(
        self, title: str, entries: list[_Entry], notes: list[str], size: int | None = None
    ) -> None:
        """Text in slide-sized chunks; ``size`` (pt) for reference text smaller than the template's."""
        scale = TEXT_SIZE / size if size else 1.0
        for number, chunk in enumerate(_chunk_entries(entries, scale)):
            slide = self.new_slide(LAYOUT_TEXT, title if number == 0 else _continued(title))
            _write_entries(_placeholder(slide, 1).text_frame, chunk, size)
            if notes:
                self.notes(slide, notes, privacy=False)

    def sources_slide(self) -> None:
        r = self.report
        entries = [_Entry(t("pptx.sources_heading"), heading=True)]
        entries += [_Entry(source, level=1) for source in r.sources]
        if r.definitions:
            entries.append(_Entry(t("pptx.definitions_heading"), heading=True))
            entries += [_Entry(t("pptx.definition", name=n, definition=d), level=1) for n, d in r.definitions]
        if r.caveats:
            entries.append(_Entry(t("pptx.caveats_heading"), heading=True))
            entries += [_Entry(caveat, level=1) for caveat in r.caveats]
        self.text_slides(t("pptx.sources_title"), entries, [], size=SOURCES_SIZE)

    # -------------------------------------------------------------- notes and saving
    def notes(self, slide, lines: list[str], *, privacy: bool = True) -> None:
        """Speaker notes: what the presenter may need to answer a question about this slide."""
        lines = [line for line in lines if line]
        if privacy and not any("<5" in line for line in lines):  # the report's own note may say it
            lines.append(t("privacy.protected_note"))
        _set_text(slide.notes_slide.notes_text_frame, lines, size=12)

    def save(self) -> bytes:
        r = self.report
        props = self.prs.core_properties
        props.title, props.subject = r.title, r.subtitle
        props.author = props.last_modified_by = "sv-analytics"
        props.created = props.modified = r.generated_at
        props.revision = 1
        props.language = LANG
        props.keywords = r.file_stem
        out = io.BytesIO()
        self.prs.save(out)
        return stable_zip(out.getvalue(), r.generated_at)


# ------------------------------------------------------------------------------ geometry
class _Box:
    """A rectangle in EMU (python-pptx shapes and placeholders both have these four)."""

    def __init__(self, left: int, top: int, width: int, height: int) -> None:
        self.left, self.top, self.width, self.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _content(layout) -> _Box:
    """The content area of a layout: its placeholder 1 (the template decides where it is)."""
    for ph in layout.placeholders:
        if ph.placeholder_format.idx == 1:
            return _Box(ph.left, ph.top, ph.width, ph.height)
    raise KeyError(f"layout {layout.name!r} heeft geen inhoudsvlak")


def _fit(area: _Box, aspect: float) -> _Box:
    """The largest box of ``aspect`` (width ÷ height) inside ``area``, centred."""
    width = min(area.width, int(area.height * aspect))
    height = int(width / aspect)
    return _Box(area.left + (area.width - width) // 2, area.top + (area.height - height) // 2, width, height)


def _caption_strip(slide, area: _Box, caption: str, source: str) -> list[str]:
    """Caption and source in small print along the bottom of the content area (an official
    who copies the slide into another deck keeps the source); returns the lines written."""
    small = [line for line in (caption, t("pptx.source", source=source) if source else "") if line]
    if small:
        top = area.top + area.height - CAPTION_HEIGHT
        box = slide.shapes.add_textbox(area.left, top, area.width, CAPTION_HEIGHT)
        box.name = "Bijschrift"
        line = " · ".join(small)
        _set_text(box.text_frame, [line], size=_caption_size(line, area.width), colour=GREY)
    return small


def _caption_size(text: str, width: int) -> int:
    """12 pt, or smaller while the caption would need more than the strip's two lines (a third
    line runs into the demo note under it): down to 9 pt, at which sources stay legible."""
    for size in (12, 11, 10):
        if len(text) <= 2 * Emu(width).inches * TABLE_CHARS_PER_INCH * 12 / size:
            return size
    return 9


def _placeholder(slide, idx: int):
    for ph in slide.placeholders:
        if ph.placeholder_format.idx == idx:
            return ph
    raise KeyError(idx)


def _remove(shape) -> None:
    """Drop a placeholder the slide does not use (it would show "Klik om tekst toe te voegen")."""
    shape._element.getparent().remove(shape._element)


# ------------------------------------------------------------------------------ text
def _set_text(
    frame, lines: list[str], *, size: float | None = None, colour=None, italic: bool = False
) -> None:
    """Replace a text frame's text by ``lines`` (one paragraph each), Dutch for spell checking."""
    frame.clear()
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _run(paragraph, line, size=size, colour=colour, italic=italic)


def _set_title(frame, title: str, *, split: bool = True, width: int = TITLE_WIDTH) -> None:
    """A slide title. A block title "what — where, when" is drawn as the "what" with the context
    on a second, smaller line (a line break, so it stays one paragraph: PowerPoint's outline and a
    screen reader read it as one title; python-pptx reads the break back as a vertical tab).
    A long title gets a smaller size (:func:`_title_size`) so it never runs into the body."""
    frame.clear()
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    what, dash, context = title.rpartition(TITLE_CONTEXT)
    if not (split and dash and what):
        _run(paragraph, title, size=_title_size(title, width, lines=2))
        return
    size = _title_size(what, width, lines=1)
    _run(paragraph, what, size=size)
    paragraph.add_line_break()
    # a what on two lines (the smallest size) leaves room for a smaller context line only
    context_size = CONTEXT_SIZE_SMALL if size == TITLE_SIZES[-1] else CONTEXT_SIZE
    _run(paragraph, context, size=context_size, bold=False, colour=GREY)


def _continued(title: str) -> str:
    """The title of a continuation slide: "(vervolg)" after the what, not after the context
    ("Succesfactoren (vervolg) — Deventer, …"), so it stays on the title's first, big line."""
    what, dash, context = title.rpartition(TITLE_CONTEXT)
    if not (dash and what):
        return t("pptx.continued", title=title)
    return t("pptx.continued", title=what) + dash + context


def _title_size(text: str, width: int, *, lines: int) -> int | None:
    """The title's size in pt: ``None`` (the template's :data:`TITLE_SIZE`) while ``text`` fits
    ``lines`` lines of ``width`` (EMU), else the largest of :data:`TITLE_SIZES` that fits, else the
    smallest. Why: the title box holds two lines of the template's size (or one and the smaller
    context line); a third line would overlap the chart or table under it."""
    for size in (TITLE_SIZE, *TITLE_SIZES[:-1]) if lines == 1 else (TITLE_SIZE, *TITLE_SIZES):
        per_line = Emu(width).inches * 72 / (size * TITLE_EM)
        if len(text) <= per_line * lines:
            return None if size == TITLE_SIZE else size
    return TITLE_SIZES[-1]  # on one line more (the caller makes the context line smaller)


def _run(paragraph, text: str, *, size=None, bold=None, colour=None, italic=False):
    run = paragraph.add_run()
    run.text = text
    run.font._rPr.set("lang", LANG)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic:
        run.font.italic = True
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _slide_number(frame) -> None:
    """A slide-number field (PowerPoint fills in the number; ``‹#›`` is its placeholder text)."""
    frame.clear()
    p = frame.paragraphs[0]._p
    field = etree.SubElement(p, qn("a:fld"), id=SLIDE_NUMBER_FIELD, type="slidenum")
    etree.SubElement(field, qn("a:rPr"), lang=LANG)
    etree.SubElement(field, qn("a:t")).text = "‹#›"


class _Entry:
    """One paragraph of a text slide: a heading (bold, no bullet), a paragraph or a bullet."""

    def __init__(self, text: str, *, level: int = 0, heading: bool = False, bullet: bool = True) -> None:
        self.text, self.level, self.heading, self.bullet = text, level, heading, bullet and not heading

    def lines(self, scale: float = 1.0) -> int:
        """Estimated lines on the slide (headings and short lines are one); ``scale``: how many
        times more characters a line holds than at the template's size."""
        return max(1, math.ceil(len(self.text) / ((TEXT_LINE_CHARS - 6 * self.level) * scale)))


def _text_entries(block: model.Text) -> list[_Entry]:
    entries = [_Entry(p, bullet=False) for p in block.paragraphs]
    entries += [_Entry(b) for b in block.bullets]
    for item in block.items:
        entries.append(_Entry(item.heading, heading=True))
        entries += [_Entry(line, level=1) for line in item.lines]
    return entries


def _chunk_entries(entries: list[_Entry], scale: float = 1.0) -> Iterator[list[_Entry]]:
    """Entries in slide-sized chunks; a heading never ends a chunk (it moves to the next slide).
    ``scale``: text smaller than the template's holds more lines and more characters per line."""
    chunk: list[_Entry] = []
    used, budget = 0, TEXT_LINES * scale
    for entry in entries:
        if chunk and used + entry.lines(scale) > budget:
            carried = [chunk.pop()] if chunk[-1].heading else []
            if chunk:
                yield chunk
            chunk, used = carried, sum(e.lines(scale) for e in carried)
        chunk.append(entry)
        used += entry.lines(scale)
    yield chunk


def _write_entries(frame, entries: list[_Entry], size: int | None = None) -> None:
    frame.clear()
    for i, entry in enumerate(entries):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.level = entry.level
        if not entry.bullet:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            etree.SubElement(ppr, qn("a:buNone"))
        _run(paragraph, entry.text, size=size, bold=True if entry.heading else None)
        if entry.heading and i:
            paragraph.space_before = Pt((size or TEXT_SIZE) // 2)


def _metric_note(figure: model.Figure) -> str:
    """The speaker note of a headline figure: name and unit, definition, source and year."""
    name = t("pptx.metric_unit", label=figure.label, unit=figure.unit) if figure.unit else figure.label
    parts = [t("pptx.metric_note", name=name, definition=figure.definition or "–")]
    if source := _source_year(figure, ", "):
        parts.append(t("pptx.source", source=source))
    return " ".join(parts)


def _source_year(figure: model.Figure, sep: str) -> str:
    """Source and year, the year once (a source may already end with it: "…, 2017–2018")."""
    if not figure.year or figure.year in figure.source:
        return figure.source
    return sep.join(part for part in (figure.source, figure.year) if part)


def _metric_text(frame, figure: model.Figure) -> None:
    """A headline figure: big value, unit, label, source and year."""
    frame.clear()
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    accent = RGBColor.from_string(style.PALETTE[0].lstrip("#"))
    parts = [
        (figure.value, 40, True, accent),
        (figure.unit, 14, False, GREY),
        (figure.label, 18, True, None),
        (_source_year(figure, " "), 12, False, GREY),
    ]
    first = True
    for text, size, bold, colour in parts:
        if not text:
            continue
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        _run(paragraph, text, size=size, bold=bold, colour=colour)
        first = False


# ------------------------------------------------------------------------------ tables
def _fill_table(
    shape_table, table: model.Table, rows, widths: list[int], heights: list[int], size: int = TABLE_SIZE
) -> None:
    """Header (bold, the template's accent header row) and body cells, numbers right-aligned."""
    numeric = tuple(table.numeric) + (False,) * (len(table.header) - len(table.numeric))
    for column, width in zip(shape_table.columns, widths, strict=True):
        column.width = Emu(width)
    for r, cells in enumerate(rows):
        shape_table.rows[r].height = Emu(heights[r])
        for c, text in enumerate(cells):
            cell = shape_table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame = cell.text_frame
            frame.clear()
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if numeric[c] else PP_ALIGN.LEFT
            _run(paragraph, text, size=size, bold=True if r == 0 else None)


def _row_height(cells: tuple[str, ...], widths: list[int], size: int = TABLE_SIZE) -> int:
    """Estimated height of a row whose cells wrap at their column's width (PowerPoint grows a
    row to fit its text, so a table of long cells would run off the slide unless it is cut by
    height rather than by a count of rows)."""
    lines = 1
    for text, width in zip(cells, widths, strict=False):
        per_line = max(1, int((Emu(width).inches - 0.2) * TABLE_CHARS_PER_INCH * TABLE_SIZE / size))
        lines = max(lines, math.ceil(len(text) / per_line))
    return int(ROW_HEIGHT + (lines - 1) * TABLE_LINE_HEIGHT * size / TABLE_SIZE)


def _table_chunks(heights: list[int], available: int) -> list[tuple[int, int]]:
    """(start, stop) of the body rows on each slide: at most :data:`TABLE_ROWS`, and no more
    than fit ``available`` (EMU); an empty table still gets its header slide."""
    chunks: list[tuple[int, int]] = []
    start, used = 0, 0
    for i, height in enumerate(heights):
        if i > start and (i - start == TABLE_ROWS or used + height > available):
            chunks.append((start, i))
            start, used = i, 0
        used += height
    chunks.append((start, len(heights)))
    return chunks


def _column_weights(table: model.Table) -> list[float]:
    """Column widths (in characters of 12 pt): a header may wrap between words but never inside
    one ("Gemee|nte"), so a column is at least its longest header word (bold: 15 % wider) and
    otherwise as wide as its longest cell (at most 40 characters, at least 6), plus the margins."""
    weights = []
    for c, header in enumerate(table.header):
        word = max((len(w) for w in header.split()), default=0) * TABLE_BOLD
        cells = max((len(row[c]) for row in table.rows if c < len(row)), default=0)
        weights.append(max(word, min(max(cells, 6), 40)) + TABLE_MARGIN_CHARS)
    return weights


def _table_size(weights: list[float], width: int) -> int:
    """The table's font size: :data:`TABLE_SIZE`, smaller (down to :data:`TABLE_MIN_SIZE`) for a
    table whose columns need more characters than the slide holds at that size."""
    available = Emu(width).inches * TABLE_CHARS_PER_INCH
    return max(TABLE_MIN_SIZE, min(TABLE_SIZE, math.floor(TABLE_SIZE * available / sum(weights))))


# ------------------------------------------------------------------------------ charts
class _FixedTimeWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook, created at the report's time (XlsxWriter would stamp now)."""

    def __init__(self, chart_data, when: datetime) -> None:
        super().__init__(chart_data)
        self._when = when

    def _open_worksheet(self, xlsx_file):
        from contextlib import contextmanager

        from xlsxwriter import Workbook

        @contextmanager
        def opened():
            workbook = Workbook(xlsx_file, {"in_memory": True})
            workbook.set_properties({"created": self._when, "author": "sv-analytics"})
            yield workbook, workbook.add_worksheet()
            workbook.close()

        return opened()


class _ChartData(CategoryChartData):
    """Category chart data whose workbook has a fixed creation time."""

    def __init__(self, when: datetime, number_format: str) -> None:
        super().__init__(number_format=number_format)
        self._when = when

    @cached_property
    def _workbook_writer(self):
        return _FixedTimeWorkbookWriter(self, self._when)


def _number_format(decimals: int) -> str:
    """An Excel number format; PowerPoint shows it in the viewer's locale (Dutch: 1.234,5)."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _style_chart(chart, block: model.Chart) -> None:
    chart.has_title = False
    chart.font.size = Pt(12)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.tick_labels.number_format = _number_format(block.decimals)
    axis.tick_labels.number_format_is_linked = False
    if block.unit:
        axis.has_title = True
        _set_text(axis.axis_title.text_frame, [block.unit], size=12)
    if block.kind == "barh":
        chart.category_axis.reverse_order = True  # first category on top, as in the app
    plot = chart.plots[0]
    if block.kind == "line":
        _style_lines(plot, block)
    else:
        plot.gap_width = 60
        if block.kind == "stacked":
            plot.overlap = 100
        _data_labels(plot, block)
        if block.kind == "barh":
            _style_target_bars(plot, block)
        else:
            _target_line(chart, block)


def _style_lines(plot, block: model.Chart) -> None:
    for series, source in zip(plot.series, block.series, strict=True):
        series.smooth = False
        if source.role == "target":
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.format.line.color.rgb = TARGET_COLOUR
            series.format.line.width = Pt(1.75)
            series.marker.style = XL_MARKER_STYLE.NONE
        else:
            series.format.line.width = Pt(2.5)
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 7


def _target_line(chart, block: model.Chart) -> None:
    """Targets among vertical bars: a dashed line over the bars, as on the page (a combination
    chart: the target series move from the bar chart into a line chart on the same axes)."""
    targets = [i for i, series in enumerate(block.series) if series.role == "target"]
    if not targets:
        return
    bar = chart.plots[0]._element
    sers = bar.findall(qn("c:ser"))
    line = OxmlElement("c:lineChart")
    etree.SubElement(line, qn("c:grouping"), val="standard")
    etree.SubElement(line, qn("c:varyColors"), val="0")
    for i in targets:
        ser = sers[i]
        for invert in ser.findall(qn("c:invertIfNegative")):
            ser.remove(invert)
        line.append(ser)
    etree.SubElement(line, qn("c:marker"), val="1")
    for axis in bar.findall(qn("c:axId")):
        etree.SubElement(line, qn("c:axId"), val=axis.get("val"))
    bar.addnext(line)
    for series in chart.plots[1].series:
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.NONE
        series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        series.format.line.color.rgb = TARGET_COLOUR
        series.format.line.width = Pt(1.75)


def _style_target_bars(plot, block: model.Chart) -> None:
    """A target among horizontal bars: an empty bar with a dashed outline beside the bar it is
    the target of (a line across horizontal bars would join the categories, which means nothing)."""
    for series, source in zip(plot.series, block.series, strict=True):
        if source.role == "target":
            series.format.fill.background()
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.format.line.color.rgb = TARGET_COLOUR
            series.format.line.width = Pt(1.5)


def _data_labels(plot, block: model.Chart) -> None:
    points = len(block.categories) * len(block.series)
    if points > MAX_LABELLED_POINTS:
        return
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = _number_format(block.decimals)
    labels.number_format_is_linked = False
    labels.font.size = Pt(11)
    labels.position = XL_LABEL_POSITION.CENTER if block.kind == "stacked" else XL_LABEL_POSITION.OUTSIDE_END


# ------------------------------------------------------------------------------ images and files
def image_png(spec: dict, shown_width: int | None = None) -> bytes:
    """A Vega-Lite spec as PNG at 2× the size it is shown at (sharp on a beamer, and when the
    official zooms in): ``scale=2``, less for a spec wider than the slide's ``shown_width``
    (EMU) at 96 dpi. A 1600 px map shown 12 inch wide needs 2330 px, not 3200: a third of the
    pixels and of the file, and the slowest step of a deck, fewer."""
    fonts.register_vl_convert()
    # in the shipped face whatever the spec's own config says (a page chart's says Source Sans Pro)
    spec = {**spec, "config": {**spec.get("config", {}), "font": fonts.VEGA_FONT}}
    return vl_convert.vegalite_to_png(vl_spec=spec, scale=image_scale(spec, shown_width))


def image_scale(spec: dict, shown_width: int | None) -> float:
    """2, or what makes the spec's ``width`` (px) twice ``shown_width`` at 96 dpi if that is less."""
    width = spec.get("width")
    if shown_width is None or not isinstance(width, int | float) or width <= 0:
        return 2.0
    return min(2.0, 2 * Emu(shown_width).inches * 96 / width)


def png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG's header (IHDR), without decoding it."""
    return struct.unpack(">II", png[16:24])


COMPRESSED = (".png", ".jpeg", ".jpg", ".xlsx")


@cache
def _template_bytes() -> bytes:
    return TEMPLATE.read_bytes()


def stable_zip(data: bytes, when: datetime) -> bytes:
    """The same zip with every member stamped ``when`` (zipfile stamps the current time), in the
    same order, so equal content gives equal bytes. Members that are compressed already (PNG,
    the charts' workbooks) are stored: deflating them again costs time and saves nothing."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            packed = info.filename.lower().endswith(COMPRESSED)
            member.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
