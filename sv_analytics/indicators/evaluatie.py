"""Indicators of the page Evaluatie (issue 6).

Continuity after the subsidy per kern is ``aanpak_doorgaan`` and the factors are ``wwk_factoren``
(both in indicators/wat_werkt.py): the page reuses those codes for the same figures.
"""

from __future__ import annotations

from sv_analytics.indicators.core import MONITORING, Indicator

SOURCE = MONITORING + ", blad Evaluatie"
SELF_ASSESSED = "Een oordeel van de kern en haar projectgroep zelf, geen meting."

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "evaluatie_subdoel_score",
        "Score per subdoel",
        "Hoe ver een kern een van de drie subdoelen (inzicht in wensen en behoeften; nieuwe of "
        "verbeterde samenwerking; duurzame organisatiestructuur) bereikte, bij de tussentijdse "
        "evaluatie 2017 of de eindevaluatie 2018.",
        "evaluation_subgoal.score: 1 niet bereikt, 2 deels bereikt, 3 grotendeels bereikt, 4 bereikt",
        "score 1–4",
        SOURCE,
        SELF_ASSESSED + " Scores van verschillende kernen zijn niet op dezelfde manier vastgesteld.",
    ),
    Indicator(
        "evaluatie_kernen_per_score",
        "Kernen per score",
        "Aantal kernen dat bij een evaluatiemoment een subdoel met een bepaalde score beoordeelde.",
        "aantal kernen per subdoel, moment en score in evaluation_subgoal",
        "kernen",
        SOURCE,
        "Kernen zonder evaluatie op dat moment tellen niet mee (kolom 'Kernen met score').",
    ),
    Indicator(
        "evaluatie_structuur",
        "Organisatiestructuur",
        "Hoe het werk in de kern georganiseerd is: een bestaande structuur uitgebreid (bijvoorbeeld "
        "de sportvereniging of dorpsraad), een nieuwe structuur, of nog geen structuur.",
        "evaluation.structure per kern en moment",
        "categorie",
        SOURCE,
        "Het plan geeft de voorkeur aan een bestaande structuur die wordt uitgebreid.",
    ),
    Indicator(
        "evaluatie_kernen_doorgaan",
        "Kernen die na 2018 doorgaan",
        "Aantal kernen waarvan de laatste evaluatie verwacht dat het werk na het einde van de "
        "subsidie (2018) doorgaat.",
        "aantal kernen met continues_after_subsidy = ja bij hun laatste evaluatiemoment",
        "kernen",
        SOURCE,
        "Een verwachting, geen meting; de deelname in 2019 (pagina Deelname) laat zien of het uitkwam.",
    ),
    Indicator(
        "evaluatie_kernen_geevalueerd",
        "Kernen met evaluatie",
        "Aantal kernen met ten minste één ingevoerde evaluatie (tussentijds 2017 of eind 2018).",
        "aantal verschillende kern_id in evaluation",
        "kernen",
        SOURCE,
    ),
)
