"""Programme-wide scales that do not depend on who looks or on what is selected.

Why a module of its own: every other result of a page comes from :func:`state.run`, on a cursor
that sees only the viewer's scope. The colour classes of a map must be the same for everyone
and in every selection (issue 14: a kern's colour must not change when only the gemeente filter
changes), so they are read over *all* kernen. That is an exception to the scope rule, kept
narrow on purpose: only the functions in :data:`PROGRAMME_WIDE` may run here, and each returns
rounded class breaks (and the number of kernen) or a rounded top of a scale, never a kern's
figure (see :func:`sv_analytics.overzicht.programme_scale`, :func:`sociale_kaart.matrix_top`).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sv_analytics import access, overzicht, sociale_kaart
from sv_analytics.ui import state

#: The only functions that may read unscoped: they return scales (nice rounded breaks), not figures.
PROGRAMME_WIDE: dict[str, Callable[..., object]] = {
    "overzicht.programme_scale": overzicht.programme_scale,
    "sociale_kaart.matrix_top": sociale_kaart.matrix_top,
}


@st.cache_data(show_spinner=False, max_entries=256)
def _run(path: str, version: int, name: str, params: tuple) -> object:
    with state.scoped_cursor(access.ALL) as cur:
        return PROGRAMME_WIDE[name](cur, **dict(params))


def run(name: str, **params: object) -> object:
    """``PROGRAMME_WIDE[name](cursor over all kernen, **params)``, cached by database, data
    version and parameters (not by scope: the result is the same for every viewer)."""
    if name not in PROGRAMME_WIDE:
        raise PermissionError(f"{name} mag niet over alle kernen lezen")
    key = tuple(sorted(params.items()))
    return _run(str(state.db_path()), state.data_version(), name, key)


def colour_scale(period: object, doelgroep: str | None, colour_by: str) -> overzicht.ColourScale | None:
    """The programme's colour classes of ``colour_by`` (None when coloured by kern type)."""
    if colour_by == "kern_type":
        return None
    return run("overzicht.programme_scale", period=period, doelgroep=doelgroep, colour_by=colour_by)


def matrix_top() -> int:
    """The programme's top of the Sociale kaart's kern × sector colour scale."""
    return run("sociale_kaart.matrix_top")
