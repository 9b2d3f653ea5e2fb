"""Indicators of the page Sociale kaart (issue 6).

"Takes part" is the definition of ``queries/wat_werkt_kernen.sql`` (partner sectors of "Wat werkt
waar"): an organisation with a role in the project or party to an agreement. The number of
sectors shown on the page is that same figure, so it reuses ``aanpak_partnersectoren``
(indicators.wat_werkt) instead of defining it again.
"""

from __future__ import annotations

from sv_analytics.indicators.core import MONITORING, Indicator

SHEETS = MONITORING + ", bladen Organisaties en Afspraken"
TAKES_PART = (
    "Een organisatie doet mee als zij een rol in het project heeft (aanbieder, doorverwijzer, "
    "accommodatie, sponsor of lid projectgroep) of partij is bij een samenwerkingsafspraak — dezelfde "
    "definitie als bij de partnersectoren van 'Wat werkt waar' (queries/wat_werkt_kernen.sql)."
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "sk_organisaties",
        "Organisaties op de sociale kaart",
        "Aantal organisaties in en rond de kern die de projectleider op de sociale kaart zette.",
        "aantal rijen in tabel organisation voor de kern",
        "organisaties",
        MONITORING + ", blad Organisaties",
        "Een lijst van de projectleider, geen volledige telling van alle organisaties in de kern. "
        "Organisaties zijn geen personen: kleine aantallen worden niet afgeschermd.",
    ),
    Indicator(
        "sk_projectgroep",
        "Organisaties in de projectgroep",
        "Aantal organisaties van de kern met een vertegenwoordiger in de lokale projectgroep.",
        "aantal organisaties van de kern met in_project_group = ja",
        "organisaties",
        MONITORING + ", blad Organisaties",
        "Telt organisaties, niet de mensen die namens hen in de projectgroep zitten.",
    ),
    Indicator(
        "sk_afspraken_per_organisatie",
        "Afspraken per organisatie",
        "Aantal samenwerkingsafspraken (afspraak, convenant, doorverwijsnetwerk, werkgroep) waarbij de "
        "organisatie partij is, ongeacht de status of de looptijd van de afspraak.",
        "aantal verschillende agreement_id in agreement_party voor de organisatie",
        "afspraken",
        SHEETS,
        "Ook beëindigde afspraken en afspraken in voorbereiding tellen mee; de periodefilter geldt hier niet.",
    ),
    Indicator(
        "sk_deelnemende_organisaties",
        "Deelnemende organisaties per kern en sector",
        "Aantal organisaties van een sector in een kern die meedoen aan het project. " + TAKES_PART,
        "aantal organisation per kern en sector met een organisation_role of een agreement_party",
        "organisaties",
        SHEETS,
        "Een 0 betekent: geen organisatie van die sector doet mee (of staat op de kaart) — niet dat er in "
        "de kern geen is. Stadswijken hebben andere partners (wijkraad, culturele groep) dan dorpen.",
    ),
)
