"""Recognise a public data file and import it: one entry point for the CLI, the app and tests.

Why detection by content: the same extension (.csv, .geojson, .xlsx) covers several
sources, and users rename files; the header columns or JSON structure say what a file
really is. A file that matches no format is refused with the list of supported formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sv_analytics import db
from sv_analytics.errors import Problem, UserError, ValidationError
from sv_analytics.ingest import common, limits, sandbox
from sv_analytics.ingest.public import base, geo, kwb, pc4, rivm, top10nl, wsjg

Parser = Callable[[bytes, str, int | None], base.Parsed]


@dataclass(frozen=True)
class Format:
    """A supported file format: its Dutch description and its parser."""

    description: str
    parse: Parser


FORMATS: dict[str, Format] = {
    "rivm_50090_csv": Format("RIVM/GGD Gezondheidsmonitor, StatLine 50090NED (CSV)", rivm.parse_csv),
    "rivm_50090_xlsx": Format(
        "RIVM/GGD Gezondheidsmonitor, StatLine 50090NED (Excel .xlsx)", rivm.parse_xlsx
    ),
    "cbs_kwb_csv": Format("CBS Kerncijfers wijken en buurten, kwb-indeling (CSV)", kwb.parse_original_csv),
    "cbs_kwb_xlsx": Format(
        "CBS Kerncijfers wijken en buurten, kwb-indeling (Excel .xlsx)", kwb.parse_original_xlsx
    ),
    "cbs_kwb_pdok_csv": Format(
        "CBS Kerncijfers via PDOK (aantal_inwoners, gemeentecode, jaar; CSV)", kwb.parse_pdok_csv
    ),
    "cbs_pc4_csv": Format("CBS bevolking per postcode PC4 (CSV; jaar opgeven)", pc4.parse_csv),
    "topojson": Format("Grenzen als TopoJSON (CBS gebiedsindeling)", geo.parse_topojson),
    "geojson": Format("Grenzen als GeoJSON (CBS gebiedsindeling; WGS84 of RD New)", geo.parse_geojson),
    "top10nl_woonkernen_geojson": Format("TOP10NL woonkernen, contouren (GeoJSON)", top10nl.parse_outlines),
    "top10nl_plaatsen_csv": Format("TOP10NL plaatsen met inwoners (CSV)", top10nl.parse_places_csv),
    "wsjg_csv": Format(
        "waarstaatjegemeente.nl sportcijfers, Swing platte data (PERIODE, GEBIED, NAAM, WAARDE; CSV)",
        wsjg.parse_csv,
    ),
    "wsjg_xlsx": Format(
        "waarstaatjegemeente.nl sportcijfers, Swing platte data (Excel .xlsx)", wsjg.parse_xlsx
    ),
}
#: Formats whose files do not state their year: import_reference_dir needs it from the caller.
NEEDS_YEAR = frozenset({"cbs_pc4_csv", "cbs_kwb_csv", "cbs_kwb_xlsx"})
#: Files in the reference folder that are documentation or illustration, not data to import.
REFERENCE_SKIP = ("SOURCES.md", "ILLUSTRATIEF")


def supported_formats() -> str:
    """The Dutch list of supported formats, for messages."""
    return "; ".join(f.description for f in FORMATS.values())


def _unknown(name: str, reason: str) -> ValidationError:
    message = f"{reason} Ondersteunde formaten: {supported_formats()}."
    return ValidationError([Problem(name, message)])


def detect_bytes(data: bytes, name: str) -> str:
    """The format code of a file's bytes (see FORMATS); ValidationError when unknown."""
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        return _detect_csv(base.csv_header(data, name), name)
    if suffix in (".xlsx", ".xlsm"):
        return _detect_xlsx(data, name)
    if suffix == ".xls":
        raise _unknown(
            name, "Het oude Excel-formaat .xls wordt niet gelezen; sla het bestand op als .xlsx of .csv."
        )
    if suffix in (".json", ".geojson", ".topojson"):
        return _detect_json(geo.load_json(data, name), name)
    raise _unknown(name, f"Onbekende bestandsextensie '{suffix or '(geen)'}'.")


def _detect_csv(header: list[str], name: str) -> str:
    """Recognise a CSV by its header; the first matching format wins (most specific first)."""
    checks = (
        ("rivm_50090_csv", rivm.is_rivm_header),
        ("cbs_kwb_csv", kwb.is_original_header),
        ("cbs_kwb_pdok_csv", kwb.is_pdok_header),
        ("cbs_pc4_csv", pc4.is_pc4_header),
        ("top10nl_plaatsen_csv", top10nl.is_places_header),
        ("wsjg_csv", wsjg.is_wsjg_header),
    )
    found = next((code for code, check in checks if check(header)), None)
    if found is None:
        shown = ", ".join(header[:6]) or "(geen)"
        raise _unknown(name, f"De kolommen van dit CSV-bestand ({shown} …) passen bij geen bekend formaat.")
    return found


def _detect_xlsx(data: bytes, name: str) -> str:
    table = base.read_xlsx_table(data, name, lambda names: rivm.pick_sheet(names) or wsjg.pick_sheet(names))
    if rivm.is_rivm_header(table.columns):
        return "rivm_50090_xlsx"
    if kwb.is_original_header(table.columns):
        return "cbs_kwb_xlsx"
    if wsjg.is_wsjg_header(table.columns):
        return "wsjg_xlsx"
    shown = ", ".join(table.columns[:6]) or "(geen)"
    raise _unknown(name, f"De kolommen van deze werkmap ({shown} …) passen bij geen bekend formaat.")


def _detect_json(doc: dict, name: str) -> str:
    if doc.get("type") == "Topology":
        return "topojson"
    if doc.get("type") == "FeatureCollection":
        return "top10nl_woonkernen_geojson" if top10nl.is_outline_doc(doc) else "geojson"
    raise _unknown(name, "Dit JSON-bestand is geen GeoJSON FeatureCollection en geen TopoJSON Topology.")


def detect(path: Path | str, display_name: str | None = None) -> str:
    """The format code of the file at ``path`` (a key of FORMATS).

    Runs in this process: it is meant for trusted files (import_reference_dir); an .xlsx is
    still checked by xlsx.check_package before calamine reads it. Uploads go through
    import_public_file, which reads them in a sandbox child.
    """
    path = Path(path)
    name = display_name or path.name
    return detect_bytes(common.read_file_checked(path, name), name)


def import_public_file(
    conn: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    year: int | None = None,
    display_name: str | None = None,
    user: str = common.CLI_USER,
) -> common.ImportSummary:
    """Recognise, validate and import one public data file (one transaction, all or nothing).

    ``year`` is needed only for files that do not state it (PC4, kwb without a year in the
    file name); where the file states a year, a different ``year`` is refused. Recognising
    and parsing run in a child process with a memory and time limit (sandbox.run_limited):
    a hostile upload ends in a Dutch ValidationError, never in a dead server. ``user`` is
    recorded in the import log. The app uses :func:`plan_public_file` and
    :func:`apply_public_plan` instead, to show what would change before anything is written.
    """
    name, data, parsed = _read(path, year, display_name)
    return base.write_parsed(conn, parsed, name, common.sha256_bytes(data), user=user)


@dataclass
class PublicPlan:
    """A recognised and parsed public file with what writing it would change (not yet written)."""

    file_name: str
    digest: str
    parsed: base.Parsed
    preview: base.Preview
    data_version: int


def plan_public_file(
    conn: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    year: int | None = None,
    display_name: str | None = None,
) -> PublicPlan:
    """Read and check a public file as :func:`import_public_file` does, and compare it with what
    is stored (base.preview_parsed), without writing: the page shows the plan and writes only
    after a confirm (:func:`apply_public_plan`). A forged file that would turn Deventer's 99.295
    inhabitants into 1 shows that change first."""
    name, data, parsed = _read(path, year, display_name)
    digest = common.sha256_bytes(data)
    return PublicPlan(name, digest, parsed, base.preview_parsed(conn, parsed, digest), db.data_version(conn))


def apply_public_plan(
    conn: duckdb.DuckDBPyConnection, plan: PublicPlan, *, user: str = common.CLI_USER
) -> common.ImportSummary:
    """Write a confirmed plan. When other data was stored since the plan was made and the file
    would now change something else than the preview said, nothing is written (UserError)."""
    if db.data_version(conn) != plan.data_version:
        fresh = base.preview_parsed(conn, plan.parsed, plan.digest)
        if (fresh.already_imported, fresh.counts) != (plan.preview.already_imported, plan.preview.counts):
            raise UserError(
                f"{plan.file_name}: intussen zijn er andere gegevens opgeslagen. Er is niets opgeslagen; "
                "lees het bestand opnieuw in en bevestig dan."
            )
    return base.write_parsed(conn, plan.parsed, plan.file_name, plan.digest, user=user)


def _read(path: Path | str, year: int | None, display_name: str | None) -> tuple[str, bytes, base.Parsed]:
    path = Path(path)
    name = display_name or path.name
    data = common.read_file_checked(path, name)
    parsed = sandbox.run_limited(
        parse_public_bytes,
        data,
        name,
        year,
        name=name,
        memory_bytes=limits.READER_MEMORY_BYTES,
        seconds=limits.READER_SECONDS,
    )
    return name, data, parsed


def parse_public_bytes(data: bytes, name: str, year: int | None) -> base.Parsed:
    """Recognise and parse a public file's bytes: what import_public_file runs in its
    sandbox child (the readers see uploaded bytes only there; the database write stays in
    the parent). An .xlsx is checked by xlsx.check_package inside base.read_xlsx_table."""
    return FORMATS[detect_bytes(data, name)].parse(data, name, year)


class ImportBatch(list):
    """The summaries of a folder import (a list), plus what was skipped and why."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[str] = []


def import_reference_dir(
    conn: duckdb.DuckDBPyConnection, folder: Path | str, *, years: Mapping[str, int] | None = None
) -> ImportBatch:
    """Import every recognised file of a folder, in sorted name order (deterministic).

    Documentation and the illustrative selection are skipped silently; unrecognised files
    and files without a known year (PC4; give it in ``years`` by file name) are skipped with
    a warning in ``batch.skipped``. A recognised file with errors raises: the files before
    it stay imported (each file is its own transaction), nothing of the bad file is written.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError([Problem(str(folder), "De map met referentiebestanden bestaat niet.")])
    years = dict(years or {})
    batch = ImportBatch()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if any(marker in path.name for marker in REFERENCE_SKIP) or path.suffix.lower() == ".md":
            continue
        try:
            code = detect(path)
        except ValidationError:
            batch.skipped.append(f"{path.name}: geen bekend formaat; overgeslagen.")
            continue
        year = years.get(path.name)
        if code in NEEDS_YEAR and year is None and len(base.years_in_name(path.name)) != 1:
            batch.skipped.append(
                f"{path.name}: het jaar staat niet in het bestand; overgeslagen (geef het jaar op)."
            )
            continue
        batch.append(import_public_file(conn, path, year=year))
    return batch
