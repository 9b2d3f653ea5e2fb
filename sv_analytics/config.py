"""Paths and settings, read from environment variables; nothing else lives here.

Every setting has one environment variable so that the app, the CLI and the tests agree
on where the database is without passing paths through Streamlit.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
KERNEN_CSV = DATA_DIR / "kernen.csv"

#: Environment variables, documented in README.md (a test checks they are all documented).
ENV_DB_PATH = "SV_DB_PATH"
ENV_REFERENCE_DIR = "SV_REFERENCE_DIR"
ENV_BASEMAP = "SV_BASEMAP"
ENV_READ_ONLY = "SV_READ_ONLY"
#: Set to "raise" to let a page's exception through (the test suite does, so that a bug in a page
#: fails its test instead of becoming the Dutch error message).
ENV_PAGE_ERRORS = "SV_PAGE_ERRORS"
#: Set to 1 to let local mode (no login configured) serve on a non-loopback address.
ENV_ALLOW_NETWORK = "SV_ALLOW_NETWORK"

DEFAULT_DB_PATH = PROJECT_DIR / "var" / "sociaal_vitaal.duckdb"


def db_path() -> Path:
    """The database the app opens; built with demo data on first start if missing."""
    return Path(os.environ.get(ENV_DB_PATH) or DEFAULT_DB_PATH)


def reference_dir() -> Path | None:
    """Folder with real public data files (CBS/RIVM/PDOK), if configured."""
    value = os.environ.get(ENV_REFERENCE_DIR)
    return Path(value) if value else None


def basemap_enabled() -> bool:
    """Whether maps ask the browser for basemap tiles (off for offline tests)."""
    return os.environ.get(ENV_BASEMAP, "1").strip().lower() not in {"0", "false", "nee", "off"}


def read_only_requested() -> bool:
    """Whether ``SV_READ_ONLY`` asks for a read-only app (1, true, ja, yes, on)."""
    return os.environ.get(ENV_READ_ONLY, "").strip().lower() in {"1", "true", "ja", "yes", "on"}


def allow_network() -> bool:
    """Whether ``SV_ALLOW_NETWORK=1`` lets local mode serve on a non-loopback address.

    Off by default: without login everyone who reaches the app would be its beheerder."""
    return os.environ.get(ENV_ALLOW_NETWORK, "").strip() == "1"


def raise_page_errors() -> bool:
    """Whether ``SV_PAGE_ERRORS=raise`` asks the router to re-raise a page's exception."""
    return os.environ.get(ENV_PAGE_ERRORS, "").strip().lower() == "raise"
