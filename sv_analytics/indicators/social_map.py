"""Indicators of the page Sociale kaart (issue 6)."""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

INDICATORS: tuple[Indicator, ...] = ()
