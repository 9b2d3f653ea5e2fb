"""Dutch UI strings of the page Evaluatie."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.evaluatie": "Evaluatie",
}
