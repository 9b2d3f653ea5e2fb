"""The PDF report: a :class:`~sv_analytics.report.model.Report` laid out by Typst (no Streamlit here).

Why Typst: it renders offline in-process, embeds only the fonts it is given, writes tagged
PDF/UA-1 (a title, alt texts, a structure tree) and, with a fixed timestamp, the same bytes for
the same report. The layout lives in ``report.typ`` beside this module; this module only turns
the report into JSON (every text a Typst string, so ``#``, ``*``, ``$``, ``_`` or ``<`` in a kern
name or a success factor come out literally) and the charts into SVG (vl-convert).

Nothing of the machine that renders ends up in the PDF: the data and the SVGs go in through
``sys.inputs`` (no temporary files, no paths), the fonts are the shipped Source Sans 3 with
system fonts ignored, and the PDF's date is :attr:`Report.generated_at`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typst
import vl_convert

from sv_analytics import charts, fmt, fonts
from sv_analytics.report import model
from sv_analytics.texts import TEXTS, t

TEMPLATE = Path(__file__).resolve().parent / "report.typ"
#: SVG pixels (CSS, 96 per inch) to PDF points (72 per inch): a 400 px wide chart is 300 pt.
PT_PER_PX = 0.75
#: The width of a chart drawn as wide as its container on screen (``"width": "container"``):
#: with its y axis and its title it fills about the text width (16,6 cm ≈ 630 px) at full
#: size, so its text is not shrunk (540 made a time chart 690 px wide, shown at 91 %).
CHART_WIDTH_PX = 480
#: Columns of a chart's bottom legend in the PDF (see :func:`_narrow_legends`).
LEGEND_COLUMNS = 2
#: Rendered SVGs kept per process: a report for a kern and one for its gemeente share specs.
SVG_CACHE_SIZE = 256
FALLBACK_SIZE_PX = (600.0, 375.0)
#: How the cover names the scope, per :data:`model.ScopeKind`.
SCOPE_KEYS = {"kern": "pdf.scope_kern", "gemeente": "pdf.scope_gemeente", "programma": "pdf.scope_programma"}

_svg_cache: OrderedDict[str, tuple[str, tuple[float, float]]] = OrderedDict()
_svg_lock = threading.Lock()
_compiler_lock = threading.Lock()
_SIZE = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"')


def render_pdf(report: model.Report) -> bytes:
    """The report as PDF/UA-1 bytes: byte-identical for the same report."""
    inputs = {"report": json.dumps(payload(report), ensure_ascii=False)}
    with _compiler_lock:
        return _compiler().compile(
            sys_inputs=inputs, pdf_standards=["ua-1"], timestamp=_timestamp(report.generated_at)
        )


@functools.cache
def _compiler() -> typst.Compiler:
    """One Typst compiler per process, reused: it keeps the parsed template and the fonts, which
    takes a compile from about 0.3 s to 0.1 s; the output is the same bytes as a fresh one's.
    Callers hold :data:`_compiler_lock` (a compiler is not meant for two threads at once)."""
    return typst.Compiler(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=[str(fonts.FONT_DIR)],
        ignore_system_fonts=True,
    )


def payload(report: model.Report) -> dict[str, Any]:
    """Everything the template shows, as JSON-able data (texts from the catalogue included)."""
    return {
        "title": report.title,
        # The PDF's author is the tool that made it (as the app names itself).
        "author": t("app.title"),
        "subtitle": report.subtitle,
        "demo": report.demo,
        "demo_note": report.demo_note,
        "cover": _cover(report),
        "sections": [
            {"title": s.title, "intro": s.intro, "blocks": [_block(b) for b in s.blocks]}
            for s in report.sections
        ],
        "sources": list(report.sources),
        "definitions": [list(d) for d in report.definitions],
        "caveats": list(report.caveats),
        "texts": _template_texts(),
    }


def _cover(report: model.Report) -> list[list[str]]:
    """The cover's label/value rows: what the report covers and which data it was made from."""
    generated = t(
        "pdf.generated_at",
        day=fmt.day(report.generated_at.date()),
        time=report.generated_at.strftime("%H:%M"),
    )
    head = [
        (t("pdf.cover_scope"), t(SCOPE_KEYS[report.scope_kind], name=report.scope_name)),
        (t("pdf.cover_moment"), report.moment_label),
        (t("pdf.cover_period"), report.period_label),
    ]
    tail = [
        (t("pdf.cover_data_version"), str(report.data_version)),
        (t("pdf.cover_peildatum"), fmt.day(report.peildatum)),
        (t("pdf.cover_generated"), generated),
    ]
    # A filter the cover already names (the period, the peildatum, the moment) is not repeated.
    said = {part for row in head + tail for part in row}
    choices = [row for row in report.choices if row[0] not in said and row[1] not in said]
    return [list(row) for row in head + choices + tail]


def _block(block: model.Block) -> dict[str, Any]:
    """A block as the template reads it: its fields plus ``kind``; charts and maps carry SVG."""
    data = asdict(block)
    data.pop("spec", None)
    if isinstance(block, model.Metrics):
        data["kind"] = "metrics"
    elif isinstance(block, model.Chart | model.Image):
        data["kind"] = "chart"
        data["svg"], (width_px, height_px) = chart_svg(block.spec)
        data["width"], data["height"] = width_px * PT_PER_PX, height_px * PT_PER_PX
    elif isinstance(block, model.Table):
        data["kind"] = "table"
        data["numeric"] = [bool(n) for n in block.numeric] + [False] * (
            len(block.header) - len(block.numeric)
        )
    else:
        data["kind"] = "text"
    return data


def chart_svg(spec: dict) -> tuple[str, tuple[float, float]]:
    """A Vega-Lite spec as SVG text and its width and height in pixels, rendered once per spec.

    The spec is drawn as the PNG export draws it (:func:`charts.png_spec` without a context: a
    container width made fixed, the shipped font, the chart's own notes on its marks under
    it); the title, caption and source are the PDF's, around the image.

    Typst draws the SVG's ``<text>`` itself, with the fonts it was given: only the shipped
    Source Sans 3 (tests/test_report_pdf.py checks the embedded fonts).
    """
    dumped = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)
    key = hashlib.sha256(dumped.encode("utf-8")).hexdigest()  # a map's spec is large; its hash is not
    with _svg_lock:
        if key in _svg_cache:
            _svg_cache.move_to_end(key)
            return _svg_cache[key]
    fonts.register_vl_convert()
    svg = vl_convert.vegalite_to_svg(charts.png_spec(_narrow_legends(spec), width=CHART_WIDTH_PX))
    match = _SIZE.search(svg)
    # vl-convert states the size on the root element; the fallback only keeps a chart visible.
    rendered = (svg, (float(match.group(1)), float(match.group(2))) if match else FALLBACK_SIZE_PX)
    with _svg_lock:
        _svg_cache[key] = rendered
        while len(_svg_cache) > SVG_CACHE_SIZE:
            _svg_cache.popitem(last=False)
    return rendered


def _narrow_legends(spec: dict) -> dict:
    """The spec with its bottom legends in :data:`LEGEND_COLUMNS` columns. Why: the app's four
    columns of long series names ("Actieve vrijwilligers per kwartaal") make a chart ~900 px
    wide, which the text width (~630 px) shrinks to 70 %, axis labels and all; two columns make
    the legend taller instead. A legend that sets its own columns keeps them."""
    config = spec.get("config", {})
    stacked = {"bottom": {"direction": "vertical", "anchor": "start", "margin": 4}}
    legend = {**config.get("legend", {}), "columns": LEGEND_COLUMNS, "layout": stacked}
    return {**spec, "config": {**config, "legend": legend}}


def _template_texts() -> dict[str, str]:
    """The catalogue's "pdf." texts under their short names (``page_of``, ``contents``, …)."""
    return {key.removeprefix("pdf."): text for key, text in TEXTS.items() if key.startswith("pdf.")}


def _timestamp(moment: datetime) -> datetime:
    """The PDF's creation date: the report's own time (naive times are read as UTC), never now."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
