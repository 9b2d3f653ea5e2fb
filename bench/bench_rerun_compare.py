"""Server cost per rerun of every page: this checkout beside another one, in the same run.

``.venv/bin/python bench/bench_rerun_compare.py --other ../old-checkout [--rounds 3]``

For a change that should not make pages slower (a refactor), compare the page scripts of two
checkouts on the same demo database, measured alternately in the same minutes so that the
machine's noise hits both alike. Per page and checkout: the median of 15 AppTest reruns (the
app shell plus the page, cached results as in normal use), in a child process per checkout
(its own imports), beside a one-line hello-world page (bench/hello.py) as the floor. Prints
medians and the ratio new ÷ old per page.
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
PAGES = ("overzicht", "kernprofiel", "deelname", "mijn_kern", "wat_werkt", "sociale_kaart", "samenwerking",
         "evaluatie", "kennisplein", "gegevens")  # fmt: skip

CHILD = r"""
import json, os, statistics, sys, time
sys.path.insert(0, os.getcwd())
from streamlit.testing.v1 import AppTest
pages, runs, hello = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
result = {}
def median_of(at):
    times = []
    for _ in range(runs):
        started = time.perf_counter(); at.run(); times.append(time.perf_counter() - started)
    if at.exception:
        raise SystemExit(at.exception[0].message)
    return statistics.median(times)
at = AppTest.from_file(hello, default_timeout=120); at.run()
result["hello"] = median_of(at)
for page in pages:
    at = AppTest.from_file("app.py", default_timeout=300); at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    result[page] = median_of(at)
print(json.dumps(result))
"""


def measure(checkout: Path, db: Path, runs: int) -> dict[str, float]:
    env = {**os.environ, "SV_DB_PATH": str(db), "SV_BASEMAP": "0"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(PAGES), str(runs), str(ROOT / "bench" / "hello.py")],
        cwd=checkout, env=env, capture_output=True, text=True, check=True, timeout=1800,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--other", type=Path, required=True, help="the checkout to compare with (the baseline)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sv-bench-"))
    databases = {}
    for label, checkout in (("new", ROOT), ("old", args.other.resolve())):
        databases[label] = folder / f"{label}.duckdb"  # each checkout builds its own (schemas may differ)
        subprocess.run([sys.executable, "-m", "sv_analytics", "demo", "--db", str(databases[label])],
                       cwd=checkout, check=True, capture_output=True)  # fmt: skip
    results: dict[str, list[dict[str, float]]] = {"new": [], "old": []}
    for _ in range(args.rounds):
        for label, checkout in (("old", args.other.resolve()), ("new", ROOT)):
            results[label].append(measure(checkout, databases[label], args.runs))
    print(f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {args.rounds} rounds × {args.runs} reruns, medians in ms")  # fmt: skip
    print(f"{'page':<14} {'old':>8} {'new':>8} {'new/old':>8} {'old/hello':>10} {'new/hello':>10}")
    for page in ("hello", *PAGES):
        old = statistics.median(r[page] for r in results["old"]) * 1000
        new = statistics.median(r[page] for r in results["new"]) * 1000
        hello_old = statistics.median(r["hello"] for r in results["old"]) * 1000
        hello_new = statistics.median(r["hello"] for r in results["new"]) * 1000
        print(
            f"{page:<14} {old:8.0f} {new:8.0f} {new / old:8.2f} {old / hello_old:10.1f} {new / hello_new:10.1f}"
        )


if __name__ == "__main__":
    main()
