"""Kernprofiel: population, health context and estimated target-group sizes per kern.

Why one module: the profile of one kern and the comparison of all kernen must use the same
numbers, so both are computed here from the same rows — the kern's statistics as returned
by :func:`kern_statistics` (through its CBS wijk codes, with the warnings about renumbered
codes) and the reference figures of Overijssel and the Netherlands. No Streamlit here; the page
lays out what these functions return, and the table builders return typed
:class:`~sv_analytics.tables.Table` s (numbers, suppression and indicator per column).

Estimates are deliberately simple and documented in the indicator registry
(``sv_analytics/indicators/context.py``): a target group's size is the population of its age
group × the prevalence in the wijk. The 18+ population is not published per wijk; it is
approximated from the CBS age groups (see :func:`adults`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sv_analytics import fmt, indicators, lookups, privacy, queries, registry, tables, timeline, vocab
from sv_analytics.errors import UserError
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

#: The age structure and the 65+ share are shown for the first project year (or the nearest).
REFERENCE_YEAR = timeline.PROJECT.start.year
#: The classification year of the kern's wijk codes in ``kern_region`` (the registry's).
LINK_YEAR = 2017
#: The Gezondheidsmonitor of the baseline year (2016) is the programme's health baseline.
HEALTH_YEAR = timeline.BASELINE.start.year
AGE_GROUPS = ("0-14", "15-24", "25-44", "45-64", "65+")
#: Share of the 15–24-year-olds taken as 18–24: 7 of the 10 birth years, assuming an even spread.
ADULT_SHARE_OF_15_24 = 0.7
#: A kern whose wijk has at least this share of 65+ counts as ageing (vergrijsd), as in the demo.
AGEING_THRESHOLD_PCT = 25.0
HEALTH_INDICATORS = (
    "wekelijks_sporter_pct",
    "beweegrichtlijn_pct",
    "overgewicht_pct",
    "ernstig_overgewicht_pct",
    "chronisch_pct",
    "angst_depressie_risico_pct",
    "eenzaam_pct",
    "roker_pct",
    "zware_drinker_pct",
)
HEALTH_AGE_GROUPS = ("18+", "65+")
#: Target group → the 18+ prevalence it is estimated from.
PREVALENCE = {
    "chronisch": "chronisch_pct",
    "psychisch": "angst_depressie_risico_pct",
    "overgewicht": "overgewicht_pct",
}
#: Target group → indicator code of its estimate in the registry.
ESTIMATE_CODES = {group: f"geschatte_doelgroep_{group}" for group in vocab.DOELGROEP}
AREAS = ("wijk", "gemeente", "provincie", "land")
HEALTH_KEYS = ["region_level", "indicator", "age_group"]


# --------------------------------------------------------------------------- statistics of a kern
# A kern is linked to CBS wijk codes of one year (``kern_region``, 2017 in the registry), while
# sources use their own region classification: the RIVM 50090NED figures use that of 2020. The
# same code in two classifications is not always the same area — Raalte (GM0177) renumbered its
# wijken between 2017 and 2020 (2017: WK017700 Raalte-Kern, 01–06 and 08–10; 2020:
# WK017701–09), so WK017702 "Heeten" of 2017 is another area in 2020. kern_statistics returns
# every row with the classification year it was joined across and whether the join is
# reliable, and a Dutch warning for each join that is not known to be safe.
#
# What is known (checked against the CBS wijk list 2017 and the 50090NED codes of 2020, see the
# reference notes ``cbs-wijken-2017-11gem.csv``): in the other 10 programme gemeenten every 2017
# wijk code recurs in 2020. Identical codes do not prove identical boundaries, but no
# renumbering is known there. Any other pair of years is "not checked" and warned about.

#: gemeente → (from year, to year, explanation): wijk codes renumbered between those years.
RENUMBERED: dict[str, tuple[int, int, str]] = {
    "GM0177": (
        2017,
        2020,
        "Raalte (GM0177) heeft zijn wijkcodes tussen 2017 en 2020 vernummerd "
        "(2017: WK017700 Raalte-Kern, 01–06 en 08–10; 2020: WK017701–09)",
    ),
}
#: (classification year a, b) → gemeenten whose wijk codes are known to recur unchanged.
STABLE: dict[tuple[int, int], frozenset[str]] = {
    (2017, 2020): frozenset(set(registry.PROGRAMME_GEMEENTEN) - set(RENUMBERED)),
}
_CLASSIFICATION = re.compile(r"indeling (\d{4})")
SUB_LEVELS = ("wijk", "buurt")
STATISTIC_COLUMNS = ["via", "region_code", "region_level", "year", "age_group", "indicator", "value", "unit",
                     "source", "is_demo", "link_year", "classification_year", "status", "reliable"]  # fmt: skip


@dataclass
class KernStatistics:
    """The rows found for a kern and the warnings that go with them."""

    kern_id: str
    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def classification_year(source: str, year: int) -> int:
    """The region classification a source uses: named in the source ('indeling 2020'), else its year."""
    found = _CLASSIFICATION.search(source)
    return int(found.group(1)) if found else int(year)


def code_status(region_code: str, link_year: int, source_year: int) -> str:
    """'gelijk', 'stabiel', 'vernummerd' or 'onbekend' for a wijk/buurt code across two classifications."""
    if link_year == source_year:
        return "gelijk"
    gemeente = f"GM{region_code[2:6]}"
    pair = (min(link_year, source_year), max(link_year, source_year))
    renumbered = RENUMBERED.get(gemeente)
    if renumbered and pair[0] <= renumbered[0] and pair[1] >= renumbered[1]:
        return "vernummerd"
    if gemeente in STABLE.get(pair, frozenset()):
        return "stabiel"
    return "onbekend"


def kern_statistics(conn: duckdb.DuckDBPyConnection, kern_id: str, year: int | None = None) -> KernStatistics:
    """Statistics of the kern itself, its wijken/buurten (kern_region) and its gemeente.

    ``year`` filters on the statistic's year. Columns: via, region_code, region_level, year,
    age_group, indicator, value, unit, source, is_demo (the dataset's flag), link_year,
    classification_year, status, reliable. Demo data is taken to use the registry's classification.
    """
    regions = queries.run(conn, "kernprofiel_regions", kern_id=kern_id)
    if regions.empty:
        raise UserError(t("kernprofiel.unknown_kern", kern=kern_id))
    link_years: dict[str, list[int]] = {}
    linked = regions.dropna(subset=["region_code"])
    for code, link_year in zip(linked["region_code"], linked["year"], strict=True):
        link_years.setdefault(code, []).append(int(link_year))
    frame = _annotate(queries.run(conn, "kernprofiel_statistics", kern_id=kern_id, year=year), link_years)
    return KernStatistics(kern_id, frame, _warnings(frame, regions["name"].iloc[0]))


def _annotate(frame: pd.DataFrame, link_years: dict[str, list[int]]) -> pd.DataFrame:
    """Each row with the classification it was joined across and whether that join is reliable."""
    frame = frame.copy()
    frame["via"] = frame["region_level"]
    cls_years, link_col, statuses = [], [], []
    for row in frame.itertuples(index=False):
        source_year = classification_year(row.source, row.year)
        if row.region_level not in SUB_LEVELS:
            cls_years.append(source_year)
            link_col.append(None)
            statuses.append("gelijk")
            continue
        candidates = link_years.get(row.region_code, [source_year])
        link_year = min(candidates, key=lambda y: (abs(y - source_year), -y))
        source_year = link_year if row.is_demo else source_year
        cls_years.append(source_year)
        link_col.append(link_year)
        statuses.append(code_status(row.region_code, link_year, source_year))
    frame["is_demo"] = frame["is_demo"].astype(bool)
    frame["link_year"] = pd.array(link_col, dtype="Int64")
    frame["classification_year"] = pd.array(cls_years, dtype="Int64")
    frame["status"] = statuses
    frame["reliable"] = frame["status"].isin(["gelijk", "stabiel"])
    return frame[STATISTIC_COLUMNS]


def _warnings(frame: pd.DataFrame, kern_name: str) -> list[str]:
    """One Dutch warning per (code, source, classification) joined across an unsafe change."""
    warnings = []
    risky = frame[frame["status"].isin(["vernummerd", "onbekend"])]
    groups = risky.groupby(["region_code", "source", "link_year", "classification_year", "status"], sort=True)
    for (code, source, link_year, source_year, status), _rows in groups:
        head = t("kernprofiel.warning.joined", kern=kern_name, code=code, link_year=link_year, source=source,
                 source_year=source_year)  # fmt: skip
        if status == "vernummerd":
            reason = RENUMBERED[f"GM{code[2:6]}"][2]
            tail = t("kernprofiel.warning.renumbered", reason=reason, code=code, source_year=source_year)
        else:
            tail = t("kernprofiel.warning.unchecked")
        warnings.append(head + tail)
    return warnings


# --------------------------------------------------------------------------- rows
def kernen(
    conn: duckdb.DuckDBPyConnection, gemeente: str | None = None, kern_id: str | None = None
) -> pd.DataFrame:
    """Kernen with registry inhabitants, wijk codes, kernen sharing the wijk and chosen groups: the
    registry's rows (:func:`lookups.kernen_in`) with the query ``kernprofiel_kernen``'s figures."""
    links = queries.run(conn, "kernprofiel_kernen", link_year=LINK_YEAR)
    frame = lookups.kernen_in(conn, gemeente, kern_id).merge(links, on="kern_id", how="left")
    for column in ("wijk_codes", "shared_with", "chosen"):
        frame[column] = frame[column].map(lambda v: tuple(v) if v is not None else ())
    return frame


def preferred(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per region, year, age group and indicator: a real source before a demo one
    (the dataset's ``is_demo`` flag, as :func:`kern_statistics` and the reference query give it)."""
    if frame.empty:
        return frame
    ordered = frame.sort_values(["is_demo", "source"], kind="stable")
    keys = ["region_code", "region_level", "year", "age_group", "indicator"]
    return ordered.drop_duplicates(keys).reset_index(drop=True)


def reference_figures(conn: duckdb.DuckDBPyConnection, gemeente: str | None = None) -> pd.DataFrame:
    """The percentages of Overijssel, the Netherlands and (when given) one gemeente that a kern's
    or a gemeente's figures are set beside (query ``kernprofiel_reference_health``, a real source
    before a demo one): the one reference for the health table and the sport yardsticks."""
    return preferred(queries.run(conn, "kernprofiel_reference_health", gemeente=gemeente))


def nearest_year(years: pd.Series, target: int) -> int | None:
    """The year closest to ``target`` (the later one on a tie), or None."""
    values = sorted({int(y) for y in years.dropna()})
    if not values:
        return None
    return min(values, key=lambda y: (abs(y - target), -y))


# --------------------------------------------------------------------------- population
@dataclass(frozen=True)
class Population:
    """Inhabitants of the area the kern's figures come from (its wijk, else its gemeente)."""

    level: str = ""  # wijk | gemeente | "" (no figures)
    area: str = ""  # wijk code(s) or gemeente name
    year: int | None = None
    by_age: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)
    growth_pct: float | None = None
    growth_years: tuple[int, int] | None = None
    source: str = ""

    def share(self, age_group: str) -> float | None:
        """Share of an age group in % of all inhabitants of the area."""
        count = self.by_age.get(age_group)
        if count is None or not self.total:
            return None
        return 100 * count / self.total

    @property
    def adults(self) -> float | None:
        return adults(self.by_age)


def adults(by_age: dict[str, float]) -> float | None:
    """Approximate 18+ population: 25–44 + 45–64 + 65+ + 0,7 × 15–24.

    CBS publishes 15–24 as one group per wijk; 18–24 are 7 of its 10 birth years, so an even
    spread over the years is assumed (villages that lose students overestimate slightly: at most
    0,1 × the 15–24 group).
    """
    if any(by_age.get(age) is None for age in AGE_GROUPS[1:]):
        return None
    return ADULT_SHARE_OF_15_24 * by_age["15-24"] + sum(by_age[a] for a in AGE_GROUPS[2:])


def growth_per_year(trend: pd.DataFrame) -> tuple[float | None, tuple[int, int] | None]:
    """Average change of all inhabitants in % per year (compound) between the first and last year."""
    totals = trend[trend["age_group"] == "totaal"].dropna(subset=["value"]).sort_values("year")
    if len(totals) < 2:
        return None, None
    first, last = totals.iloc[0], totals.iloc[-1]
    years = int(last["year"]) - int(first["year"])
    if first["value"] <= 0 or years <= 0:
        return None, None
    rate = ((last["value"] / first["value"]) ** (1 / years) - 1) * 100
    return rate, (int(first["year"]), int(last["year"]))


def population(stats: pd.DataFrame, kern: pd.Series) -> Population:
    """The kern's wijk population (summed over its wijk codes); the gemeente's when no wijk figures exist."""
    rows = stats[(stats["indicator"] == "inwoners") & stats["age_group"].isin(("totaal", *AGE_GROUPS))]
    for level in ("wijk", "gemeente"):
        part = rows[(rows["region_level"] == level) & rows["value"].notna()]
        if (part["age_group"] == "totaal").any():
            break
    else:
        return Population()
    trend = part.groupby(["year", "age_group"], as_index=False)["value"].sum()
    year = nearest_year(trend.loc[trend["age_group"] == "totaal", "year"], REFERENCE_YEAR)
    current = trend[trend["year"] == year].set_index("age_group")["value"]
    growth, years = growth_per_year(trend)
    area = ", ".join(kern["wijk_codes"]) if level == "wijk" else kern["gemeente"]
    return Population(
        level=level,
        area=area,
        year=year,
        by_age={age: float(current[age]) for age in AGE_GROUPS if age in current},
        total=float(current["totaal"]),
        trend=trend,
        growth_pct=growth,
        growth_years=years,
        source="; ".join(sorted(part["source"].unique())),
    )


def population_note(pop: Population) -> str:
    """Where the age structure comes from: the area, its year and the source (caption and export note)."""
    return t(f"kernprofiel.population_note_{pop.level}", area=pop.area, year=pop.year, source=pop.source)


def age_table(pop: Population) -> Table:
    """Age structure of the area: group, inhabitants (count), share (percent); the area, year and
    source as the export's note. Inhabitants of a whole wijk are not small counts: not suppressed."""
    frame = pd.DataFrame(
        {
            "age_group": [vocab.STAT_AGE_GROUP[a] for a in pop.by_age],
            "inhabitants": list(pop.by_age.values()),
            "share": [pop.share(a) for a in pop.by_age],
        },
        columns=["age_group", "inhabitants", "share"],
    )
    columns = [
        Column("age_group", t("kernprofiel.col.age_group")),
        Column(
            "inhabitants", t("kernprofiel.col.inhabitants"), kind="count", indicator="inwoners_leeftijdsgroep"
        ),
        Column(
            "share",
            t("kernprofiel.col.share"),
            kind="percent",
            decimals=1,
            indicator="aandeel_leeftijdsgroep",
        ),
    ]
    return tables.table(
        frame, columns, [population_note(pop)] if pop.level else [], indicators=["aandeel_65plus"]
    )


def trend_frame(pop: Population) -> pd.DataFrame:
    """Inhabitants per year and age group (the chart of krimp/groei and ageing)."""
    if pop.trend.empty:
        return pd.DataFrame(columns=["year", "age_group", "label", "value"])
    frame = pop.trend[pop.trend["age_group"].isin(AGE_GROUPS)].copy()
    frame["label"] = frame["age_group"].map(vocab.STAT_AGE_GROUP.get)
    frame["order"] = frame["age_group"].map(AGE_GROUPS.index)
    return frame.sort_values(["year", "order"]).reset_index(drop=True)


# --------------------------------------------------------------------------- health
AREA_FIGURE_COLUMNS = [*HEALTH_KEYS, "region_code", "value", "year", "source", "reliable", "is_demo"]


def area_figures(
    stats: pd.DataFrame, reference: pd.DataFrame, codes: tuple[str, ...], age_groups: tuple[str, ...]
) -> pd.DataFrame:
    """Percentages of the wijk, gemeente, Overijssel and the Netherlands (one year each) for
    ``codes`` × ``age_groups``: the rows of :func:`kern_statistics` (after :func:`preferred`) and
    of the query ``kernprofiel_reference_health``. Shared by the health table and the sport
    yardsticks (``sv_analytics.yardsticks``), so both pick years and wijken the same way.

    Per area, indicator and age group a real figure is kept before a demo one, then the year
    nearest to the 2016 baseline; a kern with more than one wijk gets the mean of its wijken
    (unweighted). ``reliable`` is false where a wijk code was joined across a renumbering (see
    kern_statistics); ``is_demo`` is true when a figure comes from the demo generator.
    """
    wanted = pd.concat([stats, reference.assign(reliable=True)], ignore_index=True)
    wanted = wanted[
        wanted["indicator"].isin(codes)
        & wanted["age_group"].isin(age_groups)
        & wanted["region_level"].isin(AREAS)
        & wanted["value"].notna()
    ]
    if wanted.empty:
        return pd.DataFrame(columns=AREA_FIGURE_COLUMNS)
    wanted = wanted.assign(
        distance=(wanted["year"] - HEALTH_YEAR).abs(),
        later=-wanted["year"],
        is_demo=wanted["is_demo"].fillna(False).astype(bool) if "is_demo" in wanted else False,
    )
    # a real figure before a fictional one, then the year nearest to the baseline
    order = ["is_demo", "distance", "later"]
    best = wanted.sort_values(order).groupby(HEALTH_KEYS, as_index=False).head(1)
    chosen = wanted.merge(best[[*HEALTH_KEYS, "year", "is_demo"]], on=[*HEALTH_KEYS, "year", "is_demo"])
    grouped = chosen.groupby(HEALTH_KEYS, as_index=False).agg(
        region_code=("region_code", lambda s: ", ".join(sorted(set(s)))),
        value=("value", "mean"),
        year=("year", "first"),
        source=("source", lambda s: "; ".join(sorted(set(s)))),
        reliable=("reliable", "all"),
        is_demo=("is_demo", "any"),
    )
    return grouped[AREA_FIGURE_COLUMNS]


def health(stats: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Health indicators of the wijk, gemeente, Overijssel and the Netherlands (see area_figures)."""
    return area_figures(stats, reference, HEALTH_INDICATORS, HEALTH_AGE_GROUPS)


def health_table(frame: pd.DataFrame, area_names: dict[str, str]) -> Table:
    """Health indicators: one row per indicator and age group, one percent column per area (the
    area's figure, ``–`` where it has none), the year(s) and the source(s) of the row. The rows
    are indicators, so no column names one."""
    present = [a for a in AREAS if a in set(frame.get("region_level", ()))]
    rows = []
    groups = frame.groupby(["indicator", "age_group"], sort=False) if not frame.empty else []
    for (code, age), part in groups:
        by_area = part.set_index("region_level")["value"]
        row = {"indicator": indicators.get(code).name, "age": vocab.STAT_AGE_GROUP[age]}
        row |= {f"area_{area}": by_area.get(area) for area in present}
        row["year"] = ", ".join(str(int(y)) for y in sorted(set(part["year"])))
        row["source"] = "; ".join(sorted(set(part["source"])))
        rows.append((HEALTH_INDICATORS.index(code), HEALTH_AGE_GROUPS.index(age), row))
    keys = ["indicator", "age", *(f"area_{a}" for a in present), "year", "source"]
    table_frame = pd.DataFrame([r for *_, r in sorted(rows, key=lambda r: r[:2])], columns=keys)
    columns = [
        Column("indicator", t("kernprofiel.col.indicator")),
        Column("age", t("kernprofiel.col.age")),
        *(Column(f"area_{a}", area_names[a], kind="percent", decimals=1) for a in present),
        Column("year", t("kernprofiel.col.year")),  # one year or a list ('2016, 2017'): text
        Column("source", t("kernprofiel.col.source")),
    ]
    return tables.table(table_frame, columns, indicators=HEALTH_INDICATORS)  # one indicator a row


# --------------------------------------------------------------------------- target groups
def round_estimate(value: float | None) -> int | None:
    """Estimates are rounded to tens (half up): they are estimates, not counts."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(math.floor(value / 10 + 0.5) * 10)


def prevalence(frame: pd.DataFrame, indicator: str) -> pd.Series | None:
    """The 18+ prevalence row for an estimate: the wijk's when reliable, else the gemeente's."""
    rows = frame[(frame["indicator"] == indicator) & (frame["age_group"] == "18+")]
    for level in ("wijk", "gemeente"):
        found = rows[(rows["region_level"] == level) & rows["reliable"]]
        if not found.empty:
            return found.iloc[0]
    return None


def status_holders(stats: pd.DataFrame) -> pd.Series | None:
    """The latest number of status holders the gemeente gave for the kern, or None (unknown)."""
    rows = stats[
        (stats["region_level"] == "kern") & (stats["indicator"] == "statushouders") & stats["value"].notna()
    ]
    return None if rows.empty else rows.sort_values("year").iloc[-1]


def estimates(
    kern: pd.Series, pop: Population, health_rows: pd.DataFrame, stats: pd.DataFrame
) -> pd.DataFrame:
    """Estimated size of every target group, for the whole wijk and for the kern.

    ``share_pct`` is the group's estimated share of the area's inhabitants; the kern's estimate
    applies that share to the kern's registry inhabitants (the wijk may hold more than the kern).
    Status holders are the gemeente's number for the kern itself, or unknown.
    """
    inhabitants = None if pd.isna(kern["inhabitants"]) else float(kern["inhabitants"])
    rows = []
    for group in vocab.DOELGROEP:
        row = {"doelgroep": group, "chosen": group in kern["chosen"], "prevalence": None, "area_estimate": None,
               "share_pct": None, "kern_estimate": None, "suppressed": False, "source": "", "year": None}  # fmt: skip
        if group == "senioren" and pop.by_age.get("65+") is not None:
            row |= {"area_estimate": pop.by_age["65+"], "share_pct": pop.share("65+"),
                    "source": pop.source, "year": pop.year}  # fmt: skip
        elif group in PREVALENCE and pop.adults is not None and pop.total:
            found = prevalence(health_rows, PREVALENCE[group])
            if found is not None:
                size = pop.adults * found["value"] / 100
                row |= {"prevalence": found["value"], "area_estimate": size, "share_pct": 100 * size / pop.total,
                        "source": f"{found['source']} ({found['region_level']}); {pop.source}",
                        "year": int(found["year"])}  # fmt: skip
        elif group == "statushouders" and (holders := status_holders(stats)) is not None:
            # a count of people: the tables protect it and the share derived from it
            # (privacy.protect_derived); ``suppressed`` says that a protected view hides both
            small = privacy.is_small(holders["value"])
            share = 100 * holders["value"] / inhabitants if inhabitants else None
            row |= {"kern_estimate": int(holders["value"]), "share_pct": share, "suppressed": small,
                    "source": holders["source"], "year": int(holders["year"])}  # fmt: skip
        if group != "statushouders" and row["share_pct"] is not None and inhabitants is not None:
            row["kern_estimate"] = round_estimate(inhabitants * row["share_pct"] / 100)
            row["area_estimate"] = round_estimate(row["area_estimate"])
        rows.append(row)
    return pd.DataFrame(rows)


def _year_text(year: object) -> str | None:
    """A year as a label ('2016'), not a number to format ('2.016'); None when unknown."""
    return None if year is None or pd.isna(year) else str(int(year))


def estimate_table(frame: pd.DataFrame, pop: Population) -> Table:
    """Target-group estimates: counts of 1–4 shown as ``<5``, and the share derived from such a
    count hidden with it (status holders: the gemeente's number for the kern itself)."""
    shown = pd.DataFrame(
        {
            "doelgroep": frame["doelgroep"].map(vocab.DOELGROEP.get),
            "chosen": frame["chosen"].map({True: t("kernprofiel.yes"), False: ""}),
            "kern_estimate": frame["kern_estimate"],
            "share_pct": frame["share_pct"],
            "prevalence": frame["prevalence"],
            "area_estimate": frame["area_estimate"],
            "method": frame["doelgroep"].map(lambda g: t(f"kernprofiel.method.{g}")),
            "source": frame["source"].replace("", None),
            "year": frame["year"].map(_year_text),
        }
    )
    columns = [
        Column("doelgroep", t("kernprofiel.col.doelgroep")),
        Column("chosen", t("kernprofiel.col.chosen")),
        Column("kern_estimate", t("kernprofiel.col.kern_estimate"), kind="count", suppress=True,
               missing=t("common.unknown")),
        Column("share_pct", t("kernprofiel.col.share_estimate"), kind="percent", decimals=1,
               indicator="aandeel_doelgroep_pct", suppress_by="kern_estimate"),
        Column("prevalence", t("kernprofiel.col.prevalence"), kind="percent", decimals=1),
        Column("area_estimate", t(f"kernprofiel.col.area_estimate_{pop.level or 'wijk'}", area=pop.area or "–"),
               kind="count", suppress=True),
        Column("method", t("kernprofiel.col.method")),
        Column("source", t("kernprofiel.col.source")),
        Column("year", t("kernprofiel.col.year")),
    ]  # fmt: skip
    estimated = [code for code in indicators.REGISTRY if code.startswith("geschatte_doelgroep_")]
    return tables.table(shown, columns, indicators=[*estimated, "inwoners_18plus_schatting"])


def facilities(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """The kern's accommodations for sport and movement, with Dutch type labels."""
    frame = queries.run(conn, "kernprofiel_facilities", kern_id=kern_id)
    return pd.DataFrame(
        {
            t("kernprofiel.col.facility_type"): frame["facility_type"].map(
                lambda c: vocab.FACILITY_TYPE.get(c, c)
            ),
            t("kernprofiel.col.facility"): frame["name"],
        }
    )


# --------------------------------------------------------------------------- one kern
@dataclass(frozen=True)
class KernProfile:
    """Everything the page shows about one kern."""

    kern: dict
    population: Population
    health: pd.DataFrame
    estimates: pd.DataFrame
    warnings: tuple[str, ...]
    #: CBS wijk code → name (:func:`lookups.wijk_names`), for the labels of the kern's wijk
    wijk_names: dict[str, str] = field(default_factory=dict)

    @property
    def share_65(self) -> float | None:
        return self.population.share("65+")

    @property
    def ageing(self) -> bool:
        return self.share_65 is not None and self.share_65 >= AGEING_THRESHOLD_PCT


def _profile(conn: duckdb.DuckDBPyConnection, kern: pd.Series, reference: pd.DataFrame) -> KernProfile:
    found = kern_statistics(conn, kern["kern_id"])
    stats = preferred(found.frame)
    pop = population(stats, kern)
    health_rows = health(stats, reference)
    return KernProfile(
        kern.to_dict(),
        pop,
        health_rows,
        estimates(kern, pop, health_rows, stats),
        tuple(found.warnings),
        lookups.wijk_names(conn, LINK_YEAR),
    )


def kern_profile(conn: duckdb.DuckDBPyConnection, kern_id: str) -> KernProfile | None:
    """The profile of one kern, or None when the kern is not in the registry."""
    rows = kernen(conn, kern_id=kern_id)
    if rows.empty:
        return None
    reference = reference_figures(conn)
    return _profile(conn, rows.iloc[0], reference)


def area_names(profile: KernProfile) -> dict[str, str]:
    """Column titles of the areas in the health table."""
    wijk = profile.health.loc[profile.health["region_level"] == "wijk", "region_code"]
    return {
        "wijk": wijk_label(wijk.iloc[0] if not wijk.empty else "", profile.wijk_names),
        "gemeente": t("kernprofiel.area.gemeente", name=profile.kern["gemeente"]),
        "provincie": t("kernprofiel.area.provincie"),
        "land": t("kernprofiel.area.land"),
    }


def wijk_label(code: str, names: dict[str, str]) -> str:
    """How a wijk is named in legends and column titles: by its CBS name where one was imported
    ("Wijk 15 Bathmen" as CBS writes it, "Wijk Slagharen" for a name without the word), by its
    code otherwise ("Wijk WK015015"): an official recognises the name, not the code."""
    name = names.get(code, "")
    if not name:
        return t("kernprofiel.area.wijk", code=code)
    if name.casefold().startswith(t("kernprofiel.area.wijk_word").casefold() + " "):
        return name
    return t("kernprofiel.area.wijk_named", name=name)


def health_chart_frame(profile: KernProfile, age_group: str) -> pd.DataFrame:
    """The health rows of one age group with Dutch labels, for the dot chart."""
    names = area_names(profile)
    frame = profile.health[profile.health["age_group"] == age_group].copy()
    frame["indicator_name"] = frame["indicator"].map(lambda c: indicators.get(c).name)
    frame["area"] = frame["region_level"].map(names)
    frame["area_order"] = frame["region_level"].map(AREAS.index)
    frame["indicator_order"] = frame["indicator"].map(HEALTH_INDICATORS.index)
    frame["value_txt"] = frame["value"].map(fmt.percent)
    return frame.sort_values(["area_order", "indicator"]).reset_index(drop=True)


# --------------------------------------------------------------------------- all kernen
def kern_comparison(
    conn: duckdb.DuckDBPyConnection, gemeente: str | None = None, protected: bool = False
) -> pd.DataFrame:
    """Every kern × target group: estimated share of the inhabitants, plus 65+ share and growth.

    Sorted with the oldest kernen first, so that the ageing ones stand at the top of the heat map.
    ``protected`` (for the heat map of a protected view): the status holders' share (the one share
    that comes from a count of people, the gemeente's) is computed from the rounded count, hidden
    (``<5``) for 1–4, and so is its deviation from the mean; the modelled estimates are multiples of
    10 and unchanged. :func:`comparison_table` takes the exact frame: the table protects its cells
    itself (protecting twice would scale the share twice).

    The heat map's colour is the same whatever the gemeente filter (issue 14): ``deviation`` is
    the difference from the mean of *all* kernen the viewer may see (the programme's 22 for scope
    *all*; a scope's own kernen otherwise, so no other gemeente's figures are read) of the values
    this view shows (protected or exact), and ``deviation_limit`` (±, the colour domain) is the
    largest such difference of all those kernen; ``mean_of`` is how many kernen the mean is of.
    Only then are the rows cut to ``gemeente``.
    """
    return of_gemeente(_all_comparison(conn, protected), gemeente)


def of_gemeente(comparison: pd.DataFrame, gemeente: str | None) -> pd.DataFrame:
    """The rows of :func:`kern_comparison` (of all kernen) in ``gemeente`` (None: all), with the
    deviations and the colour domain of all kernen kept. A page computes the comparison of all
    kernen once (cached) and cuts it per gemeente here, instead of computing it per filter."""
    if comparison.empty or gemeente is None:
        return comparison
    return comparison[comparison["gemeente_code"] == gemeente].reset_index(drop=True)


def _all_comparison(conn: duckdb.DuckDBPyConnection, protected: bool) -> pd.DataFrame:
    """:func:`kern_comparison` of every kern the cursor sees, deviations from their mean."""
    rows = []
    for _, kern in kernen(conn).iterrows():
        profile = _profile(conn, kern, pd.DataFrame(columns=["region_level"]))
        label = kern["name"] + (t("kernprofiel.ageing_suffix") if profile.ageing else "")
        for est in profile.estimates.itertuples(index=False):
            rows.append(
                {
                    "kern_id": kern["kern_id"],
                    "kern": kern["name"],
                    "kern_label": label,
                    "gemeente": kern["gemeente"],
                    "gemeente_code": kern["gemeente_code"],
                    "kern_type": kern["kern_type"],
                    "doelgroep": est.doelgroep,
                    "doelgroep_label": vocab.DOELGROEP[est.doelgroep],
                    "share_pct": est.share_pct,
                    "kern_estimate": est.kern_estimate,
                    "suppressed": est.suppressed,
                    "chosen": est.chosen,
                    "share_65": profile.share_65,
                    "ageing": profile.ageing,
                    "growth_pct": profile.population.growth_pct,
                }
            )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame["share_pct"] = frame["share_pct"].astype(float)
    counted = frame["doelgroep"] == "statushouders"
    if protected:
        shown = privacy.derived_series(
            frame.assign(_n=frame["kern_estimate"].where(counted)), "share_pct", "_n"
        )
        frame["share_pct"] = shown.where(~(counted & frame["suppressed"]))
    else:
        frame["suppressed"] = False
    mean = frame.groupby("doelgroep")["share_pct"].transform("mean")
    frame["deviation"] = frame["share_pct"] - mean
    frame["deviation_limit"] = deviation_limit(frame["deviation"])
    frame["mean_of"] = frame["kern_id"].nunique()
    frame["value_txt"] = [
        privacy.SUPPRESSED if small else fmt.number(v, 1, missing=t("kernprofiel.unknown_short"))
        for v, small in zip(frame["share_pct"], frame["suppressed"], strict=True)
    ]
    frame["group"] = [growth_group(a, k) for a, k in zip(frame["ageing"], frame["kern_type"], strict=True)]
    return frame.sort_values(["share_65", "kern"], ascending=[False, True], na_position="last").reset_index(
        drop=True
    )


#: The smallest colour domain of the heat map (± percentage points): with (nearly) equal kernen a
#: domain of ±0 would colour a difference of 0,01 as the extreme.
MIN_DEVIATION_LIMIT = 0.1


def deviation_limit(deviation: pd.Series) -> float:
    """± the colour domain of the heat map: the largest difference from the mean over every kern
    (never less than :data:`MIN_DEVIATION_LIMIT`), so that a colour means the same for any filter."""
    largest = deviation.abs().max()
    return max(float(largest) if pd.notna(largest) else 0.0, MIN_DEVIATION_LIMIT)


def growth_group(ageing: bool, kern_type: str) -> str:
    """The three kinds of kern the krimp/groei chart contrasts."""
    if ageing:
        return t("kernprofiel.group.ageing")
    return t("kernprofiel.group.city") if kern_type == "wijk" else t("kernprofiel.group.other")


def share_65_column(key: str = "share_65", missing: str = tables.MISSING) -> Column:
    """The Kernprofiel's 65+ share (registry ``aandeel_65plus``) as a table column: one figure, one
    header and one format on every page that shows it (``missing``: what an unknown share says)."""
    label = t("kernprofiel.col.share_65")
    return Column(key, label, kind="percent", decimals=1, indicator="aandeel_65plus", missing=missing)


def comparison_table(frame: pd.DataFrame) -> Table:
    """The heat map as a table: one row per kern, per target group its estimated share (%) and
    whether the kern chose it. A share derived from a count of 1–4 (status holders) is hidden as
    ``<5`` with that count, which stays in the frame but is not shown."""
    kern_rows = (
        frame.drop_duplicates("kern_id")
        if not frame.empty
        else pd.DataFrame(columns=["kern_id", "kern", "gemeente", "share_65", "growth_pct"])
    )
    table = pd.DataFrame(
        {
            "kern": kern_rows["kern"].to_numpy(),
            "gemeente": kern_rows["gemeente"].to_numpy(),
            "share_65": kern_rows["share_65"].to_numpy(dtype=float),
            "growth_pct": kern_rows["growth_pct"].to_numpy(dtype=float),
        }
    )
    columns = [
        *lookups.kern_columns("kern"),
        share_65_column(),
        Column("growth_pct", t("kernprofiel.col.growth"), kind="percent", decimals=2,
               indicator="bevolkingsgroei_pct"),
    ]  # fmt: skip
    for group, label in vocab.DOELGROEP.items():
        values = frame[frame["doelgroep"] == group].set_index("kern_id").reindex(kern_rows["kern_id"])
        table[f"share_{group}"] = values["share_pct"].to_numpy(dtype=float)
        table[f"count_{group}"] = values["kern_estimate"].to_numpy(dtype=float)
        table[f"chosen_{group}"] = values["chosen"].map({True: t("kernprofiel.yes"), False: ""}).to_numpy()
        columns += [
            Column(f"share_{group}", t("kernprofiel.col.group_share", group=label), kind="percent", decimals=1,
                   indicator="aandeel_doelgroep_pct", suppress_by=f"count_{group}"),
            Column(f"chosen_{group}", t("kernprofiel.col.group_chosen", group=label)),
        ]  # fmt: skip
    return tables.table(table, columns)


def all_profiles(conn: duckdb.DuckDBPyConnection) -> dict[str, KernProfile]:
    """Every kern's profile, each computed once: pages that compare kernen need several figures
    of all of them (65+ share, growth, sporters, target-group sizes), and a profile costs ~50 ms."""
    reference = reference_figures(conn)
    return {kern["kern_id"]: _profile(conn, kern, reference) for _, kern in kernen(conn).iterrows()}


def senior_shares(
    conn: duckdb.DuckDBPyConnection, profiles: dict[str, KernProfile] | None = None
) -> pd.DataFrame:
    """Every kern's 65+ share with the level, year and source it comes from — the figure of
    the Kernprofiel, for pages that compare kernen (``profiles``: :func:`all_profiles`, if at hand)."""
    rows = []
    for _, kern in kernen(conn).iterrows():
        if profiles is not None:
            pop = profiles[kern["kern_id"]].population
        else:
            pop = _profile(conn, kern, pd.DataFrame(columns=["region_level"])).population
        rows.append({"kern_id": kern["kern_id"], "share_65": pop.share("65+"), "share_level": pop.level or None,
                     "share_year": pop.year, "share_source": pop.source or None})  # fmt: skip
    return pd.DataFrame(rows, columns=["kern_id", "share_65", "share_level", "share_year", "share_source"])
