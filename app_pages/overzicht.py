"""Overzicht: the kernen on a map and the headline figures for a period."""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, maps, metrics
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

period = filters.period_filter()
gemeente = filters.gemeente_filter()

st.title(t("overzicht.title"))
st.write(t("overzicht.intro", period=fmt.period(period.start, period.end)))

overview = state.kern_overview(period, gemeente)
if overview.empty:
    st.info(t("overzicht.no_kernen"))
    st.stop()

components.headline_metrics(metrics.headline(overview))
if overview["activities"].sum() == 0:
    st.info(t("overzicht.empty"))

st.subheader(t("overzicht.map_heading"))
st.pydeck_chart(maps.kern_map(overview, state.kern_contours()), height=560)
st.markdown(maps.legend_html(sorted(overview["kern_type"].unique())), unsafe_allow_html=True)
st.caption(t("overzicht.map_caption"))

st.subheader(t("overzicht.table_heading"))
st.dataframe(metrics.kern_table(overview), hide_index=True, width="stretch")
sources = overview[["inhabitants_source", "inhabitants_year"]].drop_duplicates()
for source, year in sources.itertuples(index=False):
    st.caption(t("overzicht.inhabitants_note", source=source, year=year))
st.caption(t("overzicht.suppressed_note"))
