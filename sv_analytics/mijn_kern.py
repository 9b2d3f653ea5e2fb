"""Progress of one kern: werkplan, targets, data completeness and comparable kernen (Mijn kern).

No Streamlit here: the page calls these functions through ``state.run`` and only lays out
the results. The definitions of every figure are in ``sv_analytics/indicators/mijn_kern.py``.

Why a reference date (*peildatum*) instead of today: the monitoring data is historical
(2016–2019), so "overdue" must be judged at a date inside the project. The stored status
is the last known one; for an action marked *gereed* the completion date tells when it was
done, so before that date it counts as *bezig* (or *gepland* if it had not yet started).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from sv_analytics import fmt, indicators, overzicht, privacy, queries, timeline, vocab
from sv_analytics import kernprofiel as kern_profiles
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
#
# Completeness is judged against what the kern owes on the reference date, not against what
# happens to be in the database: a kern that delivered nothing is 0 of N, never "complete".
# The definitions (shown on the page) are the registry entries volledigheid_maanden,
# volledigheid_kwartalen, volledigheid_doorverwijzingen and volledigheid_bladen.

#: The programme calendar: monitoring data is owed for these months only. The same period the
#: filters start with (2016 is the baseline and 2019 the follow-up: welcome, but not owed).
CALENDAR = timeline.DEFAULT_PERIOD
#: The sociale kaart (organisations) and the survey are products of phase 2 Organisatie,
#: which ends in May 2017 (projectplan); before that they are not yet owed.
PHASE2_DUE = date(2017, 5, 31)
#: An evaluation moment is owed once its month is over: the interim evaluation after
#: November 2017, the final one after December 2018.
EVALUATION_DUE = {"tussentijds_2017": date(2017, 11, 30), "eind_2018": date(2018, 12, 31)}

COMPLETE, MISSING, NOT_EXPECTED = "complete", "missing", "not_expected"


@dataclass(frozen=True)
class CheckItem:
    """One line of the completeness checklist.

    ``status``: complete, missing or not_expected (nothing owed yet, e.g. no referral network
    or an evaluation moment still to come); ``summary`` the count in words; ``details`` what
    is missing or why nothing is expected, in plain Dutch.
    """

    topic: str
    status: str
    summary: str = ""
    details: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.status == COMPLETE

    @property
    def text(self) -> str:
        """Summary and details as one line after the topic."""
        return "; ".join(part for part in (self.summary, *self.details) if part)


@dataclass(frozen=True)
class Completeness:
    """The checklist, the counts behind the headline figures and the detail of the gaps."""

    peildatum: date
    months: tuple[date, ...]  # the expected months (programme calendar ∩ period, over by peildatum)
    items: tuple[CheckItem, ...]  # deelname, vrijwilligers, doorverwijzingen, then the lists
    n_periodic: int  # how many of ``items`` are the monthly/quarterly checks
    months_complete: int
    quarters_total: int
    quarters_complete: int
    referral_months_total: int
    referral_months_complete: int
    records_expected: int
    records_present: int
    gaps: pd.DataFrame  # activity_id, name, start_date, end_date, month: deelname rows not delivered
    per_month: pd.DataFrame  # per expected month: running, delivered, referral and volunteer status

    @property
    def months_total(self) -> int:
        return len(self.months)

    @property
    def all_complete(self) -> bool:
        return all(item.status != MISSING for item in self.items)


def quarter_label(quarter: date) -> str:
    """``date(2018, 4, 1)`` → '2e kwartaal 2018' (volunteers are delivered per quarter)."""
    return t("mijn_kern.quarter", n=(quarter.month - 1) // 3 + 1, year=quarter.year)


def _months(start: date, end: date) -> list[date]:
    return [d.date() for d in pd.date_range(start, end, freq="MS")]


def _month_end(month: date) -> date:
    return (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()


def _quarter(month: date) -> date:
    return date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)


def expected_months(start: date, end: date, peildatum: date) -> list[date]:
    """Months of the programme calendar inside the period that were over on ``peildatum``.

    A month is owed once its last day has passed: on 31 December 2018 that is every month of
    2017–2018, on 15 June 2017 January to May 2017.
    """
    first, last = max(start, CALENDAR.start), min(end, CALENDAR.end)
    return [m for m in _months(first, last) if _month_end(m) <= peildatum] if first <= last else []


def programme_year(peildatum: date) -> int | None:
    """The werkplan and target year owed on ``peildatum`` (None before the programme starts).

    The werkplan is re-set each January, so on a date in 2018 the 2018 werkplan is owed;
    after the programme the last year's stays the current one.
    """
    if peildatum < CALENDAR.start:
        return None
    return min(peildatum.year, CALENDAR.end.year)


def runs(values: list[date], step: int, label: Callable[[date], str]) -> str:
    """Sorted months or quarters as short text: runs of three or more as 'first t/m last'.

    ``step``: months between consecutive values (1 for months, 3 for quarters). Why: a kern
    that delivered nothing misses 24 months; one range reads better than 24 names.
    """
    ordered = sorted(set(values))
    groups: list[list[date]] = []
    for value in ordered:
        previous = groups[-1][-1] if groups else None
        if previous is not None and (value.year - previous.year) * 12 + value.month - previous.month == step:
            groups[-1].append(value)
        else:
            groups.append([value])
    parts = []
    for group in groups:
        if len(group) >= 3:
            parts.append(t("mijn_kern.range", first=label(group[0]), last=label(group[-1])))
        else:
            parts.extend(label(v) for v in group)
    return ", ".join(parts)


def month_runs(months: list[date]) -> str:
    """Months as text, consecutive ones as a range ('jan 2017 t/m dec 2018')."""
    return runs(months, 1, fmt.month)


def quarter_runs(quarters: list[date]) -> str:
    """Quarters as text, consecutive ones as a range ('1e kwartaal 2017 t/m 4e kwartaal 2018')."""
    return runs(quarters, 3, quarter_label)


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = [_as_date(v) for v in frame[column]]
    return frame


def _deelname_item(months: list[date], running: pd.DataFrame, n_activities: int) -> tuple[CheckItem, int]:
    """Deelname per month: complete when at least one activity runs and every running one has a row."""
    topic = t("mijn_kern.check.deelname")
    if not months:
        return CheckItem(topic, NOT_EXPECTED, t("mijn_kern.check.no_months")), 0
    gap_months = sorted(set(running.loc[~running["delivered"], "month"]))
    idle = [m for m in months if m not in set(running["month"])]
    complete = len(months) - len(gap_months) - len(idle)
    summary = t("mijn_kern.check.months_of", n=complete, total=len(months))
    if n_activities == 0:
        details = (t("mijn_kern.check.no_activities", months=month_runs(months)),)
    else:
        details = tuple(
            text
            for text, present in (
                (t("mijn_kern.check.missing", items=month_runs(gap_months)), gap_months),
                (t("mijn_kern.check.idle_months", months=month_runs(idle)), idle),
            )
            if present
        )
    return CheckItem(topic, MISSING if details else COMPLETE, summary, details), complete


def _volunteer_item(months: list[date], quarters: pd.DataFrame) -> CheckItem:
    """Volunteers per quarter: every quarter that touches the expected months and has ended."""
    topic = t("mijn_kern.check.volunteers")
    if quarters.empty:
        reason = "mijn_kern.check.no_quarters" if months else "mijn_kern.check.no_months"
        return CheckItem(topic, NOT_EXPECTED, t(reason))
    missing = list(quarters.loc[~quarters["delivered"], "quarter"])
    summary = t("mijn_kern.check.quarters_of", n=len(quarters) - len(missing), total=len(quarters))
    details = (t("mijn_kern.check.missing", items=quarter_runs(missing)),) if missing else ()
    return CheckItem(topic, MISSING if missing else COMPLETE, summary, details)


def _referral_item(months: list[date], referrals: pd.DataFrame) -> CheckItem:
    """Referrals per month: owed only while a signed referral network is in force.

    Why: without a network a month without referrals is the normal, legitimate zero (pattern
    3 of the demo: referrals only where care partners signed). With a network in force, a
    month without any row cannot be told apart from a month not delivered, so it counts as
    not delivered; a month without referrals is reported with a row with Aantal 0.
    """
    topic = t("mijn_kern.check.referrals")
    if not months:
        return CheckItem(topic, NOT_EXPECTED, t("mijn_kern.check.no_months"))
    owed = referrals[referrals["expected"]]
    if owed.empty:
        next_start = referrals["next_start"].dropna()
        if len(next_start):
            return CheckItem(
                topic, NOT_EXPECTED, t("mijn_kern.check.network_later", day=fmt.day(next_start.iloc[0]))
            )
        if referrals["n_networks"].iloc[0]:
            return CheckItem(topic, NOT_EXPECTED, t("mijn_kern.check.network_not_running"))
        return CheckItem(topic, NOT_EXPECTED, t("mijn_kern.check.no_network"))
    missing = list(owed.loc[~owed["delivered"], "month"])
    summary = t(
        "mijn_kern.check.referral_months_of",
        n=len(owed) - len(missing),
        total=len(owed),
        month=fmt.month(owed["month"].iloc[0]),
    )
    if not missing:
        return CheckItem(topic, COMPLETE, summary)
    details = (
        t("mijn_kern.check.no_referral_rows", months=month_runs(missing)),
        t("mijn_kern.check.zero_row"),
    )
    return CheckItem(topic, MISSING, summary, details)


def _record_items(counts: dict[tuple[str, str], int], peildatum: date) -> list[CheckItem]:
    """The workbook lists owed on ``peildatum``: present (≥ 1 row), missing or not yet owed."""
    year = programme_year(peildatum)
    shown_year = CALENDAR.start.year if year is None else year
    year_due = None if year is None else date(year, 1, 1)
    evaluations = tuple(
        (t(f"mijn_kern.record.evaluation_{moment}"), ("evaluation", moment), due, "evaluation")
        for moment, due in EVALUATION_DUE.items()
    )
    lists: tuple[tuple[str, tuple[str, str], date | None, str], ...] = (
        # topic, (record, part) of mijn_kern_sheet_rows, owed from, text keys record.{present,no}_<kind>
        (t("mijn_kern.record.organisation"), ("organisation", ""), PHASE2_DUE, "organisation"),
        (t("mijn_kern.record.survey"), ("survey", ""), PHASE2_DUE, "survey"),
        (
            t("mijn_kern.record.werkplan", year=shown_year),
            ("werkplan", str(shown_year)),
            year_due,
            "werkplan",
        ),
        (t("mijn_kern.record.target", year=shown_year), ("target", str(shown_year)), year_due, "target"),
        *evaluations,
    )
    items = []
    for topic, key, due, kind in lists:
        if due is None or due > peildatum:
            when = fmt.day(due or CALENDAR.start)
            items.append(CheckItem(topic, NOT_EXPECTED, t("mijn_kern.record.not_yet", day=when)))
        elif n_rows := counts.get(key, 0):
            items.append(
                CheckItem(topic, COMPLETE, t(f"mijn_kern.record.present_{kind}", n=fmt.number(n_rows)))
            )
        else:
            items.append(CheckItem(topic, MISSING, t(f"mijn_kern.record.no_{kind}")))
    return items


def _per_month(
    months: list[date],
    running: pd.DataFrame,
    referrals: pd.DataFrame,
    quarters: pd.DataFrame,
    n_activities: int,
) -> pd.DataFrame:
    """Per expected month the state of each monthly or quarterly record type (for the detail table)."""
    counts = running.groupby("month")["delivered"].agg(["size", "sum"])
    referral = referrals.set_index("month") if len(referrals) else None
    volunteer = dict(zip(quarters["quarter"], quarters["delivered"], strict=True))
    rows = []
    for month in months:
        n_running, n_delivered = (int(v) for v in counts.loc[month]) if month in counts.index else (0, 0)
        owed = bool(referral.loc[month, "expected"]) if referral is not None else False
        rows.append(
            {
                "month": month,
                "has_activities": n_activities > 0,
                "running": n_running,
                "delivered": n_delivered,
                "referrals_expected": owed,
                "referrals_delivered": bool(referral.loc[month, "delivered"]) if owed else False,
                "quarter": _quarter(month),
                "volunteers": volunteer.get(_quarter(month)),  # None: quarter not (yet) owed
            }
        )
    return pd.DataFrame(rows, columns=[
        "month", "has_activities", "running", "delivered", "referrals_expected", "referrals_delivered",
        "quarter", "volunteers",
    ])  # fmt: skip


def completeness(
    conn: duckdb.DuckDBPyConnection, kern_id: str, start: date, end: date, peildatum: date = DEFAULT_PEILDATUM
) -> Completeness:
    """What the kern owes on ``peildatum`` for the period, and what of it is still missing.

    Months: the programme calendar inside the period, over on the reference date. Per month
    deelname (every running activity has a row; no activity at all is not complete), per
    quarter volunteers, per month referrals while a referral network is in force; the
    workbook lists owed by then (sociale kaart, survey, this year's werkplan and targets, the
    evaluation moments passed).
    """
    months = expected_months(start, end, peildatum)
    # no month owed: an empty window (last month before the first) makes every query empty
    first, last = (
        (months[0], months[-1]) if months else (CALENDAR.start, date(CALENDAR.start.year - 1, 12, 1))
    )
    window = {"kern_id": kern_id, "start": first, "end": last, "peildatum": peildatum}
    running = _dates(
        queries.run(conn, "mijn_kern_deelname_months", **window), "month", "start_date", "end_date"
    )
    quarters = _dates(queries.run(conn, "mijn_kern_volunteer_quarters", **window), "quarter")
    referrals = _dates(queries.run(conn, "mijn_kern_referral_months", **window), "month", "next_start")
    records = queries.run(conn, "mijn_kern_sheet_rows", kern_id=kern_id)
    counts = {(r.record, r.part): int(r.n_rows) for r in records.itertuples()}
    n_activities = counts.get(("activity", ""), 0)

    deelname, months_complete = _deelname_item(months, running, n_activities)
    periodic = [deelname, _volunteer_item(months, quarters), _referral_item(months, referrals)]
    lists = _record_items(counts, peildatum)
    owed_referrals = referrals[referrals["expected"]]
    gaps = running.loc[~running["delivered"], ["activity_id", "name", "start_date", "end_date", "month"]]
    return Completeness(
        peildatum=peildatum,
        months=tuple(months),
        items=(*periodic, *lists),
        n_periodic=len(periodic),
        months_complete=months_complete,
        quarters_total=len(quarters),
        quarters_complete=int(quarters["delivered"].sum()),
        referral_months_total=len(owed_referrals),
        referral_months_complete=int(owed_referrals["delivered"].sum()),
        records_expected=sum(item.status != NOT_EXPECTED for item in lists),
        records_present=sum(item.complete for item in lists),
        gaps=gaps.reset_index(drop=True),
        per_month=_per_month(months, running, referrals, quarters, n_activities),
    )


def _runs_period(start: date, end: date | None) -> str:
    """When an activity runs, so a gap can be checked against it ('sinds sep 2016', 'feb 2017 – jun 2017')."""
    if end is None:
        return t("mijn_kern.running_since", month=fmt.month(start))
    return fmt.period(start, end)


def gaps_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """The missing deelname rows per activity: when it runs and the months without figures."""
    rows = []
    for (_, name), part in gaps.groupby(["activity_id", "name"], sort=False):
        first = part.iloc[0]
        rows.append(
            {
                t("mijn_kern.col.activity"): name,
                t("mijn_kern.col.runs"): _runs_period(first["start_date"], first["end_date"]),
                t("mijn_kern.col.months_missing"): month_runs(list(part["month"])),
                t("mijn_kern.col.n_months"): fmt.number(len(part)),
            }
        )
    columns = [t(f"mijn_kern.col.{c}") for c in ("activity", "runs", "months_missing", "n_months")]
    return pd.DataFrame(rows, columns=columns).sort_values(columns[0], kind="stable").reset_index(drop=True)


def _deelname_cell(row: pd.Series) -> str:
    if not row["has_activities"]:
        return t("mijn_kern.cell.no_activities")
    if row["running"] == 0:
        return t("mijn_kern.cell.idle")
    if row["delivered"] == row["running"]:
        return t("mijn_kern.cell.complete_of", n=row["running"])
    return t("mijn_kern.cell.partial", n=row["delivered"], total=row["running"])


def _referral_cell(row: pd.Series) -> str:
    if not row["referrals_expected"]:
        return t("mijn_kern.cell.not_expected")
    return t("mijn_kern.cell.delivered") if row["referrals_delivered"] else t("mijn_kern.cell.no_row")


def _volunteer_cell(row: pd.Series) -> str:
    if row["volunteers"] is None or pd.isna(row["volunteers"]):
        return t("mijn_kern.cell.quarter_open")
    return t("mijn_kern.cell.delivered") if row["volunteers"] else t("mijn_kern.cell.missing")


def month_table(check: Completeness) -> pd.DataFrame:
    """Per expected month the state of deelname, referrals and volunteers (its quarter)."""
    frame = check.per_month
    return pd.DataFrame(
        {
            t("mijn_kern.col.month"): [fmt.month(m) for m in frame["month"]],
            t("mijn_kern.col.deelname"): [_deelname_cell(r) for _, r in frame.iterrows()],
            t("mijn_kern.col.referrals"): [_referral_cell(r) for _, r in frame.iterrows()],
            t("mijn_kern.col.volunteers"): [_volunteer_cell(r) for _, r in frame.iterrows()],
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
    overview = overzicht.kern_overview(conn, timeline.Period(start, end))
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
