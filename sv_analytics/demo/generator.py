"""The generator: every table's demo rows for a list of kernen and one seed.

Each topic mixin writes the rows of one stage of the programme (``organisation``,
``activities``, ``steering``) or of the public context (``context``); this class runs them
in a fixed order per kern, so the same seed always gives the same rows.
"""

from __future__ import annotations

import pandas as pd

from sv_analytics import registry
from sv_analytics.demo.activities import ActivityRows
from sv_analytics.demo.common import DEFAULT_SEED, Frames, demo_dataset_id, kernen_from_registry
from sv_analytics.demo.context import ContextRows
from sv_analytics.demo.organisation import OrganisationRows
from sv_analytics.demo.steering import SteeringRows

#: With real context data, the only fictional figure kept is the one no public source has.
KEPT_WITH_REAL_CONTEXT = ("statushouders",)


class DemoGenerator(OrganisationRows, ActivityRows, SteeringRows, ContextRows):
    """Builds every table's demo rows for a list of kernen and one seed."""

    def build(self) -> Frames:
        for kern in self.kernen:
            self.target_groups(kern)
            self.facilities(kern)
            orgs = self.organisations(kern)
            self.agreements(kern, orgs)
            self.survey(kern)
            activities = self.activities(kern, orgs)
            self.participation(kern, activities)
            self.referrals(kern, activities, orgs)
            self.volunteers(kern)
            self.werkplan(kern)
            self.targets(kern)
            self.evaluation(kern)
            self.kennisplein(kern)
            self.geometry(kern)
        self.statistics()
        return self.out


def generate(
    seed: int = DEFAULT_SEED, kernen: pd.DataFrame | None = None, *, real_context: bool = False
) -> dict[str, pd.DataFrame]:
    """All demo rows as DataFrames by table name (no database needed).

    With ``real_context`` the fictional public statistics and contours are left out, because
    real CBS/RIVM/PDOK files supply them (the status-holder counts stay: no public source).
    """
    frame = registry.load_kernen() if kernen is None else kernen
    frames = DemoGenerator(kernen_from_registry(frame), seed).build().to_frames(demo_dataset_id(seed))
    if real_context:
        statistic = frames["statistic"]
        frames["statistic"] = statistic[statistic["indicator"].isin(KEPT_WITH_REAL_CONTEXT)]
        frames.pop("geometry")
    return frames
