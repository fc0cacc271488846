"""registry.evals: eval-run records, their per-case results and the newest-run lookup."""

from __future__ import annotations

import pytest

from registry import InputError, NotFoundError, Registry
from registry import evals
from registry.evals import CaseResult


@pytest.fixture
def reg(chirogate_home, tmp_path):
    r = Registry()
    g = tmp_path / "m.gguf"
    g.write_bytes(b"GGUF m")
    r.register_model("m", family="fam", kind="candidate", base_model="b")
    r.add_artifact("m", "gguf", g)
    r.set_alias("fam", "candidate", "m")
    yield r
    r.close()


def _start(reg, suite="sha256:s1", backend="llamacpp"):
    return evals.start_eval_run(reg, model="m", artifact_sha256="sha256:a", suite_hash=suite, backend=backend,
                                config={"decoding": {"temperature": 0.0}}, provenance={"git_commit": "abc"})


def test_lifecycle(reg):
    run_id = _start(reg)
    assert evals.get_eval_run(reg, run_id).status == "running"
    assert evals.latest_eval_run(reg, "m") is None  # unfinished runs are not evidence
    n = evals.add_case_results(reg, run_id, "rouge", [CaseResult("a", "rouge", 0.7, True, {"x": 1}),
                                                      CaseResult("b", "rouge", None, None)])
    assert n == 2
    run = evals.finish_eval_run(reg, run_id, gates={"rouge": {"measured": 0.7, "passed": True}}, passed=True)
    assert run.status == "passed" and run.passed is True and run.finished_at
    assert run.config["decoding"] == {"temperature": 0.0} and run.provenance == {"git_commit": "abc"}
    rows = evals.case_results(reg, run_id)
    assert [(r.case_id, r.value, r.passed, r.details) for r in rows] == [("a", 0.7, True, {"x": 1}),
                                                                         ("b", None, None, {})]
    assert evals.latest_eval_run(reg, "fam@candidate").id == run_id
    actions = [e.action for e in reg.events("m")]
    assert actions[-3:] == ["eval.start", "eval.results", "eval.finish"]


def test_finished_runs_are_closed(reg):
    run_id = _start(reg)
    evals.finish_eval_run(reg, run_id, gates={}, passed=False)
    with pytest.raises(InputError, match="already failed"):
        evals.finish_eval_run(reg, run_id, gates={}, passed=True)
    with pytest.raises(InputError, match="no more results"):
        evals.add_case_results(reg, run_id, "rouge", [CaseResult("a", "rouge", 1.0, True)])


def test_error_is_never_passed(reg):
    run = evals.finish_eval_run(reg, _start(reg), gates={}, passed=True, error="pytest exit status 2")
    assert run.status == "error" and run.passed is False


def test_latest_filters(reg):
    a = _start(reg, suite="sha256:s1")
    evals.finish_eval_run(reg, a, gates={}, passed=True)
    b = _start(reg, suite="sha256:s2", backend="replay")
    evals.finish_eval_run(reg, b, gates={}, passed=False)
    assert evals.latest_eval_run(reg, "m").id == b
    assert evals.latest_eval_run(reg, "m", "sha256:s1").id == a
    assert evals.latest_eval_run(reg, "m", backend="llamacpp").id == a
    assert evals.latest_eval_run(reg, "m", artifact_sha256="sha256:other") is None
    assert [r.id for r in evals.eval_runs(reg, "m")] == [a, b]


def test_unknowns(reg):
    with pytest.raises(NotFoundError):
        evals.get_eval_run(reg, 99)
    with pytest.raises(NotFoundError):
        evals.start_eval_run(reg, model="nope", artifact_sha256=None, suite_hash="s", backend="x", config={},
                             provenance={})
