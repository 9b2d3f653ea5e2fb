"""AppTest: the login gate, local mode, navigation by role and the page Gebruikers (Beheer).

A logged-in user is simulated the way AppTest does (``at.user`` with ``is_logged_in``), with
role and scope in the test database's ``app_user`` (added through ``users.add_user``): the
gate must take role and scope from there, never from the claims.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from sv_analytics import access, db, users
from sv_analytics.ui import auth
from tests.conftest import PROJECT, sent_text, sql

APP = str(PROJECT / "app.py")
ISS = "https://login.microsoftonline.com/tenant-id/v2.0"
ALL_PAGES = ["overzicht", "kernprofiel", "deelname", "mijn_kern", "wat_werkt", "sociale_kaart",
             "samenwerking", "evaluatie", "kennisplein", "rapport"]  # fmt: skip
KERN_NAMES = [row["name"] for row in csv.DictReader((PROJECT / "data" / "kernen.csv").open(encoding="utf-8"))]

PEOPLE = {
    "beheerder": {"role": "beheerder", "email": "bea@sportservice.nl", "name": "Bea Beheer"},
    "evaluator": {"role": "evaluator", "email": "eva@universiteit.nl", "name": "Eva Evaluator"},
    "gemeente": {"role": "gemeente", "gemeente_code": "GM0150", "email": "gijs@deventer.nl", "name": "Gijs"},
    "projectleider": {
        "role": "projectleider",
        "kern_id": "bathmen",
        "email": "piet@bathmen.nl",
        "name": "Piet",
    },
}


@pytest.fixture(scope="module")
def people(app_db: Path) -> Path:
    """The module's database with one user per role (subject = the role's name)."""
    conn = db.connect(app_db)
    try:
        for subject, details in PEOPLE.items():
            users.add_user(conn, issuer=ISS, subject=subject, by="test", **details)
    finally:
        conn.close()
    return app_db


@pytest.fixture()
def address() -> Iterator[None]:
    """Give the test its own server.address and put the configured one back afterwards."""
    before = st_config.get_option("server.address")
    yield
    st_config.set_option("server.address", before)


def app(user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if user is not None:
        at.user = user
    return at.run()


def logged_in(subject: str, **claims: str) -> AppTest:
    return app({"is_logged_in": True, "iss": ISS, "sub": subject, **claims})


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def navigable(at: AppTest, page: str) -> bool:
    """Whether the run's navigation offers app_pages/<page>.py (AppTest refuses other pages)."""
    try:
        at.switch_page(f"app_pages/{page}.py")
    except ValueError:
        return False
    return True


def assert_no_data(at: AppTest) -> None:
    """No figure, table, chart or map, and no kern named anywhere on the page."""
    assert not at.metric and not at.dataframe and not at.table
    assert not at.get("vega_lite_chart") and not at.get("deck_gl_json_chart")
    text = sent_text(at)
    assert [name for name in KERN_NAMES if name in text] == []


def viewer_of(at: AppTest) -> access.Viewer:
    return at.session_state["sv_viewer"]


# ---------------------------------------------------------------------------- local mode


def test_local_mode_says_so_and_offers_every_page_including_beheer(app_env: Path) -> None:
    at = app()
    no_exception(at)
    local = [c for c in at.sidebar.caption if "Lokale modus" in c.value]
    assert len(local) == 1 and "127.0.0.1" in local[0].proto.help
    assert viewer_of(at) == access.LOCAL and not viewer_of(at).exact
    assert at.sidebar.toggle(key=auth.EXACT_KEY).value is False
    assert not [b for b in at.sidebar.button if b.label == "Uitloggen"]
    for page in [*ALL_PAGES, "gegevens", "beheer"]:
        assert navigable(at, page), page
    at.switch_page("app_pages/beheer.py").run()
    no_exception(at)
    assert at.title[0].value == "Gebruikers en rollen"
    at.sidebar.toggle(key=auth.EXACT_KEY).set_value(True).run()
    assert viewer_of(at).exact and viewer_of(at).local


def test_local_mode_refuses_a_network_address(app_env: Path, address: None, monkeypatch) -> None:
    for refused in ("0.0.0.0", "192.168.1.20", None):  # None: Streamlit listens on every interface
        st_config.set_option("server.address", refused)
        at = app()
        no_exception(at)
        assert len(at.error) == 1 and "Deze app start niet op netwerkadres" in at.error[0].value
        assert "SV_ALLOW_NETWORK=1" in at.error[0].value and "127.0.0.1" in at.error[0].value
        assert "sv_viewer" not in at.session_state
        assert_no_data(at)
        at.switch_page("app_pages/gegevens.py").run()  # a page URL does not get past the refusal
        assert len(at.error) == 1 and "sv_viewer" not in at.session_state
        assert_no_data(at)
    # the documented override serves, and says it is reachable over the network
    monkeypatch.setenv(auth.ENV_ALLOW_NETWORK, "1")
    at = app()
    no_exception(at)
    assert any("bereikbaar via het netwerk" in w.value for w in at.sidebar.warning)
    assert viewer_of(at) == access.LOCAL
    # loopback addresses are fine without it
    monkeypatch.delenv(auth.ENV_ALLOW_NETWORK)
    for loopback in ("localhost", "::1", "127.0.0.1"):
        st_config.set_option("server.address", loopback)
        at = app()
        assert not at.error and viewer_of(at) == access.LOCAL, loopback


def test_with_login_a_network_address_is_allowed(people: Path, app_env: Path, address: None) -> None:
    st_config.set_option("server.address", "0.0.0.0")
    at = logged_in("evaluator")
    no_exception(at)
    assert not at.error and viewer_of(at).role is access.Role.EVALUATOR


def test_the_configuration_binds_loopback_with_xsrf_on() -> None:
    """./run-app serves with .streamlit/config.toml: loopback only, XSRF protection on."""
    import tomllib

    server = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    assert server["address"] == "127.0.0.1" and server["enableXsrfProtection"] is True


# ---------------------------------------------------------------------------- login mode


def test_a_logged_out_visitor_sees_the_login_page_and_nothing_else(app_env: Path) -> None:
    at = app({"is_logged_in": False})
    no_exception(at)
    assert [t.value for t in at.main.title] == ["Inloggen"]
    assert [b.label for b in at.button] == ["Inloggen"]
    assert "Sociaal Vitaal Monitor" in at.markdown[0].value
    assert "sv_viewer" not in at.session_state
    assert not at.sidebar.toggle and not at.warning  # no demo banner either
    assert_no_data(at)
    # a page URL does not get past the gate
    at.switch_page("app_pages/overzicht.py").run()
    assert [t.value for t in at.main.title] == ["Inloggen"]
    assert_no_data(at)


def test_an_unknown_user_sees_only_the_no_access_page(people: Path, app_env: Path) -> None:
    at = logged_in("niet-bekend", email="onbekend@example.nl", name="Onbekend")
    no_exception(at)
    assert [t.value for t in at.main.title] == ["Nog geen toegang"]
    assert "Vraag de beheerder" in at.markdown[0].value
    details = at.code[0].value
    assert "onbekend@example.nl" in details and ISS in details and "niet-bekend" in details
    assert [b.label for b in at.button] == ["Uitloggen"]
    assert "sv_viewer" not in at.session_state and not at.warning
    assert_no_data(at)
    # a known subject at another issuer is somebody else
    at = app({"is_logged_in": True, "iss": "https://elders.example", "sub": "beheerder"})
    assert [t.value for t in at.main.title] == ["Nog geen toegang"]
    assert_no_data(at)
    # logging out leads to the login page
    at.button[0].click().run()
    assert at.user == {"is_logged_in": False}
    at.run()
    assert [t.value for t in at.main.title] == ["Inloggen"]


def test_claims_never_grant_a_role(people: Path, app_env: Path) -> None:
    """A token that says role=beheerder (or names a known e-mail) is still unknown to the app."""
    at = logged_in("nieuw", email=PEOPLE["beheerder"]["email"], role="beheerder", roles="beheerder")
    assert [t.value for t in at.main.title] == ["Nog geen toegang"]
    assert_no_data(at)


@pytest.mark.parametrize(
    ("subject", "gegevens", "beheer", "switch", "exact"),
    [
        ("beheerder", True, True, True, False),
        ("evaluator", False, False, True, False),
        ("gemeente", False, False, False, False),
        ("projectleider", True, False, False, True),
    ],
)
def test_known_users_get_the_navigation_and_switch_of_their_role(
    people: Path, app_env: Path, subject: str, gegevens: bool, beheer: bool, switch: bool, exact: bool
) -> None:
    person = PEOPLE[subject]
    at = logged_in(subject, email=person["email"], name=person["name"])
    no_exception(at)
    current = viewer_of(at)
    assert (current.role, current.issuer, current.subject, current.exact) == (subject, ISS, subject, exact)
    assert current.scope == access.scope_for(
        access.Role(subject), gemeente_code=person.get("gemeente_code"), kern_id=person.get("kern_id")
    )
    # shown literally: escaped for st.markdown (no mailto autolink)
    account = " ".join(m.value for m in at.sidebar.markdown)
    assert auth.plain(person["name"]) in account and auth.plain(person["email"]) in account
    scope = {"beheerder": "alle kernen", "evaluator": "alle kernen", "gemeente": "gemeente Deventer",
             "projectleider": "kern Bathmen (Deventer)"}[subject]  # fmt: skip
    assert auth.plain(f"{subject} · {scope}") in [c.value for c in at.sidebar.caption]
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]
    assert not [c for c in at.sidebar.caption if "Lokale modus" in c.value]
    assert (len(at.sidebar.toggle) == 1) is switch
    for page in ALL_PAGES:
        assert navigable(at, page), page
    assert navigable(at, "gegevens") is gegevens
    assert navigable(at, "beheer") is beheer
    if switch:
        at.sidebar.toggle(key=auth.EXACT_KEY).set_value(True).run()
        assert viewer_of(at).exact


def test_a_removed_or_changed_user_is_treated_so_on_the_next_run(people: Path, app_env: Path) -> None:
    conn = db.connect(people)
    try:
        users.add_user(conn, issuer=ISS, subject="tijdelijk", role="evaluator", by="test")
        at = logged_in("tijdelijk")
        assert viewer_of(at).role is access.Role.EVALUATOR and navigable(at, "overzicht")
        users.change_user(conn, ISS, "tijdelijk", role="projectleider", kern_id="bathmen", by="test")
        at.run()
        assert viewer_of(at).scope == access.Scope(kern_id="bathmen") and navigable(at, "gegevens")
        users.remove_user(conn, ISS, "tijdelijk", by="test")
        at.run()
        assert [t.value for t in at.main.title] == ["Nog geen toegang"]
        assert_no_data(at)
    finally:
        conn.close()


def test_the_logout_button_logs_out(people: Path, app_env: Path) -> None:
    at = logged_in("evaluator")
    at.sidebar.button[0].click().run()
    assert at.user == {"is_logged_in": False}
    at.run()
    assert [t.value for t in at.main.title] == ["Inloggen"]


# ---------------------------------------------------------------------------- page Beheer


def beheer_page(user: dict | None = None) -> AppTest:
    at = app(user)
    at.switch_page("app_pages/beheer.py").run()
    no_exception(at)
    assert at.title[0].value == "Gebruikers en rollen"
    return at


def test_beheer_adds_changes_and_removes_a_user_through_the_widgets(people: Path, app_env: Path) -> None:
    at = beheer_page({"is_logged_in": True, "iss": ISS, "sub": "beheerder"})
    listed = at.dataframe[0].value
    assert sorted(listed["Subject"]) == sorted(PEOPLE)
    # a projectleider without a kern is refused in Dutch, nothing stored
    at.text_input(key="beheer_add_issuer").input(ISS)
    at.text_input(key="beheer_add_subject").input("nieuw-1")
    at.text_input(key="beheer_add_email").input("nieuw@olst-wijhe.nl")
    at.selectbox(key="beheer_add_role").set_value("projectleider").run()
    at.button(key="beheer_add").click().run()
    assert any("precies één kern" in e.value for e in at.error)
    assert sql(people, "SELECT count(*) AS n FROM app_user WHERE subject = 'nieuw-1'")["n"][0] == 0
    # with a kern it is stored, by the beheerder's name, and listed
    at.selectbox(key="beheer_add_kern").set_value("diepenveen")
    at.button(key="beheer_add").click().run()
    no_exception(at)
    assert [s.value for s in at.success] == [
        "Toegevoegd: nieuw@olst-wijhe.nl als projectleider (kern Diepenveen (Deventer))."
    ]
    row = sql(
        people,
        "SELECT role, kern_id, gemeente_code, email, created_by FROM app_user WHERE subject = 'nieuw-1'",
    )
    assert row.to_dict("records") == [
        {"role": "projectleider", "kern_id": "diepenveen", "gemeente_code": None,
         "email": "nieuw@olst-wijhe.nl", "created_by": "bea@sportservice.nl"}
    ]  # fmt: skip
    assert "nieuw-1" in set(at.dataframe[0].value["Subject"])
    assert at.text_input(key="beheer_add_subject").value == ""  # the form is empty again
    # change: make the new user a gemeente user of Deventer
    chosen = f"{ISS}\nnieuw-1"
    at.selectbox(key="beheer_user").set_value(chosen).run()
    role_box = next(s for s in at.selectbox if s.label == "Rol" and s.key.startswith("beheer_role_"))
    role_box.set_value("gemeente").run()
    gemeente_box = next(
        s for s in at.selectbox if s.key and s.key.startswith("beheer_change_") and "gemeente" in s.key
    )
    gemeente_box.set_value("GM0150").run()
    at.button(key="beheer_change").click().run()
    no_exception(at)
    assert [s.value for s in at.success] == [
        "Gewijzigd: nieuw@olst-wijhe.nl is nu gemeente (gemeente Deventer)."
    ]
    assert sql(
        people, "SELECT role, gemeente_code, kern_id FROM app_user WHERE subject = 'nieuw-1'"
    ).values.tolist() == [["gemeente", "GM0150", None]]
    # remove: only after the confirmation
    at.selectbox(key="beheer_user").set_value(chosen).run()
    assert at.button(key="beheer_remove").disabled
    next(c for c in at.checkbox if c.key.startswith("beheer_confirm_")).check().run()
    assert not at.button(key="beheer_remove").disabled
    at.button(key="beheer_remove").click().run()
    no_exception(at)
    assert [s.value for s in at.success] == ["Verwijderd: nieuw@olst-wijhe.nl."]
    assert sql(people, "SELECT count(*) AS n FROM app_user WHERE subject = 'nieuw-1'")["n"][0] == 0
    assert "nieuw-1" not in set(at.dataframe[0].value["Subject"])


def test_beheer_keeps_the_last_beheerder(people: Path, app_env: Path) -> None:
    at = beheer_page({"is_logged_in": True, "iss": ISS, "sub": "beheerder"})
    at.selectbox(key="beheer_user").set_value(f"{ISS}\nbeheerder").run()
    next(c for c in at.checkbox if c.key.startswith("beheer_confirm_")).check().run()
    at.button(key="beheer_remove").click().run()
    assert any("Bea Beheer is de laatste beheerder" in e.value for e in at.error)
    assert sql(people, "SELECT count(*) AS n FROM app_user WHERE subject = 'beheerder'")["n"][0] == 1


def test_beheer_in_local_mode_records_the_local_beheerder(people: Path, app_env: Path) -> None:
    at = beheer_page()
    assert any("Lokale modus" in i.value for i in at.info)
    at.text_input(key="beheer_add_issuer").input(ISS)
    at.text_input(key="beheer_add_subject").input("lokaal-toegevoegd")
    at.button(key="beheer_add").click().run()  # default role: evaluator
    row = sql(people, "SELECT role, created_by FROM app_user WHERE subject = 'lokaal-toegevoegd'")
    assert row.values.tolist() == [["evaluator", access.LOCAL_LABEL]]
