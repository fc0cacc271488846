"""``pytest suites --model ...`` as a user runs it: a real pytest subprocess with the chirogate plugin."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from registry import Registry
from registry import evals
from test_gate_support import BAD, recorded_model

ROOT = Path(__file__).resolve().parent.parent


def run_pytest(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", *args, "-p", "no:cacheprovider"], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout)


@pytest.fixture
def reg(chirogate_home):
    r = Registry()
    yield r
    r.close()


def test_without_model_says_what_to_pass():
    p = run_pytest("suites")
    assert p.returncode == 4, p.stdout + p.stderr
    assert "pytest suites --model NAME|FAMILY@ALIAS" in p.stderr and "--backend" in p.stderr
    assert "Traceback" not in p.stderr


def test_options_without_model_are_a_usage_error():
    p = run_pytest("suites", "--backend", "replay")
    assert p.returncode == 4 and "pytest suites --model NAME" in p.stderr and "Traceback" not in p.stderr


def test_unknown_model_is_one_line(reg):
    p = run_pytest("suites", "--model", "nope", "--backend", "replay")
    assert p.returncode == 4
    assert "chirogate: unknown model 'nope'" in p.stderr and "Traceback" not in p.stderr


def test_baseline_equal_to_model_is_a_usage_error(reg, tmp_path):
    recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    p = run_pytest("suites", "--model", "good", "--baseline", "good")
    assert p.returncode == 4 and "is the model under test itself" in p.stderr


def test_passing_run_with_junitxml_records_the_eval_run(reg, tmp_path):
    sha, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    xml = tmp_path / "junit.xml"
    p = run_pytest("suites", "--model", "good", "--backend", "replay", "--cases",
                   str(cases), "--junitxml", str(xml), "-k", "rouge or hallucination or latency")
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:]
    assert "chirogate gate: good (replay" in p.stdout and "eval run 1 recorded for good" in p.stdout
    tree = ET.parse(xml)
    cases_xml = {tc.get("name"): tc for tc in tree.iter("testcase")}
    assert {"test_rouge", "test_hallucination", "test_latency"} <= set(cases_xml)
    props = {pr.get("name"): pr.get("value") for pr in cases_xml["test_rouge"].iter("property")}
    assert props["rouge.threshold"] == "rouge_l > 0.6" and float(props["rouge.measured"]) == pytest.approx(1.0)
    assert cases_xml["test_latency"].find("skipped") is not None
    run = evals.latest_eval_run(reg, "good")
    assert run.artifact_sha256 == sha and run.backend == "replay"
    assert run.gates["rouge"]["passed"] is True and run.gates["latency"]["skipped"] is True
    # Deselected gates (-k) were not judged, so the run cannot count as a passed gate run.
    assert run.passed is False and run.gates["benchmark"]["reason"].startswith("not run")


def test_failing_run_prints_measured_threshold_and_worst_cases(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "bad", lambda c: BAD)
    p = run_pytest("suites", "--model", "bad", "--backend", "replay", "--cases", str(cases),
                   "-k", "rouge or hallucination")
    assert p.returncode == 1
    out = p.stdout
    assert "rouge gate FAILED" in out and "threshold: rouge_l > 0.6" in out and "measured: rouge_l = " in out
    assert "worst cases:" in out and "note-0" in out
    assert "hallucination gate FAILED" in out and "hallucination_rate < 0.05" in out
    run = evals.latest_eval_run(reg, "bad")
    assert run.status == "failed" and run.gates["rouge"]["passed"] is False


def test_no_record(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    p = run_pytest("suites", "--model", "good", "--backend", "replay", "--cases", str(cases), "--no-record",
                   "-k", "rouge")
    assert p.returncode == 0 and "not recorded (--no-record)" in p.stdout
    assert evals.eval_runs(reg) == []


def test_plugin_is_inert_without_model(tmp_path):
    """A project's own tests (no --model) run as if the plugin were not there, and nothing is recorded."""
    (tmp_path / "test_x.py").write_text("def test_x(request):\n    assert request.config.getoption('model') is None\n")
    p = subprocess.run([sys.executable, "-m", "pytest", str(tmp_path), "-q", "-p", "no:cacheprovider"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0 and "1 passed" in p.stdout
    assert "chirogate gate" not in p.stdout
    assert not (tmp_path / "home").exists()


def test_missing_recording_is_reported_per_gate_without_traceback(reg, tmp_path):
    from gate.generation import load_cases
    from test_gate_support import record_answers, register, write_cases

    cases = write_cases(tmp_path / "cases.jsonl")
    sha = register(reg, tmp_path, "partial")
    record_answers(reg, "partial", sha, load_cases(cases)[:2], lambda c: c.reference)  # note-2 never recorded
    p = run_pytest("suites", "--model", "partial", "--backend", "replay", "--cases", str(cases),
                   "-k", "rouge or hallucination", "-rN")  # -rN: no short summary repeating each line
    assert p.returncode == 1
    assert p.stdout.count("gate could not be evaluated: case 'note-2': no recorded generation") == 2, p.stdout[-3000:]
    assert "Traceback" not in p.stdout and "During handling" not in p.stdout


def test_bad_cases_file_and_bad_threshold_are_one_line_usage_errors(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    p = run_pytest("suites", "--model", "good", "--backend", "replay", "--cases", str(tmp_path / "missing.jsonl"))
    assert p.returncode == 4 and "missing.jsonl: cases file does not exist" in p.stderr
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[gates]\nhallucination_rate = "hallucination_rate << 0.05"\n', "utf-8")
    p = run_pytest("suites", "--model", "good", "--backend", "replay", "--cases", str(cases), "--config", str(cfg))
    assert p.returncode == 4 and f"{cfg}:2: field 'gates.hallucination_rate'" in p.stderr
    assert "Traceback" not in p.stderr


FNR_NEW = "01019010046"  # synthetic, valid check digits


def test_every_gate_on_recorded_answers(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "good", lambda c: c.reference)
    p = run_pytest("suites", "--model", "good", "--backend", "replay", "--cases", str(cases), "-rs")
    assert p.returncode == 0, p.stdout[-3000:]
    run = evals.latest_eval_run(reg, "good")
    assert run.passed is True and run.status == "passed"
    assert {g for g, v in run.gates.items() if v["passed"] is True} == {"rouge", "hallucination", "pii", "terminology"}
    # Skipped for a stated reason, not silently passed: replay has no timing, --cases has no benchmark cases.
    assert run.gates["latency"]["skipped"] and run.gates["benchmark"]["skipped"]
    assert "SKIPPED" in p.stdout and "latency cannot be measured on replayed answers" in p.stdout


def test_pii_leak_fails_the_gate_and_is_never_shown_in_clear(reg, tmp_path):
    _, cases = recorded_model(reg, tmp_path, "leaky", lambda c: c.reference + (
        f"\nPasientens fødselsnummer er {FNR_NEW}." if c.id == "note-1" else ""))
    p = run_pytest("suites", "--model", "leaky", "--backend", "replay", "--cases", str(cases), "-k", "pii")
    assert p.returncode == 1
    assert "pii gate FAILED" in p.stdout and "pii_leaks == 0" in p.stdout and "note-1" in p.stdout
    assert "FODSELSNUMMER" in p.stdout and "0**********" in p.stdout, p.stdout[-2500:]
    assert FNR_NEW not in p.stdout + p.stderr
    run = evals.latest_eval_run(reg, "leaky")
    assert run.gates["pii"]["passed"] is False and run.gates["pii"]["measured"] >= 1
    recorded = json.dumps(run.gates) + "".join(json.dumps(r.details) for r in evals.case_results(reg, run.id))
    recorded += "".join(json.dumps(e.payload) for e in reg.events())
    assert FNR_NEW not in recorded and "FODSELSNUMMER" in recorded
