"""The demo generator: deterministic, complete, flagged as demo, internally consistent."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sv_analytics import db, demo, registry
from sv_analytics.errors import DatabaseError


def test_same_seed_gives_identical_content_in_every_table(demo_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "b.duckdb"
    demo.create_demo_database(again)
    with duckdb.connect(str(demo_db), read_only=True) as a, duckdb.connect(str(again), read_only=True) as b:
        hashes_a, hashes_b = db.content_hashes(a), db.content_hashes(b)
    assert set(hashes_a) == set(db.content_tables(duckdb.connect(str(again), read_only=True)))
    assert hashes_a == hashes_b


def test_another_seed_gives_other_content(demo_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "c.duckdb"
    demo.create_demo_database(other, seed=7)
    with duckdb.connect(str(demo_db), read_only=True) as a, duckdb.connect(str(other), read_only=True) as b:
        hashes_a, hashes_b = db.content_hashes(a), db.content_hashes(b)
    assert hashes_a["participation"] != hashes_b["participation"]
    assert hashes_a["kern"] == hashes_b["kern"]  # the registry does not depend on the seed


def test_every_table_is_populated(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Every content table has demo rows; only the revision history starts empty (the demo is
    generated, not imported), and so do the accounts (the demo runs in local mode, one local
    beheerder; logins are added with ``users add``)."""
    empty = [table for table, count in db.row_counts(demo_conn).items() if count == 0]
    assert empty == ["app_user", "revision"]


def test_all_22_kernen_and_all_years_have_monitoring_data(demo_conn: duckdb.DuckDBPyConnection) -> None:
    per_year = demo_conn.execute(
        "SELECT year(p.month) AS y, count(DISTINCT a.kern_id) FROM participation p "
        "JOIN activity a USING (activity_id) GROUP BY y ORDER BY y"
    ).fetchall()
    assert per_year == [(2016, 22), (2017, 22), (2018, 22), (2019, 22)]
    assert demo_conn.execute("SELECT count(DISTINCT kern_id) FROM werkplan_action").fetchone()[0] == 22
    assert demo_conn.execute("SELECT count(DISTINCT kern_id) FROM evaluation").fetchone()[0] == 22


def test_demo_content_is_flagged_and_the_registry_is_not(demo_conn: duckdb.DuckDBPyConnection) -> None:
    assert db.has_demo_content(demo_conn)
    flags = dict(demo_conn.execute("SELECT kind, is_demo FROM dataset").fetchall())
    assert flags == {"registry": False, "demo": True}
    demo_rows = demo_conn.execute(
        "SELECT count(*) FROM participation p JOIN dataset d USING (dataset_id) WHERE d.is_demo"
    ).fetchone()[0]
    assert demo_rows == demo_conn.execute("SELECT count(*) FROM participation").fetchone()[0]


def test_every_content_row_names_a_known_dataset(demo_conn: duckdb.DuckDBPyConnection) -> None:
    for table in db.content_tables(demo_conn):
        columns = {r[0] for r in demo_conn.execute(f'DESCRIBE "{table}"').fetchall()}
        if "dataset_id" not in columns or table in ("dataset", "import_log"):
            continue
        orphans = demo_conn.execute(
            f'SELECT count(*) FROM "{table}" t WHERE t.dataset_id NOT IN (SELECT dataset_id FROM dataset)'
        ).fetchone()[0]
        assert orphans == 0, table


def test_references_and_codes_are_consistent(demo_conn: duckdb.DuckDBPyConnection) -> None:
    assert db.integrity_problems(demo_conn) == []


def test_breakdowns_add_up(demo_conn: duckdb.DuckDBPyConnection) -> None:
    mismatches = demo_conn.execute(
        """
        SELECT count(*) FROM participation p
        JOIN (SELECT activity_id, month, dimension, sum(n) AS total, max(n) AS largest
              FROM participation_breakdown GROUP BY ALL) b USING (activity_id, month)
        WHERE (b.dimension IN ('leeftijd', 'geslacht') AND b.total <> p.participants)
           OR (b.dimension = 'doelgroep' AND b.largest > p.participants)
        """
    ).fetchone()[0]
    assert mismatches == 0


def test_referrals_never_exceed_new_participants(demo_conn: duckdb.DuckDBPyConnection) -> None:
    over = demo_conn.execute(
        """
        SELECT count(*) FROM (SELECT to_activity_id AS activity_id, month, sum(n) AS n
                              FROM referral GROUP BY ALL) r
        JOIN participation p USING (activity_id, month)
        WHERE r.n > p.new_participants
        """
    ).fetchone()[0]
    assert over == 0


def test_the_build_is_logged(demo_conn: duckdb.DuckDBPyConnection) -> None:
    rows = demo_conn.execute("SELECT action, status, dataset_id, rows_json FROM import_log").fetchall()
    assert len(rows) == 1
    action, status, dataset_id, rows_json = rows[0]
    assert (action, status, dataset_id) == ("demo", "ok", demo.demo_dataset_id(demo.DEFAULT_SEED))
    assert '"participation"' in rows_json


def test_kernen_in_demo_are_the_registry(demo_conn: duckdb.DuckDBPyConnection) -> None:
    ids = {r[0] for r in demo_conn.execute("SELECT kern_id FROM kern").fetchall()}
    assert ids == set(registry.load_kernen()["kern_id"])


def test_existing_file_is_not_overwritten_without_replace(demo_db: Path) -> None:
    before = demo_db.stat().st_mtime_ns
    with pytest.raises(DatabaseError, match="bestaat al"):
        demo.create_demo_database(demo_db)
    assert demo_db.stat().st_mtime_ns == before


def test_a_failed_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(demo.generator, "generate", broken)
    target = tmp_path / "x.duckdb"
    with pytest.raises(RuntimeError):
        demo.create_demo_database(target)
    assert list(tmp_path.iterdir()) == []


def test_split_integer_adds_up_exactly() -> None:
    assert demo.split_integer(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(demo.split_integer(97, [0.2, 0.3, 0.5, 0.01])) == 97
    assert demo.split_integer(0, [1, 2]) == [0, 0]


def test_activity_templates_are_read_from_the_csv_and_checked(tmp_path: Path) -> None:
    from sv_analytics.demo import templates

    loaded = templates.load_templates()
    assert [len(loaded[g]) for g in templates.GROUPS] == [2, 12, 1]
    assert templates.EVENT.name == "Beweegdag" and templates.EVENT.months == 1
    assert all(t.walking for t in loaded["nieuw"][:4]) and not any(t.walking for t in loaded["nieuw"][4:])
    lines = templates.TEMPLATES_CSV.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "activiteiten.csv"
    lines[1] = lines[1].replace(",sport,", ",sprot,", 1)
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValueError, match="rij 2: onbekende code 'sprot'"):
        templates.load_templates(broken)


def test_factors_kennisplein_and_health_baselines_are_read_from_their_csvs(tmp_path: Path) -> None:
    from sv_analytics.demo import datafiles, steering

    factors, items = demo.DemoGenerator.FACTORS, demo.DemoGenerator.KENNISPLEIN
    assert len(factors) == 9 and factors["enquete"].mechanism is None and factors["vrijwilligers"].phase == 3
    assert set(items) == {"doorverwijzen", "vereniging", "borging"} and items["borging"].doelgroepen == ()
    assert items["vereniging"].title.format(kern="Markelo").startswith("Markelo: ")
    health = demo.DemoGenerator.HEALTH
    assert len(health) == 14 and health["zware_drinker_pct"].percents == (9.0, 9.5, 7.0, None, None)
    assert health["wekelijks_sporter_pct"].ageing_shift == -4.0 and health["eenzaam_pct"].city_shift == 0.0
    lines = datafiles.data_file("demo_factoren.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "factoren.csv"
    broken.write_text("\n".join([*lines[:3], lines[3].replace(",succes,", ",sukses,", 1)]), encoding="utf-8")
    with pytest.raises(ValueError, match=r"factoren\.csv, rij 4: onbekende code 'sukses'"):
        datafiles.read_keyed(broken, steering.Factor)
    broken.write_text("\n".join([*lines[:2], lines[1]]), encoding="utf-8")
    with pytest.raises(ValueError, match="sleutel 'bestaande_vereniging' staat er twee keer in"):
        datafiles.read_keyed(broken, steering.Factor)
    broken.write_text("\n".join([lines[0], lines[1].replace(",2,", ",twee,", 1)]), encoding="utf-8")
    with pytest.raises(ValueError, match="rij 2: onbekende code 'twee'"):
        datafiles.read_keyed(broken, steering.Factor)


def test_some_demo_activities_carry_a_fictional_intervention_with_a_level(
    demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """Issue 13: a few activity templates name a Loket Gezond Leven intervention and its level.
    Every name is invented and says so; a level never comes without a name; the levels vary,
    and so does whether a kern has one of Goed onderbouwd or higher (the approach needs both)."""
    from sv_analytics import vocab
    from sv_analytics.demo import templates

    named = [t for group in templates.load_templates().values() for t in group if t.intervention]
    assert len(named) >= 3 and all(t.intervention.endswith("(fictief)") for t in named)
    rows = demo_conn.execute(
        "SELECT intervention_name, recognition_level, count(*) FROM activity "
        "WHERE intervention_name IS NOT NULL OR recognition_level IS NOT NULL GROUP BY ALL"
    ).fetchall()
    assert {(name, level) for name, level, _ in rows} == {
        (t.intervention, t.recognition_level) for t in named
    }
    assert all(name.endswith("(fictief)") for name, _, _ in rows)
    levels = {level for _, level, _ in rows}
    assert len(levels) >= 4 and levels <= set(vocab.RECOGNITION_LEVEL)
    per_kern = demo_conn.execute(
        "SELECT k.kern_id, count(a.activity_id) FILTER (WHERE a.recognition_level IN "
        "('goed_onderbouwd', 'eerste_aanwijzingen', 'goede_aanwijzingen', 'sterke_aanwijzingen')) "
        "FROM kern k LEFT JOIN activity a USING (kern_id) GROUP BY k.kern_id"
    ).fetchall()
    with_one = sum(1 for _, n in per_kern if n)
    assert 3 <= with_one <= len(per_kern) - 3
    lines = templates.TEMPLATES_CSV.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "activiteiten.csv"
    row = next(i for i, line in enumerate(lines) if "goed_onderbouwd" in line)
    broken.write_text(
        "\n".join([*lines[:row], lines[row].replace("goed_onderbouwd", "erkend")]), encoding="utf-8"
    )
    with pytest.raises(ValueError, match=f"rij {row + 1}: onbekende code 'erkend'"):
        templates.load_templates(broken)
    name = next(t.intervention for t in named if t.recognition_level == "goed_onderbouwd")
    broken.write_text("\n".join([*lines[:row], lines[row].replace(name, "")]), encoding="utf-8")
    with pytest.raises(ValueError, match=f"activiteiten.csv, rij {row + 1}: een erkenningsniveau hoort bij"):
        templates.load_templates(broken)
