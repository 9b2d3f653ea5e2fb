"""Schema creation, version checks, migration and all-or-nothing writes."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from sv_analytics import db, vocab
from sv_analytics.errors import DatabaseError

#: Every item of ../shared/DOMAIN.md and the table that holds it.
DOMAIN_TABLES = {
    "gemeente": "gemeente",
    "kern (codes per jaar, locatie, voorzieningen, doelgroepen)": "kern",
    "CBS wijk/buurtcodes per jaar": "kern_region",
    "gekozen doelgroepen": "kern_target_group",
    "voorzieningen": "facility",
    "publieke statistiek (lange vorm)": "statistic",
    "geometrieën": "geometry",
    "sociale kaart": "organisation",
    "rollen": "organisation_role",
    "samenwerkingsafspraken": "agreement",
    "partijen per afspraak": "agreement_party",
    "enquête": "survey",
    "enquêteresultaten": "survey_result",
    "activiteiten": "activity",
    "BRAVO-thema's": "activity_theme",
    "doelgroepen per activiteit": "activity_target_group",
    "deelname per maand": "participation",
    "uitsplitsingen": "participation_breakdown",
    "doorverwijzingen": "referral",
    "vrijwilligers": "volunteer",
    "werkplan": "werkplan_action",
    "doelen": "target",
    "evaluatie": "evaluation",
    "subdoelen": "evaluation_subgoal",
    "succes- en faalfactoren": "evaluation_factor",
    "kennisplein": "kennisplein_item",
    "kennisplein-doelgroepen": "kennisplein_target_group",
    "herkomst per dataset": "dataset",
    "importlog": "import_log",
}


def test_new_database_has_every_domain_table_and_the_current_version(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "new.duckdb")
    assert set(DOMAIN_TABLES.values()) <= set(db.table_names(conn))
    assert db.schema_version(conn) == db.SCHEMA_VERSION
    assert db.data_version(conn) == 0
    assert conn.execute("SELECT count(*) FROM lookup").fetchone()[0] == len(vocab.lookup_rows())


def test_statistic_is_long_form_with_provenance(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "new.duckdb")
    columns = {r[0] for r in conn.execute("DESCRIBE statistic").fetchall()}
    assert {
        "region_code",
        "region_level",
        "year",
        "age_group",
        "indicator",
        "value",
        "source",
        "dataset_id",
    } <= columns
    dataset_columns = {r[0] for r in conn.execute("DESCRIBE dataset").fetchall()}
    assert {"source", "year", "file_name", "file_hash", "imported_at", "is_demo"} <= dataset_columns


def test_no_table_has_columns_for_personal_data(tmp_path: Path) -> None:
    """No personal data of residents or participants; the one exception is app_user, the
    accounts of the people who log in (an e-mail address to recognise them, by design)."""
    conn = db.connect(tmp_path / "new.duckdb")
    personal = re.compile(r"birth|geboorte|bsn|email|phone|telefoon|address|adres|first_name|last_name")
    rows = conn.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    assert [r for r in rows if personal.search(r[1])] == [("app_user", "email")]


def test_reopening_keeps_content(tmp_path: Path) -> None:
    path = tmp_path / "keep.duckdb"
    conn = db.connect(path)
    conn.execute("INSERT INTO dataset VALUES ('x', 'demo', 'test', NULL, NULL, NULL, now(), true, NULL)")
    conn.close()
    conn = db.connect(path)
    assert conn.execute("SELECT count(*) FROM dataset").fetchone()[0] == 1


def test_newer_schema_version_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    conn = db.connect(path)
    conn.execute("UPDATE schema_meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(DatabaseError, match="schemaversie 99"):
        db.connect(path)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE something (x INTEGER)")
    with pytest.raises(DatabaseError, match="geen database van sv-analytics"):
        db.connect(path)


def test_a_file_that_is_not_duckdb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "text.duckdb"
    path.write_text("dit is geen database\n" * 100)
    with pytest.raises(DatabaseError, match="geen DuckDB-database"):
        db.connect(path)


def test_missing_database_is_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="bestaat niet"):
        db.connect(tmp_path / "missing.duckdb", create=False)


def test_older_database_is_migrated_and_keeps_its_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.duckdb"
    conn = db.connect(path)
    conn.execute("INSERT INTO dataset VALUES ('x', 'demo', 'test', NULL, NULL, NULL, now(), true, NULL)")
    conn.close()
    # Pretend the code is one version ahead, with a migration that adds a column.
    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, db.SCHEMA_VERSION, "ALTER TABLE dataset ADD COLUMN licence VARCHAR")
    conn = db.connect(path)
    assert db.schema_version(conn) == db.SCHEMA_VERSION
    assert conn.execute("SELECT dataset_id, licence FROM dataset").fetchall() == [("x", None)]


def test_older_database_without_migration_path_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.duckdb"
    db.connect(path).close()
    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    with pytest.raises(DatabaseError, match="geen migratie"):
        db.connect(path)


def test_a_failed_migration_leaves_the_old_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    db.connect(path).close()
    old = db.SCHEMA_VERSION
    monkeypatch.setattr(db, "SCHEMA_VERSION", old + 1)
    monkeypatch.setitem(db.MIGRATIONS, old + 1, "ALTER TABLE no_such_table ADD COLUMN x INTEGER")
    with pytest.raises(duckdb.Error):
        db.connect(path)
    monkeypatch.setattr(db, "SCHEMA_VERSION", old)
    assert db.schema_version(db.connect(path)) == old


def test_transaction_is_all_or_nothing(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "tx.duckdb")
    before = db.content_hashes(conn)
    with pytest.raises(duckdb.ConstraintException), db.transaction(conn):
        conn.execute("INSERT INTO dataset VALUES ('a', 'demo', 't', NULL, NULL, NULL, now(), true, NULL)")
        db.bump_data_version(conn)
        conn.execute("INSERT INTO volunteer VALUES ('k', DATE '2017-01-01', 1, 5, 'a')")  # new > active
    assert db.content_hashes(conn) == before
    assert db.data_version(conn) == 0


def test_check_constraints_refuse_impossible_counts(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "c.duckdb")
    with pytest.raises(duckdb.ConstraintException):
        conn.execute("INSERT INTO participation VALUES ('a', DATE '2017-01-01', 3, 4, 0, 'd')")
    with pytest.raises(duckdb.ConstraintException):
        conn.execute("INSERT INTO participation VALUES ('a', DATE '2017-01-15', 3, 1, 0, 'd')")
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(
            "INSERT INTO referral VALUES ('k', DATE '2017-01-01', 'huisarts', NULL, 'a', 'senioren', -1, 'd')"
        )


def test_content_hash_changes_with_content(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "h.duckdb")
    before = db.content_hashes(conn)
    conn.execute("INSERT INTO dataset VALUES ('a', 'demo', 't', NULL, NULL, NULL, now(), true, NULL)")
    after = db.content_hashes(conn)
    assert before["dataset"] != after["dataset"]
    assert {k: v for k, v in before.items() if k != "dataset"} == {
        k: v for k, v in after.items() if k != "dataset"
    }


def test_integrity_problems_reports_a_planted_orphan_and_a_bad_code(conn: duckdb.DuckDBPyConnection) -> None:
    """The demo's ``integrity_problems() == []`` checks mean something: on a writable copy of
    the demo, an activity of an unknown kern, a deelname row of an unknown activity and a code
    outside its list are each reported, and nothing else is."""
    assert db.integrity_problems(conn) == []
    first = conn.execute("SELECT min(activity_id) FROM activity").fetchone()[0]
    conn.execute(
        "INSERT INTO activity SELECT * REPLACE ('spook-act01' AS activity_id, 'nergenshuizen' AS kern_id) "
        "FROM activity WHERE activity_id = ?",
        [first],
    )
    conn.execute(
        "INSERT INTO participation SELECT * REPLACE ('bestaat-niet' AS activity_id) "
        "FROM participation WHERE activity_id = ? LIMIT 1",
        [first],
    )
    conn.execute("UPDATE activity SET membership_form = 'proefles' WHERE activity_id = ?", [first])
    assert db.integrity_problems(conn) == [
        "activity.kern_id: 1 rijen verwijzen naar een onbekende kern",
        "participation.activity_id: 1 rijen verwijzen naar een onbekende activity",
        "activity.membership_form: 1 rijen met een code buiten lijst membership_form",
    ]


# ------------------------------------------------------------------ version 4: Loket Gezond Leven
NEW_ACTIVITY_COLUMNS = ("intervention_name", "recognition_level")


def _activity(conn: duckdb.DuckDBPyConnection, activity_id: str, name: object, level: object) -> None:
    conn.execute(
        "INSERT INTO activity (activity_id, kern_id, name, kind, novelty, membership_form, start_date, "
        "intervention_name, recognition_level, dataset_id) "
        "VALUES (?, 'k', 'Wandelen', 'bewegen', 'nieuw', 'flexibel', DATE '2017-05-01', ?, ?, 'd')",
        [activity_id, name, level],
    )


def test_the_recognition_level_check_is_the_vocabulary_and_needs_an_intervention(tmp_path: Path) -> None:
    """schema.sql spells the codes out (a CHECK cannot read a table): every code of
    vocab.RECOGNITION_LEVEL is accepted, anything else refused, and a level needs a name."""
    conn = db.connect(tmp_path / "lgl.duckdb")
    for i, code in enumerate(vocab.RECOGNITION_LEVEL):
        _activity(conn, f"a{i}", "Interventie X (fictief)", code)
    _activity(conn, "none", None, None)
    _activity(conn, "named", "Interventie Y (fictief)", None)
    for bad in ("Goed onderbouwd", "erkend", "niveau_1"):
        with pytest.raises(duckdb.ConstraintException):
            _activity(conn, f"bad-{bad}", "Interventie X (fictief)", bad)
    with pytest.raises(duckdb.ConstraintException):
        _activity(conn, "level-without-name", None, "goed_onderbouwd")
    assert conn.execute("SELECT count(*) FROM activity").fetchone()[0] == len(vocab.RECOGNITION_LEVEL) + 2
    ordered = conn.execute(
        "SELECT code, label FROM lookup WHERE list_name = 'recognition_level' ORDER BY sort_order"
    ).fetchall()
    assert ordered == list(vocab.RECOGNITION_LEVEL.items())
    assert [label for _, label in ordered] == [
        "Goed beschreven",
        "Goed onderbouwd",
        "Eerste aanwijzingen voor effectiviteit",
        "Goede aanwijzingen voor effectiviteit",
        "Sterke aanwijzingen voor effectiviteit",
    ]


def _as_version_3(conn: duckdb.DuckDBPyConnection) -> None:
    """Turn a current database into what schema version 3 had: activity and its revision shadow
    without the two columns, no recognition_level list, version 3."""
    for table in ("activity", "rev_activity"):
        conn.execute(
            f"CREATE TABLE {table}_old AS SELECT * EXCLUDE (intervention_name, recognition_level) FROM {table}"
        )
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_old RENAME TO {table}")
    conn.execute("DELETE FROM lookup WHERE list_name = 'recognition_level' OR code = '19+'")
    conn.execute("UPDATE schema_meta SET value = '3' WHERE key = 'schema_version'")


def test_a_version_3_database_is_upgraded_in_place_and_keeps_its_data(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = Path(
        conn.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()[0]
    )
    _as_version_3(conn)
    # a revision shadow row, as an undo of an earlier import would need it
    conn.execute(
        "INSERT INTO rev_activity SELECT 1 AS revision_id, 'D' AS op, * FROM activity ORDER BY activity_id LIMIT 1"
    )
    before = conn.execute("SELECT * FROM activity ORDER BY activity_id").fetchall()
    other = db.content_hashes(conn)
    conn.close()
    assert db.needs_migration(path)

    migrated = db.connect(path)
    assert db.schema_version(migrated) == db.SCHEMA_VERSION == 4
    kept = ", ".join(c for c in db.table_columns(migrated, "activity") if c not in NEW_ACTIVITY_COLUMNS)
    assert migrated.execute(f"SELECT {kept} FROM activity ORDER BY activity_id").fetchall() == before
    assert migrated.execute(
        "SELECT count(*) FROM activity WHERE intervention_name IS NOT NULL OR recognition_level IS NOT NULL"
    ).fetchone() == (0,)
    assert migrated.execute("SELECT count(*), min(revision_id) FROM rev_activity").fetchone() == (1, 1)
    after = db.content_hashes(migrated)
    untouched = set(other) - {"activity", "rev_activity", "lookup", "schema_meta"}
    assert {t: after[t] for t in untouched} == {t: other[t] for t in untouched}
    assert db.integrity_problems(migrated) == []

    # the same columns, in the same order, as a new database; and the constraints hold again
    fresh = db.connect(tmp_path / "fresh.duckdb")
    for table in ("activity", "rev_activity"):
        assert db.table_columns(migrated, table) == db.table_columns(fresh, table), table
    assert migrated.execute("SELECT count(*) FROM lookup").fetchone()[0] == len(vocab.lookup_rows())
    first = before[0][0]
    with pytest.raises(duckdb.ConstraintException):  # primary key
        migrated.execute("INSERT INTO activity SELECT * FROM activity WHERE activity_id = ?", [first])
    with pytest.raises(duckdb.ConstraintException):  # the level list
        migrated.execute(
            "UPDATE activity SET intervention_name = 'X', recognition_level = 'erkend' WHERE activity_id = ?",
            [first],
        )
    migrated.execute(
        "UPDATE activity SET intervention_name = 'X (fictief)', recognition_level = 'goed_onderbouwd' "
        "WHERE activity_id = ?",
        [first],
    )
    migrated.close()
    assert db.connect(path).execute(
        "SELECT recognition_level FROM activity WHERE activity_id = ?", [first]
    ).fetchone() == ("goed_onderbouwd",)
