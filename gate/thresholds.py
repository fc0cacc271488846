"""Gate thresholds: ``"rouge_l > 0.6"`` in config, a :class:`Threshold` in code.

Each gate's threshold is one comparison written the way the clinic states its targets.
The metric name travels with the direction, so ``"hallucination_rate < 0.05"`` can never
be read as "higher is better". Section ``[gates]`` of chirogate.toml holds one key per
gate; a key may repeat the metric (``rouge_l = "rouge_l > 0.65"``) or give only the
comparison (``rouge_l = "> 0.65"``). A malformed expression is a :class:`ConfigError`
naming the file, line and field.

Defaults (the clinic's targets) live in each gate's record (:mod:`gate.gates`), e.g. mean
ROUGE-L > 0.6, share of outputs with a hallucination < 5 %, zero PII leaks, p95 latency on
the field probes < 2 s, terminology pass rate >= 95 %, and benchmark-case pass rate >= 90 %
(our choice: the clinic's benchmark cases are hand-written edge cases, so a stricter bar
than terminology's would fail good models on one ambiguous case in ten). A new gate, built
in or custom, brings its own default and its metric's key. :class:`Threshold` is the one place a value is
compared with a threshold.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass

from .config import Config, load_config
from .errors import ConfigError

OPERATORS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}

_EXPR = re.compile(r"^\s*(?:(?P<metric>[a-z][a-z0-9_]*)\s*)?(?P<op>>=|<=|==|>|<)\s*(?P<value>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")


@dataclass(frozen=True)
class Threshold:
    """One gate's pass condition: ``metric op value``."""

    metric: str
    op: str
    value: float

    def __post_init__(self) -> None:
        if self.op not in OPERATORS:
            raise ValueError(f"threshold operator {self.op!r} is not one of {', '.join(OPERATORS)}")

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


def __getattr__(name: str):
    # ``GATE_METRICS`` (gate -> metric) is derived from the built-in Gate records; computed on use
    # because gate.gates imports Threshold from here.
    if name == "GATE_METRICS":
        from .gates import BUILTIN_GATES

        return {g.name: g.metric for g in BUILTIN_GATES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def gate_thresholds(config: Config | None = None) -> dict[str, Threshold]:
    """``{gate: Threshold}`` for every gate (built-in and custom) from ``[gates]``: one key per metric,
    the gate's default threshold where the key is absent.

    A malformed expression raises :class:`ConfigError` with ``file:line: field 'gates.KEY'``; an
    unknown key is a warning."""
    import warnings

    from .gates import all_gates

    config = config if config is not None else load_config()
    raw = config.data.get("gates", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{config._where('gates', None)}: section [gates] must be a table")
    gates = all_gates(config)
    metrics = {g.metric for g in gates}
    for key in raw:
        if key not in metrics and key != "custom":
            warnings.warn(f"{config._where('gates', key)}: unknown key '{key}' in [gates] ignored", stacklevel=2)
    out: dict[str, Threshold] = {}
    for g in gates:
        text = raw.get(g.metric, g.threshold)
        try:
            if not isinstance(text, str):
                raise ValueError(f"expected a string like '{g.threshold}', got {text!r}")
            out[g.name] = Threshold.parse(text, metric=g.metric)
        except ValueError as exc:
            raise ConfigError(f"{config._where('gates', g.metric)}: field 'gates.{g.metric}': {exc}") from None
    return out
