"""Import results as display tables (Dutch headers and dates); no Streamlit here."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from sv_analytics import fmt
from sv_analytics.errors import Problem
from sv_analytics.ingest import mapping, revisions
from sv_analytics.ingest import workbook_spec as spec
from sv_analytics.ingest.merge import TableDiff
from sv_analytics.ingest.workbook import ImportPlan
from sv_analytics.texts import t

ACTIONS = {"demo": "demodatabase", "import": "import", "undo": "ongedaan maken"}
STATUSES = {"ok": "opgeslagen", "unchanged": "ongewijzigd", "rejected": "afgewezen"}
#: Values shown per new or removed row in the preview (the rest is in the workbook).
SHOWN_VALUES = 4


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
    """The preview: new, changed and removed rows per sheet (only sheets that change)."""
    changes = {sheet: c for sheet, c in plan.sheet_changes().items() if c.any}
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


# --------------------------------------------------------------------------- row-level preview
def _text(column: spec.Column | None, value: object, kern: str) -> str:
    """A stored value as the workbook would show it."""
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return "leeg"
    if column is None:
        return str(value)
    shown = mapping.from_db(column, value, kern)
    if column.kind == "code":
        return spec.closed_list(column.codes or "").get(str(shown), str(shown))
    if isinstance(shown, date):
        return fmt.month(shown) if column.kind in ("month", "quarter") else fmt.day(shown)
    if isinstance(shown, bool):
        return "ja" if shown else "nee"
    if isinstance(shown, float):
        return fmt.number(shown, 2).rstrip("0").rstrip(",")
    return str(shown)


def _by_column(sheet: spec.Sheet) -> dict[str, spec.Column]:
    return {c.db_column: c for c in sheet.columns if c.db_column}


def _key_text(sheet: spec.Sheet, row: pd.Series, kern: str, columns: tuple[str, ...]) -> str:
    by_column = _by_column(sheet)
    return ", ".join(
        f"{by_column[c].header} {_text(by_column[c], row[c], kern)}" for c in columns if c in by_column
    )


def _values_text(sheet: spec.Sheet, row: pd.Series, kern: str) -> str:
    parts = []
    for column in sheet.columns:
        if not column.db_column or column.db_column in sheet.replace_by:
            continue
        value = row.get(column.db_column)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        parts.append(f"{column.header}: {_text(column, value, kern)}")
    more = " …" if len(parts) > SHOWN_VALUES else ""
    return "; ".join(parts[:SHOWN_VALUES]) + more


def _main_rows(sheet: spec.Sheet, diff: TableDiff, kern: str) -> list[dict]:
    rows = []
    by_column = _by_column(sheet)
    for kind, frame in (("new", diff.new_rows), ("removed", diff.removed_rows)):
        for _, row in frame.iterrows():
            rows.append(
                {
                    "kind": t(f"change.{kind}"),
                    "record": _key_text(sheet, row, kern, tuple(diff.key_for(sheet))),
                    "change": _values_text(sheet, row, kern),
                }
            )
    for _, row in diff.changed_rows.iterrows():
        changes = []
        for name in (c[4:] for c in diff.changed_rows.columns if c.startswith("old_")):
            old, new = row[f"old_{name}"], row[f"new_{name}"]
            if _same(old, new):
                continue
            column = by_column.get(name)
            changes.append(
                f"{column.header if column else name}: {_text(column, old, kern)} → {_text(column, new, kern)}"
            )
        rows.append(
            {
                "kind": t("change.changed"),
                "record": _key_text(sheet, row, kern, tuple(diff.key_for(sheet))),
                "change": "; ".join(changes),
            }
        )
    return rows


def _same(a: object, b: object) -> bool:
    a_missing = a is None or (not isinstance(a, (str, list)) and pd.isna(a))
    b_missing = b is None or (not isinstance(b, (str, list)) and pd.isna(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return a == b


def _child_rows(sheet: spec.Sheet, child, diff: TableDiff, parent: TableDiff, kern: str) -> list[dict]:
    """Changes of flags, partners, breakdowns and sub-goals of records whose own row may be the
    same (a new or removed record already says it all)."""
    skip = set()
    for frame in (parent.new_rows, parent.removed_rows):
        if not frame.empty and all(k in frame.columns for k in child.keys):
            skip |= {tuple(r) for r in frame[list(child.keys)].itertuples(index=False)}
    rows = []

    def record(row: pd.Series) -> str | None:
        key = tuple(row[k] for k in child.keys)
        if key in skip:
            return None
        return _key_text(sheet, row, kern, tuple(k for k in child.keys if k in _by_column(sheet)))

    for kind, frame in (("new", diff.new_rows), ("removed", diff.removed_rows)):
        for _, row in frame.iterrows():
            where = record(row)
            if where is None:
                continue
            if isinstance(child, spec.Flags):
                column = sheet.column(child.prefix + row[child.column])
                change = f"{column.header}: {'nee → ja' if kind == 'new' else 'ja → nee'}"
            elif isinstance(child, spec.RefList):
                header = sheet.column(child.field).header
                change = (
                    f"{header}: {'+' if kind == 'new' else '−'} {mapping.local_id(kern, row[child.column])}"
                )
            elif isinstance(child, spec.Long):
                prefix = dict((d, p) for p, d in child.prefixes)[row["dimension"]]
                header = sheet.column(prefix + row["category"]).header
                change = f"{header}: leeg → {row['n']}" if kind == "new" else f"{header}: {row['n']} → leeg"
            else:  # a sub-goal: named by its first column's header ("Subdoel 2 score")
                header = sheet.column(child.columns[0][1].format(n=int(row[child.number_column]))).header
                change = f"{header}: {t(f'change.{kind}')}"
            rows.append({"kind": t("change.changed"), "record": where, "change": change})
    for _, row in diff.changed_rows.iterrows():
        where = record(row)
        if where is None:
            continue
        parts = []
        for name in (c[4:] for c in diff.changed_rows.columns if c.startswith("old_")):
            old, new = row[f"old_{name}"], row[f"new_{name}"]
            if _same(old, new):
                continue
            if isinstance(child, spec.Long):
                prefix = dict((d, p) for p, d in child.prefixes)[row["dimension"]]
                label = sheet.column(prefix + row["category"]).header
            elif isinstance(child, spec.Numbered):
                pattern = next(p for c, p, _ in child.columns if c == name)
                label = sheet.column(pattern.format(n=int(row[child.number_column]))).header
            else:
                label = name
            parts.append(f"{label}: {_text(None, old, kern)} → {_text(None, new, kern)}")
        rows.append({"kind": t("change.changed"), "record": where, "change": "; ".join(parts)})
    return rows


def change_rows(plan: ImportPlan, sheet_name: str) -> pd.DataFrame:
    """The preview of one sheet row by row: new, changed (old → new), removed."""
    sheet = spec.SHEETS_BY_NAME[sheet_name]
    kern = plan.info.kern_id
    parent = plan.diffs[sheet.table]
    rows = _main_rows(sheet, parent, kern)
    for child in sheet.children:
        rows += _child_rows(sheet, child, plan.diffs[child.table], parent, kern)
    return pd.DataFrame(
        {
            t("col.kind_of_change"): [r["kind"] for r in rows],
            t("col.what"): [r["record"] for r in rows],
            t("col.change"): [r["change"] for r in rows],
        }
    )


def revisions_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Revisions for people: number, when, what, who, file, undone by."""
    return pd.DataFrame(
        {
            t("col.revision"): [str(r) for r in frame["revision_id"]],
            t("col.when"): [f"{fmt.day(ts.date())} {ts:%H:%M}" for ts in pd.to_datetime(frame["created_at"])],
            t("col.action"): [revisions.ACTIONS.get(a, a) for a in frame["action"]],
            t("col.who"): frame["user_name"],
            t("col.file"): [f or "" for f in frame["file_name"]],
            t("col.what"): [s or "" for s in frame["summary"]],
            t("col.undone"): [f"door revisie {int(u)}" if u is not None else "" for u in frame["undone_by"]],
        }
    )
