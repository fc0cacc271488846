"""Plain data classes for what the registry returns (frozen: values, not handles)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Model:
    """A registered model version (a candidate fine-tune or a baseline)."""

    id: int
    name: str
    """Unique name, e.g. ``chiro-no-v2``."""
    family: str
    """Family that aliases live in, e.g. ``chiro-no``."""
    version: str | None
    kind: str
    """``baseline`` (base model + system prompt) or ``candidate`` (fine-tuned)."""
    base_model: str
    """Path or hub id of the base model."""
    system_prompt: str | None
    parent: str | None
    ollama_name: str | None
    """Name under which the model was created on an Ollama server, if any."""
    created_at: str
    notes: str | None

    @classmethod
    def from_row(cls, row: dict) -> "Model":
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Artifact:
    """A stored file or directory belonging to a model (or to no model, e.g. a dataset)."""

    id: int
    model_id: int | None
    kind: str
    sha256: str
    bytes: int
    is_dir: bool
    filename: str
    """Original file or directory name (for people; identity is the hash)."""
    quantization: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""

    @classmethod
    def from_row(cls, row: dict) -> "Artifact":
        d = {k: row[k] for k in cls.__dataclass_fields__}
        d["is_dir"] = bool(d["is_dir"])
        d["meta"] = json.loads(d["meta"] or "{}")
        return cls(**d)


@dataclass(frozen=True)
class Event:
    """One entry of the append-only audit log."""

    id: int
    ts: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]

    @classmethod
    def from_row(cls, row: dict) -> "Event":
        return cls(row["id"], row["ts"], row["actor"], row["action"], row["subject"], json.loads(row["payload"]))


@dataclass(frozen=True)
class VerifyProblem:
    """An artifact whose stored bytes no longer match its recorded sha256."""

    model: str | None
    kind: str
    sha256: str
    path: str
    problem: str
    """``missing`` or ``altered``."""
