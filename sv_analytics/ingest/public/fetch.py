"""Download the public tables (CBS/RIVM OData, PDOK WFS) into files the importers read.

Why through files: a download is then imported exactly like a file the user brings, by the
same parsers, and the files stay as a record of what was fetched. Every download is checked
by its parser *before* anything is written; offline (no route, refused, timeout) is
detected on the first request with a short timeout and reported in Dutch — nothing is
written then. Base URLs are parameters so tests can point them at a local server.

Tables: RIVM 50090NED (only 2012, 2016 and 2020 exist; the latest edition not after
``year`` is used), CBS Kerncijfers wijken en buurten per year (KWB_TABLES), PDOK CBS
gebiedsindelingen (gemeente and provincie, generalised, in RD New — the importer reprojects).
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from sv_analytics import registry
from sv_analytics.errors import UserError
from sv_analytics.ingest.public import geo, kwb, rivm

CBS_ODATA = "https://opendata.cbs.nl/ODataApi/odata"
RIVM_ODATA = "https://dataderden.cbs.nl/ODataApi/odata"
PDOK_GEBIEDSINDELINGEN = "https://service.pdok.nl/cbs/gebiedsindelingen"
#: CBS table ids of "Kerncijfers wijken en buurten" per year.
KWB_TABLES = {2016: "83487NED", 2017: "83765NED", 2018: "84286NED", 2019: "84583NED"}
RIVM_EDITIONS = (2012, 2016, 2020)
PDOK_LAYERS = ("gemeente_gegeneraliseerd", "provincie_gegeneraliseerd")
MAX_PAGES = 200
#: OData column (without position suffix) → column of the original kwb layout.
ODATA_TO_KWB = {
    "AantalInwoners": "a_inw",
    "Mannen": "a_man",
    "Vrouwen": "a_vrouw",
    "k_0Tot15Jaar": "a_00_14",
    "k_15Tot25Jaar": "a_15_24",
    "k_25Tot45Jaar": "a_25_44",
    "k_45Tot65Jaar": "a_45_64",
    "k_65JaarOfOuder": "a_65_oo",
    "WestersTotaal": "a_w_all",
    "NietWestersTotaal": "a_nw_all",
    "HuishoudensTotaal": "a_hh",
    "GemiddeldeHuishoudensgrootte": "g_hhgro",
    "Bevolkingsdichtheid": "bev_dich",
    "Woningvoorraad": "a_woning",
    "GemiddeldeWoningwaarde": "g_woz",
    "GemiddeldInkomenPerInwoner": "g_ink_pi",
    "AfstandTotHuisartsenpraktijk": "g_afs_hp",
    "AfstandTotGroteSupermarkt": "g_afs_gs",
}


def fetch_public(
    year: int,
    dest_dir: Path | str,
    *,
    cbs_base: str = CBS_ODATA,
    rivm_base: str = RIVM_ODATA,
    pdok_base: str = PDOK_GEBIEDSINDELINGEN,
    gemeenten: Iterable[str] = tuple(registry.PROGRAMME_GEMEENTEN),
    timeout: float = 5.0,
) -> list[Path]:
    """Download the tables of ``year`` for ``gemeenten`` (plus Nederland) into ``dest_dir``.

    Returns the written files (import them with ``import_public_file``). Raises UserError in
    Dutch when offline or when a server answers with an error; nothing is written then.
    """
    if year not in KWB_TABLES:
        known = ", ".join(str(y) for y in KWB_TABLES)
        raise UserError(
            f"Voor {year} is geen kerncijfertabel bekend; kies uit {known}. Er is niets gedownload."
        )
    codes = sorted(gemeenten)
    edition = max((e for e in RIVM_EDITIONS if e <= year), default=RIVM_EDITIONS[0])
    files = {
        f"rivm-50090NED-{edition}.csv": _rivm_csv(rivm_base, edition, codes, timeout),
        f"kwb-{year}.csv": _kwb_csv(cbs_base, KWB_TABLES[year], codes, timeout),
    }
    for layer in PDOK_LAYERS:
        files[f"cbs-{layer.split('_')[0]}-{year}.geojson"] = _pdok_layer(pdok_base, year, layer, timeout)
    _check(files, year)
    target = Path(dest_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        (target / name).write_bytes(data)
        written.append(target / name)
    return written


# ----------------------------------------------------------------------------- HTTP
def _get(url: str, timeout: float) -> bytes:
    """GET ``url``; offline and server errors become a Dutch UserError."""
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "sv-analytics"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise UserError(
            f"De server gaf een fout (HTTP {exc.code}) voor {url}. Er is niets gedownload of opgeslagen."
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        host = urllib.parse.urlsplit(url).netloc
        reason = getattr(exc, "reason", exc)
        raise UserError(
            f"Geen verbinding met {host} ({reason}): deze computer lijkt offline of de server is niet "
            "bereikbaar. Er is niets gedownload of opgeslagen."
        ) from exc


def _odata_rows(url: str, timeout: float) -> list[dict]:
    """All rows of an OData v3 JSON feed, following ``odata.nextLink`` pages."""
    rows: list[dict] = []
    for _ in range(MAX_PAGES):
        try:
            page = json.loads(_get(url, timeout))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"Het antwoord van {url} is geen JSON. Er is niets opgeslagen.") from exc
        rows += page.get("value", [])
        url = page.get("odata.nextLink") or page.get("@odata.nextLink")
        if not url:
            return rows
    raise UserError("Te veel pagina's in het OData-antwoord. Er is niets opgeslagen.")


def _region_filter(codes: list[str]) -> str:
    """OData filter: every region of the gemeenten (GM, WK, BU share the 4 digits) plus Nederland."""
    parts = [f"substring(WijkenEnBuurten,2,4) eq '{c[2:]}'" for c in codes]
    return "(" + " or ".join([*parts, "startswith(WijkenEnBuurten,'NL')"]) + ")"


def _odata_url(base_url: str, table: str, filter_text: str) -> str:
    query = urllib.parse.urlencode({"$filter": filter_text, "$format": "json"}, quote_via=urllib.parse.quote)
    return f"{base_url.rstrip('/')}/{table}/UntypedDataSet?{query}"


# ----------------------------------------------------------------------------- tables → files
def _rivm_csv(base_url: str, edition: int, codes: list[str], timeout: float) -> bytes:
    """50090NED rows for the gemeenten, as the CSV layout of a StatLine download."""
    period = f"Perioden eq '{edition}JJ00' and Marges eq '{rivm.POINT_ESTIMATE}'"
    rows = _odata_rows(_odata_url(base_url, rivm.TABLE, f"{_region_filter(codes)} and {period}"), timeout)
    if not rows:
        raise UserError(f"RIVM-tabel {rivm.TABLE} gaf geen rijen voor {edition}. Er is niets opgeslagen.")
    columns = [c for c in rows[0] if not c.startswith(("odata.", "@"))]
    return _csv_bytes(columns, ([r.get(c) for c in columns] for r in rows), ",")


def _kwb_csv(base_url: str, table: str, codes: list[str], timeout: float) -> bytes:
    """Kerncijfers rows, renamed to the original kwb layout (``;``-separated, as CBS exports)."""
    rows = _odata_rows(_odata_url(base_url, table, _region_filter(codes)), timeout)
    if not rows:
        raise UserError(f"CBS-tabel {table} gaf geen rijen. Er is niets opgeslagen.")
    mapping = {c: ODATA_TO_KWB[c.rsplit("_", 1)[0]] for c in rows[0] if c.rsplit("_", 1)[0] in ODATA_TO_KWB}
    header = ["gwb_code_10", "regio", "gm_naam", "recs", *mapping.values()]

    def records():
        for row in rows:
            code = str(row.get("Codering_3") or row.get("WijkenEnBuurten") or "").strip()
            head = [
                code,
                code,
                str(row.get("Gemeentenaam_1") or "").strip(),
                str(row.get("SoortRegio_2") or "").strip(),
            ]
            yield head + [row.get(c) for c in mapping]

    return _csv_bytes(header, records(), ";")


def _pdok_layer(base_url: str, year: int, layer: str, timeout: float) -> bytes:
    query = urllib.parse.urlencode(
        {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeName": f"gebiedsindelingen:{layer}",
            "outputFormat": "json",
        }
    )
    return _get(f"{base_url.rstrip('/')}/{year}/wfs/v1_0?{query}", timeout)


def _csv_bytes(header: list[str], rows: Iterable[list], delimiter: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _check(files: dict[str, bytes], year: int) -> None:
    """Parse every download with its importer's parser; a bad download raises, nothing is written."""
    for name, data in files.items():
        if name.startswith("rivm-"):
            rivm.parse_csv(data, name)
        elif name.startswith("kwb-"):
            kwb.parse_original_csv(data, name, year)
        else:
            geo.parse_geojson(data, name)
