"""The monitoring workbook: its sheets and columns, in one place.

The template writer, the validator and the export all read this spec, so a column added
here appears in the template, is validated on import and is filled on export.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sv_analytics import indicators, timeline, vocab

TEMPLATE_VERSION = 3
INFO_SHEET = "Toelichting"
LISTS_SHEET = "Lijsten"
#: The first column of every data sheet: empty, "voorbeeld" (skipped) or "verwijderen".
EXAMPLE_HEADER = "Markering"
#: The header of that column in workbooks of template version 1, still accepted.
OLD_MARK_HEADERS = ("Voorbeeld",)
EXAMPLE_MARK = "voorbeeld"
REMOVE_MARK = "verwijderen"
MARKS = {EXAMPLE_MARK: "voorbeeld (wordt overgeslagen)", REMOVE_MARK: "verwijderen (haalt de regel weg)"}

#: Monitoring dates (months, quarters, werkplan, evaluation, survey) must fall in the
#: monitoring period, ``timeline.FIRST_DAY`` to ``timeline.LAST_DAY``.
#: Activities and agreements may have started earlier (existing club activities).
EARLIEST_START = date(1990, 1, 1)
#: The years of the monitoring period (werkplan years, target years).
FIRST_YEAR, LAST_YEAR = timeline.FIRST_DAY.year, timeline.LAST_DAY.year

#: Extra closed lists the workbook needs besides vocab.ALL.
YES_NO = {"ja": "ja", "nee": "nee"}
YES_NO_UNKNOWN = {"ja": "ja", "nee": "nee", "onbekend": "onbekend"}


def indicator_list() -> dict[str, str]:
    """The indicators a kern can set a target on: those computed from the monitoring itself.

    Public statistics (CBS, RIVM: registry ``indicators/context.py``) are the kern's context,
    not something its project group steers, so they are not offered as targets."""
    return {
        code: ind.name
        for code, ind in indicators.REGISTRY.items()
        if ind.source.startswith(indicators.MONITORING)
    }


def closed_list(name: str) -> dict[str, str]:
    """Codes → Dutch labels of a closed list used in the workbook."""
    if name == "ja_nee":
        return YES_NO
    if name == "ja_nee_onbekend":
        return YES_NO_UNKNOWN
    if name == "indicator":
        return indicator_list()
    if name == "kennis_theme":
        return dict(KENNIS_THEME)
    return dict(vocab.ALL[name])


@dataclass(frozen=True)
class Column:
    """One column of a sheet, and where its value is stored.

    ``kind``: text | id | int | decimal | date | month | quarter | year | code | bool | refs
    | links (``refs``: one or more ids of another sheet, separated by ``;`` or ``,``;
    ``links``: web addresses separated by ``;``). Values of kind ``id`` and ``refs`` are
    local to the kern in the workbook and stored with the kern as prefix.
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
    earliest: date | None = None  # for dates; default timeline.FIRST_DAY
    #: Column of the sheet's table; None: the field's own name; CHILD: stored in a child table.
    db: str | None = None
    #: How the value is stored when the column type differs from the kind: "int" (a code
    #: "1" → 1), "bool3" (ja/nee/onbekend → true/false/NULL), "float".
    stored: str | None = None
    #: The template version that added the column (None: from the start). Workbooks made
    #: from an older template lack it and still import; the stored value then stays as it is
    #: (the workbook says nothing about it), see workbook.keep_absent_columns.
    since: int | None = None

    @property
    def db_column(self) -> str | None:
        return None if self.db == CHILD else (self.db or self.field)


#: Column.db for values that live in a child table (flags, refs, breakdowns, sub-goals).
CHILD = "-"


@dataclass(frozen=True)
class Flags:
    """ja/nee columns ``<prefix><code>`` → one row (keys…, column=code) per 'ja'."""

    table: str
    prefix: str
    column: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class RefList:
    """A ``refs`` column → one row (keys…, column=id) per id."""

    table: str
    field: str
    column: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Long:
    """Count columns ``<prefix><category>`` → rows (keys…, dimension, category, n)."""

    table: str
    prefixes: tuple[tuple[str, str], ...]  # (field prefix, dimension)
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Numbered:
    """Fields ``<name>_<n>`` → one row (keys…, number_column=n, columns…) per n."""

    table: str
    number_column: str
    numbers: tuple[int, ...]
    columns: tuple[tuple[str, str, str | None], ...]  # (db column, field pattern with {n}, stored)
    keys: tuple[str, ...]


Child = Flags | RefList | Long | Numbered


@dataclass(frozen=True)
class Sheet:
    """One sheet: its columns, the table it fills and how an import merges it.

    ``replace_by``: the table columns that identify what one workbook row replaces; by
    default the columns of ``key``. For a list sheet that is the table's primary key (add or
    update by id); for monthly and quarterly sheets it is the cell, e.g. (activity, month): an
    import replaces exactly the cells the workbook contains and leaves every other month alone.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that must be unique within the sheet
    table: str = ""
    replace_by: tuple[str, ...] = ()
    id_field: str | None = None  # the field other sheets refer to
    kern_column: str = "kern_id"  # the table's kern column ("" when the table has none)
    fixed: tuple[tuple[str, object], ...] = ()  # constant columns, e.g. statistic's level
    derived: tuple[tuple[str, str], ...] = ()  # (table column, field) copied from a field
    children: tuple[Child, ...] = ()
    period_field: str | None = None  # month/quarter field: exported within the period
    #: Tables whose rows referring to a removed record go with it: (table, column).
    cascade: tuple[tuple[str, str], ...] = ()
    max_rows: int = 5_000  # plausible maximum of data rows (hostile-file caps)

    def __post_init__(self) -> None:
        if not self.replace_by:
            object.__setattr__(self, "replace_by", tuple(self.column(f).db_column for f in self.key))

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    @property
    def tables(self) -> tuple[str, ...]:
        """The sheet's table and its child tables (the preview counts the first)."""
        return (self.table, *(child.table for child in self.children))


def _count(header: str, field: str, required: bool = True, help: str = "") -> Column:
    return Column(header, field, "int", required=required, minimum=0, help=help)


def _flags(prefix: str, field_prefix: str, options: dict[str, str]) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"{prefix} {label}", f"{field_prefix}{code}", "bool", help=f"ja als dit geldt ({label})", db=CHILD
        )
        for code, label in options.items()
    )


#: Where an organisation or facility is (optional; within the Netherlands).
LOCATION = (
    Column("Breedtegraad", "lat", "decimal", minimum=50, maximum=54, help="optioneel, bijv. 52.25"),
    Column("Lengtegraad", "lon", "decimal", minimum=3, maximum=8, help="optioneel, bijv. 6.29"),
)

BRAVO_SHORT = {code: label for code, label in vocab.BRAVO_THEME.items()}
GROUP_SHORT = {
    "senioren": "Senioren",
    "statushouders": "Statushouders",
    "chronisch": "Chronisch",
    "psychisch": "Psychisch",
    "overgewicht": "Overgewicht",
}
#: A kennisplein item's theme: a BRAVO theme or a factor category.
KENNIS_THEME = {**vocab.BRAVO_THEME, **vocab.FACTOR_CATEGORY}

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Organisaties",
        "De sociale kaart: organisaties in en rond de kern, met sector en rollen.",
        (
            Column("Organisatie-id", "org_id", "id", True, help="korte eigen code, bijv. o01"),
            Column("Naam", "name", "text", True, help="naam van de organisatie (geen personen)"),
            Column("Sector", "sector", "code", True, codes="sector"),
            *_flags("Rol", "role_", dict(vocab.ORG_ROLE)),
            *LOCATION,
        ),
        key=("org_id",),
        table="organisation",
        id_field="org_id",
        derived=(("in_project_group", "role_projectgroep"),),
        children=(Flags("organisation_role", "role_", "role", ("org_id",)),),
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
                db=CHILD,
            ),
        ),
        key=("agreement_id",),
        table="agreement",
        id_field="agreement_id",
        children=(RefList("agreement_party", "parties", "org_id", ("agreement_id",)),),
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
        table="survey",
        id_field="survey_id",
        cascade=(("survey_result", "survey_id"),),
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
        table="survey_result",
        kern_column="",
    ),
    Sheet(
        "Activiteiten",
        "Het aanbod: elke activiteit één regel, met BRAVO-thema's en doelgroepen en, als de activiteit "
        "een interventie van Loket Gezond Leven uitvoert, de naam en het erkenningsniveau daarvan.",
        (
            Column("Activiteit-id", "activity_id", "id", True, help="korte eigen code, bijv. act01"),
            Column("Naam", "name", "text", True),
            Column("Aanbieder", "provider_org_id", "id", ref="Organisaties", help="organisatie-id"),
            Column("Soort", "kind", "code", True, codes="activity_kind"),
            Column("Nieuw of bestaand", "novelty", "code", True, codes="novelty"),
            Column("Lidmaatschapsvorm", "membership_form", "code", True, codes="membership_form"),
            Column("Startdatum", "start_date", "date", True, earliest=EARLIEST_START),
            Column("Einddatum", "end_date", "date", earliest=EARLIEST_START),
            Column("Kosten per keer (€)", "fee_eur", "decimal", minimum=0, maximum=1000, stored="float"),
            Column("Locatie", "location", "text"),
            Column(
                "Interventie (Loket Gezond Leven)",
                "intervention_name",
                "text",
                help="optioneel: de naam van de interventie zoals Loket Gezond Leven die noemt",
                since=3,
            ),
            Column(
                "Erkenningsniveau",
                "recognition_level",
                "code",
                codes="recognition_level",
                help="optioneel: het erkenningsniveau van die interventie bij Loket Gezond Leven; "
                "alleen samen met de naam van de interventie",
                since=3,
            ),
            *_flags("BRAVO", "bravo_", BRAVO_SHORT),
            *_flags("Doelgroep", "group_", GROUP_SHORT),
        ),
        key=("activity_id",),
        table="activity",
        id_field="activity_id",
        children=(
            Flags("activity_theme", "bravo_", "bravo_theme", ("activity_id",)),
            Flags("activity_target_group", "group_", "doelgroep", ("activity_id",)),
        ),
        cascade=(
            ("participation", "activity_id"),
            ("participation_breakdown", "activity_id"),
            ("referral", "to_activity_id"),
        ),
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
                replace(_count(f"Doelgroep {label}", f"dg_{code}", required=False), db=CHILD)
                for code, label in GROUP_SHORT.items()
            ),
            *(
                replace(_count(f"Leeftijd {code}", f"age_{code}", required=False), db=CHILD)
                for code in vocab.AGE_BAND
            ),
            *(
                replace(_count(label, f"sex_{code}", required=False), db=CHILD)
                for code, label in vocab.SEX.items()
            ),
        ),
        key=("activity_id", "month"),
        table="participation",
        kern_column="",
        children=(
            Long(
                "participation_breakdown",
                (("dg_", "doelgroep"), ("age_", "leeftijd"), ("sex_", "geslacht")),
                ("activity_id", "month"),
            ),
        ),
        period_field="month",
        max_rows=5_000 * 48,
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
        table="referral",
        replace_by=("to_activity_id", "month"),
        period_field="month",
        max_rows=5_000 * 48,
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
        table="volunteer",
        period_field="quarter",
    ),
    Sheet(
        "Werkplan",
        "Acties van het werkplan per fase, met planning en status.",
        (
            Column("Actie-id", "action_id", "id", True, help="bijv. wp2017-01"),
            Column("Werkplanjaar", "werkplan_year", "year", True, minimum=FIRST_YEAR, maximum=LAST_YEAR),
            Column("Fase", "phase", "code", True, codes="phase", stored="int"),
            Column("Omschrijving", "description", "text", True),
            Column("Gepland vanaf", "planned_start", "date", True),
            Column("Gepland tot", "planned_end", "date", True),
            Column("Status", "status", "code", True, codes="werkplan_status"),
            Column("Gereed op", "completed_on", "date", help="alleen bij status Gereed"),
        ),
        key=("action_id",),
        table="werkplan_action",
    ),
    Sheet(
        "Doelen",
        "Streefwaarden per indicator per jaar, vastgesteld door de projectgroep.",
        (
            Column("Jaar", "year", "year", True, minimum=FIRST_YEAR, maximum=LAST_YEAR),
            Column("Indicator", "indicator_code", "code", True, codes="indicator"),
            Column("Streefwaarde", "value", "decimal", True, minimum=0, stored="float"),
        ),
        key=("year", "indicator_code"),
        table="target",
    ),
    Sheet(
        "Evaluatie",
        "Per evaluatiemoment: organisatiestructuur, voortzetting en de score per subdoel.",
        (
            Column("Moment", "moment", "code", True, codes="evaluation_moment"),
            Column("Datum", "held_on", "date", True),
            Column("Organisatiestructuur", "structure", "code", True, codes="structure"),
            Column(
                "Voortzetting na 2018",
                "continues",
                "code",
                codes="ja_nee_onbekend",
                db="continues_after_subsidy",
                stored="bool3",
            ),
            Column("Samenvatting", "summary", "text"),
            *(
                column
                for n in (1, 2, 3)
                for column in (
                    Column(f"Subdoel {n} score", f"score_{n}", "code", True, codes="subgoal_score", db=CHILD),
                    Column(f"Subdoel {n} toelichting", f"explanation_{n}", "text", db=CHILD),
                )
            ),
        ),
        key=("moment",),
        table="evaluation",
        children=(
            Numbered(
                "evaluation_subgoal",
                "subgoal",
                (1, 2, 3),
                (("score", "score_{n}", "int"), ("explanation", "explanation_{n}", None)),
                ("kern_id", "moment"),
            ),
        ),
    ),
    Sheet(
        "Factoren",
        "Succes- en faalfactoren per evaluatiemoment, waar mogelijk als context → mechanisme → uitkomst.",
        (
            Column("Factor-id", "factor_id", "id", True, help="bijv. f1"),
            Column("Moment", "moment", "code", True, codes="evaluation_moment"),
            Column("Soort", "kind", "code", True, codes="factor_kind"),
            Column("Categorie", "category", "code", True, codes="factor_category"),
            Column("Fase", "phase", "code", codes="phase", stored="int"),
            Column("Omschrijving", "description", "text", True),
            Column("Context", "context", "text"),
            Column("Mechanisme", "mechanism", "text"),
            Column("Uitkomst", "outcome", "text"),
        ),
        key=("factor_id",),
        table="evaluation_factor",
    ),
    Sheet(
        "Doelgroepen",
        "De doelgroepen die de kern gekozen heeft (één regel per doelgroep).",
        (Column("Doelgroep", "doelgroep", "code", True, codes="doelgroep"),),
        key=("doelgroep",),
        table="kern_target_group",
        max_rows=100,
    ),
    Sheet(
        "Accommodaties",
        "Accommodaties en ontmoetingsplekken in de kern: sporthal, gymzaal, dorpshuis, beweegtuin …",
        (
            Column("Accommodatie-id", "facility_id", "id", True, help="korte eigen code, bijv. f1"),
            Column("Soort", "facility_type", "code", True, codes="facility_type"),
            Column("Naam", "name", "text", True),
            *LOCATION,
        ),
        key=("facility_id",),
        table="facility",
        id_field="facility_id",
    ),
    Sheet(
        "Statushouders",
        "Het aantal vluchtelingen/statushouders in de kern per jaar, zoals de gemeente het opgeeft.",
        (
            Column("Jaar", "year", "year", True, minimum=2010, maximum=2030),
            _count("Aantal", "value", help="aantal statushouders in de kern"),
            Column("Bron", "source", "text", True, help="wie het aantal opgaf, bijv. Gemeente Almelo, 2018"),
        ),
        key=("year", "source"),
        table="statistic",
        kern_column="region_code",
        fixed=(
            ("region_level", "kern"),
            ("age_group", "totaal"),
            ("indicator", "statushouders"),
            ("unit", "aantal"),
        ),
        max_rows=100,
    ),
    Sheet(
        "Kennisplein",
        "Goede praktijken en geleerde lessen van de kern voor het kennisplein.",
        (
            Column("Item-id", "item_id", "id", True, help="korte eigen code, bijv. k1"),
            Column("Soort", "kind", "code", True, codes="kennis_kind"),
            Column("Titel", "title", "text", True),
            Column("Tekst", "body", "text", True, help="de praktijk of les in een paar zinnen"),
            Column("Thema", "theme", "code", True, codes="kennis_theme"),
            Column("Fase", "phase", "code", codes="phase", stored="int"),
            Column("Gepubliceerd op", "published_on", "date", True),
            Column("Links", "links", "links", help="webadressen (https://…), gescheiden door ;"),
            *_flags("Doelgroep", "group_", GROUP_SHORT),
        ),
        key=("item_id",),
        table="kennisplein_item",
        id_field="item_id",
        children=(Flags("kennisplein_target_group", "group_", "doelgroep", ("item_id",)),),
        max_rows=1_000,
    ),
)

#: The SQL condition that selects kern $kern's rows of each table a workbook fills.
KERN_SCOPE: dict[str, str] = {
    "organisation": "kern_id = $kern",
    "organisation_role": "org_id IN (SELECT org_id FROM organisation WHERE kern_id = $kern)",
    "agreement": "kern_id = $kern",
    "agreement_party": "agreement_id IN (SELECT agreement_id FROM agreement WHERE kern_id = $kern)",
    "survey": "kern_id = $kern",
    "survey_result": "survey_id IN (SELECT survey_id FROM survey WHERE kern_id = $kern)",
    "activity": "kern_id = $kern",
    "activity_theme": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)",
    "activity_target_group": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)",
    "participation": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)",
    "participation_breakdown": "activity_id IN (SELECT activity_id FROM activity WHERE kern_id = $kern)",
    "referral": "kern_id = $kern",
    "volunteer": "kern_id = $kern",
    "werkplan_action": "kern_id = $kern",
    "target": "kern_id = $kern",
    "evaluation": "kern_id = $kern",
    "evaluation_subgoal": "kern_id = $kern",
    "evaluation_factor": "kern_id = $kern",
    "kern_target_group": "kern_id = $kern",
    "facility": "kern_id = $kern",
    "statistic": "region_level = 'kern' AND region_code = $kern AND indicator = 'statushouders'",
    "kennisplein_item": "kern_id = $kern",
    "kennisplein_target_group": "item_id IN (SELECT item_id FROM kennisplein_item WHERE kern_id = $kern)",
}

#: Every table a workbook writes, parents before children (deletes run in reverse).
WORKBOOK_TABLES: tuple[str, ...] = tuple(dict.fromkeys(t for s in SHEETS for t in s.tables))

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}

#: Labels of the fields in the Toelichting sheet (column A) and their meaning.
INFO_FIELDS = {
    "kern_id": "Kern-id",
    "kern_name": "Kern",
    "gemeente": "Gemeente",
    "period_start": "Periode van",
    "period_end": "Periode tot en met",
    "version": "Sjabloonversie",
    "purpose": "Soort werkboek",
}

#: The Toelichting's "Soort werkboek": what the file is for (shown, not enforced; the
#: import merges the same way for both).
PURPOSE_WITH_DATA = "met de gegevens van de kern (aanvullen of verbeteren)"
PURPOSE_EMPTY = "leeg sjabloon voor nieuwe gegevens"
