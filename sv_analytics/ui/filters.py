"""The shared sidebar filters (period, gemeente), bound to the URL.

Binding to query parameters makes every view a shareable link: opening the link
restores the filters.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from sv_analytics import fmt, metrics, vocab
from sv_analytics.demo import MONTHS
from sv_analytics.texts import t
from sv_analytics.ui import state

ALL = "alle"


def month_options() -> list[date]:
    """Months offered by the period slider: the data's range, else the programme years."""
    bounds = state.month_range()
    if bounds is None:
        return list(MONTHS)
    first, last = bounds
    return [m for m in MONTHS if first <= m <= last] or list(MONTHS)


def period_filter() -> metrics.Period:
    options = month_options()
    default = metrics.DEFAULT_PERIOD
    start = default.start if default.start in options else options[0]
    end = default.end if default.end in options else options[-1]
    chosen = st.sidebar.select_slider(
        t("filter.period"),
        options=options,
        value=(start, end),
        format_func=fmt.month,
        key="periode",
        bind="query-params",
    )
    return metrics.Period(*chosen)


def gemeente_filter() -> str | None:
    frame = state.gemeenten()
    codes = [ALL, *frame["gemeente_code"]]
    names = dict(zip(frame["gemeente_code"], frame["name"], strict=True))
    names[ALL] = t("filter.all_gemeenten")
    chosen = st.sidebar.selectbox(
        t("filter.gemeente"), codes, format_func=names.get, key="gemeente", bind="query-params"
    )
    return None if chosen == ALL else chosen


def _accept_kern_id_link(known: set[str]) -> None:
    """Let ``?kern=<kern_id>`` links (Overzicht → Kernprofiel) open that kern.

    A bound selectbox with a format_func keeps its *label* ("Hertme (Borne)") in the URL and
    ignores an id; an id in the URL is therefore put into the widget's state before the
    widget is drawn. Links made by the app itself use the id.
    """
    raw = st.query_params.get("kern")
    if raw and "kern" not in st.session_state and raw in known:
        st.session_state["kern"] = raw


def kern_filter(*, gemeente: str | None = None) -> str:
    """One kern (pages about a single kern); bound to the URL as ?kern=…"""
    frame = state.kernen()
    _accept_kern_id_link(set(frame["kern_id"]))
    if gemeente:
        frame = frame[frame["gemeente_code"] == gemeente]
    labels = {r.kern_id: f"{r.name} ({r.gemeente})" for r in frame.itertuples()}
    return st.sidebar.selectbox(
        t("filter.kern"), list(labels), format_func=labels.get, key="kern", bind="query-params"
    )


def doelgroep_filter() -> str | None:
    """A target group, or None for all inhabitants; bound to the URL as ?doelgroep=…"""
    options = [ALL, *vocab.DOELGROEP]
    labels = {ALL: t("filter.all_doelgroepen"), **vocab.DOELGROEP}
    chosen = st.sidebar.selectbox(
        t("filter.doelgroep"), options, format_func=labels.get, key="doelgroep", bind="query-params"
    )
    return None if chosen == ALL else chosen
