"""Evaluatie (phase 4): how far each kern reached the three sub-goals, its organisation structure
and continuity after 2018, its success and failure factors, and one view across all kernen for
the provincial meeting (issue 6).

Layout only: every frame comes from ``sv_analytics.evaluatie`` through ``state.run``; the
factors across kernen are the page Wat werkt waar's, so this page links there.
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import evaluatie, lookups
from sv_analytics.charts import evaluatie as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

gemeente = filters.gemeente_filter()
kern = filters.kern_filter(gemeente=gemeente)

st.title(t("eval.title"))
st.write(t("eval.intro"))


def kern_section(kern_id: str, name: str) -> None:
    """The chosen kern: sub-goal chart and table, structure and continuity, factors."""
    st.subheader(t("eval.kern_heading", kern=name))
    scores = state.run(evaluatie.kern_subgoals, kern_id=kern_id)
    if scores.empty:
        st.info(t("eval.no_evaluation", kern=name))
    else:
        st.caption(t("eval.kern_caption"))
        components.chart(
            charts.kern_scores(scores, title=t("eval.chart_kern", kern=name)),
            name=f"evaluatie-subdoelen-{kern_id}",
            key="eval_kern_chart",
        )
        components.table(
            evaluatie.subgoal_display(scores),
            name=f"evaluatie-subdoelen-{kern_id}",
            title=t("eval.kern_heading", kern=name),
            indicator_codes=("evaluatie_subdoel_score",),
            key="eval_kern_table",
        )

    st.subheader(t("eval.structure_heading"))
    moments = state.run(evaluatie.kern_moments, kern_id=kern_id)
    if moments.empty:
        st.info(t("eval.no_structure", kern=name))
    else:
        components.table(
            evaluatie.moments_display(moments),
            name=f"evaluatie-structuur-{kern_id}",
            title=t("eval.structure_heading"),
            indicator_codes=("evaluatie_structuur", "aanpak_doorgaan"),
            key="eval_kern_structure",
        )

    st.subheader(t("eval.factors_heading", kern=name))
    factors = state.run(evaluatie.kern_factors, kern_id=kern_id)
    if factors.empty:
        st.info(t("eval.no_factors", kern=name))
    else:
        st.caption(t("eval.factors_caption"))
        components.table(
            evaluatie.factors_display(factors),
            name=f"evaluatie-factoren-{kern_id}",
            title=t("eval.factors_heading", kern=name),
            indicator_codes=("wwk_factoren",),
            key="eval_kern_factors",
        )
    st.page_link("app_pages/wat_werkt.py", label=t("eval.link_wat_werkt"), icon=":material/lightbulb:")


def overview_section(gemeente_code: str | None) -> None:
    """All kernen (of the chosen gemeente): heat map per moment, score counts, continuity."""
    st.divider()
    st.header(t("eval.overview_heading"))
    st.caption(t("eval.overview_caption"))
    if gemeente_code:
        st.caption(t("eval.overview_gemeente"))
    cells = state.run(evaluatie.overview_cells, gemeente=gemeente_code)
    if cells.empty:
        st.info(t("eval.overview_empty"))
        return
    latest = state.run(evaluatie.latest_moments, gemeente=gemeente_code)
    components.headline_metrics(
        {
            "evaluatie_kernen_geevalueerd": evaluatie.evaluated_count(latest),
            "evaluatie_kernen_doorgaan": evaluatie.continuing_count(latest),
        }
    )
    suffix = gemeente_code or "alle"
    components.chart(
        charts.overview_heatmap(cells, title=t("eval.chart_overview")),
        name=f"evaluatie-overzicht-{suffix}",
        key="eval_overview_chart",
    )
    st.markdown(f"**{t('eval.counts_heading')}**")
    components.table(
        evaluatie.score_counts(cells),
        name=f"evaluatie-scores-{suffix}",
        title=t("eval.counts_heading"),
        indicator_codes=("evaluatie_kernen_per_score", "evaluatie_subdoel_score"),
        key="eval_counts",
    )

    st.subheader(t("eval.continuity_heading"))
    st.caption(t("eval.continuity_caption"))
    st.markdown(f"**{t('eval.continuity_counts')}**")
    components.table(
        evaluatie.continuity_counts(latest),
        name=f"evaluatie-voortzetting-{suffix}",
        title=t("eval.continuity_counts"),
        indicator_codes=("evaluatie_structuur", "aanpak_doorgaan", "evaluatie_kernen_doorgaan"),
        key="eval_continuity_counts",
    )
    st.markdown(f"**{t('eval.continuity_kernen')}**")
    components.table(
        evaluatie.latest_display(latest),
        name=f"evaluatie-voortzetting-per-kern-{suffix}",
        title=t("eval.continuity_heading"),
        indicator_codes=("evaluatie_structuur", "aanpak_doorgaan"),
        key="eval_continuity_kernen",
    )


if kern is None:
    st.info(t("common.no_kernen"))
else:
    kern_name = state.run(lookups.kernen).set_index("kern_id")["name"].get(kern, kern)
    kern_section(kern, kern_name)
overview_section(gemeente)

components.definitions(
    (
        "evaluatie_subdoel_score",
        "evaluatie_kernen_per_score",
        "evaluatie_structuur",
        "aanpak_doorgaan",
        "evaluatie_kernen_doorgaan",
        "evaluatie_kernen_geevalueerd",
        "wwk_factoren",
    )
)
