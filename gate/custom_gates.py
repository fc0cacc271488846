"""A clinic's own gates: loaded from ``chirogate.gates`` entry points and ``[gates.custom]``.

Either way names a *factory*: a function without arguments that returns a
:class:`gate.gates.Gate`. An installed package declares it in its ``pyproject.toml``::

    [project.entry-points."chirogate.gates"]
    signoff = "clinic_gates:signoff_gate"

or a clinic names it in chirogate.toml (the module must be importable)::

    [gates.custom]
    signoff = "clinic_gates:signoff_gate"

The key (entry-point name or ``[gates.custom]`` key) must be the gate's name. Its
threshold is read from ``[gates]`` under its metric like any other gate's. The source of
the factory's module (and of every module the record lists in ``code``) enters the suite
hash, so changing the gate's code invalidates old evidence.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .config import Config
from .errors import ChirogateError, ConfigError

ENTRY_POINT_GROUP = "chirogate.gates"


def _load(ref: str, where: str):
    """The Gate from ``module:factory``; any problem is a :class:`ConfigError` naming ``where``."""
    from .gates import BUILTIN, Gate

    module, sep, attr = ref.partition(":")
    if not sep or not module or not attr:
        raise ConfigError(f"{where}: expected 'module:factory', got {ref!r}")
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - the clinic's module may fail in any way: one line, named
        raise ConfigError(f"{where}: cannot import module '{module}': {type(exc).__name__}: {exc}") from None
    factory = getattr(mod, attr, None)
    if not callable(factory):
        raise ConfigError(f"{where}: module '{module}' has no callable '{attr}'")
    try:
        gate = factory()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {ref} failed: {exc}") from None
    if not isinstance(gate, Gate):
        raise ConfigError(f"{where}: {ref} returned {type(gate).__name__}, not a gate.gates.Gate")
    if gate.name in BUILTIN:
        raise ConfigError(f"{where}: gate name '{gate.name}' is a built-in gate's")
    code = tuple(dict.fromkeys((module, *gate.code)))
    return dataclasses.replace(gate, code=code)


@lru_cache(maxsize=1)
def _entry_point_gates() -> tuple:
    out = []
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = getattr(ep.dist, "name", None) or "?"
        gate = _load(ep.value, f"entry point '{ep.name}' ({ENTRY_POINT_GROUP}, package {dist})")
        if gate.name != ep.name:
            raise ConfigError(f"entry point '{ep.name}' ({ENTRY_POINT_GROUP}, package {dist}): the gate it returns "
                              f"is called '{gate.name}'; name the entry point after the gate")
        out.append(gate)
    return tuple(out)


def custom_gates(config: Config | None) -> tuple:
    """The installed entry-point gates, then ``[gates.custom]`` of ``config`` (none without a config)."""
    gates = list(_entry_point_gates())
    raw = (config.data.get("gates") or {}).get("custom", {}) if config is not None else {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{config._where('gates', 'custom')}: [gates.custom] must be a table of "
                          "name = \"module:factory\"")
    for name, ref in raw.items():
        where = f"{config._where('gates.custom', name)}: field 'gates.custom.{name}'"
        if not isinstance(ref, str):
            raise ConfigError(f"{where}: expected 'module:factory', got {ref!r}")
        gate = _load(ref, where)
        if gate.name != name:
            raise ConfigError(f"{where}: the gate {ref} returns is called '{gate.name}', not '{name}'")
        if any(g.name == name for g in gates):
            raise ConfigError(f"{where}: gate '{name}' is already installed as a {ENTRY_POINT_GROUP} entry point")
        gates.append(gate)
    return tuple(gates)


def code_hashes(gate) -> dict[str, str]:
    """``{module: sha256 of its source}`` for every module a custom gate's record names in ``code``."""
    from registry import hash_file

    out = {}
    for module in gate.code:
        spec = importlib.util.find_spec(module)
        origin = getattr(spec, "origin", None) if spec is not None else None
        if not origin or not Path(origin).is_file():
            raise ChirogateError(f"gate '{gate.name}': cannot find the source of module '{module}' to hash it")
        out[module] = hash_file(Path(origin))
    return out
