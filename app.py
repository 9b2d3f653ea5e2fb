"""Sociaal Vitaal Monitor — router: page config, login gate, demo banner, navigation by role.

Run with ``streamlit run app.py`` (see README.md). Pages live in app_pages/ and only lay out
what sv_analytics computes.
"""

from __future__ import annotations

import logging

import streamlit as st

from sv_analytics import config
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

pages = {
    t("nav.section.monitor"): [
        st.Page("app_pages/overzicht.py", title=t("nav.overzicht"), icon=":material/map:", default=True),
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
components.start_page()
try:
    st.navigation(pages).run()
except Exception:  # a bug in a page; Streamlit's rerun and stop are BaseException and pass
    if config.raise_page_errors():
        raise
    logging.getLogger("sv_analytics.app").exception("Onverwachte fout op een pagina")
    st.error(t("app.unexpected_error"), icon=":material/error:")
components.footer()
