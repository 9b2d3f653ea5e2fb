"""Dutch texts: login, local mode, roles and the page Beheer (see texts/__init__.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # navigation
    "nav.beheer": "Gebruikers",
    # roles and scope, as the sidebar, the page Beheer and the CLI name them
    "auth.role.beheerder": "beheerder",
    "auth.role.evaluator": "evaluator",
    "auth.role.gemeente": "gemeente",
    "auth.role.projectleider": "projectleider",
    "auth.scope.all": "alle kernen",
    "auth.scope.gemeente": "gemeente {name}",
    "auth.scope.kern": "kern {name} ({gemeente})",
    # local mode
    "auth.local_mode": ":material/computer: Lokale modus",
    "auth.local_mode_help": (
        "Er is geen inloggen ingesteld (geen [auth] in .streamlit/secrets.toml). De app is dan "
        "alleen bereikbaar op deze computer (127.0.0.1) en u werkt als de enige, lokale beheerder: "
        "u ziet alle kernen en mag alles. Voor gebruik door anderen: stel inloggen in (README, "
        "'Inloggen en rollen')."
    ),
    "auth.local_network_warning": (
        "Lokale modus zonder inloggen, maar bereikbaar via het netwerk (SV_ALLOW_NETWORK=1): "
        "iedereen die dit adres bereikt, is beheerder."
    ),
    "auth.network_refused": (
        "**Deze app start niet op netwerkadres {address}.** Zonder inloggen (lokale modus) is "
        "iedereen die de app bereikt beheerder: alle kernen, uploads en gebruikersbeheer. Daarom "
        "luistert de app in lokale modus alleen op 127.0.0.1 (deze computer).\n\n"
        "- Start de app met `./run-app` (luistert op 127.0.0.1), of met "
        "`--server.address 127.0.0.1`.\n"
        "- Moeten anderen de app gebruiken: stel inloggen in (`[auth]` in "
        "`.streamlit/secrets.toml`, zie de README, 'Inloggen en rollen').\n"
        "- Alleen als het netwerk zelf afgeschermd is en u weet wat u doet: zet "
        "`SV_ALLOW_NETWORK=1`."
    ),
    # exact counts
    "auth.exact": "Exacte aantallen op scherm",
    "auth.exact_help": (
        "Aan: het scherm toont de echte aantallen, ook 1 tot en met 4. Uit (standaard): aantallen "
        "zijn beschermd zoals anderen ze zien (1–4 als <5, de rest afgerond op vijftallen). "
        "Downloads, afbeeldingen en rapporten blijven altijd beschermd."
    ),
    "auth.exact_own_kern": "U ziet de exacte aantallen van uw eigen kern; downloads blijven beschermd.",
    # login page
    "auth.login_title": "Inloggen",
    "auth.login_intro": (
        "De **Sociaal Vitaal Monitor** is het dashboard van *Sociaal Vitaal in kleine kernen*: "
        "11 Overijsselse gemeenten brengen sport en bewegen dicht bij huis in 22 kleine kernen. "
        "Het toont per kern en over alle kernen heen wat er gebeurt en wat werkt.\n\n"
        "U ziet alleen de kernen waarvoor de beheerder u toegang gaf. Log in met het account van "
        "uw organisatie."
    ),
    "auth.login_button": "Inloggen",
    "auth.login_note": (
        "Na het inloggen bewaart uw browser een cookie met uw inlog (hoogstens 30 dagen, of tot u "
        "uitlogt). Uw rol en de kernen die u ziet, legt de beheerder vast in de app zelf."
    ),
    # no access page
    "auth.no_access_title": "Nog geen toegang",
    "auth.no_access_body": (
        "U bent ingelogd, maar u heeft nog geen toegang tot de Sociaal Vitaal Monitor. **Vraag de "
        "beheerder** om u toegang te geven en geef deze gegevens door (de beheerder heeft de "
        "uitgever en het subject nodig; uw e-mailadres alleen is niet genoeg):"
    ),
    "auth.no_access_details": "e-mail:   {email}\nuitgever: {issuer}\nsubject:  {subject}",
    "auth.no_access_after": "Zodra de beheerder u heeft toegevoegd, herlaadt u deze pagina.",
    "auth.unknown": "(onbekend)",
    "auth.logout": "Uitloggen",
    # sidebar of a known user
    "auth.role_scope": "{role} · {scope}",
    # page Beheer (users)
    "beheer.title": "Gebruikers en rollen",
    "beheer.intro": (
        "Wie mag inloggen en wat ziet die persoon. Een gebruiker is een **uitgever (issuer) en "
        "subject** van de inlogdienst: die ziet iemand die nog geen toegang heeft op de pagina "
        "'Nog geen toegang'. Het e-mailadres is alleen ter herkenning."
    ),
    "beheer.rights": (
        "- **beheerder**: alle kernen; uploads en ongedaan maken voor elke kern, publieke gegevens, "
        "gebruikers.\n"
        "- **evaluator**: alle kernen, lezen (en downloads, rapporten).\n"
        "- **gemeente**: de kernen van één gemeente, lezen (en downloads, rapporten).\n"
        "- **projectleider**: één kern, lezen, uploaden en ongedaan maken voor die kern."
    ),
    "beheer.local_note": (
        "Lokale modus: er is geen inloggen, u bent de lokale beheerder. De gebruikers hieronder "
        "gelden zodra inloggen is ingesteld."
    ),
    "beheer.no_right": "Geen toegang: alleen een beheerder beheert gebruikers.",
    "beheer.read_only": "Deze database kan hier alleen worden gelezen: gebruikers wijzigen kan nu niet.",
    "beheer.list": "Gebruikers",
    "beheer.none": "Er zijn nog geen gebruikers.",
    "beheer.col.name": "Naam",
    "beheer.col.email": "E-mail",
    "beheer.col.role": "Rol",
    "beheer.col.scope": "Ziet",
    "beheer.col.issuer": "Uitgever (issuer)",
    "beheer.col.subject": "Subject",
    "beheer.col.created": "Toegevoegd",
    "beheer.col.created_by": "Door",
    "beheer.col.updated": "Gewijzigd",
    "beheer.add": "Gebruiker toevoegen",
    "beheer.issuer": "Uitgever (issuer)",
    "beheer.issuer_help": "De `iss` van de inlogdienst, bijv. https://login.microsoftonline.com/<tenant-id>/v2.0",
    "beheer.subject": "Subject",
    "beheer.subject_help": "De `sub` van de gebruiker bij die inlogdienst (staat op de pagina 'Nog geen toegang').",
    "beheer.email": "E-mail (ter herkenning)",
    "beheer.name": "Naam (ter herkenning)",
    "beheer.role": "Rol",
    "beheer.gemeente": "Gemeente",
    "beheer.kern": "Kern",
    "beheer.add_button": "Toevoegen",
    "beheer.added": "Toegevoegd: {who} als {role} ({scope}).",
    "beheer.change": "Gebruiker wijzigen of verwijderen",
    "beheer.choose_user": "Gebruiker",
    "beheer.change_button": "Wijzigen",
    "beheer.changed": "Gewijzigd: {who} is nu {role} ({scope}).",
    "beheer.confirm_remove": "Ja, verwijder {who}: die persoon kan dan niet meer in de app.",
    "beheer.remove_button": "Verwijderen",
    "beheer.removed": "Verwijderd: {who}.",
    "beheer.cli_hint": (
        "Ook op de opdrachtregel (terwijl de app niet draait): `python -m sv_analytics users "
        "add|list|change|remove --db …`."
    ),
    # validation (users.py, shared with the CLI)
    "users.missing_issuer": "De uitgever (issuer) ontbreekt.",
    "users.missing_subject": "Het subject ontbreekt.",
    "users.missing_by": "Wie de wijziging doet, ontbreekt.",
    "users.bad_role": "Onbekende rol '{value}'; kies beheerder, evaluator, gemeente of projectleider.",
    "users.bad_email": "'{value}' is geen e-mailadres.",
    "users.unknown_gemeente": (
        "Onbekende gemeente '{value}'; geef de CBS-code (bijv. GM0150) of de naam (bijv. Deventer)."
    ),
    "users.unknown_kern": "Onbekende kern '{value}'; geef een kern-id uit het kernregister (bijv. bathmen).",
    "users.ambiguous_kern": "Er zijn meer kernen met de naam '{value}'; geef de kern-id ({ids}).",
    "users.scope_all": "Een {role} ziet alle kernen; geef geen gemeente of kern op.",
    "users.scope_gemeente": "Een gebruiker met rol gemeente hoort bij precies één gemeente (en geen kern).",
    "users.scope_kern": "Een projectleider hoort bij precies één kern (en geen gemeente).",
    "users.duplicate": "Er is al een gebruiker met uitgever '{issuer}' en subject '{subject}'.",
    "users.unknown_user": "Er is geen gebruiker met uitgever '{issuer}' en subject '{subject}'.",
    "users.last_beheerder": ("{who} is de laatste beheerder; maak eerst een andere gebruiker beheerder."),
    "users.nothing_changed": "Er is niets gewijzigd.",
    "users.what_add": "Het toevoegen van de gebruiker",
    "users.what_change": "Het wijzigen van de gebruiker",
    "users.what_remove": "Het verwijderen van de gebruiker",
}
