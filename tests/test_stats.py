"""The A/B statistics against independently computed values (scipy, hand arithmetic)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from gate.stats import (
    binom_two_sided_half, cases_needed, mcnemar_exact, p95, paired_bootstrap_ci, wilcoxon_signed_rank,
    win_tie_loss,
)


# ---- Wilcoxon ---------------------------------------------------------------------------------

@pytest.mark.parametrize("seed,n", [(1, 8), (2, 20), (3, 50)])
def test_wilcoxon_exact_matches_scipy(seed, n):
    rng = np.random.default_rng(seed)
    a = rng.normal(0.6, 0.1, n)
    b = a - rng.normal(0.03, 0.05, n)
    ours = wilcoxon_signed_rank(a, b)
    ref = sps.wilcoxon(a, b, method="exact")
    assert ours.method == "exact"
    assert ours.statistic == pytest.approx(float(np.sum(sps.rankdata(np.abs(a - b))[(a - b) > 0])))
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_wilcoxon_exact_by_hand():
    # d = 1, 2, 3 with signs (+, +, -): ranks 1, 2, 3 -> W+ = 3. Of the 8 sign patterns,
    # W+ takes 0,1,2,3,3,4,5,6 -> P(W+ <= 3) = 5/8, P(W+ >= 3) = 5/8 -> p = min(1, 10/8) = 1.
    assert wilcoxon_signed_rank([1, 2, 0], [0, 0, 3]).p_value == 1.0
    # All five differences positive: P(W+ >= 15) = 1/32 -> p = 2/32.
    r = wilcoxon_signed_rank([1, 2, 3, 4, 5], [0, 0, 0, 0, 0])
    assert r.statistic == 15 and r.p_value == pytest.approx(2 / 32)


def test_wilcoxon_zeros_dropped_matches_scipy_on_nonzero():
    rng = np.random.default_rng(7)
    d = np.round(rng.normal(0.05, 0.1, 30), 6)
    d[:5] = 0.0
    a = 0.5 + d
    b = np.full(30, 0.5)
    ours = wilcoxon_signed_rank(a, b)
    nz = (a - b)[(a - b) != 0]
    ref = sps.wilcoxon(nz, method="exact")
    assert ours.n_nonzero == nz.size
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_wilcoxon_ties_large_uses_asymptotic_like_scipy():
    rng = np.random.default_rng(11)
    d = rng.integers(-3, 6, 80).astype(float)  # many ties, some zeros
    ours = wilcoxon_signed_rank(d, np.zeros_like(d))
    ref = sps.wilcoxon(d, zero_method="wilcox", correction=True, method="asymptotic")
    assert ours.method == "asymptotic"
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_wilcoxon_small_ties_enumerates_like_scipy_permutation():
    d = np.array([0.1, 0.1, 0.2, -0.1, 0.3, 0.2, 0.4, -0.2, 0.5, 0.1])
    ours = wilcoxon_signed_rank(d, np.zeros_like(d))
    # scipy's auto method with ties and n <= 13 enumerates all 2**n sign flips too.
    ref = sps.wilcoxon(d, method="auto")
    assert ours.method == "exact-ties"
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_wilcoxon_all_zero_is_no_evidence():
    r = wilcoxon_signed_rank([0.5, 0.7], [0.5, 0.7])
    assert (r.p_value, r.n_nonzero, r.method) == (1.0, 0, "none")


# ---- McNemar ----------------------------------------------------------------------------------

@pytest.mark.parametrize("k,n", [(0, 0), (0, 1), (1, 10), (3, 17), (10, 20), (40, 100), (200, 1000)])
def test_binomial_half_matches_scipy(k, n):
    expected = 1.0 if n == 0 else sps.binomtest(k, n, 0.5).pvalue
    assert binom_two_sided_half(k, n) == pytest.approx(expected, rel=1e-12)


def test_mcnemar_counts_and_p_value():
    # 6 pairs where only the candidate passes, 1 where only the baseline passes.
    a = [True] * 10 + [True] * 6 + [False] * 1 + [False] * 3
    b = [True] * 10 + [False] * 6 + [True] * 1 + [False] * 3
    r = mcnemar_exact(a, b)
    assert (r.both_pass, r.only_a_pass, r.only_b_pass, r.both_fail) == (10, 6, 1, 3)
    # By hand: P(X <= 1 | n=7, 1/2) = (1 + 7) / 128 -> two-sided 16/128 = 0.125.
    assert r.p_value == pytest.approx(0.125)
    assert r.a_fail_rate == pytest.approx(4 / 20) and r.b_fail_rate == pytest.approx(9 / 20)


def test_mcnemar_no_discordant_pairs():
    assert mcnemar_exact([True, False], [True, False]).p_value == 1.0


# ---- bootstrap --------------------------------------------------------------------------------

def test_bootstrap_constant_difference_is_a_point():
    ci = paired_bootstrap_ci([0.7, 0.8, 0.9], [0.6, 0.7, 0.8], resamples=500, seed=1)
    assert ci.mean_diff == pytest.approx(0.1)
    assert ci.low == pytest.approx(0.1) and ci.high == pytest.approx(0.1)


def test_bootstrap_is_seeded_and_paired():
    rng = np.random.default_rng(3)
    base = rng.uniform(0.2, 0.9, 60)
    cand = base + rng.normal(0.05, 0.02, 60)
    one = paired_bootstrap_ci(cand, base, seed=42)
    two = paired_bootstrap_ci(cand, base, seed=42)
    assert one == two
    assert one.resamples == 10_000 and one.n == 60
    # Paired: the interval reflects the spread of the differences (sd 0.02), not of the
    # scores themselves (sd ~0.2) - an unpaired interval would be ten times wider.
    assert one.high - one.low < 0.02
    assert one.low > 0


def test_bootstrap_agrees_with_scipy_and_normal_theory():
    rng = np.random.default_rng(5)
    d = rng.normal(0.04, 0.1, 400)
    ours = paired_bootstrap_ci(d, np.zeros_like(d), seed=9)
    ref = sps.bootstrap((d,), np.mean, n_resamples=10_000, method="percentile", confidence_level=0.95,
                        rng=np.random.default_rng(9)).confidence_interval
    half = 1.959964 * d.std(ddof=1) / math.sqrt(d.size)
    for lo, hi in [(ref.low, ref.high), (d.mean() - half, d.mean() + half)]:
        assert ours.low == pytest.approx(lo, abs=0.002)
        assert ours.high == pytest.approx(hi, abs=0.002)


def test_bootstrap_rejects_bad_input():
    with pytest.raises(ValueError):
        paired_bootstrap_ci([1.0], [1.0, 2.0])
    with pytest.raises(ValueError):
        paired_bootstrap_ci([], [])
    with pytest.raises(ValueError):
        paired_bootstrap_ci([float("nan")], [1.0])


# ---- the rest ---------------------------------------------------------------------------------

def test_win_tie_loss():
    wtl = win_tie_loss([0.5, 0.6, 0.7, 0.4], [0.5, 0.5, 0.69, 0.5], tolerance=0.02)
    assert (wtl.wins, wtl.ties, wtl.losses) == (1, 2, 1)
    wtl = win_tie_loss([0.1 + 0.2], [0.3])  # float noise is a tie, not a win
    assert (wtl.wins, wtl.ties, wtl.losses) == (0, 1, 0)


def test_p95_matches_numpy_definition():
    assert p95([]) is None
    assert p95(list(range(1, 101))) == pytest.approx(np.percentile(np.arange(1, 101), 95))


def test_cases_needed_by_hand():
    # ((1.959964 + 0.841621) * 0.2 / 0.05) ** 2 = 125.58 -> 126
    assert cases_needed(0.05, 0.2) == 126
    assert cases_needed(0.08, 0.2, margin=0.03) == 126
    assert cases_needed(0.0, 0.2) is None
    assert cases_needed(-0.1, 0.2) is None
    assert cases_needed(0.1, 0.0) == 2
