"""Headline figures and per-kern tables, computed from the named queries.

No Streamlit here: pages call these functions (through a cache keyed by the data
version) and only lay out the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from sv_analytics import fmt, indicators, privacy, queries, vocab
from sv_analytics.texts import t


@dataclass(frozen=True)
class Period:
    """A range of whole months, inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.end.day != 1:
            raise ValueError(
                "Een periode loopt van de eerste dag van een maand tot de eerste dag van een maand."
            )
        if self.end < self.start:
            raise ValueError("Het einde van de periode ligt vóór het begin.")


DEFAULT_PERIOD = Period(date(2017, 1, 1), date(2018, 12, 1))

#: Count columns of the kern overview and their indicators; small values are suppressed
#: wherever they are shown.
COUNT_INDICATORS = {
    "activities": "activiteiten",
    "participants": "deelnemers",
    "new_participants": "nieuwe_deelnemers",
    "referrals": "doorverwijzingen",
}
COUNT_COLUMNS = tuple(COUNT_INDICATORS)


def kern_overview(
    conn: duckdb.DuckDBPyConnection, period: Period, gemeente: str | None = None, doelgroep: str | None = None
) -> pd.DataFrame:
    """One row per kern with activities, participants, new participants and referrals.

    With ``doelgroep`` only activities aimed at that target group (and referrals for it)
    count: the monitoring has no per-person data to count group members across activities.
    """
    return queries.run(
        conn, "kern_overview", start=period.start, end=period.end, gemeente=gemeente, doelgroep=doelgroep
    )


def headline(overview: pd.DataFrame) -> dict[str, int]:
    """The headline figures (indicators.HEADLINE) from a kern overview."""
    values = {
        "kernen": len(overview),
        "activiteiten": overview["activities"].sum(),
        "deelnemers": overview["participants"].sum(),
        "nieuwe_deelnemers": overview["new_participants"].sum(),
        "doorverwijzingen": overview["referrals"].sum(),
    }
    return {code: int(values[code]) for code in indicators.HEADLINE}


def month_range(conn: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """First and last month with monitoring data, or None when there is none."""
    row = queries.run(conn, "month_range").iloc[0]
    if pd.isna(row["first_month"]):
        return None
    return pd.Timestamp(row["first_month"]).date(), pd.Timestamp(row["last_month"]).date()


def gemeenten(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "gemeenten")


def kern_contours(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "kern_contours")


def gemeente_outlines(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "gemeente_outlines")


def suppressed_counts(overview: pd.DataFrame) -> pd.DataFrame:
    """The count columns as Dutch display strings, 1–4 shown as ``<5``."""
    return pd.DataFrame({c: privacy.suppress_column(overview[c], fmt.number) for c in COUNT_COLUMNS})


def kern_table(overview: pd.DataFrame) -> pd.DataFrame:
    """The kern overview as a display table for others: Dutch headers, numbers, suppression."""
    table = pd.DataFrame(
        {
            t("col.kern"): overview["name"],
            t("col.profile"): "kernprofiel?kern=" + overview["kern_id"],
            t("col.gemeente"): overview["gemeente"],
            t("col.kern_type"): overview["kern_type"].map(vocab.KERN_TYPE.get),
            t("col.inhabitants"): overview["inhabitants"].map(fmt.number),
        }
    )
    counts = suppressed_counts(overview)
    for column in COUNT_COLUMNS:
        table[t(f"col.{column}")] = counts[column]
    return table


def demo_banner_key(conn: duckdb.DuckDBPyConnection) -> str | None:
    """Which demo banner applies: all figures fictional, only monitoring, or none."""
    row = queries.run(conn, "demo_content").iloc[0]
    if not row["any_demo"]:
        return None
    return "app.demo_banner" if row["demo_context"] else "app.demo_banner_monitoring"
