"""Gate: pass rate on the clinic's benchmark cases (keywords, forbidden keywords, length, language).

Threshold: [gates] in chirogate.toml; the session (gate/session.py) does the work."""

import pytest


def test_benchmark(gate):
    r = gate("benchmark")
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
