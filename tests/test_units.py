"""Every number on Wat werkt waar, Deelname and Mijn kern carries its unit (issue 13).

The walker (tests/units.py) is first checked on made-up elements — it must catch a bare figure
in a metric, a table column and a chart axis or legend, and let counts, shares with ``%`` and
p-values pass — then run on the three pages of the demo database, each in its default view and
one other view.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import open_app_page
from tests.units import assert_units, chart_problems, column_problem, has_unit, metric_problem, unit_words

# ---------------------------------------------------------------- the walker itself


def test_unit_words_come_from_the_registry() -> None:
    words = unit_words()
    assert {"%", "per 1.000 inwoners", "aantal", "personen"} <= set(words)
    assert "groep" not in words and "maand" not in words  # kinds of value, not quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bereik (per 1.000 inwoners)", True),
        ("Verandering (%)", True),
        ("16,8%", True),
        ("Deelnemers per maand (gem.)", True),
        ("Bereik per 1.000", False),  # the unit is "per 1.000 inwoners"
        ("Doelgroep", False),  # "groep" is no unit, and not as a part of a word
        ("Gemiddelde", False),
        ("", False),
    ],
)
def test_has_unit(text: str, expected: bool) -> None:
    assert has_unit(text) is expected


def test_metric_rules() -> None:
    assert metric_problem("Bereik", "193,1") is not None
    assert metric_problem("Bereik per 1.000 inwoners", "193,1") is None
    assert metric_problem("Aandeel voorheen inactief", "38,3%") is None
    assert metric_problem("Deelnemers", "10.090") is None  # a count: the label names what is counted
    assert metric_problem("Doelen gehaald", "6 van 8") is None
    # A whole number is not a count when the registry's unit is a rate.
    assert metric_problem("Bereik", "193", "*Eenheid:* per 1.000 inwoners · *Bron:* x") is not None
    assert metric_problem("Deelnemers", "193", "*Eenheid:* personen · *Bron:* x") is None


def test_column_rules() -> None:
    assert column_problem("Bereik 2016", pd.Series(["48,4", "–"])) is not None
    assert column_problem("Bereik 2016", pd.Series([48.4, None])) is not None  # a raw float too
    assert column_problem("Bereik 2016 (per 1.000 inwoners)", pd.Series(["48,4"])) is None
    assert column_problem("2019 t.o.v. 2018", pd.Series(["-8%", "<5"])) is None
    assert column_problem("Interval", pd.Series(["0,2 – 1,4"])) is not None
    assert column_problem("Deelnemers", pd.Series(["1.040", "<5", "85"])) is None
    assert column_problem("p", pd.Series(["<0,001", "0,111"])) is None
    assert column_problem("Na subsidie", pd.Series(["Gaat door"])) is None


def test_chart_rules_reach_layers_concat_and_legends() -> None:
    bare_y = {"field": "v", "type": "quantitative", "title": "Gemiddelde"}
    spec = {
        "title": "t",
        "vconcat": [
            {"layer": [{"mark": "bar", "encoding": {"y": bare_y}}]},
            {"mark": "bar", "encoding": {"x": {**bare_y, "axis": {"format": ".0%"}}}},
            {"mark": "rect", "encoding": {"color": {"field": "v", "type": "quantitative", "title": " "}}}],
    }  # fmt: skip
    problems = chart_problems(spec)
    assert len(problems) == 2, problems
    assert "y-titel 'Gemiddelde'" in problems[0] and "vconcat[0].layer[0]" in problems[0]
    assert "legenda zonder titel" in problems[1]
    fine = {"mark": "bar", "encoding": {
        "y": {"field": "v", "type": "quantitative", "title": "Bereik (per 1.000 inwoners)"},
        "x": {"field": "k", "type": "nominal", "title": "Kern"},
        "color": {"field": "v", "type": "quantitative", "title": None, "legend": None}}}  # fmt: skip
    assert chart_problems(fine) == []
    faceted = {"facet": {"field": "k"}, "spec": {"mark": "bar", "encoding": {"theta": bare_y}}}
    assert chart_problems(faceted) and "spec" in chart_problems(faceted)[0]


# ---------------------------------------------------------------- the pages


def other_option(at, key: str) -> None:
    """Choose the option after the shown one in the selectbox ``key`` (whatever its values)."""
    box = at.selectbox(key=key)
    box.select_index((box.index + 1) % len(box.options)).run()


@pytest.mark.parametrize(
    ("page", "view"),
    [
        ("app_pages/deelname.py", {}),
        ("app_pages/deelname.py", {"kern": "boskamp", "deelname_uitsplitsing": "leeftijd", "deelname_tijd": "kwartaal"}),
        ("app_pages/mijn_kern.py", {}),
        ("app_pages/mijn_kern.py", {"kern": "boskamp"}),
        ("app_pages/wat_werkt.py", {}),
        ("app_pages/wat_werkt.py", {"wwk_uitkomst": other_option}),
    ],
    ids=["deelname", "deelname-kern", "mijn-kern", "mijn-kern-boskamp", "wat-werkt", "wat-werkt-uitkomst"],
)  # fmt: skip
def test_every_number_on_the_page_has_its_unit(app_env: Path, page: str, view: dict) -> None:
    at = open_app_page(page, **{k: v for k, v in view.items() if not callable(v)})
    for key, choose in view.items():
        if callable(choose):
            choose(at, key)
            assert not at.exception, [e.message for e in at.exception]
    assert at.metric or at.dataframe or at.get("vega_lite_chart"), "de pagina toont geen getallen"
    assert_units(at)
