"""What a scorer returns: a typed Score, never a bare float.

An output that cannot be scored (no reference for ROUGE, say) is *unscored*
(``value is None``) and counted as such by the suites, never silently 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Score:
    """The result of one scorer on one case."""

    value: float | None
    """The measured value (ROUGE-L F1, 1.0/0.0 for a pass/fail check); None = unscored."""
    passed: bool | None
    """Whether this case passes this scorer's per-case check; None when unscored."""
    explanation: str = ""
    """One line a person can read: why it passed or failed."""
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Structured findings (e.g. the hallucinated facts, the PII entities, with offsets)."""

    @property
    def scored(self) -> bool:
        return self.value is not None
