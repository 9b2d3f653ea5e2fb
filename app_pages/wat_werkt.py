"""Wat werkt waar: approach × context → outcome, similar kernen, Loket Gezond Leven interventions,
success and failure factors, and reach before and after the project (issues 5 and 13).

Layout only: every figure comes from ``sv_analytics.wat_werkt`` through the views and typed tables
of ``sv_analytics.wat_werkt_views``: one ``Analysis`` per data version and period (``state.run``),
every view derived from it. The first screen asks the question and says in two lines what 22
kernen can show (the full note one click away); then, before any mark, what the view cannot
separate (the cross-table of n, the overlap sentence, the registry's dependence reason); then the
heat map with its reading beside it. Without monitoring data the page says so and computes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from sv_analytics import fmt, indicators, interventions, lookups, vergelijkbaar, wat_werkt
from sv_analytics import wat_werkt_views as views
from sv_analytics.charts import wat_werkt as charts
from sv_analytics.indicators.wat_werkt import FEW_MAX
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

ALL = "alle"
#: The view the page opens with: one the demo data can answer (every cell of the cross-table has
#: ≥ MIN_N kernen, the outcome does not count the approach) and that shows a mark (pattern 1).
DEFAULT_CONTEXT, DEFAULT_APPROACH, DEFAULT_OUTCOME = views.DEFAULT_VIEW
YEARLY_UNIT = indicators.get(views.YEARLY).unit


def dimension_choice(
    label_key: str, options: Iterable[str], key: str, default: str | None = None
) -> tuple[str, str]:
    """A choice of a dimension or outcome in the filter bar, kept in the URL and recorded for the
    Toelichting of the exported tables: the value chosen and its label (named by the views)."""
    values = list(options)
    value = filters.bar().selectbox(
        t(label_key),
        values,
        index=values.index(default) if default else 0,
        format_func=views.label,
        key=key,
        bind="query-params",
        width=filters.WIDTH_CHOICE,
    )
    filters.note_choice(t(label_key), views.label(value))
    return value, views.label(value)


period = filters.period_filter()
kern = filters.kern_filter()
context_dim, context_label = dimension_choice(
    "wwk.context_dim", wat_werkt.CONTEXT_DIMENSIONS, "wwk_context", default=DEFAULT_CONTEXT
)
approach_dim, approach_label = dimension_choice(
    "wwk.approach_dim", wat_werkt.APPROACH_DIMENSIONS, "wwk_aanpak", default=DEFAULT_APPROACH
)
outcome, outcome_label = dimension_choice(
    "wwk.outcome", wat_werkt.OUTCOMES, "wwk_uitkomst", default=DEFAULT_OUTCOME
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
kern_name = state.run(lookups.kernen).set_index("kern_id")["name"].get(kern, kern)


def verdict_section(found: wat_werkt.Verdict) -> None:
    """Before any mark: what the cross-table of n (and the registry) rules out, in words; the
    cross-table itself stands beside the heat map (:func:`overlap_section`)."""
    # the question is the title of its answer's box (what is shown: the choices right above and
    # the heat map's title), so that the heat map starts on the first screen at 1280×720
    question = t("wwk.verdict_heading")
    sentence = views.overlap_sentence(found, context_dim, approach_dim)
    if sentence:
        st.warning(sentence, title=question, icon=":material/call_merge:")
    else:
        st.success(t("wwk.overlap.ok", n=wat_werkt.MIN_N), title=question, icon=":material/check:")
    dependent = views.dependence_sentence(found)
    if dependent:
        st.warning(dependent, icon=":material/link:")


def overlap_section(found: wat_werkt.Verdict) -> None:
    """The cross-table of n behind the verdict (beside the heat map, so that the heat map starts
    on the first screen at 1280×720)."""
    unknown = len(data.table) - int(found.overlap.counts.to_numpy().sum())
    caption = t("wwk.overlap.caption", context=context_label, approach=approach_label)
    if unknown > 0:
        caption += " " + t("wwk.overlap.unknown", n=views.kernen_text(unknown))
    components.table(
        views.overlap_table(found, context_dim, approach_dim),
        title=t("wwk.overlap.title"),
        heading="bold",
        caption=caption,
        name=f"wat-werkt-overlap-{context_dim}-{approach_dim}",
        key="wwk_overlap",
        width="content",
    )


def heatmap_section(found: wat_werkt.Verdict) -> None:
    """The heat map with, beside it, the cross-table of n and how to read it — with figures of
    this view."""
    cells = view("heatmap_cells", context_dim, approach_dim, outcome)
    if cells.empty:
        overlap_section(found)
        st.info(t("common.empty"))
        return
    unit = views.unit(outcome)
    chart_column, text_column = st.columns([2, 1])
    with chart_column:
        components.chart(
            lambda p: charts.heatmap(
                views.heatmap_chart_data(
                    view("heatmap_cells", context_dim, approach_dim, outcome, shown_protected=p), outcome, p
                ),
                context_title=context_label,
                approach_title=approach_label,
                outcome_title=outcome_label,
                unit=unit,
                title=outcome_label,
                # over every kern's outcome: the colours stay when only context or approach change
                domain=charts.outcome_domain(analysis(p).table[outcome]),
            ),
            name=f"wat-werkt-{context_dim}-{approach_dim}-{outcome}",
            key="wwk_heatmap",
            title=components.png_title(outcome_label, period=period),
            indicator=wat_werkt.OUTCOMES[outcome],
            year=period,
            notes=[t("wwk.heatmap_caption")],
            omit=(t("filter.kern"),),  # the heat map is about all kernen; the kern is for the sections below
        )
    with text_column:
        overlap_section(found)
        st.markdown(f"**{t('wwk.legend.heading')}**")
        st.markdown(t("wwk.legend.cells", low=wat_werkt.MIN_N, high=FEW_MAX))
        example = views.reading_example(cells, outcome)
        if example:
            st.markdown(example)
    st.caption(t("wwk.heatmap_caption"))
    with st.expander(t("wwk.howto.heading"), icon=":material/help:"):
        st.markdown(t("wwk.howto.body", low=wat_werkt.MIN_N, high=FEW_MAX))
    with st.expander(t("wwk.heatmap_table")):
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


def groups_section(found: wat_werkt.Verdict) -> None:
    """Each dimension's groups against the other kernen, marked only where the verdict allows."""
    st.subheader(t("wwk.groups_heading"))
    st.caption(t("wwk.groups_caption"))
    sides = ((context_dim, "wwk.by_context", "context"), (approach_dim, "wwk.by_approach", "approach"))
    for dimension, heading, side in sides:
        blocked, unknown = views.blocked_by(found, side), views.unknown_kernen(data, dimension)
        components.table(
            lambda p, dimension=dimension, blocked=blocked, unknown=unknown: views.groups_table(
                view("group_cells", dimension, outcome, shown_protected=p),
                dimension,
                outcome,
                blocked,
                unknown,
            ),
            title=t(heading, dimension=views.label(dimension)),
            heading="bold",
            name=f"wat-werkt-groepen-{dimension}-{outcome}",
            key=f"wwk_groups_{heading}",
        )


def similar_section() -> None:
    """The comparable kernen of the chosen kern, with what they did and achieved."""
    components.table(
        lambda p: views.similar_table(view("similar", kern, shown_protected=p)),
        title=t("wwk.similar_heading"),
        heading="subheader",
        caption=t("wwk.similar_caption", kern=kern_name),
        name=f"wat-werkt-vergelijkbaar-{kern}",
        key="wwk_similar_table",
    )


def interventions_section() -> None:
    """The activities that carry out a Loket Gezond Leven intervention, from a chosen level up."""
    st.subheader(t("wwk.lgl_heading"))
    st.caption(t("wwk.lgl_caption"))
    levels = interventions.level_options()
    level = st.columns([1, 2])[0].selectbox(
        t("lgl.level_min"),
        [ALL, *levels],
        format_func=lambda code: t("lgl.all_levels") if code == ALL else levels[code],
        key="wwk_erkenning",
        bind="query-params",
    )
    filters.note_choice(t("lgl.level_min"), t("lgl.all_levels") if level == ALL else levels[level])
    found = state.run(interventions.recognised, level_min=None if level == ALL else level)
    if found.empty:
        st.info(t("lgl.empty"))
        return
    components.table(
        interventions.table(found),
        title=t("wwk.lgl_heading"),
        name=f"wat-werkt-interventies-{level}",
        key="wwk_interventions",
    )


def factors_section(categories: tuple[str, ...], phases: tuple[int, ...]) -> None:
    """Success and failure factors from the evaluations, grouped by the chosen context."""
    st.subheader(t("wwk.factors_heading"))
    st.caption(t("wwk.factors_caption", dimension=context_label))
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


def before_after_section() -> None:
    """Reach per 1,000 in 2016, 2018 and 2019: per context group and for the chosen kern."""
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
                unit=YEARLY_UNIT,
                title=t("wwk.chart_before_after"),
            ),
            name=f"wat-werkt-voor-en-na-{context_dim}",
            key="wwk_before_after",
            title=components.png_title(t("wwk.chart_before_after"), period=components.MONITORING),
            indicator=views.YEARLY,
            year=components.MONITORING,
            notes=[t("wwk.before_after_caption"), t("wwk.summary")],
            omit=(t("filter.kern"),),
        )
        components.table(
            lambda p: views.before_after_table(
                views.before_after_groups(analysis(p), context_dim), context_dim
            ),
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
                unit=YEARLY_UNIT,
                title=t("wwk.chart_before_after_kern", kern=kern_name),
            ),
            name=f"wat-werkt-voor-en-na-{kern}",
            key="wwk_before_after_kern",
            title=components.png_title(
                t("wwk.chart_before_after_kern", kern=kern_name), period=components.MONITORING, scoped=False
            ),
            indicator=views.YEARLY,
            year=components.MONITORING,
            notes=[t("wwk.before_after_kern_caption", kern=kern_name, dimension=context_label)],
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


st.title(t("wwk.title"))
st.write(t("wwk.intro", period=fmt.period(period.start, period.end)))
st.markdown(t("wwk.summary"))
with st.expander(t("wwk.honesty_more"), icon=":material/info:"):
    st.markdown(wat_werkt.HONESTY)
monitored = views.has_monitoring(data)
if not monitored:
    st.info(t("wwk.no_monitoring"), icon=":material/database:")
else:
    st.markdown(f"#### {t('wwk.heatmap_heading')}")  # a small heading: the heat map on the first screen
    verdict = view("verdict", context_dim, approach_dim, outcome)
    verdict_section(verdict)
    heatmap_section(verdict)
    groups_section(verdict)
    similar_section()
    interventions_section()
categories, phases = state.run(views.factor_options)
if categories:  # the evaluations' own words: not computed, shown whatever the monitoring
    factors_section(categories, phases)
if monitored:
    before_after_section()


components.definitions(
    (
        "vergelijking_groepen",
        "scheiding_aanpak_omstandigheid",
        "afhankelijke_uitkomst",
        *(code for _, code in wat_werkt.CONTEXT_DIMENSIONS.values()),
        *(code for _, code in wat_werkt.APPROACH_DIMENSIONS.values()),
        *wat_werkt.OUTCOMES.values(),
        "deelnemers",
        vergelijkbaar.CODE,
        "wwk_factoren",
        views.YEARLY,
    )
)
