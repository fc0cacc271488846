"""The tamper-evident audit chain and the binding of eval evidence to its case results.

Every audit event stores the hash of the event before it (``prev_hash``) and its own hash
over (previous hash, id, time, actor, action, subject, payload). Editing, deleting,
reordering or inserting an event anywhere but at the end breaks the chain, and
:func:`check_chain` names the first event where it breaks. Someone able to rewrite the
whole database can recompute the whole chain; that is caught only by comparing the chain
head with an anchor exported earlier (``chirogate registry anchor``) and kept elsewhere.

An eval run's gate summary, verdict and per-case results are bound by one hash
(:func:`eval_results_hash`), stored on the run and in its chained ``eval.finish`` event.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .hashing import hash_value

GENESIS = "sha256:" + "0" * 64

#: The triggers that keep the audit log append-only, by name -> the statement they abort.
APPEND_ONLY_TRIGGERS = {"events_no_update": "UPDATE", "events_no_delete": "DELETE"}


def event_hash(prev_hash: str, event_id: int, ts: str, actor: str, action: str, subject: str, payload: str) -> str:
    """The hash of one audit event, chained to the one before it (``payload`` as stored, JSON text)."""
    return hash_value([prev_hash, int(event_id), ts, actor, action, subject, payload])


def chain_head(conn: sqlite3.Connection) -> tuple[int, str]:
    """``(id, hash)`` of the newest event; ``(0, GENESIS)`` for an empty log."""
    row = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1] or GENESIS) if row else (0, GENESIS)


@dataclass(frozen=True)
class Anchor:
    """A point of the chain to keep outside the registry (a ticket, a commit): ``<id>:<hash>``."""

    event_id: int
    hash: str

    def __str__(self) -> str:
        return f"{self.event_id}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> "Anchor":
        """Parse ``<event id>:sha256:<hex>``; ValueError if malformed."""
        ident, sep, h = text.strip().partition(":")
        if not sep or not ident.isdigit() or not h.startswith("sha256:") or len(h) != 71:
            raise ValueError(f"malformed anchor {text!r}: expected <event id>:sha256:<64 hex digits> "
                             "(as printed by chirogate registry anchor)")
        return cls(int(ident), h)


def check_chain(conn: sqlite3.Connection, anchor: Anchor | None = None) -> list[str]:
    """Every break in the audit chain, the append-only triggers and (if given) the anchor."""
    problems: list[str] = []
    triggers = {r[0]: r[1] or "" for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                                        "AND tbl_name = 'events'")}
    for name, stmt in APPEND_ONLY_TRIGGERS.items():
        sql = " ".join(triggers.get(name, "").split()).upper()
        if f"BEFORE {stmt} ON EVENTS" not in sql or "RAISE(ABORT" not in sql.replace(" ", ""):
            problems.append(f"audit log trigger {name} is missing or altered: events can be {stmt.lower()}d")
    prev, prev_ts, seen_anchor = GENESIS, "", False
    for eid, ts, actor, action, subject, payload, p_hash, e_hash in conn.execute(
            "SELECT id, ts, actor, action, subject, payload, prev_hash, hash FROM events ORDER BY id"):
        if e_hash is None:
            problems.append(f"audit event {eid} ({action} {subject}) has no chain hash: inserted behind chirogate's back")
        elif p_hash != prev:
            problems.append(f"audit chain broken at event {eid} ({action} {subject}): an event before it was "
                            "deleted, edited or inserted")
        elif event_hash(prev, eid, ts, actor, action, subject, payload) != e_hash:
            problems.append(f"audit event {eid} ({action} {subject}) was edited after it was written")
        if ts < prev_ts:
            problems.append(f"audit event {eid} ({action} {subject}) is dated {ts[:19]}, before the event "
                            f"preceding it ({prev_ts[:19]}): back-dated")
        if anchor is not None and eid == anchor.event_id:
            seen_anchor = True
            if e_hash != anchor.hash:
                problems.append(f"audit chain does not match the anchor {anchor}: event {eid} now hashes to "
                                f"{e_hash}, so the log up to it was rewritten")
        prev = e_hash or prev
        prev_ts = max(prev_ts, ts)
    if anchor is not None and not seen_anchor:
        problems.append(f"audit event {anchor.event_id} of the anchor is gone: the log was cut or rewritten")
    return problems


def eval_results_hash(run: dict[str, Any], cases: list[dict[str, Any]]) -> str:
    """One hash over an eval run's evidence: the bytes and suites it was on, its gate summary and
    verdict, and every case result (``cases`` as rows of case_results, in id order)."""
    return hash_value({
        "artifact_sha256": run["artifact_sha256"], "suite_hash": run["suite_hash"], "backend": run["backend"],
        "status": run["status"], "passed": run["passed"], "gates": json.loads(run["gates"] or "{}"),
        "cases": [[c["case_id"], c["gate"], c["value"], c["passed"], json.loads(c["details"] or "{}")]
                  for c in cases]})


def stored_results_hash(conn: sqlite3.Connection, run_id: int) -> str:
    """:func:`eval_results_hash` of eval run ``run_id`` as the database holds it now."""
    conn_rows = conn.execute("SELECT artifact_sha256, suite_hash, backend, status, passed, gates FROM eval_runs "
                             "WHERE id = ?", [run_id]).fetchone()
    run = dict(zip(("artifact_sha256", "suite_hash", "backend", "status", "passed", "gates"), conn_rows))
    cases = [dict(zip(("case_id", "gate", "value", "passed", "details"), r)) for r in conn.execute(
        "SELECT case_id, gate, value, passed, details FROM case_results WHERE eval_run_id = ? ORDER BY id", [run_id])]
    return eval_results_hash(run, cases)


def check_eval_evidence(conn: sqlite3.Connection) -> list[str]:
    """Finished eval runs whose stored results no longer hash to what was recorded (on the run and
    in its chained ``eval.finish`` event)."""
    problems = []
    bound = {}
    for (payload,) in conn.execute("SELECT payload FROM events WHERE action = 'eval.finish'"):
        p = json.loads(payload)
        if p.get("results_hash"):
            bound[p.get("eval_run_id")] = p["results_hash"]
    for run_id, recorded in conn.execute("SELECT id, results_hash FROM eval_runs WHERE finished_at IS NOT NULL "
                                          "ORDER BY id").fetchall():
        now_hash = stored_results_hash(conn, run_id)
        event = bound.get(run_id)
        if recorded is None and event is None:
            continue  # finished before evidence was bound (registries older than m060)
        if now_hash != (event or recorded) or (event and recorded != event):
            problems.append(f"eval run {run_id}: its gate results or case results were changed after the run "
                            "was recorded (results hash no longer matches its eval.finish event)")
    return problems
