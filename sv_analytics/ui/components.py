"""Small layout pieces used on several pages.

Where the protection of small counts meets the screen (:mod:`sv_analytics.privacy`): tables,
headline figures and charts drawn through these functions are protected unless the viewer of
the session has exact counts (``viewer.current().exact``); their CSV, XLSX and PNG downloads
are protected always. A page never formats a count itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

import altair as alt
import streamlit as st

from sv_analytics import charts, exports, fmt, indicators, lookups, timeline
from sv_analytics.tables import Figure, Table
from sv_analytics.texts import t
from sv_analytics.ui import filters, state, viewer

#: Width (px) of the demo banner's box: its bold headline ("Demo — fictieve gegevens.") on one line.
BANNER_WIDTH = 290


def demo_banner() -> None:
    """Shown on every page while any demo content is in the database.

    Compact, so that it does not take a beamer's first screen: the bold headline in a warning
    box, the explanation beside it in small type (one row instead of an 80 px box).
    """
    if key := state.demo_banner():
        head, detail = banner_parts(t(key))
        row = st.container(
            horizontal=True, wrap=False, vertical_alignment="center", gap="small", key="demo_banner"
        )
        row.warning(head, icon=":material/warning:", width=BANNER_WIDTH if detail else "stretch")
        if detail:
            row.caption(detail)


def banner_parts(text: str) -> tuple[str, str]:
    """``**Kop.** uitleg`` → (``**Kop.**``, ``uitleg``); a text without a bold headline: (text, "")."""
    match = re.fullmatch(r"(\*\*[^*]+\*\*)\s+(.+)", text, flags=re.DOTALL)
    return (match[1], match[2]) if match else (text, "")


def protected() -> bool:
    """Whether this session's screen shows protected counts (every viewer without exact counts)."""
    return viewer.current().protected


def headline_metrics(
    values: Mapping[str, float | int | None] | Sequence[Figure], *, short: Mapping[str, str] | None = None
) -> None:
    """One st.metric per headline figure, its registry definition as help.

    ``values``: code → number (a count of the registry's protected kind is protected, any other
    number shown as it is), or :class:`~sv_analytics.tables.Figure` s for figures derived from
    counts (a share, a rate per 1.000).

    The figures share one row that wraps, each as wide as its label and value need: equal
    columns cut long labels at 1280 px ("Nieuwe deelne…"). ``short``: code → a shorter label
    from the page's text catalogue for a row of many figures; the help text starts with the
    registry's full name, so nothing is lost.
    """
    figures = list(values) if not isinstance(values, Mapping) else [Figure(c, v) for c, v in values.items()]
    shown_protected = protected()
    labels = short or {}
    row = st.container(horizontal=True, horizontal_alignment="distribute", gap="small")
    for figure in figures:
        indicator = indicators.get(figure.code)
        row.metric(
            labels.get(figure.code, indicator.name),
            figure.text(shown_protected),
            help=indicator.help_text(),
            width="content",
        )


def footer() -> None:
    st.caption(t("app.selection_note"))
    st.caption(t("app.footer", path=state.db_path().name, version=state.data_version()))


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _column_config(data: Table) -> dict[str, object]:
    """Header tooltips from the registry (or the column's own help) and link columns."""
    config: dict[str, object] = {}
    for column in data.screen_columns:
        help_text = indicators.get(column.indicator).help_text() if column.indicator else column.help
        if column.kind == "link":
            config[column.label] = st.column_config.LinkColumn(help=help_text, display_text=column.link_text)
        elif help_text:
            config[column.label] = st.column_config.Column(help=help_text)
    return config


_RUN_FACTS = "sv_run_facts"
"""Session-state key of (data version, demo content?) as read when this run started."""


#: Streamlit leaves 6rem above the first element of the main area; on a beamer at 1280×720
#: that is a seventh of the screen. An ``st.html`` of only a style block takes no room.
_COMPACT_TOP = "[data-testid='stMainBlockContainer']{padding-top:2rem}"
#: A chart's toolbar offers Streamlit's own "Download as PNG": an image of the screen with no
#: title, kern, period, source or demo note (issue 15). The page's "Grafiek als PNG" carries them,
#: so that one is the only PNG on offer.
_NO_BARE_PNG = (
    "[data-testid='stElementToolbar'] button[aria-label='Download as PNG']{display:none !important}"
)

#: The print view (issue 15), for an official who still prints a page (Chromium, A4): no
#: sidebar, navigation, header or toolbars; no download buttons or the chrome of a closed
#: expander; the content the full width of the paper; and Streamlit's own scroll container
#: opened up, without which only the first screen is printed. Charts, tables and figures are not
#: split over two pages, nor wider than the paper (a chart keeps the pixel width it was drawn
#: at on screen, the print layout gets no redraw: ``zoom`` = paper width / the drawing's own
#: ``width``, typed CSS arithmetic of Chromium ≥ 140); a heading stays with what follows it.
#: Not solved here: ``st.dataframe`` draws on a canvas only the rows and columns in its view, so
#: a printed table shows what its box shows on screen (the CSV/XLSX or the PDF report hold all).
_PRINT = """@media print {
  [data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stSidebarNav'],
  [data-testid='stHeader'], [data-testid='stToolbar'], [data-testid='stDecoration'],
  [data-testid='stStatusWidget'], [data-testid='stElementToolbar'], [data-testid='stDownloadButton'],
  [data-testid='stBottom'], [data-testid='stExpander'] details:not([open]), nav,
  [data-testid='stBaseButton-headerNoPadding'], .st-key-demo_banner button { display: none !important; }
  html, body, #root, [data-testid='stApp'], [data-testid='stAppViewContainer'], [data-testid='stMain'],
  [data-testid='stMainBlockContainer'] {
    position: static !important; overflow: visible !important; height: auto !important;
    min-height: 0 !important;
  }
  [data-testid='stMain'], [data-testid='stMainBlockContainer'] {
    margin: 0 !important; max-width: 100% !important; width: 100% !important; padding: 0 !important;
  }
  [data-testid='stVegaLiteChart'] { container-type: inline-size; }
  [data-testid='stVegaLiteChart'] svg, [data-testid='stVegaLiteChart'] canvas {
    zoom: min(1, calc(98cqw / attr(width px)));
  }
  [data-testid='stVegaLiteChart'], [data-testid='stDataFrame'], [data-testid='stTable'],
  [data-testid='stMetric'], [data-testid='stImage'], [data-testid='stDeckGlJsonChart'],
  [data-testid='stAlert'], [data-testid='stExpander'] { break-inside: avoid; page-break-inside: avoid; }
  [data-testid='stDataFrame'], [data-testid='stDataFrame'] .dvn-scroller { overflow: hidden !important; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
}"""


def start_page() -> None:
    """Called by the router before the page runs: the page's style (compact top, print view),
    forget the previous run's choices, reserve the filter bar's place at the top of the main
    area (:func:`filters.open_bar`) and read the data version and the demo flag once, for the
    exports of every table on the page (instead of one database round trip per table)."""
    filters.reset_choices()
    st.html(f"<style>{_COMPACT_TOP}\n{_NO_BARE_PNG}\n{_PRINT}</style>")
    filters.open_bar()
    st.session_state[_RUN_FACTS] = (state.data_version(), state.demo_banner() is not None)


def _run_facts() -> tuple[int | None, bool]:
    """(data version, demo content?) as :func:`start_page` read them for this run."""
    return st.session_state.get(_RUN_FACTS) or (state.data_version(), state.demo_banner() is not None)


def export_context(title: str) -> exports.ExportContext:
    """The context an exported table carries: the run's filter choices, the data version, demo."""
    version, demo = _run_facts()
    return exports.ExportContext(
        title=title, choices=tuple(filters.choices()), demo=demo, data_version=version
    )


Heading = Literal["subheader", "bold"] | None


TableBuilder = Callable[[bool], Table]


def table(
    data: Table | TableBuilder,
    *,
    title: str,
    key: str,
    name: str | None = None,
    heading: Heading = None,
    caption: str | None = None,
    suppressed_note: bool = False,
    **dataframe_args: object,
) -> None:
    """A table section: optional heading (the title, as a subheader or in bold) and caption,
    the typed table on screen (formatted from its column specs, protected unless the viewer has
    exact counts), CSV and XLSX downloads (always protected), and under a table with counts the
    note on their protection (``suppressed_note`` forces it).

    The files are made only when clicked and hold typed numbers and dates; the XLSX records
    the filters chosen on this run, the data version and the indicator definitions. ``name``
    is the file name without extension (default: the title in lower case with hyphens).

    ``data``: a Table (its column specs protect its counts and the figures derived from them),
    or a *builder* ``protected → Table`` for a table whose figures are statistics over protected
    values (Wat werkt waar's group means): the screen gets ``builder(protected())``, the files
    always ``builder(True)``.
    """
    if not isinstance(data, Table):
        build = data
        data = build(protected())
        files = (lambda: data) if protected() else (lambda: build(True))
    else:
        files = None
    if heading == "subheader":
        st.subheader(title)
    elif heading == "bold":
        st.markdown(f"**{title}**")
    if caption:
        st.caption(caption)
    _table(data, title=title, key=key, name=name or slug(title), files=files, **dataframe_args)
    if (suppressed_note or data.protects) and not data.empty:
        st.caption(t("privacy.protected_note" if protected() else "privacy.exact_note"))


def slug(text: str) -> str:
    """A file name from a title: ``'Bereik per kern (2017)'`` → ``'bereik-per-kern-2017'``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "tabel"


def _table(
    data: Table,
    *,
    title: str,
    key: str,
    name: str,
    files: Callable[[], Table] | None = None,
    **dataframe_args: object,
) -> None:
    if data.empty:
        st.info(t("common.empty"))
        return
    exported = files or (lambda: data)
    config = _column_config(data) | dict(dataframe_args.pop("column_config", {}) or {})
    shown = data.display(protected=protected())
    st.dataframe(shown, hide_index=True, column_config=config, **({"width": "stretch"} | dataframe_args))
    context = export_context(title)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("common.download_csv"), data=lambda: exports.to_csv_bytes(exported()), file_name=f"{name}.csv",
        mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )  # fmt: skip
    right.download_button(
        t("common.download_xlsx"), data=lambda: exports.to_xlsx_bytes(exported(), context),
        file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
    )  # fmt: skip


ChartBuilder = Callable[[bool], alt.TopLevelMixin]

#: The whole monitoring (baseline 2016 to follow-up 2019): the period of a PNG of a figure that
#: spans it, for pages that name it in a title or source line without importing the calendar.
MONITORING = timeline.MONITORING


def png_scope(*, kern: str | None = None, gemeente: str | None = None) -> str:
    """Who a figure is about, for a PNG's title: "Bathmen", "gemeente Deventer", or the
    programme's kernen (names from the viewer's scoped registry)."""
    if kern:
        names = state.run(lookups.kernen).set_index("kern_id")["name"]
        return str(names.get(kern, kern))
    if gemeente:
        names = state.run(lookups.gemeenten).set_index("gemeente_code")["name"]
        return t("png.scope_gemeente", gemeente=names.get(gemeente, gemeente))
    return t("png.scope_all")


def png_title(
    chart_title: str,
    *,
    kern: str | None = None,
    gemeente: str | None = None,
    period: timeline.Period | None = None,
    when: str | None = None,
    scoped: bool = True,
) -> str:
    """A PNG's title naming the figure, kern or gemeente and period (or a peildatum, a year:
    ``when``): "Deelnemers — Bathmen, jan 2017 – dec 2018". ``scoped=False`` for a figure
    title that names its kern already ("Bathmen tegenover de andere kernen, …")."""
    when = fmt.period(period.start, period.end) if period is not None else when
    if not scoped:
        return t("png.title_period", chart=chart_title, when=when) if when else chart_title
    scope = png_scope(kern=kern, gemeente=gemeente)
    return t("png.title_when" if when else "png.title", chart=chart_title, scope=scope, when=when)


def _years(year: int | str | timeline.Period | None) -> str | None:
    """A source line's year: a period as "2017–2018" (one year alone when it starts and ends in it)."""
    if isinstance(year, timeline.Period):
        first, last = year.start.year, year.end.year
        return str(first) if first == last else f"{first}–{last}"
    return None if year is None else str(year)


def png_context(
    title: str,
    *,
    indicator: str | None = None,
    source: str | None = None,
    year: int | str | timeline.Period | None = None,
    units: str | None = None,
    notes: Sequence[str] = (),
    omit: Sequence[str] = (),
) -> charts.PngContext:
    """The context a chart's PNG carries, read during the run (the download callable runs
    outside it, where neither the session's choices nor the database are at hand): ``title``
    (naming kern or gemeente and period), the run's filter choices as subtitle, the units, the
    source line (``source`` and ``year``, the data version), the demo note, ``notes``.

    ``indicator``: a registry code whose source and unit the line and subtitle name, unless
    ``source`` or ``units`` say otherwise (one source of truth: the registry); ``units=""``
    for a chart whose marks are not in the indicator's unit (a timeline, a network)."""
    version, demo = _run_facts()
    if indicator:
        found = indicators.get(indicator)
        source = source or found.source
        units = t("png.units", unit=found.unit) if units is None else units
    # ``omit``: labels of choices that do not apply to this figure (the kern, on a chart of all kernen)
    subtitle = " · ".join(f"{label}: {value}" for label, value in filters.choices() if label not in omit)
    years = _years(year)
    if source and years:
        line = t("png.source", source=source, year=years, version=version)
    elif source:
        line = t("png.source_no_year", source=source, version=version)
    else:
        line = t("png.version", version=version)
    return charts.PngContext(
        title=title, subtitle=subtitle, units=units or "", source=line, demo=demo, notes=tuple(notes)
    )


def chart(
    figure: alt.TopLevelMixin | ChartBuilder,
    *,
    name: str,
    key: str,
    title: str | None = None,
    indicator: str | None = None,
    source: str | None = None,
    year: int | str | timeline.Period | None = None,
    units: str | None = None,
    notes: Sequence[str] = (),
    omit: Sequence[str] = (),
) -> None:
    """An Altair chart with a PNG download (rendered by vl-convert only when clicked).

    ``figure``: a finished chart without counts of people, or a *builder* ``protected → chart``
    for a chart with counts: the screen gets ``builder(protected())``, the PNG always
    ``builder(True)``, so an exact screen never leaks into a download (for an exact viewer
    built during the run, as the download callable runs outside it). Under a chart with
    counts a caption says how they are protected.

    The PNG keeps its context (issue 15): ``title`` (kern or gemeente and period; default the
    chart's own title), the filters, ``units``, ``source`` with ``year``, the demo note and
    ``notes`` are drawn into the image (:func:`png_context`, :func:`charts.to_png`);
    ``indicator`` names the registry entry whose source and unit the image gives; ``omit``
    names filter choices that do not apply to this figure (the kern, on a chart of all kernen).

    The spec goes to Streamlit as a dict made without schema validation: validating costs
    ~35 ms per chart on every rerun; tests/test_charts_valid.py validates every chart the
    pages draw instead.
    """
    shown_protected = protected()
    if isinstance(figure, alt.TopLevelMixin):
        screen, png = figure, (lambda: figure)
    else:
        screen = figure(shown_protected)
        # built now, not in the download callable: that runs outside the script run, where a
        # builder's state.run finds no signed-in viewer (PermissionError for exact viewers)
        protected_figure = screen if shown_protected else figure(True)
        png = lambda: protected_figure  # noqa: E731
    spec = screen.to_dict(validate=False)
    st.vega_lite_chart(spec=spec, width="stretch")
    if charts.has_counts(screen):
        st.caption(t("privacy.chart_note" if shown_protected else "privacy.exact_note"))
    own_title = spec.get("title")
    own_title = own_title.get("text") if isinstance(own_title, dict) else own_title
    context = png_context(
        title or (own_title if isinstance(own_title, str) else name), indicator=indicator, source=source,
        year=year, units=units, notes=notes, omit=omit,
    )  # fmt: skip
    st.download_button(
        t("common.download_png"),
        data=lambda: charts.to_png(png(), context=context),
        file_name=f"{name}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        icon=":material/image:",
    )


def definitions(codes: Iterable[str]) -> None:
    """The registry definitions of the indicators on a page, one click away."""
    with st.expander(t("common.definitions")):
        for code in dict.fromkeys([*codes, indicators.PRIVACY_METHOD]):
            st.markdown(indicators.get(code).help_text())
