"""A/B against the baseline (runs only with ``--baseline``): the candidate must earn ``promote``.

Paired on the same cases: ROUGE-L bootstrap CI + Wilcoxon, McNemar on hallucination / PII /
terminology, win/tie/loss, latency p95 side by side; the rule and its margins are ``[compare]``.
"""

import pytest

from gate.compare import CompareConfig, compare_sessions


def test_ab_baseline(gate_session, record_property):
    baseline = gate_session.baseline_session()
    if baseline is None:
        pytest.skip("no --baseline given (pytest suites --model NAME --baseline BASELINE)")
    result = compare_sessions(gate_session, baseline, gate_session.config.section("compare", CompareConfig))
    record_property("ab.verdict", result.verdict)
    record_property("ab.n_paired", result.n_paired)
    if result.verdict != "promote":
        pytest.fail(f"A/B verdict {result.verdict.upper()} for {result.candidate} vs {result.baseline}:\n  - "
                    + "\n  - ".join(result.reasons), pytrace=False)
