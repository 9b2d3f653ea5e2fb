"""A DuckDB cursor that sees only the kernen of one scope: the data layer of "who sees what".

Why in the data layer: pages, exports, reports and cached results all read through
``state.run``; if every query of a session runs on a cursor on which the content tables *are*
the scope's rows, no page can forget a ``WHERE`` and no cached result can hold another scope's
rows. So :func:`cursor` gives a cursor on which every content table is replaced by a TEMP VIEW
of the same name over ``<catalog>.main.<table>``, filtered to the scope. Queries keep their
plain names (``FROM kern``) and get the scope's rows, in subqueries, CTEs and joins alike.

DuckDB facts this rests on (checked with DuckDB 2.0, see tests/test_scope.py):

- TEMP objects belong to one DuckDB connection, and a cursor is a connection of its own: a
  TEMP view made on one cursor is invisible to every other cursor and to the parent.
- An unqualified name, and ``main.<table>``, resolve to the TEMP view first; only the
  catalog-qualified ``<catalog>.main.<table>`` reaches the base table, so the views name their
  tables that way (a view that named ``main.kern`` would read itself) and no query of the
  project names a catalog.
- ``cursor()`` on a DuckDB cursor opens yet another connection, *without* the TEMP views.
  Every query helper of the project runs on ``conn.cursor()`` (so that Streamlit's session
  threads can share one connection), so the scoped cursor is a thin wrapper whose
  ``cursor()`` returns the same scoped cursor. One scoped cursor serves one call in one
  thread, and every reader fetches a result before its next query, so sharing is safe.
- Creating the views costs about 0.5 ms per table (parse and bind; 30–40 ms for the ~60
  tables of schema 3), so :class:`CursorPool` keeps scoped cursors ready per scope, and the
  view statements are built once per schema, scope and members (:func:`view_sql`). The
  scope's kern ids and gemeente codes are written into the views as literal lists
  (:class:`Members`), resolved when the cursor is made: a subquery on ``kern`` in every view
  made a gemeente's queries about twice as slow.

Which rows a scope sees, per table (decided from the schema, :func:`rules`):

- a table with a ``kern_id`` column: the scope's kernen (``kern``, ``activity``, ``referral``
  …, also ``revision`` and ``import_log``, whose rows without a kern — public imports — only
  scope *all* sees);
- a table without ``kern_id`` that :data:`db.REFERENCES` links to such a table: through its
  parent (``participation`` through ``activity``, ``organisation_role`` through
  ``organisation`` …);
- a revision shadow ``rev_<table>``: the rows of revisions of the scope's kernen;
- ``gemeente``: the scope's gemeente (a kern's own gemeente);
- ``statistic`` and ``geometry``: the scope's kernen, their gemeenten, the wijken and buurten
  linked to the kernen (``kern_region``), and the province and country (PV…, NL…) that health
  figures are compared with; nothing of other gemeenten, no postcodes;
- ``dataset``: public and demo provenance, and monitoring datasets of the scope's kernen;
- ``app_user``: nothing (the login gate reads users on the plain connection);
- ``schema_meta`` and ``lookup`` (versions and code lists): everything.

Any other table gets **no rows** (fail closed) and :func:`unruled_tables` names it, which a
test requires to be empty: a new table cannot become visible to a scope by accident.
Scope *all* gets a plain cursor, no views.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pandas as pd

from sv_analytics import db
from sv_analytics.access import Scope

#: Tables every scope sees whole: schema versions and the code lists (no kern content).
OPEN_TABLES = frozenset({"schema_meta", "lookup"})

#: ``statistic``/``geometry``: the scope's kernen and gemeenten, the CBS wijken/buurten linked to
#: its kernen, and the comparison regions (provincie, land) that every scope sees.
_REGIONS = (
    "(region_level = 'kern' AND region_code IN {kernen})"
    " OR (region_level = 'gemeente' AND region_code IN {gemeenten})"
    " OR (region_level IN ('wijk', 'buurt') AND region_code IN"
    " (SELECT region_code FROM {base}.kern_region WHERE kern_id IN {kernen}))"
    " OR region_level IN ('provincie', 'land')"
)

#: Tables whose rule is not a plain kern reference (the predicates use {kernen}, {gemeenten},
#: {base}: the scope's kern ids, its gemeente codes, and ``"<catalog>".main``).
SPECIAL_RULES: dict[str, str] = {
    "gemeente": "gemeente_code IN {gemeenten}",
    "statistic": _REGIONS,
    "geometry": _REGIONS,
    "dataset": (
        "kind <> 'monitoring'"
        " OR dataset_id IN (SELECT dataset_id FROM {base}.revision WHERE kern_id IN {kernen})"
        " OR dataset_id IN (SELECT dataset_id FROM {base}.import_log WHERE kern_id IN {kernen})"
    ),
    "app_user": "false",
}

#: The predicate of a table that no rule covers: no rows (see unruled_tables).
NO_ROWS = "false"


@dataclass(frozen=True)
class Rule:
    """How one table is filtered: ``kind`` (open, special, kern, parent, revision, unruled)
    and the predicate with placeholders (None for an open table)."""

    kind: str
    predicate: str | None


@dataclass(frozen=True)
class Schema:
    """The database's catalog name and its base tables with their columns (hashable, so the
    view statements can be cached per schema and scope)."""

    catalog: str
    tables: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def base(self) -> str:
        return f"{_ident(self.catalog)}.main"

    def columns(self, table: str) -> tuple[str, ...]:
        return dict(self.tables)[table]


def read_schema(conn: duckdb.DuckDBPyConnection) -> Schema:
    """The catalog (``current_database()``) and the base tables of ``main`` with their columns."""
    cur = conn.cursor()
    catalog = cur.execute("SELECT current_database()").fetchone()[0]
    rows = cur.execute(
        "SELECT c.table_name, list(c.column_name ORDER BY c.ordinal_position) "
        "FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE t.table_catalog = ? AND t.table_schema = 'main' AND t.table_type = 'BASE TABLE' "
        "GROUP BY c.table_name ORDER BY c.table_name",
        [catalog],
    ).fetchall()
    return Schema(catalog, tuple((name, tuple(columns)) for name, columns in rows))


@lru_cache(maxsize=64)
def rules(schema: Schema) -> dict[str, Rule]:
    """The rule of every table of ``schema``, in the order of the module docstring."""
    names = dict(schema.tables)
    found: dict[str, Rule] = {}

    def rule(table: str, seen: tuple[str, ...] = ()) -> Rule:
        if table in found:
            return found[table]
        if table in OPEN_TABLES:
            result = Rule("open", None)
        elif table in SPECIAL_RULES:
            result = Rule("special", SPECIAL_RULES[table])
        elif table.startswith(db.REVISION_PREFIX) and "revision_id" in names[table]:
            result = Rule(
                "revision",
                "revision_id IN (SELECT revision_id FROM {base}.revision WHERE kern_id IN {kernen})",
            )
        elif "kern_id" in names[table]:
            result = Rule("kern", "kern_id IN {kernen}")
        else:
            result = Rule("unruled", NO_ROWS)
            for child, column, parent, key in db.REFERENCES:
                if child != table or parent not in names or parent in seen or column not in names[table]:
                    continue
                above = rule(parent, (*seen, table))
                if above.kind in ("kern", "parent"):
                    inner = f"SELECT {_ident(key)} FROM {{base}}.{_ident(parent)} WHERE {above.predicate}"
                    result = Rule("parent", f"{_ident(column)} IN ({inner})")
                    break
        found[table] = result
        return result

    return {table: rule(table) for table in names}


def unruled_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables no rule covers (a scope sees no rows of them): must be empty, see tests."""
    return sorted(t for t, r in rules(read_schema(conn)).items() if r.kind == "unruled")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Members:
    """The kern ids and gemeente codes of a scope, as the registry holds them now.

    Resolved when a scoped cursor is made and written into its views as literal lists: a
    subquery on ``kern`` in every view made a gemeente's queries about twice as slow
    (bench/bench_scope.py). A pooled cursor is therefore checked against the registry before
    each use (:class:`CursorPool`), so a kern added to a gemeente is seen at once.
    """

    kernen: tuple[str, ...]
    gemeenten: tuple[str, ...]


def members(conn: duckdb.DuckDBPyConnection, schema: Schema, scope: Scope) -> Members:
    """The scope's kernen and gemeenten (a kern's own gemeente; a gemeente's kernen)."""
    if scope.is_all:
        raise ValueError("scope 'alle' heeft geen views nodig")
    column, value = (
        ("kern_id", scope.kern_id) if scope.kern_id is not None else ("gemeente_code", scope.gemeente_code)
    )
    rows = (
        conn.cursor()
        .execute(
            f"SELECT kern_id, gemeente_code FROM {schema.base}.kern WHERE {column} = ? ORDER BY kern_id",
            [value],
        )
        .fetchall()
    )
    if scope.kern_id is not None:
        return Members((scope.kern_id,), tuple(sorted({g for _, g in rows})))
    return Members(tuple(k for k, _ in rows), (str(scope.gemeente_code),))


def _in_list(values: tuple[str, ...]) -> str:
    """A parenthesised SQL list of quoted values; ``(NULL)`` when empty (matches nothing)."""
    return "(" + ", ".join(_literal(v) for v in values) + ")" if values else "(NULL)"


@lru_cache(maxsize=256)
def view_sql(schema: Schema, scope: Scope, found: Members) -> str:
    """The statements that make a cursor see ``scope`` with its ``found`` kernen and gemeenten
    (one text, built once per schema, scope and members)."""
    kernen, gemeenten = _in_list(found.kernen), _in_list(found.gemeenten)
    statements = []
    for table, rule in rules(schema).items():
        if rule.predicate is None:
            continue
        where = rule.predicate.format(kernen=kernen, gemeenten=gemeenten, base=schema.base)
        statements.append(
            f"CREATE OR REPLACE TEMP VIEW {_ident(table)} AS SELECT * FROM {schema.base}.{_ident(table)} WHERE {where}"
        )
    return ";\n".join(statements)


def view_count(schema: Schema) -> int:
    """How many TEMP views a scoped cursor of ``schema`` has."""
    return sum(1 for r in rules(schema).values() if r.predicate is not None)


class ScopedCursor:
    """A DuckDB cursor with the scope's TEMP views, whose ``cursor()`` stays in the scope.

    Everything else is DuckDB's cursor (``execute``, ``df``, ``fetchall``, ``register`` …).
    ``close()`` and ``with`` do not close it: its owner (:func:`cursor`, :class:`CursorPool`)
    does, when the call it was made for ends.
    """

    __slots__ = ("_raw", "scope")

    def __init__(self, raw: duckdb.DuckDBPyConnection, scope: Scope) -> None:
        self._raw = raw
        self.scope = scope

    def cursor(self) -> ScopedCursor:
        return self

    def execute(self, *args: object, **kwargs: object) -> ScopedCursor:
        self._raw.execute(*args, **kwargs)
        return self

    def executemany(self, *args: object, **kwargs: object) -> ScopedCursor:
        self._raw.executemany(*args, **kwargs)
        return self

    def close(self) -> None:
        """Left to the owner: a helper closing "its" cursor must not end the caller's."""

    def __enter__(self) -> ScopedCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __getattr__(self, name: str) -> object:
        return getattr(self._raw, name)


def _open(
    conn: duckdb.DuckDBPyConnection, schema: Schema, scope: Scope, found: Members
) -> duckdb.DuckDBPyConnection:
    raw = conn.cursor()
    try:
        raw.execute(view_sql(schema, scope, found))
    except BaseException:
        raw.close()
        raise
    return raw


@contextmanager
def cursor(conn: duckdb.DuckDBPyConnection, scope: Scope) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of ``conn`` that sees only ``scope`` (a plain cursor for scope *all*); closed
    when the block ends. For many calls use :class:`CursorPool`, which keeps them ready."""
    if scope.is_all:
        plain = conn.cursor()
        try:
            yield plain
        finally:
            plain.close()
        return
    schema = read_schema(conn)
    raw = _open(conn, schema, scope, members(conn, schema, scope))
    try:
        yield ScopedCursor(raw, scope)  # type: ignore[misc]  # a DuckDB cursor in all but name
    finally:
        raw.close()


class CursorPool:
    """Scoped cursors of one connection kept ready per scope, so a call does not pay for the views.

    Before each use the scope's members are looked up (one small query): a waiting cursor made
    for other members (a kern added to or moved out of the gemeente) is closed and a new one
    made. A cursor goes back to the pool only when the call ended normally, no transaction was
    left open (a stale snapshot) and all its views are still there; otherwise it is closed. At
    most ``idle_per_scope`` cursors wait per scope, for at most ``max_scopes`` scopes (the
    least recently used scope's are closed first). The schema is read once: the app's
    connection migrates when it opens and does not change its schema while it runs.
    """

    def __init__(
        self, conn: duckdb.DuckDBPyConnection, *, idle_per_scope: int = 4, max_scopes: int = 64
    ) -> None:
        self._conn = conn
        self._schema: Schema | None = None
        self._idle: OrderedDict[Scope, list[tuple[Members, duckdb.DuckDBPyConnection]]] = OrderedDict()
        self._lock = threading.Lock()
        self._idle_per_scope = idle_per_scope
        self._max_scopes = max_scopes

    @property
    def schema(self) -> Schema:
        if self._schema is None:
            self._schema = read_schema(self._conn)
        return self._schema

    @contextmanager
    def cursor(self, scope: Scope) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor that sees only ``scope`` for the length of the block (plain for *all*)."""
        if scope.is_all:
            plain = self._conn.cursor()
            try:
                yield plain
            finally:
                plain.close()
            return
        found = members(self._conn, self.schema, scope)
        raw = self._take(scope, found) or _open(self._conn, self.schema, scope, found)
        try:
            yield ScopedCursor(raw, scope)  # type: ignore[misc]
        except BaseException:
            raw.close()
            raise
        self._give(scope, found, raw)

    def _take(self, scope: Scope, found: Members) -> duckdb.DuckDBPyConnection | None:
        stale: list[duckdb.DuckDBPyConnection] = []
        taken = None
        with self._lock:
            waiting = self._idle.get(scope, [])
            while waiting and taken is None:
                made_for, raw = waiting.pop()
                if made_for == found:
                    taken = raw
                else:
                    stale.append(raw)
        for raw in stale:
            raw.close()
        return taken

    def _give(self, scope: Scope, found: Members, raw: duckdb.DuckDBPyConnection) -> None:
        if not self._reusable(raw):
            raw.close()
            return
        closing: list[duckdb.DuckDBPyConnection] = []
        with self._lock:
            waiting = self._idle.setdefault(scope, [])
            self._idle.move_to_end(scope)
            if len(waiting) < self._idle_per_scope:
                waiting.append((found, raw))
            else:
                closing.append(raw)
            while len(self._idle) > self._max_scopes:
                closing.extend(r for _, r in self._idle.popitem(last=False)[1])
        for extra in closing:
            extra.close()

    def _reusable(self, raw: duckdb.DuckDBPyConnection) -> bool:
        """No transaction left open and every view still in place (nothing dropped one)."""
        try:
            raw.execute("ROLLBACK")
        except duckdb.TransactionException:
            pass  # none was open: the normal case
        except duckdb.Error:
            return False
        else:
            return False  # a reader left a transaction open: do not trust this cursor again
        try:
            views = raw.execute(
                "SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal"
            ).fetchone()[0]
        except duckdb.Error:
            return False
        return views == view_count(self.schema)

    def close(self) -> None:
        """Close every waiting cursor (the connection's owner calls this before closing it)."""
        with self._lock:
            waiting = [raw for items in self._idle.values() for _, raw in items]
            self._idle.clear()
        for raw in waiting:
            raw.close()


@dataclass(frozen=True)
class PlaceNames:
    """Ids and names of every kern and gemeente, read without a scope.

    Only names: what a refusal needs to say "geen toegang tot Bathmen (Deventer)" instead of
    "onbekend" for a link to a kern that exists outside the viewer's scope. No figures.
    """

    kernen: pd.DataFrame  # kern_id, name, gemeente_code, gemeente
    gemeenten: pd.DataFrame  # gemeente_code, name


def place_names(conn: duckdb.DuckDBPyConnection) -> PlaceNames:
    """The names of every kern and gemeente (``conn`` must be the plain connection)."""
    from sv_analytics import lookups  # lookups reads the text catalogue; keep this module light

    kernen = lookups.kernen(conn)[["kern_id", "name", "gemeente_code", "gemeente"]]
    return PlaceNames(kernen.reset_index(drop=True), lookups.gemeenten(conn).reset_index(drop=True))
