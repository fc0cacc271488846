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


# ---- shared helpers for the backends in this package (additions; the protocol above is fixed) ----


class TransientBackendError(Exception):
    """Marker mixed into a :class:`gate.errors.BackendError` that a retry may cure (timeout,
    connection refused, broken stream). Model-missing or invalid-output errors are not transient."""


def with_system_prompt(messages: Sequence[dict[str, str]], system_prompt: str | None) -> list[dict[str, str]]:
    """``messages`` with ``system_prompt`` prepended as the system turn when they have none.

    A baseline model is base model + system prompt: prepending it here, in the backend, means
    both sides of an A/B see the same cases and only the model differs. A case that brings its
    own system turn keeps it (the case author chose it on purpose).
    """
    msgs = [dict(m) for m in messages]
    if system_prompt and not any(m.get("role") == "system" for m in msgs):
        msgs.insert(0, {"role": "system", "content": system_prompt})
    return msgs


def check_messages(messages: Sequence[dict[str, str]]) -> None:
    """Refuse malformed chat messages before a model sees them (clear error, not a crash later)."""
    from gate.errors import InputError

    if not messages:
        raise InputError("no chat messages to send")
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or not isinstance(m.get("role"), str) or not isinstance(m.get("content"), str):
            raise InputError(f"message {i}: needs string fields 'role' and 'content'")
        if m["role"] not in ("system", "user", "assistant"):
            raise InputError(f"message {i}: field 'role': unknown role {m['role']!r}")


class BaseBackend:
    """What every backend here shares: the baseline system prompt and the per-request timeout.

    ``prepare_messages`` gives the messages the model really sees; the runner keys the
    generation cache on them, so a baseline (same GGUF + system prompt) and the bare base
    model never share cache entries.
    """

    name: str = ""
    timeout_s: float | None = None
    system_prompt: str | None = None
    model_name: str | None = None
    """Registry model this backend serves (recorded with each cached generation)."""
    load_s: float | None = None
    """Seconds spent loading the model in process (None until loaded, or when a server loads it)."""

    def prepare_messages(self, messages: Sequence[dict[str, str]]) -> list[dict[str, str]]:
        """The messages as sent to the model (system prompt prepended for a baseline)."""
        check_messages(messages)
        return with_system_prompt(messages, self.system_prompt)

    def close(self) -> None:
        """Release the model (threads, memory, connections). Safe to call twice."""
