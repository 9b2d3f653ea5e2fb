"""What "Kaart als PNG" costs a click: the offline map images beside a chart PNG, in one run.

``.venv/bin/python bench/bench_map_png.py [--db demo.duckdb] [--runs 5]``

Per image the median of ``--runs`` renders (after one warm-up render, which pays vl-convert's
start-up): building the Vega-Lite figure (``map_png.*_figure``) and rendering it to PNG at 1×
and 2× and to SVG. The baseline, rendered the same way in the same process and minutes, is what
every chart's "PNG" download costs: ``charts.to_png`` (2×) of a line chart of 22 kernen × 24
months of static data, so the figures read as "a map costs N chart downloads" on any machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import altair as alt
import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sv_analytics import charts, demo, lookups, map_png, overzicht, sociale_kaart, timeline


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up: vl-convert's first render in a process starts its engine
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (default: built in a temp dir)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        demo.create_demo_database(db)
    conn = duckdb.connect(str(db), read_only=True)
    period = timeline.PROJECT
    outlines, contours = lookups.gemeente_outlines(conn), lookups.kern_contours(conn)
    every = overzicht.kern_overview(conn, period, None, None)
    deventer = overzicht.kern_overview(conn, period, "GM0150", None)
    colour = "participants_per_1000"
    scale = overzicht.programme_scale(conn, period, None, colour)
    orgs, facs = sociale_kaart.organisations(conn, "bathmen"), sociale_kaart.facilities(conn, "bathmen")

    def overijssel() -> object:
        return map_png.kern_map_figure(every, outlines, contours, period=period, demo=True)

    def gemeente() -> object:
        return map_png.kern_map_figure(
            deventer, outlines, contours, period=period, colour_by=colour, classes=scale, demo=True
        )

    def kern() -> object:
        return map_png.sociale_kaart_figure(orgs, facs, contours, "bathmen", kern_name="Bathmen", demo=True)

    static = pd.DataFrame(
        [
            {
                "kern": f"Kern {k}",
                "maand": f"{2017 + m // 12}-{m % 12 + 1:02d}-01",
                "deelnemers": (k * 7 + m * 3) % 50,
            }
            for k in range(22)
            for m in range(24)
        ]
    )
    chart = alt.Chart(static).mark_line().encode(x="maand:T", y="deelnemers:Q", color="kern:N")
    baseline = median_ms(lambda: charts.to_png(chart), args.runs)
    print(f"{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, {platform.processor() or platform.machine()}")
    print(f"baseline: chart PNG (charts.to_png, 2×) {baseline:.0f} ms")
    print("| image | build | PNG 1× | PNG 2× | SVG | PNG 1× ÷ chart PNG |")
    print("|---|---|---|---|---|---|")
    for name, build in (("Overijssel, kerntype", overijssel), ("Deventer, bereik per 1.000", gemeente),
                        ("Sociale kaart Bathmen", kern)):  # fmt: skip
        figure = build()
        build_ms = median_ms(build, args.runs)
        png1 = median_ms(lambda f=figure: map_png.render_png(f, 1), args.runs)
        png2 = median_ms(lambda f=figure: map_png.render_png(f, 2), args.runs)
        svg = median_ms(lambda f=figure: map_png.render_svg(f), args.runs)
        print(
            f"| {name} | {build_ms:.0f} ms | {png1:.0f} ms | {png2:.0f} ms | {svg:.0f} ms | {png1 / baseline:.2f} |"
        )


if __name__ == "__main__":
    main()
