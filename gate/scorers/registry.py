"""The scorer registry: decorated factories that remember how they were built.

A scorer is made by a *factory*: the outer function takes configuration and returns
the scoring callable ``(case, output) -> Score``. :func:`scorer` registers the factory
under a name, and every callable it makes carries a :class:`ScorerSpec` (name and the
arguments it was built with), so an eval run can record ``spec`` and later rebuild the
identical scorer with :func:`from_spec` to replay it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gate.errors import InputError

from .base import Score

ScoreFn = Callable[..., Score]

_FACTORIES: dict[str, Callable[..., ScoreFn]] = {}


@dataclass(frozen=True)
class ScorerSpec:
    """How a scorer callable was built: enough to rebuild it."""

    name: str
    """Registered scorer name (``rouge``, ``hallucination``, ...)."""
    args: dict[str, Any] = field(default_factory=dict)
    """Every factory argument, defaults filled in (JSON-able values)."""
    version: int = 1
    """Bumped by a scorer when its behaviour changes for the same arguments."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON form (what an eval run records)."""
        return {"name": self.name, "args": dict(self.args), "version": self.version}


def scorer(name: str, *, version: int = 1) -> Callable[[Callable[..., ScoreFn]], Callable[..., ScoreFn]]:
    """Register a scorer factory under ``name``; the callables it returns carry ``.spec``."""

    def decorate(factory: Callable[..., ScoreFn]) -> Callable[..., ScoreFn]:
        signature = inspect.signature(factory)

        @functools.wraps(factory)
        def build(*args: Any, **kwargs: Any) -> ScoreFn:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            fn = factory(*bound.args, **bound.kwargs)
            spec = ScorerSpec(name, {k: _plain(v) for k, v in bound.arguments.items()}, version)
            fn.spec = spec  # type: ignore[attr-defined]
            fn.scorer_name = name  # type: ignore[attr-defined]
            return fn

        if name in _FACTORIES and _FACTORIES[name].__module__ != factory.__module__:
            raise ValueError(f"scorer name {name!r} registered twice")
        _FACTORIES[name] = build
        build.scorer_name = name  # type: ignore[attr-defined]
        return build

    return decorate


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (list,)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _load_builtin() -> None:
    # Importing the modules runs their @scorer decorators: every module of this package, so a new
    # built-in scorer (gate/scorers/<name>.py) is found without being listed here.
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name not in ("base", "registry"):
            importlib.import_module(f"{__package__}.{info.name}")


def available() -> list[str]:
    """Names of the registered scorers."""
    _load_builtin()
    return sorted(_FACTORIES)


def get_scorer(name: str, **args: Any) -> ScoreFn:
    """Build the scorer ``name`` with ``args``; an unknown name is an :class:`InputError`."""
    _load_builtin()
    if name not in _FACTORIES:
        raise InputError(f"unknown scorer {name!r} (known: {', '.join(sorted(_FACTORIES))})")
    try:
        return _FACTORIES[name](**args)
    except TypeError as exc:
        raise InputError(f"scorer {name!r}: {exc}") from None


def from_spec(spec: ScorerSpec | dict[str, Any]) -> ScoreFn:
    """Rebuild a scorer from a recorded spec (``ScorerSpec`` or its ``to_dict()`` form)."""
    if isinstance(spec, dict):
        spec = ScorerSpec(spec["name"], dict(spec.get("args", {})), int(spec.get("version", 1)))
    fn = get_scorer(spec.name, **spec.args)
    if fn.spec.version != spec.version:  # type: ignore[attr-defined]
        raise InputError(f"scorer {spec.name!r}: recorded version {spec.version}, "
                         f"installed version {fn.spec.version}; results would not be comparable")  # type: ignore[attr-defined]
    return fn
