"""``chirogate data``: synthetic corpus, quality checks, preparation and listing of datasets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .output import json_option, print_json, print_table


@click.group()
def data() -> None:
    """Training data: synth, check, prepare, list."""


@data.command()
@click.option("--n", "n", type=click.IntRange(min=1), default=1000, show_default=True, help="Number of records.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same bytes).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="Output JSONL file.")
@click.option("--pii-rate", type=click.FloatRange(0, 1), default=0.1, show_default=True,
              help="Fraction of prompts with planted fake personal data.")
@click.option("--canary-rate", type=click.FloatRange(0, 1), default=0.01, show_default=True,
              help="Fraction of records carrying a canary secret.")
def synth(n: int, seed: int, out: Path, pii_rate: float, canary_rate: float) -> None:
    """Write N synthetic Norwegian chiropractic records (raw prompt/response JSONL) to OUT."""
    from training.data.synth import canaries, generate_records, write_jsonl

    recs = generate_records(n, seed, pii_rate=pii_rate, canary_rate=canary_rate)
    write_jsonl(recs, out)
    click.echo(f"{len(recs)} records -> {out} ({sum(1 for r in recs if r.get('pii'))} with planted PII, "
               f"{len(canaries(recs))} canaries)")
