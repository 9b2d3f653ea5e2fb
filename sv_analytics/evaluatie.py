"""Evaluatie (phase 4): sub-goal scores, organisation structure, continuity and factors.

Computes and formats the frames of the page Evaluatie from the named queries ``evaluatie_*``;
the page only lays them out. Functions that take the connection first are meant for
``state.run`` (cached by data version). Display frames carry Dutch headers and labels from
:mod:`sv_analytics.vocab` and the text catalogue. No Streamlit here.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sv_analytics import fmt, queries, vocab
from sv_analytics.texts import t

#: The two evaluation moments in time order (codes of vocab.EVALUATION_MOMENT).
MOMENTS = tuple(vocab.EVALUATION_MOMENT)
#: Scores 1–4 in order, and their Dutch labels.
SCORES = tuple(int(code) for code in vocab.SUBGOAL_SCORE)
SUBGOALS = tuple(int(code) for code in vocab.SUBGOAL)

CELL_COLUMNS = ["kern_id", "kern", "gemeente", "row_label", "row_order", "moment", "moment_label",
                "subgoal", "subgoal_label", "score", "score_label"]  # fmt: skip


# ------------------------------------------------------------------------------ labels
def moment_label(code: str) -> str:
    return vocab.EVALUATION_MOMENT.get(code, code)


def subgoal_label(subgoal: int) -> str:
    return vocab.SUBGOAL.get(str(subgoal), str(subgoal))


def score_label(score: object) -> str:
    """'Deels bereikt' for 2; a missing score says there was no evaluation."""
    if score is None or pd.isna(score):
        return t("eval.no_score")
    return vocab.SUBGOAL_SCORE.get(str(int(score)), str(score))


def continuity_label(value: object) -> str:
    """ja / nee / nog onbekend (NULL in the database means not yet known)."""
    if value is None or pd.isna(value):
        return t("eval.continues.onbekend")
    return t("eval.continues.ja") if bool(value) else t("eval.continues.nee")


def kern_label(kern: str, gemeente: str) -> str:
    """The row label of the overview, as the kern filter writes it: 'Bathmen (Deventer)'."""
    return f"{kern} ({gemeente})"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


# ------------------------------------------------------------------------------ one kern
def kern_subgoals(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """One kern's sub-goal scores, both moments, with Dutch labels (chart and table data)."""
    frame = queries.run(conn, "evaluatie_subgoals", kern_id=kern_id, gemeente=None)
    return _with_labels(frame)


def _with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(
        moment_label=frame["moment"].map(moment_label),
        subgoal_label=frame["subgoal"].map(subgoal_label),
        score_label=frame["score"].map(score_label),
        moment_order=frame["moment"].map({m: i for i, m in enumerate(MOMENTS)}),
    )
    return frame.sort_values(["moment_order", "subgoal"], kind="stable").reset_index(drop=True)


def subgoal_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The kern's scores as a table: sub-goal, moment, score, judgement and explanation (the last
    only when some score has one: an all-empty column reads like missing data)."""
    table = pd.DataFrame(
        {
            t("eval.col.subgoal"): frame["subgoal_label"],
            t("eval.col.moment"): frame["moment_label"],
            t("eval.col.score"): frame["score"].astype("int64"),
            t("eval.col.judgement"): frame["score_label"],
            t("eval.col.explanation"): frame["explanation"].map(_text),
        }
    )
    if not table[t("eval.col.explanation")].str.strip().astype(bool).any():
        table = table.drop(columns=t("eval.col.explanation"))
    return table


def kern_moments(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """One kern's evaluation moments: date, structure, continuity and summary."""
    return queries.run(conn, "evaluatie_moments", kern_id=kern_id, gemeente=None)


def moments_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Structure and continuity per moment, in Dutch."""
    return pd.DataFrame(
        {
            t("eval.col.moment"): frame["moment"].map(moment_label),
            t("eval.col.date"): frame["held_on"].map(lambda d: fmt.day(pd.Timestamp(d).date())),
            t("eval.col.structure"): frame["structure"].map(lambda s: vocab.STRUCTURE.get(s, s)),
            t("eval.col.continues"): frame["continues_after_subsidy"].map(continuity_label),
            t("eval.col.summary"): frame["summary"].map(_text),
        }
    )


def kern_factors(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """One kern's success and failure factors, both moments (query ``evaluatie_factors``)."""
    return queries.run(conn, "evaluatie_factors", kern_id=kern_id)


def factors_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The factors with Dutch labels for moment, kind, category and phase; empty where not given."""
    return pd.DataFrame(
        {
            t("eval.col.moment"): frame["moment"].map(moment_label),
            t("eval.col.kind"): frame["kind"].map(lambda k: vocab.FACTOR_KIND.get(k, k)),
            t("eval.col.category"): frame["category"].map(lambda c: vocab.FACTOR_CATEGORY.get(c, c)),
            t("eval.col.phase"): frame["phase"].map(
                lambda p: "" if pd.isna(p) else vocab.PHASE.get(str(int(p)), str(p))
            ),
            t("eval.col.factor"): frame["description"],
            t("eval.col.context"): frame["context"].map(_text),
            t("eval.col.mechanism"): frame["mechanism"].map(_text),
            t("eval.col.outcome"): frame["outcome"].map(_text),
        }
    )


# ------------------------------------------------------------------------------ all kernen
def overview_cells(conn: duckdb.DuckDBPyConnection, gemeente: str | None) -> pd.DataFrame:
    """Every kern × moment × sub-goal with its score (NaN where not evaluated), kernen in
    gemeente order; empty when no kern in the selection has any score, so that the page shows
    an empty state instead of a grid of grey cells."""
    scores = queries.run(conn, "evaluatie_subgoals", kern_id=None, gemeente=gemeente)
    if scores.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    kernen = queries.run(conn, "evaluatie_kernen", gemeente=gemeente).reset_index(names="row_order")
    grid = kernen.merge(
        pd.DataFrame([(m, s) for m in MOMENTS for s in SUBGOALS], columns=["moment", "subgoal"]), how="cross"
    )
    cells = grid.merge(scores[["kern_id", "moment", "subgoal", "score"]], how="left")
    cells = cells.assign(
        row_label=[kern_label(k, g) for k, g in zip(cells["kern"], cells["gemeente"], strict=True)],
        moment_label=cells["moment"].map(moment_label),
        subgoal_label=cells["subgoal"].map(subgoal_label),
        score_label=cells["score"].map(score_label),
    )
    return cells[CELL_COLUMNS].reset_index(drop=True)


def score_counts(cells: pd.DataFrame) -> pd.DataFrame:
    """Per sub-goal and moment: how many kernen gave each score, and how many gave one at all."""
    rows = []
    for subgoal in SUBGOALS:
        for moment in MOMENTS:
            part = cells[(cells["subgoal"] == subgoal) & (cells["moment"] == moment)]["score"]
            row = {t("eval.col.subgoal"): subgoal_label(subgoal), t("eval.col.moment"): moment_label(moment)}
            row |= {score_label(score): int((part == score).sum()) for score in SCORES}
            row[t("eval.col.evaluated")] = int(part.notna().sum())
            rows.append(row)
    return pd.DataFrame(rows)


def latest_moments(conn: duckdb.DuckDBPyConnection, gemeente: str | None) -> pd.DataFrame:
    """Per kern its latest evaluation (final 2018 where held, else the interim one): structure,
    continuity and summary; kernen that go on come first."""
    frame = queries.run(conn, "evaluatie_moments", kern_id=None, gemeente=gemeente)
    if frame.empty:
        return frame
    frame = frame.sort_values("held_on").groupby("kern_id", sort=False).tail(1)
    order = frame["continues_after_subsidy"].map(lambda v: 2 if pd.isna(v) else (0 if v else 1))
    return frame.assign(order=order).sort_values(["order", "gemeente", "kern"]).reset_index(drop=True)


def continuing_count(latest: pd.DataFrame) -> int:
    """How many kernen expect to go on after the subsidy (their latest evaluation says ja)."""
    if latest.empty:
        return 0
    return int((latest["continues_after_subsidy"].fillna(False).astype(bool)).sum())


def continuity_counts(latest: pd.DataFrame) -> pd.DataFrame:
    """Kernen per organisation structure (rows, vocab order) and continuity (ja / nee / nog
    onbekend, total); structures no kern has are left out."""
    labels = latest["continues_after_subsidy"].map(continuity_label)
    columns = [t("eval.continues.ja"), t("eval.continues.nee"), t("eval.continues.onbekend")]
    rows = []
    for code, name in vocab.STRUCTURE.items():
        mask = latest["structure"] == code
        if not mask.any():
            continue
        row = {t("eval.col.structure"): name} | {c: int((labels[mask] == c).sum()) for c in columns}
        row[t("eval.col.total")] = int(mask.sum())
        rows.append(row)
    total = {t("eval.col.structure"): t("eval.col.total")} | {c: int((labels == c).sum()) for c in columns}
    total[t("eval.col.total")] = len(latest)
    return pd.DataFrame([*rows, total])


def latest_display(latest: pd.DataFrame) -> pd.DataFrame:
    """Per kern: gemeente, moment of the latest evaluation, structure, continuity, summary."""
    return pd.DataFrame(
        {
            t("col.kern"): latest["kern"],
            t("col.gemeente"): latest["gemeente"],
            t("eval.col.moment"): latest["moment"].map(moment_label),
            t("eval.col.structure"): latest["structure"].map(lambda s: vocab.STRUCTURE.get(s, s)),
            t("eval.col.continues"): latest["continues_after_subsidy"].map(continuity_label),
            t("eval.col.summary"): latest["summary"].map(_text),
        }
    )


def evaluated_count(latest: pd.DataFrame) -> int:
    """How many kernen have at least one evaluation."""
    return 0 if latest.empty else int(latest["kern_id"].nunique())
