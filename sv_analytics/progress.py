"""Progress of one kern: werkplan, targets, data completeness and comparable kernen (Mijn kern).

No Streamlit here: the page calls these functions through ``state.run`` and only lays out
the results. The definitions of every figure are in ``sv_analytics/indicators/progress.py``.

Why a reference date (*peildatum*) instead of today: the monitoring data is historical
(2016–2019), so "overdue" must be judged at a date inside the project. The stored status
is the last known one; for an action marked *gereed* the completion date tells when it was
done, so before that date it counts as *bezig* (or *gepland* if it had not yet started).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from sv_analytics import fmt, indicators, metrics, privacy, queries, vocab
from sv_analytics import profile as kern_profiles
from sv_analytics.texts import t

#: Default reference date: the end of the project (the demo data is historical).
DEFAULT_PEILDATUM = date(2018, 12, 31)
PEILDATUM_MIN = date(2016, 1, 1)
PEILDATUM_MAX = date(2019, 12, 31)
OPEN_STATUSES = ("gepland", "bezig")
PHASES = tuple(int(code) for code in vocab.PHASE)

#: How many comparable kernen are shown (the brief: 3–5).
N_COMPARABLE = 4
#: Weights of the similarity distance: another type counts as 2 points, a factor 2 in
#: inhabitants as 1 point, 10 percentage points 65+ as 1 point.
TYPE_WEIGHT = 2.0
AGE_POINTS = 10.0

#: Workbook lists whose emptiness the completeness check reports, in workbook order.
SHEETS = ("organisation", "agreement", "survey", "activity", "werkplan", "target", "evaluation")
#: Target indicators whose realisation counts persons (small values are suppressed).
PERSON_TARGETS = frozenset({"nieuwe_deelnemers", "doorverwijzingen", "vrijwilligers_actief"})
#: Comparison measures in display order: (column, indicator code, decimals).
COMPARISON_MEASURES = (
    ("reach_per_1000", "bereik_per_1000", 1),
    ("inactive_pct", "aandeel_voorheen_inactief", 1),
    ("referrals_per_1000", "doorverwijzingen_per_1000", 1),
    ("volunteers_per_1000", "vergelijk_vrijwilligers_per_1000", 1),
)


# ---------------------------------------------------------------- werkplan


def status_at(status: str, planned_start: date, completed_on: date | None, peildatum: date) -> str:
    """The action's status on the reference date, reconstructed from the last known status."""
    if status == "gereed" and completed_on is not None and completed_on <= peildatum:
        return "gereed"
    if status == "vervallen":
        return "vervallen"
    return "bezig" if planned_start <= peildatum and status != "gepland" else "gepland"


def _as_date(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def annotate_actions(frame: pd.DataFrame, peildatum: date) -> pd.DataFrame:
    """Adds status at the reference date, the overdue flag and Dutch labels for chart and tables."""
    actions = frame.copy()
    for column in ("planned_start", "planned_end", "completed_on"):
        actions[column] = [_as_date(v) for v in actions[column]]
    actions["status_at"] = [
        status_at(r.status, r.planned_start, r.completed_on, peildatum) for r in actions.itertuples()
    ]
    actions["overdue"] = [
        s in OPEN_STATUSES and end < peildatum
        for s, end in zip(actions["status_at"], actions["planned_end"], strict=True)
    ]
    actions["phase_label"] = actions["phase"].map(lambda p: vocab.PHASE[str(p)])
    actions["status_label"] = actions["status_at"].map(vocab.WERKPLAN_STATUS.get)
    labels = [f"F{r.phase} · {r.description}" for r in actions.itertuples()]
    doubles = {label for label in labels if labels.count(label) > 1}
    actions["label"] = [
        f"{label} ({year})" if label in doubles else label
        for label, year in zip(labels, actions["werkplan_year"], strict=True)
    ]
    actions["order"] = range(len(actions))
    return actions


def werkplan(conn: duckdb.DuckDBPyConnection, kern_id: str, peildatum: date) -> pd.DataFrame:
    """The kern's werkplan actions with their status on ``peildatum`` and the overdue flag."""
    return annotate_actions(queries.run(conn, "mijn_kern_werkplan", kern_id=kern_id), peildatum)


def phase_summary(actions: pd.DataFrame) -> pd.DataFrame:
    """Per phase: actions per status, total, % gereed (of the non-cancelled) and overdue."""
    rows = []
    for phase in PHASES:
        part = actions[actions["phase"] == phase]
        counts = {s: int((part["status_at"] == s).sum()) for s in vocab.WERKPLAN_STATUS}
        active = len(part) - counts["vervallen"]
        rows.append(
            {
                "phase": phase,
                **counts,
                "total": len(part),
                "done_pct": 100 * counts["gereed"] / active if active else None,
                "overdue": int(part["overdue"].sum()),
            }
        )
    return pd.DataFrame(rows)


def werkplan_done_pct(actions: pd.DataFrame) -> float | None:
    """Indicator werkplan_gereed_pct over all phases; None without (non-cancelled) actions."""
    active = actions[actions["status_at"] != "vervallen"]
    return 100 * (active["status_at"] == "gereed").sum() / len(active) if len(active) else None


def phase_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The phase summary as a display table (Dutch headers and numbers)."""
    table = pd.DataFrame({t("mijn_kern.col.phase"): summary["phase"].map(lambda p: vocab.PHASE[str(p)])})
    for status, label in vocab.WERKPLAN_STATUS.items():
        table[label] = summary[status].map(fmt.number)
    table[t("mijn_kern.col.total")] = summary["total"].map(fmt.number)
    table[t("mijn_kern.col.done_pct")] = summary["done_pct"].map(lambda v: fmt.percent(v, 0))
    table[t("mijn_kern.col.overdue")] = summary["overdue"].map(fmt.number)
    return table


def overdue_table(actions: pd.DataFrame, peildatum: date) -> pd.DataFrame:
    """The overdue actions: what, which phase, planned end, status and how late."""
    late = actions[actions["overdue"]]
    return pd.DataFrame(
        {
            t("mijn_kern.col.phase"): late["phase_label"],
            t("mijn_kern.col.action"): late["description"],
            t("mijn_kern.col.planned_end"): late["planned_end"].map(fmt.day),
            t("mijn_kern.col.status"): late["status_label"],
            t("mijn_kern.col.days_late"): late["planned_end"].map(lambda d: fmt.number((peildatum - d).days)),
        }
    )


# ---------------------------------------------------------------- targets


def targets(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """Targets per year with their realisation (same definitions as the registry) and % reached."""
    frame = queries.run(conn, "mijn_kern_targets", kern_id=kern_id)
    frame["name"] = frame["indicator_code"].map(
        lambda c: indicators.get(c).name if c in indicators.REGISTRY else c
    )
    frame["pct"] = [
        100 * r / g if g and not pd.isna(r) else None
        for r, g in zip(frame["realised"], frame["target"], strict=True)
    ]
    frame["reached"] = [p is not None and not pd.isna(p) and p >= 100 for p in frame["pct"]]
    return frame


def registered(codes: pd.Series) -> tuple[str, ...]:
    """The distinct codes that the indicator registry knows (a target may name another code)."""
    return tuple(c for c in dict.fromkeys(codes) if c in indicators.REGISTRY)


def targets_in_years(frame: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """The targets of the years that the period touches."""
    return frame[frame["year"].between(first_year, last_year)].reset_index(drop=True)


def _realised_text(code: str, value: float | None) -> str:
    if value is None or pd.isna(value):
        return t("mijn_kern.not_delivered")
    if code in PERSON_TARGETS:
        return privacy.suppress(value, fmt.number)
    return fmt.number(value)


def targets_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Targets against realisation as a display table."""
    return pd.DataFrame(
        {
            t("mijn_kern.col.year"): frame["year"].astype(str),
            t("mijn_kern.col.indicator"): frame["name"],
            t("mijn_kern.col.target"): frame["target"].map(fmt.number),
            t("mijn_kern.col.realised"): [
                _realised_text(c, v) for c, v in zip(frame["indicator_code"], frame["realised"], strict=True)
            ],
            t("mijn_kern.col.pct_reached"): frame["pct"].map(lambda v: fmt.percent(v, 0)),
        }
    )


# ---------------------------------------------------------------- completeness


@dataclass(frozen=True)
class CheckItem:
    """One line of the completeness checklist: a topic and what is missing (empty = complete)."""

    topic: str
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Completeness:
    """The checklist plus the counts behind the headline figures and the detail of the gaps."""

    items: tuple[CheckItem, ...]
    months_total: int
    months_complete: int
    quarters_total: int
    quarters_complete: int
    sheets_filled: int
    gaps: pd.DataFrame  # month, activity name: deelname rows not delivered


def quarter_label(quarter: date) -> str:
    return t("mijn_kern.quarter", n=(quarter.month - 1) // 3 + 1, year=quarter.year)


def _months(start: date, end: date) -> list[date]:
    return [d.date() for d in pd.date_range(start, end, freq="MS")]


def completeness(conn: duckdb.DuckDBPyConnection, kern_id: str, start: date, end: date) -> Completeness:
    """What the kern still has to deliver for the period (months, quarters) and overall (lists)."""
    running = queries.run(conn, "mijn_kern_deelname_months", kern_id=kern_id, start=start, end=end)
    running["month"] = [_as_date(m) for m in running["month"]]
    gaps = running[~running["delivered"]][["month", "name"]].reset_index(drop=True)
    missing_months = sorted(set(gaps["month"]))
    months = _months(start, end)
    quarters = queries.run(conn, "mijn_kern_volunteer_quarters", kern_id=kern_id, start=start, end=end)
    missing_quarters = [_as_date(q) for q in quarters.loc[~quarters["delivered"], "quarter"]]
    sheets = queries.run(conn, "mijn_kern_sheet_rows", kern_id=kern_id).set_index("sheet")["n_rows"]
    items = [
        CheckItem(t("mijn_kern.check.deelname"), tuple(fmt.month(m) for m in missing_months)),
        CheckItem(t("mijn_kern.check.volunteers"), tuple(quarter_label(q) for q in missing_quarters)),
    ]
    for sheet in SHEETS:
        empty = int(sheets.get(sheet, 0)) == 0
        items.append(
            CheckItem(t(f"mijn_kern.sheet.{sheet}"), (t("mijn_kern.check.empty_sheet"),) if empty else ())
        )
    return Completeness(
        items=tuple(items),
        months_total=len(months),
        months_complete=len(months) - len(missing_months),
        quarters_total=len(quarters),
        quarters_complete=len(quarters) - len(missing_quarters),
        sheets_filled=sum(int(sheets.get(s, 0)) > 0 for s in SHEETS),
        gaps=gaps,
    )


def gaps_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """The missing deelname rows: per month the running activities without figures."""
    grouped = gaps.groupby("month", sort=True)["name"].apply(lambda names: ", ".join(sorted(names)))
    return pd.DataFrame(
        {
            t("mijn_kern.col.month"): [fmt.month(m) for m in grouped.index],
            t("mijn_kern.col.activities_missing"): list(grouped.values),
        }
    )


# ---------------------------------------------------------------- comparable kernen


def _type_group(kern_type: str) -> str:
    """Dorp and buurtschap are villages; a city wijk is another kind of place."""
    return "wijk" if kern_type == "wijk" else "dorp"


def similarity(profiles: pd.DataFrame, kern_id: str) -> pd.DataFrame:
    """Every other kern with its distance to ``kern_id`` (0 = alike), nearest first.

    Distance = 2 × (other type: dorp/buurtschap versus wijk) + |ln(inhabitants ratio)| / ln 2
    + |difference in 65+ share| / 10 percentage points; a term is left out when a value is
    unknown for either kern.
    """
    own = profiles.set_index("kern_id").loc[kern_id]
    others = profiles[profiles["kern_id"] != kern_id].copy()

    def distance(row: pd.Series) -> float:
        total = TYPE_WEIGHT * (_type_group(row["kern_type"]) != _type_group(own["kern_type"]))
        if row["inhabitants"] and own["inhabitants"] and not pd.isna(row["inhabitants"]):
            total += abs(math.log(row["inhabitants"] / own["inhabitants"])) / math.log(2)
        if not pd.isna(row["share_65"]) and not pd.isna(own["share_65"]):
            total += abs(row["share_65"] - own["share_65"]) / AGE_POINTS
        return total

    others["distance"] = others.apply(distance, axis=1) if len(others) else []
    return others.sort_values(["distance", "name"]).reset_index(drop=True)


@dataclass(frozen=True)
class Comparison:
    """The kern, its comparable kernen and the figures of all of them."""

    kern_id: str
    profile: pd.Series  # the kern's own profile row
    comparable: pd.DataFrame  # the chosen kernen with their distance, nearest first
    figures: pd.DataFrame  # the kern first, then the comparable kernen

    @property
    def has_data(self) -> bool:
        values = self.figures[[m for m, _, _ in COMPARISON_MEASURES]]
        return bool(values.fillna(0).ne(0).any().any())


def _per_1000(count: pd.Series, inhabitants: pd.Series) -> pd.Series:
    return (1000 * count / inhabitants.where(inhabitants > 0)).astype(float)


def comparison_figures(overview: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """Per kern reach, referrals and volunteers per 1,000 inhabitants and % previously inactive."""
    frame = overview.merge(extra, on="kern_id", how="left")
    new = frame["new_participants"]
    return pd.DataFrame(
        {
            "kern_id": frame["kern_id"],
            "name": frame["name"],
            "reach_per_1000": _per_1000(frame["participants"], frame["inhabitants"]),
            "inactive_pct": (100 * frame["previously_inactive"] / new.where(new > 0)).astype(float),
            "referrals_per_1000": _per_1000(frame["referrals"], frame["inhabitants"]),
            "volunteers_per_1000": _per_1000(frame["volunteers"].astype(float), frame["inhabitants"]),
        }
    )


def comparable_kernen(conn: duckdb.DuckDBPyConnection, kern_id: str, start: date, end: date) -> Comparison:
    """The ``N_COMPARABLE`` kernen most like ``kern_id`` and the comparison figures for the period."""
    profiles = queries.run(conn, "mijn_kern_profiles").merge(kern_profiles.senior_shares(conn), on="kern_id")
    chosen = similarity(profiles, kern_id).head(N_COMPARABLE)
    overview = metrics.kern_overview(conn, metrics.Period(start, end))
    extra = queries.run(conn, "mijn_kern_comparison", start=start, end=end)
    figures = comparison_figures(overview, extra).set_index("kern_id")
    order = [kern_id, *chosen["kern_id"]]
    return Comparison(
        kern_id=kern_id,
        profile=profiles.set_index("kern_id").loc[kern_id],
        comparable=chosen,
        figures=figures.loc[order].reset_index(),
    )


def _share_text(value: float | None) -> str:
    return fmt.percent(value, 1) if value is not None and not pd.isna(value) else t("common.unknown")


def profile_table(comparison: Comparison) -> pd.DataFrame:
    """The kern and its comparable kernen: type, inhabitants, 65+ share, distance."""
    own = comparison.profile
    rows = [(own["name"], own["kern_type"], own["inhabitants"], own["share_65"], own["share_level"], None)]
    rows += [
        (r.name, r.kern_type, r.inhabitants, r.share_65, r.share_level, r.distance)
        for r in comparison.comparable.itertuples()
    ]
    return pd.DataFrame(
        {
            t("mijn_kern.col.kern"): [r[0] for r in rows],
            t("mijn_kern.col.kern_type"): [vocab.KERN_TYPE.get(r[1], r[1]) for r in rows],
            t("mijn_kern.col.inhabitants"): [fmt.number(r[2]) for r in rows],
            t("mijn_kern.col.share_65"): [_share_text(r[3]) for r in rows],
            t("mijn_kern.col.share_level"): [
                vocab.REGION_LEVEL.get(r[4], t("common.unknown"))
                if isinstance(r[4], str)
                else t("common.unknown")
                for r in rows
            ],
            t("mijn_kern.col.distance"): [
                t("mijn_kern.own_kern") if r[5] is None else fmt.number(r[5], 2) for r in rows
            ],
        }
    )


def figures_table(comparison: Comparison) -> pd.DataFrame:
    """The comparison figures as a display table (rates, no small counts shown)."""
    frame = comparison.figures
    table = pd.DataFrame({t("mijn_kern.col.kern"): frame["name"]})
    for column, code, decimals in COMPARISON_MEASURES:
        table[indicators.get(code).name] = frame[column].map(lambda v, d=decimals: fmt.number(v, d))
    return table
