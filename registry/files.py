"""Writing a file so that a reader never sees half of it: a temp file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temp file in the same directory and
    ``os.replace``, so a crash leaves the old file or the new one, never a part. The directory
    must exist: a missing one is an :class:`InputError` naming it."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: output directory does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
