"""Progress of one kern: werkplan, targets, data completeness and comparable kernen (Mijn kern).

No Streamlit here: the page calls these functions through ``state.run`` and only lays out
the results; the table builders return typed :class:`~sv_analytics.tables.Table` s (numbers,
dates, suppression and indicator per column). The definitions of every figure are in
``sv_analytics/indicators/mijn_kern.py``; which kernen are comparable is
:mod:`sv_analytics.vergelijkbaar`'s one definition, shared with Wat werkt waar. The programme's
dates (default peildatum, the months owed, due dates) are :mod:`sv_analytics.timeline`'s.

Why a reference date (*peildatum*) instead of today: the monitoring data is historical
(2016–2019), so "overdue" must be judged at a date inside the project. The stored status
is the last known one; for an action marked *gereed* the completion date tells when it was
done, so before that date it counts as *bezig* (or *gepland* if it had not yet started).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from sv_analytics import (
    fmt,
    indicators,
    kernprofiel,
    lookups,
    overzicht,
    queries,
    tables,
    timeline,
    vergelijkbaar,
    vocab,
)
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

OPEN_STATUSES = ("gepland", "bezig")
PHASES = tuple(int(code) for code in vocab.PHASE)

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


def annotate_actions(frame: pd.DataFrame, peildatum: date) -> pd.DataFrame:
    """Adds status at the reference date, the overdue flag and Dutch labels for chart and tables."""
    actions = frame.copy()
    for column in ("planned_start", "planned_end", "completed_on"):
        actions[column] = [timeline.as_date(v) for v in actions[column]]
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


def phase_table(summary: pd.DataFrame) -> Table:
    """The phase summary as a table: actions per status, total, % gereed and overdue per phase."""
    frame = summary.assign(phase_label=summary["phase"].map(lambda p: vocab.PHASE[str(p)]))
    columns = [
        Column("phase_label", t("mijn_kern.col.phase")),
        *(Column(status, label, kind="count") for status, label in vocab.WERKPLAN_STATUS.items()),
        Column("total", t("mijn_kern.col.total"), kind="count"),
        Column("done_pct", t("mijn_kern.col.done_pct"), kind="percent", indicator="werkplan_gereed_pct"),
        Column("overdue", t("mijn_kern.col.overdue"), kind="count", indicator="acties_achterstallig"),
    ]
    return tables.table(frame, columns)


def overdue_table(actions: pd.DataFrame, peildatum: date) -> Table:
    """The overdue actions: what, which phase, planned end, status and how many days late."""
    late = actions[actions["overdue"]]
    frame = late.assign(days_late=[(peildatum - end).days for end in late["planned_end"]])
    columns = [
        Column("phase_label", t("mijn_kern.col.phase")),
        Column("description", t("mijn_kern.col.action"), indicator="acties_achterstallig"),
        Column("planned_end", t("mijn_kern.col.planned_end"), kind="date"),
        Column("status_label", t("mijn_kern.col.status")),
        Column("days_late", t("mijn_kern.col.days_late"), kind="count"),
    ]
    return tables.table(frame, columns)


# ---------------------------------------------------------------- targets


#: How a year's target is judged: reached, missed (the year is over), not reached yet (the year
#: is still running or to come) and unknown (no realisation delivered).
REACHED, MISSED, NOT_YET, UNKNOWN = "gehaald", "niet_gehaald", "nog_niet_gehaald", "onbekend"
TARGET_STATUSES = (REACHED, MISSED, NOT_YET, UNKNOWN)


def year_is_over(year: int, today: date | None = None) -> bool:
    """Whether the calendar year ``year`` of a target is over on ``today`` (default: the real
    date): its last month, by the programme calendar (``timeline.month_end``), has ended.

    Why today and not the page's peildatum: a target of 2018 that was missed stays missed
    whatever reference date one looks from; "nog niet gehaald" is only true of a year that runs.
    """
    today = date.today() if today is None else today
    return timeline.month_end(date(int(year), 12, 1)) < today


def target_status(reached: bool, pct: float | None, year: int, today: date | None = None) -> str:
    """:data:`REACHED`, :data:`MISSED`, :data:`NOT_YET` or :data:`UNKNOWN` for one target."""
    if reached:
        return REACHED
    if pct is None or pd.isna(pct):
        return UNKNOWN
    return MISSED if year_is_over(year, today) else NOT_YET


def statuses(frame: pd.DataFrame, today: date | None = None) -> list[str]:
    """:func:`target_status` of each row of a targets frame (columns year and pct)."""
    return [
        target_status(p is not None and not pd.isna(p) and p >= 100, p, y, today)
        for p, y in zip(frame["pct"], frame["year"], strict=True)
    ]


def targets(conn: duckdb.DuckDBPyConnection, kern_id: str, today: date | None = None) -> pd.DataFrame:
    """Targets per year with their realisation (same definitions as the registry), % reached and
    the status of each (:func:`target_status`: a finished year's target is reached or missed)."""
    frame = queries.run(conn, "mijn_kern_targets", kern_id=kern_id)
    frame["name"] = frame["indicator_code"].map(
        lambda c: indicators.get(c).name if c in indicators.REGISTRY else c
    )
    frame["pct"] = [
        100 * r / g if g and not pd.isna(r) else None
        for r, g in zip(frame["realised"], frame["target"], strict=True)
    ]
    frame["reached"] = [p is not None and not pd.isna(p) and p >= 100 for p in frame["pct"]]
    frame["status"] = statuses(frame, today)
    # the realisation where it counts persons: the base a protected view rounds (else NaN)
    frame["realised_persons"] = frame["realised"].where(frame["indicator_code"].isin(PERSON_TARGETS))
    return frame


def registered(codes: pd.Series) -> tuple[str, ...]:
    """The distinct codes that the indicator registry knows (a target may name another code)."""
    return tuple(c for c in dict.fromkeys(codes) if c in indicators.REGISTRY)


def targets_in_years(frame: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """The targets of the years that the period touches."""
    return frame[frame["year"].between(first_year, last_year)].reset_index(drop=True)


def targets_table(frame: pd.DataFrame) -> Table:
    """Targets against realisation: a realisation that counts persons (:data:`PERSON_TARGETS`)
    is protected (rounded, 1–4 as ``<5``) and so is the % reached computed from it (it would
    give the count back × the target); an undelivered one says so. The definitions of the
    targets' indicators are the table's notes (one indicator per row, not per column)."""
    persons = frame["indicator_code"].isin(PERSON_TARGETS)
    data = frame.assign(
        realised_persons=frame["realised"].where(persons),
        status_label=[
            t(f"mijn_kern.status.{v}") for v in (frame["status"] if "status" in frame else statuses(frame))
        ],
    )
    columns = [
        Column("year", t("mijn_kern.col.year")),  # a year is a label: 2017, not 2.017
        Column("name", t("mijn_kern.col.indicator")),
        Column("target", t("mijn_kern.col.target"), kind="count"),
        Column(
            "realised",
            t("mijn_kern.col.realised"),
            kind="count",
            missing=t("mijn_kern.not_delivered"),
            suppress_by="realised_persons",
        ),
        Column("pct", t("mijn_kern.col.pct_reached"), kind="percent", indicator="doel_realisatie_pct",
               suppress_by="realised_persons"),
        Column("status_label", t("mijn_kern.col.target_status"), indicator="doelen_gehaald"),
    ]  # fmt: skip
    notes = [
        f"{indicators.get(c).name}: {indicators.get(c).definition}"
        for c in registered(frame["indicator_code"])
    ]
    return tables.table(data, columns, notes)


# ---------------------------------------------------------------- completeness
#
# Completeness is judged against what the kern owes on the reference date, not against what
# happens to be in the database: a kern that delivered nothing is 0 of N, never "complete".
# The definitions (shown on the page) are the registry entries volledigheid_maanden,
# volledigheid_kwartalen, volledigheid_doorverwijzingen and volledigheid_bladen.

#
# The calendar is timeline's: data is owed for the months of timeline.DEFAULT_PERIOD only (the
# project; 2016 is the baseline and 2019 the follow-up: welcome, but not owed), the sociale kaart
# and the survey from timeline.PHASE2_DUE (end of phase 2 Organisatie), each evaluation moment
# from its timeline.EVALUATION_DUE.

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


def _quarter(month: date) -> date:
    return date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)


def expected_months(start: date, end: date, peildatum: date) -> list[date]:
    """Months of the programme calendar inside the period that were over on ``peildatum``.

    A month is owed once its last day has passed: on 31 December 2018 that is every month of
    2017–2018, on 15 June 2017 January to May 2017.
    """
    owed = timeline.DEFAULT_PERIOD
    first, last = max(start, owed.start), min(end, owed.end)
    return [m for m in timeline.months_between(first, last) if timeline.month_end(m) <= peildatum]


def programme_year(peildatum: date) -> int | None:
    """The werkplan and target year owed on ``peildatum`` (None before the programme starts).

    The werkplan is re-set each January, so on a date in 2018 the 2018 werkplan is owed;
    after the programme the last year's stays the current one.
    """
    if peildatum < timeline.DEFAULT_PERIOD.start:
        return None
    return min(peildatum.year, timeline.DEFAULT_PERIOD.end.year)


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
        frame[column] = [timeline.as_date(v) for v in frame[column]]
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
    shown_year = timeline.DEFAULT_PERIOD.start.year if year is None else year
    year_due = None if year is None else date(year, 1, 1)
    evaluations = tuple(
        (t(f"mijn_kern.record.evaluation_{moment}"), ("evaluation", moment), due, "evaluation")
        for moment, due in timeline.EVALUATION_DUE.items()
    )
    lists: tuple[tuple[str, tuple[str, str], date | None, str], ...] = (
        # topic, (record, part) of mijn_kern_sheet_rows, owed from, text keys record.{present,no}_<kind>
        (t("mijn_kern.record.organisation"), ("organisation", ""), timeline.PHASE2_DUE, "organisation"),
        (t("mijn_kern.record.survey"), ("survey", ""), timeline.PHASE2_DUE, "survey"),
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
            when = fmt.day(due or timeline.DEFAULT_PERIOD.start)
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
    conn: duckdb.DuckDBPyConnection,
    kern_id: str,
    start: date,
    end: date,
    peildatum: date = timeline.DEFAULT_PEILDATUM,
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
    owed = timeline.DEFAULT_PERIOD
    first, last = (months[0], months[-1]) if months else (owed.start, date(owed.start.year - 1, 12, 1))
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


def gaps_table(gaps: pd.DataFrame) -> Table:
    """The missing deelname rows per activity: when it runs, the months without figures (as
    text: 'jan 2017 t/m dec 2018' reads better than 24 cells) and how many."""
    rows = [
        {
            "activity": name,
            "runs": _runs_period(part["start_date"].iloc[0], part["end_date"].iloc[0]),
            "months_missing": month_runs(list(part["month"])),
            "n_months": len(part),
        }
        for (_, name), part in gaps.groupby(["activity_id", "name"], sort=False)
    ]
    frame = pd.DataFrame(rows, columns=["activity", "runs", "months_missing", "n_months"])
    columns = [
        Column("activity", t("mijn_kern.col.activity")),
        Column("runs", t("mijn_kern.col.runs")),
        Column("months_missing", t("mijn_kern.col.months_missing"), indicator="volledigheid_maanden"),
        Column("n_months", t("mijn_kern.col.n_months"), kind="count"),
    ]
    return tables.table(frame.sort_values("activity", kind="stable"), columns)


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


def month_table(check: Completeness) -> Table:
    """Per expected month the state of deelname, referrals and volunteers (its quarter)."""
    per_month = check.per_month
    frame = pd.DataFrame(
        {
            "month": per_month["month"],
            "deelname": [_deelname_cell(r) for _, r in per_month.iterrows()],
            "referrals": [_referral_cell(r) for _, r in per_month.iterrows()],
            "volunteers": [_volunteer_cell(r) for _, r in per_month.iterrows()],
        },
        columns=["month", "deelname", "referrals", "volunteers"],
    )
    columns = [
        Column("month", t("mijn_kern.col.month"), kind="month"),
        Column("deelname", t("mijn_kern.col.deelname"), indicator="volledigheid_maanden"),
        Column("referrals", t("mijn_kern.col.referrals"), indicator="volledigheid_doorverwijzingen"),
        Column("volunteers", t("mijn_kern.col.volunteers"), indicator="volledigheid_kwartalen"),
    ]
    return tables.table(frame, columns)


# ---------------------------------------------------------------- comparable kernen


@dataclass(frozen=True)
class Comparison:
    """The kern, its comparable kernen and the figures of all of them."""

    kern_id: str
    profile: pd.Series  # the kern's own row of vergelijkbaar.features
    comparable: pd.DataFrame  # the chosen kernen with their distance, most comparable first
    figures: pd.DataFrame  # the kern first, then the comparable kernen

    @property
    def has_data(self) -> bool:
        values = self.figures[[m for m, _, _ in COMPARISON_MEASURES]]
        return bool(values.fillna(0).ne(0).any().any())


def _per_1000(count: pd.Series, inhabitants: pd.Series) -> pd.Series:
    return (1000 * count / inhabitants.where(inhabitants > 0)).astype(float)


#: The count(s) each comparison measure is computed from: (count,) or (count, denominator count).
#: A protected view computes the measure from the rounded counts (see privacy.protect_derived).
COMPARISON_BASIS = {
    "reach_per_1000": ("participants", None),
    "inactive_pct": ("previously_inactive", "new_participants"),
    "referrals_per_1000": ("referrals", None),
    "volunteers_per_1000": ("volunteers", None),
}
BASE_COUNTS = ("participants", "previously_inactive", "new_participants", "referrals", "volunteers")


def comparison_figures(overview: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """Per kern reach, referrals and volunteers per 1,000 inhabitants and % previously inactive,
    beside the counts they come from (:data:`BASE_COUNTS`: the tables and charts protect the
    measures by them and never show them)."""
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
            **{column: frame[column].astype(float) for column in BASE_COUNTS},
        }
    )


def period_figures(conn: duckdb.DuckDBPyConnection, start: date, end: date) -> pd.DataFrame:
    """:func:`comparison_figures` of every kern for the months start..end (reach and referrals
    are Overzicht's ``kern_overview``, so both pages show the same figures)."""
    overview = overzicht.kern_overview(conn, timeline.Period(start, end))
    return comparison_figures(overview, queries.run(conn, "mijn_kern_comparison", start=start, end=end))


def comparison_for(
    conn: duckdb.DuckDBPyConnection,
    kern_id: str,
    start: date,
    end: date,
    features: pd.DataFrame | None = None,
    figures: pd.DataFrame | None = None,
) -> Comparison:
    """:func:`comparison` for one kern and period, in the form ``state.run`` caches: the page
    passes the cached ``features`` and ``figures`` (of this data version and period) unhashed."""
    features = vergelijkbaar.features(conn) if features is None else features
    figures = period_figures(conn, start, end) if figures is None else figures
    return comparison(features, figures, kern_id)


def comparison(features: pd.DataFrame, figures: pd.DataFrame, kern_id: str) -> Comparison:
    """The kern beside its comparable kernen (vergelijkbaar.nearest on ``features``, which is
    vergelijkbaar.features) with the figures of :func:`period_figures`."""
    chosen = vergelijkbaar.nearest(features, kern_id)
    order = [kern_id, *chosen["kern_id"]]
    return Comparison(
        kern_id=kern_id,
        profile=features.set_index("kern_id").loc[kern_id],
        comparable=chosen,
        figures=figures.set_index("kern_id").loc[order].reset_index(),
    )


def _level_name(level: object) -> str | None:
    return vocab.REGION_LEVEL.get(level, t("common.unknown")) if isinstance(level, str) else None


def profile_table(comparison: Comparison) -> Table:
    """The kern and its comparable kernen: type, inhabitants, 65+ share (and its level), and
    the profile distance (the own kern: 'eigen kern')."""
    own = comparison.profile.to_frame().T.assign(kern_id=comparison.kern_id, distance=None)
    frame = pd.concat([own, comparison.comparable], ignore_index=True)
    frame = frame.assign(
        kern_type_name=[vocab.KERN_TYPE.get(v, v) for v in frame["kern_type"]],
        level_name=frame["share_level"].map(_level_name),
    )
    unknown = t("common.unknown")
    columns = [
        Column("name", t("mijn_kern.col.kern")),
        Column("kern_type_name", t("mijn_kern.col.kern_type")),
        lookups.inhabitants_column(),
        kernprofiel.share_65_column(missing=unknown),
        Column("level_name", t("mijn_kern.col.share_level"), missing=unknown),
        vergelijkbaar.distance_column(missing=t("mijn_kern.own_kern")),
    ]
    return tables.table(frame, columns)


def measure_title(code: str) -> str:
    """A comparison measure's name with its unit where the name lacks it ("Aandeel voorheen
    inactief (%)"; "Bereik per 1.000 inwoners" says it already): the title of its chart."""
    indicator = indicators.get(code)
    return indicator.name if indicator.unit in indicator.name else f"{indicator.name} ({indicator.unit})"


def _kind(code: str) -> str:
    """A registry figure in % is shown as a percentage (``36,4%``), any other as a number."""
    return "percent" if indicators.get(code).unit == "%" else "number"


def figures_table(comparison: Comparison) -> Table:
    """The comparison figures: rates per 1,000 and a share, each computed in a protected view from
    the rounded counts it comes from (a rate × the inhabitants gave the exact count back)."""
    columns = [
        Column("name", t("mijn_kern.col.kern")),
        *(
            Column(column, indicators.get(code).name, kind=_kind(code), decimals=decimals, indicator=code,
                   suppress_by=COMPARISON_BASIS[column][0], per=COMPARISON_BASIS[column][1])
            for column, code, decimals in COMPARISON_MEASURES
        ),
    ]  # fmt: skip
    return tables.table(comparison.figures, columns)
