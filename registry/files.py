"""Writing a file so that a reader never sees half of it (a temp file beside it, then a rename),
and the temp names that say who made them, so that a later start can tell a killed process's
leftovers from a live process's work in progress.

Every temp file or folder chirogate makes in a shared place carries an owner tag right after its
prefix, ``p<pid>-h<host hash>-`` (``.tmp-p4242-h1a2b3c4d-x8f2k1``). :func:`stale_owned` picks,
among such names, those whose process is gone from this host; :func:`sweep_stale` removes them.
A name without a tag (older versions) or from another host is never taken as stale here: only
``chirogate registry verify --fix``, run with nothing else writing, removes those.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

def crash_point(step: str) -> None:
    """Kill this process with SIGKILL here when ``$CHIROGATE_CRASH_AT`` names ``step``: nothing runs
    after it (no ``finally``, no ``atexit``), as with ``kill -9`` or a power cut. The crash tests
    interrupt at a step they choose this way instead of racing a signal against the work."""
    if os.environ.get("CHIROGATE_CRASH_AT") == step:
        import signal
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)


_OWNER = re.compile(r"p(\d+)-h([0-9a-f]{8})-")


@functools.lru_cache(maxsize=1)
def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:8]


def owned_prefix(prefix: str) -> str:
    """``prefix`` followed by this process's owner tag (for ``tempfile.mkstemp``/``mkdtemp``)."""
    return f"{prefix}p{os.getpid()}-h{_host()}-"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (one of another user counts as alive)."""
    if pid <= 0:
        return True  # not a process id we could have written: never take it as gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def has_owner_tag(name: str) -> bool:
    """Whether ``name`` carries an owner tag (was made by :func:`owned_prefix`)."""
    return _OWNER.search(name) is not None


def owner_gone(name: str) -> bool:
    """True only when ``name`` carries an owner tag of this host whose process no longer exists."""
    m = _OWNER.search(name)
    if not m or m.group(2) != _host():
        return False
    pid = int(m.group(1))
    return pid != os.getpid() and not pid_alive(pid)


def stale_owned(directory: str | Path, pattern: str) -> list[Path]:
    """Entries of ``directory`` matching the glob ``pattern`` that a process now gone left behind."""
    d = Path(directory)
    try:
        return sorted(p for p in d.glob(pattern) if owner_gone(p.name))
    except OSError:
        return []


def remove_path(p: Path) -> None:
    """Remove a file, a link or a folder with its content (gone already: nothing to do)."""
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        p.unlink(missing_ok=True)


def sweep_stale(directory: str | Path, pattern: str, keep: set[Path] = frozenset()) -> list[Path]:
    """Remove what :func:`stale_owned` finds, except the resolved paths in ``keep`` (the next start
    of a command cleans up after a killed one); a place this process may not write is left alone.
    Returns what was removed."""
    removed = []
    for p in stale_owned(directory, pattern):
        if keep and p.resolve() in keep:
            continue
        try:
            remove_path(p)
        except OSError:
            continue
        removed.append(p)
    return removed


@contextmanager
def atomic_path(path: str | Path, *, mode: int | None = 0o644, prefix: str | None = None) -> Iterator[Path]:
    """A temp path beside ``path`` to write to (by us or by a library that takes a file name); when the
    block ends without an exception the temp file gets ``mode`` and is renamed onto ``path``
    (``os.replace``), else it is removed. So ``path`` is the old file or the whole new one, never a
    part. The directory must exist."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: output directory does not exist")
    tag = prefix or f".{path.name}.tmp-"
    sweep_stale(path.parent, f"{tag}*")  # left by a writer of this file that was killed
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=owned_prefix(tag))
    os.close(fd)
    try:
        yield Path(tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)  # the bytes reach the disk before the new name does (a power cut)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through :func:`atomic_path`, so a crash leaves the old file
    or the new one, never a part. The directory must exist: a missing one is an :class:`InputError`
    naming it."""
    with atomic_path(path, mode=None) as tmp:
        tmp.write_text(text, "utf-8")
    return Path(path)
