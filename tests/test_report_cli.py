"""``python -m sv_analytics report``: one report by kern (id or name), gemeente (code or name)
or the programme, the format from ``--out``'s suffix or ``--format``, byte-identical files with
``--tijdstip``, Dutch refusals, ``--alle`` into a folder, and a read-only database file."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from sv_analytics import cli
from sv_analytics.report import build
from tests.conftest import sql
from tests.hostile import run_cli

TIJDSTIP = "2019-01-15T10:30"
STEM = "eindrapportage-2018"  # the default moment's label as a file name


@pytest.fixture(scope="module")
def db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo database for the module (the CLI opens it read-only)."""
    copy = tmp_path_factory.mktemp("report_cli") / "demo.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


@pytest.fixture(scope="module")
def read_only_db(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("report_cli_ro") / "alleen-lezen.duckdb"
    shutil.copyfile(db, copy)
    copy.chmod(0o444)
    return copy


def report(db: Path, out: Path, *args: str) -> int:
    return cli.main(["report", "--db", str(db), "--out", str(out), "--tijdstip", TIJDSTIP, *args])


def is_pdf(path: Path) -> bool:
    return path.read_bytes().startswith(b"%PDF-")


def is_pptx(path: Path) -> bool:
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return False
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "ppt/presentation.xml" in package.namelist()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------ one report
@pytest.mark.parametrize(
    ("args", "suffix", "stem"),
    [
        (("--kern", "Bathmen"), ".pdf", f"{STEM}-kern-bathmen"),
        (("--kern", "bathmen"), ".pptx", f"{STEM}-kern-bathmen"),
        (("--gemeente", "Deventer"), ".pptx", f"{STEM}-gemeente-deventer"),
        (("--gemeente", "GM0150"), ".pdf", f"{STEM}-gemeente-deventer"),
        (("--programma",), ".pdf", f"{STEM}-programma"),
    ],
)
def test_one_report_by_id_or_name_in_the_format_of_the_suffix(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    suffix: str,
    stem: str,
) -> None:
    out = tmp_path / f"rapport{suffix}"
    assert report(db, out, *args) == 0
    assert (is_pdf if suffix == ".pdf" else is_pptx)(out)
    printed = capsys.readouterr().out
    assert f"Geschreven: {out}" in printed and "fictief" in printed
    # into a folder: the file gets the report's own name
    folder = tmp_path / "map"
    assert report(db, folder, *args, "--format", suffix.lstrip(".")) == 0
    assert [p.name for p in folder.iterdir()] == [f"{stem}{suffix}"]
    assert digest(folder / f"{stem}{suffix}") == digest(out)


def test_format_overrides_the_suffix_and_no_format_is_refused(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "bathmen.bestand"
    assert report(db, out, "--kern", "bathmen", "--format", "pptx") == 0
    assert is_pptx(out) and not is_pdf(out)
    assert report(db, tmp_path / "zonder", "--kern", "bathmen") == 2
    assert "--format" in capsys.readouterr().err
    assert report(db, tmp_path / "x.pdf", "--kern", "bathmen", "--format", "pdf", "--format", "pptx") == 2
    assert "één --format" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_same_tijdstip_twice_gives_identical_bytes(db: Path, tmp_path: Path) -> None:
    for fmt in ("pdf", "pptx"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert report(db, first, "--kern", "Bathmen") == 0
        assert report(db, second, "--kern", "Bathmen") == 0
        assert first.read_bytes() == second.read_bytes()
    # another time on the cover is another file
    other = tmp_path / "c.pdf"
    assert cli.main(["report", "--db", str(db), "--out", str(other), "--kern", "Bathmen",
                     "--tijdstip", "2019-02-01T09:00"]) == 0  # fmt: skip
    assert other.read_bytes() != (tmp_path / "a.pdf").read_bytes()


@pytest.mark.parametrize(
    ("args", "what"),
    [(("--kern", "Atlantis"), "kern"), (("--gemeente", "GM9999"), "gemeente")],
)
def test_an_unknown_place_exits_2_with_the_options_in_dutch(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], what: str
) -> None:
    out = tmp_path / "rapport.pdf"
    assert report(db, out, *args) == 2
    err = capsys.readouterr().err
    assert f"onbekende {what} '{args[1]}'" in err and "Kies uit:" in err
    assert "Traceback" not in err
    table = "kern" if what == "kern" else "gemeente WHERE gemeente_code IN (SELECT gemeente_code FROM kern)"
    names = sql(db, f"SELECT name FROM {table}")["name"].tolist()
    assert names and all(name in err for name in names)
    assert not out.exists()


def test_a_read_only_database_file_works_and_stays_as_it_was(read_only_db: Path, tmp_path: Path) -> None:
    before = digest(read_only_db)
    out = tmp_path / "rapport.pdf"
    assert report(read_only_db, out, "--kern", "Bathmen") == 0
    assert is_pdf(out)
    assert digest(read_only_db) == before
    assert stat.S_IMODE(read_only_db.stat().st_mode) == 0o444


# ------------------------------------------------------------------------------ --alle
def test_alle_writes_every_report_in_a_folder_with_progress(read_only_db: Path, tmp_path: Path) -> None:
    """Every kern, every gemeente with kernen and the programme, by two worker processes, from a
    read-only file; names as ``run.file_name``; progress on stderr; no partial files left.

    In a process of its own, as a user runs it: ``run.write_all`` forks its workers, and a
    worker forked from a process that has used vl-convert before (this test session has) hangs
    in vl-convert (reported to the lead)."""
    kernen = sql(read_only_db, "SELECT name FROM kern")["name"].tolist()
    gemeenten = sql(
        read_only_db, "SELECT name FROM gemeente WHERE gemeente_code IN (SELECT gemeente_code FROM kern)"
    )["name"].tolist()
    total = len(kernen) + len(gemeenten) + 1
    assert total == 34
    out = tmp_path / "alle"
    result = run_cli("report", "--db", str(read_only_db), "--out", str(out), "--tijdstip", TIJDSTIP,
                     "--alle", "--format", "pptx", "--processen", "2", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = {
        *(f"{STEM}-kern-{build._slug(name)}.pptx" for name in kernen),
        *(f"{STEM}-gemeente-{build._slug(name)}.pptx" for name in gemeenten),
        f"{STEM}-programma.pptx",
    }
    assert len(expected) == total
    written = sorted(out.iterdir())
    assert {p.name for p in written} == expected  # nothing else: no .part files
    assert all(is_pptx(p) for p in written)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len([line for line in lines if re.search(rf"\] \d+/{total} ", line)]) == total
    assert any(f"{total}/{total}" in line for line in lines)
    assert f"{total} bestanden geschreven in {out}" in result.stdout


@pytest.mark.timeout(180)
def test_the_workers_of_alle_start_fresh_even_after_this_process_rendered(db: Path, tmp_path: Path) -> None:
    """A worker *forked* from a process that had used vl-convert hung inside vl-convert (a pytest
    session, the app): ``run.write_all`` starts its workers from a fork server instead."""
    from datetime import datetime

    import vl_convert

    from sv_analytics.report import run

    spec = {
        "data": {"values": [{"a": 1}]},
        "mark": "point",
        "encoding": {"x": {"field": "a", "type": "quantitative"}},
    }
    assert vl_convert.vegalite_to_png(spec).startswith(b"\x89PNG")  # vl-convert's engine runs here now
    requests = [build.Request("kern", "bathmen"), build.Request("gemeente", "GM0150")]
    written = list(
        run.write_all(db, requests, ["pptx"], tmp_path, generated_at=datetime(2018, 12, 31), workers=2)
    )
    assert sorted(w.path.name for w in written) == [
        f"{STEM}-gemeente-deventer.pptx", f"{STEM}-kern-bathmen.pptx",
    ]  # fmt: skip
    assert all(zipfile.is_zipfile(w.path) and w.size == w.path.stat().st_size for w in written)
