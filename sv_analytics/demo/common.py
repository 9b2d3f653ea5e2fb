"""What every part of the demo generator shares: the kern it works on, the rows it
collects, its random streams and a few arithmetic helpers.

The same seed always gives the same content: all randomness comes from ``random.Random``
seeded with a string per kern and topic, whose algorithm Python keeps stable across
versions, so each topic's stream is independent of the others and of the order of work.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from sv_analytics.demo import patterns

DEFAULT_SEED = 2017
#: The source named on every fictional figure and on the demo dataset.
DEMO_SOURCE = "Demo (fictief)"


def demo_dataset_id(seed: int) -> str:
    return f"demo-seed-{seed}"


@dataclass
class Frames:
    """Rows per table, collected as lists of dicts and turned into DataFrames at the end."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, **row: object) -> None:
        self.rows[table].append(row)

    def to_frames(self, dataset_id: str) -> dict[str, pd.DataFrame]:
        frames = {}
        for table, rows in self.rows.items():
            frame = pd.DataFrame(rows)
            frame["dataset_id"] = dataset_id
            frames[table] = frame
        return frames


def split_integer(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` that add up exactly."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def round_to(value: float, step: int) -> int:
    return int(step * round(value / step))


def kern_rng(seed: int, kern_id: str, topic: str) -> random.Random:
    """An independent, reproducible stream per kern and topic."""
    return random.Random(f"sv-demo/{seed}/{kern_id}/{topic}")


@dataclass(frozen=True)
class Kern:
    """A registry kern with the roles the planted patterns give it."""

    kern_id: str
    name: str
    gemeente_code: str
    gemeente_name: str
    kern_type: str
    wijk_code: str
    lat: float
    lon: float
    inhabitants: int

    @property
    def ageing(self) -> bool:
        return self.kern_id in patterns.AGEING

    @property
    def continues(self) -> bool:
        return self.kern_id in patterns.CONTINUES

    @property
    def stalled(self) -> bool:
        return self.kern_id == patterns.STALLED

    @property
    def network_start(self) -> date | None:
        return patterns.REFERRAL_NETWORK_START.get(self.kern_id)


def kernen_from_registry(frame: pd.DataFrame) -> list[Kern]:
    return [
        Kern(
            r.kern_id,
            r.name,
            r.gemeente_code,
            r.gemeente_name,
            r.kern_type,
            r.cbs_wijk_2017,
            float(r.lat),
            float(r.lon),
            int(r.inhabitants),
        )
        for r in frame.itertuples(index=False)
    ]


class GeneratorBase:
    """The state the topic mixins share: the kernen, the seed and the collected rows."""

    def __init__(self, kernen: list[Kern], seed: int) -> None:
        self.kernen = kernen
        self.seed = seed
        self.out = Frames()

    def rng(self, kern: Kern | str, topic: str) -> random.Random:
        kern_id = kern if isinstance(kern, str) else kern.kern_id
        return kern_rng(self.seed, kern_id, topic)

    def add_kern_row(self, table: str, kern: Kern, id_column: str, suffix: str, **row: object) -> str:
        """Add a row that belongs to ``kern`` and return its id, ``<kern_id>-<suffix>``: every
        id the demo gives is its kern's id and a suffix, so ids are unique across kernen."""
        row_id = f"{kern.kern_id}-{suffix}"
        self.out.add(table, **{id_column: row_id}, kern_id=kern.kern_id, **row)
        return row_id

    @staticmethod
    def near(kern: Kern, rng: random.Random, lat_spread: float, lon_spread: float) -> dict[str, float]:
        """A point at most the spreads (in degrees) from the kern's centre, as columns lat and lon."""
        return {
            "lat": round(kern.lat + rng.uniform(-lat_spread, lat_spread), 5),
            "lon": round(kern.lon + rng.uniform(-lon_spread, lon_spread), 5),
        }

    def chosen_groups(self, kern: Kern) -> list[str]:
        """The kern's target groups: its profile, and what its new activities aim at."""
        rng = self.rng(kern, "doelgroepen")
        if kern.ageing:
            return ["senioren", rng.choice(["chronisch", "overgewicht"])]
        if kern.kern_type == "wijk":
            return [rng.choice(["statushouders", "psychisch"]), "overgewicht"]
        return sorted(rng.sample(["senioren", "chronisch", "overgewicht", "psychisch"], 2))
