"""Cold cost of one Wat werkt waar view: this checkout beside another one, in the same run.

``.venv/bin/python bench/bench_wat_werkt_views.py --other ../old-checkout [--rounds 5]``

What a first visitor of a view waits for on the server, cache empty: the period's analysis (the
kern table on top of the kern profiles), the heat-map cells of one view (intervals, permutation
tests and, in the new code, the overlap and dependence verdict) and the two group tables. Both
checkouts run the same calls on their own demo database in a child process (their own imports),
alternately, so the machine's noise hits both alike. Prints medians in ms and new ÷ old.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The view measured: the old default (confounded) — a view both checkouts can show.
VIEW = ("vergrijzing", "beweegaanbod", "bewegen_per_1000")

CHILD = r"""
import json, os, statistics, sys, time
sys.path.insert(0, os.getcwd())
import duckdb
from sv_analytics import timeline, wat_werkt_views as views
context_dim, approach_dim, outcome = json.loads(sys.argv[2])
conn = duckdb.connect(sys.argv[1], read_only=True)
start, end = timeline.PROJECT.start, timeline.PROJECT.end
base = views.basis(conn)
times = {"analysis": [], "heatmap_cells": [], "group_cells": []}
for _ in range(int(sys.argv[3])):
    t0 = time.perf_counter(); data = views.analysis(conn, start, end, base, protected=True)
    t1 = time.perf_counter(); views.heatmap_cells(data, context_dim, approach_dim, outcome)
    t2 = time.perf_counter()
    for dimension in (context_dim, approach_dim):
        views.group_cells(data, dimension, outcome)
    t3 = time.perf_counter()
    times["analysis"].append(t1 - t0); times["heatmap_cells"].append(t2 - t1); times["group_cells"].append(t3 - t2)
print(json.dumps({k: statistics.median(v) for k, v in times.items()}))
"""


def measure(checkout: Path, db: Path, runs: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), json.dumps(VIEW), str(runs)],
        cwd=checkout, capture_output=True, text=True, check=True, timeout=1800,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sv-bench-"))
    checkouts = {"old": args.other.resolve(), "new": ROOT}
    databases = {label: folder / f"{label}.duckdb" for label in checkouts}
    for label, checkout in checkouts.items():  # each checkout builds its own (schemas may differ)
        subprocess.run([sys.executable, "-m", "sv_analytics", "demo", "--db", str(databases[label])],
                       cwd=checkout, check=True, capture_output=True)  # fmt: skip
    results: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        for label, checkout in checkouts.items():
            results[label].append(measure(checkout, databases[label], args.runs))
    print(f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, view {' × '.join(VIEW)}, "
          f"{args.rounds} rounds × {args.runs} runs, medians in ms")  # fmt: skip
    print(f"{'step':<15} {'old':>8} {'new':>8} {'new/old':>8}")
    for step in ("analysis", "heatmap_cells", "group_cells"):
        old = statistics.median(r[step] for r in results["old"]) * 1000
        new = statistics.median(r[step] for r in results["new"]) * 1000
        print(f"{step:<15} {old:8.1f} {new:8.1f} {new / old:8.2f}")


if __name__ == "__main__":
    main()
