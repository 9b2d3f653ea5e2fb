"""Indicators of the Loket Gezond Leven interventions that activities carry out (issue 13).

The recognition level is Loket Gezond Leven's judgement of an *intervention* (its
erkenningstraject); the projectleider records which intervention an activity carries out and
its level in the workbook (sheet Activiteiten). Computed in sv_analytics/interventions.py.
"""

from __future__ import annotations

from sv_analytics import vocab
from sv_analytics.indicators.core import Indicator

#: Where the figures come from. Deliberately not starting with core.MONITORING: a kern sets no
#: target on it (workbook_spec.indicator_list offers only monitoring indicators as targets).
SOURCE = (
    "Loket Gezond Leven (RIVM Centrum Gezond Leven), erkenningsniveaus van het erkenningstraject; per "
    "activiteit opgegeven door de projectleider in het monitoringwerkboek, blad Activiteiten"
)
_FROM = vocab.RECOGNITION_LEVEL[vocab.RECOGNISED_FROM]
_LEVELS_FROM = ", ".join(vocab.RECOGNITION_LEVEL[code] for code in vocab.levels_from(vocab.RECOGNISED_FROM))
_CAVEAT = (
    "Een erkenning gaat over de interventie, niet over hoe goed de activiteit in de kern is uitgevoerd. "
    "Het werkboek kent de kolommen pas sinds sjabloonversie 3: een kern die ze niet invult, heeft hier "
    "geen erkende interventie, ook als er wel een is."
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "erkende_interventies",
        "Activiteiten met een erkende interventie",
        f"Aantal activiteiten van de kern die een interventie uitvoeren met ten minste het erkenningsniveau "
        f"{_FROM} van Loket Gezond Leven.",
        f"aantal rijen in activity met recognition_level ∈ {{{_LEVELS_FROM}}}",
        "aantal",
        SOURCE,
        _CAVEAT,
    ),
    Indicator(
        "aanpak_erkende_interventie",
        "Erkende interventie",
        f"Ja als ten minste één activiteit van de kern een interventie uitvoert met erkenningsniveau {_FROM} "
        "of hoger; nee als de kern wel interventies noemt maar geen daarvan dat niveau heeft; onbekend als "
        "geen enkele activiteit van de kern een interventie noemt.",
        "erkende_interventies ≥ 1 → ja; anders, ten minste één activity met intervention_name → nee; "
        "anders onbekend",
        "groep",
        SOURCE,
        _CAVEAT + " Daarom telt 'niets ingevuld' als onbekend en niet als nee.",
    ),
)
