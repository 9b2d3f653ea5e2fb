"""Dutch texts: scope (see texts/__init__.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {}
