"""What every public-data importer shares: reading tables, CBS codes and numbers, writing.

Why one module: CBS, RIVM and PDOK files differ in layout but share their quirks (padded
codes, secrecy markers such as ``.`` and ``-99997``, decimal commas, codes whose prefix
tells the region level). Handling those once keeps the importers consistent: the same
marker always becomes NULL and the same code always gets the same level. The write step
(one transaction, provenance row, replace rows of the same key, log) is shared as well.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sv_analytics import db, fmt, vocab
from sv_analytics.errors import Problem, ValidationError
from sv_analytics.ingest import common
from sv_analytics.ingest.public.catalogue import INDICATORS
from sv_analytics.ingest.public.catalogue import unit_of as catalogue_unit

# ----------------------------------------------------------------------------- region codes
#: CBS region codes by prefix → region level (vocab.REGION_LEVEL); a PC4 is four digits.
_REGION_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"NL\d{2}"), "land"),
    (re.compile(r"PV\d{2}"), "provincie"),
    (re.compile(r"GM\d{4}"), "gemeente"),
    (re.compile(r"WK\d{6}"), "wijk"),
    (re.compile(r"BU\d{8}"), "buurt"),
    (re.compile(r"[1-9]\d{3}"), "pc4"),
)
#: CBS uses NL00 (kerncijfers) and NL01 (StatLine) for the same country; we store NL01.
LAND_CODE = "NL01"
REGION_CODE_HELP = (
    "Onbekende gebiedscode; verwacht een CBS-code zoals NL01, PV23, GM0141, WK014120, "
    "BU01412000 of een postcode van 4 cijfers (7431)"
)


def region_of(raw: object) -> tuple[str, str] | None:
    """(normalised code, region level) of a CBS region code, or None when not recognised.

    Why: CBS pads codes with spaces (``"GM0141    "``) and files differ in case; the prefix
    is the only reliable sign of the level, so every importer derives it here.
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    text = str(raw).strip().upper()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        text = str(int(raw)) if float(raw).is_integer() else text
    for pattern, level in _REGION_PATTERNS:
        if pattern.fullmatch(text):
            return (LAND_CODE if level == "land" else text), level
    return None


# ----------------------------------------------------------------------------- numbers
#: Cell texts that mean "no value": empty, CBS "." (not available), "x" (secret), "-", "?".
_MISSING_TEXTS = frozenset({"", ".", "x", "-", "?"})
#: CBS numeric secrecy / missing codes (kerncijfers: -99997 geheim, -99999999 ontbreekt …).
_MARKER_CODES = frozenset({-99995.0, -99996.0, -99997.0, -99998.0, -99999.0, -99999999.0, -999999999.0})
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_number(raw: object) -> float | None:
    """The cell as a float, None for a missing or secret value; ValueError for text.

    Why: CBS and RIVM mark missing and secret values in several ways and Dutch exports use a
    decimal comma; all of them must end up as NULL or a number, never as a silent zero.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("boolean")
    if isinstance(raw, int | float):
        value = float(raw)
        if math.isnan(value) or value in _MARKER_CODES:
            return None
        if math.isinf(value):
            raise ValueError("oneindig")
        return value
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text.lower() in _MISSING_TEXTS:
        return None
    if "," in text:  # decimal comma; a point is then a thousands separator
        text = text.replace(".", "").replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    value = float(text)
    return None if value in _MARKER_CODES else value


# ----------------------------------------------------------------------------- tables
@dataclass
class Table:
    """A rectangular input (CSV or one sheet) with the file's own row numbers."""

    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, object]]]
    sheet: str | None = None

    def find(self, *names: str) -> str | None:
        """The column whose header matches one of ``names`` (case and spacing ignored)."""
        wanted = {_header_key(n) for n in names}
        for column in self.columns:
            if _header_key(column) in wanted:
                return column
        return None

    def problem(
        self, message: str, row: int | None = None, column: str | None = None, value: object = None
    ) -> Problem:
        shown = None if value is None else str(value).strip()
        return Problem(self.file, message, sheet=self.sheet, row=row, column=column, value=shown)


def _header_key(name: str) -> str:
    return re.sub(r"\s+", " ", str(name).strip().strip('"').strip()).lower()


def read_csv_table(data: bytes, name: str) -> Table:
    """Parse a CSV (``,``, ``;`` or tab; any line ending; UTF-8, BOM or Windows-1252).

    Why the csv module and not pandas: it keeps every cell as the exact text, so markers and
    padding are judged by us, and it gives the file's real line numbers for messages.
    """
    text = common.decode_text(data, name)
    if "\x00" in text:
        raise ValidationError([Problem(name, "Dit is geen tekstbestand (CSV).")])
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ValidationError([Problem(name, "Het bestand bevat geen kopregel en geen gegevens.")])
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, object]]] = []
    problems: list[Problem] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = [cell.strip().strip('"').strip() for cell in record]
            problems += _header_problems(header, name)
            continue
        if len(record) != len(header):
            message = f"De rij heeft {len(record)} velden, de kopregel {len(header)}."
            problems.append(Problem(name, message, row=reader.line_num))
            continue
        rows.append((reader.line_num, dict(zip(header, record, strict=True))))
    if problems:
        raise ValidationError(problems)
    return Table(name, header or [], rows)


def _header_problems(header: list[str], name: str, sheet: str | None = None) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, column in enumerate(header, start=1):
        if not column:
            problems.append(
                Problem(name, f"Kolom {index} heeft geen naam in de kopregel.", sheet=sheet, row=1)
            )
        elif _header_key(column) in seen:
            problems.append(Problem(name, "Deze kolomnaam komt twee keer voor.", sheet=sheet, column=column))
        seen.add(_header_key(column))
    return problems


def open_workbook(data: bytes, name: str):
    """The calamine workbook of a checked .xlsx, or a Dutch problem when it is no real .xlsx
    file or one the package check refuses.

    Why the check: a public xlsx with one cell at XFD1048576 would make any reader build a
    grid of 17 billion cells (openpyxl pads every row to it: half an hour of CPU; calamine
    aborts). xlsx.check_package refuses it, and zip bombs and DOCTYPEs, before reading.
    Why calamine and not openpyxl: a national kwb file (17,000 × 120 cells) takes ~10 s
    in openpyxl and well under 1 s in calamine.
    """
    from python_calamine import CalamineWorkbook

    from sv_analytics.ingest import limits, xlsx

    if not data.startswith(b"PK\x03\x04"):
        message = (
            "Dit is geen Excel-werkmap (.xlsx); is het een CSV- of ander bestand met een andere extensie?"
        )
        raise ValidationError([Problem(name, message)])
    xlsx.check_package(io.BytesIO(data), name, limits.public_caps())
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ValidationError([Problem(name, XLSX_UNREADABLE)]) from exc


XLSX_UNREADABLE = "De Excel-werkmap kan niet worden gelezen; is het bestand beschadigd of geen .xlsx?"


def _xlsx_value(value: object) -> object:
    """A calamine cell as openpyxl gave it: empty is None, a whole number an int."""
    if value == "":
        return None
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def read_xlsx_table(data: bytes, name: str, pick: Callable[[list[str]], str | None] | None = None) -> Table:
    """One sheet as a Table: the sheet ``pick`` chooses, else the first; header = first row."""
    workbook = open_workbook(data, name)
    try:
        names = list(workbook.sheet_names)
        if not names:
            raise ValidationError([Problem(name, "De Excel-werkmap bevat geen werkbladen.")])
        sheet_name = (pick(names) if pick else None) or names[0]
        grid = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError([Problem(name, XLSX_UNREADABLE)]) from exc
    finally:
        workbook.close()
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, object]]] = []
    for number, raw in enumerate(grid, start=1):
        values = [_xlsx_value(v) for v in raw]
        if not any(v is not None and str(v).strip() for v in values):
            continue
        if header is None:
            header = [("" if v is None else str(v)).strip() for v in values]
            while header and not header[-1]:
                header.pop()
            problems = _header_problems(header, name, sheet_name)
            if problems:
                raise ValidationError(problems)
            continue
        rows.append((number, dict(zip(header, values, strict=False))))
    if header is None:
        raise ValidationError([Problem(name, "Het werkblad is leeg.", sheet=sheet_name)])
    return Table(name, header, rows, sheet=sheet_name)


def csv_header(data: bytes, name: str) -> list[str]:
    """The header fields of a CSV, for format detection (cheap: first non-empty line only)."""
    text = common.decode_text(data[:65536], name)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    return [c.strip().strip('"').strip() for c in next(csv.reader([first], delimiter=delimiter), [])]


# ----------------------------------------------------------------------------- years
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


def years_in_name(name: str) -> set[int]:
    """Years (1980–2099) written in a file name, e.g. {2017} for kwb-2017.csv."""
    return {int(y) for y in _YEAR.findall(name)}


def resolve_year(
    given: int | None, name: str, *, what: str, example: str = "kwb-2017.csv"
) -> tuple[int | None, list[Problem]]:
    """The year for a file without a year in its content: the parameter, else the file name.

    Why: some sources (PC4, kwb exports) do not state their year; we record the year the user
    gives and never guess one. A parameter that contradicts the file name is refused.
    """
    from_name = years_in_name(name)
    if given is not None:
        if len(from_name) == 1 and given not in from_name:
            message = (
                f"Het opgegeven jaar {given} verschilt van het jaar in de bestandsnaam ({from_name.pop()})."
            )
            return None, [Problem(name, message)]
        return given, []
    if len(from_name) == 1:
        return from_name.pop(), []
    message = (
        f"Het jaar van {what} staat niet in het bestand. Geef het jaar op (--jaar, of bij het inlezen in de app) "
        f"of zet het in de bestandsnaam, bijvoorbeeld {example}."
    )
    return None, [Problem(name, message)]


# ----------------------------------------------------------------------------- results
STATISTIC_COLUMNS = [
    "region_code",
    "region_level",
    "year",
    "age_group",
    "indicator",
    "value",
    "unit",
    "source",
]
GEOMETRY_COLUMNS = ["region_code", "region_level", "year", "name", "geojson", "source"]
KEYS = {
    "statistic": ["region_code", "region_level", "year", "age_group", "indicator", "source"],
    "geometry": ["region_code", "region_level", "year", "source"],
}


@dataclass
class Parsed:
    """A validated file, ready to write: rows per table plus provenance."""

    kind: str  # cbs | rivm | pdok
    source: str  # dataset.source: publisher + table
    year: int | None  # dataset.year; None when the file holds several years
    year_in_content: bool  # False: the year was given by the user (part of the dataset id)
    note: str
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def statistic_frame(rows: Iterable[tuple], file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows (STATISTIC_COLUMNS + file row number) → frame; duplicates are problems.

    Why the duplicate check: the table's primary key would refuse them anyway, but only
    here can we name the rows of the file that clash.
    """
    frame = pd.DataFrame(list(rows), columns=[*STATISTIC_COLUMNS, "_row"])
    frame["value"] = frame["value"].astype("float64")
    frame["year"] = frame["year"].astype("int64")
    return _split_duplicates(frame, "statistic", file)


def geometry_frame(rows: Iterable[tuple], file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows (GEOMETRY_COLUMNS + feature number) → frame; duplicates are problems."""
    frame = pd.DataFrame(list(rows), columns=[*GEOMETRY_COLUMNS, "_row"])
    frame["year"] = frame["year"].astype("int64")
    return _split_duplicates(frame, "geometry", file)


def _split_duplicates(frame: pd.DataFrame, table: str, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    keys = KEYS[table]
    clash = frame[frame.duplicated(keys, keep=False)]
    problems = [
        Problem(
            file,
            "Dezelfde regio, hetzelfde jaar en dezelfde indicator komen vaker voor.",
            row=int(r),
            value=c,
        )
        for r, c in zip(clash["_row"], clash["region_code"], strict=True)
    ]
    return frame.drop(columns="_row"), problems


def drop_unpublished(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Drop (indicator, year, age group) combinations without a single value in the file.

    Why: a column that is empty for a whole year (e.g. RIVM ``BeperktVanwegeGezondheid`` in
    2016, PDOK ``afstand_huisarts`` in 2017) was not published; storing thousands of NULLs
    would suggest it was secret per region. A single missing value among published ones
    *is* stored, as NULL.
    """
    if frame.empty:
        return frame, []
    has_value = (
        frame["value"]
        .notna()
        .groupby([frame["indicator"], frame["year"], frame["age_group"]])
        .transform("any")
    )
    dropped = frame.loc[~has_value, ["indicator", "year", "age_group"]].drop_duplicates()
    notes = [f"{i} ({a}, {y})" for i, y, a in dropped.itertuples(index=False)]
    return frame[has_value].reset_index(drop=True), sorted(notes)


def raise_problems(problems: list[Problem]) -> None:
    """Raise all problems at once (nothing has been written yet), or do nothing."""
    if problems:
        raise ValidationError(problems)


def checked_statistics(
    table: Table, rows: Iterable[tuple], problems: list[Problem]
) -> tuple[pd.DataFrame, list[str]]:
    """The rows as a statistic frame once every problem is raised (rows with the same key and a
    file without rows are problems too), without the combinations the file did not publish;
    the second value names those (see drop_unpublished)."""
    frame, duplicates = statistic_frame(rows, table.file)
    problems += duplicates
    if not problems and frame.empty:
        problems.append(table.problem("Het bestand bevat geen rijen met gegevens."))
    raise_problems(problems)
    return drop_unpublished(frame)


def unpublished_warnings(dropped: list[str]) -> list[str]:
    """The warning that names what drop_unpublished left out, if it left out anything."""
    if not dropped:
        return []
    return ["Niet gepubliceerd in dit bestand (helemaal leeg, niet opgeslagen): " + "; ".join(dropped) + "."]


def missing_warnings(frame: pd.DataFrame, text: str) -> list[str]:
    """``text`` with the number ``{n}`` of values stored empty (NULL), if there are any."""
    missing = int(frame["value"].isna().sum())
    return [text.format(n=missing)] if missing else []


# ----------------------------------------------------------------------------- writing
def dataset_id_for(parsed: Parsed, digest: str) -> str:
    """Deterministic id: same bytes (and, when user-given, same year) → same dataset."""
    base = f"{parsed.kind}-{digest[:12]}"
    return base if parsed.year_in_content or parsed.year is None else f"{base}-{parsed.year}"


# ----------------------------------------------------------------------------- preview
#: How many of the largest relative changes a preview lists.
PREVIEW_CHANGES = 10


@dataclass(frozen=True)
class ValueChange:
    """One stored figure a file would change."""

    region: str  # the region's name where the database knows it, else its code
    indicator: str
    year: int
    age_group: str
    old: float | None
    new: float | None
    relative: float | None  # |new − old| / |old|; inf when old is 0; None when one is missing

    def sentence(self) -> str:
        """``Deventer, inwoners 2017: 99.295 → 1`` (the age group when it is not all ages)."""
        known = INDICATORS.get(self.indicator)
        name = known.name if known else self.indicator
        name = name[:1].lower() + name[1:] if name[1:2].islower() else name
        if self.age_group != "totaal":
            name = f"{name} ({vocab.STAT_AGE_GROUP.get(self.age_group, self.age_group)})"
        return f"{self.region}, {name} {self.year}: {_shown(self.old)} → {_shown(self.new)}"


def _shown(value: float | None) -> str:
    if value is None:
        return "leeg"
    return fmt.number(value, 0 if float(value).is_integer() else 1)


@dataclass
class Preview:
    """What writing a parsed file would change, found without writing (the confirm step)."""

    dataset_id: str
    already_imported: bool
    #: table → rows of the file that are new, change a stored value, or equal a stored one.
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    #: the largest relative changes of stored figures, largest first.
    largest: list[ValueChange] = field(default_factory=list)

    def total(self, kind: str) -> int:
        return sum(c.get(kind, 0) for c in self.counts.values())


_COMPARED = {"statistic": "value", "geometry": "geojson"}


def preview_parsed(conn: duckdb.DuckDBPyConnection, parsed: Parsed, digest: str) -> Preview:
    """Compare a parsed file with what is stored, by key: new, changed and equal rows per table,
    and the largest relative changes of figures. Reads only (the file's rows are a registered
    frame on a cursor of its own)."""
    dataset_id = dataset_id_for(parsed, digest)
    preview = Preview(dataset_id, common.dataset_exists(conn, dataset_id))
    if preview.already_imported:
        return preview
    cur = conn.cursor()
    for table, frame in parsed.frames.items():
        keys, compared = KEYS[table], _COMPARED[table]
        view = f"_preview_{table}"
        cur.register(view, frame)
        try:
            on = " AND ".join(f's."{k}" = f."{k}"' for k in keys)
            same = f's."{compared}" IS NOT DISTINCT FROM f."{compared}"'
            row = cur.execute(
                f"SELECT count(*) FILTER (WHERE s.{keys[0]} IS NULL), "
                f"count(*) FILTER (WHERE s.{keys[0]} IS NOT NULL AND NOT ({same})), "
                f"count(*) FILTER (WHERE s.{keys[0]} IS NOT NULL AND {same}) "
                f'FROM "{view}" AS f LEFT JOIN "{table}" AS s ON {on}'
            ).fetchone()
            preview.counts[table] = {"new": int(row[0]), "changed": int(row[1]), "same": int(row[2])}
            if table == "statistic":
                preview.largest = _largest_changes(cur, view, on)
        finally:
            cur.unregister(view)
    return preview


def _largest_changes(cur: duckdb.DuckDBPyConnection, view: str, on: str) -> list[ValueChange]:
    rows = cur.execute(
        f"""SELECT coalesce(g.name, k.name, geo.name, f.region_code), f.indicator, f.year, f.age_group,
                   s.value, f.value,
                   CASE WHEN s.value IS NULL OR f.value IS NULL THEN NULL
                        WHEN s.value = 0 THEN 'infinity'::DOUBLE
                        ELSE abs(f.value - s.value) / abs(s.value) END AS relative
            FROM "{view}" AS f
            JOIN statistic AS s ON {on}
            LEFT JOIN gemeente AS g ON f.region_level = 'gemeente' AND g.gemeente_code = f.region_code
            LEFT JOIN kern AS k ON f.region_level = 'kern' AND k.kern_id = f.region_code
            LEFT JOIN (SELECT region_code, region_level, min(name) AS name FROM geometry GROUP BY ALL) AS geo
                   ON geo.region_code = f.region_code AND geo.region_level = f.region_level
            WHERE s.value IS DISTINCT FROM f.value
            ORDER BY relative DESC NULLS LAST, 1, 2, 3, 4
            LIMIT {PREVIEW_CHANGES}"""
    ).fetchall()
    return [
        ValueChange(str(r[0]), r[1], int(r[2]), r[3], r[4], r[5], None if r[6] is None else float(r[6]))
        for r in rows
    ]


def write_parsed(
    conn: duckdb.DuckDBPyConnection,
    parsed: Parsed,
    file_name: str,
    digest: str,
    *,
    user: str = common.CLI_USER,
) -> common.ImportSummary:
    """Write one parsed file in one transaction; an identical earlier import changes nothing.

    Rows with the same key (region, level, year, age group, indicator, source) from an
    earlier file are replaced: a newer file of the same source wins. Datasets left without
    rows by that replacement are removed, so their file can be imported again later.
    ``user`` is recorded in the import log.
    """
    dataset_id = dataset_id_for(parsed, digest)
    summary = common.ImportSummary(
        dataset_id, file_name, digest, parsed.kind, warnings=list(parsed.warnings), user=user
    )
    if common.dataset_exists(conn, dataset_id):
        summary.unchanged = True
        summary.warnings.append("Dit bestand is al eerder geïmporteerd; er is niets gewijzigd.")
        return summary
    frames = {t: f.assign(dataset_id=dataset_id) for t, f in parsed.frames.items()}
    with db.transaction(conn):
        replaced, owners = 0, set()
        for table, frame in frames.items():
            count, ids = _delete_same_keys(conn, table, frame)
            replaced, owners = replaced + count, owners | ids
        common.insert_dataset(
            conn,
            dataset_id=dataset_id,
            kind=parsed.kind,
            source=parsed.source,
            year=parsed.year,
            file_name=file_name,
            file_hash=digest,
            note=parsed.note,
        )
        summary.rows = db.insert_frames(conn, frames)
        _drop_empty_datasets(conn, owners - {dataset_id})
        if replaced:
            summary.warnings.append(
                f"{replaced} eerder geïmporteerde rijen van dezelfde bron zijn vervangen."
            )
        written = ", ".join(f"{n} rijen in {t}" for t, n in summary.rows.items())
        common.finish(conn, summary, f"{parsed.source}: {written}.")
    return summary


def _delete_same_keys(
    conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame
) -> tuple[int, set[str]]:
    if frame.empty:
        return 0, set()
    keys = KEYS[table]
    view = f"_keys_{table}"
    conn.register(view, frame[keys].drop_duplicates())
    try:
        match = " AND ".join(f't."{k}" = k."{k}"' for k in keys)
        exists = f'EXISTS (SELECT 1 FROM "{view}" AS k WHERE {match})'
        owners = {
            r[0]
            for r in conn.execute(f'SELECT DISTINCT dataset_id FROM "{table}" AS t WHERE {exists}').fetchall()
        }
        count = conn.execute(f'DELETE FROM "{table}" AS t WHERE {exists}').fetchone()[0]
    finally:
        conn.unregister(view)
    return int(count), owners


def _drop_empty_datasets(conn: duckdb.DuckDBPyConnection, dataset_ids: set[str]) -> None:
    """Remove provenance rows whose every row was replaced, so their file may be imported again."""
    for dataset_id in sorted(dataset_ids):
        left = conn.execute(
            "SELECT (SELECT count(*) FROM statistic WHERE dataset_id = ?) "
            "+ (SELECT count(*) FROM geometry WHERE dataset_id = ?)",
            [dataset_id, dataset_id],
        ).fetchone()[0]
        if not left:
            conn.execute("DELETE FROM dataset WHERE dataset_id = ?", [dataset_id])


def statistic_values(table, number, cells, columns, region, year, source, problems) -> list[tuple]:
    """One statistic row per mapped column of a source row; unparsable numbers become problems."""
    rows = []
    for column, (indicator, age) in columns.items():
        try:
            value = parse_number(cells.get(column))
        except ValueError:
            problems.append(table.problem("Geen getal.", number, column, cells.get(column)))
            continue
        rows.append(
            (region[0], region[1], year, age, indicator, value, catalogue_unit(indicator), source, number)
        )
    return rows
