"""Comparable kernen: the one definition that Mijn kern and Wat werkt waar both use.

Registry ``vergelijkbare_kernen_afstand`` (shown as *Profielafstand*). Why one: both pages say
"vergelijkbare kernen"; with two distances the same kern got two different lists of comparable
kernen, and a user cannot tell which one to believe.

The choice, as the registry documents it:

* **The same kind of place first.** Dorp and buurtschap are villages; a city wijk is another
  kind of place (a town around it, other facilities and other people), however alike its
  figures look. So the kernen of the kern's own kind come first and a kern of the other kind
  is chosen only when there are too few of its own (a wijk has three other wijken).
* **Within the kind, the profile distance**: the Euclidean distance between z-scores (over all
  kernen) of ln(inhabitants), the 65+ share, the population growth and the weekly sporters 18+.
  Standardising weighs each figure by its spread over the 22 kernen, so no unit dominates; the
  log makes a factor 2 in size count the same for small and large kernen; an unknown figure
  counts as average (z = 0).
* **Enough known context.** Inhabitants are always known, so without the other figures the
  distance would rank kernen by size alone and call that "comparable". A pair is ranked only
  when at least :data:`MIN_KNOWN_CONTEXT` of the three context figures (65+ share, growth,
  sporters) are known for both kernen; a kern without that much context has no comparable
  kernen (an empty ranking), and others that lack it are left out of its ranking.

The figures are the Kernprofiel's (:mod:`sv_analytics.kernprofiel`), so all pages agree on a
kern's 65+ share and growth. No Streamlit here.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from sv_analytics import indicators, kernprofiel, tables
from sv_analytics.indicators.wat_werkt import MIN_KNOWN_CONTEXT, N_COMPARABLE
from sv_analytics.tables import Column

__all__ = ["CODE", "CONTEXT_FEATURES", "FEATURES", "MIN_KNOWN_CONTEXT", "N_COMPARABLE", "distance_column",
           "features", "kind_of_place", "nearest", "ranked"]  # fmt: skip

#: The registry code of the distance (its name is the column header on both pages).
CODE = "vergelijkbare_kernen_afstand"
#: The figures of the distance: column → Dutch label (for "lijkt vooral op").
FEATURES = {
    "log_inhabitants": "inwoners (log)",
    "share_65": "aandeel 65+",
    "growth_pct": "bevolkingsgroei",
    "sporters_pct": "wekelijkse sporters",
}
#: The figures besides inhabitants, of which MIN_KNOWN_CONTEXT must be known for both kernen.
CONTEXT_FEATURES = ("share_65", "growth_pct", "sporters_pct")
FEATURE_COLUMNS = [
    "kern_id", "name", "kern_type", "inhabitants", "share_65", "share_level", "share_year", "share_source",
    "growth_pct", "sporters_pct", "sporters_level",
]  # fmt: skip


def distance_column(missing: str = tables.MISSING) -> Column:
    """The profile distance as a table column, headed by the registry's name and unit as both pages
    show it (``missing``: what a row without a distance says, e.g. the own kern)."""
    label = indicators.with_unit(indicators.get(CODE).name, CODE)
    return Column("distance", label, kind="number", decimals=2, indicator=CODE, missing=missing)


def kind_of_place(kern_type: str) -> str:
    """Dorp and buurtschap are villages (``dorp``); a city wijk is a ``wijk``."""
    return "wijk" if kern_type == "wijk" else "dorp"


def features(
    conn: duckdb.DuckDBPyConnection, profiles: dict[str, kernprofiel.KernProfile] | None = None
) -> pd.DataFrame:
    """One row per kern with the figures of the distance and where the 65+ share comes from.

    Columns :data:`FEATURE_COLUMNS`: the registry's name, type and inhabitants, the Kernprofiel's
    65+ share (with its level, year and source), population growth, and the weekly sporters 18+
    of the wijk, else the gemeente (a real source before the demo source, as the Kernprofiel
    chooses). ``profiles`` is kernprofiel.all_profiles when the caller already has it.
    """
    profiles = kernprofiel.all_profiles(conn) if profiles is None else profiles
    rows = []
    for kern_id, found in profiles.items():
        sporters, level = _sporters(found.health)
        rows.append({"kern_id": kern_id, "name": found.kern["name"], "kern_type": found.kern["kern_type"],
                     "inhabitants": found.kern["inhabitants"], "growth_pct": found.population.growth_pct,
                     "sporters_pct": sporters, "sporters_level": level})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["kern_id", "name", "kern_type", "inhabitants", "growth_pct", "sporters_pct",
                                        "sporters_level"])  # fmt: skip
    frame = frame.astype({"growth_pct": "float64", "sporters_pct": "float64"})
    shares = kernprofiel.senior_shares(conn, profiles)
    return frame.merge(shares, on="kern_id", how="left")[FEATURE_COLUMNS]


def _sporters(health: pd.DataFrame) -> tuple[float | None, str | None]:
    """Weekly sporters 18+ (%) of the wijk, else of the gemeente, with the level it comes from."""
    for area in ("wijk", "gemeente"):
        found = health[
            (health["region_level"] == area)
            & (health["indicator"] == "wekelijks_sporter_pct")
            & (health["age_group"] == "18+")
        ]
        if not found.empty:
            return float(found["value"].iloc[0]), area
    return None, None


def _z_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """The features as z-scores over all kernen (population sd); unknown or no spread → 0."""
    values = frame.assign(
        log_inhabitants=np.log(frame["inhabitants"].where(frame["inhabitants"] > 0).astype("float64"))
    )[list(FEATURES)].astype("float64")
    spread = values.std(ddof=0).replace(0, np.nan)
    z = ((values - values.mean()) / spread).fillna(0.0)
    z.index = frame["kern_id"].to_numpy()
    return z


def ranked(frame: pd.DataFrame, kern_id: str) -> pd.DataFrame:
    """Every other kern, the most comparable first: its own kind of place before the other
    kind, then by profile distance (then name). ``frame``: one row per kern with at least
    kern_id, name, kern_type and the columns of :data:`FEATURES` (``log_inhabitants`` from
    ``inhabitants``), e.g. :func:`features` or ``wat_werkt.context``.

    Adds ``distance`` (the profile distance, registry ``vergelijkbare_kernen_afstand``),
    ``same_kind`` and ``alike`` (the two figures most alike, in Dutch). Only kernen with at
    least :data:`MIN_KNOWN_CONTEXT` context figures known in common with ``kern_id`` are
    ranked; none when ``kern_id`` itself has fewer known.
    """
    if kern_id not in set(frame["kern_id"]):
        raise KeyError(f"Onbekende kern: {kern_id}")
    z = _z_scores(frame)
    gaps = (z - z.loc[kern_id]).abs()
    known = frame[list(CONTEXT_FEATURES)].notna().to_numpy()
    own = known[(frame["kern_id"] == kern_id).to_numpy()][0]
    enough = (known & own).sum(axis=1) >= MIN_KNOWN_CONTEXT
    out = frame.copy()
    out["distance"] = np.sqrt((gaps**2).sum(axis=1)).to_numpy()
    own_kind = kind_of_place(frame.set_index("kern_id").loc[kern_id, "kern_type"])
    out["same_kind"] = [kind_of_place(v) == own_kind for v in frame["kern_type"]]
    out["alike"] = [
        ", ".join(FEATURES[f] for f in row.sort_values(kind="stable").index[:2]) for _, row in gaps.iterrows()
    ]
    others = out[(out["kern_id"] != kern_id).to_numpy() & enough]
    return others.sort_values(
        ["same_kind", "distance", "name", "kern_id"], ascending=[False, True, True, True], kind="stable"
    ).reset_index(drop=True)


def nearest(frame: pd.DataFrame, kern_id: str, k: int = N_COMPARABLE) -> pd.DataFrame:
    """The ``k`` comparable kernen of ``kern_id`` (see :func:`ranked`)."""
    return ranked(frame, kern_id).head(k).reset_index(drop=True)
