"""Users, roles and scope (``app_user``): the store, its checks, the CLI and the v2 → v3 migration.

Every check is made against the database itself (independent SQL), not against what the
functions return.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sv_analytics import access, cli, db, users
from sv_analytics.access import Role, Scope
from sv_analytics.errors import ValidationError
from tests.hostile import run_cli

ISS = "https://login.example.nl/tenant/v2.0"


def stored(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    return conn.execute(
        "SELECT subject, role, gemeente_code, kern_id, email, name, created_by FROM app_user ORDER BY subject"
    ).fetchall()


def add(conn: duckdb.DuckDBPyConnection, subject: str, role: str, **kw: object) -> access.Viewer:
    return users.add_user(conn, issuer=ISS, subject=subject, role=role, by="test", **kw)


# ---------------------------------------------------------------------------- the store


def test_added_users_get_role_and_scope_from_the_database(conn: duckdb.DuckDBPyConnection) -> None:
    admin = add(conn, "a", "beheerder", email="anna@example.nl", name="Anna")
    official = add(conn, "g", "gemeente", gemeente_code="Deventer")  # by name
    official2 = add(conn, "g2", "gemeente", gemeente_code="gm0141")  # by code, any case
    leader = add(conn, "p", "projectleider", kern_id="bathmen")
    assert (admin.role, admin.scope, admin.email, admin.name) == (
        Role.BEHEERDER,
        access.ALL,
        "anna@example.nl",
        "Anna",
    )
    assert official.scope == Scope(gemeente_code="GM0150")
    assert official2.scope == Scope(gemeente_code="GM0141")
    assert leader.scope == Scope(kern_id="bathmen")
    assert stored(conn) == [
        ("a", "beheerder", None, None, "anna@example.nl", "Anna", "test"),
        ("g", "gemeente", "GM0150", None, None, None, "test"),
        ("g2", "gemeente", "GM0141", None, None, None, "test"),
        ("p", "projectleider", None, "bathmen", None, None, "test"),
    ]
    found = users.find_viewer(conn, ISS, "p")
    assert found == leader and not found.local and found.label == "p"
    assert users.scope_label(found) == "kern Bathmen (Deventer)"
    assert users.scope_label(users.find_viewer(conn, ISS, "g")) == "gemeente Deventer"


def test_identity_is_issuer_and_subject_not_the_email(conn: duckdb.DuckDBPyConnection) -> None:
    add(conn, "same", "evaluator", email="x@example.nl")
    assert users.find_viewer(conn, ISS, "same") is not None
    assert users.find_viewer(conn, "https://other-provider.example", "same") is None
    assert users.find_viewer(conn, ISS, "x@example.nl") is None
    # the same subject at another issuer is another person
    users.add_user(conn, issuer="https://other-provider.example", subject="same", role="gemeente",
                   gemeente_code="GM0150", by="test")  # fmt: skip
    assert users.find_viewer(conn, "https://other-provider.example", "same").role is Role.GEMEENTE
    assert users.find_viewer(conn, ISS, "same").role is Role.EVALUATOR


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"role": "gemeente", "gemeente_code": "Atlantis"}, "Onbekende gemeente 'Atlantis'"),
        ({"role": "gemeente", "gemeente_code": "GM9999"}, "Onbekende gemeente 'GM9999'"),
        ({"role": "projectleider", "kern_id": "nergenshuizen"}, "Onbekende kern 'nergenshuizen'"),
        ({"role": "koning"}, "Onbekende rol 'koning'"),
        ({"role": "gemeente"}, "precies één gemeente"),
        ({"role": "gemeente", "kern_id": "bathmen"}, "precies één gemeente"),
        ({"role": "projectleider", "gemeente_code": "GM0150"}, "precies één kern"),
        ({"role": "evaluator", "kern_id": "bathmen"}, "Een evaluator ziet alle kernen"),
        ({"role": "beheerder", "gemeente_code": "Deventer"}, "Een beheerder ziet alle kernen"),
        ({"role": "evaluator", "email": "geen adres"}, "'geen adres' is geen e-mailadres"),
        ({"role": "evaluator", "subject": "  "}, "Het subject ontbreekt"),
        ({"role": "evaluator", "issuer": ""}, "De uitgever (issuer) ontbreekt"),
    ],
)
def test_bad_users_are_refused_in_dutch_and_nothing_is_written(
    conn: duckdb.DuckDBPyConnection, kw: dict, message: str
) -> None:
    args = {"issuer": ISS, "subject": "x", "by": "test", **kw}
    with pytest.raises(ValidationError) as caught:
        users.add_user(conn, **args)
    assert message in str(caught.value) and "Er is niets gewijzigd." in str(caught.value)
    assert stored(conn) == []


def test_every_problem_is_reported_at_once(conn: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValidationError) as caught:
        users.add_user(conn, issuer="", subject="", role="koning", gemeente_code="Atlantis", by="test")
    assert len(caught.value.problems) == 4


def test_a_duplicate_identity_is_refused(conn: duckdb.DuckDBPyConnection) -> None:
    add(conn, "a", "evaluator")
    with pytest.raises(ValidationError, match="Er is al een gebruiker"):
        add(conn, "a", "beheerder")
    assert stored(conn) == [("a", "evaluator", None, None, None, None, "test")]


def test_the_schema_itself_refuses_a_scope_that_does_not_fit_the_role(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """The CHECK in schema.sql, independently of users.py: no path can store a wrong scope."""
    insert = (
        "INSERT INTO app_user (issuer, subject, role, gemeente_code, kern_id, created_at, created_by) "
        "VALUES ('i', 's', ?, ?, ?, now(), 'test')"
    )
    for row in [("gemeente", None, "bathmen"), ("projectleider", "GM0150", None), ("evaluator", "GM0150", None),
                ("projectleider", None, None), ("koning", None, None)]:  # fmt: skip
        with pytest.raises(duckdb.ConstraintException):
            conn.execute(insert, list(row))
    conn.execute(insert, ["projectleider", None, "bathmen"])
    assert conn.execute("SELECT count(*) FROM app_user").fetchone()[0] == 1


def test_removing_a_user_takes_their_access_away_at_once(conn: duckdb.DuckDBPyConnection) -> None:
    add(conn, "a", "beheerder")
    add(conn, "p", "projectleider", kern_id="bathmen")
    users.remove_user(conn, ISS, "p", by="test")
    assert users.find_viewer(conn, ISS, "p") is None
    assert [r[0] for r in stored(conn)] == ["a"]
    with pytest.raises(ValidationError, match="Er is geen gebruiker met uitgever"):
        users.remove_user(conn, ISS, "p", by="test")
    with pytest.raises(ValidationError, match="Er is geen gebruiker met uitgever"):
        users.change_user(conn, ISS, "p", role="evaluator", by="test")


def test_the_last_beheerder_cannot_be_removed_or_demoted(conn: duckdb.DuckDBPyConnection) -> None:
    add(conn, "a", "beheerder", name="Anna")
    add(conn, "e", "evaluator")
    with pytest.raises(ValidationError, match="Anna is de laatste beheerder"):
        users.remove_user(conn, ISS, "a", by="test")
    with pytest.raises(ValidationError, match="Anna is de laatste beheerder"):
        users.change_user(conn, ISS, "a", role="evaluator", by="test")
    assert stored(conn)[0][:2] == ("a", "beheerder")
    # with a second beheerder the first may go
    users.change_user(conn, ISS, "e", role="beheerder", by="test")
    users.remove_user(conn, ISS, "a", by="test")
    assert stored(conn) == [("e", "beheerder", None, None, None, None, "test")]
    # and a beheerder may stay beheerder while other details change
    users.change_user(conn, ISS, "e", email="eva@example.nl", by="test")
    assert stored(conn)[0][4] == "eva@example.nl"


def test_change_follows_the_role_with_its_scope(conn: duckdb.DuckDBPyConnection) -> None:
    add(conn, "a", "beheerder")
    add(conn, "x", "projectleider", kern_id="bathmen", email="x@example.nl", name="X")
    # same role, other kern: the kern is replaced
    assert users.change_user(conn, ISS, "x", kern_id="diepenveen", by="test").scope == Scope(
        kern_id="diepenveen"
    )
    # new role: exactly the scope given now
    assert users.change_user(
        conn, ISS, "x", role="gemeente", gemeente_code="GM0150", by="test"
    ).scope == Scope(gemeente_code="GM0150")
    with pytest.raises(ValidationError, match="precies één kern"):
        users.change_user(conn, ISS, "x", role="projectleider", by="test")
    assert users.change_user(conn, ISS, "x", role="evaluator", by="test").scope == access.ALL
    # e-mail and name: None keeps, "" clears
    assert stored(conn)[1][4:6] == ("x@example.nl", "X")
    users.change_user(conn, ISS, "x", email="", by="test")
    assert stored(conn)[1][1:6] == ("evaluator", None, None, None, "X")
    assert conn.execute("SELECT updated_at IS NOT NULL FROM app_user WHERE subject = 'x'").fetchone()[0]


def test_list_users_puts_beheerders_first_with_dutch_scope_labels(conn: duckdb.DuckDBPyConnection) -> None:
    assert users.list_users(conn).empty
    add(conn, "p", "projectleider", kern_id="bathmen", name="Piet")
    add(conn, "g", "gemeente", gemeente_code="GM0150", name="Gea")
    add(conn, "a", "beheerder", name="Anna")
    frame = users.list_users(conn)
    assert list(zip(frame["subject"], frame["role"], frame["scope"], strict=True)) == [
        ("a", "beheerder", "alle kernen"),
        ("g", "gemeente", "gemeente Deventer"),
        ("p", "projectleider", "kern Bathmen (Deventer)"),
    ]
    assert frame["email"].tolist() == [None, None, None]


def test_app_user_is_bookkeeping_without_a_revision_shadow(conn: duckdb.DuckDBPyConnection) -> None:
    assert "app_user" in db.BOOKKEEPING_TABLES
    assert "app_user" not in db.data_tables(conn)
    assert f"{db.REVISION_PREFIX}app_user" not in db.table_names(conn)


# ---------------------------------------------------------------------------- migration


def downgrade_to_version_2(path: Path) -> None:
    """Turn a fresh database into exactly what schema version 2 was: no app_user, no
    import_log.user_name (version 3 added only these), version number 2."""
    with duckdb.connect(str(path)) as conn:
        conn.execute("DROP TABLE app_user")
        conn.execute("ALTER TABLE import_log DROP COLUMN user_name")
        conn.execute("UPDATE schema_meta SET value = '2' WHERE key = 'schema_version'")


def schema_of(conn: duckdb.DuckDBPyConnection, table: str) -> tuple[list, list]:
    columns = conn.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    constraints = conn.execute(
        "SELECT constraint_type, constraint_text FROM duckdb_constraints() WHERE table_name = ? ORDER BY ALL",
        [table],
    ).fetchall()
    return columns, constraints


def test_a_version_2_database_migrates_to_the_current_version_and_keeps_its_content(
    demo_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "v2.duckdb"
    shutil.copyfile(demo_db, path)
    downgrade_to_version_2(path)
    with duckdb.connect(str(path)) as old:
        log_before = old.execute("SELECT * FROM import_log ORDER BY log_id").fetchall()
        hashes_before = {t: db.table_hash(old, t) for t in db.data_tables(old)}
    assert db.needs_migration(path)  # an older schema, as db sees it
    conn = db.connect(path)
    try:
        assert db.schema_version(conn) == db.SCHEMA_VERSION
        assert (
            conn.execute("SELECT * EXCLUDE (user_name) FROM import_log ORDER BY log_id").fetchall()
            == log_before
        )
        assert conn.execute("SELECT count(*) FROM import_log WHERE user_name IS NOT NULL").fetchone()[0] == 0
        assert {t: db.table_hash(conn, t) for t in db.data_tables(conn)} == hashes_before
        # the migrated tables are exactly those of a new database
        fresh = db.connect(tmp_path / "new.duckdb")
        for table in ("app_user", "import_log"):
            assert schema_of(conn, table) == schema_of(fresh, table), table
        fresh.close()
        # and they work: users can be added, the role/scope CHECK holds
        add(conn, "a", "beheerder")
        assert users.find_viewer(conn, ISS, "a").role is Role.BEHEERDER
        with pytest.raises(duckdb.ConstraintException):
            conn.execute(
                "INSERT INTO app_user (issuer, subject, role, kern_id, created_at, created_by) "
                "VALUES ('i', 's', 'gemeente', 'bathmen', now(), 't')"
            )
    finally:
        conn.close()


# ---------------------------------------------------------------------------- CLI


@pytest.fixture()
def cli_db(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    shutil.copyfile(demo_db, path)
    return path


def users_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["users", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_users_add_list_change_remove(cli_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--db", str(cli_db), "--issuer", ISS]
    code, out, _ = users_cli(capsys, "add", *base, "--subject", "a1", "--rol", "beheerder", "--email",
                             "anna@example.nl", "--naam", "Anna")  # fmt: skip
    assert (code, out.strip()) == (0, "Toegevoegd: Anna als beheerder (alle kernen).")
    code, out, _ = users_cli(
        capsys, "add", *base, "--subject", "p1", "--rol", "projectleider", "--kern", "bathmen"
    )
    assert (code, out.strip()) == (0, "Toegevoegd: p1 als projectleider (kern Bathmen (Deventer)).")
    code, out, _ = users_cli(capsys, "list", "--db", str(cli_db))
    assert code == 0
    assert "beheerder     Anna <anna@example.nl> — alle kernen" in out
    assert f"uitgever {ISS}  subject p1" in out
    code, out, _ = users_cli(
        capsys, "change", *base, "--subject", "p1", "--rol", "gemeente", "--gemeente", "Deventer"
    )
    assert (code, out.strip()) == (0, "Gewijzigd: p1 als gemeente (gemeente Deventer).")
    code, out, _ = users_cli(capsys, "list", "--db", str(cli_db), "--json")
    listed = json.loads(out)
    assert [(u["subject"], u["role"], u["gemeente_code"], u["kern_id"], u["created_by"]) for u in listed] == [
        ("a1", "beheerder", None, None, "cli"),
        ("p1", "gemeente", "GM0150", None, "cli"),
    ]
    code, out, _ = users_cli(capsys, "remove", *base, "--subject", "p1")
    assert code == 0 and "Verwijderd" in out
    with duckdb.connect(str(cli_db)) as conn:
        assert stored(conn) == [("a1", "beheerder", None, None, "anna@example.nl", "Anna", "cli")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("add", "--subject", "x", "--rol", "gemeente", "--gemeente", "Atlantis"),
            "Onbekende gemeente 'Atlantis'",
        ),
        (("add", "--subject", "x", "--rol", "projectleider"), "precies één kern"),
        (("add", "--subject", "x", "--rol", "koning"), "Onbekende rol 'koning'"),
        (("remove", "--subject", "niemand"), "Er is geen gebruiker"),
        (("change", "--subject", "niemand", "--rol", "evaluator"), "Er is geen gebruiker"),
        (("remove", "--subject", "a1"), "is de laatste beheerder"),
    ],
)
def test_cli_users_bad_input_exits_2_in_dutch(
    cli_db: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert (
        users_cli(
            capsys, "add", "--db", str(cli_db), "--issuer", ISS, "--subject", "a1", "--rol", "beheerder"
        )[0]
        == 0
    )
    code, out, err = users_cli(capsys, args[0], "--db", str(cli_db), "--issuer", ISS, *args[1:])
    assert code == 2 and out == ""
    assert err.startswith("Fout: ") and message in err and "Er is niets gewijzigd." in err
    with duckdb.connect(str(cli_db)) as conn:
        assert [r[:2] for r in stored(conn)] == [("a1", "beheerder")]


def test_cli_users_needs_an_action_and_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["users"])
    assert caught.value.code == 2 and "Fout: ongeldige invoer" in capsys.readouterr().err
    code, _, err = users_cli(capsys, "list", "--db", str(tmp_path / "nergens.duckdb"))
    assert code == 2 and "bestaat niet" in err


def test_cli_users_while_the_app_holds_the_database(cli_db: Path, tmp_path: Path) -> None:
    """Writing is refused in Dutch (DuckDB allows one writing process); listing reads a copy."""
    assert run_cli("users", "add", "--db", str(cli_db), "--issuer", ISS, "--subject", "a1", "--rol", "beheerder",
                   cwd=tmp_path).returncode == 0  # fmt: skip
    hold = (
        f"import duckdb, time; c = duckdb.connect({str(cli_db)!r}); print('open', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", hold], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        added = run_cli("users", "add", "--db", str(cli_db), "--issuer", ISS, "--subject", "e1", "--rol",
                        "evaluator", cwd=tmp_path)  # fmt: skip
        assert added.returncode == 2 and "in gebruik" in added.stderr and "Traceback" not in added.stderr
        listed = run_cli("users", "list", "--db", str(cli_db), cwd=tmp_path)
        assert listed.returncode == 0 and "gelezen uit een kopie" in listed.stderr
        assert "subject a1" in listed.stdout and "e1" not in listed.stdout
    finally:
        holder.kill()
        holder.wait()
