"""Shared CLI output helpers: rich tables for people, JSON for machines."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from ..console import print_table  # noqa: F401  (the CLI's commands import it from here with the JSON helpers)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of a table.")


def to_jsonable(value: Any) -> Any:
    """Data classes and paths to plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "__fspath__"):
        return str(value)
    return value


def print_json(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False, sort_keys=True))
