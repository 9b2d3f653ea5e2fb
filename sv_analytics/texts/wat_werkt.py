"""Dutch UI strings of the page Wat werkt waar."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.wat_werkt": "Wat werkt waar",
    "wwk.title": "Wat werkt waar?",
    "wwk.intro": (
        "Welke aanpak hangt samen met welke uitkomst, in welke kernen en onder welke omstandigheden — "
        "voor {period}."
    ),
    # widgets
    "wwk.context_dim": "Omstandigheid (context)",
    "wwk.approach_dim": "Aanpak",
    "wwk.outcome": "Uitkomst",
    "wwk.category": "Categorie",
    "wwk.phase": "Fase",
    "wwk.all": "Alle",
    "wwk.phase_n": "Fase {n}",
    # heat map
    "wwk.heatmap_heading": "Aanpak × omstandigheid",
    "wwk.heatmap_caption": (
        "Per vak: het gemiddelde van de kernen, het aantal kernen (n) en het 95%-interval. Grijs met "
        "'n<3' = te weinig kernen om iets over te zeggen. De kolom 'alle kernen' vergelijkt de "
        "contextgroepen onderling; de andere kolommen vergelijken binnen een contextgroep de kernen "
        "met en zonder de aanpak."
    ),
    "wwk.marked_note": (
        "**Gemarkeerd** (dikke rand) = verschil groter dan toeval bij deze aantallen (p < 0,05), geen "
        "bewijs van oorzaak."
    ),
    "wwk.all_kernen": "alle kernen",
    "wwk.small": "n<3",
    "wwk.no_kernen": "geen kernen",
    "wwk.axis.mean": "Gemiddelde",
    "wwk.axis.per_1000": "Per 1.000 inwoners",
    "wwk.axis.n": "Kernen (n)",
    "wwk.axis.participants": "Deelnemers",
    "wwk.axis.interval": "Interval (95%)",
    "wwk.axis.marked": "Gemarkeerd",
    "wwk.groups_heading": "Groepen vergeleken",
    "wwk.groups_caption": (
        "Elke groep tegenover de andere kernen: aantal kernen, gemiddelde met interval, verschil en "
        "p-waarde van de permutatietoets."
    ),
    "wwk.by_context": "Naar omstandigheid: {dimension}",
    "wwk.by_approach": "Naar aanpak: {dimension}",
    # columns
    "wwk.col.group": "Groep",
    "wwk.col.context": "Omstandigheid",
    "wwk.col.approach": "Aanpak",
    "wwk.col.n": "Kernen (n)",
    "wwk.col.participants": "Deelnemers",
    "wwk.col.mean": "Gemiddelde",
    "wwk.col.interval": "Interval (95%)",
    "wwk.col.interval_low": "Interval (95%) ondergrens",
    "wwk.col.interval_high": "Interval (95%) bovengrens",
    "wwk.col.n_rest": "Overige kernen (n)",
    "wwk.col.mean_rest": "Gemiddelde overige",
    "wwk.col.difference": "Verschil",
    "wwk.col.p": "p",
    "wwk.col.marked": "Gemarkeerd",
    "wwk.col.small": "Te weinig kernen",
    "wwk.col.alike": "Lijkt vooral op",
    "wwk.col.category": "Categorie",
    "wwk.col.phase": "Fase",
    "wwk.col.kern_context": "Context van de kern",
    "wwk.col.year": "Jaar",
    "wwk.yes": "ja",
    "wwk.no": "nee",
    "wwk.kind.succes": "succesfactor",
    "wwk.kind.faal": "faalfactor",
    "wwk.moment.tussentijds_2017": "tussentijds 2017",
    "wwk.moment.eind_2018": "eind 2018",
    # similar kernen
    "wwk.similar_heading": "Vergelijkbare kernen",
    "wwk.similar_caption": (
        "De kernen die het meest op {kern} lijken: eerst kernen van dezelfde soort (dorp of stadswijk), "
        "daarbinnen de kleinste profielafstand in omvang, vergrijzing, bevolkingsontwikkeling en "
        "sportdeelname — dezelfde kernen als op Mijn kern —, met wat zij deden en bereikten. Kies de kern "
        "in de zijbalk."
    ),
    "wwk.similar_self": "{kern} zelf",
    # factors
    "wwk.factors_heading": "Succes- en faalfactoren",
    "wwk.factors_caption": (
        "Uit de evaluaties van de kernen, met waar gegeven context → mechanisme → uitkomst. Gegroepeerd "
        "naar de omstandigheid die hierboven is gekozen ({dimension})."
    ),
    "wwk.factor_counts": "Aantal factoren per categorie",
    "wwk.factors_group": "{group} ({n} factoren)",
    "wwk.no_factors": "Geen succes- of faalfactoren voor deze keuze.",
    # before / after
    "wwk.before_after_heading": "Voor en na: 2016, 2018 en 2019",
    "wwk.before_after_caption": (
        "Bereik per 1.000 inwoners per kalenderjaar, gemiddeld over de kernen van elke groep: nulmeting "
        "2016, laatste projectjaar 2018 en nameting 2019 (na de subsidie)."
    ),
    "wwk.chart_before_after": "Bereik per 1.000 inwoners per jaar",
    "wwk.before_after_kern_heading": "Per kern: {kern}",
    "wwk.before_after_kern_caption": (
        "{kern} naast het gemiddelde van de kernen in dezelfde groep ({dimension}) en van alle kernen. "
        "Kies de kern in de zijbalk; de tabel eronder geeft elke kern."
    ),
    "wwk.chart_before_after_kern": "{kern}: bereik per 1.000 inwoners per jaar",
    "wwk.series": "Reeks",
    "wwk.series_group": "gemiddelde groep '{group}'",
    "wwk.before_after_all_kernen": "Alle kernen: 2016, 2018 en 2019",
    "wwk.col.change_2016_2018": "Verandering 2016 → 2018",
    "wwk.col.change_2018_2019": "Verandering 2018 → 2019",
}
