"""Every Dutch string of the user interface, in one catalogue.

Pages call :func:`t` with a key; a test checks that every key used in app.py and
pages/ exists here, so a typo shows up as a failing test instead of a missing label.
Placeholders use ``str.format`` names.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # app shell
    "app.title": "Sociaal Vitaal Monitor",
    "app.subtitle": "Sociaal Vitaal in kleine kernen · 11 gemeenten in Overijssel · 2017–2018",
    "app.demo_banner": (
        "**Demo — fictieve gegevens.** Alle monitoringcijfers en contextcijfers in deze "
        "database zijn verzonnen om het dashboard te tonen; ze zeggen niets over de echte kernen."
    ),
    "app.selection_note": (
        "De 22 kernen zijn een illustratieve selectie (2 per gemeente), niet de officiële programmalijst."
    ),
    "app.building_demo": "Eerste start: de demodatabase wordt gebouwd …",
    "app.db_error": "De database kan niet worden geopend.",
    "app.unexpected_error": (
        "Er ging iets mis bij het tonen van deze pagina. Probeer het opnieuw of meld het aan de beheerder."
    ),
    "app.footer": "Database: {path} · gegevensversie {version}",
    "nav.overzicht": "Overzicht",
    # filters
    "filter.heading": "Filters",
    "filter.period": "Periode",
    "filter.gemeente": "Gemeente",
    "filter.all_gemeenten": "Alle gemeenten",
    # overzicht
    "overzicht.title": "Overzicht",
    "overzicht.intro": "De kernen van Sociaal Vitaal op de kaart, met de kerncijfers voor {period}.",
    "overzicht.map_heading": "Kaart van de kernen",
    "overzicht.map_caption": (
        "Cirkelgrootte naar inwonertal; kleur naar kerntype. Beweeg over een kern voor de "
        "cijfers. Zonder internet (geen achtergrondkaart) blijft de kaart bruikbaar: de kernnamen "
        "staan erop; zoom in voor de contouren."
    ),
    "overzicht.table_heading": "Kernen in deze selectie",
    "overzicht.empty": "Nog geen gegevens voor deze periode en selectie.",
    "overzicht.no_kernen": "Er staan nog geen kernen in de database.",
    "overzicht.inhabitants_note": "Inwoners: {source}, peiljaar {year}.",
    "overzicht.suppressed_note": "Aantallen van 1 tot en met 4 worden getoond als <5 (privacy).",
    "overzicht.definition_link": "Definitie",
    # table columns
    "col.kern": "Kern",
    "col.gemeente": "Gemeente",
    "col.kern_type": "Type",
    "col.inhabitants": "Inwoners",
    "col.activities": "Activiteiten",
    "col.participants": "Deelnemers",
    "col.new_participants": "Nieuwe deelnemers",
    "col.referrals": "Doorverwijzingen",
    # map tooltip
    "map.tooltip": (
        "<b>{name}</b> ({gemeente})<br/>{kern_type} · {inhabitants_txt} inwoners<br/>"
        "Activiteiten: {activities_txt}<br/>Deelnemers: {participants_txt}<br/>"
        "Nieuwe deelnemers: {new_participants_txt}<br/>Doorverwijzingen: {referrals_txt}"
    ),
}


def t(key: str, **values: object) -> str:
    """The Dutch text for ``key``, with ``values`` filled in."""
    text = TEXTS[key]
    return text.format(**values) if values else text
