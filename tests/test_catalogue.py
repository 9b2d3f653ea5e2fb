"""One catalogue of public indicators: the importers' catalogue (``ingest/public/catalogue.py``)
is derived from the registry (``indicators/context.py``), and every code that reaches table
``statistic`` — from a public file, the workbook or the demo generator — is defined in the
registry with the unit stored beside it; and the reverse: every stored code the registry defines
is one an importer (or the workbook) writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sv_analytics import db, demo, indicators, registry, vocab
from sv_analytics.indicators import context
from sv_analytics.ingest import workbook_spec
from sv_analytics.ingest.public import INDICATORS, import_public_file, import_reference_dir, kwb, pc4, rivm
from sv_analytics.ingest.public.catalogue import unit_of
from tests.conftest import PROJECT, SHARED_REFERENCE

FIXTURES = PROJECT / "tests" / "fixtures" / "public"
#: The PC4 file does not say its year; the import is given one (any year would do).
PC4_FILE, PC4_YEAR = "cbs-pc4-bevolking-11gem-original.csv", 2021
STORED = {i.code: i for i in context.STATISTICS}


def workbook_codes() -> dict[str, str]:
    """Indicator → unit of the workbook sheets that write table ``statistic`` (status holders)."""
    fixed = [dict(sheet.fixed) for sheet in workbook_spec.SHEETS if sheet.table == "statistic"]
    return {f["indicator"]: f["unit"] for f in fixed}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The kern registry plus every reference file and the original-layout KWB fixture."""
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"Map met referentiebestanden ontbreekt: {SHARED_REFERENCE}.")
    conn = db.connect(tmp_path_factory.mktemp("catalogue") / "publiek.duckdb")
    with db.transaction(conn):
        registry.write_registry(conn, registry.load_kernen())
    import_reference_dir(conn, SHARED_REFERENCE, years={PC4_FILE: PC4_YEAR})
    import_public_file(conn, FIXTURES / "kwb-2017.csv")
    yield conn
    conn.close()


# ------------------------------------------------------------------------------ by construction
def test_the_importers_catalogue_spells_the_registrys_names_and_units() -> None:
    assert INDICATORS
    for code, entry in INDICATORS.items():
        assert code in STORED, code
        assert (entry.name, entry.unit) == (indicators.get(code).name, indicators.get(code).unit), code
        assert entry.sources == context.PUBLISHERS[code] and set(entry.sources) <= set(
            context.PUBLIC_PUBLISHERS
        )
        assert unit_of(code) == indicators.get(code).unit
    with pytest.raises(KeyError):
        unit_of("geen_indicator")


def test_every_code_an_importer_maps_a_column_to_is_in_the_catalogue() -> None:
    mapped = {code for code, _age in (*kwb.ORIGINAL_COLUMNS.values(), *kwb.PDOK_COLUMNS.values())}
    mapped |= set(rivm.COLUMNS.values()) | {code for code, _age in pc4.COLUMNS.values()}
    assert len(mapped) > 40
    assert mapped <= set(INDICATORS), mapped - set(INDICATORS)


def test_every_stored_code_of_the_registry_is_written_by_an_importer_or_the_workbook() -> None:
    """The reverse: the registry defines no statistic code that nothing stores."""
    workbook = workbook_codes()
    assert workbook == {"statushouders": "aantal"}
    assert set(STORED) == set(INDICATORS) | set(workbook)
    assert not set(INDICATORS) & set(workbook)
    for code, unit in workbook.items():
        assert STORED[code].unit == unit
        assert not set(context.PUBLISHERS[code]) & set(context.PUBLIC_PUBLISHERS)


def test_the_health_codes_the_page_shows_are_stored_codes() -> None:
    assert {i.code for i in context.HEALTH} <= set(INDICATORS)
    assert {i.code for i in context.SHOWN} <= set(indicators.REGISTRY)


# ------------------------------------------------------------------------------ what is stored
def test_every_stored_indicator_is_in_the_catalogue_with_its_unit(
    imported: duckdb.DuckDBPyConnection,
) -> None:
    """Moved from test_ingest_public: real files imported, each (code, unit) is catalogued and
    registered with that unit and the catalogue's name."""
    stored = imported.execute("SELECT DISTINCT indicator, unit FROM statistic").fetchall()
    assert len(stored) > 30
    for indicator, unit in stored:
        assert indicator in INDICATORS, indicator
        assert INDICATORS[indicator].unit == unit, indicator
        assert indicators.get(indicator).unit == unit, indicator
        assert indicators.get(indicator).name == INDICATORS[indicator].name, indicator
    levels = {
        r[0]
        for r in imported.execute(
            "SELECT DISTINCT region_level FROM statistic UNION SELECT region_level FROM geometry"
        ).fetchall()
    }
    ages = {r[0] for r in imported.execute("SELECT DISTINCT age_group FROM statistic").fetchall()}
    assert levels <= set(vocab.REGION_LEVEL) and ages <= set(vocab.STAT_AGE_GROUP)


def test_the_demo_indicator_codes_are_in_the_catalogue() -> None:
    assert set(demo.DemoGenerator.HEALTH) | {"inwoners", "huishoudens"} <= set(INDICATORS)


def test_every_code_the_demo_database_holds_is_registered_with_its_unit(demo_db: Path) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        stored = conn.execute("SELECT DISTINCT indicator, unit FROM statistic").fetchall()
    assert {code for code, _unit in stored} >= {"inwoners", "statushouders", "wekelijks_sporter_pct"}
    for code, unit in stored:
        assert code in STORED, code
        assert STORED[code].unit == unit, code
