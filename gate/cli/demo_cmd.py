"""``chirogate demo``: the embedded default, end to end (synthetic data to promotion decision)."""

from __future__ import annotations

import sys

import click


@click.command()
def demo() -> None:
    """Run the whole chain on the embedded tiny default, offline on CPU."""
    click.echo("chirogate demo: not yet available (the end-to-end chain lands with the A/B and promotion work)",
               err=True)
    sys.exit(3)
