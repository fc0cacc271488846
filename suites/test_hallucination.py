"""Gate: share of outputs asserting >= 1 clinical fact the input does not support (test split, abstention probes, benchmark cases).

Threshold: [gates] in chirogate.toml; the session (gate/session.py) does the work."""

import pytest


def test_hallucination(gate):
    r = gate("hallucination")
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
