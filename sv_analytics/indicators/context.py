"""Indicators of the area: Context: CBS/RIVM-statistieken en doelgroepschattingen (Kernprofiel)."""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

INDICATORS: tuple[Indicator, ...] = ()
