"""The paired statistics of an A/B comparison and the verdict rule.

Input: two runs' per-case results (:class:`RunResults`), paired by case id. The effect
gate (ROUGE-L) gets a paired bootstrap CI, Wilcoxon and win/tie/loss; every pass/fail gate
(the built-in ones whose record says ``ab="binary"``, and any custom gate) gets McNemar and
a CI of the paired fail-rate difference; latency p95 is shown side by side. The rule
(:func:`decide`) is described in :mod:`gate.compare`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .gates import BUILTIN, BUILTIN_GATES
from .stats import (
    BootstrapCI, McNemarResult, WilcoxonResult, WinTieLoss, cases_needed, mcnemar_exact, p95, paired_bootstrap_ci,
    wilcoxon_signed_rank, win_tie_loss,
)

#: Per-case pass/fail gates compared with McNemar (from the Gate records).
BINARY_GATES = tuple(g.name for g in BUILTIN_GATES if g.ab == "binary")
ROUGE_GATE = next(g.name for g in BUILTIN_GATES if g.ab == "effect")
LATENCY_GATE = next(g.name for g in BUILTIN_GATES if g.ab == "timing")


def _default_safety_gates() -> list[str]:
    return [g.name for g in BUILTIN_GATES if g.safety]


def _default_margins() -> dict[str, float]:
    return {g.name: g.non_inferiority for g in BUILTIN_GATES if g.safety}


@dataclass
class CompareConfig:
    """``[compare]``: when a candidate's A/B result against its baseline is good enough to promote."""

    margin: float = 0.0
    """The ROUGE-L paired-difference CI lower bound must be above this (0 = simply better)."""
    non_inferiority: dict[str, float] = field(default_factory=_default_margins)
    """Per safety gate: how much higher the candidate's fail rate may be (upper CI bound), as a share."""
    safety_gates: list[str] = field(default_factory=_default_safety_gates)
    """Gates whose non-inferiority is required for ``promote``."""
    min_paired_cases: int = 30
    """Fewer paired cases than this: ``hold``, whatever the numbers say."""
    resamples: int = 10_000
    """Bootstrap resamples."""
    seed: int = 0
    """Bootstrap seed (the comparison is reproducible from its record)."""
    confidence: float = 0.95
    tie_tolerance: float = 0.0
    """ROUGE-L differences within this count as ties in win/tie/loss."""

    def __post_init__(self) -> None:
        if not -1.0 < self.margin < 1.0:
            raise ValueError(f"margin must be in (-1, 1), got {self.margin}")
        for gate, m in self.non_inferiority.items():
            if not isinstance(m, (int, float)) or isinstance(m, bool) or not 0.0 <= m < 1.0:
                raise ValueError(f"non_inferiority.{gate} must be a share in [0, 1), got {m!r}")
        if self.min_paired_cases < 2:
            raise ValueError(f"min_paired_cases must be >= 2, got {self.min_paired_cases}")
        if self.resamples < 100:
            raise ValueError(f"resamples must be >= 100, got {self.resamples}")
        if not 0.5 < self.confidence < 1.0:
            raise ValueError(f"confidence must be in (0.5, 1), got {self.confidence}")
        if self.tie_tolerance < 0:
            raise ValueError(f"tie_tolerance must be >= 0, got {self.tie_tolerance}")

    def check_with(self, config, section: str) -> None:
        """Every name in ``safety_gates`` is a pass/fail gate of ``config``, a ``[gates.custom]`` one included
        (called by ``Config.section``; a misspelt name is a ConfigError naming the file, line and field)."""
        from .gates import check_gate_names

        check_gate_names(config, section, "safety_gates", self.safety_gates, paired=True)

@dataclass(frozen=True)
class RunResults:
    """One recorded eval run with its per-case results, as the comparison needs them."""

    run_id: int | None
    """None for results taken from a live gate session (not yet recorded)."""
    model: str
    artifact_sha256: str | None
    suite_hash: str
    backend: str
    decoding: dict[str, Any]
    quantization: str | None
    passed: bool | None
    values: dict[str, dict[str, float | None]]
    """gate -> case id -> value."""
    passes: dict[str, dict[str, bool | None]]
    """gate -> case id -> passed."""

@dataclass(frozen=True)
class RougeAB:
    """Paired ROUGE-L statistics (candidate minus baseline)."""

    n: int
    candidate_mean: float
    baseline_mean: float
    ci: BootstrapCI
    wilcoxon: WilcoxonResult
    win_tie_loss: WinTieLoss


@dataclass(frozen=True)
class BinaryAB:
    """Paired pass/fail statistics for one gate."""

    gate: str
    mcnemar: McNemarResult
    fail_diff: BootstrapCI | None
    """CI of the paired fail-rate difference (candidate minus baseline); None without pairs."""
    margin: float | None
    """Non-inferiority margin for a safety gate; None for a gate reported only."""

def _paired(cand: dict, base: dict) -> list[str]:
    """Case ids scored (not None) on both sides, in a stable order."""
    return sorted(k for k in cand.keys() & base.keys() if cand[k] is not None and base[k] is not None)


def paired_statistics(cand: RunResults, base: RunResults, config: CompareConfig) -> tuple[
        RougeAB | None, dict[str, BinaryAB], dict[str, float | None]]:
    """ROUGE-L (bootstrap CI, Wilcoxon, win/tie/loss), McNemar per pass/fail gate, latency p95."""
    rouge = None
    cv, bv = cand.values.get(ROUGE_GATE, {}), base.values.get(ROUGE_GATE, {})
    ids = _paired(cv, bv)
    if ids:
        a = [cv[i] for i in ids]
        b = [bv[i] for i in ids]
        rouge = RougeAB(len(ids), sum(a) / len(a), sum(b) / len(b),
                        paired_bootstrap_ci(a, b, resamples=config.resamples, seed=config.seed,
                                            confidence=config.confidence),
                        wilcoxon_signed_rank(a, b), win_tie_loss(a, b, tolerance=config.tie_tolerance))
    gates: dict[str, BinaryAB] = {}
    for gate in binary_gates(cand, base):
        cp, bp = cand.passes.get(gate, {}), base.passes.get(gate, {})
        ids = _paired(cp, bp)
        if not ids and gate not in config.safety_gates:
            continue
        a = [cp[i] for i in ids]
        b = [bp[i] for i in ids]
        # Fail-rate difference per case: 1 - pass, candidate minus baseline.
        diff = paired_bootstrap_ci([0.0 if x else 1.0 for x in a], [0.0 if x else 1.0 for x in b],
                                   resamples=config.resamples, seed=config.seed,
                                   confidence=config.confidence) if ids else None
        margin = config.non_inferiority.get(gate, 0.0) if gate in config.safety_gates else None
        gates[gate] = BinaryAB(gate, mcnemar_exact(a, b), diff, margin)
    lat = {"candidate": p95(v for v in cand.values.get(LATENCY_GATE, {}).values() if v is not None),
           "baseline": p95(v for v in base.values.get(LATENCY_GATE, {}).values() if v is not None)}
    return rouge, gates, lat


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def decide(rouge: RougeAB | None, gates: dict[str, BinaryAB], config: CompareConfig) -> tuple[str, list[str], int | None]:
    """The verdict (``promote`` / ``hold`` / ``reject``), its reasons, and the cases-needed note."""
    reasons: list[str] = []
    if rouge is None:
        return "hold", ["no case has a ROUGE-L value on both sides: nothing to compare"], None
    ci = rouge.ci
    needed = cases_needed(ci.mean_diff, ci.sd_diff, margin=config.margin, confidence=config.confidence)
    level = f"{round(100 * config.confidence)} % CI"
    rouge_line = (f"ROUGE-L {rouge.candidate_mean:.3f} vs {rouge.baseline_mean:.3f}: mean paired difference "
                  f"{ci.mean_diff:+.3f} ({level} {ci.low:+.3f} to {ci.high:+.3f}, Wilcoxon p = "
                  f"{rouge.wilcoxon.p_value:.3g}) on {rouge.n} paired cases")
    if rouge.n < config.min_paired_cases:
        note = (f"the observed effect would need about {needed} paired cases" if needed is not None
                else f"the observed effect is not above the margin {config.margin:+.3f}, so more cases alone "
                     "would not make it promotable")
        return "hold", [f"only {rouge.n} paired cases, fewer than min_paired_cases = {config.min_paired_cases}; "
                        f"{note}", rouge_line], needed
    reject, hold = [], []
    for gate in config.safety_gates:
        g = gates.get(gate)
        if g is None or g.fail_diff is None:
            hold.append(f"{gate}: no paired pass/fail results on both sides, so non-inferiority is not shown")
            continue
        m = g.mcnemar
        line = (f"{gate}: fail rate {_pct(m.a_fail_rate)} vs {_pct(m.b_fail_rate)} (difference "
                f"{g.fail_diff.mean_diff * 100:+.1f} pt, {level} {g.fail_diff.low * 100:+.1f} to "
                f"{g.fail_diff.high * 100:+.1f} pt, McNemar p = {m.p_value:.3g}), margin {g.margin * 100:.1f} pt")
        if g.fail_diff.low > g.margin:
            reject.append(f"{line}: worse than the baseline beyond the margin")
        elif g.fail_diff.high > g.margin:
            hold.append(f"{line}: non-inferiority not shown")
        else:
            reasons.append(f"{line}: not worse beyond the margin")
    if ci.high <= config.margin:
        reject.append(f"{rouge_line}: the whole interval is at or below the margin {config.margin:+.3f}")
    elif ci.low > config.margin:
        reasons.insert(0, f"{rouge_line}: lower bound above the margin {config.margin:+.3f}")
    else:
        note = (f"; the observed effect would need about {needed} paired cases" if needed is not None else "")
        hold.insert(0, f"{rouge_line}: the interval spans the margin {config.margin:+.3f}{note}")
    if reject:
        return "reject", reject + hold + reasons, needed
    if hold:
        return "hold", hold + reasons, needed
    return "promote", reasons, needed



def binary_gates(cand: RunResults, base: RunResults) -> list[str]:
    """The pass/fail gates to pair: the built-in ones, then custom gates present on both sides."""
    custom = sorted(g for g in cand.passes.keys() & base.passes.keys() if g not in BUILTIN)
    return [*BINARY_GATES, *custom]
