"""The one protocol every backend speaks.

``generate(messages, params) -> Generation``: ollama, llama.cpp, transformers and
replay all return the same measured record, so the runner, the cache and the
scorers never care which produced it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class DecodingParams:
    """Evaluation decoding: deterministic (greedy, fixed seed) unless a caller asks otherwise."""

    max_tokens: int = 256
    temperature: float = 0.0
    top_k: int = 1
    top_p: float = 1.0
    seed: int = 0
    stop: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.max_tokens < 1:
            raise ValueError(f"max_tokens must be >= 1, got {self.max_tokens}")
        if self.temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {self.temperature}")


@dataclass(frozen=True)
class Generation:
    """One model answer with its measurements."""

    text: str
    ttft_s: float | None
    """Seconds to the first token (None when the backend cannot tell, e.g. replay)."""
    total_s: float
    """Seconds for the whole request."""
    prompt_tokens: int | None
    completion_tokens: int | None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Backend-specific measurements, e.g. Ollama's load_duration, prompt_eval_duration,
    eval_duration (seconds), or ``cached: True`` when served from the generation cache."""


@runtime_checkable
class Backend(Protocol):
    """A model that can answer chat messages."""

    name: str
    """``ollama``, ``llamacpp``, ``transformers`` or ``replay``."""

    @property
    def digest(self) -> str:
        """Identity of the exact model bytes served (part of every cache key)."""
        ...

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams) -> Generation:
        """Answer ``messages`` with ``params``; raise :class:`gate.errors.BackendError` on failure."""
        ...
