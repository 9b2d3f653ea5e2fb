"""AppTest: the page "Sociale kaart" renders, shows the numbers of independent SQL and planted pattern 8.

Expected values come from plain SQL written here against the demo database (not from
sv_analytics.sociale_kaart): organisations, roles, agreements, project group and, per kern and sector,
the organisations that take part (a role or party to an agreement, as wat_werkt_kernen.sql).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import config, vocab
from tests.conftest import dutch, open_app_page, sql, table_with, vega_charts

PAGE = "app_pages/sociale_kaart.py"
MATRIX_TITLE = "Deelnemende organisaties per kern en sector"

ORGS_SQL = """
    SELECT o.name, o.sector, o.in_project_group,
           (SELECT count(*) FROM agreement_party p WHERE p.org_id = o.org_id) AS n_agreements,
           (SELECT count(*) FROM organisation_role r WHERE r.org_id = o.org_id) AS n_roles,
           o.lat IS NOT NULL AS located
    FROM organisation o WHERE o.kern_id = ? ORDER BY o.name
"""

TAKING_PART_SQL = """
    SELECT k.kern_id, k.name, k.kern_type, o.sector, count(*) AS n
    FROM organisation o JOIN kern k USING (kern_id)
    WHERE o.org_id IN (SELECT org_id FROM organisation_role UNION SELECT org_id FROM agreement_party)
    GROUP BY ALL
"""


def deck_layers(at: AppTest) -> dict[str, list]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return {layer["id"]: layer["data"] for layer in spec["layers"] if isinstance(layer.get("data"), list)}


def matrix_data(at: AppTest) -> pd.DataFrame:
    return vega_charts(at)[MATRIX_TITLE][1][0]


def info_texts(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def counts(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Count cells of a shown table (Dutch text, ``1.234``) read back as numbers."""
    return table[columns].map(lambda text: int(text.replace(".", "")))


# --------------------------------------------------------------------------- one kern
@pytest.mark.parametrize("kern", ["aadorp", "berkum"])
def test_headline_table_and_map_equal_independent_sql(app_env: Path, kern: str) -> None:
    at = open_app_page(PAGE, kern=kern)
    expected = sql(app_env, ORGS_SQL, kern)
    name = sql(app_env, "SELECT name FROM kern WHERE kern_id = ?", kern).iloc[0, 0]
    assert at.header[0].value == f"Sociale kaart van {name}"

    taking_part = expected[(expected["n_roles"] > 0) | (expected["n_agreements"] > 0)]
    assert {m.label: m.value for m in at.metric} == {
        "Organisaties op de sociale kaart": str(len(expected)),
        "Partnersectoren": str(taking_part["sector"].nunique()),
        "Organisaties in de projectgroep": str(int(expected["in_project_group"].sum())),
    }

    shown = table_with(at, "Afspraken").sort_values("Organisatie").reset_index(drop=True)
    assert list(shown.columns) == ["Organisatie", "Sector", "Rollen", "In projectgroep", "Afspraken"]
    assert list(shown["Organisatie"]) == list(expected["name"])
    assert list(shown["Sector"]) == [vocab.SECTOR[s] for s in expected["sector"]]
    assert list(shown["Afspraken"]) == [dutch(n) for n in expected["n_agreements"]]
    assert list(shown["In projectgroep"]) == ["ja" if v else "nee" for v in expected["in_project_group"]]

    layers = deck_layers(at)
    assert len(layers["organisaties"]) == int(expected["located"].sum())
    facilities = sql(app_env, "SELECT count(*) FROM facility WHERE kern_id = ? AND lat IS NOT NULL", kern)
    assert len(layers["accommodaties"]) == facilities.iloc[0, 0]
    assert {p["name"] for p in layers["organisaties"]} == set(expected.loc[expected["located"], "name"])


def test_roles_column_lists_the_dutch_role_labels_of_each_organisation(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="markelo")
    roles = sql(
        app_env,
        "SELECT o.name, r.role FROM organisation o JOIN organisation_role r USING (org_id) WHERE o.kern_id = ?",
        "markelo",
    )
    shown = table_with(at, "Rollen").set_index("Organisatie")["Rollen"]
    for name, part in roles.groupby("name"):
        assert set(shown[name].split(", ")) == {vocab.ORG_ROLE[r] for r in part["role"]}


def test_project_group_lists_its_member_organisations(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="berkum")
    members = sql(app_env, "SELECT name FROM organisation WHERE kern_id = 'berkum' AND in_project_group")
    table = next(
        d.value for d in at.dataframe if list(d.value.columns) == ["Organisatie", "Sector", "Rollen"]
    )
    assert sorted(table["Organisatie"]) == sorted(members["name"])
    assert "Lid projectgroep" not in " ".join(table["Rollen"])  # the other roles only


def test_gemeente_filter_narrows_the_kern_choice(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0193")
    kernen = sql(app_env, "SELECT kern_id FROM kern WHERE gemeente_code = 'GM0193' ORDER BY name")
    assert at.selectbox(key="kern").options == [
        f"{n} (Zwolle)"
        for n in sql(app_env, "SELECT name FROM kern WHERE gemeente_code = 'GM0193' ORDER BY name")["name"]
    ]
    assert at.selectbox(key="kern").value in set(kernen["kern_id"])


@pytest.fixture()
def kern_without_data_env(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo database in which Hertme has nothing on its sociale kaart (no organisations, no facilities)."""
    path = tmp_path / "zonder-hertme.duckdb"
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as conn:
        conn.execute(
            "DELETE FROM organisation_role WHERE org_id IN (SELECT org_id FROM organisation WHERE kern_id = 'hertme')"
        )
        conn.execute(
            "DELETE FROM agreement_party WHERE org_id IN (SELECT org_id FROM organisation WHERE kern_id = 'hertme')"
        )
        conn.execute("DELETE FROM organisation WHERE kern_id = 'hertme'")
        conn.execute("DELETE FROM facility WHERE kern_id = 'hertme'")
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return path


def test_a_kern_without_a_sociale_kaart_shows_empty_states(kern_without_data_env: Path) -> None:
    at = open_app_page(PAGE, kern="hertme")
    infos = " ".join(info_texts(at))
    assert "nog geen organisaties op de sociale kaart" in infos
    assert "nog geen locaties" in infos
    assert "nog geen projectgroep" in infos
    assert not at.metric and not at.get("deck_gl_json_chart")
    data = matrix_data(at)  # the other kernen are still compared, Hertme with zeros
    assert data.loc[data["kern_label"] == "Hertme (dorp)", "taking_part"].sum() == 0


# --------------------------------------------------------------------------- across kernen
def test_matrix_chart_and_table_equal_independent_sql(app_env: Path) -> None:
    at = open_app_page(PAGE)
    expected = sql(app_env, TAKING_PART_SQL)
    kernen = sql(app_env, "SELECT kern_id, name, kern_type FROM kern")
    data = matrix_data(at)
    assert len(data) == len(kernen) * len(vocab.SECTOR)  # the full grid, zeros included
    got = data[data["taking_part"] > 0].assign(
        name=lambda d: d["kern_label"].str.replace(r" \(.*\)$", "", regex=True)
    )
    want = expected.assign(sector_label=expected["sector"].map(vocab.SECTOR))
    assert sorted(zip(got["name"], got["sector_label"], got["taking_part"], strict=True)) == sorted(
        zip(want["name"], want["sector_label"], want["n"], strict=True)
    )

    table = table_with(at, "Kerk").set_index("Kern")
    for row in want.itertuples():
        assert table.loc[row.name, row.sector_label] == dutch(row.n)
    assert int(counts(table, list(vocab.SECTOR.values())).to_numpy().sum()) == int(expected["n"].sum())
    assert set(table["Ligt in gemeente"]) == set(
        sql(app_env, "SELECT name FROM gemeente WHERE in_programme")["name"]
    )


def test_matrix_orders_dorpen_before_wijken_and_shows_the_kern_type(app_env: Path) -> None:
    at = open_app_page(PAGE)
    data = matrix_data(at)
    labels = list(dict.fromkeys(data["kern_label"]))
    types = [label.rsplit("(", 1)[1].rstrip(")") for label in labels]
    assert types == sorted(types, key=["dorp", "buurtschap", "wijk"].index)
    assert "wijk" in types and "dorp" in types
    spec = vega_charts(at)[MATRIX_TITLE][0]
    assert spec["layer"][0]["encoding"]["y"]["sort"] == labels
    table = table_with(at, "Kerk")
    assert list(table["Type"]) == [vocab.KERN_TYPE[t] for t in types]


def test_sociale_kaart_matrix_shows_church_and_shops_only_in_villages(app_env: Path) -> None:
    """Planted pattern 8: the kerk and middenstand columns are 0 in every city wijk, filled in dorpen."""
    at = open_app_page(PAGE)
    data = matrix_data(at)
    church_shops = data[data["sector_label"].isin([vocab.SECTOR["kerk"], vocab.SECTOR["middenstand"]])]
    in_wijken = church_shops[church_shops["kern_type_label"] == "Wijk"]
    in_dorpen = church_shops[church_shops["kern_type_label"] == "Dorp"]
    assert in_wijken["kern_label"].nunique() == 4 and (in_wijken["taking_part"] == 0).all()
    assert in_dorpen["kern_label"].nunique() == 18 and (in_dorpen["taking_part"] > 0).all()
    # the wijken do have partners: a wijkraad (dorpsbelangen) and a cultural group
    wijk_cells = data[data["kern_type_label"] == "Wijk"].groupby("sector_label")["taking_part"].min()
    assert wijk_cells[vocab.SECTOR["cultuur"]] > 0 and wijk_cells[vocab.SECTOR["dorpsbelangen"]] > 0

    table = table_with(at, "Kerk")
    wijken = table[table["Type"] == "Wijk"]
    assert (counts(wijken, ["Kerk", "Middenstand"]) == 0).all().all()
    assert (counts(table[table["Type"] == "Dorp"], ["Kerk", "Middenstand"]) > 0).all().all()


# --------------------------------------------------------------------------- other databases
def test_page_renders_on_an_empty_database(empty_app_env: Path) -> None:
    at = open_app_page(PAGE)
    infos = " ".join(info_texts(at))
    assert "nog geen organisaties op de sociale kaart" in infos
    assert "Er staan nog geen organisaties op de sociale kaart van de kernen." in infos
    assert not at.get("vega_lite_chart")


def test_page_renders_with_real_context(reference_app_env: Path) -> None:
    at = open_app_page(PAGE, kern="hertme")
    assert at.metric and MATRIX_TITLE in vega_charts(at)
    assert at.get("deck_gl_json_chart")


def test_matrix_colours_on_the_programmes_fixed_scale(app_env: Path) -> None:
    """The blue of a cell means the same number in every scope: the scale runs from 0 to the
    programme's highest cell rounded up to a nice whole number, not to the highest cell shown."""
    at = open_app_page(PAGE)
    highest = int(sql(app_env, f"SELECT max(n) FROM ({TAKING_PART_SQL})").iloc[0, 0])
    top = next(step for step in (1, 2, 5, 10, 20, 50) if step >= highest)
    spec = vega_charts(at)[MATRIX_TITLE][0]
    scales = [
        layer["encoding"]["color"].get("scale") for layer in spec["layer"] if "color" in layer["encoding"]
    ]
    assert {"scheme": "blues", "domain": [0, top], "clamp": True} in scales


def test_the_kern_map_names_stand_beside_pixel_points_in_a_proportional_font(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="aadorp")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    drawn = {layer["id"]: layer for layer in spec["layers"]}
    assert drawn["organisaties"]["radiusUnits"] == "pixels" == drawn["accommodaties"]["radiusUnits"]
    for name in ("organisatienamen", "accommodatienamen"):
        assert (
            drawn[name]["getTextAnchor"] == "@@=label_anchor" and "Source Sans" in drawn[name]["fontFamily"]
        )
        offsets = [point["label_offset"] for point in drawn[name]["data"]]
        assert all(max(abs(dx), abs(dy)) > 7 for dx, dy in offsets)  # clear of the point's radius
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert tooltip["style"]["maxWidth"] and tooltip["style"]["whiteSpace"] == "normal"  # wraps, fits
