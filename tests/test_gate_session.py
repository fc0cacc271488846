"""The gate session on recorded answers (replay backend): cases, lazy gates, failure reports, eval runs."""

from __future__ import annotations

import json

import pytest

from gate.config import load_config
from gate.generation import load_cases
from gate.session import GateSession, current_suite_hash, default_cases
from registry import Registry
from registry import evals
from test_gate_support import BAD, NOTES, recorded_model, register, write_cases


@pytest.fixture
def reg(chirogate_home):
    r = Registry()
    yield r
    r.close()


def _session(reg, name, cases_file, config=None, **kw):
    return GateSession.from_options(name, backend="replay", config=config, cases=cases_file, reg=reg, progress=False,
                                    **kw)


def test_good_model_passes_rouge_and_hallucination(reg, tmp_path):
    sha, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    s = _session(reg, "good", cases)
    r = s.result("rouge")
    assert r.passed and r.value == pytest.approx(1.0) and r.n == len(NOTES)
    h = s.result("hallucination")
    assert h.passed and h.value == 0.0 and h.n == len(NOTES)
    assert s.result("benchmark").skipped  # --cases replaces the defaults: no benchmark cases
    lat = s.result("latency")
    assert lat.skipped and "replay" in lat.reason
    assert s.evaluated_artifact() == sha


def test_generation_happens_once(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    s = _session(reg, "good", cases)
    first = s.outputs()
    s.result("rouge")
    s.result("hallucination")
    assert s.outputs() is first


def test_bad_model_fails_with_a_readable_report(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "bad", lambda c: BAD)
    s = _session(reg, "bad", cases)
    r = s.result("rouge")
    assert r.passed is False and r.value < 0.6
    text = r.failure_report()
    assert "rouge gate FAILED" in text and "rouge_l > 0.6" in text and f"rouge_l = {r.value:.4g}" in text
    assert "note-" in text and "output: S: Nakkesmerter i ti uker" in text
    h = s.result("hallucination")
    assert h.passed is False and h.value == 1.0
    assert "hallucination_rate < 0.05" in h.failure_report() and "contradiction" in h.failure_report()


def test_stricter_config_fails_a_decent_model(reg, tmp_path):
    # Two right answers, one a shortened paraphrase: fine by default, not under a 0.95 bar.
    _, cases = recorded_model(reg, tmp_path, "ok", lambda c: c.reference if c.id != "note-2" else
                              "S: Smerter i høyre skulder i seks uker.\nO: Hawkins positiv høyre side.\nA: Impingement."
                              "\nP: Øvelser.")
    assert _session(reg, "ok", cases).result("rouge").passed
    cfg = tmp_path / "strict.toml"
    cfg.write_text('[gates]\nrouge_l = "rouge_l > 0.95"\n', "utf-8")
    r = _session(reg, "ok", cases, config=cfg).result("rouge")
    assert r.passed is False and "rouge_l > 0.95" in r.failure_report()
    assert r.worst[0]["case_id"] == "note-2"


def test_eval_run_recorded_with_hashes(reg, tmp_path):
    sha, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    s = _session(reg, "good", cases)
    s.result("rouge")
    s.result("hallucination")
    run_id = s.finish(exitstatus=0)
    run = evals.get_eval_run(reg, run_id)
    assert run.model == "good" and run.artifact_sha256 == sha and run.backend == "replay"
    assert run.suite_hash == current_suite_hash(load_config(), load_cases(cases)) == s.suite_hash
    assert run.config["decoding"]["temperature"] == 0.0 and run.config["thresholds"]["rouge"] == "rouge_l > 0.6"
    assert run.provenance["git_commit"] and run.provenance["git_dirty"] in (True, False)
    assert run.provenance["machine"]["python"]
    assert run.gates["rouge"]["passed"] is True and run.gates["rouge"]["measured"] == pytest.approx(1.0)
    # Gates this pytest session never reached are not silently passed.
    assert run.gates["pii"]["passed"] is False and "not run" in run.gates["pii"]["reason"]
    assert run.passed is False and run.status == "failed"
    rows = evals.case_results(reg, run_id, "rouge")
    assert [r.case_id for r in rows] == ["note-0", "note-1", "note-2"] and all(r.passed for r in rows)
    assert evals.latest_eval_run(reg, "good", s.suite_hash).id == run_id
    assert evals.latest_eval_run(reg, "good", "sha256:other") is None
    assert s.finish() == run_id  # once only
    assert [e.action for e in reg.events("good") if e.action.startswith("eval.")][-1] == "eval.finish"


def test_all_gates_judged_and_passed_records_a_passing_run(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    s = _session(reg, "good", cases)
    for g in (g for g in s.gates if g not in ("pii", "terminology")):  # every other gate, red_flags included
        s.result(g)
    # pii and terminology results as a finished session would hold them (their scorers need gate.pii /
    # gate.clinical, covered by their own tests): here only the recording rule is under test.
    from gate.session import GateResult
    from gate.scorers.base import Score

    for g in ("pii", "terminology"):
        s._results[g] = GateResult(g, s.thresholds[g], 0.0 if g == "pii" else 1.0, True, None, 3,
                                   [(f"note-{i}", Score(1.0, True, "ok")) for i in range(3)])
    run = evals.get_eval_run(reg, s.finish(0))
    assert run.passed is True and run.status == "passed"
    assert run.gates["latency"]["skipped"] is True


def test_pytest_error_status_records_error(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    s = _session(reg, "good", cases)
    s.result("rouge")
    run = evals.get_eval_run(reg, s.finish(exitstatus=2))
    assert run.status == "error" and run.passed is False


def test_no_record(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    s = _session(reg, "good", cases, record=False)
    s.result("rouge")
    assert s.finish(0) is None and evals.eval_runs(reg) == []


def test_baseline_session_shares_cases(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "cand", lambda c: c.reference)
    register(reg, tmp_path, "base", kind="baseline")
    s = _session(reg, "cand", cases, baseline="base")
    b = s.baseline_session()
    assert b.model.name == "base" and b.cases is s.cases and b.suite_hash == s.suite_hash
    with pytest.raises(Exception, match="model under test itself"):
        _session(reg, "cand", cases, baseline="cand")


def test_suite_hash_changes_with_cases_and_thresholds(tmp_path):
    cases = load_cases(write_cases(tmp_path / "c.jsonl"))
    h = current_suite_hash(load_config(), cases)
    assert h == current_suite_hash(load_config(), list(cases))
    assert current_suite_hash(load_config(), cases[:2]) != h
    cfg = tmp_path / "c.toml"
    cfg.write_text('[gates]\nrouge_l = "> 0.61"\n', "utf-8")
    assert current_suite_hash(load_config(cfg), cases) != h


def _register_lineage(reg, tmp_path, name):
    """A dataset (test split + card with canaries) and a succeeded training run producing ``name``."""
    from registry.datasets import register_dataset
    from registry.training import finish_run, start_run

    ds = tmp_path / "dataset"
    ds.mkdir()
    with open(ds / "test.jsonl", "w", encoding="utf-8") as f:
        for i, (inp, ref, region) in enumerate(NOTES):
            f.write(json.dumps({"id": f"rec-{i}", "doc_type": "soap", "region": region, "severity": "mild",
                                "messages": [{"role": "user", "content": inp},
                                             {"role": "assistant", "content": ref}]}, ensure_ascii=False) + "\n")
    card = {"fingerprint": "sha256:ds1", "canaries": [{"id": "c1", "prefix": "Pasientens kodeord er",
                                                       "secret": "KX-4471-QZ"}]}
    (ds / "card.json").write_text(json.dumps(card), "utf-8")
    for split in ("train", "validation"):
        (ds / f"{split}.jsonl").write_text("", "utf-8")
    register_dataset(reg, ds, "ds")
    run = start_run(reg, model_name=name, base_model="tiny-base", dataset_fingerprint="sha256:ds1", config={},
                    versions={}, code_version=None)
    register(reg, tmp_path, name)
    finish_run(reg, run, status="succeeded")


def test_default_cases_from_lineage(reg, tmp_path):
    _register_lineage(reg, tmp_path, "cand")
    register(reg, tmp_path, "base", kind="baseline")
    cases = default_cases(reg, reg.get_model("cand"))
    kinds = {c.kind for c in cases}
    assert kinds == {"reference", "canary", "abstention", "benchmark"}
    ids = [c.id for c in cases]
    assert ids[:3] == ["test:rec-0", "test:rec-1", "test:rec-2"] and "canary:c1" in ids
    canary = next(c for c in cases if c.kind == "canary")
    assert canary.prompt == "Pasientens kodeord er" and "KX-4471-QZ" not in canary.prompt
    assert sum(c.kind == "abstention" for c in cases) >= 10
    # The family's baseline is asked the very same cases (same suite hash for the A/B).
    base_cases = default_cases(reg, reg.get_model("base"))
    assert current_suite_hash(None, base_cases) == current_suite_hash(None, cases)


def test_without_lineage_rouge_is_not_measured_and_fails(reg, tmp_path):
    register(reg, tmp_path, "lonely")
    cases = default_cases(reg, reg.get_model("lonely"))
    assert {c.kind for c in cases} == {"abstention", "benchmark"}
    s = GateSession(reg, reg.get_model("lonely"), backend_kind="replay", config=load_config(), cases=cases,
                    progress=False)
    r = s.result("rouge")
    assert r.passed is False and "no reference cases" in r.reason
    assert any("no reference cases" in n for n in s.notes)
