"""A hand-made report for the renderer tests: every kind of block, a suppressed value, a long
table (more rows than fit one slide or page) and the demo flag. Independent of the builder,
so the renderers can be tested on their own."""

from __future__ import annotations

from datetime import date, datetime

from sv_analytics.report import model

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"x": "Bathmen", "y": "Deelnemers", "v": 40}, {"x": "Lemele", "y": "Deelnemers", "v": 25}]},
    "mark": "rect",
    "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "nominal"},
                 "color": {"field": "v", "type": "quantitative"}},
    "width": 400, "height": 200,
}  # fmt: skip
LINE_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"m": "jan 2017", "v": 10}, {"m": "feb 2017", "v": 15}, {"m": "mrt 2017", "v": 20}]},
    "mark": "line",
    "encoding": {"x": {"field": "m", "type": "ordinal", "sort": None}, "y": {"field": "v", "type": "quantitative"}},
    "width": 500, "height": 250,
}  # fmt: skip


def sample_report(*, demo: bool = True, rows: int = 60) -> model.Report:
    metrics = model.Metrics(
        "Kerncijfers",
        (
            model.Figure("deelnemers", "Deelnemers", "1.235", "personen", "Monitoringwerkboek", "2018", "Unieke deelnemers."),
            model.Figure("bereik", "Bereik", "12,5%", "% van de inwoners", "CBS", "2017", "Deelnemers ÷ inwoners."),
            model.Figure("vrijwilligers", "Vrijwilligers", "<5", "personen", "Monitoringwerkboek", "2018", "Actief."),
        ),
    )  # fmt: skip
    line = model.Chart(
        "Deelnemers per maand — Bathmen, jan 2017 – mrt 2017",
        "line",
        ("jan 2017", "feb 2017", "mrt 2017"),
        (model.Series("Deelnemers", (10.0, 15.0, None)), model.Series("Streefwaarde", (12.0, 12.0, 12.0), "target")),
        LINE_SPEC,
        unit="deelnemers",
        caption="Unieke deelnemers per maand.",
        source="Monitoringwerkboek 2017",
        notes=("Aantallen 1–4 als <5.",),
        suppressed=True,
    )  # fmt: skip
    stacked = model.Chart(
        "Deelnemers per doelgroep — Bathmen, 2017",
        "stacked",
        ("2017", "2018"),
        (model.Series("65+", (20.0, 25.0)), model.Series("Chronisch ziek", (10.0, 15.0))),
        LINE_SPEC,
        unit="deelnemers",
    )
    image = model.Image("Kaart — Bathmen", SPEC, aspect=2.0, caption="De kernen.", source="CBS 2017")
    table = model.Table(
        "Activiteiten — Bathmen",
        ("Activiteit", "Deelnemers", "Aandeel"),
        tuple((f"Activiteit {i}", "<5" if i % 7 == 0 else f"{5 * i}", f"{i},5%") for i in range(1, rows + 1)),
        (False, True, True),
        caption="Alle activiteiten.",
        source="Monitoringwerkboek",
    )  # fmt: skip
    text = model.Text(
        "Succes- en faalfactoren",
        paragraphs=("Wat werkte in Bathmen.",),
        bullets=("Een vaste trainer.", "Een vrijwilligerspool."),
        items=(model.Item("Sleutelfiguur", ("Context: kleine kern", "Mechanisme: vertrouwen", "Uitkomst: meer 65+")),),
    )  # fmt: skip
    return model.Report(
        title="Eindrapportage 2018 — Bathmen",
        subtitle="Bathmen, jan 2017 – dec 2018",
        scope_kind="kern",
        scope_key="kern:bathmen",
        scope_name="Bathmen",
        moment="eind_2018",
        moment_label="Eindrapportage 2018",
        period_start=date(2017, 1, 1),
        period_end=date(2018, 12, 31),
        period_label="jan 2017 – dec 2018",
        peildatum=date(2018, 12, 31),
        choices=(("Kern", "Bathmen"), ("Periode", "jan 2017 – dec 2018")),
        data_version=7,
        generated_at=datetime(2018, 12, 31, 12, 0),
        demo=demo,
        demo_note="Demo — fictieve gegevens: deze cijfers zijn verzonnen en zeggen niets over de echte kernen.",
        sections=(
            model.Section("Kerncijfers", (metrics,), intro="De belangrijkste cijfers."),
            model.Section("Deelname", (line, stacked, image)),
            model.Section("Activiteiten", (table, text)),
        ),
        sources=("Monitoringwerkboek 2017–2018", "CBS Kerncijfers wijken en buurten 2017"),
        definitions=(("Deelnemers", "Unieke deelnemers (personen)."),),
        caveats=("Aantallen van 1 tot 4 staan als <5.", "Geen bewijs van oorzaak."),
        file_stem="rapport-eind_2018-kern-bathmen",
        kernen=("Bathmen",),
    )
