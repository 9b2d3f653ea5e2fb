"""Texts of the context of exported chart PNGs (charts.to_png) and the print view."""

from __future__ import annotations

TEXTS: dict[str, str] = {}
