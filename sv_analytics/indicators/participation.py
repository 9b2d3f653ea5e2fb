"""Indicators of the area: Deelname, bereik en doorverwijzingen (Deelname)."""

from __future__ import annotations

from sv_analytics.indicators.core import Indicator

INDICATORS: tuple[Indicator, ...] = ()
