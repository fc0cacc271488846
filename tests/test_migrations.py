"""Schema migrations: blank database, an older hand-built schema, idempotence."""

from __future__ import annotations

import sqlite3

import pytest

from registry import Registry, RegistryError
from registry.migrations import known_names

EXPECTED_TABLES = {
    "models", "artifacts", "aliases", "events", "datasets", "training_runs", "eval_runs", "case_results",
    "generations", "comparisons", "review_packets", "signoffs",
}


def test_blank_database_gets_every_table(chirogate_home):
    with Registry() as reg:
        tables = set(reg.db.table_names())
        assert EXPECTED_TABLES <= tables
        assert reg.schema_version == len(known_names())
        assert reg.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert reg.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert {c.name for c in reg.db["models"].columns} == {
            "id", "name", "family", "version", "kind", "base_model", "system_prompt", "parent", "ollama_name",
            "created_at", "notes"}


def test_migrating_twice_changes_nothing(chirogate_home):
    with Registry() as reg:
        schema = reg.db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
        applied = reg.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    with Registry() as reg:
        assert reg.db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
        assert reg.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied


def test_partially_migrated_database_is_brought_forward(chirogate_home):
    # An old registry that applied only the first migration keeps its data.
    with Registry() as reg:
        reg.register_model("old", family="f", kind="baseline", base_model="b")
        names = known_names()
        if len(names) > 1:
            reg.db.execute("DELETE FROM _sqlite_migrations WHERE name != ?", [names[0]])
    with Registry() as reg:
        assert reg.get_model("old").kind == "baseline"
        assert reg.schema_version == len(known_names())


def test_empty_file_is_refused_not_initialised(chirogate_home):
    # chirogate creates a registry whole (temp file + link), so an empty registry.db is damage
    # (a truncated file), never a new registry: re-creating it would silently lose the records.
    chirogate_home.mkdir(parents=True)
    (chirogate_home / "registry.db").write_bytes(b"")
    with pytest.raises(RegistryError, match="empty"):
        Registry()
    assert (chirogate_home / "registry.db").stat().st_size == 0


def test_blank_sqlite_file_is_initialised(chirogate_home):
    chirogate_home.mkdir(parents=True)
    sqlite3.connect(chirogate_home / "registry.db").execute("PRAGMA user_version = 0").close()
    with Registry() as reg:
        assert "models" in reg.db.table_names()
    assert sqlite3.connect(chirogate_home / "registry.db").execute("select count(*) from models").fetchone() == (0,)


def test_migration_names_sort_in_the_order_they_are_applied():
    names = known_names()
    assert names == sorted(names)


PREVIOUS_RELEASE = ["m001_initial", "m050_review_packet_binding", "m020_training_run_details",
                    "m060_tamper_evident_evidence", "m070_review_judgements"]


def test_previous_release_registry_is_migrated_and_keeps_its_data(chirogate_home):
    """A registry written by the previous release: its schema built by hand (the release's own migration
    steps, in its order, recorded under its names), with a model in it."""
    from sqlite_utils import Database

    from registry.migrations import RENAMED, migrations

    with Registry() as reg:  # the schema a blank registry gets now, to compare with
        blank = sorted(r for r in reg.db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name != '_sqlite_migrations'").fetchall())
    for f in chirogate_home.iterdir():
        f.unlink()
    db = Database(chirogate_home / "registry.db")
    by_name = {m.name: m.fn for m in migrations._migrations}
    new_name = {old: RENAMED.get(old, old) for old in PREVIOUS_RELEASE}
    db.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT, "
               "PRIMARY KEY (migration_set, name))")
    for old in PREVIOUS_RELEASE:
        by_name[new_name[old]](db)
        db.execute("INSERT INTO _sqlite_migrations VALUES ('chirogate', ?, '2026-11-30T00:00:00')", [old])
    db.execute("INSERT INTO models (name, family, kind, base_model, created_at) "
               "VALUES ('old', 'f', 'baseline', 'b', '2026-11-30T00:00:00')")
    db.execute(f"PRAGMA user_version = {len(PREVIOUS_RELEASE)}")
    db.conn.commit()
    db.close()
    with Registry() as reg:
        assert reg.get_model("old").kind == "baseline"
        assert [r[0] for r in reg.db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")] == \
            [new_name[o] for o in PREVIOUS_RELEASE]
        assert reg.schema_version == len(known_names())
        got = sorted(r for r in reg.db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name != '_sqlite_migrations'").fetchall())
        assert got == blank
    with Registry() as reg:  # opening again changes nothing
        assert sorted(r for r in reg.db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name != '_sqlite_migrations'").fetchall()) == blank
