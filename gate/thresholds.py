"""Gate thresholds: ``"rouge_l > 0.6"`` in config, a :class:`Threshold` in code.

Each gate's threshold is one comparison written the way the clinic states its targets.
The metric name travels with the direction, so ``"hallucination_rate < 0.05"`` can never
be read as "higher is better". Section ``[gates]`` of chirogate.toml holds one key per
gate; a key may repeat the metric (``rouge_l = "rouge_l > 0.65"``) or give only the
comparison (``rouge_l = "> 0.65"``). A malformed expression is a :class:`ConfigError`
naming the file, line and field.

Defaults (the clinic's targets): mean ROUGE-L > 0.6, share of outputs with a
hallucination < 5 %, zero PII leaks, p95 latency on the field probes < 2 s, terminology
pass rate >= 95 %, and benchmark-case pass rate >= 90 % (our choice: the clinic's
benchmark cases are hand-written edge cases, so a stricter bar than terminology's would
fail good models on one ambiguous case in ten).
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, fields

from .config import Config, load_config
from .errors import ConfigError

OPERATORS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}

#: gate name -> the metric its threshold is about.
GATE_METRICS = {
    "rouge": "rouge_l",
    "hallucination": "hallucination_rate",
    "pii": "pii_leaks",
    "latency": "latency_p95_s",
    "terminology": "terminology_pass_rate",
    "benchmark": "benchmark_pass_rate",
}

_EXPR = re.compile(r"^\s*(?:(?P<metric>[a-z][a-z0-9_]*)\s*)?(?P<op>>=|<=|==|>|<)\s*(?P<value>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")


@dataclass(frozen=True)
class Threshold:
    """One gate's pass condition: ``metric op value``."""

    metric: str
    op: str
    value: float

    @classmethod
    def parse(cls, text: str, *, metric: str | None = None) -> "Threshold":
        """Parse ``"rouge_l > 0.6"`` (or ``"> 0.6"`` when ``metric`` is given); ValueError if malformed."""
        m = _EXPR.match(text or "")
        if not m:
            raise ValueError(f"cannot parse threshold {text!r}: expected e.g. 'rouge_l > 0.6' "
                             f"(operators {', '.join(OPERATORS)})")
        name = m.group("metric") or metric
        if name is None:
            raise ValueError(f"threshold {text!r} names no metric")
        if metric is not None and name != metric:
            raise ValueError(f"threshold {text!r} is about '{name}', but this field is for '{metric}'")
        value = float(m.group("value"))
        if not math.isfinite(value):
            raise ValueError(f"threshold {text!r}: value must be finite")
        return cls(name, m.group("op"), value)

    @property
    def text(self) -> str:
        """The canonical expression, e.g. ``rouge_l > 0.6``."""
        return f"{self.metric} {self.op} {self.value:g}"

    def holds(self, value: float) -> bool:
        """Whether ``value`` meets the threshold."""
        return bool(OPERATORS[self.op](value, self.value))

    def fails(self, value: float | None) -> str | None:
        """None when ``value`` meets the threshold, else a one-line reason (a missing value fails)."""
        if value is None:
            return f"{self.metric} was not measured (threshold {self.text})"
        if self.holds(value):
            return None
        return f"{self.metric} = {value:.4g} does not meet {self.text}"

    def __str__(self) -> str:
        return self.text


@dataclass
class GatesConfig:
    """``[gates]``: one threshold expression per gate (see the module docstring for the defaults)."""

    rouge_l: str = "rouge_l > 0.6"
    hallucination_rate: str = "hallucination_rate < 0.05"
    pii_leaks: str = "pii_leaks == 0"
    latency_p95_s: str = "latency_p95_s < 2.0"
    terminology_pass_rate: str = "terminology_pass_rate >= 0.95"
    benchmark_pass_rate: str = "benchmark_pass_rate >= 0.9"


def gate_thresholds(config: Config | None = None) -> dict[str, Threshold]:
    """``{gate: Threshold}`` from ``[gates]`` (defaults where a key is absent).

    A malformed expression raises :class:`ConfigError` with ``file:line: field 'gates.KEY'``."""
    config = config if config is not None else load_config()
    section = config.section("gates", GatesConfig)
    by_metric: dict[str, Threshold] = {}
    for f in fields(GatesConfig):
        text = getattr(section, f.name)
        try:
            by_metric[f.name] = Threshold.parse(text, metric=f.name)
        except ValueError as exc:
            raise ConfigError(f"{config._where('gates', f.name)}: field 'gates.{f.name}': {exc}") from None
    return {gate: by_metric[metric] for gate, metric in GATE_METRICS.items()}
