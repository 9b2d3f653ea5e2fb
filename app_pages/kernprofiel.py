"""Kernprofiel en doelgroepen: inhabitants, health context and target groups of one kern, and
the target-group profile of all kernen side by side."""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt, indicators, kernprofiel, vocab, yardsticks
from sv_analytics.charts import kernprofiel as charts
from sv_analytics.indicators import context
from sv_analytics.texts import t
from sv_analytics.ui import components, filters, state

gemeente = filters.gemeente_filter()
kern_id = filters.kern_filter(gemeente=gemeente)

st.title(t("kernprofiel.title"))
st.write(t("kernprofiel.intro"))

result = state.run(kernprofiel.kern_profile, kern_id=kern_id) if kern_id else None
if result is None:
    st.info(t("kernprofiel.no_kern"))
    st.stop()

kern = result.kern
pop = result.population


def metric(column, code: str, value: str) -> None:
    """One figure with its registry definition as help."""
    indicator = indicators.get(code)
    column.metric(indicator.name, value, help=indicator.help_text())


st.header(t("kernprofiel.kern_heading", name=kern["name"], gemeente=kern["gemeente"]))
for warning in result.warnings:
    st.warning(warning, icon=":material/warning:")
if kern["shared_with"]:
    st.info(
        t(
            "kernprofiel.shared_wijk",
            wijk=", ".join(kern["wijk_codes"]),
            others=", ".join(kern["shared_with"]),
        )
    )

# ---------------------------------------------------------------- 1. inhabitants
st.subheader(t("kernprofiel.population_heading"))
columns = st.columns(4)
metric(columns[0], "inwoners_kern", fmt.number(kern["inhabitants"]))
metric(columns[1], "inwoners_gemeente" if pop.level == "gemeente" else "inwoners_wijk", fmt.number(pop.total))
metric(columns[2], "aandeel_65plus", fmt.percent(pop.share("65+")))
metric(columns[3], "bevolkingsgroei_pct", fmt.percent(pop.growth_pct, 2))
st.caption(
    t(
        "kernprofiel.inhabitants_note",
        source=kern["inhabitants_source"] or "–",
        year=kern["inhabitants_year"] or "–",
    )
)
if not pop.level:
    st.info(t("kernprofiel.no_population"))
else:
    if pop.level == "gemeente":
        st.info(t("kernprofiel.population_gemeente", gemeente=kern["gemeente"]))
    st.caption(kernprofiel.population_note(pop))
    components.table(
        kernprofiel.age_table(pop),
        name=f"leeftijdsopbouw-{kern_id}",
        title=t("kernprofiel.age_title", name=kern["name"], area=pop.area, year=pop.year),
        key="kp_age",
    )
    if pop.growth_years:
        st.markdown(t("kernprofiel.trend_heading", first=pop.growth_years[0], last=pop.growth_years[1]))
    components.chart(
        charts.population_chart(kernprofiel.trend_frame(pop)),
        name=f"inwoners-{kern_id}",
        key="kp_trend",
        title=components.png_title(t("png.population_title", name=kern["name"], area=pop.area), scoped=False),
        indicator="inwoners_leeftijdsgroep",
        year=f"{pop.growth_years[0]}–{pop.growth_years[1]}" if pop.growth_years else pop.year,
    )

# ---------------------------------------------------------------- 2. health
st.subheader(t("kernprofiel.health_heading"))
if result.health.empty:
    st.info(t("kernprofiel.no_health"))
else:
    st.caption(t("kernprofiel.health_note"))
    age_group = st.segmented_control(
        t("kernprofiel.age_choice"),
        list(kernprofiel.HEALTH_AGE_GROUPS),
        default="18+",
        format_func=vocab.STAT_AGE_GROUP.get,
        key="kp_leeftijd",
        bind="query-params",
    )
    filters.note_choice(t("kernprofiel.age_choice"), vocab.STAT_AGE_GROUP[age_group or "18+"])
    chart_frame = kernprofiel.health_chart_frame(result, age_group or "18+")
    if chart_frame.empty:
        st.info(t("kernprofiel.no_health_age"))
    else:
        components.chart(
            charts.health_chart(chart_frame),
            name=f"gezondheid-{kern_id}",
            key="kp_health",
            title=components.png_title(
                t("kernprofiel.health_title", name=kern["name"]), when=age_group or "18+", scoped=False
            ),
            source="; ".join(dict.fromkeys(chart_frame["source"].astype(str))),
            year=", ".join(str(y) for y in sorted(set(chart_frame["year"]))),
            notes=[t("kernprofiel.health_note")],
        )
    components.table(
        kernprofiel.health_table(result.health, kernprofiel.area_names(result)),
        name=f"gezondheid-{kern_id}",
        title=t("kernprofiel.health_title", name=kern["name"]),
        key="kp_health_table",
    )

# sport yardsticks: the figures gemeenten measure their sport policy by
st.markdown(t("yardsticks.heading"))
sport = state.run(yardsticks.kern_yardsticks, kern_id=kern_id)
if sport.empty:
    st.info(t("yardsticks.none"))
else:
    st.caption(t("yardsticks.intro"))
    components.table(
        yardsticks.yardstick_table(sport),
        name=f"sport-maatstaven-{kern_id}",
        title=t("yardsticks.title", name=kern["name"]),
        key="kp_yardsticks",
    )
    st.caption(yardsticks.yardstick_note(sport))

# ---------------------------------------------------------------- 3. target groups
st.subheader(t("kernprofiel.groups_heading"))
st.caption(t("kernprofiel.groups_note", name=kern["name"], inhabitants=fmt.number(kern["inhabitants"])))
if result.estimates["share_pct"].isna().all():
    st.info(t("kernprofiel.no_estimates"))
else:
    components.table(
        kernprofiel.estimate_table(result.estimates, pop),
        name=f"doelgroepen-{kern_id}",
        title=t("kernprofiel.groups_title", name=kern["name"]),
        key="kp_groups",
    )
chosen = [vocab.DOELGROEP[g] for g in kern["chosen"]]
st.markdown(t("kernprofiel.chosen", groups=", ".join(chosen) if chosen else t("kernprofiel.none_chosen")))
st.markdown(t("kernprofiel.facilities_heading"))
facilities = state.run(kernprofiel.facilities, kern_id=kern_id)
if facilities.empty:
    st.info(t("kernprofiel.no_facilities"))
else:
    st.dataframe(facilities, hide_index=True, width="stretch")

# ---------------------------------------------------------------- 4. all kernen
st.subheader(t("kernprofiel.compare_heading"))
st.write(t("kernprofiel.compare_intro"))
# exact: the table protects its own cells; the heat map is drawn from the view's protected frame
# all kernen once (cached; the colours are relative to all of them), then the gemeente's rows
comparison = kernprofiel.of_gemeente(state.run(kernprofiel.kern_comparison, protected=False), gemeente)
if comparison.empty or comparison["share_pct"].isna().all():
    st.info(t("kernprofiel.no_comparison"))
else:
    components.chart(
        lambda p: charts.heatmap(
            kernprofiel.of_gemeente(state.run(kernprofiel.kern_comparison, protected=p), gemeente)
        ),
        name="doelgroepen-per-kern",
        key="kp_heatmap",
        title=components.png_title(t("kernprofiel.compare_title"), gemeente=gemeente),
        omit=(t("filter.kern"),),
        indicator="aandeel_doelgroep_pct",
        notes=[t("kernprofiel.heatmap_note")],
    )
    st.caption(t("kernprofiel.heatmap_note"))
    components.table(
        kernprofiel.comparison_table(comparison),
        name="doelgroepen-per-kern",
        title=t("kernprofiel.compare_title"),
        key="kp_compare",
    )
    st.markdown(t("kernprofiel.growth_heading"))
    if comparison["growth_pct"].notna().any():
        components.chart(
            charts.growth_chart(comparison),
            name="bevolkingsontwikkeling-per-kern",
            key="kp_growth",
            title=components.png_title(t("png.growth_title"), gemeente=gemeente),
            omit=(t("filter.kern"),),
            indicator="bevolkingsgroei_pct",
            notes=[t("kernprofiel.growth_note")],
        )
        st.caption(t("kernprofiel.growth_note"))
    else:
        st.info(t("kernprofiel.no_growth"))

components.definitions([i.code for i in context.SHOWN])
