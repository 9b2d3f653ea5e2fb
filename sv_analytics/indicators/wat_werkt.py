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
#: Comparisons: significance level (of the test and of the 95 % interval) and permutation draws.
ALPHA = 0.05
N_PERM = 5000
#: Fewest kernen a group needs for an interval and a mark: below it the cell is greyed, never marked.
MIN_N = 3
#: Groups of MIN_N..FEW_MAX kernen get an interval but are shown as "weinig kernen".
FEW_MAX = 5
#: Two-sided 95 % quantiles t(0,975; df) of Student's t-distribution for df = 1..30 (standard
#: tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2; tests/test_wat_werkt_honesty.py checks them
#: against a numerical integration of the t-density). No scipy: 22 kernen need df ≤ 21; larger
#: df use the Cornish–Fisher expansion (:func:`t_quantile_975`).
T_975 = {
    1: 12.706205, 2: 4.302653, 3: 3.182446, 4: 2.776445, 5: 2.570582, 6: 2.446912, 7: 2.364624,
    8: 2.306004, 9: 2.262157, 10: 2.228139, 11: 2.200985, 12: 2.178813, 13: 2.160369, 14: 2.144787,
    15: 2.131450, 16: 2.119905, 17: 2.109816, 18: 2.100922, 19: 2.093024, 20: 2.085963, 21: 2.079614,
    22: 2.073873, 23: 2.068658, 24: 2.063899, 25: 2.059539, 26: 2.055529, 27: 2.051831, 28: 2.048407,
    29: 2.045230, 30: 2.042272,
}  # fmt: skip
Z_975 = 1.959964


def t_quantile_975(df: int) -> float:
    """t(0,975; df): the table for df ≤ 30, else the Cornish–Fisher expansion around the normal
    quantile to the third order (error < 1e-5 from df 30 on)."""
    if df < 1:
        raise ValueError(f"Geen t-kwantiel voor {df} vrijheidsgraden")
    if df in T_975:
        return T_975[df]
    z = Z_975
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


#: How many comparable kernen Mijn kern and Wat werkt waar show (the brief: 3–5).
N_COMPARABLE = 4
#: Of the three context figures besides inhabitants (65+ share, growth, sporters), how many must
#: be known for both kernen before they are ranked as comparable (registry vergelijkbare_kernen_afstand).
MIN_KNOWN_CONTEXT = 2

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
        "behoud_6_maanden",
        "Nieuwe activiteiten die na 6 maanden nog lopen",
        "Deel van de nieuwe en vernieuwde doorlopende activiteiten van de kern, begonnen in de periode, die "
        "in hun zevende maand nog deelnemers hebben.",
        "activiteiten met deelnemers in maand 7 ÷ activiteiten waarvan maand 7 binnen de gegevens valt × 100 "
        "(alleen nieuw of vernieuwd, zonder evenementen, korte cursussen en workshops)",
        "%",
        MONITORING,
        "Behoud van aanbod, niet van personen: de monitoring telt geen personen, dus of dezelfde mensen "
        "na 6 maanden nog meedoen is niet te zien. Een kern met 1 of 2 nieuwe activiteiten kan alleen "
        "0 %, 50 % of 100 % halen. Evenementen, korte cursussen en workshops stoppen per opzet vóór maand 7 "
        "en tellen niet mee.",
    ),
    # ------------------------------------------------------------------------ method
    Indicator(
        "vergelijking_groepen",
        "Vergelijking van groepen kernen",
        "Per groep kernen het aantal kernen (n), het gemiddelde van de uitkomst en een 95%-interval: de "
        "marge waarbinnen het gemiddelde van vergelijkbare kernen waarschijnlijk ligt. Hoe minder kernen, "
        "hoe breder. Onder "
        f"{MIN_N} kernen staat er geen interval; bij {MIN_N} tot en met {FEW_MAX} kernen staat er 'weinig "
        "kernen'. Het verschil met de andere kernen wordt getoetst met een permutatietoets: hoe vaak een "
        "even groot verschil ontstaat als de kernen willekeurig over de groepen worden verdeeld. Een "
        f"verschil is gemarkeerd als dat minder dan {_nl(ALPHA * 100)} % van de keren gebeurt (p < "
        f"{_nl(ALPHA)}), beide kanten ten minste {MIN_N} kernen tellen, aanpak en omstandigheid in de "
        "gegevens te scheiden zijn en de uitkomst de aanpak niet zelf meetelt.",
        "interval: t-interval met scheefheidscorrectie (Hall, 1992): gemiddelde − s ÷ √n × g⁻¹(±t), "
        "met s de standaarddeviatie (n − 1), t het 97,5%-kwantiel van de t-verdeling met n − 1 "
        "vrijheidsgraden (tabel) en g(t) = t + a·t²/3 + a²·t³/27 + a/6, a = scheefheid ÷ √n; zonder "
        "scheefheid het gewone t-interval. p: tweezijdige permutatietoets op het verschil in gemiddelden, "
        f"{_nl(N_PERM)} permutaties, p = (1 + aantal minstens zo grote verschillen) ÷ (1 + permutaties); bij "
        "meer dan twee groepen elke groep tegen de rest met Bonferroni-correctie (α ÷ aantal groepen)",
        "groep",
        MONITORING,
        "Gecontroleerd met een simulatie zonder patroon (tests/test_wat_werkt_honesty.py): bij 3 tot 8 "
        "kernen bevat het interval het echte gemiddelde in ongeveer 90–95 % van de gevallen (bij sterk "
        "scheve uitkomsten, zoals veel kernen op 0, minder). Alle kernen met dezelfde waarde geven een "
        "interval van nul breed: dat is geen zekerheid. Met 22 kernen is een gemarkeerd verschil een "
        "aanwijzing, geen bewijs van een effect; 1 op de 20 vergelijkingen zonder werkelijk verschil wordt "
        "bij toeval gemarkeerd.",
    ),
    Indicator(
        "scheiding_aanpak_omstandigheid",
        "Aanpak en omstandigheid te scheiden",
        "Of de gegevens een aanpak los van een omstandigheid kunnen laten zien: elke combinatie van "
        f"omstandigheid en aanpak (bijvoorbeeld vergrijsd en ruim beweegaanbod) telt ten minste {MIN_N} "
        "kernen met een bekende uitkomst. Zo niet, dan vallen aanpak en omstandigheid (bijna) samen en "
        "wordt niets gemarkeerd.",
        f"kruistabel van het aantal kernen per omstandigheid × aanpak (bekende waarden); te scheiden als "
        f"geen cel minder dan {MIN_N} kernen telt",
        "aantal kernen",
        MONITORING,
        "Ook een te scheiden indeling toont samenhang, geen oorzaak: kernen verschillen op meer punten "
        "tegelijk dan de getoonde twee.",
    ),
    Indicator(
        "afhankelijke_uitkomst",
        "Uitkomst telt de aanpak deels mee",
        "Een uitkomst waarvan de berekening dezelfde gegevens gebruikt als de indeling naar aanpak "
        "(bijvoorbeeld het bereik van beweegactiviteiten bij de indeling 'ten minste twee "
        "beweegactiviteiten'). Een verschil tussen de aanpakgroepen ontstaat dan deels door de definitie; "
        "het wordt getoond maar nooit gemarkeerd.",
        "per paar (aanpak, uitkomst) vastgelegd in DEPENDENT (sv_analytics/indicators/wat_werkt.py) met de "
        "reden",
        "groep",
        MONITORING,
        "Vastgelegd per definitie, niet afgeleid uit de cijfers.",
    ),
    Indicator(
        "vergelijkbare_kernen_afstand",
        "Profielafstand",
        "Hoe sterk een kern in omvang, vergrijzing, bevolkingsontwikkeling en sportdeelname verschilt van de "
        "gekozen kern (0 = gelijk; geen afstand in kilometers). Vergelijkbaar zijn de "
        f"{N_COMPARABLE} kernen die het meest op de gekozen kern lijken: eerst kernen van dezelfde soort "
        "(dorp of buurtschap tegenover stadswijk), daarbinnen de kleinste profielafstand. Mijn kern en "
        "Wat werkt waar kiezen zo dezelfde kernen. Alleen kernen waarvan naast de inwoners ten minste "
        f"{MIN_KNOWN_CONTEXT} van de drie andere kenmerken bekend zijn, en die bij beide kernen, worden "
        "gerangschikt.",
        "Euclidische afstand tussen z-scores (over alle kernen) van ln(inwoners), aandeel 65+, "
        "bevolkingsgroei en aandeel wekelijkse sporters 18+; een ontbrekend kenmerk telt als gemiddeld "
        f"(z = 0). Alleen paren met ten minste {MIN_KNOWN_CONTEXT} gezamenlijk bekende kenmerken naast de "
        "inwoners. Volgorde: eerst dezelfde soort kern, dan de kleinste afstand",
        "standaarddeviaties",
        f"{KERNREGISTER}; {CBS}; {RIVM}",
        "Een stadswijk is geen dorp, hoe gelijk de cijfers ook zijn: een kern van de andere soort komt pas "
        "in beeld als er te weinig kernen van de eigen soort zijn (een wijk heeft drie andere wijken). De "
        "z-scores wegen elk kenmerk naar zijn spreiding over de kernen; ln(inwoners) laat een factor 2 in "
        "omvang even zwaar wegen voor kleine en grote kernen. Zonder cijfers over vergrijzing, "
        "bevolkingsontwikkeling of sportdeelname (bijvoorbeeld voordat de publieke cijfers zijn "
        "ingelezen) zou alleen de omvang tellen; dan worden geen kernen vergelijkbaar genoemd. De aanpak "
        "telt niet mee. Inwoners zijn een afgerond aantal van peiljaar 2025.",
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

# ---------------------------------------------------------------------------- definitional dependence
_BEWEGEN_COUNTED = (
    "De aanpak 'Ruim beweegaanbod' is een aantal beweegactiviteiten, en deze uitkomst telt de deelnemers "
    "van alle activiteiten, ook die beweegactiviteiten: een extra beweegactiviteit verhoogt de uitkomst "
    "vanzelf."
)
#: Approach–outcome pairs whose definitions share data (registry ``afhankelijke_uitkomst``): the
#: outcome partly counts what defines the approach, so a difference between the approach groups
#: arises partly by definition and is never marked. Keyed by (approach code, outcome code); the
#: value is the reason the page shows. Checked pair by pair against the definitions (query
#: wat_werkt_kernen for the approaches; overzicht.kern_overview, deelname.participation,
#: deelname.target_group_reach, deelname.baseline_comparison and query wat_werkt_retention for
#: the outcomes). Not dependent, after that check: shares and ratios that do not grow with the
#: number of activities (aandeel voorheen inactief, Verandering 2019, nieuwe activiteiten die
#: na 6 maanden nog lopen) against the activity-count approach; the membership form
#: (laagdrempelig), the BRAVO themes, the partner sectors and the chosen target groups, which
#: no outcome counts (a chosen target group is a werkplan choice, the target-group reach counts
#: participants from the group in any activity); the erkende interventie (whether one activity
#: names a recognised intervention: a property of the offer, not a number of activities or
#: participants — where it goes with kern size, the overlap check shows it).
DEPENDENT: dict[tuple[str, str], str] = {
    ("aanpak_beweegaanbod", "bewegen_bereik_per_1000"): (
        "De aanpak 'Ruim beweegaanbod' is 'ten minste "
        f"{BEWEGEN_MIN_ACTIVITIES} beweegactiviteiten' en deze uitkomst telt juist de deelnemers van "
        "beweegactiviteiten: een kern zonder beweegactiviteit heeft per definitie 0."
    ),
    ("aanpak_beweegaanbod", "bereik_per_1000"): _BEWEGEN_COUNTED,
    ("aanpak_beweegaanbod", "voorheen_inactief_per_1000"): _BEWEGEN_COUNTED,
    **{("aanpak_beweegaanbod", f"bereik_doelgroep_{code}"): _BEWEGEN_COUNTED for code in vocab.DOELGROEP},
    ("aanpak_doorverwijsnetwerk", "doorverwijzingen_per_1000"): (
        "Doorverwijzingen lopen via het doorverwijsnetwerk met zorgpartners: zonder netwerk is deze "
        "uitkomst (bijna) per definitie 0, dus de aanpak zit in de uitkomst."
    ),
    ("aanpak_doorgaan", "deelname_verandering_2019"): (
        "De aanpak 'Doorgaan na de subsidie' is de verwachting uit de eindevaluatie 2018 dat het werk "
        "na 2018 doorgaat; deze uitkomst meet of de deelname na 2018 doorging: twee keer hetzelfde, eerst "
        "als verwachting en dan als meting."
    ),
}
