"""Dutch UI strings of the page Sociale kaart."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.sociale_kaart": "Sociale kaart",
}
