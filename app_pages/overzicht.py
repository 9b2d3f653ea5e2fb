"""Overzicht: the kernen on a map and the headline figures for a period, gemeente and target group."""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, indicators, lookups, map_png, maps, overzicht, vocab
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, programme, state

period = filters.period_filter()
gemeente = filters.gemeente_filter()
doelgroep = filters.doelgroep_filter()

st.title(t("overzicht.title"))
st.write(t("overzicht.intro", period=fmt.period(period.start, period.end)))
if doelgroep:
    st.caption(t("overzicht.doelgroep_note"))

overview = state.run(overzicht.kern_overview, period=period, gemeente=gemeente, doelgroep=doelgroep)
if overview.empty:
    st.info(t("common.no_kernen"))
    st.stop()

components.headline_metrics(overzicht.headline(overview))
if overview["activities"].sum() == 0:
    st.info(t("common.empty"))

st.subheader(t("overzicht.map_heading"))
colour_labels = {
    column: t("overzicht.colour_kern_type") if code is None else indicators.get(code).name
    for column, code in maps.COLOUR_OPTIONS.items()
}
colour_by = st.selectbox(
    t("overzicht.colour_by"),
    list(colour_labels),
    format_func=colour_labels.get,
    key="kleur",
    bind="query-params",
)
protected = components.protected()
scale = programme.colour_scale(period, doelgroep, colour_by)  # the same in every selection
contours, outlines = state.run(lookups.kern_contours), state.run(lookups.gemeente_outlines)
demo_shown = state.demo_banner() is not None
deck = maps.kern_map(
    overview, contours, outlines=outlines,
    gemeente=gemeente, colour_by=colour_by, scale=scale, protected=protected,
)  # fmt: skip
event = st.pydeck_chart(deck, height=560, on_select="rerun", selection_mode="single-object", key="kaart")
code = maps.COLOUR_OPTIONS[colour_by]
unit = (
    ""
    if code is None or indicators.get(code).unit in colour_labels[colour_by]
    else f" ({indicators.get(code).unit})"
)
legend = maps.legend(overview, colour_by, protected, scale)
st.markdown(maps.legend_html(legend, colour_labels[colour_by] + unit, maps.legend_note(colour_by, scale)),
            unsafe_allow_html=True)  # fmt: skip
st.caption(t("overzicht.map_caption"))
st.download_button(
    t("map_png.download"),
    # rendered offline (vl-convert) only when clicked, always protected: the image is for others.
    # The callable runs outside the script run (no session): it gets only values read here.
    data=lambda: map_png.kern_map_png(
        overview, outlines, contours,
        period=period, colour_by=colour_by, classes=scale, demo=demo_shown,
        filters=[f"{t('filter.doelgroep')}: {vocab.DOELGROEP[doelgroep]}"] if doelgroep else [],
    ),
    file_name=map_png.file_name("kernen", period=f"{period.start:%Y-%m}-{period.end:%Y-%m}") + ".png",
    mime="image/png", key="kaart_png", on_click="ignore", icon=":material/image:",
)  # fmt: skip
selected = [obj for objects in event.selection.objects.values() for obj in objects] if event else []
if selected:
    kern = selected[0]
    st.page_link("app_pages/kernprofiel.py", label=t("overzicht.open_profile", kern=kern["name"]),
                 icon=":material/arrow_forward:", query_params={"kern": kern["kern_id"]})  # fmt: skip

components.table(
    overzicht.kern_table(overview, colour_by),
    title=t("overzicht.table_heading"),
    heading="subheader",
    name=f"kernen-{period.start:%Y-%m}-{period.end:%Y-%m}",
    key="kerntabel",
)
sources = overview[["inhabitants_source", "inhabitants_year"]].drop_duplicates()
for source, year in sources.itertuples(index=False):
    st.caption(t("overzicht.inhabitants_note", source=source, year=year))
