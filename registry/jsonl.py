"""Reading JSONL input files with errors a person can act on (file, line, what is wrong)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError


def read_jsonl(path: str | Path, *, missing: str = "file does not exist") -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` for every non-blank line of the JSONL file ``path``.

    A missing or non-UTF-8 file, a line that is not JSON and a line that is not a JSON object are
    :class:`InputError` naming the file (and line); the whole file is decoded before the first
    object is yielded."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise InputError(f"{p}: {missing}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError.at(p, f"invalid JSON ({exc.msg}, column {exc.colno})", line=lineno) from None
        if not isinstance(obj, dict):
            raise InputError.at(p, "expected a JSON object", line=lineno)
        yield lineno, obj
