"""Dutch UI strings of the page Mijn kern."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.mijn_kern": "Mijn kern",
}
