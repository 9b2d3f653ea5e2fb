"""Loket Gezond Leven interventions of the kernen's activities: which ones, at which level.

Why a module of its own: an activity may carry out a lifestyle intervention that Loket Gezond
Leven (RIVM Centrum Gezond Leven) assessed in its erkenningstraject. That recognition is a
property of the *intervention*, recorded by the projectleider per activity in the workbook
(sheet Activiteiten, columns Interventie and Erkenningsniveau, codes vocab.RECOGNITION_LEVEL).
Wat werkt waar lists these activities with a minimum-level filter (:func:`recognised`,
:func:`table`) and uses the per-kern count as an approach (:func:`kern_counts`, registry
``aanpak_erkende_interventie``). The levels are ordered by strength of evidence, so "at least
Goed onderbouwd" compares positions in the vocabulary.

Everything reads through the cursor it is given: called via ``state.run`` it is the viewer's
scoped cursor, on which ``activity`` and ``kern`` hold only the scope's kernen (scope.py), so
a projectleider sees only the own kern. No Streamlit here.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sv_analytics import lookups, queries, tables, vocab
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

#: Registry code of the per-kern count and of the approach built on it.
COUNT_CODE = "erkende_interventies"
APPROACH_CODE = "aanpak_erkende_interventie"
#: The level from which an intervention counts as recognised for the approach.
RECOGNISED_FROM = vocab.RECOGNISED_FROM
YES, NO = "ja", "nee"

#: Columns of :func:`recognised` (the query interventions_activities).
ACTIVITY_COLUMNS = (
    "kern_id",
    "kern",
    "gemeente_code",
    "gemeente",
    "activity_id",
    "activiteit",
    "kind",
    "soort",
    "interventie",
    "recognition_level",
    "erkenningsniveau",
    "level_rank",
)


def level_options() -> dict[str, str]:
    """Recognition level codes → Dutch names, lowest first: the choices of a level filter."""
    return dict(vocab.RECOGNITION_LEVEL)


def _rank(level_min: str | None) -> int | None:
    """The position of ``level_min`` in the vocabulary; ValueError for an unknown level (a page
    passes codes from :func:`level_options`, so an unknown one is a programming error)."""
    if level_min is None:
        return None
    try:
        return vocab.level_rank(level_min)
    except KeyError as exc:
        raise ValueError(str(exc)) from None


def recognised(
    conn: duckdb.DuckDBPyConnection,
    level_min: str | None = None,
    gemeente: str | None = None,
    kern_id: str | None = None,
) -> pd.DataFrame:
    """The activities that name an intervention, per kern with the highest level first.

    ``level_min`` (a code of vocab.RECOGNITION_LEVEL): only activities whose intervention has at
    least that level; None: every activity that names an intervention, also without a level
    (those come last in their kern). ``gemeente`` (a gemeente code) and ``kern_id`` narrow the
    selection further; the scope of the cursor always applies. Columns: :data:`ACTIVITY_COLUMNS`;
    ``level_rank`` is the level's position (0 = Goed beschreven), NA without a level.
    """
    frame = queries.run(
        conn,
        "interventions_activities",
        gemeente=gemeente,
        kern=kern_id,
        min_rank=_rank(level_min),
    )
    frame["level_rank"] = frame["level_rank"].astype("Int64")
    return frame[list(ACTIVITY_COLUMNS)]


def table(frame: pd.DataFrame) -> Table:
    """:func:`recognised`'s rows as a typed table: kern, gemeente, activity, its kind, the
    intervention and its level (a named intervention without a level says so). No counts, so
    nothing to protect: activities are public offers, not people."""
    columns = (
        *lookups.kern_columns("kern"),
        Column("activiteit", t("lgl.col_activity")),
        Column("soort", t("lgl.col_kind")),
        Column("interventie", t("lgl.col_intervention")),
        Column("erkenningsniveau", t("lgl.col_level"), missing=t("lgl.no_level")),
    )
    return tables.table(frame, columns, notes=(t("lgl.note"),))


def kern_counts(conn: duckdb.DuckDBPyConnection, level_min: str = RECOGNISED_FROM) -> pd.DataFrame:
    """Per kern (every kern the cursor sees): its activities, how many name an intervention
    (``named``), how many carry one of at least ``level_min`` (``recognised``, registry
    :data:`COUNT_CODE` for the default level) and the approach group (``recognised_group``,
    registry :data:`APPROACH_CODE`): "ja", "nee", or None (unknown) when no activity of the kern
    names an intervention, because an empty column may mean "not filled in" as well as "none"."""
    frame = queries.run(conn, "interventions_kern_counts", min_rank=_rank(level_min))
    groups = [_group(r, n) for r, n in zip(frame["recognised"], frame["named"], strict=True)]
    # object dtype keeps None (unknown) as None; pandas 3 would infer a string column with NaN
    return frame.assign(recognised_group=pd.Series(groups, index=frame.index, dtype=object))


def _group(recognised_count: int, named: int) -> str | None:
    if recognised_count > 0:
        return YES
    return NO if named > 0 else None


__all__ = [
    "ACTIVITY_COLUMNS",
    "APPROACH_CODE",
    "COUNT_CODE",
    "RECOGNISED_FROM",
    "kern_counts",
    "level_options",
    "recognised",
    "table",
]
