"""Sport yardsticks: a kern's wijk (or a gemeente) beside its gemeente, Overijssel and Nederland.

Why: participation can otherwise be compared only with other kernen. Gemeenten judge their sport
policy by public figures with a fixed definition — the BBV indicator *niet-wekelijkse sporters*
(waarstaatjegemeente.nl), the Beweegrichtlijnen 2017 (RIVM method), the share of inhabitants
that is a sport club member (NOC*NSF) and the weekly sporters of the Gezondheidsmonitor — and
these set a kern's programme beside the gemeente, the province and the country.

The figures are read exactly as the Kernprofiel's health figures are (``kernprofiel.area_figures``:
the kern's wijken through ``kern_statistics``, a real source before a demo one, the year nearest
to the 2016 baseline), so one figure has one value on every page. Where no BBV figure of the
niet-wekelijkse sporters exists, 100 − the weekly sporters (RIVM 50090NED, 18+) is shown as a
derived figure, in a row of its own that says so. No Streamlit here.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sv_analytics import indicators, kernprofiel, lookups, tables, vocab
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

#: The participation yardsticks, in the order they are shown (registry codes, unit %).
CODES = (
    "wekelijks_sporter_pct",
    "niet_wekelijks_sporter_pct",
    "beweegrichtlijn_pct",
    "sportvereniging_lid_pct",
)
#: Age groups per yardstick, most wanted first: the Gezondheidsmonitor's 18+ (50090NED) and the
#: BBV's 19+ (waarstaatjegemeente.nl); memberships are per inhabitant of any age.
AGE_PREFERENCE = {
    "wekelijks_sporter_pct": ("18+", "19+"),
    "niet_wekelijks_sporter_pct": ("19+", "18+"),
    "beweegrichtlijn_pct": ("18+", "19+"),
    "sportvereniging_lid_pct": ("totaal",),
}
AGE_GROUPS = tuple(dict.fromkeys(a for ages in AGE_PREFERENCE.values() for a in ages))
#: A yardstick that can be derived from another as 100 − that one.
COMPLEMENT_OF = {"niet_wekelijks_sporter_pct": "wekelijks_sporter_pct"}
COLUMNS = ["indicator", "age_group", "area", "area_name", "region_code", "value", "year", "source",
           "is_demo", "derived"]  # fmt: skip


def kern_yardsticks(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """The yardsticks of the kern's wijk beside its gemeente, Overijssel and Nederland (COLUMNS).

    A wijk figure joined across a renumbered wijk code (``reliable`` false) is left out: the
    gemeente's figure stands in for it, as in the target-group estimates. An unknown kern: empty.
    """
    rows = kernprofiel.kernen(conn, kern_id=kern_id)
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    kern = rows.iloc[0]
    stats = kernprofiel.preferred(kernprofiel.kern_statistics(conn, kern_id).frame)
    reference = kernprofiel.reference_figures(conn)
    figures = kernprofiel.area_figures(stats, reference, CODES, AGE_GROUPS)
    figures = figures[figures["reliable"].astype(bool)]
    return _yardsticks(figures, kern["gemeente"], lookups.wijk_names(conn, kernprofiel.LINK_YEAR))


def gemeente_yardsticks(conn: duckdb.DuckDBPyConnection, gemeente: str | None = None) -> pd.DataFrame:
    """The yardsticks of a gemeente (code, e.g. GM0150) beside Overijssel and Nederland; with
    ``gemeente`` None only Overijssel and Nederland (COLUMNS)."""
    found = kernprofiel.reference_figures(conn, gemeente)
    names = lookups.gemeenten(conn).set_index("gemeente_code")["name"]
    empty = pd.DataFrame(columns=[*found.columns, "reliable"])
    figures = kernprofiel.area_figures(empty, found, CODES, AGE_GROUPS)
    return _yardsticks(figures, str(names.get(gemeente, "")) if gemeente else "")


def _yardsticks(
    figures: pd.DataFrame, gemeente_name: str, wijk_names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Per yardstick the age group most areas have (ties: AGE_PREFERENCE), plus a derived row
    where the published one is missing for an area that the derivation covers (``wijk_names``:
    :func:`lookups.wijk_names`, so the wijk's column is titled by its name where one is known)."""
    if figures.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.concat([figures.assign(derived=False), _derived(figures)], ignore_index=True)
    chosen = [_chosen(frame[frame["indicator"] == code], code) for code in CODES]
    frame = (
        pd.concat([c for c in chosen if not c.empty], ignore_index=True)
        if any(not c.empty for c in chosen)
        else pd.DataFrame(columns=[*figures.columns, "derived"])
    )
    frame["area"] = frame["region_level"]
    frame["area_name"] = [
        _area_name(a, c, gemeente_name, wijk_names or {})
        for a, c in zip(frame["area"], frame["region_code"], strict=True)
    ]
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    frame["is_demo"] = frame["is_demo"].astype(bool)
    frame["derived"] = frame["derived"].astype(bool)
    order = (
        frame["indicator"].map(CODES.index),
        frame["derived"],
        frame["area"].map(kernprofiel.AREAS.index),
    )
    frame = frame.assign(_i=order[0], _d=order[1], _a=order[2]).sort_values(["_i", "_d", "_a"], kind="stable")
    return frame[COLUMNS].reset_index(drop=True)


def _derived(figures: pd.DataFrame) -> pd.DataFrame:
    """100 − the complement's figure, per area and age group, with a source that says so."""
    parts = []
    for code, base in COMPLEMENT_OF.items():
        rows = figures[figures["indicator"] == base].copy()
        if rows.empty:
            continue
        rows["indicator"] = code
        rows["value"] = 100 - rows["value"]
        rows["source"] = rows["source"].map(lambda s: t("yardsticks.derived_source", source=s))
        parts.append(rows.assign(derived=True))
    return (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*figures.columns, "derived"])
    )


def _chosen(rows: pd.DataFrame, code: str) -> pd.DataFrame:
    """The published rows of the best-covered age group; the derived rows only when they reach
    an area the published ones do not."""
    published, derived = rows[~rows["derived"]], rows[rows["derived"]]
    best = _best_age(published, code)
    shown = published[published["age_group"] == best] if best else published.iloc[0:0]
    extra_age = _best_age(derived, code)
    extra = derived[derived["age_group"] == extra_age] if extra_age else derived.iloc[0:0]
    if not extra.empty and set(extra["region_level"]) <= set(shown["region_level"]):
        extra = extra.iloc[0:0]
    return pd.concat([shown, extra], ignore_index=True)


def _best_age(rows: pd.DataFrame, code: str) -> str | None:
    preference = AGE_PREFERENCE[code]
    ages = [a for a in preference if (rows["age_group"] == a).any()]
    if not ages:
        return None
    return max(ages, key=lambda a: ((rows["age_group"] == a).sum(), -preference.index(a)))


def _area_name(area: str, code: str, gemeente_name: str, wijk_names: dict[str, str]) -> str:
    """The column title of an area, as the Kernprofiel's health table names it."""
    if area == "wijk":
        return kernprofiel.wijk_label(code, wijk_names)
    if area == "gemeente":
        return t("kernprofiel.area.gemeente", name=gemeente_name or code)
    return t(f"kernprofiel.area.{area}")


def name_of(code: str, derived: bool) -> str:
    """The yardstick's name from the registry; a derived figure says so."""
    name = indicators.get(code).name
    return t("yardsticks.derived_name", name=name.removesuffix(" (BBV)")) if derived else name


def yardstick_table(frame: pd.DataFrame) -> Table:
    """One row per yardstick (and age group), one percent column per area present (header with
    the unit), the year(s) and the source(s) of the row; the registry's definitions in the export."""
    present = [a for a in kernprofiel.AREAS if a in set(frame["area"])]
    names = frame.drop_duplicates("area").set_index("area")["area_name"].to_dict()
    rows = []
    for (code, age, derived), part in frame.groupby(["indicator", "age_group", "derived"], sort=False):
        by_area = part.set_index("area")["value"]
        row = {"indicator": name_of(code, derived), "age": vocab.STAT_AGE_GROUP.get(age, age)}
        row |= {f"area_{a}": by_area.get(a) for a in present}
        row["year"] = ", ".join(str(int(y)) for y in sorted(set(part["year"])))
        row["source"] = "; ".join(sorted(set(part["source"])))
        rows.append((CODES.index(code), derived, row))
    keys = ["indicator", "age", *(f"area_{a}" for a in present), "year", "source"]
    table = pd.DataFrame([r for *_, r in sorted(rows, key=lambda r: r[:2])], columns=keys)
    unit = indicators.get(CODES[0]).unit
    columns = [
        Column("indicator", t("kernprofiel.col.indicator")),
        Column("age", t("kernprofiel.col.age")),
        *(Column(f"area_{a}", t("yardsticks.col.area", area=names[a], unit=unit), kind="percent", decimals=1)
          for a in present),
        Column("year", t("kernprofiel.col.year")),
        Column("source", t("kernprofiel.col.source")),
    ]  # fmt: skip
    return tables.table(table, columns, indicators=list(CODES))


def yardstick_note(frame: pd.DataFrame) -> str:
    """The caption under the table: every source with its year(s), and 'fictief' for demo figures."""
    parts = []
    for source, part in frame.groupby("source", sort=True):
        years = ", ".join(str(int(y)) for y in sorted(set(part["year"])))
        parts.append(t("yardsticks.source_year", source=source, years=years))
    note = t("yardsticks.note", sources="; ".join(parts))
    if frame["is_demo"].any():
        note += " " + t("yardsticks.demo")
    return note
