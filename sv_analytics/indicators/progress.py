"""Indicators of the area: Werkplan, doelen en volledigheid (Mijn kern)."""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

INDICATORS: tuple[Indicator, ...] = ()
