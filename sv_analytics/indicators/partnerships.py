"""Indicators of the page Samenwerking (issue 6)."""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

INDICATORS: tuple[Indicator, ...] = ()
