"""Every indicator code the public importers write into table ``statistic``, with its unit.

Why derived: a code's name and unit are defined once, in the indicator registry
(``sv_analytics/indicators/context.py``, :data:`~sv_analytics.indicators.context.STATISTICS`),
which also says who publishes each code. This catalogue is the importers' view of it: the codes
whose publisher is one of the public sources (CBS, RIVM, Kadaster), so an importer can look up
the unit it stores beside a value (:func:`unit_of`) and a test can check that nothing is stored
that the registry does not define. Which source column becomes which code is the business of
each importer (``kwb``, ``rivm``, ``pc4``, ``top10nl``). The demo generator stores the same
codes, so real and fictional data are read by the same queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from sv_analytics import indicators
from sv_analytics.indicators import context

RIVM = context.STATLINE
KWB = context.KWB
PC4 = context.PC4
TOP10NL = context.TOP10NL


@dataclass(frozen=True)
class PublicIndicator:
    """Name (Dutch), unit and the publishers an indicator can come from."""

    name: str
    unit: str
    sources: tuple[str, ...]


def _public(code: str, publishers: tuple[str, ...]) -> PublicIndicator:
    definition = indicators.get(code)
    return PublicIndicator(definition.name, definition.unit, tuple(publishers))


#: indicator code → name, unit and publishers; every code the public importers produce.
INDICATORS = MappingProxyType(
    {
        code: _public(code, publishers)
        for code, publishers in context.PUBLISHERS.items()
        if set(publishers) & set(context.PUBLIC_PUBLISHERS)
    }
)


def unit_of(indicator: str) -> str:
    """The unit stored with ``indicator`` (a KeyError here is a programming error)."""
    return INDICATORS[indicator].unit
