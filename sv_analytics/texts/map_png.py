"""Texts of the offline map images ("Kaart als PNG", :mod:`sv_analytics.map_png`)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "map_png.download": "Kaart als PNG",
    "map_png.kern_title": "Sociaal Vitaal-kernen in {area}",
    "map_png.area_programme": "Overijssel",
    "map_png.area_gemeente": "gemeente {gemeente}",
    "map_png.sk_title": "Sociale kaart van {kern}",
    "map_png.sk_subtitle": "Organisaties en accommodaties met een bekende locatie",
    "map_png.size_note": "Grootte van de stip: aantal inwoners",
    "map_png.demo_note": "Demo — fictieve gegevens",
    "map_png.source": "Bron: {source}",
    "map_png.boundaries": "Kaartgrenzen: {source}",
    "map_png.contours": "Kerncontouren: {source}",
    "map_png.empty": "Geen kernen met een bekende locatie in deze selectie: er is geen kaart te maken.",
    "map_png.sk_empty": "Geen organisaties of accommodaties met een bekende locatie: er is geen kaart te maken.",
    "map_png.file_kernen": "kaart-kernen-{period}",
    "map_png.file_sk": "sociale-kaart-{kern}",
}
