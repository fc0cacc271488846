"""The demo chain end to end on the shared tiny models: fine-tune, export, baseline, suites on both,
A/B, review packet, promotion decision, summary.

The tiny base and the prepared dataset come from the session fixtures (tests/models_fixture.py),
so this test skips pre-training and data preparation (each tested by its own stage) and trains a
short LoRA itself; everything after that is the demo's real path. The full ``chirogate demo``
(from synthetic data) is the same function without the two shortcuts.
"""

from __future__ import annotations

import pytest

from gate.demo import DemoSettings, run_demo
from registry import Registry
from registry.comparisons import latest_comparison
from registry.signoffs import get_packet

pytestmark = pytest.mark.slow


def test_demo_chain_runs_to_its_summary(tiny_bundle, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the demo reads ./chirogate.toml if there is one: there is none here
    # the default registry ./.chirogate, relative to a directory that is not the repo (the suites'
    # pytest runs elsewhere and must still find the demo's models)
    monkeypatch.delenv("CHIROGATE_HOME", raising=False)
    lines: list[str] = []
    settings = DemoSettings(out=tmp_path / "demo", base_dir=tiny_bundle.base_dir, dataset_dir=tiny_bundle.dataset_dir,
                            train_steps=60, review_cases=20, ollama=False)
    res = run_demo(settings, echo=lines.append)
    text = "\n".join(lines)
    # Every step reported, in order, and the summary printed.
    for step in ("LoRA fine-tune", "GGUF export", "register the baseline", "gate suites on both models",
                 "paired A/B comparison", "clinician review packet", "promotion decision"):
        assert step in text, text
    assert "chirogate demo: summary" in text and "demo chain ran in" in text
    with Registry() as reg:
        cand, base = reg.get_model(res.candidate), reg.get_model(res.baseline)
        assert cand.kind == "candidate" and base.kind == "baseline"
        assert reg.alias_target("chiro-demo", "baseline").name == res.baseline
        # Both eval runs recorded on the same suites and backend; the comparison made from them.
        assert set(res.eval_runs) == {res.candidate, res.baseline}
        comp = latest_comparison(reg, res.candidate, baseline=res.baseline)
        assert comp is not None and comp.verdict == res.comparison.verdict
        assert comp.stats["n_paired"] > 0
        pk = get_packet(reg, res.packet.packet.packet_id)
        assert pk.artifact_sha256 == reg.latest_artifact(res.candidate, "gguf").sha256
        # The decision is whatever the evidence says, and the summary says the same.
        if res.promoted:
            ev = reg.events(subject="chiro-demo@production")[-1]
            assert ev.payload["signoff_waived"] is True and ev.payload["reason"] == "demo"
            assert "promotion: chiro-demo@production ->" in text
        else:
            assert res.unmet and "promotion: REFUSED" in text
            assert reg.alias_target("chiro-demo", "production") is None
    assert (tmp_path / "demo" / "v1" / "review.xlsx").is_file() and res.report.is_file()
    assert "ROUGE-L" in text and "verdict:" in text
    # The suggested rerun uses the demo's own config, so it judges the same cases as the demo did.
    assert f"next: pytest suites --model {res.candidate} --config {res.config}" in text
    assert 'benchmark_cases = "none"' in res.config.read_text("utf-8")
