"""Dutch UI strings of the page Kernprofiel en doelgroepen."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "nav.kernprofiel": "Kernprofiel en doelgroepen",
}
