"""The monitoring workbook: its sheets and columns, in one place.

The template writer, the validator and the export all read this spec, so a column added
here appears in the template, is validated on import and is filled on export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sv_analytics import indicators, vocab

TEMPLATE_VERSION = 1
INFO_SHEET = "Toelichting"
LISTS_SHEET = "Lijsten"
EXAMPLE_HEADER = "Voorbeeld"
EXAMPLE_MARK = "voorbeeld"

#: Monitoring dates (months, quarters, werkplan, evaluation, survey) must fall in these years.
FIRST_DATE, LAST_DATE = date(2016, 1, 1), date(2019, 12, 31)
#: Activities and agreements may have started earlier (existing club activities).
EARLIEST_START = date(1990, 1, 1)

#: Extra closed lists the workbook needs besides vocab.ALL.
YES_NO = {"ja": "ja", "nee": "nee"}
YES_NO_UNKNOWN = {"ja": "ja", "nee": "nee", "onbekend": "onbekend"}


def indicator_list() -> dict[str, str]:
    return {code: ind.name for code, ind in indicators.REGISTRY.items()}


def closed_list(name: str) -> dict[str, str]:
    """Codes → Dutch labels of a closed list used in the workbook."""
    if name == "ja_nee":
        return YES_NO
    if name == "ja_nee_onbekend":
        return YES_NO_UNKNOWN
    if name == "indicator":
        return indicator_list()
    return dict(vocab.ALL[name])


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``kind``: text | id | int | decimal | date | month | quarter | year | code | bool | refs
    (``refs``: one or more ids of another sheet, separated by ``;`` or ``,``).
    """

    header: str
    field: str
    kind: str
    required: bool = False
    codes: str | None = None  # closed list for kind 'code' (see closed_list)
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None  # sheet whose ids this column refers to
    help: str = ""
    earliest: date | None = None  # for dates; default FIRST_DATE


@dataclass(frozen=True)
class Sheet:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that must be unique within the sheet
    id_field: str | None = None  # the field other sheets refer to

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


def _count(header: str, field: str, required: bool = True, help: str = "") -> Column:
    return Column(header, field, "int", required=required, minimum=0, help=help)


def _flags(prefix: str, field_prefix: str, options: dict[str, str]) -> tuple[Column, ...]:
    return tuple(
        Column(f"{prefix} {label}", f"{field_prefix}{code}", "bool", help=f"ja als dit geldt ({label})")
        for code, label in options.items()
    )


BRAVO_SHORT = {code: label for code, label in vocab.BRAVO_THEME.items()}
GROUP_SHORT = {
    "senioren": "Senioren",
    "statushouders": "Statushouders",
    "chronisch": "Chronisch",
    "psychisch": "Psychisch",
    "overgewicht": "Overgewicht",
}

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Organisaties",
        "De sociale kaart: organisaties in en rond de kern, met sector en rollen.",
        (
            Column("Organisatie-id", "org_id", "id", True, help="korte eigen code, bijv. o01"),
            Column("Naam", "name", "text", True, help="naam van de organisatie (geen personen)"),
            Column("Sector", "sector", "code", True, codes="sector"),
            *_flags("Rol", "role_", dict(vocab.ORG_ROLE)),
            Column("Breedtegraad", "lat", "decimal", minimum=50, maximum=54, help="optioneel, bijv. 52.25"),
            Column("Lengtegraad", "lon", "decimal", minimum=3, maximum=8, help="optioneel, bijv. 6.29"),
        ),
        key=("org_id",),
        id_field="org_id",
    ),
    Sheet(
        "Afspraken",
        "Samenwerkingsafspraken: wie heeft wat afgesproken, sinds wanneer.",
        (
            Column("Afspraak-id", "agreement_id", "id", True, help="korte eigen code, bijv. a1"),
            Column("Soort", "kind", "code", True, codes="agreement_kind"),
            Column("Omschrijving", "description", "text", True),
            Column("Startdatum", "start_date", "date", True, earliest=EARLIEST_START),
            Column("Einddatum", "end_date", "date", earliest=EARLIEST_START),
            Column("Status", "status", "code", True, codes="agreement_status"),
            Column(
                "Partners",
                "parties",
                "refs",
                True,
                ref="Organisaties",
                help="organisatie-id's, gescheiden door ;",
            ),
        ),
        key=("agreement_id",),
        id_field="agreement_id",
    ),
    Sheet(
        "Enquête",
        "De enquête naar wensen en behoeften (fase 2): één regel per enquête.",
        (
            Column("Enquête-id", "survey_id", "id", True, help="bijv. s1"),
            Column("Datum", "held_on", "date", True),
            _count("Uitgenodigd", "invited", required=False),
            _count("Respondenten", "respondents"),
        ),
        key=("survey_id",),
        id_field="survey_id",
    ),
    Sheet(
        "Enquête-antwoorden",
        "Uitkomsten van de enquête als aantallen per antwoord.",
        (
            Column("Enquête-id", "survey_id", "id", True, ref="Enquête"),
            Column("Vraag", "question", "code", True, codes="survey_question"),
            Column("Antwoord", "answer", "text", True),
            _count("Aantal", "n"),
        ),
        key=("survey_id", "question", "answer"),
    ),
    Sheet(
        "Activiteiten",
        "Het aanbod: elke activiteit één regel, met BRAVO-thema's en doelgroepen.",
        (
            Column("Activiteit-id", "activity_id", "id", True, help="korte eigen code, bijv. act01"),
            Column("Naam", "name", "text", True),
            Column("Aanbieder", "provider_org_id", "id", ref="Organisaties", help="organisatie-id"),
            Column("Soort", "kind", "code", True, codes="activity_kind"),
            Column("Nieuw of bestaand", "novelty", "code", True, codes="novelty"),
            Column("Lidmaatschapsvorm", "membership_form", "code", True, codes="membership_form"),
            Column("Startdatum", "start_date", "date", True, earliest=EARLIEST_START),
            Column("Einddatum", "end_date", "date", earliest=EARLIEST_START),
            Column("Kosten per keer (€)", "fee_eur", "decimal", minimum=0, maximum=1000),
            Column("Locatie", "location", "text"),
            *_flags("BRAVO", "bravo_", BRAVO_SHORT),
            *_flags("Doelgroep", "group_", GROUP_SHORT),
        ),
        key=("activity_id",),
        id_field="activity_id",
    ),
    Sheet(
        "Deelname",
        "Deelname per activiteit per maand (aantallen, geen namen). Uitsplitsingen zijn optioneel; "
        "vul je ze in, dan tellen leeftijd en geslacht op tot het aantal deelnemers.",
        (
            Column("Activiteit-id", "activity_id", "id", True, ref="Activiteiten"),
            Column("Maand", "month", "month", True, help="eerste dag van de maand, bijv. 1-3-2018"),
            _count("Deelnemers", "participants"),
            _count("Nieuwe deelnemers", "new_participants"),
            _count("Waarvan voorheen inactief", "previously_inactive"),
            *(
                _count(f"Doelgroep {label}", f"dg_{code}", required=False)
                for code, label in GROUP_SHORT.items()
            ),
            *(_count(f"Leeftijd {code}", f"age_{code}", required=False) for code in vocab.AGE_BAND),
            *(_count(label, f"sex_{code}", required=False) for code, label in vocab.SEX.items()),
        ),
        key=("activity_id", "month"),
    ),
    Sheet(
        "Doorverwijzingen",
        "Doorverwijzingen per maand: van welke verwijzer naar welke activiteit, voor welke doelgroep.",
        (
            Column("Maand", "month", "month", True),
            Column("Verwijzer", "from_sector", "code", True, codes="referral_sector"),
            Column("Verwijzende organisatie", "from_org_id", "id", ref="Organisaties"),
            Column("Activiteit-id", "to_activity_id", "id", True, ref="Activiteiten"),
            Column("Doelgroep", "doelgroep", "code", True, codes="doelgroep"),
            _count("Aantal", "n"),
        ),
        key=("month", "from_sector", "to_activity_id", "doelgroep"),
    ),
    Sheet(
        "Vrijwilligers",
        "Vrijwilligers per kwartaal: actief en nieuw.",
        (
            Column("Kwartaal", "quarter", "quarter", True, help="bijv. 2017-K1"),
            _count("Actief", "active"),
            _count("Nieuw", "new"),
        ),
        key=("quarter",),
    ),
    Sheet(
        "Werkplan",
        "Acties van het werkplan per fase, met planning en status.",
        (
            Column("Actie-id", "action_id", "id", True, help="bijv. wp2017-01"),
            Column("Werkplanjaar", "werkplan_year", "year", True, minimum=2016, maximum=2019),
            Column("Fase", "phase", "code", True, codes="phase"),
            Column("Omschrijving", "description", "text", True),
            Column("Gepland vanaf", "planned_start", "date", True),
            Column("Gepland tot", "planned_end", "date", True),
            Column("Status", "status", "code", True, codes="werkplan_status"),
            Column("Gereed op", "completed_on", "date", help="alleen bij status Gereed"),
        ),
        key=("action_id",),
    ),
    Sheet(
        "Doelen",
        "Streefwaarden per indicator per jaar, vastgesteld door de projectgroep.",
        (
            Column("Jaar", "year", "year", True, minimum=2016, maximum=2019),
            Column("Indicator", "indicator_code", "code", True, codes="indicator"),
            Column("Streefwaarde", "value", "decimal", True, minimum=0),
        ),
        key=("year", "indicator_code"),
    ),
    Sheet(
        "Evaluatie",
        "Per evaluatiemoment: organisatiestructuur, voortzetting en de score per subdoel.",
        (
            Column("Moment", "moment", "code", True, codes="evaluation_moment"),
            Column("Datum", "held_on", "date", True),
            Column("Organisatiestructuur", "structure", "code", True, codes="structure"),
            Column("Voortzetting na 2018", "continues", "code", codes="ja_nee_onbekend"),
            Column("Samenvatting", "summary", "text"),
            *(
                column
                for n in (1, 2, 3)
                for column in (
                    Column(f"Subdoel {n} score", f"score_{n}", "code", True, codes="subgoal_score"),
                    Column(f"Subdoel {n} toelichting", f"explanation_{n}", "text"),
                )
            ),
        ),
        key=("moment",),
    ),
    Sheet(
        "Factoren",
        "Succes- en faalfactoren per evaluatiemoment, waar mogelijk als context → mechanisme → uitkomst.",
        (
            Column("Factor-id", "factor_id", "id", True, help="bijv. f1"),
            Column("Moment", "moment", "code", True, codes="evaluation_moment"),
            Column("Soort", "kind", "code", True, codes="factor_kind"),
            Column("Categorie", "category", "code", True, codes="factor_category"),
            Column("Fase", "phase", "code", codes="phase"),
            Column("Omschrijving", "description", "text", True),
            Column("Context", "context", "text"),
            Column("Mechanisme", "mechanism", "text"),
            Column("Uitkomst", "outcome", "text"),
        ),
        key=("factor_id",),
    ),
)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}

#: Labels of the fields in the Toelichting sheet (column A) and their meaning.
INFO_FIELDS = {
    "kern_id": "Kern-id",
    "kern_name": "Kern",
    "gemeente": "Gemeente",
    "period_start": "Periode van",
    "period_end": "Periode tot en met",
    "version": "Sjabloonversie",
}
