"""Texts of the context of exported chart PNGs (charts.to_png) and the print view."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "png.title": "{chart} — {scope}",
    "png.title_when": "{chart} — {scope}, {when}",
    "png.title_period": "{chart}, {when}",
    "png.scope_gemeente": "gemeente {gemeente}",
    "png.scope_all": "alle kernen",
    "png.demo_note": "Demo — fictieve gegevens, geen echte kernen of deelnemers",
    "png.source": "Bron: {source} ({year}) · gegevensversie {version}",
    "png.target_legend": "Doel van de kern",
    "png.units": "Eenheid: {unit}",
    "png.health_axis": "Percentage van de inwoners {age}",
    "png.population_title": "Inwoners van {name} (wijk {area}) per jaar, naar leeftijd",
    "png.growth_title": "Bevolkingsontwikkeling per kern (% per jaar)",
    "png.target_line": "Stippellijn: 100 % van het jaardoel.",
    "png.compare_title": "{measure}: {kern} en vergelijkbare kernen",
    "png.version": "Gegevensversie {version}",
    "png.source_no_year": "Bron: {source} · gegevensversie {version}",
}
