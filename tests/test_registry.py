"""The registry library on real SQLite files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from registry import DuplicateError, InputError, NotFoundError, Registry, RegistryError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def reg(chirogate_home):
    with Registry() as r:
        yield r


def _gguf(tmp_path, name="m.gguf", content=b"GGUF fake bytes"):
    p = tmp_path / name
    p.write_bytes(content)
    return p


def test_register_and_resolve_by_name_and_alias(reg, tmp_path):
    g = _gguf(tmp_path)
    m = reg.register_model("chiro-no-v2", family="chiro-no", kind="candidate", base_model="tiny",
                           system_prompt="Du er en klinisk assistent.", artifacts=[("gguf", g)])
    assert m.name == "chiro-no-v2" and m.kind == "candidate"
    reg.set_alias("chiro-no", "production", "chiro-no-v2")
    assert reg.resolve("chiro-no@production").name == "chiro-no-v2"
    assert reg.resolve("chiro-no-v2").id == m.id
    [art] = reg.artifacts("chiro-no-v2")
    assert art.kind == "gguf" and art.bytes == len(b"GGUF fake bytes")
    assert reg.artifact_path(art).read_bytes() == b"GGUF fake bytes"
    assert art.sha256.startswith("sha256:")


def test_directory_artifact_roundtrip(reg, tmp_path):
    d = tmp_path / "adapter"
    (d / "sub").mkdir(parents=True)
    (d / "adapter_config.json").write_text("{}")
    (d / "sub" / "weights.bin").write_bytes(b"\x00\x01" * 100)
    reg.register_model("a", family="f", kind="candidate", base_model="b", artifacts=[("adapter", d)])
    [art] = reg.artifacts("a", "adapter")
    assert art.is_dir and art.bytes == 202
    out = reg.artifact_path(art, tmp_path / "restored")
    assert (out / "sub" / "weights.bin").read_bytes() == b"\x00\x01" * 100
    assert (out / "adapter_config.json").read_text() == "{}"


def test_every_change_is_an_event_and_events_are_append_only(reg, tmp_path):
    reg.register_model("m1", family="f", kind="baseline", base_model="b", artifacts=[("gguf", _gguf(tmp_path))])
    reg.register_model("m2", family="f", kind="candidate", base_model="b", parent="m1")
    reg.set_alias("f", "production", "m1")
    reg.set_alias("f", "production", "m2", reason="better")
    actions = [e.action for e in reg.history("m1")]
    assert actions == ["model.register", "artifact.add", "alias.set", "alias.set"]
    last = reg.history("m2")[-1]
    assert last.payload == {"model": "m2", "previous": "m1", "reason": "better"}
    assert last.actor == "tester"
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        reg.db.execute("UPDATE events SET actor = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        reg.db.execute("DELETE FROM events")


def test_verify_finds_altered_and_missing_files(reg, tmp_path):
    reg.register_model("m", family="f", kind="candidate", base_model="b",
                       artifacts=[("gguf", _gguf(tmp_path)), ("modelfile", _gguf(tmp_path, "Modelfile", b"FROM x"))])
    assert reg.verify() == []
    gguf, modelfile = reg.artifacts("m")
    path = reg.store.object_path(gguf.sha256)
    path.write_bytes(b"GGUF swapped bytes")
    reg.store.object_path(modelfile.sha256).unlink()
    problems = {(p.kind, p.problem) for p in reg.verify("m")}
    assert problems == {("gguf", "altered"), ("modelfile", "missing")}


@pytest.mark.parametrize("call, error, fragment", [
    (lambda r, t: r.get_model("nope"), NotFoundError, "unknown model 'nope'"),
    (lambda r, t: r.resolve("fam@nope"), NotFoundError, "unknown alias 'fam@nope'"),
    (lambda r, t: r.register_model("x", family="f", kind="candidate", base_model="b",
                                   artifacts=[("gguf", t / "missing.gguf")]), InputError, "missing.gguf"),
    (lambda r, t: r.register_model("x", family="f", kind="weird", base_model="b"), InputError, "model kind"),
    (lambda r, t: r.register_model("bad name", family="f", kind="candidate", base_model="b"), InputError,
     "invalid model name"),
    (lambda r, t: r.register_model("x", family="f", kind="candidate", base_model="b",
                                   artifacts=[("weights", t)]), InputError, "artifact kind"),
    (lambda r, t: r.register_model("x", family="f", kind="candidate", base_model="b", parent="ghost"),
     NotFoundError, "ghost"),
])
def test_bad_input_writes_nothing(reg, tmp_path, call, error, fragment):
    before = reg.db.execute("SELECT count(*) FROM events").fetchone()[0]
    with pytest.raises(error, match=fragment):
        call(reg, tmp_path)
    assert reg.db.execute("SELECT count(*) FROM events").fetchone()[0] == before
    assert reg.list_models() == []


def test_duplicate_name_is_refused(reg):
    reg.register_model("m", family="f", kind="candidate", base_model="b")
    with pytest.raises(DuplicateError, match="'m' is already registered"):
        reg.register_model("m", family="f", kind="candidate", base_model="b")
    assert len(reg.events(action="model.register")) == 1


def test_alias_must_stay_in_family(reg):
    reg.register_model("m", family="f", kind="candidate", base_model="b")
    with pytest.raises(InputError, match="belongs to family 'f'"):
        reg.set_alias("other", "production", "m")


def test_failed_transaction_rolls_back_model_and_events(reg):
    with pytest.raises(RuntimeError):
        with reg.transaction():
            reg.register_model("m", family="f", kind="candidate", base_model="b")
            raise RuntimeError("crash midway")
    assert reg.list_models() == [] and reg.events() == []


def test_not_sqlite_file_is_refused(chirogate_home):
    chirogate_home.mkdir(parents=True)
    (chirogate_home / "registry.db").write_text("this is not a database\n")
    with pytest.raises(RegistryError, match="not a SQLite database"):
        Registry()
    assert (chirogate_home / "registry.db").read_text() == "this is not a database\n"


def test_newer_schema_is_refused(chirogate_home):
    with Registry() as r:
        r.db["_sqlite_migrations"].insert({"migration_set": "chirogate", "name": "m999_from_the_future",
                                           "applied_at": "2030-01-01"})
    with pytest.raises(RegistryError, match="newer than this chirogate"):
        Registry()


def test_unwritable_home(tmp_path):
    """A read-only CHIROGATE_HOME is refused before anything is written.

    Root ignores permission bits, so under root the directory is made immutable instead.
    """
    import os
    import subprocess

    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(ro)]).returncode != 0:
            pytest.skip("root without chattr: no way to make a directory unwritable")
        undo = ["chattr", "-i", str(ro)]
    else:
        ro.chmod(0o500)
        undo = ["chmod", "700", str(ro)]
    try:
        with pytest.raises(RegistryError, match="not writable"):
            Registry(ro)
        assert list(ro.iterdir()) == []
    finally:
        subprocess.run(undo, check=True)


def test_home_under_a_file_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(RegistryError, match="cannot create CHIROGATE_HOME"):
        Registry(f / "home")
