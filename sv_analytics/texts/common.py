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
    "app.page_not_found": (
        "De pagina **/{path}** bestaat niet of is niet voor u beschikbaar. U ziet nu het Overzicht; "
        "kies een andere pagina in het menu."
    ),
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
    "filter.choose_kern": "Kies een kern",
    "filter.unknown_in_link": "De link noemt `{value}`, maar die kern of gemeente bestaat hier niet; die keuze is overgeslagen.",
    "filter.doelgroep": "Doelgroep",
    "filter.all_doelgroepen": "Alle inwoners",
    # overzicht
    "overzicht.title": "Overzicht",
    "overzicht.intro": "De kernen van Sociaal Vitaal op de kaart, met de kerncijfers voor {period}.",
    "overzicht.map_heading": "Kaart van de kernen",
    "overzicht.map_caption": (
        "Puntgrootte naar inwonertal, op één vaste schaal. Beweeg over een kern voor de cijfers; "
        "klik op een kern om naar het kernprofiel te gaan. Zonder internet (geen achtergrondkaart) "
        "blijft de kaart bruikbaar: kernnamen en gemeentegrenzen staan erop."
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
    "map.classes_note": "Klassen over alle {kernen} kernen van het programma, vanaf 0 in ronde stappen.",
    # database failures (sv_analytics/db.py): each says whether anything was saved and what to do;
    # none names a server path or repeats DuckDB's English text (that stays in the log)
    "db.not_saved": "{what} is niet gelukt. Er is niets opgeslagen.",
    "db.conflict": "Iemand anders sloeg tegelijk gegevens op; probeer het opnieuw.",
    "db.disk_full": (
        "De schijf is vol (of het bestand is zo groot als het systeem toestaat): maak ruimte vrij "
        "en probeer het opnieuw."
    ),
    "db.read_only": (
        "De database is alleen-lezen (bestandsrechten, een alleen-lezen schijf of SV_READ_ONLY). "
        "Vraag de beheerder om schrijfrechten."
    ),
    "db.not_duckdb": (
        "Het bestand is geen DuckDB-database van sv-analytics, of het is beschadigd. Kies het "
        "juiste bestand of zet een reservekopie terug."
    ),
    "db.corrupt": (
        "Het databasebestand is beschadigd. Zet een reservekopie terug (of bouw de database opnieuw "
        "op met `python -m sv_analytics demo` of `init`) en probeer het opnieuw."
    ),
    "db.locked": (
        "De database is in gebruik door een ander proces (bijvoorbeeld de app). Sluit dat proces "
        "of probeer het later opnieuw."
    ),
    "db.other_mode": (
        "De database is in dit proces al op een andere manier geopend (alleen-lezen of om te "
        "schrijven). Start het programma opnieuw."
    ),
    "db.memory": "Er was niet genoeg werkgeheugen. Probeer het later opnieuw of met een kleiner bestand.",
    "db.invalidated": (
        "De database is na een eerdere ernstige fout gesloten. Start de app of de opdracht opnieuw."
    ),
    "db.io": (
        "De database kon niet worden gelezen of geschreven (schijffout). Laat de beheerder de schijf "
        "controleren en probeer het opnieuw."
    ),
    "db.open_failed": "Database '{name}' kan niet worden geopend.",
    "db.unknown_open": "DuckDB meldde een onbekende fout ({kind}); meld dit aan de beheerder.",
    "db.what_schema": "Het aanmaken of bijwerken van database '{name}'",
    "db.what_command": "De opdracht",
    "db.needs_migration": (
        "Database '{name}' heeft schemaversie {version} en moet worden bijgewerkt naar versie "
        "{current}, maar kan alleen worden gelezen. Open haar één keer met schrijfrechten "
        "(bijvoorbeeld met `python -m sv_analytics init --db …`); er is niets gewijzigd."
    ),
    "db.empty_read_only": (
        "Database '{name}' is leeg en kan alleen worden gelezen; maak haar eerst aan met "
        "`python -m sv_analytics init --db …`."
    ),
    "db.missing_read_only": (
        "Database '{name}' bestaat niet; alleen-lezen wordt er geen demodatabase gebouwd."
    ),
    # no {reason}: the child's last words may name a server folder or be a traceback (server log)
    "db.demo_failed": (
        "De demodatabase '{name}' kon niet worden gebouwd. De oorzaak staat in het logboek van de "
        "server (bij ./run-app: in het terminalvenster); meld dit aan de beheerder."
    ),
    "db.snapshot_notice": (
        "De database is in gebruik door een ander proces; gelezen uit een kopie van {time}."
    ),
    "db.snapshot_failed": (
        "De database is in gebruik door een ander proces en er kon geen bruikbare kopie worden "
        "gemaakt om uit te lezen."
    ),
    "db.snapshot_busy": "Het andere proces bleef gegevens opslaan; probeer het zo opnieuw.",
    "db.unexpected": "Onverwachte fout in de database ({kind}). Meld dit aan de beheerder, met het tijdstip.",
    "db.read_only_notice": "**Alleen-lezen:** uploads staan uit; deze database kan hier alleen worden bekeken.",
}
