"""Texts of the PPTX decks (sv_analytics/report/pptx.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "pptx.footer": "{moment} — {subtitle}",
    "pptx.scope_kern": "Kern {name}",
    "pptx.scope_gemeente": "Gemeente {name}",
    "pptx.scope_programma": "Het hele programma: {name}",
    "pptx.cover_moment": "{scope} · {moment} · {period}",
    "pptx.choice": "{label}: {value}",
    "pptx.cover_data": "Gegevensversie {version} · peildatum {peildatum} · gemaakt op {made}",
    "pptx.cover_demo": "Fictieve gegevens (demo)",
    "pptx.continued": "{title} (vervolg)",
    "pptx.source": "Bron: {source}",
    "pptx.empty_values": (
        "Een lege plek in de grafiek is een beschermd aantal (van 1 tot en met 4, <5) of een "
        "ontbrekende waarde; in de gegevens van de grafiek is die cel leeg, niet 0."
    ),
    "pptx.metric_unit": "{label} ({unit})",
    "pptx.metric_note": "{name}: {definition}",
    "pptx.sources_title": "Bronnen en definities",
    "pptx.sources_heading": "Bronnen",
    "pptx.definitions_heading": "Definities",
    "pptx.caveats_heading": "Kanttekeningen",
    "pptx.definition": "{name}: {definition}",
}
