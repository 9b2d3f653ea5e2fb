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
  reach of 'bewegen' activities per 1,000, reach of each target group, the change 2019 t.o.v.
  2018 in %, the share of new activities still running after 6 months); a kern without any
  monitoring data has them unknown, never 0, and its approach unknown, never "nee";
* :func:`cell_table` — per group n kernen, mean, a 95 % interval that holds at small n (Hall's
  skewness-corrected t-interval; none below :data:`MIN_N`, "few" up to :data:`FEW_MAX`), and a
  permutation test of the difference with the other kernen;
* :func:`overlap` / :func:`dependence` / :func:`verdict` — what a view can separate: whether
  approach and context coincide in the 22 kernen (a cross-table with a cell under MIN_N), and
  whether the outcome counts the approach by definition (registry ``DEPENDENT``). A difference
  is *marked* only when p < alpha, both sides have at least MIN_N kernen and neither applies;
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

from sv_analytics import (
    deelname,
    interventions,
    kernprofiel,
    overzicht,
    privacy,
    queries,
    timeline,
    vergelijkbaar,
    vocab,
)
from sv_analytics.indicators.wat_werkt import (
    AGEING_PCT,
    ALPHA,
    BEWEGEN_MIN_ACTIVITIES,
    BRAVO_OTHER_THEMES_MIN,
    DEPENDENT,
    FEW_MAX,
    KRIMP_BELOW_PCT,
    LOW_THRESHOLD_ABOVE_PCT,
    MIN_N,
    N_PERM,
    PARTNER_SECTORS_MIN,
    SMALL_KERN_INHABITANTS,
    t_quantile_975,
)

__all__ = [
    "AGEING_PCT",
    "ALPHA",
    "APPROACH_DIMENSIONS",
    "CONTEXT_DIMENSIONS",
    "FEW_MAX",
    "HONESTY",
    "MIN_N",
    "OUTCOMES",
    "BeforeAfter",
    "Overlap",
    "Verdict",
    "approach",
    "before_after",
    "cell_table",
    "context",
    "dependence",
    "has_monitoring_data",
    "heatmap",
    "heatmap_from",
    "interval",
    "intervals",
    "kern_table",
    "outcomes",
    "overlap",
    "similar_from",
    "similar_kernen",
    "verdict",
]

HONESTY = (
    "Wat 22 kernen wel en niet kunnen laten zien. Deze vergelijkingen beschrijven samenhang tussen "
    "omstandigheden, aanpak en uitkomsten in 22 kernen; ze tonen niet wat een aanpak veroorzaakt. Kernen "
    "kozen hun aanpak zelf en verschillen op veel punten tegelijk (de vergrijsde kernen zijn ook de "
    "kleinste), dus een verschil tussen groepen kan ook door iets anders komen. Daarom noemen we geen "
    "aanpak 'effectief'. Bij elk gemiddelde staan het aantal kernen en een onzekerheidsinterval (onder "
    f"{MIN_N} kernen geen interval); een verschil wordt alleen gemarkeerd als het bij toeval "
    f"onwaarschijnlijk is (permutatietoets), beide groepen minstens {MIN_N} kernen tellen, aanpak en "
    "omstandigheid in de gegevens niet samenvallen en de uitkomst de aanpak niet zelf meetelt. Ook dan "
    "blijft het een aanwijzing om verder te onderzoeken, in gesprek met de kernen zelf; bij veel "
    "vergelijkingen wordt er af en toe een bij toeval gemarkeerd. Per-1.000-cijfers van zeer kleine "
    "kernen schommelen sterk."
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
    "erkende_interventie": ("recognised_group", interventions.APPROACH_CODE),
}
#: Outcome column → registry code.
OUTCOMES = {
    "reach_per_1000": "bereik_per_1000",
    "inactive_per_1000": "voorheen_inactief_per_1000",
    "share_previously_inactive": "aandeel_voorheen_inactief",
    "referrals_per_1000": "doorverwijzingen_per_1000",
    "bewegen_per_1000": "bewegen_bereik_per_1000",
    **{f"reach_{code}": f"bereik_doelgroep_{code}" for code in vocab.DOELGROEP},
    "continuity_2019": "deelname_verandering_2019",
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
    base = queries.run(conn, "wat_werkt_kernen")[["kern_id", "has_sporthal", "has_facilities"]]
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
    frame["sporthal_group"] = _yes_no(frame["has_sporthal"].where(frame["has_facilities"]))
    return frame.drop(columns=["has_facilities"])


# ------------------------------------------------------------------------------ approach
def approach(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per kern with what it did (codes ``aanpak_*``) and the yes/no groupings.

    Shares are over the kern's activities without evenementen; NaN for a kern without any. A
    grouping is None (unknown, never "nee") where the kern has no monitoring rows it could be
    read from: no activities (beweegaanbod, laagdrempelig, BRAVO), no agreements
    (doorverwijsnetwerk), no organisations (partners), no werkplan (target groups), no final
    evaluation (doorgaan), no activity naming a Loket Gezond Leven intervention (erkende
    interventie: :func:`interventions.kern_counts`, an empty column may mean "not filled in").
    ``has_monitoring``: the kern has activities (:func:`has_monitoring_data`).
    """
    frame = queries.run(conn, "wat_werkt_kernen").drop(
        columns=["name", "kern_type", "inhabitants", "has_sporthal", "has_facilities"]
    )
    activities = frame["activities"].where(frame["activities"] > 0)
    frame["bewegen_pct"] = 100 * frame["bewegen_activities"] / activities
    frame["low_threshold_pct"] = 100 * frame["low_threshold_activities"] / activities
    frame["bewegen_group"] = _yes_no(
        _known(frame["bewegen_activities"] >= BEWEGEN_MIN_ACTIVITIES, frame["has_activities"])
    )
    frame["low_threshold_group"] = _yes_no(
        frame["low_threshold_pct"].gt(LOW_THRESHOLD_ABOVE_PCT).where(frame["low_threshold_pct"].notna())
    )
    frame["network_group"] = _yes_no(_known(frame["referral_network"], frame["has_agreements"]))
    frame["partners_group"] = _yes_no(
        _known(frame["partner_sectors"] >= PARTNER_SECTORS_MIN, frame["has_organisations"])
    )
    frame["bravo_group"] = _yes_no(
        _known(frame["bravo_other_themes"] >= BRAVO_OTHER_THEMES_MIN, frame["has_activities"])
    )
    chosen = frame["target_groups"].str.split(", ")
    for code in vocab.DOELGROEP:
        picked = chosen.map(lambda groups, c=code: c in groups)
        frame[f"chooses_{code}"] = _yes_no(_known(picked, frame["has_werkplan"]))
    frame["continues_group"] = _yes_no(frame["continues_after_subsidy"].astype("object"))
    frame["has_monitoring"] = frame["has_activities"].astype(bool)
    recognised = interventions.kern_counts(conn).set_index("kern_id")["recognised_group"]
    frame["recognised_group"] = frame["kern_id"].map(recognised).astype(object)
    frame["recognised_group"] = frame["recognised_group"].where(frame["recognised_group"].notna(), None)
    return frame


def _known(flags: pd.Series, recorded: pd.Series) -> pd.Series:
    """``flags`` where the kern has the monitoring rows they come from, else None (unknown)."""
    return flags.astype("object").where(recorded.astype(bool), None)


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
    "continuity_ratio": ("months_2019", "months_2018"),  # continuity_2019 is computed from it
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
    ``deelnemers`` and ``bereik_per_1000``); ``continuity_2019`` is Deelname's change in % of
    2019 against 2018 (registry ``deelname_verandering_2019``), whatever the period;
    ``retention_proxy`` is the share (%) of the new activities started in the period that still
    run in their 7th month (registry ``behoud_6_maanden``); ``reach_<doelgroep>`` is
    :func:`deelname.target_group_reach`'s percentage (registry ``bereik_doelgroep_<doelgroep>``,
    the Deelname page's figure). A kern without any activity in the monitoring has every
    outcome NaN: no data is not a reach of 0.

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
    for year in ("2018", "2019"):
        frame[f"months_{year}"] = frame["kern_id"].map(baseline[f"months_{year}"])
    # Deelname's change_2019_pct as a ratio first: a protected view rescales a ratio of counts,
    # not a percentage change
    frame["continuity_ratio"] = 1 + frame["kern_id"].map(baseline["change_2019_pct"]).astype("float64") / 100

    groups = deelname.target_group_reach(conn, start, end, profiles=profiles)
    for code in vocab.DOELGROEP:
        found = groups[groups["doelgroep"] == code].set_index("kern_id")
        frame[f"reach_{code}"] = frame["kern_id"].map(found["pct"]).astype("float64")
        frame[f"people_{code}"] = frame["kern_id"].map(found["people"]).astype("float64")
        frame[f"size_{code}"] = frame["kern_id"].map(found["size"]).astype("float64")

    retention = queries.run(conn, "wat_werkt_retention", start=start, end=end)
    retention = retention[retention["first_three_mean"] > 0]  # activities that got going
    still_running = 100.0 * (retention["month_7"] > 0)  # counts activities, not people: no protection
    frame["retention_proxy"] = frame["kern_id"].map(still_running.groupby(retention["kern_id"]).mean())
    frame["retention_activities"] = frame["kern_id"].map(retention.groupby("kern_id").size()).fillna(0)
    recorded = frame["kern_id"].map(
        queries.run(conn, "wat_werkt_kernen").set_index("kern_id")["has_activities"]
    )
    frame.loc[~recorded.fillna(False).astype(bool), [*OUTCOMES, "continuity_ratio"]] = np.nan  # no data ≠ 0
    if protected:
        frame = privacy.protect_frame(frame, derived=OUTCOME_BASIS)
    frame["continuity_2019"] = 100 * (frame["continuity_ratio"] - 1)
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
def interval(values: np.ndarray) -> tuple[float, float]:
    """The 95 % interval of the mean of ``values`` (registry ``vergelijking_groepen``): NaN below
    :data:`MIN_N` values, else Hall's skewness-corrected t-interval (:func:`intervals`)."""
    values = np.asarray(values, dtype="float64")
    if len(values) < MIN_N:
        return math.nan, math.nan
    low, high = intervals(values[np.newaxis, :])
    return float(low[0]), float(high[0])


def intervals(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hall's skewness-corrected 95 % t-interval of the mean of each row of ``samples``
    (shape: groups × n, n ≥ 2; vectorised so the coverage simulation runs the very code).

    Why this method: with 3–8 kernen a percentile bootstrap is far too narrow (it cannot be wider
    than the values themselves), and the plain t-interval undercovers skewed outcomes (per-1.000
    rates, shares near 0). Hall (1992, JRSS B 54, 221–228) transforms Student's T with the sample
    skewness so that it is closer to t-distributed: with T = √n (x̄ − μ) ÷ s, a = γ ÷ √n
    (γ = mean cubed deviation ÷ s³) and g(T) = T + a·T²/3 + a²·T³/27 + a/6, the interval is
    x̄ − s ÷ √n × g⁻¹(±t(0,975; n − 1)). g is monotone ((1 + a·T/3)² ≥ 0), so
    g⁻¹(u) = 3 ÷ a × ((1 + a(u − a/6))^⅓ − 1); without skewness it is the t-interval. A row
    without spread gives the value itself (the page says that this is no certainty). Coverage
    at n = 3–8: tests/test_wat_werkt_honesty.py.
    """
    samples = np.asarray(samples, dtype="float64")
    n = samples.shape[1]
    mean = samples.mean(axis=1)
    sd = samples.std(axis=1, ddof=1)
    spread = sd > 0
    safe_sd = np.where(spread, sd, 1.0)
    a = np.where(spread, ((samples - mean[:, None]) ** 3).mean(axis=1) / safe_sd**3, 0.0) / math.sqrt(n)
    t = t_quantile_975(n - 1)
    scale = sd / math.sqrt(n)
    return mean - scale * _hall_inverse(t, a), mean - scale * _hall_inverse(-t, a)


def _hall_inverse(u: float, a: np.ndarray) -> np.ndarray:
    """g⁻¹(u) of Hall's transformation per row (the plain t quantile where a ≈ 0)."""
    tiny = np.abs(a) < 1e-12
    safe = np.where(tiny, 1.0, a)
    found = 3.0 / safe * (np.cbrt(1.0 + safe * (u - safe / 6.0)) - 1.0)
    return np.where(tiny, u, found)


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


#: The range each outcome can take (None: open): an interval is clipped to it, since the mean
#: cannot lie outside (a reach is never negative, a share never above 100 %, a change never
#: below −100 %); clipping to the possible values does not lower the coverage.
OUTCOME_RANGE: dict[str, tuple[float | None, float | None]] = {
    **{column: (0.0, None) for column in OUTCOMES},
    "share_previously_inactive": (0.0, 100.0),
    **{f"reach_{code}": (0.0, 100.0) for code in vocab.DOELGROEP},
    "continuity_2019": (-100.0, None),
    "retention_proxy": (0.0, 100.0),
}

CELL_COLUMNS = ["group", "n", "mean", "ci_low", "ci_high", "n_rest", "mean_rest", "difference", "p_value",
                "small_n", "few", "marked"]  # fmt: skip


def _clip(found: tuple[float, float], bounds: tuple[float | None, float | None]) -> tuple[float, float]:
    low, high = found
    if bounds[0] is not None and not math.isnan(low):
        low = max(low, bounds[0])
    if bounds[1] is not None and not math.isnan(high):
        high = min(high, bounds[1])
    return low, high


def is_few(n: int) -> bool:
    """MIN_N..FEW_MAX kernen: an interval, shown as "weinig kernen"."""
    return MIN_N <= n <= FEW_MAX


def cell_table(
    frame: pd.DataFrame,
    group_col: str,
    outcome_col: str,
    *,
    seed: int = 0,
    alpha: float = ALPHA,
    n_perm: int = N_PERM,
    markable: bool = True,
) -> pd.DataFrame:
    """Compare the groups of ``group_col`` (one row per kern) on ``outcome_col``.

    Per group: n kernen, mean, the 95 % interval of :func:`interval` (NaN when n < MIN_N;
    clipped to the outcome's possible values, :data:`OUTCOME_RANGE`), and
    the difference with the other kernen (``mean − mean_rest``) with a two-sided permutation
    p-value. With two groups both rows carry the same test; with more, each group is tested
    against the rest at alpha ÷ number of groups (Bonferroni). ``small_n`` is true when either
    side has fewer than :data:`MIN_N` kernen; such a row is never ``marked``; ``few``: the group
    has MIN_N..FEW_MAX kernen. ``markable=False`` (the caller's :func:`verdict` says the view
    cannot separate approach and context, or the outcome counts the approach): p is still
    computed, nothing is marked. Rows with a missing group or outcome are left out.
    Deterministic for a given seed (registry ``vergelijking_groepen``).
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
        ci_low, ci_high = _clip(interval(inside), OUTCOME_RANGE.get(outcome_col, (None, None)))
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
                "few": is_few(len(inside)),
                "marked": bool(markable and not small and not math.isnan(p_value) and p_value < level),
            }
        )
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def _dimension_column(dimension: str) -> str:
    for table in (CONTEXT_DIMENSIONS, APPROACH_DIMENSIONS):
        if dimension in table:
            return table[dimension][0]
    raise KeyError(f"Onbekende dimensie: {dimension}")


# ------------------------------------------------------------------------------ what the data can separate
#: The groups of each two-way grouping, so that an empty combination shows as 0 (not as a
#: missing column); other dimensions (kern_type) have the groups that occur.
_TWO_WAY = {
    "size_group": ("klein", "groot"),
    "ageing_group": ("vergrijsd", "niet vergrijsd"),
    "trend_group": ("krimp", "geen krimp"),
    "health_group": ("minder sporters", "meer sporters"),
}


def _groups(table: pd.DataFrame, column: str) -> list[str]:
    if column in _TWO_WAY:
        return list(_TWO_WAY[column])
    if column in {col for col, _ in APPROACH_DIMENSIONS.values()} or column == "sporthal_group":
        return [YES, NO]
    return sorted(table[column].dropna().unique(), key=str)


@dataclass(frozen=True)
class Overlap:
    """How far an approach and a context coincide in the data (registry
    ``scheiding_aanpak_omstandigheid``): ``counts`` kernen per context group (index) × approach
    group (columns), zeros included, known values only; ``thin`` the (context, approach, n)
    combinations with n < MIN_N; ``separable`` when there is a combination and none is thin."""

    counts: pd.DataFrame
    thin: tuple[tuple[str, str, int], ...]
    separable: bool


def overlap(
    table: pd.DataFrame, context_dim: str, approach_dim: str, *, outcome: str | None = None
) -> Overlap:
    """The cross-table of ``context_dim`` × ``approach_dim`` (keys of CONTEXT_DIMENSIONS and
    APPROACH_DIMENSIONS) in ``table`` (:func:`kern_table`); with ``outcome`` only the kernen
    whose outcome is known (those that enter the comparison)."""
    context_col, approach_col = CONTEXT_DIMENSIONS[context_dim][0], APPROACH_DIMENSIONS[approach_dim][0]
    known = table.dropna(subset=[context_col, approach_col, *([outcome] if outcome else [])])
    rows, columns = _groups(table, context_col), _groups(table, approach_col)
    counts = (
        pd.crosstab(known[context_col], known[approach_col])
        .reindex(index=rows, columns=columns, fill_value=0)
        .astype("int64")
    )
    counts.index.name, counts.columns.name = context_col, approach_col
    thin = tuple(
        (str(c), str(a), int(counts.loc[c, a]))
        for c in counts.index
        for a in counts.columns
        if counts.loc[c, a] < MIN_N
    )
    return Overlap(counts, thin, bool(counts.size) and not thin)


def _outcome_code(outcome: str) -> str:
    return OUTCOMES.get(outcome, outcome)


def dependence(approach_dim: str, outcome: str) -> str | None:
    """The registry's reason (Dutch) why ``outcome`` (a key of OUTCOMES or its registry code)
    partly counts the approach ``approach_dim``, or None (registry ``afhankelijke_uitkomst``)."""
    return DEPENDENT.get((APPROACH_DIMENSIONS[approach_dim][1], _outcome_code(outcome)))


@dataclass(frozen=True)
class Verdict:
    """What a view can show: its :class:`Overlap`, the dependence reason (or None), and whether
    the context comparison and the approach comparison may be marked."""

    overlap: Overlap
    dependent: str | None
    context_markable: bool
    approach_markable: bool


def verdict(table: pd.DataFrame, context_dim: str, approach_dim: str, outcome: str) -> Verdict:
    """Not separable → nothing marked; the outcome counts the approach → the approach comparison
    not marked (it is shown, with the reason)."""
    found = overlap(table, context_dim, approach_dim, outcome=outcome)
    reason = dependence(approach_dim, outcome)
    return Verdict(found, reason, found.separable, found.separable and reason is None)


def has_monitoring_data(table: pd.DataFrame) -> bool:
    """Whether any kern of ``table`` (:func:`kern_table`) has monitoring data (activities): on
    an empty database the page says so and shows nothing computed."""
    return bool(len(table)) and bool(table["has_monitoring"].fillna(False).any())


HEATMAP_COLUMNS = ["context", "approach", "n_kernen", "n_participants", "mean", "ci_low", "ci_high", "difference",
                   "p_value", "small_n", "few", "blocked", "marked"]  # fmt: skip


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
    kernen, n participants (registry ``deelnemers`` in the period), mean, interval, ``small_n``
    (n < MIN_N) and ``few``; within each context group the comparison of the approach groups
    (difference, p-value), ``blocked`` — why it is not marked, the first that applies: "small"
    (the cell has fewer than MIN_N kernen), "dependent" (the outcome counts the approach),
    "overlap" (the view cannot separate approach and context), else "" — and ``marked`` only
    where not blocked."""
    if outcome not in OUTCOMES:
        raise KeyError(f"Onbekende uitkomst: {outcome}")
    context_col, approach_col = _dimension_column(context_dim), _dimension_column(approach_dim)
    found = verdict(table, context_dim, approach_dim, outcome)
    view_block = "dependent" if found.dependent else ("" if found.overlap.separable else "overlap")
    rows = []
    for context_group, part in table.dropna(subset=[context_col]).groupby(context_col, sort=True):
        cells = cell_table(part, approach_col, outcome, seed=seed, markable=found.approach_markable)
        cells = cells.set_index("group")
        for approach_group, cell in part.dropna(subset=[approach_col, outcome]).groupby(approach_col):
            row = cells.loc[approach_group]
            small = bool(row["n"] < MIN_N)
            rows.append(
                {
                    "context": context_group,
                    "approach": approach_group,
                    "n_kernen": int(row["n"]),
                    "n_participants": int(cell["participants"].sum()),
                    "mean": row["mean"],
                    "ci_low": row["ci_low"],
                    "ci_high": row["ci_high"],
                    "difference": row["difference"],
                    "p_value": row["p_value"],
                    "small_n": small,
                    "few": bool(row["few"]),
                    "blocked": "small" if small else view_block,
                    "marked": bool(row["marked"]) and not small and not view_block,
                }
            )
    return pd.DataFrame(rows, columns=HEATMAP_COLUMNS)


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
    recorded = per_kern["kern_id"].map(
        queries.run(conn, "wat_werkt_kernen").set_index("kern_id")["has_activities"]
    )
    recorded = recorded.fillna(False).astype(bool).to_numpy()  # without activities: unknown, not 0
    for year in BEFORE_AFTER_YEARS:
        overview = overzicht.kern_overview(conn, timeline.Period(date(year, 1, 1), date(year, 12, 1)))
        if protected:
            overview = privacy.protect_frame(overview, derived={"participants_per_1000": "participants"})
        rate = per_kern["kern_id"].map(overview.set_index("kern_id")["participants_per_1000"])
        per_kern[f"y{year}"] = rate.where(recorded)
    rows = []
    for dimension, (column, _) in CONTEXT_DIMENSIONS.items():
        for group, part in per_kern.dropna(subset=[column]).groupby(column, sort=True):
            for year in BEFORE_AFTER_YEARS:
                known = part[f"y{year}"].dropna()
                rows.append({"dimension": dimension, "group": group, "year": year, "n": len(known),
                             "mean": float(known.mean()) if len(known) else math.nan})  # fmt: skip
    return BeforeAfter(per_kern, pd.DataFrame(rows, columns=["dimension", "group", "year", "n", "mean"]))
