"""Reports in the app: the report model and its files, cached per data version and scope.

Why cached here and not through ``state.run``: the builder opens its own cursor on the
*report's* scope (a kern or gemeente inside the viewer's) and reads the programme-wide colour
classes on the plain connection, as the Overzicht does (``ui/programme.py``); ``state.run``
would hand it a cursor already narrowed to the viewer. The viewer's scope is still checked
by the builder (``viewer=``) and is part of every cache key, so a cached report is only ever
served to a viewer whose scope holds it.

Two levels, so the page can show progress between them and a second format costs only its
drawing: the model (:func:`report`) and each file (:func:`file`).
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from sv_analytics import wat_werkt_views as views
from sv_analytics.report import build, model, run
from sv_analytics.ui import state, viewer


def _wat_werkt(start: object, end: object) -> views.Analysis:
    """The Wat werkt waar page's own cached analysis (protected): the programme report reuses
    it instead of computing it again (~2 s); the builder takes it only when it covers exactly
    the report's kernen."""
    return state.run(
        views.analysis, start=start, end=end, protected=True, _base=lambda: state.run(views.basis)
    )


@st.cache_data(show_spinner=False, max_entries=128)
def _report(path: str, version: int, scope_key: str, request: build.Request) -> model.Report:
    scope = viewer.current().scope
    if scope.key != scope_key:
        raise PermissionError("scope en cachesleutel verschillen")
    # the time of the first build of this data version: the cover says when it was made
    return build.build_report(
        state.connection(),
        request,
        generated_at=datetime.now().replace(microsecond=0),
        viewer=scope,
        wwk_analysis=_wat_werkt,
    )


@st.cache_data(show_spinner=False, max_entries=128)
def _file(path: str, version: int, scope_key: str, request: build.Request, fmt: run.Format) -> bytes:
    return run.render(_report(path, version, scope_key, request), fmt)


def report(request: build.Request) -> model.Report:
    """The report of ``request`` for this session's viewer (PermissionError outside its scope)."""
    return _report(str(state.db_path()), state.data_version(), viewer.current().scope.key, request)


def file(request: build.Request, fmt: run.Format) -> bytes:
    """The report of ``request`` as a PDF or PPTX file."""
    return _file(str(state.db_path()), state.data_version(), viewer.current().scope.key, request, fmt)
