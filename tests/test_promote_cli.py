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
