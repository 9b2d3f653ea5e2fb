"""The report model: what a deck or a PDF report says, before it is drawn (no Streamlit here).

Why one model: the PPTX deck (:mod:`sv_analytics.report.pptx`), the PDF report
(:mod:`sv_analytics.report.pdf`), the Rapport page and the CLI all show the *same* report for
a scope, a moment and filters. :mod:`sv_analytics.report.build` computes it once, through the
same domain functions the pages call, on a cursor that sees only the report's scope; the
renderers only lay it out. So a figure in a deck is the figure on the page, and a renderer
cannot reach data the report does not hold.

Everything in a :class:`Report` is already **protected and formatted for others**: counts of
1–4 are ``<5``, other counts rounded to 5 (:mod:`sv_analytics.privacy`), texts are Dutch.
A chart's series hold the protected values (``None`` where a value is suppressed or missing),
which is what a native PowerPoint chart shows and what an official can check.

Blocks are plain frozen dataclasses so a report can be cached (pickled) and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

ScopeKind = Literal["kern", "gemeente", "programma"]
ChartKind = Literal["bar", "line", "stacked", "barh"]


@dataclass(frozen=True)
class Figure:
    """One headline figure: its registry name, the protected value as Dutch text, its unit,
    source and year, and the registry definition (for speaker notes and the PDF's glossary)."""

    code: str
    label: str
    value: str
    unit: str = ""
    source: str = ""
    year: str = ""
    definition: str = ""


@dataclass(frozen=True)
class Metrics:
    """A row of headline figures."""

    title: str
    figures: tuple[Figure, ...]
    caption: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Series:
    """One series of a chart: a name and one value per category (``None``: suppressed or
    missing; the chart then shows no value there and the caption says why)."""

    name: str
    values: tuple[float | None, ...]
    #: "target" draws the series as a dashed target line (deck) and names it in the legend.
    role: Literal["value", "target"] = "value"


@dataclass(frozen=True)
class Chart:
    """A chart that PowerPoint can draw natively (bar, line, stacked bar, horizontal bar).

    ``categories`` and ``series`` are the numbers (protected), ``spec`` the same chart as a
    Vega-Lite dict (Altair ``to_dict()``) for the PDF (vl-convert SVG) and as a fallback image.
    ``unit`` is the value axis title ("deelnemers", "%"). ``caption`` says what is shown, ``source``
    where it comes from (registry source and year), ``notes`` definitions and caveats (speaker
    notes in the deck, small print under the figure in the PDF). ``suppressed``: some values
    are hidden as ``<5``.
    """

    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    spec: dict
    unit: str = ""
    caption: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()
    suppressed: bool = False
    decimals: int = 0


@dataclass(frozen=True)
class Image:
    """A figure PowerPoint cannot draw natively (map, heat map, network, Sankey): a Vega-Lite
    spec rendered by vl-convert (PNG at 2× for the deck, SVG for the PDF). ``aspect`` is
    width ÷ height of the rendered spec, so the renderers can place it without rendering it."""

    title: str
    spec: dict
    aspect: float = 1.6
    caption: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table as others may see it: Dutch text cells, protected (from ``tables.Table.display``
    with ``protected=True``). ``numeric`` marks right-aligned columns. Long tables continue on
    the next slide or page with the header repeated."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    caption: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One entry of a text block: a heading (a success factor, a good practice) and its lines
    (context → mechanism → outcome, a description, a link)."""

    heading: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Text:
    """Paragraphs, bullets and/or items (success and failure factors, good practices, findings
    with their honesty notes, caveats)."""

    title: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    notes: tuple[str, ...] = ()


Block = Metrics | Chart | Image | Table | Text


@dataclass(frozen=True)
class Section:
    """A chapter of the report (a section slide in the deck, a numbered heading in the PDF)."""

    title: str
    blocks: tuple[Block, ...]
    intro: str = ""


@dataclass(frozen=True)
class Report:
    """One report: a scope, a moment and its period, the filters, and the sections.

    ``scope_kind``/``scope_name``: "kern" Bathmen, "gemeente" Deventer, "programma" Sociaal
    Vitaal in kleine kernen. ``subtitle`` is the line every slide title repeats ("Bathmen,
    jan 2017 – dec 2018"). ``choices`` are the filters as (label, value) for the cover.
    ``generated_at`` is given by the caller (the CLI's clock, a test's fixed time) so that
    two renders of the same data are byte-identical. ``demo``: fictional data, so every slide
    and page says so (``demo_note``).
    """

    title: str
    subtitle: str
    scope_kind: ScopeKind
    scope_key: str
    scope_name: str
    moment: str
    moment_label: str
    period_start: date
    period_end: date
    period_label: str
    peildatum: date
    choices: tuple[tuple[str, str], ...]
    data_version: int
    generated_at: datetime
    demo: bool
    demo_note: str
    sections: tuple[Section, ...]
    #: Sources of every figure in the report (the PDF's last page, the deck's last slide).
    sources: tuple[str, ...] = ()
    #: Definitions of the indicators used: (name, definition with unit).
    definitions: tuple[tuple[str, str], ...] = ()
    #: General caveats (protection of small counts, no proof of cause, demo).
    caveats: tuple[str, ...] = ()
    #: File name without extension: "rapport-eind_2018-kern-bathmen".
    file_stem: str = "rapport"
    kernen: tuple[str, ...] = field(default=())

    def blocks(self) -> list[Block]:
        """Every block of every section, in order (for tests and the progress bar)."""
        return [block for section in self.sections for block in section.blocks]
