"""Latency: how fast a model answers the prompts the clinic's CRM really sends.

Two probe sets, kept apart because they answer different questions: ``fields``
(short field prompts the CRM autocompletes while a clinician types; the gate's
default, p95 total time < 2 s) and ``soap`` (whole SOAP notes). The first
``warmup`` requests are sent and thrown away; cold load is reported on its own
(llama.cpp / transformers: the first in-process load; Ollama: ``load_duration``
of the first request), never mixed into the percentiles.

Latency probes are never served from, or written to, the generation cache: a
cached answer has no fresh timing. :func:`measure_latency` calls the backend
directly, one request at a time (what one clinician waiting sees); the replay
backend is refused for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry import Registry

from .backends.base import Backend, DecodingParams, Generation
from .cases import Case
from .config import Config, load_config
from .errors import BackendError, InputError
from .thresholds import Threshold

PROBE_SETS = {"fields": "latency_fields.jsonl", "soap": "latency_soap.jsonl"}
METRICS = ("p50_total_s", "p95_total_s", "max_total_s", "p50_ttft_s", "p95_ttft_s", "max_ttft_s")
DEFAULT_PROBES_DIR = Path(__file__).resolve().parent.parent / "suites" / "probes"


@dataclass
class LatencyConfig:
    """``[latency]``: the latency gate's metric, probe set and threshold."""

    metric: str = "p95_total_s"
    """One of p50/p95/max of total_s or ttft_s (seconds)."""
    probe_set: str = "fields"
    """``fields`` (short CRM field prompts) or ``soap`` (full notes)."""
    threshold_s: float = 2.0
    """The gate passes when the metric is below this many seconds."""
    warmup: int = 2
    """Requests sent first and excluded from the statistics."""
    max_tokens: int = 0
    """Override every probe's max_tokens (0 = each probe's own)."""
    probes_dir: str = ""
    """Directory with latency_<set>.jsonl (empty = the repository's suites/probes)."""

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ValueError(f"field 'metric' must be one of {', '.join(METRICS)}, got {self.metric!r}")
        if self.probe_set not in PROBE_SETS:
            raise ValueError(f"field 'probe_set' must be one of {', '.join(PROBE_SETS)}, got {self.probe_set!r}")
        if self.threshold_s <= 0:
            raise ValueError(f"field 'threshold_s' must be > 0, got {self.threshold_s}")
        if self.warmup < 0:
            raise ValueError(f"field 'warmup' must be >= 0, got {self.warmup}")
        if self.max_tokens < 0:
            raise ValueError(f"field 'max_tokens' must be >= 0, got {self.max_tokens}")


@dataclass(frozen=True)
class Stats:
    """p50, p95 and max of a list of seconds (linear interpolation between ranks, like numpy)."""

    p50: float
    p95: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> "Stats":
        return cls(percentile(values, 50), percentile(values, 95), max(values))


@dataclass(frozen=True)
class LatencyReport:
    """One latency measurement of one model on one probe set."""

    backend: str
    model_digest: str
    probe_set: str
    n: int
    """Measured requests (warm-up excluded)."""
    warmup: int
    total_s: Stats
    ttft_s: Stats
    tokens_per_s: float | None
    """Decode speed: generated tokens after the first, per second after the first token."""
    cold_load_s: float | None
    """Model load time, measured apart from the percentiles (None when not observable)."""
    cold_load_source: str
    metric: str
    value: float
    threshold_s: float
    passed: bool
    per_probe: list[dict[str, Any]] = field(default_factory=list)
    """``{"id", "total_s", "ttft_s", "completion_tokens"}`` per measured request (no text: no personal data)."""
    conditions: dict[str, Any] = field(default_factory=dict)
    """Load and thread settings the numbers were measured under (see :func:`machine_conditions`)."""

    @property
    def busy_warning(self) -> str | None:
        """A one-line warning when the machine was busy while measuring (None when it was not)."""
        c = self.conditions
        if not c.get("busy"):
            return None
        return (f"the machine was busy while latency was measured (1-minute load average {c['load_1m_before']:.2f} "
                f"on {c['cpus']} CPUs): these numbers measure the neighbours too; measure on a dedicated server")

    def fails(self) -> str | None:
        """A one-line reason when the gate fails, else None."""
        if self.passed:
            return None
        return (f"latency {self.metric} = {self.value:.3f} s on the '{self.probe_set}' probes "
                f"({self.n} requests, {self.backend}) is not below {self.threshold_s:g} s")


BUSY_LOAD_PER_CPU = 0.5
"""A 1-minute load average above this share of the CPUs, before measuring, marks the machine busy
(measured here: a p95 of 0.026 s became 0.483 s while other jobs used the CPU)."""


def machine_conditions(backend: Backend) -> dict[str, Any]:
    """The load and thread settings a latency number depends on: CPUs, 1-minute load average, the
    OpenMP settings (``OMP_NUM_THREADS``, ``OMP_WAIT_POLICY``: a passive wait policy cut one in-process
    run from ~25 s to ~7 s here), the backend's thread count, and where the model runs (in this
    process, or the server endpoints)."""
    import os

    cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # not on every platform
        load = None
    members = [ep.backend for ep in getattr(backend, "endpoints", [])] or [backend]
    urls = [u for u in (getattr(b, "base_url", None) or getattr(b, "host", None) for b in members) if u]
    return {"cpus": cpus, "load_1m_before": load,
            "busy": load is not None and load > BUSY_LOAD_PER_CPU * cpus,
            "omp_num_threads": os.environ.get("OMP_NUM_THREADS"), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
            "backend_threads": getattr(backend, "n_threads", None),
            "runs_in": "server" if urls else "this process", "endpoints": urls}


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile with linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency_config(config: Config | None = None) -> LatencyConfig:
    """The ``[latency]`` section (defaults: p95 total time on the field prompts < 2 s, 2 warm-ups)."""
    return (config if config is not None else load_config()).section("latency", LatencyConfig)


def load_probes(probe_set: str, probes_dir: str | Path | None = None) -> list[Case]:
    """The latency probes of ``probe_set`` (``fields`` or ``soap``) as cases of kind ``latency``."""
    from .generation import load_cases

    if probe_set not in PROBE_SETS:
        raise InputError(f"unknown latency probe set {probe_set!r}: expected one of {', '.join(PROBE_SETS)}")
    path = Path(probes_dir or DEFAULT_PROBES_DIR) / PROBE_SETS[probe_set]
    return load_cases(path, default_kind="latency")


def measure_latency(reg: Registry | None, backend: Backend, *, config: LatencyConfig | Config | None = None,
                    probe_set: str | None = None, warmup: int | None = None, params: DecodingParams | None = None,
                    cases: Sequence[Case] | None = None, timeout_s: float | None = None,
                    progress: bool = False) -> LatencyReport:
    """Measure ``backend`` on a probe set and judge it against the configured threshold.

    ``config`` is a :class:`LatencyConfig` (or a :class:`Config` to read ``[latency]`` from);
    ``probe_set``/``warmup`` override it; ``cases`` replaces the probe file. Requests go one at
    a time, straight to the backend: nothing is read from or written to the generation cache
    (``reg`` is accepted for symmetry with the runner and is not written to).
    """
    if isinstance(config, LatencyConfig):
        cfg = config
    else:
        cfg = latency_config(config)
    if getattr(backend, "name", "") == "replay":
        raise BackendError("latency cannot be measured with the replay backend (recorded answers have no fresh "
                           "timing); use ollama, llamacpp or transformers")
    probe_set = probe_set or cfg.probe_set
    warmup = cfg.warmup if warmup is None else warmup
    probes = list(cases) if cases is not None else load_probes(probe_set, cfg.probes_dir or None)
    if not probes:
        raise InputError(f"latency probe set '{probe_set}' is empty")
    base = params or DecodingParams()
    loaded_before = getattr(backend, "load_s", None)
    conditions = machine_conditions(backend)

    def run(case: Case) -> Generation:
        mt = cfg.max_tokens or case.max_tokens or base.max_tokens
        p = DecodingParams(max_tokens=mt, temperature=base.temperature, top_k=base.top_k, top_p=base.top_p,
                           seed=base.seed, stop=base.stop)
        kwargs = {"timeout_s": timeout_s} if timeout_s is not None else {}
        return backend.generate(case.messages, p, **kwargs)

    first: Generation | None = None
    for i in range(warmup):
        g = run(probes[i % len(probes)])
        first = first or g
    measured: list[tuple[Case, Generation]] = []
    bar = _bar(len(probes), progress, backend.name)
    try:
        for case in probes:
            g = run(case)
            first = first or g
            measured.append((case, g))
            bar.update(1)
    finally:
        bar.close()
    totals = [g.total_s for _, g in measured]
    ttfts = [g.ttft_s if g.ttft_s is not None else g.total_s for _, g in measured]
    decode_tokens = sum(max((g.completion_tokens or 0) - 1, 0) for _, g in measured)
    decode_time = sum(max(g.total_s - (g.ttft_s or 0.0), 0.0) for _, g in measured)
    cold, source = _cold_load(backend, first, loaded_before)
    try:
        import os

        conditions["load_1m_after"] = os.getloadavg()[0]
    except OSError:
        pass
    total_stats, ttft_stats = Stats.of(totals), Stats.of(ttfts)
    kind, _, what = cfg.metric.partition("_")
    stats = total_stats if what == "total_s" else ttft_stats
    value = getattr(stats, kind)
    return LatencyReport(
        backend=backend.name, model_digest=backend.digest, probe_set=probe_set, n=len(measured), warmup=warmup,
        total_s=total_stats, ttft_s=ttft_stats,
        tokens_per_s=decode_tokens / decode_time if decode_time > 0 and decode_tokens else None,
        cold_load_s=cold, cold_load_source=source, metric=cfg.metric, value=value, threshold_s=cfg.threshold_s,
        passed=Threshold(cfg.metric, "<", cfg.threshold_s).holds(value),
        per_probe=[{"id": c.id, "total_s": g.total_s, "ttft_s": g.ttft_s, "completion_tokens": g.completion_tokens}
                   for c, g in measured], conditions=conditions)


def _cold_load(backend: Backend, first: Generation | None, loaded_before: float | None) -> tuple[float | None, str]:
    load_s = getattr(backend, "load_s", None)
    if load_s is not None:
        how = "in-process model load" + (" (loaded before the measurement)" if loaded_before is not None else "")
        return load_s, how
    if first is not None and "load_s" in first.meta:
        return first.meta["load_s"], "ollama load_duration of the first request"
    return None, "not observable"


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, enabled: bool, name: str):
    if not enabled:
        return _NoBar()
    import sys

    from tqdm import tqdm

    return tqdm(total=total, desc=f"latency ({name})", unit="probe", file=sys.stderr, leave=False,
                disable=None)  # None: off when not a terminal
