"""AppTest: the page Samenwerking renders and its numbers equal plain SQL written here.

Expected values never come from sv_analytics.samenwerking: each test asks the demo database
itself (a second connection, default config, while the app holds the file open) and compares
with what the page renders — table cells and the charts' data. The page runs protected (issue
12): a count shows as the SQL's value through the oracle of tests/test_privacy.py, a monthly
average comes from the rounded count, and the flow diagram carries texts, not counts.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import dutch, open_app_page, sql, table_with, vega_charts
from tests.test_privacy import oracle_derived, oracle_text

PAGE = "app_pages/samenwerking.py"
START, END = date(2017, 1, 1), date(2018, 12, 1)


def open_page(
    kern: str | None = "overdinkel", peildatum: date | None = None, scope: str | None = None
) -> AppTest:
    """The page for ``kern`` (Overdinkel by default), with the peildatum and the flows' scope set."""
    return open_app_page(PAGE, kern=kern, smw_peildatum=peildatum, smw_stromen=scope)


def chart_data(at: AppTest, title_start: str, column: str) -> pd.DataFrame:
    """The first dataset holding ``column`` of the chart whose title starts with ``title_start``."""
    found = vega_charts(at)
    title = next(k for k in found if str(k).startswith(title_start))
    return next(d for d in found[title][1] if column in d.columns)


def shown(value: int) -> str:
    """How the page shows a count of people: 1–4 as <5, otherwise rounded to 5, in Dutch."""
    return oracle_text(value)


def node_texts(nodes: pd.DataFrame, column: int) -> dict[str, str]:
    """The counts the flow diagram writes on the nodes of one column, by node code."""
    part = nodes[nodes["column"] == column]
    return dict(zip(part["code"], part["n_txt"], strict=True))


def test_page_renders_network_referrals_flows_and_figures(app_env: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Samenwerking"
    titles = list(vega_charts(at))
    assert any(str(k).startswith("Netwerk van Overdinkel op 31 dec 2018") for k in titles), titles
    assert "Doorverwijzingen per maand in Overdinkel" in titles
    assert any(str(k).startswith("Doorverwijsstromen: Alle kernen") for k in titles), titles
    headers = [s.value for s in at.subheader]
    assert headers[:4] == [
        "Netwerk van samenwerkingsafspraken",
        "Doorverwijzingen en het doorverwijsnetwerk",
        "Doorverwijsstromen",
        "Netwerkcijfers per kern",
    ]


def test_network_nodes_and_edges_equal_sql_on_a_peildatum(app_env: Path) -> None:
    peil = date(2017, 6, 30)
    at = open_page(peildatum=peil)
    orgs = chart_data(at, "Netwerk van Overdinkel op 30 jun 2017", "sector_label")
    edges = chart_data(at, "Netwerk van Overdinkel op 30 jun 2017", "x2")
    expected_orgs = sql(app_env, "SELECT name FROM organisation WHERE kern_id = 'overdinkel'")
    live = sql(
        app_env,
        """SELECT DISTINCT a.agreement_id, o.name FROM agreement a
           JOIN agreement_party p USING (agreement_id) JOIN organisation o USING (org_id)
           WHERE a.kern_id = 'overdinkel' AND a.start_date <= ? AND (a.end_date IS NULL OR a.end_date >= ?)""",
        peil,
        peil,
    )
    assert sorted(orgs["name"]) == sorted(expected_orgs["name"])
    assert sorted(orgs.loc[orgs["active"], "name"]) == sorted(set(live["name"]))
    assert len(edges) == len(live)
    assert set(edges["agreement_id"]) == set(live["agreement_id"])
    legend = {"Sport", "Welzijn", "Gemeente", "Gezondheidszorg / eerstelijn"}
    assert legend <= set(orgs["sector_label"])


def test_agreements_table_equals_sql(app_env: Path) -> None:
    at = open_page()
    table = table_with(at, "Partijen")
    expected = sql(
        app_env,
        """SELECT a.description, count(p.org_id) AS parties FROM agreement a
           LEFT JOIN agreement_party p USING (agreement_id)
           WHERE a.kern_id = 'overdinkel' GROUP BY a.description, a.start_date ORDER BY a.start_date""",
    )
    assert list(table["Omschrijving"]) == list(expected["description"])
    assert [len(p.split(", ")) for p in table["Partijen"]] == list(expected["parties"])
    assert list(table.columns) == ["Soort", "Omschrijving", "Start", "Einde", "Status", "Partijen"]
    assert table.loc[table["Soort"] == "Doorverwijsnetwerk", "Start"].tolist() == ["1 jan 2018"]


def test_flow_table_and_diagram_equal_sql_for_the_chosen_kern(app_env: Path) -> None:
    at = open_page(scope="kern")
    expected = sql(
        app_env,
        """SELECT r.from_sector, a.kind, r.doelgroep, sum(r.n)::INT AS n FROM referral r
           JOIN activity a ON a.activity_id = r.to_activity_id
           WHERE r.kern_id = 'overdinkel' AND r.month BETWEEN ? AND ? GROUP BY ALL""",
        START,
        END,
    )
    table = table_with(at, "Verwezen door")
    assert len(table) == len(expected)
    assert sorted(table["Doorverwijzingen"]) == sorted(shown(int(n)) for n in expected["n"])
    nodes = chart_data(at, "Doorverwijsstromen: Overdinkel", "text")
    assert "n" not in nodes.columns  # the diagram's data holds texts, no counts
    by_sector = expected.groupby("from_sector")["n"].sum()
    for column, code in enumerate(("from_sector", "kind", "doelgroep")):
        assert node_texts(nodes, column) == expected.groupby(code)["n"].sum().map(shown).to_dict()
    huisarts = nodes.loc[nodes["code"] == "huisarts", "text"].iloc[0]
    assert huisarts == f"Huisarts · {shown(int(by_sector['huisarts']))}"


def test_flows_of_all_kernen_equal_sql(app_env: Path) -> None:
    at = open_page()
    per_group = sql(
        app_env,
        "SELECT doelgroep, sum(n)::INT AS n FROM referral WHERE month BETWEEN ? AND ? GROUP BY 1",
        START,
        END,
    ).set_index("doelgroep")["n"]
    nodes = chart_data(at, "Doorverwijsstromen: Alle kernen", "text")
    assert node_texts(nodes, 2) == per_group[per_group > 0].map(shown).to_dict()


def test_figures_table_equals_sql_with_the_chosen_kern_first(app_env: Path) -> None:
    at = open_page()
    table = table_with(at, "Partners")
    assert table["Kern"].iloc[0] == "Overdinkel"
    assert len(table) == 22
    peil = date(2018, 12, 31)
    expected = sql(
        app_env,
        """SELECT k.name,
             (SELECT count(DISTINCT p.org_id) FROM agreement a JOIN agreement_party p USING (agreement_id)
               WHERE a.kern_id = k.kern_id AND a.start_date <= $peil) AS partners,
             (SELECT count(*) FROM agreement a WHERE a.kern_id = k.kern_id AND a.start_date <= $peil
               AND (a.end_date IS NULL OR a.end_date >= $peil)) AS agreements,
             (SELECT coalesce(sum(n), 0) FROM referral r WHERE r.kern_id = k.kern_id
               AND r.month BETWEEN $start AND $end) AS referrals
           FROM kern k""",
        peil=peil,
        start=START,
        end=END,
    ).set_index("name")
    for row in table.to_dict("records"):
        want = expected.loc[row["Kern"]]
        assert row["Partners"] == str(int(want["partners"]))
        assert row["Lopende afspraken"] == str(int(want["agreements"]))
        referrals = int(want["referrals"])
        assert row["Doorverwijzingen"] == shown(referrals)
        per_month = oracle_derived(referrals / 24, referrals)  # from the rounded total (issue 12, path 4)
        assert row["Per maand"] == ("<5" if per_month is None else dutch(per_month, 1))


def test_samenwerking_shows_referrals_start_after_the_care_agreement(app_env: Path) -> None:
    """Planted pattern 3: referrals only once care partners signed the referral network."""
    at = open_page("overdinkel")
    months = chart_data(at, "Doorverwijzingen per maand in Overdinkel", "referrals")
    rule = chart_data(at, "Doorverwijzingen per maand in Overdinkel", "signed")
    signed = pd.Timestamp(rule["signed"].iloc[0]).date()
    assert signed == date(2018, 1, 1)
    months["month"] = pd.to_datetime(months["month"]).dt.date
    assert months.loc[months["month"] < signed, "referrals"].sum() == 0
    first = months[months["month"] == signed].iloc[0]
    assert first["referrals"] > 0 or first["referrals_txt"] == "<5"  # referrals, shown rounded or <5
    assert any("getekend op 1 jan 2018; eerste doorverwijzingen in jan 2018" in m.value for m in at.markdown)
    figures = table_with(at, "Partners").set_index("Kern")
    assert figures.loc["Overdinkel", "Netwerk getekend"] == "1 jan 2018"
    assert figures.loc["Overdinkel", "Eerste doorverwijzing"] == "jan 2018"

    # A kern without a referral network: no rule, no referrals, a clear message.
    at = open_page("de-lutte")
    found = vega_charts(at)
    _spec, data = found["Doorverwijzingen per maand in De Lutte"]
    assert not any("signed" in d.columns for d in data)
    assert next(d for d in data if "referrals" in d.columns)["referrals"].sum() == 0
    assert any("geen doorverwijsnetwerk met zorgpartners" in i.value for i in at.info)
    figures = table_with(at, "Partners").set_index("Kern")
    assert figures.loc["De Lutte", "Netwerk getekend"] == "–"
    assert figures.loc["De Lutte", "Eerste doorverwijzing"] == "–"
    # Across all kernen: a first month with referrals only where a network was signed.
    signed_or_not = figures["Netwerk getekend"] == "–"
    assert (signed_or_not == (figures["Eerste doorverwijzing"] == "–")).all()


def test_peildatum_before_the_first_agreement_shows_a_message(app_env: Path) -> None:
    at = open_page(peildatum=date(2016, 6, 30))
    assert any(
        i.value == "Overdinkel had op 30 jun 2016 nog geen lopende samenwerkingsafspraken." for i in at.info
    )
    assert not any(str(k).startswith("Netwerk van") for k in vega_charts(at))


def test_a_kern_without_agreements_shows_a_message(demo_db: Path, tmp_path: Path, monkeypatch) -> None:
    from sv_analytics import config

    copy = tmp_path / "zonder.duckdb"
    shutil.copyfile(demo_db, copy)
    with duckdb.connect(str(copy)) as conn:
        conn.execute("DELETE FROM agreement_party WHERE agreement_id LIKE 'hertme-%'")
        conn.execute("DELETE FROM agreement WHERE kern_id = 'hertme'")
    monkeypatch.setenv(config.ENV_DB_PATH, str(copy))
    monkeypatch.setenv(config.ENV_BASEMAP, "0")
    at = open_page("hertme")
    infos = [i.value for i in at.info]
    assert "Hertme had op 31 dec 2018 nog geen lopende samenwerkingsafspraken." in infos
    assert "Voor Hertme zijn nog geen samenwerkingsafspraken vastgelegd." in infos
    assert not any(str(k).startswith("Netwerk van") for k in vega_charts(at))
    figures = table_with(at, "Partners").set_index("Kern")
    assert figures.loc["Hertme", "Partners"] == "0"


def test_empty_database_renders_with_empty_states(empty_app_env: Path) -> None:
    at = open_page(kern=None)
    assert at.title[0].value == "Samenwerking"
    assert any("nog geen sociale kaart" in i.value for i in at.info)
    assert any(
        i.value == "Voor deze periode en selectie zijn geen doorverwijsstromen geregistreerd."
        for i in at.info
    )


def test_database_with_real_context_renders(reference_app_env: Path) -> None:
    at = open_page("bathmen")
    assert any(str(k).startswith("Netwerk van Bathmen") for k in vega_charts(at))


def test_flows_follow_the_gemeente_filter(app_env: Path) -> None:
    at = open_app_page(PAGE, gemeente="GM0168")  # Losser
    total = sql(
        app_env,
        """SELECT sum(r.n)::INT AS n FROM referral r JOIN kern k USING (kern_id)
           WHERE k.gemeente_code = 'GM0168' AND r.month BETWEEN ? AND ?""",
        START,
        END,
    )["n"].iloc[0]
    per_sector = sql(
        app_env,
        """SELECT r.from_sector, sum(r.n)::INT AS n FROM referral r JOIN kern k USING (kern_id)
           WHERE k.gemeente_code = 'GM0168' AND r.month BETWEEN ? AND ? GROUP BY 1""",
        START,
        END,
    ).set_index("from_sector")["n"]
    assert per_sector.sum() == total
    nodes = chart_data(at, "Doorverwijsstromen: Losser", "text")
    assert node_texts(nodes, 0) == per_sector[per_sector > 0].map(shown).to_dict()
    assert at.radio(key="smw_stromen").options[0] == "Alle kernen van de gekozen gemeente"


def test_the_exports_record_the_peildatum_and_the_flows_scope(app_env: Path) -> None:
    """The Toelichting of an exported table says which peildatum and which flows were chosen."""
    from sv_analytics.ui import filters

    at = open_page(peildatum=date(2017, 6, 30), scope="kern")
    choices = dict(at.session_state[filters._CHOICES])
    assert choices["Peildatum van het netwerk"] == "30 jun 2017"
    assert choices["Doorverwijzingen van"] == "Alleen de gekozen kern"
    assert choices["Periode"] == "jan 2017 – dec 2018"
