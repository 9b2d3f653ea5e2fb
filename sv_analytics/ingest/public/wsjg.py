"""Sport yardsticks per gemeente as waarstaatjegemeente.nl holds them: Swing 'platte data' (CSV or .xlsx).

Why this layout: waarstaatjegemeente.nl (VNG) shows every gemeente its BBV-beleidsindicatoren —
for sport the Gezondheidsmonitor's *Niet-sporters* (% of the inhabitants of 19 and older who do
not sport at least once a week) — beside its size class, its province and the Netherlands. The
site runs on ABF's Swing, and so do the GGD and provincial 'in cijfers' sites; Swing reads and
writes data as one figure per row (*platte data*): period, area level, area, indicator, value.

What was verified, and what was assumed (see ``tests/fixtures/public/README.md``):

* verified: the long Swing layout with the columns ``PERIODE``, ``GEBIEDSNIVEAU``, ``GEBIED``,
  ``NAAM``, ``WAARDE`` and the marker ``-99996`` for a value withheld because too few people
  answered, as a GGD script writes Swing import files of the Gezondheidsmonitor Volwassenen en
  Ouderen; semicolons and decimal commas in Swing CSV files; the BBV indicator's name
  *Niet-sporters* and its definition (19+, not weekly), as gemeenten quote waarstaatjegemeente.nl;
* assumed: that an export from waarstaatjegemeente.nl itself has these columns. Its exact
  column names could not be checked, so the reader also accepts the obvious Dutch headers
  (``Periode``/``Jaar``, ``Gebied``/``Gemeente``/``Gebiedcode``, ``Indicator``/``Onderwerp``,
  ``Waarde``) and the area as a CBS code (``GM0141``), a Swing gemeente number (``141`` with a
  gemeente level), ``Nederland`` or the name of a programme gemeente or of Overijssel.

Indicators are recognised by their name (case, spaces and a leading ``%`` ignored, see
:data:`NAMES`); the age group comes with the name (the BBV sport indicators are 19+, NOC*NSF's
memberships are per inhabitant). Rows of other indicators — an export may hold a whole theme —
are skipped and named in a warning; a file without any known indicator is refused.
"""

from __future__ import annotations

import re

from sv_analytics import registry
from sv_analytics.errors import Problem
from sv_analytics.ingest.public import base
from sv_analytics.ingest.public.catalogue import unit_of

KIND = "vng"
#: dataset.source: the publisher of the file (each row names its own original source).
DATASET_SOURCE = "waarstaatjegemeente.nl (VNG), sportcijfers (Swing-export)"
SOURCE_BBV = "waarstaatjegemeente.nl (VNG), BBV-beleidsindicator; GGD'en/RIVM/CBS Gezondheidsmonitor"
SOURCE_LEDEN = "waarstaatjegemeente.nl (VNG); NOC*NSF ledentallen sportbonden"
NOTE = (
    "Sportcijfers per gemeente zoals waarstaatjegemeente.nl ze toont (Swing, platte data): "
    "BBV-beleidsindicator Niet-sporters (19+, Gezondheidsmonitor) en lidmaatschap van sportverenigingen."
)

#: Header aliases per role (the first is Swing's own name).
ROLES = {
    "period": ("PERIODE", "PERIOD", "Periode", "Jaar", "Perioden"),
    "level": ("GEBIEDSNIVEAU", "GEOLEVEL", "Gebiedsniveau", "Niveau"),
    "area": ("GEBIED", "GEOITEM", "Gebied", "Gebiedcode", "Gebiedscode", "Gemeente", "Regio"),
    "indicator": ("NAAM", "Indicator", "Onderwerp", "Indicatornaam", "Variabele"),
    "value": ("WAARDE", "VALUE", "Waarde"),
}
REQUIRED = ("period", "area", "indicator", "value")
#: Indicator name (normalised: lower case, single spaces, no leading %) → (code, age group, source).
NAMES: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(
        ("niet-sporters", "niet sporters", "niet-wekelijkse sporters", "niet wekelijkse sporters"),
        ("niet_wekelijks_sporter_pct", "19+", SOURCE_BBV),
    ),
    **dict.fromkeys(
        ("wekelijkse sporters", "wekelijks sporten"), ("wekelijks_sporter_pct", "19+", SOURCE_BBV)
    ),
    **dict.fromkeys(
        ("voldoet aan beweegrichtlijn", "voldoet aan de beweegrichtlijn", "voldoet aan de beweegrichtlijnen"),
        ("beweegrichtlijn_pct", "19+", SOURCE_BBV),
    ),
    **dict.fromkeys(
        (
            "leden sportvereniging",
            "leden sportverenigingen",
            "lid sportvereniging",
            "lid van een sportvereniging",
            "lidmaatschap sportvereniging",
            "lidmaatschappen sportbonden",
        ),
        ("sportvereniging_lid_pct", "totaal", SOURCE_LEDEN),
    ),
}
#: Area names that stand for a fixed region (besides the programme gemeenten' names).
AREA_NAMES = {"nederland": base.LAND_CODE, "nederland totaal": base.LAND_CODE, "overijssel": "PV23"}
_YEAR = re.compile(r"(19[89]\d|20\d\d)(JJ00)?")
AREA_HELP = (
    "Onbekend gebied; verwacht een CBS-code (GM0141, PV23, NL01), een gemeentenummer bij "
    "gebiedsniveau gemeente (141), 'Nederland' of de naam van een gemeente in het programma"
)


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lstrip("%").strip()).lower()


def _columns(columns: list[str]) -> dict[str, str | None]:
    table = base.Table("", columns, [])
    return {role: table.find(*names) for role, names in ROLES.items()}


def is_wsjg_header(columns: list[str]) -> bool:
    """Swing platte data: a period, an area, an indicator name and a value column."""
    found = _columns(columns)
    return all(found[role] is not None for role in REQUIRED)


def parse_csv(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """An export as CSV (Swing writes ``;`` and decimal commas; ``,`` and tabs are read too)."""
    return parse_table(base.read_csv_table(data, name), year)


def parse_xlsx(data: bytes, name: str, year: int | None = None) -> base.Parsed:
    """An export as .xlsx: the sheet named ``data`` (Swing's import workbook), else the first."""
    return parse_table(base.read_xlsx_table(data, name, pick_sheet), year)


def pick_sheet(names: list[str]) -> str | None:
    return next((n for n in names if n.strip().lower() == "data"), None)


def parse_table(table: base.Table, year: int | None = None) -> base.Parsed:
    """Validate every row; one statistic row per known indicator, area and period.

    ``year`` is only checked: the period is in the file.
    """
    columns = _columns(table.columns)
    missing = [ROLES[role][0] for role in REQUIRED if columns[role] is None]
    base.raise_problems(
        [table.problem(f"Verplichte kolom '{c}' ontbreekt (Swing-export, platte data).") for c in missing]
    )
    problems: list[Problem] = []
    rows, unknown = [], set()
    for number, cells in table.rows:
        known = NAMES.get(_key(cells.get(columns["indicator"])))
        if known is None:
            unknown.add(str(cells.get(columns["indicator"]) or "").strip() or "(leeg)")
            continue
        row = _row(table, number, cells, columns, known, problems)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        wanted = "Niet-sporters, Leden sportverenigingen, Wekelijkse sporters, Voldoet aan beweegrichtlijn"
        problems.append(table.problem(f"Geen bekende sportindicator gevonden (verwacht: {wanted})."))
    frame, dropped = base.checked_statistics(table, rows, problems)
    years = sorted(set(frame["year"]))
    if year is not None and years and years != [year]:
        found = ", ".join(str(y) for y in years)
        base.raise_problems(
            [
                table.problem(
                    f"Het opgegeven jaar {year} komt niet overeen met de perioden in het bestand ({found})."
                )
            ]
        )
    warnings = base.unpublished_warnings(dropped)
    if unknown:
        warnings.append("Andere indicatoren overgeslagen: " + "; ".join(sorted(unknown)) + ".")
    warnings += base.missing_warnings(
        frame, "{n} ontbrekende of geheime waarden (-99996, '.') opgeslagen als leeg."
    )
    source = "; ".join(sorted(set(frame["source"])))
    return base.Parsed(
        KIND, source, years[0] if len(years) == 1 else None, True, NOTE, {"statistic": frame}, warnings
    )


def _row(table, number, cells, columns, known, problems) -> tuple | None:
    code, age, source = known
    region = _region(cells.get(columns["area"]), cells.get(columns["level"]) if columns["level"] else None)
    before = len(problems)
    if region is None:
        problems.append(table.problem(AREA_HELP + ".", number, columns["area"], cells.get(columns["area"])))
    period = _YEAR.fullmatch(str(cells.get(columns["period"]) or "").strip().removesuffix(".0"))
    if period is None:
        problems.append(
            table.problem(
                "Geen geldig jaar (verwacht 2016).", number, columns["period"], cells.get(columns["period"])
            )
        )
    raw = cells.get(columns["value"])
    try:
        value = base.parse_number(raw)
    except ValueError:
        problems.append(table.problem("Geen getal.", number, columns["value"], raw))
        return None
    if value is not None and not 0 <= value <= 100:
        problems.append(table.problem("Een percentage ligt tussen 0 en 100.", number, columns["value"], raw))
    if len(problems) > before:
        return None
    return (region[0], region[1], int(period.group(1)), age, code, value, unit_of(code), source, number)


def _region(raw: object, level: object) -> tuple[str, str] | None:
    """(code, level) of an area: a CBS code, a Swing gemeente number, or a known name."""
    text = str(raw if raw is not None else "").strip()
    level_text = _key(level)
    if re.fullmatch(r"\d{1,4}(\.0)?", text) and level_text.startswith("gemeente"):
        return f"GM{int(float(text)):04d}", "gemeente"
    found = base.region_of(text)
    if found is not None and found[1] in ("land", "provincie", "gemeente"):
        return found
    by_name = {n.lower(): c for c, n in registry.PROGRAMME_GEMEENTEN.items()}
    name = _key(text)
    if name in AREA_NAMES:
        code = AREA_NAMES[name]
        return code, "land" if code == base.LAND_CODE else "provincie"
    if name in by_name:
        return by_name[name], "gemeente"
    return None
