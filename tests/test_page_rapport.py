"""AppTest: the Rapport page builds the report of the shared filters' scope, shows its contents,
makes the PDF and PPTX on a click, caches them per data version and scope, and a gemeente
user's report holds only that gemeente's kernen.

The report's contents are checked in tests/test_report_build.py and the files in
tests/test_report_files.py; this file checks the page: which report, which buttons, the cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import db, users
from sv_analytics.report import build
from tests.conftest import PROJECT, open_app_page, sent_text
from tests.test_scope_pages import ISS, PEOPLE, kernen_named

PAGE = "app_pages/rapport.py"
DOWNLOADS = ["Presentatie (PPTX)", "Rapport (PDF)"]


def about(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Dit rapport gaat over"))


def contents(at: AppTest) -> str:
    [expander] = [e for e in at.expander if e.label.startswith("Inhoud")]
    return "\n".join(m.value for m in expander.markdown)


def make_files(at: AppTest) -> AppTest:
    at.button(key="rapport_make").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_without_a_gemeente_the_page_offers_the_programme_report(app_env: Path) -> None:
    at = open_app_page(PAGE)
    assert "het hele programma" in about(at) and "Eindrapportage 2018" in about(at)
    toc = contents(at)
    for section in ("Kerncijfers", "Deelname", "Evaluatie", "Kanttekeningen"):
        assert section in toc
    assert "het programma (22 kernen)" in toc
    assert not at.get("download_button")  # the files are made on request, not on every visit
    make_files(at)
    assert [b.proto.label for b in at.get("download_button")] == DOWNLOADS
    assert at.get("download_button")[1].proto.url  # the PDF is a media file of the session


def test_a_kern_gives_a_kern_report_and_the_moment_its_period(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0150", kern="bathmen")
    assert "Bathmen (gemeente Deventer)" in about(at)
    at.selectbox(key="rapport_moment").set_value("tussen_2017").run()
    assert "Tussenrapportage 2017, jan 2017 – nov 2017" in about(at)
    assert "Bathmen, jan 2017 – nov 2017" in contents(at)


def test_all_kernen_of_a_gemeente_gives_the_gemeente_report(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0150")
    assert "gemeente Deventer" in about(at)
    make_files(at)
    assert [b.proto.label for b in at.get("download_button")] == DOWNLOADS
    assert kernen_named(sent_text(at)) <= {"Bathmen", "Diepenveen"}


def test_the_report_and_its_files_are_built_once_per_data_version_and_scope(
    app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[build.Request] = []
    real = build.build_report

    def counting(conn, request, **kwargs):
        calls.append(request)
        return real(conn, request, **kwargs)

    monkeypatch.setattr(build, "build_report", counting)
    at = open_app_page(PAGE, gemeente="GM0168")  # Losser: no other test of this file builds it
    make_files(at)
    at.run()
    make_files(at)
    assert calls.count(build.Request("gemeente", "GM0168")) == 1


@pytest.fixture()
def gerda(app_db: Path) -> Path:
    conn = db.connect(app_db)
    try:
        if users.find_viewer(conn, ISS, "gerda") is None:
            users.add_user(conn, issuer=ISS, subject="gerda", by="test", **PEOPLE["gerda"])
    finally:
        conn.close()
    return app_db


def test_a_gemeente_user_gets_the_report_of_their_gemeente_and_nothing_else(
    gerda: Path, app_env: Path
) -> None:
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=120)
    at.user = {"is_logged_in": True, "iss": ISS, "sub": "gerda", "email": PEOPLE["gerda"]["email"]}
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "gemeente Almelo" in about(at)
    assert at.selectbox(key="gemeente").options == ["Almelo"]
    make_files(at)
    assert kernen_named(sent_text(at)) <= {"Aadorp", "Bornerbroek"}
