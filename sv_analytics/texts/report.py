"""Texts of the report builder (sv_analytics/report/build.py) and the Rapport page."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # scope, title and cover
    "report.title": "{moment} — {scope}",
    "report.subtitle": "{where}, {period}",
    "report.figure_title": "{what} — {subtitle}",
    "report.where.gemeente": "gemeente {name}",
    "report.where.programma": "het programma ({n} kernen)",
    "report.programme_name": "Sociaal Vitaal in kleine kernen",
    "report.choice.moment": "Rapportage",
    "report.choice.kern": "Kern",
    "report.choice.gemeente": "Gemeente",
    "report.choice.programma": "Programma",
    "report.choice.period": "Periode",
    "report.choice.peildatum": "Peildatum",
    "report.choice.doelgroep": "Doelgroep",
    "report.choice.all_groups": "alle doelgroepen",
    "report.no_access": (
        "Geen toegang: dit rapport gaat over kernen buiten uw eigen kern of gemeente. U kunt alleen "
        "een rapport maken over de kernen die u in de app ziet."
    ),
    "report.unknown_kern": "Onbekende kern: {code}.",
    "report.unknown_gemeente": "Onbekende gemeente (of een gemeente zonder kernen in het programma): {code}.",
    "report.bad_request": "Een rapport gaat over één kern, één gemeente of het hele programma.",
    "report.unknown_moment": "Onbekend rapportagemoment: {code}.",
    "report.unknown_doelgroep": "Onbekende doelgroep: {code}.",
    "report.empty": "Geen gegevens voor deze periode.",
    "report.year_range": "{first}–{last}",
    # sections
    "report.section.kerncijfers": "Kerncijfers",
    "report.section.kaart": "Kernen op de kaart",
    "report.section.sociale_kaart": "Sociale kaart",
    "report.section.deelname": "Deelname",
    "report.section.werkplan": "Werkplan en doelen",
    "report.section.evaluatie": "Evaluatie",
    "report.section.wat_werkt": "Wat werkt waar",
    "report.section.voorbeelden": "Goede voorbeelden",
    "report.section.kanttekeningen": "Kanttekeningen",
    # 1 kerncijfers
    "report.metrics_title": "Kerncijfers — {subtitle}",
    "report.metrics_caption": (
        "Aantallen personen en activiteiten afgerond op vijftallen; 1 tot en met 4 staat als <5."
    ),
    "report.doelgroep_note": (
        "Alleen activiteiten voor de doelgroep {doelgroep} tellen mee (en doorverwijzingen voor die "
        "doelgroep)."
    ),
    # 2 kaart
    "report.map": "Kaart van de kernen, gekleurd naar bereik per 1.000 inwoners",
    "report.map_caption": (
        "De kleurklassen gelden voor alle kernen van het programma, zodat een kern in elk rapport "
        "dezelfde kleur heeft."
    ),
    "report.kern_table": "Kernen: activiteiten, deelnemers en doorverwijzingen",
    "report.sk_map": "Sociale kaart: organisaties en accommodaties",
    "report.sk_map_caption": "De sociale kaart beschrijft de kern op het moment van het rapport, niet een periode.",
    "report.no_map": "Geen kern met een bekende locatie: geen kaart.",
    # 3 deelname
    "report.trend_month": "Deelnemers per maand",
    "report.trend_quarter": "Deelnemers per kwartaal",
    "report.referrals_month": "Doorverwijzingen per maand",
    "report.referrals_quarter": "Doorverwijzingen per kwartaal",
    "report.volunteers": "Vrijwilligers per kwartaal",
    "report.breakdown": "Deelnemers per doelgroep (gemiddeld per maand)",
    "report.breakdown_caption": (
        "Een deelnemer kan tot meer doelgroepen horen, dus de staven tellen niet op tot het totaal "
        "(daarom naast elkaar en niet gestapeld)."
    ),
    "report.trend_caption": "Unieke deelnemers, nieuwe deelnemers en voorheen inactieven per {grain}.",
    "report.target_caption": "De stippellijn is het streefcijfer van de kern, verdeeld over de {grain}en van het jaar.",
    "report.grain.maand": "maand",
    "report.grain.kwartaal": "kwartaal",
    "report.no_deelname": "Geen deelname vastgelegd in deze periode.",
    # 4 werkplan
    "report.targets_chart": "Doelen: % van het streefcijfer gehaald",
    "report.targets_table": "Doelen en realisatie",
    "report.phase_table": "Werkplan per fase",
    "report.werkplan_kernen": "Werkplan en doelen per kern",
    "report.col.targets_total": "Doelen",
    "report.no_targets": "Geen doelen vastgelegd voor de jaren van deze periode.",
    "report.no_werkplan": "Geen werkplan vastgelegd.",
    # 5 evaluatie
    "report.eval_moment.tussentijds_2017": "tussentijdse evaluatie 2017",
    "report.eval_moment.eind_2018": "eindevaluatie 2018",
    "report.eval_scores": "Subdoelen: score bij de {moment}",
    "report.eval_counts": "Kernen per score en subdoel bij de {moment}",
    "report.eval_counts_caption": "Aantal kernen dat bij de evaluatie elke score gaf, per subdoel.",
    "report.eval_axis": "Kernen",
    "report.no_evaluation": "Geen evaluatie vastgelegd voor de {moment}.",
    "report.success": "Succesfactoren",
    "report.failure": "Faalfactoren",
    "report.factor_context": "Context: {text}",
    "report.factor_mechanism": "Mechanisme: {text}",
    "report.factor_outcome": "Uitkomst: {text}",
    "report.factor_meta": "{kern} · {category} · {phase}",
    "report.factor_more": "Nog {n} factoren staan op de pagina's Evaluatie en Wat werkt waar.",
    "report.no_factors": "Geen succes- of faalfactoren vastgelegd bij deze evaluatie.",
    # 6 wat werkt waar
    "report.wwk_title": "Wat werkt waar: {context} × {approach} → {outcome}",
    "report.wwk_few": (
        "Wat werkt waar vergelijkt groepen kernen. Dit rapport gaat over {n}; voor een vergelijking "
        "zijn per groep ten minste {min} kernen nodig. De vergelijking over alle kernen staat in het "
        "programmarapport en op de pagina Wat werkt waar."
    ),
    "report.wwk_marked": "Gemarkeerd: {cell}",
    "report.wwk_mean": "Gemiddeld {mean} {unit} over {n} kernen (95%-interval {low} – {high}).",
    "report.wwk_no_cause": "Een aanwijzing om verder te onderzoeken, geen bewijs van oorzaak.",
    "report.wwk_none_marked": "In dit beeld is geen verschil gemarkeerd.",
    # 7 goede voorbeelden
    "report.examples": "Goede voorbeelden en lessen uit het Kennisplein",
    "report.example_meta": "{kind} · {kern} ({gemeente}) · {theme} · {phase}",
    "report.example_links": "Bron: {links}",
    "report.examples_more": "Nog {n} voorbeelden staan op de pagina Kennisplein.",
    "report.no_examples": "Nog geen goede voorbeelden vastgelegd voor deze kernen.",
    # 8 kanttekeningen
    "report.caveats": "Kanttekeningen",
    "report.caveat_rounding": "Afgeronde delen tellen niet altijd op tot het afgeronde totaal.",
    "report.caveat_wwk": (
        "Wat werkt waar beschrijft samenhang tussen kernen, geen oorzaak en gevolg: een gemarkeerd "
        "verschil is een aanwijzing, geen bewijs."
    ),
    "report.caveat_targets": "Of een doel gehaald is, is beoordeeld op de datum waarop het rapport is gemaakt.",
    "report.definition": "{definition} Eenheid: {unit}.",
}
