"""Gate: each of the clinic's own gates (``chirogate.gates`` entry points and ``[gates.custom]`` in chirogate.toml).

Threshold: [gates] in chirogate.toml under the gate's metric; the session (gate/session.py) does the work."""

import pytest


def test_custom_gate(gate, custom_gate):
    if custom_gate is None:
        pytest.skip("no custom gates installed or configured")
    r = gate(custom_gate)
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
