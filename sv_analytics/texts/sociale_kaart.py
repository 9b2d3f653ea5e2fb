"""Dutch UI strings of the page Sociale kaart."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.sociale_kaart": "Sociale kaart",
    "sk.title": "Sociale kaart",
    "sk.intro": (
        "Welke organisaties in en rond de kern doen mee aan Sociaal Vitaal, in welke rol, en waar zijn de "
        "plekken om te sporten, bewegen en elkaar te ontmoeten? De sociale kaart is wat fase 2 "
        "(organisatie) oplevert; subdoel 2 gaat over nieuwe of betere samenwerking."
    ),
    "sk.no_period_note": (
        "De sociale kaart is een lijst zonder datum: de periodefilter geldt hier niet. Afspraken tellen "
        "mee ongeacht hun looptijd."
    ),
    # one kern
    "sk.kern_heading": "Sociale kaart van {kern}",
    "sk.kern_caption": "{kern_type} in de gemeente {gemeente} · projectleiding: {projectleider}.",
    "sk.open_profile": "Kernprofiel van {kern}",
    "sk.open_samenwerking": "Samenwerkingsafspraken van {kern}",
    "sk.no_organisations": (
        "Voor deze kern staan nog geen organisaties op de sociale kaart. De projectleider vult ze in op "
        "het blad Organisaties van het werkboek (pagina Gegevens)."
    ),
    "sk.organisations_heading": "Organisaties naar sector en rol",
    "sk.organisations_caption": (
        "Rollen en afspraken zoals de projectleider ze in het werkboek opgaf. Organisaties zijn geen "
        "personen: kleine aantallen worden niet afgeschermd."
    ),
    "sk.no_role": "geen rol",
    # map
    "sk.map_heading": "Kaart van de kern",
    "sk.map_caption": (
        "Gekleurde stippen: organisaties, naar sector. Open rondjes: accommodaties en ontmoetingsplekken. "
        "Beweeg over een punt voor naam en rol. Zonder internet (geen achtergrondkaart) blijft de kaart "
        "bruikbaar: de namen staan erbij."
    ),
    "sk.no_locations": "Voor deze kern zijn nog geen locaties van organisaties of accommodaties bekend.",
    "sk.legend_sector": "Sector",
    "sk.legend_facility": "Accommodatie / ontmoetingsplek",
    "sk.map_tooltip": "<b>{name}</b><br/>{kind}<br/>{detail}",
    "sk.facilities_heading": "Accommodaties en ontmoetingsplekken",
    "sk.no_facilities": "Voor deze kern zijn nog geen accommodaties vastgelegd.",
    # project group
    "sk.project_group_heading": "De projectgroep",
    "sk.project_group_caption": "De organisaties met een vertegenwoordiger in de lokale projectgroep van {kern}.",
    "sk.no_project_group": "Voor deze kern is nog geen projectgroep vastgelegd.",
    # matrix
    "sk.matrix_heading": "Alle kernen: wie doet er mee, per sector",
    "sk.matrix_caption": (
        "Per kern en sector het aantal organisaties dat meedoet: met een rol in het project of als partij "
        "bij een afspraak (dezelfde definitie als de partnersectoren op 'Wat werkt waar'). Eerst de "
        "dorpen, dan de wijken; het type staat achter de naam. Alle kernen, ook als er een gemeente "
        "gekozen is. Een 0 zegt dat niemand uit die sector meedoet — niet dat die sector er niet is."
    ),
    "sk.matrix_chart_title": "Deelnemende organisaties per kern en sector",
    "sk.matrix_table": "Als tabel",
    "sk.no_matrix": "Er staan nog geen organisaties op de sociale kaart van de kernen.",
    "sk.axis.sector": "Sector",
    "sk.axis.kern": "Kern (type)",
    "sk.axis.taking_part": "Deelnemend",
    "sk.axis.on_map": "Op de sociale kaart",
    # columns
    "sk.col.organisation": "Organisatie",
    "sk.col.sector": "Sector",
    "sk.col.roles": "Rollen",
    "sk.col.project_group": "In projectgroep",
    "sk.col.agreements": "Afspraken",
    "sk.col.facility_type": "Soort",
    "sk.col.facility": "Naam",
    "sk.col.located": "Op de kaart",
    "sk.col.municipality": "Ligt in gemeente",
}
