"""Dutch texts: privacy (see texts/__init__.py): the protection of small counts."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "privacy.protected_note": (
        "Aantallen zijn afgerond op vijftallen en aantallen van 1 tot en met 4 staan als <5 (privacy); "
        "cijfers per 1.000 inwoners, percentages en cijfers per maand zijn berekend uit de afgeronde "
        "aantallen. Afgeronde delen tellen daardoor niet altijd op tot het afgeronde totaal."
    ),
    "privacy.exact_note": (
        "Exacte aantallen: alleen op dit scherm. Downloads (CSV, Excel, PNG) zijn altijd afgerond op "
        "vijftallen, met <5 voor 1 tot en met 4."
    ),
    "privacy.chart_note": (
        "Aantallen in deze grafiek zijn afgerond op vijftallen. Een waarde van 1 tot en met 4 staat als "
        "grijze markering '<5' van vaste hoogte, niet op zijn werkelijke hoogte."
    ),
    "privacy.chart_mark": "<5 (vaste hoogte)",
    "privacy.chart_count": "afgerond aantal",
    "privacy.export_label": "Kleine aantallen",
    "privacy.export_note": (
        "Aantallen zijn afgerond op vijftallen (0 blijft 0); aantallen van 1 tot en met 4 staan als '<5'. "
        "Cijfers per 1.000 inwoners, percentages en cijfers per maand zijn berekend uit de afgeronde "
        "aantallen. Dit bestand is altijd beschermd, ook als het scherm exacte aantallen toonde."
    ),
}
