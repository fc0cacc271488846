"""The generation cache: every finished model answer, keyed by what produced it.

The key is ``hash_value([model digest, backend, messages, decoding params])``
(computed by the caller, see :func:`cache_key`), so a re-run with the same model
bytes, backend, prompt and decoding reads the answer back instead of asking the
model again. Each generation is written in its own small transaction together
with its audit event the moment it finishes: a run killed halfway keeps every
answer it had, and ``INSERT OR IGNORE`` on the primary key means two runs that
race on the same key never store it twice.

Imports nothing from ``gate``: rows come back as :class:`CachedGeneration`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .core import Registry, now
from .hashing import canonical_json, hash_value

_BATCH = 500  # SQLite's default limit on host parameters is 999 (older builds)


@dataclass(frozen=True)
class CachedGeneration:
    """One row of the ``generations`` table."""

    key: str
    model_digest: str
    backend: str
    case_id: str | None
    messages: list[dict[str, str]]
    params: dict[str, Any]
    text: str
    ttft_s: float | None
    total_s: float | None
    prompt_tokens: int | None
    completion_tokens: int | None
    meta: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""

    @classmethod
    def from_row(cls, row: dict) -> "CachedGeneration":
        d = dict(row)
        d["messages"] = json.loads(d["messages"])
        d["params"] = json.loads(d["params"])
        d["meta"] = json.loads(d["meta"] or "{}")
        return cls(**{k: d[k] for k in cls.__dataclass_fields__})


def cache_key(model_digest: str, backend: str, messages: Sequence[dict[str, str]], params: Any) -> str:
    """The cache key of one request: sha256 over digest, backend, messages and decoding params."""
    return hash_value([model_digest, backend, [dict(m) for m in messages], params])


def get_many(reg: Registry, keys: Iterable[str]) -> dict[str, CachedGeneration]:
    """The cached generations among ``keys`` (missing keys are simply absent)."""
    keys = list(dict.fromkeys(keys))
    found: dict[str, CachedGeneration] = {}
    for i in range(0, len(keys), _BATCH):
        chunk = keys[i:i + _BATCH]
        marks = ",".join("?" * len(chunk))
        for row in reg.db.query(f"SELECT * FROM generations WHERE key IN ({marks})", chunk):
            found[row["key"]] = CachedGeneration.from_row(row)
    return found


def get(reg: Registry, key: str) -> CachedGeneration | None:
    """One cached generation, or None."""
    return get_many(reg, [key]).get(key)


def put(reg: Registry, *, key: str, model_digest: str, backend: str, case_id: str | None,
        messages: Sequence[dict[str, str]], params: Any, text: str, ttft_s: float | None,
        total_s: float | None, prompt_tokens: int | None, completion_tokens: int | None,
        meta: dict[str, Any] | None = None, actor: str | None = None) -> bool:
    """Store one finished generation (one transaction with its audit event).

    Returns False when the key was already cached (another run got there first):
    the first answer stays, nothing is duplicated.
    """
    params_json = canonical_json(params)
    with reg.transaction() as db:
        cur = db.execute(
            """INSERT OR IGNORE INTO generations (key, model_digest, backend, case_id, messages, params, text,
                   ttft_s, total_s, prompt_tokens, completion_tokens, meta, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [key, model_digest, backend, case_id, canonical_json([dict(m) for m in messages]), params_json, text,
             ttft_s, total_s, prompt_tokens, completion_tokens, canonical_json(meta or {}), now()],
        )
        if cur.rowcount != 1:
            return False
        # The event names the key and case, never the text: outputs may contain personal data.
        reg.record_event("generation.add", model_digest, {"key": key, "backend": backend, "case_id": case_id},
                         actor)
    return True


def count(reg: Registry, model_digest: str | None = None, backend: str | None = None) -> int:
    """How many generations are cached (for one model digest and/or backend)."""
    where, args = [], []
    if model_digest is not None:
        where.append("model_digest = ?")
        args.append(model_digest)
    if backend is not None:
        where.append("backend = ?")
        args.append(backend)
    return reg.db["generations"].count_where(" AND ".join(where) or "1", args)


def recorded_backends(reg: Registry, model_digest: str) -> list[str]:
    """The backends that have recorded generations for ``model_digest`` (most generations first)."""
    rows = reg.db.query(
        "SELECT backend, count(*) AS n FROM generations WHERE model_digest = ? GROUP BY backend ORDER BY n DESC",
        [model_digest])
    return [r["backend"] for r in rows]


def recorded_digests(reg: Registry, model_name: str) -> list[str]:
    """Model digests with generations recorded for registry model ``model_name``, newest first."""
    rows = reg.db.query(
        """SELECT model_digest, max(created_at) AS last FROM generations
           WHERE json_extract(meta, '$.model') = ? GROUP BY model_digest ORDER BY last DESC""",
        [model_name])
    return [r["model_digest"] for r in rows]
