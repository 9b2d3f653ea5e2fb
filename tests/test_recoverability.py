"""No small count can be recovered from what a page sends to the browser (issue 12, point 5).

The generic test opens every page as a protected viewer (local mode's beheerder has exact
counts off), for several filter combinations, and collects everything the page sends: the
metrics, every table (``st.dataframe``), the inline data of every Vega-Lite chart and the
layers of every pydeck map. It knows which fields are counts from the specs, not from the
look of a number:

- tables: the columns a :class:`sv_analytics.tables.Table` marks ``suppress`` (the Table
  objects the page hands to ``components.table`` are recorded on the way, the values are read
  from what the browser receives);
- metrics: the registry indicators :data:`sv_analytics.indicators.PROTECTED_COUNTS`, by name;
- charts: the fields a chart declares in its ``usermeta`` (``charts.finish(counts=…)``); a chart
  that declares nothing fails;
- maps: the count columns of the kern overview (``overzicht.COUNT_COLUMNS``).

It checks (a) every count shown is 0, a multiple of 5 or ``<5``; (b) no suppressed cell equals
the difference of two counts shown on the page (over all its filter combinations together) nor
a shown count minus the shown rest of its column. The five recovery paths of the issue each
have a test of their own below. Expected values come from SQL written here and the
independent rounding oracle of ``tests/test_privacy.py``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import indicators, overzicht, privacy, timeline
from sv_analytics.tables import Table
from sv_analytics.ui import components
from tests.conftest import PROJECT, open_app_page, sql, widget
from tests.test_privacy import oracle_text

LOSSER, DEVENTER = "GM0168", "GM0150"
#: A half year in which some kernen had 1–4 referrals (Bathmen 4, Markelo 1, Heeten 1 in the demo).
HALF_YEAR = (date(2017, 1, 1), date(2017, 6, 1))
CHRONISCH = "chronisch"
START, END = timeline.PROJECT.start, timeline.PROJECT.end

#: Filter combinations per page (widget key → value, set in this order).
COMBINATIONS: dict[str, list[dict[str, str]]] = {
    "app_pages/overzicht.py": [
        {},
        {"gemeente": LOSSER, "doelgroep": CHRONISCH},
        {"gemeente": DEVENTER, "doelgroep": CHRONISCH},
        {"gemeente": LOSSER},
        {"periode": HALF_YEAR},
    ],
    "app_pages/deelname.py": [
        {},
        {"gemeente": DEVENTER, "doelgroep": CHRONISCH},
        {"gemeente": DEVENTER, "kern": "bathmen", "doelgroep": CHRONISCH},
        {"gemeente": LOSSER, "kern": "overdinkel"},
    ],
    "app_pages/samenwerking.py": [
        {"gemeente": LOSSER, "kern": "overdinkel"},
        {"periode": HALF_YEAR, "gemeente": DEVENTER, "kern": "bathmen"},
        {"gemeente": DEVENTER, "kern": "bathmen"},
        {"gemeente": LOSSER, "kern": "overdinkel", "smw_stromen": "kern"},
    ],
    "app_pages/mijn_kern.py": [{"kern": "overdinkel"}, {"kern": "bathmen"}],
    "app_pages/kernprofiel.py": [
        {"gemeente": LOSSER, "kern": "overdinkel"},
        {"gemeente": DEVENTER, "kern": "bathmen"},
    ],
    "app_pages/wat_werkt.py": [
        {"kern": "overdinkel"},
        {"kern": "bathmen", "wwk_uitkomst": "referrals_per_1000"},
    ],
    "app_pages/sociale_kaart.py": [{"kern": "overdinkel"}],
    "app_pages/evaluatie.py": [{"kern": "overdinkel"}],
    "app_pages/kennisplein.py": [{}],
    "app_pages/gegevens.py": [{}],
}


# ------------------------------------------------------------------------------ what a page sent
@dataclass
class Recorder:
    """The specs of what the page drew in its last run (the values come from AppTest)."""

    tables: list[Table] = field(default_factory=list)
    headlines: list[dict] = field(default_factory=list)

    def clear(self) -> None:
        self.tables.clear()
        self.headlines.clear()


@pytest.fixture()
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """Record the Table objects and headline values the pages hand to ``components`` (and call
    through: the page draws exactly as without the recorder)."""
    found = Recorder()
    table, headline = components.table, components.headline_metrics

    def recording_table(data, *args, **kwargs):
        if isinstance(data, Table):
            if not data.empty:
                found.tables.append(data)
            return table(data, *args, **kwargs)

        def recording_builder(shown_protected: bool, build=data):
            built = build(shown_protected)
            if not built.empty:
                found.tables.append(built)
            return built

        return table(recording_builder, *args, **kwargs)

    def recording_headline(values, *args, **kwargs):
        found.headlines.append(
            dict(values) if isinstance(values, dict) else {f.code: f.value for f in values}
        )
        return headline(values, *args, **kwargs)

    monkeypatch.setattr(components, "table", recording_table)
    monkeypatch.setattr(components, "headline_metrics", recording_headline)
    return found


@dataclass
class Cell:
    """One count as the page showed it: its text (or number) and, when known, the exact value."""

    where: str
    shown: object
    exact: float | None = None
    column: tuple[str, int] | None = None  # (view id, column) for the parts-of-a-total check


@dataclass
class View:
    """Everything one run of a page sent, reduced to its counts."""

    name: str
    counts: list[Cell] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _number(text: object) -> float | None:
    """A shown count as a number: ``1.234`` → 1234; ``<5``, ``–`` and empty → None."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    plain = str(text).strip().replace(".", "").replace(",", ".")
    try:
        return float(plain)
    except ValueError:
        return None


def _protected_codes_by_name() -> dict[str, str]:
    return {indicators.get(c).name: c for c in indicators.PROTECTED_COUNTS}


def collect(at: AppTest, recorded: Recorder, name: str) -> View:
    view = View(name)
    _collect_metrics(at, recorded, view)
    _collect_tables(at, recorded, view)
    _collect_charts(at, view)
    _collect_maps(at, view)
    return view


def _collect_metrics(at: AppTest, recorded: Recorder, view: View) -> None:
    by_name = _protected_codes_by_name()
    exact = {}
    for values in recorded.headlines:
        for code, value in values.items():
            exact[indicators.get(code).name] = value
    for metric in at.metric:
        if metric.label in by_name:
            value = exact.get(metric.label)
            view.counts.append(Cell(f"{view.name} · kengetal {metric.label}", metric.value, _plain(value)))


def _plain(value: object) -> float | None:
    """The exact number behind a recorded headline (a number, or a figure object with .value)."""
    value = getattr(value, "value", value)
    return None if value is None or isinstance(value, str) else float(value)


def _collect_tables(at: AppTest, recorded: Recorder, view: View) -> None:
    pending = list(recorded.tables)
    protected_codes = indicators.PROTECTED_COUNTS
    for index, element in enumerate(at.dataframe):
        shown = element.value
        match = next((t for t in pending if [c.label for c in t.screen_columns] == list(shown.columns)), None)
        if match is None:
            continue  # a table not made by components.table (text only, e.g. facilities)
        pending.remove(match)
        for position, column in enumerate(match.screen_columns):
            if column.indicator in protected_codes and column.kind == "count" and not column.suppress:
                view.problems.append(
                    f"{view.name}: kolom {column.label!r} telt personen maar is niet beschermd"
                )
            if column.kind != "count" or column.protected_by is None:
                continue
            exact = match.frame[column.key].reset_index(drop=True)
            base = match.frame[column.protected_by].reset_index(drop=True)
            for row, text in enumerate(shown.iloc[:, position]):
                value = exact.iloc[row]
                if pd.isna(base.iloc[row]):
                    continue  # a row whose value is not a count of people (a target of another kind)
                view.counts.append(
                    Cell(f"{view.name} · tabel {index} {column.label!r} rij {row}", text,
                         None if pd.isna(value) else float(value), (f"{view.name}#{index}", position))
                )  # fmt: skip


def _collect_charts(at: AppTest, view: View) -> None:
    from streamlit import dataframe_util

    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        title = spec.get("title")
        title = title.get("text") if isinstance(title, dict) else title
        meta = (spec.get("usermeta") or {}).get("sv_privacy")
        if meta is None:
            view.problems.append(f"{view.name}: grafiek {title!r} zegt niet welke velden aantallen zijn")
            continue
        for dataset in element.proto.datasets:
            frame = dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)
            for name in meta.get("counts", []):
                if name in frame:
                    for value in frame[name]:
                        view.counts.append(Cell(f"{view.name} · grafiek {title!r} veld {name}", value))


def _collect_maps(at: AppTest, view: View) -> None:
    count_fields = set(overzicht.COUNT_COLUMNS)
    for element in at.get("deck_gl_json_chart"):
        deck = json.loads(element.proto.json)
        for layer in deck.get("layers", []):
            data = layer.get("data")
            if not isinstance(data, list):
                continue
            for record in data:
                for key, value in record.items():
                    if key in count_fields or key.removesuffix("_txt") in count_fields:
                        view.counts.append(Cell(f"{view.name} · kaartlaag {layer.get('id')} {key}", value))


# ------------------------------------------------------------------------------ the checks
def shown_problems(view: View) -> list[str]:
    """(a) Every count shown is 0, a multiple of 5, ``<5`` or missing."""
    problems = []
    for cell in view.counts:
        if isinstance(cell.shown, str) and cell.shown.strip() in (privacy.SUPPRESSED, "–", ""):
            continue
        value = _number(cell.shown)
        if value is None:
            continue
        if value != 0 and value % privacy.BASE != 0:
            problems.append(f"{cell.where}: toont {cell.shown!r}")
    return problems


def _suppressed(cell: Cell) -> bool:
    return isinstance(cell.shown, str) and cell.shown.strip() == privacy.SUPPRESSED


def recovery_problems(views: list[View]) -> list[str]:
    """(b) No suppressed cell is the difference of two shown counts of the page (all its filter
    combinations together), nor a shown count minus the shown rest of its column."""
    pool = {
        v for view in views for c in view.counts if not _suppressed(c) and (v := _number(c.shown)) is not None
    }
    problems = []
    for view in views:
        columns: dict[tuple[str, int], list[Cell]] = {}
        for cell in view.counts:
            if cell.column is not None:
                columns.setdefault(cell.column, []).append(cell)
        for cell in view.counts:
            if not _suppressed(cell) or cell.exact is None:
                continue
            hidden = cell.exact
            pair = next((a for a in pool if a - hidden in pool), None)
            if pair is not None:
                problems.append(f"{cell.where}: <5 is {hidden:g} = {pair:g} − {pair - hidden:g}")
                continue
            if cell.column is not None:
                rest = sum(
                    v
                    for c in columns[cell.column]
                    if (v := _number(c.shown)) is not None and not _suppressed(c)
                )
                total = next((a for a in pool if a - rest == hidden), None)
                if total is not None:
                    problems.append(
                        f"{cell.where}: <5 is {hidden:g} = {total:g} − {rest:g} (de rest van de kolom)"
                    )
    return problems


def run_page(page: str, widgets: dict[str, str], recorder: Recorder, user: str | None = None) -> View:
    """One run of ``page`` with ``widgets`` set, collected; ``user``: a subject of
    :data:`OFFICIALS` logged in (None: local mode's beheerder, exact counts off)."""
    if user is None:
        at = open_app_page(page, **widgets)
    else:
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=120)
        at.user = {"is_logged_in": True, "iss": ISS, "sub": user, "email": OFFICIALS[user]["email"]}
        at.run()
        at.switch_page(page).run()
        for key, value in widgets.items():
            widget(at, key).set_value(value).run()
            assert not at.exception, [e.message for e in at.exception]
    recorder.clear()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    label = f"{user + ' · ' if user else ''}{Path(page).stem}{widgets or ''}"
    return collect(at, recorder, label)


def all_problems(views: list[View]) -> list[str]:
    problems = [p for view in views for p in view.problems]
    problems += [p for view in views for p in shown_problems(view)]
    return problems + recovery_problems(views)


@pytest.mark.parametrize("page", list(COMBINATIONS))
def test_no_count_can_be_recovered_from_what_a_page_sends(
    page: str, app_env: Path, recorder: Recorder
) -> None:
    problems = all_problems([run_page(page, widgets, recorder) for widgets in COMBINATIONS[page]])
    assert not problems, f"{len(problems)} problemen:\n" + "\n".join(problems[:60])


# ------------------------------------------------------------------------------ as a gemeente official
ISS = "https://idp.example/privacy"
#: Two gemeente officials (role and scope in the test database's app_user, users.add_user).
OFFICIALS = {
    "losser": {"role": "gemeente", "gemeente_code": LOSSER, "email": "ambtenaar@losser.nl"},
    "deventer": {"role": "gemeente", "gemeente_code": DEVENTER, "email": "ambtenaar@deventer.nl"},
}
#: Per page: (official, widgets) — the combinations of the issue inside each official's scope.
AS_OFFICIAL: dict[str, list[tuple[str, dict]]] = {
    "app_pages/overzicht.py": [("losser", {}), ("losser", {"doelgroep": CHRONISCH}),
                               ("deventer", {"doelgroep": CHRONISCH}), ("deventer", {"periode": HALF_YEAR})],
    "app_pages/deelname.py": [("deventer", {"kern": "bathmen", "doelgroep": CHRONISCH}),
                              ("losser", {"kern": "overdinkel"}), ("losser", {"doelgroep": CHRONISCH})],
    "app_pages/samenwerking.py": [("losser", {"kern": "overdinkel"}),
                                  ("deventer", {"periode": HALF_YEAR, "kern": "bathmen"})],
    "app_pages/mijn_kern.py": [("losser", {"kern": "overdinkel"}), ("deventer", {"kern": "bathmen"})],
    "app_pages/kernprofiel.py": [("losser", {"kern": "overdinkel"})],
    "app_pages/wat_werkt.py": [("losser", {}), ("deventer", {"wwk_uitkomst": "referrals_per_1000"})],
    "app_pages/sociale_kaart.py": [("losser", {})],
    "app_pages/evaluatie.py": [("losser", {})],
    "app_pages/kennisplein.py": [("losser", {})],
}  # fmt: skip


@pytest.fixture(scope="module")
def officials(app_db: Path) -> Path:
    from sv_analytics import db, users

    conn = db.connect(app_db)
    try:
        for subject, details in OFFICIALS.items():
            users.add_user(conn, issuer=ISS, subject=subject, by="test", **details)
    finally:
        conn.close()
    return app_db


@pytest.mark.parametrize("page", list(AS_OFFICIAL))
def test_no_count_can_be_recovered_by_a_gemeente_official(
    page: str, officials: Path, app_env: Path, recorder: Recorder
) -> None:
    """The issue's 'done when': the generic test passes on every page for a gemeente role."""
    views = [run_page(page, widgets, recorder, user) for user, widgets in AS_OFFICIAL[page]]
    assert all(v.counts for v in views if "overzicht" in v.name or "deelname" in v.name)
    problems = all_problems(views)
    assert not problems, f"{len(problems)} problemen:\n" + "\n".join(problems[:60])


# ------------------------------------------------------------------------------ the five paths
def _chronisch_referrals(db: Path, gemeente: str) -> pd.DataFrame:
    """Referrals for target group chronisch per kern of the gemeente in the project period."""
    return sql(
        db,
        """
        SELECT k.name, coalesce(sum(r.n), 0) AS n
        FROM kern k LEFT JOIN referral r ON r.kern_id = k.kern_id AND r.month BETWEEN ? AND ?
             AND r.doelgroep = ?
        WHERE k.gemeente_code = ? GROUP BY k.name ORDER BY k.name
        """,
        START, END, CHRONISCH, gemeente,
    )  # fmt: skip


def _referral_cells(at: AppTest) -> dict[str, str]:
    table = next(d.value for d in at.dataframe if "Doorverwijzingen" in d.value.columns)
    return dict(zip(table["Kern"], table["Doorverwijzingen"], strict=True))


def test_path_1_overzicht_headline_no_longer_reveals_the_suppressed_kern(app_env: Path) -> None:
    """Losser + chronisch: Overdinkel's referrals <5 in the table and 'Doorverwijzingen 4' in the
    headline; Deventer + chronisch: 18 − 16 = 2."""
    for gemeente in (LOSSER, DEVENTER):
        exact = _chronisch_referrals(app_env, gemeente)
        assert (exact["n"].between(1, 4)).any(), "the demo no longer has the small kern of the issue"
        at = open_app_page("app_pages/overzicht.py", gemeente=gemeente, doelgroep=CHRONISCH)
        headline = {m.label: m.value for m in at.metric}["Doorverwijzingen"]
        assert headline == oracle_text(int(exact["n"].sum()))
        cells = _referral_cells(at)
        for name, n in exact.itertuples(index=False):
            assert cells[name] == oracle_text(n)
        shown = [_number(v) for v in cells.values() if v != privacy.SUPPRESSED]
        total = _number(headline)  # None when the total itself is 1–4 (Losser: 4, shown <5)
        for small in exact.loc[exact["n"].between(1, 4), "n"]:
            assert total is None or (total - sum(shown)) % 5 == 0 != small


def test_path_1_no_gemeente_and_target_group_combination_reveals_a_kern(demo_conn) -> None:
    """All gemeente × target-group combinations (the issue found 19 that leaked), computed with
    the page's own functions: headline minus the table's shown kernen is never a hidden count."""
    from sv_analytics import lookups, vocab

    leaks = []
    for gemeente in lookups.gemeenten(demo_conn)["gemeente_code"]:
        for doelgroep in vocab.DOELGROEP:
            overview = overzicht.kern_overview(demo_conn, timeline.DEFAULT_PERIOD, gemeente, doelgroep)
            table = overzicht.kern_table(overview).display(protected=True)
            for column, code in overzicht.COUNT_INDICATORS.items():
                total = _number(privacy.count_text(overzicht.headline(overview)[code]))
                label = table.columns[
                    [c.key for c in overzicht.kern_table(overview).screen_columns].index(column)
                ]
                hidden = overview.loc[table[label] == privacy.SUPPRESSED, column]
                rest = sum(_number(v) for v in table[label] if v != privacy.SUPPRESSED)
                if total is not None and any(total - rest == h for h in hidden):
                    leaks.append((gemeente, doelgroep, column))
    assert not leaks


def test_path_2_the_map_sends_no_raw_count(app_env: Path) -> None:
    """The map layer carried ``"referrals": 4`` beside ``"referrals_txt": "<5"``."""
    at = open_app_page("app_pages/overzicht.py", gemeente=LOSSER, doelgroep=CHRONISCH)
    for colour in ("kern_type", "referrals_per_1000", "participants"):
        at.selectbox(key="kleur").set_value(colour).run()
        payload = [json.loads(e.proto.json) for e in at.get("deck_gl_json_chart")]
        rows = [r for deck in payload for layer in deck["layers"] if isinstance(layer.get("data"), list)
                for r in layer["data"] if "kern_id" in r]  # fmt: skip
        overdinkel = next(r for r in rows if r["kern_id"] == "overdinkel")
        assert overdinkel["referrals_txt"] == privacy.SUPPRESSED
        for row in rows:
            for column in overzicht.COUNT_COLUMNS:
                assert column not in row, f"{column} staat als ruw getal in de kaart"
            assert not any(k.endswith("_per_1000") for k in row), "afgeleide cijfers horen als tekst"
        text = json.dumps(payload)
        assert '"referrals": 4' not in text


def test_path_3_deelname_headline_is_protected(app_env: Path) -> None:
    """Bathmen + chronisch showed 'doorverwijzingen 2'."""
    exact = sql(
        app_env,
        "SELECT coalesce(sum(n), 0) AS n FROM referral WHERE kern_id = 'bathmen' AND doelgroep = ? "
        "AND month BETWEEN ? AND ?",
        CHRONISCH, START, END,
    )["n"].iloc[0]  # fmt: skip
    assert 1 <= exact <= 4, f"the demo data no longer has the small count this path needs ({exact})"
    at = open_app_page("app_pages/deelname.py", gemeente=DEVENTER, kern="bathmen", doelgroep=CHRONISCH)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Doorverwijzingen"] == privacy.SUPPRESSED
    for label in ("Deelnemers", "Nieuw", "Vrijwilligers"):  # Deelname's short labels
        assert shown[label] == privacy.SUPPRESSED or (_number(shown[label]) or 0) % 5 == 0


def test_path_4_per_month_column_and_referral_bars_are_protected(app_env: Path) -> None:
    """Samenwerking's 'per maand' column gave a suppressed total back (× 24 months) and its bars
    showed exact monthly values and heights; Deelname's bars were built the same way."""
    from tests.conftest import vega_charts

    first, last = HALF_YEAR
    months = len(timeline.months_between(first, last))
    small = sql(
        app_env,
        "SELECT kern_id FROM referral WHERE month BETWEEN ? AND ? GROUP BY 1 HAVING sum(n) BETWEEN 1 AND 4",
        first, last,
    )  # fmt: skip
    assert len(small) >= 1, "the demo has no kern with 1–4 referrals in the half year"
    at = open_app_page("app_pages/samenwerking.py", periode=HALF_YEAR, gemeente=LOSSER, kern="overdinkel")
    figures = next(d.value for d in at.dataframe if "Per maand" in d.value.columns)
    assert (figures["Doorverwijzingen"] == privacy.SUPPRESSED).any(), (
        "the demo has no kern with 1–4 referrals"
    )
    for total, per_month in zip(figures["Doorverwijzingen"], figures["Per maand"], strict=True):
        if total == privacy.SUPPRESSED:
            assert per_month == privacy.SUPPRESSED
        else:
            assert abs(_number(per_month) * months - _number(total)) < months * 0.05 + 1e-9
    at = open_app_page("app_pages/samenwerking.py", gemeente=LOSSER, kern="overdinkel")
    exact = sql(
        app_env,
        "SELECT month, sum(n) AS n FROM referral WHERE kern_id = 'overdinkel' AND month BETWEEN ? AND ? GROUP BY 1",
        START, END,
    )  # fmt: skip
    assert exact["n"].between(1, 4).sum() >= 5, "the demo no longer has the small months of the issue"
    charts = vega_charts(at)
    spec, data = next(
        (s, d) for title, (s, d) in charts.items() if title and "Doorverwijzingen" in str(title)
    )
    _check_bar_chart(spec, data, exact)
    at = open_app_page("app_pages/deelname.py", gemeente=LOSSER, kern="overdinkel")
    spec, data = next((s, d) for title, (s, d) in vega_charts(at).items() if "Doorverwijzingen" in str(title))
    _check_bar_chart(spec, data, exact)


def _check_bar_chart(spec: dict, data: list[pd.DataFrame], exact: pd.DataFrame) -> None:
    """The bars' heights are rounded counts, the months of 1–4 are '<5' marks (as many as the
    exact months of 1–4), and nothing in the data is a raw count."""
    (field,) = spec["usermeta"]["sv_privacy"]["counts"]
    frames = [d for d in data if field in d.columns]
    assert frames, f"geen gegevens met het veld {field}"
    values = pd.concat([f[field] for f in frames]).dropna()
    assert all(v == 0 or v % 5 == 0 for v in values), values.tolist()
    texts = frames[0][f"{field}_txt"]
    assert (texts == privacy.SUPPRESSED).sum() == exact["n"].between(1, 4).sum()
    small = frames[0].loc[texts == privacy.SUPPRESSED, field]
    assert small.isna().all(), "een <5-maand heeft geen hoogte in de gegevens"
    _fixed_height_marks(spec)


def _fixed_height_marks(spec: dict) -> None:
    """The suppressed values are drawn as marks of one fixed (pixel) height, not on the scale."""
    layers = list(_layers(spec))
    fixed = [
        layer for layer in layers if "y" in layer.get("encoding", {}) and "value" in layer["encoding"]["y"]
    ]
    assert fixed, "geen '<5'-markering van vaste hoogte"


def _layers(spec: dict) -> Iterator[dict]:
    for layer in spec.get("layer", []):
        yield layer
        yield from _layers(layer)


def test_path_5_sankey_bands_carry_no_raw_count(app_env: Path) -> None:
    """Band width ÷ scale was n for all 16 <5 bands; bands carried the raw ``n``."""
    from tests.conftest import vega_charts

    at = open_app_page("app_pages/samenwerking.py", gemeente=LOSSER, kern="overdinkel")
    _spec, data = next(
        (s, d) for title, (s, d) in vega_charts(at).items() if "Doorverwijsstromen" in str(title)
    )
    bands = next(d for d in data if "link" in d.columns)
    assert "n" not in bands.columns
    widths = (bands["y"] - bands["y2"]).round(9)
    assert widths.notna().all() and (widths > 0).all()
    per_band = bands.assign(width=widths).groupby("link").agg(width=("width", "max"), text=("n_txt", "first"))
    small = per_band[per_band["text"] == privacy.SUPPRESSED]
    assert len(small) > 0
    assert small["width"].nunique() == 1, "alle <5-banden zijn even breed"
    shown = per_band[per_band["text"] != privacy.SUPPRESSED]
    scale = (shown["width"] / shown["text"].map(_number)).round(9)
    assert scale.nunique() == 1, "de breedte volgt het afgeronde aantal"
    assert all(_number(v) % 5 == 0 for v in shown["text"])
    assert small["width"].iloc[0] < scale.iloc[0] * 5


# ------------------------------------------------------------------------------ exact mode
def test_an_exact_screen_shows_the_exact_counts_everywhere(app_env: Path) -> None:
    """A beheerder with 'exacte aantallen' on (ui/auth.py's switch) sees the counts as they are:
    headline, tables, map and charts; the downloads stay protected (see
    tests/e2e/test_exports_browser.py and tests/test_privacy.py: Table.export has no exact mode,
    a chart builder is always asked for its protected figure for the PNG)."""
    from sv_analytics.texts import t
    from tests.conftest import dutch, vega_charts

    exact = _chronisch_referrals(app_env, LOSSER).set_index("name")["n"]
    at = open_app_page("app_pages/overzicht.py", sv_exact=True, gemeente=LOSSER, doelgroep=CHRONISCH)
    assert {m.label: m.value for m in at.metric}["Doorverwijzingen"] == dutch(exact.sum())  # 4: exact
    cells = _referral_cells(at)
    assert cells["Overdinkel"] == dutch(exact["Overdinkel"]) and 1 <= exact["Overdinkel"] <= 4
    assert t("privacy.exact_note") in [c.value for c in at.caption]  # it says the downloads are protected
    rows = [r for e in at.get("deck_gl_json_chart") for layer in json.loads(e.proto.json)["layers"]
            if isinstance(layer.get("data"), list) for r in layer["data"] if "kern_id" in r]  # fmt: skip
    assert next(r for r in rows if r["kern_id"] == "overdinkel")["referrals_txt"] == dutch(
        exact["Overdinkel"]
    )

    months = sql(
        app_env,
        "SELECT month, sum(n) AS n FROM referral WHERE kern_id = 'overdinkel' AND month BETWEEN ? AND ? GROUP BY 1",
        START, END,
    )  # fmt: skip
    at = open_app_page("app_pages/deelname.py", sv_exact=True, gemeente=LOSSER, kern="overdinkel")
    bars = next(d for d in vega_charts(at)["Doorverwijzingen"][1] if "value_txt" in d.columns)
    by_month = {pd.Timestamp(m): n for m, n in months.itertuples(index=False)}
    for period, value in zip(pd.to_datetime(bars["period"]), bars["value"], strict=True):
        assert value == by_month.get(period, 0)  # exact heights, 1–4 included
    assert not bars["suppressed"].any()


def test_a_projectleider_sees_their_own_kern_exactly(officials: Path, app_env: Path) -> None:
    """Mijn kern for the kern's own projectleider: the realisation of the referral target is the
    exact count (a gemeente official sees it rounded, see test_page_mijn_kern.py)."""
    from sv_analytics import db, users
    from tests.conftest import dutch

    conn = db.connect(app_env)
    try:
        users.add_user(conn, issuer=ISS, subject="piet", role="projectleider", kern_id="bathmen", by="test")
    finally:
        conn.close()
    exact = sql(
        app_env,
        "SELECT year(month) AS year, sum(n) AS n FROM referral WHERE kern_id = 'bathmen' GROUP BY 1",
    ).set_index("year")["n"]
    for subject, shown in (("piet", lambda n: dutch(n)), ("deventer", oracle_text)):
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=120)
        at.user = {"is_logged_in": True, "iss": ISS, "sub": subject, "email": f"{subject}@example.nl"}
        at.run()
        at.switch_page("app_pages/mijn_kern.py").run()
        if subject == "deventer":
            widget(at, "kern").set_value("bathmen").run()
        assert not at.exception, [e.message for e in at.exception]
        table = next(d.value for d in at.dataframe if "% van het doel" in d.value.columns)
        rows = table[table["Indicator"] == "Doorverwijzingen"].set_index("Jaar")["Realisatie"]
        assert len(rows) == 2
        for year, text in rows.items():
            assert text == shown(int(exact[int(year)])), (subject, year)
    assert any(int(exact[y]) % 5 for y in (2017, 2018)), "the demo's counts happen to be multiples of 5"
