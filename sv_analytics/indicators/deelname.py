"""Indicators of the area: Deelname, bereik en doorverwijzingen (Deelname).

``deelnemers``, ``nieuwe_deelnemers``, ``doorverwijzingen`` and ``vrijwilligers_actief`` are
defined once in ``indicators.core``; this module holds the other figures of the page Deelname.
"""

from __future__ import annotations

from sv_analytics.indicators.core import INHABITANTS_YEAR, MONITORING, Indicator

CBS_RIVM = "CBS Kerncijfers wijken en buurten (inwoners naar leeftijd); RIVM/GGD Gezondheidsmonitor 2016"
KERNREGISTER = "inwoners: publiek cijfer van de kern voor het jaar, anders het kernregister (data/kernen.csv)"
EVALUATION = "Eindevaluatie 2018 (evaluatiegesprek met de kern, tabel evaluation)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "deelnemers_per_maand",
        "Deelnemers per maand",
        "Aantal deelnemers aan de activiteiten in een maand, opgeteld over de activiteiten.",
        "Σ deelnemers per activiteit in de maand",
        "personen per maand",
        MONITORING,
        "Wie aan twee activiteiten deelneemt telt twee keer. Over meer maanden is dit geen "
        "bereik: gebruik daarvoor 'Deelnemers'.",
    ),
    Indicator(
        "voorheen_inactief",
        "Voorheen inactief",
        "Nieuwe deelnemers die voordien niet (wekelijks) sportten of bewogen.",
        "Σ nieuwe deelnemers 'voorheen inactief' per activiteit per maand in de periode",
        "personen",
        MONITORING,
        "Zoals de aanbieder het bij inschrijving noteert; geen gemeten beweeggedrag.",
    ),
    Indicator(
        "aandeel_voorheen_inactief",
        "Aandeel voorheen inactief",
        "Deel van de nieuwe deelnemers dat voordien inactief was.",
        "Σ voorheen inactief ÷ Σ nieuwe deelnemers × 100",
        "%",
        MONITORING,
        "Zonder nieuwe deelnemers in de periode is het aandeel onbekend (–).",
    ),
    Indicator(
        "bereik_per_1000",
        "Bereik per 1.000 inwoners",
        "Deelnemers in de periode (indicator 'Deelnemers') per 1.000 inwoners van de kernen in de selectie.",
        "Deelnemers ÷ Σ inwoners van de kernen × 1.000",
        "per 1.000 inwoners",
        f"{MONITORING}; {KERNREGISTER}",
        INHABITANTS_YEAR + " Dubbeltellingen (één persoon in twee activiteiten) tellen mee. Bij zeer "
        "kleine kernen (Hertme, 300 inwoners) schommelt het getal sterk.",
    ),
    Indicator(
        "deelname_per_1000",
        "Deelname per 1.000 inwoners (per maand of kwartaal)",
        "Per maand: deelnemers van die maand; per kwartaal: deelnemers in het kwartaal "
        "(indicator 'Deelnemers'); telkens per 1.000 inwoners, zodat kernen van verschillende "
        "grootte te vergelijken zijn.",
        "deelnemers in de maand (of het kwartaal) ÷ inwoners van de kern × 1.000; de andere "
        "kernen als mediaan en als bereik (laagste–hoogste)",
        "per 1.000 inwoners",
        f"{MONITORING}; {KERNREGISTER}",
        "Vergeleken wordt met alle andere kernen, ook buiten het gemeentefilter. " + INHABITANTS_YEAR,
    ),
    Indicator(
        "bereik_per_1000_per_jaar",
        "Bereik per 1.000 inwoners per jaar",
        "Deelnemers in een kalenderjaar (indicator 'Deelnemers' over dat jaar) per 1.000 "
        "inwoners; voor 2017–2018 het gemiddelde van de twee jaren, zodat de nulmeting 2016, "
        "het project en de nameting 2019 even lange perioden vergelijken.",
        "Deelnemers in het jaar ÷ inwoners × 1.000 (2017–2018: gemiddelde van beide jaren)",
        "per 1.000 inwoners per jaar",
        f"{MONITORING}; {KERNREGISTER}",
        "Splitsing naar bestaand en nieuw/vernieuwd aanbod volgt de nieuwheid van de activiteit. "
        + INHABITANTS_YEAR,
    ),
    Indicator(
        "deelnemermaanden_jaar",
        "Deelnemermaanden",
        "Alle deelnemers per maand van een kalenderjaar opgeteld: wie twaalf maanden meedoet, telt "
        "twaalf keer. Zo telt ook mee hoe lang mensen blijven komen, niet alleen hoeveel er beginnen.",
        "Σ over de maanden van het jaar van Σ deelnemers per activiteit in de maand",
        "deelnemermaanden",
        MONITORING,
        "Een maand zonder aangeleverde cijfers telt als 0.",
    ),
    Indicator(
        "verwachting_na_subsidie",
        "Verwachting kern (eindevaluatie 2018)",
        "Wat de kern in de eindevaluatie van december 2018 verwachtte: dat het werk na de subsidie "
        "doorgaat, of dat het terugvalt. Een verwachting, geen meting: de kolommen met 2019 laten "
        "zien wat er daarna gebeurde.",
        "antwoord op de vraag 'gaat het werk door na de subsidie?' in het eindevaluatiegesprek",
        "categorie",
        EVALUATION,
        "Onbekend als de eindevaluatie ontbreekt.",
    ),
    Indicator(
        "deelname_verandering_2019",
        "Deelnemermaanden 2019 t.o.v. 2018",
        "Hoeveel de deelname in 2019 (na de subsidie) hoger of lager ligt dan in 2018, gemeten in "
        "deelnemermaanden; −30 % = 30 % minder dan in 2018.",
        "(Σ deelnemers per maand in 2019 ÷ Σ deelnemers per maand in 2018 − 1) × 100",
        "%",
        MONITORING,
        "Maakt zichtbaar waar het werk na de subsidie doorgaat (continuïteit). Vast 2019 tegenover 2018, "
        "welke periode ook gekozen is (ook als uitkomst op Wat werkt waar); leeg zonder deelname in 2018. "
        "Telt deelnemers per maand, geen personen.",
    ),
    Indicator(
        "deelnemers_uitsplitsing",
        "Deelnemers per maand per categorie",
        "Gemiddeld aantal deelnemers per maand per soort activiteit, BRAVO-thema, doelgroep, "
        "leeftijdsklasse of geslacht, en het aandeel van alle deelnemers per maand.",
        "Σ deelnemers (of Σ deelnemers uit de categorie) over de maanden ÷ aantal maanden in de "
        "periode; aandeel = categorie ÷ alle deelnemers × 100",
        "personen per maand; %",
        MONITORING,
        "Doelgroepen en thema's overlappen: één persoon of activiteit kan in meer categorieën "
        "vallen, dus de aandelen tellen op tot meer dan 100%. Leeftijd en geslacht tellen op "
        "tot het totaal.",
    ),
    Indicator(
        "vrijwilligers_per_kwartaal",
        "Actieve vrijwilligers per kwartaal",
        "Aantal actieve vrijwilligers in een kwartaal, opgeteld over de kernen.",
        "Σ actieve vrijwilligers per kern in het kwartaal",
        "personen",
        MONITORING,
        "Vrijwilligers horen bij de kern, niet bij een doelgroep: het doelgroepfilter geldt hier niet.",
    ),
    Indicator(
        "vrijwilligers_nieuw",
        "Nieuwe vrijwilligers",
        "Vrijwilligers die in het kwartaal begonnen.",
        "Σ nieuwe vrijwilligers per kern in het kwartaal",
        "personen",
        MONITORING,
    ),
    Indicator(
        "doelgroep_deelnemers",
        "Deelnemers uit de doelgroep (schatting)",
        "Geschat aantal deelnemers in de periode dat tot de doelgroep behoort.",
        "Σ over activiteiten van Deelnemers van de activiteit × (Σ deelnemers uit de doelgroep "
        "per maand ÷ Σ deelnemers per maand)",
        "personen (schatting)",
        MONITORING,
        "De monitoring telt alleen per maand hoeveel deelnemers tot een doelgroep horen; het "
        "aandeel daarvan wordt toegepast op het bereik. Doelgroepen overlappen.",
    ),
    Indicator(
        "doelgroep_omvang",
        "Geschatte omvang doelgroep",
        "Geschat aantal inwoners van de kern dat tot de doelgroep behoort.",
        "dezelfde schatting als op Kernprofiel: aandeel van de doelgroep in de wijk × inwoners "
        "van de kern, afgerond op tientallen (senioren: 65+; chronisch, overgewicht, psychisch: "
        "volwassenen × RIVM-prevalentie 18+, volwassenen = 25–44 + 45–64 + 65+ + 0,7 × 15–24); "
        "statushouders: aantal dat de gemeente opgeeft",
        "personen (schatting)",
        CBS_RIVM,
        "Benadering: de wijk- of gemeentecijfers worden op de kern toegepast alsof de kern "
        "gemiddeld is; 18–24-jarigen als 7/10 van de groep 15–24; RIVM-cijfers zijn modelschattingen "
        "voor 2016. Zonder wijkcijfer wordt het gemeentecijfer gebruikt; zonder cijfer: onbekend.",
    ),
    Indicator(
        "bereik_doelgroep_pct",
        "Bereik doelgroep",
        "Deel van de geschatte doelgroep dat in de periode deelnam.",
        "Deelnemers uit de doelgroep (schatting) ÷ geschatte omvang doelgroep × 100",
        "%",
        f"{MONITORING}; {CBS_RIVM}",
        "Deling van twee schattingen: lees het als orde van grootte. Onbekend als de omvang "
        "niet te schatten is, en als er meer deelnemers uit de groep geschat worden dan de groep "
        "groot is (dan passen de twee schattingen niet bij elkaar).",
    ),
)
