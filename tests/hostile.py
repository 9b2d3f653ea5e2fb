"""Builders of hostile files, for tests/test_hostile_files.py and bench/bench_hostile.py.

Every builder writes into a folder it is given (a tmp dir), never into the repository, and
returns the path. The monitoring-workbook cases start from a valid workbook and change the
zip members directly (the XML as the attacker writes it, not as openpyxl would); the public
case starts from the real RIVM download in ../shared/reference, read there and never copied
into the repository. Sheets are looked up by name through xl/workbook.xml and its
relationships, so the builders follow the template as workbook_spec.SHEETS grows.

Also here: what the tests run in other processes (the command line, children of run_limited).
"""

from __future__ import annotations

import os
import posixpath
import random
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from openpyxl.utils import get_column_letter

PROJECT = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = PROJECT.parent / "shared" / "reference"
RIVM_XLSX = "rivm-50090NED-2016-18plus-original-sample.xlsx"
MIB = 1024 * 1024
#: The farthest cell Excel has.
FAR_CELL = "XFD1048576"


def reference_file(name: str) -> Path:
    """A real public file in ../shared/reference; a clear failure when the folder is missing."""
    path = SHARED_REFERENCE / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} ontbreekt: de tests lezen de echte bestanden in ../shared/reference")
    return path


# ----------------------------------------------------------------------------- zip members
def read_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_members(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def sheet_member(members: dict[str, bytes], sheet: str) -> str:
    """The zip member of sheet ``sheet`` (through workbook.xml and its relationships)."""
    workbook = ElementTree.fromstring(members["xl/workbook.xml"])
    rels = ElementTree.fromstring(members["xl/_rels/workbook.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    for element in workbook.iter():
        if element.tag.endswith("}sheet") and element.get("name") == sheet:
            rel_id = next(v for k, v in element.attrib.items() if k.endswith("}id"))
            target = targets[rel_id]
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    raise KeyError(sheet)


def edit_sheet(source: Path, target: Path, sheet: str, change) -> Path:
    """Copy ``source`` to ``target`` with ``change(xml) -> xml`` applied to one sheet's XML."""
    members = read_members(source)
    member = sheet_member(members, sheet)
    members[member] = change(members[member])
    return write_members(target, members)


def add_far_cell(xml: bytes, cell: str = FAR_CELL) -> bytes:
    """One sparse cell far away: the row at the end of sheetData, the dimension left as it was."""
    row = re.fullmatch(r"[A-Z]+([0-9]+)", cell).group(1)
    far = f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
    return _before_sheet_data_end(xml, far)


def _before_sheet_data_end(xml: bytes, insert: bytes) -> bytes:
    if b"</sheetData>" in xml:
        return xml.replace(b"</sheetData>", insert + b"</sheetData>", 1)
    return xml.replace(b"<sheetData/>", b"<sheetData>" + insert + b"</sheetData>", 1)


def far_cell_workbook(base: Path, folder: Path, sheet: str) -> Path:
    name = f"verre-cel-{_slug(sheet)}.xlsx"
    return edit_sheet(base, folder / name, sheet, add_far_cell)


def far_dimension_workbook(base: Path, folder: Path, sheet: str = "Deelname") -> Path:
    def change(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:{FAR_CELL}"'.encode(), xml, count=1)

    return edit_sheet(base, folder / "verre-dimensie.xlsx", sheet, change)


def cell_without_reference_workbook(
    base: Path, folder: Path, sheet: str = "Deelname", *, masked: bool = False
) -> Path:
    """Cells positioned only by counting (no r=): calamine would place them, the check refuses.
    ``masked`` adds a comment with as many fake '<c r="' as there are such cells."""
    cell = b'<c t="n"><v>1</v></c>' + (b'<!--<c r="-->' if masked else b"")
    row = b'<row r="3">' + cell * 20 + b"</row>"
    name = f"cel-zonder-verwijzing{'-verhuld' if masked else ''}.xlsx"
    return edit_sheet(base, folder / name, sheet, lambda xml: _before_sheet_data_end(xml, row))


def formula_workbook(base: Path, folder: Path, sheet: str, column: str, row: int = 2) -> Path:
    """The cell ``column``+``row`` becomes a formula cell written ``<c t="str" r="…">`` (t first)."""
    ref = f"{column}{row}".encode()

    def change(xml: bytes) -> bytes:
        cell = re.compile(rb'<c r="' + ref + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
        formula = b'<c t="str" r="' + ref + b'"><f>10+2</f><v>12</v></c>'
        changed, count = cell.subn(formula, xml, count=1)
        if count != 1:
            raise ValueError(f"cel {ref.decode()} niet gevonden")
        return changed

    return edit_sheet(base, folder / "formule-t-voor-r.xlsx", sheet, change)


# ----------------------------------------------------------------------------- XXE, billion laughs
XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)


def _with_doctype(xml: bytes, doctype: bytes, entity: bytes) -> bytes:
    body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
    return doctype + _before_sheet_data_end(
        body, b'<row r="9999"><c r="A9999" t="inlineStr"><is><t>' + entity + b"</t></is></c></row>"
    )


def doctype_sheet_workbook(base: Path, folder: Path, kind: str, sheet: str = "Deelname") -> Path:
    doctype, entity = (XXE, b"&xxe;") if kind == "xxe" else (LAUGHS, b"&lol9;")
    return edit_sheet(
        base, folder / f"{kind}-in-tabblad.xlsx", sheet, lambda xml: _with_doctype(xml, doctype, entity)
    )


def doctype_shared_strings_workbook(base: Path, folder: Path, kind: str) -> Path:
    members = read_members(base)
    doctype, entity = (XXE, b"&xxe;") if kind == "xxe" else (LAUGHS, b"&lol9;")
    strings = members.get("xl/sharedStrings.xml") or (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>'
    )
    body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", strings)
    members["xl/sharedStrings.xml"] = doctype + body.replace(
        b"</sst>", b"<si><t>" + entity + b"</t></si></sst>", 1
    )
    return write_members(folder / f"{kind}-in-sharedstrings.xlsx", members)


# ----------------------------------------------------------------------------- zip bombs
def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _bomb_stream(head: bytes, tail: bytes, pad_mib: int) -> tuple[bytes, int, int]:
    """A raw deflate stream of head + ``pad_mib`` MiB of spaces + tail, built from one
    compressed MiB repeated (independent, byte-aligned blocks), with its CRC and size."""
    full = zlib.Z_FULL_FLUSH
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = first.compress(head) + first.flush(full)
    pad = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = pad.compress(b" " * MIB) + pad.flush(full)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = last.compress(tail) + last.flush()
    crc = zlib.crc32(head)
    spaces = b" " * MIB
    for _ in range(pad_mib):
        crc = zlib.crc32(spaces, crc)
    crc = zlib.crc32(tail, crc)
    return start + block * pad_mib + end, crc, len(head) + pad_mib * MIB + len(tail)


def _write_raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip of pre-compressed members: (name, data, method, crc, declared size)."""
    local, central, offset = [], [], 0
    for name, data, method, crc, size in members:
        encoded = name.encode()
        header = struct.pack(
            "<4sHHHHHLLLHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        local.append(header + encoded + data)
        central.append(
            struct.pack(
                "<4sHHHHHHLLLHHHHHLL",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
        offset += len(header) + len(encoded) + len(data)
    directory = b"".join(central)
    end = struct.pack(
        "<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0
    )
    with path.open("wb") as handle:
        for part in local:
            handle.write(part)
        handle.write(directory + end)
    return path


def zip_bomb_workbook(
    base: Path, folder: Path, *, lying: bool, sheet: str = "Deelname", pad_mib: int = 1024
) -> Path:
    """The workbook with one sheet whose XML inflates to ``pad_mib`` MiB (default 1 GiB) of
    whitespace inside sheetData, from about 1 MB; ``lying`` declares 10 KB for it."""
    members = read_members(base)
    member = sheet_member(members, sheet)
    xml = members[member]
    at = (
        xml.index(b"<sheetData>") + len(b"<sheetData>")
        if b"<sheetData>" in xml
        else xml.index(b"<sheetData/>")
    )
    if xml[at - 2 : at] == b"/>":
        head, tail = xml[: at - 2] + b">", b"</sheetData>" + xml[at:]
    else:
        head, tail = xml[:at], xml[at:]
    raw = []
    for name, data in members.items():
        if name == member:
            stream, crc, size = _bomb_stream(head, tail, pad_mib)
            raw.append((name, stream, zipfile.ZIP_DEFLATED, crc, 10_000 if lying else size))
        else:
            raw.append((name, _raw_deflate(data), zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data)))
    return _write_raw_zip(folder / ("zip-bom-liegt.xlsx" if lying else "zip-bom.xlsx"), raw)


def many_members_workbook(base: Path, folder: Path, count: int = 5_000) -> Path:
    members = read_members(base)
    members.update({f"xl/extra/leeg{i}.xml": b"<a/>" for i in range(count)})
    return write_members(folder / "veel-onderdelen.xlsx", members)


# ----------------------------------------------------------------------------- large files
def oversized_file(folder: Path, size: int) -> Path:
    """A file of ``size`` bytes that starts like a zip (sparse on disk: fast to make)."""
    path = folder / "te-groot.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(size)
    return path


def _deelname_rows(rows: int, first_row: int, columns: int) -> Iterator[bytes]:
    """Deelname-like rows (activity id, month as serial date, counts), as Excel writes them."""
    letters = [get_column_letter(i) for i in range(2, columns + 2)]
    block = []
    for number in range(first_row, first_row + rows):
        cells = [f'<c r="B{number}" t="inlineStr"><is><t>act{number % 5000:05d}</t></is></c>']
        cells.append(f'<c r="C{number}"><v>{42370 + (number % 48) * 30}</v></c>')
        cells += [
            f'<c r="{letter}{number}"><v>{(number * 7 + i) % 60}</v></c>'
            for i, letter in enumerate(letters[2:])
        ]
        block.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(block) == 2_000:
            yield "".join(block).encode()
            block = []
    if block:
        yield "".join(block).encode()


def many_rows_workbook(
    base: Path,
    folder: Path,
    rows: int = 950_000,
    columns: int = 4,
    name: str | None = None,
    level: int = 1,
) -> Path:
    """The workbook with ``rows`` Deelname rows, the sheet XML streamed into the zip
    (compression ``level`` 1 keeps the test fast; 6 is what Excel-like writers use)."""
    members = read_members(base)
    member = sheet_member(members, "Deelname")
    xml = members[member]
    head = xml[: xml.index(b"<sheetData>") + len(b"<sheetData>")]
    header_row = re.search(rb'<row r="1".*?</row>', xml, re.S).group()
    tail = b"</sheetData>" + xml.split(b"</sheetData>", 1)[1]
    path = folder / (name or f"deelname-{rows}-rijen.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for item, data in members.items():
            if item != member:
                archive.writestr(item, data)
        with archive.open(member, "w", force_zip64=False) as sheet:
            sheet.write(head + header_row)
            for block in _deelname_rows(rows, 2, columns):
                sheet.write(block)
            sheet.write(tail)
    return path


# ----------------------------------------------------------------------------- public files
def far_cell_public_xlsx(folder: Path, *, dimension: bool = False) -> Path:
    """The real RIVM 50090NED download with one cell at XFD1048576; ``dimension`` also
    widens ``<dimension ref>`` to it, as Excel writes it (openpyxl then pads every row)."""
    source = reference_file(RIVM_XLSX)
    members = read_members(source)
    member = sheet_member(members, _first_sheet(members))
    xml = add_far_cell(members[member])
    if dimension:
        xml = re.sub(
            rb'<dimension ref="([A-Z]+[0-9]+):[^"]*"', rb'<dimension ref="\1:' + FAR_CELL.encode() + b'"', xml
        )
    members[member] = xml
    return write_members(folder / f"rivm-verre-cel{'-en-dimensie' if dimension else ''}.xlsx", members)


def doctype_public_xlsx(folder: Path, kind: str) -> Path:
    source = reference_file(RIVM_XLSX)
    members = read_members(source)
    member = sheet_member(members, _first_sheet(members))
    doctype, entity = (XXE, b"&xxe;") if kind == "xxe" else (LAUGHS, b"&lol9;")
    members[member] = _with_doctype(members[member], doctype, entity)
    return write_members(folder / f"rivm-{kind}.xlsx", members)


def _first_sheet(members: dict[str, bytes]) -> str:
    workbook = ElementTree.fromstring(members["xl/workbook.xml"])
    return next(e.get("name") for e in workbook.iter() if e.tag.endswith("}sheet"))


# ----------------------------------------------------------------------------- other processes
def child_env() -> dict[str, str]:
    """The environment of a child Python process that imports sv_analytics from this checkout."""
    return {**os.environ, "PYTHONPATH": str(PROJECT)}


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m sv_analytics *args`` in ``cwd``, as a user runs it (output captured)."""
    return subprocess.run(
        [sys.executable, "-m", "sv_analytics", *args],
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


# ----------------------------------------------------------------------------- for run_limited
def abort_now() -> None:
    """A native abort (SIGABRT), as calamine's failed 512 GB allocation ends."""
    os.abort()


def allocate(size: int) -> int:
    return len(bytearray(size))


def sleep_forever() -> None:
    import time

    while True:
        time.sleep(1)


def double(value: int) -> int:
    return value * 2


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "tabblad"


def raise_validation(problems: list) -> None:
    from sv_analytics.errors import ValidationError

    raise ValidationError(problems)


def raise_database_error() -> None:
    from sv_analytics.errors import DatabaseError

    raise DatabaseError("de database weg")


def utf16_sheet_workbook(base: Path, folder: Path, sheet: str = "Deelname") -> Path:
    """The sheet XML re-encoded as UTF-16 (with BOM): the scan reads ASCII-based XML only."""

    def change(xml: bytes) -> bytes:
        text = re.sub(r"^<\?xml[^>]*\?>", "", xml.decode("utf-8"))
        return ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")

    return edit_sheet(base, folder / "utf16.xlsx", sheet, change)


def huge_cell_workbook(base: Path, folder: Path, sheet: str = "Deelname", size: int = 2 * MIB) -> Path:
    """One inline-string cell of ``size`` bytes: more than any Excel cell can hold."""
    import base64

    text = base64.b64encode(random.Random(2017).randbytes(size * 3 // 4))  # does not compress away
    cell = b'<row r="9000"><c r="B9000" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"
    return edit_sheet(base, folder / "reuzencel.xlsx", sheet, lambda xml: _before_sheet_data_end(xml, cell))


def duplicate_member_workbook(base: Path, folder: Path, sheet: str = "Deelname") -> Path:
    """The sheet's member twice: a reader may take either copy, the scan cannot know which."""
    import warnings

    members = read_members(base)
    member = sheet_member(members, sheet)
    path = write_members(folder / "dubbel-onderdeel.xlsx", members)
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr(member, add_far_cell(members[member]))
    return path


def many_sheets_workbook(base: Path, folder: Path, count: int = 500) -> Path:
    """``count`` extra sheets listed in xl/workbook.xml, all pointing at one small sheet."""
    members = read_members(base)
    target = sheet_member(members, "Doelen")
    # the r: prefix declared on each element: openpyxl with lxml (installed with python-pptx)
    # declares it per <sheet>, not on the root, so an undeclared r:id would make the XML invalid
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    extra = "".join(
        f'<sheet xmlns:r="{rel_ns}" name="Extra{i}" sheetId="{1000 + i}" r:id="rIdX{i}"/>'
        for i in range(count)
    )
    rels = "".join(
        f'<Relationship Id="rIdX{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="/{target}"/>'
        for i in range(count)
    )
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"</sheets>", extra.encode() + b"</sheets>", 1
    )
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", rels.encode() + b"</Relationships>", 1
    )
    return write_members(folder / "veel-tabbladen.xlsx", members)
