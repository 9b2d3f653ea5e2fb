"""Headline monitoring indicators (Overzicht) and the Indicator type."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    formula: str
    unit: str
    source: str
    caveats: str = ""

    def help_text(self) -> str:
        """Markdown for a tooltip or expander: the definition one click away."""
        parts = [
            f"**{self.name}** — {self.definition}",
            f"*Berekening:* {self.formula}",
            f"*Eenheid:* {self.unit} · *Bron:* {self.source}",
        ]
        if self.caveats:
            parts.append(f"*Let op:* {self.caveats}")
        return "\n\n".join(parts)


MONITORING = "Monitoringgegevens van de projectleiders (werkboek per kern)"
#: Which inhabitants every per-1.000 figure divides by (lookups.kern_inhabitants): the caveat of
#: each per-1.000 indicator, so the registry says it once.
INHABITANTS_YEAR = (
    "Gedeeld door de inwoners van het jaar dat het cijfer beschrijft: het inwonertal van de kern "
    "zelf uit de publieke bronnen (over meer jaren het gemiddelde). Is er voor dat jaar geen "
    "cijfer, dan de inwoners van het kernregister (afgerond op 50; in de demo peiljaar 2025); "
    "het bijschrift bij de tabel of grafiek noemt welk jaar."
)

INDICATORS = (
    Indicator(
        "kernen",
        "Kernen",
        "Aantal kernen in de selectie (gemeentefilter).",
        "aantal rijen in tabel kern binnen het filter",
        "aantal",
        "Kernregister (data/kernen.csv)",
        "De 22 kernen zijn een illustratieve selectie.",
    ),
    Indicator(
        "activiteiten",
        "Activiteiten",
        "Aantal activiteiten met ten minste één deelnemer in de gekozen periode.",
        "aantal activiteiten met ten minste één deelnemer in een maand van de periode",
        "aantal",
        MONITORING,
        "Een evenement telt als één activiteit per editie.",
    ),
    Indicator(
        "nieuwe_activiteiten",
        "Nieuwe activiteiten",
        "Aantal activiteiten met status nieuw of vernieuwd die in het jaar starten.",
        "aantal activiteiten met nieuwheid ∈ {nieuw, vernieuwd} en startdatum in het jaar",
        "aantal",
        MONITORING,
    ),
    Indicator(
        "deelnemers",
        "Deelnemers",
        "Bereik: iedereen die in de periode aan een activiteit deelnam — de deelnemers in de "
        "eerste maand van de periode plus wie er in een latere maand nieuw bij kwam — "
        "opgeteld over de activiteiten.",
        "Σ over activiteiten van (deelnemers in de eerste maand van de periode + "
        "Σ nieuwe deelnemers in de latere maanden)",
        "personen (benadering)",
        MONITORING,
        "Iemand die aan twee activiteiten deelneemt, telt twee keer; de monitoring bevat "
        "alleen totalen per maand, geen personen.",
    ),
    Indicator(
        "nieuwe_deelnemers",
        "Nieuwe deelnemers",
        "Deelnemers die in de periode voor het eerst aan een activiteit deelnamen.",
        "Σ nieuwe deelnemers per activiteit per maand in de periode",
        "personen",
        MONITORING,
        "Nieuw is per activiteit: wie overstapt naar een andere activiteit telt opnieuw.",
    ),
    Indicator(
        "doorverwijzingen",
        "Doorverwijzingen",
        "Aantal inwoners dat vanuit zorg of welzijn naar een activiteit is doorverwezen.",
        "Σ doorverwijzingen per maand in de periode",
        "aantal",
        MONITORING,
        "Alleen geregistreerde verwijzingen; informeel advies ontbreekt.",
    ),
    Indicator(
        "doorverwijzingen_per_1000",
        "Doorverwijzingen per 1.000 inwoners",
        "Doorverwijzingen vanuit zorg en welzijn naar verhouding van de grootte van de kern.",
        "doorverwijzingen × 1.000 ÷ inwoners van de kern",
        "per 1.000 inwoners",
        f"{MONITORING}; inwoners uit het kernregister",
        INHABITANTS_YEAR,
    ),
    Indicator(
        "vrijwilligers_actief",
        "Actieve vrijwilligers",
        "Aantal actieve vrijwilligers in het laatste kwartaal van de periode.",
        "vrijwilligers actief in het laatste kwartaal",
        "personen",
        MONITORING,
    ),
)

#: The headline figures of the Overzicht page, in display order.
HEADLINE = ("kernen", "activiteiten", "deelnemers", "nieuwe_deelnemers", "doorverwijzingen")
