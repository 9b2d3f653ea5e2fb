"""Altair charts of the page Deelname."""

from __future__ import annotations
