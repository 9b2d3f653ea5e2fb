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
from sv_analytics.indicators.wat_werkt import FEW_MAX
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

#: Column value of the heat map's extra column: the context groups compared with each other.
ALL_KERNEN = "__alle__"
#: The view the page opens with (context, approach, outcome). Chosen because the demo data can
#: answer it: every cell of the cross-table has at least MIN_N kernen (7, 6, 6, 3), 'BRAVO-breed'
#: shares no data with the reach of 'bewegen' activities, and the column 'alle kernen' shows
#: pattern 1 (vergrijsd kernen reach more people with walking sports; marked). The former default
#: (Ruim beweegaanbod × Vergrijsde kern) is confounded: approach and context coincide there.
DEFAULT_VIEW = ("vergrijzing", "bravo", "bewegen_per_1000")


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


def unit(outcome: str) -> str:
    """The registry unit of an outcome ('per 1.000 inwoners', '%', …): the one source of every
    unit the page shows beside an outcome's figures."""
    return indicators.get(wat_werkt.OUTCOMES[outcome]).unit


def difference_unit(outcome: str) -> str:
    """The unit of a difference of two group means: percentage points for a percentage."""
    found = unit(outcome)
    return t("wwk.unit.points") if found == "%" else found


def with_unit(text: str, outcome: str, *, difference: bool = False) -> str:
    """'Gemiddelde' → 'Gemiddelde (per 1.000 inwoners)': a header or title with the outcome's unit."""
    return f"{text} ({difference_unit(outcome) if difference else unit(outcome)})"


def named_with_unit(outcome: str) -> str:
    """The outcome's name with its unit, unless the name already says it ('… per 1.000 inwoners')."""
    return indicators.with_unit(label(outcome), wat_werkt.OUTCOMES[outcome])


def value_text(value: float, outcome: str) -> str:
    """A value of the outcome as a cell shows it: '41,1' (the unit on its own line) or '27,0%'."""
    places = decimals(outcome)
    return fmt.percent(value, places) if unit(outcome) == "%" else fmt.number(value, places)


def decimals(outcome: str) -> int:
    """Ratios get two decimals, rates and percentages one."""
    return 2 if unit(outcome) == "verhouding" else 1


# ------------------------------------------------------------------------------ views
#: The views :func:`cached` may run.
CACHED_VIEWS = frozenset({"group_cells", "heatmap_cells", "similar", "verdict"})


def has_monitoring(data: Analysis) -> bool:
    """Whether the period has monitoring data at all (activities, and participants in the period).
    Without it every outcome is 0 or unknown and every approach reads 'nee': figures computed
    from nothing, which the page does not show."""
    table = data.table
    return wat_werkt.has_monitoring_data(table) and bool(table["participants"].fillna(0).gt(0).any())


def verdict(data: Analysis, context_dim: str, approach_dim: str, outcome: str) -> wat_werkt.Verdict:
    """wat_werkt.verdict of one view: what the data can separate, and which marks it allows."""
    return wat_werkt.verdict(data.table, context_dim, approach_dim, outcome)


def group_cells(data: Analysis, dimension: str, outcome: str) -> pd.DataFrame:
    """wat_werkt.cell_table of the groups of one dimension on one outcome (one row per group)."""
    column = (wat_werkt.CONTEXT_DIMENSIONS | wat_werkt.APPROACH_DIMENSIONS)[dimension][0]
    return within_bounds(wat_werkt.cell_table(data.table, column, outcome), outcome)


def unknown_kernen(data: Analysis, dimension: str) -> int:
    """How many kernen have an unknown group of ``dimension`` (left out of every comparison)."""
    column = (wat_werkt.CONTEXT_DIMENSIONS | wat_werkt.APPROACH_DIMENSIONS)[dimension][0]
    return int(data.table[column].isna().sum())


#: Why a mark is withheld (the ``blocked`` values of wat_werkt.heatmap_from) → text key.
BLOCKED_KEYS = {
    "overlap": "wwk.blocked.overlap",
    "dependent": "wwk.blocked.dependent",
    "small": "wwk.blocked.small",
}


def blocked_by(found: wat_werkt.Verdict, side: str) -> str:
    """What withholds every mark of one side of the view ('context' or 'approach'): '' when the
    verdict allows marks there, else 'overlap' or 'dependent' — for the approach the dependence
    first, as in wat_werkt.heatmap_from's ``blocked``, so heat map and tables give one reason."""
    if side == "context":
        return "" if found.context_markable else "overlap"
    if found.approach_markable:
        return ""
    return "dependent" if found.dependent else "overlap"


def allowed(cells: pd.DataFrame, blocked: str) -> pd.DataFrame:
    """cell_table rows with the verdict applied: ``blocked`` per row ('' | 'overlap' | 'dependent' |
    'small') and ``marked`` only where nothing blocks it. A p-value the verdict rules out is
    dropped too: it would answer a question these data cannot (p < 0,001 for an outcome that
    counts the approach says nothing about the approach)."""
    small = cells["small_n"].astype(bool)
    reason = pd.Series(blocked or "", index=cells.index, dtype=object)
    if not blocked:  # a verdict on the whole view says more than 'too few kernen' on one row
        reason = reason.mask(small, "small")
    out = cells.assign(blocked=reason, marked=cells["marked"].astype(bool) & reason.eq(""))
    if blocked:
        out["p_value"] = float("nan")
    return out


def heatmap_cells(data: Analysis, context_dim: str, approach_dim: str, outcome: str) -> pd.DataFrame:
    """wat_werkt.heatmap_from (marks only where its verdict allows, ``few`` and ``blocked`` per
    cell) plus one column ``approach == ALL_KERNEN``: per context group all its kernen, compared
    with the other context groups (wat_werkt.cell_table on the context), marked only when the
    verdict lets the context be judged."""
    table = data.table
    cells = wat_werkt.heatmap_from(table, context_dim, approach_dim, outcome)
    found = verdict(data, context_dim, approach_dim, outcome)
    column = wat_werkt.CONTEXT_DIMENSIONS[context_dim][0]
    groups = allowed(wat_werkt.cell_table(table, column, outcome), blocked_by(found, "context"))
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
            "few": groups["few"].astype(bool),
            "marked": groups["marked"],
            "blocked": groups["blocked"],
        }
    )
    both = pd.concat([cells, extra], ignore_index=True) if not cells.empty else extra
    return _complete_grid(within_bounds(both, outcome))


def _complete_grid(cells: pd.DataFrame) -> pd.DataFrame:
    """Add a row with n = 0 for every context × approach pair without kernen, so that the heat map
    says 'geen kernen' there instead of leaving a blank the reader has to explain."""
    approaches = list(dict.fromkeys(cells["approach"]))
    have = set(zip(cells["context"], cells["approach"], strict=True))
    missing = [
        {"context": c, "approach": a, "n_kernen": 0, "n_participants": 0, "small_n": True, "few": False,
         "marked": False, "blocked": "small"}
        for c in sorted(set(cells["context"]), key=str)
        for a in approaches
        if (c, a) not in have
    ]  # fmt: skip
    if not missing:
        return cells
    empty = pd.DataFrame(missing).astype({"n_kernen": "int64", "n_participants": "int64"})
    return pd.concat([cells, empty], ignore_index=True)


# ------------------------------------------------------------------------------ what the data can say
def overlap_sentence(found: wat_werkt.Verdict, context_dim: str, approach_dim: str) -> str | None:
    """One plain sentence when the view cannot tell the approach from the circumstance (a cell of
    the cross-table with fewer than MIN_N kernen), naming both and the thin cells; None otherwise."""
    if found.overlap.separable:
        return None
    thin = [
        t("wwk.overlap.cell", context=c, approach=a, n=t("wwk.no_kernen") if n == 0 else kernen_text(n))
        for c, a, n in found.overlap.thin
    ]
    return t(
        "wwk.overlap.sentence",
        cells="; ".join(thin),
        approach=label(approach_dim),
        context=label(context_dim),
    )


def kernen_text(n: int) -> str:
    """'1 kern', '4 kernen'."""
    return t("wwk.one_kern") if n == 1 else t("wwk.n_kernen", n=fmt.number(n))


def dependence_sentence(found: wat_werkt.Verdict) -> str | None:
    """'Deze uitkomst telt de aanpak deels mee: …' with the registry's declared reason; None when
    the outcome and the approach share no data."""
    if not found.dependent:
        return None
    return t("wwk.dependent", reason=found.dependent[0].lower() + found.dependent[1:])


def overlap_table(found: wat_werkt.Verdict, context_dim: str, approach_dim: str) -> Table:
    """The cross-table of n: context groups (rows) × approach groups (columns), zeros included."""
    counts = found.overlap.counts
    keys = [f"g{i}" for i in range(len(counts.columns))]
    frame = pd.DataFrame({"context": [str(c) for c in counts.index]})
    for key, group in zip(keys, counts.columns, strict=True):
        frame[key] = counts[group].astype("int64").to_numpy()
    columns = [
        Column("context", label(context_dim), indicator=dimension_code(context_dim)),
        *(
            Column(key, t("wwk.col.overlap_group", group=group), kind="count",
                   indicator=dimension_code(approach_dim))
            for key, group in zip(keys, counts.columns, strict=True)
        ),
    ]  # fmt: skip
    return tables.table(frame, columns)


def reading_example(cells: pd.DataFrame, outcome: str) -> str | None:
    """The plain reading of the heat map with figures of this view: the half-width of the interval
    of the cell with the most kernen, and of the one with the fewest that still has an interval
    ('Bij 7 kernen kan het gemiddelde makkelijk ±10,9 schommelen …'). None without an interval."""
    shown = cells[cells["ci_low"].notna() & cells["ci_high"].notna()]
    if shown.empty:
        return None
    shown = shown.assign(half=(shown["ci_high"] - shown["ci_low"]) / 2)
    most = shown.sort_values(["n_kernen", "half"], ascending=[False, True]).iloc[0]
    fewest = shown.sort_values(["n_kernen", "half"], ascending=[True, False]).iloc[0]
    places, found = decimals(outcome), difference_unit(outcome)
    shown_unit = "" if unit(outcome) == "%" else unit(outcome)
    text = t(
        "wwk.reading.most", n=fmt.number(int(most["n_kernen"])), cell=cell_name(most),
        mean=value_text(most["mean"], outcome), unit=shown_unit,
        low=fmt.number(most["ci_low"], places), high=fmt.number(most["ci_high"], places),
        half=fmt.number(most["half"], places), diff_unit=found,
    ).replace("  ", " ").replace(" ;", ";")  # fmt: skip
    if int(fewest["n_kernen"]) < int(most["n_kernen"]):
        text += " " + t(
            "wwk.reading.fewest", n=fmt.number(int(fewest["n_kernen"])), cell=cell_name(fewest),
            low=fmt.number(fewest["ci_low"], places), high=fmt.number(fewest["ci_high"], places),
        )  # fmt: skip
    return text


def cell_name(cell: pd.Series) -> str:
    """'vergrijsd × ja' / 'vergrijsd, alle kernen'."""
    if cell["approach"] == ALL_KERNEN:
        return t("wwk.cell_all", context=cell["context"])
    return t("wwk.cell", context=cell["context"], approach=cell["approach"])


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


#: Outcomes whose values have other bounds than their unit's (a change in %: from −100 %).
_OWN_BOUNDS = {"deelname_verandering_2019": (-100.0, None)}
_UNIT_BOUNDS = {"per 1.000 inwoners": (0.0, None), "%": (0.0, 100.0)}


def bounds(outcome: str) -> tuple[float | None, float | None]:
    """The values the outcome can take: a rate per 1,000 is never below 0, a share lies in 0–100 %."""
    code = wat_werkt.OUTCOMES[outcome]
    return _OWN_BOUNDS.get(code) or _UNIT_BOUNDS.get(unit(outcome), (None, None))


def within_bounds(cells: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The intervals cut to the values the outcome can take. At 3 kernen a t-interval of a rate is
    wide and may run below 0 ("−92,2 – 84,7" per 1.000): a mean that cannot be negative lies in the
    interval exactly when it lies in the cut one, so the 95 % still holds and the text stops
    suggesting a negative reach."""
    low, high = bounds(outcome)
    return cells.assign(ci_low=cells["ci_low"].clip(lower=low), ci_high=cells["ci_high"].clip(upper=high))


def group_label(group: str) -> str:
    return t("wwk.all_kernen") if group == ALL_KERNEN else str(group)


def mark_text(marked: bool, blocked: str) -> str:
    """What the 'Gemarkeerd' cell says: ja, nee, or why no judgement is given."""
    if blocked:
        return t(BLOCKED_KEYS[blocked])
    return t("wwk.yes") if marked else t("wwk.no")


def n_text(n: int, small: bool, few: bool) -> str:
    """'n=7', 'n=4 · weinig kernen', 'n=2 · te weinig', 'geen kernen'."""
    if n == 0:
        return t("wwk.no_kernen")
    if small:
        return f"n={n} · {t('wwk.small')}"
    return f"n={n} · {t('wwk.few')}" if few else f"n={n}"


def note_text(n: int, small: bool, few: bool) -> str:
    """The 'Let op' column of the tables: too few kernen (< MIN_N) or few (MIN_N … FEW_MAX)."""
    if small:
        return t("wwk.note.small", n=wat_werkt.MIN_N)
    return t("wwk.note.few", low=wat_werkt.MIN_N, high=FEW_MAX) if few else ""


#: The columns of :func:`heatmap_chart_data`: what the browser receives of each cell.
HEATMAP_CHART_COLUMNS = ("context", "approach", "approach_label", "mean", "mean_text", "unit_text", "ci_low",
                         "ci_high", "n_kernen", "n_text", "interval_text", "participants_text", "marked_text",
                         "colour_value", "small_n", "few", "marked", "blocked")  # fmt: skip


def heatmap_chart_data(cells: pd.DataFrame, outcome: str, protected: bool = True) -> pd.DataFrame:
    """The cells with the text each one shows: mean with its unit, n (with 'weinig kernen' at
    MIN_N … FEW_MAX and 'te weinig' below MIN_N) and the interval (none below MIN_N), why a mark
    is withheld, and the participants as a protected text (no count leaves as a number)."""
    places = decimals(outcome)
    data = cells.copy()
    data["few"] = data["few"].fillna(False).astype(bool)
    data["blocked"] = data["blocked"].fillna("").astype(str)
    data["approach_label"] = data["approach"].map(group_label)
    data["mean_text"] = data["mean"].map(lambda v: "" if pd.isna(v) else value_text(v, outcome))
    data["unit_text"] = "" if unit(outcome) == "%" else unit(outcome)
    data["unit_text"] = data["unit_text"].where(data["mean"].notna(), "")
    data["n_text"] = [
        n_text(n, small, few)
        for n, small, few in zip(data["n_kernen"], data["small_n"], data["few"], strict=True)
    ]
    data["interval_text"] = [
        _interval(lo, hi, places) for lo, hi in zip(data["ci_low"], data["ci_high"], strict=True)
    ]
    data["participants_text"] = data["n_participants"].map(lambda v: privacy.count_text(v, protected))
    data["marked_text"] = [mark_text(m, b) for m, b in zip(data["marked"], data["blocked"], strict=True)]
    data["colour_value"] = data["mean"].where(~data["small_n"].astype(bool))
    return data[list(HEATMAP_CHART_COLUMNS)]


# ------------------------------------------------------------------------------ typed tables
def _p(value: float) -> str:
    """p to three decimals; below 0,001 as '<0,001' (never a bare 0)."""
    return "<0,001" if value < 0.001 else fmt.number(value, 3)


def _comparison_columns(cells: pd.DataFrame, outcome: str) -> tuple[pd.DataFrame, list[Column]]:
    """The columns every comparison table shares: interval (as text: two numbers in one cell),
    difference (in the outcome's unit), p, the mark or why there is none, and few kernen."""
    places = decimals(outcome)
    few = cells["few"] if "few" in cells else pd.Series(False, index=cells.index)
    blocked = cells["blocked"] if "blocked" in cells else pd.Series("", index=cells.index)
    frame = cells.assign(
        interval=[
            _interval(lo, hi, places) for lo, hi in zip(cells["ci_low"], cells["ci_high"], strict=True)
        ],
        marked_text=[mark_text(bool(m), str(b or "")) for m, b in zip(cells["marked"], blocked.fillna(""), strict=True)],
        # a withheld comparison shows no p either: a p beside "geen oordeel" still reads as a verdict
        p_value=cells["p_value"].where(blocked.fillna("").eq("")),
        note=[
            note_text(int(n), bool(s), bool(f))
            for n, s, f in zip(cells[_n_column(cells)], cells["small_n"], few.fillna(False), strict=True)
        ],
    )  # fmt: skip
    method = "vergelijking_groepen"
    columns = [  # the judgement first: on a narrow screen it must not scroll out of sight
        Column("marked_text", t("wwk.col.marked"), indicator=method),
        Column("difference", with_unit(t("wwk.col.difference"), outcome, difference=True), kind="number",
               decimals=places, indicator=wat_werkt.OUTCOMES[outcome]),
        Column("p_value", t("wwk.col.p"), kind="number", decimals=4, indicator=method, formatter=_p),
        Column("note", t("wwk.col.note"), missing=""),
    ]  # fmt: skip
    return frame, columns


def _n_column(cells: pd.DataFrame) -> str:
    return "n_kernen" if "n_kernen" in cells else "n"


def _interval_columns(outcome: str) -> tuple[Column, ...]:
    """The interval as one text on screen ('1,2 – 3,4') and as its two bounds in the export."""
    code, places = "vergelijking_groepen", decimals(outcome)
    return (
        Column("interval", with_unit(t("wwk.col.interval"), outcome), missing="", indicator=code, export=False),
        Column("ci_low", with_unit(t("wwk.col.interval_low"), outcome), kind="number", decimals=places,
               screen=False),
        Column("ci_high", with_unit(t("wwk.col.interval_high"), outcome), kind="number", decimals=places,
               screen=False),
    )  # fmt: skip


def _mean_column(key: str, text_key: str, outcome: str) -> Column:
    return Column(key, with_unit(t(text_key), outcome), kind="number", decimals=decimals(outcome),
                  indicator=wat_werkt.OUTCOMES[outcome])  # fmt: skip


def groups_table(
    cells: pd.DataFrame, dimension: str, outcome: str, blocked: str = "", unknown: int = 0
) -> Table:
    """wat_werkt.cell_table's rows with the verdict applied (:func:`allowed`; ``blocked``: why no
    row of this table may be marked): n, mean, interval, the other kernen, difference and p. A
    last row counts the kernen whose group is ``unknown``: left out, never counted as 'nee'."""
    rows = allowed(cells, blocked)
    frame, comparison = _comparison_columns(rows.assign(group=rows["group"].astype(str)), outcome)
    if unknown:
        extra = {"group": t("common.unknown"), "n": unknown, "marked_text": t("wwk.unknown_left_out"),
                 "interval": "", "note": ""}  # fmt: skip
        frame = pd.concat([frame, pd.DataFrame([extra])], ignore_index=True)
    columns = [
        Column("group", t("wwk.col.group"), indicator=dimension_code(dimension)),
        Column("n", t("wwk.col.n"), kind="count"),
        _mean_column("mean", "wwk.col.mean", outcome),
        *_interval_columns(outcome),
        *comparison,
        Column("n_rest", t("wwk.col.n_rest"), kind="count"),
        _mean_column("mean_rest", "wwk.col.mean_rest", outcome),
    ]
    return tables.table(frame, columns)


def heatmap_table(cells: pd.DataFrame, context_dim: str, approach_dim: str, outcome: str) -> Table:
    """The heat map's cells as a table (participants: small counts as <5)."""
    frame, comparison = _comparison_columns(cells, outcome)
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
        _mean_column("mean", "wwk.col.mean", outcome),
        *_interval_columns(outcome),
        *comparison,
    ]
    return tables.table(frame, columns)


SIMILAR_OUTCOMES = ("reach_per_1000", "bewegen_per_1000", "share_previously_inactive", "continuity_2019")


def similar_table(frame: pd.DataFrame) -> Table:
    """The comparable kernen: distance, what makes them alike, what they did (approach) and achieved
    (each outcome with its unit; an unknown approach reads 'onbekend', never 'nee')."""
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
            Column(outcome, named_with_unit(outcome), kind="number", decimals=decimals(outcome),
                   missing=unknown, indicator=wat_werkt.OUTCOMES[outcome])
            for outcome in SIMILAR_OUTCOMES
        ),
    ]  # fmt: skip
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


#: The registry code of the before/after figures (reach per 1,000 in one calendar year).
YEARLY = "bereik_per_1000_per_jaar"


def _years_columns(missing: str = tables.MISSING) -> list[Column]:
    """One column per year, its header with the registry unit: '2016 (per 1.000 inwoners per jaar)'."""
    yearly = indicators.get(YEARLY).unit
    return [
        Column(
            f"y{year}",
            f"{year} ({yearly})",
            kind="number",
            decimals=1,
            missing=missing,
            indicator=YEARLY,
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
               formatter=lambda v: fmt.signed_percent(v, 0)),
        Column("change_2018_2019", t("wwk.col.change_2018_2019"), kind="percent", missing=unknown,
               formatter=lambda v: fmt.signed_percent(v, 0)),
    ]  # fmt: skip
    return tables.table(data, columns)
