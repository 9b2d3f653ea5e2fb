"""The shipped outlines (data/grenzen_2017.geojson): simplified CBS 2017 boundaries of the 11
programme gemeenten and of Overijssel, made by scripts/make_outlines.py (source and licence in
data/README.md).

Why shipped: officials show the maps on a beamer, often without internet and on a database
without imported boundaries; the maps must still show where a gemeente lies. Imported
boundaries (``--reference`` or an import) are finer and always win: the file only fills in a
gemeente that has no geometry in the database (:func:`fill_missing`). The file is read once per
process; it is small (≤ 200 KB) and never changes while the app runs.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from sv_analytics import config

OUTLINES_FILE = config.DATA_DIR / "grenzen_2017.geojson"

#: The columns of query ``gemeente_outlines``, which :func:`fill_missing` returns as well.
COLUMNS = ["gemeente_code", "name", "geojson", "source", "year"]


@lru_cache(maxsize=1)
def shipped() -> dict[tuple[str, str], dict]:
    """The shipped features by (level, code): properties plus the geometry as GeoJSON text."""
    doc = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    found = {}
    for feature in doc["features"]:
        props = feature["properties"]
        found[(props["level"], props["code"])] = {
            **props,
            "geojson": json.dumps(feature["geometry"], separators=(",", ":")),
        }
    return found


def fill_missing(imported: pd.DataFrame, gemeenten: pd.DataFrame) -> pd.DataFrame:
    """The imported outlines, plus the shipped outline of every gemeente of ``gemeenten`` (the
    ones the caller may see) that has none imported, in gemeente-code order.

    Why the caller passes ``gemeenten``: the shipped file holds all 11 gemeenten, but a scoped
    viewer may only see its own; the list comes from the same scoped cursor as the imported
    outlines, so the fallback follows exactly the scope rule of table ``geometry``.
    """
    have = set(imported["gemeente_code"])
    rows = []
    for code in gemeenten["gemeente_code"]:
        feature = shipped().get(("gemeente", code))
        if code in have or feature is None:
            continue
        rows.append([code, feature["name"], feature["geojson"], feature["source"], feature["year"]])
    extra = pd.DataFrame(rows, columns=COLUMNS)
    frames = [f for f in (imported[COLUMNS], extra) if not f.empty]
    if not frames:
        return imported[COLUMNS].reset_index(drop=True)
    return pd.concat(frames).sort_values("gemeente_code").reset_index(drop=True)
