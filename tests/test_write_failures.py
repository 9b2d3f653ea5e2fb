"""Concurrent and failing writes end in Dutch, with nothing half-done.

Every failure here is produced for real, not mocked: a write-write conflict between two
cursors of one DuckDB connection (what two app sessions have), a full tmpfs, a read-only
connection, file, folder and file system, a file another process holds for writing, and
damaged files. Each must give a Dutch message that says nothing was saved (or why the file
cannot be opened) and what to do, without DuckDB's English text or a server path, and must
leave the database as it was. Only the tests of ``cli.main``'s last line of defence raise
DuckDB exceptions by hand, with the texts DuckDB gave in the real cases.

Several tests need root (mount, setuid to ``nobody``); CI runs the tests as root. Where
that is not possible they say so and use the fallback their docstring names.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from sv_analytics import cli, db, texts
from sv_analytics.errors import DatabaseError
from tests.conftest import PROJECT
from tests.hostile import child_env, run_cli

#: Fragments of DuckDB's English messages that must never reach a user.
ENGLISH = (
    "Error",
    "Conflict",
    "TransactionContext",
    "No space",
    "File too large",
    "read-only mode",
    "Permission denied",
    "Read-only file system",
    "not a valid",
    "checksum",
    "Could not",
    "Cannot",
)
NOTHING_SAVED = "Er is niets opgeslagen."
CONFLICT = "Iemand anders sloeg tegelijk gegevens op; probeer het opnieuw."
DISK_FULL = "De schijf is vol"
READ_ONLY = "De database is alleen-lezen"
IS_ROOT = os.geteuid() == 0
NOBODY = 65534


def assert_plain_dutch(message: str, *, folder: Path | None = None) -> None:
    """No English DuckDB text and no server path in ``message``."""
    assert not [word for word in ENGLISH if word in message], message
    if folder is not None:
        assert str(folder) not in message, message


def add_dataset(cur: duckdb.DuckDBPyConnection, dataset_id: str) -> None:
    cur.execute(
        "INSERT INTO dataset (dataset_id, kind, source, imported_at, is_demo) VALUES (?, 'demo', 'test', now(), true)",
        [dataset_id],
    )


def save_dataset(
    cur: duckdb.DuckDBPyConnection, dataset_id: str, what: str = "Het opslaan", *, also: str | None = None
) -> None:
    """An import in little: a dataset row (and ``also``, one more SQL statement) and the raised
    data version, in one transaction under ``db.writing(what)``."""
    with db.writing(what), db.transaction(cur):
        add_dataset(cur, dataset_id)
        if also is not None:
            cur.execute(also)
        db.bump_data_version(cur)


def dataset_ids(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in conn.cursor().execute("SELECT dataset_id FROM dataset ORDER BY 1").fetchall()]


def python_child(code: str, *args: str, cwd: Path) -> subprocess.Popen[str]:
    """A child Python process running ``code`` (with sv_analytics importable)."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=cwd, env=child_env(), stdout=subprocess.PIPE, text=True
    )


@contextmanager
def holder_process(path: Path, code: str | None = None) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds ``path`` open for writing until the block ends.

    By default it commits one change first (data version 4242) and then only sleeps: that
    change sits in the WAL, not yet in the main file, so a copy without the WAL misses it.
    """
    code = code or (
        "import sys, time, duckdb\n"
        "conn = duckdb.connect(sys.argv[1])\n"
        "conn.execute(\"UPDATE schema_meta SET value = '4242' WHERE key = 'data_version'\")\n"
        "print('open', flush=True)\n"
        "time.sleep(300)\n"
    )
    child = python_child(code, str(path), cwd=path.parent)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        yield child
    finally:
        child.kill()
        child.wait()


@pytest.fixture()
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "kopie.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


@pytest.fixture()
def world_dir() -> Iterator[Path]:
    """A folder under /tmp that user ``nobody`` can enter (pytest's tmp_path is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="sv-rechten-"))
    folder.chmod(0o755)
    yield folder
    for sub in folder.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# conflicts: two write transactions at once in one process
# ---------------------------------------------------------------------------------------


def test_every_failure_kind_has_a_dutch_text() -> None:
    for kind in db.FAILURE_KINDS:
        assert texts.t(f"db.{kind}"), kind


def test_a_conflict_keeps_the_first_write_and_nothing_of_the_second(tmp_path: Path) -> None:
    """Two cursors of one connection, both in a transaction that raises the data version (as
    every import does): DuckDB refuses the second UPDATE of the schema_meta row at once
    ("Conflict on update!", a TransactionException) — not at its COMMIT."""
    path = tmp_path / "conflict.duckdb"
    conn = db.connect(path)
    first, second = conn.cursor(), conn.cursor()
    with db.writing("Het inlezen van het werkboek van Bathmen"), db.transaction(first):
        add_dataset(first, "bathmen")
        with (
            pytest.raises(DatabaseError) as caught,
            db.writing("Het inlezen van het werkboek van Lemelerveld"),
            db.transaction(second),
        ):
            add_dataset(second, "lemelerveld")
            db.bump_data_version(first)
            db.bump_data_version(second)
    message = str(caught.value)
    assert message.startswith("Het inlezen van het werkboek van Lemelerveld is niet gelukt. " + NOTHING_SAVED)
    assert CONFLICT in message
    assert_plain_dutch(message, folder=tmp_path)
    assert isinstance(caught.value.__cause__, duckdb.TransactionException)
    assert "Conflict on update" in str(caught.value.__cause__)
    assert dataset_ids(conn) == ["bathmen"] and db.data_version(conn) == 1
    conn.close()
    with duckdb.connect(str(path), read_only=True) as again:  # what is on disk
        assert dataset_ids(again) == ["bathmen"] and db.data_version(again) == 1
        assert db.integrity_problems(again) == []


def test_a_conflict_after_the_first_committed_is_refused_too(tmp_path: Path) -> None:
    """The second transaction started before the first committed: its snapshot is older, so
    raising the data version afterwards still conflicts (nothing is silently overwritten)."""
    conn = db.connect(tmp_path / "later.duckdb")
    first, second = conn.cursor(), conn.cursor()
    second.execute("BEGIN TRANSACTION")
    add_dataset(second, "tweede")
    with db.writing("Het opslaan van de eerste"), db.transaction(first):
        add_dataset(first, "eerste")
        db.bump_data_version(first)
    with pytest.raises(DatabaseError, match="tegelijk gegevens op") as caught, db.writing("Het opslaan"):
        try:
            db.bump_data_version(second)
        except duckdb.Error:
            second.execute("ROLLBACK")
            raise
    assert_plain_dutch(str(caught.value))
    assert dataset_ids(conn) == ["eerste"] and db.data_version(conn) == 1


def test_a_conflict_at_commit_is_refused_in_dutch(tmp_path: Path) -> None:
    """Both transactions store the same key: DuckDB notices only at the second COMMIT
    ("Failed to commit: PRIMARY KEY or UNIQUE constraint violation", a TransactionException)."""
    conn = db.connect(tmp_path / "commit.duckdb")
    first, second = conn.cursor(), conn.cursor()
    first.execute("BEGIN TRANSACTION")
    add_dataset(first, "zelfde")
    with pytest.raises(DatabaseError) as caught, db.writing("Het opslaan"), db.transaction(second):
        add_dataset(second, "zelfde")
        first.execute("COMMIT")
    assert CONFLICT in str(caught.value) and NOTHING_SAVED in str(caught.value)
    assert "Failed to commit" in str(caught.value.__cause__)
    assert_plain_dutch(str(caught.value))
    assert dataset_ids(conn) == ["zelfde"]
    second.execute("BEGIN TRANSACTION")  # a failed COMMIT ends the transaction: the cursor is usable
    second.execute("ROLLBACK")


def test_two_sessions_saving_at_the_same_moment(tmp_path: Path) -> None:
    """Two threads (two app sessions), each with its own cursor of one connection, both inside
    their transaction before either raises the data version: exactly one write is stored,
    whole; the other gets the Dutch conflict message and left nothing behind."""
    conn = db.connect(tmp_path / "sessies.duckdb")
    both_inside = threading.Barrier(2, timeout=60)
    outcomes: dict[str, BaseException | None] = {}

    def save(kern: str) -> None:
        cur = conn.cursor()
        try:
            with db.writing(f"Het inlezen van {kern}.xlsx"), db.transaction(cur):
                add_dataset(cur, kern)
                cur.execute(
                    "INSERT INTO import_log (action, kern_id, status, logged_at) VALUES ('import', ?, 'ok', now())",
                    [kern],
                )
                both_inside.wait()
                db.bump_data_version(cur)
        except BaseException as exc:
            outcomes[kern] = exc
        else:
            outcomes[kern] = None

    threads = [threading.Thread(target=save, args=(kern,)) for kern in ("bathmen", "lemelerveld")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    failed = {kern: exc for kern, exc in outcomes.items() if exc is not None}
    assert len(outcomes) == 2 and len(failed) == 1, outcomes
    (loser, error), winner = next(iter(failed.items())), next(k for k, e in outcomes.items() if e is None)
    assert isinstance(error, DatabaseError) and CONFLICT in str(error), repr(error)
    assert str(error).startswith(f"Het inlezen van {loser}.xlsx is niet gelukt. {NOTHING_SAVED}")
    assert dataset_ids(conn) == [winner]
    assert conn.execute("SELECT list(kern_id) FROM import_log").fetchone()[0] == [winner]
    assert db.data_version(conn) == 1


# ---------------------------------------------------------------------------------------
# a full disk
# ---------------------------------------------------------------------------------------

#: Two ways a full disk shows: a transaction small enough to stay in memory until COMMIT
#: fails there (TransactionException "Failed to commit: … No space left on device"); a big
#: statement fails while DuckDB already writes its row groups (IOException, optimistic write).
FULL_DISK_CASES = {
    "commit": (
        "SELECT 'import', 'ok', repeat('x', 1000) || range, now() FROM range(20000)",
        duckdb.TransactionException,
    ),
    "statement": (
        "SELECT 'import', 'ok', md5(range::VARCHAR), now() FROM range(2000000)",
        duckdb.IOException,
    ),
}


@contextmanager
def small_disk(folder: Path, size: str = "16m") -> Iterator[bool]:
    """Mount a tmpfs of ``size`` on ``folder`` (root only); yields whether that worked."""
    folder.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )
    try:
        yield mounted
    finally:
        if mounted and subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill_up(folder: Path, leave: int) -> Path:
    """Write a ballast file so that only about ``leave`` bytes stay free."""
    ballast = folder / "ballast"
    with ballast.open("wb") as out:
        out.write(b"\0" * max(shutil.disk_usage(folder).free - leave, 0))
    return ballast


def build_small_database(path: Path) -> tuple[dict[str, str], int]:
    """A database with one stored write; its content hashes and data version."""
    conn = db.connect(path)
    save_dataset(conn, "voor")
    state = db.content_hashes(conn), db.data_version(conn)
    conn.close()
    return state


def old_read_only_database(path: Path) -> Path:
    """A small database one schema version behind, in a read-only (0444) file."""
    build_small_database(path)
    with duckdb.connect(str(path)) as conn:
        conn.execute(
            "UPDATE schema_meta SET value = ? WHERE key = 'schema_version'", [str(db.SCHEMA_VERSION - 1)]
        )
    path.chmod(0o444)
    return path


#: The RLIMIT_FSIZE fallback: the same transaction in a child process whose files may not
#: grow (SIGXFSZ ignored, so the write fails with EFBIG "File too large" instead of a kill).
FSIZE_CHILD = r"""
import json, os, resource, signal, sys
from sv_analytics import db
from sv_analytics.errors import DatabaseError
path, select = sys.argv[1], sys.argv[2]
conn = db.connect(path)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = os.path.getsize(path) + 300_000
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
cur = conn.cursor()
try:
    with db.writing("Het inlezen van groot.xlsx"), db.transaction(cur):
        cur.execute("INSERT INTO dataset (dataset_id, kind, source, imported_at, is_demo) VALUES ('groot', 'demo', 't', now(), true)")
        cur.execute("INSERT INTO import_log (action, status, message, logged_at) " + select)
        db.bump_data_version(cur)
    print(json.dumps({"stored": True}))
except DatabaseError as error:
    print(json.dumps({"message": str(error), "kind": db.failure_kind(error), "cause": type(error.__cause__).__name__}))
"""


@pytest.mark.parametrize("stage", list(FULL_DISK_CASES))
def test_a_full_disk_saves_nothing_and_says_so_in_dutch(tmp_path: Path, stage: str) -> None:
    """A real full disk: a 16 MB tmpfs mounted as root (CI runs as root), nearly filled with a
    ballast file, holding the database; an import-sized transaction then fails.

    Fallback where ``mount`` is not permitted (not root): the transaction runs in a child
    process with RLIMIT_FSIZE set just above the file's size, so the same DuckDB write fails
    with "File too large" (EFBIG) instead of "No space left on device" (ENOSPC).
    """
    select, cause = FULL_DISK_CASES[stage]
    with small_disk(tmp_path / "klein") as mounted:
        folder = tmp_path / "klein"
        path = folder / "vol.duckdb"
        before, version = build_small_database(path)
        if mounted:
            conn = db.connect(path)
            ballast = fill_up(folder, leave=300_000)
            cur = conn.cursor()
            log = "INSERT INTO import_log (action, status, message, logged_at) " + select
            with pytest.raises(DatabaseError) as caught:
                save_dataset(cur, "groot", "Het inlezen van groot.xlsx", also=log)
            message, kind = str(caught.value), db.failure_kind(caught.value)
            assert isinstance(caught.value.__cause__, cause), repr(caught.value.__cause__)
            assert "No space left on device" in str(caught.value.__cause__)
            # the connection lives on, with the old content
            assert db.data_version(conn) == version and dataset_ids(conn) == ["voor"]
            conn.close()
            ballast.unlink()
        else:
            child = python_child(FSIZE_CHILD, str(path), select, cwd=tmp_path)
            out, _ = child.communicate(timeout=300)
            result = json.loads(out)
            message, kind = result["message"], result["kind"]
        assert kind == "disk_full"
        assert message.startswith(f"Het inlezen van groot.xlsx is niet gelukt. {NOTHING_SAVED}")
        assert DISK_FULL in message and "maak ruimte vrij en probeer het opnieuw" in message
        assert_plain_dutch(message, folder=folder)
        # reopened (and with room again): content unchanged, and the database takes writes
        conn = db.connect(path)
        assert db.content_hashes(conn) == before and db.data_version(conn) == version
        save_dataset(conn, "na")
        conn.close()
        with duckdb.connect(str(path), read_only=True) as again:
            assert dataset_ids(again) == ["na", "voor"] and db.data_version(again) == version + 1


# ---------------------------------------------------------------------------------------
# read-only
# ---------------------------------------------------------------------------------------


def test_a_read_only_connection_refuses_a_write_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "lezen.duckdb"
    before, version = build_small_database(path)
    conn = db.connect(path, read_only=True)
    with pytest.raises(DatabaseError) as caught:
        save_dataset(conn, "bathmen", "Het inlezen van bathmen.xlsx")
    assert str(caught.value).startswith(f"Het inlezen van bathmen.xlsx is niet gelukt. {NOTHING_SAVED}")
    assert READ_ONLY in str(caught.value)
    assert isinstance(caught.value.__cause__, duckdb.InvalidInputException)  # "… read-only mode!"
    assert_plain_dutch(str(caught.value), folder=tmp_path)
    assert db.content_hashes(conn) == before and db.data_version(conn) == version


def test_a_chmod_0444_file_is_read_only_and_readable(tmp_path: Path) -> None:
    """As root DuckDB would still write a 0444 file; the app and ``reading`` take the bits as meant."""
    path = tmp_path / "vast.duckdb"
    build_small_database(path)
    path.chmod(0o444)
    assert db.is_read_only_file(path)
    with db.reading(path) as access:
        assert access.copied_at is None and access.notice is None
        assert dataset_ids(access.conn) == ["voor"]
    assert not db.is_read_only_file(tmp_path / "ontbreekt.duckdb")


AS_NOBODY = r"""
import json, os, sys
from sv_analytics import db
from sv_analytics.errors import DatabaseError
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
path = sys.argv[1]
result = {"read_only_file": db.is_read_only_file(path)}
try:
    conn = db.connect(path, create=False, name=os.path.basename(path))
except DatabaseError as error:
    result.update(open_error=str(error), kind=db.failure_kind(error))
else:
    cur = conn.cursor()
    try:
        with db.writing("Het opslaan van het werkboek"), db.transaction(cur):
            db.bump_data_version(cur)
        result["stored"] = True
    except DatabaseError as error:
        result.update(write_error=str(error), kind=db.failure_kind(error), cause=str(error.__cause__))
    conn.close()
with db.reading(path) as access:
    result["readable"] = db.data_version(access.conn)
print(json.dumps(result))
"""


def run_as_nobody(path: Path) -> dict:
    """``AS_NOBODY`` in a child process that drops root before touching the file (without
    root it runs as the current user, for whom the permissions bite as well)."""
    child = python_child(AS_NOBODY, str(path), cwd=path.parent)
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0, out
    return json.loads(out)


def test_a_file_without_write_permission(world_dir: Path) -> None:
    """A 0444 file for a user who really may not write it: DuckDB refuses to open it for
    writing ("Permission denied"); the Dutch message says so, and reading still works."""
    path = world_dir / "r.duckdb"
    build_small_database(path)
    path.chmod(0o444)
    if IS_ROOT:
        os.chown(path, NOBODY, NOBODY)
    result = run_as_nobody(path)
    assert result["read_only_file"] and result["kind"] == "read_only"
    assert "kan niet worden geopend" in result["open_error"] and READ_ONLY in result["open_error"]
    assert_plain_dutch(result["open_error"], folder=world_dir)
    assert result["readable"] == 1


def test_a_folder_without_write_permission_fails_only_at_commit(world_dir: Path) -> None:
    """The file is writable but its folder is not: DuckDB opens it read-write and fails only
    at COMMIT, creating the .wal ("Failed to commit: Cannot open file …wal: Permission
    denied", a TransactionException that must not read as a conflict)."""
    folder = world_dir / "map"
    folder.mkdir()
    path = folder / "r.duckdb"
    build_small_database(path)
    if IS_ROOT:
        os.chown(path, NOBODY, NOBODY)
    folder.chmod(0o555)
    result = run_as_nobody(path)
    assert result["read_only_file"]  # so the app opens it read-only from the start
    assert "Failed to commit" in result["cause"] and ".wal" in result["cause"]
    assert result["kind"] == "read_only"
    assert result["write_error"].startswith(f"Het opslaan van het werkboek is niet gelukt. {NOTHING_SAVED}")
    assert READ_ONLY in result["write_error"] and CONFLICT not in result["write_error"]
    assert_plain_dutch(result["write_error"], folder=world_dir)


def test_a_read_only_file_system(tmp_path: Path) -> None:
    """A read-only bind mount (root): opening for writing fails ("Read-only file system")
    in Dutch; ``is_read_only_file`` sees it, so the app and ``reading`` open it read-only."""
    source, mount_point = tmp_path / "bron", tmp_path / "ro"
    source.mkdir()
    mount_point.mkdir()
    build_small_database(source / "r.duckdb")
    mounted = subprocess.run(
        ["mount", "--bind", str(source), str(mount_point)], capture_output=True, text=True
    )
    # ./run-tests runs as root (it installs Debian packages); a mount that fails is a failure
    assert mounted.returncode == 0, f"mount --bind failed (run the tests as root): {mounted.stderr}"
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mount_point)], check=True, capture_output=True)
        path = mount_point / "r.duckdb"
        assert db.is_read_only_file(path)
        with pytest.raises(DatabaseError) as caught:
            db.connect(path, name="r.duckdb")
        assert db.failure_kind(caught.value) == "read_only" and READ_ONLY in str(caught.value)
        assert_plain_dutch(str(caught.value), folder=tmp_path)
        with db.reading(path) as access:
            assert dataset_ids(access.conn) == ["voor"]
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)


def test_a_read_only_database_with_an_older_schema_is_refused_clearly(tmp_path: Path) -> None:
    """Migrating needs writing: read-only, the user reads what to do instead of DuckDB's
    "read-only mode" error. Nothing is changed."""
    path = old_read_only_database(tmp_path / "oud.duckdb")
    with pytest.raises(DatabaseError) as caught:
        db.connect(path, read_only=True, name="oud.duckdb")
    message = str(caught.value)
    assert f"schemaversie {db.SCHEMA_VERSION - 1}" in message and "alleen worden gelezen" in message
    assert "er is niets gewijzigd" in message
    assert_plain_dutch(message, folder=tmp_path)
    with pytest.raises(DatabaseError, match="alleen worden gelezen"), db.reading(path):
        pass  # `info` and `template` on it: the same message
    with duckdb.connect(str(path), read_only=True) as conn:
        assert db.schema_version(conn) == db.SCHEMA_VERSION - 1


# ---------------------------------------------------------------------------------------
# damaged files
# ---------------------------------------------------------------------------------------


def damage(data: bytes, how: str) -> bytes:
    middle = len(data) // 2
    return {
        "garbage": bytes(range(256)) * 400,
        "empty": b"",
        "truncated_header": data[:8192],
        "truncated_half": data[:middle],
        "flipped_header": data[:4096] + bytes(b ^ 0xFF for b in data[4096:4200]) + data[4200:],
    }[how]


@pytest.mark.parametrize("how", ["garbage", "empty", "truncated_header", "truncated_half", "flipped_header"])
def test_a_damaged_file_gives_a_dutch_message_from_connect(demo_copy: Path, how: str) -> None:
    """Garbage or an empty file ("not a valid DuckDB database file"), a truncated file ("Could
    not read enough bytes"), a damaged header block ("Corrupt database file: computed
    checksum …"): connect refuses each in Dutch, with the advice to restore a backup."""
    demo_copy.write_bytes(damage(demo_copy.read_bytes(), how))
    with pytest.raises(DatabaseError) as caught:
        db.connect(demo_copy, name=demo_copy.name)
    message = str(caught.value)
    assert message.startswith("Database 'kopie.duckdb' kan niet worden geopend.")
    assert "reservekopie terug" in message
    assert ("beschadigd" in message) and db.failure_kind(caught.value) in ("corrupt", "not_duckdb")
    assert_plain_dutch(message, folder=demo_copy.parent)


def test_a_damaged_data_block_is_found_when_read_and_named_in_dutch(demo_copy: Path) -> None:
    """Zeros in the middle of the file pass the opening (the header is intact): DuckDB finds
    the damage only when it reads the block ("computed checksum … does not match"). The
    same classification then names it, e.g. for the CLI's last line of defence."""
    data = bytearray(demo_copy.read_bytes())
    start = len(data) // 3
    data[start : start + 1_000_000] = bytes(1_000_000)
    demo_copy.write_bytes(bytes(data))
    conn = db.connect(demo_copy, read_only=True)
    with pytest.raises(duckdb.Error) as caught:
        db.content_hashes(conn)
    assert db.failure_kind(caught.value) == "corrupt"
    error = db.write_error(caught.value, "Het lezen")
    assert error is not None and "beschadigd" in str(error) and "reservekopie" in str(error)


# ---------------------------------------------------------------------------------------
# another process holds the file: read-only commands read a copy
# ---------------------------------------------------------------------------------------


def test_duckdb_refuses_every_other_process_while_one_writes(demo_copy: Path) -> None:
    """The finding behind the copy: a writing process holds an exclusive lock, so another
    process cannot even open the file read-only (several read-only processes may share it)."""
    with holder_process(demo_copy), pytest.raises(duckdb.IOException, match="Could not set lock"):
        duckdb.connect(str(demo_copy), read_only=True)
    with pytest.raises(DatabaseError) as caught, holder_process(demo_copy):
        db.connect(demo_copy, read_only=True, name=demo_copy.name)
    assert db.failure_kind(caught.value) == "locked" and "in gebruik" in str(caught.value)
    assert_plain_dutch(str(caught.value), folder=demo_copy.parent)


def test_info_and_template_work_while_another_process_writes(demo_copy: Path, tmp_path: Path) -> None:
    """Real CLI processes beside a process that holds the file for writing: ``info`` and
    ``template`` read a copy of the file *and its WAL* (the holder's last change is only in
    the WAL) and say so on stderr; a writing command is refused in Dutch."""
    name = demo_copy.name
    with holder_process(demo_copy):
        info = run_cli("info", "--db", name, "--json", cwd=tmp_path)
        assert info.returncode == 0, info.stderr
        result = json.loads(info.stdout)
        assert result["data_version"] == 4242  # the change in the WAL was read
        assert result["snapshot_taken_at"] is not None
        assert "De database is in gebruik door een ander proces; gelezen uit een kopie van" in info.stderr
        made = run_cli("template", "--kern", "bathmen", "--out", "bathmen.xlsx", "--db", name, cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        assert "gelezen uit een kopie van" in made.stderr
        assert (tmp_path / "bathmen.xlsx").read_bytes()[:2] == b"PK"
        refused = run_cli("init", "--db", name, cwd=tmp_path)
        assert refused.returncode == 2 and "in gebruik" in refused.stderr
        assert "Traceback" not in refused.stderr and str(tmp_path) not in refused.stderr
    assert not list(Path(tempfile.gettempdir()).glob("sv-kopie-*/kopie.duckdb"))  # copies removed
    with duckdb.connect(str(demo_copy), read_only=True) as conn:
        assert db.data_version(conn) == 4242  # the original is the holder's, untouched by the copy


def test_info_and_template_work_on_a_chmod_0444_file(demo_copy: Path, tmp_path: Path) -> None:
    demo_copy.chmod(0o444)
    info = run_cli("info", "--db", demo_copy.name, cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert "kopie" not in info.stderr
    made = run_cli("template", "--kern", "bathmen", "--out", "b.xlsx", "--db", demo_copy.name, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "b.xlsx").exists()


BUSY_WRITER = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print('open', flush=True)
while True:
    conn.execute("BEGIN TRANSACTION")
    conn.execute("INSERT INTO import_log (action, status, logged_at) VALUES ('probe', 'ok', now())")
    conn.execute("UPDATE schema_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'")
    conn.execute("COMMIT")
    time.sleep(0.02)
"""


def test_a_copy_of_a_busy_database_is_consistent(tmp_path: Path) -> None:
    """While another process commits 50 times a second, each copy that is read holds whole
    transactions only: every probe row has its data version step. (A copy during which a
    file changed is made again; one that still fails says so in Dutch, it is never read.)"""
    path = tmp_path / "druk.duckdb"
    build_small_database(path)
    with duckdb.connect(str(path), read_only=True) as conn:
        base = db.data_version(conn)
    read = 0
    with holder_process(path, BUSY_WRITER):
        for _ in range(5):
            try:
                with db.reading(path) as access:
                    probes = access.conn.execute(
                        "SELECT count(*) FROM import_log WHERE action = 'probe'"
                    ).fetchone()[0]
                    assert db.data_version(access.conn) - base == probes
                    assert access.notice is not None
                    read += 1
            except DatabaseError as error:
                assert "in gebruik door een ander proces" in str(error)
                assert_plain_dutch(str(error), folder=tmp_path)
    assert read >= 1


def test_reading_shares_this_processs_own_write_connection(tmp_path: Path) -> None:
    """In one process DuckDB refuses a read-only connection beside a read-write one ("different
    configuration"); ``reading`` then reads through the open instance instead."""
    path = tmp_path / "zelf.duckdb"
    build_small_database(path)
    writer = db.connect(path)
    with pytest.raises(duckdb.ConnectionException, match="different configuration"):
        duckdb.connect(str(path), read_only=True)
    with db.reading(path) as access:
        assert dataset_ids(access.conn) == ["voor"] and access.copied_at is None
    writer.close()


# ---------------------------------------------------------------------------------------
# the CLI's last line of defence (texts as DuckDB gave them in the cases above)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "expected", "code"),
    [
        (
            duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Could not write file "/srv/sv/var/a.duckdb.wal": '
                "No space left on device"
            ),
            DISK_FULL,
            2,
        ),
        (duckdb.TransactionException("TransactionContext Error: Conflict on update!"), CONFLICT, 2),
        (
            duckdb.InvalidInputException(
                'Invalid Input Error: Cannot execute statement of type "UPDATE" on database "a" which is '
                "attached in read-only mode!"
            ),
            READ_ONLY,
            2,
        ),
        (
            duckdb.Error(
                "Corrupt database file: computed checksum 5381 does not match stored checksum 0 in block at location 7090176"
            ),
            "beschadigd",
            2,
        ),
        (
            duckdb.BinderException('Binder Error: Referenced column "x" not found in FROM clause!'),
            "Onverwachte fout in de database (BinderException)",
            1,
        ),
    ],
)
def test_cli_main_turns_duckdb_errors_into_dutch(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: duckdb.Error,
    expected: str,
    code: int,
) -> None:
    def fail(_args: object) -> int:
        raise error

    monkeypatch.setattr(cli, "cmd_info", fail)
    assert cli.main(["info", "--db", "x.duckdb"]) == code
    err = capsys.readouterr().err
    assert expected in err
    assert "/srv" not in err and "Traceback" not in err
    assert_plain_dutch(err)


def test_cli_main_reports_a_bug_without_server_paths(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(_args: object) -> int:
        raise FileNotFoundError(2, "No such file or directory", "/srv/sv-analytics/var/tmp/x.xlsx")

    monkeypatch.setattr(cli, "cmd_info", fail)
    assert cli.main(["info", "--db", "x.duckdb"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Onverwachte fout (FileNotFoundError)") and "x.xlsx" in err
    assert "/srv" not in err
    assert (
        db.public_text("zie https://duckdb.org/docs/x en /tmp/a/b.duckdb")
        == "zie https://duckdb.org/docs/x en b.duckdb"
    )


# ---------------------------------------------------------------------------------------
# the app
# ---------------------------------------------------------------------------------------


def app_test():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=120)
    at.run()
    return at


@pytest.mark.parametrize("why", ["SV_READ_ONLY", "chmod"])
def test_the_app_opens_a_read_only_database_and_says_uploads_are_off(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    from sv_analytics import config
    from sv_analytics.ui import state

    path = tmp_path / f"{why.lower()}.duckdb"
    shutil.copyfile(demo_db, path)
    if why == "chmod":
        path.chmod(0o444)
    else:
        monkeypatch.setenv(state.ENV_READ_ONLY, "1")
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    before = path.stat().st_mtime_ns
    at = app_test()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Alleen-lezen" in info.value and "uploads staan uit" in info.value for info in at.sidebar.info)
    assert not at.error
    assert path.stat().st_mtime_ns == before and not path.with_name(path.name + ".wal").exists()


def test_the_app_on_a_read_only_database_with_an_older_schema_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sv_analytics import config

    path = old_read_only_database(tmp_path / "oud.duckdb")
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    at = app_test()
    assert not at.exception, [e.message for e in at.exception]
    message = at.error[0].value
    assert "schemaversie" in message and "alleen worden gelezen" in message
    assert str(tmp_path) not in message
    assert_plain_dutch(message)
