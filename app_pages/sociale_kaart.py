"""Sociale kaart (issue 6, part 1): per kern the organisations by sector and role, the map of the
kern with its organisations and facilities, the project group; across kernen who takes part per
sector.

Layout only: every frame and typed table comes from ``sv_analytics.sociale_kaart`` through
``state.run``; the map is built by ``maps.sociale_kaart_map``, the heat map by
``charts.sociale_kaart``.
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import lookups, map_png, maps, sociale_kaart, vocab
from sv_analytics.charts import sociale_kaart as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, programme, state

gemeente = filters.gemeente_filter()
kern = filters.kern_filter(gemeente=gemeente)

st.title(t("sk.title"))
st.write(t("sk.intro"))
st.caption(t("sk.no_period_note"))

# 1: one kern ---------------------------------------------------------------------------------
facts = state.run(sociale_kaart.kern_facts, kern_id=kern) if kern else None
if facts is None or facts.empty:
    st.info(t("common.no_kernen"))
else:
    fact = facts.iloc[0]
    st.header(t("sk.kern_heading", kern=fact["name"]))
    st.caption(
        t(
            "sk.kern_caption",
            kern_type=vocab.KERN_TYPE.get(fact["kern_type"], fact["kern_type"]),
            gemeente=fact["gemeente"] or t("common.unknown"),
            projectleider=fact["projectleider_role"] or t("common.unknown"),
        )
    )
    links = st.container(horizontal=True, gap="medium")  # one row: the map stays on the first screen
    links.page_link("app_pages/kernprofiel.py", label=t("sk.open_profile", kern=fact["name"]),
                    icon=":material/groups:", query_params={"kern": kern})  # fmt: skip
    links.page_link("app_pages/samenwerking.py", label=t("sk.open_samenwerking", kern=fact["name"]),
                    icon=":material/handshake:", query_params={"kern": kern})  # fmt: skip

    orgs = state.run(sociale_kaart.organisations, kern_id=kern)
    facs = state.run(sociale_kaart.facilities, kern_id=kern)
    if not orgs.empty:
        components.headline_metrics(sociale_kaart.headline(orgs))

    # the map first (what a meeting looks at), the organisations' table under it
    st.subheader(t("sk.map_heading"))
    if sociale_kaart.has_locations(orgs, facs):
        contours, demo_shown = state.run(lookups.kern_contours), state.demo_banner() is not None
        st.pydeck_chart(
            maps.sociale_kaart_map(orgs, facs, contours, kern),
            height=520,
            key="sk_map",
        )
        st.markdown(maps.sociale_kaart_legend_html(orgs, facs), unsafe_allow_html=True)
        st.caption(t("sk.map_caption"))
        st.download_button(
            t("map_png.download"),
            # runs outside the script run (no session) when clicked: only values read here
            data=lambda: map_png.sociale_kaart_png(
                orgs, facs, contours, kern, kern_name=fact["name"], demo=demo_shown
            ),
            file_name=map_png.file_name("sk", kern=kern) + ".png",
            mime="image/png", key="sk_kaart_png", on_click="ignore", icon=":material/image:",
        )  # fmt: skip
    else:
        st.info(t("sk.no_locations"))

    if orgs.empty:
        st.info(t("sk.no_organisations"))
    else:
        st.subheader(t("sk.organisations_heading"))
        st.caption(t("sk.organisations_caption"))
        components.table(
            sociale_kaart.organisation_table(orgs),
            name=f"sociale-kaart-{kern}",
            title=t("sk.kern_heading", kern=fact["name"]),
            key="sk_organisations",
            height=sociale_kaart.table_height(len(orgs)),
            column_config={t("sk.col.sector"): st.column_config.TextColumn(width=210)},
        )
    with st.expander(t("sk.facilities_heading")):
        if facs.empty:
            st.info(t("sk.no_facilities"))
        else:
            components.table(
                sociale_kaart.facility_table(facs),
                name=f"accommodaties-{kern}",
                title=t("sk.facilities_heading"),
                key="sk_facilities",
            )

    st.subheader(t("sk.project_group_heading"))
    members = sociale_kaart.project_group_table(orgs)
    if members.empty:
        st.info(t("sk.no_project_group"))
    else:
        st.caption(t("sk.project_group_caption", kern=fact["name"]))
        components.table(
            members,
            name=f"projectgroep-{kern}",
            title=t("sk.project_group_heading"),
            key="sk_project_group",
        )

# 2: across kernen ----------------------------------------------------------------------------
st.header(t("sk.matrix_heading"))
cells = state.run(sociale_kaart.matrix)
if cells.empty or cells["organisations"].sum() == 0:
    st.info(t("sk.no_matrix"))
else:
    st.caption(t("sk.matrix_caption"))
    components.chart(
        charts.matrix_heatmap(cells, title=t("sk.matrix_chart_title"), top=programme.matrix_top()),
        name="sociale-kaart-kern-x-sector",
        key="sk_matrix",
        title=components.png_title(t("sk.matrix_chart_title")),
        omit=(t("filter.kern"),),
        indicator="sk_organisaties",
        notes=[t("sk.matrix_caption")],
    )
    with st.expander(t("sk.matrix_table"), expanded=False):
        components.table(
            sociale_kaart.matrix_table(cells),
            name="sociale-kaart-kern-x-sector",
            title=t("sk.matrix_chart_title"),
            key="sk_matrix_table",
            height=sociale_kaart.table_height(cells["kern_id"].nunique()),
        )

components.definitions(
    ("sk_organisaties", "aanpak_partnersectoren", "sk_projectgroep", "sk_afspraken_per_organisatie",
     "sk_deelnemende_organisaties")
)  # fmt: skip
