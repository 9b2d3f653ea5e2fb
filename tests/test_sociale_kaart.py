"""Unit tests of sv_analytics.sociale_kaart: the organisations and facilities of a kern, the map
rows, the headline figures and the kern × sector matrix.

Expected values come from SQL written here against the demo database (or by hand), never from
the module under test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sv_analytics import sociale_kaart, style, vocab

TAKES_PART = "o.org_id IN (SELECT org_id FROM organisation_role UNION SELECT org_id FROM agreement_party)"


def frame(conn: duckdb.DuckDBPyConnection, query: str, *params: object) -> pd.DataFrame:
    return conn.execute(query, list(params)).df()


# ------------------------------------------------------------------------------ one kern
@pytest.mark.parametrize("kern", ["aadorp", "berkum", "kamperpoort-veerallee"])
def test_organisations_equal_sql(demo_conn: duckdb.DuckDBPyConnection, kern: str) -> None:
    orgs = sociale_kaart.organisations(demo_conn, kern).set_index("org_id")
    want = frame(
        demo_conn,
        f"""SELECT o.org_id, o.sector, o.in_project_group,
                   (SELECT count(DISTINCT agreement_id) FROM agreement_party p WHERE p.org_id = o.org_id) AS n,
                   {TAKES_PART} AS takes_part
            FROM organisation o WHERE o.kern_id = ?""",
        kern,
    ).set_index("org_id")
    roles = frame(
        demo_conn,
        "SELECT r.org_id, r.role FROM organisation_role r JOIN organisation o USING (org_id) WHERE kern_id = ?",
        kern,
    )
    assert sorted(orgs.index) == sorted(want.index)
    assert orgs["n_agreements"].to_dict() == want["n"].to_dict()
    assert orgs["takes_part"].astype(bool).to_dict() == want["takes_part"].astype(bool).to_dict()
    for org_id, part in roles.groupby("org_id"):
        assert set(orgs.at[org_id, "roles"]) == set(part["role"])
        assert list(orgs.at[org_id, "roles"]) == [r for r in vocab.ORG_ROLE if r in set(part["role"])]
    assert all(orgs.at[o, "roles"] == () for o in set(orgs.index) - set(roles["org_id"]))


def test_headline_equals_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    got = sociale_kaart.headline(sociale_kaart.organisations(demo_conn, "markelo"))
    want = frame(
        demo_conn,
        f"""SELECT count(*) AS orgs, count(DISTINCT sector) FILTER (WHERE {TAKES_PART}) AS sectors,
                   count(*) FILTER (WHERE in_project_group) AS group_
            FROM organisation o WHERE kern_id = 'markelo'""",
    ).iloc[0]
    assert got == {
        "sk_organisaties": want["orgs"],
        "aanpak_partnersectoren": want["sectors"],
        "sk_projectgroep": want["group_"],
    }


def test_role_labels_follow_the_closed_list() -> None:
    assert sociale_kaart.role_labels(()) == "geen rol"
    assert sociale_kaart.role_labels(("aanbieder", "projectgroep")) == "Aanbieder, Lid projectgroep"
    assert sociale_kaart.role_labels(("iets",)) == "iets"  # an unknown code is shown as it is


def test_project_group_lists_members_with_their_other_roles(demo_conn: duckdb.DuckDBPyConnection) -> None:
    members = sociale_kaart.project_group_table(sociale_kaart.organisations(demo_conn, "berkum")).frame
    want = frame(demo_conn, "SELECT name FROM organisation WHERE kern_id = 'berkum' AND in_project_group")
    assert sorted(members["name"]) == sorted(want["name"])
    assert not members["roles"].str.contains(vocab.ORG_ROLE["projectgroep"]).any()


def test_kern_facts_has_one_row_for_a_kern_and_none_for_an_unknown(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    facts = sociale_kaart.kern_facts(demo_conn, "hertme")
    assert len(facts) == 1 and facts["name"].iloc[0] == "Hertme"
    assert (
        facts["gemeente"].iloc[0]
        == frame(
            demo_conn,
            "SELECT g.name FROM kern JOIN gemeente g USING (gemeente_code) WHERE kern_id = 'hertme'",
        )["name"].iloc[0]
    )
    assert sociale_kaart.kern_facts(demo_conn, "nergens").empty


# ------------------------------------------------------------------------------ map rows
def test_points_are_the_located_rows_with_sector_colours() -> None:
    orgs = pd.DataFrame(
        {
            "name": ["Sportclub", "Kerk", "Zonder plek", "Raar"],
            "sector": ["sport", "kerk", "zorg", "onbekend"],
            "roles": [("aanbieder",), (), (), ()],
            "lat": [52.3, 52.31, None, 52.32],
            "lon": [6.5, 6.51, 6.52, 6.53],
        }
    )
    points = sociale_kaart.organisation_points(orgs)
    assert list(points["name"]) == ["Sportclub", "Kerk", "Raar"]
    assert points["colour"].iloc[0] == [0, 114, 178, style.POINT_ALPHA]  # #0072B2, by hand
    assert points["colour"].iloc[2][:3] == [0x99, 0x99, 0x99]  # an unknown sector is grey
    assert list(points["detail"]) == ["Aanbieder", "geen rol", "geen rol"]
    facs = pd.DataFrame(
        {
            "name": ["Gymzaal", "Ergens"],
            "facility_type": ["gymzaal", "x"],
            "lat": [52.3, None],
            "lon": [6.5, None],
        }
    )
    rings = sociale_kaart.facility_points(facs)
    assert list(rings["name"]) == ["Gymzaal"] and rings["kind"].iloc[0] == vocab.FACILITY_TYPE["gymzaal"]
    assert sociale_kaart.has_locations(orgs.iloc[2:3], facs.iloc[1:2]) is False
    assert sociale_kaart.has_locations(orgs, facs.iloc[1:2]) is True


def test_sociale_kaart_only_computes_it_draws_no_map() -> None:
    source = Path(sociale_kaart.__file__).read_text(encoding="utf-8")
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert "pydeck" not in imported and "streamlit" not in imported


# ------------------------------------------------------------------------------ across kernen
def test_matrix_is_the_full_grid_and_equals_sql(demo_conn: duckdb.DuckDBPyConnection) -> None:
    cells = sociale_kaart.matrix(demo_conn)
    kernen = frame(demo_conn, "SELECT kern_id, kern_type FROM kern")
    assert len(cells) == len(kernen) * len(vocab.SECTOR)
    want = frame(
        demo_conn,
        f"""SELECT kern_id, sector, count(*) AS organisations, count(*) FILTER (WHERE {TAKES_PART}) AS taking_part
            FROM organisation o GROUP BY ALL""",
    ).set_index(["kern_id", "sector"])
    got = cells.set_index(["kern_id", "sector"])
    for column in ("organisations", "taking_part"):
        filled = got.loc[got[column] > 0, column]
        assert filled.to_dict() == want.loc[want[column] > 0, column].to_dict()
    # dorpen first, then buurtschappen, then wijken; labels say the type
    order = list(vocab.KERN_TYPE)
    ranks = [order.index(k) for k in cells.drop_duplicates("kern_id")["kern_type"]]
    assert ranks == sorted(ranks)
    assert (
        cells["kern_label"].iloc[0]
        == f"{cells['name'].iloc[0]} ({vocab.KERN_TYPE[cells['kern_type'].iloc[0]].lower()})"
    )


def test_table_height_fits_the_rows_without_scrolling() -> None:
    assert sociale_kaart.table_height(0) == 38
    assert sociale_kaart.table_height(10) == 35 * 11 + 3
