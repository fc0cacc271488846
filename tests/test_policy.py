"""Promotion policy: every refusal reason, the happy path, waivers, evidence binding, rollback."""

from __future__ import annotations

import pytest

from gate.compare import compare_runs
from gate.errors import InputError, NotFoundError
from gate.policy import PolicyConfig, PromotionRefused, check_promotion, holder_history, promote, rollback
from gate.review import ReviewConfig
from registry import Registry
from registry.signoffs import record_packet, record_signoff
from test_compare_support import REQUIRED_GATES, SUITE, make_models, synthetic_results, write_eval_run

CAND, BASE, FAM = "chiro-no-v2", "chiro-no-base", "chiro-no"


def _signoff(reg, model=CAND, *, share=0.95, n=100, gguf=None, reviewer="dr-berg", packet="pk-1"):
    gguf = gguf or reg.latest_artifact(model, "gguf").sha256
    record_packet(reg, packet_id=packet, model=model, sha256="sha256:" + "0" * 64,
                  content_sha256="sha256:" + "1" * 64, blind_key={}, cases=[], artifact_sha256=gguf)
    return record_signoff(reg, model=model, packet_id=packet, reviewer=reviewer, n_reviewed=n,
                          approved_share=share, approved=share >= 0.9 and n >= 100, details={})


def _evidence(reg, tmp_path, *, shift=0.1, cand_passed=True, name=CAND, with_models=True):
    if with_models:
        make_models(reg, tmp_path)
    base = synthetic_results(60, rouge_mean=0.5, seed=1)
    b = write_eval_run(reg, BASE, base)
    c = write_eval_run(reg, name, synthetic_results(60, rouge_mean=0, seed=2, base=base, shift=shift),
                       passed=cand_passed, gates={**{g: {"passed": True} for g in REQUIRED_GATES},
                                                  "pii": {"passed": cand_passed}})
    return compare_runs(reg, c, b)


def test_everything_missing_lists_every_condition(tmp_path):
    with Registry() as reg:
        reg.register_model(CAND, family=FAM, kind="candidate", base_model="tiny")
        with pytest.raises(PromotionRefused) as exc:
            promote(reg, CAND, suite_hash=SUITE)
        assert reg.alias_target(FAM, "production") is None
    unmet = exc.value.unmet
    assert len(unmet) == 3, unmet
    assert "no GGUF artifact" in unmet[0]
    assert "has no baseline" in unmet[1]
    assert "no clinician sign-off" in unmet[2]
    assert str(exc.value).startswith(f"refusing to promote '{CAND}' to {FAM}@production: 3 unmet")


def test_no_eval_run_no_comparison_no_signoff(tmp_path):
    with Registry() as reg:
        make_models(reg, tmp_path)
        check = check_promotion(reg, CAND, suite_hash=SUITE)
    assert [u.split(" ")[0:3] for u in check.unmet] == [
        ["no", "eval", "run"], ["no", "A/B", "comparison"], ["no", "clinician", "sign-off"]]
    assert f"pytest suites --model {CAND}" in check.unmet[0]
    assert f"chirogate compare {CAND} --baseline {BASE}" in check.unmet[1]


def test_all_conditions_met_promotes_with_evidence_in_the_audit_log(tmp_path):
    with Registry() as reg:
        comp = _evidence(reg, tmp_path)
        s = _signoff(reg)
        check = promote(reg, CAND, suite_hash=SUITE, reason="release 2")
        assert reg.alias_target(FAM, "production").name == CAND
        ev = reg.events(subject=f"{FAM}@production")[-1]
    assert check.ok
    assert ev.action == "alias.promote" and ev.actor == "tester"
    assert ev.payload["comparison_id"] == comp.comparison_id and ev.payload["signoff_id"] == s.id
    assert ev.payload["suite_hash"] == SUITE and ev.payload["gguf_sha256"].startswith("sha256:")
    assert ev.payload["reason"] == "release 2" and ev.payload["baseline"] == BASE


def test_failed_eval_run_is_refused_naming_the_gates(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path, cand_passed=False)
        _signoff(reg)
        with pytest.raises(PromotionRefused) as exc:
            promote(reg, CAND, suite_hash=SUITE)
    assert exc.value.unmet == [exc.value.unmet[0]]
    assert "did not pass every gate (failed: pii)" in exc.value.unmet[0]


def test_a_run_that_skipped_a_required_gate_cannot_promote(tmp_path):
    # A replay run re-checks recorded answers but cannot measure latency: not evidence for shipping.
    with Registry() as reg:
        make_models(reg, tmp_path)
        base = synthetic_results(60, rouge_mean=0.5, seed=1)
        b = write_eval_run(reg, BASE, base)
        gates = {**{g: {"passed": True} for g in REQUIRED_GATES},
                 "latency": {"passed": None, "skipped": True, "reason": "latency cannot be measured on replayed answers"}}
        c = write_eval_run(reg, CAND, synthetic_results(60, rouge_mean=0, seed=2, base=base, shift=0.1),
                           backend="llamacpp", gates=gates)
        compare_runs(reg, c, b)
        _signoff(reg)
        with pytest.raises(PromotionRefused) as exc:
            promote(reg, CAND, suite_hash=SUITE)
        assert reg.alias_target(FAM, "production") is None
        # The policy names which gates must be measured; without latency among them, the same run promotes.
        assert promote(reg, CAND, suite_hash=SUITE,
                       policy=PolicyConfig(required_gates=["rouge", "hallucination", "pii", "terminology"])).ok
    assert len(exc.value.unmet) == 1
    assert "did not measure the required gate(s) latency" in exc.value.unmet[0]


def test_hold_verdict_is_refused_with_its_reason(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path, shift=-0.1)
        _signoff(reg)
        with pytest.raises(PromotionRefused) as exc:
            promote(reg, CAND, suite_hash=SUITE)
    assert len(exc.value.unmet) == 1
    assert f"the A/B verdict against '{BASE}' is reject, not promote" in exc.value.unmet[0]


def test_new_bytes_invalidate_old_evidence(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        _signoff(reg)
        assert check_promotion(reg, CAND, suite_hash=SUITE).ok
        newer = tmp_path / "v2b.q8_0.gguf"
        newer.write_bytes(b"GGUF retrained")
        reg.add_artifact(CAND, "gguf", newer, quantization="q8_0")
        unmet = check_promotion(reg, CAND, suite_hash=SUITE).unmet
    assert len(unmet) == 3, unmet
    assert "no eval run on the current GGUF" in unmet[0] and "older run(s)" in unmet[0]
    assert "was made on other bytes" in unmet[1]
    assert "packets of other bytes" in unmet[2]


def test_changed_suites_invalidate_old_evidence(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        _signoff(reg)
        unmet = check_promotion(reg, CAND, suite_hash="sha256:" + "ee" * 32).unmet
    assert len(unmet) == 2 and "no eval run" in unmet[0] and "no A/B comparison" in unmet[1]


def test_signoff_below_policy_is_refused(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        _signoff(reg, share=0.85)
        unmet = check_promotion(reg, CAND, suite_hash=SUITE).unmet
        assert check_promotion(reg, CAND, suite_hash=SUITE, review=ReviewConfig(min_correct_share=0.8)).ok
        _signoff(reg, share=0.97, n=40, reviewer="dr-lie", packet="pk-2")
        unmet2 = check_promotion(reg, CAND, suite_hash=SUITE).unmet
    assert len(unmet) == 1 and "85% clinically correct on 100" in unmet[0]
    assert len(unmet2) == 1 and "97% clinically correct on 40 cases" in unmet2[0]


def test_waiving_the_signoff_needs_a_reason_and_is_audited(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        with pytest.raises(InputError, match="--reason"):
            promote(reg, CAND, suite_hash=SUITE, waive_signoff=True)
        promote(reg, CAND, suite_hash=SUITE, waive_signoff=True, reason="demo")
        ev = reg.events(subject=f"{FAM}@production")[-1]
    assert ev.payload["signoff_waived"] is True and ev.payload["reason"] == "demo"


def test_signoff_not_required_by_policy(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        assert check_promotion(reg, CAND, suite_hash=SUITE, policy=PolicyConfig(require_signoff=False)).ok


def test_several_baselines_must_be_chosen(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        _signoff(reg)
        reg.register_model("chiro-no-base2", family=FAM, kind="baseline", base_model="other")
        unmet = check_promotion(reg, CAND, suite_hash=SUITE).unmet
        reg.set_alias(FAM, "baseline", BASE)
        assert check_promotion(reg, CAND, suite_hash=SUITE).ok
    assert len(unmet) == 1 and "has 2 baselines" in unmet[0]


def test_rollback_walks_back_through_promotions(tmp_path):
    with Registry() as reg:
        _evidence(reg, tmp_path)
        _signoff(reg)
        with pytest.raises(NotFoundError, match="not set"):
            rollback(reg, FAM)
        promote(reg, CAND, suite_hash=SUITE)
        with pytest.raises(InputError, match="no previous holder"):
            rollback(reg, FAM)
        v3 = tmp_path / "v3.q8_0.gguf"
        v3.write_bytes(b"GGUF v3")
        reg.register_model("chiro-no-v3", family=FAM, kind="candidate", base_model="tiny")
        reg.add_artifact("chiro-no-v3", "gguf", v3, quantization="q8_0")
        _evidence(reg, tmp_path, name="chiro-no-v3", with_models=False)
        _signoff(reg, "chiro-no-v3", packet="pk-3")
        promote(reg, "chiro-no-v3", suite_hash=SUITE)
        assert holder_history(reg, FAM, "production") == [CAND, "chiro-no-v3"]
        assert rollback(reg, FAM, reason="bad notes") == ("chiro-no-v3", CAND)
        assert reg.alias_target(FAM, "production").name == CAND
        ev = reg.events(subject=f"{FAM}@production")[-1]
        with pytest.raises(InputError, match="no previous holder"):
            rollback(reg, FAM)
    assert ev.action == "alias.rollback" and ev.payload["rolled_back"] == "chiro-no-v3"
    assert ev.payload["reason"] == "bad notes" and ev.payload["previous"] == "chiro-no-v3"
