"""Lookups every page shares: kernen (and the table columns that name them), gemeenten, the
months with data, map contours, the import log and whether demo content is stored. No
Streamlit; pages get them cached through ``ui.state.run``."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from sv_analytics import outlines, queries
from sv_analytics.tables import Column
from sv_analytics.texts import t


def kernen(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The kern registry: id, name, gemeente, type, location and inhabitants, in gemeente order."""
    return queries.run(conn, "kernen")


def kernen_in(
    conn: duckdb.DuckDBPyConnection, gemeente: str | None = None, kern_id: str | None = None
) -> pd.DataFrame:
    """The registry's kernen of one gemeente and/or one kern (None: all), in gemeente order: the
    rows of a table per kern, whose own query gives only figures per ``kern_id``."""
    frame = kernen(conn)
    if gemeente is not None:
        frame = frame[frame["gemeente_code"] == gemeente]
    if kern_id is not None:
        frame = frame[frame["kern_id"] == kern_id]
    return frame.reset_index(drop=True)


def kern_inhabitants(conn: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """Inhabitants of every kern for ``year``, with the year and source actually used.

    The one answer to "how many inhabitants had kern k in year y" (query ``kern_inhabitants``):
    the public figure of the kern itself for that year where one is stored, otherwise the
    registry's figure with its own peiljaar (``inhabitants_year`` then differs from ``year``).
    Why: a reach of 2017 divided by the inhabitants of 2025 silently mixes two years; every
    per-1.000 figure reads its denominator here, so every page uses the same one and can say
    which year it is. Columns: kern_id, inhabitants, inhabitants_year, inhabitants_source.
    """
    return queries.run(conn, "kern_inhabitants", year=int(year))


def years_text(years: list[int] | tuple[int, ...]) -> str:
    """``2025``, ``2017–2018`` (consecutive) or ``2016, 2018``: the years a figure uses."""
    found = sorted({int(y) for y in years})
    if len(found) > 1 and found == list(range(found[0], found[-1] + 1)):
        return f"{found[0]}–{found[-1]}"
    return ", ".join(str(y) for y in found)


def period_inhabitants(conn: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> pd.DataFrame:
    """Per kern the inhabitants for a figure over the years ``first_year``..``last_year``: the
    average of :func:`kern_inhabitants` of each year, rounded to whole persons.

    Columns: kern_id, inhabitants, inhabitants_year (text: the years actually used, ``2017–2018``
    or the registry's ``2025``), inhabitants_source, ``for_years`` (every year described had a
    figure of its own) and ``described`` (the years the figure is about, as text)."""
    long = pd.concat(
        [kern_inhabitants(conn, year).assign(wanted=year) for year in range(first_year, last_year + 1)],
        ignore_index=True,
    )
    long["own_year"] = long["inhabitants_year"] == long["wanted"]
    grouped = long.groupby("kern_id", sort=False)
    frame = pd.DataFrame(
        {
            "inhabitants": grouped["inhabitants"].mean().round().astype("int64"),
            "inhabitants_year": grouped["inhabitants_year"].agg(lambda s: years_text(tuple(s.dropna()))),
            "inhabitants_source": grouped["inhabitants_source"].agg(
                lambda s: " / ".join(dict.fromkeys(s.dropna()))
            ),
            "for_years": grouped["own_year"].all(),
        }
    )
    return frame.reset_index().assign(described=years_text(range(first_year, last_year + 1)))


def inhabitants_notes(frame: pd.DataFrame) -> list[str]:
    """One sentence per inhabitants' source and year in ``frame`` (:func:`period_inhabitants`'
    columns): which inhabitants a per-1.000 figure divides by, and when they are not of the
    years it describes, that there is no figure of the kern itself for those years."""
    notes = []
    keys = ["inhabitants_source", "inhabitants_year", "for_years", "described"]
    for source, year, own, described in frame[keys].drop_duplicates().itertuples(index=False):
        notes.append(
            t(
                "inhabitants.note_own" if own else "inhabitants.note_other",
                source=source if isinstance(source, str) and source else t("common.unknown"),
                year=year,
                described=described,
            )
        )
    return notes


def kern_columns(name: str = "name") -> tuple[Column, Column]:
    """The kern (its name in column ``name``) and its gemeente, headed as every table per kern heads them."""
    return Column(name, t("col.kern")), Column("gemeente", t("col.gemeente"))


def inhabitants_column() -> Column:
    """The kern's inhabitants in the registry (column ``inhabitants``, registry ``inwoners_kern``)."""
    return Column("inhabitants", t("col.inhabitants"), kind="count", indicator="inwoners_kern")


def import_log(conn: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The latest imports, newest first."""
    return queries.run(conn, "import_log", limit=limit)


def month_range(conn: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """First and last month with monitoring data, or None when there is none."""
    row = queries.run(conn, "month_range").iloc[0]
    if pd.isna(row["first_month"]):
        return None
    return pd.Timestamp(row["first_month"]).date(), pd.Timestamp(row["last_month"]).date()


def gemeenten(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "gemeenten")


def wijk_names(conn: duckdb.DuckDBPyConnection, year: int) -> dict[str, str]:
    """CBS wijk code → name, for the wijken whose boundaries were imported with a name (query
    ``wijk_names``; ``year``: the classification year wanted). The registry and the statistics
    carry codes only, so a wijk without an imported boundary has no name here."""
    frame = queries.run(conn, "wijk_names", year=int(year))
    return dict(zip(frame["region_code"], frame["name"], strict=True))


def kern_contours(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(conn, "kern_contours")


def gemeente_outlines(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The outline of every gemeente with kernen that ``conn`` may see: the imported boundary
    where one is stored, otherwise the shipped simplified CBS 2017 outline (sv_analytics.outlines),
    so the maps show where a gemeente lies without imports and without network. Both lists come
    from the same (scoped) cursor, so a scope gets outlines of its own gemeente only."""
    return outlines.fill_missing(queries.run(conn, "gemeente_outlines"), queries.run(conn, "gemeenten"))


def demo_banner_key(conn: duckdb.DuckDBPyConnection) -> str | None:
    """Which demo banner applies: all figures fictional, only monitoring, or none."""
    row = queries.run(conn, "demo_content").iloc[0]
    if not row["any_demo"]:
        return None
    return "app.demo_banner" if row["demo_context"] else "app.demo_banner_monitoring"
