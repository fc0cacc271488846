"""Evaluation cases: what the gate asks a model, and what it knows about the answer.

A :class:`Case` crosses every module boundary of the gate (loaders, backends,
runner, scorers, suites, review), so it is a plain frozen data class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CASE_KINDS = ("reference", "abstention", "canary", "latency", "benchmark")


@dataclass(frozen=True)
class Case:
    """One evaluation case."""

    id: str
    """Stable id, unique within a suite run (e.g. ``test:0042`` or ``probe:abstain-07``)."""
    messages: tuple[dict[str, str], ...]
    """Chat messages sent to the model (system and user turns; no assistant answer)."""
    kind: str = "reference"
    """``reference`` (has a reference answer), ``abstention`` (input without findings),
    ``canary`` (memorization probe), ``latency`` (timing probe), ``benchmark`` (clinic case)."""
    reference: str | None = None
    """The reference answer, when the case has one (ROUGE is computed against it)."""
    doc_type: str | None = None
    """``soap``, ``letter``, ``sick_leave``, ``message`` or None when unknown."""
    region: str | None = None
    """Body region (``neck``, ``low_back``, ...), when known."""
    max_tokens: int | None = None
    """Per-case generation limit; None means the configured default."""
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Anything else a scorer needs (canary secret, benchmark keywords, probe set name)."""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a case needs an id")
        if self.kind not in CASE_KINDS:
            raise ValueError(f"case {self.id}: unknown kind {self.kind!r}")
        object.__setattr__(self, "messages", tuple(dict(m) for m in self.messages))

    @property
    def prompt(self) -> str:
        """The user turns joined: the input every fact in an output must be supported by."""
        return "\n".join(m["content"] for m in self.messages if m.get("role") == "user")

    @property
    def system_prompt(self) -> str | None:
        for m in self.messages:
            if m.get("role") == "system":
                return m["content"]
        return None
