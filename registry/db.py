"""Opening the registry database: WAL, busy timeout, schema migrations.

The registry is one SQLite file. It is opened in autocommit mode so that every
write goes through :func:`write_transaction`, which takes the write lock up
front (``BEGIN IMMEDIATE``): with WAL, a deferred transaction that later tries
to write can fail at once with "database is locked" instead of waiting, which
would break concurrent registrations from several processes.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from .errors import RegistryError
from .migrations import RENAMED, known_names, migrations

BUSY_TIMEOUT_MS = 60_000
_SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = migrations.migrations_table


def open_db(path: Path) -> Database:
    """Open (creating if needed) the registry at ``path`` and bring its schema up to date.

    Raises :class:`RegistryError` when the file is empty (a new registry is created whole, never
    as an empty file, so an empty one is damage), is not a SQLite database, fails ``PRAGMA
    quick_check``, holds tables chirogate did not create, was written by a newer chirogate
    (unknown migrations), or cannot be opened for writing. Nothing is ever re-created silently.
    """
    path = Path(path)
    try:
        if path.exists():
            _check_header(path)
        else:
            _create(path)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except OSError as exc:
        raise RegistryError(f"{path}: cannot open registry database: {exc.strerror or exc}") from None
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{path}: cannot open registry database: {exc}") from None
    db = Database(conn)
    try:
        _check_health(db, path)  # before anything is written, even the journal mode
        try:
            _enable_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise RegistryError(f"{path}: cannot open registry database: {exc}") from None
        _migrate(db, path)
    except BaseException:
        conn.close()
        raise
    return db


def _check_header(path: Path) -> None:
    if path.is_dir():
        raise RegistryError(f"{path}: is a directory, not a registry database")
    if path.stat().st_size == 0:
        raise RegistryError(f"{path}: registry database is empty (0 bytes), so it was damaged (chirogate creates "
                            "it whole); restore it from a backup, or move it away to start a new registry")
    with open(path, "rb") as f:
        if f.read(16) != _SQLITE_HEADER:
            raise RegistryError(f"{path}: not a SQLite database (is CHIROGATE_HOME pointing at the right place?)")


def _create(path: Path) -> None:
    """Create a new registry whole: build it in a temp file, then link it into place (an existing
    file wins: several processes may create the same new registry at once)."""
    import os
    import tempfile

    from .files import owned_prefix, sweep_stale

    sweep_stale(path.parent, ".tmp-registry-*")  # a creation killed half-way (with its -wal/-shm)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=owned_prefix(".tmp-registry-"), suffix=".db")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            _migrate(Database(conn), path)
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first; use theirs
        except OSError:  # a file system without hard links: a rename, which cannot refuse an existing file
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(tmp + suffix).unlink(missing_ok=True)


def _tables(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}


_expected: set[str] | None = None


def expected_tables() -> set[str]:
    """The tables chirogate's migrations create (computed once on an in-memory database)."""
    global _expected
    if _expected is None:
        mem = Database(sqlite3.connect(":memory:", isolation_level=None))
        migrations.apply(mem)
        _expected = _tables(mem)
        mem.conn.close()
    return _expected


def _check_health(db: Database, path: Path) -> None:
    """Refuse a damaged file or another program's database before anything is written to it."""
    try:
        rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
        tables = _tables(db)
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{path}: registry database is damaged ({exc}); restore it from a backup") from None
    if rows != ["ok"]:
        raise RegistryError(f"{path}: registry database is damaged (quick_check: {rows[0][:120]}); "
                            "restore it from a backup")
    if not tables:
        return  # a blank SQLite file: nothing to protect yet
    if MIGRATIONS_TABLE not in tables:
        raise RegistryError(f"{path}: holds tables chirogate did not create ({', '.join(sorted(tables)[:5])}): "
                            "not a chirogate registry; point CHIROGATE_HOME elsewhere")
    foreign = sorted(tables - expected_tables())
    if foreign:
        raise RegistryError(f"{path}: holds tables chirogate did not create ({', '.join(foreign[:5])}); "
                            "remove them or restore the registry from a backup")


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (persistent in the file). Switching needs a moment of exclusive access,
    and SQLite does not call the busy handler for it, so several processes opening a new
    registry at once retry here instead of failing with "database is locked"."""
    import random
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _rename_applied(db: Database, path: Path) -> None:
    """Rewrite the recorded names of renamed migrations (:data:`registry.migrations.RENAMED`)."""
    applied = {m.name for m in migrations.applied(db)}
    if not applied & RENAMED.keys():
        return
    try:
        with write_transaction(db):
            for old, new in RENAMED.items():
                db.execute("UPDATE _sqlite_migrations SET name = ? WHERE migration_set = ? AND name = ?",
                           [new, migrations.name, old])
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{path}: cannot rename recorded migrations: {exc}") from None


def _migrate(db: Database, path: Path) -> None:
    _rename_applied(db, path)
    known = set(known_names())
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise RegistryError(
            f"{path}: registry schema is newer than this chirogate (unknown migration "
            f"'{unknown[-1]}'); upgrade chirogate to open it"
        )
    if len(applied) == len(known):
        return
    try:
        with write_transaction(db):
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {len(known)}")
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{path}: cannot migrate registry schema: {exc}") from None


def schema_version(db: Database) -> int:
    """Number of migrations applied to ``db``."""
    return len(migrations.applied(db))


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One write transaction holding the write lock from its start.

    Nested use becomes a savepoint, so a public method can open the transaction
    and call helpers that open their own.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise RegistryError(f"registry is busy or read-only: {exc}") from None
    try:
        yield db
    except BaseException as exc:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        if _read_only(exc):  # the file (or its folder) lets us read but not write: one line, not a traceback
            raise RegistryError(f"{_db_file(db)}: the registry database is read-only ({exc}); nothing was written") \
                from None
        raise
    else:
        db.conn.execute("COMMIT")


def _read_only(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY") or "readonly database" in str(exc))


def _db_file(db: Database) -> str:
    try:
        return db.conn.execute("PRAGMA database_list").fetchone()[2] or "registry"
    except sqlite3.Error:
        return "registry"
