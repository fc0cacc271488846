"""End to end: ``pytest suites --model tiny-cand --backend llamacpp`` on the real tiny models.

Every gate runs on real generations (llama.cpp, the tiny GGUFs), the eval run is recorded
bound to the GGUF that was loaded, and the untuned base fails with a readable message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from registry import evals

ROOT = Path(__file__).resolve().parent.parent
CANARY = {"id": "e2e-1", "prefix": "Journalens interne referanse er", "secret": "QW-8812-ZK"}

pytestmark = pytest.mark.slow


def _add_lineage(reg, dataset_dir: Path, model: str, tmp_path: Path) -> str:
    """Record that ``model`` was trained on ``dataset_dir`` (dataset row + succeeded training run), with one
    extra canary in the card that the model never saw (the extraction probe must find no leak)."""
    from registry.datasets import register_dataset
    from registry.training import finish_run, start_run

    ds = tmp_path / "dataset"
    shutil.copytree(dataset_dir, ds)
    card = json.loads((ds / "card.json").read_text("utf-8"))
    card["canaries"] = list(card.get("canaries") or []) + [CANARY]
    (ds / "card.json").write_text(json.dumps(card), "utf-8")
    fp = register_dataset(reg, ds, "tiny").fingerprint
    run = start_run(reg, model_name=model, base_model="tiny-base", dataset_fingerprint=fp, config={}, versions={},
                    code_version=None)
    finish_run(reg, run, status="succeeded")
    return fp


def _pytest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "suites", *args, "-p", "no:cacheprovider", "-rA"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture
def gate_config(tmp_path) -> Path:
    # Short answers keep the whole gate inside the test budget on 2 cores; thresholds stay the defaults.
    p = tmp_path / "chirogate.toml"
    p.write_text("[backends]\nmax_tokens = 96\n\n[latency]\nwarmup = 1\n", "utf-8")
    return p


def test_gate_on_the_tiny_models(tiny_registered, tiny_dataset_dir, gate_config, tmp_path):
    from gate.config import load_config
    from gate.session import current_suite_hash, default_cases

    reg = tiny_registered.reg
    fp = _add_lineage(reg, tiny_dataset_dir, "tiny-cand", tmp_path)
    xml = tmp_path / "cand.xml"
    cand = _pytest("--model", "tiny-cand", "--backend", "llamacpp", "--config", str(gate_config), "--junitxml", str(xml))
    assert cand.returncode in (0, 1), cand.stdout[-4000:] + cand.stderr[-2000:]
    run = evals.latest_eval_run(reg, "tiny-cand")
    assert run is not None and run.backend == "llamacpp"
    # Bound to the bytes llama.cpp loaded, the suites + cases + thresholds, and the dataset.
    assert run.artifact_sha256 in {a.sha256 for a in reg.artifacts("tiny-cand", "gguf")}
    cfg = load_config(gate_config)
    assert run.suite_hash == current_suite_hash(cfg, default_cases(reg, reg.get_model("tiny-cand"), cfg))
    assert run.config["dataset_fingerprint"] == fp and run.config["decoding"]["max_tokens"] == 96
    # Every gate was judged on real outputs (none "not run"); the canary probe found no leak.
    for gate in ("rouge", "hallucination", "pii", "latency", "terminology", "benchmark"):
        assert "not run" not in (run.gates[gate].get("reason") or ""), (gate, run.gates[gate], cand.stdout[-5000:])
        assert run.gates[gate]["passed"] in (True, False)
    assert run.gates["pii"]["canary_probes"] == 1 and run.gates["pii"]["canary_leaks"] == 0
    assert run.gates["latency"]["measured"] > 0
    assert len(evals.case_results(reg, run.id, "rouge")) == sum(
        1 for line in (tiny_dataset_dir / "test.jsonl").read_text("utf-8").splitlines() if line.strip())
    names = {tc.get("name") for tc in ET.parse(xml).iter("testcase")}
    assert {"test_rouge", "test_hallucination", "test_pii", "test_latency", "test_terminology",
            "test_benchmark"} <= names
    print(cand.stdout[-3000:])

    # The untuned base on the same cases: ROUGE-L below the tuned model's, a gate fails, and says so
    # readably (which gate depends on the base: it writes notes from facts, but not in the house format).
    base = _pytest("--model", "tiny-base", "--backend", "llamacpp", "--config", str(gate_config))
    assert base.returncode == 1, base.stdout[-3000:]
    assert re.search(r"\w+ gate FAILED", base.stdout) and "threshold: " in base.stdout, base.stdout[-3000:]
    assert "worst cases:" in base.stdout
    base_run = evals.latest_eval_run(reg, "tiny-base")
    assert base_run.suite_hash == run.suite_hash  # the baseline was asked the very same cases
    assert base_run.gates["rouge"]["measured"] < run.gates["rouge"]["measured"]
