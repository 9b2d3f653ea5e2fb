"""The kern registry (data/kernen.csv): the 22 kernen, 2 per gemeente.

The selection is illustrative, not the programme's real list (see data/README.md);
this module is the one place that reads it, so the demo, the importers and the tests see
the same kernen.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from sv_analytics import config, db, vocab

COLUMNS = [
    "kern_id",
    "name",
    "gemeente_code",
    "gemeente_name",
    "kern_type",
    "cbs_wijk_2017",
    "lat",
    "lon",
    "inhabitants",
    "inhabitants_source",
    "inhabitants_year",
    "start_date",
]

#: The 11 programme gemeenten: CBS code → name (CBS 2017 spelling).
PROGRAMME_GEMEENTEN = {
    "GM0141": "Almelo",
    "GM0147": "Borne",
    "GM0150": "Deventer",
    "GM0160": "Hardenberg",
    "GM0163": "Hellendoorn",
    "GM1735": "Hof van Twente",
    "GM0168": "Losser",
    "GM0173": "Oldenzaal",
    "GM1773": "Olst-Wijhe",
    "GM0177": "Raalte",
    "GM0193": "Zwolle",
}


def load_kernen(path: Path = config.KERNEN_CSV) -> pd.DataFrame:
    """Read and check the registry; raises ValueError naming the row when it is wrong."""
    frame = pd.read_csv(path, dtype={"cbs_wijk_2017": str, "gemeente_code": str})
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: kolommen ontbreken: {', '.join(missing)}")
    for index, row in frame.iterrows():
        where = f"{path}, rij {index + 2}"
        if row["gemeente_code"] not in PROGRAMME_GEMEENTEN:
            raise ValueError(f"{where}: onbekende gemeentecode {row['gemeente_code']!r}")
        if row["kern_type"] not in vocab.KERN_TYPE:
            raise ValueError(f"{where}: onbekend kerntype {row['kern_type']!r}")
    if frame["kern_id"].duplicated().any():
        raise ValueError(f"{path}: kern_id komt dubbel voor")
    return frame[COLUMNS].copy()


REGISTRY_DATASET_ID = "registry-kernen"
OVERIJSSEL_CODE = "PV23"


def registry_frames(kernen: pd.DataFrame, dataset_id: str = REGISTRY_DATASET_ID) -> dict[str, pd.DataFrame]:
    """The registry as rows of tables gemeente, kern and kern_region."""
    gemeente = pd.DataFrame(
        {
            "gemeente_code": list(PROGRAMME_GEMEENTEN),
            "name": list(PROGRAMME_GEMEENTEN.values()),
            "provincie_code": OVERIJSSEL_CODE,
            "in_programme": True,
            "dataset_id": dataset_id,
        }
    )
    kern = pd.DataFrame(
        {
            "kern_id": kernen["kern_id"],
            "name": kernen["name"],
            "gemeente_code": kernen["gemeente_code"],
            "kern_type": kernen["kern_type"],
            "lat": kernen["lat"].astype(float),
            "lon": kernen["lon"].astype(float),
            "start_date": pd.to_datetime(kernen["start_date"]).dt.date,
            "inhabitants": kernen["inhabitants"].astype(int),
            "inhabitants_source": kernen["inhabitants_source"],
            "inhabitants_year": kernen["inhabitants_year"].astype(int),
            "projectleider_role": "Lokale projectleider (0,1 fte)",
            "dataset_id": dataset_id,
        }
    )
    kern_region = pd.DataFrame(
        {
            "kern_id": kernen["kern_id"],
            "year": 2017,
            "region_code": kernen["cbs_wijk_2017"],
            "region_level": "wijk",
            "dataset_id": dataset_id,
        }
    )
    return {"gemeente": gemeente, "kern": kern, "kern_region": kern_region}


def write_registry(conn: duckdb.DuckDBPyConnection, kernen: pd.DataFrame) -> dict[str, int]:
    """Load the kern registry as its own (non-demo) dataset; call inside a transaction.

    Both an empty database (``cli init``) and the demo build start from it, so the registry
    is written one way whatever comes beside it.
    """
    digest = hashlib.sha256(kernen.to_csv(index=False).encode()).hexdigest()
    conn.execute(
        "INSERT INTO dataset VALUES (?, 'registry', ?, 2017, 'data/kernen.csv', ?, ?, false, ?)",
        [
            REGISTRY_DATASET_ID,
            "sv-analytics kernregister (illustratieve selectie)",
            digest,
            datetime.now(),
            "Illustratieve selectie van 22 kernen, niet de echte programmalijst",
        ],
    )
    return db.insert_frames(conn, registry_frames(kernen))
