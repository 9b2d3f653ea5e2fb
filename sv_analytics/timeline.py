"""The programme calendar: the one place that spells the programme's dates.

*Sociaal Vitaal in kleine kernen* runs 2017–2018 (the project). 2016 is the baseline
(nulmeting) and 2019 the follow-up, so monitoring data may cover January 2016 to December
2019. Within the project each kern works in four phases; the products of phase 2
(Organisatie: the sociale kaart and the survey) are due by the end of May 2017, and the
evaluation has an interim moment after November 2017 and a final one after December 2018
(projectplan 2016, ``shared/seed``). Filters, completeness, the workbook's date checks, the
template, the CLI defaults, the demo generator and the Deelname stages all read this module.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd


@dataclass(frozen=True)
class Period:
    """A range of whole months, inclusive: ``start`` and ``end`` are first days of months."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.end.day != 1:
            raise ValueError(
                "Een periode loopt van de eerste dag van een maand tot de eerste dag van een maand."
            )
        if self.end < self.start:
            raise ValueError("Het einde van de periode ligt vóór het begin.")

    @property
    def months(self) -> tuple[date, ...]:
        """Every month of the period, as first days."""
        return months_between(self.start, self.end)

    @property
    def last_day(self) -> date:
        """The period's last calendar day (its end month's last day)."""
        return month_end(self.end)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start.year, self.end.year + 1))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.last_day


def month_end(day: date) -> date:
    """Last day of ``day``'s month: a peildatum or a due date covers the whole month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_between(first: date, last: date) -> tuple[date, ...]:
    """First days of the months from ``first``'s month to ``last``'s month, inclusive."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(months)


def as_date(value: object) -> date | None:
    """A date from what DuckDB and pandas hand back (Timestamp, datetime, datetime64, date),
    or None for a missing value."""
    if value is None or pd.isna(value):  # pd.NaT is a datetime too
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


#: Baseline (nulmeting), project and follow-up: the three stages Deelname compares.
BASELINE = Period(date(2016, 1, 1), date(2016, 12, 1))
PROJECT = Period(date(2017, 1, 1), date(2018, 12, 1))
FOLLOW_UP = Period(date(2019, 1, 1), date(2019, 12, 1))
#: All months monitoring data may cover: baseline to follow-up.
MONITORING = Period(BASELINE.start, FOLLOW_UP.end)
#: Dates in a workbook (activity starts, agreements, evaluation meetings) lie in this range.
FIRST_DAY, LAST_DAY = MONITORING.start, MONITORING.last_day

#: The stages as (label, first year, last year), in order.
STAGES = (("2016", 2016, 2016), ("2017–2018", 2017, 2018), ("2019", 2019, 2019))

#: The period the filters start with and for which monitoring data is owed (completeness):
#: the project itself. 2016 and 2019 are welcome but not owed.
DEFAULT_PERIOD = PROJECT
#: The reference date of Mijn kern's checks and targets: the end of the project.
DEFAULT_PEILDATUM = PROJECT.last_day
#: The Samenwerking network can be looked at on any month end from the baseline to the end
#: of the project (organisations and agreements are not followed up in 2019).
NETWORK_PERIOD = Period(BASELINE.start, PROJECT.end)

#: Phase 2 Organisatie (sociale kaart, survey) ends in May 2017.
PHASE2_DUE = date(2017, 5, 31)
#: An evaluation moment is owed once its month is over.
EVALUATION_DUE = {"tussentijds_2017": date(2017, 11, 30), "eind_2018": date(2018, 12, 31)}


def peildatum_options(period: Period = NETWORK_PERIOD) -> list[date]:
    """Month ends of ``period``: the steps of a peildatum slider."""
    return [month_end(month) for month in period.months]


@dataclass(frozen=True)
class ReportMoment:
    """A reporting moment of the programme: what period a report covers and its peildatum.

    ``evaluation``: the evaluation moment (``vocab.EVALUATION_MOMENT``) whose scores and
    factors the report shows; the follow-up has none of its own and shows the final one.
    """

    code: str
    label: str
    period: Period
    peildatum: date
    evaluation: str


#: The reports the programme plan asks for: the interim report after November 2017, the final
#: report after December 2018 (both over the project from January 2017) and a follow-up over
#: 2019 that shows whether the activities lasted. Report page, CLI and report builder read this.
REPORT_MOMENTS = {
    moment.code: moment
    for moment in (
        ReportMoment(
            "tussen_2017",
            "Tussenrapportage 2017",
            Period(PROJECT.start, date(2017, 11, 1)),
            EVALUATION_DUE["tussentijds_2017"],
            "tussentijds_2017",
        ),
        ReportMoment("eind_2018", "Eindrapportage 2018", PROJECT, EVALUATION_DUE["eind_2018"], "eind_2018"),
        ReportMoment("vervolg_2019", "Vervolgmeting 2019", FOLLOW_UP, FOLLOW_UP.last_day, "eind_2018"),
    )
}
DEFAULT_REPORT_MOMENT = "eind_2018"
