"""The closed lists of the domain: every code with its Dutch label.

One source of truth for the choices that the schema stores as codes, that the demo
generator draws from, that the workbook template offers as drop-down lists and that the
importers validate against. The database gets a copy in table ``lookup`` so that SQL can
join labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Vocabulary = Mapping[str, str]


def _vocab(*pairs: tuple[str, str]) -> Vocabulary:
    return MappingProxyType(dict(pairs))


KERN_TYPE = _vocab(("dorp", "Dorp"), ("buurtschap", "Buurtschap"), ("wijk", "Wijk"))

FACILITY_TYPE = _vocab(
    ("sporthal", "Sporthal"),
    ("sportpark", "Sportpark"),
    ("gymzaal", "Gymzaal"),
    ("dorpshuis", "Dorpshuis / wijkcentrum"),
    ("openbare_beweegruimte", "Openbare beweegruimte"),
    ("zwembad", "Zwembad"),
)

SECTOR = _vocab(
    ("sport", "Sport"),
    ("zorg", "Zorg"),
    ("gezondheidszorg", "Gezondheidszorg / eerstelijn"),
    ("welzijn", "Welzijn"),
    ("onderwijs", "Onderwijs"),
    ("kerk", "Kerk"),
    ("middenstand", "Middenstand"),
    ("gemeente", "Gemeente"),
    ("dorpsbelangen", "Dorpsbelangen"),
    ("cultuur", "Cultuur"),
    ("overig", "Overig"),
)

#: Sectors that count as care partners for the referral network.
CARE_SECTORS = frozenset({"zorg", "gezondheidszorg"})

ORG_ROLE = _vocab(
    ("aanbieder", "Aanbieder"),
    ("doorverwijzer", "Doorverwijzer"),
    ("accommodatie", "Accommodatie"),
    ("sponsor", "Sponsor"),
    ("projectgroep", "Lid projectgroep"),
)

AGREEMENT_KIND = _vocab(
    ("afspraak", "Afspraak"),
    ("convenant", "Convenant"),
    ("doorverwijsnetwerk", "Doorverwijsnetwerk"),
    ("werkgroep", "Werkgroep"),
)

AGREEMENT_STATUS = _vocab(
    ("in_voorbereiding", "In voorbereiding"),
    ("actief", "Actief"),
    ("beeindigd", "Beëindigd"),
)

ACTIVITY_KIND = _vocab(
    ("sport", "Sport"),
    ("bewegen", "Bewegen"),
    ("leefstijl", "Leefstijl"),
    ("workshop", "Workshop"),
    ("korte_cursus", "Korte cursus"),
    ("evenement", "Evenement"),
)

NOVELTY = _vocab(("nieuw", "Nieuw"), ("vernieuwd", "Vernieuwd"), ("bestaand", "Bestaand"))

MEMBERSHIP_FORM = _vocab(
    ("regulier", "Regulier lidmaatschap"),
    ("flexibel", "Flexibel lidmaatschap"),
    ("kortdurend", "Kortdurend (strippenkaart, cursus)"),
    ("omni", "Omnilidmaatschap"),
)

BRAVO_THEME = _vocab(
    ("bewegen", "Bewegen"),
    ("roken", "Roken"),
    ("alcohol", "Alcohol"),
    ("veiligheid", "Veiligheid"),
    ("ontspanning", "Ontspanning"),
)

DOELGROEP = _vocab(
    ("senioren", "Senioren (65+)"),
    ("statushouders", "Vluchtelingen / statushouders"),
    ("chronisch", "Chronische aandoening"),
    ("psychisch", "Psychische problemen"),
    ("overgewicht", "Overgewicht"),
)

AGE_BAND = _vocab(
    ("0-17", "0–17 jaar"),
    ("18-44", "18–44 jaar"),
    ("45-64", "45–64 jaar"),
    ("65-74", "65–74 jaar"),
    ("75+", "75 jaar en ouder"),
)

SEX = _vocab(("man", "Man"), ("vrouw", "Vrouw"))

BREAKDOWN_DIMENSION = _vocab(
    ("doelgroep", "Doelgroep"), ("leeftijd", "Leeftijdsklasse"), ("geslacht", "Geslacht")
)

REFERRAL_SECTOR = _vocab(
    ("huisarts", "Huisarts"),
    ("poh", "Praktijkondersteuner (POH)"),
    ("fysiotherapeut", "Fysiotherapeut"),
    ("wijkteam", "Wijkteam / sociaal team"),
    ("welzijn", "Welzijn"),
    ("thuiszorg", "Thuiszorg"),
    ("overig", "Overig"),
)

PHASE = _vocab(("1", "1 Verkenning"), ("2", "2 Organisatie"), ("3", "3 Uitvoering"), ("4", "4 Evaluatie"))

WERKPLAN_STATUS = _vocab(
    ("gepland", "Gepland"), ("bezig", "Bezig"), ("gereed", "Gereed"), ("vervallen", "Vervallen")
)

EVALUATION_MOMENT = _vocab(
    ("tussentijds_2017", "Tussentijds (nov–dec 2017)"),
    ("eind_2018", "Eindevaluatie (nov–dec 2018)"),
)

SUBGOAL = _vocab(
    ("1", "1 Inzicht in wensen en behoeften"),
    ("2", "2 Nieuwe of verbeterde samenwerking"),
    ("3", "3 Duurzame organisatiestructuur"),
)

SUBGOAL_SCORE = _vocab(
    ("1", "Niet bereikt"), ("2", "Deels bereikt"), ("3", "Grotendeels bereikt"), ("4", "Bereikt")
)

STRUCTURE = _vocab(
    ("bestaand_uitgebreid", "Bestaande structuur uitgebreid"),
    ("nieuw", "Nieuwe structuur"),
    ("geen", "Nog geen structuur"),
)

FACTOR_KIND = _vocab(("succes", "Succesfactor"), ("faal", "Faalfactor"))

FACTOR_CATEGORY = _vocab(
    ("draagvlak", "Draagvlak"),
    ("samenwerking", "Samenwerking"),
    ("vrijwilligers", "Vrijwilligers"),
    ("accommodatie", "Accommodatie"),
    ("communicatie", "Communicatie"),
    ("financiering", "Financiering"),
    ("projectleiding", "Projectleiding"),
    ("doelgroepbereik", "Doelgroepbereik"),
)

SURVEY_QUESTION = _vocab(
    ("leeftijd", "Respondenten per leeftijdsgroep"),
    ("wens_activiteit", "Gewenste activiteit"),
    ("voorkeursmoment", "Voorkeursmoment"),
    ("belemmering", "Belemmering"),
)

KENNIS_KIND = _vocab(("goede_praktijk", "Goede praktijk"), ("les", "Geleerde les"))

#: The recognition levels of the erkenningstraject of Loket Gezond Leven (RIVM Centrum Gezond
#: Leven) for lifestyle interventions, from the lowest to the highest; the order is the order
#: of the evidence, so "at least Goed onderbouwd" is a comparison of positions. Wording as
#: loketgezondleven.nl uses it (checked for issue 13): "Goed beschreven" (assessed by practitioners,
#: page leefstijlinterventies/erkenningstraject/werkwijze-beoordeling), then "Goed
#: onderbouwd (niveau I)", "Eerste aanwijzingen voor effectiviteit (niveau II)", "Goede
#: aanwijzingen voor effectiviteit (niveau III)" and "Sterke aanwijzingen voor effectiviteit
#: (niveau IV)" (page leefstijlinterventies/interventies-zoeken-algemeen/
#: recent-erkende-interventies). Stored on an activity as the level its intervention has.
RECOGNITION_LEVEL = _vocab(
    ("goed_beschreven", "Goed beschreven"),
    ("goed_onderbouwd", "Goed onderbouwd"),
    ("eerste_aanwijzingen", "Eerste aanwijzingen voor effectiviteit"),
    ("goede_aanwijzingen", "Goede aanwijzingen voor effectiviteit"),
    ("sterke_aanwijzingen", "Sterke aanwijzingen voor effectiviteit"),
)

#: The lowest level that counts as a recognised, theoretically sound intervention: Loket
#: Gezond Leven groups "Goed onderbouwd" and the three effectiveness levels as "niveau I tot
#: en met IV"; "Goed beschreven" is assessed on description and feasibility only.
RECOGNISED_FROM = "goed_onderbouwd"

REGION_LEVEL = _vocab(
    ("land", "Land"),
    ("provincie", "Provincie"),
    ("gemeente", "Gemeente"),
    ("wijk", "Wijk"),
    ("buurt", "Buurt"),
    ("kern", "Kern"),
    ("pc4", "Postcode (4 cijfers)"),
)

STAT_AGE_GROUP = _vocab(
    ("totaal", "Alle leeftijden"),
    ("0-14", "0–14 jaar"),
    ("15-24", "15–24 jaar"),
    ("25-44", "25–44 jaar"),
    ("45-64", "45–64 jaar"),
    ("65+", "65 jaar en ouder"),
    ("18+", "18 jaar en ouder"),
    ("18-64", "18–64 jaar"),
    ("19+", "19 jaar en ouder"),  # the BBV sport indicators (waarstaatjegemeente.nl)
)

#: Every list by the name stored in ``lookup.list_name``.
ALL: Mapping[str, Vocabulary] = MappingProxyType(
    {
        "kern_type": KERN_TYPE,
        "facility_type": FACILITY_TYPE,
        "sector": SECTOR,
        "org_role": ORG_ROLE,
        "agreement_kind": AGREEMENT_KIND,
        "agreement_status": AGREEMENT_STATUS,
        "activity_kind": ACTIVITY_KIND,
        "novelty": NOVELTY,
        "membership_form": MEMBERSHIP_FORM,
        "bravo_theme": BRAVO_THEME,
        "doelgroep": DOELGROEP,
        "age_band": AGE_BAND,
        "sex": SEX,
        "breakdown_dimension": BREAKDOWN_DIMENSION,
        "referral_sector": REFERRAL_SECTOR,
        "phase": PHASE,
        "werkplan_status": WERKPLAN_STATUS,
        "evaluation_moment": EVALUATION_MOMENT,
        "subgoal": SUBGOAL,
        "subgoal_score": SUBGOAL_SCORE,
        "structure": STRUCTURE,
        "factor_kind": FACTOR_KIND,
        "factor_category": FACTOR_CATEGORY,
        "survey_question": SURVEY_QUESTION,
        "kennis_kind": KENNIS_KIND,
        "recognition_level": RECOGNITION_LEVEL,
        "region_level": REGION_LEVEL,
        "stat_age_group": STAT_AGE_GROUP,
    }
)


def level_rank(code: str) -> int:
    """The position of a recognition level (0 = Goed beschreven); KeyError for an unknown code."""
    if code not in RECOGNITION_LEVEL:
        raise KeyError(f"onbekend erkenningsniveau: {code!r}")
    return list(RECOGNITION_LEVEL).index(code)


def levels_from(code: str) -> tuple[str, ...]:
    """The recognition levels at or above ``code``, lowest first."""
    return tuple(list(RECOGNITION_LEVEL)[level_rank(code) :])


def lookup_rows() -> list[tuple[str, str, str, int]]:
    """Rows for table ``lookup``: (list_name, code, label, sort_order)."""
    return [
        (name, code, label, order)
        for name, vocab in ALL.items()
        for order, (code, label) in enumerate(vocab.items())
    ]
