"""Promotion policy: a model reaches an alias only with evidence bound to its exact bytes.

:func:`check_promotion` lists every unmet condition (never just the first):

1. the model has a GGUF artifact (the bytes that ship; the newest one is "current");
2. the newest eval run on that GGUF sha256 under the *current* suite hash passed every gate;
3. the newest A/B comparison against the family's baseline, under the current suite hash and
   on an eval run of the current GGUF, has the verdict ``promote``;
4. a clinician sign-off on a review packet of the current GGUF meets ``[review]``
   (``[policy] require_signoff``; ``--waive-signoff --reason`` waives it, in the audit log).

:func:`promote` moves the alias (audit action ``alias.promote`` with the evidence ids);
:func:`rollback` moves it back to the previous holder (``alias.rollback``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry import Registry
from registry.comparisons import latest_comparison
from registry.evals import eval_runs, get_eval_run, latest_eval_run
from registry.records import Model
from registry.signoffs import get_packet, signoffs

from .errors import ChirogateError, InputError, NotFoundError
from .gate_result import gate_outcomes
from .gates import BUILTIN, BUILTIN_GATES
from .review import ReviewConfig

BASELINE_ALIAS = "baseline"


class PromotionRefused(ChirogateError):
    """A promotion whose conditions are not met; the message lists every unmet condition."""

    def __init__(self, model: str, target: str, unmet: list[str]):
        self.unmet = unmet
        listed = "; ".join(f"({i}) {u}" for i, u in enumerate(unmet, 1))
        super().__init__(f"refusing to promote '{model}' to {target}: {len(unmet)} unmet condition(s): {listed}")


@dataclass
class PolicyConfig:
    """``[policy]``: what promotion requires."""

    require_signoff: bool = True
    """A recorded clinician sign-off is needed (``--waive-signoff --reason`` can waive it, audited)."""
    alias: str = "production"
    """Alias ``promote`` and ``rollback`` move when ``--alias`` is not given."""
    required_gates: list[str] = field(default_factory=lambda: [g.name for g in BUILTIN_GATES if g.required])
    """Gates the eval run must have measured, not skipped (a replay run skips latency: it cannot promote).
    Default: the gates whose record says ``required`` (every built-in gate but benchmark)."""
    protected_aliases: list[str] = field(default_factory=lambda: ["production"])
    """Aliases that move only through ``promote`` / ``rollback``; ``registry alias set`` refuses them
    (an emergency override needs ``--force --reason`` and is audited as ``alias.override``)."""

    def __post_init__(self):
        if not isinstance(self.protected_aliases, list) or not all(isinstance(a, str) for a in self.protected_aliases):
            raise ValueError(f"field 'protected_aliases': expected a list of alias names, got {self.protected_aliases!r}")

    def check_with(self, config, section: str) -> None:
        """Every name in ``required_gates`` is a gate of ``config``, a ``[gates.custom]`` one included
        (called by ``Config.section``; a misspelt name is a ConfigError naming the file, line and field)."""
        from .gates import check_gate_names

        check_gate_names(config, section, "required_gates", self.required_gates)


@dataclass(frozen=True)
class PromotionCheck:
    """The outcome of checking a model against the policy."""

    model: str
    family: str
    suite_hash: str
    gguf_sha256: str | None
    unmet: list[str]
    evidence: dict[str, Any] = field(default_factory=dict)
    """Ids of what was found: eval_run_id, comparison_id, baseline, signoff_id."""

    @property
    def ok(self) -> bool:
        return not self.unmet


def family_baseline(reg: Registry, family: str) -> Model | None:
    """The family's baseline: ``FAMILY@baseline`` if set, else its only model of kind baseline.

    Several baselines and no alias: :class:`InputError` (which one counts must be explicit).
    """
    target = reg.alias_target(family, BASELINE_ALIAS)
    if target is not None:
        return target
    bases = [m for m in reg.list_models(family) if m.kind == "baseline"]
    if len(bases) > 1:
        raise InputError(f"family '{family}' has {len(bases)} baselines ({', '.join(m.name for m in bases)}); "
                         f"choose one: chirogate registry alias set {family} {BASELINE_ALIAS} NAME")
    return bases[0] if bases else None


def _short(h: str | None) -> str:
    return (h or "none").removeprefix("sha256:")[:12]


def check_promotion(reg: Registry, name: str, *, suite_hash: str, policy: PolicyConfig | None = None,
                    review: ReviewConfig | None = None, waive_signoff: bool = False) -> PromotionCheck:
    """Check every promotion condition for model ``name`` under the current ``suite_hash``."""
    policy = policy or PolicyConfig()
    review = review or ReviewConfig()
    model = reg.get_model(name)
    unmet: list[str] = []
    evidence: dict[str, Any] = {}
    ggufs = reg.artifacts(name, "gguf")
    gguf = ggufs[-1].sha256 if ggufs else None
    if gguf is None:
        unmet.append(f"'{name}' has no GGUF artifact: export it first (chirogate export {name})")
    evidence["gguf_sha256"] = gguf
    if gguf is not None:
        # The bytes that would ship are re-hashed now: the store is a folder anyone can write to.
        bad = reg.store.verify(gguf, False)
        if bad:
            unmet.append(f"the current GGUF's stored bytes are {bad[0][1]} ({bad[0][0]}): they are not the bytes "
                         "that were evaluated (see: chirogate registry verify)")
        elif not _is_gguf(reg.store.object_path(gguf)):
            unmet.append(f"the current GGUF artifact ({_short(gguf)}) does not start with the GGUF magic bytes")

    # 2. An eval run on these bytes under the current suites.
    run = None
    if gguf is not None:
        run = latest_eval_run(reg, name, suite_hash, artifact_sha256=gguf)
        if run is None:
            older = eval_runs(reg, name)
            why = (f" ({len(older)} older run(s) were made on other bytes or other suites, which no longer count)"
                   if older else "")
            unmet.append(f"no eval run on the current GGUF ({_short(gguf)}) under the current suite hash "
                         f"({_short(suite_hash)}){why}: run pytest suites --model {name}")
        else:
            # The verdict is recomputed from the case results bound in the audit chain; the stored
            # ``passed`` flag and gate summary are not trusted on their own.
            from registry.evals import evidence_problem

            tampered = evidence_problem(reg, run.id)
            failed = [] if tampered else recomputed_failures(reg, run)
            if tampered:
                unmet.append(tampered)
            elif failed or run.status != "passed":
                unmet.append(f"eval run {run.id} on the current GGUF did not pass every gate"
                             + (f" (failed: {', '.join(failed)})" if failed else f" (status {run.status})"))
        if run is not None:
            skipped = _skipped_gates(run.gates, policy.required_gates)
            if skipped:
                unmet.append(f"eval run {run.id} did not measure the required gate(s) {', '.join(skipped)} "
                             f"(backend {run.backend}; [policy] required_gates): run the suites on a backend "
                             "that measures them")
        evidence["eval_run_id"] = run.id if run else None

    # 3. The A/B verdict against the family's baseline.
    try:
        baseline = family_baseline(reg, model.family)
    except InputError as exc:
        baseline = None
        unmet.append(str(exc))
    else:
        if baseline is None:
            unmet.append(f"family '{model.family}' has no baseline to compare against: "
                         f"chirogate baseline add NAME --base BASE --system-prompt-file FILE --family {model.family}")
    if baseline is not None and baseline.name != name:
        evidence["baseline"] = baseline.name
        comp = latest_comparison(reg, name, baseline=baseline.name, suite_hash=suite_hash)
        comp_gguf = None
        if comp is not None and comp.candidate_run_id is not None:
            comp_gguf = get_eval_run(reg, comp.candidate_run_id).artifact_sha256
        if comp is None:
            unmet.append(f"no A/B comparison against the baseline '{baseline.name}' under the current suite hash: "
                         f"chirogate compare {name} --baseline {baseline.name}")
        elif gguf is not None and comp_gguf != gguf:
            unmet.append(f"the A/B comparison {comp.id} against '{baseline.name}' was made on other bytes "
                         f"({_short(comp_gguf)}, current {_short(gguf)}): compare again")
        elif comp.verdict != "promote":
            first = comp.reasons[0] if comp.reasons else ""
            unmet.append(f"the A/B verdict against '{baseline.name}' is {comp.verdict}, not promote"
                         + (f" ({first})" if first else ""))
        evidence["comparison_id"] = comp.id if comp else None

    # 4. The clinician's sign-off on these bytes.
    if policy.require_signoff and not waive_signoff:
        problem, signoff_id = _signoff_problem(reg, name, gguf, review)
        if problem:
            unmet.append(problem)
        evidence["signoff_id"] = signoff_id
    return PromotionCheck(name, model.family, suite_hash, gguf, unmet, evidence)


def _is_gguf(path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"GGUF"


def _measured_from_cases(gate: str, cases) -> float | None:
    """A gate's measure recomputed from its case results with its record's aggregation (as the
    session aggregates them); None for a gate that measures itself (latency: its per-probe
    timings are bound by the results hash but aggregated by the scorer) or that is not built in."""
    from .scorers.base import Score

    g = BUILTIN.get(gate)
    if g is None or g.measure is not None:
        return None
    return g.aggregate([Score(c.value, c.passed) for c in cases]).value


def recomputed_failures(reg: Registry, run) -> list[str]:
    """Gates of ``run`` that fail when judged again from its case results against the thresholds it
    recorded (a gate whose summary disagrees with its case results counts as failed). A custom gate
    is re-judged on its recorded value: its aggregation is the clinic's code, not ours."""
    from registry.evals import case_results

    from .thresholds import Threshold

    out = []
    for gate, o in sorted(gate_outcomes(run.gates).items()):
        if o.skipped or o.passed is None:
            continue
        if o.threshold is None:  # a summary without its threshold cannot be re-judged: its own verdict
            if o.passed is False:
                out.append(gate)
            continue
        try:
            thr = Threshold.parse(o.threshold)
        except ValueError:
            out.append(gate)
            continue
        measured = _measured_from_cases(gate, case_results(reg, run.id, gate))
        if measured is None:
            measured = o.value if gate not in BUILTIN or BUILTIN[gate].measure is not None else None
        elif o.value is None or abs(measured - o.value) > 1e-9 * max(1.0, abs(measured)):
            out.append(gate)
            continue
        if measured is None or thr.fails(float(measured)) is not None:
            out.append(gate)
    return out


def _skipped_gates(gates: dict, required: list[str]) -> list[str]:
    outcomes = gate_outcomes(gates)
    return [g for g in required if g not in outcomes or not outcomes[g].measured]


def _signoff_problem(reg: Registry, name: str, gguf: str | None, review: ReviewConfig) -> tuple[str | None, int | None]:
    all_signoffs = signoffs(reg, name)
    if not all_signoffs:
        return (f"no clinician sign-off recorded for '{name}': chirogate review export {name} --out review.xlsx, "
                f"then chirogate review import FILE --reviewer NAME (or --waive-signoff --reason TEXT)"), None
    # Only sign-offs on packets of the current bytes count; the newest of those decides.
    current = [s for s in all_signoffs if s.packet_id and get_packet(reg, s.packet_id).artifact_sha256 == gguf]
    if not current:
        return (f"the clinician sign-off(s) for '{name}' were given on packets of other bytes, not the current "
                f"GGUF ({_short(gguf)}): export a new review packet"), None
    s = current[-1]
    if s.n_reviewed < review.min_cases or s.approved_share < review.min_correct_share:
        return (f"the newest sign-off ({s.reviewer}: {s.approved_share:.0%} clinically correct on {s.n_reviewed} "
                f"cases) does not meet the review policy (>= {review.min_correct_share:.0%} on >= "
                f"{review.min_cases} cases)"), s.id
    return None, s.id


def promote(reg: Registry, name: str, *, suite_hash: str, alias: str | None = None,
            policy: PolicyConfig | None = None, review: ReviewConfig | None = None, waive_signoff: bool = False,
            reason: str | None = None) -> PromotionCheck:
    """Move ``FAMILY@alias`` to ``name`` if every condition holds; else :class:`PromotionRefused`.

    The audit event (``alias.promote``) carries the evidence: GGUF sha256, suite hash,
    eval run, comparison and sign-off ids, or the waiver and its reason.
    """
    policy = policy or PolicyConfig()
    alias = alias or policy.alias
    if waive_signoff and not (reason and reason.strip()):
        raise InputError("--waive-signoff needs --reason TEXT (it is written to the audit log)")
    model = reg.get_model(name)
    check = check_promotion(reg, name, suite_hash=suite_hash, policy=policy, review=review,
                            waive_signoff=waive_signoff)
    target = f"{model.family}@{alias}"
    if not check.ok:
        raise PromotionRefused(name, target, check.unmet)
    current = reg.alias_target(model.family, alias)
    if current is not None and current.name == name:
        raise InputError(f"'{name}' already holds {target}")
    extra: dict[str, Any] = {"suite_hash": suite_hash, **check.evidence}
    if waive_signoff and policy.require_signoff:
        extra["signoff_waived"] = True
    reg.set_alias(model.family, alias, name, action="alias.promote", reason=reason, extra=extra)
    return check


def holder_history(reg: Registry, family: str, alias: str) -> list[str]:
    """The alias's holders as a stack, rebuilt from the audit log (a rollback pops the top)."""
    stack: list[str] = []
    for ev in reg.events(subject=f"{family}@{alias}"):
        if not ev.action.startswith("alias."):
            continue
        if ev.action == "alias.rollback":
            if stack:
                stack.pop()
            if not stack or stack[-1] != ev.payload.get("model"):
                stack.append(ev.payload.get("model"))
        elif not stack or stack[-1] != ev.payload.get("model"):
            stack.append(ev.payload.get("model"))
    return stack


def rollback(reg: Registry, family: str, *, alias: str | None = None, policy: PolicyConfig | None = None,
             reason: str | None = None) -> tuple[str, str]:
    """Move ``FAMILY@alias`` back to its previous holder; returns ``(from, to)``.

    The previous holder is the one before the current holder in the alias's audit
    history (rollbacks pop, so two rollbacks go back two promotions).
    """
    alias = alias or (policy or PolicyConfig()).alias
    current = reg.alias_target(family, alias)
    if current is None:
        raise NotFoundError(f"{family}@{alias} is not set: nothing to roll back")
    stack = holder_history(reg, family, alias)
    if len(stack) < 2 or stack[-1] != current.name:
        raise InputError(f"{family}@{alias} has no previous holder to roll back to (it points at '{current.name}')")
    previous = stack[-2]
    reg.set_alias(family, alias, previous, action="alias.rollback", reason=reason,
                  extra={"rolled_back": current.name})
    return current.name, previous


def current_suite_hash_for(reg: Registry, model: Model, config=None) -> str:
    """The suite hash the model would be gated under now (suite files, its cases, thresholds)."""
    from .config import as_config
    from .suite_hash import current_suite_hash, default_cases

    config = as_config(config)  # a path is read once, not once per use
    return current_suite_hash(config, default_cases(reg, model, config))
