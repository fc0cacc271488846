"""The engine behind ``pytest suites``: one gate session per pytest run.

A :class:`GateSession` resolves the model, loads the cases, has the backend answer them
once (through the cached runner), scores lazily per gate when a suite asks, and records
one eval run at the end, bound to the evaluated artifact's sha256, the suite hash, the
backend, the decoding parameters and the provenance. The suites stay thin: they ask
:meth:`GateSession.result` and assert.

Default cases and the suite hash: :mod:`gate.suite_hash`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry import Registry
from registry.records import Model

from .cases import Case
from .config import Config, as_config
from .errors import ChirogateError, InputError
from .scorers.base import Score
from .suite_hash import SuitesConfig, current_suite_hash, dataset_fingerprint, default_cases
from .gate_result import GateOutcome, WorstCase
from .gates import BUILTIN_GATES, Gate, all_gates
from .thresholds import Threshold, gate_thresholds

#: The built-in gates' names (a session's own list, custom gates included, is ``GateSession.gates``).
GATES = tuple(g.name for g in BUILTIN_GATES)


# ---- results ------------------------------------------------------------------------------------

@dataclass
class GateResult:
    """One gate's aggregated result."""

    gate: str
    threshold: Threshold
    value: float | None
    passed: bool | None
    """None when the gate was skipped (``reason`` says why)."""
    reason: str | None
    n: int
    per_case: list[tuple[str, Score]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    worst: list[dict[str, Any]] = field(default_factory=list)
    """``{"case_id", "value", "explanation", "excerpt"}`` (excerpt masked), worst first."""

    @property
    def skipped(self) -> bool:
        return self.passed is None

    def failure_report(self) -> str:
        """What a person reads when the gate fails: measured value, threshold, worst cases."""
        measured = "not measured" if self.value is None else f"{self.value:.4g}"
        lines = [f"{self.gate} gate FAILED: {self.reason}",
                 f"  measured: {self.threshold.metric} = {measured} over {self.n} case(s)",
                 f"  threshold: {self.threshold.text}"]
        if self.worst:
            lines.append("  worst cases:")
            for w in self.worst:
                v = "" if w["value"] is None else f" [{w['value']:.3g}]"
                lines.append(f"    {w['case_id']}{v}: {w['explanation']}")
                if w.get("excerpt"):
                    lines.append(f"      output: {w['excerpt']}")
        return "\n".join(lines)

    def outcome(self) -> GateOutcome:
        """The typed result the eval run records for this gate."""
        return GateOutcome(self.gate, self.value, self.threshold.text, self.n, self.passed, self.skipped, self.reason,
                           tuple(WorstCase(w["case_id"], w["value"], w["explanation"]) for w in self.worst),
                           dict(self.summary))

    def record(self) -> dict[str, Any]:
        """The gate's entry in the eval run's gate summary (:meth:`GateOutcome.to_record`)."""
        return self.outcome().to_record()


# ---- the session ---------------------------------------------------------------------------------

class GateSession:
    """One model under the gate: cases, one generation pass, lazy per-gate results, one eval run."""

    def __init__(self, reg: Registry, model: Model, *, backend_kind: str, config: Config, cases: list[Case],
                 record: bool = True, baseline: Model | None = None, cases_source: str = "default",
                 progress: bool = True):
        self.reg = reg
        self.model = model
        self.baseline = baseline
        self.backend_kind = backend_kind
        self.config = config
        self.cases = cases
        self.cases_source = cases_source
        self.record = record
        self.progress = progress
        self.gates: dict[str, Gate] = {g.name: g for g in all_gates(config)}
        self.thresholds = gate_thresholds(config)
        self.suites_cfg = config.section("suites", SuitesConfig)
        self.suite_hash = current_suite_hash(config, cases)
        self.notes: list[str] = []
        self.eval_run_id: int | None = None
        self._backend = None
        self._outputs: dict[str, Any] | None = None
        self._outputs_error: ChirogateError | None = None
        self._results: dict[str, GateResult] = {}
        self._baseline_session: GateSession | None = None
        self._finished = False
        self._specs: dict[str, Any] = {}
        self.dataset_fingerprint = dataset_fingerprint(reg, model) if cases_source == "default" else None
        if not any(c.kind == "reference" for c in cases):
            self.notes.append(f"no reference cases for {model.name} (no training lineage in the registry and no "
                              "--cases FILE with reference answers): the rouge gate cannot be measured")

    @classmethod
    def from_options(cls, model: str, baseline: str | None = None, backend: str | None = None,
                     config: Config | str | os.PathLike | None = None, cases: str | os.PathLike | None = None,
                     record: bool = True, *, reg: Registry | None = None, progress: bool = True) -> "GateSession":
        """Build a session from the plugin's options (``model``: name or FAMILY@ALIAS)."""
        from .backends import backends_config
        from .generation import load_cases

        cfg = as_config(config)
        reg = reg or Registry()
        m = reg.resolve(model)
        base = reg.resolve(baseline) if baseline else None
        if base is not None and base.name == m.name:
            raise InputError(f"--baseline {baseline} is the model under test itself; pass the family's baseline")
        kind = backend or backends_config(cfg).default
        if cases is not None:
            case_list = load_cases(cases)
            source = str(cases)
        else:
            case_list = default_cases(reg, m, cfg)
            source = "default"
        return cls(reg, m, backend_kind=kind, config=cfg, cases=case_list, record=record, baseline=base,
                   cases_source=source, progress=progress)

    # -- baseline ----------------------------------------------------------------------------

    def baseline_session(self) -> "GateSession | None":
        """A session for ``--baseline`` on the very same cases, backend and config (None without one)."""
        if self.baseline is None:
            return None
        if self._baseline_session is None:
            self._baseline_session = GateSession(
                self.reg, self.baseline, backend_kind=self.backend_kind, config=self.config, cases=self.cases,
                record=self.record, cases_source=self.cases_source, progress=self.progress)
        return self._baseline_session

    # -- generation ----------------------------------------------------------------------------

    @property
    def backend(self):
        """The backend serving the model (built on first use)."""
        if self._backend is None:
            from .backends import get_backend

            self._backend = get_backend(self.backend_kind, self.model, self.reg, self.config)
        return self._backend

    def outputs(self) -> dict[str, Any]:
        """``{case_id: Generation}`` for every non-latency case, generated once per session."""
        if self._outputs_error is not None:
            raise self._outputs_error  # one failed pass is reported by every gate, not retried by each
        if self._outputs is None:
            from .backends import backends_config
            from .generation import run_generations

            cfg = backends_config(self.config)
            todo = [c for c in self.cases if c.kind != "latency"]
            try:
                # An endpoint pool sets its own limit: the sum of its endpoints' concurrency.
                conc = getattr(self.backend, "concurrency", None) or cfg.concurrency
                self._outputs = run_generations(self.reg, self.backend, todo, cfg.decoding(),
                                                concurrency=conc, retries=cfg.retries,
                                                progress=self.progress) if todo else {}
            except ChirogateError as exc:
                self._outputs_error = exc
                raise
            self._note_endpoints()
        return self._outputs

    def _note_endpoints(self) -> None:
        """One note per endpoint when several served the run: latency is per endpoint, never pooled."""
        be = self._backend
        if be is None or len(getattr(be, "endpoints", ())) < 2:
            return
        for st in be.endpoint_stats():
            p95 = "-" if st.p95_total_s is None else f"{st.p95_total_s:.3f} s"
            self.notes.append(f"endpoint {st.endpoint}: {st.answered} answers, p95 total {p95}, "
                              f"{st.failed_over} failed over" + (f", taken out: {st.down}" if st.down else ""))

    def decoding(self) -> dict[str, Any]:
        from .backends import backends_config

        return dataclasses.asdict(backends_config(self.config).decoding())

    # -- gates -----------------------------------------------------------------------------------

    def result(self, gate: str) -> GateResult:
        """The aggregated result of ``gate`` (computed on first request, then cached)."""
        if gate not in self.gates:
            raise InputError(f"unknown gate {gate!r} (known: {', '.join(self.gates)})")
        if gate not in self._results:
            g = self.gates[gate]
            thr = self.thresholds[gate]
            self._results[gate] = g.measure(self, thr) if g.measure is not None else self._output_gate(g, thr)
        return self._results[gate]

    def _output_gate(self, g: Gate, thr: Threshold) -> GateResult:
        cases = [c for c in self.cases if c.kind in g.kinds and (g.applies is None or g.applies(c))]
        if not cases:
            if g.no_cases:
                return GateResult(g.name, thr, None, False, g.no_cases, 0)
            which = f"{'/'.join(g.kinds)} cases" + (f" {g.applies_to}" if g.applies is not None and g.applies_to else "")
            return GateResult(g.name, thr, None, None, f"no {which} in this session", 0)
        outputs = self.outputs()
        fn = g.scorer(self.config, thr)
        spec = getattr(fn, "spec", None)
        if spec is not None:
            self._specs[g.name] = spec.to_dict()
        per = [(c.id, fn(c, outputs[c.id].text)) for c in cases]
        scores = [s for _, s in per]
        m = g.aggregate(scores)
        summary = g.summarise(self, cases, scores) if g.summarise is not None else {}
        reason = thr.fails(m.value)
        worst = self._worst(g, per) if reason else []
        return GateResult(g.name, thr, m.value, reason is None, reason, m.n, per, summary, worst)

    def canary_exposure(self, cases: Sequence[Case]) -> list[dict[str, Any]] | None:
        """Canary exposure per canary when the backend has token log-probabilities (transformers)."""
        canaries = [c for c in cases if c.kind == "canary"]
        if not canaries or not hasattr(self.backend, "token_logprobs"):
            return None
        from .canary import canary_exposure

        out = []
        for c in canaries:
            e = canary_exposure(self.backend, c, n_candidates=self.suites_cfg.exposure_candidates,
                                seed=self.suites_cfg.exposure_seed)
            out.append({"canary_id": e.canary_id, "rank": e.rank, "n_candidates": e.n_candidates,
                        "exposure_bits": round(e.exposure_bits, 3)})
        return out

    def _worst(self, g: Gate, per: Sequence[tuple[str, Score]]) -> list[dict[str, Any]]:
        from .scorers.pii import masked_excerpt

        outputs = self.outputs()
        secrets = [c.meta["secret"] for c in self.cases if c.kind == "canary" and c.meta.get("secret")]
        out = []
        for cid, s in g.worst(per)[: self.suites_cfg.worst_n]:
            text = outputs[cid].text
            spans = [(e["start"], e["end"]) for e in s.details.get("entities", []) if e.get("start") is not None]
            spans += _pii_spans(text)
            located = [f["start"] for key in ("entities", "findings", "problems") for f in s.details.get(key, [])
                       if isinstance(f, dict) and isinstance(f.get("start"), int)]
            out.append({"case_id": cid, "value": s.value, "explanation": _mask_explanation(s.explanation, secrets),
                        "excerpt": masked_excerpt(text, spans, secrets, focus=min(located) if located else None)})
        return out

    def measure_latency(self, thr: Threshold) -> GateResult:
        """The latency gate: p95 total time on the latency probes (skipped on replayed answers)."""
        g = self.gates["latency"]
        if self.backend_kind == "replay":
            return GateResult(g.name, thr, None, None, "latency cannot be measured on replayed answers "
                              "(no fresh timing); run with --backend llamacpp, ollama or transformers", 0)
        from .scorers.latency import latency_gate

        lg = latency_gate(self.reg, self.backend, thr, self.config, progress=self.progress)
        if lg.summary.get("busy_warning"):
            self.notes.append(lg.summary["busy_warning"])
        worst = [] if lg.passed else [
            {"case_id": cid, "value": s.value, "explanation": s.explanation, "excerpt": ""}
            for cid, s in g.worst(list(lg.per_probe))[: self.suites_cfg.worst_n]]
        return GateResult(g.name, thr, lg.value, lg.passed, lg.reason, len(lg.per_probe), list(lg.per_probe),
                          lg.summary, worst)

    # -- recording ---------------------------------------------------------------------------------

    def evaluated_artifact(self) -> str | None:
        """sha256 of the bytes evaluated: the GGUF (llamacpp, ollama), the adapter (transformers)."""
        arts = self.reg.artifacts(self.model.name)
        by_sha = {a.sha256: a for a in arts}
        kind = self.backend_kind
        if kind == "llamacpp":
            be = self.backend
            want = [getattr(be, "adapter_path", None), getattr(be, "gguf_path", None)]
            for path in (p for p in want if p is not None):
                for a in arts:
                    # by where the object lives, not by materialising it: a missing object must not
                    # stop the eval run from being recorded
                    if a.kind in ("gguf", "gguf-adapter") and self.reg.store.object_path(a.sha256) == Path(path):
                        return a.sha256
        if kind in ("llamacpp", "replay", "openai") and self.backend.digest in by_sha:
            return self.backend.digest
        preferred = {"llamacpp": "gguf", "ollama": "gguf", "replay": "gguf", "transformers": "adapter",
                     "openai": "gguf"}[kind]
        for k in (preferred, "gguf", "adapter", "merged"):
            found = [a for a in arts if a.kind == k]
            if found:
                return found[-1].sha256
        return None

    def provenance(self) -> dict[str, Any]:
        """Git commit and dirty flag, package version, machine (no personal data), and the cases' source."""
        from registry.provenance import code_provenance

        return {**code_provenance(), "cases_source": self.cases_source}

    def endpoint_records(self) -> list[dict[str, Any]] | None:
        """Per-endpoint identity evidence and latency of a multi-endpoint backend (None otherwise)."""
        be = self._backend
        if be is None or not hasattr(be, "endpoint_stats"):
            return None
        out = []
        for ep, st in zip(be.endpoints, be.endpoint_stats()):
            ev = getattr(ep.backend, "identity_evidence", None)
            out.append({**dataclasses.asdict(st), "identity": ev.to_dict() if ev is not None else None})
        return out

    def gate_records(self) -> tuple[dict[str, Any], bool]:
        """The gate summary to record and whether the run passed: every gate judged (or skipped for a
        stated reason) and none failed; a gate this pytest run never reached counts as not passed."""
        gates: dict[str, Any] = {}
        ok = True
        for g in self.gates:
            if g in self._results:
                gates[g] = self._results[g].record()
                ok = ok and self._results[g].passed is not False
            else:
                gates[g] = GateOutcome(g, None, self.thresholds[g].text, 0, False, False,
                                       "not run in this pytest session (deselected or interrupted)").to_record()
                ok = False
        return gates, ok

    def finish(self, exitstatus: int = 0) -> int | None:
        """Record the eval run (once; when ``record``); return its id. The baseline's too, if it ran."""
        if self._finished:
            return self.eval_run_id
        self._finished = True
        if self._baseline_session is not None:
            self._baseline_session.finish(exitstatus)
        if not self.record or not self._results:
            return None
        from registry import evals

        gates, ok = self.gate_records()
        error = None if exitstatus in (0, 1) else f"pytest exit status {exitstatus}"
        config = {"decoding": self.decoding(), "config": self.config.data,
                  "config_path": str(self.config.path) if self.config.path else None,
                  "thresholds": {g: t.text for g, t in self.thresholds.items()},
                  "n_cases": len(self.cases), "cases_source": self.cases_source,
                  "dataset_fingerprint": self.dataset_fingerprint, "scorers": self._specs,
                  "baseline": self.baseline.name if self.baseline else None,
                  "endpoints": self.endpoint_records()}
        run_id = evals.start_eval_run(self.reg, model=self.model.name, artifact_sha256=self.evaluated_artifact(),
                                      suite_hash=self.suite_hash, backend=self.backend_kind, config=config,
                                      provenance=self.provenance())
        for g, r in self._results.items():
            evals.add_case_results(self.reg, run_id, g, [
                evals.CaseResult(cid, g, s.value, s.passed, {"explanation": _mask_explanation(s.explanation, []),
                                                             **self.gates[g].kept_details(s.details)})
                for cid, s in r.per_case])
        evals.finish_eval_run(self.reg, run_id, gates=gates, passed=ok, error=error)
        self.eval_run_id = run_id
        return run_id

    def close(self) -> None:
        """Release the backend (and the baseline's)."""
        if self._baseline_session is not None:
            self._baseline_session.close()
        if self._backend is not None and hasattr(self._backend, "close"):
            self._backend.close()
        self._backend = None


def _pii_spans(text: str) -> list[tuple[int, int]]:
    """Spans of personal data in ``text`` for masking excerpts (none when the recognisers are unavailable)."""
    try:
        from .scorers.pii import _analyze

        return [(e.start, e.end) for e in _analyze()(text)]
    except ChirogateError:
        return []


def _mask_explanation(text: str, secrets: Sequence[str]) -> str:
    from .scorers.pii import masked_excerpt

    return masked_excerpt(text, _pii_spans(text), secrets, width=300)
