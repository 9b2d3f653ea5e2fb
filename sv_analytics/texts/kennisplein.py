"""Dutch UI strings of the page Kennisplein."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.kennisplein": "Kennisplein",
}
