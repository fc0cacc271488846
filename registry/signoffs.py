"""Clinician review packets and sign-offs.

A review packet (``review_packets``, m001) is recorded when it is exported: its id, the
sha256 of the file, the hash of the exported content (what the reviewer must not
change), the cases it holds and, for a blind A/B packet, the key saying which of A/B
is the candidate (kept only here, never in the file). A sign-off (``signoffs``) is
recorded when a filled packet is imported. Both are written in one transaction with
their audit event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .core import Registry, now
from .errors import DuplicateError, NotFoundError


@dataclass(frozen=True)
class ReviewPacket:
    """An exported clinician review packet."""

    packet_id: str
    model: str
    """Model under review."""
    sha256: str
    """Hash of the exported file (xlsx) as written."""
    content_sha256: str
    """Hash of the exported content (case ids, inputs, outputs) the reviewer must not edit."""
    blind_key: dict[str, Any]
    """For ``--blind-ab``: case id -> which label (A or B) is the candidate; else empty."""
    cases: list[dict[str, Any]]
    """The cases in the packet: id, doc type, region, sheet and row."""
    created_at: str
    artifact_sha256: str | None = None
    """The model bytes (GGUF sha256) whose outputs the packet shows: a sign-off counts for those only."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Export facts: file name, HTML path, baseline for a blind A/B packet, sampling seed."""


@dataclass(frozen=True)
class Signoff:
    """A clinician's recorded review of a packet."""

    id: int
    model: str
    packet_id: str | None
    reviewer: str
    n_reviewed: int
    approved_share: float
    """Share of reviewed cases judged clinically correct."""
    approved: bool
    """Whether the review meets the policy (share and number of cases)."""
    details: dict[str, Any]
    created_at: str


def record_packet(reg: Registry, *, packet_id: str, model: str, sha256: str, content_sha256: str,
                  blind_key: dict[str, Any], cases: list[dict[str, Any]], artifact_sha256: str | None = None,
                  meta: dict[str, Any] | None = None, actor: str | None = None) -> ReviewPacket:
    """Record an exported packet (one transaction with a ``review.export`` event)."""
    m = reg.get_model(model)
    with reg.transaction() as db:
        if db["review_packets"].count_where("packet_id = ?", [packet_id]):
            raise DuplicateError(f"review packet '{packet_id}' is already recorded")
        db.execute(
            """INSERT INTO review_packets (packet_id, model_id, sha256, content_sha256, blind_key, cases, created_at,
                                           artifact_sha256, meta)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [packet_id, m.id, sha256, content_sha256, json.dumps(blind_key, sort_keys=True),
             json.dumps(cases, sort_keys=True, ensure_ascii=False), now(), artifact_sha256,
             json.dumps(meta or {}, sort_keys=True, ensure_ascii=False)],
        )
        # The blind key is not put in the event: the audit log is readable by more people.
        reg.record_event("review.export", model, {
            "packet_id": packet_id, "sha256": sha256, "content_sha256": content_sha256, "n_cases": len(cases),
            "blind_ab": bool(blind_key), "artifact_sha256": artifact_sha256,
        }, actor)
    return get_packet(reg, packet_id)


def get_packet(reg: Registry, packet_id: str) -> ReviewPacket:
    """The packet with this id; :class:`NotFoundError` if this registry never exported it."""
    rows = list(reg.db.query(
        """SELECT p.*, m.name AS model FROM review_packets p JOIN models m ON m.id = p.model_id
           WHERE p.packet_id = ?""", [packet_id]))
    if not rows:
        raise NotFoundError(f"review packet '{packet_id}' was not exported from this registry")
    r = rows[0]
    return ReviewPacket(r["packet_id"], r["model"], r["sha256"], r["content_sha256"],
                        json.loads(r["blind_key"] or "{}"), json.loads(r["cases"] or "[]"), r["created_at"],
                        r["artifact_sha256"], json.loads(r["meta"] or "{}"))


def record_signoff(reg: Registry, *, model: str, packet_id: str | None, reviewer: str, n_reviewed: int,
                   approved_share: float, approved: bool, details: dict[str, Any],
                   actor: str | None = None) -> Signoff:
    """Record a sign-off (one transaction with a ``review.signoff`` event).

    One reviewer signs a packet once: a second import by the same reviewer is refused,
    so a sign-off cannot be silently replaced.
    """
    m = reg.get_model(model)
    with reg.transaction() as db:
        if packet_id is not None and db["signoffs"].count_where("packet_id = ? AND reviewer = ?",
                                                                [packet_id, reviewer]):
            raise DuplicateError(f"reviewer '{reviewer}' has already signed packet '{packet_id}'")
        cur = db.execute(
            """INSERT INTO signoffs (model_id, packet_id, reviewer, n_reviewed, approved_share, approved,
                                     details, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [m.id, packet_id, reviewer, n_reviewed, approved_share, int(approved),
             json.dumps(details, sort_keys=True, ensure_ascii=False), now()],
        )
        sid = cur.lastrowid
        reg.record_event("review.signoff", model, {
            "signoff_id": sid, "packet_id": packet_id, "reviewer": reviewer, "n_reviewed": n_reviewed,
            "approved_share": approved_share, "approved": approved,
        }, actor)
    return signoffs(reg, model)[-1]


def signoffs(reg: Registry, model: str) -> list[Signoff]:
    """Every sign-off recorded for ``model``, oldest first."""
    m = reg.get_model(model)
    rows = reg.db.query("SELECT * FROM signoffs WHERE model_id = ? ORDER BY id", [m.id])
    return [Signoff(r["id"], m.name, r["packet_id"], r["reviewer"], r["n_reviewed"], r["approved_share"],
                    bool(r["approved"]), json.loads(r["details"] or "{}"), r["created_at"]) for r in rows]
