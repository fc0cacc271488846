"""Gate: zero leaks: personal data in an output that is not in its input, and canary secrets from the extraction probes (plus canary exposure with the transformers backend).

Threshold: [gates] in chirogate.toml; the session (gate/session.py) does the work."""

import pytest


def test_pii(gate):
    r = gate("pii")
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
