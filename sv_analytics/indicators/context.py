"""Indicators of the area: Context: CBS/RIVM-statistieken en doelgroepschattingen (Kernprofiel).

Two kinds of indicator live here. :data:`STATISTICS` are the codes of table ``statistic``:
every figure the public importers (CBS, RIVM, Kadaster), the workbook (status holders) and the
demo generator store, with the unit stored beside it — the one definition of each code, its
name and its unit. The importers' catalogue (``ingest/public/catalogue.py``) is derived from
them and from :data:`PUBLISHERS`. :data:`POPULATION` and :data:`ESTIMATES` are the figures the
page Kernprofiel computes from those rows. The health codes of :data:`HEALTH` are both: stored
and shown, so a figure on the page and its definition share one name.
"""

from __future__ import annotations

from types import MappingProxyType

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
    Indicator(
        "beweegrichtlijn_pct",
        "Voldoet aan de Beweegrichtlijnen 2017",
        "Aandeel dat voldoet aan de Beweegrichtlijnen 2017 van de Gezondheidsraad (volwassenen: minstens "
        "150 minuten per week matig intensief bewegen, verspreid over diverse dagen, én minstens twee keer "
        "per week spier- en botversterkende activiteiten, voor ouderen met balansoefeningen), gemeten zoals "
        "het RIVM de kernindicator Beweegrichtlijnen berekent. Per leeftijdsgroep (18+ en 65+) voor de wijk, "
        "de gemeente, Overijssel en Nederland; op waarstaatjegemeente.nl 19+.",
        "inwoners in de leeftijdsgroep die aan beide onderdelen van de richtlijn voldoen ÷ alle inwoners in "
        "de leeftijdsgroep × 100 (gewogen schatting; RIVM-methode)",
        "%",
        "RIVM/GGD'en/CBS, Gezondheidsmonitor Volwassenen en Ouderen 2016 (StatLine 50090NED, kleine-"
        "gebiedsschattingen per wijk); Gezondheidsraad, Beweegrichtlijnen 2017 (advies 2017/08)",
        "Nationale maatstaf voor bewegen. De meting van 2016 ging vooraf aan het advies van augustus 2017: "
        "het cijfer is volgens de nieuwe richtlijn berekend en niet te vergelijken met de oude Nederlandse "
        "Norm Gezond Bewegen (NNGB, 'beweegnorm'). " + SMAP,
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

# --------------------------------------------------------------------------- stored statistics
#: Publishers of the figures in table ``statistic``, as the importers' catalogue names them.
KWB = "CBS Kerncijfers wijken en buurten"
PC4 = "CBS bevolking per postcode (PC4)"
STATLINE = "RIVM/GGD Gezondheidsmonitor (StatLine 50090NED)"
TOP10NL = "Kadaster BRT TOP10NL"
GEMEENTE = "Opgave van de gemeente (werkboek, blad Statushouders)"
WSJG = "waarstaatjegemeente.nl (VNG), export in Swing-indeling"
#: Publishers whose files the public importers read (the workbook is not one of them).
PUBLIC_PUBLISHERS = (KWB, PC4, STATLINE, TOP10NL, WSJG)
PUBLISHED = "het gepubliceerde cijfer per gebied en jaar, zoals de bron het levert"
AREA_NOTE = (
    "Cijfer van het hele gebied (buurt, wijk, gemeente of postcode), niet van de kern alleen. "
    "Geheime of ontbrekende waarden zijn leeg."
)


def _area(
    code: str, name: str, definition: str, unit: str, *publishers: str
) -> tuple[Indicator, tuple[str, ...]]:
    """A figure of the CBS (or Kadaster) as stored per area: the indicator and who publishes it."""
    return Indicator(code, name, definition, PUBLISHED, unit, "; ".join(publishers), AREA_NOTE), publishers


def _more_health(code: str, name: str, definition: str) -> Indicator:
    """A Gezondheidsmonitor figure that is stored (and exported) but not shown on the Kernprofiel."""
    return Indicator(
        code, name, f"{definition} Per leeftijdsgroep.",
        "percentage van de inwoners in de leeftijdsgroep (gewogen schatting)", "%", RIVM, SMAP,
    )  # fmt: skip


#: Gezondheidsmonitor codes the RIVM importer stores beside :data:`HEALTH`.
MORE_HEALTH = (
    _more_health("ervaren_gezondheid_goed_pct", "Ervaren gezondheid goed of zeer goed",
                 "Aandeel dat de eigen gezondheid goed of zeer goed noemt."),
    _more_health("overmatige_drinker_pct", "Overmatige drinkers",
                 "Aandeel overmatige drinkers (meer dan 21 (mannen) of 14 (vrouwen) glazen per week)."),
    _more_health("lichamelijke_beperking_pct", "Eén of meer lichamelijke beperkingen",
                 "Aandeel met één of meer beperkingen in horen, zien of bewegen."),
    _more_health("beperking_bewegen_pct", "Beperking in bewegen", "Aandeel met een beperking in bewegen."),
    _more_health("hoog_risico_angst_depressie_pct", "Hoog risico op angststoornis of depressie",
                 "Aandeel met een hoog risico op een angststoornis of depressie (Kessler-10)."),
    _more_health("regie_eigen_leven_pct", "Matig of veel regie over eigen leven",
                 "Aandeel dat matig of veel regie over het eigen leven ervaart."),
    _more_health("ernstig_eenzaam_pct", "Ernstig of zeer ernstig eenzaam",
                 "Aandeel dat ernstig of zeer ernstig eenzaam is (De Jong-Gierveld-schaal)."),
    _more_health("emotioneel_eenzaam_pct", "Emotioneel eenzaam",
                 "Aandeel dat emotioneel eenzaam is (mist een hechte band)."),
    _more_health("sociaal_eenzaam_pct", "Sociaal eenzaam",
                 "Aandeel dat sociaal eenzaam is (mist een breder netwerk)."),
    _more_health("mantelzorger_pct", "Mantelzorgers", "Aandeel dat mantelzorg geeft."),
    _more_health("vrijwilligerswerk_pct", "Doet vrijwilligerswerk", "Aandeel dat vrijwilligerswerk doet."),
    _more_health("actief_naar_school_werk_pct", "Loopt en/of fietst naar school of werk",
                 "Aandeel dat lopend of fietsend naar school of werk gaat."),
    _more_health("moeite_rondkomen_pct", "Moeite met rondkomen",
                 "Aandeel dat moeite heeft om rond te komen van het inkomen van het huishouden."),
)  # fmt: skip

#: CBS and Kadaster figures per area, with their publishers.
_AREA = (
    _area("inwoners", "Inwoners", "Aantal inwoners van het gebied, totaal of per leeftijdsgroep.",
          "aantal", KWB, PC4, TOP10NL),
    _area("inwoners_man", "Inwoners, mannen", "Aantal mannelijke inwoners van het gebied.", "aantal", KWB, PC4),
    _area("inwoners_vrouw", "Inwoners, vrouwen", "Aantal vrouwelijke inwoners van het gebied.", "aantal", KWB, PC4),
    _area("inwoners_pct", "Aandeel van de inwoners in de leeftijdsgroep",
          "Aandeel van een leeftijdsgroep in alle inwoners van het gebied, zoals PDOK het afgerond publiceert.",
          "%", KWB),
    _area("huishoudens", "Huishoudens", "Aantal particuliere huishoudens in het gebied.", "aantal", KWB),
    _area("huishoudensgrootte_gem", "Gemiddelde huishoudensgrootte",
          "Gemiddeld aantal personen per particulier huishouden.", "personen", KWB),
    _area("bevolkingsdichtheid", "Bevolkingsdichtheid", "Aantal inwoners per km² land.", "inwoners per km²", KWB),
    _area("migratieachtergrond_westers", "Inwoners met westerse migratieachtergrond",
          "Aantal inwoners met een westerse migratieachtergrond.", "aantal", KWB),
    _area("migratieachtergrond_niet_westers", "Inwoners met niet-westerse migratieachtergrond",
          "Aantal inwoners met een niet-westerse migratieachtergrond.", "aantal", KWB),
    _area("nederlandse_achtergrond_pct", "Aandeel inwoners met Nederlandse achtergrond",
          "Aandeel inwoners met een Nederlandse achtergrond.", "%", PC4),
    _area("migratieachtergrond_westers_pct", "Aandeel inwoners met westerse migratieachtergrond",
          "Aandeel inwoners met een westerse migratieachtergrond.", "%", KWB, PC4),
    _area("migratieachtergrond_niet_westers_pct", "Aandeel inwoners met niet-westerse migratieachtergrond",
          "Aandeel inwoners met een niet-westerse migratieachtergrond.", "%", KWB, PC4),
    _area("woningvoorraad", "Woningvoorraad", "Aantal woningen in het gebied.", "aantal", KWB),
    _area("woz_waarde_gem", "Gemiddelde WOZ-waarde van woningen",
          "Gemiddelde WOZ-waarde van de woningen in het gebied.", "x 1.000 euro", KWB),
    _area("koopwoningen_pct", "Koopwoningen", "Aandeel koopwoningen in de woningvoorraad.", "%", KWB),
    _area("huurwoningen_pct", "Huurwoningen", "Aandeel huurwoningen in de woningvoorraad.", "%", KWB),
    _area("eengezinswoningen_pct", "Eengezinswoningen", "Aandeel eengezinswoningen in de woningvoorraad.",
          "%", KWB),
    _area("aardgasverbruik_gem", "Gemiddeld aardgasverbruik per woning",
          "Gemiddeld jaarlijks aardgasverbruik van een woning.", "m³", KWB),
    _area("elektriciteitsverbruik_gem", "Gemiddeld elektriciteitsverbruik per woning",
          "Gemiddeld jaarlijks elektriciteitsverbruik van een woning.", "kWh", KWB),
    _area("inkomen_per_inwoner", "Gemiddeld inkomen per inwoner",
          "Gemiddeld persoonlijk inkomen per inwoner.", "x 1.000 euro", KWB),
    _area("arbeidsparticipatie_pct", "Netto arbeidsparticipatie",
          "Aandeel werkzame personen in de bevolking van 15 tot 75 jaar.", "%", KWB),
    _area("bedrijfsvestigingen", "Bedrijfsvestigingen", "Aantal vestigingen van bedrijven in het gebied.",
          "aantal", KWB),
    _area("personenautos", "Personenauto's", "Aantal personenauto's van de inwoners.", "aantal", KWB),
    _area("afstand_huisarts_km", "Gemiddelde afstand tot huisartsenpraktijk",
          "Gemiddelde afstand over de weg van de inwoners tot de dichtstbijzijnde huisartsenpraktijk.", "km", KWB),
    _area("afstand_supermarkt_km", "Gemiddelde afstand tot grote supermarkt",
          "Gemiddelde afstand over de weg van de inwoners tot de dichtstbijzijnde grote supermarkt.", "km", KWB),
)  # fmt: skip

#: The sport yardsticks gemeenten report (BBV) and the sport sector uses, beside the health codes.
BBV = "waarstaatjegemeente.nl (VNG): BBV-beleidsindicator"
SPORT = (
    Indicator(
        "niet_wekelijks_sporter_pct",
        "Niet-wekelijkse sporters (BBV)",
        "Aandeel inwoners van 19 jaar en ouder dat niet minstens één keer per week sport: de verplichte "
        "beleidsindicator 'Niet-sporters' van het Besluit begroting en verantwoording (BBV, taakveld 5.1 "
        "Sportbeleid en activering), zoals gemeenten die op waarstaatjegemeente.nl naast hun provincie en "
        "Nederland zien.",
        "inwoners van 19+ die minder dan één keer per week sporten ÷ alle inwoners van 19+ × 100 (gewogen); "
        "zonder BBV-cijfer afgeleid als 100 − wekelijkse sporters 18+ (RIVM 50090NED), zo vermeld",
        "%",
        f"{BBV} 'Niet-sporters'; bron GGD'en/RIVM/CBS, Gezondheidsmonitor Volwassenen en Ouderen 2016",
        "Vierjaarlijkse meting (2012, 2016, 2020). Het afgeleide cijfer (18+, 50090NED) is een benadering: "
        "de BBV-indicator telt vanaf 19 jaar. Lager is beter. " + DEMO,
    ),
    Indicator(
        "sportvereniging_lid_pct",
        "Lid van een sportvereniging",
        "Aandeel van de inwoners dat lid is van een sportvereniging die is aangesloten bij een sportbond "
        "van NOC*NSF (lidmaatschappen per inwoner, zoals NOC*NSF de ledentallen per gemeente publiceert).",
        "lidmaatschappen van sportbonden van inwoners van het gebied ÷ alle inwoners × 100",
        "%",
        "NOC*NSF, ledentallen sportbonden (KISS) per gemeente (jaar volgens het bestand); via "
        "waarstaatjegemeente.nl of sportenbewegenincijfers.nl",
        "Telt lidmaatschappen, geen personen: wie lid is van twee bonden telt twee keer, en niet elke "
        "vereniging is bij een bond aangesloten. De landelijke kernindicator Clublidmaatschap (VTO, 6 jaar "
        "en ouder, 2018: 28%) is een enquêtecijfer en dus een andere maat. " + DEMO,
    ),
)

STATUS_HOLDERS = Indicator(
    "statushouders",
    "Statushouders in de kern",
    "Aantal vluchtelingen met een verblijfsvergunning (statushouders) dat in de kern woont, per jaar.",
    "het aantal dat de gemeente voor de kern opgeeft",
    "aantal",
    GEMEENTE,
    "Geen openbaar cijfer per kern; aantallen van 1–4 worden getoond als <5. " + DEMO,
)

#: Every code of table ``statistic``, with the unit stored beside it.
STATISTICS: tuple[Indicator, ...] = (
    *HEALTH, *MORE_HEALTH, *SPORT, *(i for i, _ in _AREA), STATUS_HOLDERS,
)  # fmt: skip
#: Code of table ``statistic`` → who publishes it (read by the importers' catalogue).
PUBLISHERS = MappingProxyType(
    {i.code: (STATLINE,) for i in (*HEALTH, *MORE_HEALTH)}
    | {"wekelijks_sporter_pct": (STATLINE, WSJG), "beweegrichtlijn_pct": (STATLINE, WSJG)}
    | {i.code: (WSJG,) for i in SPORT}
    | {i.code: publishers for i, publishers in _AREA}
    | {STATUS_HOLDERS.code: (GEMEENTE,)}
)

#: The indicators the page Kernprofiel shows, in the order of its definitions.
SHOWN: tuple[Indicator, ...] = POPULATION + HEALTH + SPORT + ESTIMATES
INDICATORS: tuple[Indicator, ...] = POPULATION + ESTIMATES + STATISTICS
