"""Eval-run records: which model bytes were gated, under which suites, and how each gate went.

A run is started when a gate session begins (status ``running``), gets its per-case
results gate by gate, and is finished once with the gate summary (``passed`` or
``failed``; ``error`` when the session broke before every gate was judged). Each state
change is one transaction with its audit event, so a crash leaves a ``running`` row, never
half a summary. Tables ``eval_runs`` and ``case_results`` are created by m001.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .core import Registry, now
from .errors import InputError, NotFoundError

STATUSES = ("running", "passed", "failed", "error")


@dataclass(frozen=True)
class EvalRun:
    """One eval run as recorded."""

    id: int
    model: str
    artifact_sha256: str | None
    """sha256 of the bytes evaluated (GGUF for llamacpp/ollama, adapter for transformers)."""
    suite_hash: str
    backend: str
    status: str
    passed: bool | None
    gates: dict[str, Any] = field(default_factory=dict)
    """gate -> ``{"measured", "threshold", "passed", "n", ...}``."""
    config: dict[str, Any] = field(default_factory=dict)
    """``{"decoding": {...}, "config": {full chirogate.toml}, "thresholds": {...}, ...}``."""
    provenance: dict[str, Any] = field(default_factory=dict)
    started_at: str = ""
    finished_at: str | None = None


@dataclass(frozen=True)
class CaseResult:
    """One case's result under one gate."""

    case_id: str
    gate: str
    value: float | None
    passed: bool | None
    details: dict[str, Any] = field(default_factory=dict)


def _j(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _run_from_row(row: dict) -> EvalRun:
    return EvalRun(row["id"], row["model"], row["artifact_sha256"], row["suite_hash"], row["backend"], row["status"],
                   None if row["passed"] is None else bool(row["passed"]), json.loads(row["gates"] or "{}"),
                   json.loads(row["config"] or "{}"), json.loads(row["provenance"] or "{}"), row["started_at"],
                   row["finished_at"])


def start_eval_run(reg: Registry, *, model: str, artifact_sha256: str | None, suite_hash: str, backend: str,
                   config: dict[str, Any], provenance: dict[str, Any]) -> int:
    """Record a ``running`` eval run of registered ``model``; return its id."""
    m = reg.get_model(model)
    with reg.transaction() as db:
        run_id = db.execute(
            """INSERT INTO eval_runs (model_id, artifact_sha256, suite_hash, backend, status, passed, gates, config,
                                      provenance, started_at) VALUES (?, ?, ?, ?, 'running', NULL, '{}', ?, ?, ?)""",
            [m.id, artifact_sha256, suite_hash, backend, _j(config), _j(provenance), now()]).lastrowid
        reg.record_event("eval.start", m.name, {"eval_run_id": run_id, "artifact_sha256": artifact_sha256,
                                                 "suite_hash": suite_hash, "backend": backend})
    return run_id


def add_case_results(reg: Registry, run_id: int, gate: str, results: Iterable[CaseResult]) -> int:
    """Store the per-case results of ``gate`` for a running eval run (one transaction); return how many."""
    run = get_eval_run(reg, run_id)
    if run.status != "running":
        raise InputError(f"eval run {run_id} is already {run.status}: no more results can be added")
    rows = [[run_id, r.case_id, gate, r.value, None if r.passed is None else int(r.passed), _j(r.details)]
            for r in results]
    with reg.transaction() as db:
        db.conn.executemany("INSERT INTO case_results (eval_run_id, case_id, gate, value, passed, details) "
                       "VALUES (?, ?, ?, ?, ?, ?)", rows)
        reg.record_event("eval.results", run.model, {"eval_run_id": run_id, "gate": gate, "n": len(rows)})
    return len(rows)


def finish_eval_run(reg: Registry, run_id: int, *, gates: dict[str, Any], passed: bool,
                    error: str | None = None) -> EvalRun:
    """Close a running eval run: ``passed`` / ``failed``, or ``error`` when ``error`` is given (never passed)."""
    run = get_eval_run(reg, run_id)
    if run.status != "running":
        raise InputError(f"eval run {run_id} is already {run.status}")
    status = "error" if error else ("passed" if passed else "failed")
    ok = bool(passed) and not error
    from .chain import stored_results_hash

    with reg.transaction() as db:
        db.execute("UPDATE eval_runs SET status = ?, passed = ?, gates = ?, finished_at = ? WHERE id = ?",
                   [status, int(ok), _j(gates), now(), run_id])
        # The evidence is bound in the chained audit log: editing a result or the verdict later shows.
        results_hash = stored_results_hash(db.conn, run_id)
        db.execute("UPDATE eval_runs SET results_hash = ? WHERE id = ?", [results_hash, run_id])
        reg.record_event("eval.finish", run.model, {
            "eval_run_id": run_id, "status": status, "passed": ok, "error": error, "results_hash": results_hash,
            "failed_gates": sorted(g for g, v in gates.items() if isinstance(v, dict) and v.get("passed") is False)})
    return get_eval_run(reg, run_id)


def get_eval_run(reg: Registry, run_id: int) -> EvalRun:
    """Eval run ``run_id``; :class:`NotFoundError` if there is none."""
    rows = list(reg.db.query("SELECT r.*, m.name AS model FROM eval_runs r JOIN models m ON m.id = r.model_id "
                             "WHERE r.id = ?", [run_id]))
    if not rows:
        raise NotFoundError(f"unknown eval run id {run_id}")
    return _run_from_row(rows[0])


def latest_eval_run(reg: Registry, model: str, suite_hash: str | None = None, *,
                    artifact_sha256: str | None = None, backend: str | None = None) -> EvalRun | None:
    """The newest *finished* eval run of ``model`` (name or FAMILY@ALIAS), optionally under
    ``suite_hash`` / on ``artifact_sha256`` / with ``backend``; None if there is none."""
    m = reg.resolve(model)
    where, args = ["r.model_id = ?", "r.finished_at IS NOT NULL"], [m.id]
    for col, val in (("suite_hash", suite_hash), ("artifact_sha256", artifact_sha256), ("backend", backend)):
        if val is not None:
            where.append(f"r.{col} = ?")
            args.append(val)
    rows = list(reg.db.query(f"SELECT r.*, m.name AS model FROM eval_runs r JOIN models m ON m.id = r.model_id "
                             f"WHERE {' AND '.join(where)} ORDER BY r.id DESC LIMIT 1", args))
    return _run_from_row(rows[0]) if rows else None


def report_eval_run(reg: Registry, model: str, prefer_artifact_sha256: str | None) -> EvalRun | None:
    """The eval run a report shows for ``model``: its newest finished run on ``prefer_artifact_sha256``
    (the current GGUF), else its newest finished run on any bytes; None without a finished run."""
    m = reg.resolve(model)
    rows = list(reg.db.query(
        "SELECT r.*, m.name AS model FROM eval_runs r JOIN models m ON m.id = r.model_id "
        "WHERE r.model_id = ? AND r.finished_at IS NOT NULL "
        "ORDER BY (r.artifact_sha256 IS ?) DESC, r.id DESC LIMIT 1", [m.id, prefer_artifact_sha256]))
    return _run_from_row(rows[0]) if rows else None


def eval_runs(reg: Registry, model: str | None = None) -> list[EvalRun]:
    """Every eval run (of ``model``), oldest first."""
    sql = "SELECT r.*, m.name AS model FROM eval_runs r JOIN models m ON m.id = r.model_id"
    args: list[Any] = []
    if model is not None:
        sql += " WHERE r.model_id = ?"
        args.append(reg.resolve(model).id)
    return [_run_from_row(r) for r in reg.db.query(sql + " ORDER BY r.id", args)]


def case_results(reg: Registry, run_id: int, gate: str | None = None) -> list[CaseResult]:
    """The per-case results of an eval run (of one ``gate``), in insertion order."""
    sql = "SELECT case_id, gate, value, passed, details FROM case_results WHERE eval_run_id = ?"
    args: list[Any] = [run_id]
    if gate is not None:
        sql += " AND gate = ?"
        args.append(gate)
    return [CaseResult(r["case_id"], r["gate"], r["value"], None if r["passed"] is None else bool(r["passed"]),
                       json.loads(r["details"] or "{}")) for r in reg.db.query(sql + " ORDER BY id", args)]


def evidence_problem(reg: Registry, run_id: int) -> str | None:
    """Why eval run ``run_id``'s stored results cannot be trusted, or None: they must hash to the
    value bound in its chained ``eval.finish`` event."""
    from .chain import stored_results_hash

    bound = [e.payload.get("results_hash") for e in reg.events(action="eval.finish")
             if e.payload.get("eval_run_id") == run_id]
    if not bound or not bound[-1]:
        return (f"eval run {run_id} has no results hash in the audit log (recorded before evidence was bound, "
                "or its eval.finish event is gone): run the suites again")
    if stored_results_hash(reg.db.conn, run_id) != bound[-1]:
        return (f"eval run {run_id}'s stored gate or case results were changed after it was recorded "
                "(see: chirogate registry verify)")
    return None
