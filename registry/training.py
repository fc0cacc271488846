"""Training-run records: what was trained, on what, with which settings, and how it went.

A run is started before training (status ``running``) and finished after it (``succeeded`` or
``failed``); each change is one transaction with its audit event. On success the candidate
model and its adapter are registered by the caller, and :func:`finish_run` links the run to them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .core import Registry, now
from .errors import InputError, NotFoundError

STATUSES = ("running", "succeeded", "failed")


@dataclass(frozen=True)
class TrainingRun:
    """One training run as recorded in the registry."""

    id: int
    model_name: str | None
    """The candidate model the run produces (registered only when it succeeds)."""
    model_id: int | None
    base_model: str | None
    dataset_fingerprint: str | None
    status: str
    config: dict[str, Any] = field(default_factory=dict)
    """The full training configuration (every LoRA/optimizer setting)."""
    versions: dict[str, str] = field(default_factory=dict)
    """Library versions (torch, transformers, peft, trl, ...)."""
    code_version: str | None = None
    loss_curve: list = field(default_factory=list)
    """``[[step, loss], ...]`` from the trainer's log."""
    metrics: dict[str, Any] = field(default_factory=dict)
    """Evaluation metrics (eval loss per evaluation, final train loss, ...)."""
    wall_s: float | None = None
    tokens_per_s: float | None = None
    adapter_sha256: str | None = None
    error: str | None = None
    started_at: str = ""
    finished_at: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "TrainingRun":
        d = {k: row.get(k) for k in cls.__dataclass_fields__}
        for k in ("config", "versions", "metrics"):
            d[k] = json.loads(d[k] or "{}")
        d["loss_curve"] = json.loads(d["loss_curve"] or "[]")
        return cls(**d)


def start_run(reg: Registry, *, model_name: str, base_model: str, dataset_fingerprint: str | None,
              config: dict[str, Any], versions: dict[str, str], code_version: str | None) -> int:
    """Record a new ``running`` training run and return its id.

    ``dataset_fingerprint`` must be a registered dataset (or None for an unregistered directory,
    whose fingerprint then lives in ``config``).
    """
    if dataset_fingerprint is not None and not reg.db["datasets"].count_where(
            "fingerprint = ?", [dataset_fingerprint]):
        raise NotFoundError(f"dataset {dataset_fingerprint} is not in the registry")
    with reg.transaction() as db:
        cur = db.execute(
            """INSERT INTO training_runs (model_name, base_model, dataset_fingerprint, status, config, versions,
                                          code_version, started_at)
               VALUES (?, ?, ?, 'running', ?, ?, ?, ?)""",
            [model_name, base_model, dataset_fingerprint, _j(config), _j(versions), code_version, now()])
        run_id = cur.lastrowid
        reg.record_event("training.start", model_name, {
            "run_id": run_id, "base_model": base_model, "dataset": dataset_fingerprint})
    return run_id


def finish_run(reg: Registry, run_id: int, *, status: str, loss_curve: list | None = None,
               metrics: dict[str, Any] | None = None, wall_s: float | None = None,
               tokens_per_s: float | None = None, adapter_sha256: str | None = None,
               error: str | None = None) -> TrainingRun:
    """Close run ``run_id`` as ``succeeded``, ``failed`` or ``interrupted`` (its process died; see
    :func:`close_dead_runs`), linking the model if it is registered."""
    if status not in ("succeeded", "failed", "interrupted"):
        raise InputError(f"invalid training run status {status!r}: expected succeeded, failed or interrupted")
    run = get_run(reg, run_id)
    if run.status != "running":
        raise InputError(f"training run {run_id} is already {run.status}")
    model_id = None
    if run.model_name and reg.db["models"].count_where("name = ?", [run.model_name]):
        model_id = reg.get_model(run.model_name).id
    with reg.transaction() as db:
        db.execute(
            """UPDATE training_runs SET status = ?, model_id = ?, loss_curve = ?, metrics = ?, wall_s = ?,
                      tokens_per_s = ?, adapter_sha256 = ?, error = ?, finished_at = ? WHERE id = ?""",
            [status, model_id, _j(loss_curve or []), _j(metrics or {}), wall_s, tokens_per_s, adapter_sha256,
             error, now(), run_id])
        reg.record_event(f"training.{'finish' if status == 'succeeded' else 'fail'}", run.model_name or "-", {
            "run_id": run_id, "status": status, "adapter_sha256": adapter_sha256, "wall_s": wall_s,
            "error": error})
    return get_run(reg, run_id)


def get_run(reg: Registry, run_id: int) -> TrainingRun:
    """Training run ``run_id``; :class:`NotFoundError` if there is none."""
    rows = list(reg.db.query("SELECT * FROM training_runs WHERE id = ?", [run_id]))
    if not rows:
        raise NotFoundError(f"unknown training run {run_id}")
    return TrainingRun.from_row(rows[0])


def runs_for_model(reg: Registry, model_name: str) -> list[TrainingRun]:
    """Every training run aimed at ``model_name``, oldest first."""
    rows = reg.db.query("SELECT * FROM training_runs WHERE model_name = ? ORDER BY id", [model_name])
    return [TrainingRun.from_row(r) for r in rows]


def _j(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def process_marker() -> dict[str, Any]:
    """Who runs a training run (host and pid), kept in its config so a later start can tell
    whether the process that left it ``running`` is still alive."""
    import os
    import socket

    return {"host": socket.gethostname(), "pid": os.getpid()}


def close_dead_runs(reg: Registry) -> list[int]:
    """Mark ``interrupted`` every ``running`` run of this host whose process no longer exists (killed
    with -9, the machine lost power): without this it would stay ``running`` forever. Runs of other
    hosts, or without a marker, are left alone. Returns the ids closed."""
    import os

    here = process_marker()["host"]
    closed = []
    for row in list(reg.db.query("SELECT id, config FROM training_runs WHERE status = 'running' ORDER BY id")):
        proc = json.loads(row["config"] or "{}").get("process") or {}
        pid = proc.get("pid")
        if proc.get("host") != here or not isinstance(pid, int) or pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # alive (or alive under another user)
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        try:
            finish_run(reg, row["id"], status="interrupted", error="the training process died (found on a later start)")
            closed.append(row["id"])
        except InputError:
            pass  # closed meanwhile by another process
    return closed
