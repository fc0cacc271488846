"""Gate: each built-in gate without a suite module of its own (red-flag recall), one test per gate.

Threshold: [gates] in chirogate.toml under the gate's metric; the session (gate/session.py) does the work.
A gate's record in gate/gates.py is all it needs to run here (see docs/architecture.md, "Adding a gate")."""

import pytest


def test_gate(gate, builtin_gate):
    if builtin_gate is None:
        pytest.skip("every built-in gate has its own suite module")
    r = gate(builtin_gate)
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
