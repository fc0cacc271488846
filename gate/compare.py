"""The paired A/B comparison of a candidate against a baseline, and its verdict.

Both models' per-case results come from their recorded eval runs. The two runs must
be comparable (same suite hash, backend, decoding parameters and quantisation);
a pair that is not is refused with every difference named, never just warned about.
Cases are paired by id. The verdict rule (``decide``):

- fewer paired ROUGE-L cases than ``[compare] min_paired_cases`` -> ``hold`` (with a note
  on how many cases the observed effect would need);
- a safety gate (``safety_gates``: hallucination, PII) clearly worse: the lower bound of
  the 95 % CI of the paired fail-rate difference above its non-inferiority margin ->
  ``reject``; the ROUGE-L CI entirely at or below ``margin`` -> ``reject`` (the candidate
  does not beat the baseline);
- the ROUGE-L CI lower bound above ``margin`` and every safety gate's fail-rate
  difference CI upper bound within its margin -> ``promote``;
- anything else (an interval that still spans a margin) -> ``hold``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from registry import Registry
from registry.comparisons import ComparisonRecord, record_comparison

from .errors import ChirogateError, NotFoundError
from .stats import (
    BootstrapCI, McNemarResult, WilcoxonResult, WinTieLoss, cases_needed, mcnemar_exact, p95, paired_bootstrap_ci,
    wilcoxon_signed_rank, win_tie_loss,
)

#: Per-case pass/fail gates compared with McNemar (case_results gate names).
BINARY_GATES = ("hallucination", "pii", "terminology")
ROUGE_GATE = "rouge"
LATENCY_GATE = "latency"


class NotComparableError(ChirogateError):
    """The two eval runs were not made under the same conditions; the message lists every difference."""


@dataclass
class CompareConfig:
    """``[compare]``: when a candidate's A/B result against its baseline is good enough to promote."""

    margin: float = 0.0
    """The ROUGE-L paired-difference CI lower bound must be above this (0 = simply better)."""
    non_inferiority: dict[str, float] = field(default_factory=lambda: {"hallucination": 0.02, "pii": 0.0})
    """Per safety gate: how much higher the candidate's fail rate may be (upper CI bound), as a share."""
    safety_gates: list[str] = field(default_factory=lambda: ["hallucination", "pii"])
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
        for gate in self.safety_gates:
            if gate not in BINARY_GATES:
                raise ValueError(f"safety_gates: unknown gate {gate!r} (known: {', '.join(BINARY_GATES)})")
        if self.min_paired_cases < 2:
            raise ValueError(f"min_paired_cases must be >= 2, got {self.min_paired_cases}")
        if self.resamples < 100:
            raise ValueError(f"resamples must be >= 100, got {self.resamples}")
        if not 0.5 < self.confidence < 1.0:
            raise ValueError(f"confidence must be in (0.5, 1), got {self.confidence}")
        if self.tie_tolerance < 0:
            raise ValueError(f"tie_tolerance must be >= 0, got {self.tie_tolerance}")


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


@dataclass(frozen=True)
class Comparison:
    """The outcome of ``compare``: the statistics, the verdict and its reasons."""

    candidate: str
    baseline: str
    suite_hash: str
    backend: str
    candidate_run_id: int | None
    """None when compared inside a pytest session, before the runs are recorded."""
    baseline_run_id: int | None
    n_paired: int
    rouge: RougeAB | None
    gates: dict[str, BinaryAB]
    latency_p95_s: dict[str, float | None]
    """``{"candidate": s, "baseline": s}``."""
    verdict: str
    reasons: list[str]
    cases_needed: int | None
    """Paired cases the observed ROUGE-L effect would need to clear the margin (None: not above it)."""
    comparison_id: int | None = None

    def stats_dict(self) -> dict[str, Any]:
        """The statistics as plain JSON values (what the registry stores)."""
        d = asdict(self)
        for k in ("candidate", "baseline", "suite_hash", "candidate_run_id", "baseline_run_id", "verdict",
                  "reasons", "comparison_id"):
            d.pop(k)
        return d


# ---- reading eval runs ------------------------------------------------------------------------

def load_run(reg: Registry, run_id: int) -> RunResults:
    """An eval run and its per-case results, as recorded by the suites (:mod:`registry.evals`)."""
    from registry.evals import case_results, get_eval_run

    r = get_eval_run(reg, run_id)
    quant = _quantization_of(reg, r.artifact_sha256)
    values: dict[str, dict[str, float | None]] = {}
    passes: dict[str, dict[str, bool | None]] = {}
    for c in case_results(reg, run_id):
        values.setdefault(c.gate, {})[c.case_id] = c.value
        passes.setdefault(c.gate, {})[c.case_id] = c.passed
    decoding = r.config.get("decoding") if isinstance(r.config.get("decoding"), dict) else {}
    return RunResults(r.id, r.model, r.artifact_sha256, r.suite_hash, r.backend, decoding, quant, r.passed,
                      values, passes)


def latest_run_id(reg: Registry, model: str, *, suite_hash: str | None = None,
                  backend: str | None = None) -> int | None:
    """Id of the newest finished eval run of ``model`` (under ``suite_hash`` / ``backend``), or None."""
    from registry.evals import latest_eval_run

    run = latest_eval_run(reg, model, suite_hash, backend=backend)
    return run.id if run else None


def comparability_problems(cand: RunResults, base: RunResults) -> list[str]:
    """Every way in which the two runs were not made under the same conditions (empty: comparable)."""
    problems = []
    if cand.suite_hash != base.suite_hash:
        problems.append(f"suite hash differs ({_short(cand.suite_hash)} vs {_short(base.suite_hash)})")
    if cand.backend != base.backend:
        problems.append(f"backend differs ({cand.backend} vs {base.backend})")
    if cand.decoding != base.decoding:
        keys = sorted(k for k in set(cand.decoding) | set(base.decoding) if cand.decoding.get(k) != base.decoding.get(k))
        problems.append("decoding parameters differ ("
                        + ", ".join(f"{k}: {cand.decoding.get(k)!r} vs {base.decoding.get(k)!r}" for k in keys) + ")")
    if cand.quantization != base.quantization:
        problems.append(f"quantisation differs ({cand.quantization} vs {base.quantization})")
    return problems


def _short(h: str | None) -> str:
    return (h or "none").removeprefix("sha256:")[:12]


# ---- statistics and verdict -------------------------------------------------------------------

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
    for gate in BINARY_GATES:
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


# ---- the comparison ---------------------------------------------------------------------------

def compare_runs(reg: Registry, candidate_run_id: int, baseline_run_id: int, config: CompareConfig | None = None,
                 *, record: bool = True) -> Comparison:
    """Compare two recorded eval runs; refuse a non-comparable pair; record the result (by default)."""
    config = config or CompareConfig()
    cand = load_run(reg, candidate_run_id)
    base = load_run(reg, baseline_run_id)
    if cand.model == base.model:
        raise NotComparableError(f"candidate and baseline are the same model '{cand.model}'")
    problems = comparability_problems(cand, base)
    if problems:
        raise NotComparableError(
            f"eval run {cand.run_id} of '{cand.model}' and eval run {base.run_id} of '{base.model}' are not "
            "comparable: " + "; ".join(problems)
            + ". Re-run both with the same suites, backend, decoding parameters and quantisation")
    rouge, gates, lat = paired_statistics(cand, base, config)
    verdict, reasons, needed = decide(rouge, gates, config)
    result = Comparison(cand.model, base.model, cand.suite_hash, cand.backend, cand.run_id, base.run_id,
                        rouge.n if rouge else 0, rouge, gates, lat, verdict, reasons, needed)
    if record:
        rec = record_comparison(reg, candidate=cand.model, baseline=base.model, suite_hash=cand.suite_hash,
                                candidate_run_id=cand.run_id, baseline_run_id=base.run_id, verdict=verdict,
                                reasons=reasons, stats=result.stats_dict())
        result = Comparison(**{**result.__dict__, "comparison_id": rec.id})
    return result


def comparison_from_record(rec: ComparisonRecord) -> dict[str, Any]:
    """A recorded comparison as one flat JSON-able dict (for reports and ``--json``)."""
    return {"id": rec.id, "candidate": rec.candidate, "baseline": rec.baseline, "suite_hash": rec.suite_hash,
            "candidate_run_id": rec.candidate_run_id, "baseline_run_id": rec.baseline_run_id,
            "verdict": rec.verdict, "reasons": rec.reasons, "stats": rec.stats, "created_at": rec.created_at}


# ---- inside a pytest session (suites/test_ab_baseline.py) -------------------------------------

def _quantization_of(reg: Registry, sha: str | None) -> str | None:
    if not sha:
        return None
    arts = reg.artifacts_with_sha256(sha)
    return arts[-1].quantization if arts else None


def session_results(session) -> RunResults:
    """A live :class:`gate.session.GateSession`'s per-case results in the form :func:`paired_statistics` takes.

    Asks the session for every gate the comparison uses (scored once, then cached by the
    session), so the same numbers go into the eval run it records at the end.
    """
    values: dict[str, dict[str, float | None]] = {}
    passes: dict[str, dict[str, bool | None]] = {}
    for gate in (ROUGE_GATE, *BINARY_GATES, LATENCY_GATE):
        r = session.result(gate)
        values[gate] = {cid: s.value for cid, s in r.per_case}
        passes[gate] = {cid: s.passed for cid, s in r.per_case}
    sha = session.evaluated_artifact()
    return RunResults(None, session.model.name, sha, session.suite_hash, session.backend_kind, session.decoding(),
                      _quantization_of(session.reg, sha), None, values, passes)


def compare_sessions(candidate_session, baseline_session, config: CompareConfig | None = None) -> Comparison:
    """The A/B verdict from two live gate sessions on the same cases (not recorded: the runs are not
    yet; ``chirogate compare`` records it from the two eval runs the sessions leave, with the same numbers)."""
    from .session import GATES

    config = config or CompareConfig()
    cand = session_results(candidate_session)
    base = session_results(baseline_session)
    for gate in GATES:  # the baseline's recorded run should be complete, not only what A/B uses
        baseline_session.result(gate)
    problems = comparability_problems(cand, base)
    if problems:
        raise NotComparableError(f"'{cand.model}' and '{base.model}' are not comparable in this session: "
                                 + "; ".join(problems))
    rouge, gates, lat = paired_statistics(cand, base, config)
    verdict, reasons, needed = decide(rouge, gates, config)
    return Comparison(cand.model, base.model, cand.suite_hash, cand.backend, None, None, rouge.n if rouge else 0,
                      rouge, gates, lat, verdict, reasons, needed)


# ---- the command: find (or make) the runs, then compare ---------------------------------------

def suites_dir() -> "Path":
    """The gate's suites directory (``suites/`` beside the ``gate`` package in a checkout)."""
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "suites"


def run_suites(model: str, *, baseline: str | None = None, backend: str | None = None, config_path=None,
               cases=None, junit=None, progress: bool = True, echo=None) -> int:
    """Run ``pytest suites --model MODEL [--baseline B]`` in a subprocess; return pytest's exit code.

    The session records an eval run for the model (and, with ``baseline``, one for the baseline
    on the very same cases). A run whose gates fail (exit 1) is still a recorded run; any other
    non-zero exit (usage error, crash, no tests) is an error quoting pytest's last lines. pytest
    runs from the suites' parent directory, so paths are passed absolute and the caller's registry
    is pinned (a relative ``./.chirogate`` would otherwise name another one there). pytest's last
    line goes to ``echo`` if given, else to stderr when ``progress``.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    from registry import default_home

    d = suites_dir()
    if not d.is_dir():
        raise NotFoundError(f"{d}: the suites directory is missing (run from a chirogate checkout)")
    cmd = [sys.executable, "-m", "pytest", str(d), "--model", model, "-q", "-p", "no:cacheprovider",
           "-o", "console_output_style=classic"]
    if baseline:
        cmd += ["--baseline", baseline]
    if backend:
        cmd += ["--backend", backend]
    for flag, path in (("--config", config_path), ("--cases", cases), ("--junitxml", junit)):
        if path:
            cmd += [flag, str(Path(path).resolve())]
    env = {**os.environ, "CHIROGATE_HOME": str(default_home().resolve())}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(d.parent))
    if proc.returncode not in (0, 1):
        tail = " | ".join(((proc.stdout or "") + (proc.stderr or "")).strip().splitlines()[-5:])
        raise ChirogateError(f"pytest suites --model {model} failed with exit code {proc.returncode}: {tail}")
    last = [ln for ln in (proc.stdout or "").strip().splitlines() if ln.strip()][-1:]
    line = (f"pytest suites --model {model}" + (f" --baseline {baseline}" if baseline else "")
            + f": {last[0] if last else '(no output)'}")
    if echo is not None:
        echo(line)
    elif progress:
        print(line, file=sys.stderr)
    return proc.returncode


def compare_models(reg: Registry, candidate: str, baseline: str | None = None, *,
                   config: CompareConfig | None = None, backend: str | None = None, gate_config=None,
                   config_path=None, run_missing: bool = True, suite_hash: str | None = None,
                   progress: bool = True) -> Comparison:
    """Compare two registered models through their newest comparable eval runs.

    ``baseline`` defaults to the candidate family's baseline. When either side has no run
    (under ``suite_hash`` / ``backend`` when given; the baseline's under the candidate run's
    suite hash and backend) and ``run_missing`` is set, one pytest session runs the suites on
    both (``--baseline``); otherwise the error says which command makes the run. With
    ``run_missing`` and no ``suite_hash``, only runs under the *current* suite hash count.
    """
    from .policy import family_baseline

    cand = reg.resolve(candidate)
    if baseline is None:
        base_model = family_baseline(reg, cand.family)
        if base_model is None:
            raise NotFoundError(f"family '{cand.family}' has no baseline: pass --baseline or run "
                                "chirogate baseline add")
        baseline = base_model.name
    base = reg.resolve(baseline)
    if run_missing and suite_hash is None:
        # a run under older suites, cases or thresholds is stale: the pair is run again under the current ones
        from .policy import current_suite_hash_for

        suite_hash = current_suite_hash_for(reg, cand, gate_config if gate_config is not None else config_path)
    cand_id = latest_run_id(reg, cand.name, suite_hash=suite_hash, backend=backend)
    c = load_run(reg, cand_id) if cand_id is not None else None
    base_id = (latest_run_id(reg, base.name, suite_hash=c.suite_hash, backend=c.backend) if c is not None
               else None)
    if run_missing and (cand_id is None or base_id is None):
        # One session for both: the same cases, backend and config by construction.
        run_suites(cand.name, baseline=base.name, backend=backend or (c.backend if c else None),
                   config_path=config_path, progress=progress)
        cand_id = latest_run_id(reg, cand.name, suite_hash=suite_hash, backend=backend)
        c = load_run(reg, cand_id) if cand_id is not None else None
        base_id = (latest_run_id(reg, base.name, suite_hash=c.suite_hash, backend=c.backend) if c is not None
                   else None)
    if cand_id is None:
        raise NotFoundError(_no_run(cand.name, backend))
    if base_id is None:
        # Its newest run of any kind, so that the refusal can say exactly what differs.
        base_id = latest_run_id(reg, base.name)
    if base_id is None:
        raise NotFoundError(_no_run(base.name, c.backend))
    return compare_runs(reg, cand_id, base_id, config)


def _no_run(name: str, backend: str | None) -> str:
    flag = f" --backend {backend}" if backend else ""
    return f"model '{name}' has no finished eval run{flag and ' with backend ' + backend}: run pytest suites --model {name}{flag}"
