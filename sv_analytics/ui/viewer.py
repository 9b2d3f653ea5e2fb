"""The viewer of the current session, for every layer of the UI that needs it.

The login gate (``ui/auth.py``, called by ``app.py`` before anything else is drawn) decides
who is looking and stores it here for the run; ``state.run`` scopes every query by it and
``components`` protects counts by it. Kept apart from ``auth`` so that ``state`` can read the
viewer without importing the gate (which itself reads the database through ``state``).
"""

from __future__ import annotations

import streamlit as st

from sv_analytics.access import Viewer

_KEY = "sv_viewer"


def set_current(viewer: Viewer) -> None:
    """The gate's decision for this run."""
    st.session_state[_KEY] = viewer


def current() -> Viewer:
    """The viewer the gate admitted in this session.

    Raises PermissionError when no gate ran: a page must never compute anything for an
    unknown person (the router always runs the gate first, so this is a programming error).
    """
    viewer = st.session_state.get(_KEY)
    if not isinstance(viewer, Viewer):
        raise PermissionError("geen ingelogde gebruiker in deze sessie")
    return viewer


def clear() -> None:
    st.session_state.pop(_KEY, None)
