"""Deelname: trends, breakdowns, reach per 1,000 inhabitants and per target group.

No Streamlit here: the page Deelname calls these functions through ``state.run`` (cached by
data version) and only lays out what they return. Every figure is defined in the indicator
registry (``indicators.core`` for ``deelnemers`` and the other headline codes,
``indicators.deelname`` for the rest). The definition of ``deelnemers`` over a period
(first month's participants plus later new participants, per activity) is implemented once,
in the query ``deelname_participation`` (each row's part of the reach over the period, the
quarter and the year); :func:`reach` only adds those parts up, and Overzicht's
``overzicht.kern_overview`` reads the same query. The tables of the page are typed
(:class:`tables.Table`), with each column's indicator beside the computation.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pandas as pd

from sv_analytics import fmt, indicators, kernprofiel, lookups, privacy, queries, tables, timeline, vocab
from sv_analytics.tables import Column, Figure, Table
from sv_analytics.texts import t

GRAINS = ("maand", "kwartaal")
#: Breakdown dimensions: three of the activity (reach can be computed), three of the
#: participants (only the month's counts are known, from participation_breakdown).
ACTIVITY_DIMENSIONS = ("soort", "thema", "doelgroep_aanbod")
PERSON_DIMENSIONS = ("doelgroep", "leeftijd", "geslacht")
DIMENSIONS = ACTIVITY_DIMENSIONS + PERSON_DIMENSIONS
#: Dimensions where one person or activity can fall in several categories.
OVERLAPPING = frozenset({"thema", "doelgroep_aanbod", "doelgroep"})
DIMENSION_LABELS = {
    "soort": vocab.ACTIVITY_KIND,
    "thema": vocab.BRAVO_THEME,
    "doelgroep_aanbod": vocab.DOELGROEP,
    "doelgroep": vocab.DOELGROEP,
    "leeftijd": vocab.AGE_BAND,
    "geslacht": vocab.SEX,
}
#: Continuity after the subsidy: participation in the follow-up year against the last project year.
FOLLOW_UP_YEAR, LAST_PROJECT_YEAR = timeline.FOLLOW_UP.start.year, timeline.PROJECT.end.year
#: The column of ``deelname_participation`` that holds a row's part of the reach, per window
#: the reach is counted over (the whole period, each quarter of it, each calendar year of it).
REACH_COLUMNS = {"periode": "reach", "kwartaal": "reach_quarter", "jaar": "reach_year"}
#: Annual targets that are flows (divided over months or quarters on a chart); others are levels.
FLOW_TARGETS = frozenset({"nieuwe_deelnemers", "doorverwijzingen"})


# ---------------------------------------------------------------------------------- loading
def participation(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, doelgroep=None, kern=None
) -> pd.DataFrame:
    """Participation per activity per month of the selection, with each row's part of the
    reach (query ``deelname_participation``: the one implementation of ``deelnemers``)."""
    activities = _activities(conn, gemeente, doelgroep, kern)
    frame = queries.run(conn, "deelname_participation", start=start, end=end, activities=activities)
    frame["month"] = pd.to_datetime(frame["month"])
    return frame


def _activities(
    conn: duckdb.DuckDBPyConnection, gemeente: str | None, doelgroep: str | None, kern: str | None
) -> list[str]:
    """The ids of the selection's activities (query ``deelname_activities``)."""
    found = queries.run(conn, "deelname_activities", gemeente=gemeente, kern=kern, doelgroep=doelgroep)
    return found["activity_id"].tolist()


def _kernen(conn: duckdb.DuckDBPyConnection, gemeente: str | None, kern: str | None) -> pd.DataFrame:
    return queries.run(conn, "deelname_kernen", gemeente=gemeente, kern=kern)


def yearly_inhabitants(conn: duckdb.DuckDBPyConnection, years) -> pd.DataFrame:
    """Inhabitants per kern (index) and year (columns) for per-1.000 figures of single years:
    ``lookups.kern_inhabitants`` of each year (the kern's own figure for it, else the registry's)."""
    return pd.DataFrame(
        {int(y): lookups.kern_inhabitants(conn, int(y)).set_index("kern_id")["inhabitants"] for y in years}
    )


def selection_inhabitants(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, kern=None
) -> pd.DataFrame:
    """The kernen of the selection with the inhabitants of the period's years
    (``lookups.period_inhabitants``): the denominators of the period's per-1.000 figures."""
    kernen = _kernen(conn, gemeente, kern)[["kern_id", "name", "gemeente"]]
    return kernen.merge(lookups.period_inhabitants(conn, start.year, end.year), on="kern_id", how="left")


def inhabitants_note(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, kern=None
) -> str:
    """Which inhabitants the selection's per-1.000 figures divide by (a caption)."""
    return " ".join(lookups.inhabitants_notes(selection_inhabitants(conn, start, end, gemeente, kern)))


def bucket(months: pd.Series, grain: str) -> pd.Series:
    """First day of the month or quarter each month falls in."""
    months = pd.to_datetime(months)
    if grain == "kwartaal":
        return months.dt.to_period("Q").dt.start_time
    return months


def reach(frame: pd.DataFrame, by: list[str], window: str = "periode") -> pd.Series:
    """Registry indicator ``deelnemers`` per group ``by`` of :func:`participation`'s rows,
    counted over ``window`` (``periode``, or per ``kwartaal`` / ``jaar`` when ``by`` holds the
    quarter or year): the sum of the parts the query computed. Groups are sets of activities
    (kern, kind, category, activity) within one window."""
    people = frame[REACH_COLUMNS[window]]
    return people.groupby([frame[c] for c in by]).sum() if by else pd.Series([people.sum()])


def _months(start: date, end: date, grain: str) -> pd.DatetimeIndex:
    months = pd.to_datetime(pd.Series(timeline.months_between(start, end)))
    return pd.DatetimeIndex(sorted(set(bucket(months, grain))))


# ---------------------------------------------------------------------------------- headline
HEADLINE = (
    "deelnemers",
    "nieuwe_deelnemers",
    "aandeel_voorheen_inactief",
    "doorverwijzingen",
    "vrijwilligers_actief",
    "bereik_per_1000",
)


def figures(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, doelgroep=None, kern=None
) -> dict[str, float | int | None]:
    """The page's headline figures (:data:`HEADLINE`) for the selection, as numbers (None: unknown)."""
    part = participation(conn, start, end, gemeente, doelgroep, kern)
    refs = queries.run(conn, "deelname_referrals", start=start, end=end, gemeente=gemeente, kern=kern,
                       doelgroep=doelgroep)  # fmt: skip
    vols = queries.run(conn, "deelname_volunteers", start=start, end=end, gemeente=gemeente, kern=kern)
    people = int(reach(part, []).sum())
    new = int(part["new_participants"].sum())
    inactive = int(part["previously_inactive"].sum())
    inhabitants = selection_inhabitants(conn, start, end, gemeente, kern)["inhabitants"].sum()
    last_quarter = vols[vols["quarter"] == vols["quarter"].max()]["active"].sum() if len(vols) else None
    return {
        "deelnemers": people,
        "nieuwe_deelnemers": new,
        "aandeel_voorheen_inactief": 100 * inactive / new if new else None,
        "doorverwijzingen": int(refs["referrals"].sum()),
        "vrijwilligers_actief": last_quarter,
        "bereik_per_1000": 1000 * people / inhabitants if inhabitants else None,
        "voorheen_inactief": inactive,
    }


def headline_figures(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, doelgroep=None, kern=None
) -> tuple[Figure, ...]:
    """The page's metrics (:data:`HEADLINE`) as figures that know their protection: the counts
    are protected counts, the share previously inactive is a ratio of two of them and the reach
    per 1.000 follows the participants (``components.headline_metrics`` shows them)."""
    values = figures(conn, start, end, gemeente, doelgroep, kern)
    people, new = values["deelnemers"], values["nieuwe_deelnemers"]
    shown = {
        "deelnemers": Figure("deelnemers", people),
        "nieuwe_deelnemers": Figure("nieuwe_deelnemers", new),
        "aandeel_voorheen_inactief": Figure("aandeel_voorheen_inactief", values["aandeel_voorheen_inactief"],
                                            "percent", 1, base=values["voorheen_inactief"], per=new),
        "doorverwijzingen": Figure("doorverwijzingen", values["doorverwijzingen"]),
        "vrijwilligers_actief": Figure("vrijwilligers_actief", values["vrijwilligers_actief"]),
        "bereik_per_1000": Figure("bereik_per_1000", values["bereik_per_1000"], "number", 1, base=people),
    }  # fmt: skip
    return tuple(shown[code] for code in HEADLINE)


def headline(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    gemeente=None,
    doelgroep=None,
    kern=None,
    protected: bool = True,
) -> tuple:
    """(code, display value) pairs of :func:`headline_figures`, Dutch, protected unless asked not to."""
    found = headline_figures(conn, start, end, gemeente, doelgroep, kern)
    return tuple((figure.code, figure.text(protected)) for figure in found)


# ---------------------------------------------------------------------------------- trends
def trend(
    conn, start: date, end: date, gemeente=None, doelgroep=None, kern=None, grain="maand"
) -> pd.DataFrame:
    """Long frame (period, code, value): participants, new, previously inactive, referrals.

    Per month the participants are the month's participants (``deelnemers_per_maand``); per
    quarter the registry's ``deelnemers`` over the quarter. Empty when nothing was recorded.
    """
    part = participation(conn, start, end, gemeente, doelgroep, kern)
    refs = queries.run(conn, "deelname_referrals", start=start, end=end, gemeente=gemeente, kern=kern,
                       doelgroep=doelgroep)  # fmt: skip
    if part.empty and refs.empty:
        return pd.DataFrame(columns=["period", "code", "value"])
    part["period"] = bucket(part["month"], grain)
    refs["period"] = bucket(refs["month"], grain)
    index = _months(start, end, grain)
    if grain == "kwartaal":
        people, people_code = reach(part, ["period"], "kwartaal"), "deelnemers"
    else:
        people, people_code = part.groupby("period")["participants"].sum(), "deelnemers_per_maand"
    series = {
        people_code: people,
        "nieuwe_deelnemers": part.groupby("period")["new_participants"].sum(),
        "voorheen_inactief": part.groupby("period")["previously_inactive"].sum(),
        "doorverwijzingen": refs.groupby("period")["referrals"].sum(),
    }
    frames = [
        pd.DataFrame({"period": index, "code": code, "value": values.reindex(index, fill_value=0).to_numpy()})
        for code, values in series.items()
    ]
    return pd.concat(frames, ignore_index=True).astype({"value": "float64"})


def volunteers(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, kern=None
) -> pd.DataFrame:
    """Active and new volunteers per quarter, summed over the kernen of the selection."""
    vols = queries.run(conn, "deelname_volunteers", start=start, end=end, gemeente=gemeente, kern=kern)
    if vols.empty:
        return pd.DataFrame(columns=["period", "code", "value"])
    vols["period"] = pd.to_datetime(vols["quarter"])
    totals = vols.groupby("period")[["active", "new"]].sum().reset_index()
    long = totals.melt(id_vars="period", var_name="code", value_name="value")
    long["code"] = long["code"].map({"active": "vrijwilligers_per_kwartaal", "new": "vrijwilligers_nieuw"})
    return long.astype({"value": "float64"})


def targets(
    conn: duckdb.DuckDBPyConnection, kern: str, start: date, end: date, grain: str = "maand"
) -> pd.DataFrame:
    """The kern's targets as segments (code, period, period_end, value, annual) for rule marks.

    Annual flow targets are spread evenly (÷ 12 per month, ÷ 4 per quarter) so that they
    compare with the chart's bars and lines; levels (active volunteers) are drawn as given.
    """
    frame = queries.run(conn, "deelname_targets", kern=kern, first_year=start.year, last_year=end.year)
    rows = []
    divisor = 4 if grain == "kwartaal" else 12
    for year, code, value in frame.itertuples(index=False):
        first = max(pd.Timestamp(year, 1, 1), pd.Timestamp(start))
        last = min(pd.Timestamp(year, 12, 1), pd.Timestamp(end))
        spread = code in FLOW_TARGETS
        rows.append(
            {
                "code": code,
                "period": bucket(pd.Series([first]), grain).iloc[0],
                "period_end": bucket(pd.Series([last]), grain).iloc[0],
                "value": value / divisor if spread else value,
                "annual": value,
            }
        )
    return pd.DataFrame(rows, columns=["code", "period", "period_end", "value", "annual"])


# ---------------------------------------------------------------------------------- breakdown
def breakdown(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    gemeente=None,
    doelgroep=None,
    kern=None,
    dimension="soort",
) -> pd.DataFrame:
    """Participants per category of ``dimension``: average per month, share, and reach where
    the dimension belongs to the activity. Shares of overlapping dimensions add up to more
    than 100 %."""
    part = participation(conn, start, end, gemeente, doelgroep, kern)
    months = len(timeline.months_between(start, end))
    total = part["participants"].sum()
    if dimension in ACTIVITY_DIMENSIONS:
        tagged = _tag(conn, part, dimension)
        people = reach(tagged, ["category"]) if len(tagged) else pd.Series(dtype="float64")
        monthly = tagged.groupby("category")["participants"].sum()
    else:
        activities = _activities(conn, gemeente, doelgroep, kern)
        rows = queries.run(conn, "deelname_breakdown", start=start, end=end, activities=activities)
        monthly = rows[rows["dimension"] == dimension].groupby("category")["n"].sum()
        people = pd.Series(dtype="float64")
    labels = DIMENSION_LABELS[dimension]
    frame = pd.DataFrame({"category": list(labels), "label": list(labels.values())})
    frame["reach"] = frame["category"].map(people) if len(people) else float("nan")
    frame["monthly"] = frame["category"].map(monthly).fillna(0)  # participant-months: the base count
    frame["total"] = total
    frame["per_month"] = frame["monthly"] / months
    frame["share_pct"] = 100 * frame["monthly"] / total if total else float("nan")
    return frame if total else frame.iloc[0:0]


def _tag(conn: duckdb.DuckDBPyConnection, part: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The participation rows with the category of ``dimension`` (rows repeat per category)."""
    if dimension == "soort":
        return part.assign(category=part["kind"])
    tags = queries.run(conn, "deelname_activity_tags")
    tags = tags[tags["dimension"] == dimension][["activity_id", "category"]]
    return part.merge(tags, on="activity_id")


def reach_per_kern(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, gemeente=None, doelgroep=None, dimension="soort"
):
    """Per kern: inhabitants, 65+ share, reach, reach per 1,000 and per 1,000 by activity category.

    Inhabitants are those of the period's years (:func:`selection_inhabitants`), with the
    columns that say which year they are (``lookups.inhabitants_notes``).

    Long per category (kern_id, name, category, per_1000) and wide per kern; returns the wide
    frame with one ``cat:<code>`` column per category of an activity dimension.
    """
    part = participation(conn, start, end, gemeente, doelgroep, None)
    people = reach(part, ["kern_id"]) if len(part) else pd.Series(dtype="float64")
    new = part.groupby("kern_id")["new_participants"].sum()
    inactive = part.groupby("kern_id")["previously_inactive"].sum()
    frame = selection_inhabitants(conn, start, end, gemeente)
    frame["share_65plus"] = [senior_share(conn, k)[0] for k in frame["kern_id"]]
    frame["reach"] = frame["kern_id"].map(people).fillna(0)
    frame["per_1000"] = 1000 * frame["reach"] / frame["inhabitants"]
    frame["new"] = frame["kern_id"].map(new).fillna(0)  # the base counts of the share (not shown)
    frame["inactive"] = frame["kern_id"].map(inactive).fillna(0)
    frame["inactive_pct"] = 100 * frame["inactive"] / frame["new"].where(lambda s: s > 0)
    if dimension in ACTIVITY_DIMENSIONS and len(part):
        tagged = _tag(conn, part, dimension)
        by_cat = reach(tagged, ["kern_id", "category"]).unstack(fill_value=0)
        for code in DIMENSION_LABELS[dimension]:
            values = frame["kern_id"].map(by_cat[code]) if code in by_cat else 0
            frame[f"catn:{code}"] = pd.Series(values, index=frame.index).fillna(0)
            frame[f"cat:{code}"] = 1000 * frame[f"catn:{code}"] / frame["inhabitants"]
    return frame


# ---------------------------------------------------------------------------------- one kern vs others
def kern_comparison(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    doelgroep=None,
    kern=None,
    grain="maand",
    protected: bool = True,
) -> pd.DataFrame:
    """Per period: the kern's participants per 1,000 inhabitants against the median, minimum
    and maximum of all other kernen (per month the month's participants, per quarter the reach),
    each divided by the inhabitants of its own year (:func:`yearly_inhabitants`).

    ``protected``: every rate from the rounded count of its kern and period; a count of 1–4
    makes the rate unknown (``suppressed`` marks the kern's own), so that neither the kern's
    line nor the range of the others (one kern's rate at its minimum or maximum) gives a count back.
    """
    part = participation(conn, start, end, None, doelgroep, None)
    kernen = _kernen(conn, None, None).set_index("kern_id")
    if part.empty or kern not in kernen.index:
        return pd.DataFrame(columns=["period", "kern", "median", "low", "high", "suppressed"])
    part["period"] = bucket(part["month"], grain)
    if grain == "kwartaal":
        values = reach(part, ["kern_id", "period"], "kwartaal")
    else:
        values = part.groupby(["kern_id", "period"])["participants"].sum()
    grid = values.unstack("kern_id").reindex(index=_months(start, end, grain), columns=kernen.index).fillna(0)
    small = grid.apply(privacy.small_mask) if protected else grid.map(lambda _: False)
    if protected:
        grid = grid.apply(privacy.protect_series)
    yearly = yearly_inhabitants(conn, sorted(set(grid.index.year)))
    inhabitants = pd.DataFrame([yearly[y] for y in grid.index.year], index=grid.index)[grid.columns]
    per_1000 = 1000 * grid / inhabitants.where(inhabitants > 0)
    others = per_1000.drop(columns=kern)
    return pd.DataFrame(
        {
            "period": per_1000.index,
            "kern": per_1000[kern].to_numpy(),
            "median": others.median(axis=1).to_numpy(),
            "low": others.min(axis=1).to_numpy(),
            "high": others.max(axis=1).to_numpy(),
            "suppressed": small[kern].to_numpy(dtype=bool),
        }
    )


# ---------------------------------------------------------------------------------- baseline / follow-up
def _all_years(conn: duckdb.DuckDBPyConnection, gemeente=None, doelgroep=None) -> pd.DataFrame:
    part = participation(conn, timeline.MONITORING.start, timeline.MONITORING.end, gemeente, doelgroep, None)
    part["year"] = part["month"].dt.year
    part["novelty"] = part["novelty"].where(part["novelty"] == "bestaand", "nieuw_vernieuwd")
    return part


def yearly_reach(conn: duckdb.DuckDBPyConnection, gemeente=None, doelgroep=None) -> pd.DataFrame:
    """Reach (registry ``deelnemers``) per kern, calendar year and novelty class over the
    monitoring years (baseline to follow-up)."""
    part = _all_years(conn, gemeente, doelgroep)
    if part.empty:
        return pd.DataFrame(columns=["kern_id", "year", "novelty", "reach"])
    return reach(part, ["kern_id", "year", "novelty"], "jaar").rename("reach").reset_index()


def baseline_comparison(conn: duckdb.DuckDBPyConnection, gemeente=None, doelgroep=None) -> pd.DataFrame:
    """Per kern: reach per 1,000 inhabitants in each monitoring year (``reach_<year>``, with its
    base count ``reach_<year>_n``) and per stage (2016, 2017–2018 as the average of the two years,
    2019), the participant-months of 2018 and 2019 with the change 2019 against 2018 in %
    (continuity after the subsidy) and what the final evaluation expected (a statement, not a
    measurement). Each year's rate divides by that year's inhabitants (:func:`yearly_inhabitants`);
    the ``inhabitants_*`` columns say which year was used (``lookups.inhabitants_notes``)."""
    part = _all_years(conn, gemeente, doelgroep)
    kernen = _kernen(conn, gemeente, None)
    years = list(timeline.MONITORING.years)
    per_year = (
        reach(part, ["kern_id", "year"], "jaar").unstack(fill_value=0)
        if len(part)
        else pd.DataFrame(columns=years)
    ).reindex(index=kernen["kern_id"], columns=years, fill_value=0)
    inhabitants = yearly_inhabitants(conn, years).reindex(index=kernen["kern_id"])
    rates = 1000 * per_year / inhabitants.where(inhabitants > 0)
    months = part.groupby(["kern_id", "year"])["participants"].sum().unstack(fill_value=0)
    months = months.reindex(index=kernen["kern_id"], columns=years, fill_value=0)
    frame = kernen[["kern_id", "name", "continues_after_subsidy"]].merge(
        lookups.period_inhabitants(conn, years[0], years[-1]), on="kern_id", how="left"
    )
    for year in years:
        frame[f"reach_{year}"] = rates[year].to_numpy()
        frame[f"reach_{year}_n"] = per_year[year].to_numpy()
    for key, first, last in timeline.STAGES:
        frame[key] = rates.loc[:, first:last].mean(axis=1).to_numpy()
        frame[f"{key}_n"] = per_year.loc[:, first:last].sum(axis=1).to_numpy()  # the base count
    base = months[LAST_PROJECT_YEAR].where(months[LAST_PROJECT_YEAR] > 0)
    frame["change_2019_pct"] = (100 * (months[FOLLOW_UP_YEAR] / base - 1)).to_numpy()
    frame["months_2018"] = months[LAST_PROJECT_YEAR].to_numpy()  # participant-months: base counts
    frame["months_2019"] = months[FOLLOW_UP_YEAR].to_numpy()
    return frame


def baseline_by_novelty(
    conn: duckdb.DuckDBPyConnection, gemeente=None, doelgroep=None, kern=None
) -> pd.DataFrame:
    """Per phase (2016, 2017–2018, 2019): reach per 1,000 inhabitants per year of existing and of
    new or renewed activities, for the kernen of the selection together (each year divided by
    that year's inhabitants, a phase of two years the average of its years)."""
    years = yearly_reach(conn, gemeente, doelgroep)
    kernen = _kernen(conn, gemeente, kern)
    years = years[years["kern_id"].isin(kernen["kern_id"])]
    inhabitants = yearly_inhabitants(conn, timeline.MONITORING.years).reindex(kernen["kern_id"]).sum()
    rows = []
    for key, first, last in timeline.STAGES:
        in_phase = years[years["year"].between(first, last)]
        for novelty in ("bestaand", "nieuw_vernieuwd"):
            chosen = in_phase[in_phase["novelty"] == novelty]
            per_year = chosen.groupby("year")["reach"].sum().reindex(range(first, last + 1), fill_value=0)
            rates = 1000 * per_year / inhabitants.loc[first:last].where(lambda v: v > 0)
            rows.append({"phase": key, "novelty": novelty, "per_1000": rates.mean(), "n": per_year.sum()})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------- target groups
def senior_share(conn: duckdb.DuckDBPyConnection, kern_id: str) -> tuple[float | None, str | None]:
    """The kern's 65+ share and the level it comes from: the Kernprofiel's figure (one method
    for every page, see kernprofiel.population)."""
    found = kernprofiel.kern_profile(conn, kern_id)
    if found is None or found.share_65 is None:
        return None, None
    return found.share_65, found.population.level


def group_sizes(
    conn: duckdb.DuckDBPyConnection, kern_id: str, profiles: dict[str, kernprofiel.KernProfile] | None = None
) -> dict[str, tuple[float | None, str]]:
    """Estimated size of every target group in the kern, with where it comes from: the
    Kernprofiel's estimates (kernprofiel.estimates), so both pages show the same sizes
    (``profiles``: kernprofiel.all_profiles, when the caller has it)."""
    found = kernprofiel.kern_profile(conn, kern_id) if profiles is None else profiles.get(kern_id)
    sizes: dict[str, tuple[float | None, str]] = {group: (None, "") for group in vocab.DOELGROEP}
    if found is None:
        return sizes
    for row in found.estimates.itertuples(index=False):
        if row.kern_estimate is None or pd.isna(row.kern_estimate):
            continue
        year = "" if row.year is None or pd.isna(row.year) else f" {int(row.year)}"
        sizes[row.doelgroep] = (float(row.kern_estimate), f"{row.source}{year}")
    return sizes


def target_group_reach(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    gemeente=None,
    doelgroep=None,
    kern=None,
    profiles: dict[str, kernprofiel.KernProfile] | None = None,
) -> pd.DataFrame:
    """Per kern and target group: estimated participants from the group, estimated group size
    and the percentage reached (NaN = unknown).

    Participants of a group are estimated per activity as its reach × the group's share of
    its participant-months (participation_breakdown), because only monthly totals are stored.
    Where that estimate exceeds the group's estimated size (small groups such as status holders
    counted by the gemeente), the percentage is unknown and the note says why.
    """
    part = participation(conn, start, end, gemeente, None, kern)
    activities = _activities(conn, gemeente, None, kern)
    rows = queries.run(conn, "deelname_breakdown", start=start, end=end, activities=activities)
    kernen = _kernen(conn, gemeente, kern)
    groups = [doelgroep] if doelgroep else list(vocab.DOELGROEP)
    per_activity = reach(part, ["kern_id", "activity_id"]) if len(part) else pd.Series(dtype="float64")
    months = part.groupby(["kern_id", "activity_id"])["participants"].sum()
    group_rows = (
        rows[rows["dimension"] == "doelgroep"].groupby(["kern_id", "activity_id", "category"])["n"].sum()
    )
    out = []
    for k in kernen.itertuples(index=False):
        sizes = group_sizes(conn, k.kern_id, profiles)
        for group in groups:
            people = _group_people(per_activity, months, group_rows, k.kern_id, group)
            size, note = sizes[group]
            pct = 100 * people / size if size else float("nan")
            if size is not None and people > size:  # two estimates that do not fit together
                pct, note = float("nan"), f"{note} · {t('deelname.reach_above_size')}"
            out.append({"kern_id": k.kern_id, "name": k.name, "doelgroep": group, "people": people,
                        "size": size, "pct": pct, "note": note})  # fmt: skip
    return pd.DataFrame(out, columns=["kern_id", "name", "doelgroep", "people", "size", "pct", "note"])


def _group_people(per_activity, months, group_rows, kern_id: str, group: str) -> float:
    total = 0.0
    if kern_id not in per_activity.index.get_level_values(0):
        return total
    for activity_id, people in per_activity.loc[kern_id].items():
        month_total = months.get((kern_id, activity_id), 0)
        in_group = group_rows.get((kern_id, activity_id, group), 0)
        if month_total:
            total += people * in_group / month_total
    return total


# ---------------------------------------------------------------------------------- typed tables
def _count(key: str, label: str, indicator: str | None, **options) -> Column:
    """A count of people shown to others: 1–4 as ``<5``."""
    return Column(key, label, kind="count", indicator=indicator, suppress=True, **options)


def _rate(key: str, label: str, indicator: str | None, decimals: int = 1, **options) -> Column:
    """A rate (per month, per 1.000); ``suppress_by`` names the count it follows."""
    return Column(key, label, kind="number", decimals=decimals, indicator=indicator, **options)


def _percent(key: str, label: str, indicator: str, decimals: int = 1, **options) -> Column:
    """A percentage (the value in percent units), one decimal unless said otherwise."""
    return Column(key, label, kind="percent", decimals=decimals, indicator=indicator, **options)


def trend_table(frame: pd.DataFrame, grain: str) -> Table:
    """The trend as a table: one row per month (a month) or quarter ('K1 2018'), one count
    column per figure of :func:`trend`, headed by the figure's registry name."""
    wide = frame.pivot(index="period", columns="code", values="value").reset_index()
    codes = list(frame["code"].unique())
    if grain == "kwartaal":
        wide["period_label"] = wide["period"].map(lambda p: period_label(p, grain))
        period = Column("period_label", t("deelname.col.period"))
    else:
        period = Column("period", t("deelname.col.period"), kind="month")
    columns = [period, *(_count(code, indicators.get(code).name, code) for code in codes)]
    return tables.table(wide, columns)


def period_label(value: pd.Timestamp, grain: str) -> str:
    """'mrt 2018' for a month, 'K1 2018' for a quarter."""
    value = pd.Timestamp(value)
    return f"K{value.quarter} {value.year}" if grain == "kwartaal" else fmt.month(value.date())


def breakdown_table(frame: pd.DataFrame, dimension: str) -> Table:
    """Per category: reach (activity dimensions only), average per month and share."""
    data = frame.assign(reach=frame["reach"].fillna(0))
    columns = [Column("label", t(f"deelname.dim.{dimension}"))]
    if dimension in ACTIVITY_DIMENSIONS:
        columns.append(_count("reach", t("deelname.col.reach"), "deelnemers"))
    columns += [
        _rate("per_month", t("deelname.col.per_month"), "deelnemers_uitsplitsing", suppress_by="monthly"),
        _percent("share_pct", t("deelname.col.share"), "deelnemers_uitsplitsing", suppress_by="monthly",
                 per="total"),
    ]  # fmt: skip
    return tables.table(data, columns)


def reach_table(frame: pd.DataFrame, dimension: str) -> Table:
    """Per kern: inhabitants, 65+ share, reach, reach per 1,000 (also per category of an
    activity dimension) and the share previously inactive; the inhabitants' source as a note."""
    columns = [
        *lookups.kern_columns(),
        lookups.inhabitants_column(),
        kernprofiel.share_65_column("share_65plus", missing=t("common.unknown")),
        _count("reach", t("col.participants"), "deelnemers"),
        _rate("per_1000", t("deelname.col.per_1000"), "bereik_per_1000", suppress_by="reach"),
        _percent("inactive_pct", t("deelname.col.inactive_pct"), "aandeel_voorheen_inactief",
                 suppress_by="inactive", per="new"),
    ]  # fmt: skip
    for code, label in DIMENSION_LABELS[dimension].items():
        if f"cat:{code}" in frame:
            columns.append(
                _rate(f"cat:{code}", t("deelname.col.per_1000_of", label=label), "bereik_per_1000",
                      suppress_by=f"catn:{code}")
            )  # fmt: skip
    return tables.table(frame, columns, lookups.inhabitants_notes(frame))


def baseline_table(frame: pd.DataFrame) -> Table:
    """Per kern three measures, each under its own name with its unit: the reach per 1,000
    inhabitants of each monitoring year, the participant-months of 2018 and 2019 with the change
    in %, and the final evaluation's expectation (fixed years, whatever the period filter says).
    Which inhabitants the rates use is the table's note (``lookups.inhabitants_notes``)."""
    continues = {True: t("deelname.continues_yes"), False: t("deelname.continues_no")}
    data = frame.assign(
        continues=frame["continues_after_subsidy"].map(
            lambda v: continues.get(v, t("common.unknown")) if pd.notna(v) else t("common.unknown")
        )
    )
    reach_years = [c for c in frame.columns if re.fullmatch(r"reach_\d{4}", c)]
    columns = [
        Column("name", t("col.kern")),
        *(
            _rate(key, t("deelname.col.reach_year", year=key[-4:]), "bereik_per_1000_per_jaar",
                  suppress_by=f"{key}_n")
            for key in reach_years
        ),
        *(
            _count(key, t("deelname.col.months_year", year=year), "deelnemermaanden_jaar")
            for key, year in (("months_2018", LAST_PROJECT_YEAR), ("months_2019", FOLLOW_UP_YEAR))
        ),
        _percent(
            "change_2019_pct",
            t("deelname.col.change_2019"),
            "deelname_verandering_2019",
            decimals=0,
            suppress_by="months_2019",
            per="months_2018",
            offset=100.0,
        ),
        Column("continues", t("deelname.col.continues"), indicator="verwachting_na_subsidie"),
    ]  # fmt: skip
    notes = [t("deelname.baseline_note"), *lookups.inhabitants_notes(frame)]
    return tables.table(data, columns, notes)


def target_group_table(frame: pd.DataFrame) -> Table:
    """Per kern and target group: estimated participants from the group (rounded, 1–4 hidden),
    estimated group size and the percentage reached (``onbekend`` where unknown)."""
    unknown = t("common.unknown")
    data = frame.assign(
        people=frame["people"].round(),
        group=frame["doelgroep"].map(vocab.DOELGROEP.get),
        note=frame["note"].replace("", unknown),
    )
    columns = [
        Column("name", t("col.kern")),
        Column("group", t("filter.doelgroep")),
        _count("people", t("deelname.col.group_people"), "doelgroep_deelnemers"),
        _count("size", t("deelname.col.group_size"), "doelgroep_omvang", missing=unknown),
        _percent(
            "pct",
            t("deelname.col.group_pct"),
            "bereik_doelgroep_pct",
            missing=unknown,
            suppress_by="people",
            per="size",
        ),
        Column("note", t("deelname.col.estimate")),
    ]
    return tables.table(data, columns)


# ---------------------------------------------------------------------------------- chart data
def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the registry name of each indicator code as ``label`` (chart legends)."""
    return frame.assign(label=frame["code"].map(lambda c: indicators.get(c).name))


def novelty_labelled(frame: pd.DataFrame) -> pd.DataFrame:
    order = {"bestaand": 0, "nieuw_vernieuwd": 1}
    return frame.assign(
        label=frame["novelty"].map(lambda n: t(f"deelname.novelty.{n}")), order=frame["novelty"].map(order)
    )


def baseline_long(frame: pd.DataFrame) -> pd.DataFrame:
    """Per kern and phase the reach per 1,000 per year and its base count ``n`` (the reach in the
    phase's years), for the grouped bar chart (which protects it)."""
    phases = [key for key, _, _ in timeline.STAGES]
    rates = frame.melt(id_vars=["name"], value_vars=phases, var_name="phase", value_name="per_1000")
    counts = frame.melt(
        id_vars=["name"], value_vars=[f"{p}_n" for p in phases], var_name="phase", value_name="n"
    )
    return rates.assign(n=counts["n"].to_numpy())
