"""``chirogate.toml``: one section per concern, each validated into its owner's dataclass.

The file is found at ``--config PATH``, else ``$CHIROGATE_CONFIG``, else ``./chirogate.toml``;
without one, every section takes its defaults (the clinic's targets). A module that
owns a section defines a dataclass with defaults and help text and calls
:meth:`Config.section`; a wrong type or value is a :class:`ConfigError` naming the
file, line and field, and an unknown key is a warning, not silence. A check that needs
the rest of the file (a gate name that may be a ``[gates.custom]`` gate) is the
dataclass's method ``check_with(config, section)``, which ``section`` calls.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import typing
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError

T = TypeVar("T")
DEFAULT_NAME = "chirogate.toml"


@dataclass
class Config:
    """Parsed ``chirogate.toml`` (raw sections; typed on demand by :meth:`section`)."""

    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    def section(self, name: str, cls: type[T]) -> T:
        """Section ``[name]`` (dotted for nested tables) as an instance of dataclass ``cls``."""
        raw: Any = self.data
        for part in name.split("."):
            raw = raw.get(part, {}) if isinstance(raw, dict) else {}
        if not isinstance(raw, dict):
            raise ConfigError(f"{self._where(name, None)}: section [{name}] must be a table")
        hints = typing.get_type_hints(cls)
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs = {}
        for key, value in raw.items():
            if key not in known:
                warnings.warn(f"{self._where(name, key)}: unknown key '{key}' in [{name}] ignored", stacklevel=2)
                continue
            if isinstance(value, dict) and dataclasses.is_dataclass(hints.get(key)):
                continue  # nested table: its owner reads it with its own section() call
            kwargs[key] = _check_type(value, hints[key], lambda: self._where(name, key), f"{name}.{key}")
        try:
            obj = cls(**kwargs)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{self._where(name, None)}: [{name}]: {exc}") from None
        check = getattr(obj, "check_with", None)
        if callable(check):
            check(self, name)  # what needs the whole file: e.g. gate names against [gates.custom]
        return obj

    def _where(self, section: str, key: str | None) -> str:
        """``file:line`` of ``key`` in ``[section]`` (or of the section header)."""
        if self.path is None:
            return "<defaults>"
        line = _find_line(self.text, section, key)
        return f"{self.path}:{line}" if line else str(self.path)


def load_config(path: str | Path | None = None) -> Config:
    """Load the config file (explicit path, ``$CHIROGATE_CONFIG`` or ``./chirogate.toml``)."""
    explicit = path or os.environ.get("CHIROGATE_CONFIG")
    p = Path(explicit) if explicit else Path(DEFAULT_NAME)
    if not p.exists() and not p.is_symlink():
        if explicit:
            raise ConfigError(f"{p}: config file does not exist")
        return Config()
    from registry.errors import InputError
    from registry.jsonl import read_text_file

    try:
        text = read_text_file(p, missing="config file does not exist")
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: invalid TOML: {exc}") from None
    return Config(p, data, text)


def as_config(config: "Config | str | os.PathLike | None") -> Config:
    """``config`` itself when it is a :class:`Config`, else the file it names loaded (None: the default file)."""
    return config if isinstance(config, Config) else load_config(config)


def _check_type(value: Any, hint: Any, where, field_name: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    ok: bool
    if hint is Any:
        ok = True
    elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        ok = any(_matches(value, a) for a in args)
    else:
        ok = _matches(value, hint)
    if not ok:
        raise ConfigError(f"{where()}: field '{field_name}': expected {_name(hint)}, got {value!r}")
    if hint is float and isinstance(value, int):
        return float(value)
    if origin is tuple and isinstance(value, list):
        return tuple(value)
    return value


def _matches(value: Any, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return isinstance(value, list) and all(any(_matches(v, a) for a in args) for v in value) if args else isinstance(value, list)
    if origin is dict:
        return isinstance(value, dict)
    if typing.get_origin(hint) is typing.Literal:
        return value in typing.get_args(hint)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _find_line(text: str, section: str, key: str | None) -> int | None:
    header = re.compile(r"^\s*\[\s*" + re.escape(section) + r"\s*\]\s*(#.*)?$")
    any_header = re.compile(r"^\s*\[")
    in_section = False
    for i, line in enumerate(text.splitlines(), 1):
        if header.match(line):
            if key is None:
                return i
            in_section = True
            continue
        if in_section and any_header.match(line):
            in_section = False
        if in_section and re.match(r"^\s*" + re.escape(key) + r"\s*=", line):
            return i
    return None
