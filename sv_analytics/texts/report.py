"""Texts of the report builder (sv_analytics/report/build.py) and the Rapport page."""

from __future__ import annotations

TEXTS: dict[str, str] = {}
