"""Dutch UI strings of the page Deelname."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.deelname": "Deelname",
}
