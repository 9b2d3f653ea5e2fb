"""Headline figures and per-kern tables, computed from the named queries.

No Streamlit here: pages call these functions (through a cache keyed by the data
version) and only lay out the results.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from sv_analytics import deelname, indicators, lookups, privacy, queries, scales, tables, vocab
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t
from sv_analytics.timeline import Period

#: Count columns of the kern overview and their indicators; small values are suppressed
#: wherever they are shown.
COUNT_INDICATORS = {
    "activities": "activiteiten",
    "participants": "deelnemers",
    "new_participants": "nieuwe_deelnemers",
    "referrals": "doorverwijzingen",
}
COUNT_COLUMNS = tuple(COUNT_INDICATORS)
#: The registry's inhabitants columns, replaced in the kern overview by those of the period's years.
INHABITANTS_COLUMNS = ["inhabitants", "inhabitants_source", "inhabitants_year"]


def kern_overview(
    conn: duckdb.DuckDBPyConnection, period: Period, gemeente: str | None = None, doelgroep: str | None = None
) -> pd.DataFrame:
    """One row per kern with activities, participants, new participants and referrals.

    With ``doelgroep`` only activities aimed at that target group (and referrals for it)
    count: the monitoring has no per-person data to count group members across activities.
    Participants (registry ``deelnemers``) come from :func:`deelname.participation`, the
    one implementation of reach that the page Deelname uses too. ``inhabitants`` (and its
    ``_year`` / ``_source``, ``for_years``, ``described``) are those of the period's years
    (``lookups.period_inhabitants``): the per-1.000 figures divide by them, on every page.
    """
    refs = queries.run(conn, "kern_overview", start=period.start, end=period.end, doelgroep=doelgroep)
    inhabitants = lookups.period_inhabitants(conn, period.start.year, period.end.year)
    registry = lookups.kernen_in(conn, gemeente).drop(columns=INHABITANTS_COLUMNS)
    kernen = registry.merge(inhabitants, on="kern_id", how="left").merge(refs, on="kern_id", how="left")
    part = deelname.participation(conn, period.start, period.end, gemeente=gemeente, doelgroep=doelgroep)
    per_activity = deelname.reach(part, ["kern_id", "activity_id"])
    per_kern = pd.DataFrame(
        {
            "activities": (per_activity > 0).groupby(level="kern_id").sum(),
            "participants": deelname.reach(part, ["kern_id"]),
            "new_participants": part.groupby("kern_id")["new_participants"].sum(),
        }
    )
    counts = per_kern.reindex(kernen["kern_id"]).fillna(0).astype("int64").reset_index(drop=True)
    frame = pd.concat([kernen.drop(columns=["referrals"]), counts, kernen["referrals"]], axis=1)
    frame["referrals"] = frame["referrals"].fillna(0).astype("int64")
    divisor = frame["inhabitants"].where(frame["inhabitants"] > 0)
    frame["participants_per_1000"] = (frame["participants"] * 1000.0 / divisor).astype("float64")
    frame["referrals_per_1000"] = (frame["referrals"] * 1000.0 / divisor).astype("float64")
    return frame


def headline(overview: pd.DataFrame) -> dict[str, int]:
    """The headline figures (indicators.HEADLINE) from a kern overview."""
    values = {
        "kernen": len(overview),
        "activiteiten": overview["activities"].sum(),
        "deelnemers": overview["participants"].sum(),
        "nieuwe_deelnemers": overview["new_participants"].sum(),
        "doorverwijzingen": overview["referrals"].sum(),
    }
    return {code: int(values[code]) for code in indicators.HEADLINE}


#: Figures of the kern overview derived from a count (the map can be coloured by them): the
#: count each is proportional to, so a protected view computes it from the rounded count.
COLOUR_BASIS = {"participants_per_1000": "participants", "referrals_per_1000": "referrals"}


def colour_values(overview: pd.DataFrame, colour_by: str, protected: bool = True) -> pd.DataFrame:
    """The figure the kernen are coloured by, as the view may show it (``value``, NaN where
    suppressed) and whether it is suppressed (``suppressed``); a rate from the rounded count."""
    basis = COLOUR_BASIS.get(colour_by, colour_by)
    if protected:
        value = privacy.derived_series(overview, colour_by, basis)
        small = privacy.basis_mask(overview, basis)
    else:
        value, small = overview[colour_by].astype("float64"), pd.Series(False, index=overview.index)
    return pd.DataFrame({"value": value.where(~small), "suppressed": small.to_numpy()}, index=overview.index)


# ------------------------------------------------------------------------------ colour classes
#: Classes of a map coloured by an indicator (one colour each, style.SEQUENTIAL has five).
CLASSES = 5


@dataclass(frozen=True)
class ColourScale:
    """The class breaks of an indicator's map colours over the whole programme.

    ``breaks`` are ``CLASSES + 1`` values ``0, step, 2·step … CLASSES·step``; ``kernen`` is the
    number of kernen of the programme they were computed over (for the legend's note).
    """

    breaks: tuple[float, ...]
    kernen: int

    @property
    def step(self) -> float:
        return self.breaks[1] - self.breaks[0]


def nice_scale(values: pd.Series, kernen: int, whole: bool = False) -> ColourScale:
    """Classes from 0 in a nice step that cover the highest of ``values`` (NaN ignored)."""
    highest = float(values.max()) if values.notna().any() else 0.0
    step = scales.nice_step(highest, CLASSES, whole=whole)
    return ColourScale(tuple(i * step for i in range(CLASSES + 1)), kernen)


def programme_scale(
    conn: duckdb.DuckDBPyConnection, period: Period, doelgroep: str | None, colour_by: str
) -> ColourScale:
    """The colour classes of ``colour_by`` over **all kernen of the programme** for the period
    and target group, whatever gemeente is selected: a kern has the same colour in every
    selection, and a 10 % difference between two kernen is never drawn as lowest against highest.

    Call it on an *unscoped* cursor (``ui.programme``): the scale must not depend on who looks
    either. Why that leaks nothing: the classes start at 0 and their step is a rounded "nice"
    number (1/2/2,5/5 × 10^k) just large enough for five classes to reach the programme's
    highest value, computed from the protected values (rates from rounded counts, 1–4 left
    out); only the breaks leave this function, never a kern's figure.
    """
    overview = kern_overview(conn, period, None, doelgroep)
    values = colour_values(overview, colour_by, protected=True)["value"]
    return nice_scale(values, len(overview), whole=not colour_by.endswith("_per_1000"))


def count_texts(overview: pd.DataFrame, protected: bool = True) -> pd.DataFrame:
    """The count columns as Dutch display strings: protected (multiples of 5, 1–4 as ``<5``)
    or, for a viewer with exact counts, exact."""
    return pd.DataFrame(
        {c: overview[c].map(lambda v: privacy.count_text(v, protected)) for c in COUNT_COLUMNS},
        index=overview.index,
    )


#: Figures of the kern overview that are not counts (the map may be coloured by them): their
#: registry indicator, for the table column that shows what the map is coloured by.
RATE_INDICATORS = {
    "participants_per_1000": "bereik_per_1000",
    "referrals_per_1000": "doorverwijzingen_per_1000",
}


def kern_table(overview: pd.DataFrame, colour_by: str | None = None) -> Table:
    """The kern overview as a table for others: counts typed, 1–4 suppressed, the link to
    the kern's profile on screen only, the inhabitants' source as a note.

    ``colour_by``: the figure the map above is coloured by; a rate that is not a column yet is
    added after the counts (computed from the rounded count in a protected view, ``<5`` where
    that count is 1–4), so the colours can be read back in the table.
    """
    frame = overview.assign(
        profile="kernprofiel?kern=" + overview["kern_id"],
        kern_type_name=overview["kern_type"].map(vocab.KERN_TYPE.get),
    )
    columns = [
        Column("name", t("col.kern")),
        Column("profile", t("col.profile"), kind="link", link_text=t("overzicht.profile_link")),
        Column("gemeente", t("col.gemeente")),
        Column("kern_type_name", t("col.kern_type")),
        lookups.inhabitants_column(),
        *(
            Column(column, t(f"col.{column}"), kind="count", indicator=code, suppress=True)
            for column, code in COUNT_INDICATORS.items()
        ),
    ]
    if colour_by in RATE_INDICATORS:
        columns.append(
            Column(colour_by, indicators.get(RATE_INDICATORS[colour_by]).name, kind="number", decimals=1,
                   indicator=RATE_INDICATORS[colour_by], suppress_by=COLOUR_BASIS[colour_by])
        )  # fmt: skip
    return tables.table(frame, columns, lookups.inhabitants_notes(overview))
