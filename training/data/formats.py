"""Reading raw training files in every format the clinic has: one :class:`RawRecord` per example.

Formats (detected per record; one file must hold one format):

- ``prompt_response``: JSONL ``{"prompt", "response"}``, optionally ``"system"``: the system prompt the
  example was written under (without it, ``data prepare`` uses the one of its document type);
- ``prompt_completion``: JSONL ``{"prompt", "completion"}`` (message templates may hold ``{{...}}``),
  optionally ``"system"`` as above;
- ``chatml``: JSONL ``{"messages": [{"role", "content"}, ...]}``;
- ``dpo``: JSONL ``{"prompt": str | messages, "chosen", "rejected"}`` or ``{"messages", "chosen", "rejected"}``
  (chosen and rejected each a string or messages whose last assistant turn is the answer; the chosen
  answer is the SFT target, and :attr:`RawRecord.rejected` keeps the other for the preference split);
- ``alpaca``: a JSON array of ``{"instruction", "input", "output"}``.

One JSONL file may mix formats (clinic exports do: ChatML next to DPO pairs); each record is read by
its own shape. Optional metadata on any record: ``id``, ``doc_type``, ``region``, ``severity``, ``template`` (bool),
``canary`` (``{"id", "prefix", "secret"}``). Bad input (malformed JSON, wrong types, unknown or
empty files, non-UTF-8 bytes) is an :class:`InputError` naming file, line and field,
or, with ``skip_invalid``, an :class:`Invalid` entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from registry.errors import InputError

FORMATS = ("prompt_response", "prompt_completion", "chatml", "dpo", "alpaca")
ROLES = ("system", "user", "assistant")
META_STR = ("id", "doc_type", "region", "severity")


@dataclass
class RawRecord:
    """One example as read: where it came from, its format, its conversation and its metadata."""

    file: str
    line: int
    format: str
    messages: list[dict]
    meta: dict = field(default_factory=dict)
    rejected: str | None = None
    """The rejected answer of a DPO pair (None for every other format)."""

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"

    def content(self, role: str) -> str:
        """All turns of ``role`` joined by a blank line."""
        return "\n\n".join(m["content"] for m in self.messages if m["role"] == role)


@dataclass(frozen=True)
class Invalid:
    """A line that could not be read (kept for the card with ``--skip-invalid``)."""

    file: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        f = f": field '{self.field}'" if self.field else ""
        return f"{self.file}:{self.line}{f}: {self.message}"


class _Bad(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def detect(obj: object) -> str:
    """The format of one parsed record, or raise ``_Bad`` naming what is wrong."""
    if not isinstance(obj, dict):
        raise _Bad(f"expected a JSON object, got {type(obj).__name__}")
    keys = set(obj)
    if {"chosen", "rejected"} <= keys:
        return "dpo"  # before "messages": {messages, chosen, rejected} is a preference pair, not ChatML
    if "messages" in keys:
        return "chatml"
    if "instruction" in keys and "output" in keys:
        return "alpaca"
    if "prompt" in keys and "response" in keys:
        return "prompt_response"
    if "prompt" in keys and "completion" in keys:
        return "prompt_completion"
    raise _Bad(f"unknown format (keys: {', '.join(sorted(keys)) or 'none'}); expected one of "
               "prompt/response, prompt/completion, messages, prompt/chosen/rejected, instruction/input/output")


def _text(obj: dict, key: str, *, required: bool = True) -> str:
    v = obj.get(key)
    if v is None and not required:
        return ""
    if not isinstance(v, str):
        raise _Bad(f"expected a string, got {type(v).__name__ if v is not None else 'nothing'}", key)
    return v


def _messages(value: object, key: str) -> list[dict]:
    if not isinstance(value, list):
        raise _Bad(f"expected a list of messages, got {type(value).__name__}", key)
    out = []
    for i, m in enumerate(value):
        if not isinstance(m, dict):
            raise _Bad(f"message {i} is not an object", key)
        role, content = m.get("role"), m.get("content")
        if role not in ROLES:
            raise _Bad(f"message {i} has role {role!r}; expected one of {', '.join(ROLES)}", f"{key}[{i}].role")
        if not isinstance(content, str):
            raise _Bad(f"message {i} content must be a string, got {type(content).__name__}",
                       f"{key}[{i}].content")
        out.append({"role": role, "content": content})
    return out


def _answer(value: object, key: str) -> str:
    """A DPO answer: a string or a message list whose last assistant turn is the answer."""
    if isinstance(value, str):
        return value
    msgs = _messages(value, key)
    answers = [m["content"] for m in msgs if m["role"] == "assistant"]
    if not answers:
        raise _Bad("has no assistant message", key)
    return answers[-1]


def convert(obj: dict, fmt: str) -> tuple[list[dict], dict]:
    """``(messages, meta)`` of one record of format ``fmt`` (raise ``_Bad`` on wrong field types); a DPO
    record's rejected answer is in ``meta["rejected"]``."""
    if fmt == "chatml":
        msgs = _messages(obj["messages"], "messages")
    elif fmt in ("prompt_response", "prompt_completion"):
        answer_key = "response" if fmt == "prompt_response" else "completion"
        msgs = [{"role": "user", "content": _text(obj, "prompt")},
                {"role": "assistant", "content": _text(obj, answer_key)}]
        system = _text(obj, "system", required=False)
        if system.strip():
            msgs.insert(0, {"role": "system", "content": system})
    elif fmt == "dpo":
        key = "messages" if "messages" in obj else "prompt"
        prompt = obj.get(key)
        msgs = [{"role": "user", "content": prompt}] if isinstance(prompt, str) else \
            [m for m in _messages(prompt, key) if m["role"] != "assistant"]
        msgs.append({"role": "assistant", "content": _answer(obj["chosen"], "chosen")})
        rejected = _answer(obj["rejected"], "rejected")
    elif fmt == "alpaca":
        instruction, inp = _text(obj, "instruction"), _text(obj, "input", required=False)
        user = f"{instruction}\n\n{inp}" if inp.strip() else instruction
        msgs = [{"role": "user", "content": user}, {"role": "assistant", "content": _text(obj, "output")}]
    else:  # pragma: no cover - detect() returns only known formats
        raise _Bad(f"unknown format {fmt}")
    meta: dict = {"rejected": rejected} if fmt == "dpo" else {}
    for key in META_STR:
        if key in obj and obj[key] is not None:
            if not isinstance(obj[key], str):
                raise _Bad(f"expected a string, got {type(obj[key]).__name__}", key)
            meta[key] = obj[key]
    if "template" in obj:
        if not isinstance(obj["template"], bool):
            raise _Bad(f"expected true or false, got {type(obj['template']).__name__}", "template")
        meta["template"] = obj["template"]
    if isinstance(obj.get("canary"), dict):
        c = obj["canary"]
        if not all(isinstance(c.get(k), str) for k in ("id", "prefix", "secret")):
            raise _Bad("expected {id, prefix, secret} strings", "canary")
        meta["canary"] = {k: c[k] for k in ("id", "prefix", "secret")}
    return msgs, meta


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError.at(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                            line=line) from None


def _array_items(text: str, path: Path) -> list[tuple[int, object]]:
    """``(line, element)`` of a top-level JSON array, with the line where each element starts."""
    dec = json.JSONDecoder()
    i = text.index("[") + 1
    items = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i < n and text[i] == "]":
            break
        line = text.count("\n", 0, i) + 1
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise InputError.at(path, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
        items.append((line, obj))
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i < n and text[i] == ",":
            i += 1
        elif i < n and text[i] == "]":
            break
        else:
            raise InputError.at(path, "invalid JSON: expected ',' or ']' in the array", line=text.count("\n", 0, i) + 1)
    return items


def read_file(path: str | Path, *, skip_invalid: bool = False) -> tuple[str, list[RawRecord], list[Invalid]]:
    """``(format, records, invalid)`` of one raw file.

    A JSON array file is Alpaca; anything else is JSONL (one object per non-blank line). Without
    ``skip_invalid`` the first bad line raises :class:`InputError` (file:line: field: what); with it,
    bad lines are returned in ``invalid``. An empty file always raises. ``format`` is the one format
    of the file, or ``mixed (a, b)`` when its records come in several shapes."""
    p = Path(path)
    text = _decode(p)
    name = str(path)
    if not text.strip():
        raise InputError(f"{name}: empty file (no records)")
    stripped = text.lstrip()
    if stripped.startswith("["):
        items = _array_items(text, p)
        if not items:
            raise InputError(f"{name}: empty JSON array (no records)")
        entries = [(line, obj, None) for line, obj in items]
    else:
        entries = []
        for i, raw in enumerate(text.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                entries.append((i, json.loads(raw), None))
            except json.JSONDecodeError as exc:
                entries.append((i, None, f"invalid JSON: {exc.msg} (column {exc.colno})"))
    records: list[RawRecord] = []
    invalid: list[Invalid] = []
    formats: dict[str, int] = {}
    for line, obj, err in entries:
        try:
            if err:
                raise _Bad(err)
            fmt = detect(obj)
            if stripped.startswith("[") and fmt != "alpaca":
                raise _Bad(f"a JSON array file must hold Alpaca records, this one is {fmt}")
            msgs, meta = convert(obj, fmt)
        except _Bad as bad:
            if not skip_invalid:
                raise InputError.at(name, str(bad), line=line, field=bad.field) from None
            invalid.append(Invalid(name, line, bad.field, str(bad)))
            continue
        formats.setdefault(fmt, line)
        rejected = meta.pop("rejected", None)
        records.append(RawRecord(name, line, fmt, msgs, meta, rejected))
    if not records:
        raise InputError(f"{name}: no valid records ({len(invalid)} invalid)")
    fmt = next(iter(formats)) if len(formats) == 1 else f"mixed ({', '.join(formats)})"
    return fmt, records, invalid
