"""Every exported chart PNG keeps its context (issue 15, point 5), in the shipped font.

What a PNG carries is decided in two places: ``components.chart`` builds a
:class:`charts.PngContext` during the run (title with kern or gemeente and period, the filters,
units, source and year, the demo note) and :func:`charts.png_spec` draws it, with the notes a
chart builder attached (what a dashed line or a thick border means), into the spec vl-convert
renders. The tests record both for the charts the pages draw and check the spec sent to
vl-convert, then decode the PNG.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import vl_convert
from PIL import Image

from sv_analytics import charts, fmt, fonts, timeline
from sv_analytics.charts import mijn_kern as kern_charts
from sv_analytics.texts import t
from sv_analytics.ui import components
from tests.conftest import open_app_page

PROJECT_PERIOD = fmt.period(timeline.DEFAULT_PERIOD.start, timeline.DEFAULT_PERIOD.end)


def dark_pixels(png: bytes, box: tuple[int, int, int, int] | None = None) -> int:
    """How many pixels of the PNG (or of ``box``: left, top, right, bottom) are nearly black: text."""
    image = Image.open(io.BytesIO(png)).convert("L")
    if box is not None:
        image = image.crop(box)
    return sum(count for value, count in enumerate(image.histogram()) if value < 100)


def text_spec(font: str) -> dict:
    return {
        "data": {"values": [{"a": "Deelnemers 93%"}]},
        "mark": {"type": "text", "font": font, "fontSize": 30},
        "encoding": {"text": {"field": "a"}},
        "width": 200,
        "height": 50,
    }


# ------------------------------------------------------------------------------ the font
def test_the_shipped_face_draws_text_in_vl_convert() -> None:
    """vl-convert draws text in Source Sans 3: with the family *quoted* (an unquoted "Source Sans 3"
    is no valid CSS font list, and resvg then drew no text at all), and it is the shipped face,
    not a fallback: the full font list draws exactly what the shipped family alone draws."""
    fonts.register_vl_convert()
    assert fonts.VEGA_FONT.startswith(f'"{fonts.FAMILY}"')
    with_list = vl_convert.vegalite_to_png(text_spec(fonts.VEGA_FONT))
    alone = vl_convert.vegalite_to_png(text_spec(f'"{fonts.FAMILY}"'))
    assert dark_pixels(with_list) > 200
    assert with_list == alone
    assert f"&quot;{fonts.FAMILY}&quot;" in vl_convert.vegalite_to_svg(text_spec(fonts.VEGA_FONT))


def test_png_spec_sets_the_font_and_keeps_a_chart_without_context_as_it_is() -> None:
    chart = charts.finish(alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q"), counts=())
    spec = charts.png_spec(chart)
    assert spec["config"]["font"] == fonts.VEGA_FONT
    assert spec["width"] == 900 and "vconcat" not in spec


def test_the_context_is_drawn_into_the_image() -> None:
    chart = charts.finish(
        alt.Chart(pd.DataFrame({"x": ["a", "b"], "y": [3, 5]})).mark_bar().encode(x="x:N", y="y:Q"), counts=()
    )
    context = charts.PngContext(
        title="Titel — Bathmen, jan 2017 – dec 2018", subtitle="Kern: Bathmen", units="Eenheid: personen",
        source="Bron: monitoring (2017–2018)", demo=True, notes=("Een noot",),
    )  # fmt: skip
    spec = charts.png_spec(chart, context=context)
    assert spec["title"]["text"] == ["Titel — Bathmen, jan 2017 – dec 2018"]
    assert spec["title"]["subtitle"] == ["Kern: Bathmen", "Eenheid: personen"]
    footer = [layer["mark"]["text"] for layer in spec["vconcat"][1]["layer"]]
    assert footer == ["Een noot", t("png.demo_note"), "Bron: monitoring (2017–2018)"]
    plain = charts.to_png(chart)
    png = charts.to_png(chart, context=context)
    assert Image.open(io.BytesIO(png)).height > Image.open(io.BytesIO(plain)).height + 100
    assert dark_pixels(png, (0, 0, 600, 40)) > 300  # the bold title at 2×, top left


def test_suppressed_marks_stay_on_the_baseline_inside_the_concat() -> None:
    """The ``<5`` marks are placed from the ``height`` signal; inside the vconcat that is the whole
    view's, so the PNG spec renames it to the plot's own (else they were drawn above the plot)."""
    frame = pd.DataFrame({"period": pd.to_datetime(["2017-01-01", "2017-02-01"]), "value": [3, 40]})
    data = charts.count_values(frame, protected=True)
    marks = charts.suppressed_marks(data, x=alt.X("period:T"))
    chart = charts.finish(
        charts.with_marks(alt.Chart(data).mark_bar().encode(x="period:T", y="value:Q"), marks),
        counts=("value",),
    )
    spec = json.dumps(charts.png_spec(chart, context=charts.PngContext(title="x")))
    assert '"expr": "concat_0_height - 10"' in spec and '"expr": "height' not in spec


# ------------------------------------------------------------------------------ the pages
@pytest.fixture()
def recorded(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, tuple]]:
    """Per PNG file name: the protected figure the download renders and the context built for
    it during the run (the last run's, when a page draws the same chart twice)."""
    found: dict[str, tuple] = {}
    chart, context = components.chart, components.png_context
    pending: list = []

    def record_chart(figure, **kwargs):
        result = chart(figure, **kwargs)
        figure = figure if isinstance(figure, alt.TopLevelMixin) else figure(True)
        found[kwargs["name"]] = (figure, pending.pop())
        return result

    def record_context(*args, **kwargs):
        pending.append(context(*args, **kwargs))
        return pending[-1]

    monkeypatch.setattr(components, "chart", record_chart)
    monkeypatch.setattr(components, "png_context", record_context)
    yield found


def exported(found: dict[str, tuple], name: str) -> tuple[dict, str, bytes]:
    """The spec sent to vl-convert for the PNG ``name``, its text, and the PNG."""
    figure, context = found[name]
    spec = charts.png_spec(figure, context=context)
    return spec, json.dumps(spec, ensure_ascii=False), charts.to_png(figure, context=context)


def title_of(spec: dict) -> str:
    return " ".join(spec["title"]["text"])


def footer_of(spec: dict) -> list[str]:
    """The lines under the chart, as drawn (long notes wrapped)."""
    return [layer["mark"]["text"] for layer in spec["vconcat"][-1]["layer"]]


def footer_text(spec: dict) -> str:
    """The footer as one text: a wrapped note reads as it was written."""
    return " ".join(footer_of(spec))


def assert_context(spec: dict, png: bytes, *, kern: str | None, period: str | None, year: str | None) -> None:
    """Title with kern and period, a source line with its year, the demo note, and text in the PNG."""
    title = title_of(spec)
    assert kern is None or kern in title, title
    assert period is None or period in title, title
    footer = footer_of(spec)
    source = [line for line in footer if line.startswith("Bron:")]
    assert source, footer
    assert year is None or year in " ".join(footer), footer
    assert t("png.demo_note") in footer  # the demo database
    assert png.startswith(b"\x89PNG") and dark_pixels(png) > 2_000


def test_deelname_verloop_names_kern_and_period_and_puts_the_target_line_in_the_legend(recorded) -> None:
    open_app_page("app_pages/deelname.py", kern="bathmen")
    spec, _, png = exported(recorded, "deelname-verloop")
    assert_context(spec, png, kern="Bathmen", period=PROJECT_PERIOD, year="2017–2018")
    assert title_of(spec).startswith(t("deelname.chart_participants"))
    dashes = [
        layer["encoding"]["strokeDash"]
        for layer in json_walk(spec)
        if isinstance(layer, dict) and "strokeDash" in layer.get("encoding", {})
    ]
    assert dashes and dashes[0]["scale"]["domain"] == [t("png.target_legend")]
    assert dashes[0]["legend"] is not None
    assert t("deelname.target_caption", divisor=t("deelname.target_divisor.maand")) in " ".join(
        footer_of(spec)
    )
    assert "Eenheid:" in " ".join(spec["title"]["subtitle"])


def json_walk(node: object) -> Iterator[object]:
    """Every dict and list in a spec, depth first."""
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from json_walk(child)


def legends(spec: dict) -> list[dict]:
    """The legends of the compiled Vega spec, at any level of its groups."""
    vega = vl_convert.vegalite_to_vega(spec)
    return [
        legend for node in json_walk(vega) if isinstance(node, dict) for legend in node.get("legends", [])
    ]


@pytest.mark.parametrize("age", ["18+", "65+"])
def test_gezondheid_says_whom_it_is_about_and_has_one_legend(recorded, age: str) -> None:
    at = open_app_page("app_pages/kernprofiel.py", kern="bathmen")
    if age != "18+":
        at.segmented_control(key="kp_leeftijd").set_value(age).run()
        assert not at.exception
    spec, text, png = exported(recorded, "gezondheid-bathmen")
    assert_context(spec, png, kern="Bathmen", period=None, year=None)
    assert age in title_of(spec)
    assert t("png.health_axis", age=age) in text  # the axis says it too
    assert len(legends(spec)) == 1  # colour and shape in one legend, not "Gebied" twice


def test_werkplan_and_doelen_name_the_kern_and_93_percent_stays_off_the_100_line(recorded) -> None:
    open_app_page("app_pages/mijn_kern.py", kern="bathmen")
    spec, _, png = exported(recorded, "werkplan-bathmen")
    assert_context(spec, png, kern="Bathmen", period=None, year="2018")
    assert "peildatum" in title_of(spec)
    assert t("mijn_kern.werkplan_intro") in footer_text(spec)  # diamond, red outline, dashed line
    spec, _, png = exported(recorded, "doelen-bathmen")
    assert_context(spec, png, kern="Bathmen", period=None, year="2017")
    assert t("png.target_line") in footer_text(spec)
    rows = next(iter(spec["datasets"].values()))
    near = [r for r in rows if r["pct"] is not None and 80 <= r["pct"] < 100]
    assert near, "Bathmen 2017: actieve vrijwilligers net onder het doel"
    assert all(r[kern_charts.LABEL_INSIDE] for r in near)
    inside = [
        n["mark"]
        for n in json_walk(spec)
        if isinstance(n, dict)
        and any(f.get("filter") == f"datum.{kern_charts.LABEL_INSIDE}" for f in n.get("transform", []))
    ]
    assert inside and inside[0]["align"] == "right" and inside[0]["dx"] < 0  # ends at the bar's end, < 100


def test_a_label_outside_its_bar_never_reaches_the_100_line() -> None:
    """Position check on the scale: a bar below 100 % keeps its label outside only when it is so
    short that the label ("99%", 13 px) ends well left of the 100 % line at the narrowest plot."""
    pct = pd.Series([93.0, 99.0, 10.0, 5.0, 150.0, 100.0])
    for domain_max in (115.0, 200.0, 520.0):
        inside = kern_charts.label_inside(pct, domain_max)
        assert bool(inside[0]) and bool(inside[1])  # 93% and 99%: inside, at the bar's end
        assert not inside[4] and not inside[5]  # at or over the target: right of the bar, past the line
        for value, is_inside in zip(pct, inside, strict=True):
            if value < 100 and not is_inside:
                px = kern_charts.NARROWEST_PLOT / domain_max
                label_end = value * px + 4 + 3 * 13 * 0.6
                assert label_end < 100 * px, (value, domain_max)


def test_wat_werkt_waar_keeps_its_honesty_line_and_the_meaning_of_the_borders(recorded) -> None:
    open_app_page("app_pages/wat_werkt.py")
    name = next(n for n in recorded if n.startswith("wat-werkt-") and "voor-en-na" not in n)
    spec, _, png = exported(recorded, name)
    assert_context(spec, png, kern=None, period=PROJECT_PERIOD, year="2017–2018")
    footer = footer_text(spec)
    assert "geen bewijs van oorzaak" in footer
    assert t("wwk.summary") in footer_text(spec)
    assert "Dikke zwarte rand" in footer and "stippelrand" in footer and "Grijs" in footer
    assert "**" not in footer  # the page's Markdown, as plain text
    # the heat map is about all kernen: the kern chosen for the page's lower sections is not
    # among its filters (it read "Kern: Aadorp (Almelo)" under a title saying "alle kernen")
    subtitle = recorded[name][1].subtitle
    assert t("filter.kern") + ":" not in subtitle and t("filter.period") + ":" in subtitle


PAGES = {
    "deelname": {"kern": "bathmen"},
    "kernprofiel": {},
    "mijn_kern": {},
    "wat_werkt": {},
    "sociale_kaart": {"kern": "bathmen"},
    "samenwerking": {"kern": "overdinkel"},
    "evaluatie": {"kern": "boskamp"},
    "kennisplein": {},
}


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_every_chart_png_has_a_title_a_source_and_renders(recorded, stem: str) -> None:
    open_app_page(f"app_pages/{stem}.py", **PAGES[stem])
    assert recorded
    for name, (figure, context) in recorded.items():
        assert context.title != name and len(context.title) > 10, name  # a title, not the file name
        assert context.source.startswith("Bron:"), (name, context.source)
        assert context.demo
        png = charts.to_png(figure, context=context)  # compiles (the footer's scales merge nowhere)
        assert dark_pixels(png, (0, 0, 500, 40)) > 100, name  # the title is drawn
