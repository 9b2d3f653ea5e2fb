"""Shared fixtures: a demo database built once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sv_analytics import config, demo

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "tests" / "artifacts"
SHARED_REFERENCE = PROJECT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a demo database with the default seed (do not write to it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.create_demo_database(path)
    return path


@pytest.fixture()
def demo_conn(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(str(demo_db), read_only=True)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def app_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database per test module, for AppTests: the app keeps its
    connection open, so tests that write (or open the file otherwise) need their own copy."""
    copy = tmp_path_factory.mktemp("app") / "app.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


@pytest.fixture()
def app_env(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the module's database copy, without basemap tiles."""
    monkeypatch.setenv(config.ENV_DB_PATH, str(app_db))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return app_db
