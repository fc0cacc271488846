"""Tables for people on the terminal (rich), shared by the CLI and the demo."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A rich table on stdout (plain text when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*["" if v is None else str(v) for v in r])
    Console(file=sys.stdout, width=max(100, _width())).print(table)


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns
