"""Dutch texts: auth (see texts/__init__.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {}
