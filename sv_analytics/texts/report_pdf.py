"""Texts of the PDF reports (sv_analytics/report/pdf.py)."""

from __future__ import annotations

TEXTS: dict[str, str] = {}
