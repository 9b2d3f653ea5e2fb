"""Shared fixtures and helpers: the demo and reference databases, each built once per test
session and handed out as copies; the one page harness; independent SQL and formatting."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sv_analytics import config, db, demo

# A bug in a page must fail its test, not become the router's Dutch error message (app.py);
# inherited by the app servers the browser tests start.
os.environ[config.ENV_PAGE_ERRORS] = "raise"

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


def writable_copy(source: Path, folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a fresh copy of the database ``source`` in ``folder`` (the body of every
    per-test writable-database fixture: ``yield from writable_copy(…)``)."""
    copy = folder / source.name
    shutil.copyfile(source, copy)
    connection = db.connect(copy)
    yield connection
    connection.close()


@pytest.fixture()
def conn(demo_db: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the demo database for one test (modules may define their own)."""
    yield from writable_copy(demo_db, tmp_path)


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


@pytest.fixture()
def empty_app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app on a database with only the kern registry (no monitoring, no statistics)."""
    from sv_analytics import cli

    path = tmp_path / "leeg.duckdb"
    assert cli.main(["init", "--db", str(path)]) == 0
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return path


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database whose context comes from the real files in ../shared/reference, built
    once per session by the CLI (do not write to it: ``reference_app_env`` hands out copies)."""
    from sv_analytics import cli

    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"{SHARED_REFERENCE} ontbreekt")
    path = tmp_path_factory.mktemp("echt") / "echt.duckdb"
    assert cli.main(["demo", "--db", str(path), "--reference", str(SHARED_REFERENCE)]) == 0
    return path


@pytest.fixture()
def reference_app_env(reference_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app on a copy of the reference database (one per test: the app holds it open)."""
    path = tmp_path / "echt.duckdb"
    shutil.copyfile(reference_db, path)
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return path


WIDGET_KINDS = (
    "selectbox", "select_slider", "radio", "multiselect", "text_input", "checkbox", "toggle",
    "slider", "number_input", "date_input", "segmented_control", "pills",
)  # fmt: skip


def widget(at, key: str):
    """The widget with ``key`` anywhere on the page (sidebar or main), whatever its kind."""
    for kind in WIDGET_KINDS:
        try:
            return getattr(at, kind)(key=key)
        except (KeyError, AttributeError):
            continue
    raise KeyError(f"geen widget met sleutel {key!r}")


def open_app_page(page: str, *, timeout: float = 120, **widgets: object):
    """An AppTest of the app switched to ``page``, with the widgets ``key=value`` set in
    order (sidebar or main, any kind), checked to have run without an exception.

    The one page harness of the tests: page tests call it, usually through a one-line
    ``open_page`` that names their page.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=timeout)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    for key, value in widgets.items():
        if value is None:
            continue
        widget(at, key).set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
    return at


def dutch(value: float, decimals: int = 0) -> str:
    """A number as the pages show it (``1.234,5``; a negative one with the minus sign U+2212, as
    the charts print it: ``−8,0``), written here independently of ``fmt``."""
    text = f"{value:,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return "\u2212" + text[1:] if text.startswith("-") and text.strip("-0,.") else text.lstrip("-")


def undutch(text: str) -> float:
    """The number a page shows, read back: ``'−1.234,5%'`` → ``-1234.5`` (the inverse of
    :func:`dutch`, for tests that compare shown figures)."""
    plain = str(text).strip().rstrip("%").replace("\u2212", "-").replace(".", "").replace(",", ".")
    return float(plain)


def sql(db: Path, query: str, *params: object, **named: object):
    """An independent query on the test database (default config: the app holds the file open)."""
    with duckdb.connect(str(db)) as conn:
        return conn.execute(query, named or list(params)).df()


def table_with(at, *columns: str):
    """The first table the page shows that has all ``columns``."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def vega_charts(at) -> dict[str, tuple[dict, list]]:
    """Each vega-lite chart an AppTest run drew, by title: its spec and its datasets as DataFrames."""
    import json

    from streamlit import dataframe_util

    found = {}
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        data = [dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in element.proto.datasets]
        found[spec.get("title")] = (spec, data)
    return found


def sent_text(at) -> str:
    """Everything the run sent for the page (main and sidebar): every element's proto as text,
    to check that a name or figure is nowhere in what the browser gets."""
    parts: list[str] = []

    def walk(node: object) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)
        elif (proto := getattr(node, "proto", None)) is not None:
            parts.append(str(proto))

    walk(at.main)
    walk(at.sidebar)
    return "\n".join(parts)
