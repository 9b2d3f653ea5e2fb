"""AppTest: one gemeente and kern across pages, carried in the URL as ?kern=<kern_id>.

In the browser a click in the sidebar navigation opens the next page *without* the previous
page's query string, and Streamlit forgets the previous page's widgets. AppTest keeps
``at.query_params`` across ``switch_page``, so :func:`go` clears them first: what survives is
then only the shared state (``sv_analytics.ui.filters``), as in the browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT, sql

APP = str(PROJECT / "app.py")
ONE_KERN_LINK_PAGES = ("app_pages/deelname.py", "app_pages/kennisplein.py", "app_pages/mijn_kern.py")
KERN_PAGES = (
    "app_pages/kernprofiel.py",
    "app_pages/mijn_kern.py",
    "app_pages/deelname.py",
    "app_pages/sociale_kaart.py",
    "app_pages/samenwerking.py",
    "app_pages/evaluatie.py",
    "app_pages/wat_werkt.py",
    "app_pages/kennisplein.py",
)


def fresh(page: str, **query: str) -> AppTest:
    """A new session opening ``page`` with ``query`` in its URL (a copied link on a fresh server)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def go(at: AppTest, page: str) -> AppTest:
    """Open ``page`` as a click in the sidebar navigation does: same session, empty query string."""
    at.query_params.clear()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def kern(at: AppTest) -> str:
    return at.selectbox(key="kern").value


def test_a_kern_chosen_on_one_page_is_shown_on_every_page_and_in_each_url(app_env: Path) -> None:
    at = fresh("app_pages/kernprofiel.py")
    at.selectbox(key="kern").set_value("hertme").run()
    assert at.query_params["kern"] == "hertme"  # the id, not the label
    for page in KERN_PAGES:
        go(at, page)
        assert kern(at) == "hertme", page
        assert at.query_params.get("kern") == "hertme", page
    assert at.title[0].value == "Kennisplein"
    assert any(m.value.startswith("Cijfers van Hertme") for m in at.markdown)  # items of Hertme only


def test_a_kern_chosen_on_mijn_kern_reaches_deelname_and_back(app_env: Path) -> None:
    at = fresh("app_pages/mijn_kern.py")
    assert kern(at) == "aadorp"  # no choice yet: the first kern, also in the URL
    assert at.query_params["kern"] == "aadorp"
    at.selectbox(key="kern").set_value("boskamp").run()
    go(at, "app_pages/deelname.py")
    assert kern(at) == "boskamp"
    assert any(s.value == "Boskamp tegenover de andere kernen" for s in at.subheader)
    at.selectbox(key="kern").set_value("lutten").run()
    go(at, "app_pages/mijn_kern.py")
    assert kern(at) == "lutten"
    assert at.title[0].value.endswith("Lutten")


@pytest.mark.parametrize("page", ONE_KERN_LINK_PAGES)
def test_a_kern_id_in_the_url_opens_that_kern(app_env: Path, page: str) -> None:
    at = fresh(page, kern="hertme")
    assert kern(at) == "hertme"
    assert at.query_params["kern"] == "hertme"


def test_a_link_wins_over_the_kern_of_the_session_and_the_page_keeps_the_users_later_choice(
    app_env: Path,
) -> None:
    at = fresh("app_pages/kernprofiel.py")
    at.selectbox(key="kern").set_value("bathmen").run()
    at.query_params["kern"] = "hertme"  # an in-app link or browser back brings another kern
    at.run()
    assert kern(at) == "hertme"
    at.selectbox(key="kern").set_value("lutten").run()  # the URL still says hertme here
    assert kern(at) == "lutten"
    assert at.query_params["kern"] == "lutten"


@pytest.mark.parametrize("value", ["bestaatniet", "", "Hertme (Almelo)"])
def test_an_unknown_kern_in_the_url_falls_back_without_error(app_env: Path, value: str) -> None:
    at = fresh("app_pages/kernprofiel.py", kern=value)
    assert kern(at) == "aadorp"
    assert at.query_params["kern"] == "aadorp"  # the URL is corrected to the kern shown
    if value:
        assert any(value in toast.value for toast in at.toast)


def test_an_older_link_with_the_kern_label_still_opens_it(app_env: Path) -> None:
    """Before the shared state Streamlit wrote the label, ``?kern=Bathmen+(Deventer)``."""
    at = fresh("app_pages/sociale_kaart.py", kern="Bathmen (Deventer)")
    assert kern(at) == "bathmen"
    assert at.query_params["kern"] == "bathmen"


def test_choosing_a_gemeente_moves_the_kern_into_it_on_every_page(app_env: Path) -> None:
    at = fresh("app_pages/kernprofiel.py")
    at.selectbox(key="kern").set_value("hertme").run()  # Borne
    at.selectbox(key="gemeente").set_value("GM0150").run()  # Deventer
    query = "SELECT kern_id FROM kern WHERE gemeente_code = ? ORDER BY name LIMIT 1"
    first = sql(app_env, query, "GM0150")["kern_id"][0]
    assert kern(at) == first
    assert at.query_params["gemeente"] == "Deventer" and at.query_params["kern"] == first
    go(at, "app_pages/mijn_kern.py")  # no gemeente filter here, the kern still follows
    assert kern(at) == first
    go(at, "app_pages/evaluatie.py")
    assert at.selectbox(key="gemeente").value == "GM0150"
    assert kern(at) == first
    # the moved kern was not chosen by the user: Deelname shows all kernen of the gemeente
    go(at, "app_pages/deelname.py")
    assert at.selectbox(key="gemeente").value == "GM0150"
    assert kern(at) == "alle"


def test_a_gemeente_chosen_on_overzicht_reaches_the_kern_pages(app_env: Path) -> None:
    at = fresh("app_pages/overzicht.py")
    at.selectbox(key="gemeente").set_value("GM0168").run()  # Losser
    assert at.query_params["gemeente"] == "Losser"
    go(at, "app_pages/mijn_kern.py")  # the first kern opened is one of the gemeente
    assert kern(at) == "de-lutte"
    go(at, "app_pages/kernprofiel.py")
    assert at.selectbox(key="gemeente").value == "GM0168"
    assert at.selectbox(key="kern").options == ["De Lutte (Losser)", "Overdinkel (Losser)"]
    assert kern(at) == "de-lutte"


def test_a_kern_inside_the_chosen_gemeente_stays(app_env: Path) -> None:
    at = fresh("app_pages/samenwerking.py")
    at.selectbox(key="kern").set_value("overdinkel").run()
    at.selectbox(key="gemeente").set_value("GM0168").run()  # Losser, Overdinkel's own
    assert kern(at) == "overdinkel"
    go(at, "app_pages/deelname.py")
    assert kern(at) == "overdinkel"  # still the user's choice


def test_a_kern_chosen_outside_the_gemeente_resets_the_gemeente(app_env: Path) -> None:
    """Mijn kern has no gemeente filter; a kern chosen there wins over the gemeente chosen before."""
    at = fresh("app_pages/kernprofiel.py")
    at.selectbox(key="gemeente").set_value("GM0150").run()
    go(at, "app_pages/mijn_kern.py")
    at.selectbox(key="kern").set_value("hertme").run()
    go(at, "app_pages/kernprofiel.py")
    assert at.selectbox(key="gemeente").value == "alle"
    assert kern(at) == "hertme"
    assert "gemeente" not in at.query_params


def test_a_link_with_gemeente_and_kern_opens_both(app_env: Path) -> None:
    at = fresh("app_pages/evaluatie.py", gemeente="Losser", kern="overdinkel")
    assert at.selectbox(key="gemeente").value == "GM0168"
    assert kern(at) == "overdinkel"
    conflicting = fresh("app_pages/evaluatie.py", gemeente="GM0150", kern="overdinkel")
    assert conflicting.selectbox(key="gemeente").value == "alle"  # the kern wins
    assert kern(conflicting) == "overdinkel"


def test_all_kernen_on_deelname_keeps_the_kern_for_the_one_kern_pages(app_env: Path) -> None:
    at = fresh("app_pages/deelname.py", kern="hertme")
    at.selectbox(key="kern").set_value("alle").run()
    assert "kern" not in at.query_params
    go(at, "app_pages/kennisplein.py")
    assert kern(at) == "alle"
    go(at, "app_pages/mijn_kern.py")
    assert kern(at) == "hertme"


def kern_select_script() -> None:
    """The way the Gegevens page uses the shared kern: two selectboxes in the main area."""
    import streamlit as st

    from sv_analytics import access
    from sv_analytics.ui import filters, viewer

    viewer.set_current(access.LOCAL)  # no router here, so no gate: the local beheerder
    template = filters.kern_filter(where="main", key="kern_sjabloon", label="Kern")
    upload = filters.kern_filter(where="main", key="kern_upload", label="Kern")
    st.write(f"{template}|{upload}")


def test_kern_filter_in_the_main_area_follows_and_sets_the_shared_kern(app_env: Path) -> None:
    at = AppTest.from_function(kern_select_script, default_timeout=60)
    at.session_state["sv_kern"] = "hertme"  # chosen on another page
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.sidebar.selectbox
    assert [s.value for s in at.main.selectbox] == ["hertme", "hertme"]
    at.selectbox(key="kern_upload").set_value("lutten").run()
    assert [s.value for s in at.main.selectbox] == ["lutten", "lutten"]
    assert at.session_state["sv_kern"] == "lutten"
    assert at.query_params["kern"] == "lutten"
    assert at.markdown[0].value == "lutten|lutten"


def test_shared_kern_on_a_database_without_monitoring_data(empty_app_env: Path) -> None:
    at = fresh("app_pages/deelname.py", kern="hertme")
    assert kern(at) == "hertme"
    go(at, "app_pages/mijn_kern.py")
    assert kern(at) == "hertme"
