"""Evaluatie (phase 4): how far each kern reached the three sub-goals, its organisation structure
and continuity after 2018, its success and failure factors, and one view across all kernen for
the provincial meeting (issue 6).

Layout only: every frame comes from ``sv_analytics.evaluatie`` through ``state.run``; the
factors across kernen are the page Wat werkt waar's, so this page links there.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sv_analytics import evaluatie, lookups
from sv_analytics.charts import evaluatie as charts
from sv_analytics.tables import Table
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

gemeente = filters.gemeente_filter()
kern = filters.kern_filter(gemeente=gemeente)

st.title(t("eval.title"))
st.write(t("eval.intro"))


def kern_part(heading: str, rows: pd.DataFrame, empty: str, caption: str | None = None) -> bool:
    """The heading of one part of the kern section, then its message when the kern has no rows
    (each part can be missing on its own) or its caption: True when the part has rows to draw."""
    st.subheader(heading)
    if rows.empty:
        st.info(empty)
        return False
    if caption:
        st.caption(caption)
    return True


def kern_section(kern_id: str, name: str) -> None:
    """The chosen kern: sub-goal chart and table, structure and continuity, factors."""
    heading = t("eval.kern_heading", kern=name)
    scores = state.run(evaluatie.kern_subgoals, kern_id=kern_id)
    if kern_part(heading, scores, t("eval.no_evaluation", kern=name), t("eval.kern_caption")):
        components.chart(
            charts.kern_scores(scores, title=t("eval.chart_kern", kern=name)),
            name=f"evaluatie-subdoelen-{kern_id}",
            key="eval_kern_chart",
            title=components.png_title(t("eval.chart_kern", kern=name), scoped=False),
            indicator="evaluatie_subdoel_score",
            notes=[t("eval.kern_caption")],
        )
        components.table(
            evaluatie.subgoal_display(scores),
            title=heading,
            name=f"evaluatie-subdoelen-{kern_id}",
            key="eval_kern_table",
        )

    heading = t("eval.structure_heading")
    moments = state.run(evaluatie.kern_moments, kern_id=kern_id)
    if kern_part(heading, moments, t("eval.no_structure", kern=name)):
        components.table(
            evaluatie.moments_display(moments),
            title=heading,
            name=f"evaluatie-structuur-{kern_id}",
            key="eval_kern_structure",
        )

    heading = t("eval.factors_heading", kern=name)
    factors = state.run(evaluatie.kern_factors, kern_id=kern_id)
    if kern_part(heading, factors, t("eval.no_factors", kern=name), t("eval.factors_caption")):
        components.table(
            evaluatie.factors_display(factors),
            title=heading,
            name=f"evaluatie-factoren-{kern_id}",
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

    def overview_table(
        data: Table, title: str, stem: str, key: str, heading: components.Heading = "bold"
    ) -> None:
        """A table of the overview, its files named by the gemeente chosen (or "alle")."""
        components.table(data, title=title, heading=heading, name=f"evaluatie-{stem}-{suffix}", key=key)

    components.chart(
        charts.overview_heatmap(cells, title=t("eval.chart_overview")),
        name=f"evaluatie-overzicht-{suffix}",
        key="eval_overview_chart",
        title=components.png_title(t("eval.chart_overview"), gemeente=gemeente_code),
        omit=(t("filter.kern"),),
        indicator="evaluatie_subdoel_score",
    )
    overview_table(evaluatie.score_counts(cells), t("eval.counts_heading"), "scores", "eval_counts")

    st.subheader(t("eval.continuity_heading"))
    st.caption(t("eval.continuity_caption"))
    overview_table(
        evaluatie.continuity_counts(latest),
        t("eval.continuity_counts"),
        "voortzetting",
        "eval_continuity_counts",
    )
    # under the short bold heading "Per kern"; its files are titled by the section
    st.markdown(f"**{t('eval.continuity_kernen')}**")
    overview_table(
        evaluatie.latest_display(latest),
        t("eval.continuity_heading"),
        "voortzetting-per-kern",
        "eval_continuity_kernen",
        heading=None,
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
