"""Texts of the page Gegevens: workbook download and upload, revisions, public files, log."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "gegevens.title": "Gegevens aanleveren",
    "gegevens.intro": (
        "Projectleiders leveren hun monitoringgegevens aan in het Excel-werkboek van hun kern. "
        "Download het werkboek met de huidige gegevens, vul het aan of verbeter het, en lees het hier "
        "in. Eerst zie je regel voor regel wat er verandert; pas na bevestigen wordt er iets "
        "opgeslagen, en elke import kan ongedaan worden gemaakt."
    ),
    "gegevens.kern": "Kern",
    "gegevens.template_heading": "1. Werkboek downloaden",
    "gegevens.download_data": "Werkboek van {kern} met de huidige gegevens (.xlsx)",
    "gegevens.download_data_help": (
        "Alle gegevens die nu voor deze kern zijn opgeslagen. Vul aan of verbeter, en lees het weer "
        "in: ongewijzigd inlezen verandert niets."
    ),
    "gegevens.download_empty": "Leeg sjabloon voor nieuwe maanden (.xlsx)",
    "gegevens.download_empty_help": (
        "Alleen kopregels en grijze voorbeeldregels. Handig voor nieuwe maanden of activiteiten: wat "
        "u niet invult, blijft zoals het is."
    ),
    "gegevens.upload_heading": "2. Werkboek inlezen",
    # Streamlit's uploader texts, replaced by a page style (sv_analytics/ui/uploads.py)
    "gegevens.uploader.button": "Bestand kiezen",
    "gegevens.uploader.hint": "of sleep het bestand hierheen · hoogstens {limit} per bestand",
    "gegevens.uploader.drop": "Laat het bestand hier los",
    # placeholders of the choosers on Gegevens and Gebruikers (Streamlit's own is English)
    "gegevens.choose_option": "Maak een keuze",
    "gegevens.public_year_placeholder": "bijvoorbeeld 2017",
    "gegevens.upload": "Kies het ingevulde werkboek (.xlsx, hoogstens {limit})",
    "gegevens.upload_help": (
        "Het werkboek noemt zelf zijn kern (tabblad Toelichting). Nieuwe regels worden toegevoegd, "
        "bestaande bijgewerkt; wat niet in het werkboek staat, blijft staan. Weghalen doet u met "
        "'verwijderen' in de eerste kolom van een regel."
    ),
    "gegevens.read_only": (
        "De database is alleen-lezen geopend: inlezen en ongedaan maken staan uit. U kunt wel "
        "werkboeken downloaden."
    ),
    "gegevens.wrong_type": (
        "{file}: dit is geen Excel-werkmap (.xlsx). Download het werkboek hierboven, vul het in en "
        "sla het op als .xlsx."
    ),
    "gegevens.too_big": "{file}: het bestand is te groot ({size}); de grens is {limit}.",
    "gegevens.empty_file": "{file}: het bestand is leeg.",
    "gegevens.problems_1": (
        "Het werkboek is afgewezen: 1 probleem. Er is niets opgeslagen. Verbeter het werkboek en lees "
        "het opnieuw in."
    ),
    "gegevens.problems_n": (
        "Het werkboek is afgewezen: {n} problemen. Er is niets opgeslagen. Verbeter het werkboek en "
        "lees het opnieuw in."
    ),
    "gegevens.public_problems_1": "Het bestand is afgewezen: 1 probleem. Er is niets opgeslagen.",
    "gegevens.public_problems_n": "Het bestand is afgewezen: {n} problemen. Er is niets opgeslagen.",
    "gegevens.checking": "Het werkboek wordt gecontroleerd …",
    "gegevens.mismatch": (
        "Dit werkboek is van **{workbook}**; u koos {chosen}. Hieronder staat wat er bij {workbook} "
        "verandert. Is het het verkeerde bestand, kies dan een ander werkboek."
    ),
    "gegevens.preview": "Controle geslaagd voor **{kern}**, periode {period}.",
    "gegevens.preview_counts": "Per tabblad, in regels:",
    "gegevens.preview_rows": "De regels zelf",
    "gegevens.preview_more": "Getoond: de eerste {shown} van {total} regels van dit soort.",
    "gegevens.unchanged": "Deze gegevens staan al zo in de database; inlezen verandert niets.",
    "gegevens.mode": "Wat moet het inlezen doen?",
    "gegevens.mode_merge": "Aanvullen en bijwerken (aanbevolen)",
    "gegevens.mode_replace": "Alles van deze kern vervangen door het werkboek",
    "gegevens.mode_help": (
        "Aanvullen en bijwerken: nieuwe regels erbij, bestaande bijgewerkt, niets anders weg. Alles "
        "vervangen: wat niet in het werkboek staat, wordt verwijderd — alleen voor een volledige "
        "herstart van de kern."
    ),
    "gegevens.replace_warning": (
        "Alles vervangen verwijdert {removed} regels van {kern} die niet in dit werkboek staan "
        "(zie de tabel). Typ ter bevestiging de naam van de kern: **{name}**."
    ),
    "gegevens.replace_confirm": "Naam van de kern ter bevestiging",
    "gegevens.confirm": "Opslaan voor {kern}: {action}",
    "gegevens.saved": "Opgeslagen voor {kern}: {action} (revisie {revision}). Ongedaan maken kan hieronder.",
    "gegevens.not_saved": "Niet opgeslagen: {reason}",
    "gegevens.history_heading": "3. Geschiedenis van {kern}",
    "gegevens.history_empty": "Voor deze kern is nog niets ingelezen (alleen de begingegevens).",
    "gegevens.undo": "Laatste import van {kern} ongedaan maken …",
    "gegevens.undo_question": (
        "Revisie {revision} ongedaan maken? {kern} wordt weer precies zoals vóór die import "
        "({summary}). Het ongedaan maken wordt zelf ook een revisie."
    ),
    "gegevens.undo_yes": "Ja, ongedaan maken",
    "gegevens.undo_no": "Annuleren",
    "gegevens.undone": "{summary}",
    "gegevens.public_heading": "4. Publieke bronnen (CBS, RIVM, PDOK)",
    "gegevens.public_intro": (
        "Contextcijfers en grenzen komen alleen uit de echte bestanden van CBS, RIVM en PDOK/Kadaster."
    ),
    "gegevens.public_upload": (
        "Kies een bestand van CBS, RIVM of PDOK (.csv, .xlsx, .geojson, .json, .topojson; hoogstens {limit})"
    ),
    "gegevens.public_wrong_type": (
        "{file}: dit bestandstype wordt niet gelezen. Kies een .csv, .xlsx, .geojson, .json of .topojson."
    ),
    "gegevens.public_year": "Peiljaar (alleen als het bestand geen jaartal noemt, zoals CBS per postcode)",
    "gegevens.public_import": "Bestand inlezen",
    "gegevens.public_saved": "Ingelezen: {file} ({rows} rijen).",
    "gegevens.public_unchanged": "Dit bestand was al ingelezen; er is niets veranderd.",
    "gegevens.log_heading": "Importlogboek",
    "gegevens.log_empty": "Nog geen imports.",
    "col.revision": "Revisie",
    "col.who": "Door",
    "col.what": "Wat",
    "col.undone": "Ongedaan gemaakt",
    "col.kind_of_change": "Soort",
    "col.change": "Wijziging",
    "change.new": "nieuw",
    "change.changed": "gewijzigd",
    "change.removed": "verwijderd",
}
