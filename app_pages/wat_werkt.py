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
protected = components.protected()  # every outcome from rounded counts unless the viewer has exact ones


def analysis(shown_protected: bool = protected) -> views.Analysis:
    """The analysis of the period, protected or exact (each cached once per data version and period)."""
    return state.run(
        views.analysis, start=period.start, end=period.end, protected=shown_protected,
        _base=lambda: state.run(views.basis),
    )  # fmt: skip


def view(name: str, *args: str, shown_protected: bool = protected) -> object:
    """A view of the analysis, cached per data version, period, protection and arguments. The
    screen uses the viewer's protection; downloads ask for the protected one."""
    return state.run(
        views.cached, view=name, start=period.start, end=period.end, args=args, protected=shown_protected,
        _data=lambda: analysis(shown_protected),
    )  # fmt: skip


data = analysis()


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
        lambda p: charts.heatmap(
            views.heatmap_chart_data(
                view("heatmap_cells", context_dim, approach_dim, outcome, shown_protected=p), outcome, p
            ),
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
            lambda p: views.heatmap_table(
                view("heatmap_cells", context_dim, approach_dim, outcome, shown_protected=p),
                context_dim,
                approach_dim,
                outcome,
            ),
            title=t("wwk.heatmap_heading"),
            name=f"wat-werkt-{context_dim}-{approach_dim}-{outcome}",
            key="wwk_heatmap_table",
        )

st.subheader(t("wwk.groups_heading"))
st.caption(t("wwk.groups_caption"))
for dimension, heading in ((context_dim, "wwk.by_context"), (approach_dim, "wwk.by_approach")):
    components.table(
        lambda p, dimension=dimension: views.groups_table(
            view("group_cells", dimension, outcome, shown_protected=p), dimension, outcome
        ),
        title=t(heading, dimension=views.label(dimension)),
        heading="bold",
        name=f"wat-werkt-groepen-{dimension}-{outcome}",
        key=f"wwk_groups_{heading}",
    )

# 3: similar kernen ---------------------------------------------------------------------------
kern_name = state.run(lookups.kernen).set_index("kern_id")["name"].get(kern, kern)
components.table(
    lambda p: views.similar_table(view("similar", kern, shown_protected=p)),
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
        lambda p: charts.before_after(
            views.before_after_groups(analysis(p), context_dim),
            group_title=context_label,
            title=t("wwk.chart_before_after"),
        ),
        name=f"wat-werkt-voor-en-na-{context_dim}",
        key="wwk_before_after",
    )
    components.table(
        lambda p: views.before_after_table(views.before_after_groups(analysis(p), context_dim), context_dim),
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
        lambda p: charts.before_after(
            views.before_after_kern(analysis(p), kern, context_dim),
            group_title=t("wwk.series"),
            title=t("wwk.chart_before_after_kern", kern=kern_name),
        ),
        name=f"wat-werkt-voor-en-na-{kern}",
        key="wwk_before_after_kern",
    )
with st.expander(t("wwk.before_after_all_kernen")):
    components.table(
        lambda p: views.before_after_kernen_table(
            views.before_after_kernen(analysis(p), context_dim), context_dim, context_label
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
