"""The indicator registry: one definition per indicator, read by pages and exports.

Each number the app shows names its indicator here; its help text (definition, formula,
unit, source, caveats) comes from this registry, so a definition is changed in one place.
Targets (table ``target``) refer to these codes as well. The definitions are kept in one
module per area; :data:`REGISTRY` merges them and refuses a code defined twice.
"""

from __future__ import annotations

from types import MappingProxyType

from sv_analytics.indicators import (
    context,
    core,
    deelname,
    evaluatie,
    interventions,
    kennisplein,
    mijn_kern,
    privacy,
    samenwerking,
    sociale_kaart,
    wat_werkt,
)
from sv_analytics.indicators.core import HEADLINE, MONITORING, Indicator


def _merge(*groups: tuple[Indicator, ...]) -> dict[str, Indicator]:
    merged: dict[str, Indicator] = {}
    for group in groups:
        for indicator in group:
            if indicator.code in merged:
                raise ValueError(f"indicator {indicator.code} dubbel gedefinieerd")
            merged[indicator.code] = indicator
    return merged


REGISTRY = MappingProxyType(
    _merge(
        core.INDICATORS,
        context.INDICATORS,
        deelname.INDICATORS,
        mijn_kern.INDICATORS,
        wat_werkt.INDICATORS,
        sociale_kaart.INDICATORS,
        samenwerking.INDICATORS,
        evaluatie.INDICATORS,
        kennisplein.INDICATORS,
        interventions.INDICATORS,
        privacy.INDICATORS,
    )
)


#: Indicators that count people or activities: rounded in every protected view (privacy.py).
PROTECTED_COUNTS = privacy.PROTECTED_COUNTS
#: The registry entry describing that protection: the Toelichting of every export lists it.
PRIVACY_METHOD = privacy.METHOD


def get(code: str) -> Indicator:
    return REGISTRY[code]


def with_unit(label: str, code: str) -> str:
    """``label`` with the registry unit of ``code`` in brackets ("Profielafstand
    (standaarddeviaties)"), unless the label names it already ("… per 1.000 inwoners"): a bare
    0,48 does not say what it measures in. The one place a header gets its unit."""
    unit = get(code).unit
    return label if not unit or unit.lower() in label.lower() else f"{label} ({unit})"


def is_protected_count(code: str | None) -> bool:
    """Whether the indicator ``code`` is a count a protected view rounds."""
    return code in PROTECTED_COUNTS


__all__ = [
    "HEADLINE",
    "MONITORING",
    "PRIVACY_METHOD",
    "PROTECTED_COUNTS",
    "REGISTRY",
    "Indicator",
    "get",
    "is_protected_count",
    "with_unit",
]
