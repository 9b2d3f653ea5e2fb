"""Dutch UI strings of the page Mijn kern."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.mijn_kern": "Mijn kern",
    "mijn_kern.title": "Mijn kern: {kern}",
    "mijn_kern.intro": (
        "De voortgang van {kern} voor de projectleider: hoe staat het werkplan ervoor, worden de "
        "doelen gehaald, welke gegevens moeten nog worden aangeleverd en hoe doet {kern} het naast "
        "vergelijkbare kernen. Periode voor volledigheid en vergelijking: {period}."
    ),
    "mijn_kern.peildatum": "Peildatum",
    "mijn_kern.peildatum_help": (
        "De datum waarop het werkplan wordt beoordeeld: welke acties waren toen gereed en welke "
        "hadden al klaar moeten zijn."
    ),
    "mijn_kern.peildatum_why": "Peildatum {day}: waarom niet vandaag?",
    "mijn_kern.peildatum_note": (
        "**Peildatum {day}.** De monitoringgegevens gaan over 2016–2019; daarom wordt het werkplan "
        "niet op de datum van vandaag beoordeeld maar op de peildatum (standaard 31 december 2018, het "
        "einde van het project). Kies een eerdere datum om te zien hoe de kern er toen voor stond: een "
        "actie die later gereed kwam, telt dan nog als bezig."
    ),
    # headline
    "mijn_kern.of": "{n} van {total}",
    # werkplan
    "mijn_kern.werkplan_heading": "1. Werkplan per fase",
    "mijn_kern.werkplan_intro": (
        "Elke balk is een actie van het werkplan, van geplande start tot gepland einde; de kleur is de "
        "status op de peildatum, ◆ de datum waarop de actie gereed kwam. Achterstallige acties "
        "(gepland of bezig terwijl het geplande einde voorbij is) zijn rood omlijnd. Het werkplan wordt "
        "altijd helemaal getoond, los van de gekozen periode."
    ),
    "mijn_kern.werkplan_empty": "Voor deze kern is nog geen werkplan aangeleverd (blad Werkplan).",
    "mijn_kern.phase_heading": "Gepland en gereed per fase",
    "mijn_kern.phase_title": "Werkplan per fase — {kern}, peildatum {day}",
    "mijn_kern.overdue_heading": "Achterstallige acties",
    "mijn_kern.overdue_warning": "{n} actie(s) zijn op {day} achterstallig: gepland of bezig na het geplande einde.",
    "mijn_kern.overdue_title": "Achterstallige werkplanacties — {kern}, peildatum {day}",
    "mijn_kern.no_overdue": "Geen achterstallige acties op {day}.",
    # targets
    "mijn_kern.targets_heading": "2. Doelen en realisatie",
    "mijn_kern.targets_intro": (
        "De jaardoelen van de projectgroep naast wat er dat kalenderjaar werkelijk is gerealiseerd, "
        "met dezelfde definities als elders in het dashboard. Getoond: de jaren {years}."
    ),
    "mijn_kern.targets_empty": "Geen doelen voor de jaren van deze periode (blad Doelen).",
    "mijn_kern.targets_title": "Doelen en realisatie — {kern}",
    "mijn_kern.targets_note": (
        "Realisatie over het hele kalenderjaar; actieve vrijwilligers in het vierde kwartaal. "
        "Aantallen personen van 1 tot en met 4 staan als <5. Een jaar dat voorbij is, is beoordeeld: "
        "gehaald of niet gehaald (los van de peildatum). Alleen een jaar dat nog loopt, kan "
        "'nog niet gehaald' zijn."
    ),
    "mijn_kern.not_delivered": "niet aangeleverd",
    # completeness
    "mijn_kern.completeness_heading": "3. Volledigheid van de gegevens",
    "mijn_kern.completeness_intro": (
        "Wat moet {kern} nog aanleveren op de peildatum {day}? Verwacht worden de maanden van de "
        "programmaperiode ({calendar}) binnen de gekozen periode ({period}) die op de peildatum voorbij "
        "waren: {n} maanden. De lijsten van het werkboek gelden voor het hele project."
    ),
    "mijn_kern.completeness_none_owed": (
        "Op de peildatum {day} was nog geen maand van de programmaperiode ({calendar}) binnen de gekozen "
        "periode voorbij: er worden nog geen maandcijfers verwacht."
    ),
    "mijn_kern.periodic_heading": "Per maand en per kwartaal",
    "mijn_kern.records_heading": "Lijsten van het werkboek",
    "mijn_kern.check.deelname": "Deelname per maand",
    "mijn_kern.check.volunteers": "Vrijwilligers per kwartaal",
    "mijn_kern.check.referrals": "Doorverwijzingen per maand",
    "mijn_kern.check.months_of": "{n} van {total} maanden compleet",
    "mijn_kern.check.quarters_of": "{n} van {total} kwartalen aangeleverd",
    "mijn_kern.check.referral_months_of": "{n} van {total} maanden aangeleverd (sinds het doorverwijsnetwerk, {month})",
    "mijn_kern.check.missing": "ontbreekt: {items}",
    "mijn_kern.check.no_activities": (
        "geen activiteiten vastgelegd (blad Activiteiten), dus geen deelnamecijfers voor {months}"
    ),
    "mijn_kern.check.idle_months": "geen lopende activiteit vastgelegd in {months}",
    "mijn_kern.check.no_months": "niets verwacht: geen maand van deze periode was op de peildatum voorbij",
    "mijn_kern.check.no_quarters": "nog geen kwartaal voorbij op de peildatum",
    "mijn_kern.check.no_network": (
        "niet verwacht: geen getekend doorverwijsnetwerk vastgelegd (blad Afspraken); zonder netwerk telt een "
        "maand zonder doorverwijzingen als nul"
    ),
    "mijn_kern.check.network_later": "niet verwacht: het doorverwijsnetwerk begint pas op {day}",
    "mijn_kern.check.network_not_running": "niet verwacht: in deze maanden liep geen doorverwijsnetwerk",
    "mijn_kern.check.no_referral_rows": "geen regel voor {months}",
    "mijn_kern.check.zero_row": "had een maand geen doorverwijzingen, vul dan een regel met aantal 0 in",
    "mijn_kern.check.line_ok": ":green[:material/check_circle:] **{topic}** — {status}",
    "mijn_kern.check.line_missing": ":red[:material/cancel:] **{topic}** — {status}",
    "mijn_kern.check.line_not_expected": ":gray[:material/schedule:] **{topic}** — {status}",
    "mijn_kern.record.organisation": "Sociale kaart (blad Organisaties)",
    "mijn_kern.record.survey": "Enquête wensen en behoeften",
    "mijn_kern.record.werkplan": "Werkplan {year}",
    "mijn_kern.record.target": "Doelen {year}",
    "mijn_kern.record.evaluation_tussentijds_2017": "Tussentijdse evaluatie (nov–dec 2017)",
    "mijn_kern.record.evaluation_eind_2018": "Eindevaluatie (nov–dec 2018)",
    "mijn_kern.record.present_organisation": "aanwezig: {n} organisaties",
    "mijn_kern.record.present_survey": "aanwezig",
    "mijn_kern.record.present_werkplan": "aanwezig: {n} acties",
    "mijn_kern.record.present_target": "aanwezig: {n} doelen",
    "mijn_kern.record.present_evaluation": "aanwezig",
    "mijn_kern.record.not_yet": "nog niet verwacht (pas vanaf {day})",
    "mijn_kern.record.no_organisation": "ontbreekt: nog geen organisaties vastgelegd",
    "mijn_kern.record.no_survey": "ontbreekt: geen enquête vastgelegd",
    "mijn_kern.record.no_werkplan": "ontbreekt: geen werkplanacties voor dit jaar",
    "mijn_kern.record.no_target": "ontbreekt: geen doelen voor dit jaar",
    "mijn_kern.record.no_evaluation": "ontbreekt: geen evaluatie voor dit moment",
    "mijn_kern.range": "{first} t/m {last}",
    "mijn_kern.running_since": "sinds {month}",
    "mijn_kern.all_complete": "Alles wat op de peildatum verwacht werd, is aangeleverd.",
    "mijn_kern.gaps_heading": "Activiteiten zonder deelnamecijfers",
    "mijn_kern.gaps_title": "Ontbrekende deelnamecijfers — {kern}, {period}",
    "mijn_kern.months_expander": "Per maand: deelname, doorverwijzingen en vrijwilligers",
    "mijn_kern.months_title": "Volledigheid per maand — {kern}, peildatum {day}",
    "mijn_kern.definition_expander": "Zo wordt de volledigheid bepaald",
    "mijn_kern.cell.no_activities": "geen activiteiten vastgelegd",
    "mijn_kern.cell.idle": "geen lopende activiteit",
    "mijn_kern.cell.complete_of": "compleet ({n} van {n})",
    "mijn_kern.cell.partial": "{n} van {total} activiteiten",
    "mijn_kern.cell.not_expected": "niet verwacht",
    "mijn_kern.cell.delivered": "aangeleverd",
    "mijn_kern.cell.no_row": "geen regel",
    "mijn_kern.cell.missing": "ontbreekt",
    "mijn_kern.cell.quarter_open": "kwartaal nog niet voorbij",
    "mijn_kern.quarter": "{n}e kwartaal {year}",
    # comparison
    "mijn_kern.compare_heading": "4. {kern} naast vergelijkbare kernen",
    "mijn_kern.compare_intro": (
        "Vergelijkbaar zijn de {n} kernen die het meest op {kern} lijken: eerst kernen van dezelfde soort "
        "(dorp of stadswijk), daarbinnen de kleinste profielafstand in inwonertal, aandeel 65-plussers, "
        "bevolkingsontwikkeling en wekelijkse sporters. Wat werkt waar kiest dezelfde kernen. {kern} is een "
        "{kern_type} met {inhabitants} inwoners en {share} 65-plussers ({level}, {year})."
    ),
    "mijn_kern.compare_profiles": "Gekozen kernen",
    "mijn_kern.compare_profiles_title": "Vergelijkbare kernen van {kern}",
    "mijn_kern.compare_figures": "Cijfers over {period}",
    "mijn_kern.compare_figures_title": "{kern} naast vergelijkbare kernen, {period}",
    "mijn_kern.compare_empty": "Nog geen gegevens voor deze periode om kernen te vergelijken.",
    "mijn_kern.compare_note": (
        "Inwoners uit het kernregister (TOP10NL, afgerond op 50, peiljaar 2025). Aandeel 65+: {source}. "
        "Per-1.000-cijfers van zeer kleine kernen schommelen sterk."
    ),
    "mijn_kern.compare_level_note": (
        "Voor deze kern is geen wijkcijfer voor 65+ beschikbaar; het gemeentecijfer is gebruikt, "
        "waardoor kernen in dezelfde gemeente even oud lijken."
    ),
    "mijn_kern.own_kern": "eigen kern",
    # columns
    "mijn_kern.col.phase": "Fase",
    "mijn_kern.col.total": "Totaal",
    "mijn_kern.col.done_pct": "% gereed",
    "mijn_kern.col.overdue": "Achterstallig",
    "mijn_kern.col.action": "Actie",
    "mijn_kern.col.planned_end": "Gepland einde",
    "mijn_kern.col.status": "Status op peildatum",
    "mijn_kern.col.days_late": "Dagen over tijd",
    "mijn_kern.col.year": "Jaar",
    "mijn_kern.col.indicator": "Indicator",
    "mijn_kern.col.target": "Doel",
    "mijn_kern.col.realised": "Realisatie",
    "mijn_kern.col.pct_reached": "% van het doel",
    "mijn_kern.col.month": "Maand",
    "mijn_kern.col.activity": "Activiteit",
    "mijn_kern.col.runs": "Loopt",
    "mijn_kern.col.months_missing": "Maanden zonder deelnamecijfers",
    "mijn_kern.col.n_months": "Aantal maanden",
    "mijn_kern.col.deelname": "Deelname",
    "mijn_kern.col.referrals": "Doorverwijzingen",
    "mijn_kern.col.volunteers": "Vrijwilligers (kwartaal)",
    "mijn_kern.col.kern": "Kern",
    "mijn_kern.col.kern_type": "Type",
    "mijn_kern.col.share_level": "65+ op niveau",
    # charts
    "mijn_kern.chart.overdue": "achterstallig",
    "mijn_kern.chart.status_on": "Status op {day}",
    "mijn_kern.chart.planned": "Geplande periode",
    "mijn_kern.chart.done_on": "Gereed op",
    "mijn_kern.chart.peildatum": "peildatum",
    "mijn_kern.col.target_status": "Beoordeling",
    "mijn_kern.status.gehaald": "gehaald",
    "mijn_kern.status.niet_gehaald": "niet gehaald",
    "mijn_kern.status.nog_niet_gehaald": "nog niet gehaald (jaar loopt nog)",
    "mijn_kern.status.onbekend": "onbekend (niet aangeleverd)",
    "mijn_kern.chart.status.gehaald": "Gehaald",
    "mijn_kern.chart.status.niet_gehaald": "Niet gehaald",
    "mijn_kern.chart.status.nog_niet_gehaald": "Nog niet gehaald",
    "mijn_kern.chart.status.onbekend": "Onbekend",
    "mijn_kern.chart.own_kern": "Deze kern",
    "mijn_kern.chart.comparable": "Vergelijkbare kern",
}
