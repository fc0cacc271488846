"""A/B comparison records: which candidate was compared with which baseline, on what, and the verdict.

Rows live in the ``comparisons`` table (migration m001). A comparison is written once,
in one transaction with its audit event (``comparison.record``), and never edited: a
new comparison is a new row. The statistics are stored as the canonical JSON the gate
computed, so a report can show them without recomputing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .core import Registry, now
from .errors import InputError, NotFoundError

VERDICTS = ("promote", "hold", "reject")


@dataclass(frozen=True)
class ComparisonRecord:
    """One recorded A/B comparison."""

    id: int
    candidate: str
    """Candidate model name."""
    baseline: str
    """Baseline model name."""
    suite_hash: str
    """Suite hash both eval runs were made under."""
    candidate_run_id: int | None
    baseline_run_id: int | None
    verdict: str
    """``promote``, ``hold`` or ``reject``."""
    reasons: list[str]
    """Why, one sentence each."""
    stats: dict[str, Any]
    """The paired statistics (ROUGE-L CI, Wilcoxon, McNemar per gate, win/tie/loss, latency)."""
    created_at: str


def record_comparison(reg: Registry, *, candidate: str, baseline: str, suite_hash: str,
                      candidate_run_id: int | None, baseline_run_id: int | None, verdict: str,
                      reasons: list[str], stats: dict[str, Any], actor: str | None = None) -> ComparisonRecord:
    """Write one comparison and its audit event in one transaction; return the stored record."""
    if verdict not in VERDICTS:
        raise InputError(f"invalid verdict {verdict!r}: expected one of {', '.join(VERDICTS)}")
    cand = reg.get_model(candidate)
    base = reg.get_model(baseline)
    with reg.transaction() as db:
        cur = db.execute(
            """INSERT INTO comparisons (candidate_id, baseline_id, suite_hash, candidate_run_id, baseline_run_id,
                                        verdict, reasons, stats, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [cand.id, base.id, suite_hash, candidate_run_id, baseline_run_id, verdict,
             json.dumps(list(reasons), ensure_ascii=False), json.dumps(stats, sort_keys=True, ensure_ascii=False),
             now()],
        )
        comp_id = cur.lastrowid
        reg.record_event("comparison.record", candidate, {
            "comparison_id": comp_id, "baseline": baseline, "suite_hash": suite_hash, "verdict": verdict,
            "candidate_run_id": candidate_run_id, "baseline_run_id": baseline_run_id,
        }, actor)
    return get_comparison(reg, comp_id)


_SELECT = """SELECT c.*, mc.name AS candidate, mb.name AS baseline FROM comparisons c
             JOIN models mc ON mc.id = c.candidate_id JOIN models mb ON mb.id = c.baseline_id"""


def _from_row(row: dict) -> ComparisonRecord:
    return ComparisonRecord(row["id"], row["candidate"], row["baseline"], row["suite_hash"],
                            row["candidate_run_id"], row["baseline_run_id"], row["verdict"],
                            json.loads(row["reasons"] or "[]"), json.loads(row["stats"] or "{}"),
                            row["created_at"])


def get_comparison(reg: Registry, comparison_id: int) -> ComparisonRecord:
    """The comparison with this id; :class:`NotFoundError` if there is none."""
    rows = list(reg.db.query(_SELECT + " WHERE c.id = ?", [comparison_id]))
    if not rows:
        raise NotFoundError(f"unknown comparison id {comparison_id}")
    return _from_row(rows[0])


def latest_comparison(reg: Registry, candidate: str, *, baseline: str | None = None,
                      suite_hash: str | None = None) -> ComparisonRecord | None:
    """The newest comparison of ``candidate`` (against ``baseline``, under ``suite_hash``), or None."""
    where, args = ["mc.name = ?"], [candidate]
    if baseline is not None:
        where.append("mb.name = ?")
        args.append(baseline)
    if suite_hash is not None:
        where.append("c.suite_hash = ?")
        args.append(suite_hash)
    rows = list(reg.db.query(_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY c.id DESC LIMIT 1", args))
    return _from_row(rows[0]) if rows else None


def list_comparisons(reg: Registry, model: str | None = None) -> list[ComparisonRecord]:
    """All comparisons, oldest first, optionally those where ``model`` is either side."""
    if model is None:
        rows = reg.db.query(_SELECT + " ORDER BY c.id")
    else:
        rows = reg.db.query(_SELECT + " WHERE mc.name = ? OR mb.name = ? ORDER BY c.id", [model, model])
    return [_from_row(r) for r in rows]
