"""Indicators of the area: Werkplan, doelen en volledigheid (Mijn kern).

The comparison with other kernen uses its own codes (prefix ``vergelijk_``) so that they
cannot clash with the participation indicators of other pages; their formulas reuse the
definitions of ``deelnemers``, ``doorverwijzingen`` and ``vrijwilligers_actief``. Which kernen
are comparable is the one definition of both pages, ``vergelijkbare_kernen_afstand``
(indicators/wat_werkt.py, :mod:`sv_analytics.vergelijkbaar`).
"""

from __future__ import annotations

from sv_analytics.indicators.core import INHABITANTS_YEAR, MONITORING, Indicator

PEILDATUM_NOTE = (
    "Beoordeeld op de peildatum (standaard 31 december 2018, het einde van het project). De status "
    "in het werkboek is de laatst bekende; een actie met status gereed telt vóór haar afrondingsdatum "
    "als bezig (of gepland als de geplande start nog niet was bereikt)."
)
INHABITANTS_NOTE = INHABITANTS_YEAR + " Per-1.000-cijfers van zeer kleine kernen schommelen sterk."

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
        "Verwachte maanden waarin voor elke lopende activiteit van de kern een deelnameregel is "
        "aangeleverd. Verwacht zijn de maanden van de programmaperiode (januari 2017 – december 2018) "
        "binnen de gekozen periode die op de peildatum voorbij waren. Een kern die niets aanleverde, "
        "heeft 0 van deze maanden compleet.",
        "aantal verwachte maanden met ten minste één lopende activiteit en een regel in blad Deelname voor "
        "elke lopende activiteit, van het aantal verwachte maanden. Verwacht: maand van de programmaperiode "
        "in de gekozen periode waarvan de laatste dag ≤ peildatum. Lopend: de maand van de startdatum ≤ "
        "maand ≤ de einddatum (zonder einddatum: doorlopend), dus na de maand waarin een activiteit "
        "stopte wordt zij niet meer verwacht.",
        "maanden",
        MONITORING + ", bladen Activiteiten en Deelname",
        "Zonder activiteiten (blad Activiteiten leeg) is geen enkele maand compleet: geen activiteiten "
        "vastgelegd. Ook een maand waarin volgens blad Activiteiten niets liep, telt niet als compleet: in "
        "de programmaperiode hoort elke kern aanbod te hebben, ook bestaand aanbod — leg dat vast. Een regel "
        "met 0 deelnemers telt als aangeleverd. De nulmeting (2016) en de nameting (2019) worden niet "
        "geëist.",
    ),
    Indicator(
        "volledigheid_kwartalen",
        "Kwartalen compleet",
        "Verwachte kwartalen waarvoor de kern vrijwilligerscijfers heeft aangeleverd. Verwacht is elk "
        "kwartaal dat een verwachte maand raakt en op de peildatum voorbij was.",
        "aantal verwachte kwartalen met een regel in blad Vrijwilligers, van het aantal verwachte kwartalen",
        "kwartalen",
        MONITORING + ", blad Vrijwilligers",
        "Een kwartaal dat op de peildatum nog liep, wordt nog niet verwacht.",
    ),
    Indicator(
        "volledigheid_doorverwijzingen",
        "Doorverwijsmaanden compleet",
        "Verwachte maanden met ten minste één regel in blad Doorverwijzingen, geteld alleen zolang een "
        "getekend doorverwijsnetwerk van de kern liep.",
        "aantal verwachte maanden met een doorverwijsnetwerk én ≥ 1 regel doorverwijzingen, van het aantal "
        "verwachte maanden met een doorverwijsnetwerk. Netwerk: afspraak van soort doorverwijsnetwerk met "
        "status actief of beëindigd, vanaf de maand van de startdatum tot en met de einddatum (zonder "
        "einddatum: doorlopend)",
        "maanden",
        MONITORING + ", bladen Afspraken en Doorverwijzingen",
        "Zonder doorverwijsnetwerk worden geen doorverwijzingen verwacht: een maand zonder regel is dan "
        "gewoon nul. Met een netwerk is een maand zonder regel niet te onderscheiden van een maand die niet "
        "is aangeleverd; die telt daarom als niet aangeleverd. Een maand zonder doorverwijzingen meldt u met "
        "een regel met aantal 0.",
    ),
    Indicator(
        "volledigheid_bladen",
        "Lijsten aanwezig",
        "Lijsten van het werkboek die op de peildatum verwacht werden en ten minste één regel voor de kern "
        "hebben: de sociale kaart (blad Organisaties) en de enquête na fase 2 (vanaf 31 mei 2017), het "
        "werkplan en de doelen van het lopende programmajaar, en de evaluatie van de momenten die voorbij "
        "zijn (tussentijds na november 2017, eind na december 2018).",
        "aantal verwachte lijsten met ≥ 1 regel voor de kern (de evaluatie per moment), van het aantal "
        "verwachte lijsten; lopend programmajaar: het jaar van de peildatum, na 2018 het jaar 2018",
        "lijsten",
        MONITORING + ", bladen Organisaties, Enquête, Werkplan, Doelen en Evaluatie",
        "Een lijst telt als aanwezig bij één regel; of die lijst volledig is, kan de monitor niet zien. "
        "Activiteiten tellen mee via de deelname per maand, afspraken via de doorverwijzingen. Deze lijsten "
        "zijn niet aan de gekozen periode gebonden.",
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
