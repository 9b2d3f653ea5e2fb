"""The corpus of bad monitoring workbooks: each gives its Dutch message and changes nothing.

Every case starts from a small valid workbook (the template's examples made real) and
breaks one thing. The files are written to tests/artifacts/bad_inputs/ for inspection.
For each case the test checks the expected message (with sheet, row and column where the
problem has one) and that every table's content hash is unchanged.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import load_workbook

from sv_analytics import db
from sv_analytics.errors import UserError, ValidationError
from sv_analytics.ingest import common, workbook
from tests.workbooks import column_of, set_cell, valid_workbook

Mutation = Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Mutation
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    chosen_kern: str | None = None


def cell(sheet: str, header: str, value: object, row: int = 2, as_text: bool = False) -> Mutation:
    return lambda path: set_cell(path, sheet, header, row, value, as_text=as_text)


def edit(change: Callable) -> Mutation:
    def mutate(path: Path) -> Path:
        book = load_workbook(path)
        change(book)
        book.save(path)
        return path

    return mutate


def rename_header(sheet: str, old: str, new: str | None) -> Mutation:
    def change(book) -> None:
        target = book[sheet].cell(1, column_of(book[sheet], old))
        if new is None:
            book[sheet].delete_cols(target.column)
        else:
            target.value = new

    return edit(change)


def add_header(sheet: str, header: str) -> Mutation:
    return edit(lambda book: book[sheet].cell(1, book[sheet].max_column + 1, header))


def copy_row(sheet: str) -> Mutation:
    def change(book) -> None:
        values = [c.value for c in book[sheet][2]]
        book[sheet].append(values)

    return edit(change)


def clear_sheet(sheet: str) -> Mutation:
    return edit(lambda book: book[sheet].delete_rows(1, book[sheet].max_row))


def info(label: str, value: object) -> Mutation:
    def change(book) -> None:
        for row in book["Toelichting"].iter_rows():
            if row[0].value == label:
                row[1].value = value

    return edit(change)


def replace_bytes(data: Callable[[Path], bytes]) -> Mutation:
    def mutate(path: Path) -> Path:
        path.write_bytes(data(path))
        return path

    return mutate


CSV_TEXT = "Activiteit-id;Maand;Deelnemers\nact01;2017-09;12\n"


def encrypted(path: Path) -> bytes:
    source = io.BytesIO(path.read_bytes())
    office = OOXMLFile(source)
    target = io.BytesIO()
    office.encrypt("geheim", target)
    return target.getvalue()


def example_only(book) -> None:
    for sheet in book.worksheets[1:-1]:
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 1).value = "voorbeeld"


CASES = [
    Case(
        "kolom ontbreekt",
        rename_header("Deelname", "Deelnemers", None),
        "kolom 'Deelnemers' ontbreekt",
        "Deelname",
        1,
    ),
    Case(
        "kolom hernoemd",
        rename_header("Deelname", "Maand", "Periode"),
        "kolom 'Maand' ontbreekt",
        "Deelname",
        1,
    ),
    Case("extra kolom", add_header("Activiteiten", "Opmerkingen"), "onbekende kolom", "Activiteiten", 1),
    Case(
        "tekst in getalveld",
        cell("Deelname", "Deelnemers", "twaalf"),
        "verwacht een geheel getal, gevonden: tekst",
        "Deelname",
        2,
        "Deelnemers",
    ),
    Case(
        "decimale komma als tekst",
        cell("Deelname", "Deelnemers", "12,5"),
        "decimale komma",
        "Deelname",
        2,
        "Deelnemers",
    ),
    Case(
        "decimale komma in bedrag",
        cell("Activiteiten", "Kosten per keer (€)", "2,50"),
        "decimale komma",
        "Activiteiten",
        2,
        "Kosten per keer (€)",
    ),
    Case(
        "getal met decimalen",
        cell("Vrijwilligers", "Actief", 12.5),
        "getal met decimalen",
        "Vrijwilligers",
        2,
        "Actief",
    ),
    Case(
        "negatief aantal",
        cell("Deelname", "Deelnemers", -3),
        "mag niet negatief zijn",
        "Deelname",
        2,
        "Deelnemers",
    ),
    Case(
        "meer nieuwe dan deelnemers",
        cell("Deelname", "Nieuwe deelnemers", 40),
        "is groter dan 'Deelnemers'",
        "Deelname",
        2,
        "Nieuwe deelnemers",
    ),
    Case(
        "meer inactief dan nieuw",
        cell("Deelname", "Waarvan voorheen inactief", 13),
        "is groter dan 'Nieuwe deelnemers'",
        "Deelname",
        2,
    ),
    Case(
        "maand na 2019",
        cell("Deelname", "Maand", date(2020, 2, 1)),
        "tussen 1 jan 2016 en 31 dec 2019",
        "Deelname",
        2,
        "Maand",
    ),
    Case(
        "datum voor 2016",
        cell("Werkplan", "Gepland vanaf", date(2015, 6, 1)),
        "tussen 1 jan 2016 en 31 dec 2019",
        "Werkplan",
        2,
        "Gepland vanaf",
    ),
    Case(
        "buiten de periode van het werkboek",
        lambda p: info("Periode tot en met", date(2017, 6, 1))(p),
        "valt buiten de periode",
        "Deelname",
        2,
        "Maand",
    ),
    Case(
        "onbekende keuze",
        cell("Organisaties", "Sector", "bakkerij"),
        "onbekende waarde; kies uit de lijst",
        "Organisaties",
        2,
        "Sector",
    ),
    Case(
        "verplicht veld leeg",
        cell("Organisaties", "Naam", None),
        "verplicht veld is leeg",
        "Organisaties",
        2,
        "Naam",
    ),
    Case("onbekende kern", info("Kern-id", "atlantis"), "onbekende kern", "Toelichting", 3, "B"),
    Case(
        "onbekende activiteit",
        cell("Deelname", "Activiteit-id", "act99"),
        "onbekende id",
        "Deelname",
        2,
        "Activiteit-id",
    ),
    Case(
        "onbekende partner",
        cell("Afspraken", "Partners", "o01; o77"),
        "onbekende id",
        "Afspraken",
        2,
        "Partners",
    ),
    Case("dubbele regel", copy_row("Deelname"), "dubbele regel", "Deelname", 3),
    Case("dubbele id", copy_row("Activiteiten"), "dubbele regel", "Activiteiten", 3, "Activiteit-id"),
    Case("leeg tabblad", clear_sheet("Deelname"), "het tabblad is leeg", "Deelname", 1),
    Case(
        "tabblad ontbreekt",
        edit(lambda book: book.remove(book["Vrijwilligers"])),
        "tabblad ontbreekt",
        "Vrijwilligers",
    ),
    Case("extra tabblad", edit(lambda book: book.create_sheet("Blad1")), "onbekend tabblad", "Blad1"),
    Case("alleen voorbeelden", edit(example_only), "bevat geen gegevens"),
    Case("csv hernoemd naar xlsx", replace_bytes(lambda p: CSV_TEXT.encode()), "tekst- of CSV-bestand"),
    Case(
        "latin-1 tekst hernoemd",
        replace_bytes(lambda p: "Café;Één\n".encode("latin-1")),
        "tekst- of CSV-bestand",
    ),
    Case(
        "csv met BOM hernoemd", replace_bytes(lambda p: CSV_TEXT.encode("utf-8-sig")), "tekst- of CSV-bestand"
    ),
    Case("beveiligd met wachtwoord", replace_bytes(encrypted), "beveiligd met een wachtwoord"),
    Case(
        "oud xls-bestand",
        replace_bytes(lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        "oud Excel-bestand",
    ),
    Case("afgebroken bestand", replace_bytes(lambda p: p.read_bytes()[:3000]), "beschadigd"),
    Case("leeg bestand", replace_bytes(lambda p: b""), "leeg"),
    Case("formule", cell("Deelname", "Deelnemers", "=10+2"), "formule gevonden", "Deelname", 2, "Deelnemers"),
    Case(
        "tekst begint met =",
        cell("Activiteiten", "Naam", '=HYPERLINK("x")', as_text=True),
        "mag niet beginnen met '='",
        "Activiteiten",
        2,
        "Naam",
    ),
    Case(
        "tekst begint met +",
        cell("Afspraken", "Omschrijving", "+31 6 1234"),
        "mag niet beginnen met '+'",
        "Afspraken",
        2,
        "Omschrijving",
    ),
    Case(
        "tekst begint met -",
        cell("Werkplan", "Omschrijving", "-- nog invullen"),
        "mag niet beginnen met '-'",
        "Werkplan",
        2,
        "Omschrijving",
    ),
    Case(
        "tekst begint met @",
        cell("Factoren", "Omschrijving", "@SUM(A1)"),
        "mag niet beginnen met '@'",
        "Factoren",
        2,
        "Omschrijving",
    ),
    Case(
        "uitsplitsing telt niet op",
        lambda p: _age_breakdown(p, [1, 1, 1, 1, 1]),
        "tellen niet op tot Deelnemers",
        "Deelname",
        2,
    ),
    Case(
        "gereed zonder datum",
        cell("Werkplan", "Gereed op", None),
        "vraagt een datum 'Gereed op'",
        "Werkplan",
        2,
    ),
    Case(
        "einde voor begin",
        cell("Activiteiten", "Einddatum", date(2017, 1, 1)),
        "einddatum ligt vóór de startdatum",
        "Activiteiten",
        2,
        "Einddatum",
    ),
    Case(
        "datum als vrije tekst",
        cell("Enquête", "Datum", "vorige week"),
        "verwacht een datum",
        "Enquête",
        2,
        "Datum",
    ),
    Case(
        "periode omgekeerd",
        lambda p: info("Periode tot en met", date(2016, 6, 1))(info("Periode van", date(2018, 1, 1))(p)),
        "ligt vóór 'Periode van'",
        "Toelichting",
    ),
    Case(
        "toelichting ontbreekt",
        edit(lambda book: book.remove(book["Toelichting"])),
        "tabblad 'Toelichting' ontbreekt",
    ),
    Case(
        "deelname voor start activiteit",
        cell("Deelname", "Maand", date(2017, 5, 1)),
        "vóór de startdatum van de activiteit",
        "Deelname",
        2,
        "Maand",
    ),
]


def _age_breakdown(path: Path, ages: list[int]) -> Path:
    for band, value in zip(("0-17", "18-44", "45-64", "65-74", "75+"), ages, strict=True):
        set_cell(path, "Deelname", f"Leeftijd {band}", 2, value)
    return path


@pytest.fixture(scope="module")
def conn(app_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(app_db) as connection:  # the module's own copy of the demo database
        yield connection


@pytest.fixture(scope="module")
def base(conn: duckdb.DuckDBPyConnection, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = valid_workbook(conn, tmp_path_factory.mktemp("base") / "basis.xlsx")
    workbook.plan_import(conn, path, chosen_kern="bathmen")  # the starting point is valid
    return path


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_workbook_is_rejected_with_its_message_and_changes_nothing(
    case: Case, conn: duckdb.DuckDBPyConnection, base: Path, artifacts: Path
) -> None:
    folder = artifacts / "bad_inputs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case.name.replace(' ', '_')}.xlsx"
    shutil.copyfile(base, path)
    case.mutate(path)
    before = db.content_hashes(conn)
    with pytest.raises(ValidationError) as caught:
        workbook.import_workbook(conn, path, chosen_kern=case.chosen_kern)
    matching = [p for p in caught.value.problems if case.message in p.message]
    assert matching, [str(p) for p in caught.value.problems]
    problem = matching[0]
    assert problem.file == path.name
    if case.sheet:
        assert problem.sheet == case.sheet, str(problem)
    if case.row:
        assert problem.row == case.row, str(problem)
    if case.column:
        assert problem.column == case.column, str(problem)
    assert db.content_hashes(conn) == before


def test_a_file_over_the_size_limit_is_refused(conn, base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_FILE_BYTES", 1024)
    before = db.content_hashes(conn)
    with pytest.raises(ValidationError, match="te groot"):
        workbook.import_workbook(conn, base)
    assert db.content_hashes(conn) == before


def test_a_missing_file_is_refused(conn, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="bestaat niet"):
        workbook.import_workbook(conn, tmp_path / "nergens.xlsx")
