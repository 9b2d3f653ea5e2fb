"""The CLI's subcommands and exit codes (0 ok, 2 bad input in Dutch, 1 unexpected)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sv_analytics import cli, db
from tests.hostile import run_cli


def test_help_lists_the_subcommands(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("demo", "init", "info"):
        assert command in result.stdout


def test_demo_twice_gives_identical_content(demo_db: Path, tmp_path: Path) -> None:
    """The CLI's demo equals the session's (built the same way, in this process)."""
    result = run_cli("demo", "--db", "b.duckdb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "fictief" in result.stdout
    with (
        duckdb.connect(str(demo_db), read_only=True) as a,
        duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True) as b,
    ):
        assert db.content_hashes(a) == db.content_hashes(b)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("demo", "--db", "x.duckdb", "--seed", "abc"), "geheel getal"),
        (("demo", "--db", "x.duckdb", "--seed", "-3"), "0 of groter"),
        (("demo",), "ongeldige invoer"),
        (("bestaat-niet",), "ongeldige invoer"),
        (("info", "--db", "ontbreekt.duckdb"), "bestaat niet"),
        (("demo", "--db", "geen/map/x.duckdb"), "bestaat niet"),
    ],
)
def test_bad_input_exits_2_with_a_dutch_message(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_refuses_to_overwrite_and_force_replaces(tmp_path: Path) -> None:
    assert run_cli("demo", "--db", "a.duckdb", cwd=tmp_path).returncode == 0
    refused = run_cli("demo", "--db", "a.duckdb", cwd=tmp_path)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert run_cli("demo", "--db", "a.duckdb", "--force", "--seed", "3", cwd=tmp_path).returncode == 0


def test_info_on_a_file_that_is_not_a_database_exits_2(tmp_path: Path) -> None:
    (tmp_path / "tekst.duckdb").write_text("geen database\n" * 50)
    result = run_cli("info", "--db", "tekst.duckdb", cwd=tmp_path)
    assert result.returncode == 2
    assert "geen DuckDB-database" in result.stderr


def test_init_then_info_json(tmp_path: Path) -> None:
    assert run_cli("init", "--db", "leeg.duckdb", cwd=tmp_path).returncode == 0
    result = run_cli("info", "--db", "leeg.duckdb", "--json", cwd=tmp_path)
    assert result.returncode == 0
    info = json.loads(result.stdout)
    assert info["demo"] is False
    assert info["rows"]["kern"] == 22
    assert info["rows"]["participation"] == 0
    assert info["schema_version"] == db.SCHEMA_VERSION


def test_unexpected_error_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("onverwacht")

    monkeypatch.setattr(cli.demo, "create_demo_database", boom)
    assert cli.main(["demo", "--db", str(tmp_path / "x.duckdb")]) == 1
    assert "Onverwachte fout" in capsys.readouterr().err


def test_demo_force_refuses_a_database_another_process_holds_open(tmp_path: Path) -> None:
    assert run_cli("demo", "--db", "open.duckdb", cwd=tmp_path).returncode == 0
    hold = "import duckdb, time; c = duckdb.connect('open.duckdb'); print('open', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = (tmp_path / "open.duckdb").stat().st_ino
        result = run_cli("demo", "--db", "open.duckdb", "--force", cwd=tmp_path)
        assert result.returncode == 2
        assert "in gebruik" in result.stderr
        assert (tmp_path / "open.duckdb").stat().st_ino == before
    finally:
        holder.kill()
        holder.wait()


def test_demo_with_real_reference_context(reference_db: Path, tmp_path: Path) -> None:
    """Built twice (here, and once per session by the CLI in this process): the same content."""
    from tests.conftest import SHARED_REFERENCE

    result = run_cli("demo", "--db", "r1.duckdb", "--reference", str(SHARED_REFERENCE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "monitoringcijfers zijn fictief" in result.stdout
    assert "rivm-gezondheid-wijkbuurt-2016-11gem.csv" in result.stdout
    with (
        duckdb.connect(str(tmp_path / "r1.duckdb"), read_only=True) as a,
        duckdb.connect(str(reference_db), read_only=True) as b,
    ):
        assert db.content_hashes(a) == db.content_hashes(b)
        kinds = {
            r[0]: r[1]
            for r in a.execute("SELECT kind, bool_or(is_demo) FROM dataset GROUP BY kind").fetchall()
        }
        assert kinds["demo"] is True and kinds["rivm"] is False and kinds["pdok"] is False
        fictional = a.execute(
            "SELECT DISTINCT indicator FROM statistic WHERE source = 'Demo (fictief)'"
        ).fetchall()
        assert fictional == [("statushouders",)]
        # Bathmen's wijk WK015015, weekly sporters 18+ = 55.1 in the RIVM file
        assert a.execute(
            "SELECT value FROM statistic WHERE region_code = 'WK015015' AND indicator = 'wekelijks_sporter_pct' "
            "AND age_group = '18+' AND year = 2016"
        ).fetchone() == (55.1,)
        assert a.execute("SELECT count(*) FROM geometry WHERE source = 'Demo (fictief)'").fetchone()[0] == 0
        assert a.execute("SELECT count(*) FROM geometry WHERE region_level = 'kern'").fetchone()[0] > 10
        assert db.has_demo_content(a)


def test_import_routes_public_files_and_reports_unchanged(tmp_path: Path) -> None:
    from tests.conftest import SHARED_REFERENCE

    source = SHARED_REFERENCE / "kwb-gemeenten-overijssel-2017-2018-pdok.csv"
    if not source.exists():
        pytest.fail(f"{source} ontbreekt")
    assert run_cli("demo", "--db", "p.duckdb", cwd=tmp_path).returncode == 0
    first = run_cli("import", str(source), "--db", "p.duckdb", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["status"] == "ingelezen"
    again = run_cli("import", str(source), "--db", "p.duckdb", "--json", cwd=tmp_path)
    assert json.loads(again.stdout)["status"] == "ongewijzigd"
    (tmp_path / "kapot.csv").write_text("gemeentecode;iets\nGM0150;twee\n", encoding="utf-8")
    bad = run_cli("import", "kapot.csv", "--db", "p.duckdb", cwd=tmp_path)
    assert bad.returncode == 2
    assert "Afgewezen" in bad.stderr


def test_fetch_public_offline_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sv_analytics.ingest.public import fetch

    assert cli.main(["demo", "--db", str(tmp_path / "f.duckdb")]) == 0
    with duckdb.connect(str(tmp_path / "f.duckdb")) as conn:
        before = db.content_hashes(conn)
    unreachable = "http://127.0.0.1:9"  # discard port: nothing listens
    defaults = list(fetch.fetch_public.__kwdefaults__.items())
    monkeypatch.setattr(
        fetch.fetch_public, "__kwdefaults__",
        {**dict(defaults), "cbs_base": unreachable, "rivm_base": unreachable, "pdok_base": unreachable},
    )  # fmt: skip
    downloads = tmp_path / "downloads"
    assert (
        cli.main(
            ["fetch-public", "--year", "2017", "--db", str(tmp_path / "f.duckdb"), "--dest", str(downloads)]
        )
        == 2
    )
    assert "offline" in capsys.readouterr().err
    assert not downloads.exists()
    with duckdb.connect(str(tmp_path / "f.duckdb")) as conn:
        assert db.content_hashes(conn) == before
