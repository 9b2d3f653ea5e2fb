"""Import results as display tables (Dutch headers and dates); no Streamlit here."""

from __future__ import annotations

import json

import pandas as pd

from sv_analytics import fmt
from sv_analytics.errors import Problem
from sv_analytics.ingest.workbook import ImportPlan
from sv_analytics.texts import t

ACTIONS = {"demo": "demodatabase", "import": "import"}
STATUSES = {"ok": "opgeslagen", "unchanged": "ongewijzigd", "rejected": "afgewezen"}


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """One row per problem: file, sheet, row, column, value found, explanation."""
    return pd.DataFrame(
        {
            t("col.file"): [p.file for p in problems],
            t("col.sheet"): [p.sheet or "" for p in problems],
            t("col.row"): [str(p.row) if p.row is not None else "" for p in problems],
            t("col.column"): [p.column or "" for p in problems],
            t("col.value"): [p.value or "" for p in problems],
            t("col.problem"): [p.message for p in problems],
        }
    )


def changes_table(plan: ImportPlan) -> pd.DataFrame:
    """The preview: new, changed and removed rows per sheet."""
    changes = plan.sheet_changes()
    return pd.DataFrame(
        {
            t("col.sheet"): list(changes),
            t("col.new"): [fmt.number(c.new) for c in changes.values()],
            t("col.changed"): [fmt.number(c.changed) for c in changes.values()],
            t("col.removed"): [fmt.number(c.removed) for c in changes.values()],
        }
    )


def log_table(log: pd.DataFrame) -> pd.DataFrame:
    """The import log for people: Dutch timestamps, rows written in one number."""

    def total_rows(text: object) -> str:
        if not isinstance(text, str) or not text:
            return ""
        return fmt.number(sum(json.loads(text).values()))

    return pd.DataFrame(
        {
            t("col.when"): [f"{fmt.day(ts.date())} {ts:%H:%M}" for ts in pd.to_datetime(log["logged_at"])],
            t("col.action"): log["action"].map(lambda a: ACTIONS.get(a, a)),
            t("col.status"): log["status"].map(lambda s: STATUSES.get(s, s)),
            t("col.file"): log["file_name"].fillna(""),
            t("col.kern"): log["kern_name"].fillna(""),
            "Rijen": log["rows_json"].map(total_rows),
            t("col.message"): log["message"].fillna(""),
        }
    )
