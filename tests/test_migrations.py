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
