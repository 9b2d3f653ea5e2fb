"""Sociale kaart: the organisations of a kern by sector and role, its facilities, the project
group, the map of the kern, and the kern × sector matrix across all kernen (issue 6).

The functions that take the connection first read named queries (``queries/sociale_kaart_*.sql``)
and can be cached by the page with ``state.run``; the others turn those frames into what the
page shows (Dutch labels, the map). No Streamlit here.

"Takes part" follows ``queries/wat_werkt_kernen.sql``: a role in the project or party to an
agreement (registry: ``sk_deelnemende_organisaties``, ``aanpak_partnersectoren``).
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd
import pydeck as pdk

from sv_analytics import config, maps, queries, style, vocab
from sv_analytics.texts import t

FACILITY_RING = [0, 0, 0, 255]
#: The map's extent around a kern's points: they fill this share of the map, at most this zoom.
MAP_MARGIN, MAX_ZOOM = 0.7, 16.0
#: Smallest span (degrees) the view assumes, so one organisation alone is not shown at street level.
MIN_SPAN = 0.004


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
    frame["sector_label"] = frame["sector"].map(lambda s: vocab.SECTOR.get(s, s))
    return frame


# ------------------------------------------------------------------------------ one kern
def _yes_no(value: bool) -> str:
    return t("sk.yes") if value else t("sk.no")


def role_labels(roles: tuple[str, ...]) -> str:
    """Role codes as Dutch labels, in the order of the closed list."""
    if not roles:
        return t("sk.no_role")
    return ", ".join(vocab.ORG_ROLE.get(role, role) for role in roles)


def headline(orgs: pd.DataFrame) -> dict[str, int]:
    """Organisations on the kaart, sectors taking part (as in compare_kernen.sql) and project group."""
    return {
        "sk_organisaties": len(orgs),
        "aanpak_partnersectoren": int(orgs.loc[orgs["takes_part"], "sector"].nunique()),
        "sk_projectgroep": int(orgs["in_project_group"].sum()),
    }


def organisation_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """The table 'Organisaties naar sector en rol' (Dutch labels; counts of organisations unsuppressed)."""
    return pd.DataFrame(
        {
            t("sk.col.organisation"): orgs["name"],
            t("sk.col.sector"): orgs["sector"].map(lambda s: vocab.SECTOR.get(s, s)),
            t("sk.col.roles"): orgs["roles"].map(role_labels),
            t("sk.col.project_group"): orgs["in_project_group"].map(_yes_no),
            t("sk.col.agreements"): orgs["n_agreements"].astype("int64"),
        }
    ).reset_index(drop=True)


def project_group_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """The members of the project group: organisation, sector and its other roles."""
    members = orgs[orgs["in_project_group"].astype(bool)]
    others = members["roles"].map(lambda roles: tuple(r for r in roles if r != "projectgroep"))
    return pd.DataFrame(
        {
            t("sk.col.organisation"): members["name"],
            t("sk.col.sector"): members["sector"].map(lambda s: vocab.SECTOR.get(s, s)),
            t("sk.col.roles"): others.map(role_labels),
        }
    ).reset_index(drop=True)


def facility_table(facs: pd.DataFrame) -> pd.DataFrame:
    """Facilities by type and name, and whether the map can show them."""
    return pd.DataFrame(
        {
            t("sk.col.facility_type"): facs["facility_type"].map(lambda f: vocab.FACILITY_TYPE.get(f, f)),
            t("sk.col.facility"): facs["name"],
            t("sk.col.located"): (facs["lat"].notna() & facs["lon"].notna()).map(_yes_no),
        }
    ).reset_index(drop=True)


def table_height(rows: int) -> int:
    """Pixels for st.dataframe to show ``rows`` rows without an inner scroll bar (35 px a row)."""
    return 35 * (rows + 1) + 3


# ------------------------------------------------------------------------------ across kernen
def matrix_table(cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a wide table: kern, type, gemeente, then one column per sector (taking part)."""
    if cells.empty:
        return pd.DataFrame()
    order = list(dict.fromkeys(cells["kern_id"]))
    sectors = list(dict.fromkeys(cells["sector_label"]))
    wide = cells.pivot(index="kern_id", columns="sector_label", values="taking_part").reindex(order)
    facts = cells.drop_duplicates("kern_id").set_index("kern_id").reindex(order)
    table = pd.DataFrame(
        {
            t("col.kern"): facts["name"],
            t("col.kern_type"): facts["kern_type_label"],
            t("sk.col.municipality"): facts["gemeente"],  # "Gemeente" is also a sector column
        }
    )
    for sector in sectors:
        table[sector] = wide[sector].astype("int64")
    return table.reset_index(drop=True)


# ------------------------------------------------------------------------------ map
def _located(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["lat"].notna() & frame["lon"].notna()]


def organisation_points(orgs: pd.DataFrame) -> pd.DataFrame:
    """Map rows of the organisations: colour by sector, tooltip texts."""
    rows = _located(orgs)
    return pd.DataFrame(
        {
            "name": rows["name"],
            "kind": rows["sector"].map(lambda s: vocab.SECTOR.get(s, s)),
            "detail": rows["roles"].map(role_labels),
            "lat": rows["lat"],
            "lon": rows["lon"],
            "colour": rows["sector"].map(
                lambda s: style.hex_to_rgb(style.SECTOR_COLOURS.get(s, "#999999"), 235)
            ),
        }
    ).reset_index(drop=True)


def facility_points(facs: pd.DataFrame) -> pd.DataFrame:
    """Map rows of the facilities (drawn as open black rings), tooltip texts."""
    rows = _located(facs)
    return pd.DataFrame(
        {
            "name": rows["name"],
            "kind": rows["facility_type"].map(lambda f: vocab.FACILITY_TYPE.get(f, f)),
            "detail": t("sk.legend_facility"),
            "lat": rows["lat"],
            "lon": rows["lon"],
        }
    ).reset_index(drop=True)


def _labels(points: pd.DataFrame, layer_id: str, size: int) -> pdk.Layer:
    """Names beside the points, white-outlined, so the map reads without basemap tiles."""
    return pdk.Layer(
        "TextLayer",
        data=points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_text="name",
        get_size=size,
        get_color=[20, 20, 20, 255],
        get_pixel_offset=[12, 0],
        get_text_anchor='"start"',
        get_alignment_baseline='"center"',
        outline_width=3,
        outline_color=[255, 255, 255, 255],
        font_settings={"sdf": True},
    )


def kern_map(
    orgs: pd.DataFrame, facs: pd.DataFrame, contours: pd.DataFrame, kern_id: str, basemap: bool | None = None
) -> pdk.Deck:
    """The kern with its organisations (filled dots, coloured by sector) and facilities (open
    rings), names beside them and the kern's contour where one is loaded."""
    org_points, fac_points = organisation_points(orgs), facility_points(facs)
    layers = []
    if not contours.empty and kern_id in set(contours["kern_id"]):
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=maps.contour_features(contours, {kern_id}),
                id="kern-contour",
                stroked=True,
                filled=True,
                get_fill_color=[0, 114, 178, 20],
                get_line_color=[0, 114, 178, 160],
                line_width_min_pixels=1.5,
            )
        )
    layers += [
        pdk.Layer(
            "ScatterplotLayer", data=fac_points, id="accommodaties", get_position=["lon", "lat"],
            get_radius=30, radius_min_pixels=11, filled=True, get_fill_color=[255, 255, 255, 200],
            stroked=True, get_line_color=FACILITY_RING, line_width_min_pixels=3, pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer", data=org_points, id="organisaties", get_position=["lon", "lat"],
            get_radius=20, radius_min_pixels=7, get_fill_color="colour", stroked=True,
            get_line_color=[255, 255, 255, 255], line_width_min_pixels=1, pickable=True,
        ),
        _labels(fac_points, "accommodatienamen", 13),
        _labels(org_points, "organisatienamen", 11),
    ]  # fmt: skip
    both = pd.concat([org_points[["lat", "lon"]], fac_points[["lat", "lon"]]])
    use_tiles = config.basemap_enabled() if basemap is None else basemap
    return pdk.Deck(
        layers=layers,
        initial_view_state=kern_view(both["lat"], both["lon"]),
        map_provider="carto" if use_tiles else None,
        map_style="light" if use_tiles else None,
        tooltip={"html": t("sk.map_tooltip"), "style": {"fontSize": "14px"}},
    )


def kern_view(lats: pd.Series, lons: pd.Series) -> pdk.ViewState:
    """A view fitted to one kern's points (about a kilometre across).

    maps.fit_view is made for all kernen (it stops at zoom 12, a whole gemeente); the same
    Web-Mercator arithmetic with a closer limit shows the organisations of one village apart.
    """
    if lats.empty:
        return maps.OVERIJSSEL_VIEW
    centre_lat = (lats.min() + lats.max()) / 2
    centre_lon = (lons.min() + lons.max()) / 2
    span_x = max(lons.max() - lons.min(), MIN_SPAN)
    span_y = max(lats.max() - lats.min(), MIN_SPAN) / math.cos(math.radians(centre_lat))
    zoom_x = math.log2(MAP_MARGIN * maps.MAP_WIDTH_PX * 360 / (512 * span_x))
    zoom_y = math.log2(MAP_MARGIN * maps.MAP_HEIGHT_PX * 360 / (512 * span_y))
    return pdk.ViewState(
        latitude=centre_lat, longitude=centre_lon, zoom=round(min(zoom_x, zoom_y, MAX_ZOOM), 2)
    )


def has_locations(orgs: pd.DataFrame, facs: pd.DataFrame) -> bool:
    return not (_located(orgs).empty and _located(facs).empty)


def _legend_entry(symbol: str, label: str) -> str:
    """One legend entry that does not wrap between its symbol and its label."""
    return f'<span style="white-space:nowrap">{symbol}&nbsp;{label}</span>'


def legend_html(orgs: pd.DataFrame, facs: pd.DataFrame) -> str:
    """The map legend: the sectors present (filled dots, as maps.legend_html) and the facility ring."""
    present = set(_located(orgs)["sector"])
    entries = [
        _legend_entry(
            f'<span style="color:{colour};font-size:1.4em;-webkit-text-stroke:1px #555">●</span>',
            vocab.SECTOR[code],
        )
        for code, colour in style.SECTOR_COLOURS.items()
        if code in present
    ]
    html = f"<b>{t('sk.legend_sector')}</b> &nbsp; " + " &nbsp; ".join(entries) if entries else ""
    if not _located(facs).empty:
        ring = _legend_entry(
            '<span style="font-size:1.4em;font-weight:bold">○</span>', t("sk.legend_facility")
        )
        html = f"{html} &nbsp; · &nbsp; {ring}" if html else ring
    return html
