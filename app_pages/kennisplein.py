"""Kennisplein: search the good practices and lessons of the kernen (issue 6, phase 4).

Layout only: the search, ranking and display strings come from ``sv_analytics.kennisplein``
through ``state.run``. Every filter is in the URL, so a search is a shareable link; what the
query and the items say is therefore shown as plain text, never as Markdown (the display
strings of ``sv_analytics.kennisplein`` are escaped; only this page's own links are links).
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, kennisplein, vocab
from sv_analytics.charts import kennisplein as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

ALL = "alle"
CODES = ("kennisplein_items", "kennisplein_zoekscore")

# Sidebar: the shared gemeente, kern and doelgroep filters. The kern filter offers "all kernen"
# and shows a kern only when the user chose one (on any page) or came with ?kern=<id>.
gemeente = filters.gemeente_filter()
chosen_kern = filters.kern_filter(gemeente=gemeente, label=t("kp.kern"), all_label=t("kp.all_kernen"))
doelgroep = filters.doelgroep_filter()

st.title(t("kp.title"))
st.write(t("kp.intro"))
query = st.text_input(
    t("kp.search"), placeholder=t("kp.search_placeholder"), help=t("kp.search_help"), key="kp_zoek",
    bind="query-params", icon=":material/search:",
)  # fmt: skip
theme_labels = {
    ALL: t("kp.all_themes"),
    **{c: kennisplein.theme_label(c) for c in state.run(kennisplein.themes)},
}
phase_labels = {ALL: t("kp.all_phases"), **vocab.PHASE}
kind_labels = {ALL: t("kp.all_kinds"), **vocab.KENNIS_KIND}
left, middle, right = st.columns(3)
theme = left.selectbox(
    t("kp.theme"), list(theme_labels), format_func=theme_labels.get, key="kp_thema", bind="query-params"
)
phase = middle.selectbox(
    t("kp.phase"), list(phase_labels), format_func=phase_labels.get, key="kp_fase", bind="query-params"
)
kind = right.selectbox(
    t("kp.kind"), list(kind_labels), format_func=kind_labels.get, key="kp_soort", bind="query-params"
)
# the search and the filters above decide which items the table (and its export) holds
if query and query.strip():
    # quoted: an export's Toelichting must not start a cell with the visitor's "=" (a formula)
    filters.note_choice(t("kp.search"), t("kp.search_choice", query=query.strip()))
filters.note_choice(t("kp.theme"), theme_labels.get(theme, theme))
filters.note_choice(t("kp.phase"), phase_labels.get(phase, phase))
filters.note_choice(t("kp.kind"), kind_labels.get(kind, kind))

found = state.run(
    kennisplein.items,
    query=query or None,
    gemeente=gemeente,
    kern=chosen_kern,
    theme=None if theme == ALL else theme,
    phase=None if phase == ALL else int(phase),
    kind=None if kind == ALL else kind,
    doelgroep=doelgroep,
)
n = len(found)
count = t("kp.count_one") if n == 1 else t("kp.count", n=fmt.number(n))
if query and query.strip():
    count += " " + t("kp.count_query", query=fmt.escape_markdown(query.strip()))
st.markdown(count)


def show_results() -> None:
    """One page of result cards, then the overview chart and the table of all matches."""
    pages = kennisplein.page_count(n)
    number = 1
    if pages > 1:
        number = st.selectbox(t("kp.page"), range(1, pages + 1), key=f"kp_pagina_{pages}", width=160)
    shown = kennisplein.page_rows(found, number)
    if pages > 1:
        first = (number - 1) * kennisplein.PAGE_SIZE + 1
        st.caption(t("kp.page_range", first=first, last=first + len(shown) - 1, n=fmt.number(n)))
    for card in kennisplein.cards(shown, query):
        with st.container(border=True, key=f"kp_card_{card.item_id}"):
            st.markdown(f"#### {card.title}")
            st.markdown(card.meta)
            st.markdown(card.body)
            lines = []
            if card.sources:
                lines.append(
                    t("kp.sources") + " " + " · ".join(f"[{s.label}]({s.url})" for s in card.sources)
                )
            if card.unlinked:  # not well-formed https: shown as text, so nothing is lost
                lines.append(t("kp.sources_unlinked", addresses=" · ".join(card.unlinked)))
            if lines:
                st.markdown("  \n".join(lines))
            links = " · ".join(f"[{link.label}]({link.url})" for link in card.links)
            st.markdown(f"{t('kp.links', kern=card.kern)} {links}")

    st.subheader(t("kp.overview_heading"))
    components.chart(
        charts.items_per_theme(kennisplein.overview(found)),
        name="kennisplein-thema-soort",
        key="kp_chart",
        title=components.png_title(t("kp.overview_heading"), kern=chosen_kern, gemeente=gemeente),
        indicator="kennisplein_items",
    )
    components.table(
        kennisplein.table(found, query),
        name="kennisplein",
        title=t("kp.table_title"),
        key="kp_table",
    )


if found.empty:
    has_items = bool(state.run(kennisplein.themes))
    st.info(t("kp.no_results") if has_items else t("kp.no_items"), icon=":material/search_off:")
else:
    show_results()
components.definitions(CODES)
