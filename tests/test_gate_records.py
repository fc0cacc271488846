"""One Gate record per gate, the typed gate result, and eval runs recorded by the previous release."""

from __future__ import annotations

import pytest

from gate.ab_stats import BINARY_GATES, CompareConfig
from gate.cases import Case
from gate.demo import gate_rows
from gate.gate_result import RESULT_VERSION, GateOutcome, gate_outcomes
from gate.gates import BUILTIN_GATES
from gate.policy import PolicyConfig, recomputed_failures
from gate.report import build_report, to_markdown
from gate.scorers.rouge import rouge
from gate.thresholds import GATE_METRICS, Threshold, gate_thresholds
from registry import Registry
from registry import evals


@pytest.fixture
def reg(chirogate_home):
    r = Registry()
    yield r
    r.close()


def test_tables_are_derived_from_the_records():
    assert GATE_METRICS == {g.name: g.metric for g in BUILTIN_GATES}
    assert {g: t.text for g, t in gate_thresholds().items()} == {g.name: Threshold.parse(g.threshold).text for g in BUILTIN_GATES}
    assert BINARY_GATES == ("hallucination", "pii", "terminology")
    assert CompareConfig().safety_gates == ["hallucination", "pii"]
    assert CompareConfig().non_inferiority == {"hallucination": 0.02, "pii": 0.0}
    assert PolicyConfig().required_gates == ["rouge", "hallucination", "pii", "latency", "terminology"]


def test_configured_greater_or_equal_is_honoured_case_by_case():
    case = Case("c", ({"role": "user", "content": "x"},), reference="Smerter i høyre skulder.")
    same = "smerter i høyre skulder"
    assert rouge(threshold=1.0)(case, same).passed is False  # the default comparison is ">"
    assert rouge(threshold="rouge_l >= 1.0")(case, same).passed is True
    with pytest.raises(ValueError):
        rouge(threshold="rouge_l => 1")


def test_outcome_round_trips_with_its_version():
    o = GateOutcome("pii", 1.0, "pii_leaks == 0", 12, False, False, "pii_leaks = 1 does not meet pii_leaks == 0",
                    summary={"canary_leaks": 1})
    rec = o.to_record()
    assert rec["version"] == RESULT_VERSION and rec["canary_leaks"] == 1 and rec["measured"] == 1.0
    assert GateOutcome.from_record("pii", rec) == o


def test_old_shapes_are_read():
    got = gate_outcomes({"rouge": {"value": 0.7, "threshold": {"expression": "rouge_l > 0.6"}, "passed": True},
                         "pii": False, "latency": {"measured": None, "threshold": "latency_p95_s < 2", "passed": None,
                                                   "skipped": True, "reason": "replay"}})
    assert got["rouge"].value == 0.7 and got["rouge"].threshold == "rouge_l > 0.6" and got["rouge"].version == 1
    assert got["pii"].passed is False and got["pii"].value is None
    assert got["latency"].skipped and not got["latency"].measured


def _previous_release_run(reg: Registry) -> int:
    """An eval run as the previous release's GateSession recorded it: no version field in the gate entries."""
    reg.register_model("old-model", family="fam", kind="candidate", base_model="b")
    run_id = evals.start_eval_run(reg, model="old-model", artifact_sha256=None, suite_hash="sha256:" + "a" * 64,
                                  backend="replay", config={"decoding": {}}, provenance={})
    evals.add_case_results(reg, run_id, "rouge", [evals.CaseResult("c1", "rouge", 0.5, False, {}),
                                                  evals.CaseResult("c2", "rouge", 0.9, True, {})])
    evals.add_case_results(reg, run_id, "hallucination", [evals.CaseResult("c1", "hallucination", 0.0, False,
                                                                           {"explanation": "invented fact"}),
                                                          evals.CaseResult("c2", "hallucination", 1.0, True, {})])
    gates = {
        "rouge": {"measured": 0.7, "threshold": "rouge_l > 0.6", "passed": True, "skipped": False, "reason": None,
                  "n": 2, "ci_low": 0.5, "ci_high": 0.9, "n_unscored": 0, "worst": []},
        "hallucination": {"measured": 0.5, "threshold": "hallucination_rate < 0.05", "passed": False,
                          "skipped": False, "reason": "hallucination_rate = 0.5 does not meet hallucination_rate < 0.05",
                          "n": 2, "flagged": 1, "inferences": 0,
                          "worst": [{"case_id": "c1", "value": 0.0, "explanation": "invented fact"}]},
        "latency": {"measured": None, "threshold": "latency_p95_s < 2", "passed": None, "skipped": True,
                    "reason": "latency cannot be measured on replayed answers", "n": 0, "worst": []},
    }
    evals.finish_eval_run(reg, run_id, gates=gates, passed=False)
    return run_id


def test_a_previous_release_eval_run_is_read_by_report_policy_and_demo(reg):
    run_id = _previous_release_run(reg)
    run = evals.get_eval_run(reg, run_id)
    outcomes = gate_outcomes(run.gates)
    assert {o.version for o in outcomes.values()} == {1}
    assert outcomes["hallucination"].worst[0].case_id == "c1" and outcomes["rouge"].summary["ci_low"] == 0.5
    rep = build_report(reg, "old-model")
    rows = {g.gate: g for g in rep.gates}
    assert rows["rouge"].measured == 0.7 and rows["rouge"].passed is True and rows["rouge"].n == 2
    assert rows["hallucination"].passed is False and rows["hallucination"].worst[0]["case_id"] == "c1"
    assert rows["latency"].passed is None
    assert "| hallucination | 0.500 | hallucination_rate < 0.05 | ❌ fail | 2 |" in to_markdown(rep)
    assert recomputed_failures(reg, run) == ["hallucination"]
    assert gate_rows(reg, run_id) == [("hallucination", "0.500", "hallucination_rate < 0.05", "FAIL"),
                                      ("latency", "-", "latency_p95_s < 2", "-"),
                                      ("rouge", "0.700", "rouge_l > 0.6", "pass")]
