"""One content-hash function for artifacts, cache keys and suite hashes alike.

Hashes are written ``sha256:<hex>``. Structured values are hashed over one canonical
JSON form (sorted keys, compact separators, UTF-8 without escaping) so that the
same value always gives the same key, whichever process computed it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

PREFIX = "sha256:"
_CHUNK = 1 << 20


def canonical_json(value: Any) -> str:
    """Return the canonical JSON text of ``value`` (sorted keys, compact, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "__dataclass_fields__"):
        import dataclasses

        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot hash a value of type {type(value).__name__}")


def hash_bytes(data: bytes) -> str:
    """``sha256:<hex>`` of raw bytes."""
    return PREFIX + hashlib.sha256(data).hexdigest()


def hash_value(value: Any) -> str:
    """``sha256:<hex>`` of the canonical JSON form of ``value``."""
    return hash_bytes(canonical_json(value).encode("utf-8"))


def hash_file(path: str | Path) -> str:
    """``sha256:<hex>`` of a file's bytes, read in chunks (GGUF files can be large)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return PREFIX + h.hexdigest()


def hex_of(digest: str) -> str:
    """The bare hex part of a ``sha256:<hex>`` digest."""
    return digest[len(PREFIX):] if digest.startswith(PREFIX) else digest


_FILE_HASHES: dict[tuple, str] = {}


def hash_file_cached(path: str | Path) -> str:
    """:func:`hash_file`, remembered for this process by device, inode, mtime and size: a backend
    re-checks the file it loads on every session without re-reading unchanged gigabytes (a
    replaced or rewritten file gets a new inode or mtime and is hashed again)."""
    import os

    st = os.stat(path)
    key = (str(path), st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)
    if key not in _FILE_HASHES:
        _FILE_HASHES[key] = hash_file(path)
    return _FILE_HASHES[key]
