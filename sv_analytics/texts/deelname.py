"""Dutch UI strings of the page Deelname."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # short labels of the headline figures (one row at 1280 px; the full name is in the help)
    "deelname.metric.deelnemers": "Deelnemers",
    "deelname.metric.nieuwe_deelnemers": "Nieuw",
    "deelname.metric.aandeel_voorheen_inactief": "Voorheen inactief",
    "deelname.metric.doorverwijzingen": "Doorverwijzingen",
    "deelname.metric.vrijwilligers_actief": "Vrijwilligers",
    "deelname.metric.bereik_per_1000": "Bereik per 1.000 inwoners",  # the unit stays in the label
    "nav.deelname": "Deelname",
    "deelname.title": "Deelname",
    "deelname.intro": (
        "Deelnemers, nieuwe deelnemers, doorverwijzingen en vrijwilligers voor {period} — {scope}."
    ),
    "deelname.scope_all": "alle kernen in de selectie",
    "deelname.scope_kern": "kern {kern}",
    "deelname.doelgroep_note": (
        "Doelgroepfilter: alleen activiteiten gericht op **{doelgroep}** en doorverwijzingen voor "
        "deze doelgroep. Vrijwilligers gelden voor de hele kern."
    ),
    # page widgets
    "deelname.kern": "Kern in beeld",
    "deelname.all_kernen": "Alle kernen",
    "deelname.grain": "Tijdstap",
    "deelname.grain.maand": "Per maand",
    "deelname.grain.kwartaal": "Per kwartaal",
    "deelname.dimension": "Uitsplitsen naar",
    "deelname.dim.soort": "Soort activiteit",
    "deelname.dim.thema": "BRAVO-thema",
    "deelname.dim.doelgroep_aanbod": "Doelgroep van het aanbod",
    "deelname.dim.doelgroep": "Doelgroep van de deelnemers",
    "deelname.dim.leeftijd": "Leeftijdsklasse",
    "deelname.dim.geslacht": "Geslacht",
    # sections
    "deelname.trend_heading": "Verloop",
    "deelname.trend_caption": (
        "Per maand: deelnemers van die maand. Per kwartaal: deelnemers in het kwartaal (wie in de "
        "eerste maand meedeed plus wie er later bij kwam). Let op de zomerdip in juli en augustus."
    ),
    "deelname.chart_participants": "Deelnemers",
    "deelname.chart_referrals": "Doorverwijzingen",
    "deelname.chart_volunteers": "Vrijwilligers per kwartaal",
    "deelname.target_label": "Doel",
    "deelname.target_caption": (
        "Stippellijn: doel van de kern. Jaardoelen voor nieuwe deelnemers en doorverwijzingen "
        "zijn gelijk over het jaar verdeeld ({divisor}); het doel voor actieve vrijwilligers is een aantal."
    ),
    "deelname.target_divisor.maand": "÷ 12 per maand",
    "deelname.target_divisor.kwartaal": "÷ 4 per kwartaal",
    "deelname.no_referrals": "Geen doorverwijzingen in deze periode en selectie.",
    "deelname.no_volunteers": "Geen vrijwilligersgegevens in deze periode en selectie.",
    "deelname.volunteers_caption": "Vrijwilligers worden per kwartaal geteld, ook bij de tijdstap per maand.",
    "deelname.trend_table": "Verloop als tabel",
    "deelname.breakdown_heading": "Uitsplitsing",
    "deelname.breakdown_overlap": (
        "Let op: een deelnemer kan tot meer doelgroepen behoren en een activiteit kan meer thema's "
        "of doelgroepen hebben. De aantallen overlappen en de aandelen tellen op tot meer dan 100%."
    ),
    "deelname.breakdown_person_note": (
        "Van deelnemers naar doelgroep, leeftijd en geslacht zijn alleen aantallen per maand "
        "bekend; daarom staat hier het gemiddelde per maand."
    ),
    "inhabitants.note_own": "Per 1.000 inwoners van {year} ({source}): het jaar dat het cijfer beschrijft.",
    "inhabitants.note_other": (
        "Per 1.000 inwoners van peiljaar {year} ({source}): voor {described} is geen inwonertal "
        "van de kern zelf bekend."
    ),
    "deelname.reach_heading": "Bereik per 1.000 inwoners per kern",
    "deelname.reach_caption": (
        "Bereik per 1.000 inwoners maakt kernen van verschillende grootte vergelijkbaar. Bij een "
        "uitsplitsing naar soort activiteit, thema of doelgroep van het aanbod staat het bereik "
        "per categorie erbij (bijvoorbeeld Bewegen in vergrijsde kernen)."
    ),
    "deelname.compare_heading": "{kern} tegenover de andere kernen",
    "deelname.compare_caption": (
        "Per 1.000 inwoners. Grijze band: laagste tot hoogste van de andere {n} kernen; "
        "grijze lijn: hun mediaan."
    ),
    "deelname.compare_pick": "Kies bovenaan de pagina een kern om die met de andere kernen te vergelijken.",
    "deelname.compare_median": "Mediaan andere kernen",
    "deelname.compare_range": "Laagste–hoogste andere kernen",
    "deelname.baseline_heading": "Nulmeting 2016, project 2017–2018 en nameting 2019",
    "deelname.baseline_caption": (
        "Drie maten, elk met een eigen kolom. Bereik: deelnemers in het kalenderjaar per 1.000 "
        "inwoners (monitoring van de projectleiders). Deelnemermaanden: alle deelnemers per maand "
        "van het jaar opgeteld (monitoring); de verandering 2019 t.o.v. 2018 in % laat zien waar het "
        "werk na de subsidie doorgaat. Verwachting: wat de kern in de eindevaluatie van december "
        "2018 verwachtte, geen meting. Vaste kalenderjaren, los van het periodefilter; in 2016 "
        "liep alleen bestaand aanbod."
    ),
    "deelname.baseline_note": (
        "Deze tabel gebruikt vaste kalenderjaren (nulmeting, project, nameting); de gekozen periode geldt hier niet."
    ),
    "deelname.novelty.bestaand": "Bestaand",
    "deelname.novelty.nieuw_vernieuwd": "Nieuw of vernieuwd",
    "deelname.chart_novelty": "Bestaand en nieuw aanbod",
    "deelname.chart_baseline": "Bereik per kern",
    "deelname.yardsticks_heading": "Sport en bewegen naast de gemeente, Overijssel en Nederland",
    "deelname.yardsticks_caption": (
        "Publieke cijfers over alle inwoners (enquêtes van GGD/RIVM en de BBV-beleidsindicatoren), "
        "niet over de deelnemers hierboven: ze zetten {area} naast de maatstaven waarmee gemeenten "
        "hun sportbeleid meten. Een bereik per 1.000 inwoners en een percentage sporters zijn "
        "verschillende maten; vergelijk ze niet één op één."
    ),
    "deelname.yardsticks_area_kern": "de wijk van {kern}",
    "deelname.yardsticks_area_gemeente": "de gemeente",
    "deelname.yardsticks_area_all": "Overijssel",
    "deelname.yardsticks_title": "Sport en bewegen: maatstaven",
    "deelname.groups_heading": "Bereik van de doelgroepen",
    "deelname.groups_caption": (
        "Schatting: deelnemers uit de doelgroep ÷ geschatte omvang van de doelgroep in de kern. "
        "Lees de percentages als orde van grootte; zie de definities onderaan."
    ),
    # table columns
    "deelname.col.period": "Periode",
    "deelname.col.reach": "Deelnemers",
    "deelname.col.per_month": "Deelnemers per maand (gem.)",
    "deelname.col.share": "Aandeel",
    "deelname.col.per_1000": "Bereik (per 1.000 inwoners)",
    "deelname.col.inactive_pct": "Voorheen inactief",
    "deelname.col.per_1000_of": "{label} (per 1.000 inwoners)",
    "deelname.col.reach_year": "Bereik {year} (per 1.000 inwoners)",
    "deelname.col.months_year": "Deelnemermaanden {year}",
    "deelname.col.change_2019": "Deelnemermaanden 2019 t.o.v. 2018 (%)",
    "deelname.col.continues": "Verwachting kern (eindevaluatie 2018)",
    "deelname.continues_yes": "verwacht door te gaan",
    "deelname.continues_no": "verwacht terug te vallen",
    "deelname.col.group_people": "Deelnemers uit doelgroep",
    "deelname.col.group_size": "Geschatte omvang",
    "deelname.col.group_pct": "Bereik doelgroep",
    "deelname.reach_above_size": "meer deelnemers geschat dan de groep groot is: bereik onbekend",
    "deelname.col.estimate": "Schatting op basis van",
    "deelname.axis.per_1000": "Per 1.000 inwoners",
    "deelname.axis.count": "Aantal",
    "deelname.axis.period": "Periode",
    "deelname.axis.figure": "Cijfer",
}
