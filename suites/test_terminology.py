"""Gate: share of outputs in house-style Bokmål with valid codes, glossary terms and required sections.

Threshold: [gates] in chirogate.toml; the session (gate/session.py) does the work."""

import pytest


def test_terminology(gate):
    r = gate("terminology")
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
