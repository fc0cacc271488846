"""Reading user-supplied text and JSONL files with errors a person can act on (file, line, what is wrong).

One rule for a UTF-8 byte order mark, everywhere a person hands chirogate a text file (cases,
configs, system prompts, score input, raw data): a leading BOM is accepted and dropped, because
Windows editors write one and it carries no content; any other non-UTF-8 byte is refused.
"""

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
    text = read_text_file(p, missing=missing)
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


def read_text_file(path: str | Path, *, missing: str = "file does not exist") -> str:
    """The UTF-8 text of a user-supplied file, a leading BOM dropped.

    A missing file, a folder, a symlink loop, an unreadable file (permissions) or bytes that are
    not UTF-8 are :class:`InputError` naming the path, never a traceback."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: {missing}") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, not a file") from None
    except OSError as exc:  # permissions, symlink loops, I/O errors
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError.at(p, f"not UTF-8 text (byte {exc.start})", line=line) from None
