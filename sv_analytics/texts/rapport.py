"""Texts of the Rapport page (app_pages/rapport.py) and the navigation entry."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.rapport": "Rapport",
    "rapport.title": "Rapport en presentatie",
    "rapport.intro": (
        "Maak voor de gekozen kern, gemeente of het hele programma een presentatie voor de "
        "VSG-bijeenkomst (PowerPoint, met bewerkbare grafieken) of een rapport voor de "
        "tussen- of eindrapportage (PDF). Kies een kern voor een kernrapport; kies "
        "‘{all_kernen}’ voor een rapport over de gemeente{programme}."
    ),
    "rapport.intro_programme": " of, zonder gemeente, over het hele programma",
    "rapport.moment": "Rapportagemoment",
    "rapport.all_kernen": "Alle kernen",
    "rapport.about": "Dit rapport gaat over **{scope}**: {moment}, {period} (peildatum {peildatum}).",
    "rapport.scope_kern": "{kern} (gemeente {gemeente})",
    "rapport.scope_gemeente": "gemeente {gemeente}",
    "rapport.scope_programma": "het hele programma (alle kernen)",
    "rapport.contents": "Inhoud",
    "rapport.figures": "{n} figuren en tabellen",
    "rapport.make": "Bestanden maken",
    "rapport.making": "Bestanden maken …",
    "rapport.step_model": "Cijfers verzamelen",
    "rapport.step_pdf": "Rapport (PDF) opmaken",
    "rapport.step_pptx": "Presentatie (PPTX) opmaken",
    "rapport.ready": "Klaar in {seconds} s.",
    "rapport.download_pptx": "Presentatie (PPTX)",
    "rapport.download_pdf": "Rapport (PDF)",
    "rapport.protected": (
        "Rapport en presentatie zijn voor anderen bedoeld: aantallen van 1 tot 4 staan er als <5 "
        "in en andere aantallen zijn afgerond op 5, ook als u op het scherm exacte aantallen ziet."
    ),
    "rapport.cli": (
        "Alle rapporten tegelijk (bijvoorbeeld vóór een VSG-bijeenkomst): "
        "`python -m sv_analytics report --db … --alle --out map/` (zie README)."
    ),
    "rapport.no_kernen": "Er zijn geen kernen om over te rapporteren.",
}
