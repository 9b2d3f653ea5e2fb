"""Deterministic fictional demo data for all 22 kernen, 2016 (baseline) to 2019 (follow-up).

Why a generator and not a fixture: every table gets plausible content of a realistic size,
and the patterns a good dashboard must reveal are *planted* on purpose (documented in
data/README.md, their knobs in ``patterns``, checked in tests/test_demo_patterns.py). The
same seed always gives the same content.

Everything written here is flagged as demo (``dataset.is_demo``); the kern registry itself
(data/kernen.csv) is loaded as its own, non-demo dataset (``registry.write_registry``).
Only the CLI (and tests and benchmarks) import this package: the app asks the CLI to build
a demo, and decides "is this demo?" by the dataset's flag.

The parts: ``patterns`` (planted roles and numbers), ``datafiles`` (the one reader of the
fixed content in data/demo_*.csv), ``templates`` (activity templates from
data/demo_activiteiten.csv), ``common`` (kern, rows, random streams), the topic mixins
``organisation``, ``activities``, ``steering`` and ``context``, ``generator`` (all rows, no
database) and ``database`` (writing a demo database file).
"""

from __future__ import annotations

from sv_analytics.demo.common import DEFAULT_SEED, DEMO_SOURCE, demo_dataset_id, split_integer
from sv_analytics.demo.database import GENERATOR_VERSION, DemoBuild, build_demo, create_demo_database
from sv_analytics.demo.generator import KEPT_WITH_REAL_CONTEXT, DemoGenerator, generate
from sv_analytics.demo.patterns import STALLED

__all__ = [
    "DEFAULT_SEED",
    "DEMO_SOURCE",
    "GENERATOR_VERSION",
    "KEPT_WITH_REAL_CONTEXT",
    "STALLED",
    "DemoBuild",
    "DemoGenerator",
    "build_demo",
    "create_demo_database",
    "demo_dataset_id",
    "generate",
    "split_integer",
]
