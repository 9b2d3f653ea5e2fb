"""The report builder: one :class:`model.Report` for a scope, a reporting moment and a target
group, computed through the functions the pages call (no Streamlit here).

Why through the pages' functions: a figure in a deck or a PDF must be the figure on the page
(one source of truth per figure), so every number comes from the same domain function with the
same parameters as on Overzicht, Deelname, Mijn kern, Evaluatie, Wat werkt waar, Sociale kaart
and Kennisplein, and every chart spec from the page's own Altair builder, called protected.

Why a scoped cursor for everything: :func:`build_report` first refuses a request outside the
viewer's scope, then reads *everything* on ``scope.cursor(conn, request.scope)``, on which the
content tables are the scope's rows. A Deventer report therefore cannot hold a row of another
kern, whatever a section does. The one exception, as on the page Overzicht, is the
programme-wide colour classes of the map (``overzicht.programme_scale``): rounded class breaks,
never a kern's figure.

Why everything protected: a report is for others. Tables come from ``tables.Table.display(
protected=True)``, headline figures from ``Figure.text(protected=True)``, chart series from
``charts.count_values(..., protected=True)`` (None where a count is 1–4).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import altair as alt
import duckdb
import pandas as pd

from sv_analytics import (
    access,
    charts,
    db,
    deelname,
    evaluatie,
    exports,
    fmt,
    indicators,
    kennisplein,
    kernprofiel,
    lookups,
    map_png,
    mijn_kern,
    overzicht,
    scope,
    sociale_kaart,
    tables,
    timeline,
    vocab,
    wat_werkt,
)
from sv_analytics import wat_werkt_views as wwk_views
from sv_analytics.charts import deelname as deelname_charts
from sv_analytics.charts import mijn_kern as mijn_kern_charts
from sv_analytics.indicators.wat_werkt import MIN_N
from sv_analytics.report import model
from sv_analytics.texts import t
from sv_analytics.timeline import Period

Progress = Callable[[float, str], None]
#: The caller's cached Wat werkt waar analysis for (start, end), or None (see build_report).
WwkProvider = Callable[[date, date], "wwk_views.Analysis | None"]

#: What the map of a gemeente or the programme is coloured by (Overzicht's option).
MAP_COLOUR = "participants_per_1000"
#: A period longer than this many months is shown per quarter (a native chart keeps ≤ ~12 categories).
MONTHLY_MAX = 12
#: Between the sources of one figure (a registry source may itself contain "; ").
SOURCE_SEP = " · "
#: At most this many success/failure factors and good practices are written out per report.
MAX_ITEMS = 8
#: Wat werkt waar compares groups of kernen: below this many kernen no group can be judged.
WWK_MIN_KERNEN = 2 * MIN_N


# ------------------------------------------------------------------------------ request
@dataclass(frozen=True)
class Request:
    """What a report is about: one kern, one gemeente or the programme, a moment, a target group.

    Hashable: the Rapport page caches a report by (request, data version, viewer scope)."""

    kind: model.ScopeKind
    key: str | None
    moment: str = timeline.DEFAULT_REPORT_MOMENT
    doelgroep: str | None = None

    def __post_init__(self) -> None:
        kinds = ("kern", "gemeente", "programma")
        if self.kind not in kinds or (self.kind == "programma") != (self.key is None):
            raise ValueError(t("report.bad_request"))
        if self.moment not in timeline.REPORT_MOMENTS:
            raise ValueError(t("report.unknown_moment", code=self.moment))
        if self.doelgroep is not None and self.doelgroep not in vocab.DOELGROEP:
            raise ValueError(t("report.unknown_doelgroep", code=self.doelgroep))

    @property
    def scope(self) -> access.Scope:
        """The data the report may read: its kern, its gemeente, or every kern."""
        if self.kind == "kern":
            return access.Scope(kern_id=self.key)
        if self.kind == "gemeente":
            return access.Scope(gemeente_code=self.key)
        return access.ALL


def requests_all(
    conn: duckdb.DuckDBPyConnection,
    moment: str = timeline.DEFAULT_REPORT_MOMENT,
    doelgroep: str | None = None,
) -> list[Request]:
    """Every report of a "subscription" run (``report --alle``): each kern, each gemeente with
    kernen in the programme, and the programme, in registry order."""
    kernen = lookups.kernen(conn)
    gemeenten = [g for g in dict.fromkeys(kernen["gemeente_code"]) if isinstance(g, str)]
    return [
        *(Request("kern", k, moment, doelgroep) for k in kernen["kern_id"]),
        *(Request("gemeente", g, moment, doelgroep) for g in gemeenten),
        Request("programma", None, moment, doelgroep),
    ]


def check_access(conn: duckdb.DuckDBPyConnection, request: Request, viewer: access.Scope) -> None:
    """Refuse (PermissionError, Dutch) a report outside ``viewer``: a gemeente may ask for itself
    or one of its kernen, a projectleider only for their kern, nobody else for the programme.
    Whether a kern lies in a gemeente is read on the *viewer's* scoped cursor, so the refusal
    says nothing about kernen the viewer cannot see."""
    if viewer.is_all:
        return
    allowed = False
    if viewer.kern_id is not None:
        allowed = request.kind == "kern" and request.key == viewer.kern_id
    elif request.kind == "gemeente":
        allowed = request.key == viewer.gemeente_code
    elif request.kind == "kern":
        with scope.cursor(conn, viewer) as cur:
            allowed = request.key in set(lookups.kernen(cur)["kern_id"])
    if not allowed:
        raise PermissionError(t("report.no_access"))


# ------------------------------------------------------------------------------ context
@dataclass
class _Context:
    """One build: the scoped cursor, the selection the domain functions get, the names in titles,
    and the indicator codes used so far (for the report's sources and definitions)."""

    cur: duckdb.DuckDBPyConnection
    plain: duckdb.DuckDBPyConnection
    request: Request
    moment: timeline.ReportMoment
    kernen: pd.DataFrame
    scope_name: str
    where: str
    today: date
    demo: bool
    wwk_analysis: WwkProvider | None = None
    codes: dict[str, None] = field(default_factory=dict)
    notes: dict[str, None] = field(default_factory=dict)

    @property
    def period(self) -> Period:
        return self.moment.period

    @property
    def period_label(self) -> str:
        return fmt.period(self.period.start, self.period.end)

    @property
    def subtitle(self) -> str:
        return t("report.subtitle", where=self.where, period=self.period_label)

    @property
    def grain(self) -> str:
        return "kwartaal" if len(self.period.months) > MONTHLY_MAX else "maand"

    @property
    def kern(self) -> str | None:
        return self.request.key if self.request.kind == "kern" else None

    @property
    def gemeente(self) -> str | None:
        return self.request.key if self.request.kind == "gemeente" else None

    @property
    def window(self) -> dict[str, date]:
        return {"start": self.period.start, "end": self.period.end}

    @property
    def selection(self) -> dict[str, object]:
        """The Deelname page's selection: period, gemeente, target group, kern."""
        return {
            **self.window,
            "gemeente": self.gemeente,
            "doelgroep": self.request.doelgroep,
            "kern": self.kern,
        }

    @property
    def years(self) -> str:
        first, last = self.period.start.year, self.period.end.year
        return str(first) if first == last else t("report.year_range", first=first, last=last)

    def title(self, what: str) -> str:
        """A figure's title: what, scope and period ("Deelnemers per kwartaal — Bathmen, jan 2017 – dec 2018")."""
        return t("report.figure_title", what=what, subtitle=self.subtitle)

    def use(self, *codes: str | None) -> None:
        for code in codes:
            if code and code in indicators.REGISTRY:
                self.codes.setdefault(code)

    def source(self, *codes: str) -> str:
        """The registry sources of ``codes`` with the period's years ("Monitoringgegevens … 2017–2018")."""
        self.use(*codes)
        found = dict.fromkeys(indicators.get(c).source for c in codes if c in indicators.REGISTRY)
        return SOURCE_SEP.join(f"{s}, {self.years}" if s == indicators.MONITORING else s for s in found)


# ------------------------------------------------------------------------------ block helpers
def table_block(
    title: str, table: tables.Table, *, caption: str = "", source: str = "", notes: Sequence[str] = ()
) -> model.Table | None:
    """A typed table as others may see it (protected, Dutch text; links left out): None when it
    has no rows, so the section omits it."""
    if table.empty:
        return None
    shown = table.display(protected=True)
    columns = [c for c in table.screen_columns if c.kind != "link"]
    header = tuple(c.label for c in columns)
    rows = tuple(tuple(str(v) for v in row) for row in shown[list(header)].itertuples(index=False))
    return model.Table(
        title=title,
        header=header,
        rows=rows,
        numeric=tuple(c.kind in tables.NUMERIC_KINDS for c in columns),
        caption=caption,
        source=source,
        notes=tuple(dict.fromkeys([*table.notes, *notes])),
    )


def _value(value: object, decimals: int = 0) -> float | None:
    """A chart value as the model holds it: None where suppressed or missing, else rounded."""
    if value is None or pd.isna(value):
        return None
    return round(float(value), max(decimals, 1) + 1)


def _spec(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict(validate=False)


def _target_values(targets: pd.DataFrame | None, periods: Sequence[pd.Timestamp]) -> tuple[float | None, ...]:
    """Per chart period the target segment covering it (``deelname.targets``), None elsewhere."""
    values: list[float | None] = []
    for period in periods:
        found = None
        if targets is not None:
            for row in targets.itertuples(index=False):
                if pd.Timestamp(row.period) <= pd.Timestamp(period) <= pd.Timestamp(row.period_end):
                    found = _value(row.value, 1)
        values.append(found)
    return tuple(values)


def _time_chart(
    ctx: _Context,
    *,
    title: str,
    kind: model.ChartKind,
    frame: pd.DataFrame,
    grain: str,
    spec: dict,
    targets: pd.DataFrame | None,
    caption: str,
    codes: Sequence[str],
) -> model.Chart:
    """A chart over time: one series per ``label`` of ``frame`` (protected counts) and the kern's
    target as a series of role "target"."""
    shown = charts.count_values(frame[["period", "label", "value"]], protected=True)
    periods = sorted(pd.to_datetime(shown["period"]).unique())
    series = []
    for label in dict.fromkeys(shown["label"]):
        part = shown[shown["label"] == label]
        values = part.set_index(pd.to_datetime(part["period"]))["value"].reindex(periods)
        series.append(model.Series(str(label), tuple(_value(v) for v in values)))
    notes = [indicators.get(c).definition for c in codes]
    if targets is not None and not targets.empty:
        series.append(model.Series(t("deelname.target_label"), _target_values(targets, periods), "target"))
        caption = f"{caption} {t('report.target_caption', grain=t(f'report.grain.{grain}'))}"
    return model.Chart(
        title=title,
        kind=kind,
        categories=tuple(deelname.period_label(p, grain) for p in periods),
        series=tuple(series),
        spec=spec,
        unit=indicators.get(codes[0]).unit,
        caption=caption,
        source=ctx.source(*codes),
        notes=(*notes, t("report.metrics_caption")),
        suppressed=bool(shown[charts.SUPPRESSED_FLAG].any()),
    )


def _empty(title: str, text: str | None = None) -> model.Text:
    return model.Text(title, paragraphs=(text or t("report.empty"),))


def _blocks(*blocks: model.Block | None) -> tuple[model.Block, ...]:
    return tuple(b for b in blocks if b is not None)


# ------------------------------------------------------------------------------ 1 kerncijfers
def _figure(ctx: _Context, figure: tables.Figure) -> model.Figure:
    indicator = indicators.get(figure.code)
    ctx.use(figure.code)
    return model.Figure(
        code=figure.code,
        label=indicator.name,
        value=figure.text(protected=True),
        unit=indicator.unit,
        source=ctx.source(figure.code),
        year=ctx.years,
        definition=indicator.definition,
    )


def section_kerncijfers(ctx: _Context, overview: pd.DataFrame) -> model.Section:
    """Overzicht's counts of kernen and activities, then Deelname's headline figures."""
    counts = overzicht.headline(overview)
    first = [tables.Figure("kernen", counts["kernen"])] if ctx.kern is None else []
    first.append(tables.Figure("activiteiten", counts["activiteiten"]))
    figures = (*first, *deelname.headline_figures(ctx.cur, **ctx.selection))
    notes = (
        [t("report.doelgroep_note", doelgroep=vocab.DOELGROEP[ctx.request.doelgroep])]
        if ctx.request.doelgroep
        else []
    )
    notes += [deelname.inhabitants_note(ctx.cur, **ctx.window, gemeente=ctx.gemeente, kern=ctx.kern)]
    metrics = model.Metrics(
        title=t("report.metrics_title", subtitle=ctx.subtitle),
        figures=tuple(_figure(ctx, f) for f in figures),
        caption=t("report.metrics_caption"),
        notes=tuple(n for n in notes if n),
    )
    return model.Section(t("report.section.kerncijfers"), (metrics,))


# ------------------------------------------------------------------------------ 2 kaart
def programme_scale(ctx: _Context) -> overzicht.ColourScale:
    """The programme-wide colour classes of the map (unscoped, as ``ui.programme`` reads them:
    rounded breaks only). Computed per report (~65 ms): a cache across reports would need the
    database's identity, which only scope.py may ask DuckDB for (tests/test_scope.py)."""
    return overzicht.programme_scale(ctx.plain, ctx.period, ctx.request.doelgroep, MAP_COLOUR)


#: The canvas of a report's maps (px): smaller than a download's 1600 × 1000, so that at a PDF
#: page's text width (~16 cm) the names come out near 7 pt instead of 4–5 pt; a slide shows it
#: ~12 inch wide, larger than drawn.
MAP_SIZE = (1000, 625)


def _image(ctx: _Context, title: str, figure: alt.TopLevelMixin | None, caption: str, codes: Sequence[str]):
    if figure is None:
        return _empty(title, t("report.no_map"))
    return model.Image(
        title=title,
        spec=_spec(figure),
        aspect=MAP_SIZE[0] / MAP_SIZE[1],
        caption=caption,
        source=ctx.source(*codes),
    )


def _sorted(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(key, kind="stable").reset_index(drop=True) if key in frame else frame


def section_kaart(ctx: _Context, overview: pd.DataFrame) -> model.Section:
    """Gemeente and programme: Overzicht's map and kern table; a kern: its Sociale kaart."""
    # the queries kern_contours and gemeente_outlines have no ORDER BY: sorted here, so that the
    # map's spec (and a PDF drawn from it) is the same in every build
    contours = _sorted(lookups.kern_contours(ctx.cur), "kern_id")
    if ctx.kern is not None:
        orgs = sociale_kaart.organisations(ctx.cur, kern_id=ctx.kern)
        facs = sociale_kaart.facilities(ctx.cur, kern_id=ctx.kern)
        figure = map_png.sociale_kaart_figure(
            orgs, facs, contours, ctx.kern, kern_name=ctx.scope_name, demo=ctx.demo,
            width=MAP_SIZE[0], height=MAP_SIZE[1],
        )  # fmt: skip
        codes = ("sk_organisaties", "sk_projectgroep", "sk_afspraken_per_organisatie")
        image = _image(ctx, ctx.title(t("report.sk_map")), figure, t("report.sk_map_caption"), codes[:1])
        table = table_block(ctx.title(t("sk.organisations_heading")), sociale_kaart.organisation_table(orgs),
                            source=ctx.source(*codes))  # fmt: skip
        return model.Section(t("report.section.sociale_kaart"), _blocks(image, table))
    outlines = _sorted(lookups.gemeente_outlines(ctx.cur), "gemeente_code")
    filters = (
        [f"{t('filter.doelgroep')}: {vocab.DOELGROEP[ctx.request.doelgroep]}"]
        if ctx.request.doelgroep
        else []
    )
    figure = map_png.kern_map_figure(
        overview, outlines, contours, period=ctx.period, colour_by=MAP_COLOUR,
        classes=programme_scale(ctx), demo=ctx.demo, filters=filters, width=MAP_SIZE[0], height=MAP_SIZE[1],
    )  # fmt: skip
    code = overzicht.RATE_INDICATORS[MAP_COLOUR]
    image = _image(ctx, ctx.title(t("report.map")), figure, t("report.map_caption"), (code,))
    kern_table = overzicht.kern_table(overview, MAP_COLOUR)
    table = table_block(ctx.title(t("report.kern_table")), kern_table,
                        source=ctx.source(*kern_table.indicator_codes))  # fmt: skip
    return model.Section(t("report.section.kaart"), _blocks(image, table))


# ------------------------------------------------------------------------------ 3 deelname
def section_deelname(ctx: _Context) -> model.Section:
    """Deelname's trend (with the kern's target), referrals, volunteers and the target groups."""
    grain = ctx.grain
    trend = deelname.trend(ctx.cur, **ctx.selection, grain=grain)
    targets = deelname.targets(ctx.cur, ctx.kern, **ctx.window, grain=grain) if ctx.kern else None

    def target(code: str) -> pd.DataFrame | None:
        return targets[targets["code"] == code] if targets is not None else None

    blocks: list[model.Block | None] = []
    if trend.empty or trend["value"].sum() == 0:
        blocks.append(_empty(ctx.title(t(f"report.trend_{'quarter' if grain == 'kwartaal' else 'month'}")),
                             t("report.no_deelname")))  # fmt: skip
    else:
        people = deelname.with_labels(trend[trend["code"] != "doorverwijzingen"])
        title = ctx.title(t("report.trend_quarter" if grain == "kwartaal" else "report.trend_month"))
        spec = _spec(deelname_charts.lines(people, grain=grain, title=title, targets=target("nieuwe_deelnemers"),
                                           protected=True))  # fmt: skip
        blocks.append(
            _time_chart(ctx, title=title, kind="line", frame=people, grain=grain, spec=spec,
                        targets=target("nieuwe_deelnemers"), codes=tuple(dict.fromkeys(people["code"])),
                        caption=t("report.trend_caption", grain=t(f"report.grain.{grain}")))
        )  # fmt: skip
        referrals = deelname.with_labels(trend[trend["code"] == "doorverwijzingen"])
        if referrals["value"].sum() > 0:
            title = ctx.title(
                t("report.referrals_quarter" if grain == "kwartaal" else "report.referrals_month")
            )
            spec = _spec(deelname_charts.bars(referrals, grain=grain, title=title,
                                              targets=target("doorverwijzingen"), protected=True))  # fmt: skip
            blocks.append(
                _time_chart(ctx, title=title, kind="bar", frame=referrals, grain=grain, spec=spec,
                            targets=target("doorverwijzingen"), codes=("doorverwijzingen",),
                            caption=indicators.get("doorverwijzingen").definition)
            )  # fmt: skip
    volunteers = deelname.volunteers(ctx.cur, **ctx.window, gemeente=ctx.gemeente, kern=ctx.kern)
    if not volunteers.empty:
        title = ctx.title(t("report.volunteers"))
        labelled = deelname.with_labels(volunteers)
        spec = _spec(deelname_charts.lines(labelled, grain="kwartaal", title=title,
                                           targets=target("vrijwilligers_actief"), protected=True))  # fmt: skip
        blocks.append(
            _time_chart(ctx, title=title, kind="line", frame=labelled, grain="kwartaal", spec=spec,
                        targets=target("vrijwilligers_actief"), codes=tuple(dict.fromkeys(labelled["code"])),
                        caption=t("deelname.volunteers_caption"))
        )  # fmt: skip
    blocks.append(_breakdown(ctx))
    return model.Section(t("report.section.deelname"), _blocks(*blocks))


def _breakdown(ctx: _Context) -> model.Chart | None:
    """Participants per target group per month (the page's breakdown by ``doelgroep``): side by
    side, not stacked, because one participant can belong to more groups."""
    split = deelname.breakdown(ctx.cur, **ctx.selection, dimension="doelgroep")
    if split.empty or split["monthly"].sum() == 0:
        return None
    title = ctx.title(t("report.breakdown"))
    shown = charts.count_values(split[["label", "per_month", "monthly"]], "per_month", protected=True,
                                base="monthly", decimals=1)  # fmt: skip
    spec = _spec(deelname_charts.categories(split, value="per_month", base="monthly", title=title,
                                            axis_title=t("deelname.col.per_month"), protected=True))  # fmt: skip
    code = "deelnemers_uitsplitsing"
    return model.Chart(
        title=title,
        kind="barh",
        categories=tuple(shown["label"]),
        series=(model.Series(t("deelname.col.per_month"), tuple(_value(v, 1) for v in shown["per_month"])),),
        spec=spec,
        unit=t("deelname.col.per_month"),
        caption=t("report.breakdown_caption"),
        source=ctx.source(code),
        notes=(indicators.get(code).definition, t("deelname.breakdown_person_note")),
        suppressed=bool(shown[charts.SUPPRESSED_FLAG].any()),
        decimals=1,
    )


# ------------------------------------------------------------------------------ 4 werkplan
def section_werkplan(ctx: _Context) -> model.Section:
    """A kern: Mijn kern's targets against realisation (chart and table) and its werkplan per
    phase; a gemeente or the programme: werkplan and targets per kern."""
    first, last = ctx.period.start.year, ctx.period.end.year
    if ctx.kern is None:
        return model.Section(t("report.section.werkplan"), _blocks(_werkplan_kernen(ctx, first, last)))
    goals = mijn_kern.targets_in_years(mijn_kern.targets(ctx.cur, ctx.kern, today=ctx.today), first, last)
    blocks: list[model.Block | None] = []
    if goals.empty:
        blocks.append(_empty(ctx.title(t("report.targets_table")), t("report.no_targets")))
    else:
        blocks.append(_targets_chart(ctx, goals))
        targets = mijn_kern.targets_table(goals)
        blocks.append(table_block(ctx.title(t("report.targets_table")), targets, caption=t("mijn_kern.targets_note"),
                                  source=ctx.source("doel_realisatie_pct", *mijn_kern.registered(goals["indicator_code"])),
                                  notes=(t("report.caveat_targets"),)))  # fmt: skip
    actions = mijn_kern.werkplan(ctx.cur, ctx.kern, ctx.moment.peildatum)
    if actions.empty:
        blocks.append(_empty(ctx.title(t("report.phase_table")), t("report.no_werkplan")))
    else:
        phases = mijn_kern.phase_table(mijn_kern.phase_summary(actions))
        blocks.append(table_block(ctx.title(t("report.phase_table")), phases,
                                  caption=t("mijn_kern.phase_title", kern=ctx.scope_name,
                                            day=fmt.day(ctx.moment.peildatum)),
                                  source=ctx.source(*phases.indicator_codes)))  # fmt: skip
    return model.Section(t("report.section.werkplan"), _blocks(*blocks))


def _targets_chart(ctx: _Context, goals: pd.DataFrame) -> model.Chart | None:
    rows = goals[goals["pct"].notna()]
    if rows.empty:
        return None
    title = ctx.title(t("report.targets_chart"))
    shown = charts.count_values(rows[["name", "year", "pct", "realised_persons"]], "pct", protected=True,
                                base="realised_persons")  # fmt: skip
    spec = _spec(mijn_kern_charts.targets_chart(goals, protected=True).properties(title=title))
    code = "doel_realisatie_pct"
    return model.Chart(
        title=title,
        kind="barh",
        categories=tuple(f"{n} {y}" for n, y in zip(shown["name"], shown["year"], strict=True)),
        series=(model.Series(t("mijn_kern.col.pct_reached"), tuple(_value(v) for v in shown["pct"])),),
        spec=spec,
        unit="%",
        caption=t("mijn_kern.targets_note"),
        source=ctx.source(code),
        notes=(indicators.get(code).definition, t("report.caveat_targets")),
        suppressed=bool(shown[charts.SUPPRESSED_FLAG].any()),
    )


def _werkplan_kernen(ctx: _Context, first: int, last: int) -> model.Table | None:
    """Per kern of the scope: werkplan done, overdue actions, targets reached of the period's years."""
    rows = []
    for kern in ctx.kernen.itertuples(index=False):
        actions = mijn_kern.werkplan(ctx.cur, kern.kern_id, ctx.moment.peildatum)
        goals = mijn_kern.targets_in_years(
            mijn_kern.targets(ctx.cur, kern.kern_id, today=ctx.today), first, last
        )
        rows.append(
            {
                "name": kern.name,
                "gemeente": kern.gemeente,
                "done_pct": mijn_kern.werkplan_done_pct(actions),
                "overdue": int(actions["overdue"].sum()) if len(actions) else 0,
                "reached": int(goals["reached"].sum()),
                "targets": len(goals),
            }
        )
    columns = [
        *lookups.kern_columns(),
        tables.Column("done_pct", indicators.get("werkplan_gereed_pct").name, kind="percent",
                      indicator="werkplan_gereed_pct"),
        tables.Column("overdue", indicators.get("acties_achterstallig").name, kind="count",
                      indicator="acties_achterstallig"),
        tables.Column("reached", indicators.get("doelen_gehaald").name, kind="count", indicator="doelen_gehaald"),
        tables.Column("targets", t("report.col.targets_total"), kind="count"),
    ]  # fmt: skip
    table = tables.table(pd.DataFrame(rows, columns=[c.key for c in columns]), columns)
    return table_block(ctx.title(t("report.werkplan_kernen")), table, source=ctx.source(*table.indicator_codes),
                       caption=t("mijn_kern.peildatum_note", day=fmt.day(ctx.moment.peildatum)),
                       notes=(t("report.caveat_targets"),))  # fmt: skip


# ------------------------------------------------------------------------------ 5 evaluatie
def section_evaluatie(ctx: _Context) -> model.Section:
    """The moment's sub-goal scores (a kern: its table; more kernen: kernen per score, stacked)
    and its success and failure factors with context → mechanism → outcome."""
    code = ctx.moment.evaluation
    label = t(f"report.eval_moment.{code}")
    blocks: list[model.Block | None] = []
    if ctx.kern is not None:
        scores = evaluatie.kern_subgoals(ctx.cur, ctx.kern)
        scores = scores[scores["moment"] == code].reset_index(drop=True)
        title = ctx.title(t("report.eval_scores", moment=label))
        if scores.empty:
            blocks.append(_empty(title, t("report.no_evaluation", moment=label)))
        else:
            blocks.append(table_block(title, evaluatie.subgoal_display(scores), caption=t("eval.kern_caption"),
                                      source=ctx.source("evaluatie_subdoel_score")))  # fmt: skip
        factors = evaluatie.kern_factors(ctx.cur, ctx.kern)
    else:
        cells = evaluatie.overview_cells(ctx.cur, ctx.gemeente)
        cells = cells[cells["moment"] == code]
        blocks.append(_score_chart(ctx, cells, label))
        factors = wwk_views.factors(ctx.cur, None, None)
    factors = factors[factors["moment"] == code]
    blocks += _factor_texts(ctx, factors)
    return model.Section(t("report.section.evaluatie"), _blocks(*blocks))


def _score_chart(ctx: _Context, cells: pd.DataFrame, label: str) -> model.Block:
    """Kernen per score per sub-goal (counts of kernen: not protected), as stacked bars."""
    title = ctx.title(t("report.eval_counts", moment=label))
    scored = cells[cells["score"].notna()]
    if scored.empty:
        return _empty(title, t("report.no_evaluation", moment=label))
    subgoals = [evaluatie.subgoal_label(s) for s in evaluatie.SUBGOALS]
    scores = [evaluatie.score_label(s) for s in evaluatie.SCORES]
    counts = scored.groupby(["subgoal_label", "score_label"]).size()
    series = tuple(
        model.Series(score, tuple(float(counts.get((subgoal, score), 0)) for subgoal in subgoals))
        for score in scores
    )
    data = pd.DataFrame(
        [{"subgoal": g, "score": s, "order": i, "n": counts.get((g, s), 0)} for g in subgoals
         for i, s in enumerate(scores)]
    )  # fmt: skip
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("subgoal:N", title=None, sort=subgoals, axis=alt.Axis(labelAngle=0, labelLimit=300)),
            y=alt.Y("n:Q", title=t("report.eval_axis"), stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "score:N", title=t("eval.col.judgement"), sort=scores, scale=alt.Scale(domain=scores)
            ),
            order=alt.Order("order:Q"),
            tooltip=["subgoal:N", "score:N", "n:Q"],
        )
        .properties(title=title)
    )
    code = "evaluatie_kernen_per_score"
    return model.Chart(
        title=title,
        kind="stacked",
        categories=tuple(subgoals),
        series=series,
        spec=_spec(charts.finish(chart, counts=(), height=320)),
        unit=t("report.eval_axis").lower(),
        caption=t("report.eval_counts_caption"),
        source=ctx.source(code, "evaluatie_subdoel_score"),
        notes=(indicators.get(code).definition,),
    )


def _factor_texts(ctx: _Context, factors: pd.DataFrame) -> list[model.Block]:
    """Success factors, then failure factors: each with kern, category, phase and
    context → mechanism → outcome; at most :data:`MAX_ITEMS` each, the rest counted."""
    if factors.empty:
        return [_empty(ctx.title(t("report.success")), t("report.no_factors"))]
    ctx.use("wwk_factoren")
    blocks = []
    for kind, key in (("succes", "report.success"), ("faal", "report.failure")):
        part = factors[factors["kind"] == kind]
        if part.empty:
            continue
        items = tuple(_factor_item(row) for _, row in part.head(MAX_ITEMS).iterrows())
        rest = len(part) - len(items)
        blocks.append(
            model.Text(
                title=ctx.title(t(key)),
                paragraphs=(t("eval.factors_caption"),),
                items=items,
                notes=(t("report.factor_more", n=rest),) if rest > 0 else (),
            )
        )
    return blocks


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _factor_item(row: pd.Series) -> model.Item:
    phase = row["phase"]
    meta = t(
        "report.factor_meta",
        kern=row.get("kern", ""),
        category=vocab.FACTOR_CATEGORY.get(row["category"], row["category"]),
        phase=vocab.PHASE.get(str(int(phase)), str(phase)) if pd.notna(phase) else t("common.unknown"),
    ).removeprefix(" · ")
    lines = [meta]
    for column, key in (("context", "report.factor_context"), ("mechanism", "report.factor_mechanism"),
                        ("outcome", "report.factor_outcome")):  # fmt: skip
        if _has_text(row.get(column)):
            lines.append(t(key, text=row[column].strip()))
    return model.Item(str(row["description"]), tuple(lines))


# ------------------------------------------------------------------------------ 6 wat werkt waar
def section_wat_werkt(ctx: _Context) -> model.Section:
    """The page's default view for the scope: what the data can separate, the marked findings
    with their numbers, and the honesty notes ("geen bewijs van oorzaak")."""
    context_dim, approach_dim, outcome = wwk_views.DEFAULT_VIEW
    title = ctx.title(t("report.wwk_title", context=wwk_views.label(context_dim),
                        approach=wwk_views.label(approach_dim), outcome=wwk_views.label(outcome)))  # fmt: skip
    ctx.use("vergelijking_groepen", "scheiding_aanpak_omstandigheid", wat_werkt.OUTCOMES[outcome])
    honesty = (wat_werkt.HONESTY,)
    n = len(ctx.kernen)
    if n < WWK_MIN_KERNEN:
        where = t("wwk.one_kern") if n == 1 else t("wwk.n_kernen", n=n)
        text = model.Text(title, paragraphs=(t("report.wwk_few", n=where, min=MIN_N),), notes=honesty)
        return model.Section(t("report.section.wat_werkt"), (text,))
    data = _wwk_analysis(ctx)
    if not wwk_views.has_monitoring(data):
        text = model.Text(title, paragraphs=(t("wwk.no_monitoring"),), notes=honesty)
        return model.Section(t("report.section.wat_werkt"), (text,))
    found = wwk_views.verdict(data, context_dim, approach_dim, outcome)
    cells = wwk_views.heatmap_cells(data, context_dim, approach_dim, outcome)
    paragraphs = [t("wwk.summary")]
    paragraphs.append(
        wwk_views.overlap_sentence(found, context_dim, approach_dim) or t("wwk.overlap.ok", n=MIN_N)
    )
    if dependent := wwk_views.dependence_sentence(found):
        paragraphs.append(dependent)
    if example := wwk_views.reading_example(cells, outcome):
        paragraphs.append(example.replace("**", ""))
    marked = cells[cells["marked"].astype(bool)]
    items = tuple(_finding(cell, outcome) for _, cell in marked.iterrows())
    if not items:
        paragraphs.append(t("report.wwk_none_marked"))
    text = model.Text(title, paragraphs=tuple(paragraphs), items=items, notes=honesty)
    return model.Section(t("report.section.wat_werkt"), (text,))


def _wwk_analysis(ctx: _Context) -> wwk_views.Analysis:
    """The page's analysis of the period, protected: the caller's (the Rapport page passes the
    Wat werkt waar page's cached one) when it covers exactly the report's kernen, else computed
    here without its before/after part, which the report does not show (~2 s for 22 kernen)."""
    given = ctx.wwk_analysis(ctx.period.start, ctx.period.end) if ctx.wwk_analysis is not None else None
    if given is not None and set(given.table["kern_id"]) == set(ctx.kernen["kern_id"]):
        return given
    profiles = kernprofiel.all_profiles(ctx.cur)
    context = wat_werkt.context(ctx.cur, profiles)
    table = wat_werkt.kern_table(
        ctx.cur, ctx.period.start, ctx.period.end, ctx=context, profiles=profiles, protected=True
    )
    # verdict, heat map cells and has_monitoring read only the table: no before/after needed
    return wwk_views.Analysis(table, before_after=None)  # type: ignore[arg-type]


def _finding(cell: pd.Series, outcome: str) -> model.Item:
    places = wwk_views.decimals(outcome)
    unit = wwk_views.unit(outcome)
    mean = t(
        "report.wwk_mean", mean=wwk_views.value_text(cell["mean"], outcome), unit="" if unit == "%" else unit,
        n=fmt.number(int(cell["n_kernen"])), low=fmt.number(cell["ci_low"], places),
        high=fmt.number(cell["ci_high"], places),
    ).replace("  ", " ")  # fmt: skip
    return model.Item(
        t("report.wwk_marked", cell=wwk_views.cell_name(cell)), (mean, t("report.wwk_no_cause"))
    )


# ------------------------------------------------------------------------------ 7 voorbeelden
def section_voorbeelden(ctx: _Context) -> model.Section:
    """The Kennisplein's items of the scope's kernen (and target group), newest first."""
    found = kennisplein.items(ctx.cur, gemeente=ctx.gemeente, kern=ctx.kern, doelgroep=ctx.request.doelgroep)
    title = ctx.title(t("report.examples"))
    if found.empty:
        return model.Section(t("report.section.voorbeelden"), (_empty(title, t("report.no_examples")),))
    ctx.use("kennisplein_items")
    items = []
    for _, row in found.head(MAX_ITEMS).iterrows():
        lines = [
            t("report.example_meta", kind=kennisplein.kind_label(row["kind"]), kern=row["kern"],
              gemeente=row["gemeente"], theme=kennisplein.theme_label(row["theme"]),
              phase=kennisplein.phase_label(row["phase"])),
            str(row["body"]).strip(),
        ]  # fmt: skip
        addresses = [a.strip() for a in str(row.get("links") or "").split(";") if a.strip()]
        if addresses:
            lines.append(t("report.example_links", links="; ".join(addresses)))
        items.append(model.Item(str(row["title"]), tuple(lines)))
    rest = len(found) - len(items)
    text = model.Text(
        title, items=tuple(items), notes=(t("report.examples_more", n=rest),) if rest > 0 else ()
    )
    return model.Section(t("report.section.voorbeelden"), (text,))


# ------------------------------------------------------------------------------ 8 kanttekeningen
def caveats(ctx: _Context) -> tuple[str, ...]:
    """The report's general caveats: the privacy rule, rounding, no proof of cause, the demo note."""
    found = [
        indicators.get(indicators.PRIVACY_METHOD).definition,
        t("report.caveat_rounding"),
        t("report.caveat_wwk"),
        t("report.caveat_targets"),
        *ctx.notes,
    ]
    if ctx.demo:
        found.append(exports.DEMO_NOTE)
    return tuple(dict.fromkeys(found))


def section_kanttekeningen(ctx: _Context) -> model.Section:
    ctx.use(indicators.PRIVACY_METHOD)
    return model.Section(
        t("report.section.kanttekeningen"), (model.Text(t("report.caveats"), bullets=caveats(ctx)),)
    )


# ------------------------------------------------------------------------------ the report
def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _names(cur: duckdb.DuckDBPyConnection, request: Request, kernen: pd.DataFrame) -> tuple[str, str]:
    """The scope's name (cover) and how titles name it ("Bathmen", "gemeente Deventer", "het programma")."""
    if request.kind == "kern":
        found = kernen.loc[kernen["kern_id"] == request.key, "name"]
        if found.empty:
            raise ValueError(t("report.unknown_kern", code=request.key))
        return str(found.iloc[0]), str(found.iloc[0])
    if request.kind == "gemeente":
        found = lookups.gemeenten(cur)
        found = found.loc[found["gemeente_code"] == request.key, "name"]
        if found.empty or kernen.empty:
            raise ValueError(t("report.unknown_gemeente", code=request.key))
        return str(found.iloc[0]), t("report.where.gemeente", name=found.iloc[0])
    return t("report.programme_name"), t("report.where.programma", n=len(kernen))


def _choices(ctx: _Context) -> tuple[tuple[str, str], ...]:
    groups = (
        vocab.DOELGROEP[ctx.request.doelgroep] if ctx.request.doelgroep else t("report.choice.all_groups")
    )
    return (
        (t("report.choice.moment"), ctx.moment.label),
        (t(f"report.choice.{ctx.request.kind}"), ctx.scope_name),
        (t("report.choice.period"), ctx.period_label),
        (t("report.choice.peildatum"), fmt.day(ctx.moment.peildatum)),
        (t("report.choice.doelgroep"), groups),
    )


def _definitions(codes: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (indicators.get(c).name, t("report.definition", definition=indicators.get(c).definition,
                                   unit=indicators.get(c).unit))
        for c in codes
    )  # fmt: skip


def _sources(ctx: _Context, report_sections: Sequence[model.Section]) -> tuple[str, ...]:
    """Every source once: those of the indicators used (monitoring with the period's years), then
    the other sources blocks name (public statistics, map boundaries)."""
    found = dict.fromkeys(ctx.source(code) for code in ctx.codes)
    for block in (b for s in report_sections for b in s.blocks):
        for source in (getattr(block, "source", "") or "").split(SOURCE_SEP):
            if source and source != indicators.MONITORING:
                found.setdefault(source)
    return tuple(s for s in found if s)


SECTIONS = 8


def build_report(
    conn: duckdb.DuckDBPyConnection,
    request: Request,
    *,
    generated_at: datetime,
    viewer: access.Scope = access.ALL,
    progress: Progress | None = None,
    wwk_analysis: WwkProvider | None = None,
) -> model.Report:
    """The report of ``request`` as ``viewer`` may see it: refused (PermissionError) outside the
    viewer's scope, read on a cursor that sees only the request's scope, everything protected.

    ``generated_at`` comes from the caller (the CLI's clock, a test's fixed time); targets are
    judged on its date, so two builds with the same ``generated_at`` and data are equal.
    ``progress(fraction, label)`` is called after each section. ``wwk_analysis(start, end)``:
    the Wat werkt waar analysis (protected) of the request's scope and period, if the caller has
    it cached (the Rapport page: ``state.run(wat_werkt_views.analysis, start=…, end=…,
    protected=True, _base=…)``, as the page Wat werkt waar calls it); used only when it covers
    exactly the report's kernen, else computed here."""
    check_access(conn, request, viewer)
    moment = timeline.REPORT_MOMENTS[request.moment]
    report_progress = progress or (lambda fraction, label: None)
    with scope.cursor(conn, request.scope) as cur:
        kernen = lookups.kernen_in(cur, request.key if request.kind == "gemeente" else None,
                                   request.key if request.kind == "kern" else None)  # fmt: skip
        scope_name, where = _names(cur, request, kernen)
        plain = conn.cursor()
        try:
            ctx = _Context(cur=cur, plain=plain, request=request, moment=moment, kernen=kernen,
                           scope_name=scope_name, where=where, today=generated_at.date(),
                           demo=lookups.demo_banner_key(cur) is not None, wwk_analysis=wwk_analysis)  # fmt: skip
            overview = overzicht.kern_overview(cur, moment.period, ctx.gemeente, request.doelgroep)
            steps: list[tuple[str, Callable[[], model.Section]]] = [
                ("kerncijfers", lambda: section_kerncijfers(ctx, overview)),
                ("kaart", lambda: section_kaart(ctx, overview)),
                ("deelname", lambda: section_deelname(ctx)),
                ("werkplan", lambda: section_werkplan(ctx)),
                ("evaluatie", lambda: section_evaluatie(ctx)),
                ("wat_werkt", lambda: section_wat_werkt(ctx)),
                ("voorbeelden", lambda: section_voorbeelden(ctx)),
                ("kanttekeningen", lambda: section_kanttekeningen(ctx)),
            ]
            sections = []
            for index, (_name, step) in enumerate(steps, start=1):
                section = step()
                if section.blocks:
                    sections.append(section)
                report_progress(index / len(steps), section.title)
            version = db.data_version(conn)
        finally:
            plain.close()
    stem = "-".join(p for p in (_slug(moment.label), request.kind, _slug(scope_name) if request.key else "",
                                request.doelgroep or "") if p)  # fmt: skip
    return model.Report(
        title=t(
            "report.title", moment=moment.label, scope=where if request.kind == "gemeente" else scope_name
        ),
        subtitle=ctx.subtitle,
        scope_kind=request.kind,
        scope_key=request.scope.key,
        scope_name=scope_name,
        moment=moment.code,
        moment_label=moment.label,
        period_start=moment.period.start,
        period_end=moment.period.last_day,
        period_label=ctx.period_label,
        peildatum=moment.peildatum,
        choices=_choices(ctx),
        data_version=version,
        generated_at=generated_at,
        demo=ctx.demo,
        demo_note=exports.DEMO_NOTE if ctx.demo else "",
        sections=tuple(sections),
        sources=_sources(ctx, sections),
        definitions=_definitions(ctx.codes),
        caveats=caveats(ctx),
        file_stem=stem,
        kernen=tuple(kernen["name"]),
    )


__all__ = ["Request", "build_report", "check_access", "requests_all", "table_block"]
