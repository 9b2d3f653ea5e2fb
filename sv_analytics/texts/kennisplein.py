"""Dutch UI strings of the page Kennisplein."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.kennisplein": "Kennisplein",
    "kp.title": "Kennisplein",
    "kp.intro": (
        "Goede praktijken en geleerde lessen uit de kernen, om van elkaar te leren (fase 4). "
        "Zoek op een woord of filter op kern, thema, doelgroep, fase en soort."
    ),
    "kp.search": "Zoeken in titel en tekst",
    "kp.search_placeholder": "bijvoorbeeld: huisarts, vereniging, vrijwilligers",
    "kp.search_help": (
        "Hoofdletters en accenten maken niet uit. Elk woord moet voorkomen, ook als deel van een "
        "langer woord (wandel vindt wandelvoetbal). Treffers in de titel tellen zwaarder."
    ),
    "kp.kern": "Kern (kennisplein)",
    "kp.all_kernen": "Alle kernen",
    "kp.theme": "Thema",
    "kp.all_themes": "Alle thema's",
    "kp.phase": "Fase",
    "kp.all_phases": "Alle fasen",
    "kp.kind": "Soort",
    "kp.all_kinds": "Goede praktijken en lessen",
    "kp.count_one": "**1 resultaat**",
    "kp.count": "**{n} resultaten**",
    "kp.count_query": "voor “{query}”",
    "kp.search_choice": "“{query}”",
    "kp.page": "Pagina",
    "kp.page_range": "Resultaten {first}–{last} van {n}.",
    "kp.no_items": "Er staan nog geen goede praktijken of lessen op het kennisplein.",
    "kp.no_results": (
        "Geen resultaten voor deze zoekopdracht en filters. Tip: zoek op een korter woord of een "
        "woorddeel (bijvoorbeeld *verwijs*), of zet een filter terug op alle."
    ),
    "kp.meta_theme": "thema {theme}",
    "kp.meta_phase": "fase {phase}",
    "kp.meta_groups": "doelgroepen: {groups}",
    "kp.meta_published": "gepubliceerd {day}",
    "kp.links": "Cijfers van {kern}:",
    "kp.sources": "Meer lezen:",
    "kp.sources_unlinked": "Niet als link getoond (geen veilig https-adres): {addresses}",
    "kp.link_profile": "Kernprofiel",
    "kp.link_mijn_kern": "Mijn kern (werkplan)",
    "kp.link_deelname": "Deelname",
    "kp.overview_heading": "Overzicht van de resultaten",
    "kp.chart_title": "Items per thema en soort",
    "kp.axis.items": "Aantal items",
    "kp.axis.theme": "Thema",
    "kp.axis.kind": "Soort",
    "kp.table_title": "Items op het kennisplein",
    "kp.col.title": "Titel",
    "kp.col.kind": "Soort",
    "kp.col.theme": "Thema",
    "kp.col.phase": "Fase",
    "kp.col.groups": "Doelgroepen",
    "kp.col.published": "Gepubliceerd",
    "kp.col.score": "Zoekscore",
    "kp.col.body": "Tekst",
}
