"""Attacks on the evidence, each performed on a real registry and shown refused or detected.

Protected aliases, re-hashed bytes (promote, the llama.cpp backend, unpacked dataset copies), the
tamper-evident audit chain and eval evidence, and a damaged or foreign registry file.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from helpers import assert_clean_error
from test_compare_support import REQUIRED_GATES, SUITE, make_models, synthetic_results, write_eval_run

from gate.compare import compare_runs
from gate.errors import BackendError
from gate.policy import PromotionRefused, check_promotion, promote
from registry import IntegrityError, Registry, RegistryError
from registry.datasets import get_dataset, register_dataset
from registry.hashing import hash_value
from registry.signoffs import record_packet, record_signoff

CAND, BASE, FAM = "chiro-no-v2", "chiro-no-base", "chiro-no"


def _full_evidence(reg, tmp_path, *, cand_gates=None, cand_passed=True, cand_results=None):
    """Baseline and candidate with GGUFs, eval runs, an A/B comparison and a sign-off: promotable."""
    make_models(reg, tmp_path)
    base = synthetic_results(60, rouge_mean=0.5, seed=1)
    b = write_eval_run(reg, BASE, base)
    results = cand_results or synthetic_results(60, rouge_mean=0, seed=2, base=base, shift=0.1)
    c = write_eval_run(reg, CAND, results, passed=cand_passed,
                       gates=cand_gates or {g: {"passed": cand_passed, "skipped": False} for g in REQUIRED_GATES})
    compare_runs(reg, c, b)
    gguf = reg.latest_artifact(CAND, "gguf").sha256
    record_packet(reg, packet_id="pk-1", model=CAND, sha256="sha256:" + "0" * 64,
                  content_sha256="sha256:" + "1" * 64, blind_key={}, cases=[], artifact_sha256=gguf)
    record_signoff(reg, model=CAND, packet_id="pk-1", reviewer="dr-berg", n_reviewed=100, approved_share=0.95,
                   approved=True, details={})
    return c


# ---- 1. protected aliases --------------------------------------------------------------------------

def test_alias_set_on_production_is_refused_and_an_override_is_audited(cli, tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
    r = cli("registry", "alias", "set", FAM, "production", CAND)
    assert_clean_error(r, f"{FAM}@production is protected", "promote")
    r = cli("registry", "alias", "set", FAM, "production", CAND, "--force")
    assert_clean_error(r, "--force needs --reason")
    with Registry() as reg:
        assert reg.alias_target(FAM, "production") is None
        assert not reg.events(action="alias.set") and not reg.events(action="alias.override")
    r = cli("registry", "alias", "set", FAM, "production", CAND, "--force", "--reason", "INC-7: hotfix")
    assert r.code == 0, r.err
    assert "OVERRIDDEN" in r.out
    with Registry() as reg:
        assert reg.alias_target(FAM, "production").name == CAND
        ev = reg.events(subject=f"{FAM}@production")[-1]
    assert ev.action == "alias.override" and ev.payload["forced"] is True and ev.payload["reason"] == "INC-7: hotfix"
    # Other aliases move freely; a config can protect more of them.
    assert cli("registry", "alias", "set", FAM, "staging", CAND).code == 0
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[policy]\nprotected_aliases = ["production", "staging"]\n')
    r = cli("registry", "alias", "set", FAM, "staging", BASE, "--config", cfg)
    assert_clean_error(r, f"{FAM}@staging is protected")


# ---- 2. bytes re-hashed where they are trusted -----------------------------------------------------

@pytest.mark.parametrize("damage", ["replaced", "deleted"])
def test_promote_rehashes_the_gguf_it_promotes(tmp_path, damage):
    with Registry() as reg:
        _full_evidence(reg, tmp_path)
        assert check_promotion(reg, CAND, suite_hash=SUITE).ok
        obj = reg.store.object_path(reg.latest_artifact(CAND, "gguf").sha256)
        if damage == "replaced":
            obj.write_bytes(b"GGUF other bytes")
        else:
            obj.unlink()
        with pytest.raises(PromotionRefused) as exc:
            promote(reg, CAND, suite_hash=SUITE)
        assert reg.alias_target(FAM, "production") is None
    assert ("altered" if damage == "replaced" else "missing") in str(exc.value)
    assert str(obj) in str(exc.value)


def test_llamacpp_backend_refuses_bytes_that_are_not_the_registered_ones(tmp_path):
    from gate.backends import get_backend
    from gate.backends.llamacpp_backend import LlamaCppBackend

    with Registry() as reg:
        make_models(reg, tmp_path)
        model = reg.get_model(CAND)
        art = reg.latest_artifact(CAND, "gguf")
        be = get_backend("llamacpp", model, reg)
        assert be.digest == art.sha256  # intact: the registered hash is the file's
        obj = reg.store.object_path(art.sha256)
        obj.unlink()  # a new file (new inode) under the same name, as an attacker would swap it
        obj.write_bytes(b"GGUF other bytes")
        with pytest.raises(BackendError, match="are not the registered ones"):
            get_backend("llamacpp", model, reg).digest
        with pytest.raises(BackendError, match="are not the registered ones"):
            be.digest  # the backend made before the swap sees it too (cache keyed by inode and mtime)
    bogus = tmp_path / "not.gguf"
    bogus.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(BackendError, match="not a GGUF file"):
        LlamaCppBackend(bogus)


def _dataset_dir(tmp_path):
    d = tmp_path / "ds"
    d.mkdir()
    rows = {s: [{"id": f"{s}:{i}", "messages": [{"role": "user", "content": f"q{i}"},
                                                  {"role": "assistant", "content": f"a{i}"}]} for i in range(4)]
            for s in ("train", "validation", "test")}
    for s, rs in rows.items():
        (d / f"{s}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rs), "utf-8")
    (d / "card.json").write_text(json.dumps({"fingerprint": hash_value(rows)}), "utf-8")
    return d


@pytest.mark.parametrize("how", ["replaced", "in place"])
def test_a_rewritten_test_split_is_detected_and_never_read(cli, tmp_path, how):
    with Registry() as reg:
        ds = register_dataset(reg, _dataset_dir(tmp_path), "ds")
        test_split = ds.path / "test.jsonl"
        original = test_split.read_text("utf-8")
        kept = original.splitlines(keepends=True)[:1]  # "keep only the cases that passed"
        if how == "replaced":
            test_split.unlink()
            test_split.write_text("".join(kept), "utf-8")
        else:  # the unpacked copy is hard-linked to the store: this rewrites the stored object too
            with open(test_split, "r+", encoding="utf-8") as f:
                f.truncate(0)
                f.write("".join(kept))
        r = cli("registry", "verify")
        assert r.code == 1
        assert str(test_split) in r.err or "test.jsonl" in r.err
        if how == "replaced":
            assert "ALTERED in the unpacked copy" in r.err
            # the next reader gets the registered bytes again, rebuilt from the store
            assert (get_dataset(reg, ds.fingerprint).path / "test.jsonl").read_text("utf-8") == original
        else:
            with pytest.raises(IntegrityError, match="missing or altered"):
                get_dataset(reg, ds.fingerprint)


# ---- 3. tamper-evident evidence ----------------------------------------------------------------------

def _raw(reg_path):
    return sqlite3.connect(reg_path, isolation_level=None)


def test_an_edited_passed_flag_or_rewritten_case_results_cannot_promote(cli, tmp_path, chirogate_home):
    with Registry() as reg:
        run_id = _full_evidence(reg, tmp_path, cand_passed=False)
        path = reg.path
    with _raw(path) as db:
        db.execute("UPDATE eval_runs SET passed = 1, status = 'passed', gates = ? WHERE id = ?",
                   [json.dumps({g: {"passed": True, "skipped": False} for g in REQUIRED_GATES}), run_id])
    with Registry() as reg, pytest.raises(PromotionRefused, match=f"eval run {run_id}'s stored gate or case results"):
        promote(reg, CAND, suite_hash=SUITE)
    r = cli("registry", "verify")
    assert r.code == 1 and f"eval run {run_id}" in r.err and "changed after the run was recorded" in r.err


def test_gates_are_rejudged_from_the_case_results(tmp_path):
    # A summary that claims ROUGE-L 0.9 over case results whose mean is 0.5 does not promote.
    results = synthetic_results(60, rouge_mean=0.5, seed=3)
    gates = {g: {"passed": True, "skipped": False} for g in REQUIRED_GATES}
    gates["rouge"] = {"measured": 0.9, "threshold": "rouge_l > 0.6", "passed": True, "skipped": False}
    with Registry() as reg:
        run_id = _full_evidence(reg, tmp_path, cand_gates=gates, cand_results=results)
        with pytest.raises(PromotionRefused, match=rf"eval run {run_id} .*did not pass every gate \(failed: rouge\)"):
            promote(reg, CAND, suite_hash=SUITE)


def test_case_results_rewritten_are_detected(cli, tmp_path):
    with Registry() as reg:
        run_id = _full_evidence(reg, tmp_path)
        path = reg.path
    with _raw(path) as db:
        db.execute("UPDATE case_results SET value = 0.99 WHERE eval_run_id = ? AND gate = 'rouge'", [run_id])
    r = cli("registry", "verify")
    assert r.code == 1 and f"eval run {run_id}" in r.err


def test_audit_log_edits_are_detected(cli, tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        path = reg.path
        n = len(reg.events())
    assert cli("registry", "verify").code == 0
    with _raw(path) as db:
        db.execute("DROP TRIGGER events_no_update")
        db.execute("UPDATE events SET actor = 'mallory' WHERE id = 2")
    r = cli("registry", "verify")
    assert r.code == 1
    assert "trigger events_no_update is missing" in r.err and "audit event 2" in r.err and "edited" in r.err
    with _raw(path) as db:
        db.execute("DROP TRIGGER events_no_delete")
        db.execute("DELETE FROM events WHERE id = 3")
        # a back-dated event with any actor, inserted behind chirogate's back
        db.execute("INSERT INTO events (ts, actor, action, subject, payload) VALUES "
                   "('2020-01-01T00:00:00+00:00', 'dr-berg', 'signoff.record', ?, '{}')", [CAND])
    r = cli("registry", "verify", "--json")
    assert r.code == 1
    evidence = json.loads(r.out)["evidence"]
    assert any("chain broken at event 4" in e for e in evidence)
    assert any(f"audit event {n + 1} (signoff.record" in e and "no chain hash" in e for e in evidence)
    assert any("back-dated" in e for e in evidence)


def test_a_rewritten_chain_is_caught_only_against_an_anchor(cli, tmp_path):
    from registry.chain import GENESIS, event_hash

    with Registry() as reg:
        make_models(reg, tmp_path)
        path = reg.path
    r = cli("registry", "anchor")
    assert r.code == 0
    anchor = r.out.strip()
    assert cli("registry", "verify", "--anchor", anchor).code == 0
    # Someone with full write access rewrites an event and recomputes the whole chain after it.
    with _raw(path) as db:
        db.execute("DROP TRIGGER events_no_update")
        db.execute("UPDATE events SET actor = 'mallory' WHERE id = 1")
        prev = GENESIS
        for row in db.execute("SELECT id, ts, actor, action, subject, payload FROM events ORDER BY id").fetchall():
            h = event_hash(prev, *row)
            db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?", [prev, h, row[0]])
            prev = h
        db.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                   "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")
    assert cli("registry", "verify").code == 0  # the limit: a consistent rewrite looks intact on its own
    r = cli("registry", "verify", "--anchor", anchor)
    assert r.code == 1 and "does not match the anchor" in r.err
    assert_clean_error(cli("registry", "verify", "--anchor", "12:nonsense"), "malformed anchor")


def test_old_registry_is_chained_by_the_migration(chirogate_home):
    from sqlite_utils import Database

    from registry.migrations import migrations

    chirogate_home.mkdir(parents=True)
    db = Database(sqlite3.connect(chirogate_home / "registry.db", isolation_level=None))
    old = [m for m in migrations._migrations if m.name < "m060"]
    for m in old:
        m.fn(db)
    db["_sqlite_migrations"].insert_all(
        [{"migration_set": "chirogate", "name": m.name, "applied_at": "2026-01-01"} for m in old], alter=True)
    for i in range(3):
        db.execute("INSERT INTO events (ts, actor, action, subject, payload) VALUES (?, 'a', 'model.register', ?, '{}')",
                   [f"2026-01-0{i + 1}T00:00:00+00:00", f"m{i}"])
    db.conn.close()
    with Registry() as reg:
        assert reg.verify_evidence() == []
        assert [e.id for e in reg.events()] == [1, 2, 3]
        reg.register_model("m3", family="f", kind="baseline", base_model="b")
        assert reg.verify_evidence() == []
        assert reg.anchor().startswith(f"{len(reg.events())}:sha256:")


# ---- 4. registry health --------------------------------------------------------------------------------

def test_an_empty_registry_file_is_refused_not_recreated(cli, chirogate_home):
    chirogate_home.mkdir(parents=True)
    (chirogate_home / "registry.db").write_bytes(b"")
    for args in (["registry", "list"], ["registry", "verify"]):
        assert_clean_error(cli(*args), str(chirogate_home / "registry.db"), "empty (0 bytes)")
    assert (chirogate_home / "registry.db").stat().st_size == 0


def test_a_registry_with_overwritten_pages_is_refused(cli, tmp_path, chirogate_home):
    with Registry() as reg:
        make_models(reg, tmp_path)
        reg.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = chirogate_home / "registry.db"
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2: page * 4] = b"\xa5" * (2 * page)  # pages 3 and 4 overwritten
    db.write_bytes(bytes(data))
    for args in (["registry", "list"], ["registry", "verify"],
                 ["registry", "register", "x", "--family", "f", "--kind", "baseline", "--base", "b"]):
        r = cli(*args)
        assert_clean_error(r, str(db), "damaged")
    assert db.read_bytes() == bytes(data)


def test_another_programs_database_is_refused_untouched(cli, chirogate_home):
    chirogate_home.mkdir(parents=True)
    db = chirogate_home / "registry.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    before = db.read_bytes()
    assert_clean_error(cli("registry", "list"), str(db), "tables chirogate did not create", "invoices")
    assert db.read_bytes() == before
    with sqlite3.connect(db) as c:
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["invoices"]


def test_a_table_added_to_a_registry_is_refused(chirogate_home):
    with Registry() as reg:
        reg.db.execute("CREATE TABLE shadow_results (x)")
    with pytest.raises(RegistryError, match="shadow_results"):
        Registry()


def test_concurrent_creation_of_a_new_registry_leaves_one_whole_file(chirogate_home):
    import concurrent.futures

    def open_and_register(i):
        with Registry() as reg:
            reg.register_model(f"m{i}", family="f", kind="baseline", base_model="b")

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(open_and_register, range(4)))
    with Registry() as reg:
        assert len(reg.list_models()) == 4 and reg.verify_evidence() == []
    assert not list(chirogate_home.glob(".tmp-registry-*"))
