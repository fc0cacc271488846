"""Shared helpers for the hand-written held-out v4 sets (labeller label-t).

Only writing and checking lives here; every case is a hand-typed literal in a _cases_*.py file.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write_jsonl(name, rows):
    """Write rows to HERE/name, one JSON object a line, UTF-8, no ASCII escaping (atomic)."""
    path = HERE / name
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def read_jsonl(name):
    with (HERE / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def check_unique(values, what):
    seen = set()
    for v in values:
        if v in seen:
            raise SystemExit(f"duplicate {what}: {v!r}")
        seen.add(v)


def fail(msg):
    raise SystemExit(f"check failed: {msg}")
