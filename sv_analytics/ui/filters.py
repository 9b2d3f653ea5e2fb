"""The shared filters: period, gemeente, kern and target group, kept in the URL.

Every view is a shareable link: opening the link restores the filters.

**Where they are drawn.** In the *filter bar*, one compact horizontal row at the top of the main
area (:func:`bar`), not in the sidebar: on a beamer at 1280×720 the sidebar's ten-page navigation
pushes anything below it out of sight. The router opens the bar (``components.start_page`` calls
:func:`open_bar`) right after the demo banner, so every page's filters sit in the same place
above its title without each page ordering its calls; a page puts its own choices (Deelname's
grain, Wat werkt waar's dimensions) in the same row through :func:`bar`. The bar is created on
first use only, so a page without filters has no empty row.

Gemeente and kern are **one shared state for every page**. They are not plain bound widgets,
because in a multipage app Streamlit (1.67) gives a widget on each page its own identity, drops
its value when the user opens a page that does not draw it, binds query parameters per page,
and a bound selectbox writes its *label* ("Hertme (Borne)") into the URL instead of the id. So:

- the choice lives in session-state keys that no widget owns (:data:`SHARED_KERN`,
  :data:`SHARED_GEMEENTE`, :data:`SHARED_KERN_CHOSEN`), which survive page switches;
- each page's widget is seeded from them before it is drawn and writes back in its
  ``on_change`` callback (so the user's new value is in shared state before the page runs);
- the page writes ``?kern=<kern_id>`` (and ``?gemeente=<name>``) into the URL itself, so a
  copied link opens the same kern on a fresh server. A URL value this session has not seen yet
  (a fresh load, a pasted link, an in-app link, browser back) wins over the session value; an
  unknown value is ignored with a toast.

Rules that keep the two consistent: choosing a gemeente moves a shared kern outside it to the
gemeente's first kern; choosing (or linking to) a kern outside the shared gemeente resets the
gemeente to all gemeenten, because the kern is the more specific choice.

**Scope.** The choices come from ``state.run(lookups.kernen)`` and ``lookups.gemeenten``, which
see only the viewer's scope (:mod:`sv_analytics.scope`), so a projectleider is offered their one
kern and a gemeente official their gemeente's kernen, without "all gemeenten" for either. A
link or a shared value naming a kern or gemeente that *exists* but lies outside the scope is
refused with "Geen toegang tot <naam>" and the page stops (:func:`_refuse`): the page never
shows another kern's figures nor silently something else. Such a URL value is not marked as
seen, so every run with it refuses again. An id that does not exist at all is a toast, as
before. The names for the refusal come from :func:`state.place_names` (names only).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal
from urllib.parse import quote

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sv_analytics import fmt, lookups, timeline, vocab
from sv_analytics.texts import t
from sv_analytics.ui import state, viewer

ALL = "alle"

SHARED_KERN = "sv_kern"
"""Session-state key of the shared kern id (absent until a page with a kern ran)."""
SHARED_KERN_CHOSEN = "sv_kern_gekozen"
"""True when the shared kern came from the user (a selectbox or a link), not from a default or
from a gemeente change. Pages that offer "all kernen" (Deelname, Kennisplein) follow the shared
kern only then: merely seeing the default first kern on Kernprofiel must not narrow them."""
SHARED_GEMEENTE = "sv_gemeente"
"""Session-state key of the shared gemeente code; absent or None means all gemeenten."""
_URL_SEEN = "sv_url_seen"
"""Per URL parameter the value this session last read from or wrote to the URL: a different
value in the URL is new (a link or a fresh load) and is adopted; the same value is our own."""

Where = Literal["bar", "sidebar", "main"] | DeltaGenerator

_BAR_SLOT = "sv_filterbalk"
"""Session-state key of this run's placeholder for the filter bar (set by :func:`open_bar`)."""
_BAR = "sv_filterbalk_rij"
"""Session-state key of this run's filter bar itself, once a widget asked for it."""

BAR_KEY = "filterbalk"
"""Widget key of the filter bar's container: the page gets the CSS class ``st-key-filterbalk``."""

#: Widths (px) of the widgets in the filter bar: small enough that the shared filters and a
#: page's own choices share one or two rows of the 820 px main column at 1280×720.
WIDTH_PERIOD = 300
WIDTH_CHOICE = 210

_CHOICES = "sv_keuzes"
"""Session-state key of what the filters of the current run chose, for exported files."""


# choices for exports ---------------------------------------------------------------------


def reset_choices() -> None:
    """Forget the previous run's choices; the router calls this before the page runs."""
    st.session_state[_CHOICES] = {}


def note_choice(label: str, value: str) -> None:
    """Record a choice the reader of an exported table must know (a filter, a peildatum).

    Every filter here records itself; a page records its own choices (a peildatum slider,
    an age group) with this. The latest value per label wins.
    """
    st.session_state.setdefault(_CHOICES, {})[label] = value


def choices() -> list[tuple[str, str]]:
    """The choices recorded in this run, in the order they were made."""
    return list(st.session_state.get(_CHOICES, {}).items())


def open_bar() -> None:
    """Reserve the filter bar's place in the page: called once per run by the router.

    Only a placeholder: :func:`bar` fills it with the row when the first filter is drawn.
    """
    st.session_state[_BAR_SLOT] = st.empty()
    st.session_state.pop(_BAR, None)


def bar() -> DeltaGenerator:
    """The filter bar of this run: a horizontal row that wraps onto a second line when full.

    Without :func:`open_bar` (a script run without the router, as in a unit test) each call
    gets a row of its own where the script is.
    """
    slot = st.session_state.get(_BAR_SLOT)
    if slot is None:
        return st.container(horizontal=True, gap="xsmall", vertical_alignment="bottom")
    row = st.session_state.get(_BAR)
    if row is None:
        row = slot.container(key=BAR_KEY, horizontal=True, gap="xsmall", vertical_alignment="bottom")
        st.session_state[_BAR] = row
    return row


def _place(where: Where) -> Any:
    """The container a filter widget is drawn in (see :data:`Where`)."""
    if where == "bar":
        return bar()
    if where == "sidebar":
        return st.sidebar
    if where == "main":
        return st  # the current container, so it also works inside ``with column:``
    return where


def month_options() -> list[date]:
    """Months offered by the period slider: the data's range, else the programme years."""
    bounds = state.run(lookups.month_range)
    if bounds is None:
        return list(timeline.MONITORING.months)
    first, last = bounds
    months = timeline.MONITORING.months
    return [m for m in months if first <= m <= last] or list(months)


def period_filter(where: Where = "bar") -> timeline.Period:
    """The period slider; bound to the URL as ?periode=… (per page, as Streamlit binds it)."""
    options = month_options()
    default = timeline.DEFAULT_PERIOD
    start = default.start if default.start in options else options[0]
    end = default.end if default.end in options else options[-1]
    chosen = _place(where).select_slider(
        t("filter.period"),
        options=options,
        value=(start, end),
        format_func=fmt.month,
        key="periode",
        bind="query-params",
        width=WIDTH_PERIOD if where == "bar" else "stretch",
    )
    note_choice(t("filter.period"), fmt.period(*chosen))
    return timeline.Period(*chosen)


# shared state -----------------------------------------------------------------------------


def shared_kern() -> str | None:
    """The shared kern id, or None when no page with a kern has run in this session yet."""
    return st.session_state.get(SHARED_KERN)


def shared_gemeente() -> str | None:
    """The shared gemeente code, or None for all gemeenten."""
    return st.session_state.get(SHARED_GEMEENTE)


def _gemeente_of(kern_id: str) -> str | None:
    frame = state.run(lookups.kernen)
    match = frame.loc[frame["kern_id"] == kern_id, "gemeente_code"]
    return None if match.empty else match.iloc[0]


def choose_kern(kern_id: str, *, chosen: bool = True) -> None:
    """Make ``kern_id`` the shared kern; a kern outside the shared gemeente resets the gemeente.

    ``chosen`` says whether the user picked it (a selectbox or a link) — see
    :data:`SHARED_KERN_CHOSEN`.
    """
    st.session_state[SHARED_KERN] = kern_id
    st.session_state[SHARED_KERN_CHOSEN] = chosen
    gemeente = shared_gemeente()
    if gemeente and _gemeente_of(kern_id) != gemeente:
        st.session_state[SHARED_GEMEENTE] = None


def choose_gemeente(code: str | None) -> None:
    """Make ``code`` (None: all) the shared gemeente; a shared kern outside it (or none yet)
    becomes the gemeente's first kern, so a one-kern page opened next shows a kern of it.

    The moved kern counts as not chosen: the user chose a gemeente, so pages with "all kernen"
    show all kernen of that gemeente.
    """
    st.session_state[SHARED_GEMEENTE] = code
    kern_id = shared_kern()
    if code is None or (kern_id is not None and _gemeente_of(kern_id) == code):
        return
    frame = state.run(lookups.kernen)
    inside = frame.loc[frame["gemeente_code"] == code, "kern_id"]
    if inside.empty:
        return
    st.session_state[SHARED_KERN] = inside.iloc[0]
    st.session_state[SHARED_KERN_CHOSEN] = False


def _resolve_kern(raw: str, frame: pd.DataFrame) -> str | None:
    """The kern id a URL value names: the id, or (older links) the label "Naam (Gemeente)" or the name."""
    wanted = raw.strip().casefold()
    for row in frame.itertuples():
        if wanted in (row.kern_id.casefold(), row.name.casefold(), f"{row.name} ({row.gemeente})".casefold()):
            return row.kern_id
    return None


def _resolve_gemeente(raw: str, frame: pd.DataFrame) -> str | None:
    """The gemeente code a URL value names (code or name, any case); ALL for all; None if unknown."""
    wanted = raw.strip().casefold()
    if wanted in (ALL, t("filter.all_gemeenten").casefold()):
        return ALL
    for code, name in zip(frame["gemeente_code"], frame["name"], strict=True):
        if wanted in (code.casefold(), name.casefold()):
            return code
    return None


def _own_scope_text() -> str:
    """What the viewer may see, in words: "de kernen van gemeente Almelo", "kern Aadorp (Almelo)"."""
    wanted = viewer.current().scope
    names = state.place_names()
    if wanted.kern_id is not None:
        rows = names.kernen[names.kernen["kern_id"] == wanted.kern_id]
        label = f"{rows.iloc[0]['name']} ({rows.iloc[0]['gemeente']})" if len(rows) else wanted.kern_id
        return t("scope.own_kern", kern=label)
    rows = names.gemeenten[names.gemeenten["gemeente_code"] == wanted.gemeente_code]
    return t("scope.own_gemeente", gemeente=rows.iloc[0]["name"] if len(rows) else wanted.gemeente_code)


def _refuse(name: str) -> None:
    """Say "Geen toegang tot <name>" and stop the page: nothing of it is drawn."""
    st.error(t("scope.no_access", name=name, own=_own_scope_text()), icon=":material/block:")
    st.stop()


def _refuse_kern_outside(kern_id: str | None) -> None:
    """Refuse (and stop) when ``kern_id`` is a kern of the registry; return when it is unknown."""
    if kern_id is None:
        return
    frame = state.place_names().kernen
    rows = frame[frame["kern_id"] == kern_id]
    if len(rows):
        _refuse(f"{rows.iloc[0]['name']} ({rows.iloc[0]['gemeente']})")


def _refuse_gemeente_outside(code: str | None) -> None:
    """Refuse (and stop) when ``code`` is a gemeente with kernen; return when it is unknown."""
    if code is None or code == ALL:
        return
    frame = state.place_names().gemeenten
    rows = frame[frame["gemeente_code"] == code]
    if len(rows):
        _refuse(t("scope.gemeente_name", gemeente=rows.iloc[0]["name"]))


def _unknown_in_link(raw: str) -> None:
    st.toast(t("filter.unknown_in_link", value=raw.replace("`", "")[:60]), icon=":material/link_off:")


def _seen() -> dict[str, str | None]:
    return st.session_state.setdefault(_URL_SEEN, {})


def _sync_from_url() -> None:
    """Adopt ``?gemeente=`` and ``?kern=`` when the URL brings a value this session has not seen.

    Called by every shared filter before it draws; cheap and idempotent within a run. The
    gemeente is read first, so that a link with both keeps both; the kern then wins a conflict.
    """
    seen = _seen()
    raw = st.query_params.get("gemeente")
    if raw and raw != seen.get("gemeente"):  # an empty ?gemeente= names nothing
        code = _resolve_gemeente(raw, state.run(lookups.gemeenten))
        if code is None:
            _refuse_gemeente_outside(_resolve_gemeente(raw, state.place_names().gemeenten))
            _unknown_in_link(raw)
        else:
            choose_gemeente(None if code == ALL else code)
    seen["gemeente"] = raw
    raw = st.query_params.get("kern")
    if raw and raw != seen.get("kern"):
        kern_id = _resolve_kern(raw, state.run(lookups.kernen))
        if kern_id is None:
            _refuse_kern_outside(_resolve_kern(raw, state.place_names().kernen))
            _unknown_in_link(raw)
        else:
            choose_kern(kern_id)
    seen["kern"] = raw


def _write_url(param: str, value: str | None) -> None:
    """Put ``value`` in the URL as ``?param=`` (None removes it) and remember it as our own."""
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value
    _seen()[param] = value


def accept_old_kern_link(param: str) -> None:
    """Open the kern an older link names in a page's former own parameter, once.

    Deelname had its own kern chooser, ``?deelname_kern=<name>``; such links keep working:
    the kern becomes the shared kern and the parameter leaves the URL (``?kern=<id>`` replaces it).
    """
    raw = st.query_params.get(param)
    if raw is None:
        return
    kern_id = _resolve_kern(raw, state.run(lookups.kernen))
    if kern_id is not None:
        choose_kern(kern_id)
    elif raw.strip().casefold() in (ALL, t("deelname.all_kernen").casefold()):  # its former label
        st.session_state[SHARED_KERN_CHOSEN] = False
    else:
        _refuse_kern_outside(_resolve_kern(raw, state.place_names().kernen))
        _unknown_in_link(raw)
    del st.query_params[param]


def kern_url(url: str, kern_id: str) -> str:
    """The in-app link ``url`` (a page path, any query dropped) opening ``kern_id``: ``/page?kern=<id>``."""
    return f"{url.split('?', 1)[0]}?kern={quote(kern_id)}"


# widgets ----------------------------------------------------------------------------------


def _seed(key: str, value: str) -> None:
    """Give the widget ``key`` the shared value before it is drawn, on every run.

    Unconditionally: right after a page switch ``st.session_state[key]`` may still return the
    value of the *previous page's* widget with the same key (a different widget to Streamlit),
    so comparing first would skip the seed and the new widget would start on its first option.
    After a change by the user the ``on_change`` callback has already stored the new value in
    shared state, so this writes the value the widget has anyway.
    """
    st.session_state[key] = value


def _on_gemeente_change(key: str) -> None:
    chosen = st.session_state[key]
    choose_gemeente(None if chosen == ALL else chosen)


def gemeente_filter(where: Where = "bar") -> str | None:
    """The shared gemeente (None: all gemeenten); in the URL as ?gemeente=<name>.

    A viewer whose scope is one gemeente or one kern is offered only that gemeente (no "all").
    """
    _sync_from_url()
    frame = state.run(lookups.gemeenten)
    scoped = not viewer.current().scope.is_all
    names: dict[str, str] = {} if scoped and len(frame) else {ALL: t("filter.all_gemeenten")}
    names.update(zip(frame["gemeente_code"], frame["name"], strict=True))
    current = shared_gemeente() or ALL
    if current not in names:
        _refuse_gemeente_outside(current)  # a shared gemeente outside the scope: stop
        current = next(iter(names))
    key = "gemeente"
    _seed(key, current)
    chosen = _place(where).selectbox(
        t("filter.gemeente"), list(names), format_func=names.get, key=key,
        on_change=_on_gemeente_change, args=(key,), **_width(where),
    )  # fmt: skip
    _write_url("gemeente", None if chosen == ALL else names[chosen])
    note_choice(t("filter.gemeente"), names[chosen])
    return None if chosen == ALL else chosen


def _on_kern_change(key: str) -> None:
    chosen = st.session_state[key]
    if chosen == ALL:
        st.session_state[SHARED_KERN_CHOSEN] = False  # keep the kern for the one-kern pages
    elif chosen is not None:
        choose_kern(chosen)


def _width(where: Where) -> dict[str, Any]:
    """A selectbox's width: fixed in the filter bar (a row), the container's elsewhere."""
    return {"width": WIDTH_CHOICE} if where == "bar" else {}


def kern_filter(
    *,
    gemeente: str | None = None,
    where: Where = "bar",
    key: str = "kern",
    label: str | None = None,
    all_label: str | None = None,
) -> str | None:
    """A kern selectbox bound to the shared kern; returns the kern id shown (None: none or all).

    Draws one selectbox and keeps ``?kern=<kern_id>`` in the URL, so every page that shows a
    kern shows the same one and a copied link opens it.

    - ``gemeente``: offer only the kernen of this gemeente code (pass what
      :func:`gemeente_filter` returned); a shared kern outside it is replaced by the first.
    - ``where``: ``"bar"`` (default: the filter bar at the top, :func:`bar`), ``"sidebar"``,
      ``"main"`` (the page body, or the ``with`` block it is called in) or a container such
      as a column.
    - ``key``: the widget key (default ``"kern"``). Gegevens, in its main area:
      ``kern_filter(where="main", key="kern_gegevens", label=t("gegevens.kern"))``. Give each
      selectbox on one page its own key; all of them follow and set the same shared kern.
    - ``label``: the widget label; default "Kern".
    - ``all_label``: offer an "all kernen" first option with this label (Deelname,
      Kennisplein). It is shown unless the user chose a kern or came with one (a link or an
      earlier choice on any page); choosing it keeps the shared kern for one-kern pages and
      removes ``?kern=`` from the URL. Returns None for it.

    None is returned too when there is no kern at all (an empty database).
    """
    _sync_from_url()
    frame = state.run(lookups.kernen)
    shared = shared_kern()
    if shared is not None and shared not in set(frame["kern_id"]):
        _refuse_kern_outside(shared)  # a shared kern outside the scope: stop; an unknown one is replaced
    if gemeente:
        frame = frame[frame["gemeente_code"] == gemeente]
    labels: dict[str, str] = {r.kern_id: f"{r.name} ({r.gemeente})" for r in frame.itertuples()}
    if all_label is not None:
        options: Mapping[str, str] = {ALL: all_label, **labels}
        current = shared if shared in labels and st.session_state.get(SHARED_KERN_CHOSEN) else ALL
    else:
        options = labels
        current = shared if shared in labels else next(iter(labels), None)
        if current is not None and current != shared:
            choose_kern(current, chosen=False)  # the default, or the first kern of the gemeente
    if current is not None:
        _seed(key, current)
    chosen = _place(where).selectbox(
        label or t("filter.kern"), list(options), format_func=options.get, key=key,
        on_change=_on_kern_change, args=(key,), placeholder=t("filter.choose_kern"), **_width(where),
    )  # fmt: skip
    kern_id = None if chosen in (None, ALL) else chosen
    _write_url("kern", kern_id)
    if chosen is not None:
        note_choice(t("filter.kern"), options[chosen])
    return kern_id


def doelgroep_filter(where: Where = "bar") -> str | None:
    """A target group, or None for all inhabitants; bound to the URL as ?doelgroep=…"""
    options = [ALL, *vocab.DOELGROEP]
    labels = {ALL: t("filter.all_doelgroepen"), **vocab.DOELGROEP}
    chosen = _place(where).selectbox(
        t("filter.doelgroep"), options, format_func=labels.get, key="doelgroep", bind="query-params",
        **_width(where),
    )  # fmt: skip
    note_choice(t("filter.doelgroep"), labels[chosen])
    return None if chosen == ALL else chosen
