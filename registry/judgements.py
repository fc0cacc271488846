"""Per-case clinician judgements on a review packet (``review_judgements``, m070).

The browser review writes one row the moment a clinician judges a case, so a closed
browser or a crash loses nothing; the xlsx import writes the same rows for the answers
of a filled workbook, in the transaction of its sign-off. Rows are appended, never
updated: the newest row per (packet, reviewer, case) is the judgement that counts.
Case text is never stored here (the packet's workbook holds it); only the choices.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .core import Registry, now
from .errors import DuplicateError, InputError
from .signoffs import get_packet


@dataclass(frozen=True)
class Judgement:
    """One clinician judgement of one case of a packet."""

    id: int
    packet_id: str
    case_id: str
    reviewer: str
    answers: dict[str, str]
    """Choice column key -> chosen value (``correctA`` -> ``ja``, ``preferred`` -> ``B``, ...)."""
    findings: dict[str, str] = field(default_factory=dict)
    """Finding id -> ``confirmed`` or ``rejected``: the clinician's verdict on each highlighted finding."""
    source: str = "browser"
    """``browser`` or ``xlsx``."""
    created_at: str = ""


def record_judgement(reg: Registry, *, packet_id: str, case_id: str, reviewer: str, answers: dict[str, str],
                     findings: dict[str, str] | None = None, source: str = "browser",
                     nonce: str | None = None) -> Judgement:
    """Append one judgement (one transaction with a ``review.judgement`` event).

    Refused: a packet this registry never exported, a case that is not in it, a packet the
    reviewer has already signed (the review is closed), and a ``nonce`` already used (a
    replayed submission). The event carries ids only, never answers or case text.
    """
    packet = get_packet(reg, packet_id)
    if case_id not in {c["id"] for c in packet.cases}:
        raise InputError(f"review packet '{packet_id}': case '{case_id}' is not in this packet")
    if not reviewer or not reviewer.strip():
        raise InputError(f"review packet '{packet_id}': a judgement needs a reviewer name")
    with reg.transaction() as db:
        if db["signoffs"].count_where("packet_id = ? AND reviewer = ?", [packet_id, reviewer]):
            raise DuplicateError(f"reviewer '{reviewer}' has already signed packet '{packet_id}': "
                                 "the review is closed")
        if nonce is not None and db["review_judgements"].count_where("nonce = ?", [nonce]):
            raise DuplicateError(f"review packet '{packet_id}': this submission was already recorded "
                                 "(a replayed form)")
        cur = db.execute(
            """INSERT INTO review_judgements (packet_id, case_id, reviewer, answers, findings, source, nonce,
                                              created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [packet_id, case_id, reviewer, json.dumps(answers, sort_keys=True, ensure_ascii=False),
             json.dumps(findings or {}, sort_keys=True), source, nonce, now()])
        jid = cur.lastrowid
        reg.record_event("review.judgement", packet.model, {"packet_id": packet_id, "case_id": case_id,
                                                            "reviewer": reviewer, "source": source,
                                                            "judgement_id": jid})
    return _row(next(iter(reg.db.query("SELECT * FROM review_judgements WHERE id = ?", [jid]))))


def current_judgements(reg: Registry, packet_id: str, reviewer: str) -> dict[str, Judgement]:
    """Case id -> the newest judgement of ``reviewer`` on packet ``packet_id``."""
    rows = reg.db.query("""SELECT * FROM review_judgements WHERE packet_id = ? AND reviewer = ?
                           ORDER BY id""", [packet_id, reviewer])
    out: dict[str, Judgement] = {}
    for r in rows:
        out[r["case_id"]] = _row(r)
    return out


def judgement_history(reg: Registry, packet_id: str) -> list[Judgement]:
    """Every judgement recorded on a packet, by any reviewer and channel, oldest first."""
    return [_row(r) for r in reg.db.query("SELECT * FROM review_judgements WHERE packet_id = ? ORDER BY id",
                                          [packet_id])]


def _row(r: dict[str, Any]) -> Judgement:
    return Judgement(r["id"], r["packet_id"], r["case_id"], r["reviewer"], json.loads(r["answers"] or "{}"),
                     json.loads(r["findings"] or "{}"), r["source"], r["created_at"])
