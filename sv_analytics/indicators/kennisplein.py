"""Indicators of the page Kennisplein (issue 6): counts of shared items and the search rank."""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

KENNISPLEIN = "Kennisplein: goede praktijken en lessen die de projectleiders delen (tabel kennisplein_item)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "kennisplein_items",
        "Items op het kennisplein",
        "Aantal gedeelde goede praktijken en geleerde lessen dat past bij de zoekopdracht en de filters.",
        "aantal rijen in kennisplein_item binnen gemeente, kern, thema, fase, soort en doelgroep, "
        "waarvan titel of tekst elk zoekwoord bevat (hoofdletters en accenten tellen niet)",
        "aantal",
        KENNISPLEIN,
        "Een item zonder doelgroep valt weg zodra een doelgroep gekozen is. Geen privacydrempel: "
        "het gaat om teksten, niet om personen.",
    ),
    Indicator(
        "kennisplein_zoekscore",
        "Zoekscore kennisplein",
        "Hoe goed een item bij de zoekwoorden past; de resultaten staan op volgorde van deze score.",
        "per zoekwoord 3 punten als het in de titel staat, 1 punt als het in de tekst staat en 1 punt "
        "extra als een woord ermee begint; bij gelijke score het nieuwste item eerst",
        "punten",
        KENNISPLEIN,
        "Alleen een volgorde, geen oordeel over de kwaliteit van de praktijk.",
    ),
)
