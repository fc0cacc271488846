"""Gate: p95 total request time on the latency probe set ([latency] probe_set; warm-ups excluded).

Threshold: [gates] in chirogate.toml; the session (gate/session.py) does the work."""

import pytest


def test_latency(gate):
    r = gate("latency")
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
