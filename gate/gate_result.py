"""The typed result of one gate in a recorded eval run, and the one function that reads it.

The eval run stores each gate's result as a flat JSON object (``measured``, ``threshold``,
``passed``, ``skipped``, ``reason``, ``n``, ``worst`` and the gate's own figures), with a
``version`` field since version 2. Report, policy, compare and demo read it only through
:func:`gate_outcomes`, which also reads the shape of runs recorded before the field existed
(version 1: no ``version`` key; a bare boolean or a few alternative key names in very old
rows), so an old registry stays readable without a migration.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

#: The version written by this code.
RESULT_VERSION = 2

_CORE = ("version", "measured", "threshold", "passed", "skipped", "reason", "n", "worst")


@dataclass(frozen=True)
class WorstCase:
    """One of a failed gate's worst cases, as recorded (the explanation is masked)."""

    case_id: str
    value: float | None
    explanation: str


@dataclass(frozen=True)
class GateOutcome:
    """One gate's recorded result."""

    gate: str
    value: float | None
    """The measured value of the gate's metric (None: not measured)."""
    threshold: str | None
    """The threshold expression it was judged against (``rouge_l > 0.6``)."""
    n: int
    """Cases (or probes) that counted."""
    passed: bool | None
    """True / False; None when skipped or when an old record does not say."""
    skipped: bool = False
    """Not judged, for the stated ``reason`` (e.g. latency on replayed answers)."""
    reason: str | None = None
    """Why it failed or was skipped."""
    worst: tuple[WorstCase, ...] = ()
    """The worst cases of a failed gate, worst first."""
    summary: dict[str, Any] = field(default_factory=dict)
    """The gate's own figures (a CI, counts, canary exposure, per-category pass rates)."""
    version: int = RESULT_VERSION
    """The record's shape: 2 = this one; 1 = written before the version field."""

    @property
    def measured(self) -> bool:
        """Judged on a value (not skipped, not missing)."""
        return not self.skipped and self.passed is not None

    def to_record(self) -> dict[str, Any]:
        """The flat JSON object the eval run stores."""
        return {"version": RESULT_VERSION, "measured": self.value, "threshold": self.threshold,
                "passed": self.passed, "skipped": self.skipped, "reason": self.reason, "n": self.n,
                **{k: v for k, v in self.summary.items() if k not in _CORE},
                "worst": [{"case_id": w.case_id, "value": w.value, "explanation": w.explanation}
                          for w in self.worst]}

    @classmethod
    def from_record(cls, gate: str, raw: Any) -> "GateOutcome":
        """Read one stored gate entry of either version (see the module docstring)."""
        if isinstance(raw, bool):
            return cls(gate, None, None, 0, raw, version=1)
        if not isinstance(raw, dict):
            return cls(gate, None, None, 0, None, version=1)
        version = raw.get("version") if isinstance(raw.get("version"), int) else 1
        keys = ("measured",) if version >= 2 else ("measured", "value", "metric_value", "rate", "mean")
        value = next((float(raw[k]) for k in keys if _number(raw.get(k))), None)
        thr = raw.get("threshold")
        if isinstance(thr, dict):
            thr = thr.get("expression") or thr.get("text") or json.dumps(thr, sort_keys=True)
        passed = raw.get("passed") if isinstance(raw.get("passed"), bool) else None
        n = raw.get("n") if isinstance(raw.get("n"), int) and not isinstance(raw.get("n"), bool) else 0
        worst = tuple(WorstCase(str(w.get("case_id")), w.get("value") if _number(w.get("value")) else None,
                                str(w.get("explanation") or ""))
                      for w in raw.get("worst") or [] if isinstance(w, dict))
        summary = {k: v for k, v in raw.items() if k not in _CORE}
        return cls(gate, value, None if thr is None else str(thr), n, passed, bool(raw.get("skipped")),
                   raw.get("reason") if isinstance(raw.get("reason"), str) else None, worst, summary, version)


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def gate_outcomes(gates: Any) -> dict[str, GateOutcome]:
    """``{gate: GateOutcome}`` from an eval run's stored gate summary (``EvalRun.gates``), any version."""
    if not isinstance(gates, dict):
        return {}
    return {g: GateOutcome.from_record(g, v) for g, v in gates.items()}
