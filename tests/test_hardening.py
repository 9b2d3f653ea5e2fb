"""What the app shows to strangers (issue 12, point 6), through AppTest and the functions the
app calls: no server paths or stack traces in any message, item and search text on the
Kennisplein shown as plain text (never as Markdown), and the security options in
.streamlit/config.toml. The browser side of the same is tests/e2e/test_hardening_browser.py;
the options are explained in docs/SECURITY.md.
"""

from __future__ import annotations

import io
import re
import shutil
import site
import sys
import tempfile
import tomllib
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pytest
from google.protobuf import text_format
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from sv_analytics import config, exports, fmt, kennisplein
from sv_analytics.texts import t
from tests.conftest import PROJECT, open_app_page

APP = str(PROJECT / "app.py")
KENNISPLEIN = "app_pages/kennisplein.py"
GEGEVENS = "app_pages/gegevens.py"
CONFIG_TOML = PROJECT / ".streamlit" / "config.toml"
SECURITY_MD = PROJECT / "docs" / "SECURITY.md"
WJ = fmt.WORD_JOINER

# ------------------------------------------------------------------------- what a page shows


def shown_text(at: AppTest) -> str:
    """Every text the run sent to the browser: each element's protobuf (labels, help, bodies,
    messages, exception fields) and each table's cells. ``at._tree`` is AppTest's element tree
    of all containers (main, sidebar, toasts), the only place that has them all."""
    parts: list[str] = []
    for node in at._tree:
        value = getattr(node, "value", None) if node.type == "arrow_data_frame" else None
        if value is not None:
            parts.append(value.to_csv())
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            parts.append(text_format.MessageToString(proto, as_utf8=True))
    return "\n".join(parts)


def server_places(*extra: Path) -> list[str]:
    """Paths of this server that no visitor should see: the project, the interpreter and its
    packages, the temp folder (uploads are written there), the test's own folders."""
    places = [str(PROJECT), sys.prefix, *site.getsitepackages(), tempfile.gettempdir() + "/"]
    places += [str(p) for p in extra]
    return sorted(set(places), key=len, reverse=True)


LEAK_MARKS = ("Traceback", 'File "/', "site-packages", "sv-upload-", "sv-reader-", '.py", line')


def assert_no_leak(text: str, *extra: Path) -> None:
    for place in server_places(*extra):
        assert place not in text, f"server path {place!r} shown:\n{text[:3000]}"
    for mark in LEAK_MARKS:
        assert mark not in text, f"{mark!r} shown:\n{text[:3000]}"


def messages(at: AppTest) -> str:
    """The alerts and exceptions of a run, as one text (for the Dutch content checks)."""
    kinds: Iterable = (*at.error, *at.warning, *at.info, *at.success, *at.toast)
    return "\n".join([*(e.value for e in kinds), *(e.message for e in at.exception)])


# ------------------------------------------------------------------------------ the config


def test_config_toml_has_the_security_settings() -> None:
    """XSRF on, no error details, loopback only (A sets the first; see docs/SECURITY.md)."""
    settings = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))
    server, client, browser = settings["server"], settings["client"], settings["browser"]
    assert server.get("enableXsrfProtection") is True
    assert server.get("enableCORS", True) is True
    assert server.get("address") == "127.0.0.1"
    assert client.get("showErrorDetails") == "none"
    assert client.get("toolbarMode") == "minimal"
    assert browser.get("gatherUsageStats") is False


def _streamlit_options() -> set[str]:
    from streamlit import config as st_config

    st_config.get_config_options()
    return set(st_config._config_options)


def test_every_option_in_the_security_guide_exists_and_every_set_option_is_explained() -> None:
    """docs/SECURITY.md names only options Streamlit 1.67 has, and explains every option the
    project sets in .streamlit/config.toml (a setting nobody explained is a setting nobody
    checks)."""
    guide = SECURITY_MD.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:server|client|browser|global|logger|runner)\.[A-Za-z]+)`", guide))
    assert len(named) >= 12, named
    assert named <= _streamlit_options(), sorted(named - _streamlit_options())
    settings = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))
    used = {
        f"{section}.{key}" for section, values in settings.items() for key in values if section != "theme"
    }
    assert used <= named, f"not explained in docs/SECURITY.md: {sorted(used - named)}"


# -------------------------------------------------------------- unexpected errors, in a page


@pytest.fixture(scope="module")
def broken_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database missing the table of Evaluatie's sub-goal scores: that page fails with
    DuckDB's CatalogException (a bug, not a user error), the other pages work."""
    path = tmp_path_factory.mktemp("kapot") / "kapot.duckdb"
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as conn:
        conn.execute("DROP TABLE evaluation_subgoal")
    return path


def test_an_unexpected_error_shows_no_type_message_or_trace(
    broken_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """client.showErrorDetails = "none" (read from .streamlit/config.toml in the project folder,
    also by AppTest): the exception element carries Streamlit's generic text only."""
    from streamlit import config as st_config

    assert st_config.get_option("client.showErrorDetails") == "none"
    monkeypatch.setenv(config.ENV_DB_PATH, str(broken_db))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/evaluatie.py").run()
    assert at.exception or at.error, "the page was meant to fail"
    for exception in at.exception:
        assert exception.stack_trace == []
        assert not exception.proto.type
    text = shown_text(at)
    assert_no_leak(text, broken_db.parent)
    for detail in ("evaluation_subgoal", "CatalogException", "Catalog Error", "duckdb"):
        assert detail not in text


def test_a_failing_page_says_so_in_dutch_outside_the_test_suite(
    broken_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without SV_PAGE_ERRORS=raise (which the test suite sets, so that page bugs fail tests)
    the router turns a page's exception into its Dutch message, and the next page still works."""
    monkeypatch.delenv(config.ENV_PAGE_ERRORS)
    monkeypatch.setenv(config.ENV_DB_PATH, str(broken_db))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/evaluatie.py").run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("app.unexpected_error")]
    assert_no_leak(shown_text(at), broken_db.parent)
    at.switch_page("app_pages/kennisplein.py").run()
    assert not at.exception and not at.error


# -------------------------------------------------------------------- database failures


def _corrupt(folder: Path) -> Path:
    path = folder / "kapot.duckdb"
    path.write_text("geen database\n" * 50)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "map.duckdb"
    path.mkdir()
    return path


def _newer(folder: Path, demo_db: Path) -> Path:
    path = folder / "nieuwer.duckdb"
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as conn:
        conn.execute("UPDATE schema_meta SET value = '99' WHERE key = 'schema_version'")
    return path


@pytest.mark.parametrize(
    ("case", "read_only", "name"),
    [
        ("corrupt", False, "kapot.duckdb"),
        ("directory", False, "map.duckdb"),
        ("newer", False, "nieuwer.duckdb"),
        ("missing_read_only", True, "nergens.duckdb"),
        ("missing_folder_read_only", True, "nergens.duckdb"),
    ],
)
def test_database_failures_name_only_the_file(
    case: str, read_only: bool, name: str, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "geheime-map"
    folder.mkdir()
    path = {
        "corrupt": lambda: _corrupt(folder),
        "directory": lambda: _directory(folder),
        "newer": lambda: _newer(folder, demo_db),
        "missing_read_only": lambda: folder / "nergens.duckdb",
        "missing_folder_read_only": lambda: folder / "niet" / "hier" / "nergens.duckdb",
    }[case]()
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    if read_only:
        monkeypatch.setenv(config.ENV_READ_ONLY, "1")
    at = AppTest.from_file(APP, default_timeout=120).run()
    shown = messages(at)
    assert name in shown, shown  # the message says which file
    assert "kan niet" in shown or "bestaat niet" in shown or "schemaversie" in shown, shown
    assert_no_leak(shown_text(at), tmp_path)
    assert "geheime-map" not in shown_text(at)


def test_a_failing_demo_build_shows_no_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start builds the demo through the CLI in a child process; when that fails
    (here: a reference folder that does not exist), the page says so in Dutch naming only the
    database file. The child's own words (which name the folder) go to the server log."""
    path = tmp_path / "geheime-map" / "sv.duckdb"
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_REFERENCE_DIR, str(tmp_path / "geheime-referenties"))
    at = AppTest.from_file(APP, default_timeout=120).run()
    shown = messages(at)
    assert "De demodatabase 'sv.duckdb' kon niet worden gebouwd" in shown, shown
    assert_no_leak(shown_text(at), tmp_path)


def test_the_footer_names_the_database_file_only(app_env: Path) -> None:
    at = open_app_page("app_pages/overzicht.py")
    footer = [c.value for c in at.caption if c.value.startswith("Database:")]
    assert footer and footer[0].startswith(f"Database: {app_env.name} ·"), footer
    assert_no_leak(shown_text(at), app_env.parent)


# --------------------------------------------------------------------------- bad uploads


def _xxe_workbook(app_env: Path, tmp_path: Path) -> bytes:
    from tests import hostile
    from tests.test_page_gegevens import workbook_bytes

    base = tmp_path / "basis.xlsx"
    base.write_bytes(workbook_bytes(app_env, tmp_path))
    return hostile.doctype_sheet_workbook(base, tmp_path, "xxe").read_bytes()


WORKBOOK_UPLOADS = [
    ("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 200),
    ("tekst.xlsx", b"dit is geen werkboek\n" * 20),
    ("leeg.xlsx", b""),
    ("../../etc/passwd.xlsx", b"PK\x03\x04 kapot"),
    ("C:\\Users\\boef\\Documenten\\werkboek.xlsx", b"dit is geen werkboek"),
    ("cijfers.csv", b"a;b\n1;2\n"),
]


@pytest.mark.parametrize(("name", "content"), WORKBOOK_UPLOADS, ids=[n for n, _ in WORKBOOK_UPLOADS])
def test_a_bad_workbook_upload_names_only_the_file(
    name: str, content: bytes, app_env: Path, tmp_path: Path
) -> None:
    at = open_app_page(GEGEVENS)
    at.file_uploader[0].upload(name, content).run()
    shown = messages(at)
    assert at.error, shown
    last_part = re.split(r"[\\/]", name)[-1]
    assert last_part in shown_text(at), shown
    assert "Users" not in shown and "etc/" not in shown and "../" not in shown, shown
    assert "upload.xlsx" not in shown_text(at)  # the temporary file's name
    assert_no_leak(shown_text(at), tmp_path, app_env.parent)


def test_a_hostile_workbook_upload_names_only_the_file(app_env: Path, tmp_path: Path) -> None:
    at = open_app_page(GEGEVENS)
    at.file_uploader[0].upload("xxe.xlsx", _xxe_workbook(app_env, tmp_path)).run()
    text = shown_text(at)
    assert at.error and "xxe.xlsx" in text, messages(at)
    assert "/etc/" not in text
    assert_no_leak(text, tmp_path, app_env.parent)


PUBLIC_UPLOADS = [
    ("kwb-2017.csv", b"\xff\xfe\x00\x00" + bytes(range(256)) * 8),
    ("grenzen.geojson", b'{"type": "FeatureCollection", "features": [{"type": '),
    ("diep.json", b"[" * 100_000 + b"]" * 100_000),
    ("rivm.xlsx", b"PK\x03\x04" + b"\x01" * 300),
]


@pytest.mark.parametrize(("name", "content"), PUBLIC_UPLOADS, ids=[n for n, _ in PUBLIC_UPLOADS])
def test_an_unreadable_public_file_names_only_the_file(
    name: str, content: bytes, app_env: Path, tmp_path: Path
) -> None:
    at = open_app_page(GEGEVENS)
    at.file_uploader(key="publiek").upload(name, content).run()
    at.button(key="publiek_inlezen").click().run()
    text = shown_text(at)
    assert at.error or at.exception, messages(at)
    assert name in text, messages(at)
    assert "upload" + Path(name).suffix not in text  # the temporary file's name
    assert_no_leak(text, tmp_path, app_env.parent)


def test_an_unknown_kern_in_a_link_is_shown_literally(app_env: Path) -> None:
    """The toast quotes the link's value in a code span, without its backticks: nothing in it
    can become Markdown."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["kern"] = "`[klik](http://evil.example)` # /etc/passwd"
    at.run()
    toasts = [t.value for t in at.toast]
    assert toasts and "`[klik](http://evil.example) # /etc/passwd`" in toasts[0], toasts
    assert_no_leak(shown_text(at), app_env.parent)


# ------------------------------------------------------------------ Kennisplein: plain text

HOSTILE_ID = "bathmen-vijandig"
HOSTILE_TITLE = "# Vijandig [link](http://evil.example) <b>vet</b> :red[rood]"
HOSTILE_BODY = "\n".join(
    [
        "## Kop in de tekst",
        "| kolom | kolom |",
        "|---|---|",
        "| 1 | 2 |",
        "",
        "Zie http://evil.example/pad, www.evil.example en boef@evil.example.",
        '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">',
        "![plaatje](https://evil.example/x.png) en [klik](https://evil.example)",
        "    ingesprongen code",
        "$x^2$ :smile: :material/home: ~~weg~~ **vet** 1. lijst",
        "Kop",
        "===",
    ]
)
HOSTILE_LINKS = "javascript:alert(1); http://evil.example/oud; https://bank.nl@evil.example/; https://goed.example/pad?a=1"
GOOD_LINK = "https://goed.example/pad?a=1"


def add_hostile_item(path: Path) -> None:
    """A kennisplein item of Bathmen, newest of all, whose every text is hostile: as if a
    workbook (or anything else that writes the table) had put it there."""
    with duckdb.connect(str(path)) as conn:
        dataset = conn.execute("SELECT min(dataset_id) FROM kennisplein_item").fetchone()[0]
        conn.execute(
            "INSERT INTO kennisplein_item VALUES (?, 'bathmen', 'les', ?, ?, 'bewegen', 4, DATE '2019-12-31', ?, ?)",
            [HOSTILE_ID, HOSTILE_TITLE, HOSTILE_BODY, dataset, HOSTILE_LINKS],
        )


@pytest.fixture()
def hostile_env(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with duckdb.connect(str(app_db)) as conn:
        present = conn.execute(
            "SELECT count(*) FROM kennisplein_item WHERE item_id = ?", [HOSTILE_ID]
        ).fetchone()
    if not present[0]:
        add_hostile_item(app_db)
    monkeypatch.setenv(config.ENV_DB_PATH, str(app_db))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return app_db


_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def literal_text(markdown: str) -> str:
    """The text a CommonMark renderer shows for ``markdown``, checked to be nothing but text.

    Written here, independently of sv_analytics.kennisplein: the only Markdown allowed is
    ``**word**`` (a search hit) and a line break (two spaces before a new line); every other
    ASCII punctuation character must be backslash-escaped, which CommonMark defines as "shown
    literally". The result has the backslashes and word joiners removed, and must contain no
    bare web or mail address, from which GitHub Markdown would make a link.
    """
    text = re.sub(r"\*\*(\w+)\*\*", r"\1", markdown).replace("  \n", "\n")
    shown, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            assert i + 1 < len(text) and text[i + 1] in _PUNCTUATION, f"bare backslash at {i}: {text!r}"
            shown.append(text[i + 1])
            i += 2
            continue
        assert char not in _PUNCTUATION, f"unescaped {char!r} at {i} in {text!r}"
        assert not (char in " \t" and (i == 0 or text[i - 1] == "\n") and text[i : i + 4].isspace()), (
            "indented"
        )
        shown.append(char)
        i += 1
    with_joiners = "".join(shown)
    for pattern in (r"(?i)https?://", r"(?i)www\.", r"\w@\w"):
        assert not re.search(pattern, with_joiners), f"{pattern} would become a link: {with_joiners!r}"
    return with_joiners.replace(WJ, "")


def link_targets(markdown: str) -> list[str]:
    """The targets of the Markdown links ``[text](target)`` whose brackets are not escaped."""
    return re.findall(r"(?<!\\)\]\(([^)\s]*)\)", markdown)


def card_markdown(at: AppTest) -> list[str]:
    """The markdown of the hostile item's card: title, meta line, body, sources, kern links."""
    found = [m.value for m in at.markdown]
    start = next(i for i, v in enumerate(found) if v.startswith("####") and "Vijandig" in v)
    return found[start : start + 5]


def test_hostile_item_text_is_shown_as_plain_text(hostile_env: Path) -> None:
    at = open_app_page(KENNISPLEIN, kp_zoek="vijandig")
    title, meta, body, sources, kern_links = card_markdown(at)
    assert title == (
        rf"#### \# :orange-background[Vijandig] \[link\]\(http\:{WJ}\/\/evil\.example\) "
        r"\<b\>vet\<\/b\> \:red\[rood\]"
    )
    # the body shows the text as written: every line (stripped of indentation), every paragraph
    assert literal_text(body) == "\n".join(line.strip() for line in HOSTILE_BODY.splitlines())
    assert "\n\n" in body  # the empty line: a new paragraph (st.markdown drops its blanks)
    assert link_targets(body) == [] and link_targets(title) == [] and link_targets(meta) == []
    # the item's own links: only the well-formed https one is a link, the others are text
    assert link_targets(sources) == [GOOD_LINK]
    linked, unlinked = sources.split("  \n")
    assert linked.startswith("Meer lezen: [") and unlinked.startswith("Niet als link getoond")
    assert [literal_text(part) for part in unlinked.split(": ", 1)[1].split(" · ")] == [
        "javascript:alert(1)",
        "http://evil.example/oud",
        "https://bank.nl@evil.example/",
    ]
    assert [t.split("?")[0] for t in link_targets(kern_links)] == ["/kernprofiel", "/mijn_kern", "/deelname"]
    # nothing anywhere on the page links to the attacker's site
    every_target = [t for m in at.markdown for t in link_targets(m.value)]
    assert not [t for t in every_target if "evil" in t or not t.startswith(("/", "https://"))], every_target


def test_hostile_search_text_is_shown_as_plain_text(hostile_env: Path) -> None:
    """?kp_zoek= comes from a link anyone can send: the count line quotes it literally."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(KENNISPLEIN)
    at.query_params["kp_zoek"] = "# Kop [link](http://evil.example)\n## twee"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    count = next(m.value for m in at.markdown if m.value.startswith("**0 resultaten**"))
    assert count == rf"**0 resultaten** voor “\# Kop \[link\]\(http\:{WJ}\/\/evil\.example\) \#\# twee”"
    assert link_targets(count) == []
    # a hostile query that finds the hostile item: both stay text
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(KENNISPLEIN)
    at.query_params["kp_zoek"] = "# Vijandig [link](http://evil.example)"
    at.run()
    count = next(m.value for m in at.markdown if m.value.startswith("**1 resultaat**"))
    assert (
        literal_text(count.removeprefix("**1 resultaat** "))
        == "voor “# Vijandig [link](http://evil.example)”"
    )


def test_a_formula_in_the_search_does_not_become_a_formula_in_the_export(
    hostile_env: Path, demo_conn: duckdb.DuckDBPyConnection
) -> None:
    """The query is recorded for the export's Toelichting sheet; quoted, so that a cell never
    starts with the visitor's '=' (Excel would run =HYPERLINK(…) as a formula)."""
    query = '=HYPERLINK("https://evil.example";"klik")'
    at = open_app_page(KENNISPLEIN, kp_zoek=query)
    choices = dict(at.session_state["sv_keuzes"])
    assert choices["Zoeken in titel en tekst"] == f"“{query}”"
    # the export as components.table makes it, with the choices this run recorded
    context = exports.ExportContext(title="Kennisplein", choices=list(choices.items()))
    data = exports.to_xlsx_bytes(kennisplein.table(kennisplein.items(demo_conn).head(3)), context)
    notes = load_workbook(io.BytesIO(data))[exports.NOTES_SHEET]
    cells = [
        c for row in notes.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells and all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]
