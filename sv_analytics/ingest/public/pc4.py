"""CBS population per 4-digit postcode (PC4), in the layout of CBS's PC4 tables.

Why: a kern rarely matches a CBS wijk, but it often matches one or two postcodes; PC4
figures give the age structure of a village and its surroundings.

The file does not say which year it describes (the reference copy comes from a repository
without that information), so the caller must give the year (parameter ``year`` or a year
in the file name); it is recorded as given, and is part of the dataset id. Counts are
rounded to 5 by CBS; the three background columns are percentages rounded to 10. The CBS
secrecy code ``-99997`` becomes NULL. The header typo "Nederlandse achtergond" of the
original is accepted next to the correct spelling.
"""

from __future__ import annotations

from sv_analytics.ingest.public import base

SOURCE = "CBS bevolking per postcode (PC4)"
NOTE = "CBS-bevolkingscijfers per viercijferige postcode; het jaar is door de gebruiker opgegeven."
CODE_COLUMNS = ("Postcode-4", "Postcode", "PC4", "postcode4")
#: Column (as CBS names it; several spellings) → (indicator, age group).
COLUMNS: dict[tuple[str, ...], tuple[str, str]] = {
    ("Totaal", "Inwoners", "Totaal inwoners"): ("inwoners", "totaal"),
    ("Man", "Mannen"): ("inwoners_man", "totaal"),
    ("Vrouw", "Vrouwen"): ("inwoners_vrouw", "totaal"),
    ("tot 15 jaar", "0 tot 15 jaar"): ("inwoners", "0-14"),
    ("15 tot 25 jaar",): ("inwoners", "15-24"),
    ("25 tot 45 jaar",): ("inwoners", "25-44"),
    ("45 tot 65 jaar",): ("inwoners", "45-64"),
    ("65 jaar en ouder",): ("inwoners", "65+"),
    ("Nederlandse achtergond", "Nederlandse achtergrond"): ("nederlandse_achtergrond_pct", "totaal"),
    ("Westerse migratie achtergrond", "Westerse migratieachtergrond"): (
        "migratieachtergrond_westers_pct",
        "totaal",
    ),
    ("Niet-westerse migratie achtergrond", "Niet-westerse migratieachtergrond"): (
        "migratieachtergrond_niet_westers_pct",
        "totaal",
    ),
}


def is_pc4_header(columns: list[str]) -> bool:
    """A PC4 table starts with a postcode column and has a Totaal column."""
    lowered = {c.strip().lower() for c in columns}
    return bool(lowered & {c.lower() for c in CODE_COLUMNS}) and "totaal" in lowered


def parse_csv(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """Validate and convert; ``year`` is required (or a year in the file name)."""
    table = base.read_csv_table(data, name)
    code_column = table.find(*CODE_COLUMNS)
    columns = {found: target for names, target in COLUMNS.items() if (found := table.find(*names))}
    problems = []
    if code_column is None:
        problems.append(table.problem("Verplichte kolom 'Postcode-4' ontbreekt."))
    if table.find("Totaal") is None:
        problems.append(table.problem("Verplichte kolom 'Totaal' (inwoners) ontbreekt."))
    file_year, year_problems = base.resolve_year(
        year, table.file, what="de postcodecijfers", example="pc4-2021.csv"
    )
    base.raise_problems(problems)
    problems += year_problems  # reported together with the row problems
    rows = []
    for number, cells in table.rows:
        raw = cells.get(code_column)
        region = base.region_of(raw)
        if region is None or region[1] != "pc4":
            problems.append(
                table.problem("Geen postcode van 4 cijfers (1000–9999).", number, code_column, raw)
            )
            continue
        rows += base.statistic_values(table, number, cells, columns, region, file_year or 0, SOURCE, problems)
    frame, dropped = base.checked_statistics(table, rows, problems)
    warnings = [
        f"Het jaar {file_year} is opgegeven door de gebruiker; het bestand zelf noemt geen jaar.",
        *base.missing_warnings(
            frame, "{n} geheime of ontbrekende waarden (-99997) opgeslagen als leeg (NULL)."
        ),
    ]
    if dropped:
        warnings.append("Helemaal leeg, niet opgeslagen: " + "; ".join(dropped) + ".")
    return base.Parsed("cbs", SOURCE, file_year, False, NOTE, {"statistic": frame}, warnings)
