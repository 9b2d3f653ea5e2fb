"""Indicators of the area: Werkplan, doelen en volledigheid (Mijn kern).

The comparison with other kernen uses its own codes (prefix ``vergelijk_``) so that they
cannot clash with the participation indicators of other pages; their formulas reuse the
definitions of ``deelnemers``, ``doorverwijzingen`` and ``vrijwilligers_actief``.
"""

from __future__ import annotations

from sv_analytics.indicators.core import MONITORING, Indicator

PEILDATUM_NOTE = (
    "Beoordeeld op de peildatum (standaard 31 december 2018, het einde van het project). De status "
    "in het werkboek is de laatst bekende; een actie met status gereed telt vóór haar afrondingsdatum "
    "als bezig (of gepland als de geplande start nog niet was bereikt)."
)
INHABITANTS_NOTE = (
    "Inwoners uit het kernregister (TOP10NL, afgerond op 50, peiljaar 2025 — geen cijfer van 2017). "
    "Per-1.000-cijfers van zeer kleine kernen schommelen sterk."
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "werkplan_gereed_pct",
        "Werkplan gereed",
        "Aandeel van de werkplanacties (niet vervallen) dat op de peildatum gereed was.",
        "acties gereed op de peildatum ÷ (alle acties − vervallen acties) × 100, per fase en in totaal",
        "%",
        MONITORING + ", blad Werkplan",
        PEILDATUM_NOTE,
    ),
    Indicator(
        "acties_achterstallig",
        "Achterstallige acties",
        "Werkplanacties die op de peildatum nog gepland of bezig waren terwijl hun geplande einddatum al "
        "voorbij was.",
        "aantal acties met status (op de peildatum) gepland of bezig en geplande einddatum < peildatum",
        "aantal",
        MONITORING + ", blad Werkplan",
        PEILDATUM_NOTE,
    ),
    Indicator(
        "doel_realisatie_pct",
        "Doel bereikt",
        "Realisatie van een jaardoel als percentage van de streefwaarde. De realisatie volgt de "
        "definitie van de indicator van het doel (nieuwe deelnemers, nieuwe activiteiten, "
        "doorverwijzingen, actieve vrijwilligers) over het hele kalenderjaar.",
        "realisatie in het jaar ÷ streefwaarde × 100; actieve vrijwilligers: het vierde kwartaal",
        "%",
        MONITORING + ", bladen Doelen, Deelname, Activiteiten, Doorverwijzingen, Vrijwilligers",
        "Ontbrekende maanden tellen als nul: controleer de volledigheid. Zonder cijfers voor het vierde "
        "kwartaal is de realisatie van vrijwilligers onbekend. Aantallen personen van 1 tot en met 4 "
        "staan als <5 in de tabel.",
    ),
    Indicator(
        "doelen_gehaald",
        "Doelen gehaald",
        "Aantal jaardoelen (in de jaren van de gekozen periode) waarvan de realisatie de streefwaarde "
        "haalt of overtreft.",
        "aantal doelen met realisatie ≥ streefwaarde, van het totaal aantal doelen",
        "aantal doelen",
        MONITORING + ", blad Doelen",
    ),
    Indicator(
        "volledigheid_maanden",
        "Maanden compleet",
        "Maanden van de periode waarin voor elke lopende activiteit van de kern een deelnameregel is "
        "aangeleverd.",
        "aantal maanden zonder ontbrekende deelnameregel; een activiteit loopt van de maand van haar "
        "startdatum tot en met haar einddatum (zonder einddatum: doorlopend)",
        "maanden",
        MONITORING + ", bladen Activiteiten en Deelname",
        "Een maand zonder lopende activiteiten telt als compleet. Een regel met 0 deelnemers telt als "
        "aangeleverd.",
    ),
    Indicator(
        "volledigheid_kwartalen",
        "Kwartalen compleet",
        "Kwartalen (die de periode raken) waarvoor de kern vrijwilligerscijfers heeft aangeleverd.",
        "aantal kwartalen met een regel in het blad Vrijwilligers",
        "kwartalen",
        MONITORING + ", blad Vrijwilligers",
    ),
    Indicator(
        "volledigheid_bladen",
        "Bladen ingevuld",
        "Lijsten van het werkboek (Organisaties, Afspraken, Enquête, Activiteiten, Werkplan, Doelen, "
        "Evaluatie) met ten minste één regel voor de kern.",
        "aantal van deze 7 bladen met ≥ 1 regel voor de kern",
        "bladen",
        MONITORING,
        "Deze lijsten zijn niet aan de periode gebonden.",
    ),
    Indicator(
        "vergelijk_afstand",
        "Verschil",
        "Hoe sterk een kern van de gekozen kern verschilt in type, omvang en vergrijzing (0 = gelijk); "
        "de kernen met het kleinste verschil zijn de vergelijkbare kernen.",
        "2 × (ander type: dorp/buurtschap of wijk) + |ln(inwoners ÷ inwoners eigen kern)| ÷ ln 2 "
        "+ |verschil aandeel 65+| ÷ 10 procentpunt",
        "punten",
        "Kernregister en CBS Kerncijfers wijken en buurten",
        "Een factor 2 in inwonertal en 10 procentpunt 65+ wegen even zwaar. " + INHABITANTS_NOTE,
    ),
    Indicator(
        "vergelijk_vrijwilligers_per_1000",
        "Vrijwilligers per 1.000 inwoners",
        "Actieve vrijwilligers in het laatste kwartaal van de periode per 1.000 inwoners.",
        "vrijwilligers actief in het kwartaal van de laatste maand van de periode ÷ inwoners × 1.000",
        "per 1.000 inwoners",
        MONITORING + "; kernregister",
        "Leeg als dat kwartaal niet is aangeleverd. " + INHABITANTS_NOTE,
    ),
)
