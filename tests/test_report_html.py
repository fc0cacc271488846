"""``chirogate report NAME --format html``: one self-contained file with every section and its plots.

The registry is real and filled through the functions the suites and ``compare`` use
(two candidate versions and a baseline, with eval runs, latency probes and an A/B
comparison); the plots are drawn by the real matplotlib. The browser check that the
plots render is in tests/test_browser_report.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from gate.compare import compare_runs
from helpers import assert_clean_error
from registry import Registry
from test_compare_support import make_models, synthetic_results, write_eval_run

LEAKED = "13097248022"


def gates(rouge: float, halluc: float, term: float, p95: float) -> dict:
    """A gate summary as the suites record it (measured, threshold, passed, n and the gate's extras)."""
    return {
        "rouge": {"measured": rouge, "threshold": "rouge_l > 0.6", "passed": rouge > 0.6, "n": 40,
                  "ci_low": rouge - 0.04, "ci_high": rouge + 0.04},
        "hallucination": {"measured": halluc, "threshold": "hallucination_rate < 0.05", "passed": halluc < 0.05,
                          "n": 40},
        "pii": {"measured": 1.0, "threshold": "pii_leaks == 0", "passed": False, "n": 40},
        "terminology": {"measured": term, "threshold": "terminology_pass_rate >= 0.95", "passed": term >= 0.95,
                        "n": 40},
        "latency": {"measured": p95, "threshold": "latency_p95_s < 2", "passed": p95 < 2, "n": 20,
                    "p50_total_s": 0.6, "p95_total_s": p95, "cold_load_s": 3.2},
    }


def setup_registry(tmp_path: Path) -> None:
    """Baseline, an older candidate and chiro-no-v2 (with a PII leak quoted in an explanation), compared."""
    with Registry() as reg:
        make_models(reg, tmp_path)
        gguf = tmp_path / "chiro-no-v1.gguf"
        gguf.write_bytes(b"GGUF v1")
        reg.register_model("chiro-no-v1", family="chiro-no", kind="candidate", base_model="tiny-base")
        reg.add_artifact("chiro-no-v1", "gguf", gguf, quantization="q8_0")
        base = synthetic_results(40, rouge_mean=0.5, seed=1)
        cand = synthetic_results(40, rouge_mean=0, seed=2, base=base, shift=0.1, halluc_fail=0.05)
        cand["pii"]["test:0007"] = (1.0, False)
        write_eval_run(reg, "chiro-no-v1", synthetic_results(40, rouge_mean=0.55, seed=3),
                       gates=gates(0.55, 0.1, 0.9, 1.1), passed=False)
        b = write_eval_run(reg, "chiro-no-base", base, gates=gates(0.5, 0.0, 0.9, 0.9), passed=False)
        c = write_eval_run(reg, "chiro-no-v2", cand, passed=False, gates=gates(0.62, 0.05, 0.975, 0.8))
        reg.db.execute("UPDATE case_results SET details = ? WHERE eval_run_id = ? AND case_id = ? AND gate = 'pii'",
                       [json.dumps({"explanation": f"lekket fødselsnummer {LEAKED} i utdata"}), c, "test:0007"])
        compare_runs(reg, c, b)


PLOTS = ("plot-gates", "plot-ab", "plot-rouge", "plot-latency", "plot-history")


def test_html_report_has_every_section_and_plot_and_is_self_contained(cli, tmp_path):
    setup_registry(tmp_path)
    out = tmp_path / "report.html"
    r = cli("report", "chiro-no-v2", "--format", "html", "--out", str(out))
    assert r.code == 0, r.err
    assert r.out.strip() == f"report written to {out}"
    text = out.read_text("utf-8")
    for section in ("gates", "ab", "latency", "worst", "provenance", "history", "signoff"):
        assert f'<section id="{section}">' in text, section
    for plot in PLOTS:
        m = re.search(rf'<figure class="plot" id="{plot}"><svg[^>]*>(.*?)</svg>', text, re.S)
        assert m and m.group(1).count("<path") >= 3, plot
    # Offline: nothing is fetched (no script, no external src/href; the only links are in-page anchors).
    assert "<script" not in text and not re.search(r'(src|href)="(?!#)', text)
    assert LEAKED not in text  # personal data masked in the worst cases
    assert "test:0007" in text and "‹" in text
    # Confidence intervals: ROUGE-L's bootstrap from the run, the hallucination rate's Wilson interval
    # (2 of 40 cases: scipy gives [0.0138, 0.1650]).
    assert "<td>rouge</td><td>0.620</td><td>[0.580, 0.660]</td>" in text
    assert "<td>hallucination</td><td>0.050</td><td>[0.014, 0.165]</td>" in text
    # A/B: the verdict with its reasons, and the paired rows.
    assert "HOLD" in text and "<td>ROUGE-L</td><td>+0.1" in text and "pii (feilrate)" in text
    # Latency per backend/endpoint with cold load apart; provenance; history over the family's versions.
    assert "llama.cpp i prosess (GGUF)" in text and "kaldstart" in text
    with Registry() as reg:
        sha = reg.latest_artifact("chiro-no-v2", "gguf").sha256
    assert f"<tr><th>GGUF sha256</th><td><code>{sha}</code>" in text
    assert "<th>suite hash</th>" in text and "<th>dataset fingerprint</th>" in text
    hist = re.search(r'id="plot-history">(.*?)</figure>', text, re.S).group(1)
    assert "chiro-no-v1" in hist and "chiro-no-v2" in hist and "chiro-no-base" in hist
    assert len(text) < 400_000  # inline SVG with text as text: small enough to mail or attach


def test_html_report_without_runs_and_bad_arguments(cli, tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
    out = tmp_path / "r.html"
    r = cli("report", "chiro-no-v2", "--format", "html", "--out", str(out))
    assert r.code == 0, r.err
    text = out.read_text("utf-8")
    assert "Ingen fullført evalueringskjøring" in text and "Ingen sammenligning registrert" in text
    assert_clean_error(cli("report", "chiro-no-v2", "--format", "html"), "--format html needs --out")
    assert_clean_error(cli("report", "chiro-no-v2", "--format", "html", "--out", str(tmp_path / "no" / "r.html")),
                       "output directory does not exist")
    assert not list(tmp_path.glob(".r.html.*"))  # nothing half-written


def test_workflow_uploads_the_html_report():
    import yaml

    wf = yaml.safe_load((Path(__file__).resolve().parent.parent / ".github/workflows/model-gate.yml").read_text())
    steps = wf["jobs"]["gate"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert 'chirogate report "$MODEL" --format html --out reports/model-gate-report.html' in runs
    up = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")
          and "model-gate-report.html" in str(s.get("with", {}).get("path"))]
    assert up and up[0].get("if") == "always()"


def test_demo_step_writes_the_report_and_prints_its_path(tmp_path):
    """What `make demo` calls last (gate.demo -> demo_html_report): the file in the demo's folder, its path printed."""
    from gate.report_html import demo_html_report

    with Registry() as reg:
        make_models(reg, tmp_path)
        lines: list[str] = []
        path = demo_html_report(reg, "chiro-no-v2", tmp_path, lines.append)
    assert path == tmp_path / "report.html" and path.is_file()
    assert lines == [f"HTML report (open in a browser, works offline): {path.resolve()}"]
