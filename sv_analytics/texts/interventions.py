"""Dutch UI strings of the Loket Gezond Leven interventions of activities (sv_analytics/interventions.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "lgl.col_activity": "Activiteit",
    "lgl.col_kind": "Soort activiteit",
    "lgl.col_intervention": "Interventie (Loket Gezond Leven)",
    "lgl.col_level": "Erkenningsniveau",
    "lgl.no_level": "geen niveau opgegeven",
    "lgl.level_min": "Erkenningsniveau ten minste",
    "lgl.all_levels": "Alle genoemde interventies",
    "lgl.note": (
        "Interventie en erkenningsniveau: zoals de projectleider ze in het werkboek opgeeft (tabblad "
        "Activiteiten), met de niveaus van het erkenningstraject van Loket Gezond Leven (RIVM Centrum "
        "Gezond Leven). Een erkenning gaat over de interventie zelf, niet over hoe de activiteit in deze "
        "kern is uitgevoerd of wat ze daar oplevert."
    ),
    "lgl.empty": "Geen activiteiten met een interventie van Loket Gezond Leven in deze selectie.",
}
