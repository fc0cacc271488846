"""``chirogate promote`` / ``chirogate rollback`` through the real CLI."""

from __future__ import annotations

import json

from helpers import assert_clean_error
from registry import Registry


def test_rollback_cli_moves_back_and_is_audited(cli, tmp_path):
    with Registry() as reg:
        for name in ("m1", "m2"):
            reg.register_model(name, family="fam", kind="candidate", base_model="b")
        reg.set_alias("fam", "production", "m1", action="alias.promote")
        reg.set_alias("fam", "production", "m2", action="alias.promote")
    r = cli("rollback", "fam", "--reason", "regression in letters", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == {"alias": "fam@production", "from": "m2", "to": "m1",
                                 "reason": "regression in letters"}
    with Registry() as reg:
        assert reg.alias_target("fam", "production").name == "m1"
        ev = reg.events(subject="fam@production")[-1]
    assert ev.action == "alias.rollback" and ev.actor == "tester" and ev.payload["rolled_back"] == "m2"
    assert_clean_error(cli("rollback", "fam"), "no previous holder")
    assert_clean_error(cli("rollback", "fam", "--alias", "staging"), "fam@staging is not set")


def test_promote_cli_waive_needs_reason(cli, tmp_path):
    with Registry() as reg:
        reg.register_model("m1", family="fam", kind="candidate", base_model="b")
    assert_clean_error(cli("promote", "m1", "--waive-signoff"), "--waive-signoff needs --reason")
    assert_clean_error(cli("promote", "nope"), "unknown model 'nope'")
    with Registry() as reg:
        assert reg.alias_target("fam", "production") is None


def test_promote_cli_refuses_with_every_condition_then_promotes(cli, tmp_path):
    from gate.compare import compare_runs
    from gate.policy import current_suite_hash_for
    from registry.signoffs import record_packet, record_signoff
    from test_compare_support import make_models, synthetic_results, write_eval_run

    with Registry() as reg:
        make_models(reg, tmp_path)
        suite = current_suite_hash_for(reg, reg.get_model("chiro-no-v2"))
    r = cli("promote", "chiro-no-v2")
    assert_clean_error(r, "refusing to promote 'chiro-no-v2' to chiro-no@production: 3 unmet condition(s)",
                       "(1) no eval run on the current GGUF", "(2) no A/B comparison", "(3) no clinician sign-off")
    with Registry() as reg:
        base = synthetic_results(40, rouge_mean=0.5, seed=1)
        b = write_eval_run(reg, "chiro-no-base", base, suite_hash=suite)
        c = write_eval_run(reg, "chiro-no-v2", synthetic_results(40, rouge_mean=0, seed=2, base=base, shift=0.1),
                           suite_hash=suite)
        assert compare_runs(reg, c, b).verdict == "promote"
    r = cli("promote", "chiro-no-v2")
    assert_clean_error(r, "1 unmet condition(s)", "no clinician sign-off")
    r = cli("promote", "chiro-no-v2", "--waive-signoff", "--reason", "pilot clinic, review scheduled", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["alias"] == "chiro-no@production" and out["signoff_waived"] is True
    with Registry() as reg:
        assert reg.alias_target("chiro-no", "production").name == "chiro-no-v2"
        ev = reg.events(subject="chiro-no@production")[-1]
        gguf = reg.latest_artifact("chiro-no-v2", "gguf").sha256
        record_packet(reg, packet_id="pk", model="chiro-no-v2", sha256="sha256:" + "0" * 64,
                      content_sha256="sha256:" + "1" * 64, blind_key={}, cases=[], artifact_sha256=gguf)
        record_signoff(reg, model="chiro-no-v2", packet_id="pk", reviewer="dr-berg", n_reviewed=120,
                       approved_share=0.95, approved=True, details={})
    assert ev.action == "alias.promote" and ev.payload["reason"] == "pilot clinic, review scheduled"
    assert ev.payload["signoff_waived"] is True and ev.payload["suite_hash"] == suite
    assert_clean_error(cli("promote", "chiro-no-v2"), "already holds chiro-no@production")
