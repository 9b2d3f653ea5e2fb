"""Kennisplein: search, filter and present the good practices and lessons of the kernen.

Why the search is done here, in Python: DuckDB's full-text extension cannot be loaded on the
servers, and the kennisplein holds a few dozen to a few hundred short texts, so a plain scan
is instant. The rules, for Dutch users:

* case and accents do not matter: ``"Beëindigd"``, ``"beeindigd"`` and ``"BEEINDIGD"`` are
  the same (Unicode NFKD, combining marks dropped, casefold);
* every word of the query must occur in the title or the body (AND);
* a query word may be part of a longer word, so ``"wandel"`` finds ``"wandelvoetbal"`` and
  ``"verwijzen"`` finds ``"doorverwijzen"`` (Dutch makes compounds);
* ranking (:func:`score`): per query word 3 points when it occurs in the title, 1 point when
  it occurs in the body, and 1 extra point when it begins a word somewhere (a whole-word or
  prefix hit is a better match than a hit inside a compound). Ties: newest first.

Everything an item or a visitor wrote is shown as *plain text* (:func:`fmt.escape_markdown`,
:func:`highlight`): the item texts come from uploaded workbooks and the query from the URL
(``?kp_zoek=``), so a link someone shares must not be able to put headings, links, tables,
images or HTML on the page. Only the item's own web addresses become links, and only when
they are well-formed https addresses (:func:`source_links`).

No Streamlit here; the page calls these functions through ``state.run``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import duckdb
import pandas as pd

from sv_analytics import fmt, lookups, queries, tables, timeline, vocab
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

TITLE_POINTS = 3
BODY_POINTS = 1
WORD_START_POINTS = 1
PAGE_SIZE = 10
_WORD = re.compile(r"\w+")
#: Host names of the item's own links: ASCII labels (an international name in its
#: ``xn--`` form, so that look-alike letters cannot pose as another site) and a dot.
_HOST = re.compile(r"(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
#: What stays unencoded in a link target: no spaces, quotes, brackets, parentheses or
#: backslashes, which could end the Markdown link early.
_URL_SAFE = "/%-._~!$&*+,;=:@"


def normalize(text: str) -> str:
    """Lower case without accents, so that a search ignores both (``"Éé"`` → ``"ee"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def terms(query: str | None) -> tuple[str, ...]:
    """The words of a query, normalised and without repeats; punctuation separates words."""
    return tuple(dict.fromkeys(_WORD.findall(normalize(query or ""))))


def _starts_a_word(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}", text) is not None


def score(title: str, body: str, words: tuple[str, ...]) -> int:
    """The rank of one item for the query words; 0 when a word occurs nowhere (no match).

    Per word: title hit 3, body hit 1, and 1 more when the word begins a word in the title or
    body. An empty query gives 0 for every item (nothing to rank by).
    """
    title_n, body_n = normalize(title), normalize(body)
    total = 0
    for word in words:
        in_title, in_body = word in title_n, word in body_n
        if not (in_title or in_body):
            return 0
        total += TITLE_POINTS * in_title + BODY_POINTS * in_body
        total += WORD_START_POINTS * (_starts_a_word(word, title_n) or _starts_a_word(word, body_n))
    return total


def search(frame: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """The items that match every word of ``query``, best first, with a ``score`` column.

    Without query words all items are kept in their order (newest first) with score 0.
    """
    words = terms(query)
    found = frame.assign(score=0).reset_index(drop=True)
    if not words or found.empty:
        return found
    found["score"] = [score(ti, bo, words) for ti, bo in zip(found["title"], found["body"], strict=True)]
    found = found[found["score"] > 0]
    return found.sort_values(["score", "published_on"], ascending=[False, False], kind="stable").reset_index(
        drop=True
    )


def items(
    conn: duckdb.DuckDBPyConnection,
    *,
    query: str | None = None,
    gemeente: str | None = None,
    kern: str | None = None,
    theme: str | None = None,
    phase: int | None = None,
    kind: str | None = None,
    doelgroep: str | None = None,
) -> pd.DataFrame:
    """The kennisplein items matching the filters (in SQL) and the query (here), ranked."""
    frame = queries.run(
        conn, "kennisplein_items", gemeente=gemeente, kern=kern, theme=theme, phase=phase, kind=kind,
        doelgroep=doelgroep,
    )  # fmt: skip
    return search(frame, query)


def themes(conn: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The theme codes in use, for the theme filter (only themes that have items)."""
    return tuple(queries.run(conn, "kennisplein_themes")["theme"])


def theme_label(code: str) -> str:
    """A theme is a BRAVO theme or a factor category; its Dutch label from either list."""
    return vocab.BRAVO_THEME.get(code) or vocab.FACTOR_CATEGORY.get(code) or code


def kind_label(code: str) -> str:
    return vocab.KENNIS_KIND.get(code, code)


def phase_label(phase: int | None) -> str:
    return (
        t("common.unknown")
        if phase is None or pd.isna(phase)
        else vocab.PHASE.get(str(int(phase)), str(phase))
    )


def group_labels(codes: str) -> str:
    """``"chronisch,overgewicht"`` → ``"Chronische aandoening, Overgewicht"`` ('' for none)."""
    return ", ".join(vocab.DOELGROEP.get(c, c) for c in codes.split(",") if c)


BOLD = "**{}**"
#: Titles are headings, bold already: there a hit gets a background colour instead.
MARKED = ":orange-background[{}]"


def highlight(text: str, words: tuple[str, ...], mark: str = BOLD, *, multiline: bool = True) -> str:
    """Markdown of ``text`` as plain text, with every word that contains a query word marked.

    The whole word is marked ("**wandelvoetbal**" for "wandel"): bold inside a word is hard
    to read. Everything else is escaped (see :func:`fmt.escape_markdown`), so it shows as written;
    with ``multiline`` its line breaks and blank lines (paragraphs) stay, else it is one line.
    """
    prepared = fmt.plain_lines(text) if multiline else fmt.one_line(text)
    prepared = fmt.break_autolinks(prepared)
    parts: list[str] = []
    position = 0
    for match in _WORD.finditer(prepared):
        parts.append(fmt.escape_punctuation(prepared[position : match.start()]))
        word = fmt.escape_punctuation(match.group())
        hit = any(w in normalize(match.group()) for w in words)
        parts.append(mark.format(word) if hit else word)
        position = match.end()
    parts.append(fmt.escape_punctuation(prepared[position:]))
    return "".join(parts).replace("\n", "  \n")  # two spaces: a line break, not a new paragraph


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Card:
    """One search result as the page shows it (markdown strings, Dutch formats)."""

    item_id: str
    kern: str
    title: str
    meta: str
    body: str
    links: tuple[Link, ...]
    #: The item's own web addresses (from the workbook's Kennisplein sheet) that are safe to
    #: link to; the others, as plain text, in ``unlinked``.
    sources: tuple[Link, ...] = ()
    unlinked: tuple[str, ...] = ()


def kern_links(kern_id: str, kern_name: str) -> tuple[Link, ...]:
    """Links to the kern's figures on the other pages.

    Every page takes ``?kern=<kern_id>`` (the shared kern filter).
    """
    kern_q = quote(kern_id)
    return (
        Link(t("kp.link_profile"), f"/kernprofiel?kern={kern_q}"),
        Link(t("kp.link_mijn_kern"), f"/mijn_kern?kern={kern_q}"),
        Link(t("kp.link_deelname"), f"/deelname?kern={kern_q}"),
    )


def safe_https_url(text: str) -> str | None:
    """``text`` as a link target when it is a well-formed https address, else None.

    Refused: other schemes (http, javascript:, data: …), user names or passwords in the
    address (``https://bank.nl@evil.example``), host names that are not plain DNS names,
    spaces and control characters. Characters that could end a Markdown link are
    percent-encoded.
    """
    if not text or len(text) > 500 or any(c.isspace() or ord(c) < 32 or c == "\\" for c in text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() != "https" or parts.username is not None or parts.password is not None:
        return None
    if not _HOST.fullmatch(host):
        return None
    url = f"https://{host}{f':{port}' if port else ''}{quote(parts.path, safe=_URL_SAFE) or '/'}"
    if parts.query:
        url += "?" + quote(parts.query, safe=_URL_SAFE + "?")
    if parts.fragment:
        url += "#" + quote(parts.fragment, safe=_URL_SAFE + "?")
    return url


def source_links(text: object) -> tuple[Link, ...]:
    """The item's well-formed https addresses ('a; b') as links labelled by their host."""
    found = []
    for address in _addresses(text):
        if (url := safe_https_url(address)) is not None:
            found.append(Link(fmt.escape_punctuation(urlsplit(url).hostname or ""), url))
    return tuple(found)


def unlinked_sources(text: object) -> tuple[str, ...]:
    """The item's other addresses (http, malformed), as plain text: shown, not linked."""
    return tuple(fmt.escape_markdown(a) for a in _addresses(text) if safe_https_url(a) is None)


def _addresses(text: object) -> list[str]:
    if not isinstance(text, str):
        return []
    return [a.strip() for a in text.split(";") if a.strip()]


def _meta(row: pd.Series) -> str:
    parts = [
        f"**{fmt.escape_markdown(kind_label(row['kind']))}**",
        f"{row['kern']} ({row['gemeente']})",
        t("kp.meta_theme", theme=theme_label(row["theme"])),
        t("kp.meta_phase", phase=phase_label(row["phase"])),
    ]
    if groups := group_labels(row["doelgroepen"]):
        parts.append(t("kp.meta_groups", groups=groups))
    parts.append(t("kp.meta_published", day=fmt.day(timeline.as_date(row["published_on"]))))
    return " · ".join(fmt.escape_markdown(p) if i else p for i, p in enumerate(parts))


def cards(frame: pd.DataFrame, query: str | None = None) -> list[Card]:
    """Result cards for the rows of ``frame`` (one page of :func:`items`), query words in bold."""
    words = terms(query)
    return [
        Card(
            item_id=row["item_id"],
            kern=fmt.escape_markdown(row["kern"]),
            title=highlight(row["title"], words, MARKED, multiline=False),
            meta=_meta(row),
            body=highlight(row["body"], words),
            links=kern_links(row["kern_id"], row["kern"]),
            sources=source_links(row.get("links")),
            unlinked=unlinked_sources(row.get("links")),
        )
        for _, row in frame.iterrows()
    ]


def page_count(n_results: int, size: int = PAGE_SIZE) -> int:
    """Number of result pages (at least 1, so that a pager always has a valid value)."""
    return max(1, -(-n_results // size))


def page_rows(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Rows of result page ``page`` (1-based; clamped to the pages that exist)."""
    page = min(max(1, page), page_count(len(frame), size))
    return frame.iloc[(page - 1) * size : page * size]


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """Number of items per theme and kind (Dutch labels), for the overview chart."""
    if frame.empty:
        return pd.DataFrame(columns=["theme", "kind", "items"])
    counts = frame.groupby(["theme", "kind"], as_index=False).size().rename(columns={"size": "items"})
    return counts.assign(theme=counts["theme"].map(theme_label), kind=counts["kind"].map(kind_label))


def table(frame: pd.DataFrame, query: str | None = None) -> Table:
    """All matching items as a download table: Dutch labels, the publication date as a date and
    the search score as a number (only with a query: without one every score is 0)."""
    shown = frame.assign(
        kind_label=frame["kind"].map(kind_label),
        theme_label=frame["theme"].map(theme_label),
        phase_label=frame["phase"].map(phase_label),
        groups=frame["doelgroepen"].map(group_labels),
        published=frame["published_on"].map(timeline.as_date),
    )
    score = (
        [Column("score", t("kp.col.score"), kind="count", indicator="kennisplein_zoekscore")]
        if terms(query)
        else []
    )
    columns = [
        Column("title", t("kp.col.title"), indicator="kennisplein_items"),
        Column("kind_label", t("kp.col.kind")),
        *lookups.kern_columns("kern"),
        Column("theme_label", t("kp.col.theme")),
        Column("phase_label", t("kp.col.phase")),
        Column("groups", t("kp.col.groups"), missing=""),
        Column("published", t("kp.col.published"), kind="date"),
        *score,
        Column("body", t("kp.col.body")),
    ]
    return tables.table(shown, columns)
