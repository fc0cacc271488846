"""Writing a file so that a reader never sees half of it: a temp file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError


@contextmanager
def atomic_path(path: str | Path, *, mode: int | None = 0o644, prefix: str | None = None) -> Iterator[Path]:
    """A temp path beside ``path`` to write to (by us or by a library that takes a file name); when the
    block ends without an exception the temp file gets ``mode`` and is renamed onto ``path``
    (``os.replace``), else it is removed. So ``path`` is the old file or the whole new one, never a
    part. The directory must exist."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: output directory does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.tmp-")
    os.close(fd)
    try:
        yield Path(tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through :func:`atomic_path`, so a crash leaves the old file
    or the new one, never a part. The directory must exist: a missing one is an :class:`InputError`
    naming it."""
    with atomic_path(path, mode=None, prefix=f".{Path(path).name}.") as tmp:
        tmp.write_text(text, "utf-8")
    return Path(path)
