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

from dataclasses import asdict, dataclass
from typing import Any

from registry import Registry
from registry.comparisons import ComparisonRecord, record_comparison

from .ab_runs import comparability_problems, latest_run_id, load_run, session_results
from .ab_stats import BinaryAB, CompareConfig, RougeAB, decide, paired_statistics
from .errors import ChirogateError, NotFoundError
from .suite_runner import run_suites


class NotComparableError(ChirogateError):
    """The two eval runs were not made under the same conditions; the message lists every difference."""


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

def compare_sessions(candidate_session, baseline_session, config: CompareConfig | None = None) -> Comparison:
    """The A/B verdict from two live gate sessions on the same cases (not recorded: the runs are not
    yet; ``chirogate compare`` records it from the two eval runs the sessions leave, with the same numbers)."""
    config = config or CompareConfig()
    cand = session_results(candidate_session)
    base = session_results(baseline_session)
    for gate in baseline_session.gates:  # the baseline's recorded run should be complete, not only what A/B uses
        baseline_session.result(gate)
    problems = comparability_problems(cand, base)
    if problems:
        raise NotComparableError(f"'{cand.model}' and '{base.model}' are not comparable in this session: "
                                 + "; ".join(problems))
    rouge, gates, lat = paired_statistics(cand, base, config)
    verdict, reasons, needed = decide(rouge, gates, config)
    return Comparison(cand.model, base.model, cand.suite_hash, cand.backend, None, None, rouge.n if rouge else 0,
                      rouge, gates, lat, verdict, reasons, needed)

# ---- for people ----------------------------------------------------------------------------------

def comparison_rows(c) -> list[tuple[str, str, str, str]]:
    """``(measure, candidate, baseline, paired statistic)`` rows for a :class:`gate.compare.Comparison`."""
    rows = []
    if c.rouge is not None:
        r = c.rouge
        rows.append(("ROUGE-L (mean)", f"{r.candidate_mean:.3f}", f"{r.baseline_mean:.3f}",
                     f"diff {r.ci.mean_diff:+.3f}, 95 % CI [{r.ci.low:+.3f}, {r.ci.high:+.3f}] "
                     f"({r.ci.resamples} resamples, seed {r.ci.seed}); Wilcoxon p = {r.wilcoxon.p_value:.3g}"))
        w = r.win_tie_loss
        rows.append(("win / tie / loss", f"{w.wins} / {w.ties} / {w.losses}", "", f"{r.n} paired cases"))
    for gate, g in c.gates.items():
        m = g.mcnemar
        stat = f"McNemar p = {m.p_value:.3g} ({m.only_a_pass} only candidate pass, {m.only_b_pass} only baseline)"
        if g.fail_diff is not None and g.margin is not None:
            stat += f"; fail diff CI upper {100 * g.fail_diff.high:+.1f} pt (margin {100 * g.margin:.1f} pt)"
        rows.append((f"{gate} fail rate", f"{100 * m.a_fail_rate:.1f} %", f"{100 * m.b_fail_rate:.1f} %", stat))
    lat = c.latency_p95_s
    fmt = lambda v: "-" if v is None else f"{v:.2f} s"  # noqa: E731
    rows.append(("latency p95", fmt(lat.get("candidate")), fmt(lat.get("baseline")), "side by side (no test)"))
    return rows



# ---- the command: find (or make) the runs, then compare ---------------------------------------

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
