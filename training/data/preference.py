"""The preference split of a prepared dataset: DPO pairs (prompt, chosen, rejected) beside the SFT rows.

``data prepare`` keeps a DPO record's rejected answer (scrubbed like the rest) on its row; this
module turns those rows into ``preference_<split>.jsonl`` in trl's conversational preference
format, ``{"id", "prompt": [system, user ...], "chosen": [assistant], "rejected": [assistant]}``,
in the same split as the row (so the leakage check covers them), and reads them back for DPO.
"""

from __future__ import annotations

from pathlib import Path

from registry.errors import InputError
from registry.jsonl import read_jsonl

from . import SPLITS


def preference_row(row: dict) -> dict | None:
    """The preference pair of one prepared row, or None when the row has no rejected answer."""
    rejected = row.get("rejected")
    if rejected is None:
        return None
    prompt = [m for m in row["messages"] if m["role"] != "assistant"]
    chosen = [m for m in row["messages"] if m["role"] == "assistant"][-1:]
    return {"id": row["id"], "prompt": prompt, "chosen": chosen,
            "rejected": [{"role": "assistant", "content": rejected}]}


def preference_split(rows: list[dict]) -> list[dict]:
    """The preference pairs of one split's rows, in row order."""
    return [p for p in (preference_row(r) for r in rows) if p is not None]


def load_preference(directory: str | Path, split: str) -> list[dict]:
    """The pairs of ``preference_<split>.jsonl`` of a prepared dataset; a dataset without DPO records
    has none (an :class:`InputError` that says so), a malformed line names file and line."""
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    f = Path(directory) / f"preference_{split}.jsonl"
    if not f.is_file():
        raise InputError(f"{f}: no preference split: the dataset was prepared from files without DPO records "
                         "(prompt/chosen/rejected or messages/chosen/rejected)")
    out = []
    for i, row in read_jsonl(f):
        for key in ("prompt", "chosen", "rejected"):
            if not isinstance(row.get(key), list) or not row[key]:
                raise InputError.at(f, "expected a non-empty list of messages", line=i, field=key)
        out.append(row)
    return out
