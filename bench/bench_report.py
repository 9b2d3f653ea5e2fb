"""What decks and reports cost: one report warm, and ``report --alle`` (34 files per format).

``.venv/bin/python bench/bench_report.py [--db demo.duckdb] [--runs 3] [--skip-alle]``

1. **One report, warm process** (what the Rapport page pays on a cache miss): per scope kind
   (kern Bathmen, gemeente Deventer, programma) the median of ``--runs`` of building the model
   (each with a new ``generated_at``) and drawing it as PDF (chart-SVG cache emptied first) and
   as PPTX, so no cache helps.
2. **The floor**, measured in the same process and minutes: what the three engines cost for a
   trivial document — Typst compiling a one-page document with the shipped fonts, python-pptx
   saving a one-slide deck with one native chart, vl-convert rendering one small chart to SVG
   and to PNG at 2×. Reports read as multiples of that floor on any machine.
3. **``report --alle``** through the CLI (a fresh process, as a user runs it), once per format:
   wall time for 22 kernen + 11 gemeenten + programma = 34 files (target ≤ 60 s on 2 cores).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_map_png import median_ms  # noqa: E402
from sv_analytics import demo, fonts  # noqa: E402
from sv_analytics.report import build, pdf, run  # noqa: E402


def median_s(work: Callable[[], object], runs: int) -> float:
    """The median of ``runs`` timings after a warm-up, in seconds (bench_map_png's measure)."""
    return median_ms(work, runs) / 1000


def floor(runs: int) -> dict[str, float]:
    import typst
    import vl_convert
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    fonts.register_vl_convert()
    folder = Path(tempfile.mkdtemp())
    source = folder / "floor.typ"
    source.write_text(
        '#set document(title: "Vloer")\n#set text(font: "Source Sans 3", lang: "nl")\n= Vloer\nEén pagina.\n'
    )

    def typst_page() -> bytes:
        return typst.compile(
            str(source), font_paths=[str(fonts.FONT_DIR)], ignore_system_fonts=True, pdf_standards=["ua-1"]
        )

    def pptx_chart() -> bytes:
        deck = Presentation()
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        data = CategoryChartData()
        data.categories = ["2017", "2018"]
        data.add_series("Deelnemers", (10, 20))
        slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(6), Inches(4), data
        )
        out = io.BytesIO()
        deck.save(out)
        return out.getvalue()

    spec = {
        "data": {"values": [{"k": f"k{i}", "v": i} for i in range(22)]},
        "mark": "bar",
        "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}},
        "config": {"font": fonts.FAMILY},
    }
    return {
        "typst one page": median_s(typst_page, runs),
        "pptx one chart": median_s(pptx_chart, runs),
        "vl-convert SVG": median_s(lambda: vl_convert.vegalite_to_svg(spec), runs),
        "vl-convert PNG 2×": median_s(lambda: vl_convert.vegalite_to_png(spec, scale=2), runs),
    }


def one_report(conn: duckdb.DuckDBPyConnection, request: build.Request, runs: int) -> dict[str, float]:
    clock = [datetime(2018, 12, 31, 12, 0)]

    def fresh() -> datetime:
        clock[0] += timedelta(seconds=1)
        return clock[0]

    report = build.build_report(conn, request, generated_at=fresh())

    def pdf_uncached() -> bytes:
        pdf._svg_cache.clear()  # the chart SVGs are cached per spec: a new report has new ones
        return run.render(report, "pdf")

    return {
        "model": median_s(lambda: build.build_report(conn, request, generated_at=fresh()), runs),
        "pdf": median_s(pdf_uncached, runs),
        "pptx": median_s(lambda: run.render(report, "pptx"), runs),
        "blocks": len(report.blocks()),
    }


def alle(db: Path, fmt: str) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp()) / fmt
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sv_analytics", "report", "--db", str(db), "--alle", "--format", fmt,
         "--out", str(out), "--tijdstip", "2018-12-31T12:00"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started, len(list(out.glob(f"*.{fmt}")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (default: built in a temp dir)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-alle", action="store_true")
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        demo.create_demo_database(db)
    print(
        f"# {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {datetime.now():%Y-%m-%d %H:%M}"
    )
    base = floor(args.runs)
    print("\nFloor (median of", args.runs, "runs):")
    for name, seconds in base.items():
        print(f"  {name:22} {1000 * seconds:8.1f} ms")
    unit = base["typst one page"] + base["pptx one chart"]
    conn = duckdb.connect(str(db), read_only=True)
    print("\nOne report, warm process (median; ratio = (model + pdf + pptx) ÷ (typst page + pptx chart)):")
    print(f"  {'scope':22} {'blocks':>6} {'model':>8} {'pdf':>8} {'pptx':>8} {'total':>8} {'× floor':>8}")
    for request in (
        build.Request("kern", "bathmen"),
        build.Request("gemeente", "GM0150"),
        build.Request("programma", None),
    ):
        r = one_report(conn, request, args.runs)
        total = r["model"] + r["pdf"] + r["pptx"]
        print(
            f"  {request.kind + ' ' + (request.key or ''):22} {r['blocks']:>6} {1000 * r['model']:7.0f}ms"
            f" {1000 * r['pdf']:7.0f}ms {1000 * r['pptx']:7.0f}ms {1000 * total:7.0f}ms {total / unit:8.1f}"
        )
    conn.close()
    if args.skip_alle:
        return
    print("\nreport --alle (CLI, fresh process, 22 kernen + 11 gemeenten + programma):")
    for fmt in ("pdf", "pptx"):
        seconds, files = alle(db, fmt)
        print(f"  {fmt:5} {files} files in {seconds:5.1f} s ({seconds / max(files, 1):.2f} s per file)")


if __name__ == "__main__":
    main()
