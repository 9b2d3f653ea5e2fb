"""Wat werkt, voor welke kern en onder welke omstandigheden? — the analysis core (issue 5).

The programme asks which approach works for which kern under which circumstances. With 22
kernen that question can only be explored, not answered causally, so this module keeps every
comparison small, explicit and honest:

* :func:`context` — per kern its circumstances, each a documented grouping (size, ageing,
  krimp, sportdeelname, dorp/wijk, sporthal);
* :func:`approach` — per kern what it did (beweegaanbod, laagdrempelige lidmaatschappen,
  doorverwijsnetwerk, partner sectors, BRAVO themes, each target group chosen, continuation),
  also as yes/no groupings;
* :func:`outcomes` — per kern what happened in a period (reach, previously inactive, referrals,
  reach of 'bewegen' activities per 1,000, reach of each target group, continuity 2019, a
  retention proxy);
* :func:`cell_table` — per group n kernen, mean, bootstrap interval, and a permutation test of
  the difference with the other kernen; a difference is *marked* only when p < alpha and both
  sides have at least :data:`MIN_N` kernen;
* :func:`heatmap` — approach × context cells; :func:`similar_kernen` — the comparable kernen
  (:mod:`sv_analytics.vergelijkbaar`, the same definition as Mijn kern's) with what they did and
  achieved; :func:`before_after` — reach 2016, 2018, 2019 per kern and per context group.

Every threshold, grouping and outcome is registered in ``sv_analytics/indicators/wat_werkt.py``
(the thresholds are imported from there, so code and registry text cannot drift); outcomes that
exist elsewhere reuse their definitions (``bereik_per_1000`` via :func:`overzicht.kern_overview`,
``deelnemers`` via :func:`deelname.reach`). Functions that take a ``table`` (:func:`kern_table`)
work on it without the database, so a caller that has the table computes nothing twice. The
default period is the project (:data:`timeline.PROJECT`). No Streamlit here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from sv_analytics import deelname, kernprofiel, overzicht, privacy, queries, timeline, vergelijkbaar, vocab
from sv_analytics.indicators.wat_werkt import (
    AGEING_PCT,
    ALPHA,
    BEWEGEN_MIN_ACTIVITIES,
    BRAVO_OTHER_THEMES_MIN,
    KRIMP_BELOW_PCT,
    LOW_THRESHOLD_ABOVE_PCT,
    MIN_N,
    N_BOOT,
    N_PERM,
    PARTNER_SECTORS_MIN,
    SMALL_KERN_INHABITANTS,
)

__all__ = [
    "AGEING_PCT",
    "ALPHA",
    "APPROACH_DIMENSIONS",
    "CONTEXT_DIMENSIONS",
    "HONESTY",
    "MIN_N",
    "OUTCOMES",
    "BeforeAfter",
    "approach",
    "before_after",
    "cell_table",
    "context",
    "heatmap",
    "heatmap_from",
    "kern_table",
    "outcomes",
    "similar_from",
    "similar_kernen",
]

HONESTY = (
    "Wat 22 kernen wel en niet kunnen laten zien. Deze vergelijkingen beschrijven samenhang tussen "
    "omstandigheden, aanpak en uitkomsten in 22 kernen; ze tonen niet wat een aanpak veroorzaakt. Kernen "
    "kozen hun aanpak zelf en verschillen op veel punten tegelijk (de vergrijsde kernen zijn ook de "
    "kleinste), dus een verschil tussen groepen kan ook door iets anders komen. Daarom noemen we geen "
    "aanpak 'effectief'. Bij elk gemiddelde staan het aantal kernen en een onzekerheidsinterval; een "
    "verschil wordt alleen gemarkeerd als het bij toeval onwaarschijnlijk is (permutatietoets) én beide "
    f"groepen minstens {MIN_N} kernen tellen. Ook dan blijft het een aanwijzing om verder te onderzoeken, "
    "in gesprek met de kernen zelf; bij veel vergelijkingen wordt er af en toe een bij toeval gemarkeerd. "
    "Per-1.000-cijfers van zeer kleine kernen schommelen sterk."
)

#: Context dimension → (column with the group label, registry code).
CONTEXT_DIMENSIONS = {
    "omvang": ("size_group", "context_omvang"),
    "vergrijzing": ("ageing_group", "context_vergrijzing"),
    "krimp": ("trend_group", "context_krimp"),
    "sporters": ("health_group", "context_sporters"),
    "kern_type": ("kern_type", "context_kern_type"),
    "sporthal": ("sporthal_group", "context_sporthal"),
}
#: Approach dimension → (column with the group label, registry code).
APPROACH_DIMENSIONS = {
    "beweegaanbod": ("bewegen_group", "aanpak_beweegaanbod"),
    "laagdrempelig": ("low_threshold_group", "aanpak_laagdrempelig"),
    "doorverwijsnetwerk": ("network_group", "aanpak_doorverwijsnetwerk"),
    "partners": ("partners_group", "aanpak_partnersectoren"),
    "bravo": ("bravo_group", "aanpak_bravo_breed"),
    **{f"doelgroep_{code}": (f"chooses_{code}", f"aanpak_doelgroep_{code}") for code in vocab.DOELGROEP},
    "doorgaan": ("continues_group", "aanpak_doorgaan"),
}
#: Outcome column → registry code.
OUTCOMES = {
    "reach_per_1000": "bereik_per_1000",
    "inactive_per_1000": "voorheen_inactief_per_1000",
    "share_previously_inactive": "aandeel_voorheen_inactief",
    "referrals_per_1000": "doorverwijzingen_per_1000",
    "bewegen_per_1000": "bewegen_bereik_per_1000",
    **{f"reach_{code}": f"bereik_doelgroep_{code}" for code in vocab.DOELGROEP},
    "continuity_2019": "continuiteit_2019",
    "retention_proxy": "behoud_6_maanden",
}
YES, NO = "ja", "nee"


def _yes_no(flags: pd.Series) -> pd.Series:
    return flags.map(lambda v: None if pd.isna(v) else (YES if v else NO))


# ------------------------------------------------------------------------------ context
def context(
    conn: duckdb.DuckDBPyConnection, profiles: dict[str, kernprofiel.KernProfile] | None = None
) -> pd.DataFrame:
    """One row per kern with its context figures and groupings (codes ``context_*``).

    Columns: has_sporthal, the figures of :func:`vergelijkbaar.features` (kern_id, name,
    kern_type, inhabitants, share_65 with its level, year and source, growth_pct, sporters_pct
    with its level: the Kernprofiel's figures) and the group columns of
    :data:`CONTEXT_DIMENSIONS`. A group is None where its figure is unknown. ``profiles`` is
    kernprofiel.all_profiles when the caller already has it.
    """
    profiles = kernprofiel.all_profiles(conn) if profiles is None else profiles
    base = queries.run(conn, "wat_werkt_kernen")[["kern_id", "has_sporthal"]]
    frame = base.merge(vergelijkbaar.features(conn, profiles), on="kern_id", how="left")
    frame["size_group"] = frame["inhabitants"].map(
        lambda v: None if pd.isna(v) else ("klein" if v < SMALL_KERN_INHABITANTS else "groot")
    )
    frame["ageing_group"] = frame["share_65"].map(
        lambda v: None if pd.isna(v) else ("vergrijsd" if v >= AGEING_PCT else "niet vergrijsd")
    )
    frame["trend_group"] = frame["growth_pct"].map(
        lambda v: None if pd.isna(v) else ("krimp" if v < KRIMP_BELOW_PCT else "geen krimp")
    )
    median = frame["sporters_pct"].median()
    frame["health_group"] = frame["sporters_pct"].map(
        lambda v: None if pd.isna(v) else ("minder sporters" if v < median else "meer sporters")
    )
    frame["sporthal_group"] = _yes_no(frame["has_sporthal"])
    return frame


# ------------------------------------------------------------------------------ approach
def approach(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per kern with what it did (codes ``aanpak_*``) and the yes/no groupings.

    Shares are over the kern's activities without evenementen; NaN for a kern without any.
    """
    frame = queries.run(conn, "wat_werkt_kernen").drop(
        columns=["name", "kern_type", "inhabitants", "has_sporthal"]
    )
    activities = frame["activities"].where(frame["activities"] > 0)
    frame["bewegen_pct"] = 100 * frame["bewegen_activities"] / activities
    frame["low_threshold_pct"] = 100 * frame["low_threshold_activities"] / activities
    frame["bewegen_group"] = _yes_no(frame["bewegen_activities"] >= BEWEGEN_MIN_ACTIVITIES)
    frame["low_threshold_group"] = _yes_no(
        frame["low_threshold_pct"].gt(LOW_THRESHOLD_ABOVE_PCT).where(frame["low_threshold_pct"].notna())
    )
    frame["network_group"] = _yes_no(frame["referral_network"])
    frame["partners_group"] = _yes_no(frame["partner_sectors"] >= PARTNER_SECTORS_MIN)
    frame["bravo_group"] = _yes_no(frame["bravo_other_themes"] >= BRAVO_OTHER_THEMES_MIN)
    chosen = frame["target_groups"].str.split(", ")
    for code in vocab.DOELGROEP:
        frame[f"chooses_{code}"] = chosen.map(lambda groups, c=code: YES if c in groups else NO)
    frame["continues_group"] = _yes_no(frame["continues_after_subsidy"].astype("object"))
    return frame


# ------------------------------------------------------------------------------ outcomes
#: Each outcome's protection: the count(s) of people it is computed from (privacy.Basis). A
#: protected analysis computes the outcome of every kern from its rounded counts, so neither a
#: kern's outcome (similar kernen, before/after per kern) nor a group mean of one kern gives a
#: count back; a kern whose count is 1–4 has that outcome unknown.
OUTCOME_BASIS: dict[str, privacy.Basis] = {
    "reach_per_1000": "participants",
    "inactive_per_1000": "previously_inactive",
    "share_previously_inactive": ("previously_inactive", "new_participants"),
    "referrals_per_1000": "referrals",
    "bewegen_per_1000": "bewegen_reach",
    **{f"reach_{code}": (f"people_{code}", f"size_{code}") for code in vocab.DOELGROEP},
    "continuity_2019": ("months_2019", "months_2018"),
}


def outcomes(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    profiles: dict[str, kernprofiel.KernProfile] | None = None,
    protected: bool = False,
) -> pd.DataFrame:
    """One row per kern with the outcomes of :data:`OUTCOMES` for the months start..end.

    ``participants`` and ``reach_per_1000`` are :func:`overzicht.kern_overview`'s (registry
    ``deelnemers`` and ``bereik_per_1000``); ``continuity_2019`` is fixed to 2019 ÷ 2018 whatever
    the period; ``retention_proxy`` covers the activities that started in the period;
    ``reach_<doelgroep>`` is :func:`deelname.target_group_reach`'s percentage (registry
    ``bereik_doelgroep_<doelgroep>``, the Deelname page's figure).

    ``protected``: every outcome from the rounded counts it comes from (:data:`OUTCOME_BASIS`;
    unknown where such a count is 1–4); the counts themselves stay exact in the frame (the
    views protect them where they show them, e.g. the participants of a heat-map cell).
    """
    overview = overzicht.kern_overview(conn, timeline.Period(start, end))
    frame = overview[["kern_id", "inhabitants", "participants", "new_participants", "referrals"]].copy()
    inhabitants = frame["inhabitants"].where(frame["inhabitants"] > 0)
    frame["reach_per_1000"] = overview["participants_per_1000"].astype("float64")
    frame["referrals_per_1000"] = overview["referrals_per_1000"].astype("float64")

    part = deelname.participation(conn, start, end)  # the one reach (query deelname_participation)
    inactive = part.groupby("kern_id")["previously_inactive"].sum()
    bewegen = part[part["kind"] == "bewegen"]
    bewegen_reach = deelname.reach(bewegen, ["kern_id"]) if len(bewegen) else pd.Series(dtype="float64")
    frame["previously_inactive"] = frame["kern_id"].map(inactive).fillna(0).astype("int64")
    frame["inactive_per_1000"] = 1000 * frame["previously_inactive"] / inhabitants
    new = frame["new_participants"].where(frame["new_participants"] > 0)
    frame["share_previously_inactive"] = 100 * frame["previously_inactive"] / new
    frame["bewegen_reach"] = frame["kern_id"].map(bewegen_reach).fillna(0)
    frame["bewegen_per_1000"] = 1000 * frame["bewegen_reach"] / inhabitants

    baseline = deelname.baseline_comparison(conn).set_index("kern_id")
    frame["continuity_2019"] = 1 + frame["kern_id"].map(baseline["change_2019_pct"]) / 100
    for year in ("2018", "2019"):
        frame[f"months_{year}"] = frame["kern_id"].map(baseline[f"months_{year}"])

    groups = deelname.target_group_reach(conn, start, end, profiles=profiles)
    for code in vocab.DOELGROEP:
        found = groups[groups["doelgroep"] == code].set_index("kern_id")
        frame[f"reach_{code}"] = frame["kern_id"].map(found["pct"]).astype("float64")
        frame[f"people_{code}"] = frame["kern_id"].map(found["people"]).astype("float64")
        frame[f"size_{code}"] = frame["kern_id"].map(found["size"]).astype("float64")

    retention = queries.run(conn, "wat_werkt_retention", start=start, end=end)
    retention = retention[retention["first_three_mean"] > 0]
    ratio = retention["month_7"] / retention["first_three_mean"]
    if protected:  # each activity's ratio from its rounded counts (unknown when one is 1–4)
        first_three = 3 * retention["first_three_mean"]
        ratio = pd.Series(
            [privacy.protect_derived(r, m, f) for r, m, f in zip(ratio, retention["month_7"], first_three, strict=True)],
            index=retention.index, dtype="float64",
        )  # fmt: skip
    frame["retention_proxy"] = frame["kern_id"].map(ratio.groupby(retention["kern_id"]).mean())
    frame["retention_activities"] = frame["kern_id"].map(retention.groupby("kern_id").size()).fillna(0)
    if protected:
        frame = privacy.protect_frame(frame, derived=OUTCOME_BASIS)
    return frame


def kern_table(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    *,
    ctx: pd.DataFrame | None = None,
    profiles: dict[str, kernprofiel.KernProfile] | None = None,
    protected: bool = False,
) -> pd.DataFrame:
    """Context, approach and outcomes side by side: one row per kern (``ctx``: :func:`context`,
    ``profiles``: kernprofiel.all_profiles, when the caller already has them; ``protected``:
    the outcomes from rounded counts, see :func:`outcomes`)."""
    profiles = kernprofiel.all_profiles(conn) if profiles is None else profiles
    outcome = outcomes(conn, start, end, profiles, protected).drop(columns=["inhabitants"])
    ctx = context(conn, profiles) if ctx is None else ctx
    return ctx.merge(approach(conn), on="kern_id").merge(outcome, on="kern_id")


# ------------------------------------------------------------------------------ statistics
def _bootstrap_interval(values: np.ndarray, rng: np.random.Generator, n_boot: int, alpha: float):
    if len(values) == 0:
        return math.nan, math.nan
    if len(values) == 1:
        return float(values[0]), float(values[0])
    draws = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    low, high = np.quantile(draws, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


def _permutation_p(inside: np.ndarray, outside: np.ndarray, rng: np.random.Generator, n_perm: int) -> float:
    """Two-sided permutation test of the difference in means; p = (1 + #|d*| ≥ |d|) ÷ (1 + n_perm)."""
    if len(inside) == 0 or len(outside) == 0:
        return math.nan
    pooled = np.concatenate([inside, outside])
    observed = abs(inside.mean() - outside.mean())
    order = rng.random((n_perm, len(pooled))).argsort(axis=1)
    shuffled = pooled[order]
    k = len(inside)
    diffs = np.abs(shuffled[:, :k].mean(axis=1) - shuffled[:, k:].mean(axis=1))
    return float((1 + np.count_nonzero(diffs >= observed - 1e-12)) / (1 + n_perm))


CELL_COLUMNS = ["group", "n", "mean", "ci_low", "ci_high", "n_rest", "mean_rest", "difference", "p_value",
                "small_n", "marked"]  # fmt: skip


def cell_table(
    frame: pd.DataFrame,
    group_col: str,
    outcome_col: str,
    *,
    seed: int = 0,
    n_boot: int = N_BOOT,
    alpha: float = ALPHA,
    n_perm: int = N_PERM,
) -> pd.DataFrame:
    """Compare the groups of ``group_col`` (one row per kern) on ``outcome_col``.

    Per group: n kernen, mean, a percentile bootstrap interval of the mean (level 1 − alpha),
    and the difference with the other kernen (``mean − mean_rest``) with a two-sided permutation
    p-value. With two groups both rows carry the same test; with more, each group is tested
    against the rest at alpha ÷ number of groups (Bonferroni). ``small_n`` is true when either
    side has fewer than :data:`MIN_N` kernen; such a row is never ``marked``. Rows with a missing
    group or outcome are left out. Deterministic for a given seed (registry ``vergelijking_groepen``).
    """
    data = frame[[group_col, outcome_col]].dropna()
    groups = sorted(data[group_col].unique(), key=str)
    if not groups:
        return pd.DataFrame(columns=CELL_COLUMNS)
    level = alpha if len(groups) <= 2 else alpha / len(groups)
    values = data[outcome_col].to_numpy(dtype="float64")
    labels = data[group_col].to_numpy()
    rows = []
    two_p = None
    for index, group in enumerate(groups):
        inside, outside = values[labels == group], values[labels != group]
        rng = np.random.default_rng([seed, index])
        ci_low, ci_high = _bootstrap_interval(inside, rng, n_boot, alpha)
        if len(groups) == 2 and two_p is not None:
            p_value = two_p  # the same comparison as the first group's, seen from the other side
        else:
            p_value = _permutation_p(inside, outside, np.random.default_rng([seed, 1000 + index]), n_perm)
            two_p = p_value
        small = len(inside) < MIN_N or len(outside) < MIN_N
        rows.append(
            {
                "group": group,
                "n": len(inside),
                "mean": float(inside.mean()),
                "ci_low": ci_low,
                "ci_high": ci_high,
                "n_rest": len(outside),
                "mean_rest": float(outside.mean()) if len(outside) else math.nan,
                "difference": float(inside.mean() - outside.mean()) if len(outside) else math.nan,
                "p_value": p_value,
                "small_n": small,
                "marked": bool(not small and not math.isnan(p_value) and p_value < level),
            }
        )
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def _dimension_column(dimension: str) -> str:
    for table in (CONTEXT_DIMENSIONS, APPROACH_DIMENSIONS):
        if dimension in table:
            return table[dimension][0]
    raise KeyError(f"Onbekende dimensie: {dimension}")


def heatmap(
    conn: duckdb.DuckDBPyConnection,
    context_dim: str,
    approach_dim: str,
    outcome: str,
    start: date = timeline.PROJECT.start,
    end: date = timeline.PROJECT.end,
    *,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`heatmap_from` the :func:`kern_table` of the period."""
    return heatmap_from(kern_table(conn, start, end), context_dim, approach_dim, outcome, seed=seed)


def heatmap_from(
    table: pd.DataFrame, context_dim: str, approach_dim: str, outcome: str, *, seed: int = 0
) -> pd.DataFrame:
    """Approach × context cells of ``outcome`` in ``table`` (:func:`kern_table`): per cell n
    kernen, n participants (registry ``deelnemers`` in the period), mean, bootstrap interval and
    the small-n flag; plus, within each context group, the comparison of the approach groups
    (difference, p-value, marked)."""
    if outcome not in OUTCOMES:
        raise KeyError(f"Onbekende uitkomst: {outcome}")
    context_col, approach_col = _dimension_column(context_dim), _dimension_column(approach_dim)
    rows = []
    for context_group, part in table.dropna(subset=[context_col]).groupby(context_col, sort=True):
        cells = cell_table(part, approach_col, outcome, seed=seed).set_index("group")
        for approach_group, cell in part.dropna(subset=[approach_col, outcome]).groupby(approach_col):
            found = cells.loc[approach_group]
            rows.append(
                {
                    "context": context_group,
                    "approach": approach_group,
                    "n_kernen": int(found["n"]),
                    "n_participants": int(cell["participants"].sum()),
                    "mean": found["mean"],
                    "ci_low": found["ci_low"],
                    "ci_high": found["ci_high"],
                    "difference": found["difference"],
                    "p_value": found["p_value"],
                    "small_n": bool(found["n"] < MIN_N),
                    "marked": bool(found["marked"]),
                }
            )
    return pd.DataFrame(rows, columns=["context", "approach", "n_kernen", "n_participants", "mean", "ci_low",
                                       "ci_high", "difference", "p_value", "small_n", "marked"])  # fmt: skip


# ------------------------------------------------------------------------------ similar kernen
def similar_kernen(
    conn: duckdb.DuckDBPyConnection,
    kern_id: str,
    k: int = vergelijkbaar.N_COMPARABLE,
    start: date = timeline.PROJECT.start,
    end: date = timeline.PROJECT.end,
) -> pd.DataFrame:
    """:func:`similar_from` the :func:`kern_table` of the period."""
    return similar_from(kern_table(conn, start, end), kern_id, k)


def similar_from(table: pd.DataFrame, kern_id: str, k: int = vergelijkbaar.N_COMPARABLE) -> pd.DataFrame:
    """The ``k`` comparable kernen of ``kern_id`` in ``table`` (:func:`kern_table`): the one
    definition of :func:`vergelijkbaar.nearest` (registry ``vergelijkbare_kernen_afstand``: the
    same kind of place first, then the profile distance), each with its distance, the two figures
    most alike (``alike``), and its approach and outcomes; most comparable first."""
    others = vergelijkbaar.nearest(table, kern_id, k)
    keep = ["kern_id", "name", "kern_type", "inhabitants", "distance", "same_kind", "alike"]
    keep += ["share_65", "growth_pct", "sporters_pct"]
    keep += [col for col, _ in APPROACH_DIMENSIONS.values()] + ["target_groups", *OUTCOMES]
    return others[keep]


# ------------------------------------------------------------------------------ before / after
BEFORE_AFTER_YEARS = (2016, 2018, 2019)


@dataclass(frozen=True)
class BeforeAfter:
    """Reach per 1,000 inhabitants per calendar year: per kern (``per_kern``, columns ``y2016`` …)
    and the mean per context group (``by_group``: dimension, group, year, n, mean)."""

    per_kern: pd.DataFrame
    by_group: pd.DataFrame


def before_after(
    conn: duckdb.DuckDBPyConnection, *, ctx: pd.DataFrame | None = None, protected: bool = False
) -> BeforeAfter:
    """Baseline 2016, last project year 2018 and follow-up 2019: reach per 1,000 (registry
    ``bereik_per_1000`` over one calendar year, i.e. ``bereik_per_1000_per_jaar``). ``ctx`` is
    :func:`context` when the caller already has it; ``protected``: each kern's rate from its
    rounded reach (unknown for 1–4), and the group means from those rates."""
    ctx = context(conn) if ctx is None else ctx
    per_kern = ctx[["kern_id", "name", *[col for col, _ in CONTEXT_DIMENSIONS.values()]]].copy()
    for year in BEFORE_AFTER_YEARS:
        overview = overzicht.kern_overview(conn, timeline.Period(date(year, 1, 1), date(year, 12, 1)))
        if protected:
            overview = privacy.protect_frame(overview, derived={"participants_per_1000": "participants"})
        per_kern[f"y{year}"] = per_kern["kern_id"].map(overview.set_index("kern_id")["participants_per_1000"])
    rows = []
    for dimension, (column, _) in CONTEXT_DIMENSIONS.items():
        for group, part in per_kern.dropna(subset=[column]).groupby(column, sort=True):
            for year in BEFORE_AFTER_YEARS:
                rows.append({"dimension": dimension, "group": group, "year": year, "n": len(part),
                             "mean": float(part[f"y{year}"].mean())})  # fmt: skip
    return BeforeAfter(per_kern, pd.DataFrame(rows, columns=["dimension", "group", "year", "n", "mean"]))
