"""Indicators of the area: Wat werkt, voor welke kern en onder welke omstandigheden (issue 5).

Every grouping of the kernen (context and approach), every outcome that is not defined elsewhere
and the comparison method are registered here. The thresholds are module constants, read both
by the registry texts below and by the code in :mod:`sv_analytics.wat_werkt`, so that a threshold
changes in one place. Outcomes already defined elsewhere are reused, not redefined:
``bereik_per_1000`` and ``aandeel_voorheen_inactief`` (indicators.deelname) and
``doorverwijzingen_per_1000`` (indicators.core).
"""

from __future__ import annotations

from sv_analytics import vocab
from sv_analytics.indicators.core import MONITORING, Indicator

# ---------------------------------------------------------------------------- thresholds
#: A kern with fewer registry inhabitants than this is "klein".
SMALL_KERN_INHABITANTS = 1500
#: 65+ share (%) from which a kern counts as vergrijsd (the same value as profile.AGEING_THRESHOLD_PCT).
AGEING_PCT = 25.0
#: Average yearly population growth (%) below which a kern is in krimp.
KRIMP_BELOW_PCT = 0.0
#: A kern with at least this many 'bewegen' activities has a "ruim beweegaanbod".
BEWEGEN_MIN_ACTIVITIES = 2
#: Share (%) of low-threshold activities above which a kern's offer counts as laagdrempelig.
LOW_THRESHOLD_ABOVE_PCT = 50.0
#: A kern with partners from at least this many sectors has a "brede samenwerking".
PARTNER_SECTORS_MIN = 9
#: A kern whose activities serve at least this many BRAVO themes besides Bewegen works "BRAVO-breed".
BRAVO_OTHER_THEMES_MIN = 3
#: Comparisons: significance level, fewest kernen per side, bootstrap and permutation draws.
ALPHA = 0.05
MIN_N = 3
N_BOOT = 2000
N_PERM = 5000
#: How many comparable kernen Mijn kern and Wat werkt waar show (the brief: 3–5).
N_COMPARABLE = 4

KERNREGISTER = "Kernregister (data/kernen.csv): inwoners TOP10NL, peiljaar 2025"
CBS = "CBS Kerncijfers wijken en buurten (per wijk, indeling 2017)"
RIVM = "RIVM/GGD Gezondheidsmonitor 2016 (kleine-gebiedsschattingen per wijk)"
GROUPING = (
    "Een indeling, geen oorzaak: kernen in een groep verschillen ook op andere punten (de vergrijsde "
    "kernen zijn ook de kleinste)."
)


def _nl(value: float) -> str:
    """A threshold the Dutch way in registry texts: 1.500, 0,05."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:g}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


ACTIVITIES = "Evenementen tellen niet mee: zij staan als één activiteit per editie in het werkboek."

INDICATORS: tuple[Indicator, ...] = (
    # ------------------------------------------------------------------------ context
    Indicator(
        "context_omvang",
        "Omvang van de kern",
        f"Klein: minder dan {_nl(SMALL_KERN_INHABITANTS)} inwoners; groot: {_nl(SMALL_KERN_INHABITANTS)} "
        "of meer (kernregister).",
        f"kern.inhabitants < {_nl(SMALL_KERN_INHABITANTS)} → klein, anders groot",
        "groep",
        KERNREGISTER,
        "Inwoners zijn een afgerond aantal van peiljaar 2025. " + GROUPING,
    ),
    Indicator(
        "context_vergrijzing",
        "Vergrijsde kern",
        f"Vergrijsd: het aandeel 65-plussers in de wijk van de kern is {AGEING_PCT:.0f}% of meer "
        "(het cijfer van het Kernprofiel).",
        f"aandeel 65+ ≥ {AGEING_PCT:.0f}% → vergrijsd, anders niet vergrijsd",
        "groep",
        CBS,
        "Cijfer van de hele CBS-wijk; in de demo fictief. " + GROUPING,
    ),
    Indicator(
        "context_krimp",
        "Krimp of groei",
        f"Krimp: de gemiddelde jaarlijkse bevolkingsontwikkeling van de wijk (Kernprofiel, 2016–2019) "
        f"is lager dan {KRIMP_BELOW_PCT:.0f}%; anders geen krimp.",
        f"bevolkingsgroei_pct < {KRIMP_BELOW_PCT:.0f} → krimp",
        "groep",
        CBS,
        "Zonder cijfers over twee jaren is de groep onbekend. " + GROUPING,
    ),
    Indicator(
        "context_sporters",
        "Sportdeelname in de wijk",
        "Minder sporters: het aandeel wekelijkse sporters (18+) in de wijk ligt onder de mediaan van de "
        "kernen; meer sporters: op of boven de mediaan.",
        "wekelijks_sporter_pct (18+, peiljaar 2016, een echte bron vóór de demobron) < mediaan van de "
        "kernen → minder sporters",
        "groep",
        RIVM,
        "Modelschattingen, geen enquêtegemiddelden per wijk; de mediaan hangt af van de kernen in de "
        "selectie. " + GROUPING,
    ),
    Indicator(
        "context_kern_type",
        "Soort kern",
        "Dorp, buurtschap of stadswijk, volgens het kernregister.",
        "kern.kern_type",
        "groep",
        KERNREGISTER,
        GROUPING,
    ),
    Indicator(
        "context_sporthal",
        "Sporthal in de kern",
        "Ja als de kern een accommodatie van het type sporthal heeft (tabel facility).",
        "aantal faciliteiten met type sporthal ≥ 1",
        "groep",
        MONITORING + ", blad Organisaties/accommodaties",
        GROUPING,
    ),
    # ------------------------------------------------------------------------ approach
    Indicator(
        "aanpak_aandeel_bewegen",
        "Aandeel beweegactiviteiten",
        "Deel van de activiteiten van de kern van de soort bewegen (wandelvoetbal, walking netball, "
        "beweegtuin, fietsmaatjes …).",
        "activiteiten van soort bewegen ÷ alle activiteiten (zonder evenementen) × 100",
        "%",
        MONITORING + ", blad Activiteiten",
        ACTIVITIES,
    ),
    Indicator(
        "aanpak_beweegaanbod",
        "Ruim beweegaanbod",
        f"Ja als de kern ten minste {BEWEGEN_MIN_ACTIVITIES} activiteiten van de soort bewegen heeft.",
        f"aantal activiteiten van soort bewegen ≥ {BEWEGEN_MIN_ACTIVITIES} → ja",
        "groep",
        MONITORING + ", blad Activiteiten",
        ACTIVITIES + " " + GROUPING,
    ),
    Indicator(
        "aanpak_laagdrempelig_pct",
        "Aandeel laagdrempelige lidmaatschappen",
        "Deel van de activiteiten met een flexibel of kortdurend lidmaatschap (strippenkaart, cursus).",
        "activiteiten met lidmaatschapsvorm flexibel of kortdurend ÷ alle activiteiten (zonder "
        "evenementen) × 100",
        "%",
        MONITORING + ", blad Activiteiten",
        ACTIVITIES,
    ),
    Indicator(
        "aanpak_laagdrempelig",
        "Laagdrempelig aanbod",
        f"Ja als meer dan {LOW_THRESHOLD_ABOVE_PCT:.0f}% van de activiteiten een flexibel of kortdurend "
        "lidmaatschap heeft.",
        f"aandeel laagdrempelige lidmaatschappen > {LOW_THRESHOLD_ABOVE_PCT:.0f}% → ja",
        "groep",
        MONITORING + ", blad Activiteiten",
        ACTIVITIES + " " + GROUPING,
    ),
    Indicator(
        "aanpak_doorverwijsnetwerk",
        "Doorverwijsnetwerk met zorgpartners",
        "Ja als de kern een afspraak van de soort doorverwijsnetwerk heeft met ten minste één partij uit "
        "de sector zorg of gezondheidszorg (huisarts, fysiotherapie …).",
        "bestaat er een agreement met kind = doorverwijsnetwerk en een agreement_party met sector ∈ "
        "{zorg, gezondheidszorg}",
        "groep",
        MONITORING + ", blad Afspraken",
        "De startdatum van het netwerk telt hier niet: een netwerk van maart 2018 geldt voor de hele "
        "periode. " + GROUPING,
    ),
    Indicator(
        "aanpak_partnersectoren",
        "Partnersectoren",
        "Aantal verschillende sectoren waaruit organisaties een rol in het project hebben of een afspraak "
        f"tekenden; brede samenwerking bij {PARTNER_SECTORS_MIN} of meer sectoren.",
        "aantal verschillende organisation.sector met een organisation_role of een agreement_party",
        "sectoren",
        MONITORING + ", bladen Organisaties en Afspraken",
        "Stadswijken hebben geen kerk of middenstand in de lijst: dit cijfer hangt sterk samen met het "
        "soort kern.",
    ),
    Indicator(
        "aanpak_doelgroepen",
        "Gekozen doelgroepen",
        "De doelgroepen die de kern in het werkplan koos, en hoeveel.",
        "rijen van kern_target_group voor de kern",
        "doelgroepen",
        MONITORING + ", blad Toelichting (werkplan)",
    ),
    Indicator(
        "aanpak_bravo_breed",
        "BRAVO-breed aanbod",
        f"Ja als de activiteiten van de kern samen ten minste {BRAVO_OTHER_THEMES_MIN} BRAVO-thema's naast "
        "Bewegen dienen (Roken, Alcohol, Veiligheid, Ontspanning), anders nee.",
        f"aantal verschillende activity_theme.bravo_theme ≠ bewegen over de activiteiten van de kern "
        f"≥ {BRAVO_OTHER_THEMES_MIN}",
        "groep",
        MONITORING + ", blad Activiteiten",
        f"{ACTIVITIES} Een thema telt mee zodra één activiteit het noemt, hoe klein ook.",
    ),
    Indicator(
        "aanpak_doorgaan",
        "Doorgaan na de subsidie",
        "Of de eindevaluatie 2018 verwacht dat het werk na de subsidie doorgaat (en met welke structuur).",
        "evaluation.continues_after_subsidy bij moment eind_2018",
        "groep",
        MONITORING + ", blad Evaluatie",
        "Een verwachting van de kern zelf, geen meting; leeg = nog onbekend.",
    ),
    # ------------------------------------------------------------------------ outcomes
    Indicator(
        "voorheen_inactief_per_1000",
        "Voorheen inactieven per 1.000 inwoners",
        "Nieuwe deelnemers die voordien inactief waren, naar verhouding van de grootte van de kern.",
        "Σ voorheen inactief in de periode × 1.000 ÷ inwoners van de kern",
        "per 1.000 inwoners",
        f"{MONITORING}; {KERNREGISTER}",
        "Zoals de aanbieder het bij inschrijving noteert. Per-1.000-cijfers van zeer kleine kernen "
        "schommelen sterk.",
    ),
    Indicator(
        "bewegen_bereik_per_1000",
        "Bereik beweegactiviteiten per 1.000 inwoners",
        "Deelnemers (indicator 'Deelnemers') aan activiteiten van de soort bewegen, per 1.000 inwoners.",
        "Deelnemers aan activiteiten van soort bewegen in de periode × 1.000 ÷ inwoners van de kern",
        "per 1.000 inwoners",
        f"{MONITORING}; {KERNREGISTER}",
        "Dubbeltellingen (één persoon in twee activiteiten) tellen mee. Kleine kernen schommelen sterk.",
    ),
    Indicator(
        "continuiteit_2019",
        "Continuïteit 2019",
        "Deelname in 2019 (na de subsidie) als deel van de deelname in 2018.",
        "Σ deelnemers per maand in 2019 ÷ Σ deelnemers per maand in 2018 (1 = even veel)",
        "verhouding",
        MONITORING,
        "Hetzelfde cijfer als 'Verandering 2019 t.o.v. 2018', als verhouding; leeg zonder deelname in 2018.",
    ),
    Indicator(
        "behoud_6_maanden",
        "Behoud na 6 maanden (benadering)",
        "Benadering van het vasthouden van deelnemers: per nieuwe activiteit de deelnemers in haar "
        "zevende maand gedeeld door het gemiddelde van haar eerste drie maanden, gemiddeld over de "
        "doorlopende nieuwe en vernieuwde activiteiten van de kern die in de periode begonnen.",
        "gemiddelde over activiteiten van deelnemers(maand 7) ÷ ((deelnemers maand 1 + 2 + 3) ÷ 3); "
        "een activiteit die vóór maand 7 stopte telt als 0; alleen activiteiten waarvan maand 7 binnen "
        "de gegevens valt",
        "verhouding",
        MONITORING,
        "Geen echt behoud: de monitoring telt geen personen, dus wie in maand 7 meedoet is niet "
        "noodzakelijk wie in maand 1–3 begon (nieuwe instroom telt mee). Valt maand 7 in juli of "
        "augustus, dan drukt de zomerdip het cijfer. Evenementen, korte cursussen en workshops tellen niet "
        "mee: zij stoppen per opzet vóór maand 7.",
    ),
    # ------------------------------------------------------------------------ method
    Indicator(
        "vergelijking_groepen",
        "Vergelijking van groepen kernen",
        "Per groep kernen het aantal kernen, het gemiddelde van de uitkomst en een "
        "95%-bootstrapinterval; het verschil met de andere kernen wordt getoetst met een permutatietoets. "
        f"Een verschil is gemarkeerd als p < {_nl(ALPHA)} en beide kanten ten minste {MIN_N} kernen tellen.",
        f"interval: percentielen 2,5 en 97,5 van {_nl(N_BOOT)} bootstrapgemiddelden (kernen trekken met "
        f"teruglegging); p: tweezijdige permutatietoets op het verschil in gemiddelden, {_nl(N_PERM)} "
        "permutaties, p = (1 + aantal minstens zo grote verschillen) ÷ (1 + permutaties); bij meer dan "
        "twee groepen elke groep tegen de rest met Bonferroni-correctie (α ÷ aantal groepen)",
        "groep",
        MONITORING,
        f"Groepen met minder dan {MIN_N} kernen krijgen een waarschuwing en worden nooit gemarkeerd. Met "
        "22 kernen is een gemarkeerd verschil een aanwijzing, geen bewijs van een effect; 1 op de 20 "
        "vergelijkingen zonder werkelijk verschil wordt bij toeval gemarkeerd.",
    ),
    Indicator(
        "vergelijkbare_kernen_afstand",
        "Profielafstand",
        "Hoe sterk een kern in omvang, vergrijzing, bevolkingsontwikkeling en sportdeelname verschilt van de "
        "gekozen kern (0 = gelijk; geen afstand in kilometers). Vergelijkbaar zijn de "
        f"{N_COMPARABLE} kernen die het meest op de gekozen kern lijken: eerst kernen van dezelfde soort "
        "(dorp of buurtschap tegenover stadswijk), daarbinnen de kleinste profielafstand. Mijn kern en "
        "Wat werkt waar kiezen zo dezelfde kernen.",
        "Euclidische afstand tussen z-scores (over alle kernen) van ln(inwoners), aandeel 65+, "
        "bevolkingsgroei en aandeel wekelijkse sporters 18+; een ontbrekend kenmerk telt als gemiddeld "
        "(z = 0). Volgorde: eerst dezelfde soort kern, dan de kleinste afstand",
        "standaarddeviaties",
        f"{KERNREGISTER}; {CBS}; {RIVM}",
        "Een stadswijk is geen dorp, hoe gelijk de cijfers ook zijn: een kern van de andere soort komt pas "
        "in beeld als er te weinig kernen van de eigen soort zijn (een wijk heeft drie andere wijken). De "
        "z-scores wegen elk kenmerk naar zijn spreiding over de kernen; ln(inwoners) laat een factor 2 in "
        "omvang even zwaar wegen voor kleine en grote kernen. De aanpak telt niet mee. Inwoners zijn een "
        "afgerond aantal van peiljaar 2025.",
    ),
    Indicator(
        "wwk_factoren",
        "Succes- en faalfactoren",
        "Aantal succes- en faalfactoren die kernen in hun evaluatie (tussentijds 2017, eind 2018) "
        "noemden, per categorie.",
        "aantal rijen van evaluation_factor per categorie en soort (succes, faal)",
        "factoren",
        MONITORING + ", blad Evaluatie",
        "Een factor die bij beide evaluatiemomenten genoemd is, telt twee keer. Wat kernen zelf noemen, "
        "geen meting.",
    ),
    # ------------------------------------------------------------------------ per target group
    *(
        Indicator(
            f"aanpak_doelgroep_{code}",
            f"Doelgroep gekozen: {name}",
            f"Ja als de kern '{name}' in haar werkplan als doelgroep koos, anders nee.",
            f"kern_target_group bevat ({code}) voor de kern",
            "groep",
            MONITORING + ", blad Toelichting (werkplan)",
            "Een keuze, geen bereik: ook kernen die de groep niet kozen, bereiken er mensen uit.",
        )
        for code, name in vocab.DOELGROEP.items()
    ),
    *(
        Indicator(
            f"bereik_doelgroep_{code}",
            f"Bereik doelgroep {name}",
            f"Deel van de geschatte groep '{name}' in de kern dat in de periode deelnam: het cijfer "
            "'Bereik doelgroep' van de pagina Deelname voor deze groep.",
            "Deelnemers uit de doelgroep (schatting) ÷ geschatte omvang doelgroep × 100",
            "%",
            f"{MONITORING}; {CBS}; {RIVM}",
            "Deling van twee schattingen: lees het als orde van grootte; leeg waar de omvang niet te "
            "schatten is.",
        )
        for code, name in vocab.DOELGROEP.items()
    ),
)
