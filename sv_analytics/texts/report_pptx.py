"""Texts of the PPTX decks (sv_analytics/report/pptx.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {}
