"""Dutch UI strings of the page Samenwerking."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.samenwerking": "Samenwerking",
}
