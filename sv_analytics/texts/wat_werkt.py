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
    # first screen
    "wwk.summary": (
        "22 kernen laten zien wat samengaat, niet wat iets veroorzaakt. Een verschil wordt alleen "
        "gemarkeerd als de gegevens aanpak en omstandigheid kunnen scheiden, de uitkomst de aanpak niet "
        "meetelt en beide groepen genoeg kernen hebben."
    ),
    "wwk.honesty_more": "Wat 22 kernen wel en niet kunnen laten zien",
    "wwk.no_monitoring": (
        "Er zijn nog geen monitoringgegevens (deelname aan activiteiten) voor deze periode. Wat werkt "
        "waar vergelijkt uitkomsten tussen kernen en laat daarom nog niets zien. Laad de werkboeken van "
        "de kernen op de pagina Gegevens, of kies een andere periode."
    ),
    # what the data can separate
    "wwk.verdict_heading": "Eerst: kunnen deze gegevens de aanpak en de omstandigheid scheiden?",
    "wwk.overlap.sentence": (
        "Aanpak en omstandigheid vallen hier (bijna) samen ({cells}), dus deze gegevens kunnen niet "
        "laten zien of een verschil komt door ‘{approach}’ of door ‘{context}’ — daarom wordt niets "
        "gemarkeerd."
    ),
    "wwk.overlap.cell": "{context} × {approach}: {n}",
    "wwk.overlap.ok": (
        "Aanpak en omstandigheid zijn te scheiden: elke combinatie heeft ten minste {n} kernen."
    ),
    "wwk.overlap.caption": "Aantal kernen per combinatie: ‘{context}’ in de rijen, ‘{approach}’ in de kolommen.",
    "wwk.overlap.unknown": "{n} met een onbekende aanpak of omstandigheid tellen niet mee.",
    "wwk.overlap.title": "Kernen per omstandigheid en aanpak",
    "wwk.dependent": (
        "Deze uitkomst telt de aanpak deels mee: {reason} Een verschil tussen kernen met en zonder de "
        "aanpak zegt hier dus weinig en wordt niet gemarkeerd."
    ),
    "wwk.one_kern": "1 kern",
    "wwk.n_kernen": "{n} kernen",
    "wwk.col.overlap_group": "{group} (n kernen)",
    # heat map
    "wwk.heatmap_heading": "Aanpak × omstandigheid",
    "wwk.heatmap_table": "Aanpak × omstandigheid als tabel",
    "wwk.heatmap_caption": (
        "De kolom ‘alle kernen’ vergelijkt de omstandigheden onderling; de andere kolommen vergelijken "
        "binnen een omstandigheid de kernen met en zonder de aanpak."
    ),
    "wwk.legend.heading": "Zo leest u de kaart",
    "wwk.legend.cells": (
        "- **Kleur** en **groot getal**: het gemiddelde van de kernen in het vak.\n"
        "- **n**: het aantal kernen in het vak.\n"
        "- **Interval** (95%): waar het gemiddelde van zulke kernen waarschijnlijk ligt.\n"
        "- **Dikke zwarte rand**: gemarkeerd — het verschil is groter dan toeval bij deze aantallen "
        "waarschijnlijk maakt. Een aanwijzing, geen bewijs van oorzaak.\n"
        "- **Lichter met stippelrand**: weinig kernen ({low}–{high}), lees voorzichtig.\n"
        "- **Grijs**: minder dan {low} kernen — geen interval, nooit gemarkeerd."
    ),
    "wwk.reading.most": (
        "**In dit beeld:** in ‘{cell}’ zitten {n} kernen, gemiddeld {mean} {unit}; het interval "
        "{low} – {high} betekent dat het gemiddelde bij {n} kernen makkelijk ±{half} {diff_unit} kan "
        "schommelen. Een verschil tussen twee vakken dat kleiner is dan die schommeling, zegt weinig."
    ),
    "wwk.reading.fewest": "Bij {n} kernen (‘{cell}’) loopt het interval al van {low} tot {high}.",
    "wwk.cell": "{context} × {approach}",
    "wwk.cell_all": "{context}, alle kernen",
    "wwk.howto.heading": "Hoe lees ik dit?",
    "wwk.howto.body": (
        "**95%-interval.** Elk gemiddelde komt van een handvol kernen; met andere kernen van dezelfde "
        "soort was het anders uitgevallen. Het interval geeft de marge: in 95 van de 100 gevallen ligt "
        "het ‘echte’ gemiddelde van zulke kernen erbinnen. Hoe minder kernen, hoe breder het interval. "
        "Onder {low} kernen is geen eerlijk interval te geven; dan staat er geen.\n\n"
        "**Permutatietoets.** Om te zien of een verschil tussen twee groepen kernen toeval kan zijn, "
        "verdelen we de kernen duizenden keren willekeurig over de twee groepen en kijken hoe vaak "
        "dat een even groot verschil geeft.\n\n"
        "**p < 0,05.** Dat gebeurt dan in minder dan 5 van de 100 willekeurige verdelingen: toeval "
        "is een onwaarschijnlijke verklaring. Het vak of de rij is dan *gemarkeerd*. Let op: bij 20 "
        "vergelijkingen zonder echt verschil is er gemiddeld één gemarkeerd.\n\n"
        "**Weinig kernen.** Een groep van {low} tot {high} kernen: het interval is breed en één "
        "afwijkende kern verschuift het gemiddelde sterk. Minder dan {low} kernen: geen interval en "
        "nooit een markering.\n\n"
        "**Niet te scheiden.** Als (bijna) alle kernen met de aanpak ook in dezelfde omstandigheid "
        "zitten, weten we niet of een verschil door de aanpak of door de omstandigheid komt. Dan "
        "markeren we niets.\n\n"
        "**Telt de aanpak deels mee.** Soms is de uitkomst deels uit hetzelfde gemaakt als de aanpak: "
        "‘ruim beweegaanbod’ betekent meer beweegactiviteiten, en dus vanzelf meer deelnemers aan "
        "beweegactiviteiten. Zo’n verschil is geen resultaat van de aanpak en wordt niet gemarkeerd."
    ),
    "wwk.all_kernen": "alle kernen",
    "wwk.small": "te weinig",
    "wwk.few": "weinig kernen",
    "wwk.no_kernen": "geen kernen",
    "wwk.axis.mean": "Gemiddelde",
    "wwk.axis.n": "Kernen (n)",
    "wwk.axis.participants": "Deelnemers",
    "wwk.axis.interval": "Interval (95%)",
    "wwk.axis.marked": "Gemarkeerd",
    "wwk.unit.points": "%-punt",
    "wwk.blocked.overlap": "geen oordeel: niet te scheiden",
    "wwk.blocked.dependent": "geen oordeel: telt de aanpak mee",
    "wwk.blocked.small": "geen oordeel: te weinig kernen",
    "wwk.unknown_left_out": "niet vergeleken: onbekend",
    "wwk.note.small": "te weinig kernen (minder dan {n})",
    "wwk.note.few": "weinig kernen ({low}–{high})",
    "wwk.groups_heading": "Groepen vergeleken",
    "wwk.groups_caption": (
        "Elke groep tegenover de andere kernen: aantal kernen, gemiddelde met interval, verschil en "
        "p-waarde van de permutatietoets. Gemarkeerd alleen waar de gegevens het toelaten (zie boven)."
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
    "wwk.col.interval": "95%-interval",
    "wwk.col.interval_low": "95%-interval ondergrens",
    "wwk.col.interval_high": "95%-interval bovengrens",
    "wwk.col.n_rest": "Overige kernen (n)",
    "wwk.col.mean_rest": "Gemiddelde overige kernen",
    "wwk.col.difference": "Verschil",
    "wwk.col.p": "p",
    "wwk.col.marked": "Gemarkeerd",
    "wwk.col.note": "Let op",
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
        "bovenaan de pagina."
    ),
    "wwk.similar_self": "{kern} zelf",
    # Loket Gezond Leven
    "wwk.lgl_heading": "Erkende interventies (Loket Gezond Leven)",
    "wwk.lgl_caption": (
        "Activiteiten die een leefstijlinterventie uit de databank van Loket Gezond Leven uitvoeren, met "
        "het erkenningsniveau: van goed beschreven en goed onderbouwd tot eerste, goede of sterke "
        "aanwijzingen voor effectiviteit. Kies hieronder vanaf welk niveau."
    ),
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
        "Kies de kern bovenaan de pagina; de tabel eronder geeft elke kern."
    ),
    "wwk.chart_before_after_kern": "{kern}: bereik per 1.000 inwoners per jaar",
    "wwk.series": "Reeks",
    "wwk.series_group": "gemiddelde groep '{group}'",
    "wwk.before_after_all_kernen": "Alle kernen: 2016, 2018 en 2019",
    "wwk.col.change_2016_2018": "Verandering 2016 → 2018 (%)",
    "wwk.col.change_2018_2019": "Verandering 2018 → 2019 (%)",
}
