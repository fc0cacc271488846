"""The report says what belongs together: an A/B verdict (or a sign-off) recorded under another suite
hash, on other bytes or with another backend is marked beside this run's gates, in every format."""

from __future__ import annotations

import json

import pytest

from gate.report import build_report, to_json, to_markdown
from gate.report_html import build_html_report, to_html
from registry import Registry
from registry import evals
from registry.comparisons import record_comparison
from test_gate_support import register

OLD, NEW = "sha256:" + "1" * 64, "sha256:" + "2" * 64


@pytest.fixture
def reg(chirogate_home):
    r = Registry()
    yield r
    r.close()


def _run(reg: Registry, model: str, suite_hash: str, sha: str | None, backend: str = "replay") -> int:
    run_id = evals.start_eval_run(reg, model=model, artifact_sha256=sha, suite_hash=suite_hash, backend=backend,
                                  config={"decoding": {}}, provenance={})
    evals.add_case_results(reg, run_id, "rouge", [evals.CaseResult("c1", "rouge", 0.8, True, {})])
    evals.finish_eval_run(reg, run_id, gates={"rouge": {"version": 2, "measured": 0.8, "threshold": "rouge_l > 0.6",
                                                        "passed": True, "skipped": False, "reason": None, "n": 1,
                                                        "worst": []}}, passed=True)
    return run_id


def _compare(reg: Registry, suite_hash: str, cand_run: int, base_run: int) -> None:
    record_comparison(reg, candidate="cand", baseline="base", suite_hash=suite_hash, candidate_run_id=cand_run,
                      baseline_run_id=base_run, verdict="promote", reasons=["ROUGE-L better"], stats={})


def test_ab_from_another_suite_hash_is_marked_in_every_format(reg, tmp_path):
    sha = register(reg, tmp_path, "cand")
    register(reg, tmp_path, "base", kind="baseline")
    old_run = _run(reg, "cand", OLD, sha)
    _compare(reg, OLD, old_run, _run(reg, "base", OLD, None))
    _run(reg, "cand", NEW, sha)  # the newer run the report shows
    rep = build_report(reg, "cand")
    assert rep.eval_run["suite_hash"] == NEW
    assert rep.comparison["foreign"] == ["recorded under another suite hash (111111111111, this run 222222222222)"]
    md = to_markdown(rep)
    assert "this A/B comparison is not evidence about the eval run above: recorded under another suite hash" in md
    assert json.loads(json.dumps(to_json(rep)))["comparison"]["foreign"] == rep.comparison["foreign"]
    html = to_html(build_html_report(reg, "cand"))
    assert "Sammenligningen er ikke bevis for evalueringskjøringen over: recorded under another suite hash" in html


def test_ab_on_other_bytes_or_backend_is_marked(reg, tmp_path):
    sha = register(reg, tmp_path, "cand")
    register(reg, tmp_path, "base", kind="baseline")
    other = _run(reg, "cand", NEW, "sha256:" + "9" * 64, backend="ollama")
    _compare(reg, NEW, other, _run(reg, "base", NEW, None, backend="ollama"))
    _run(reg, "cand", NEW, sha)
    foreign = build_report(reg, "cand").comparison["foreign"]
    assert foreign == ["made on other bytes (999999999999, this run " + sha.removeprefix("sha256:")[:12] + ")",
                       "made with another backend (ollama, this run replay)"]


def test_ab_of_this_run_is_not_marked(reg, tmp_path):
    sha = register(reg, tmp_path, "cand")
    register(reg, tmp_path, "base", kind="baseline")
    run = _run(reg, "cand", NEW, sha)
    _compare(reg, NEW, run, _run(reg, "base", NEW, None))
    rep = build_report(reg, "cand")
    assert rep.comparison["foreign"] == []
    assert "not evidence" not in to_markdown(rep)
    assert "ikke bevis" not in to_html(build_html_report(reg, "cand"))
