"""Wat werkt waar: approach × context → outcome, similar kernen, success and failure factors,
and reach before and after the project (issue 5).

Layout only: every figure comes from ``sv_analytics.wat_werkt`` (through the display helpers of
``sv_analytics.wat_werkt_views``) by ``state.run``. The honesty note comes first: 22 kernen can
show where things go together, not what works.
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, lookups, wat_werkt
from sv_analytics import wat_werkt_views as views
from sv_analytics.charts import wat_werkt as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

ALL = "alle"

period = filters.period_filter()
kern = filters.kern_filter()
context_dim = st.sidebar.selectbox(
    t("wwk.context_dim"),
    list(wat_werkt.CONTEXT_DIMENSIONS),
    index=list(wat_werkt.CONTEXT_DIMENSIONS).index("vergrijzing"),
    format_func=views.label,
    key="wwk_context",
    bind="query-params",
)
approach_dim = st.sidebar.selectbox(
    t("wwk.approach_dim"),
    list(wat_werkt.APPROACH_DIMENSIONS),
    format_func=views.label,
    key="wwk_aanpak",
    bind="query-params",
)
outcome = st.sidebar.selectbox(
    t("wwk.outcome"),
    list(wat_werkt.OUTCOMES),
    index=list(wat_werkt.OUTCOMES).index("bewegen_per_1000"),
    format_func=views.label,
    key="wwk_uitkomst",
    bind="query-params",
)
window = {"start": period.start, "end": period.end}
context_label, approach_label, outcome_label = (
    views.label(context_dim),
    views.label(approach_dim),
    views.label(outcome),
)

st.title(t("wwk.title"))
st.write(t("wwk.intro", period=fmt.period(period.start, period.end)))
st.info(wat_werkt.HONESTY, icon=":material/info:")

# 2: heat map approach × context → outcome -----------------------------------------------------
st.subheader(t("wwk.heatmap_heading"))
cells = state.run(
    views.heatmap_cells, context_dim=context_dim, approach_dim=approach_dim, outcome=outcome, **window
)
if cells.empty:
    st.info(t("common.empty"))
else:
    st.markdown(t("wwk.marked_note"))
    components.chart(
        charts.heatmap(
            views.heatmap_chart_data(cells, outcome),
            context_title=context_label,
            approach_title=approach_label,
            outcome_title=outcome_label,
            title=f"{outcome_label}: {approach_label} × {context_label}",
        ),
        name=f"wat-werkt-{context_dim}-{approach_dim}-{outcome}",
        key="wwk_heatmap",
    )
    st.caption(t("wwk.heatmap_caption"))
    codes = ("vergelijking_groepen", wat_werkt.OUTCOMES[outcome], "deelnemers")
    with st.expander(t("wwk.heatmap_heading")):
        components.table(
            views.heatmap_display(cells, outcome),
            name=f"wat-werkt-{context_dim}-{approach_dim}-{outcome}",
            title=t("wwk.heatmap_heading"),
            indicator_codes=codes,
            key="wwk_heatmap_table",
        )
        st.caption(t("common.suppressed_note"))

st.subheader(t("wwk.groups_heading"))
st.caption(t("wwk.groups_caption"))
for dimension, heading in ((context_dim, "wwk.by_context"), (approach_dim, "wwk.by_approach")):
    groups = state.run(views.group_cells, dimension=dimension, outcome=outcome, **window)
    st.markdown(f"**{t(heading, dimension=views.label(dimension))}**")
    components.table(
        views.cell_display(groups, outcome),
        name=f"wat-werkt-groepen-{dimension}-{outcome}",
        title=t(heading, dimension=views.label(dimension)),
        indicator_codes=(views.dimension_code(dimension), wat_werkt.OUTCOMES[outcome], "vergelijking_groepen"),
        key=f"wwk_groups_{heading}",
    )

# 3: similar kernen ---------------------------------------------------------------------------
st.subheader(t("wwk.similar_heading"))
kern_name = state.run(lookups.kernen).set_index("kern_id")["name"].get(kern, kern)
st.caption(t("wwk.similar_caption", kern=kern_name))
components.table(
    views.similar_display(state.run(views.similar, kern_id=kern, **window)),
    name=f"wat-werkt-vergelijkbaar-{kern}",
    title=t("wwk.similar_heading"),
    indicator_codes=(
        "vergelijkbare_kernen_afstand",
        *(code for _, code in wat_werkt.APPROACH_DIMENSIONS.values()),
        "bereik_per_1000",
        "bewegen_bereik_per_1000",
        "aandeel_voorheen_inactief",
        "continuiteit_2019",
    ),
    key="wwk_similar_table",
)

# 4: success and failure factors --------------------------------------------------------------
st.subheader(t("wwk.factors_heading"))
st.caption(t("wwk.factors_caption", dimension=context_label))
categories, phases = state.run(views.factor_options)
left, right = st.columns(2)
category = left.selectbox(
    t("wwk.category"),
    [ALL, *categories],
    format_func=lambda c: t("wwk.all") if c == ALL else c,
    key="wwk_categorie",
    bind="query-params",
)
phase = right.selectbox(
    t("wwk.phase"),
    [ALL, *[str(p) for p in phases]],
    format_func=lambda p: t("wwk.all") if p == ALL else t("wwk.phase_n", n=p),
    key="wwk_fase",
    bind="query-params",
)
found = state.run(
    views.factors,
    context_dim=context_dim,
    category=None if category == ALL else category,
    phase=None if phase == ALL else int(phase),
)
if found.empty:
    st.info(t("wwk.no_factors"))
else:
    st.markdown(f"**{t('wwk.factor_counts')}**")
    components.table(
        views.factor_counts(found),
        name="wat-werkt-factoren-aantallen",
        title=t("wwk.factor_counts"),
        indicator_codes=("wwk_factoren",),
        key="wwk_factor_counts",
    )
    for group, part in found.groupby("kern_context", sort=True):
        with st.expander(t("wwk.factors_group", group=group, n=len(part))):
            components.table(
                views.factor_display(part),
                name=f"wat-werkt-factoren-{group}",
                title=t("wwk.factors_heading"),
                indicator_codes=("wwk_factoren",),
                key=f"wwk_factors_{group}",
            )

# 5: before and after -------------------------------------------------------------------------
st.subheader(t("wwk.before_after_heading"))
st.caption(t("wwk.before_after_caption"))
by_group = state.run(views.before_after_groups, context_dim=context_dim)
if by_group.empty:
    st.info(t("common.empty"))
else:
    components.chart(
        charts.before_after(by_group, group_title=context_label, title=t("wwk.chart_before_after")),
        name=f"wat-werkt-voor-en-na-{context_dim}",
        key="wwk_before_after",
    )
    components.table(
        views.before_after_display(by_group),
        name=f"wat-werkt-voor-en-na-{context_dim}",
        title=t("wwk.before_after_heading"),
        indicator_codes=(views.dimension_code(context_dim), "bereik_per_1000_per_jaar"),
        key="wwk_before_after_table",
    )

st.markdown(f"**{t('wwk.before_after_kern_heading', kern=kern_name)}**")
st.caption(t("wwk.before_after_kern_caption", kern=kern_name, dimension=context_label))
own = state.run(views.before_after_kern, kern_id=kern, context_dim=context_dim)
if own.empty:
    st.info(t("common.empty"))
else:
    components.chart(
        charts.before_after(
            own, group_title=t("wwk.series"), title=t("wwk.chart_before_after_kern", kern=kern_name)
        ),
        name=f"wat-werkt-voor-en-na-{kern}",
        key="wwk_before_after_kern",
    )
with st.expander(t("wwk.before_after_all_kernen")):
    components.table(
        views.before_after_kernen_display(
            state.run(views.before_after_kernen, context_dim=context_dim), context_label
        ),
        name=f"wat-werkt-voor-en-na-per-kern-{context_dim}",
        title=t("wwk.before_after_all_kernen"),
        indicator_codes=(views.dimension_code(context_dim), "bereik_per_1000_per_jaar"),
        key="wwk_before_after_kernen",
    )

components.definitions(
    (
        "vergelijking_groepen",
        *(code for _, code in wat_werkt.CONTEXT_DIMENSIONS.values()),
        *(code for _, code in wat_werkt.APPROACH_DIMENSIONS.values()),
        *wat_werkt.OUTCOMES.values(),
        "deelnemers",
        "vergelijkbare_kernen_afstand",
        "wwk_factoren",
        "bereik_per_1000_per_jaar",
    )
)
