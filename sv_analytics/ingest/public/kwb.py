"""CBS Kerncijfers wijken en buurten (KWB): the original ``kwb-YYYY`` layout and the PDOK form.

Why two layouts: CBS publishes the kerncijfers as ``kwb-YYYY.xls(x)``/CSV with short
column names (``gwb_code_10``, ``a_inw``, ``a_65_oo`` …, counts, secrecy markers, decimal
commas), while PDOK's WFS ``wijkenbuurten`` carries the same figures under long names with
the age groups as *percentages* (``percentagePersonen0Tot15Jaar``); the reference file
``kwb-gemeenten-overijssel-*-pdok.csv`` keeps those as ``0_15`` … ``65plus``.

Original layout: the year is not in the content; it comes from the ``year`` parameter or
the file name (``kwb-2017.csv``). PDOK layout: the year is column ``jaar``. The region
classification of the kerncijfers is that of their own year.

PDOK age groups: stored as published, as ``inwoners_pct`` (unit %), and in addition as
counts ``inwoners`` = round(aantal_inwoners × percentage / 100) under a separate source
that says they are derived (the percentages are rounded to whole numbers, so a derived
count can be off by half a percent of the population).
"""

from __future__ import annotations

from sv_analytics.ingest.public import base
from sv_analytics.ingest.public.catalogue import unit_of

SOURCE = "CBS Kerncijfers wijken en buurten"
SOURCE_DERIVED = "CBS Kerncijfers wijken en buurten (leeftijdsgroepen afgeleid uit afgeronde percentages)"
NOTE_ORIGINAL = (
    "CBS Kerncijfers wijken en buurten, oorspronkelijke kolomindeling (kwb); indeling van het jaar zelf."
)
NOTE_PDOK = (
    "CBS Kerncijfers wijken en buurten via PDOK (WFS wijkenbuurten); leeftijdsgroepen gepubliceerd als "
    "afgeronde percentages (inwoners_pct); aantallen per leeftijdsgroep daaruit afgeleid."
)

#: Original kwb column → (indicator, age group).
ORIGINAL_COLUMNS = {
    "a_inw": ("inwoners", "totaal"),
    "a_man": ("inwoners_man", "totaal"),
    "a_vrouw": ("inwoners_vrouw", "totaal"),
    "a_00_14": ("inwoners", "0-14"),
    "a_15_24": ("inwoners", "15-24"),
    "a_25_44": ("inwoners", "25-44"),
    "a_45_64": ("inwoners", "45-64"),
    "a_65_oo": ("inwoners", "65+"),
    "a_w_all": ("migratieachtergrond_westers", "totaal"),
    "a_nw_all": ("migratieachtergrond_niet_westers", "totaal"),
    "p_w_all": ("migratieachtergrond_westers_pct", "totaal"),
    "p_nw_all": ("migratieachtergrond_niet_westers_pct", "totaal"),
    "a_hh": ("huishoudens", "totaal"),
    "g_hhgro": ("huishoudensgrootte_gem", "totaal"),
    "bev_dich": ("bevolkingsdichtheid", "totaal"),
    "a_woning": ("woningvoorraad", "totaal"),
    "g_woz": ("woz_waarde_gem", "totaal"),
    "p_koopw": ("koopwoningen_pct", "totaal"),
    "p_huurw": ("huurwoningen_pct", "totaal"),
    "p_1gezw": ("eengezinswoningen_pct", "totaal"),
    "g_ink_pi": ("inkomen_per_inwoner", "totaal"),
    "a_bedv": ("bedrijfsvestigingen", "totaal"),
    "a_pau": ("personenautos", "totaal"),
    "g_afs_hp": ("afstand_huisarts_km", "totaal"),
    "g_afs_gs": ("afstand_supermarkt_km", "totaal"),
}
#: PDOK-derived column → (indicator, age group).
PDOK_COLUMNS = {
    "aantal_inwoners": ("inwoners", "totaal"),
    "mannen": ("inwoners_man", "totaal"),
    "vrouwen": ("inwoners_vrouw", "totaal"),
    "0_15": ("inwoners_pct", "0-14"),
    "15_25": ("inwoners_pct", "15-24"),
    "25_45": ("inwoners_pct", "25-44"),
    "45_65": ("inwoners_pct", "45-64"),
    "65plus": ("inwoners_pct", "65+"),
    "huishoudens": ("huishoudens", "totaal"),
    "gem_huishouden_grootte": ("huishoudensgrootte_gem", "totaal"),
    "bevolkingsdichtheid": ("bevolkingsdichtheid", "totaal"),
    "woningvoorraad": ("woningvoorraad", "totaal"),
    "gem_woz_waarde": ("woz_waarde_gem", "totaal"),
    "koopwoningen": ("koopwoningen_pct", "totaal"),
    "huurwoningen": ("huurwoningen_pct", "totaal"),
    "pct_eengezins": ("eengezinswoningen_pct", "totaal"),
    "gem_aardgas": ("aardgasverbruik_gem", "totaal"),
    "gem_elektriciteit": ("elektriciteitsverbruik_gem", "totaal"),
    "gem_inkomen_inwoner": ("inkomen_per_inwoner", "totaal"),
    "arbeidsparticipatie": ("arbeidsparticipatie_pct", "totaal"),
    "bedrijfsvestigingen": ("bedrijfsvestigingen", "totaal"),
    "afstand_huisarts": ("afstand_huisarts_km", "totaal"),
    "afstand_supermarkt": ("afstand_supermarkt_km", "totaal"),
    "personenautos": ("personenautos", "totaal"),
}
ORIGINAL_CODE_COLUMNS = ("gwb_code_10", "gwb_code")
PDOK_CODE_COLUMNS = ("gemeentecode", "wijkcode", "buurtcode", "statcode")
RECS = {"land": "land", "gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}


def is_original_header(columns: list[str]) -> bool:
    """The original kwb layout has a gwb_code_10 (older years: gwb_code) column."""
    lowered = {c.strip().lower() for c in columns}
    return bool(lowered & set(ORIGINAL_CODE_COLUMNS))


def is_pdok_header(columns: list[str]) -> bool:
    """The PDOK-derived layout names its counts in words (aantal_inwoners) next to a code column."""
    lowered = {c.strip().lower() for c in columns}
    return "aantal_inwoners" in lowered and bool(lowered & set(PDOK_CODE_COLUMNS))


# ----------------------------------------------------------------------------- original layout
def parse_original_csv(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """kwb as CBS exports it to CSV (``;``, decimal commas)."""
    return parse_original(base.read_csv_table(data, name), year)


def parse_original_xlsx(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """kwb saved as .xlsx (the first sheet, header in the first row)."""
    return parse_original(base.read_xlsx_table(data, name), year)


def parse_original(table: base.Table, year: int | None) -> base.Parsed:
    """The CBS kwb layout: one row per region (land, gemeente, wijk, buurt), counts."""
    code_column = table.find(*ORIGINAL_CODE_COLUMNS)
    columns = {
        c: ORIGINAL_COLUMNS[c.strip().lower()] for c in table.columns if c.strip().lower() in ORIGINAL_COLUMNS
    }
    problems = []
    if code_column is None:
        problems.append(table.problem("Verplichte kolom 'gwb_code_10' (gebiedscode) ontbreekt."))
    if not columns:
        problems.append(table.problem("Geen bekende kerncijferkolom gevonden (zoals a_inw, a_65_oo, a_hh)."))
    file_year, year_problems = base.resolve_year(year, table.file, what="de kerncijfers")
    base.raise_problems(problems)
    problems += year_problems  # reported together with the row problems
    recs_column = table.find("recs")
    rows = []
    for number, cells in table.rows:
        region = _region(table, number, cells, code_column, recs_column, problems)
        if region is not None:
            rows += base.statistic_values(
                table, number, cells, columns, region, file_year or 0, SOURCE, problems
            )
    return _finish(table, rows, problems, file_year, year_in_content=False, note=NOTE_ORIGINAL)


def _region(
    table: base.Table, number: int, cells: dict, code_column: str, recs_column: str | None, problems: list
):
    raw = cells.get(code_column)
    region = base.region_of(raw)
    if region is None or region[1] in ("pc4", "provincie"):
        problems.append(table.problem(base.REGION_CODE_HELP + ".", number, code_column, raw))
        return None
    if recs_column is not None:
        recs = str(cells.get(recs_column) or "").strip().lower()
        if recs and RECS.get(recs) != region[1]:
            message = (
                f"Soort regio (recs) past niet bij code {region[0]}: verwacht '{region[1].capitalize()}'."
            )
            problems.append(table.problem(message, number, recs_column, cells.get(recs_column)))
            return None
    return region


def _finish(table, rows, problems, year, *, year_in_content: bool, note: str, extra=None) -> base.Parsed:
    frame, dropped = base.checked_statistics(table, rows, problems)
    warnings = [
        *(extra or []),
        *base.unpublished_warnings(dropped),
        *base.missing_warnings(frame, "{n} ontbrekende of geheime waarden opgeslagen als leeg (NULL)."),
    ]
    return base.Parsed("cbs", SOURCE, year, year_in_content, note, {"statistic": frame}, warnings)


# ----------------------------------------------------------------------------- PDOK layout
def parse_pdok_csv(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """The PDOK-derived kerncijfers (``aantal_inwoners``, percentages per age group, ``jaar``)."""
    table = base.read_csv_table(data, name)
    code_column = table.find(*PDOK_CODE_COLUMNS)
    year_column = table.find("jaar")
    columns = {c: PDOK_COLUMNS[c.strip().lower()] for c in table.columns if c.strip().lower() in PDOK_COLUMNS}
    problems, file_year, year_problems = [], None, []
    if code_column is None:
        problems.append(table.problem("Verplichte kolom 'gemeentecode' (gebiedscode) ontbreekt."))
    if year_column is None:
        file_year, year_problems = base.resolve_year(year, table.file, what="de kerncijfers")
    base.raise_problems(problems)
    problems += year_problems
    rows = []
    for number, cells in table.rows:
        region = _region(table, number, cells, code_column, None, problems)
        row_year = _row_year(table, number, cells, year_column, problems) if year_column else file_year or 0
        if region is None or row_year is None:
            continue
        values = base.statistic_values(table, number, cells, columns, region, row_year, SOURCE, problems)
        rows += values + _derived_counts(values)
    years = {r[2] for r in rows}
    if year is not None and year_column and years and years != {year}:
        problems.append(table.problem(f"Het opgegeven jaar {year} komt niet overeen met kolom 'jaar'."))
    extra = ["Aantallen per leeftijdsgroep zijn afgeleid uit afgeronde percentages (bron vermeldt dit)."]
    return _finish(
        table,
        rows,
        problems,
        years.pop() if len(years) == 1 else None,
        year_in_content=year_column is not None,
        note=NOTE_PDOK,
        extra=extra,
    )


def _row_year(table: base.Table, number: int, cells: dict, column: str, problems: list) -> int | None:
    try:
        value = base.parse_number(cells.get(column))
    except ValueError:
        value = None
    if value is None or not value.is_integer() or not 1990 <= value <= 2100:
        problems.append(table.problem("Geen geldig jaar.", number, column, cells.get(column)))
        return None
    return int(value)


def _derived_counts(values: list[tuple]) -> list[tuple]:
    """inwoners per age group = round(total × percentage / 100), under SOURCE_DERIVED."""
    total = next((v[5] for v in values if v[4] == "inwoners" and v[3] == "totaal"), None)
    derived = []
    for code, level, year, age, indicator, pct, _unit, _source, number in values:
        if indicator != "inwoners_pct":
            continue
        count = None if total is None or pct is None else float(round(total * pct / 100))
        derived.append(
            (code, level, year, age, "inwoners", count, unit_of("inwoners"), SOURCE_DERIVED, number)
        )
    return derived
