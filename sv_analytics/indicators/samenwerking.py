"""Indicators of the page Samenwerking (issue 6): partners, agreements and the referral network.

Referral counts reuse the core code ``doorverwijzingen``; the figures here are those only the
page Samenwerking shows.
"""

from __future__ import annotations

from sv_analytics.indicators.core import MONITORING, Indicator

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "samenwerking_netwerk",
        "Samenwerkingsnetwerk op peildatum",
        "De organisaties van de sociale kaart van een kern en de samenwerkingsafspraken die op de "
        "peildatum liepen, met hun partijen.",
        "afspraken met startdatum ≤ peildatum en (geen einddatum of einddatum ≥ peildatum); "
        "elke afspraak verbonden met elke partij (agreement_party)",
        "organisaties en afspraken",
        MONITORING,
        "De ligging in de figuur zegt niets: organisaties staan op een cirkel, gegroepeerd naar sector.",
    ),
    Indicator(
        "samenwerking_partners",
        "Partners met een samenwerkingsafspraak",
        "Organisaties die partij zijn bij ten minste één samenwerkingsafspraak die vóór of op de "
        "peildatum (einde van de periode) begon.",
        "aantal verschillende organisaties in agreement_party van afspraken met startdatum ≤ peildatum",
        "organisaties",
        MONITORING,
        "Ook partners van een inmiddels beëindigde afspraak tellen mee.",
    ),
    Indicator(
        "samenwerking_sectoren",
        "Sectoren onder de partners",
        "Aantal verschillende sectoren (sport, zorg, welzijn, onderwijs …) van de partners met een "
        "samenwerkingsafspraak.",
        "aantal verschillende sectoren van de organisaties bij 'Partners met een samenwerkingsafspraak'",
        "sectoren",
        MONITORING,
        "Gezondheidszorg/eerstelijn en zorg zijn aparte sectoren.",
    ),
    Indicator(
        "samenwerking_afspraken_lopend",
        "Lopende samenwerkingsafspraken",
        "Afspraken, convenanten, doorverwijsnetwerken en werkgroepen die op de peildatum (einde van "
        "de periode) liepen.",
        "aantal afspraken met startdatum ≤ peildatum en (geen einddatum of einddatum ≥ peildatum)",
        "afspraken",
        MONITORING,
        "Een afspraak is geen persoon: kleine aantallen worden niet afgeschermd.",
    ),
    Indicator(
        "doorverwijzingen_per_maand",
        "Doorverwijzingen per maand (gemiddeld)",
        "Gemiddeld aantal doorverwijzingen vanuit zorg en welzijn per maand van de gekozen periode.",
        "Σ doorverwijzingen in de periode ÷ aantal maanden van de periode",
        "per maand",
        MONITORING,
        "Maanden zonder doorverwijzingen tellen mee als 0.",
    ),
    Indicator(
        "doorverwijsnetwerk_getekend",
        "Doorverwijsnetwerk met zorgpartners getekend",
        "Datum waarop de kern een afspraak van de soort doorverwijsnetwerk sloot met ten minste één "
        "zorgpartner (zorg of gezondheidszorg/eerstelijn).",
        "vroegste startdatum van een afspraak met soort = doorverwijsnetwerk en een partij met "
        "sector ∈ {zorg, gezondheidszorg}",
        "datum",
        MONITORING,
    ),
    Indicator(
        "eerste_maand_doorverwijzingen",
        "Eerste maand met doorverwijzingen",
        "De eerste maand waarin de kern doorverwijzingen registreerde, over alle jaren (niet alleen "
        "de gekozen periode).",
        "vroegste maand met Σ doorverwijzingen > 0",
        "maand",
        MONITORING,
    ),
)
