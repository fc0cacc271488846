"""Paired statistics for the A/B comparison of a candidate against its baseline.

Everything here works on *paired* per-case values: ``a[i]`` (candidate) and ``b[i]``
(baseline) were measured on the same case ``i``. The functions are pure and
deterministic (the bootstrap is seeded), so a comparison can be recomputed from its
record and give the same numbers.

- :func:`paired_bootstrap_ci`: percentile bootstrap CI of the mean difference ``a - b``
  (resampling cases, i.e. pairs, with replacement; vectorised numpy, chunked so that
  10,000 resamples of a few thousand cases stay within a few tens of MB).
- :func:`wilcoxon_signed_rank`: two-sided Wilcoxon signed-rank p-value (zero differences
  dropped, as Wilcoxon did); exact null distribution when there are no ties and at most
  50 non-zero pairs, exact sign-flip enumeration for tied samples of at most 16 pairs,
  else the normal approximation with tie and continuity correction (the same choices
  ``scipy.stats.wilcoxon`` makes with ``method="exact"`` / ``"asymptotic"``).
- :func:`mcnemar_exact`: exact McNemar test on paired pass/fail outcomes (a two-sided
  binomial test with p = 1/2 on the discordant pairs).
- :func:`win_tie_loss`, :func:`p95`.
- :func:`cases_needed`: how many paired cases the observed effect would need (see there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist

import numpy as np

#: Resamples drawn per numpy batch: bounds memory at ``_CHUNK * n`` indices.
_CHUNK = 1000


@dataclass(frozen=True)
class BootstrapCI:
    """A paired bootstrap confidence interval of the mean difference (candidate - baseline)."""

    mean_diff: float
    """Observed mean of ``a - b``."""
    low: float
    """Lower bound of the percentile interval."""
    high: float
    """Upper bound of the percentile interval."""
    confidence: float
    n: int
    """Number of pairs."""
    resamples: int
    seed: int
    sd_diff: float
    """Sample standard deviation of the differences (ddof=1; 0.0 for a single pair)."""


@dataclass(frozen=True)
class WilcoxonResult:
    """Two-sided Wilcoxon signed-rank test of ``a - b`` against a zero median."""

    statistic: float
    """W+, the sum of the ranks of the positive differences (zeros dropped)."""
    p_value: float
    """Two-sided p-value; 1.0 when every difference is zero (no evidence of a difference)."""
    n_nonzero: int
    method: str
    """``exact``, ``exact-ties`` (sign-flip enumeration), ``asymptotic`` or ``none`` (all zero)."""


@dataclass(frozen=True)
class McNemarResult:
    """Exact McNemar test on paired pass/fail outcomes."""

    both_pass: int
    both_fail: int
    only_a_pass: int
    """Pairs where the candidate passed and the baseline failed."""
    only_b_pass: int
    """Pairs where the baseline passed and the candidate failed."""
    p_value: float
    """Two-sided exact binomial p-value on the discordant pairs (1.0 when there are none)."""

    @property
    def n(self) -> int:
        return self.both_pass + self.both_fail + self.only_a_pass + self.only_b_pass

    @property
    def a_fail_rate(self) -> float:
        return (self.both_fail + self.only_b_pass) / self.n if self.n else 0.0

    @property
    def b_fail_rate(self) -> float:
        return (self.both_fail + self.only_a_pass) / self.n if self.n else 0.0


@dataclass(frozen=True)
class WinTieLoss:
    """How often the candidate's value was higher, equal (within a tolerance) or lower."""

    wins: int
    ties: int
    losses: int


def _pairs(a: Sequence[float], b: Sequence[float]) -> np.ndarray:
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"paired samples must be 1-D and of equal length, got {x.shape} and {y.shape}")
    if x.size == 0:
        raise ValueError("no paired cases")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("paired samples contain NaN or infinite values")
    return x - y


def paired_bootstrap_ci(a: Sequence[float], b: Sequence[float], *, resamples: int = 10_000, seed: int = 0,
                        confidence: float = 0.95) -> BootstrapCI:
    """Percentile bootstrap CI of ``mean(a - b)`` over paired cases.

    Each resample draws ``n`` case indices with replacement (the same indices for both
    sides, which is what makes it paired) from ``numpy.random.default_rng(seed)`` and
    takes the mean difference; the interval is the ``(1-confidence)/2`` and
    ``(1+confidence)/2`` quantiles of those means (numpy's linear interpolation).
    """
    if resamples < 1:
        raise ValueError(f"resamples must be >= 1, got {resamples}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    d = _pairs(a, b)
    n = d.size
    rng = np.random.default_rng(seed)
    means = np.empty(resamples, dtype=float)
    for start in range(0, resamples, _CHUNK):
        k = min(_CHUNK, resamples - start)
        idx = rng.integers(0, n, size=(k, n))
        means[start:start + k] = d[idx].mean(axis=1)
    alpha = 1.0 - confidence
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    sd = float(d.std(ddof=1)) if n > 1 else 0.0
    return BootstrapCI(float(d.mean()), float(low), float(high), confidence, n, resamples, seed, sd)


def _rank_abs(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Average ranks of ``x`` (1-based) and the sizes of its tie groups."""
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    # Boundaries of runs of equal values.
    new_group = np.r_[True, xs[1:] != xs[:-1]]
    group_id = np.cumsum(new_group) - 1
    counts = np.bincount(group_id)
    ends = np.cumsum(counts)          # 1-based rank of each group's last member
    avg = ends - (counts - 1) / 2.0   # average rank in each group
    ranks = np.empty_like(x, dtype=float)
    ranks[order] = avg[group_id]
    return ranks, counts


def _signed_rank_pmf(n: int) -> np.ndarray:
    """Exact null distribution of W+ for ``n`` untied non-zero differences (counts / 2**n)."""
    top = n * (n + 1) // 2
    counts = np.zeros(top + 1, dtype=object)  # Python ints: exact for any n here
    counts[0] = 1
    for k in range(1, n + 1):
        shifted = np.zeros_like(counts)
        shifted[k:] = counts[:-k]
        counts = counts + shifted
    total = 2 ** n
    return np.array([float(Fraction(int(c), total)) for c in counts])


def wilcoxon_signed_rank(a: Sequence[float], b: Sequence[float]) -> WilcoxonResult:
    """Two-sided Wilcoxon signed-rank test of the paired differences ``a - b``.

    Zero differences are dropped (Wilcoxon's treatment). With no ties among the
    remaining ``|d|`` and at most 50 of them the exact null distribution of W+ is used;
    with ties and at most 16 pairs every one of the ``2**n`` sign assignments is
    enumerated (exact, conditional on the tied ranks); otherwise the normal
    approximation with tie correction and continuity correction. The p-value is
    ``2 * min(P(W+ <= w), P(W+ >= w))``, capped at 1.
    """
    d = _pairs(a, b)
    d = d[d != 0]
    n = d.size
    if n == 0:
        return WilcoxonResult(0.0, 1.0, 0, "none")
    ranks, tie_counts = _rank_abs(np.abs(d))
    w_plus = float(ranks[d > 0].sum())
    has_ties = bool((tie_counts > 1).any())
    if not has_ties and n <= 50:
        pmf = _signed_rank_pmf(n)
        w = int(round(w_plus))
        p = 2 * min(pmf[: w + 1].sum(), pmf[w:].sum())
        return WilcoxonResult(w_plus, float(min(1.0, p)), n, "exact")
    if has_ties and n <= 16:
        # Every sign assignment of the observed ranks, as a (2**n, n) 0/1 matrix.
        signs = (np.arange(2 ** n)[:, None] >> np.arange(n)[None, :]) & 1
        dist = signs @ ranks
        eps = 1e-9 * max(1.0, w_plus)  # rank sums of .5 steps: compare with a tolerance
        p = 2 * min(np.mean(dist <= w_plus + eps), np.mean(dist >= w_plus - eps))
        return WilcoxonResult(w_plus, float(min(1.0, p)), n, "exact-ties")
    mean = n * (n + 1) / 4.0
    var = n * (n + 1) * (2 * n + 1) / 24.0 - float(((tie_counts ** 3) - tie_counts).sum()) / 48.0
    se = math.sqrt(var)
    z = (w_plus - mean - math.copysign(0.5, w_plus - mean)) / se if w_plus != mean else 0.0
    p = 2 * NormalDist().cdf(-abs(z))
    return WilcoxonResult(w_plus, float(min(1.0, p)), n, "asymptotic")


def binom_two_sided_half(k: int, n: int) -> float:
    """Exact two-sided binomial p-value of ``k`` successes in ``n`` trials with p = 1/2."""
    if n == 0:
        return 1.0
    m = min(k, n - k)
    tail = sum(math.comb(n, i) for i in range(m + 1))
    return float(min(Fraction(1), Fraction(2 * tail, 2 ** n)))


def mcnemar_exact(a_pass: Sequence[bool], b_pass: Sequence[bool]) -> McNemarResult:
    """Exact McNemar test: are the candidate's and the baseline's pass rates different?

    Only the discordant pairs carry information; under the null hypothesis each of them
    is equally likely to favour either side, so the p-value is the two-sided exact
    binomial test of ``only_a_pass`` out of ``only_a_pass + only_b_pass`` with p = 1/2.
    """
    x = np.asarray(a_pass, dtype=bool)
    y = np.asarray(b_pass, dtype=bool)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"paired outcomes must be 1-D and of equal length, got {x.shape} and {y.shape}")
    both_pass = int((x & y).sum())
    both_fail = int((~x & ~y).sum())
    only_a = int((x & ~y).sum())
    only_b = int((~x & y).sum())
    return McNemarResult(both_pass, both_fail, only_a, only_b, binom_two_sided_half(only_a, only_a + only_b))


def win_tie_loss(a: Sequence[float], b: Sequence[float], *, tolerance: float = 0.0) -> WinTieLoss:
    """Count cases where ``a`` beats ``b`` by more than ``tolerance``, ties within it, and losses."""
    if tolerance < 0:
        raise ValueError(f"tolerance must be >= 0, got {tolerance}")
    d = _pairs(a, b)
    tol = tolerance + 1e-12  # float noise is never a win
    return WinTieLoss(int((d > tol).sum()), int((np.abs(d) <= tol).sum()), int((d < -tol).sum()))


def p95(values: Sequence[float]) -> float | None:
    """95th percentile (numpy's linear interpolation); None for no values."""
    v = np.asarray(list(values), dtype=float)
    return float(np.percentile(v, 95)) if v.size else None


def cases_needed(mean_diff: float, sd_diff: float, *, margin: float = 0.0, confidence: float = 0.95,
                 power: float = 0.8) -> int | None:
    """How many paired cases the observed effect would need to clear ``margin``.

    The normal-approximation sample size for a paired mean difference:
    ``n = ((z_(1-alpha/2) + z_power) * sd / (mean_diff - margin))**2``, rounded up, with
    alpha = 1 - confidence. Read it as: if the true mean difference and its spread were
    what this comparison observed, about ``n`` pairs give the CI's lower bound a
    ``power`` chance of landing above the margin. None when the observed effect is not
    above the margin (no number of cases helps an effect that is not there); at least 2.
    """
    if not 0.0 < confidence < 1.0 or not 0.0 < power < 1.0:
        raise ValueError("confidence and power must be in (0, 1)")
    effect = mean_diff - margin
    if effect <= 0:
        return None
    if sd_diff <= 0:
        return 2
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2) + NormalDist().inv_cdf(power)
    return max(2, math.ceil((z * sd_diff / effect) ** 2))
