"""AppTest: the page Evaluatie renders the sub-goal scores, structure, continuity and factors of a
kern and the overview of all kernen; every number equals plain SQL written here, and the page
shows planted patterns 2 (Boskamp stalls) and 5 (kernen that keep going after 2018).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sv_analytics import config, vocab
from tests.conftest import dutch, open_app_page, sql, table_with, vega_charts

PAGE = "app_pages/evaluatie.py"
KERN_CHART = "{kern}: subdoelen 2017 → 2018"
OVERVIEW_CHART = "Subdoelen per kern: tussentijds 2017 en eind 2018"
MOMENT = dict(vocab.EVALUATION_MOMENT)
SUBGOAL = {int(k): v for k, v in vocab.SUBGOAL.items()}
SCORE = {int(k): v for k, v in vocab.SUBGOAL_SCORE.items()}


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def heatmap(at: AppTest) -> pd.DataFrame:
    return vega_charts(at)[OVERVIEW_CHART][1][0]


def final_evaluations(db: Path) -> pd.DataFrame:
    """Every kern's final evaluation (eind 2018) by plain SQL: its name, structure and whether it
    goes on after the subsidy (``c``; None while unknown)."""
    return sql(
        db,
        "SELECT k.name, e.structure, e.continues_after_subsidy AS c FROM evaluation e JOIN kern k USING (kern_id) "
        "WHERE e.moment = 'eind_2018'",
    )


# ------------------------------------------------------------------------------ one kern
def test_page_renders_kern_section_and_overview(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    headings = [h.value for h in at.subheader]
    assert "Subdoelen van Bathmen" in headings
    assert "Organisatiestructuur en voortzetting na 2018" in headings
    assert "Succes- en faalfactoren van Bathmen" in headings
    assert "Alle kernen: subdoelen per evaluatiemoment" in [h.value for h in at.header]
    assert set(vega_charts(at)) == {KERN_CHART.format(kern="Bathmen"), OVERVIEW_CHART}
    assert not infos(at)


def test_kern_scores_in_table_and_chart_equal_sql(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="markelo")
    expected = sql(
        app_env,
        "SELECT moment, subgoal, score FROM evaluation_subgoal WHERE kern_id = 'markelo' ORDER BY moment, subgoal",
    )
    assert len(expected) == 6
    table = table_with(at, "Subdoel", "Score (1–4)", "Oordeel")
    shown = {(r["Moment"], r["Subdoel"]): (r["Score (1–4)"], r["Oordeel"]) for _, r in table.iterrows()}
    assert shown == {
        (MOMENT[r.moment], SUBGOAL[r.subgoal]): (dutch(r.score), SCORE[r.score])
        for r in expected.itertuples()
    }
    data = vega_charts(at)[KERN_CHART.format(kern="Markelo")][1][0]
    charted = {(r["moment_label"], r["subgoal_label"]): r["score"] for _, r in data.iterrows()}
    assert charted == {(MOMENT[r.moment], SUBGOAL[r.subgoal]): r.score for r in expected.itertuples()}
    # the drawn position stays within a small offset of the score, so lines that coincide stay visible
    assert (data["y"] - data["score"]).abs().max() <= 0.15


def test_structure_continuity_and_factors_equal_sql(app_env: Path) -> None:
    at = open_app_page(PAGE, kern="bathmen")
    expected = sql(
        app_env,
        "SELECT moment, structure, continues_after_subsidy AS c, summary FROM evaluation WHERE kern_id = 'bathmen'",
    )
    table = table_with(at, "Organisatiestructuur", "Doorgaan na 2018", "Datum")
    shown = {r["Moment"]: (r["Organisatiestructuur"], r["Doorgaan na 2018"], r["Samenvatting"])
             for _, r in table.iterrows()}  # fmt: skip
    continuity = {True: "ja", False: "nee"}
    assert shown == {
        MOMENT[r.moment]: (
            vocab.STRUCTURE[r.structure],
            "nog onbekend" if pd.isna(r.c) else continuity[bool(r.c)],
            r.summary,
        )
        for r in expected.itertuples()
    }
    assert table["Datum"].tolist() == ["28 nov 2017", "27 nov 2018"]
    factors = sql(
        app_env,
        "SELECT moment, kind, category, phase, description FROM evaluation_factor WHERE kern_id = 'bathmen'",
    )
    shown_factors = table_with(at, "Factor", "Mechanisme")
    assert sorted(zip(shown_factors["Moment"], shown_factors["Soort"], shown_factors["Categorie"],
                      shown_factors["Fase"], shown_factors["Factor"], strict=True)) == sorted(
        (MOMENT[r.moment], vocab.FACTOR_KIND[r.kind], vocab.FACTOR_CATEGORY[r.category],
         vocab.PHASE[str(r.phase)], r.description)
        for r in factors.itertuples()
    )  # fmt: skip
    links = [link.proto.page for link in at.get("page_link")]
    assert any("wat_werkt" in page for page in links), links


# ------------------------------------------------------------------------------ all kernen
def test_overview_heatmap_counts_and_metrics_equal_sql(app_env: Path) -> None:
    at = open_app_page(PAGE)
    expected = sql(
        app_env,
        "SELECT k.name || ' (' || g.name || ')' AS row_label, s.moment, s.subgoal, s.score "
        "FROM evaluation_subgoal s JOIN kern k USING (kern_id) JOIN gemeente g USING (gemeente_code)",
    )
    data = heatmap(at)
    assert len(data) == 22 * 2 * 3
    cells = {
        (r["row_label"], r["moment"], r["subgoal"]): (r["score"], r["score_label"])
        for _, r in data.iterrows()
    }
    assert cells == {
        (r.row_label, r.moment, r.subgoal): (r.score, SCORE[r.score]) for r in expected.itertuples()
    }
    # kernen grouped by gemeente: rows ordered by gemeente, then kern
    order = sql(
        app_env,
        "SELECT k.name || ' (' || g.name || ')' AS label FROM kern k JOIN gemeente g USING (gemeente_code) "
        "ORDER BY g.name, k.name",
    )["label"].tolist()
    assert list(dict.fromkeys(data.sort_values("row_order")["row_label"])) == order

    counts = sql(app_env, "SELECT subgoal, moment, score, count(*) AS n FROM evaluation_subgoal GROUP BY ALL")
    table = table_with(at, "Niet bereikt", "Bereikt", "Kernen met score")
    for _, row in table.iterrows():
        subgoal = next(k for k, v in SUBGOAL.items() if v == row["Subdoel"])
        moment = next(k for k, v in MOMENT.items() if v == row["Moment"])
        part = counts[(counts["subgoal"] == subgoal) & (counts["moment"] == moment)]
        for score, label in SCORE.items():
            assert row[label] == dutch(int(part.loc[part["score"] == score, "n"].sum())), (
                subgoal,
                moment,
                label,
            )
        assert row["Kernen met score"] == dutch(int(part["n"].sum()))
    assert len(table) == 6

    n_evaluated = sql(app_env, "SELECT count(DISTINCT kern_id) AS n FROM evaluation")["n"].iloc[0]
    assert metrics(at) == {
        "Kernen met evaluatie": str(n_evaluated),
        "Kernen die na 2018 doorgaan": str(final_evaluations(app_env)["c"].eq(True).sum()),
    }


def test_continuity_counts_per_structure_equal_sql(app_env: Path) -> None:
    at = open_app_page(PAGE)
    final = final_evaluations(app_env)
    table = table_with(at, "Organisatiestructuur", "ja", "nee", "nog onbekend", "Totaal").set_index(
        "Organisatiestructuur"
    )
    for (structure, c), n in final.groupby(["structure", "c"], dropna=False).size().items():
        column = "nog onbekend" if pd.isna(c) else ("ja" if c else "nee")
        assert table.loc[vocab.STRUCTURE[structure], column] == dutch(n)
    assert table.loc["Totaal", "Totaal"] == dutch(len(final))
    assert len(final) == 22


def test_gemeente_filter_limits_overview_and_kern_choice(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0168")  # Losser
    rows = set(heatmap(at)["row_label"])
    assert rows == {"De Lutte (Losser)", "Overdinkel (Losser)"}
    assert set(at.selectbox(key="kern").options) == {"De Lutte (Losser)", "Overdinkel (Losser)"}
    assert table_with(at, "Kernen met score")["Kernen met score"].map(int).max() == 2


# ------------------------------------------------------------------------------ planted patterns
def test_evaluatie_overview_shows_boskamp_stalling_with_low_scores(app_env: Path) -> None:
    """Pattern 2: Boskamp stalls in phase 2 — the overview shows its scores lowest (the only
    'Niet bereikt' at the final evaluation), and its factor table names the change of projectleider."""
    at = open_app_page(PAGE)
    data = heatmap(at)
    final = data[data["moment"] == "eind_2018"]
    mean = final.groupby("row_label")["score"].mean()
    assert mean.idxmin() == "Boskamp (Olst-Wijhe)"
    assert mean.drop("Boskamp (Olst-Wijhe)").min() > mean["Boskamp (Olst-Wijhe)"]
    assert set(final.loc[final["score_label"] == "Niet bereikt", "row_label"]) == {"Boskamp (Olst-Wijhe)"}
    boskamp = data[data["row_label"] == "Boskamp (Olst-Wijhe)"]
    assert boskamp["score"].max() <= 2  # never more than 'Deels bereikt', at either moment

    at = open_app_page(PAGE, kern="boskamp")
    factors = table_with(at, "Factor", "Categorie", "Fase")
    change = factors[factors["Factor"].str.contains("Wisseling van projectleider")]
    assert not change.empty
    assert set(change["Soort"]) == {"Faalfactor"}
    assert set(change["Categorie"]) == {"Projectleiding"}
    assert set(change["Fase"]) == {"2 Organisatie"}
    kern_scores = vega_charts(at)[KERN_CHART.format(kern="Boskamp")][1][0]
    assert kern_scores["score"].max() <= 2


def test_evaluatie_shows_which_kernen_keep_going_after_2018(app_env: Path) -> None:
    """Pattern 5: 11 kernen extend an existing structure and go on after the subsidy — the
    continuity tables and the headline figure show exactly those."""
    at = open_app_page(PAGE)
    final = final_evaluations(app_env)
    going_on = set(final.loc[final["c"].eq(True) & (final["structure"] == "bestaand_uitgebreid"), "name"])
    assert len(going_on) == 11
    per_kern = table_with(at, "Kern", "Doorgaan na 2018", "Organisatiestructuur")
    shown = per_kern[per_kern["Doorgaan na 2018"] == "ja"]
    assert set(shown["Kern"]) == going_on
    assert set(shown["Organisatiestructuur"]) == {"Bestaande structuur uitgebreid"}
    assert per_kern["Doorgaan na 2018"].tolist()[:11] == ["ja"] * 11  # those that go on come first
    counts = table_with(at, "Organisatiestructuur", "ja", "Totaal").set_index("Organisatiestructuur")
    assert counts.loc["Bestaande structuur uitgebreid", "ja"] == dutch(11)
    assert counts.loc["Totaal", "ja"] == dutch(11)
    assert metrics(at)["Kernen die na 2018 doorgaan"] == "11"


# ------------------------------------------------------------------------------ empty states
@pytest.fixture()
def without_hertme(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo copy in which Hertme's evaluations (moments, scores, factors) are deleted."""
    path = tmp_path / "zonder-hertme.duckdb"
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as conn:
        for table in ("evaluation", "evaluation_subgoal", "evaluation_factor"):
            conn.execute(f"DELETE FROM {table} WHERE kern_id = 'hertme'")
    monkeypatch.setenv(config.ENV_DB_PATH, str(path))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    return path


def test_kern_without_evaluation_shows_empty_states_and_grey_cells(without_hertme: Path) -> None:
    at = open_app_page(PAGE, kern="hertme")
    messages = infos(at)
    assert "Voor Hertme is (nog) geen evaluatie ingevoerd." in messages
    assert "Voor Hertme is (nog) geen organisatiestructuur of voortzetting vastgelegd." in messages
    assert "Hertme noemde (nog) geen succes- of faalfactoren." in messages
    assert KERN_CHART.format(kern="Hertme") not in vega_charts(at)
    data = heatmap(at)
    hertme = data[data["row_label"] == "Hertme (Borne)"]
    assert len(hertme) == 6 and hertme["score"].isna().all()
    assert set(hertme["score_label"]) == {"geen evaluatie"}
    assert set(table_with(at, "Kernen met score")["Kernen met score"]) == {dutch(21)}
    assert metrics(at)["Kernen met evaluatie"] == "21"


def test_empty_database_shows_empty_states(empty_app_env: Path) -> None:
    at = open_app_page(PAGE)
    messages = infos(at)
    assert any("geen evaluatie ingevoerd" in m for m in messages), messages
    assert "Er zijn nog geen evaluaties ingevoerd voor deze selectie." in messages
    assert vega_charts(at) == {}


def test_page_works_with_real_cbs_context(reference_app_env: Path) -> None:
    at = open_app_page(PAGE, kern="boskamp")
    assert set(vega_charts(at)) == {KERN_CHART.format(kern="Boskamp"), OVERVIEW_CHART}
    assert not infos(at)


def test_the_explanation_column_shows_only_when_a_score_has_one() -> None:
    from sv_analytics import evaluatie

    frame = pd.DataFrame(
        {
            "subgoal_label": ["1 Inzicht", "2 Samenwerking"],
            "moment_label": ["Tussentijds", "Tussentijds"],
            "score": [2, 3],
            "score_label": ["Deels bereikt", "Grotendeels bereikt"],
            "explanation": [None, None],
        }
    )
    assert "Toelichting" not in evaluatie.subgoal_display(frame).display().columns
    frame.loc[1, "explanation"] = "Convenant met de huisarts getekend."
    shown = evaluatie.subgoal_display(frame).display()
    assert list(shown["Toelichting"]) == ["", "Convenant met de huisarts getekend."]
