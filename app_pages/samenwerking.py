"""Samenwerking: the partnership network of a kern, referral flows and network figures
(issue 6, sub-goals 2 and 3).

Layout only: every figure and typed table comes from ``sv_analytics.samenwerking`` through
``state.run``; charts from ``sv_analytics.charts.samenwerking``; peildata from ``timeline``.
The referral chart with the signing date of the referral network shows planted pattern 3
(referrals only once care partners signed).
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, lookups, timeline
from sv_analytics import samenwerking as ps
from sv_analytics.charts import samenwerking as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

period = filters.period_filter()
gemeente = filters.gemeente_filter()
kern = filters.kern_filter(gemeente=gemeente)
window = {"start": period.start, "end": period.end}

st.title(t("smw.title"))
st.write(t("smw.intro", period=fmt.period(period.start, period.end)))
if kern is None:
    st.info(t("common.no_kernen"))
    st.stop()
kern_name = state.run(lookups.kernen).set_index("kern_id")["name"].get(kern, kern)

# 1: the network on a peildatum, beside the agreements ------------------------------------------
st.subheader(t("smw.network_heading"))
options = timeline.peildatum_options()
peildatum = st.select_slider(
    t("smw.peildatum"), options=options, value=options[-1], format_func=fmt.day,
    key="smw_peildatum", bind="query-params",
)  # fmt: skip
filters.note_choice(t("smw.peildatum"), fmt.day(peildatum))
net = state.run(ps.network, kern_id=kern, peildatum=peildatum)
if net.organisations.empty:
    st.info(t("smw.no_organisations", kern=kern_name))
elif net.agreements.empty:
    st.info(t("smw.no_agreements", kern=kern_name, peildatum=fmt.day(peildatum)))
else:
    components.chart(
        charts.network(net, title=t("smw.chart_network", kern=kern_name, peildatum=fmt.day(peildatum))),
        name=f"samenwerking-netwerk-{kern}-{peildatum:%Y-%m}",
        key="smw_network",
        title=t("smw.chart_network", kern=kern_name, peildatum=fmt.day(peildatum)),
        indicator="samenwerking_netwerk",
        year=peildatum.year,
        units="",
        notes=[t("smw.network_caption")],
    )
    st.caption(t("smw.network_caption"))
st.markdown(f"**{t('smw.agreements_heading', kern=kern_name)}**")
agreements = state.run(ps.agreements_table, kern_id=kern)
if agreements.empty:
    st.info(t("smw.no_agreement_rows", kern=kern_name))
else:
    components.table(
        agreements,
        name=f"samenwerking-afspraken-{kern}",
        title=t("smw.agreements_heading", kern=kern_name),
        key="smw_agreements",
    )

# 2: referrals start with the referral network (pattern 3) -------------------------------------
st.subheader(t("smw.start_heading"))
start = state.run(ps.referral_start, kern_id=kern, **window)
if start.network_signed is not None:
    if start.first_referral_month is not None:
        st.markdown(
            t(
                "smw.network_signed",
                day=fmt.day(start.network_signed),
                month=fmt.month(start.first_referral_month),
            )
        )
    else:
        st.markdown(t("smw.network_signed_no_referrals", day=fmt.day(start.network_signed)))
elif start.first_referral_month is not None:
    st.info(t("smw.no_network_but_referrals", kern=kern_name, month=fmt.month(start.first_referral_month)))
else:
    st.info(t("smw.no_network", kern=kern_name))
components.chart(
    lambda p: charts.referral_start(
        start.months, start.network_signed, title=t("smw.chart_start", kern=kern_name), protected=p
    ),
    name=f"samenwerking-doorverwijzingen-{kern}",
    key="smw_start",
    title=components.png_title(t("smw.chart_start", kern=kern_name), period=period, scoped=False),
    indicator="doorverwijzingen_per_maand",
    year=period,
    notes=[t("smw.start_caption", kern=kern_name)] if start.network_signed is not None else [],
)
if start.network_signed is not None:
    st.caption(t("smw.start_caption", kern=kern_name))

# 3: referral flows ------------------------------------------------------------------------------
st.subheader(t("smw.flows_heading"))
scopes = {"selectie": t("smw.scope_gemeente" if gemeente else "smw.scope_all"), "kern": t("smw.scope_kern")}
scope = st.radio(
    t("smw.flows_scope"), list(scopes), format_func=scopes.get, horizontal=True,
    key="smw_stromen", bind="query-params",
)  # fmt: skip
filters.note_choice(t("smw.flows_scope"), scopes[scope])
if scope == "kern":
    scope_name = kern_name
else:
    scope_name = (
        state.run(lookups.gemeenten).set_index("gemeente_code")["name"].get(gemeente, t("smw.scope_all"))
    )
flows = state.run(ps.referral_flows, gemeente=gemeente, kern=kern if scope == "kern" else None, **window)
if flows.empty or flows["n"].sum() <= 0:
    st.info(t("smw.no_flows"))
else:
    components.chart(
        lambda p: charts.flows(
            *ps.sankey(flows, protected=p),
            title=t("smw.chart_flows", scope=scope_name, period=fmt.period(period.start, period.end)),
            headers=(t("smw.col.from_sector"), t("smw.col.activity_kind"), t("filter.doelgroep")),
        ),
        name=f"samenwerking-stromen-{scope_name}",
        key="smw_flows",
        title=t("smw.chart_flows", scope=scope_name, period=fmt.period(period.start, period.end)),
        indicator="doorverwijzingen", year=period, notes=[t("smw.flows_caption")],
    )  # fmt: skip
    components.table(
        ps.flows_table(flows),
        title=t("smw.flows_table"),
        caption=t("smw.flows_caption"),
        name=f"samenwerking-stromen-{scope_name}",
        key="smw_flows_table",
    )

# 4: network figures per kern --------------------------------------------------------------------
components.table(
    ps.figures_table(state.run(ps.kern_figures, **window), kern),
    title=t("smw.figures_heading"),
    heading="subheader",
    caption=t("smw.figures_caption", peildatum=fmt.day(period.last_day), kern=kern_name),
    name="samenwerking-netwerkcijfers",
    key="smw_figures",
)

components.definitions(
    (
        "samenwerking_netwerk",
        "samenwerking_partners",
        "samenwerking_sectoren",
        "samenwerking_afspraken_lopend",
        "doorverwijzingen",
        "doorverwijzingen_per_maand",
        "doorverwijsnetwerk_getekend",
        "eerste_maand_doorverwijzingen",
    )
)
