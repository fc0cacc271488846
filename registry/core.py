"""The registry: models, artifacts, aliases and the audit log.

This is the system of record. Every state change happens in one write
transaction together with its audit event, so the log and the tables can never
disagree. Other stages (datasets, training runs, eval runs, generations,
comparisons, sign-offs) keep their records in their own modules beside this one
and use :meth:`Registry.transaction` and :meth:`Registry.record_event`.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .db import open_db, schema_version, write_transaction
from .errors import DuplicateError, InputError, NotFoundError, RegistryError
from .records import Artifact, Event, Model, VerifyProblem
from .store import ArtifactStore, Stored

ARTIFACT_KINDS = (
    "adapter", "merged", "gguf", "gguf-adapter", "modelfile", "tokenizer", "dataset", "review-packet",
)
MODEL_KINDS = ("baseline", "candidate")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def default_home() -> Path:
    """``$CHIROGATE_HOME``, else ``./.chirogate``."""
    return Path(os.environ.get("CHIROGATE_HOME") or ".chirogate")


def now() -> str:
    """UTC timestamp with microseconds, ISO 8601 (sorts as text)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def current_actor() -> str:
    """Who is acting: ``$CHIROGATE_ACTOR``, else the OS user."""
    actor = os.environ.get("CHIROGATE_ACTOR")
    if actor:
        return actor
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


def check_name(value: str, what: str) -> str:
    """Validate a model, family or alias name (letters, digits, ``. _ - :``; no ``@``)."""
    if not isinstance(value, str) or not _NAME.match(value):
        raise InputError(
            f"invalid {what} {value!r}: use letters, digits, '.', '_', '-' or ':' (no spaces, no '@')"
        )
    return value


class Registry:
    """The registry at ``home`` (``registry.db`` plus ``artifacts/``)."""

    def __init__(self, home: str | Path | None = None):
        self.home = Path(home) if home is not None else default_home()
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RegistryError(f"{self.home}: cannot create CHIROGATE_HOME: {exc.strerror}") from None
        _probe_writable(self.home)
        self.path = self.home / "registry.db"
        self.db: Database = open_db(self.path)
        self.store = ArtifactStore(self.home / "artifacts")

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One write transaction (nested calls become savepoints)."""
        with write_transaction(self.db) as db:
            yield db

    # ---- audit log -------------------------------------------------------------------------

    def record_event(self, action: str, subject: str, payload: dict[str, Any] | None = None,
                     actor: str | None = None) -> int:
        """Append one audit event; call inside the transaction of the change it records."""
        from .chain import chain_head, event_hash

        with self.transaction() as db:
            # Under the write lock, so the id and the predecessor cannot change before the insert.
            last_id, prev = chain_head(db.conn)
            row = [last_id + 1, now(), actor or current_actor(), action, subject,
                   json.dumps(payload or {}, sort_keys=True, ensure_ascii=False)]
            db.execute("INSERT INTO events (id, ts, actor, action, subject, payload, prev_hash, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*row, prev, event_hash(prev, *row)])
            return last_id + 1

    def events(self, subject: str | None = None, action: str | None = None) -> list[Event]:
        """Audit events, oldest first, optionally for one subject and/or action."""
        where, args = [], []
        if subject is not None:
            where.append("subject = ?")
            args.append(subject)
        if action is not None:
            where.append("action = ?")
            args.append(action)
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [Event.from_row(r) for r in self.db.query(sql, args)]

    def history(self, name: str) -> list[Event]:
        """Every event about model ``name``, including alias moves to or from it."""
        model = self.get_model(name)
        rows = self.db.query(
            """SELECT * FROM events WHERE subject = ?
               OR (action LIKE 'alias.%' AND (json_extract(payload, '$.model') = ?
                                              OR json_extract(payload, '$.previous') = ?))
               ORDER BY id""",
            [model.name, model.name, model.name],
        )
        return [Event.from_row(r) for r in rows]

    # ---- models ----------------------------------------------------------------------------

    def register_model(
        self,
        name: str,
        *,
        family: str,
        kind: str,
        base_model: str,
        system_prompt: str | None = None,
        parent: str | None = None,
        version: str | None = None,
        notes: str | None = None,
        ollama_name: str | None = None,
        artifacts: list[tuple[str, str | Path]] | None = None,
        actor: str | None = None,
    ) -> Model:
        """Register a model and its artifacts (``[(kind, path), ...]``) in one transaction.

        Inputs are validated before anything is written; artifact bytes go to the
        content-addressed store first (harmless if the transaction then fails: an
        unreferenced object is not a registered artifact).
        """
        check_name(name, "model name")
        check_name(family, "family")
        if kind not in MODEL_KINDS:
            raise InputError(f"invalid model kind {kind!r}: expected one of {', '.join(MODEL_KINDS)}")
        if not base_model:
            raise InputError("a base model is required (--base)")
        planned = [(self._check_artifact(k, p)) for k, p in (artifacts or [])]
        if self.db["models"].count_where("name = ?", [name]):
            raise DuplicateError(f"model '{name}' is already registered")
        if parent is not None:
            self.get_model(parent)
        stored = [(k, Path(p), self.store.put(p)) for k, p in planned]
        with self.transaction() as db:
            if db["models"].count_where("name = ?", [name]):
                raise DuplicateError(f"model '{name}' is already registered")
            created = now()
            cur = db.execute(
                """INSERT INTO models (name, family, version, kind, base_model, system_prompt, parent,
                                       ollama_name, created_at, notes)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [name, family, version, kind, base_model, system_prompt, parent, ollama_name, created, notes],
            )
            model_id = cur.lastrowid
            self.record_event("model.register", name, {
                "family": family, "kind": kind, "base_model": base_model, "parent": parent,
                "version": version, "system_prompt_sha256": _text_hash(system_prompt),
            }, actor)
            for k, p, s in stored:
                self._insert_artifact(model_id, name, k, p.name, s, None, {}, actor)
        return self.get_model(name)

    def get_model(self, name: str) -> Model:
        """The model called ``name``; :class:`NotFoundError` if there is none."""
        rows = list(self.db.query("SELECT * FROM models WHERE name = ?", [name]))
        if not rows:
            raise NotFoundError(f"unknown model '{name}' (see: chirogate registry list)")
        return Model.from_row(rows[0])

    def has_model(self, name: str) -> bool:
        """Whether a model called ``name`` is registered."""
        return bool(self.db["models"].count_where("name = ?", [name]))

    def get_model_by_id(self, model_id: int) -> Model:
        rows = list(self.db.query("SELECT * FROM models WHERE id = ?", [model_id]))
        if not rows:
            raise NotFoundError(f"unknown model id {model_id}")
        return Model.from_row(rows[0])

    def resolve(self, ref: str) -> Model:
        """A model by name (``chiro-no-v2``) or by alias (``chiro-no@production``)."""
        if "@" in ref:
            family, _, alias = ref.partition("@")
            rows = list(self.db.query(
                "SELECT model_id FROM aliases WHERE family = ? AND alias = ?", [family, alias]))
            if not rows:
                raise NotFoundError(f"unknown alias '{ref}' (see: chirogate registry list)")
            return self.get_model_by_id(rows[0]["model_id"])
        return self.get_model(ref)

    def list_models(self, family: str | None = None) -> list[Model]:
        """All models, oldest first, optionally of one family."""
        if family is None:
            rows = self.db.query("SELECT * FROM models ORDER BY id")
        else:
            rows = self.db.query("SELECT * FROM models WHERE family = ? ORDER BY id", [family])
        return [Model.from_row(r) for r in rows]

    def set_ollama_name(self, name: str, ollama_name: str, actor: str | None = None) -> None:
        """Record the name the model was created under on an Ollama server."""
        model = self.get_model(name)
        with self.transaction() as db:
            db.execute("UPDATE models SET ollama_name = ? WHERE id = ?", [ollama_name, model.id])
            self.record_event("model.ollama_name", name,
                              {"ollama_name": ollama_name, "previous": model.ollama_name}, actor)

    # ---- artifacts -------------------------------------------------------------------------

    def _check_artifact(self, kind: str, path: str | Path) -> tuple[str, Path]:
        if kind not in ARTIFACT_KINDS:
            raise InputError(f"invalid artifact kind {kind!r}: expected one of {', '.join(ARTIFACT_KINDS)}")
        p = Path(path)
        try:
            os.stat(p)  # follows links: a loop or a dangling link is named here, not as a traceback
            if p.is_dir():
                os.listdir(p)  # a folder we may not list would look empty to rglob
                for f in p.rglob("*"):
                    if f.is_symlink():
                        os.stat(f)  # a dangling or looping link would be silently left out of the artifact
                    if f.is_file():
                        with open(f, "rb"):
                            pass
                    elif f.is_dir():
                        os.listdir(f)
            else:
                with open(p, "rb") as f:
                    head = f.read(4)
        except FileNotFoundError:
            raise InputError(f"{p}: artifact path does not exist") from None
        except OSError as exc:
            raise InputError(f"{getattr(exc, 'filename', None) or p}: cannot read artifact ({exc.strerror or exc})") from None
        if kind in ("gguf", "gguf-adapter") and not p.is_dir() and head != b"GGUF":
            raise InputError(f"{p}: not a GGUF file (it does not start with the GGUF magic bytes)")
        return kind, p

    def add_artifact(self, model: str | None, kind: str, path: str | Path, *, quantization: str | None = None,
                     meta: dict[str, Any] | None = None, actor: str | None = None) -> Artifact:
        """Store a file or directory and register it as an artifact of ``model`` (or of none)."""
        kind, p = self._check_artifact(kind, path)
        model_row = self.get_model(model) if model is not None else None
        stored = self.store.put(p)
        with self.transaction():
            art_id = self._insert_artifact(model_row.id if model_row else None, model or "-", kind, p.name,
                                           stored, quantization, meta or {}, actor)
        return self.get_artifact(art_id)

    def _insert_artifact(self, model_id: int | None, subject: str, kind: str, filename: str, stored: Stored,
                         quantization: str | None, meta: dict, actor: str | None) -> int:
        cur = self.db.execute(
            """INSERT INTO artifacts (model_id, kind, sha256, bytes, is_dir, filename, quantization, meta, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [model_id, kind, stored.sha256, stored.bytes, int(stored.is_dir), filename, quantization,
             json.dumps(meta, sort_keys=True, ensure_ascii=False), now()],
        )
        self.record_event("artifact.add", subject, {
            "kind": kind, "sha256": stored.sha256, "bytes": stored.bytes, "filename": filename,
            "quantization": quantization,
        }, actor)
        return cur.lastrowid

    def get_artifact(self, artifact_id: int) -> Artifact:
        rows = list(self.db.query("SELECT * FROM artifacts WHERE id = ?", [artifact_id]))
        if not rows:
            raise NotFoundError(f"unknown artifact id {artifact_id}")
        return Artifact.from_row(rows[0])

    def artifacts(self, model: str | None = None, kind: str | None = None) -> list[Artifact]:
        """Artifacts, oldest first, optionally of one model and/or kind."""
        where, args = [], []
        if model is not None:
            where.append("model_id = ?")
            args.append(self.get_model(model).id)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        sql = "SELECT * FROM artifacts" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [Artifact.from_row(r) for r in self.db.query(sql, args)]

    def artifacts_with_sha256(self, sha256: str) -> list[Artifact]:
        """Every artifact row holding these bytes (any model), oldest first."""
        return [Artifact.from_row(r) for r in self.db.query("SELECT * FROM artifacts WHERE sha256 = ? ORDER BY id",
                                                             [sha256])]

    def latest_artifact(self, model: str, kind: str, quantization: str | None = None) -> Artifact:
        """The newest artifact of ``kind`` (and quantization, if given) for ``model``."""
        arts = [a for a in self.artifacts(model, kind) if quantization is None or a.quantization == quantization]
        if not arts:
            q = f" ({quantization})" if quantization else ""
            raise NotFoundError(f"model '{model}' has no '{kind}'{q} artifact")
        return arts[-1]

    def artifact_path(self, artifact: Artifact, dest: str | Path | None = None) -> Path:
        """A readable path with the artifact's content (directories are rebuilt from the manifest)."""
        return self.store.materialize(artifact.sha256, artifact.is_dir, dest)

    def verify(self, name: str | None = None) -> list[VerifyProblem]:
        """Re-hash every stored artifact (of one model, or all) and list the missing or altered ones."""
        arts = self.artifacts(name) if name is not None else self.artifacts()
        names = {m.id: m.name for m in self.list_models()}
        problems: list[VerifyProblem] = []
        for a in arts:
            for path, problem in self.store.verify(a.sha256, a.is_dir):
                problems.append(VerifyProblem(names.get(a.model_id), a.kind, a.sha256, str(path), problem))
            if a.is_dir:  # the unpacked copy that sessions and exports read
                for path, problem in self.store.verify_materialized(a.sha256):
                    problems.append(VerifyProblem(names.get(a.model_id), a.kind, a.sha256, str(path),
                                                  f"{problem} in the unpacked copy"))
        return problems

    def verify_evidence(self, anchor: str | None = None) -> list[str]:
        """Breaks in the audit chain and its append-only triggers, eval runs whose results changed
        after they were recorded, and (with ``anchor``, from :meth:`anchor`) a rewritten log."""
        from .chain import Anchor, check_chain, check_eval_evidence

        parsed = None
        if anchor is not None:
            try:
                parsed = Anchor.parse(anchor)
            except ValueError as exc:
                raise InputError(f"--anchor: {exc}") from None
        return check_chain(self.db.conn, parsed) + check_eval_evidence(self.db.conn)

    def anchor(self) -> str:
        """The chain head as ``<event id>:<hash>``: keep it outside the registry (a ticket, a commit)
        so that a later ``verify --anchor`` can tell whether the log up to it was rewritten."""
        from .chain import Anchor, chain_head

        return str(Anchor(*chain_head(self.db.conn)))

    def stale_temp(self) -> list[Path]:
        """Temp files and folders that killed processes left in this home: store temps (``.tmp-*``),
        half-built registries, write probes, training's ``.adapter-tmp-*`` and export ``.staging-*``
        folders. Run with nothing else writing to the home: a live process's temp looks the same
        (each command's next start removes those of processes that are gone on its own)."""
        found = set(self.store.stale_temp())
        found.update(self.home.glob(".tmp-registry-*"))
        found.update(self.home.glob(".write-probe-*"))
        found.update(self.home.glob("training/*/.adapter-tmp-*"))
        found.update(self.home.glob("exports/*/.staging-*"))
        found.update(self.home.glob("publishing/.*.tmp-*"))
        from .publish import pending

        keep = {p.staging for p in pending(self)}  # a journal entry still needs those
        return sorted(p for p in found if p.resolve() not in keep)

    def remove_stale_temp(self, paths: list[Path]) -> None:
        """Remove what :meth:`stale_temp` listed (folders with their content)."""
        import shutil

        for p in paths:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)

    # ---- aliases ---------------------------------------------------------------------------

    def set_alias(self, family: str, alias: str, name: str, *, actor: str | None = None,
                  reason: str | None = None, action: str = "alias.set", extra: dict[str, Any] | None = None) -> None:
        """Point ``family@alias`` at model ``name`` (which must belong to ``family``)."""
        check_name(family, "family")
        check_name(alias, "alias")
        model = self.get_model(name)
        if model.family != family:
            raise InputError(f"model '{name}' belongs to family '{model.family}', not '{family}'")
        with self.transaction() as db:
            prev = self.alias_target(family, alias)
            db.execute(
                """INSERT INTO aliases (family, alias, model_id, updated_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (family, alias) DO UPDATE SET model_id = excluded.model_id,
                   updated_at = excluded.updated_at""",
                [family, alias, model.id, now()],
            )
            payload = {"model": name, "previous": prev.name if prev else None, "reason": reason}
            payload.update(extra or {})
            self.record_event(action, f"{family}@{alias}", payload, actor)

    def alias_target(self, family: str, alias: str) -> Model | None:
        """The model ``family@alias`` points at, or None."""
        rows = list(self.db.query("SELECT model_id FROM aliases WHERE family = ? AND alias = ?", [family, alias]))
        return self.get_model_by_id(rows[0]["model_id"]) if rows else None

    def aliases(self, family: str | None = None) -> list[tuple[str, str, str]]:
        """``(family, alias, model name)`` for every alias."""
        sql = ("SELECT a.family, a.alias, m.name FROM aliases a JOIN models m ON m.id = a.model_id"
               + (" WHERE a.family = ?" if family else "") + " ORDER BY a.family, a.alias")
        return [(r["family"], r["alias"], r["name"]) for r in self.db.query(sql, [family] if family else [])]


def _probe_writable(home: Path) -> None:
    """Fail early, before any write, if ``home`` cannot take new files (permissions, read-only or
    immutable file systems, which ``os.access`` does not see for root)."""
    import tempfile

    from .files import owned_prefix, sweep_stale

    try:
        fd, probe = tempfile.mkstemp(dir=home, prefix=owned_prefix(".write-probe-"))
    except OSError as exc:
        raise RegistryError(f"{home}: CHIROGATE_HOME is not writable ({exc.strerror})") from None
    os.close(fd)
    os.unlink(probe)
    sweep_stale(home, ".write-probe-*")  # probes of processes killed between these two lines


def _text_hash(text: str | None) -> str | None:
    from .hashing import hash_bytes

    return hash_bytes(text.encode("utf-8")) if text is not None else None
