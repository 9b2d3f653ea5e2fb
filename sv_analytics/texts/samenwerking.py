"""Dutch UI strings of the page Samenwerking."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.samenwerking": "Samenwerking",
    "smw.title": "Samenwerking",
    "smw.intro": (
        "Subdoel 2 en 3 van het programma: nieuwe of betere samenwerking tussen sport, zorg, welzijn, "
        "onderwijs en andere partijen, en een organisatie die blijft. Periode: {period}."
    ),
    # network
    "smw.network_heading": "Netwerk van samenwerkingsafspraken",
    "smw.peildatum": "Peildatum van het netwerk",
    "smw.network_caption": (
        "Bolletjes zijn organisaties uit de sociale kaart, gekleurd naar sector; grijze ruitjes zijn "
        "afspraken die op de peildatum liepen, met een lijn naar elke partij. Organisaties zonder "
        "lopende afspraak staan vaag. Schuif de peildatum om te zien hoe het netwerk groeide."
    ),
    "smw.chart_network": "Netwerk van {kern} op {peildatum}",
    "smw.no_organisations": "Voor {kern} is nog geen sociale kaart (organisaties) ingevoerd.",
    "smw.no_agreements": "{kern} had op {peildatum} nog geen lopende samenwerkingsafspraken.",
    "smw.agreements_heading": "Afspraken van {kern}",
    "smw.no_agreement_rows": "Voor {kern} zijn nog geen samenwerkingsafspraken vastgelegd.",
    "smw.legend_sector": "Sector",
    "smw.legend_agreement": "Afspraak",
    # pattern 3
    "smw.start_heading": "Doorverwijzingen en het doorverwijsnetwerk",
    "smw.start_caption": (
        "Doorverwijzingen per maand in {kern}. De verticale lijn is de datum waarop het "
        "doorverwijsnetwerk met zorgpartners (huisarts, fysiotherapie) werd getekend."
    ),
    "smw.chart_start": "Doorverwijzingen per maand in {kern}",
    "smw.rule_label": "Doorverwijsnetwerk getekend",
    "smw.network_signed": "Doorverwijsnetwerk met zorgpartners getekend op {day}; eerste doorverwijzingen in {month}.",
    "smw.network_signed_no_referrals": (
        "Doorverwijsnetwerk met zorgpartners getekend op {day}; nog geen doorverwijzingen geregistreerd."
    ),
    "smw.no_network": (
        "{kern} heeft geen doorverwijsnetwerk met zorgpartners; er zijn daar ook geen "
        "doorverwijzingen geregistreerd."
    ),
    "smw.no_network_but_referrals": (
        "{kern} heeft geen doorverwijsnetwerk met zorgpartners, maar er zijn wel doorverwijzingen "
        "geregistreerd (eerste in {month})."
    ),
    # flows
    "smw.flows_heading": "Doorverwijsstromen",
    "smw.flows_scope": "Doorverwijzingen van",
    "smw.scope_kern": "Alleen de gekozen kern",
    "smw.scope_gemeente": "Alle kernen van de gekozen gemeente",
    "smw.scope_all": "Alle kernen",
    "smw.flows_caption": (
        "Van de sector die doorverwijst (links), via de soort activiteit (midden), naar de doelgroep "
        "(rechts). De breedte van een band is evenredig met het aantal doorverwijzingen."
    ),
    "smw.chart_flows": "Doorverwijsstromen: {scope}, {period}",
    "smw.no_flows": "Voor deze periode en selectie zijn geen doorverwijsstromen geregistreerd.",
    "smw.flows_table": "Doorverwijzingen per stroom",
    # figures
    "smw.figures_heading": "Netwerkcijfers per kern",
    "smw.figures_caption": (
        "Partners, sectoren en lopende afspraken op {peildatum} (einde van de periode); "
        "doorverwijzingen in de periode. De gekozen kern ({kern}) staat bovenaan."
    ),
    # columns and axes
    "smw.col.kind": "Soort",
    "smw.col.description": "Omschrijving",
    "smw.col.start": "Start",
    "smw.col.end": "Einde",
    "smw.col.parties": "Partijen",
    "smw.col.from_sector": "Verwezen door",
    "smw.col.activity_kind": "Soort activiteit",
    "smw.col.partners": "Partners",
    "smw.col.sectors": "Sectoren",
    "smw.col.agreements": "Lopende afspraken",
    "smw.col.referrals_per_month": "Per maand",
    "smw.col.network_signed": "Netwerk getekend",
    "smw.col.first_referrals": "Eerste doorverwijzing",
    "smw.axis_month": "Maand",
    "smw.band_from": "Van",
    "smw.band_to": "Naar",
}
