"""Training data: synthetic corpus (synth), formats (formats), quality checks (checks), preparation
(prepare: scrub, ChatML, dedupe, split, card) and reading a prepared dataset (:func:`load_split`)."""

from __future__ import annotations

from pathlib import Path

from registry.errors import InputError
from registry.jsonl import read_jsonl

SPLITS = ("train", "validation", "test")


def load_split(directory: str | Path, split: str) -> list[dict]:
    """The rows of ``split`` (train, validation or test) of a prepared dataset directory.

    Each row is ``{"id", "messages", "doc_type", "region", "severity", "source"}``; a malformed
    line is an :class:`InputError` naming file and line."""
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    f = Path(directory) / f"{split}.jsonl"
    if not f.is_file():
        raise InputError(f"{f}: no such split file (see: chirogate data prepare)")
    rows = []
    for i, row in read_jsonl(f):
        if not isinstance(row.get("messages"), list):
            raise InputError.at(f, "expected an object with a list of messages", line=i, field="messages")
        rows.append(row)
    return rows
