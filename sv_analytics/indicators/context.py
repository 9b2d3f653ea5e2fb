"""Indicators of the area: Context: CBS/RIVM-statistieken en doelgroepschattingen (Kernprofiel).

The health codes are the indicator codes of table ``statistic`` (as the RIVM importer and the
demo generator store them), so a figure on the page and its definition share one name.
"""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

CBS = "CBS Kerncijfers wijken en buurten (per wijk, indeling 2017)"
RIVM = "RIVM/GGD Gezondheidsmonitor Volwassenen en Ouderen (kleine-gebiedsschattingen per wijk)"
REGISTRY = "Kernregister (data/kernen.csv): TOP10NL Plaats (Kadaster, inwoners volgens CBS/BRP)"
DEMO = "In de demodatabase zijn alle contextcijfers fictief (bron 'Demo (fictief)')."
WIJK = (
    "Cijfer van de hele CBS-wijk waarin de kern ligt; de wijk kan meer omvatten dan de kern "
    "(Zenderen en Hertme delen één wijk). Zonder wijkcijfers wordt de gemeente getoond."
)
SMAP = (
    "Modelmatige kleine-gebiedsschattingen (SMAP) op basis van de Gezondheidsmonitor 2016, geen "
    "enquêtegemiddelden per wijk; de RIVM-bestanden gebruiken de wijkindeling van 2020 — voor "
    "Raalte (vernummerde wijkcodes) zijn de wijkcijfers niet betrouwbaar. " + DEMO
)
ESTIMATE = (
    "Schatting, geen telling: afgerond op tientallen. Het aandeel van de wijk wordt toegepast op de "
    "inwoners van de kern uit het kernregister (peiljaar 2025). " + DEMO
)
ADULTS = "18+ benaderd als 25–44 + 45–64 + 65+ + 0,7 × 15–24 (7 van de 10 geboortejaren van 15–24 zijn 18–24)"


def _health(code: str, name: str, definition: str) -> Indicator:
    return Indicator(
        code,
        name,
        f"{definition} Per leeftijdsgroep (18+ en 65+) voor de wijk, de gemeente, Overijssel en Nederland.",
        "percentage van de inwoners in de leeftijdsgroep (gewogen schatting)",
        "%",
        RIVM,
        SMAP,
    )


def _estimate(group: str, name: str, formula: str, source: str, caveats: str = ESTIMATE) -> Indicator:
    return Indicator(
        f"geschatte_doelgroep_{group}",
        f"Doelgroep {name.lower()} (schatting)",
        f"Geschat aantal inwoners van de kern dat tot de doelgroep {name.lower()} hoort.",
        formula,
        "personen (schatting)",
        source,
        caveats,
    )


HEALTH = (
    _health("wekelijks_sporter_pct", "Wekelijkse sporters", "Aandeel dat minstens één keer per week sport."),
    _health(
        "beweegrichtlijn_pct",
        "Voldoet aan de beweegrichtlijn",
        "Aandeel dat voldoet aan de Beweegrichtlijnen 2017 van de Gezondheidsraad.",
    ),
    _health("overgewicht_pct", "Overgewicht", "Aandeel met overgewicht (BMI 25 of hoger)."),
    _health(
        "ernstig_overgewicht_pct", "Ernstig overgewicht", "Aandeel met ernstig overgewicht (BMI 30 of hoger)."
    ),
    _health(
        "chronisch_pct",
        "Eén of meer langdurige aandoeningen",
        "Aandeel met één of meer langdurige (chronische) ziekten of aandoeningen.",
    ),
    _health(
        "angst_depressie_risico_pct",
        "Risico op angststoornis of depressie",
        "Aandeel met een matig of hoog risico op een angststoornis of depressie (Kessler-10).",
    ),
    _health("eenzaam_pct", "Eenzaam", "Aandeel dat (matig of ernstig) eenzaam is (De Jong-Gierveld-schaal)."),
    _health("roker_pct", "Rookt", "Aandeel dat rookt."),
    _health(
        "zware_drinker_pct",
        "Zware drinker",
        "Aandeel zware drinkers (minstens één keer per week 6 (mannen) of 4 (vrouwen) glazen op een dag).",
    ),
)

POPULATION = (
    Indicator(
        "inwoners_kern",
        "Inwoners van de kern",
        "Aantal inwoners van de kern zelf, volgens het kernregister.",
        "kern.inhabitants (afgerond op 50)",
        "personen",
        REGISTRY,
        "Peiljaar 2025, niet 2017; gebruikt om wijkaandelen om te rekenen naar de kern.",
    ),
    Indicator(
        "inwoners_wijk",
        "Inwoners van de wijk",
        "Aantal inwoners van de CBS-wijk van de kern in het peiljaar (2017 of het dichtstbijzijnde jaar).",
        "statistic 'inwoners', leeftijd 'totaal', opgeteld over de wijkcodes van de kern (kern_region 2017)",
        "personen",
        CBS,
        WIJK + " " + DEMO,
    ),
    Indicator(
        "inwoners_gemeente",
        "Inwoners van de gemeente",
        "Aantal inwoners van de gemeente van de kern; getoond als er geen wijkcijfers zijn.",
        "statistic 'inwoners', leeftijd 'totaal', niveau gemeente, peiljaar 2017 (of het dichtstbijzijnde jaar)",
        "personen",
        "CBS Kerncijfers wijken en buurten (per gemeente)",
        "De gemeente is veel groter dan de kern: alleen de aandelen (65+, doelgroepen) zeggen iets over de kern. "
        + DEMO,
    ),
    Indicator(
        "inwoners_leeftijdsgroep",
        "Inwoners per leeftijdsgroep",
        "Aantal inwoners van de wijk per leeftijdsgroep (0–14, 15–24, 25–44, 45–64, 65+).",
        "statistic 'inwoners' per leeftijdsgroep, opgeteld over de wijkcodes van de kern",
        "personen",
        CBS,
        WIJK + " " + DEMO,
    ),
    Indicator(
        "aandeel_leeftijdsgroep",
        "Aandeel leeftijdsgroep",
        "Aandeel van een leeftijdsgroep in alle inwoners van de wijk.",
        "inwoners van de leeftijdsgroep ÷ alle inwoners × 100",
        "%",
        CBS,
        WIJK + " " + DEMO,
    ),
    Indicator(
        "aandeel_65plus",
        "Aandeel 65-plussers",
        "Aandeel inwoners van 65 jaar en ouder in de wijk (vergrijzing). Vanaf 25% heet een kern "
        "op deze pagina vergrijsd.",
        "inwoners 65+ ÷ alle inwoners × 100, peiljaar 2017 (of het dichtstbijzijnde jaar)",
        "%",
        CBS,
        WIJK + " " + DEMO,
    ),
    Indicator(
        "bevolkingsgroei_pct",
        "Bevolkingsontwikkeling",
        "Gemiddelde jaarlijkse groei (+) of krimp (−) van het aantal inwoners van de wijk, 2016–2019.",
        "((inwoners laatste jaar ÷ inwoners eerste jaar)^(1 ÷ aantal jaren) − 1) × 100",
        "% per jaar",
        CBS,
        WIJK + " Gemeentecijfers (als wijkcijfers ontbreken) beslaan soms maar twee jaren. " + DEMO,
    ),
    Indicator(
        "inwoners_18plus_schatting",
        "Inwoners van 18 jaar en ouder (benadering)",
        "Benaderd aantal volwassenen in de wijk: CBS publiceert per wijk geen groep 18+.",
        ADULTS,
        "personen (schatting)",
        CBS,
        "Bij kernen waar jongeren wegtrekken voor studie iets te hoog (hooguit 0,1 × 15–24). " + DEMO,
    ),
)

ESTIMATES = (
    _estimate(
        "senioren",
        "Senioren (65+)",
        "inwoners kern × aandeel 65+ in de wijk; voor de hele wijk: inwoners 65+ (telling)",
        CBS,
    ),
    _estimate(
        "chronisch",
        "Chronische aandoening",
        f"inwoners kern × (18+ in de wijk × % met één of meer langdurige aandoeningen (18+) ÷ inwoners wijk); {ADULTS}",
        f"{RIVM}; {CBS}",
        ESTIMATE + " " + SMAP,
    ),
    _estimate(
        "psychisch",
        "Psychische problemen",
        f"inwoners kern × (18+ in de wijk × % met risico op angst of depressie (18+) ÷ inwoners wijk); {ADULTS}",
        f"{RIVM}; {CBS}",
        "Risico op angst of depressie is een benadering van psychische problemen. " + ESTIMATE + " " + SMAP,
    ),
    _estimate(
        "overgewicht",
        "Overgewicht",
        f"inwoners kern × (18+ in de wijk × % met overgewicht (18+) ÷ inwoners wijk); {ADULTS}",
        f"{RIVM}; {CBS}",
        "Kinderen met overgewicht tellen niet mee (geen wijkcijfers). " + ESTIMATE + " " + SMAP,
    ),
    _estimate(
        "statushouders",
        "Vluchtelingen / statushouders",
        "het aantal dat de gemeente voor de kern opgeeft (statistic 'statushouders', niveau kern); anders onbekend",
        "Opgave van de gemeente",
        "Geen schatting: er bestaat geen openbaar cijfer per kern voor 2017. Aantallen van 1–4 worden "
        "getoond als <5. " + DEMO,
    ),
    Indicator(
        "aandeel_doelgroep_pct",
        "Geschat aandeel van de doelgroep",
        "Geschat aandeel van de inwoners dat tot de doelgroep hoort (de waarde in de heatmap).",
        "geschatte omvang van de doelgroep in de wijk ÷ inwoners wijk × 100; statushouders: opgave "
        "gemeente ÷ inwoners kern × 100",
        "% van de inwoners",
        f"{CBS}; {RIVM}; opgave gemeente",
        "De kleur toont het verschil met het gemiddelde van de getoonde kernen (procentpunt). " + ESTIMATE,
    ),
)

INDICATORS: tuple[Indicator, ...] = POPULATION + HEALTH + ESTIMATES
