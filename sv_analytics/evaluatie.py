"""Evaluatie (phase 4): sub-goal scores, organisation structure, continuity and factors.

Computes the frames of the page Evaluatie from the named queries ``evaluatie_*``; the page only
lays them out. Functions that take the connection first are meant for ``state.run`` (cached by
data version). The tables the page shows are typed :class:`~sv_analytics.tables.Table` s: Dutch
labels from :mod:`sv_analytics.vocab` and the text catalogue, scores and counts as numbers, dates
as dates, and the registry indicator of each column beside it. No Streamlit here.

The counts are of kernen, not of people: nothing here is suppressed.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sv_analytics import lookups, queries, tables, timeline, vocab
from sv_analytics.tables import Column, Table
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


def _continuity(value: object) -> bool | None:
    """The continuity as a typed value: True, False or None (NULL in the database: not yet known)."""
    return None if value is None or pd.isna(value) else bool(value)


def continuity_column(key: str) -> Column:
    """Doorgaan na 2018 as a yes/no column: ja / nee, and 'nog onbekend' where not yet known."""
    return Column(key, t("eval.col.continues"), kind="bool", indicator="aanpak_doorgaan",
                  missing=t("eval.continues.onbekend"))  # fmt: skip


def kern_label(kern: str, gemeente: str) -> str:
    """The row label of the overview, as the kern filter writes it: 'Bathmen (Deventer)'."""
    return f"{kern} ({gemeente})"


def _phase(value: object) -> str | None:
    return None if value is None or pd.isna(value) else vocab.PHASE.get(str(int(value)), str(value))


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


# ------------------------------------------------------------------------------ one kern
def kern_subgoals(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """One kern's sub-goal scores, both moments, with Dutch labels (chart and table data)."""
    return _with_labels(queries.run(conn, "evaluatie_subgoals", kern_id=kern_id))


def _with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(
        moment_label=frame["moment"].map(moment_label),
        subgoal_label=frame["subgoal"].map(subgoal_label),
        score_label=frame["score"].map(score_label),
        moment_order=frame["moment"].map({m: i for i, m in enumerate(MOMENTS)}),
    )
    return frame.sort_values(["moment_order", "subgoal"], kind="stable").reset_index(drop=True)


def subgoal_display(frame: pd.DataFrame) -> Table:
    """The kern's scores as a table: sub-goal, moment, score (a number), judgement and explanation
    (the last only when some score has one: an all-empty column reads like missing data)."""
    columns = [
        Column("subgoal_label", t("eval.col.subgoal")),
        Column("moment_label", t("eval.col.moment")),
        Column("score", t("eval.col.score"), kind="number", indicator="evaluatie_subdoel_score"),
        Column("score_label", t("eval.col.judgement")),
    ]
    if frame["explanation"].map(_has_text).any():
        columns.append(Column("explanation", t("eval.col.explanation"), missing=""))
    return tables.table(frame, columns)


def kern_moments(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """One kern's evaluation moments: date, structure, continuity and summary."""
    return queries.run(conn, "evaluatie_moments", kern_id=kern_id, gemeente=None)


def _evaluations(frame: pd.DataFrame) -> pd.DataFrame:
    """Evaluation rows (query ``evaluatie_moments``) with the Dutch moment and structure and the
    continuity as a typed value: what both the one-kern and the all-kernen table show of them."""
    return frame.assign(
        moment_label=frame["moment"].map(moment_label),
        structure_label=frame["structure"].map(lambda s: vocab.STRUCTURE.get(s, s)),
        continues=frame["continues_after_subsidy"].map(_continuity).astype(object),
    )


def _evaluation_columns() -> list[Column]:
    """Structure, continuity and summary of an evaluation (the columns :func:`_evaluations` labels)."""
    return [
        Column("structure_label", t("eval.col.structure"), indicator="evaluatie_structuur"),
        continuity_column("continues"),
        Column("summary", t("eval.col.summary"), missing=""),
    ]


def moments_display(frame: pd.DataFrame) -> Table:
    """Structure and continuity per moment: the date as a date, continuity as ja / nee / nog onbekend."""
    shown = _evaluations(frame).assign(held_on=frame["held_on"].map(timeline.as_date))
    columns = [
        Column("moment_label", t("eval.col.moment")),
        Column("held_on", t("eval.col.date"), kind="date"),
        *_evaluation_columns(),
    ]
    return tables.table(shown, columns)


#: One kern's factors in reading order: the interim evaluation first, successes before failures
#: (codes descending), then phase (none last) and category.
KERN_FACTOR_ORDER = {"moment": False, "kind": False, "phase": True, "category": True, "factor_id": True}


def kern_factors(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """One kern's success and failure factors, both moments (query ``evaluatie_factors``, which
    Wat werkt waar reads for all kernen), in :data:`KERN_FACTOR_ORDER` (no phase: last)."""
    frame = queries.run(conn, "evaluatie_factors", kern_id=kern_id, category=None, phase=None)
    order = frame.sort_values(list(KERN_FACTOR_ORDER), ascending=list(KERN_FACTOR_ORDER.values()))
    return order.reset_index(drop=True)


def factor_columns(category: str, phase: Column) -> list[Column]:
    """The columns of a table of factors: moment, kind, category, phase, the factor and its context
    → mechanism → outcome (empty where not given). Evaluatie (one kern) and Wat werkt waar (all
    kernen) show the same columns; ``category`` (the column key) and ``phase`` say how each labels
    the category and the phase."""
    return [
        Column("moment_label", t("eval.col.moment")),
        Column("kind_label", t("eval.col.kind")),
        Column(category, t("eval.col.category")),
        phase,
        Column("description", t("eval.col.factor"), indicator="wwk_factoren"),
        Column("context", t("eval.col.context"), missing=""),
        Column("mechanism", t("eval.col.mechanism"), missing=""),
        Column("outcome", t("eval.col.outcome"), missing=""),
    ]


def factors_display(frame: pd.DataFrame) -> Table:
    """The factors with Dutch labels for moment, kind, category and phase; empty where not given."""
    shown = frame.assign(
        moment_label=frame["moment"].map(moment_label),
        kind_label=frame["kind"].map(lambda k: vocab.FACTOR_KIND.get(k, k)),
        category_label=frame["category"].map(lambda c: vocab.FACTOR_CATEGORY.get(c, c)),
        phase_label=frame["phase"].map(_phase).astype(object),
    )
    phase = Column("phase_label", t("eval.col.phase"), missing="")
    return tables.table(shown, factor_columns("category_label", phase))


# ------------------------------------------------------------------------------ all kernen
def overview_cells(conn: duckdb.DuckDBPyConnection, gemeente: str | None) -> pd.DataFrame:
    """Every kern × moment × sub-goal with its score (NaN where not evaluated), kernen in
    gemeente order; empty when no kern in the selection has any score, so that the page shows
    an empty state instead of a grid of grey cells."""
    scores = queries.run(conn, "evaluatie_subgoals", kern_id=None)
    kernen = queries.run(conn, "evaluatie_kernen", gemeente=gemeente).reset_index(names="row_order")
    if not scores["kern_id"].isin(kernen["kern_id"]).any():
        return pd.DataFrame(columns=CELL_COLUMNS)
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


def score_counts(cells: pd.DataFrame) -> Table:
    """Per sub-goal and moment: how many kernen gave each score, and how many gave one at all."""
    rows = []
    for subgoal in SUBGOALS:
        for moment in MOMENTS:
            part = cells[(cells["subgoal"] == subgoal) & (cells["moment"] == moment)]["score"]
            row = {"subgoal": subgoal_label(subgoal), "moment": moment_label(moment)}
            row |= {f"score_{score}": int((part == score).sum()) for score in SCORES}
            row["evaluated"] = int(part.notna().sum())
            rows.append(row)
    columns = [
        Column("subgoal", t("eval.col.subgoal")),
        Column("moment", t("eval.col.moment")),
        *(
            Column(f"score_{s}", score_label(s), kind="count", indicator="evaluatie_kernen_per_score")
            for s in SCORES
        ),
        Column("evaluated", t("eval.col.evaluated"), kind="count", indicator="evaluatie_kernen_per_score"),
    ]
    return tables.table(
        pd.DataFrame(rows, columns=[c.key for c in columns]), columns, indicators=["evaluatie_subdoel_score"]
    )


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


#: Continuity → its count column in :func:`continuity_counts` and that column's indicator.
CONTINUITY_COLUMNS = {
    "ja": "evaluatie_kernen_doorgaan",
    "nee": "aanpak_doorgaan",
    "onbekend": "aanpak_doorgaan",
}


def continuity_counts(latest: pd.DataFrame) -> Table:
    """Kernen per organisation structure (rows, vocab order) and continuity (ja / nee / nog
    onbekend, total); structures no kern has are left out; the last row is the total."""
    answers = latest["continues_after_subsidy"].map(
        lambda v: "onbekend" if v is None or pd.isna(v) else ("ja" if v else "nee")
    )
    rows = []
    for code, name in [*vocab.STRUCTURE.items(), (None, t("eval.col.total"))]:
        mask = latest["structure"] == code if code else pd.Series(True, index=latest.index)
        if code and not mask.any():
            continue
        row = {"structure": name} | {f"n_{a}": int((answers[mask] == a).sum()) for a in CONTINUITY_COLUMNS}
        rows.append(row | {"total": int(mask.sum())})
    columns = [
        Column("structure", t("eval.col.structure"), indicator="evaluatie_structuur"),
        *(Column(f"n_{a}", t(f"eval.continues.{a}"), kind="count", indicator=code)
          for a, code in CONTINUITY_COLUMNS.items()),
        Column("total", t("eval.col.total"), kind="count"),
    ]  # fmt: skip
    return tables.table(pd.DataFrame(rows, columns=[c.key for c in columns]), columns)


def latest_display(latest: pd.DataFrame) -> Table:
    """Per kern: gemeente, moment of the latest evaluation, structure, continuity, summary."""
    columns = [
        *lookups.kern_columns("kern"),
        Column("moment_label", t("eval.col.moment")),
        *_evaluation_columns(),
    ]
    return tables.table(_evaluations(latest), columns)


def evaluated_count(latest: pd.DataFrame) -> int:
    """How many kernen have at least one evaluation."""
    return 0 if latest.empty else int(latest["kern_id"].nunique())
