"""Every indicator code the public importers write into table ``statistic``, with its unit.

Why a catalogue: the app's indicator registry (``sv_analytics.indicators``) and the pages
need one place that says what ``statistic.indicator`` can hold and in which unit. The
codes the demo generator uses (``demo.DemoGenerator.HEALTH`` and ``statistics()``) are kept
as they are, so real and fictional data are read by the same queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

RIVM = "RIVM/GGD Gezondheidsmonitor (StatLine 50090NED)"
KWB = "CBS Kerncijfers wijken en buurten"
PC4 = "CBS bevolking per postcode (PC4)"
TOP10NL = "Kadaster BRT TOP10NL"


@dataclass(frozen=True)
class PublicIndicator:
    """Name (Dutch), unit and the publishers an indicator can come from."""

    name: str
    unit: str
    sources: tuple[str, ...]


def _pct(name: str) -> PublicIndicator:
    return PublicIndicator(name, "%", (RIVM,))


_ALL: dict[str, PublicIndicator] = {
    # ---- population and households (counts)
    "inwoners": PublicIndicator("Inwoners", "aantal", (KWB, PC4, TOP10NL)),
    "inwoners_man": PublicIndicator("Inwoners, mannen", "aantal", (KWB, PC4)),
    "inwoners_vrouw": PublicIndicator("Inwoners, vrouwen", "aantal", (KWB, PC4)),
    "inwoners_pct": PublicIndicator("Aandeel van de inwoners in de leeftijdsgroep", "%", (KWB,)),
    "huishoudens": PublicIndicator("Huishoudens", "aantal", (KWB,)),
    "huishoudensgrootte_gem": PublicIndicator("Gemiddelde huishoudensgrootte", "personen", (KWB,)),
    "bevolkingsdichtheid": PublicIndicator("Bevolkingsdichtheid", "inwoners per km²", (KWB,)),
    "migratieachtergrond_westers": PublicIndicator(
        "Inwoners met westerse migratieachtergrond", "aantal", (KWB,)
    ),
    "migratieachtergrond_niet_westers": PublicIndicator(
        "Inwoners met niet-westerse migratieachtergrond", "aantal", (KWB,)
    ),
    "nederlandse_achtergrond_pct": PublicIndicator("Inwoners met Nederlandse achtergrond", "%", (PC4,)),
    "migratieachtergrond_westers_pct": PublicIndicator(
        "Inwoners met westerse migratieachtergrond", "%", (KWB, PC4)
    ),
    "migratieachtergrond_niet_westers_pct": PublicIndicator(
        "Inwoners met niet-westerse migratieachtergrond", "%", (KWB, PC4)
    ),
    # ---- housing, income, facilities
    "woningvoorraad": PublicIndicator("Woningvoorraad", "aantal", (KWB,)),
    "woz_waarde_gem": PublicIndicator("Gemiddelde WOZ-waarde van woningen", "x 1.000 euro", (KWB,)),
    "koopwoningen_pct": PublicIndicator("Koopwoningen", "%", (KWB,)),
    "huurwoningen_pct": PublicIndicator("Huurwoningen", "%", (KWB,)),
    "eengezinswoningen_pct": PublicIndicator("Eengezinswoningen", "%", (KWB,)),
    "aardgasverbruik_gem": PublicIndicator("Gemiddeld aardgasverbruik per woning", "m³", (KWB,)),
    "elektriciteitsverbruik_gem": PublicIndicator(
        "Gemiddeld elektriciteitsverbruik per woning", "kWh", (KWB,)
    ),
    "inkomen_per_inwoner": PublicIndicator("Gemiddeld inkomen per inwoner", "x 1.000 euro", (KWB,)),
    "arbeidsparticipatie_pct": PublicIndicator("Netto arbeidsparticipatie", "%", (KWB,)),
    "bedrijfsvestigingen": PublicIndicator("Bedrijfsvestigingen", "aantal", (KWB,)),
    "personenautos": PublicIndicator("Personenauto's", "aantal", (KWB,)),
    "afstand_huisarts_km": PublicIndicator("Gemiddelde afstand tot huisartsenpraktijk", "km", (KWB,)),
    "afstand_supermarkt_km": PublicIndicator("Gemiddelde afstand tot grote supermarkt", "km", (KWB,)),
    # ---- health (RIVM small-area estimates, % of the age group)
    "ervaren_gezondheid_goed_pct": _pct("Ervaren gezondheid goed of zeer goed"),
    "beweegrichtlijn_pct": _pct("Voldoet aan de beweegrichtlijn"),
    "wekelijks_sporter_pct": _pct("Wekelijkse sporters"),
    "overgewicht_pct": _pct("Overgewicht"),
    "ernstig_overgewicht_pct": _pct("Ernstig overgewicht (obesitas)"),
    "roker_pct": _pct("Rokers"),
    "zware_drinker_pct": _pct("Zware drinkers"),
    "overmatige_drinker_pct": _pct("Overmatige drinkers"),
    "chronisch_pct": _pct("Eén of meer langdurige aandoeningen"),
    "lichamelijke_beperking_pct": _pct("Eén of meer lichamelijke beperkingen"),
    "beperking_bewegen_pct": _pct("Beperking in bewegen"),
    "angst_depressie_risico_pct": _pct("Matig of hoog risico op angststoornis of depressie"),
    "hoog_risico_angst_depressie_pct": _pct("Hoog risico op angststoornis of depressie"),
    "regie_eigen_leven_pct": _pct("Matig of veel regie over eigen leven"),
    "eenzaam_pct": _pct("Eenzaam"),
    "ernstig_eenzaam_pct": _pct("Ernstig of zeer ernstig eenzaam"),
    "emotioneel_eenzaam_pct": _pct("Emotioneel eenzaam"),
    "sociaal_eenzaam_pct": _pct("Sociaal eenzaam"),
    "mantelzorger_pct": _pct("Mantelzorgers"),
    "vrijwilligerswerk_pct": _pct("Doet vrijwilligerswerk"),
    "actief_naar_school_werk_pct": _pct("Loopt en/of fietst naar school of werk"),
    "moeite_rondkomen_pct": _pct("Moeite met rondkomen"),
}

#: indicator code → name, unit and publishers; every code the public importers produce.
INDICATORS = MappingProxyType(_ALL)


def unit_of(indicator: str) -> str:
    """The unit stored with ``indicator`` (a KeyError here is a programming error)."""
    return INDICATORS[indicator].unit
