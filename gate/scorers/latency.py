"""The latency gate: p95 request time on the latency probe set, judged by ``[gates] latency_p95_s``.

The measurement is the backends' (:func:`gate.latency.measure_latency`: warm-ups excluded,
cold load apart, no cache); ``[latency]`` chooses the probe set, warm-ups and token limit.
This module only turns the measurement into the gate's value and per-probe rows. The
threshold lives in ``[gates]`` with every other gate, so one section states all targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..thresholds import Threshold
from .base import Score


@dataclass(frozen=True)
class LatencyGate:
    """The latency gate's outcome."""

    value: float
    """p95 of the total request time (seconds) on the probe set."""
    passed: bool
    reason: str | None
    per_probe: list[tuple[str, Score]] = field(default_factory=list)
    """``(probe id, Score(total_s, total_s meets the threshold))``."""
    summary: dict[str, Any] = field(default_factory=dict)
    """Probe set, n, warm-up, p50/p95/max, ttft, tokens/s, cold load: what the report shows."""


def latency_gate(reg, backend, threshold: Threshold, config=None, *, progress: bool = False) -> LatencyGate:
    """Measure ``backend`` on the configured latency probes and judge p95 total time against ``threshold``."""
    from ..latency import measure_latency

    report = measure_latency(reg, backend, config=config, progress=progress)
    value = report.total_s.p95
    per = [(p["id"], Score(p["total_s"], threshold.holds(p["total_s"]),
                           f"{p['total_s']:.3f} s (ttft {p['ttft_s'] if p['ttft_s'] is None else round(p['ttft_s'], 3)} s)",
                           details={"ttft_s": p["ttft_s"], "completion_tokens": p["completion_tokens"]}))
           for p in report.per_probe]
    summary = {"probe_set": report.probe_set, "n": report.n, "warmup": report.warmup,
               "p50_total_s": report.total_s.p50, "p95_total_s": report.total_s.p95, "max_total_s": report.total_s.max,
               "p95_ttft_s": report.ttft_s.p95, "tokens_per_s": report.tokens_per_s,
               "cold_load_s": report.cold_load_s, "cold_load_source": report.cold_load_source,
               "conditions": report.conditions, "busy_warning": report.busy_warning}
    reason = threshold.fails(value)
    if reason:
        reason += f" on the '{report.probe_set}' probes ({report.n} requests, {report.backend})"
    return LatencyGate(value, reason is None, reason, per, summary)
