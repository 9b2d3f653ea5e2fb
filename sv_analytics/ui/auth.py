"""The login gate: who is looking, decided before anything else is drawn or computed.

Why this module exists: ``app.py`` calls :func:`gate` right after the connection opens and
before the demo banner and any ``state.run``, so no page, cache entry or export is computed
for a person the app does not know. Two modes:

- **login mode** — an ``[auth]`` section in ``.streamlit/secrets.toml`` (Streamlit's own OIDC
  login, ``st.login``/``st.user``/``st.logout``), or an ``is_logged_in`` key in ``st.user`` (how
  AppTest simulates a user). Identity is the token's ``iss`` + ``sub``; role and scope come
  from the app's database (:func:`users.find_viewer`, asked on every run, so a removed user
  loses access on their next click). Not logged in: a login page; logged in but unknown: a
  "nog geen toegang" page with what to pass on to the beheerder. Both stop the run.
- **local mode** — no login configured: one local beheerder (:data:`access.LOCAL`), and only
  on a loopback address: on any other address the app refuses to serve unless
  ``SV_ALLOW_NETWORK=1``, because without login everyone who reaches it would be beheerder.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit import auth_util

from sv_analytics import access, config, fmt, users
from sv_analytics.access import Viewer
from sv_analytics.texts import t
from sv_analytics.ui import state, viewer

#: Set to 1 to let local mode (no login) serve on a non-loopback address; see README.
ENV_ALLOW_NETWORK = config.ENV_ALLOW_NETWORK
#: The addresses local mode may listen on (``server.address``).
LOOPBACK_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})
#: Session-state key of the sidebar switch "Exacte aantallen op scherm".
EXACT_KEY = "sv_exact"


def gate() -> Viewer:
    """The viewer of this run, stored with :func:`viewer.set_current`; stops the run with the
    login page, the no-access page or the local-mode refusal when nobody may look."""
    admitted = _logged_in_viewer() if login_mode() else _local_viewer()
    admitted = _exact_switch(admitted)
    viewer.set_current(admitted)
    return admitted


def login_mode() -> bool:
    """True when the app has logins: ``[auth]`` in the secrets, or a user with ``is_logged_in``
    (which Streamlit only sets when auth is configured, and AppTest when a test logs in)."""
    return bool(auth_util.get_secrets_auth_section()) or "is_logged_in" in st.user.to_dict()


def network_allowed() -> bool:
    """Whether ``SV_ALLOW_NETWORK`` lets local mode serve on a non-loopback address."""
    return config.allow_network()


def served_on_loopback() -> bool:
    """Whether Streamlit listens on loopback only. Unset means every interface (Streamlit's
    default), so that counts as not loopback."""
    address = st.get_option("server.address")
    return bool(address) and str(address).strip().strip("[]").lower() in LOOPBACK_ADDRESSES


# ---------------------------------------------------------------------------- local mode


def _local_viewer() -> Viewer:
    if not served_on_loopback():
        if not network_allowed():
            address = st.get_option("server.address") or "0.0.0.0"
            st.error(t("auth.network_refused", address=address), icon=":material/lock:")
            st.stop()
        st.sidebar.warning(t("auth.local_network_warning"), icon=":material/warning:")
    st.sidebar.caption(t("auth.local_mode"), help=t("auth.local_mode_help"))
    return access.LOCAL


# ---------------------------------------------------------------------------- login mode


def _logged_in_viewer() -> Viewer:
    claims = st.user.to_dict()
    if not claims.get("is_logged_in"):
        _login_page()
        st.stop()
    issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
    known = users.find_viewer(state.connection(), issuer, subject) if issuer and subject else None
    if known is None:
        _no_access_page(claims, issuer, subject)
        st.stop()
    known = replace(
        known,
        email=known.email or _claim(claims, "email"),
        name=known.name or _claim(claims, "name"),
    )
    _account_box(known)
    return known


def _claim(claims: dict, key: str) -> str | None:
    value = claims.get(key)
    return str(value) if value else None


def _login_page() -> None:
    """What the app is and one button; nothing of the data."""
    st.title(t("auth.login_title"))
    st.markdown(t("auth.login_intro"))
    if st.button(t("auth.login_button"), type="primary", icon=":material/login:", key="sv_login"):
        st.login()
    st.caption(t("auth.login_note"))


def _no_access_page(claims: dict, issuer: str, subject: str) -> None:
    """Logged in, unknown to the app: what to pass on to the beheerder, and a way out."""
    unknown = t("auth.unknown")
    st.title(t("auth.no_access_title"))
    st.markdown(t("auth.no_access_body"))
    details = t(
        "auth.no_access_details",
        email=_claim(claims, "email") or unknown,
        issuer=issuer or unknown,
        subject=subject or unknown,
    )
    st.code(details, language=None)
    st.caption(t("auth.no_access_after"))
    _logout_button()


def _account_box(known: Viewer) -> None:
    """Who is logged in, with which role and scope, and the way out (sidebar)."""
    with st.sidebar:
        lines = [f"**{plain(users.display_name(known))}**"]
        if known.email and known.email != users.display_name(known):
            lines.append(plain(known.email))
        st.markdown("  \n".join(lines))
        role = t(f"auth.role.{known.role}")
        st.caption(plain(t("auth.role_scope", role=role, scope=users.scope_label(known))))
        _logout_button()


def _logout_button() -> None:
    if st.button(t("auth.logout"), icon=":material/logout:", key="sv_logout"):
        st.logout()
        st.stop()


def plain(text: str) -> str:
    """``text`` (from the identity provider or the database) shown literally by st.markdown."""
    return fmt.escape_markdown(text)


# ---------------------------------------------------------------------------- exact counts


def _exact_switch(admitted: Viewer) -> Viewer:
    """The screen's exact counts: a switch (default off) for beheerder and evaluator; always on
    for a projectleider (own kern only), never for a gemeente. Exports stay protected."""
    if admitted.role in access.EXACT_SWITCH_ROLES:
        wanted = st.sidebar.toggle(t("auth.exact"), key=EXACT_KEY, value=False, help=t("auth.exact_help"))
        return admitted.with_exact(wanted)
    if admitted.role is access.Role.PROJECTLEIDER:
        st.sidebar.caption(t("auth.exact_own_kern"))
    return admitted.with_exact(False)
