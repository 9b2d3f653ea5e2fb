"""A kern's public statistics, through its CBS codes, with warnings where codes may not match.

Why: a kern is linked to CBS wijk codes of one year (``kern_region``, 2017 in the
registry), while sources use their own region classification: the RIVM 50090NED figures
use that of 2020. The same code in two classifications is not always the same area — Raalte
(GM0177) renumbered its wijken between 2017 and 2020 (2017: WK017700 Raalte-Kern, 01–06 and
08–10; 2020: WK017701–09), so WK017702 "Heeten" of 2017 is another area in 2020. This
module returns every row with the classification year it was joined across and whether the
join is reliable, and a Dutch warning for each join that is not known to be safe.

What is known (checked against the CBS wijk list 2017 and the 50090NED codes of 2020, see
the reference notes ``cbs-wijken-2017-11gem.csv``): in the other 10 programme gemeenten every
2017 wijk code recurs in 2020. Identical codes do not prove identical boundaries, but no
renumbering is known there. Any other pair of years is "not checked" and warned about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sv_analytics import registry
from sv_analytics.errors import UserError

#: gemeente → (from year, to year, explanation): wijk codes renumbered between those years.
RENUMBERED: dict[str, tuple[int, int, str]] = {
    "GM0177": (
        2017,
        2020,
        "Raalte (GM0177) heeft zijn wijkcodes tussen 2017 en 2020 vernummerd "
        "(2017: WK017700 Raalte-Kern, 01–06 en 08–10; 2020: WK017701–09)",
    ),
}
#: (classification year a, b) → gemeenten whose wijk codes are known to recur unchanged.
STABLE: dict[tuple[int, int], frozenset[str]] = {
    (2017, 2020): frozenset(set(registry.PROGRAMME_GEMEENTEN) - set(RENUMBERED)),
}
_CLASSIFICATION = re.compile(r"indeling (\d{4})")
SUB_LEVELS = ("wijk", "buurt")


@dataclass
class KernStatistics:
    """The rows found for a kern and the warnings that go with them."""

    kern_id: str
    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def classification_year(source: str, year: int) -> int:
    """The region classification a source uses: named in the source ('indeling 2020'), else its year."""
    found = _CLASSIFICATION.search(source)
    return int(found.group(1)) if found else int(year)


def code_status(region_code: str, link_year: int, source_year: int) -> str:
    """'gelijk', 'stabiel', 'vernummerd' or 'onbekend' for a wijk/buurt code across two classifications."""
    if link_year == source_year:
        return "gelijk"
    gemeente = f"GM{region_code[2:6]}"
    pair = (min(link_year, source_year), max(link_year, source_year))
    renumbered = RENUMBERED.get(gemeente)
    if renumbered and pair[0] <= renumbered[0] and pair[1] >= renumbered[1]:
        return "vernummerd"
    if gemeente in STABLE.get(pair, frozenset()):
        return "stabiel"
    return "onbekend"


def kern_statistics(conn: duckdb.DuckDBPyConnection, kern_id: str, year: int | None = None) -> KernStatistics:
    """Statistics of the kern itself, its wijken/buurten (kern_region) and its gemeente.

    ``year`` filters on the statistic's year. Columns: via, region_code, region_level, year,
    age_group, indicator, value, unit, source, link_year, classification_year, status,
    reliable. Demo data is taken to use the registry's classification.
    """
    cursor = conn.cursor()
    kern = cursor.execute("SELECT name, gemeente_code FROM kern WHERE kern_id = ?", [kern_id]).fetchone()
    if kern is None:
        raise UserError(f"Kern '{kern_id}' staat niet in het kernregister van deze database.")
    links = cursor.execute(
        "SELECT region_code, year FROM kern_region WHERE kern_id = ? ORDER BY year", [kern_id]
    ).fetchall()
    frame = _fetch(cursor, kern_id, kern[1], [c for c, _ in links], year)
    link_years: dict[str, list[int]] = {}
    for code, link_year in links:
        link_years.setdefault(code, []).append(int(link_year))
    frame = _annotate(frame, link_years)
    return KernStatistics(kern_id, frame, _warnings(frame, kern[0]))


def _fetch(cursor, kern_id: str, gemeente: str, codes: list[str], year: int | None) -> pd.DataFrame:
    placeholders = ", ".join("?" for _ in codes) or "NULL"
    sql = f"""
        SELECT s.region_code, s.region_level, s.year, s.age_group, s.indicator, s.value, s.unit,
               s.source, coalesce(d.is_demo, false) AS is_demo
        FROM statistic AS s LEFT JOIN dataset AS d USING (dataset_id)
        WHERE ((s.region_level = 'kern' AND s.region_code = ?)
            OR (s.region_level = 'gemeente' AND s.region_code = ?)
            OR (s.region_level IN ('wijk', 'buurt') AND s.region_code IN ({placeholders})))
          AND (? IS NULL OR s.year = ?)
        ORDER BY s.region_level, s.region_code, s.source, s.indicator, s.age_group, s.year
    """
    return cursor.execute(sql, [kern_id, gemeente, *codes, year, year]).df()


def _annotate(frame: pd.DataFrame, link_years: dict[str, list[int]]) -> pd.DataFrame:
    frame = frame.copy()
    frame["via"] = frame["region_level"]
    cls_years, link_col, statuses = [], [], []
    for row in frame.itertuples(index=False):
        source_year = classification_year(row.source, row.year)
        if row.region_level not in SUB_LEVELS:
            cls_years.append(source_year)
            link_col.append(None)
            statuses.append("gelijk")
            continue
        candidates = link_years.get(row.region_code, [source_year])
        link_year = min(candidates, key=lambda y: (abs(y - source_year), -y))
        source_year = link_year if row.is_demo else source_year
        cls_years.append(source_year)
        link_col.append(link_year)
        statuses.append(code_status(row.region_code, link_year, source_year))
    frame["link_year"] = pd.array(link_col, dtype="Int64")
    frame["classification_year"] = pd.array(cls_years, dtype="Int64")
    frame["status"] = statuses
    frame["reliable"] = frame["status"].isin(["gelijk", "stabiel"])
    columns = ["via", "region_code", "region_level", "year", "age_group", "indicator", "value", "unit", "source",
               "link_year", "classification_year", "status", "reliable"]  # fmt: skip
    return frame[columns]


def _warnings(frame: pd.DataFrame, kern_name: str) -> list[str]:
    """One Dutch warning per (code, source, classification) joined across an unsafe change."""
    warnings = []
    risky = frame[frame["status"].isin(["vernummerd", "onbekend"])]
    groups = risky.groupby(["region_code", "source", "link_year", "classification_year", "status"], sort=True)
    for (code, source, link_year, source_year, status), _rows in groups:
        head = (
            f"Let op: {kern_name} is gekoppeld aan {code} uit de wijkindeling {link_year}, maar '{source}' "
            f"gebruikt de indeling {source_year}."
        )
        if status == "vernummerd":
            reason = RENUMBERED[f"GM{code[2:6]}"][2]
            tail = f" {reason}; {code} is in {source_year} een ander gebied. Deze cijfers zijn niet betrouwbaar voor deze kern."
        else:
            tail = " Niet gecontroleerd of deze code in beide indelingen hetzelfde gebied aanduidt."
        warnings.append(head + tail)
    return warnings
