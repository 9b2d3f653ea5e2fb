"""The report builder (sv_analytics/report/build.py): scope, privacy, figures against independent
SQL, titles, the demo flag, determinism and the requests of a ``--alle`` run."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from sv_analytics import access, cli, exports, privacy, timeline, wat_werkt
from sv_analytics.report import build, model
from sv_analytics.texts import t
from tests.conftest import sql, undutch

WHEN = datetime(2026, 12, 1, 12, 0)
DEVENTER, BATHMEN = "GM0150", "bathmen"
PERIOD = timeline.REPORT_MOMENTS["eind_2018"].period


@pytest.fixture(scope="module")
def reading(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection for the module's reports (built once each, below), in the default
    configuration so that ``sql`` can open the file beside it (the builder only reads)."""
    conn = duckdb.connect(str(demo_db))
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def reports(reading: duckdb.DuckDBPyConnection) -> dict[str, model.Report]:
    requests = {
        "kern": build.Request("kern", BATHMEN),
        "gemeente": build.Request("gemeente", DEVENTER),
        "programma": build.Request("programma", None),
    }
    return {name: build.build_report(reading, r, generated_at=WHEN) for name, r in requests.items()}


def strings(value: object) -> Iterator[str]:
    """Every string in a report: block fields, chart categories and series names, table rows,
    spec keys and data values, recursively."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from strings(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@pytest.mark.parametrize(
    ("kind", "where"), [("gemeente", "gemeente_code <> 'GM0150'"), ("kern", "kern_id <> 'bathmen'")]
)
def test_a_report_names_no_kern_outside_its_scope(reports, demo_db, kind, where):
    others = set(sql(demo_db, f"SELECT name FROM kern WHERE {where}")["name"])
    assert len(others) == (20 if kind == "gemeente" else 21)
    texts = list(strings(reports[kind]))
    assert any("Bathmen" in s for s in texts)  # the walk does reach the content
    found = {name for name in others for text in texts if mentions(text, name)}
    assert not found, f"{kind}-rapport noemt kernen buiten de scope: {sorted(found)}"
    # the map's data is walked too: the Deventer map names its own kernen
    if kind == "gemeente":
        image = next(b for b in reports[kind].blocks() if isinstance(b, model.Image))
        assert any(mentions(s, "Diepenveen") for s in strings(image.spec))


COUNT_HEADERS = {t(f"col.{c}") for c in ("activities", "participants", "new_participants", "referrals")}


@pytest.mark.parametrize("kind", ["kern", "gemeente", "programma"])
def test_no_recoverable_small_count(reports, kind):
    """Counts of people in charts (fields the spec declares as counts), in the count columns of
    tables and in the headline figures are 0, <5 or a multiple of 5: never 1–4."""
    report = reports[kind]
    checked = 0
    for block in report.blocks():
        if isinstance(block, model.Chart) and block.spec.get("usermeta", {}).get("sv_privacy", {}).get(
            "counts"
        ):
            for series in block.series:
                if series.role == "value":
                    for value in series.values:
                        assert value is None or value % privacy.BASE == 0, (block.title, series.name, value)
                        checked += 1
        if isinstance(block, model.Table):
            for index, header in enumerate(block.header):
                if header in COUNT_HEADERS:
                    assert block.numeric[index]
                    for row in block.rows:
                        cell = row[index]
                        assert cell == privacy.SUPPRESSED or undutch(cell) % privacy.BASE == 0, (
                            block.title,
                            cell,
                        )
                        checked += 1
        if isinstance(block, model.Metrics):
            for figure in block.figures:
                if figure.code in ("activiteiten", "deelnemers", "nieuwe_deelnemers", "doorverwijzingen"):
                    assert figure.value == privacy.SUPPRESSED or undutch(figure.value) % privacy.BASE == 0
                    checked += 1
    assert checked > 20


def test_suppressed_values_are_none_and_flagged(reports):
    """Bathmen has quarters with 1–4 referrals: they are None in the series, and the chart says so."""
    referrals = next(b for b in reports["kern"].blocks() if isinstance(b, model.Chart) and b.kind == "bar")
    assert None in referrals.series[0].values
    assert referrals.suppressed


def deventer_sum(demo_db: Path, query: str) -> float:
    return float(sql(demo_db, query, start=PERIOD.start, end=PERIOD.end, gemeente=DEVENTER).iloc[0, 0] or 0)


def test_headline_figures_and_chart_equal_independent_sql(reports, demo_db):
    figures = {f.code: f.value for b in reports["gemeente"].blocks() if isinstance(b, model.Metrics)
               for f in b.figures}  # fmt: skip
    referrals = deventer_sum(
        demo_db,
        "SELECT sum(n) FROM referral JOIN kern USING (kern_id) "
        "WHERE gemeente_code = $gemeente AND month BETWEEN $start AND $end",
    )
    new = deventer_sum(
        demo_db,
        "SELECT sum(new_participants) FROM participation JOIN activity USING (activity_id) "
        "JOIN kern USING (kern_id) WHERE gemeente_code = $gemeente AND month BETWEEN $start AND $end",
    )
    active = deventer_sum(
        demo_db,
        "SELECT count(DISTINCT activity_id) FROM participation JOIN activity USING (activity_id) "
        "JOIN kern USING (kern_id) WHERE gemeente_code = $gemeente AND month BETWEEN $start AND $end "
        "AND participants > 0",
    )
    assert referrals > 20 and new > 20 and active > 5
    assert undutch(figures["doorverwijzingen"]) == privacy.protect_count(referrals)
    assert undutch(figures["nieuwe_deelnemers"]) == privacy.protect_count(new)
    assert undutch(figures["activiteiten"]) == privacy.protect_count(active)
    assert undutch(figures["kernen"]) == 2

    per_quarter = sql(
        demo_db,
        "SELECT date_trunc('quarter', month) AS q, sum(n) AS n FROM referral JOIN kern USING (kern_id) "
        "WHERE gemeente_code = $gemeente AND month BETWEEN $start AND $end GROUP BY q ORDER BY q",
        start=PERIOD.start, end=PERIOD.end, gemeente=DEVENTER,
    )  # fmt: skip
    chart = next(b for b in reports["gemeente"].blocks() if isinstance(b, model.Chart) and b.kind == "bar")
    expected = dict(zip([f"K{q.quarter} {q.year}" for q in per_quarter["q"]], per_quarter["n"], strict=True))
    assert chart.categories == tuple(f"K{q} {y}" for y in (2017, 2018) for q in range(1, 5))
    shown = dict(zip(chart.categories, chart.series[0].values, strict=True))
    for quarter, value in shown.items():
        exact = expected.get(quarter, 0)
        assert value == (None if privacy.protect_count(exact) is None else privacy.protect_count(exact)), (
            quarter
        )


def test_a_kern_trend_has_its_target_as_a_target_series(reports):
    trend = next(b for b in reports["kern"].blocks() if isinstance(b, model.Chart) and b.kind == "line")
    roles = [s.role for s in trend.series]
    assert roles.count("target") == 1 and roles[-1] == "target"
    assert all(len(s.values) == len(trend.categories) for s in trend.series)
    assert len(trend.categories) <= 12  # quarters for a period of 24 months


def test_viewer_scope_is_enforced(reading):
    projectleider = access.Scope(kern_id=BATHMEN)
    with pytest.raises(PermissionError, match="Geen toegang"):
        build.build_report(reading, build.Request("kern", "lutten"), generated_at=WHEN, viewer=projectleider)
    with pytest.raises(PermissionError):
        build.build_report(
            reading, build.Request("gemeente", DEVENTER), generated_at=WHEN, viewer=projectleider
        )
    gemeente = access.Scope(gemeente_code=DEVENTER)
    for request in (
        build.Request("kern", "lutten"),
        build.Request("programma", None),
        build.Request("gemeente", "GM0160"),
    ):
        with pytest.raises(PermissionError):
            build.build_report(reading, request, generated_at=WHEN, viewer=gemeente)
    build.check_access(reading, build.Request("kern", "diepenveen"), gemeente)  # its own kern: allowed
    build.check_access(reading, build.Request("kern", BATHMEN), projectleider)


def test_requests_all_and_bad_requests(reading):
    requests = build.requests_all(reading, "tussen_2017", "senioren")
    kinds = [r.kind for r in requests]
    assert (kinds.count("kern"), kinds.count("gemeente"), kinds.count("programma")) == (22, 11, 1)
    assert {r.moment for r in requests} == {"tussen_2017"} and {r.doelgroep for r in requests} == {"senioren"}
    assert len(set(requests)) == 34  # hashable and distinct
    with pytest.raises(ValueError):
        build.Request("programma", "x")
    with pytest.raises(ValueError):
        build.Request("kern", BATHMEN, moment="nooit")
    with pytest.raises(ValueError, match="Onbekende kern"):
        build.build_report(reading, build.Request("kern", "atlantis"), generated_at=WHEN)


@pytest.mark.parametrize("kind", ["kern", "gemeente", "programma"])
def test_titles_name_scope_and_period(reports, kind):
    report = reports[kind]
    where = {"kern": "Bathmen", "gemeente": "gemeente Deventer", "programma": "programma"}[kind]
    titled = [b for b in report.blocks() if isinstance(b, (model.Chart, model.Image, model.Table))]
    assert len(titled) >= 5
    texts = [b for b in report.blocks() if isinstance(b, model.Text) and b.title != t("report.caveats")]
    for block in [*titled, *texts]:
        assert where in block.title and report.period_label in block.title, block.title
    assert report.period_label == "jan 2017 – dec 2018"
    assert 8 <= len(report.blocks()) <= 16


def test_demo_flag_sources_and_stem(reports):
    report = reports["kern"]
    assert report.demo and report.demo_note == exports.DEMO_NOTE
    assert exports.DEMO_NOTE in report.caveats
    assert report.file_stem == "eindrapportage-2018-kern-bathmen"
    assert reports["gemeente"].file_stem == "eindrapportage-2018-gemeente-deventer"
    assert reports["programma"].file_stem == "eindrapportage-2018-programma"
    assert report.scope_key == "kern:bathmen" and report.kernen == ("Bathmen",)
    assert any("Monitoringgegevens" in s for s in report.sources)
    assert any(name == "Deelnemers" for name, _ in report.definitions)
    assert [s.title for s in reports["programma"].sections] == [
        t(f"report.section.{k}")
        for k in ("kerncijfers", "kaart", "deelname", "werkplan", "evaluatie", "wat_werkt", "voorbeelden",
                  "kanttekeningen")
    ]  # fmt: skip
    honesty = [
        b for b in reports["programma"].blocks()
        if isinstance(b, model.Text) and b.items and b.title.startswith("Wat werkt waar")
    ]  # fmt: skip
    assert honesty and all("geen bewijs van oorzaak" in " ".join(i.lines) for i in honesty[0].items)
    assert wat_werkt.HONESTY in honesty[0].notes


def test_two_builds_are_equal_and_progress_is_reported(reading, reports):
    """Deventer has two kernen: the map's contours and outlines come in a fixed order too."""
    steps: list[tuple[float, str]] = []
    again = build.build_report(
        reading,
        build.Request("gemeente", DEVENTER),
        generated_at=WHEN,
        progress=lambda f, label: steps.append((f, label)),
    )
    assert again == reports["gemeente"]
    assert [f for f, _ in steps] == sorted(f for f, _ in steps) and steps[-1][0] == 1.0
    assert len(steps) == build.SECTIONS


def test_an_empty_database_gives_texts_not_errors(tmp_path):
    path = tmp_path / "leeg.duckdb"
    assert cli.main(["init", "--db", str(path)]) == 0
    with duckdb.connect(str(path)) as conn:
        report = build.build_report(conn, build.Request("kern", BATHMEN, "tussen_2017"), generated_at=WHEN)
    assert not report.demo and report.demo_note == ""
    assert not any(isinstance(b, model.Chart) for b in report.blocks())
    assert any(t("report.no_deelname") in b.paragraphs for b in report.blocks() if isinstance(b, model.Text))


def test_a_cached_wat_werkt_analysis_gives_the_same_report(reading, reports):
    """The Rapport page hands over the Wat werkt waar page's cached analysis: same findings."""
    from sv_analytics import wat_werkt_views

    asked: list[tuple] = []

    def cached(start, end):
        asked.append((start, end))
        return wat_werkt_views.analysis(reading.cursor(), start, end, protected=True)

    again = build.build_report(
        reading, build.Request("programma", None), generated_at=WHEN, wwk_analysis=cached
    )
    assert asked == [(PERIOD.start, PERIOD.end)]
    assert again == reports["programma"]
