"""Reading .xlsx files fast and safely.

Why not openpyxl for reading: it needs ~8 s for 100,000 rows here, calamine (Rust) needs
~1 s. Calamine returns the cached values of formulas, so formulas are found separately by
scanning the sheet XML for ``<f>`` elements — the monitoring data must be values.

Why the package check (:func:`check_package`) comes first: calamine trusts the file. It
turns the cells of a sheet into one dense grid from A1 to the farthest cell, so a single
cell at XFD1048576 asks for 512 GB and the process aborts; it inflates whatever the zip
holds (a 1 MB zip bomb becomes 1 GiB); openpyxl pads every row to the farthest column.
So before any reader sees a file, its zip central directory is checked against the caps in
:mod:`limits` without inflating anything, and then every member is inflated in bounded
steps (never more than its declared size, never all of a large member at once) while the
XML is scanned for:

* DOCTYPE/ENTITY declarations (external entities, "billion laughs") — refused in any member;
* every cell and row reference ``r="…"`` and the sheet's ``<dimension ref>``, against the
  caps of that sheet — the first far one is named in the refusal;
* cells without a reference (their position would only follow from counting);
* formula cells (an ``<f>`` inside a ``<c>``, whatever the order of the cell's attributes).

The scan uses a few regular expressions per step of at most 4 MiB rather than an XML
parser, because it must stay cheap next to calamine on a 60 MB sheet. The reading itself
(check plus calamine) runs in a child process with a memory and time limit
(:mod:`sandbox`), so anything the check does not foresee still ends in a Dutch refusal.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook

from sv_analytics import fmt
from sv_analytics.errors import Problem, ValidationError
from sv_analytics.ingest import limits, sandbox
from sv_analytics.ingest.limits import BookCaps, SheetCaps

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


@dataclass
class RawWorkbook:
    """The cell values of every sheet (row 1 = header) and where formulas stand."""

    sheets: dict[str, list[list[object]]]
    formulas: dict[str, list[tuple[str, int]]]  # sheet → [(column letter, row number)]


@dataclass
class PackageScan:
    """What the package check learned: the members behind the sheets, and the formula cells."""

    sheets: dict[str, str] = field(default_factory=dict)  # sheet name → zip member
    formulas: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def sniff(data: bytes, name: str) -> None:
    """Refuse what is not an .xlsx workbook, with a message saying what it is instead."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            raise ValidationError(
                [Problem(name, "Het werkboek is beveiligd met een wachtwoord. Sla het op zonder wachtwoord.")]
            )
        raise ValidationError(
            [Problem(name, "Dit is een oud Excel-bestand (.xls). Sla het op als Excel-werkmap (.xlsx).")]
        )
    if not data.startswith(ZIP_MAGIC):
        kind = "een tekst- of CSV-bestand" if _looks_like_text(data) else "geen Excel-werkmap"
        raise ValidationError(
            [Problem(name, f"Dit bestand is {kind}, geen Excel-werkmap (.xlsx). Gebruik het sjabloon.")]
        )


def _looks_like_text(data: bytes) -> bool:
    sample = data[:2048]
    return b"\x00" not in sample.lstrip(b"\xef\xbb\xbf\xff\xfe")


# ----------------------------------------------------------------------------- reading
def read_workbook(path: Path, name: str) -> RawWorkbook:
    """All sheets' values, and the formula cells, of an .xlsx file (checked, in a child)."""
    return sandbox.run_limited(
        read_workbook_unsandboxed,
        str(path),
        name,
        limits.workbook_caps(),
        name=name,
        memory_bytes=limits.READER_MEMORY_BYTES,
        seconds=limits.READER_SECONDS,
    )


def read_workbook_unsandboxed(path: str, name: str, caps: BookCaps) -> RawWorkbook:
    """The work of read_workbook, in the current process: check the package, then calamine.

    Only call this where a crash of the current process is acceptable (the sandbox child).
    """
    with open(path, "rb") as handle:
        scan = check_package(handle, name, caps)
    try:
        book = CalamineWorkbook.from_path(path)
        sheets = {
            sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            for sheet in book.sheet_names
        }
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ValidationError([Problem(name, UNREADABLE)]) from exc
    return RawWorkbook(sheets=sheets, formulas=scan.formulas)


UNREADABLE = "Het Excel-bestand kan niet worden gelezen; is het beschadigd? Sla het opnieuw op in Excel."
BROKEN = "Het Excel-bestand is beschadigd of onvolledig; sla het opnieuw op in Excel."


def sheet_names(path: Path, name: str) -> list[str]:
    """The sheet names listed in xl/workbook.xml, read with bounded effort in this process.

    Why not calamine: opening a hostile file with it in the server is what must not happen;
    this reads only the central directory and one small member.
    """
    with path.open("rb") as handle:
        members = list_members(handle, name)
        return list(_sheet_members(handle, members, name).values())


# ----------------------------------------------------------------------------- the zip container
def list_members(source: BinaryIO, name: str) -> list[zipfile.ZipInfo]:
    """The zip members, checked against the caps on their number and declared sizes.

    Nothing is inflated. The end-of-central-directory record is read first, so that a
    central directory with a million entries is refused before zipfile lists it.
    """
    source.seek(0, 2)
    size = source.tell()
    tail_length = min(size, 65_535 + 22)
    source.seek(size - tail_length)
    tail = source.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise _refuse(name, BROKEN)
    entries, directory_size = struct.unpack("<HL", tail[at + 10 : at + 16])
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        entries, directory_size = _zip64_directory(source, size - tail_length + at, name)
    if entries > limits.MAX_ZIP_MEMBERS or directory_size > limits.MAX_CENTRAL_DIRECTORY_BYTES:
        raise _refuse(
            name,
            f"Het Excel-bestand bestaat uit {fmt.number(entries)} onderdelen; een werkmap heeft er "
            f"hoogstens {fmt.number(limits.MAX_ZIP_MEMBERS)}. Sla het bestand opnieuw op in Excel.",
        )
    try:
        source.seek(0)
        infos = zipfile.ZipFile(source).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse(name, BROKEN) from exc
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise _refuse(name, f"Het Excel-bestand bestaat uit te veel onderdelen ({fmt.number(len(infos))}).")
    seen: set[str] = set()
    for info in infos:
        key = _key(info.filename)
        what = f"onderdeel {info.filename}"
        if key in seen:
            raise _refuse(
                name, f"Het Excel-bestand bevat {what} twee keer; het is beschadigd of gemanipuleerd."
            )
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _refuse(name, "Het Excel-bestand is versleuteld. Sla het op zonder wachtwoord.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(
                name,
                "Het Excel-bestand gebruikt een onbekende compressiemethode; sla het opnieuw op in Excel.",
            )
    return infos


def check_sizes(infos: list[zipfile.ZipInfo], name: str, sheet_of: dict[str, str] | None = None) -> None:
    """Refuse a member whose declared size or compression ratio no workbook has (a zip bomb),
    naming its sheet where ``sheet_of`` (member key → sheet name) knows it."""
    for info in infos:
        sheet = (sheet_of or {}).get(_key(info.filename))
        what = f"tabblad {sheet}" if sheet else f"onderdeel {info.filename}"
        if info.file_size > limits.RATIO_MIN_BYTES and info.file_size > limits.MAX_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _refuse(
                name,
                f"{_first_upper(what)} is uitgepakt {fmt.number(ratio)} keer zo groot als ingepakt "
                f"(een zip-bom?); een werkmap komt niet boven {limits.MAX_RATIO} keer.",
                sheet,
            )
        if info.file_size > limits.MAX_MEMBER_BYTES:
            raise _refuse(
                name,
                f"{_first_upper(what)} is uitgepakt {_mb(info.file_size)} groot; de grens per onderdeel "
                f"is {_mb(limits.MAX_MEMBER_BYTES)}.",
                sheet,
            )
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_TOTAL_BYTES:
        raise _refuse(
            name,
            f"Het Excel-bestand is uitgepakt {_mb(total)} groot; de grens is {_mb(limits.MAX_TOTAL_BYTES)}.",
        )


def _zip64_directory(source: BinaryIO, end_record: int, name: str) -> tuple[int, int]:
    """(entries, central directory size) from the zip64 end record, via its locator."""
    if end_record < 20:
        raise _refuse(name, BROKEN)
    source.seek(end_record - 20)
    locator = source.read(20)
    if len(locator) < 20 or not locator.startswith(b"PK\x06\x07"):
        raise _refuse(name, BROKEN)
    (offset,) = struct.unpack("<Q", locator[8:16])
    source.seek(offset)
    record = source.read(56)
    if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
        raise _refuse(name, BROKEN)
    entries, directory_size = struct.unpack("<QQ", record[32:48])
    return entries, directory_size


def inflate(source: BinaryIO, info: zipfile.ZipInfo, name: str, what: str) -> Iterator[bytes]:
    """The member's bytes in steps of at most INFLATE_OUTPUT_BYTES.

    Never more than the member's declared size: a member that inflates beyond it (a lying
    zip bomb) is refused as soon as it passes it; a short one or a wrong CRC is refused too.
    """
    source.seek(info.header_offset)
    header = source.read(30)
    if len(header) < 30 or not header.startswith(ZIP_MAGIC):
        raise _refuse(name, BROKEN)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.seek(info.header_offset + 30 + name_length + extra_length)
    left, produced, crc = info.compress_size, 0, 0
    lying = (
        f"{_first_upper(what)} is uitgepakt groter dan het bestand zelf opgeeft; het is beschadigd "
        "of gemanipuleerd (zip-bom)."
    )
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            data = source.read(min(left, limits.INFLATE_OUTPUT_BYTES))
            if not data:
                raise _refuse(name, BROKEN)
            left -= len(data)
            produced += len(data)
            if produced > info.file_size:
                raise _refuse(name, lying)
            crc = zlib.crc32(data, crc)
            yield data
    else:
        inflater = zlib.decompressobj(-15)
        while not inflater.eof:
            if inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            else:
                if left <= 0:
                    break
                data = source.read(min(left, limits.INFLATE_INPUT_BYTES))
                if not data:
                    break
                left -= len(data)
            try:
                out = inflater.decompress(data, limits.INFLATE_OUTPUT_BYTES)
            except zlib.error as exc:
                raise _refuse(name, BROKEN) from exc
            produced += len(out)
            if produced > info.file_size:
                raise _refuse(name, lying)
            if out:
                crc = zlib.crc32(out, crc)
                yield out
        if not inflater.eof:
            raise _refuse(name, BROKEN)
    if produced != info.file_size or crc != info.CRC:
        raise _refuse(name, BROKEN)


# ----------------------------------------------------------------------------- the package check
def check_package(source: BinaryIO, name: str, caps: BookCaps) -> PackageScan:
    """Check a whole .xlsx package against ``caps`` (see the module docstring); raise a
    ValidationError naming the file (and sheet and cell) at the first thing refused."""
    members = list_members(source, name)
    sheet_of = _sheet_members(source, members, name)
    check_sizes(members, name, sheet_of)
    scan = PackageScan()
    for info in members:
        sheet = sheet_of.get(_key(info.filename))
        if sheet is not None:
            scan.sheets.setdefault(sheet, info.filename)
        formulas: list[tuple[str, int]] = []
        scanner = _MemberScanner(name, info.filename, sheet, caps, formulas)
        for chunk in inflate(source, info, name, scanner.what):
            scanner.feed(chunk)
        scanner.finish()
        if formulas and sheet is not None:
            scan.formulas.setdefault(sheet, []).extend(formulas)
    return scan


def _sheet_members(source: BinaryIO, members: list[zipfile.ZipInfo], name: str) -> dict[str, str]:
    """Zip member (lowercase key) → sheet name, as calamine resolves them from the workbook
    part and its relationships."""
    by_key = {_key(info.filename): info for info in members}
    office = "xl/workbook.xml"
    package_rels = _small_xml(source, by_key.get("_rels/.rels"), name)
    if package_rels is not None:
        for rel in _elements(package_rels, "Relationship"):
            if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("Target"):
                office = rel.get("Target", "").lstrip("/")
    folder = posixpath.dirname(office)
    workbook = _small_xml(source, by_key.get(_key(office)), name)
    if workbook is None:
        raise _refuse(name, BROKEN)
    rels_path = posixpath.join(folder, "_rels", posixpath.basename(office) + ".rels")
    rels = _small_xml(source, by_key.get(_key(rels_path)), name)
    targets = {}
    for rel in _elements(rels, "Relationship") if rels is not None else []:
        target = (rel.get("Target") or "").replace("\\", "/")
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        targets[rel.get("Id")] = posixpath.normpath(path)
    found: dict[str, str] = {}
    sheets = list(_elements(workbook, "sheet"))
    if len(sheets) > limits.MAX_SHEETS:
        raise _refuse(
            name,
            f"Het Excel-bestand heeft {fmt.number(len(sheets))} tabbladen; een werkmap heeft er hier "
            f"hoogstens {limits.MAX_SHEETS}.",
        )
    for sheet in sheets:
        rel_id = next((v for k, v in sheet.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        sheet_name = sheet.get("name")
        if rel_id in targets and sheet_name is not None:
            found.setdefault(_key(targets[rel_id]), sheet_name)
    return found


def _small_xml(source: BinaryIO, info: zipfile.ZipInfo | None, name: str) -> ElementTree.Element | None:
    """A small XML member (workbook, relationships) checked like any other, then parsed."""
    if info is None:
        return None
    if info.file_size > limits.MAX_CARRY_BYTES * 4:
        raise _refuse(name, f"Onderdeel {info.filename} van het Excel-bestand is te groot.")
    scanner = _MemberScanner(name, info.filename, None, None, [])
    chunks = []
    for chunk in inflate(source, info, name, scanner.what):
        scanner.feed(chunk)
        chunks.append(chunk)
    scanner.finish()
    try:
        return ElementTree.fromstring(b"".join(chunks))
    except ElementTree.ParseError as exc:
        raise _refuse(name, BROKEN) from exc


def _elements(root: ElementTree.Element, local: str) -> Iterator[ElementTree.Element]:
    """Elements by local name, whatever their namespace prefix."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == local:
            yield element


def _key(member: str) -> str:
    return posixpath.normpath(member.replace("\\", "/")).lower()


# ----------------------------------------------------------------------------- scanning one member
#: A tag name's namespace prefix (``x:`` in ``<x:c>``), as quick-xml strips it.
_PREFIX = rb"(?:[^\s/>\"'=<!?]+:)?"
#: One unit of a start tag after its name: a character, or a whole quoted value (so a ``>``
#: or ``r=`` inside a value does not count).
_UNIT = rb"(?:[^>\"']|\"[^\"]*\"|'[^']*')"
_DECLARATION = re.compile(rb"<!\s*(?i:doctype|entity)")
_XML_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_OK_ENCODINGS = frozenset(
    {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "windows-1252", "cp1252"}
)
_PREFIXED_TAG = re.compile(rb":(?:c|f|row|si|sheetData|dimension)[\s/>]")
_DIMENSION = re.compile(
    rb"<" + _PREFIX + rb"dimension(?=[\s/>])" + _UNIT + rb"*?[\s\"']ref\s*=\s*[\"']([^\"']*)[\"']"
)
_SHEET_DATA_END = re.compile(rb"</" + _PREFIX + rb"sheetData\s*>")
#: A cell start tag without any attribute named r (its position would follow from counting).
_CELL_WITHOUT_REF = re.compile(rb"<" + _PREFIX + rb"c(?=[\s/>])(?:(?!(?<=[\s\"'])r\s*=)" + _UNIT + rb")*+>")
_FORMULA_PLAIN = re.compile(rb"<f(?=[\s/>])")
_FORMULA_ANY = re.compile(rb"<" + _PREFIX + rb"f(?=[\s/>])")
_TAG_AT = re.compile(rb"<(/?)" + _PREFIX + rb"([A-Za-z][\w.-]*)")
_WHOLE_TAG = re.compile(rb"<" + _UNIT + rb"*>")
_REF_ATTR = re.compile(rb"[\s\"']r\s*=\s*[\"']([A-Za-z]{1,3})([0-9]{1,7})[\"']")
_REF_PARTS = re.compile(r"\$?([A-Za-z]+)\$?([0-9]+)")
#: Bytes of the previous step kept to find the cell around a formula near a step boundary.
_LOOKBACK = 64 * 1024
#: Tags walked back from a formula to find its cell.
_MAX_TAGS_BACK = 64
_UNKNOWN = ("?", 0)


class _MemberScanner:
    """Streams one zip member through the checks; keeps state across inflate steps.

    Steps are cut at the last ``<`` (the rest is carried into the next step), so a tag never
    straddles two steps for the checks that need the whole tag.
    """

    def __init__(
        self,
        file_name: str,
        member: str,
        sheet: str | None,
        caps: BookCaps | None,
        formulas: list[tuple[str, int]],
    ) -> None:
        self.file = file_name
        self.member = member
        self.sheet = sheet
        self.what = f"tabblad {sheet}" if sheet else f"onderdeel {member}"
        self.book = caps
        self.caps = caps.of(sheet) if caps is not None else None
        self.far = _far_reference(self.caps) if self.caps is not None else None
        self.formulas = formulas
        self.shared_strings = _key(member).endswith("sharedstrings.xml")
        self.strings = 0
        self.first = True
        self.xml = False
        self.carry = b""
        self.since_tag = 0  # bytes since the last "<" (a run calamine would buffer whole)
        self.previous = b""
        self.in_sheet_data = False
        self.after_sheet_data = False
        self.dimension_seen = False
        self.prefixed = False

    # -- streaming
    def feed(self, chunk: bytes) -> None:
        if self.first:
            self.first = False
            self.xml = self._starts_as_xml(chunk)
        if not self.xml:
            return  # binary member (image, printer settings): only its size is checked
        buffer = self.carry + chunk if self.carry else chunk
        cut = buffer.rfind(b"<")
        if cut < 0:
            region, self.carry = buffer, b""
            self.since_tag += len(buffer)
        else:
            region, self.carry = buffer[:cut], buffer[cut:]
            self.since_tag = len(self.carry)
        if self.in_sheet_data and self.since_tag > limits.MAX_CARRY_BYTES:
            # calamine would hold such a run (text or tag) in memory at once
            raise self._refuse(
                f"{self.what} bevat een cel of tag van meer dan {_mb(limits.MAX_CARRY_BYTES)}; "
                "zo groot is geen cel in een werkmap."
            )
        if len(self.carry) > limits.MAX_CARRY_BYTES:  # outside the cells: keep scanning
            region, self.carry = buffer[:-64], buffer[-64:]
        if region:
            self._region(region)

    def finish(self) -> None:
        if self.carry:
            self._region(self.carry)
            self.carry = b""

    def _starts_as_xml(self, chunk: bytes) -> bool:
        """Whether the member is XML (scanned) or binary (an image: only its size counts).

        UTF-16/32 XML is refused whatever the member is called: the scan reads ASCII-based
        encodings only, and a reader that decodes UTF-16 would see cells the scan does not.
        """
        head = chunk[:1024]
        wide = head.startswith((b"\xfe\xff", b"\xff\xfe", b"<\x00", b"\x00<", b"\x00\x00\xfe\xff"))
        if wide or (b"\x00" in head[:64] and (self.member.lower().endswith((".xml", ".rels")) or self.sheet)):
            raise self._refuse(f"{self.what} is geen UTF-8-tekst; sla het bestand opnieuw op in Excel.")
        if b"\x00" in head[:64]:
            return False
        declared = _XML_ENCODING.match(head.lstrip(b"\xef\xbb\xbf"))
        if declared and declared.group(1).decode("ascii", "replace").lower() not in _OK_ENCODINGS:
            raise self._refuse(
                f"{self.what} gebruikt een onbekende tekstcodering; sla het opnieuw op in Excel."
            )
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or bool(self.sheet)

    # -- one step
    def _region(self, region: bytes) -> None:
        if b"!" in region and _DECLARATION.search(region):  # "!" alone: memchr is fastest
            raise self._refuse(
                f"{self.what} bevat een DOCTYPE- of ENTITY-declaratie; zulke verwijzingen (XXE, "
                "'billion laughs') worden om veiligheidsredenen niet gelezen."
            )
        if self.shared_strings:
            self.strings += region.count(b"<si") + region.count(b":si")
            if self.strings > limits.MAX_SHARED_STRINGS:
                raise self._refuse(
                    f"de tekstlijst van het Excel-bestand ({self.member}) bevat meer dan "
                    f"{fmt.number(limits.MAX_SHARED_STRINGS)} teksten."
                )
        if self.caps is None:
            return
        if not self.prefixed and b":" in region and _PREFIXED_TAG.search(region):
            self.prefixed = True
        start = 0
        if not self.in_sheet_data:
            at = region.find(b"sheetData")
            if not self.dimension_seen:
                self._check_dimension(region if at < 0 else region[:at])
            if at < 0:
                self.previous = region[-_LOOKBACK:]
                return
            self.in_sheet_data, start = True, max(0, region.rfind(b"<", 0, at))
        self._check_cells(region)
        self._find_formulas(region, start)
        self.previous = region[-_LOOKBACK:]

    def _check_dimension(self, head: bytes) -> None:
        found = _DIMENSION.search(head)
        if found is None:
            return
        self.dimension_seen = True
        ref = found.group(1).decode("ascii", "replace")
        far = _REF_PARTS.fullmatch(ref.split(":")[-1].strip())
        if far and self.caps.outside(_column_number(far.group(1)), int(far.group(2))):
            raise self._refuse(
                f"tabblad {self._sheet_label()} geeft als gebruikt bereik {ref} op; dat ligt buiten het "
                f"bereik {self.book.scope} ({self.caps.text()}). Verwijder wat buiten de tabel staat en "
                "sla het bestand opnieuw op."
            )

    def _check_cells(self, region: bytes) -> None:
        far = self.far.search(region)
        if far is not None:
            if not far.group(1)[:1].isalpha():  # a far row: name its first far cell if there is one
                cell = self.far.search(region, far.end(), far.end() + _LOOKBACK)
                far = cell if cell is not None and cell.group(1)[:1].isalpha() else far
            value = far.group(1).decode("ascii", "replace")
            parts = re.fullmatch(r"([A-Za-z]*)0*([0-9]*)", value)
            letters, digits = (parts.group(1).upper(), parts.group(2)) if parts else ("", "")
            what = f"cel {letters}{digits}" if letters else f"rij {digits}"
            raise ValidationError(
                [
                    Problem(
                        self.file,
                        f"{what} op tabblad {self._sheet_label()} ligt buiten het bereik {self.book.scope} "
                        f"({self.caps.text()})",
                        self.sheet,
                        int(digits) if digits and len(digits) < 10 else None,
                        letters or None,
                    )
                ]
            )
        # Fast path: equal counts prove that every unprefixed "<c" is followed by ' r="' (as
        # Excel, LibreOffice and openpyxl write cells); a fake '<c r="' in a comment adds to
        # both counts alike, so it cannot hide a cell without one. Otherwise: the exact pattern.
        uneven = region.count(b"<c") != region.count(b'<c r="')
        if (self.prefixed or uneven) and _CELL_WITHOUT_REF.search(region):
            raise self._refuse(
                f"tabblad {self._sheet_label()} bevat cellen zonder celverwijzing; sla het bestand opnieuw "
                "op in Excel of LibreOffice."
            )

    def _find_formulas(self, region: bytes, start: int) -> None:
        if self.after_sheet_data:
            return
        end = _SHEET_DATA_END.search(region, start) if b"sheetData" in region else None
        stop = end.start() if end else len(region)
        if end:
            self.after_sheet_data = True
        if b"<f" not in region and not (self.prefixed and b":f" in region):
            return
        pattern = _FORMULA_ANY if self.prefixed else _FORMULA_PLAIN
        context = self.previous + region
        offset = len(self.previous)
        for found in pattern.finditer(region, start, stop):
            cell = _cell_around(context, offset + found.start())
            if cell is None:
                continue
            if cell == _UNKNOWN:
                raise self._refuse(
                    f"tabblad {self._sheet_label()} bevat een formule waarvan de cel niet te bepalen is; "
                    "plak de waarden (Plakken speciaal → Waarden)."
                )
            self.formulas.append(cell)
            if len(self.formulas) > limits.MAX_FORMULA_CELLS:
                raise self._refuse(
                    f"tabblad {self._sheet_label()} bevat meer dan {fmt.number(limits.MAX_FORMULA_CELLS)} "
                    "formules; plak de waarden (Plakken speciaal → Waarden)."
                )

    # -- helpers
    def _sheet_label(self) -> str:
        return self.sheet or f"(onderdeel {self.member})"

    def _refuse(self, message: str) -> ValidationError:
        return ValidationError([Problem(self.file, _first_upper(message), self.sheet)])


def _cell_around(context: bytes, position: int) -> tuple[str, int] | None:
    """(column letters, row) of the cell whose element contains ``position`` (a formula tag);
    None when it stands outside any cell, _UNKNOWN when that cannot be told."""
    at = position
    for _ in range(_MAX_TAGS_BACK):
        at = context.rfind(b"<", 0, at)
        if at < 0:
            return _UNKNOWN
        tag = _TAG_AT.match(context, at)
        if tag is None:
            continue
        closing, local = tag.group(1), tag.group(2)
        if local == b"c":
            if closing:
                return None
            whole = _WHOLE_TAG.match(context, at)
            if whole is None:
                return _UNKNOWN
            text = whole.group()
            if text.endswith(b"/>"):
                return None
            ref = _REF_ATTR.search(text)
            if ref is None:
                return _UNKNOWN
            return ref.group(1).decode().upper(), int(ref.group(2))
        if local in (b"row", b"sheetData", b"worksheet"):
            return None
    return _UNKNOWN


# ----------------------------------------------------------------------------- far references
_FAR_CACHE: dict[SheetCaps, re.Pattern[bytes]] = {}


def _far_reference(caps: SheetCaps) -> re.Pattern[bytes]:
    """A pattern for an attribute ``r`` (cell or row reference) beyond ``caps``.

    Matching only the far ones keeps the scan in C: a 60 MB sheet has two million cell
    references, and walking them in Python would cost more than calamine's whole read.
    Letters and digits are compared as numbers written in a fixed alphabet (longer is
    larger, equal length compares digit by digit); lowercase letters count, as calamine
    reads them too; leading zeros of the row are skipped.
    """
    pattern = _FAR_CACHE.get(caps)
    if pattern is None:
        letters = _column_letters(caps.columns)
        far_column = _greater(letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", letters=True)
        far_row = _greater(str(caps.rows), "0123456789", letters=False)
        # cheap necessary condition first (most references fail it at once), then the exact test
        first = letters[0]
        maybe = (
            f"(?=[A-Za-z]{{{len(letters) + 1}}}|[{first}-Z{first.lower()}-z][A-Za-z]{{{len(letters) - 1}}}"
            f"|[A-Za-z]*+0*+[1-9][0-9]{{{len(str(caps.rows)) - 1}}})"
        ).encode()
        pattern = re.compile(
            rb"r(?<=[\s\"']r)\s*+=\s*+[\"']"
            + maybe
            + rb"("
            + far_column
            + rb"(?![A-Za-z])[^\"']*|[A-Za-z]*+0*+"
            + far_row
            + rb")[\"']"
        )
        _FAR_CACHE[caps] = pattern
    return pattern


def _greater(limit: str, alphabet: str, *, letters: bool) -> bytes:
    """Regex alternatives for the strings over ``alphabet`` that are greater than ``limit``."""

    def symbol(ch: str) -> str:
        return f"[{ch}{ch.lower()}]" if letters else ch

    def above(ch: str) -> str | None:
        rest = alphabet[alphabet.index(ch) + 1 :]
        if not rest:
            return None
        return (
            f"[{rest[0]}-{rest[-1]}{rest[0].lower()}-{rest[-1].lower()}]"
            if letters
            else f"[{rest[0]}-{rest[-1]}]"
        )

    any_symbol = "[A-Za-z]" if letters else "[0-9]"
    first = "[A-Za-z]" if letters else "[1-9]"
    options = [f"{first}{any_symbol}{{{len(limit)},}}"]
    for index, ch in enumerate(limit):
        higher = above(ch)
        if higher is None:
            continue
        rest = len(limit) - index - 1
        options.append(
            "".join(symbol(c) for c in limit[:index]) + higher + (f"{any_symbol}{{{rest}}}" if rest else "")
        )
    return ("(?:" + "|".join(options) + ")").encode()


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def _mb(size: int) -> str:
    whole = size >= 10 * 1024 * 1024 or size % (1024 * 1024) == 0
    return f"{fmt.number(size / (1024 * 1024), 0 if whole else 1)} MB"


def _refuse(name: str, message: str, sheet: str | None = None) -> ValidationError:
    return ValidationError([Problem(name, message, sheet)])


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
