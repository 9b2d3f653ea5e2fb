"""Project rules that keep the code base honest: layers, one catalogue, documentation."""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess

import duckdb
import pytest

from sv_analytics import config, db, indicators, texts
from tests.conftest import PROJECT, SHARED_REFERENCE

PY_FILES = sorted(p for p in PROJECT.rglob("*.py") if ".venv" not in p.parts and "artifacts" not in p.parts)
UI_FILES = [PROJECT / "app.py", *sorted((PROJECT / "app_pages").glob("*.py")),
            *sorted((PROJECT / "sv_analytics" / "ui").glob("*.py"))]  # fmt: skip


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_layer_imports_streamlit() -> None:
    offenders = [
        p.relative_to(PROJECT)
        for p in (PROJECT / "sv_analytics").rglob("*.py")
        if "ui" not in p.relative_to(PROJECT / "sv_analytics").parts[:1]
        and "streamlit" in imported_modules(p)
    ]
    assert offenders == []


def test_pages_write_no_sql() -> None:
    for path in [PROJECT / "app.py", *(PROJECT / "app_pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s", source), path
        assert "duckdb" not in imported_modules(path), path


def test_every_text_key_used_exists() -> None:
    pattern = re.compile(r"\bt\(\s*f?[\"']([a-z_]+\.[a-z_{}]+)[\"']")
    used = set()
    for path in [*UI_FILES, *(PROJECT / "sv_analytics").rglob("*.py")]:
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    concrete = {k for k in used if "{" not in k}
    assert concrete, "geen tekstsleutels gevonden: het patroon klopt niet meer"
    assert concrete - set(texts.TEXTS) == set()


def test_environment_variables_are_documented() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    names = [v for k, v in vars(config).items() if k.startswith("ENV_")]
    assert names
    for name in names:
        assert f"`{name}`" in readme, name


def test_readme_has_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "./run-app" in readme and "./run-tests" in readme
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run-tests" in ci


def test_every_table_is_documented_in_the_readme(tmp_path) -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    conn = db.connect(tmp_path / "doc.duckdb")
    tables = db.table_names(conn)
    shadows = [t for t in tables if t.startswith(db.REVISION_PREFIX)]
    missing = [t for t in tables if t not in shadows and f"`{t}`" not in readme]
    assert missing == []
    # the shadows are documented as one group and each belongs to a content table
    assert f"`{db.REVISION_PREFIX}<table>`" in readme
    assert shadows and all(t.removeprefix(db.REVISION_PREFIX) in tables for t in shadows)


def test_every_planted_pattern_is_documented_and_tested() -> None:
    documented = set(re.findall(r"`(test_[a-z0-9_]+)`", (PROJECT / "data" / "README.md").read_text()))
    source = (PROJECT / "tests" / "test_demo_patterns.py").read_text(encoding="utf-8")
    tested = set(re.findall(r"^def (test_[a-z0-9_]+)", source, re.MULTILINE))
    assert documented == tested


def test_every_page_element_named_for_a_pattern_has_its_test() -> None:
    """data/README.md ties each planted pattern to a page element and a test: those tests exist."""
    readme = (PROJECT / "data" / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"(tests/[a-z0-9_/]+\.py)::(test_[a-z0-9_]+)", readme)
    assert len(named) >= 10
    for path, name in named:
        source = (PROJECT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{path}::{name} bestaat niet"


def test_indicator_definitions_are_complete() -> None:
    for indicator in indicators.REGISTRY.values():
        for field in ("name", "definition", "formula", "unit", "source"):
            assert getattr(indicator, field).strip(), (indicator.code, field)
    assert set(indicators.HEADLINE) <= set(indicators.REGISTRY)


def test_targets_refer_to_registered_indicators(demo_db) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        codes = {r[0] for r in conn.execute("SELECT DISTINCT indicator_code FROM target").fetchall()}
    assert codes and codes <= set(indicators.REGISTRY)


def test_no_reference_file_is_copied_into_the_project() -> None:
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"{SHARED_REFERENCE} ontbreekt")
    reference = {
        hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in SHARED_REFERENCE.iterdir() if p.is_file()
    }
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout
    copies = [
        (name, reference[digest])
        for name in tracked.splitlines()
        if (PROJECT / name).is_file()
        and (digest := hashlib.sha256((PROJECT / name).read_bytes()).hexdigest()) in reference
    ]
    assert copies == []


def test_there_is_no_legacy_pages_folder() -> None:
    """A folder named pages/ makes Streamlit bypass app.py on a first deep link (see README)."""
    assert not (PROJECT / "pages").exists()


def test_no_sentence_is_defined_twice_in_the_text_catalogue() -> None:
    """Short labels may repeat (a column and an axis both say "Kern"); sentences must not."""
    by_text: dict[str, list[str]] = {}
    for key, text in texts.TEXTS.items():
        if len(text) > 30:
            by_text.setdefault(text.strip().lower(), []).append(key)
    assert [keys for keys in by_text.values() if len(keys) > 1] == []


def test_no_two_indicators_share_a_name() -> None:
    """Two codes with one name would be the same figure defined twice (or a confusing label)."""
    names: dict[str, list[str]] = {}
    for code, indicator in indicators.REGISTRY.items():
        names.setdefault(indicator.name.lower(), []).append(code)
    assert [codes for codes in names.values() if len(codes) > 1] == []


def test_every_sector_has_one_colour_for_all_pages() -> None:
    """Sociale kaart and Samenwerking colour organisations by sector: one table, every sector, distinct."""
    from sv_analytics import style, vocab

    assert set(style.SECTOR_COLOURS) == set(vocab.SECTOR)
    assert len(set(style.SECTOR_COLOURS.values())) == len(style.SECTOR_COLOURS)
