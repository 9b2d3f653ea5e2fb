"""Deelname: trends, breakdowns, one kern against the others, baseline and follow-up, reach.

Layout only: every figure comes from ``sv_analytics.deelname`` through ``state.run``.
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import deelname, fmt, lookups, vocab, yardsticks
from sv_analytics.charts import deelname as charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

filters.accept_old_kern_link("deelname_kern")  # links from before the shared kern filter
period = filters.period_filter()
gemeente = filters.gemeente_filter()
doelgroep = filters.doelgroep_filter()
# The shared kern (the one chosen on any page or named by ?kern=<id>), or all kernen.
kern = filters.kern_filter(gemeente=gemeente, label=t("deelname.kern"), all_label=t("deelname.all_kernen"))
kernen = state.run(lookups.kernen)
kern_names = dict(zip(kernen["kern_id"], kernen["name"], strict=True))
grain = filters.bar().radio(
    t("deelname.grain"),
    deelname.GRAINS,
    format_func=lambda g: t(f"deelname.grain.{g}"),
    horizontal=True,
    key="deelname_tijd",
    bind="query-params",
)
filters.note_choice(t("deelname.grain"), t(f"deelname.grain.{grain}"))  # the trend table: months or quarters
dimension = filters.bar().selectbox(
    t("deelname.dimension"),
    deelname.DIMENSIONS,
    format_func=lambda d: t(f"deelname.dim.{d}"),
    key="deelname_uitsplitsing",
    bind="query-params",
    width=filters.WIDTH_CHOICE,
)
filters.note_choice(t("deelname.dimension"), t(f"deelname.dim.{dimension}"))
window = {"start": period.start, "end": period.end}
# Wide tables scroll sideways (at 1280 px and below): the kern stays in view.
PINNED_KERN = {t("col.kern"): st.column_config.Column(pinned=True)}
selection = {**window, "gemeente": gemeente, "doelgroep": doelgroep, "kern": kern}

st.title(t("deelname.title"))
scope = t("deelname.scope_kern", kern=kern_names[kern]) if kern else t("deelname.scope_all")
st.write(t("deelname.intro", period=fmt.period(period.start, period.end), scope=scope))
if doelgroep:
    st.caption(t("deelname.doelgroep_note", doelgroep=vocab.DOELGROEP[doelgroep]))

# One row with the catalogue's short labels: six equal columns cut the full names at 1280 px.
headline = state.run(deelname.headline_figures, **selection)
components.headline_metrics(headline, short={f.code: t(f"deelname.metric.{f.code}") for f in headline})
inhabitants_note = state.run(deelname.inhabitants_note, **window, gemeente=gemeente, kern=kern)
st.caption(inhabitants_note)

# 1 + 6: trends with targets ------------------------------------------------------------------
st.subheader(t("deelname.trend_heading"))
trend = state.run(deelname.trend, **selection, grain=grain)
targets = state.run(deelname.targets, kern=kern, **window, grain=grain) if kern else None
if trend.empty:
    st.info(t("common.empty"))
else:
    st.caption(t("deelname.trend_caption"))
    people = deelname.with_labels(trend[trend["code"] != "doorverwijzingen"])
    new_target = targets[targets["code"] == "nieuwe_deelnemers"] if targets is not None else None
    components.chart(
        lambda p: charts.lines(
            people, grain=grain, title=t("deelname.chart_participants"), targets=new_target, protected=p
        ),
        name="deelname-verloop",
        key="deelname_trend",
        title=components.png_title(
            t("deelname.chart_participants"), kern=kern, gemeente=gemeente, period=period
        ),
        indicator="deelnemers_per_maand",
        year=period,
    )
    referrals = trend[trend["code"] == "doorverwijzingen"]
    if referrals["value"].sum() == 0:
        st.info(t("deelname.no_referrals"))
    else:
        ref_target = targets[targets["code"] == "doorverwijzingen"] if targets is not None else None
        components.chart(
            lambda p: charts.bars(
                referrals, grain=grain, title=t("deelname.chart_referrals"), targets=ref_target, protected=p
            ),
            name="deelname-doorverwijzingen",
            key="deelname_referrals",
            title=components.png_title(
                t("deelname.chart_referrals"), kern=kern, gemeente=gemeente, period=period
            ),
            indicator="doorverwijzingen",
            year=period,
        )
    if targets is not None and not targets.empty:
        st.caption(t("deelname.target_caption", divisor=t(f"deelname.target_divisor.{grain}")))
    with st.expander(t("deelname.trend_table")):
        components.table(
            deelname.trend_table(trend, grain),
            name="deelname-verloop",
            title=t("deelname.trend_heading"),
            key="deelname_trend_table",
        )

volunteers = state.run(deelname.volunteers, **window, gemeente=gemeente, kern=kern)
if volunteers.empty:
    st.info(t("deelname.no_volunteers"))
else:
    vol_target = targets[targets["code"] == "vrijwilligers_actief"] if targets is not None else None
    components.chart(
        lambda p: charts.lines(
            deelname.with_labels(volunteers),
            grain="kwartaal",
            title=t("deelname.chart_volunteers"),
            targets=vol_target,
            protected=p,
        ),
        name="deelname-vrijwilligers",
        key="deelname_volunteers",
        title=components.png_title(
            t("deelname.chart_volunteers"), kern=kern, gemeente=gemeente, period=period
        ),
        indicator="vrijwilligers_actief",
        year=period,
        notes=[t("deelname.volunteers_caption")],
    )
    st.caption(t("deelname.volunteers_caption"))

# 3: one kern against the others -------------------------------------------------------------
if kern:
    st.subheader(t("deelname.compare_heading", kern=kern_names[kern]))
    compared = {**window, "doelgroep": doelgroep, "kern": kern, "grain": grain}
    comparison = state.run(deelname.kern_comparison, **compared, protected=components.protected())
    if comparison.empty:
        st.info(t("common.empty"))
    else:
        n_others = len(state.run(lookups.kernen)) - 1
        components.chart(
            lambda p: charts.comparison(
                state.run(deelname.kern_comparison, **compared, protected=p),
                kern_name=kern_names[kern],
                grain=grain,
                title=kern_names[kern],
            ),
            name=f"deelname-{kern}-vergelijking",
            key="deelname_compare",
            title=components.png_title(
                t("deelname.compare_heading", kern=kern_names[kern]), period=period, scoped=False
            ),
            indicator="deelname_per_1000",
            year=period,
            notes=[f"{t('deelname.compare_caption', n=n_others)} {inhabitants_note}"],
        )
        st.caption(f"{t('deelname.compare_caption', n=n_others)} {inhabitants_note}")
else:
    st.caption(t("deelname.compare_pick"))

# 2: breakdown ------------------------------------------------------------------------------
st.subheader(t("deelname.breakdown_heading"))
split = state.run(deelname.breakdown, **selection, dimension=dimension)
if split.empty:
    st.info(t("common.empty"))
else:
    components.chart(
        lambda p: charts.categories(
            split,
            value="per_month",
            base="monthly",
            title=t(f"deelname.dim.{dimension}"),
            axis_title=t("deelname.col.per_month"),
            protected=p,
        ),
        name=f"deelname-{dimension}",
        key="deelname_breakdown",
        title=components.png_title(
            t(f"deelname.dim.{dimension}"), kern=kern, gemeente=gemeente, period=period
        ),
        indicator="deelnemers_per_maand",
        year=period,
    )
    if dimension in deelname.OVERLAPPING:
        st.caption(t("deelname.breakdown_overlap"))
    if dimension in deelname.PERSON_DIMENSIONS:
        st.caption(t("deelname.breakdown_person_note"))
    components.table(
        deelname.breakdown_table(split, dimension),
        name=f"deelname-{dimension}",
        title=t(f"deelname.dim.{dimension}"),
        key="deelname_breakdown_table",
    )

# 5: reach per 1,000 inhabitants per kern ----------------------------------------------------
per_kern = state.run(
    deelname.reach_per_kern, **window, gemeente=gemeente, doelgroep=doelgroep, dimension=dimension
)
components.table(
    deelname.reach_table(per_kern, dimension),
    title=t("deelname.reach_heading"),
    heading="subheader",
    caption=f"{t('deelname.reach_caption')} {' '.join(lookups.inhabitants_notes(per_kern))}",
    name="deelname-bereik-per-kern",
    key="deelname_reach_table",
    column_config=PINNED_KERN,
)

# 4: baseline 2016, project 2017–2018, follow-up 2019 -----------------------------------------
st.subheader(t("deelname.baseline_heading"))
by_novelty = state.run(deelname.baseline_by_novelty, gemeente=gemeente, doelgroep=doelgroep, kern=kern)
baseline = state.run(deelname.baseline_comparison, gemeente=gemeente, doelgroep=doelgroep)
st.caption(f"{t('deelname.baseline_caption')} {' '.join(lookups.inhabitants_notes(baseline))}")
left, right = st.columns([1, 2])
with left:
    components.chart(
        lambda p: charts.novelty(
            deelname.novelty_labelled(by_novelty), title=t("deelname.chart_novelty"), protected=p
        ),
        name="deelname-bestaand-nieuw",
        key="deelname_novelty",
        title=components.png_title(
            t("deelname.chart_novelty"), kern=kern, gemeente=gemeente, period=components.MONITORING
        ),
        indicator="deelnemers_per_maand",
        year=components.MONITORING,
    )
with right:
    components.chart(
        lambda p: charts.baseline(
            deelname.baseline_long(baseline), title=t("deelname.chart_baseline"), protected=p
        ),
        name="deelname-nulmeting-nameting",
        key="deelname_baseline",
        title=components.png_title(
            t("deelname.chart_baseline"), gemeente=gemeente, period=components.MONITORING
        ),
        indicator="bereik_per_1000_per_jaar",
        year=components.MONITORING,
        notes=[t("deelname.baseline_caption")],
    )
components.table(
    deelname.baseline_table(baseline),
    name="deelname-nulmeting-nameting",
    title=t("deelname.baseline_heading"),
    key="deelname_baseline_table",
    column_config=PINNED_KERN,
)

# 5: reach of the target groups --------------------------------------------------------------
components.table(
    deelname.target_group_table(state.run(deelname.target_group_reach, **selection)),
    title=t("deelname.groups_heading"),
    heading="subheader",
    caption=t("deelname.groups_caption"),
    name="deelname-doelgroepen",
    key="deelname_groups_table",
)

# Yardsticks: the kern's wijk (or the gemeente) beside gemeente, Overijssel and Nederland -----
st.subheader(t("deelname.yardsticks_heading"))
if kern:
    sport = state.run(yardsticks.kern_yardsticks, kern_id=kern)
    area = t("deelname.yardsticks_area_kern", kern=kern_names[kern])
else:
    sport = state.run(yardsticks.gemeente_yardsticks, gemeente=gemeente)
    area = t("deelname.yardsticks_area_gemeente" if gemeente else "deelname.yardsticks_area_all")
if sport.empty:
    st.info(t("yardsticks.none"))
else:
    st.caption(t("deelname.yardsticks_caption", area=area))
    components.table(
        yardsticks.yardstick_table(sport),
        name="deelname-maatstaven",
        title=t("deelname.yardsticks_title"),
        key="deelname_yardsticks",
    )
    st.caption(yardsticks.yardstick_note(sport))

components.definitions(
    (
        "deelnemers",
        "deelnemers_per_maand",
        "nieuwe_deelnemers",
        "voorheen_inactief",
        "aandeel_voorheen_inactief",
        "doorverwijzingen",
        "vrijwilligers_actief",
        "vrijwilligers_per_kwartaal",
        "vrijwilligers_nieuw",
        "bereik_per_1000",
        "deelname_per_1000",
        "deelnemers_uitsplitsing",
        "aandeel_65plus",
        "bereik_per_1000_per_jaar",
        "deelname_verandering_2019",
        "deelnemermaanden_jaar",
        "verwachting_na_subsidie",
        *yardsticks.CODES,
        "doelgroep_deelnemers",
        "doelgroep_omvang",
        "bereik_doelgroep_pct",
    )
)
