"""The registry schema as an append-only list of named migrations.

Migrations are applied whenever the registry is opened, each in one transaction.
A shipped migration is never edited: a schema change is a new function appended
at the end. A database that records a migration this code does not know was
written by a newer chirogate and is refused (see :func:`registry.db.open_db`).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "chirogate"
migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    """Models, artifacts, aliases, the audit log and the tables later stages fill."""
    db.execute(
        """
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            family TEXT NOT NULL,
            version TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('baseline', 'candidate')),
            base_model TEXT NOT NULL,
            system_prompt TEXT,
            parent TEXT REFERENCES models(name),
            ollama_name TEXT,
            created_at TEXT NOT NULL,
            notes TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE artifacts (
            id INTEGER PRIMARY KEY,
            model_id INTEGER REFERENCES models(id),
            kind TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            is_dir INTEGER NOT NULL DEFAULT 0,
            filename TEXT NOT NULL,
            quantization TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX artifacts_model ON artifacts(model_id, kind)")
    db.execute("CREATE INDEX artifacts_sha ON artifacts(sha256)")
    db.execute(
        """
        CREATE TABLE aliases (
            family TEXT NOT NULL,
            alias TEXT NOT NULL,
            model_id INTEGER NOT NULL REFERENCES models(id),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (family, alias)
        )"""
    )
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX events_subject ON events(subject)")
    # The audit log is append-only, enforced by the database itself.
    db.execute(
        """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
           BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"""
    )
    db.execute(
        """
        CREATE TABLE datasets (
            fingerprint TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            artifact_sha256 TEXT,
            card TEXT NOT NULL DEFAULT '{}',
            n_train INTEGER, n_validation INTEGER, n_test INTEGER,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE training_runs (
            id INTEGER PRIMARY KEY,
            model_id INTEGER REFERENCES models(id),
            dataset_fingerprint TEXT REFERENCES datasets(fingerprint),
            status TEXT NOT NULL,
            config TEXT NOT NULL DEFAULT '{}',
            versions TEXT NOT NULL DEFAULT '{}',
            code_version TEXT,
            loss_curve TEXT NOT NULL DEFAULT '[]',
            metrics TEXT NOT NULL DEFAULT '{}',
            wall_s REAL,
            tokens_per_s REAL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE eval_runs (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models(id),
            artifact_sha256 TEXT,
            suite_hash TEXT NOT NULL,
            backend TEXT NOT NULL,
            status TEXT NOT NULL,
            passed INTEGER,
            gates TEXT NOT NULL DEFAULT '{}',
            config TEXT NOT NULL DEFAULT '{}',
            provenance TEXT NOT NULL DEFAULT '{}',
            started_at TEXT NOT NULL,
            finished_at TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE case_results (
            id INTEGER PRIMARY KEY,
            eval_run_id INTEGER NOT NULL REFERENCES eval_runs(id),
            case_id TEXT NOT NULL,
            gate TEXT NOT NULL,
            value REAL,
            passed INTEGER,
            details TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX case_results_run ON case_results(eval_run_id, gate)")
    db.execute(
        """
        CREATE TABLE generations (
            key TEXT PRIMARY KEY,
            model_digest TEXT NOT NULL,
            backend TEXT NOT NULL,
            case_id TEXT,
            messages TEXT NOT NULL,
            params TEXT NOT NULL,
            text TEXT NOT NULL,
            ttft_s REAL,
            total_s REAL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            meta TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX generations_model ON generations(model_digest, backend)")
    db.execute(
        """
        CREATE TABLE comparisons (
            id INTEGER PRIMARY KEY,
            candidate_id INTEGER NOT NULL REFERENCES models(id),
            baseline_id INTEGER NOT NULL REFERENCES models(id),
            suite_hash TEXT NOT NULL,
            candidate_run_id INTEGER REFERENCES eval_runs(id),
            baseline_run_id INTEGER REFERENCES eval_runs(id),
            verdict TEXT NOT NULL CHECK (verdict IN ('promote', 'hold', 'reject')),
            reasons TEXT NOT NULL DEFAULT '[]',
            stats TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE review_packets (
            packet_id TEXT PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models(id),
            sha256 TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            blind_key TEXT NOT NULL DEFAULT '{}',
            cases TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE signoffs (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models(id),
            packet_id TEXT REFERENCES review_packets(packet_id),
            reviewer TEXT NOT NULL,
            n_reviewed INTEGER NOT NULL,
            approved_share REAL NOT NULL,
            approved INTEGER NOT NULL,
            details TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )"""
    )


#: Migrations renamed so that their names sort in the order they are applied (the review-packet
#: binding was shipped as m050 but runs before m020). A registry that recorded an old name has it
#: rewritten when it is opened (:func:`registry.db.open_db`); the migration itself is unchanged.
RENAMED = {"m050_review_packet_binding": "m010_review_packet_binding"}


def known_names() -> list[str]:
    """Names of every migration this code knows, in order (the order they are applied, which is also
    their sorted order)."""
    return [m.name for m in migrations._migrations]


@migrations()
def m010_review_packet_binding(db: Database) -> None:
    """Bind a review packet to the exact model bytes it shows (GGUF sha256) and keep its export facts.

    Idempotent (columns added only when missing): a registry whose migration record was
    lost must still be brought forward.
    """
    cols = {c.name for c in db["review_packets"].columns}
    if "artifact_sha256" not in cols:
        db.execute("ALTER TABLE review_packets ADD COLUMN artifact_sha256 TEXT")
    if "meta" not in cols:
        db.execute("ALTER TABLE review_packets ADD COLUMN meta TEXT NOT NULL DEFAULT '{}'")


@migrations()
def m020_training_run_details(db: Database) -> None:
    """Training runs: the intended model name, the base, the adapter produced and the failure reason."""
    cols = {c.name for c in db["training_runs"].columns}
    for name in ("model_name", "base_model", "adapter_sha256", "error"):
        if name not in cols:
            db.execute(f"ALTER TABLE training_runs ADD COLUMN {name} TEXT")


@migrations()
def m060_tamper_evident_evidence(db: Database) -> None:
    """Chain the audit events (each stores its predecessor's hash and its own) and bind each
    finished eval run to a hash of its gate results and case results.

    Existing events are chained in id order and existing finished runs are hashed as they are
    now (what came before this migration is taken as found). Idempotent.
    """
    from .chain import GENESIS, event_hash, stored_results_hash

    cols = {c.name for c in db["events"].columns}
    for name in ("prev_hash", "hash"):
        if name not in cols:
            db.execute(f"ALTER TABLE events ADD COLUMN {name} TEXT")
    if "results_hash" not in {c.name for c in db["eval_runs"].columns}:
        db.execute("ALTER TABLE eval_runs ADD COLUMN results_hash TEXT")
    # The append-only trigger is lifted for the one-time backfill only, inside this transaction.
    db.execute("DROP TRIGGER IF EXISTS events_no_update")
    prev = GENESIS
    for eid, ts, actor, action, subject, payload, h in db.execute(
            "SELECT id, ts, actor, action, subject, payload, hash FROM events ORDER BY id").fetchall():
        if h is None:
            h = event_hash(prev, eid, ts, actor, action, subject, payload)
            db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?", [prev, h, eid])
        prev = h
    db.execute("""CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""")
    for (run_id,) in db.execute("SELECT id FROM eval_runs WHERE finished_at IS NOT NULL AND results_hash IS NULL"
                                ).fetchall():
        db.execute("UPDATE eval_runs SET results_hash = ? WHERE id = ?",
                   [stored_results_hash(db.conn, run_id), run_id])


@migrations()
def m070_review_judgements(db: Database) -> None:
    """Per-case clinician judgements, written as each is made (the browser review resumes from them).

    One row per judgement, appended: the newest row for (packet, reviewer, case) is the
    judgement that counts, so a changed mind is a new row and the earlier one stays as
    history. ``nonce`` is the one-time form token a browser submission carried (UNIQUE:
    a replayed submission cannot be recorded twice); NULL for an xlsx import.
    """
    if "review_judgements" not in db.table_names():
        db.execute(
            """
            CREATE TABLE review_judgements (
                id INTEGER PRIMARY KEY,
                packet_id TEXT NOT NULL REFERENCES review_packets(packet_id),
                case_id TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                answers TEXT NOT NULL DEFAULT '{}',
                findings TEXT NOT NULL DEFAULT '{}',
                source TEXT NOT NULL CHECK (source IN ('browser', 'xlsx')),
                nonce TEXT UNIQUE,
                created_at TEXT NOT NULL
            )"""
        )
        db.execute("CREATE INDEX review_judgements_packet ON review_judgements(packet_id, reviewer, case_id)")
