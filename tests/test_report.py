"""``chirogate report``: per-gate table, A/B statistics, sign-off and worst cases, masked."""

from __future__ import annotations

import json

from gate.compare import compare_runs
from helpers import assert_clean_error
from registry import Registry
from test_compare_support import make_models, synthetic_results, write_eval_run

GATES = {"rouge": {"measured": 0.71, "threshold": "rouge_l > 0.6", "passed": True},
         "hallucination": {"measured": 0.0, "threshold": "hallucination_rate < 0.05", "passed": True},
         "pii": {"measured": 1, "threshold": "pii_leaks == 0", "passed": False}}


def _setup(tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        base = synthetic_results(40, rouge_mean=0.5, seed=1)
        cand = synthetic_results(40, rouge_mean=0, seed=2, base=base, shift=0.1)
        # One PII leak, with an explanation that quotes the leaked value.
        cand["pii"]["test:0007"] = (1.0, False)
        b = write_eval_run(reg, "chiro-no-base", base)
        c = write_eval_run(reg, "chiro-no-v2", cand, passed=False, gates=GATES)
        reg.db.execute("UPDATE case_results SET details = ? WHERE eval_run_id = ? AND case_id = ? AND gate = 'pii'",
                       [json.dumps({"explanation": "lekket fødselsnummer 13097248022 i utdata"}), c, "test:0007"])
        compare_runs(reg, c, b)


def test_markdown_report(tmp_path):
    from gate.report import build_report, to_markdown

    _setup(tmp_path)
    with Registry() as reg:  # in process: the PII engine is built once per test process
        md = to_markdown(build_report(reg, "chiro-no-v2"))
    assert "| pii | 1.000 | pii_leaks == 0 | ❌ fail | 40 | [1 worst](#worst-pii) |" in md
    assert "| rouge | 0.710 | rouge_l > 0.6 | ✅ pass |" in md
    assert "### A/B against `chiro-no-base`: **HOLD**" in md  # one extra PII leak: non-inferiority not shown
    assert "pii: fail rate 2.5 % vs 0.0 %" in md
    assert "Wilcoxon p =" in md and "McNemar p =" in md and "| latency p95 |" in md
    assert '<a id="worst-pii"></a>' in md and "`test:0007`" in md
    assert "13097248022" not in md  # personal data masked in the report
    assert "None recorded." in md


def test_json_report_to_file(cli, tmp_path):
    _setup(tmp_path)
    out = tmp_path / "report.json"
    r = cli("report", "chiro-no-v2", "--format", "json", "--out", str(out))
    assert r.code == 0, r.err
    rep = json.loads(out.read_text("utf-8"))
    assert rep["eval_run"]["passed"] is False and rep["eval_run"]["on_current_gguf"] is True
    gates = {g["gate"]: g for g in rep["gates"]}
    assert gates["pii"]["passed"] is False and gates["pii"]["worst"][0]["case_id"] == "test:0007"
    assert len(gates["rouge"]["worst"]) == 5
    values = [w["value"] for w in gates["rouge"]["worst"]]
    assert values == sorted(values)
    assert rep["comparison"]["verdict"] == "hold"


def test_report_without_runs_and_unknown_model(cli, tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
    r = cli("report", "chiro-no-v2")
    assert r.code == 0 and "No finished eval run" in r.out and "No comparison recorded" in r.out
    assert_clean_error(cli("report", "nope"), "unknown model 'nope'")


def test_workflow_template_runs_suites_uploads_junit_and_writes_summary():
    from pathlib import Path

    import yaml

    wf = yaml.safe_load((Path(__file__).resolve().parent.parent / ".github/workflows/model-gate.yml").read_text())
    assert "pull_request" in wf[True]  # YAML 1.1 reads the key `on` as True
    steps = wf["jobs"]["gate"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert 'pytest suites --model "$MODEL" --backend "$BACKEND" --junitxml=reports/model-gate.xml' in runs
    assert 'chirogate report "$MODEL" --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert any(s["with"]["path"] == "reports/model-gate.xml" and s.get("if") == "always()" for s in uploads)
    assert wf["jobs"]["gate"]["env"]["BACKEND"] == "${{ inputs.backend || 'replay' }}"
    assert "self-hosted" in wf["jobs"]["gate"]["runs-on"] and "ollama" in wf["jobs"]["gate"]["runs-on"]
