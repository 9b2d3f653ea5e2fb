"""Dutch UI strings of the app shell, the shared filters, Overzicht and Gegevens."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # app shell
    "app.title": "Sociaal Vitaal Monitor",
    "app.subtitle": "Sociaal Vitaal in kleine kernen · 11 gemeenten in Overijssel · 2017–2018",
    "app.demo_banner": (
        "**Demo — fictieve gegevens.** Alle monitoringcijfers en contextcijfers in deze "
        "database zijn verzonnen om het dashboard te tonen; ze zeggen niets over de echte kernen."
    ),
    "app.demo_banner_monitoring": (
        "**Demo — fictieve gegevens.** De monitoringcijfers (activiteiten, deelname, "
        "doorverwijzingen, werkplan, evaluatie) zijn verzonnen om het dashboard te tonen; de "
        "contextcijfers en kaarten komen uit echte bestanden van CBS, RIVM en PDOK."
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
    "nav.gegevens": "Gegevens",
    "nav.section.monitor": "Monitor",
    "nav.section.evaluation": "Samenwerking en evaluatie",
    "nav.section.data": "Beheer",
    # shared components
    "common.empty": "Nog geen gegevens voor deze periode en selectie.",
    "common.no_kernen": "Er staan nog geen kernen in de database.",
    "common.suppressed_note": "Aantallen van 1 tot en met 4 worden getoond als <5 (privacy).",
    "common.unknown": "onbekend",
    "common.download_csv": "CSV",
    "common.download_xlsx": "Excel",
    "common.download_png": "Grafiek als PNG",
    "common.definitions": "Definities van de cijfers op deze pagina",
    # filters
    "filter.heading": "Filters",
    "filter.period": "Periode",
    "filter.gemeente": "Gemeente",
    "filter.all_gemeenten": "Alle gemeenten",
    "filter.kern": "Kern",
    "filter.doelgroep": "Doelgroep",
    "filter.all_doelgroepen": "Alle inwoners",
    # overzicht
    "overzicht.title": "Overzicht",
    "overzicht.intro": "De kernen van Sociaal Vitaal op de kaart, met de kerncijfers voor {period}.",
    "overzicht.map_heading": "Kaart van de kernen",
    "overzicht.map_caption": (
        "Cirkelgrootte naar inwonertal. Beweeg over een kern voor de cijfers; klik op een kern om "
        "naar het kernprofiel te gaan. Zonder internet (geen achtergrondkaart) blijft de kaart "
        "bruikbaar: kernnamen en gemeentegrenzen (waar ingelezen) staan erop."
    ),
    "overzicht.doelgroep_note": (
        "Met een doelgroep gekozen tellen alleen de activiteiten die op die doelgroep gericht zijn, "
        "en de doorverwijzingen voor die doelgroep."
    ),
    "overzicht.colour_by": "Kleur de kernen naar",
    "overzicht.colour_kern_type": "Kerntype (dorp of wijk)",
    "overzicht.open_profile": "Open het kernprofiel van {kern}",
    "overzicht.profile_link": "Kernprofiel",
    "overzicht.table_heading": "Kernen in deze selectie",
    "overzicht.inhabitants_note": "Inwoners: {source}, peiljaar {year}.",
    "overzicht.definition_link": "Definitie",
    # gegevens (imports)
    "gegevens.title": "Gegevens aanleveren",
    "gegevens.intro": (
        "Projectleiders leveren hun monitoringgegevens aan in het Excel-werkboek van hun kern. "
        "Download het sjabloon, vul het in en lees het hier in. Eerst zie je wat er verandert; "
        "pas na bevestigen wordt er iets opgeslagen."
    ),
    "gegevens.template_heading": "1. Werkboek downloaden",
    "gegevens.kern": "Kern",
    "gegevens.with_data": "Met de huidige gegevens van deze kern (om aan te vullen of te corrigeren)",
    "gegevens.download": "Werkboek downloaden (.xlsx)",
    "gegevens.upload_heading": "2. Werkboek inlezen",
    "gegevens.upload": "Kies het ingevulde werkboek (.xlsx)",
    "gegevens.problems": "Het werkboek is afgewezen: {n} probleem/problemen. Er is niets opgeslagen. "
    "Verbeter het werkboek en lees het opnieuw in.",
    "gegevens.preview": "Controle geslaagd voor kern {kern}, periode {period}. Dit verandert er:",
    "gegevens.removing": (
        "Let op: opslaan verwijdert {n} regels van deze kern die niet (meer) in het werkboek staan."
    ),
    "gegevens.unchanged": "Deze gegevens staan al zo in de database; inlezen verandert niets.",
    "gegevens.confirm": "Bevestigen en opslaan",
    "gegevens.saved": "Opgeslagen: {rows} rijen voor kern {kern}.",
    "gegevens.log_heading": "Importlogboek",
    "gegevens.log_empty": "Nog geen imports.",
    "gegevens.public_heading": "3. Publieke bronnen (CBS, RIVM, PDOK)",
    "gegevens.public_intro": (
        "Contextcijfers en grenzen komen alleen uit de echte bestanden van CBS, RIVM en PDOK/Kadaster."
    ),
    "gegevens.public_upload": "Kies een bestand van CBS, RIVM of PDOK",
    "gegevens.public_year": "Peiljaar (alleen als het bestand geen jaartal noemt, zoals CBS per postcode)",
    "gegevens.public_import": "Bestand inlezen",
    "gegevens.public_saved": "Ingelezen: {file} ({rows} rijen).",
    "gegevens.public_unchanged": "Dit bestand was al ingelezen; er is niets veranderd.",
    "col.sheet": "Tabblad",
    "col.new": "Nieuw",
    "col.changed": "Gewijzigd",
    "col.removed": "Verwijderd",
    "col.file": "Bestand",
    "col.row": "Rij",
    "col.column": "Kolom",
    "col.value": "Gevonden",
    "col.problem": "Uitleg",
    "col.when": "Tijdstip",
    "col.action": "Actie",
    "col.status": "Status",
    "col.message": "Melding",
    # table columns
    "col.kern": "Kern",
    "col.gemeente": "Gemeente",
    "col.profile": "Profiel",
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
