"""Prepared datasets in the registry: identified by the sha256 fingerprint of their split files.

A dataset directory (train/validation/test.jsonl + card.json, written by ``chirogate data prepare``)
is stored in the content store as a ``dataset`` artifact and recorded in the ``datasets`` table,
together with its card, in one transaction with an audit event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core import Registry, check_name, now
from .errors import InputError, NotFoundError

_SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class DatasetRecord:
    """A registered dataset. ``path`` is a materialized copy of the stored directory (read only)."""

    fingerprint: str
    name: str
    path: Path
    card: dict[str, Any] = field(default_factory=dict)
    n_train: int | None = None
    n_validation: int | None = None
    n_test: int | None = None
    artifact_sha256: str | None = None
    created_at: str = ""


def _read_card(directory: Path) -> dict:
    f = directory / "card.json"
    if not f.is_file():
        raise InputError(f"{directory}: not a prepared dataset directory (no card.json; see: chirogate data prepare)")
    try:
        card = json.loads(f.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError.at(f, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(card, dict) or not isinstance(card.get("fingerprint"), str):
        raise InputError.at(f, "card has no fingerprint", field="fingerprint")
    for s in _SPLITS:
        if not (directory / f"{s}.jsonl").is_file():
            raise InputError(f"{directory}: missing {s}.jsonl")
    return card


def register_dataset(reg: Registry, directory: str | Path, name: str, *, actor: str | None = None,
                     filename: str | None = None) -> DatasetRecord:
    """Store ``directory`` and record it under its card's fingerprint (idempotent: a fingerprint that is
    already registered is returned as it is). Artifact row, dataset row and event: one transaction.
    ``filename`` is the directory name recorded for people (default: the directory's own name)."""
    d = Path(directory)
    check_name(name, "dataset name")
    card = _read_card(d)
    fp = card["fingerprint"]
    existing = list(reg.db.query("SELECT fingerprint FROM datasets WHERE fingerprint = ?", [fp]))
    if existing:
        return get_dataset(reg, fp)
    stored = reg.store.put(d)
    with reg.transaction() as db:
        reg._insert_artifact(None, name, "dataset", filename or d.name, stored, None, {"fingerprint": fp}, actor)
        db.execute(
            """INSERT INTO datasets (fingerprint, name, artifact_sha256, card, n_train, n_validation, n_test, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [fp, name, stored.sha256, json.dumps(card, sort_keys=True, ensure_ascii=False), card.get("n_train"),
             card.get("n_validation"), card.get("n_test"), now()])
        reg.record_event("dataset.register", name, {"fingerprint": fp, "artifact_sha256": stored.sha256,
                                                    "n_train": card.get("n_train"), "n_test": card.get("n_test")},
                         actor)
    return get_dataset(reg, fp)


def _record(reg: Registry, row: dict) -> DatasetRecord:
    sha = row["artifact_sha256"]
    if not sha:
        raise NotFoundError(f"dataset {row['fingerprint']} has no stored files in the registry")
    path = reg.store.materialize(sha, True)
    return DatasetRecord(row["fingerprint"], row["name"], path, json.loads(row["card"] or "{}"), row["n_train"],
                         row["n_validation"], row["n_test"], sha, row["created_at"])


def get_dataset(reg: Registry, fingerprint_or_prefix: str) -> DatasetRecord:
    """The dataset with this fingerprint ("sha256:<hex>"), or a unique prefix of it (with or without
    "sha256:", at least 6 hex digits), or a dataset name (the newest of that name).
    Unknown: :class:`NotFoundError`; an ambiguous prefix: :class:`InputError`."""
    ref = fingerprint_or_prefix.strip()
    rows = list(reg.db.query("SELECT * FROM datasets WHERE fingerprint = ?", [ref]))
    if not rows:
        hexpart = ref.split(":", 1)[1] if ref.startswith("sha256:") else ref
        if len(hexpart) >= 6 and all(c in "0123456789abcdef" for c in hexpart.lower()):
            rows = list(reg.db.query("SELECT * FROM datasets WHERE fingerprint LIKE ? ORDER BY created_at",
                                     [f"sha256:{hexpart.lower()}%"]))
            if len(rows) > 1:
                raise InputError(f"dataset prefix '{ref}' is ambiguous: {', '.join(r['fingerprint'][:19] for r in rows)}")
    if not rows:
        rows = list(reg.db.query("SELECT * FROM datasets WHERE name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
                                 [ref]))
    if not rows:
        raise NotFoundError(f"dataset '{ref}' is not in the registry (see: chirogate data list)")
    return _record(reg, rows[0])


def list_datasets(reg: Registry) -> list[DatasetRecord]:
    """All registered datasets, oldest first (paths materialized lazily by the store)."""
    return [_record(reg, r) for r in reg.db.query("SELECT * FROM datasets ORDER BY created_at, rowid")]


def has_dataset(reg: Registry, fingerprint: str) -> bool:
    """Whether a dataset with exactly this fingerprint is registered (no prefix or name lookup)."""
    return bool(reg.db["datasets"].count_where("fingerprint = ?", [fingerprint]))
