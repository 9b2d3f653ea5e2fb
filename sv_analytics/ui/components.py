"""Small layout pieces used on several pages."""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, indicators
from sv_analytics.texts import t
from sv_analytics.ui import state


def demo_banner() -> None:
    """Shown on every page while any demo content is in the database."""
    if key := state.demo_banner():
        st.warning(t(key), icon=":material/warning:")


def headline_metrics(values: dict[str, int]) -> None:
    """One st.metric per headline indicator, its registry definition as help."""
    columns = st.columns(len(values))
    for column, (code, value) in zip(columns, values.items(), strict=True):
        indicator = indicators.get(code)
        column.metric(indicator.name, fmt.number(value), help=indicator.help_text())


def footer() -> None:
    st.caption(t("app.selection_note"))
    st.caption(t("app.footer", path=state.db_path().name, version=state.data_version()))
