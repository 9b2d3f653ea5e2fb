"""RIVM/GGD Gezondheidsmonitor, StatLine table 50090NED, as CSV or as the original .xlsx.

Why: the health figures per gemeente, wijk and buurt (sport participation, overweight,
loneliness …) are the baseline the programme is judged against. StatLine's "untyped"
download keeps CBS conventions: fixed-width padded strings, ``.`` for a missing value,
coded dimensions (``Leeftijd`` 20300 = 18+, ``Perioden`` 2016JJ00) and column names with
a position suffix (``WekelijkseSporters_6``) that can shift between table versions, so
columns are recognised by their name without the suffix.

The table uses the region classification of **2020** (title "… 2012/2016/2020 (indeling
2020)"); that is part of the stored source, so :mod:`.kern` can warn where 2017 wijk codes
are joined to it.
"""

from __future__ import annotations

import re

from sv_analytics.ingest.public import base
from sv_analytics.ingest.public.catalogue import unit_of

TABLE = "50090NED"
CLASSIFICATION_YEAR = 2020
SOURCE = f"RIVM/GGD Gezondheidsmonitor, StatLine {TABLE} (indeling {CLASSIFICATION_YEAR})"
NOTE = (
    "Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020). Modelmatige schattingen "
    "(kleine-gebiedsschattingen), geen enquêtegemiddelden; percentages van de leeftijdsgroep. "
    "Alleen de puntschatting (Marges MW00000) is opgeslagen."
)
SHEET_PREFIX = "50090NED"

#: StatLine Leeftijd codes → vocab.STAT_AGE_GROUP.
AGE_GROUPS = {"20300": "18+", "53115": "18-64", "80200": "65+"}
POINT_ESTIMATE = "MW00000"
#: StatLine column name without its position suffix → our indicator code.
COLUMNS = {
    "ErvarenGezondheidGoedZeerGoed": "ervaren_gezondheid_goed_pct",
    "VoldoetAanBeweegrichtlijn": "beweegrichtlijn_pct",
    "WekelijkseSporters": "wekelijks_sporter_pct",
    "Overgewicht": "overgewicht_pct",
    "ErnstigOvergewicht": "ernstig_overgewicht_pct",
    "Roker": "roker_pct",
    "ZwareDrinker": "zware_drinker_pct",
    "OvermatigeDrinker": "overmatige_drinker_pct",
    "EenOfMeerLangdurigeAandoeningen": "chronisch_pct",
    "EenOfMeerLichamelijkeBeperkingen": "lichamelijke_beperking_pct",
    "BeperkingInBewegen": "beperking_bewegen_pct",
    "MatigHoogRisicoOpAngstOfDepressie": "angst_depressie_risico_pct",
    "HoogRisicoOpAngstOfDepressie": "hoog_risico_angst_depressie_pct",
    "MatigVeelRegieOverEigenLeven": "regie_eigen_leven_pct",
    "Eenzaam": "eenzaam_pct",
    "ErnstigZeerErnstigEenzaam": "ernstig_eenzaam_pct",
    "EmotioneelEenzaam": "emotioneel_eenzaam_pct",
    "SociaalEenzaam": "sociaal_eenzaam_pct",
    "Mantelzorger": "mantelzorger_pct",
    "Vrijwilligerswerk": "vrijwilligerswerk_pct",
    "LopenEnOfFietsenNaarSchoolOfWerk": "actief_naar_school_werk_pct",
    "MoeiteMetRondkomen": "moeite_rondkomen_pct",
}
REQUIRED = ("WijkenEnBuurten", "Leeftijd", "Perioden")
LEVELS = {"land": "Land", "gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt", "provincie": "Provincie"}
_PERIOD = re.compile(r"(\d{4})JJ00")
_SUFFIX = re.compile(r"_\d+$")


def is_rivm_header(columns: list[str]) -> bool:
    """Recognise a 50090NED download by its dimension columns."""
    return "WijkenEnBuurten" in {c.strip() for c in columns}


def pick_sheet(names: list[str]) -> str | None:
    """StatLine names the data sheet 50090NED_UntypedDataSet_…; other sheets hold metadata."""
    return next((n for n in names if n.startswith(SHEET_PREFIX)), None)


def parse_csv(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """50090NED as a CSV download (comma-separated, padded strings)."""
    return parse_table(base.read_csv_table(data, name), year)


def parse_xlsx(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """50090NED as the original Excel download (same columns and padding)."""
    return parse_table(base.read_xlsx_table(data, name, pick_sheet), year)


def parse_table(table: base.Table, year: int | None = None) -> base.Parsed:
    """Validate every row and turn the wide table into long-form statistic rows.

    ``year`` is only checked: the year is in the file (``Perioden``).
    """
    problems = [
        table.problem(f"Verplichte kolom '{c}' ontbreekt (50090NED-download van StatLine).")
        for c in REQUIRED
        if table.find(c) is None
    ]
    indicators = {c: COLUMNS[_SUFFIX.sub("", c)] for c in table.columns if _SUFFIX.sub("", c) in COLUMNS}
    if not indicators:
        problems.append(table.problem("Geen bekende indicatorkolom gevonden (zoals WekelijkseSporters_6)."))
    base.raise_problems(problems)
    rows, skipped = [], 0
    for number, cells in table.rows:
        row_problems, key = _row_key(table, number, cells)
        problems += row_problems
        if key is None:
            skipped += 0 if row_problems else 1
            continue
        code, level, row_year, age = key
        for column, indicator in indicators.items():
            try:
                value = base.parse_number(cells.get(column))
            except ValueError:
                problems.append(table.problem("Geen getal.", number, column, cells.get(column)))
                continue
            rows.append((code, level, row_year, age, indicator, value, unit_of(indicator), SOURCE, number))
    frame, duplicates = base.statistic_frame(rows, table.file)
    problems += duplicates
    problems += _year_problems(table, frame, year)
    base.raise_problems(problems)
    return _parsed(table, frame, skipped)


def _row_key(table: base.Table, number: int, cells: dict) -> tuple[list, tuple | None]:
    """(problems, (code, level, year, age group)) of one row; key None = skip the row."""
    problems = []
    marges = str(cells.get("Marges") or POINT_ESTIMATE).strip()
    if marges != POINT_ESTIMATE:
        return [], None  # a confidence bound, not the estimate itself
    raw_code = cells.get("WijkenEnBuurten")
    region = base.region_of(raw_code)
    if region is None or region[1] == "pc4":
        problems.append(table.problem(base.REGION_CODE_HELP + ".", number, "WijkenEnBuurten", raw_code))
    elif "SoortRegio_2" in cells and str(cells["SoortRegio_2"] or "").strip() not in ("", LEVELS[region[1]]):
        message = f"De soort regio past niet bij code {region[0]} ({LEVELS[region[1]]} verwacht)."
        problems.append(table.problem(message, number, "SoortRegio_2", cells["SoortRegio_2"]))
    age = AGE_GROUPS.get(str(cells.get("Leeftijd") or "").strip())
    if age is None:
        known = ", ".join(f"{k} = {v}" for k, v in AGE_GROUPS.items())
        problems.append(
            table.problem(
                f"Onbekende leeftijdscode; bekend zijn {known}.", number, "Leeftijd", cells.get("Leeftijd")
            )
        )
    period = _PERIOD.fullmatch(str(cells.get("Perioden") or "").strip())
    if period is None:
        problems.append(
            table.problem(
                "Onbekende periode; verwacht een jaar als 2016JJ00.",
                number,
                "Perioden",
                cells.get("Perioden"),
            )
        )
    if problems:
        return problems, None
    return [], (region[0], region[1], int(period.group(1)), age)


def _year_problems(table: base.Table, frame, year: int | None) -> list:
    years = set(frame["year"].unique()) if not frame.empty else set()
    if year is not None and years and years != {year}:
        found = ", ".join(str(y) for y in sorted(years))
        return [
            table.problem(
                f"Het opgegeven jaar {year} komt niet overeen met de perioden in het bestand ({found})."
            )
        ]
    if frame.empty:
        return [table.problem("Het bestand bevat geen rijen met gegevens.")]
    return []


def _parsed(table: base.Table, frame, skipped: int) -> base.Parsed:
    frame, dropped = base.drop_unpublished(frame)
    years = sorted(set(frame["year"]))
    warnings = base.unpublished_warnings(dropped)
    if skipped:
        warnings.append(f"{skipped} rijen met betrouwbaarheidsmarges (geen puntschatting) overgeslagen.")
    warnings += base.missing_warnings(frame, "{n} ontbrekende waarden ('.') opgeslagen als leeg (NULL).")
    year = years[0] if len(years) == 1 else None
    return base.Parsed("rivm", SOURCE, year, True, NOTE, {"statistic": frame}, warnings)
