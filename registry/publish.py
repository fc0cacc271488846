"""Registering and publishing as one step, so that a kill between the two leaves both or neither.

What ``chirogate data prepare --out DIR``, ``chirogate export`` and ``chirogate review export``
make is registered from its
staging place first and only then moved to where the user asked for it. Before the registry
commit, a journal entry under ``<home>/publishing/`` says what is to be moved and what in the
registry proves the commit happened. If the process dies after the commit, the next start of
the same command (or ``chirogate registry verify --fix``) finishes the moves; if it died before,
the staging is removed and nothing is registered. Either way no registered dataset is left
without its folder and no folder is left that the registry does not hold.

The journal's file name carries its writer's owner tag (:mod:`registry.files`): only entries of
processes that are gone are recovered at a start; a live process's publication is left alone.

``CHIROGATE_CRASH_AT=<step>`` makes the process kill itself (SIGKILL) at a named step
(:func:`registry.files.crash_point`): ``dataset.written``, ``dataset.staged``,
``dataset.registered``, ``dataset.moving``, ``export.staged``, ``export.registered``,
``export.moving``, ``review.staged``, ``review.registered``, ``review.moving``, ``store.copying``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .core import Registry
from .files import (crash_point, has_owner_tag, owned_prefix, owner_gone, remove_path, sweep_stale,
                    write_text_atomic)

JOURNAL_DIR = "publishing"


@dataclass(frozen=True)
class Publication:
    """One journal entry: move ``moves`` (source, destination) once ``proof`` is in the registry."""

    journal: Path
    kind: str
    staging: Path
    moves: tuple[tuple[Path, Path], ...]
    proof: dict
    replace: bool
    """Destinations may be replaced (an export's files); otherwise only a missing or empty folder is."""

    @classmethod
    def load(cls, journal: Path) -> "Publication":
        """Read an entry; one that names a staging folder chirogate did not make (no owner tag) or
        moves from outside it is refused (ValueError): recovery removes and moves only its own."""
        d = json.loads(journal.read_text("utf-8"))
        staging = Path(d["staging"])
        moves = tuple((Path(s), Path(t)) for s, t in d["moves"])
        if not has_owner_tag(staging.name) or any(s != staging and staging not in s.parents for s, _ in moves):
            raise ValueError(f"{journal}: not a journal entry chirogate wrote")
        return cls(journal, d["kind"], staging, moves, d["proof"], bool(d.get("replace")))

    def describe(self) -> str:
        what = self.proof["row"][1] if "row" in self.proof else self.proof.get("subject", "?")
        return f"{self.kind} {what} -> {', '.join(str(t) for _, t in self.moves[:1])}" + \
            (f" (+{len(self.moves) - 1} more)" if len(self.moves) > 1 else "")


def begin(reg: Registry, kind: str, staging: Path, moves: list[tuple[Path, Path]], proof: dict, *,
          replace: bool = False) -> Publication:
    """Write the journal entry (before the registry commit it describes). ``proof``: ``{"row":
    [table, key]}`` (committed once that row exists; tables in :data:`PROOF_ROWS`) or ``{"event":
    action, "subject": name}`` (committed once such an event names this entry as
    ``payload.publication``)."""
    d = reg.home / JOURNAL_DIR
    d.mkdir(parents=True, exist_ok=True)
    journal = d / f"{owned_prefix(kind + '-')}{secrets.token_hex(4)}.json"
    if "event" in proof:  # the commit's audit event names this entry: proof that it happened
        proof = {**proof, "publication": journal.stem}
    body = {"kind": kind, "staging": str(Path(staging).resolve()), "proof": proof, "replace": replace,
            "moves": [[str(Path(s).resolve()), str(Path(t).resolve())] for s, t in moves]}
    write_text_atomic(journal, json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    return Publication.load(journal)


#: The rows whose presence proves a commit: table -> key column (names never come from a journal).
PROOF_ROWS = {"datasets": "fingerprint", "review_packets": "packet_id"}


def committed(reg: Registry, pub: Publication) -> bool:
    """Whether the registry holds what the publication registers."""
    if "row" in pub.proof:
        table, value = pub.proof["row"]
        if table not in PROOF_ROWS:
            raise ValueError(f"{pub.journal}: unknown proof table {table!r}")
        return bool(reg.db[table].count_where(f"{PROOF_ROWS[table]} = ?", [value]))
    rows = reg.db.execute("SELECT 1 FROM events WHERE action = ? AND subject = ? "
                          "AND json_extract(payload, '$.publication') = ? LIMIT 1",
                          [pub.proof["event"], pub.proof["subject"], pub.proof["publication"]]).fetchall()
    return bool(rows)


def finish(pub: Publication) -> None:
    """Move what is still in staging into place, then drop the staging and the journal entry."""
    for n, (src, dest) in enumerate(pub.moves):
        if not src.exists() and not src.is_symlink():
            continue  # moved before the kill
        if dest.is_dir() and not dest.is_symlink():
            if pub.replace:
                shutil.rmtree(dest)
            elif not any(dest.iterdir()):
                dest.rmdir()
            else:
                raise FileExistsError(f"{dest}: not empty, so the {pub.kind} was not moved there "
                                      f"(it is kept at {src})")
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dest)
        if n == 0:
            crash_point(f"{pub.kind}.moving")
    remove_path(pub.staging)
    pub.journal.unlink(missing_ok=True)


def abort(pub: Publication) -> None:
    """Nothing was registered: remove the staging and the journal entry."""
    remove_path(pub.staging)
    pub.journal.unlink(missing_ok=True)


def settle(reg: Registry, pub: Publication) -> None:
    """After a failure in the registration step: finish the publication if the commit happened
    all the same (the failure came after it), else undo it. A move that fails leaves the journal
    entry for the next start."""
    try:
        done = committed(reg, pub)
    except Exception:  # the registry itself failed: the next start decides
        return
    if not done:
        abort(pub)
        return
    try:
        finish(pub)
    except OSError:
        pass


def pending(reg: Registry) -> list[Publication]:
    """Every journal entry in the registry home (readable ones), oldest name first."""
    d = reg.home / JOURNAL_DIR
    out = []
    for j in sorted(d.glob("*.json")) if d.is_dir() else []:
        try:
            out.append(Publication.load(j))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a half-written entry cannot exist (atomic write); an unreadable one is left for verify
    return out


def recover(reg: Registry, kind: str | None = None, *, every_owner: bool = False,
            log: Callable[[str], None] | None = None) -> list[str]:
    """Finish (registered) or undo (not registered) the publications of processes that are gone
    (``every_owner``: all of them, for ``registry verify --fix`` run with nothing else writing).
    Returns one line per publication handled, also given to ``log`` (default: stderr)."""
    log = log or (lambda line: print(line, file=sys.stderr))
    lines = []
    for pub in pending(reg):
        if kind is not None and pub.kind != kind:
            continue
        if not every_owner and not owner_gone(pub.journal.name):
            continue
        try:
            if committed(reg, pub):
                finish(pub)
                line = f"finished an interrupted publication: {pub.describe()}"
            else:
                abort(pub)
                line = f"removed an interrupted publication that was never registered: {pub.describe()}"
        except (OSError, ValueError) as exc:
            line = f"cannot finish the interrupted publication {pub.journal.name}: {exc}"
        lines.append(line)
        log(line)
    return lines


def sweep_staging(reg: Registry | None, directory: Path, pattern: str) -> list[Path]:
    """Remove staging folders of processes that are gone (killed before their journal entry was
    written), keeping any that a journal entry still names. Returns what was removed."""
    return sweep_stale(directory, pattern, keep={p.staging for p in pending(reg)} if reg is not None else set())


def clean_start(kind: str, directory: Path, pattern: str, reg: Registry | None = None) -> list[str]:
    """What a publishing command does first: finish or undo the publications of ``kind`` that killed
    processes left, then remove their staging folders (``pattern`` in ``directory``) that no journal
    entry names. Without ``reg`` the registry is opened only if there is a journal to look at."""
    from .core import default_home

    opened = None
    if reg is None and (default_home() / JOURNAL_DIR).is_dir():
        reg = opened = Registry()
    try:
        lines = recover(reg, kind) if reg is not None else []
        sweep_staging(reg, Path(directory), pattern)
    finally:
        if opened is not None:
            opened.close()
    return lines
