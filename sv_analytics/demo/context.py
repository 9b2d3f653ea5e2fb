"""Fictional public context: kern contours and CBS/RIVM-like statistics per wijk,
gemeente, province and country (patterns 1 and 10: ageing and krimp), and status holders.

With real context files (``generate(real_context=True)``) only the status-holder counts
are kept, because no public source has them.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict, namedtuple
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import ClassVar

from sv_analytics import registry
from sv_analytics.demo import patterns
from sv_analytics.demo.common import DEMO_SOURCE, GeneratorBase, Kern, round_to, split_integer
from sv_analytics.demo.datafiles import data_file, from_columns, read_rows
from sv_analytics.timeline import BASELINE, MONITORING, PROJECT

#: One row of table statistic but its source (always the demo's).
Figure = namedtuple("Figure", "region_code region_level year age_group indicator value unit")
#: The age groups of the health baselines, in the order of their columns (19+: the BBV sport
#: indicators of waarstaatjegemeente.nl; totaal: sport club memberships per inhabitant).
HEALTH_AGE_GROUPS = ("18+", "18-64", "65+", "19+", "totaal")
#: The population's age groups, and the share of each in a wijk's people under 65.
POPULATION_AGE_GROUPS = ("0-14", "15-24", "25-44", "45-64")
UNDER_65_SHARES = (0.2, 0.13, 0.3, 0.37)


@dataclass(frozen=True)
class HealthBaseline:
    """One row of data/demo_gezondheid.csv: an indicator's percentages by age group (empty: the
    indicator has no figure for that group), the percentage points it differs by in wijken with
    an ageing kern and in city wijken, its year if not the baseline's, and the indicator whose random deviation it
    mirrors (niet-wekelijkse sporters = the other side of wekelijkse sporters, so that the two
    figures of one area add up to about 100 %)."""

    indicator: str
    percents: tuple[float | None, ...] = from_columns(
        "pct_18_plus", "pct_18_64", "pct_65_plus", "pct_19_plus", "pct_totaal"
    )
    ageing_shift: float
    city_shift: float
    year: int | None  # empty: the baseline year (timeline.BASELINE)
    mirrors: str


class ContextRows(GeneratorBase):
    """Rows of geometry and statistic."""

    HEALTH: ClassVar[dict[str, HealthBaseline]] = {
        row.indicator: row for row in read_rows(data_file("demo_gezondheid.csv"), HealthBaseline)
    }

    def geometry(self, kern: Kern) -> None:
        """A rough fictional contour (polygon) around the kern, sized by inhabitants."""
        radius_km = 0.25 + math.sqrt(kern.inhabitants) / 90
        ring = []
        for k in range(17):
            angle = 2 * math.pi * (k % 16) / 16
            dlat = radius_km / 111.2 * math.sin(angle)
            dlon = radius_km / (111.2 * math.cos(math.radians(kern.lat))) * math.cos(angle)
            ring.append(f"[{kern.lon + dlon:.5f}, {kern.lat + dlat:.5f}]")
        polygon = '{"type": "Polygon", "coordinates": [[' + ", ".join(ring) + "]]}"
        self.out.add(
            "geometry",
            region_code=kern.kern_id,
            region_level="kern",
            year=2017,
            name=kern.name,
            geojson=polygon,
            source=DEMO_SOURCE,
        )

    def statistics(self) -> None:
        figures = chain(
            self.wijk_figures(),
            self.gemeente_figures(),
            self.health_figures(registry.OVERIJSSEL_CODE, "provincie", self.rng("PV23", "kwb")),
            self.health_figures("NL01", "land", self.rng("NL01", "kwb")),
            self.status_holder_figures(),
        )
        for figure in figures:
            self.out.add("statistic", **figure._asdict(), source=DEMO_SOURCE)

    def wijk_figures(self) -> Iterator[Figure]:
        """Inhabitants by age and households per year (patterns 1 and 10), and health."""
        by_wijk: dict[str, list[Kern]] = defaultdict(list)
        for kern in self.kernen:
            by_wijk[kern.wijk_code].append(kern)
        for wijk, kernen in sorted(by_wijk.items()):
            rng = self.rng(wijk, "kwb")
            ageing = any(k.ageing for k in kernen)
            city = all(k.kern_type == "wijk" for k in kernen)
            size = sum(k.inhabitants for k in kernen) * rng.uniform(1.05, 1.3)
            growth = (
                patterns.GROWTH_AGEING if ageing else patterns.GROWTH_CITY if city else patterns.GROWTH_OTHERS
            )
            old = rng.uniform(*patterns.SHARE_65_AGEING) if ageing else rng.uniform(*patterns.SHARE_65_OTHERS)
            for year in MONITORING.years:
                total = round_to(size * (1 + growth) ** (year - PROJECT.start.year), 5)
                young = 1 - old - (year - PROJECT.start.year) * patterns.AGEING_DRIFT * ageing
                shares = [young * share for share in UNDER_65_SHARES] + [1 - young]
                yield Figure(wijk, "wijk", year, "totaal", "inwoners", total, "aantal")
                for age, n in zip((*POPULATION_AGE_GROUPS, "65+"), split_integer(total, shares), strict=True):
                    yield Figure(wijk, "wijk", year, age, "inwoners", n, "aantal")
                yield Figure(wijk, "wijk", year, "totaal", "huishoudens", round_to(total / 2.35, 5), "aantal")
            yield from self.health_figures(wijk, "wijk", rng, ageing=ageing, city=city)

    def gemeente_figures(self) -> Iterator[Figure]:
        for code, _name in sorted({(k.gemeente_code, k.gemeente_name) for k in self.kernen}):
            rng = self.rng(code, "kwb")
            size = rng.uniform(18_000, 120_000)
            for year in MONITORING.years:
                total = round_to(size * 1.003 ** (year - PROJECT.start.year), 5)
                yield Figure(code, "gemeente", year, "totaal", "inwoners", total, "aantal")
                yield Figure(code, "gemeente", year, "65+", "inwoners", round_to(total * 0.2, 5), "aantal")
            yield from self.health_figures(code, "gemeente", rng)

    def health_figures(
        self, code: str, level: str, rng: random.Random, *, ageing: bool = False, city: bool = False
    ) -> Iterator[Figure]:
        """Fictional RIVM-like small-area estimates (percent of the age group), and the sport
        yardsticks gemeenten see on waarstaatjegemeente.nl, for wijken too so that the page shows
        them. A mirroring indicator draws no random number of its own: it takes the opposite of
        its mirror's deviation, and the rows before it keep the values they always had."""
        noises: dict[str, float] = {}
        for indicator, baseline in self.HEALTH.items():
            shift = (baseline.ageing_shift if ageing else 0.0) + (baseline.city_shift if city else 0.0)
            if baseline.mirrors:
                noise = -noises[baseline.mirrors]
            else:
                noise = rng.uniform(-3, 3) if level in ("wijk", "gemeente") else 0.0
            noises[indicator] = noise
            for age, value in zip(HEALTH_AGE_GROUPS, baseline.percents, strict=True):
                if value is not None:
                    year = baseline.year or BASELINE.start.year
                    yield Figure(code, level, year, age, indicator, round(value + shift + noise, 1), "%")

    def status_holder_figures(self) -> Iterator[Figure]:
        """Refugees/status holders: a number the gemeente provides, for some kernen."""
        for kern in self.kernen:
            rng = self.rng(kern, "statushouders")
            if kern.kern_type == "wijk" or rng.random() < 0.4:
                for year in PROJECT.years:
                    n = rng.randint(4, 40) if kern.kern_type == "wijk" else rng.randint(0, 12)
                    yield Figure(kern.kern_id, "kern", year, "totaal", "statushouders", float(n), "aantal")
