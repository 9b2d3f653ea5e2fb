"""Wat werkt waar: approach × context → outcome, similar kernen, success and failure factors,
and reach before and after the project (issue 5).

Layout only: every figure comes from ``sv_analytics.wat_werkt`` through the views and typed tables
of ``sv_analytics.wat_werkt_views``: one ``Analysis`` per data version and period (``state.run``),
every view derived from it. The honesty note comes first: 22 kernen can show where things go
together, not what works.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from sv_analytics import fmt, lookups, vergelijkbaar, wat_werkt
from sv_analytics import wat_werkt_views as views
from sv_analytics.charts import wat_werkt as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

ALL = "alle"


def dimension_choice(
    label_key: str, options: Iterable[str], key: str, default: str | None = None
) -> tuple[str, str]:
    """A sidebar choice of a dimension or outcome, kept in the URL and recorded for the
    Toelichting of the exported tables: the value chosen and its label (named by the views)."""
    values = list(options)
    value = st.sidebar.selectbox(
        t(label_key),
        values,
        index=values.index(default) if default else 0,
        format_func=views.label,
        key=key,
        bind="query-params",
    )
    filters.note_choice(t(label_key), views.label(value))
    return value, views.label(value)


period = filters.period_filter()
kern = filters.kern_filter()
context_dim, context_label = dimension_choice(
    "wwk.context_dim", wat_werkt.CONTEXT_DIMENSIONS, "wwk_context", default="vergrijzing"
)
approach_dim, approach_label = dimension_choice(
    "wwk.approach_dim", wat_werkt.APPROACH_DIMENSIONS, "wwk_aanpak"
)
outcome, outcome_label = dimension_choice(
    "wwk.outcome", wat_werkt.OUTCOMES, "wwk_uitkomst", default="bewegen_per_1000"
)
data = state.run(views.analysis, start=period.start, end=period.end, _base=lambda: state.run(views.basis))


def view(name: str, *args: str) -> object:
    """A view of the analysis, cached per data version, period and arguments."""
    return state.run(views.cached, view=name, start=period.start, end=period.end, args=args, _data=lambda: data)


st.title(t("wwk.title"))
st.write(t("wwk.intro", period=fmt.period(period.start, period.end)))
st.info(wat_werkt.HONESTY, icon=":material/info:")

# 2: heat map approach × context → outcome -----------------------------------------------------
st.subheader(t("wwk.heatmap_heading"))
cells = view("heatmap_cells", context_dim, approach_dim, outcome)
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
    with st.expander(t("wwk.heatmap_heading")):
        components.table(
            views.heatmap_table(cells, context_dim, approach_dim, outcome),
            title=t("wwk.heatmap_heading"),
            name=f"wat-werkt-{context_dim}-{approach_dim}-{outcome}",
            key="wwk_heatmap_table",
            suppressed_note=True,
        )

st.subheader(t("wwk.groups_heading"))
st.caption(t("wwk.groups_caption"))
for dimension, heading in ((context_dim, "wwk.by_context"), (approach_dim, "wwk.by_approach")):
    components.table(
        views.groups_table(view("group_cells", dimension, outcome), dimension, outcome),
        title=t(heading, dimension=views.label(dimension)),
        heading="bold",
        name=f"wat-werkt-groepen-{dimension}-{outcome}",
        key=f"wwk_groups_{heading}",
    )

# 3: similar kernen ---------------------------------------------------------------------------
kern_name = state.run(lookups.kernen).set_index("kern_id")["name"].get(kern, kern)
components.table(
    views.similar_table(view("similar", kern)),
    title=t("wwk.similar_heading"),
    heading="subheader",
    caption=t("wwk.similar_caption", kern=kern_name),
    name=f"wat-werkt-vergelijkbaar-{kern}",
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
filters.note_choice(t("wwk.category"), t("wwk.all") if category == ALL else category)
filters.note_choice(t("wwk.phase"), t("wwk.all") if phase == ALL else t("wwk.phase_n", n=phase))
found = views.factors_in_context(
    state.run(
        views.factors,
        category=None if category == ALL else category,
        phase=None if phase == ALL else int(phase),
    ),
    data,
    context_dim,
)
if found.empty:
    st.info(t("wwk.no_factors"))
else:
    components.table(
        views.factor_counts(found),
        title=t("wwk.factor_counts"),
        heading="bold",
        name="wat-werkt-factoren-aantallen",
        key="wwk_factor_counts",
    )
    for group, part in found.groupby("kern_context", sort=True):
        with st.expander(t("wwk.factors_group", group=group, n=len(part))):
            components.table(
                views.factor_table(part),
                name=f"wat-werkt-factoren-{group}",
                title=t("wwk.factors_heading"),
                key=f"wwk_factors_{group}",
            )

# 5: before and after -------------------------------------------------------------------------
st.subheader(t("wwk.before_after_heading"))
st.caption(t("wwk.before_after_caption"))
by_group = views.before_after_groups(data, context_dim)
if by_group.empty:
    st.info(t("common.empty"))
else:
    components.chart(
        charts.before_after(by_group, group_title=context_label, title=t("wwk.chart_before_after")),
        name=f"wat-werkt-voor-en-na-{context_dim}",
        key="wwk_before_after",
    )
    components.table(
        views.before_after_table(by_group, context_dim),
        name=f"wat-werkt-voor-en-na-{context_dim}",
        title=t("wwk.before_after_heading"),
        key="wwk_before_after_table",
    )

st.markdown(f"**{t('wwk.before_after_kern_heading', kern=kern_name)}**")
st.caption(t("wwk.before_after_kern_caption", kern=kern_name, dimension=context_label))
own = views.before_after_kern(data, kern, context_dim)
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
        views.before_after_kernen_table(
            views.before_after_kernen(data, context_dim), context_dim, context_label
        ),
        name=f"wat-werkt-voor-en-na-per-kern-{context_dim}",
        title=t("wwk.before_after_all_kernen"),
        key="wwk_before_after_kernen",
    )

components.definitions(
    (
        "vergelijking_groepen",
        *(code for _, code in wat_werkt.CONTEXT_DIMENSIONS.values()),
        *(code for _, code in wat_werkt.APPROACH_DIMENSIONS.values()),
        *wat_werkt.OUTCOMES.values(),
        "deelnemers",
        vergelijkbaar.CODE,
        "wwk_factoren",
        "bereik_per_1000_per_jaar",
    )
)
