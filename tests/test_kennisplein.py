"""Unit tests of sv_analytics.kennisplein: the kennisplein search, its ranking and display frames."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest
from altair.utils import schemapi

from sv_analytics import fmt, kennisplein
from sv_analytics.charts import kennisplein as charts


def frame(*rows: tuple[str, str, date]) -> pd.DataFrame:
    """Items as the query returns them (only the columns the search reads)."""
    return pd.DataFrame(
        {
            "item_id": [f"i{n}" for n in range(len(rows))],
            "title": [r[0] for r in rows],
            "body": [r[1] for r in rows],
            "published_on": [r[2] for r in rows],
        }
    )


ITEMS = frame(
    ("Wandelvoetbal in het dorp", "Elke week op het sportpark.", date(2018, 3, 12)),
    ("Café als ontmoetingsplek", "Na het wandelen koffie in het café.", date(2018, 5, 1)),
    ("Samenwerking met de huisarts", "De POH verwijst door naar wandelvoetbal.", date(2018, 1, 9)),
    ("Beëindigd project", "Zonder vrijwilligers stopte het aanbod.", date(2017, 11, 2)),
)


def test_normalize_drops_case_and_accents() -> None:
    assert kennisplein.normalize("Beëindigd CAFÉ Ĳssel") == "beeindigd cafe ijssel"


def test_terms_split_on_punctuation_and_drop_repeats() -> None:
    assert kennisplein.terms("  Wandel, wandel; HUISARTS! ") == ("wandel", "huisarts")
    assert kennisplein.terms(None) == ()
    assert kennisplein.terms("  ") == ()


def test_a_word_may_be_a_prefix_or_part_of_a_compound() -> None:
    titles = set(kennisplein.search(ITEMS, "wandel")["title"])
    assert titles == {"Wandelvoetbal in het dorp", "Café als ontmoetingsplek", "Samenwerking met de huisarts"}
    assert set(kennisplein.search(ITEMS, "voetbal")["title"]) == {
        "Wandelvoetbal in het dorp",
        "Samenwerking met de huisarts",
    }


def test_case_and_accents_do_not_matter_in_query_or_text() -> None:
    assert list(kennisplein.search(ITEMS, "cafe")["title"]) == ["Café als ontmoetingsplek"]
    assert list(kennisplein.search(ITEMS, "CAFÉ")["title"]) == ["Café als ontmoetingsplek"]
    assert list(kennisplein.search(ITEMS, "beeindigd")["title"]) == ["Beëindigd project"]
    assert list(kennisplein.search(ITEMS, "BEËINDIGD")["title"]) == ["Beëindigd project"]


def test_every_word_of_the_query_must_occur() -> None:
    assert list(kennisplein.search(ITEMS, "wandel huisarts")["title"]) == ["Samenwerking met de huisarts"]
    assert kennisplein.search(ITEMS, "wandel zwembad").empty


def test_title_hits_rank_above_body_hits_and_ties_go_newest_first() -> None:
    ranked = kennisplein.search(ITEMS, "wandelvoetbal")
    assert list(ranked["title"]) == ["Wandelvoetbal in het dorp", "Samenwerking met de huisarts"]
    assert list(ranked["score"]) == [3 + 1, 1 + 1]  # title + word start; body + word start
    twins = frame(("Oud", "koffie", date(2017, 1, 1)), ("Nieuw", "koffie", date(2018, 1, 1)))
    assert list(kennisplein.search(twins, "koffie")["title"]) == ["Nieuw", "Oud"]


def test_score_rules() -> None:
    assert kennisplein.score("Wandelvoetbal", "", ("wandel",)) == 3 + 1
    assert kennisplein.score("", "wandelvoetbal", ("voetbal",)) == 1  # inside a compound: no bonus
    assert kennisplein.score("Café", "in het café", ("cafe",)) == 3 + 1 + 1
    assert kennisplein.score("Café", "", ("cafe", "thee")) == 0
    assert kennisplein.score("Café", "", ()) == 0


def test_an_empty_query_keeps_every_item_in_order() -> None:
    kept = kennisplein.search(ITEMS, "")
    assert list(kept["title"]) == list(ITEMS["title"])
    assert set(kept["score"]) == {0}


def test_highlight_bolds_whole_words_and_escapes_markdown() -> None:
    words = kennisplein.terms("wandel cafe")
    assert kennisplein.highlight("Na het wandelen koffie in het café.", words) == (
        r"Na het **wandelen** koffie in het **café**\."
    )
    assert kennisplein.highlight("Kosten $5 *of* [meer]", ()) == r"Kosten \$5 \*of\* \[meer\]"


WJ = fmt.WORD_JOINER


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("# Kop", r"\# Kop"),
        ("Kop\n===", "Kop  \n\\=\\=\\="),
        ("| a | b |\n|---|---|", "\\| a \\| b \\|  \n\\|\\-\\-\\-\\|\\-\\-\\-\\|"),
        ("[link](http://evil.example)", rf"\[link\]\(http\:{WJ}\/\/evil\.example\)"),
        ("![x](https://evil.example/x.png)", rf"\!\[x\]\(https\:{WJ}\/\/evil\.example\/x\.png\)"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
        ("zie WWW.evil.example", rf"zie WWW{WJ}\.evil\.example"),
        ("boef@evil.example", rf"boef\@{WJ}evil\.example"),
        (":red[rood] :smile: $x$", r"\:red\[rood\] \:smile\: \$x\$"),
        ("- een\n1. twee\n> drie", "\\- een  \n1\\. twee  \n\\> drie"),
        ("    ingesprongen", "ingesprongen"),  # four spaces would make a code block
        ("&amp; `code` ~~weg~~", r"\&amp\; \`code\` \~\~weg\~\~"),
    ],
)
def test_item_text_is_shown_literally(text: str, shown: str) -> None:
    """Every ASCII punctuation character is backslash-escaped (CommonMark: then literal); a
    word joiner breaks the spots where GitHub Markdown would link a bare address."""
    assert kennisplein.highlight(text, ()) == shown


def test_line_breaks_and_paragraphs_survive() -> None:
    text = "Eerste regel\r\ntweede regel\n\nNieuwe alinea"
    assert kennisplein.highlight(text, ()) == "Eerste regel  \ntweede regel  \n  \nNieuwe alinea"
    assert kennisplein.highlight(text, (), multiline=False) == "Eerste regel tweede regel Nieuwe alinea"
    assert fmt.escape_markdown("# a\nb") == r"\# a b"  # the query: one line


def test_pages_of_results() -> None:
    assert kennisplein.page_count(0) == 1
    assert kennisplein.page_count(10) == 1
    assert kennisplein.page_count(11) == 2
    rows = pd.DataFrame({"x": range(23)})
    assert list(kennisplein.page_rows(rows, 3)["x"]) == [20, 21, 22]
    assert list(kennisplein.page_rows(rows, 9)["x"]) == [20, 21, 22]  # clamped


def test_kern_links_point_to_the_kern_pages() -> None:
    links = kennisplein.kern_links("kamperpoort-veerallee", "Kamperpoort-Veerallee")
    assert [link.url for link in links] == [
        "/kernprofiel?kern=kamperpoort-veerallee",
        "/mijn_kern?kern=kamperpoort-veerallee",
        "/deelname?kern=kamperpoort-veerallee",
    ]


def test_an_items_own_links_are_shown_by_host() -> None:
    links = kennisplein.source_links("https://www.sportservice-overijssel.nl/a; http://example.org/x y")
    assert [(link.label, link.url) for link in links] == [
        (r"www\.sportservice\-overijssel\.nl", "https://www.sportservice-overijssel.nl/a"),
    ]
    # an http address is shown, as text, not as a link
    assert kennisplein.unlinked_sources("https://a.example/; http://example.org/x y") == (
        rf"http\:{WJ}\/\/example\.org\/x y",
    )
    assert kennisplein.source_links(None) == () and kennisplein.source_links("") == ()


@pytest.mark.parametrize(
    "address",
    [
        "http://example.org/",
        "javascript:alert(1)",
        "JaVaScRiPt://example.org/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://bank.nl@evil.example/",
        "https://user:pw@example.org/",
        "https:///pad",
        "https://localhost/",
        "https://10.0.0.1/",
        "https://exa mple.org/",
        "https://example.org/a b",
        "https://example.org\\@evil.example/",
        "https://example.org:99999/",
        "//example.org/",
        "https://" + "a" * 500 + ".nl/",
    ],
)
def test_only_well_formed_https_addresses_become_links(address: str) -> None:
    assert kennisplein.safe_https_url(address) is None
    assert kennisplein.source_links(address) == ()
    assert len(kennisplein.unlinked_sources(address)) == 1


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("https://Example.ORG", "https://example.org/"),
        ("https://example.org:8443/a/b?x=1&y=2#deel", "https://example.org:8443/a/b?x=1&y=2#deel"),
        # characters that could end a Markdown link are percent-encoded
        ("https://example.org/a)b(c<d>\"e'[f]", "https://example.org/a%29b%28c%3Cd%3E%22e%27%5Bf%5D"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),  # shown as the real host
    ],
)
def test_https_addresses_are_linked_cleaned(address: str, url: str) -> None:
    assert kennisplein.safe_https_url(address) == url


def test_labels_for_themes_of_both_lists() -> None:
    assert kennisplein.theme_label("bewegen") == "Bewegen"  # BRAVO theme
    assert kennisplein.theme_label("vrijwilligers") == "Vrijwilligers"  # factor category
    assert kennisplein.theme_label("iets_anders") == "iets_anders"
    assert kennisplein.group_labels("chronisch,senioren") == "Chronische aandoening, Senioren (65+)"
    assert kennisplein.group_labels("") == ""


def test_items_filters_in_sql_and_searches(demo_conn: duckdb.DuckDBPyConnection) -> None:
    everything = kennisplein.items(demo_conn)
    assert len(everything) == demo_conn.execute("SELECT count(*) FROM kennisplein_item").fetchone()[0]
    lessons = kennisplein.items(demo_conn, kind="les", theme="vrijwilligers", phase=4)
    expected = demo_conn.execute(
        "SELECT count(*) FROM kennisplein_item WHERE kind = 'les' AND theme = 'vrijwilligers' AND phase = 4"
    ).fetchone()[0]
    assert len(lessons) == expected > 0
    chronisch = kennisplein.items(demo_conn, doelgroep="chronisch", query="huisarts")
    expected = demo_conn.execute(
        "SELECT count(*) FROM kennisplein_item i JOIN kennisplein_target_group g USING (item_id) "
        "WHERE g.doelgroep = 'chronisch' AND (i.title ILIKE '%huisarts%' OR i.body ILIKE '%huisarts%')"
    ).fetchone()[0]
    assert len(chronisch) == expected > 0


def test_overview_counts_and_chart_is_valid_vega_lite(demo_conn: duckdb.DuckDBPyConnection) -> None:
    found = kennisplein.items(demo_conn)
    counts = kennisplein.overview(found)
    assert counts["items"].sum() == len(found)
    assert set(counts["kind"]) <= {"Goede praktijk", "Geleerde les"}
    chart = charts.items_per_theme(counts)
    with schemapi.debug_mode(True):
        chart.to_dict(validate=True)


@pytest.mark.parametrize("query", [None, "huisarts"])
def test_table_has_dutch_headers_and_a_score_only_with_a_query(
    demo_conn: duckdb.DuckDBPyConnection, query: str | None
) -> None:
    shown = kennisplein.table(kennisplein.items(demo_conn, query=query), query).display()
    assert ("Zoekscore" in shown.columns) == bool(query)
    assert shown["Gepubliceerd"].str.fullmatch(r"\d{1,2} [a-z]{3} \d{4}").all()


def test_cards_mark_hits_in_titles_with_a_background_and_in_bodies_in_bold(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    card = kennisplein.cards(kennisplein.items(demo_conn, query="huisarts").head(1), "huisarts")[0]
    assert ":orange-background[huisartsenpraktijk]" in card.title
    assert card.body.startswith("**Huisarts**")
    assert "gepubliceerd 11 dec 2018" in card.meta
