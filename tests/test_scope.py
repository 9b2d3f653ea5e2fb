"""The scoped cursor (sv_analytics/scope.py): what each scope sees, checked against SQL written
here by hand with the scope as a WHERE clause; DuckDB's TEMP-view facts it rests on; that no
table escapes; name traps; the pool; and that cached results are kept apart per scope.

The database: the demo with real context files (statistics of land, provincie, 26 gemeenten,
wijken and buurten; geometries; public imports in the log), two workbook imports (Bathmen,
Aadorp) with revisions and their shadow rows, an undo, and users.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import access, db, lookups, scope, users
from sv_analytics.access import Scope
from sv_analytics.ingest import public, revisions, workbook
from tests.conftest import PROJECT, SHARED_REFERENCE
from tests.test_workbook_merge import blank_with_one_month

ISS = "https://idp.example/scope"
GEMEENTEN = ("GM0150", "GM0141", "GM0168")  # Deventer (Bathmen), Almelo (Aadorp), Losser
KERNEN = ("bathmen", "aadorp", "overdinkel")
SCOPES = [access.ALL, *(Scope(gemeente_code=g) for g in GEMEENTEN), *(Scope(kern_id=k) for k in KERNEN)]


@pytest.fixture(scope="module")
def scoped_db(reference_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference database plus two imports, an undo and users (see the module docstring)."""
    folder = tmp_path_factory.mktemp("scope")
    path = folder / "scope.duckdb"
    shutil.copyfile(reference_db, path)
    conn = db.connect(path)
    try:
        for kern in ("bathmen", "aadorp"):
            plan = workbook.plan_import(conn, blank_with_one_month(conn, folder / f"{kern}.xlsx", kern))
            workbook.apply_import(conn, plan, user=f"pl-{kern}")
        public.import_public_file(conn, SHARED_REFERENCE / "cbs-pc4-bevolking-11gem-original.csv", year=2017)
        revisions.undo(conn, kern_id="aadorp", user="pl-aadorp")
        users.add_user(conn, issuer=ISS, subject="bea", role="beheerder", by="test")
        users.add_user(conn, issuer=ISS, subject="gijs", role="gemeente", gemeente_code="GM0150", by="test")
        users.add_user(conn, issuer=ISS, subject="piet", role="projectleider", kern_id="bathmen", by="test")
    finally:
        conn.close()
    return path


@pytest.fixture()
def conn(scoped_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(scoped_db), read_only=True)
    yield connection
    connection.close()


# --------------------------------------------------------------------------- the oracle
# Written here by hand, independently of scope.rules: for each table the WHERE clause that says
# which of its rows a scope with kern ids $k and gemeente codes $g sees.
_IN_K = "list_contains($k, kern_id)"
_PARENT = "{col} IN (SELECT {col} FROM {parent} WHERE list_contains($k, kern_id))"
_REGIONS = (
    "(region_level = 'kern' AND list_contains($k, region_code))"
    " OR (region_level = 'gemeente' AND list_contains($g, region_code))"
    " OR (region_level IN ('wijk', 'buurt') AND region_code IN"
    "     (SELECT region_code FROM kern_region WHERE list_contains($k, kern_id)))"
    " OR region_code IN ('PV23', 'NL01') OR region_level IN ('provincie', 'land')"
)
ORACLE = {
    **{
        table: _IN_K
        for table in (
            "kern", "kern_region", "kern_target_group", "facility", "organisation", "agreement", "survey",
            "activity", "referral", "volunteer", "werkplan_action", "target", "evaluation",
            "evaluation_subgoal", "evaluation_factor", "kennisplein_item", "revision", "import_log",
        )
    },
    "organisation_role": _PARENT.format(col="org_id", parent="organisation"),
    "agreement_party": _PARENT.format(col="agreement_id", parent="agreement"),
    "survey_result": _PARENT.format(col="survey_id", parent="survey"),
    "activity_theme": _PARENT.format(col="activity_id", parent="activity"),
    "activity_target_group": _PARENT.format(col="activity_id", parent="activity"),
    "participation": _PARENT.format(col="activity_id", parent="activity"),
    "participation_breakdown": _PARENT.format(col="activity_id", parent="activity"),
    "kennisplein_target_group": _PARENT.format(col="item_id", parent="kennisplein_item"),
    "gemeente": "list_contains($g, gemeente_code)",
    "statistic": _REGIONS,
    "geometry": _REGIONS,
    "dataset": (
        "kind <> 'monitoring' OR dataset_id IN (SELECT dataset_id FROM revision WHERE list_contains($k, kern_id))"
        " OR dataset_id IN (SELECT dataset_id FROM import_log WHERE list_contains($k, kern_id))"
    ),
    "app_user": "false",
    "schema_meta": "true",
    "lookup": "true",
}  # fmt: skip
_REV = "revision_id IN (SELECT revision_id FROM revision WHERE list_contains($k, kern_id))"


def oracle_where(table: str) -> str:
    return _REV if table.startswith(db.REVISION_PREFIX) else ORACLE[table]


def scope_values(conn: duckdb.DuckDBPyConnection, wanted: Scope) -> dict[str, list[str]]:
    """The scope's kern ids and gemeente codes, looked up here with plain SQL."""
    if wanted.is_all:
        k = [r[0] for r in conn.execute("SELECT kern_id FROM kern").fetchall()]
        g = [r[0] for r in conn.execute("SELECT gemeente_code FROM gemeente").fetchall()]
    elif wanted.gemeente_code:
        g = [wanted.gemeente_code]
        k = [r[0] for r in conn.execute("SELECT kern_id FROM kern WHERE gemeente_code = ?", g).fetchall()]
    else:
        k = [wanted.kern_id]
        g = [r[0] for r in conn.execute("SELECT gemeente_code FROM kern WHERE kern_id = ?", k).fetchall()]
    return {"k": k, "g": g}


def expected_counts(conn: duckdb.DuckDBPyConnection, wanted: Scope) -> dict[str, int]:
    values = scope_values(conn, wanted)
    counts = {}
    for table in db.table_names(conn):
        where = "true" if wanted.is_all else oracle_where(table)
        used = {k: v for k, v in values.items() if f"${k}" in where}
        counts[table] = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', used).fetchone()[0]
    return counts


def scoped_counts(conn: duckdb.DuckDBPyConnection, wanted: Scope) -> dict[str, int]:
    with scope.cursor(conn, wanted) as cur:
        return {t: cur.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in db.table_names(conn)}


# --------------------------------------------------------------------------- what each scope sees
def test_the_oracle_covers_every_table(conn: duckdb.DuckDBPyConnection) -> None:
    """A table added to the schema makes this fail until its rows per scope are written down here."""
    tables = {t for t in db.table_names(conn) if not t.startswith(db.REVISION_PREFIX)}
    assert tables == set(ORACLE)


@pytest.mark.parametrize("wanted", SCOPES, ids=lambda s: s.key)
def test_every_table_shows_exactly_the_rows_of_the_scope(
    conn: duckdb.DuckDBPyConnection, wanted: Scope
) -> None:
    assert scoped_counts(conn, wanted) == expected_counts(conn, wanted)


def test_the_database_makes_the_comparison_meaningful(conn: duckdb.DuckDBPyConnection) -> None:
    """Every table the scopes filter has rows in and outside Bathmen's gemeente, so equal counts
    above are not equal because there was nothing to filter."""
    everything = expected_counts(conn, access.ALL)
    deventer = expected_counts(conn, Scope(gemeente_code="GM0150"))
    bathmen = expected_counts(conn, Scope(kern_id="bathmen"))
    empty_by_nature = {"app_user"}  # no rows for any scope but all
    for table, total in everything.items():
        if oracle_where(table) == "true" or table.startswith(db.REVISION_PREFIX):
            continue  # open tables; shadows of tables the two imports did not touch are empty
        assert total > 0, table
        if table in empty_by_nature:
            assert deventer[table] == 0 and bathmen[table] == 0
            continue
        assert deventer[table] < total, table
    for table in (
        "revision",
        "rev_participation",
        "rev_activity",
        "import_log",
        "participation",
        "statistic",
    ):
        assert 0 < bathmen[table] < everything[table], table
    assert bathmen["gemeente"] == 1 and bathmen["kern"] == 1 and deventer["kern"] == 2


def test_public_imports_and_other_gemeenten_only_for_scope_all(conn: duckdb.DuckDBPyConnection) -> None:
    with scope.cursor(conn, Scope(gemeente_code="GM0150")) as cur:
        assert cur.execute("SELECT count(*) FROM import_log WHERE kern_id IS NULL").fetchone()[0] == 0
        levels = dict(
            cur.execute(
                "SELECT region_level, count(DISTINCT region_code) FROM statistic GROUP BY 1"
            ).fetchall()
        )
        assert levels["gemeente"] == 1 and levels["land"] == 1  # and wijken of Bathmen and Diepenveen
        assert (
            cur.execute("SELECT count(*) FROM geometry WHERE region_level = 'provincie'").fetchone()[0] == 12
        )
        assert "pc4" not in levels  # postcodes are linked to no kern
        codes = {
            r[0]
            for r in cur.execute(
                "SELECT region_code FROM geometry WHERE region_level = 'gemeente'"
            ).fetchall()
        }
        assert codes == {"GM0150"}
        users_seen = cur.execute("SELECT count(*) FROM app_user").fetchone()[0]
    assert users_seen == 0
    assert conn.execute("SELECT count(*) FROM import_log WHERE kern_id IS NULL").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM statistic WHERE region_level = 'pc4'").fetchone()[0] > 0
    assert (
        conn.execute(
            "SELECT count(DISTINCT region_code) FROM statistic WHERE region_level = 'gemeente'"
        ).fetchone()[0]
        > 11
    )


# --------------------------------------------------------------------------- no table escapes
def test_every_table_has_a_rule(conn: duckdb.DuckDBPyConnection) -> None:
    assert scope.unruled_tables(conn) == []


def test_open_tables_have_no_column_that_names_kern_content(conn: duckdb.DuckDBPyConnection) -> None:
    """The tables every scope sees whole hold no kern, gemeente, region or record reference."""
    schema = scope.read_schema(conn)
    keys = {column for _, column, _, _ in db.REFERENCES} | {
        "kern_id",
        "gemeente_code",
        "region_code",
        "revision_id",
    }
    for table in scope.OPEN_TABLES:
        assert not set(schema.columns(table)) & keys, table


def test_a_new_table_gets_its_rule_from_the_schema_or_no_rows(scoped_db: Path, tmp_path: Path) -> None:
    """A new table with kern_id is filtered by it; one without a known reference gets no rows for
    a scope (fail closed) and is named by unruled_tables, which makes the test above fail."""
    path = tmp_path / "nieuw.duckdb"
    shutil.copyfile(scoped_db, path)
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE extra_per_kern AS SELECT kern_id, 1 AS n FROM kern")
        conn.execute("CREATE TABLE extra_per_activity AS SELECT activity_id FROM activity")
        assert scope.unruled_tables(conn) == ["extra_per_activity"]
        with scope.cursor(conn, Scope(kern_id="bathmen")) as cur:
            assert cur.execute("SELECT list(kern_id) FROM extra_per_kern").fetchone()[0] == ["bathmen"]
            assert cur.execute("SELECT count(*) FROM extra_per_activity").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM extra_per_activity").fetchone()[0] > 0


# --------------------------------------------------------------------------- name traps
TRAPS = (
    "SELECT count(*) FROM kern",
    'SELECT count(*) FROM "kern"',
    "SELECT count(*) FROM KERN",
    "SELECT count(*) FROM main.kern",
    "SELECT count(*) FROM (SELECT * FROM kern)",
    "WITH k AS (SELECT * FROM kern) SELECT count(*) FROM k",
    "WITH RECURSIVE k AS (SELECT * FROM kern) SELECT count(*) FROM k",
    "SELECT count(DISTINCT k.kern_id) FROM activity a JOIN kern k USING (kern_id)",
    "SELECT count(DISTINCT kern_id) FROM activity",
    "SELECT count(DISTINCT a.kern_id) FROM participation p JOIN activity a USING (activity_id)",
    "SELECT (SELECT count(*) FROM kern)",
    "SELECT count(*) FROM kern WHERE kern_id IN (SELECT kern_id FROM referral)",
    "SELECT count(*) FROM (SELECT kern_id FROM kern UNION SELECT kern_id FROM organisation)",
    "SELECT count(DISTINCT kern_id) FROM revision",
    "SELECT count(DISTINCT r.kern_id) FROM rev_participation p JOIN revision r USING (revision_id)",
)


@pytest.mark.parametrize(
    "wanted", [Scope(kern_id="bathmen"), Scope(gemeente_code="GM0141")], ids=lambda s: s.key
)
@pytest.mark.parametrize("query", TRAPS)
def test_no_spelling_of_a_query_reaches_another_kern(
    conn: duckdb.DuckDBPyConnection, wanted: Scope, query: str
) -> None:
    allowed = len(scope_values(conn, wanted)["k"])
    with scope.cursor(conn, wanted) as cur:
        seen = cur.execute(query).fetchone()[0]
        assert seen <= allowed
        assert cur.cursor().execute(query).fetchone()[0] == seen  # a cursor of the cursor stays scoped
    with conn.cursor() as plain:
        assert plain.execute(query).fetchone()[0] >= seen


def test_children_never_outlive_their_parent(conn: duckdb.DuckDBPyConnection) -> None:
    with scope.cursor(conn, Scope(gemeente_code="GM0150")) as cur:
        for child, column, parent, key in db.REFERENCES:
            orphans = cur.execute(
                f'SELECT count(*) FROM "{child}" c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM "{parent}" p WHERE p."{key}" = c."{column}")'
            ).fetchone()[0]
            assert orphans == 0, (child, column)


def test_the_scoped_cursor_cannot_write_content(scoped_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "schrijven.duckdb"
    shutil.copyfile(scoped_db, path)
    with duckdb.connect(str(path)) as writable, scope.cursor(writable, Scope(kern_id="bathmen")) as cur:
        for statement in ("DELETE FROM kern", "UPDATE participation SET participants = 0"):
            with pytest.raises(duckdb.Error):  # a view cannot be written
                cur.execute(statement)
        assert writable.execute("SELECT count(*) FROM kern").fetchone()[0] == 22


def test_no_code_names_a_catalog_or_drops_a_view() -> None:
    """Only the catalog-qualified name reaches a base table, and dropping a TEMP view would
    uncover one: only scope.py may spell either."""
    pattern = re.compile(
        r"current_database|\.main\.|DROP\s+VIEW|CREATE\s+(OR\s+REPLACE\s+)?TEMP(ORARY)?\s+VIEW", re.I
    )
    offenders = []
    for path in [
        *PROJECT.glob("sv_analytics/**/*.py"),
        *PROJECT.glob("sv_analytics/**/*.sql"),
        *PROJECT.glob("app_pages/*.py"),
    ]:
        if path.name == "scope.py" and path.parent.name == "sv_analytics":
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(PROJECT)))
    assert offenders == []


# --------------------------------------------------------------------------- DuckDB facts
def test_temp_views_are_per_cursor_and_only_the_catalog_name_reaches_the_table(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    catalog = conn.execute("SELECT current_database()").fetchone()[0]
    total = conn.execute("SELECT count(*) FROM kern").fetchone()[0]
    with scope.cursor(conn, Scope(kern_id="bathmen")) as cur:
        assert cur.execute("SELECT count(*) FROM kern").fetchone()[0] == 1
        assert cur.execute("SELECT count(*) FROM main.kern").fetchone()[0] == 1  # main.* is the view too
        assert cur.execute(f'SELECT count(*) FROM "{catalog}".main.kern').fetchone()[0] == total
        assert cur.execute(f'SELECT count(*) FROM "{catalog}".kern').fetchone()[0] == total
        other = conn.cursor()
        assert other.execute("SELECT count(*) FROM kern").fetchone()[0] == total  # another cursor: no views
        assert conn.execute("SELECT count(*) FROM kern").fetchone()[0] == total  # nor the parent
        raw = cur._raw.cursor()  # DuckDB's own cursor() of a cursor: a new connection, no views
        assert raw.execute("SELECT count(*) FROM kern").fetchone()[0] == total
    probe = conn.cursor()
    with pytest.raises(duckdb.Error):  # a view that names its table without the catalog reads itself
        probe.execute("CREATE TEMP VIEW kern AS SELECT * FROM main.kern WHERE kern_id = 'bathmen'")
        probe.execute("SELECT count(*) FROM kern").fetchone()


def test_the_view_statements_name_the_catalog_and_are_built_once(conn: duckdb.DuckDBPyConnection) -> None:
    schema = scope.read_schema(conn)
    wanted = Scope(gemeente_code="GM0150")
    found = scope.members(conn, schema, wanted)
    assert found == scope.Members(("bathmen", "diepenveen"), ("GM0150",))
    assert scope.members(conn, schema, Scope(kern_id="bathmen")) == scope.Members(("bathmen",), ("GM0150",))
    text = scope.view_sql(schema, wanted, found)
    assert f'"{schema.catalog}".main."kern"' in text
    assert (
        text.count("CREATE OR REPLACE TEMP VIEW") == scope.view_count(schema) == len(db.table_names(conn)) - 2
    )
    assert (
        scope.view_sql(schema, wanted, scope.members(conn, schema, wanted)) is text
    )  # cached: the same text
    other = Scope(gemeente_code="GM0141")
    assert scope.view_sql(schema, other, scope.members(conn, schema, other)) != text


def test_a_gemeente_without_kernen_sees_no_kern(conn: duckdb.DuckDBPyConnection) -> None:
    with scope.cursor(conn, Scope(gemeente_code="GM9999")) as cur:
        assert cur.execute("SELECT count(*) FROM kern").fetchone()[0] == 0
        assert cur.execute("SELECT count(*) FROM participation").fetchone()[0] == 0


def test_scope_values_are_quoted(conn: duckdb.DuckDBPyConnection) -> None:
    with scope.cursor(conn, Scope(kern_id="x' OR true OR kern_id = '")) as cur:
        assert cur.execute("SELECT count(*) FROM kern").fetchone()[0] == 0


# --------------------------------------------------------------------------- the pool
def test_the_pool_reuses_a_cursor_and_sees_new_data(scoped_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "pool.duckdb"
    shutil.copyfile(scoped_db, path)
    conn = db.connect(path)
    pool = scope.CursorPool(conn)
    bathmen = Scope(kern_id="bathmen")
    try:
        with pool.cursor(bathmen) as cur:
            first = cur._raw
            before = len(lookups.kernen(cur))
        conn.execute("UPDATE kern SET name = 'Bathmen-Oost' WHERE kern_id = 'bathmen'")
        with pool.cursor(bathmen) as cur:
            assert cur._raw is first
            assert list(lookups.kernen(cur)["name"]) == ["Bathmen-Oost"] and before == 1
        with pool.cursor(Scope(kern_id="aadorp")) as cur:
            assert cur._raw is not first
        deventer = Scope(gemeente_code="GM0150")
        with pool.cursor(deventer) as cur:
            assert len(lookups.kernen(cur)) == 2
            made_for_two = cur._raw
        conn.execute("UPDATE kern SET gemeente_code = 'GM0150' WHERE kern_id = 'aadorp'")  # a kern moves
        with pool.cursor(deventer) as cur:
            assert cur._raw is not made_for_two  # made again for the new members
            assert sorted(lookups.kernen(cur)["kern_id"]) == ["aadorp", "bathmen", "diepenveen"]
    finally:
        pool.close()
        conn.close()


@pytest.mark.parametrize("mishap", ["exception", "transaction", "dropped_view"])
def test_the_pool_drops_a_cursor_it_cannot_trust(conn: duckdb.DuckDBPyConnection, mishap: str) -> None:
    pool = scope.CursorPool(conn)
    bathmen = Scope(kern_id="bathmen")
    with pool.cursor(bathmen) as cur:
        first = cur._raw
    try:
        with pool.cursor(bathmen) as cur:
            assert cur._raw is first
            if mishap == "exception":
                raise RuntimeError("stuk")
            if mishap == "transaction":
                cur.execute("BEGIN TRANSACTION")
            else:
                cur.execute("DROP VIEW kern")
    except RuntimeError:
        pass
    with pool.cursor(bathmen) as cur:
        assert cur._raw is not first
        assert cur.execute("SELECT count(*) FROM kern").fetchone()[0] == 1
    pool.close()


def test_scope_all_is_a_plain_cursor(conn: duckdb.DuckDBPyConnection) -> None:
    with scope.cursor(conn, access.ALL) as cur:
        assert isinstance(cur, duckdb.DuckDBPyConnection)
        assert (
            cur.execute("SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal").fetchone()[0]
            == 0
        )


# --------------------------------------------------------------------------- cached per scope
def cached_script() -> None:
    """state.run as a page calls it, for the viewer the test puts in session state."""
    import streamlit as st

    from sv_analytics import lookups
    from sv_analytics.ui import state, viewer

    viewer.set_current(st.session_state["test_viewer"])
    st.write(f"{len(state.run(lookups.kernen))}|{len(state.run(lookups.gemeenten))}")


def viewer_for(wanted: Scope) -> access.Viewer:
    role = (
        access.Role.BEHEERDER
        if wanted.is_all
        else access.Role.GEMEENTE
        if wanted.gemeente_code
        else access.Role.PROJECTLEIDER
    )
    return access.Viewer(role=role, scope=wanted, issuer=ISS, subject=wanted.key)


def test_cached_results_are_kept_apart_per_scope(app_env: Path) -> None:
    """The same function with the same parameters, one after another in one process (one cache):
    each scope gets its own result, in any order, also when the other's is cached."""
    seen = []
    for wanted in (
        access.ALL,
        Scope(gemeente_code="GM0150"),
        Scope(kern_id="aadorp"),
        access.ALL,
        Scope(gemeente_code="GM0150"),
    ):
        at = AppTest.from_function(cached_script, default_timeout=60)
        at.session_state["test_viewer"] = viewer_for(wanted)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        seen.append(at.markdown[0].value)
    assert seen == ["22|11", "2|1", "1|1", "22|11", "2|1"]


def test_a_cached_call_refuses_a_scope_that_is_not_its_key() -> None:
    from sv_analytics.ui import state

    with pytest.raises(PermissionError):
        state._run("db", 1, "alle", "sv_analytics.lookups", "kernen", (), (), Scope(kern_id="bathmen"))
