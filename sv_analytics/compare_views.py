"""Display tables of the page "Wat werkt waar", on top of :mod:`sv_analytics.compare`.

compare.py computes; this module only selects, combines and formats its output for the page
(Dutch labels and number formats), so that the page script stays layout only. Functions that
take the connection first can be cached with ``state.run``. No Streamlit here.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from sv_analytics import compare, fmt, indicators, privacy, queries
from sv_analytics.texts import t

#: Column value of the heat map's extra column: the context groups compared with each other.
ALL_KERNEN = "__alle__"


# ------------------------------------------------------------------------------ labels
def dimension_code(dimension: str) -> str:
    """Registry code of a context or approach dimension."""
    for table in (compare.CONTEXT_DIMENSIONS, compare.APPROACH_DIMENSIONS):
        if dimension in table:
            return table[dimension][1]
    raise KeyError(f"Onbekende dimensie: {dimension}")


def label(dimension_or_outcome: str) -> str:
    """The registry name of a dimension or an outcome (what the page shows in its widgets)."""
    code = compare.OUTCOMES.get(dimension_or_outcome) or dimension_code(dimension_or_outcome)
    return indicators.get(code).name


def decimals(outcome: str) -> int:
    """Ratios get two decimals, rates and percentages one."""
    return 2 if indicators.get(compare.OUTCOMES[outcome]).unit == "verhouding" else 1


# ------------------------------------------------------------------------------ computations
def group_cells(
    conn: duckdb.DuckDBPyConnection, dimension: str, outcome: str, start: date, end: date
) -> pd.DataFrame:
    """compare.cell_table of the groups of one dimension on one outcome (one row per group)."""
    column = (compare.CONTEXT_DIMENSIONS | compare.APPROACH_DIMENSIONS)[dimension][0]
    return compare.cell_table(compare.kern_table(conn, start, end), column, outcome)


def heatmap_cells(
    conn: duckdb.DuckDBPyConnection, context_dim: str, approach_dim: str, outcome: str, start: date, end: date
) -> pd.DataFrame:
    """compare.heatmap plus one column ``approach == ALL_KERNEN``: per context group all its
    kernen, compared with the other context groups (compare.cell_table on the context)."""
    cells = compare.heatmap(conn, context_dim, approach_dim, outcome, start, end)
    table = compare.kern_table(conn, start, end)
    column = compare.CONTEXT_DIMENSIONS[context_dim][0]
    groups = compare.cell_table(table, column, outcome)
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
            "small_n": groups["n"] < compare.MIN_N,
            "marked": groups["marked"].astype(bool),
        }
    )
    return pd.concat([cells, extra], ignore_index=True) if not cells.empty else extra


def similar(conn: duckdb.DuckDBPyConnection, kern_id: str, start: date, end: date) -> pd.DataFrame:
    """compare.similar_kernen for the period (four nearest kernen)."""
    return compare.similar_kernen(conn, kern_id, start=start, end=end)


def factors(
    conn: duckdb.DuckDBPyConnection, context_dim: str, category: str | None, phase: int | None
) -> pd.DataFrame:
    """Success and failure factors (query ``wat_werkt_factors``) with the kern's context group."""
    frame = queries.run(conn, "wat_werkt_factors", category=category, phase=phase)
    column = compare.CONTEXT_DIMENSIONS[context_dim][0]
    groups = compare.context(conn).set_index("kern_id")[column]
    frame["kern_context"] = frame["kern_id"].map(groups).fillna(t("common.unknown"))
    return frame


def factor_options(conn: duckdb.DuckDBPyConnection) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The categories and phases that occur, for the filters."""
    frame = queries.run(conn, "wat_werkt_factors", category=None, phase=None)
    phases = sorted(int(p) for p in frame["phase"].dropna().unique())
    return tuple(sorted(frame["category"].unique())), tuple(phases)


def before_after_groups(conn: duckdb.DuckDBPyConnection, context_dim: str) -> pd.DataFrame:
    """compare.before_after's means per group of one context dimension (group, year, n, mean)."""
    by_group = compare.before_after(conn).by_group
    return by_group[by_group["dimension"] == context_dim].reset_index(drop=True)


# ------------------------------------------------------------------------------ display tables
def _interval(low: float, high: float, places: int) -> str:
    return f"{fmt.number(low, places)} – {fmt.number(high, places)}"


def _yes_no(flag: bool) -> str:
    return t("wwk.yes") if flag else t("wwk.no")


def _p(value: float) -> str:
    """p to three decimals; below 0,001 as '<0,001' (never a bare 0)."""
    return "<0,001" if value < 0.001 else fmt.number(value, 3)


def group_label(group: str) -> str:
    return t("wwk.all_kernen") if group == ALL_KERNEN else str(group)


def cell_display(cells: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """compare.cell_table's rows the Dutch way (n, mean, interval, difference, p)."""
    places = decimals(outcome)
    return pd.DataFrame(
        {
            t("wwk.col.group"): cells["group"].astype(str),
            t("wwk.col.n"): cells["n"].astype("int64"),
            t("wwk.col.mean"): cells["mean"].map(lambda v: fmt.number(v, places)),
            t("wwk.col.interval"): [
                _interval(lo, hi, places) for lo, hi in zip(cells["ci_low"], cells["ci_high"], strict=True)
            ],
            t("wwk.col.n_rest"): cells["n_rest"].astype("int64"),
            t("wwk.col.mean_rest"): cells["mean_rest"].map(lambda v: fmt.number(v, places)),
            t("wwk.col.difference"): cells["difference"].map(lambda v: fmt.number(v, places)),
            t("wwk.col.p"): cells["p_value"].map(_p),
            t("wwk.col.marked"): cells["marked"].map(_yes_no),
            t("wwk.col.small"): cells["small_n"].map(_yes_no),
        }
    )


def heatmap_display(cells: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The heat map's cells as a table (participants: small counts as <5)."""
    places = decimals(outcome)
    return pd.DataFrame(
        {
            t("wwk.col.context"): cells["context"].astype(str),
            t("wwk.col.approach"): cells["approach"].map(group_label),
            t("wwk.col.n"): cells["n_kernen"].astype("int64"),
            t("wwk.col.participants"): privacy.suppress_column(cells["n_participants"], fmt.number),
            t("wwk.col.mean"): cells["mean"].map(lambda v: fmt.number(v, places)),
            t("wwk.col.interval"): [
                _interval(lo, hi, places) for lo, hi in zip(cells["ci_low"], cells["ci_high"], strict=True)
            ],
            t("wwk.col.difference"): cells["difference"].map(lambda v: fmt.number(v, places)),
            t("wwk.col.p"): cells["p_value"].map(_p),
            t("wwk.col.marked"): cells["marked"].map(_yes_no),
            t("wwk.col.small"): cells["small_n"].map(_yes_no),
        }
    )


def heatmap_chart_data(cells: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The cells with the text each one shows: mean, n and interval (or 'n<3')."""
    places = decimals(outcome)
    data = cells.copy()
    data["approach_label"] = data["approach"].map(group_label)
    data["mean_text"] = data["mean"].map(lambda v: fmt.number(v, places))
    data["n_text"] = [
        f"n={n}" + (f" · {t('wwk.small')}" if small else "")
        for n, small in zip(data["n_kernen"], data["small_n"], strict=True)
    ]
    data["interval_text"] = [
        _interval(lo, hi, places) for lo, hi in zip(data["ci_low"], data["ci_high"], strict=True)
    ]
    data["participants_text"] = privacy.suppress_column(data["n_participants"], fmt.number)
    data["marked_text"] = data["marked"].map(_yes_no)
    data["colour_value"] = data["mean"].where(~data["small_n"])
    return data


def similar_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Neighbours: distance, what makes them alike, what they did (approach) and achieved."""
    table = pd.DataFrame(
        {
            t("col.kern"): frame["name"],
            t("col.kern_type"): frame["kern_type"],
            t("col.inhabitants"): frame["inhabitants"].map(fmt.number),
            t("wwk.col.distance"): frame["distance"].map(lambda v: fmt.number(v, 2)),
            t("wwk.col.alike"): frame["alike"],
        }
    )
    for dimension, (column, _) in compare.APPROACH_DIMENSIONS.items():
        table[label(dimension)] = frame[column].fillna(t("common.unknown"))
    for outcome in ("reach_per_1000", "bewegen_per_1000", "share_previously_inactive", "continuity_2019"):
        table[label(outcome)] = frame[outcome].map(lambda v, o=outcome: fmt.number(v, decimals(o)))
    return table


def factor_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The factors the Dutch way, context → mechanism → outcome."""
    return pd.DataFrame(
        {
            t("col.kern"): frame["kern"],
            t("wwk.col.moment"): frame["moment"].map(lambda m: t(f"wwk.moment.{m}")),
            t("wwk.col.kind"): frame["kind"].map(lambda k: t(f"wwk.kind.{k}")),
            t("wwk.col.category"): frame["category"],
            t("wwk.col.phase"): frame["phase"].map(lambda p: fmt.number(p)),
            t("wwk.col.description"): frame["description"],
            t("wwk.col.cmo_context"): frame["context"].fillna(""),
            t("wwk.col.mechanism"): frame["mechanism"].fillna(""),
            t("wwk.col.outcome"): frame["outcome"].fillna(""),
        }
    )


def factor_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Number of factors per category × kind (succes, faal) and context group."""
    counts = frame.groupby(["category", "kind"]).size().unstack("kind", fill_value=0)
    for kind in ("succes", "faal"):
        if kind not in counts:
            counts[kind] = 0
    counts = counts[["succes", "faal"]].reset_index()
    counts.columns.name = None
    return counts.rename(
        columns={
            "category": t("wwk.col.category"),
            "succes": t("wwk.kind.succes"),
            "faal": t("wwk.kind.faal"),
        }
    )


def before_after_display(groups: pd.DataFrame) -> pd.DataFrame:
    """One row per group: n kernen and the mean reach per 1,000 in 2016, 2018 and 2019."""
    if groups.empty:
        return pd.DataFrame()
    wide = groups.pivot_table(index=["group", "n"], columns="year", values="mean").reset_index()
    table = pd.DataFrame({t("wwk.col.group"): wide["group"], t("wwk.col.n"): wide["n"].astype("int64")})
    for year in compare.BEFORE_AFTER_YEARS:
        table[str(year)] = wide[year].map(lambda v: fmt.number(v, 1))
    return table
