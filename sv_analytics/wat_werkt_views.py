"""The views of the page "Wat werkt waar", on top of :mod:`sv_analytics.wat_werkt`.

wat_werkt.py computes; this module selects and combines its output for the page and builds
the page's typed tables (:class:`~sv_analytics.tables.Table`: values, Dutch labels, formats and
the indicator of each column), so that the page script stays layout only. No Streamlit here.

How nothing is computed twice: every view of the page derives from one :class:`Analysis` per
data version and period — the kern table (context, approach, outcomes per kern) and the years
before and after — which :func:`analysis` computes with the kern profiles (≈ 1 s) built once.
The page caches it with ``state.run(wat_werkt_views.analysis, start=…, end=…)``; the views on
top of it (cells, comparable kernen, groups) are quick, pure functions of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from sv_analytics import (
    evaluatie,
    fmt,
    indicators,
    kernprofiel,
    lookups,
    privacy,
    queries,
    tables,
    vergelijkbaar,
    vocab,
    wat_werkt,
)
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

#: Column value of the heat map's extra column: the context groups compared with each other.
ALL_KERNEN = "__alle__"


# ------------------------------------------------------------------------------ the analysis
@dataclass(frozen=True)
class Analysis:
    """What every view of the page derives from, for one data version and period.

    ``table``: :func:`wat_werkt.kern_table` (one row per kern); ``before_after``:
    :func:`wat_werkt.before_after` (not period-bound, computed from the same context).
    """

    table: pd.DataFrame
    before_after: wat_werkt.BeforeAfter


@dataclass(frozen=True)
class Basis:
    """What does not depend on the period: the kern profiles (the costly part, ~1.5 s on the
    demo), the context derived from them and before/after (exact, and protected: every kern's
    rate from its rounded reach). One per data version."""

    profiles: pd.DataFrame
    ctx: pd.DataFrame
    before_after: wat_werkt.BeforeAfter
    before_after_protected: wat_werkt.BeforeAfter

    def before_after_for(self, protected: bool) -> wat_werkt.BeforeAfter:
        return self.before_after_protected if protected else self.before_after


def basis(conn: duckdb.DuckDBPyConnection) -> Basis:
    """The period-independent part of the analysis (cache it with ``state.run``)."""
    profiles = kernprofiel.all_profiles(conn)
    ctx = wat_werkt.context(conn, profiles)
    return Basis(
        profiles,
        ctx,
        wat_werkt.before_after(conn, ctx=ctx),
        wat_werkt.before_after(conn, ctx=ctx, protected=True),
    )


def analysis(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    base: Basis | None = None,
    *,
    protected: bool = True,
) -> Analysis:
    """The kern table of the period on top of ``base`` (computed here when not given). The page
    passes the cached :func:`basis`, so a new period costs only the period's own figures.

    ``protected`` (the view: every viewer without exact counts): every kern's outcomes from its
    rounded counts, so the group means, intervals and tests, the comparable kernen and before/after
    are all computed from protected figures (:func:`wat_werkt.outcomes`)."""
    base = basis(conn) if base is None else base
    table = wat_werkt.kern_table(conn, start, end, ctx=base.ctx, profiles=base.profiles, protected=protected)
    return Analysis(table, base.before_after_for(protected))


def cached(
    conn: duckdb.DuckDBPyConnection,
    view: str,
    start: date,
    end: date,
    args: tuple,
    data: Analysis | None = None,
    protected: bool = True,
) -> object:
    """``view(data, *args)`` in the form ``state.run`` caches (one result per data version,
    period, protection, view and arguments): the bootstrap intervals and permutation tests of
    the views are not free, and a rerun for another widget should not repeat them. The page
    passes the cached :func:`analysis` (of the same ``protected``) lazily as ``data``."""
    if view not in CACHED_VIEWS:
        raise ValueError(f"onbekende weergave: {view}")
    data = analysis(conn, start, end, protected=protected) if data is None else data
    return globals()[view](data, *args)


# ------------------------------------------------------------------------------ labels
def dimension_code(dimension: str) -> str:
    """Registry code of a context or approach dimension."""
    for table in (wat_werkt.CONTEXT_DIMENSIONS, wat_werkt.APPROACH_DIMENSIONS):
        if dimension in table:
            return table[dimension][1]
    raise KeyError(f"Onbekende dimensie: {dimension}")


def label(dimension_or_outcome: str) -> str:
    """The registry name of a dimension or an outcome (what the page shows in its widgets)."""
    code = wat_werkt.OUTCOMES.get(dimension_or_outcome) or dimension_code(dimension_or_outcome)
    return indicators.get(code).name


def decimals(outcome: str) -> int:
    """Ratios get two decimals, rates and percentages one."""
    return 2 if indicators.get(wat_werkt.OUTCOMES[outcome]).unit == "verhouding" else 1


# ------------------------------------------------------------------------------ views
#: The views :func:`cached` may run.
CACHED_VIEWS = frozenset({"group_cells", "heatmap_cells", "similar"})


def group_cells(data: Analysis, dimension: str, outcome: str) -> pd.DataFrame:
    """wat_werkt.cell_table of the groups of one dimension on one outcome (one row per group)."""
    column = (wat_werkt.CONTEXT_DIMENSIONS | wat_werkt.APPROACH_DIMENSIONS)[dimension][0]
    return wat_werkt.cell_table(data.table, column, outcome)


def heatmap_cells(data: Analysis, context_dim: str, approach_dim: str, outcome: str) -> pd.DataFrame:
    """wat_werkt.heatmap plus one column ``approach == ALL_KERNEN``: per context group all its
    kernen, compared with the other context groups (wat_werkt.cell_table on the context)."""
    table = data.table
    cells = wat_werkt.heatmap_from(table, context_dim, approach_dim, outcome)
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    groups = wat_werkt.cell_table(table, column, outcome)
    participants = table.dropna(subset=[column, outcome]).groupby(column)["participants"].sum()
    extra = pd.DataFrame(
        {
            "context": groups["group"],
            "approach": ALL_KERNEN,
            "n_kernen": groups["n"].astype("int64"),
            "n_participants": groups["group"].map(participants).fillna(0).astype("int64"),
            "mean": groups["mean"],
            "ci_low": groups["ci_low"],
            "ci_high": groups["ci_high"],
            "difference": groups["difference"],
            "p_value": groups["p_value"],
            "small_n": groups["n"] < wat_werkt.MIN_N,
            "marked": groups["marked"].astype(bool),
        }
    )
    return _complete_grid(pd.concat([cells, extra], ignore_index=True) if not cells.empty else extra)


def _complete_grid(cells: pd.DataFrame) -> pd.DataFrame:
    """Add a row with n = 0 for every context × approach pair without kernen, so that the heat map
    says 'geen kernen' there instead of leaving a blank the reader has to explain."""
    approaches = list(dict.fromkeys(cells["approach"]))
    have = set(zip(cells["context"], cells["approach"], strict=True))
    missing = [
        {"context": c, "approach": a, "n_kernen": 0, "n_participants": 0, "small_n": True, "marked": False}
        for c in sorted(set(cells["context"]), key=str)
        for a in approaches
        if (c, a) not in have
    ]
    if not missing:
        return cells
    empty = pd.DataFrame(missing).astype({"n_kernen": "int64", "n_participants": "int64"})
    return pd.concat([cells, empty], ignore_index=True)


def similar(data: Analysis, kern_id: str) -> pd.DataFrame:
    """wat_werkt.similar_from for the period: the comparable kernen (the same as Mijn kern's)."""
    return wat_werkt.similar_from(data.table, kern_id)


def factors(conn: duckdb.DuckDBPyConnection, category: str | None, phase: int | None) -> pd.DataFrame:
    """Success and failure factors of all kernen (query ``evaluatie_factors``) for a category and a
    phase (None: all)."""
    return queries.run(conn, "evaluatie_factors", kern_id=None, category=category, phase=phase)


def factors_in_context(found: pd.DataFrame, data: Analysis, context_dim: str) -> pd.DataFrame:
    """The factors of :func:`factors` with their kern's group of one context dimension."""
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    groups = data.table.set_index("kern_id")[column]
    return found.assign(kern_context=found["kern_id"].map(groups).fillna(t("common.unknown")))


def factor_options(conn: duckdb.DuckDBPyConnection) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The categories and phases that occur, for the filters."""
    frame = factors(conn, None, None)
    phases = sorted(int(p) for p in frame["phase"].dropna().unique())
    return tuple(sorted(frame["category"].unique())), tuple(phases)


def before_after_groups(data: Analysis, context_dim: str) -> pd.DataFrame:
    """wat_werkt.before_after's means per group of one context dimension (group, year, n, mean)."""
    by_group = data.before_after.by_group
    return by_group[by_group["dimension"] == context_dim].reset_index(drop=True)


def before_after_kern(data: Analysis, kern_id: str, context_dim: str) -> pd.DataFrame:
    """One kern's reach per 1,000 in 2016, 2018 and 2019 beside the mean of its context group and
    of all kernen, in before_after_groups' columns (group = the series' Dutch label)."""
    per_kern = data.before_after.per_kern
    if kern_id not in set(per_kern["kern_id"]):
        return pd.DataFrame(columns=["group", "year", "n", "mean"])
    own = per_kern[per_kern["kern_id"] == kern_id].iloc[0]
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    series = [(str(own["name"]), per_kern[per_kern["kern_id"] == kern_id])]
    if pd.notna(own[column]):
        series.append((t("wwk.series_group", group=own[column]), per_kern[per_kern[column] == own[column]]))
    series.append((t("wwk.all_kernen"), per_kern))
    rows = [
        {"group": name, "year": year, "n": len(part), "mean": float(part[f"y{year}"].mean())}
        for name, part in series
        for year in wat_werkt.BEFORE_AFTER_YEARS
    ]
    return pd.DataFrame(rows, columns=["group", "year", "n", "mean"])


def before_after_kernen(data: Analysis, context_dim: str) -> pd.DataFrame:
    """Every kern's reach per 1,000 in 2016, 2018 and 2019 with its context group (wat_werkt.before_after)."""
    per_kern = data.before_after.per_kern
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    keep = ["kern_id", "name", column, *(f"y{year}" for year in wat_werkt.BEFORE_AFTER_YEARS)]
    return per_kern[keep].rename(columns={column: "group"}).sort_values("name").reset_index(drop=True)


# ------------------------------------------------------------------------------ chart data
def _interval(low: float, high: float, places: int) -> str:
    if pd.isna(low) or pd.isna(high):
        return ""
    return f"{fmt.number(low, places)} – {fmt.number(high, places)}"


def _yes_no(flag: bool) -> str:
    return t("wwk.yes") if flag else t("wwk.no")


def group_label(group: str) -> str:
    return t("wwk.all_kernen") if group == ALL_KERNEN else str(group)


#: The columns of :func:`heatmap_chart_data`: what the browser receives of each cell.
HEATMAP_CHART_COLUMNS = ("context", "approach", "approach_label", "mean", "mean_text", "ci_low", "ci_high",
                         "n_kernen", "n_text", "interval_text", "participants_text", "marked_text", "colour_value",
                         "small_n", "marked")  # fmt: skip


def heatmap_chart_data(cells: pd.DataFrame, outcome: str, protected: bool = True) -> pd.DataFrame:
    """The cells with the text each one shows: mean, n and interval (or 'n<3'), and the
    participants as a protected text (no count leaves as a number)."""
    places = decimals(outcome)
    data = cells.copy()
    data["approach_label"] = data["approach"].map(group_label)
    data["mean_text"] = data["mean"].map(lambda v: fmt.number(v, places))
    data["n_text"] = [
        t("wwk.no_kernen") if n == 0 else f"n={n}" + (f" · {t('wwk.small')}" if small else "")
        for n, small in zip(data["n_kernen"], data["small_n"], strict=True)
    ]
    data["interval_text"] = [
        _interval(lo, hi, places) for lo, hi in zip(data["ci_low"], data["ci_high"], strict=True)
    ]
    data["participants_text"] = data["n_participants"].map(lambda v: privacy.count_text(v, protected))
    data["marked_text"] = data["marked"].map(_yes_no)
    data["colour_value"] = data["mean"].where(~data["small_n"])
    return data[list(HEATMAP_CHART_COLUMNS)]


# ------------------------------------------------------------------------------ typed tables
def _p(value: float) -> str:
    """p to three decimals; below 0,001 as '<0,001' (never a bare 0)."""
    return "<0,001" if value < 0.001 else fmt.number(value, 3)


def _signed_percent(value: float) -> str:
    return ("+" if value > 0 else "") + fmt.percent(value, 0)


def _comparison_columns(cells: pd.DataFrame, places: int) -> tuple[pd.DataFrame, list[Column]]:
    """The columns every comparison table shares: interval (as text: two numbers in one cell),
    difference, p, marked and too few kernen."""
    frame = cells.assign(
        interval=[
            _interval(lo, hi, places) for lo, hi in zip(cells["ci_low"], cells["ci_high"], strict=True)
        ],
        marked=cells["marked"].astype(bool),
        small_n=cells["small_n"].astype(bool),
    )
    method = "vergelijking_groepen"
    columns = [
        Column("difference", t("wwk.col.difference"), kind="number", decimals=places),
        Column("p_value", t("wwk.col.p"), kind="number", decimals=4, indicator=method, formatter=_p),
        Column("marked", t("wwk.col.marked"), kind="bool", indicator=method),
        Column("small_n", t("wwk.col.small"), kind="bool"),
    ]
    return frame, columns


def _interval_columns(places: int) -> tuple[Column, ...]:
    """The interval as one text on screen ('1,2 – 3,4') and as its two bounds in the export."""
    code = "vergelijking_groepen"
    return (
        Column("interval", t("wwk.col.interval"), missing="", indicator=code, export=False),
        Column("ci_low", t("wwk.col.interval_low"), kind="number", decimals=places, screen=False),
        Column("ci_high", t("wwk.col.interval_high"), kind="number", decimals=places, screen=False),
    )


def groups_table(cells: pd.DataFrame, dimension: str, outcome: str) -> Table:
    """wat_werkt.cell_table's rows: n, mean, interval, the other kernen, difference and p."""
    places = decimals(outcome)
    frame, comparison = _comparison_columns(cells, places)
    columns = [
        Column("group", t("wwk.col.group"), indicator=dimension_code(dimension)),
        Column("n", t("wwk.col.n"), kind="count"),
        Column(
            "mean", t("wwk.col.mean"), kind="number", decimals=places, indicator=wat_werkt.OUTCOMES[outcome]
        ),
        *_interval_columns(places),
        Column("n_rest", t("wwk.col.n_rest"), kind="count"),
        Column("mean_rest", t("wwk.col.mean_rest"), kind="number", decimals=places),
        *comparison,
    ]
    return tables.table(frame.assign(group=frame["group"].astype(str)), columns)


def heatmap_table(cells: pd.DataFrame, context_dim: str, approach_dim: str, outcome: str) -> Table:
    """The heat map's cells as a table (participants: small counts as <5)."""
    places = decimals(outcome)
    frame, comparison = _comparison_columns(cells, places)
    frame = frame.assign(
        context=frame["context"].astype(str), approach_label=frame["approach"].map(group_label)
    )
    columns = [
        Column("context", t("wwk.col.context"), indicator=dimension_code(context_dim)),
        Column("approach_label", t("wwk.col.approach"), indicator=dimension_code(approach_dim)),
        Column("n_kernen", t("wwk.col.n"), kind="count"),
        Column(
            "n_participants", t("wwk.col.participants"), kind="count", suppress=True, indicator="deelnemers"
        ),
        Column(
            "mean", t("wwk.col.mean"), kind="number", decimals=places, indicator=wat_werkt.OUTCOMES[outcome]
        ),
        *_interval_columns(places),
        *comparison,
    ]
    return tables.table(frame, columns)


SIMILAR_OUTCOMES = ("reach_per_1000", "bewegen_per_1000", "share_previously_inactive", "continuity_2019")


def similar_table(frame: pd.DataFrame) -> Table:
    """The comparable kernen: distance, what makes them alike, what they did (approach) and achieved."""
    unknown = t("common.unknown")
    data = frame.assign(group_names=frame["target_groups"].map(_group_names))
    columns = [
        Column("name", t("col.kern")),
        Column("kern_type", t("col.kern_type")),
        lookups.inhabitants_column(),
        vergelijkbaar.distance_column(),
        Column("alike", t("wwk.col.alike")),
        *(
            Column(column, label(dimension), missing=unknown, indicator=code)
            for dimension, (column, code) in wat_werkt.APPROACH_DIMENSIONS.items()
            if not dimension.startswith("doelgroep_")  # the chosen groups get one column below
        ),
        Column("group_names", indicators.get("aanpak_doelgroepen").name, indicator="aanpak_doelgroepen"),
        *(
            Column(
                outcome,
                label(outcome),
                kind="number",
                decimals=decimals(outcome),
                indicator=wat_werkt.OUTCOMES[outcome],
            )
            for outcome in SIMILAR_OUTCOMES
        ),
    ]
    return tables.table(data, columns)


def _group_names(codes: str) -> str:
    """'chronisch, senioren' → 'Chronische aandoening, Senioren (65+)'; none → unknown."""
    found = [vocab.DOELGROEP.get(code, code) for code in str(codes or "").split(", ") if code]
    return ", ".join(found) if found else t("common.unknown")


def factor_table(frame: pd.DataFrame) -> Table:
    """The factors the Dutch way, context → mechanism → outcome."""
    data = frame.assign(
        moment_label=frame["moment"].map(lambda m: t(f"wwk.moment.{m}")),
        kind_label=frame["kind"].map(lambda k: t(f"wwk.kind.{k}")),
    )
    phase = Column("phase", t("wwk.col.phase"), kind="count")
    return tables.table(data, [Column("kern", t("col.kern")), *evaluatie.factor_columns("category", phase)])


def factor_counts(frame: pd.DataFrame) -> Table:
    """Number of factors per category × kind (succes, faal)."""
    counts = frame.groupby(["category", "kind"]).size().unstack("kind", fill_value=0)
    for kind in ("succes", "faal"):
        if kind not in counts:
            counts[kind] = 0
    counts = counts[["succes", "faal"]].reset_index()
    counts.columns.name = None
    columns = [
        Column("category", t("wwk.col.category")),
        Column("succes", t("wwk.kind.succes"), kind="count", indicator="wwk_factoren"),
        Column("faal", t("wwk.kind.faal"), kind="count", indicator="wwk_factoren"),
    ]
    return tables.table(counts, columns)


def _years_columns(missing: str = tables.MISSING) -> list[Column]:
    return [
        Column(
            f"y{year}",
            str(year),
            kind="number",
            decimals=1,
            missing=missing,
            indicator="bereik_per_1000_per_jaar",
        )
        for year in wat_werkt.BEFORE_AFTER_YEARS
    ]


def before_after_table(groups: pd.DataFrame, context_dim: str) -> Table:
    """One row per group: n kernen and the mean reach per 1,000 in 2016, 2018 and 2019."""
    wide = groups.pivot_table(index=["group", "n"], columns="year", values="mean").reset_index()
    frame = wide[["group", "n"]].assign(
        **{f"y{year}": wide.get(year) for year in wat_werkt.BEFORE_AFTER_YEARS}
    )
    columns = [
        Column("group", t("wwk.col.group"), indicator=dimension_code(context_dim)),
        Column("n", t("wwk.col.n"), kind="count"),
        *_years_columns(),
    ]
    return tables.table(frame, columns)


def _change(before: float, after: float) -> float | None:
    """Relative change in percent; None (unknown) without a positive 'before'."""
    if pd.isna(before) or pd.isna(after) or before <= 0:
        return None
    return 100 * (after / before - 1)


def before_after_kernen_table(frame: pd.DataFrame, context_dim: str, context_title: str) -> Table:
    """Per kern: context group, reach per 1,000 in 2016, 2018, 2019 and the changes."""
    unknown = t("common.unknown")
    data = frame.assign(
        change_2016_2018=[_change(a, b) for a, b in zip(frame["y2016"], frame["y2018"], strict=True)],
        change_2018_2019=[_change(a, b) for a, b in zip(frame["y2018"], frame["y2019"], strict=True)],
    )
    columns = [
        Column("name", t("col.kern")),
        Column("group", context_title, missing=unknown, indicator=dimension_code(context_dim)),
        *_years_columns(unknown),
        Column("change_2016_2018", t("wwk.col.change_2016_2018"), kind="percent", missing=unknown,
               formatter=_signed_percent),
        Column("change_2018_2019", t("wwk.col.change_2018_2019"), kind="percent", missing=unknown,
               formatter=_signed_percent),
    ]  # fmt: skip
    return tables.table(data, columns)
