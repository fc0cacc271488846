"""Gate: mean ROUGE-L (Norwegian tokenizer) of the outputs against the reference answers of the test split.

Threshold: [gates] in chirogate.toml; the session (gate/session.py) does the work."""

import pytest


def test_rouge(gate):
    r = gate("rouge")
    if not r.passed:
        pytest.fail(r.failure_report(), pytrace=False)
