"""Altair charts of the page Mijn kern."""

from __future__ import annotations
