"""The protection of small counts as a registry entry, and which indicators it protects.

The rule itself lives in :mod:`sv_analytics.privacy`; this entry is its description for the
reader (the definitions expander of a page, and the *Toelichting* sheet of every export, which
lists :data:`METHOD` beside the table's own indicators). :data:`PROTECTED_COUNTS` names the
indicators that are counts of people (or activities) and so are rounded in a protected view;
every other count (organisations, agreements, actions, kernen, public statistics) is shown
as it is.
"""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

METHOD = "afronding_kleine_aantallen"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        METHOD,
        "Bescherming van kleine aantallen",
        "In elke beschermde weergave (het scherm van wie geen exacte aantallen ziet, en elke "
        "download, PNG, rapportage of presentatie, voor iedereen) is elk aantal personen of "
        "activiteiten afgerond op een vijftal: 0 blijft 0, 1 tot en met 4 staat als <5, vanaf 5 "
        "het dichtstbijzijnde veelvoud van 5 (de helft naar boven). Cijfers die uit zo'n aantal "
        "volgen (per 1.000 inwoners, percentages, per maand) zijn berekend uit het afgeronde aantal; "
        "volgt een cijfer uit een aantal van 1 tot en met 4, dan staat het als <5.",
        "getoond aantal = 5 × afronden(aantal ÷ 5), met 1–4 → <5; afgeleid cijfer = cijfer × "
        "afgerond aantal ÷ exact aantal",
        "aantal (veelvoud van 5)",
        "Werkwijze van het CBS voor kleine aantallen (afronden op vijftallen als secundaire onderdrukking)",
        "Door af te ronden is elk verschil van getoonde aantallen (een totaal min de andere rijen, "
        "twee filters, maanden, grafiekhoogtes) zelf een veelvoud van 5, zodat een aantal van 1 tot "
        "en met 4 nooit is terug te rekenen. Afgeronde delen tellen niet altijd op tot het afgeronde "
        "totaal. Exacte aantallen ziet alleen de projectleider van de eigen kern, en een beheerder "
        "of evaluator die 'exacte aantallen' aanzet, en dan alleen op het scherm.",
    ),
)

#: Indicators that count people (or activities): rounded in every protected view.
PROTECTED_COUNTS = frozenset(
    {
        "activiteiten",
        "deelnemers",
        "nieuwe_deelnemers",
        "doorverwijzingen",
        "vrijwilligers_actief",
        "deelnemers_per_maand",
        "voorheen_inactief",
        "vrijwilligers_per_kwartaal",
        "vrijwilligers_nieuw",
        "doelgroep_deelnemers",
        "doelgroep_omvang",
        "statushouders",
        "geschatte_doelgroep_statushouders",
    }
)
