"""Dutch UI strings of the page Evaluatie."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.evaluatie": "Evaluatie",
    "eval.title": "Evaluatie: hoe ver kwamen de kernen?",
    "eval.intro": (
        "Fase 4 van Sociaal Vitaal: bij de tussentijdse evaluatie (nov–dec 2017) en de eindevaluatie "
        "(nov–dec 2018) beoordeelt elke kern met de projectgroep hoe ver de drie subdoelen zijn bereikt "
        "(1 niet bereikt … 4 bereikt), hoe het werk georganiseerd is en of het na de subsidie doorgaat. "
        "Het zijn oordelen van de kernen zelf, geen metingen."
    ),
    # one kern
    "eval.kern_heading": "Subdoelen van {kern}",
    "eval.kern_caption": (
        "Per subdoel de score bij de tussentijdse evaluatie en bij de eindevaluatie. Lijnen die samenvallen "
        "zijn iets uit elkaar gezet; de score zelf staat in de tabel en in de tooltip."
    ),
    "eval.chart_kern": "{kern}: subdoelen 2017 → 2018",
    "eval.no_evaluation": "Voor {kern} is (nog) geen evaluatie ingevoerd.",
    "eval.structure_heading": "Organisatiestructuur en voortzetting na 2018",
    "eval.no_structure": "Voor {kern} is (nog) geen organisatiestructuur of voortzetting vastgelegd.",
    "eval.factors_heading": "Succes- en faalfactoren van {kern}",
    "eval.factors_caption": (
        "Wat de kern zelf noemde, per evaluatiemoment, met categorie en fase en waar gegeven "
        "context → mechanisme → uitkomst."
    ),
    "eval.no_factors": "{kern} noemde (nog) geen succes- of faalfactoren.",
    "eval.link_wat_werkt": "Factoren van alle kernen naast elkaar: Wat werkt waar",
    # all kernen
    "eval.overview_heading": "Alle kernen: subdoelen per evaluatiemoment",
    "eval.overview_caption": (
        "Voor het provinciaal overleg: elke rij is een kern (gegroepeerd per gemeente), elke kolom een "
        "subdoel; links de tussentijdse evaluatie 2017, rechts de eindevaluatie 2018."
    ),
    "eval.overview_gemeente": "Alleen de kernen van de gekozen gemeente.",
    "eval.chart_overview": "Subdoelen per kern: tussentijds 2017 en eind 2018",
    "eval.overview_empty": "Er zijn nog geen evaluaties ingevoerd voor deze selectie.",
    "eval.counts_heading": "Aantal kernen per score",
    "eval.continuity_heading": "Wie gaat door na 2018, en met welke structuur?",
    "eval.continuity_caption": (
        "Per kern de laatste evaluatie: de organisatiestructuur en of het werk na de subsidie doorgaat."
    ),
    "eval.continuity_counts": "Aantal kernen per structuur en voortzetting",
    "eval.continuity_kernen": "Per kern",
    "eval.no_score": "geen evaluatie",
    # values
    "eval.continues.ja": "ja",
    "eval.continues.nee": "nee",
    "eval.continues.onbekend": "nog onbekend",
    # columns and axes
    "eval.col.subgoal": "Subdoel",
    "eval.col.moment": "Moment",
    "eval.col.score": "Score (1–4)",
    "eval.col.judgement": "Oordeel",
    "eval.col.explanation": "Toelichting",
    "eval.col.date": "Datum",
    "eval.col.structure": "Organisatiestructuur",
    "eval.col.continues": "Doorgaan na 2018",
    "eval.col.summary": "Samenvatting",
    "eval.col.kind": "Soort",
    "eval.col.category": "Categorie",
    "eval.col.phase": "Fase",
    "eval.col.factor": "Factor",
    "eval.col.context": "Context",
    "eval.col.mechanism": "Mechanisme",
    "eval.col.outcome": "Uitkomst",
    "eval.col.evaluated": "Kernen met score",
    "eval.col.total": "Totaal",
    "eval.axis.kern": "Kern (gemeente)",
}
