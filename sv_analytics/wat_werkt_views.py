"""Display tables of the page "Wat werkt waar", on top of :mod:`sv_analytics.wat_werkt`.

wat_werkt.py computes; this module only selects, combines and formats its output for the page
(Dutch labels and number formats), so that the page script stays layout only. Functions that
take the connection first can be cached with ``state.run``. No Streamlit here.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import duckdb
import pandas as pd

from sv_analytics import db, fmt, indicators, kernprofiel, privacy, queries, vocab, wat_werkt
from sv_analytics.texts import t

#: Column value of the heat map's extra column: the context groups compared with each other.
ALL_KERNEN = "__alle__"

#: Per connection: the data version and the frames computed for it (see :func:`_remembered`).
_MEMO: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, dict] = weakref.WeakKeyDictionary()
_MEMO_ENTRIES = 16
T = TypeVar("T")


def _remembered(conn: duckdb.DuckDBPyConnection, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per connection, data version and key.

    The page shows five views of the same kern table; each is cached on its own by the app, but
    without this every one would rebuild the context (≈ 1 s) and the outcomes. Every import
    raises the data version, which empties the store; callers get a copy.
    """
    version = db.data_version(conn)
    store = _MEMO.setdefault(conn, {})
    if store.get("version") != version or len(store) > _MEMO_ENTRIES:
        store.clear()
        store["version"] = version
    value = store.get(key)  # one lookup: another session's thread may clear the store meanwhile
    if value is None:
        value = compute()
        store[key] = value
    return value.copy() if isinstance(value, pd.DataFrame | dict) else value


def _profiles(conn: duckdb.DuckDBPyConnection) -> dict[str, kernprofiel.KernProfile]:
    return _remembered(conn, ("profiles",), lambda: kernprofiel.all_profiles(conn))


def _before_after(conn: duckdb.DuckDBPyConnection) -> wat_werkt.BeforeAfter:
    """wat_werkt.before_after, remembered per data version (frozen: callers only select from it)."""
    return _remembered(conn, ("before_after",), lambda: wat_werkt.before_after(conn, ctx=context(conn)))


def context(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """wat_werkt.context, remembered per data version."""
    return _remembered(conn, ("context",), lambda: wat_werkt.context(conn, _profiles(conn)))


def kern_table(conn: duckdb.DuckDBPyConnection, start: date, end: date) -> pd.DataFrame:
    """wat_werkt.kern_table, remembered per data version and period."""
    return _remembered(
        conn,
        ("kern_table", start, end),
        lambda: wat_werkt.kern_table(conn, start, end, ctx=context(conn), profiles=_profiles(conn)),
    )


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


# ------------------------------------------------------------------------------ computations
def group_cells(
    conn: duckdb.DuckDBPyConnection, dimension: str, outcome: str, start: date, end: date
) -> pd.DataFrame:
    """wat_werkt.cell_table of the groups of one dimension on one outcome (one row per group)."""
    column = (wat_werkt.CONTEXT_DIMENSIONS | wat_werkt.APPROACH_DIMENSIONS)[dimension][0]
    return wat_werkt.cell_table(kern_table(conn, start, end), column, outcome)


def heatmap_cells(
    conn: duckdb.DuckDBPyConnection, context_dim: str, approach_dim: str, outcome: str, start: date, end: date
) -> pd.DataFrame:
    """wat_werkt.heatmap plus one column ``approach == ALL_KERNEN``: per context group all its
    kernen, compared with the other context groups (wat_werkt.cell_table on the context)."""
    table = kern_table(conn, start, end)
    cells = wat_werkt.heatmap(conn, context_dim, approach_dim, outcome, start, end, table=table)
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


def similar(conn: duckdb.DuckDBPyConnection, kern_id: str, start: date, end: date) -> pd.DataFrame:
    """wat_werkt.similar_kernen for the period (four nearest kernen)."""
    return wat_werkt.similar_kernen(conn, kern_id, start=start, end=end, table=kern_table(conn, start, end))


def factors(
    conn: duckdb.DuckDBPyConnection, context_dim: str, category: str | None, phase: int | None
) -> pd.DataFrame:
    """Success and failure factors (query ``wat_werkt_factors``) with the kern's context group."""
    frame = queries.run(conn, "wat_werkt_factors", category=category, phase=phase)
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    groups = context(conn).set_index("kern_id")[column]
    frame["kern_context"] = frame["kern_id"].map(groups).fillna(t("common.unknown"))
    return frame


def factor_options(conn: duckdb.DuckDBPyConnection) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The categories and phases that occur, for the filters."""
    frame = queries.run(conn, "wat_werkt_factors", category=None, phase=None)
    phases = sorted(int(p) for p in frame["phase"].dropna().unique())
    return tuple(sorted(frame["category"].unique())), tuple(phases)


def before_after_groups(conn: duckdb.DuckDBPyConnection, context_dim: str) -> pd.DataFrame:
    """wat_werkt.before_after's means per group of one context dimension (group, year, n, mean)."""
    by_group = _before_after(conn).by_group
    return by_group[by_group["dimension"] == context_dim].reset_index(drop=True)


def before_after_kern(conn: duckdb.DuckDBPyConnection, kern_id: str, context_dim: str) -> pd.DataFrame:
    """One kern's reach per 1,000 in 2016, 2018 and 2019 beside the mean of its context group and
    of all kernen, in before_after_groups' columns (group = the series' Dutch label)."""
    per_kern = _before_after(conn).per_kern
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


def before_after_kernen(conn: duckdb.DuckDBPyConnection, context_dim: str) -> pd.DataFrame:
    """Every kern's reach per 1,000 in 2016, 2018 and 2019 with its context group (wat_werkt.before_after)."""
    per_kern = _before_after(conn).per_kern
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    keep = ["kern_id", "name", column, *(f"y{year}" for year in wat_werkt.BEFORE_AFTER_YEARS)]
    return per_kern[keep].rename(columns={column: "group"}).sort_values("name").reset_index(drop=True)


# ------------------------------------------------------------------------------ display tables
def _interval(low: float, high: float, places: int) -> str:
    if pd.isna(low) or pd.isna(high):
        return ""
    return f"{fmt.number(low, places)} – {fmt.number(high, places)}"


def _yes_no(flag: bool) -> str:
    return t("wwk.yes") if flag else t("wwk.no")


def _p(value: float) -> str:
    """p to three decimals; below 0,001 as '<0,001' (never a bare 0)."""
    return "<0,001" if value < 0.001 else fmt.number(value, 3)


def group_label(group: str) -> str:
    return t("wwk.all_kernen") if group == ALL_KERNEN else str(group)


def cell_display(cells: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """wat_werkt.cell_table's rows the Dutch way (n, mean, interval, difference, p)."""
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
        t("wwk.no_kernen") if n == 0 else f"n={n}" + (f" · {t('wwk.small')}" if small else "")
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
    for dimension, (column, _) in wat_werkt.APPROACH_DIMENSIONS.items():
        if not dimension.startswith("doelgroep_"):  # the chosen groups get one column below
            table[label(dimension)] = frame[column].fillna(t("common.unknown"))
    table[indicators.get("aanpak_doelgroepen").name] = frame["target_groups"].map(_group_names)
    for outcome in ("reach_per_1000", "bewegen_per_1000", "share_previously_inactive", "continuity_2019"):
        table[label(outcome)] = frame[outcome].map(lambda v, o=outcome: fmt.number(v, decimals(o)))
    return table


def _group_names(codes: str) -> str:
    """'chronisch, senioren' → 'Chronische aandoening, Senioren (65+)'; none → unknown."""
    found = [vocab.DOELGROEP.get(code, code) for code in str(codes or "").split(", ") if code]
    return ", ".join(found) if found else t("common.unknown")


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


def _change(before: float, after: float) -> str:
    """Relative change in percent, the Dutch way; unknown without a positive 'before'."""
    if pd.isna(before) or pd.isna(after) or before <= 0:
        return t("common.unknown")
    change = 100 * (after / before - 1)
    return ("+" if change > 0 else "") + fmt.percent(change, 0)


def before_after_kernen_display(frame: pd.DataFrame, context_title: str) -> pd.DataFrame:
    """Per kern: context group, reach per 1,000 in 2016, 2018, 2019 and the changes."""
    table = pd.DataFrame(
        {t("col.kern"): frame["name"], context_title: frame["group"].fillna(t("common.unknown"))}
    )
    for year in wat_werkt.BEFORE_AFTER_YEARS:
        table[str(year)] = frame[f"y{year}"].map(lambda v: fmt.number(v, 1, missing=t("common.unknown")))
    table[t("wwk.col.change_2016_2018")] = [
        _change(a, b) for a, b in zip(frame["y2016"], frame["y2018"], strict=True)
    ]
    table[t("wwk.col.change_2018_2019")] = [
        _change(a, b) for a, b in zip(frame["y2018"], frame["y2019"], strict=True)
    ]
    return table


def before_after_display(groups: pd.DataFrame) -> pd.DataFrame:
    """One row per group: n kernen and the mean reach per 1,000 in 2016, 2018 and 2019."""
    if groups.empty:
        return pd.DataFrame()
    wide = groups.pivot_table(index=["group", "n"], columns="year", values="mean").reset_index()
    table = pd.DataFrame({t("wwk.col.group"): wide["group"], t("wwk.col.n"): wide["n"].astype("int64")})
    for year in wat_werkt.BEFORE_AFTER_YEARS:
        table[str(year)] = wide[year].map(lambda v: fmt.number(v, 1))
    return table
