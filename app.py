"""Sociaal Vitaal Monitor — router: page config, login gate, demo banner, navigation by role.

Run with ``streamlit run app.py`` (see README.md). Pages live in app_pages/ and only lay out
what sv_analytics computes.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlsplit

import streamlit as st

from sv_analytics import config, fmt
from sv_analytics.errors import DatabaseError
from sv_analytics.texts import t
from sv_analytics.ui import auth, components, state

st.set_page_config(page_title=t("app.title"), page_icon="🏃", layout="wide")

try:
    if state.database_missing():
        with st.spinner(t("app.building_demo")):
            state.connection()
    else:
        state.connection()
except DatabaseError as error:
    st.error(f"{t('app.db_error')} {error}")
    st.stop()

st.sidebar.title(t("app.title"))
st.sidebar.caption(t("app.subtitle"))
# Who is looking, before the banner and before any query: the login page, the no-access
# page and local mode on a network address stop here (ui/auth.py).
current = auth.gate()
if state.read_only():  # permissions, a read-only disk or SV_READ_ONLY=1: pages switch uploads off
    st.sidebar.info(t("db.read_only_notice"), icon=":material/lock:")
components.demo_banner()

# The first page is served at the root URL, so Streamlit gives it the path "" and a typed
# /overzicht would be "Page not found". Its internal slug is FIRST_PAGE_SLUG (the slug only names
# the page's script hash; the default page is never served under it), which frees "overzicht" for
# a hidden alias that switches to the real page, so the URL becomes / and the menu marks Overzicht.
FIRST_PAGE_SLUG = "_overzicht"
overzicht = st.Page(
    "app_pages/overzicht.py",
    title=t("nav.overzicht"),
    icon=":material/map:",
    default=True,
    url_path=FIRST_PAGE_SLUG,
)


def _open_overzicht() -> None:
    """The /overzicht URL: open the first page itself (a rerun, not a copy of it)."""
    st.switch_page(overzicht)


overzicht_alias = st.Page(
    _open_overzicht, title=t("nav.overzicht"), url_path="overzicht", visibility="hidden"
)
pages = {
    t("nav.section.monitor"): [
        overzicht,
        overzicht_alias,
        st.Page("app_pages/kernprofiel.py", title=t("nav.kernprofiel"), icon=":material/groups:"),
        st.Page("app_pages/deelname.py", title=t("nav.deelname"), icon=":material/monitoring:"),
        st.Page("app_pages/mijn_kern.py", title=t("nav.mijn_kern"), icon=":material/task_alt:"),
    ],
    t("nav.section.evaluation"): [
        st.Page("app_pages/wat_werkt.py", title=t("nav.wat_werkt"), icon=":material/lightbulb:"),
        st.Page("app_pages/sociale_kaart.py", title=t("nav.sociale_kaart"), icon=":material/hub:"),
        st.Page("app_pages/samenwerking.py", title=t("nav.samenwerking"), icon=":material/handshake:"),
        st.Page("app_pages/evaluatie.py", title=t("nav.evaluatie"), icon=":material/fact_check:"),
        st.Page("app_pages/kennisplein.py", title=t("nav.kennisplein"), icon=":material/menu_book:"),
        st.Page("app_pages/rapport.py", title=t("nav.rapport"), icon=":material/description:"),
    ],
}
# Pages by role: Gegevens for whoever may upload or import public data, Gebruikers for the
# beheerder. The pages check the right again (a typed URL of a hidden page opens the default).
data_pages = []
if current.may_upload_any or current.may_import_public:
    data_pages.append(
        st.Page("app_pages/gegevens.py", title=t("nav.gegevens"), icon=":material/upload_file:")
    )
if current.may_manage_users:
    data_pages.append(
        st.Page("app_pages/beheer.py", title=t("nav.beheer"), icon=":material/manage_accounts:")
    )
if data_pages:
    pages[t("nav.section.data")] = data_pages

# A typed URL that names no page of this viewer (a typo, or a page of another role): Streamlit
# would show its English "Page not found" dialog. The URL's last path segment (st.context.url)
# is therefore registered as one more hidden page when it names none, which says so in Dutch on
# the Overzicht. Paths of more than one segment do not reach the app (Streamlit's static server).
_NOT_FOUND = "app_page_not_found"


def _requested_slug() -> str:
    """The last path segment of the browser's URL, decoded as the frontend names the page
    ("" for the root, or without a browser as in AppTest)."""
    return unquote(urlsplit(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1])


def _not_found() -> None:
    """An unknown URL: remember which, and open the first page (which then names it)."""
    st.session_state[_NOT_FOUND] = _requested_slug()
    st.switch_page(overzicht)


# FIRST_PAGE_SLUG too: a hidden page under it would have the first page's script hash
known = {FIRST_PAGE_SLUG} | {page.url_path for section in pages.values() for page in section}


def _registrable(slug: str) -> bool:
    """Whether Streamlit accepts ``slug`` as a page path: one segment, no surrounding spaces
    (``/a%2Fb`` decodes to ``a/b`` and ``/%20`` to a blank path; registering either raised an
    error that took the whole app down). Such a URL gets Streamlit's own dialog instead."""
    return bool(slug) and slug == slug.strip() and "/" not in slug


if (slug := _requested_slug()) and _registrable(slug) and slug not in known:
    pages[t("nav.section.monitor")].append(
        st.Page(_not_found, title=t("nav.overzicht"), url_path=slug, visibility="hidden")
    )
if missing := st.session_state.pop(_NOT_FOUND, None):
    st.warning(t("app.page_not_found", path=fmt.escape_markdown(missing)), icon=":material/link_off:")
components.start_page()
try:
    st.navigation(pages).run()
except Exception:  # a bug in a page; Streamlit's rerun and stop are BaseException and pass
    if config.raise_page_errors():
        raise
    logging.getLogger("sv_analytics.app").exception("Onverwachte fout op een pagina")
    st.error(t("app.unexpected_error"), icon=":material/error:")
components.footer()
