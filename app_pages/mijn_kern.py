"""Mijn kern: werkplan, doelen, volledigheid en vergelijkbare kernen van één kern (projectleider).

Layout only: every figure comes from sv_analytics.mijn_kern (comparable kernen: sv_analytics.vergelijkbaar)
through state.run; the tables are its typed tables.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sv_analytics import fmt, indicators, lookups, mijn_kern, timeline, vergelijkbaar, vocab
from sv_analytics.charts import mijn_kern as kern_charts
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

DEFINITION_CODES = (
    "werkplan_gereed_pct", "acties_achterstallig", "doel_realisatie_pct", "doelen_gehaald",
    "volledigheid_maanden", "volledigheid_kwartalen", "volledigheid_doorverwijzingen", "volledigheid_bladen",
    vergelijkbaar.CODE,
    "aandeel_65plus", *(code for _, code, _ in mijn_kern.COMPARISON_MEASURES),
)  # fmt: skip


def metric(column: DeltaGenerator, code: str, value: str) -> None:
    """A headline figure with its registry definition as help."""
    indicator = indicators.get(code)
    column.metric(indicator.name, value, help=indicator.help_text())


def werkplan_section(kern_id: str, name: str, peildatum: date, actions) -> None:
    st.subheader(t("mijn_kern.werkplan_heading"))
    if actions.empty:
        st.info(t("mijn_kern.werkplan_empty"))
        return
    st.write(t("mijn_kern.werkplan_intro"))
    components.chart(
        kern_charts.timeline(actions, peildatum),
        name=f"werkplan-{kern_id}",
        key="mk_timeline",
        title=t("mijn_kern.phase_title", kern=name, day=fmt.day(peildatum)),
        source=indicators.get("werkplan_gereed_pct").source,
        year=peildatum.year,
    )
    day = fmt.day(peildatum)
    st.markdown(f"**{t('mijn_kern.phase_heading')}**")
    components.table(
        mijn_kern.phase_table(mijn_kern.phase_summary(actions)),
        name=f"werkplan-fasen-{kern_id}",
        title=t("mijn_kern.phase_title", kern=name, day=day),
        key="mk_phases",
    )
    overdue = int(actions["overdue"].sum())
    st.markdown(f"**{t('mijn_kern.overdue_heading')}**")
    if not overdue:
        st.success(t("mijn_kern.no_overdue", day=day))
        return
    st.warning(t("mijn_kern.overdue_warning", n=overdue, day=day))
    components.table(
        mijn_kern.overdue_table(actions, peildatum),
        name=f"werkplan-achterstallig-{kern_id}",
        title=t("mijn_kern.overdue_title", kern=name, day=day),
        key="mk_overdue",
    )


def targets_section(kern_id: str, name: str, goals) -> None:
    st.subheader(t("mijn_kern.targets_heading"))
    if goals.empty:
        st.info(t("mijn_kern.targets_empty"))
        return
    years = ", ".join(str(y) for y in sorted(goals["year"].unique()))
    st.write(t("mijn_kern.targets_intro", years=years))
    components.table(
        mijn_kern.targets_table(goals),
        name=f"doelen-{kern_id}",
        title=t("mijn_kern.targets_title", kern=name),
        key="mk_targets",
    )
    if goals["pct"].notna().any():
        components.chart(
            lambda p: kern_charts.targets_chart(goals, protected=p),
            name=f"doelen-{kern_id}",
            key="mk_targets_chart",
            title=components.png_title(t("mijn_kern.targets_title", kern=name), when=years, scoped=False),
            indicator="doel_realisatie_pct",
            year=years,
            notes=[t("mijn_kern.targets_note")],
        )
    st.caption(t("mijn_kern.targets_note"))


COMPLETENESS_CODES = (
    "volledigheid_maanden", "volledigheid_kwartalen", "volledigheid_doorverwijzingen", "volledigheid_bladen",
)  # fmt: skip
CHECK_LINES = {
    mijn_kern.COMPLETE: "mijn_kern.check.line_ok",
    mijn_kern.MISSING: "mijn_kern.check.line_missing",
    mijn_kern.NOT_EXPECTED: "mijn_kern.check.line_not_expected",
}


def checklist(items: tuple[mijn_kern.CheckItem, ...]) -> None:
    """One line per record type: ✓ complete, ✗ what is missing, ◷ not owed yet (and why)."""
    for item in items:
        st.markdown(t(CHECK_LINES[item.status], topic=item.topic, status=item.text))


def completeness_section(
    kern_id: str, name: str, period: timeline.Period, check: mijn_kern.Completeness
) -> None:
    st.subheader(t("mijn_kern.completeness_heading"))
    shown_period = fmt.period(period.start, period.end)
    day = fmt.day(check.peildatum)
    calendar = fmt.period(timeline.DEFAULT_PERIOD.start, timeline.DEFAULT_PERIOD.end)
    if check.months:
        st.write(t("mijn_kern.completeness_intro", kern=name, day=day, calendar=calendar,
                   period=shown_period, n=check.months_total))  # fmt: skip
    else:
        st.info(t("mijn_kern.completeness_none_owed", day=day, calendar=calendar))
    if check.all_complete:
        st.success(t("mijn_kern.all_complete"))
    st.markdown(f"**{t('mijn_kern.periodic_heading')}**")
    checklist(check.items[: check.n_periodic])
    st.markdown(f"**{t('mijn_kern.records_heading')}**")
    checklist(check.items[check.n_periodic :])
    with st.expander(t("mijn_kern.definition_expander"), icon=":material/info:"):
        for code in COMPLETENESS_CODES:
            st.markdown(indicators.get(code).help_text())
    if not check.gaps.empty:
        st.markdown(f"**{t('mijn_kern.gaps_heading')}**")
        components.table(
            mijn_kern.gaps_table(check.gaps),
            name=f"ontbrekende-deelname-{kern_id}",
            title=t("mijn_kern.gaps_title", kern=name, period=shown_period),
            key="mk_gaps",
        )
    if check.months:
        with st.expander(t("mijn_kern.months_expander")):
            components.table(
                mijn_kern.month_table(check),
                name=f"volledigheid-per-maand-{kern_id}",
                title=t("mijn_kern.months_title", kern=name, day=day),
                key="mk_months",
            )


def comparison_section(
    kern_id: str, name: str, period: timeline.Period, comparison: mijn_kern.Comparison
) -> None:
    st.subheader(t("mijn_kern.compare_heading", kern=name))
    profile = comparison.profile
    level = profile["share_level"] if isinstance(profile["share_level"], str) else None
    st.write(
        t(
            "mijn_kern.compare_intro",
            n=len(comparison.comparable),
            kern=name,
            kern_type=vocab.KERN_TYPE.get(profile["kern_type"], profile["kern_type"]).lower(),
            inhabitants=fmt.number(profile["inhabitants"]),
            share=fmt.percent(profile["share_65"], 1) if level else t("common.unknown"),
            level=vocab.REGION_LEVEL.get(level, t("common.unknown")).lower()
            if level
            else t("common.unknown"),
            year=profile["share_year"] if level else "–",
        )
    )
    if level == "gemeente":
        st.caption(t("mijn_kern.compare_level_note"))
    shown_period = fmt.period(period.start, period.end)
    st.markdown(f"**{t('mijn_kern.compare_profiles')}**")
    components.table(
        mijn_kern.profile_table(comparison),
        name=f"vergelijkbare-kernen-{kern_id}",
        title=t("mijn_kern.compare_profiles_title", kern=name),
        key="mk_profiles",
    )
    st.markdown(f"**{t('mijn_kern.compare_figures', period=shown_period)}**")
    if not comparison.has_data:
        st.info(t("mijn_kern.compare_empty"))
        return
    components.table(
        mijn_kern.figures_table(comparison),
        name=f"vergelijking-{kern_id}",
        title=t("mijn_kern.compare_figures_title", kern=name, period=shown_period),
        key="mk_figures",
    )
    inhabitants = state.run(
        lookups.period_inhabitants, first_year=period.start.year, last_year=period.end.year
    )
    kernen_shown = inhabitants[inhabitants["kern_id"].isin(comparison.figures["kern_id"])]
    st.caption(" ".join(lookups.inhabitants_notes(kernen_shown)))
    columns = st.columns(2)
    for index, (column, code, _) in enumerate(mijn_kern.COMPARISON_MEASURES):
        with columns[index % 2]:
            components.chart(
                lambda p, column=column, code=code: kern_charts.comparison_chart(
                    comparison.figures,
                    column,
                    mijn_kern.measure_title(code),
                    kern_id,
                    protected=p,
                    percent=indicators.get(code).unit == "%",
                ),
                name=f"vergelijking-{code}-{kern_id}",
                key=f"mk_cmp_{code}",
                title=components.png_title(
                    t("png.compare_title", measure=mijn_kern.measure_title(code), kern=name),
                    period=period,
                    scoped=False,
                ),
                indicator=code,
                year=period,
                notes=[" ".join(lookups.inhabitants_notes(kernen_shown))],
            )
    st.caption(t("mijn_kern.compare_note", source=profile["share_source"] or t("common.unknown")))


kern_id = filters.kern_filter()
period = filters.period_filter()
if kern_id is None:
    st.title(t("nav.mijn_kern"))
    st.info(t("common.no_kernen"))
    st.stop()
kernen = state.run(lookups.kernen)
name = kernen.loc[kernen["kern_id"] == kern_id, "name"].iloc[0]

st.title(t("mijn_kern.title", kern=name))
st.write(t("mijn_kern.intro", kern=name, period=fmt.period(period.start, period.end)))
peildatum = filters.bar().date_input(
    t("mijn_kern.peildatum"),
    value=timeline.DEFAULT_PEILDATUM,
    min_value=timeline.FIRST_DAY,
    max_value=timeline.LAST_DAY,
    format="DD-MM-YYYY",
    key="peildatum",
    bind="query-params",
    help=t("mijn_kern.peildatum_help"),
    width=160,
)
filters.note_choice(t("mijn_kern.peildatum"), fmt.day(peildatum))
# the why of the peildatum one click away: at 1280×720 a five-line box pushed the werkplan out of sight
with st.expander(t("mijn_kern.peildatum_why", day=fmt.day(peildatum)), icon=":material/event:"):
    st.info(t("mijn_kern.peildatum_note", day=fmt.day(peildatum)))

actions = state.run(mijn_kern.werkplan, kern_id=kern_id, peildatum=peildatum)
all_goals = state.run(mijn_kern.targets, kern_id=kern_id)
goals = mijn_kern.targets_in_years(all_goals, period.start.year, period.end.year)
check = state.run(
    mijn_kern.completeness, kern_id=kern_id, start=period.start, end=period.end, peildatum=peildatum
)
comparison = state.run(
    mijn_kern.comparison_for, kern_id=kern_id, start=period.start, end=period.end,
    _features=lambda: state.run(vergelijkbaar.features),
    _figures=lambda: state.run(mijn_kern.period_figures, start=period.start, end=period.end),
)  # fmt: skip

columns = st.columns(4)
metric(columns[0], "werkplan_gereed_pct", fmt.percent(mijn_kern.werkplan_done_pct(actions), 0))
metric(columns[1], "acties_achterstallig", fmt.number(int(actions["overdue"].sum()) if len(actions) else 0))
metric(columns[2], "doelen_gehaald", t("mijn_kern.of", n=int(goals["reached"].sum()), total=len(goals)))
metric(
    columns[3], "volledigheid_maanden", t("mijn_kern.of", n=check.months_complete, total=check.months_total)
)

werkplan_section(kern_id, name, peildatum, actions)
targets_section(kern_id, name, goals)
completeness_section(kern_id, name, period, check)
comparison_section(kern_id, name, period, comparison)
components.definitions(DEFINITION_CODES)
