"""Every Dutch string of the user interface, in one catalogue.

The catalogue is split by area (one module per page, plus ``common``) so that pages can be
worked on side by side; :data:`TEXTS` merges them and refuses a key defined twice. Pages call
:func:`t` with a key; a test checks that every key used in the code exists here.
Placeholders use ``str.format`` names.
"""

from __future__ import annotations

from types import MappingProxyType

from sv_analytics.texts import (
    auth,
    common,
    deelname,
    evaluatie,
    gegevens,
    interventions,
    kennisplein,
    kernprofiel,
    map_png,
    mijn_kern,
    png_context,
    privacy,
    rapport,
    report,
    report_pdf,
    report_pptx,
    samenwerking,
    scope,
    sociale_kaart,
    wat_werkt,
)


def _merge(*parts: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in parts:
        double = set(merged) & set(part)
        if double:
            raise ValueError(f"tekstsleutel dubbel gedefinieerd: {sorted(double)}")
        merged.update(part)
    return merged


TEXTS = MappingProxyType(
    _merge(
        common.TEXTS,
        auth.TEXTS,
        scope.TEXTS,
        map_png.TEXTS,
        privacy.TEXTS,
        kernprofiel.TEXTS,
        deelname.TEXTS,
        mijn_kern.TEXTS,
        wat_werkt.TEXTS,
        sociale_kaart.TEXTS,
        samenwerking.TEXTS,
        evaluatie.TEXTS,
        kennisplein.TEXTS,
        gegevens.TEXTS,
        interventions.TEXTS,
        rapport.TEXTS,
        report.TEXTS,
        report_pptx.TEXTS,
        report_pdf.TEXTS,
        png_context.TEXTS,
    )
)


def t(key: str, **values: object) -> str:
    """The Dutch text for ``key``, with ``values`` filled in."""
    text = TEXTS[key]
    return text.format(**values) if values else text
