"""Altair charts of the page Kernprofiel en doelgroepen."""

from __future__ import annotations
