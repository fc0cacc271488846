"""The A/B comparison on eval runs recorded in a real registry: verdicts, refusals, the record."""

from __future__ import annotations

import json

import pytest

from gate.compare import CompareConfig, NotComparableError, compare_runs
from registry import Registry
from registry.comparisons import latest_comparison
from test_compare_support import DECODING, make_models, synthetic_results, write_eval_run


def _pair(reg, tmp_path, n=60, shift=0.10, cand_halluc=0.0, base_halluc=0.0, **cand_kw):
    make_models(reg, tmp_path)
    base = synthetic_results(n, rouge_mean=0.5, seed=1, halluc_fail=base_halluc)
    cand = synthetic_results(n, rouge_mean=0.0, seed=2, base=base, shift=shift, halluc_fail=cand_halluc)
    b = write_eval_run(reg, "chiro-no-base", base)
    c = write_eval_run(reg, "chiro-no-v2", cand, **cand_kw)
    return c, b


def test_clear_improvement_is_promoted_and_recorded(tmp_path):
    with Registry() as reg:
        c, b = _pair(reg, tmp_path)
        result = compare_runs(reg, c, b)
        rec = latest_comparison(reg, "chiro-no-v2", baseline="chiro-no-base")
        events = reg.events(subject="chiro-no-v2", action="comparison.record")
    assert result.verdict == "promote", result.reasons
    assert result.n_paired == 60
    assert result.rouge.ci.low > 0 and result.rouge.ci.resamples == 10_000
    assert result.rouge.win_tie_loss.wins > 50
    assert result.gates["hallucination"].mcnemar.p_value == 1.0
    assert result.latency_p95_s["candidate"] == pytest.approx(0.5 + 0.01 * 18.05)
    assert rec is not None and rec.id == result.comparison_id and rec.verdict == "promote"
    assert rec.candidate_run_id == c and rec.baseline_run_id == b
    assert rec.stats["rouge"]["ci"]["low"] == pytest.approx(result.rouge.ci.low)
    assert len(events) == 1 and events[0].payload["verdict"] == "promote"


def test_too_few_cases_holds_with_cases_needed(tmp_path):
    with Registry() as reg:
        c, b = _pair(reg, tmp_path, n=12, shift=0.02)
        result = compare_runs(reg, c, b)
    assert result.verdict == "hold"
    assert "only 12 paired cases" in result.reasons[0]
    assert result.cases_needed is not None and result.cases_needed >= 2
    assert f"about {result.cases_needed} paired cases" in result.reasons[0]


def test_worse_candidate_is_rejected(tmp_path):
    with Registry() as reg:
        c, b = _pair(reg, tmp_path, shift=-0.1)
        result = compare_runs(reg, c, b)
    assert result.verdict == "reject"
    assert result.cases_needed is None
    assert any("at or below the margin" in r for r in result.reasons)


def test_safety_gate_clearly_worse_is_rejected_even_when_rouge_improves(tmp_path):
    with Registry() as reg:
        c, b = _pair(reg, tmp_path, cand_halluc=0.3)
        result = compare_runs(reg, c, b)
    assert result.verdict == "reject"
    assert any(r.startswith("hallucination:") and "beyond the margin" in r for r in result.reasons)
    m = result.gates["hallucination"].mcnemar
    assert m.only_b_pass == 18 and m.only_a_pass == 0 and m.p_value < 1e-4


def test_safety_gate_not_shown_noninferior_holds(tmp_path):
    # 2 of 60 extra hallucinations: the upper CI bound of +3.3 pt exceeds the 2 pt margin,
    # the lower bound does not, so the evidence neither clears nor condemns the candidate.
    with Registry() as reg:
        c, b = _pair(reg, tmp_path, cand_halluc=2 / 60)
        result = compare_runs(reg, c, b)
    assert result.verdict == "hold", result.reasons
    assert any("non-inferiority not shown" in r for r in result.reasons)


def test_interval_spanning_margin_holds(tmp_path):
    with Registry() as reg:
        c, b = _pair(reg, tmp_path, shift=0.05)
        result = compare_runs(reg, c, b, CompareConfig(margin=0.05))
    assert result.verdict == "hold"
    assert "spans the margin" in result.reasons[0]


def test_config_margin_and_min_cases_are_used(tmp_path):
    with Registry() as reg:
        c, b = _pair(reg, tmp_path, n=40)
        assert compare_runs(reg, c, b, CompareConfig(min_paired_cases=41), record=False).verdict == "hold"
        assert compare_runs(reg, c, b, CompareConfig(margin=0.2), record=False).verdict == "reject"
        assert latest_comparison(reg, "chiro-no-v2") is None  # record=False writes nothing


def test_non_comparable_runs_are_refused_with_every_difference(tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        other = tmp_path / "v2.f16.gguf"
        other.write_bytes(b"GGUF f16")
        art = reg.add_artifact("chiro-no-v2", "gguf", other, quantization="f16")
        res = synthetic_results(40, rouge_mean=0.6, seed=3)
        b = write_eval_run(reg, "chiro-no-base", res)
        c = write_eval_run(reg, "chiro-no-v2", res, suite_hash="sha256:" + "cd" * 32, backend="ollama",
                           decoding={**DECODING, "max_tokens": 512}, artifact_sha256=art.sha256)
        with pytest.raises(NotComparableError) as exc:
            compare_runs(reg, c, b)
        assert latest_comparison(reg, "chiro-no-v2") is None
    msg = str(exc.value)
    for part in ("suite hash differs", "backend differs (ollama vs llamacpp)", "max_tokens: 512 vs 256",
                 "quantisation differs (f16 vs q8_0)"):
        assert part in msg, msg


def test_same_model_is_refused(tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        r1 = write_eval_run(reg, "chiro-no-v2", synthetic_results(5, rouge_mean=0.6, seed=3))
        r2 = write_eval_run(reg, "chiro-no-v2", synthetic_results(5, rouge_mean=0.6, seed=4))
        with pytest.raises(NotComparableError, match="same model"):
            compare_runs(reg, r1, r2)


def test_config_validation_names_the_field(tmp_path):
    from gate.config import load_config
    from gate.errors import ConfigError

    p = tmp_path / "chirogate.toml"
    p.write_text("[compare]\nmargin = 0.01\nnon_inferiority = {hallucination = 1.5}\n", "utf-8")
    with pytest.raises(ConfigError, match="non_inferiority.hallucination"):
        load_config(p).section("compare", CompareConfig)
    p.write_text("[compare]\nmin_paired_cases = 50\nsafety_gates = [\"pii\"]\n", "utf-8")
    cfg = load_config(p).section("compare", CompareConfig)
    assert cfg.min_paired_cases == 50 and cfg.safety_gates == ["pii"]
    assert json.loads(json.dumps(cfg.non_inferiority)) == {"hallucination": 0.02, "pii": 0.0}
