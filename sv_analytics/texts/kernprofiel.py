"""Dutch UI strings of the page Kernprofiel en doelgroepen."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.kernprofiel": "Kernprofiel en doelgroepen",
    "kernprofiel.title": "Kernprofiel en doelgroepen",
    "kernprofiel.intro": (
        "Wie wonen er in de kern, hoe gezond leven ze en hoe groot zijn de doelgroepen van Sociaal "
        "Vitaal? Kies bovenaan een kern. Onderaan staan alle kernen naast elkaar."
    ),
    "kernprofiel.no_kern": "Er staan nog geen kernen in de database (of niet in deze gemeente).",
    "kernprofiel.kern_heading": "{name} ({gemeente})",
    "kernprofiel.shared_wijk": (
        "De CBS-wijk {wijk} omvat meer dan deze kern: ook {others} ligt erin. De wijkcijfers op deze "
        "pagina gelden voor de hele wijk; de schattingen per kern rekenen ze om naar de inwoners van de kern."
    ),
    "kernprofiel.unknown_kern": "Kern '{kern}' staat niet in het kernregister van deze database.",
    "kernprofiel.warning.joined": (
        "Let op: {kern} is gekoppeld aan {code} uit de wijkindeling {link_year}, maar '{source}' "
        "gebruikt de indeling {source_year}."
    ),
    "kernprofiel.warning.renumbered": (
        " {reason}; {code} is in {source_year} een ander gebied. Deze cijfers zijn niet betrouwbaar voor deze kern."
    ),
    "kernprofiel.warning.unchecked": (
        " Niet gecontroleerd of deze code in beide indelingen hetzelfde gebied aanduidt."
    ),
    # 1. population
    "kernprofiel.population_heading": "1. Inwoners en leeftijdsopbouw",
    "kernprofiel.inhabitants_note": (
        "Inwoners van de kern: {source}, peiljaar {year}. De andere cijfers in dit blok gelden voor de "
        "hele wijk."
    ),
    "kernprofiel.population_note_wijk": "Leeftijdsopbouw van de hele wijk {area} in {year}. Bron: {source}.",
    "kernprofiel.population_note_gemeente": (
        "Leeftijdsopbouw van de hele gemeente {area} in {year}. Bron: {source}."
    ),
    "kernprofiel.population_gemeente": (
        "Er zijn geen CBS-wijkcijfers over inwoners in de database; hieronder staan de cijfers van de "
        "hele gemeente {gemeente}."
    ),
    "kernprofiel.no_population": (
        "Nog geen inwonercijfers per wijk of gemeente in de database. Lees de CBS Kerncijfers wijken "
        "en buurten in op de pagina Gegevens."
    ),
    "kernprofiel.age_title": "Leeftijdsopbouw {name} (wijk {area}, {year})",
    "kernprofiel.trend_heading": "**Inwoners van de wijk per jaar, {first}–{last}** (krimp of groei en vergrijzing)",
    # 2. health
    "kernprofiel.health_heading": "2. Gezondheid en leefstijl",
    "kernprofiel.health_note": (
        "Percentages van de inwoners van 18 jaar en ouder en van 65 jaar en ouder: de wijk van de kern "
        "naast de gemeente, Overijssel en Nederland (waar beschikbaar). Het zijn modelmatige "
        "kleine-gebiedsschattingen van het RIVM (Gezondheidsmonitor), geen metingen in de kern."
    ),
    "kernprofiel.age_choice": "Leeftijdsgroep in de grafiek",
    "kernprofiel.health_title": "Gezondheid en leefstijl {name}",
    "kernprofiel.no_health": (
        "Nog geen gezondheidscijfers (RIVM Gezondheidsmonitor) voor deze wijk of gemeente in de database."
    ),
    "kernprofiel.no_health_age": "Geen gezondheidscijfers voor deze leeftijdsgroep.",
    "kernprofiel.area.wijk": "Wijk {code}",
    "kernprofiel.area.wijk_named": "Wijk {name}",
    "kernprofiel.area.wijk_word": "Wijk",
    "kernprofiel.area.gemeente": "Gemeente {name}",
    "kernprofiel.area.provincie": "Overijssel",
    "kernprofiel.area.land": "Nederland",
    # 2b. sport yardsticks (sv_analytics.yardsticks; Deelname uses them too)
    "yardsticks.heading": "**Sport en bewegen naast de gemeente, Overijssel en Nederland**",
    "yardsticks.intro": (
        "De sportcijfers waarmee gemeenten hun beleid meten: de BBV-beleidsindicator niet-wekelijkse "
        "sporters (waarstaatjegemeente.nl), de Beweegrichtlijnen 2017 van de Gezondheidsraad (methode "
        "RIVM) en het lidmaatschap van sportverenigingen (NOC*NSF). Gebieden zonder cijfer staan als –."
    ),
    "yardsticks.title": "Sport en bewegen {name}: maatstaven",
    "yardsticks.none": (
        "Nog geen sportcijfers (Gezondheidsmonitor, waarstaatjegemeente.nl) voor dit gebied in de "
        "database. Lees ze in op de pagina Gegevens."
    ),
    "yardsticks.col.area": "{area} ({unit})",
    "yardsticks.derived_name": "{name} (afgeleid: 100 − wekelijkse sporters)",
    "yardsticks.derived_source": "afgeleid uit {source}",
    "yardsticks.source_year": "{source}: {years}",
    "yardsticks.note": (
        "Bronnen en jaren: {sources}. Percentages van de leeftijdsgroep; lidmaatschap: van alle "
        "inwoners. Bij niet-wekelijkse sporters is lager beter."
    ),
    "yardsticks.demo": "In de demodatabase zijn al deze cijfers fictief.",
    # 3. target groups
    "kernprofiel.groups_heading": "3. Doelgroepen: geschatte omvang",
    "kernprofiel.groups_note": (
        "**Schattingen, geen tellingen.** Omvang = inwoners van de leeftijdsgroep × het percentage in de "
        "wijk. Het aandeel in de wijk is toegepast op de {inhabitants} inwoners van {name} (kernregister); "
        "de kolom 'hele wijk' geldt voor de hele wijk. Statushouders: het aantal dat de gemeente opgeeft."
    ),
    "kernprofiel.groups_title": "Geschatte omvang van de doelgroepen in {name}",
    "kernprofiel.no_estimates": (
        "De doelgroepen zijn nog niet te schatten: er ontbreken inwoner- of gezondheidscijfers voor deze wijk."
    ),
    "kernprofiel.method.senioren": "inwoners 65+",
    "kernprofiel.method.chronisch": "18+ × % langdurige aandoening (18+)",
    "kernprofiel.method.psychisch": "18+ × % risico angst/depressie (18+)",
    "kernprofiel.method.overgewicht": "18+ × % overgewicht (18+)",
    "kernprofiel.method.statushouders": "opgave gemeente",
    "kernprofiel.chosen": "**Gekozen doelgroepen van de kern:** {groups}",
    "kernprofiel.none_chosen": "nog niet vastgelegd",
    "kernprofiel.facilities_heading": "**Accommodaties voor sport en bewegen**",
    "kernprofiel.no_facilities": "Nog geen accommodaties vastgelegd voor deze kern.",
    "kernprofiel.unknown_short": "?",
    "kernprofiel.yes": "ja",
    "kernprofiel.no": "nee",
    # 4. all kernen
    "kernprofiel.compare_heading": "4. Doelgroepen in alle kernen",
    "kernprofiel.compare_intro": (
        "Het geschatte aandeel van elke doelgroep in de inwoners, per kern (filter: gemeente). Oranje: "
        "hoger dan het gemiddelde van alle kernen van het programma, blauw: lager; de kleuren veranderen "
        "niet met het filter. Vergrijsde kernen (65+ ≥ 25%) staan bovenaan en vetgedrukt."
    ),
    "kernprofiel.heatmap_note": (
        "Getal in de cel: geschat aandeel van de inwoners (%), '?' = onbekend. Zwarte rand: doelgroep die "
        "de kern zelf koos. Schattingen uit wijkcijfers (CBS, RIVM); statushouders: opgave gemeente ÷ "
        "inwoners kern."
    ),
    "kernprofiel.compare_title": "Geschat aandeel van de doelgroepen per kern",
    "kernprofiel.no_comparison": "Nog geen cijfers om de kernen te vergelijken.",
    "kernprofiel.ageing_suffix": " · vergrijsd",
    "kernprofiel.growth_heading": "**Krimp en groei: bevolkingsontwikkeling per kern (% per jaar)**",
    "kernprofiel.growth_note": (
        "Gemiddelde jaarlijkse verandering van het aantal inwoners van de wijk van de kern. Vergrijsde "
        "dorpen krimpen, stadswijken groeien."
    ),
    "kernprofiel.no_growth": "Nog geen inwonercijfers over meerdere jaren.",
    "kernprofiel.group.ageing": "Vergrijsd (65+ ≥ 25%)",
    "kernprofiel.group.city": "Stadswijk",
    "kernprofiel.group.other": "Overig dorp",
    # short target-group names for the heat map's columns
    "kernprofiel.short.senioren": "Senioren (65+)",
    "kernprofiel.short.statushouders": "Statushouders",
    "kernprofiel.short.chronisch": "Chronisch ziek",
    "kernprofiel.short.psychisch": "Psychisch",
    "kernprofiel.short.overgewicht": "Overgewicht",
    # columns
    "kernprofiel.col.age_group": "Leeftijdsgroep",
    "kernprofiel.col.inhabitants": "Inwoners",
    "kernprofiel.col.share": "Aandeel",
    "kernprofiel.col.indicator": "Indicator",
    "kernprofiel.col.age": "Leeftijd",
    "kernprofiel.col.year": "Jaar",
    "kernprofiel.col.source": "Bron",
    "kernprofiel.col.doelgroep": "Doelgroep",
    "kernprofiel.col.chosen": "Gekozen door de kern",
    "kernprofiel.col.kern_estimate": "Geschat aantal in de kern",
    "kernprofiel.col.share_estimate": "Geschat aandeel van de inwoners",
    "kernprofiel.col.prevalence": "Percentage 18+",
    "kernprofiel.col.area_estimate_wijk": "Schatting hele wijk ({area})",
    "kernprofiel.col.area_estimate_gemeente": "Schatting hele gemeente ({area})",
    "kernprofiel.col.method": "Berekening",
    "kernprofiel.col.facility_type": "Soort",
    "kernprofiel.col.facility": "Accommodatie",
    "kernprofiel.col.share_65": "Aandeel 65+",
    "kernprofiel.col.growth": "Bevolkingsontwikkeling (% per jaar)",
    "kernprofiel.col.group_share": "{group} (%)",
    "kernprofiel.col.group_chosen": "{group}: gekozen",
    # chart axes and tooltips
    "kernprofiel.axis.year": "Jaar",
    "kernprofiel.axis.inhabitants": "Inwoners",
    "kernprofiel.axis.age_group": "Leeftijdsgroep",
    "kernprofiel.axis.percent": "Percentage",
    "kernprofiel.axis.area": "Gebied",
    "kernprofiel.axis.indicator": "Indicator",
    "kernprofiel.axis.source": "Bron",
    "kernprofiel.axis.kern": "Kern",
    "kernprofiel.axis.doelgroep": "Doelgroep",
    "kernprofiel.axis.share": "Geschat aandeel (%)",
    "kernprofiel.axis.chosen": "Gekozen door de kern",
    "kernprofiel.axis.deviation": "Verschil t.o.v. het gemiddelde van alle {n} kernen (procentpunt)",
    "kernprofiel.axis.group": "Soort kern",
    "kernprofiel.axis.share_65": "Aandeel 65+ (%)",
}
