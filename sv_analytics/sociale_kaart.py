"""Sociale kaart: the organisations of a kern by sector and role, its facilities, the project
group, the points of the kern's map, and the kern × sector matrix across all kernen (issue 6).

The functions that take the connection first read named queries (``queries/sociale_kaart_*.sql``)
and can be cached by the page with ``state.run``; the others turn those frames into typed tables
(:class:`sv_analytics.tables.Table`: Dutch headers, registry indicators per column) and into the
rows of the map, which :func:`sv_analytics.maps.sociale_kaart_map` draws. No Streamlit, no pydeck.

"Takes part" follows ``queries/wat_werkt_kernen.sql``: a role in the project or party to an
agreement (registry: ``sk_deelnemende_organisaties``, ``aanpak_partnersectoren``). Organisations
are not people: their counts are shown in full (no ``<5``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sv_analytics import queries, scales, style, tables, vocab
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t


# ------------------------------------------------------------------------------ queries
def kern_facts(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """Name, gemeente, type, location and projectleider role of one kern (0 or 1 row)."""
    return queries.run(conn, "sociale_kaart_kern", kern_id=kern_id)


def organisations(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """The organisations on the kern's sociale kaart with roles, agreements and ``takes_part``."""
    frame = queries.run(conn, "sociale_kaart_organisations", kern_id=kern_id)
    frame["roles"] = frame["roles"].map(lambda roles: tuple(roles) if roles is not None else ())
    return frame


def facilities(conn: duckdb.DuckDBPyConnection, kern_id: str) -> pd.DataFrame:
    """The kern's accommodations and meeting places with their location (may be missing)."""
    return queries.run(conn, "sociale_kaart_facilities", kern_id=kern_id)


def matrix(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Kern × sector (every kern, every sector of the closed list) with organisations on the
    kaart and those taking part; dorpen first, then wijken (the query's order)."""
    frame = queries.run(conn, "sociale_kaart_matrix")
    frame["kern_type_label"] = frame["kern_type"].map(lambda k: vocab.KERN_TYPE.get(k, k))
    frame["kern_label"] = frame["name"] + " (" + frame["kern_type_label"].str.lower() + ")"
    frame["sector_label"] = frame["sector"].map(_sector_label)
    return frame


def matrix_top(conn: duckdb.DuckDBPyConnection) -> int:
    """The top of the kern × sector colour scale: the most organisations taking part in one
    cell over **all kernen of the programme**, rounded up to a nice whole number (at least 1).

    Read on an unscoped cursor (``ui.programme``), so the blue of a cell means the same number
    for every viewer and selection; only this rounded bound leaves, no kern's figures.
    """
    cells = matrix(conn)
    highest = float(cells["taking_part"].max()) if not cells.empty else 0.0
    return max(1, int(scales.nice_step(highest, 1, whole=True)))


# ------------------------------------------------------------------------------ one kern
def role_labels(roles: tuple[str, ...]) -> str:
    """Role codes as Dutch labels, in the order of the closed list."""
    if not roles:
        return t("sk.no_role")
    return ", ".join(vocab.ORG_ROLE.get(role, role) for role in roles)


def _sector_label(code: str) -> str:
    return vocab.SECTOR.get(code, code)


def headline(orgs: pd.DataFrame) -> dict[str, int]:
    """Organisations on the kaart, sectors taking part (as in wat_werkt_kernen.sql) and project group."""
    return {
        "sk_organisaties": len(orgs),
        "aanpak_partnersectoren": int(orgs.loc[orgs["takes_part"], "sector"].nunique()),
        "sk_projectgroep": int(orgs["in_project_group"].sum()),
    }


def organisation_table(orgs: pd.DataFrame) -> Table:
    """The table 'Organisaties naar sector en rol': names and labels as text, the project group
    as yes/no, the agreements per organisation as a count (organisations: not suppressed)."""
    frame = pd.DataFrame(
        {
            "name": orgs["name"],
            "sector": orgs["sector"].map(_sector_label),
            "roles": orgs["roles"].map(role_labels),
            "in_project_group": orgs["in_project_group"].astype(bool),
            "n_agreements": orgs["n_agreements"].astype("int64"),
        }
    )
    return tables.table(
        frame,
        [
            Column("name", t("sk.col.organisation"), indicator="sk_organisaties"),
            Column("sector", t("sk.col.sector")),
            Column("roles", t("sk.col.roles")),
            Column("in_project_group", t("sk.col.project_group"), kind="bool", indicator="sk_projectgroep"),
            Column(
                "n_agreements", t("sk.col.agreements"), kind="count", indicator="sk_afspraken_per_organisatie"
            ),
        ],
    )


def project_group_table(orgs: pd.DataFrame) -> Table:
    """The members of the project group: organisation, sector and its other roles."""
    members = orgs[orgs["in_project_group"].astype(bool)]
    others = members["roles"].map(lambda roles: tuple(r for r in roles if r != "projectgroep"))
    frame = pd.DataFrame(
        {
            "name": members["name"],
            "sector": members["sector"].map(_sector_label),
            "roles": others.map(role_labels),
        }
    )
    return tables.table(
        frame,
        [
            Column("name", t("sk.col.organisation"), indicator="sk_projectgroep"),
            Column("sector", t("sk.col.sector")),
            Column("roles", t("sk.col.roles")),
        ],
    )


def facility_table(facs: pd.DataFrame) -> Table:
    """Facilities by type and name, and whether the map can show them (yes/no)."""
    frame = pd.DataFrame(
        {
            "facility_type": facs["facility_type"].map(lambda f: vocab.FACILITY_TYPE.get(f, f)),
            "name": facs["name"],
            "located": facs["lat"].notna() & facs["lon"].notna(),
        }
    )
    return tables.table(
        frame,
        [
            Column("facility_type", t("sk.col.facility_type")),
            Column("name", t("sk.col.facility")),
            Column("located", t("sk.col.located"), kind="bool"),
        ],
    )


def table_height(rows: int) -> int:
    """Pixels for st.dataframe to show ``rows`` rows without an inner scroll bar (35 px a row)."""
    return 35 * (rows + 1) + 3


# ------------------------------------------------------------------------------ across kernen
def matrix_table(cells: pd.DataFrame) -> Table:
    """The matrix as a wide table: kern, type, gemeente, then one count column per sector (the
    organisations taking part; keyed by sector code, headed by the sector's label)."""
    if cells.empty:
        return tables.table(pd.DataFrame(), [])
    order = list(dict.fromkeys(cells["kern_id"]))
    sectors = list(dict.fromkeys(cells["sector"]))
    wide = cells.pivot(index="kern_id", columns="sector", values="taking_part").reindex(order)
    facts = cells.drop_duplicates("kern_id").set_index("kern_id").reindex(order)
    frame = pd.DataFrame(
        {"name": facts["name"], "kern_type": facts["kern_type_label"], "gemeente": facts["gemeente"]}
    )
    for sector in sectors:
        frame[f"sector_{sector}"] = wide[sector].astype("int64")
    columns = [
        Column("name", t("col.kern")),
        Column("kern_type", t("col.kern_type")),
        Column("gemeente", t("sk.col.municipality")),  # "Gemeente" is also a sector column
        *(
            Column(
                f"sector_{sector}",
                _sector_label(sector),
                kind="count",
                indicator="sk_deelnemende_organisaties",
            )
            for sector in sectors
        ),
    ]
    return tables.table(frame, columns)


# ------------------------------------------------------------------------------ map rows
def located(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with a known location (both coordinates)."""
    return frame[frame["lat"].notna() & frame["lon"].notna()]


def has_locations(orgs: pd.DataFrame, facs: pd.DataFrame) -> bool:
    return not (located(orgs).empty and located(facs).empty)


def organisation_points(orgs: pd.DataFrame) -> pd.DataFrame:
    """Map rows of the organisations: colour by sector, tooltip texts."""
    rows = located(orgs)
    return pd.DataFrame(
        {
            "name": rows["name"],
            "kind": rows["sector"].map(_sector_label),
            "detail": rows["roles"].map(role_labels),
            "lat": rows["lat"],
            "lon": rows["lon"],
            "colour": rows["sector"].map(
                lambda s: style.hex_to_rgb(
                    style.SECTOR_COLOURS.get(s, style.UNKNOWN_SECTOR_COLOUR), style.POINT_ALPHA
                )
            ),
        }
    ).reset_index(drop=True)


def facility_points(facs: pd.DataFrame) -> pd.DataFrame:
    """Map rows of the facilities (drawn as open rings), tooltip texts."""
    rows = located(facs)
    return pd.DataFrame(
        {
            "name": rows["name"],
            "kind": rows["facility_type"].map(lambda f: vocab.FACILITY_TYPE.get(f, f)),
            "detail": t("sk.legend_facility"),
            "lat": rows["lat"],
            "lon": rows["lon"],
        }
    ).reset_index(drop=True)
