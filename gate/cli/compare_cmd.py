"""``chirogate compare CANDIDATE --baseline BASELINE``: the paired A/B comparison and its verdict."""

from __future__ import annotations

from pathlib import Path

import click

from registry import Registry

from ..compare import comparison_rows
from .output import json_option, print_json, print_table


def print_comparison(c, echo=click.echo) -> None:
    """The comparison for people: a table, then the verdict and its reasons (through ``echo``)."""
    print_table(f"{c.candidate} vs {c.baseline} ({c.backend}, suite {c.suite_hash[7:19]})",
                ["measure", "candidate", "baseline", "paired statistic"], comparison_rows(c))
    echo(f"verdict: {c.verdict.upper()}" + (f" (comparison {c.comparison_id})" if c.comparison_id else ""))
    for r in c.reasons:
        echo(f"  - {r}")


@click.command()
@click.argument("candidate")
@click.option("--baseline", help="Baseline model (default: the candidate family's baseline, FAMILY@baseline).")
@click.option("--backend", type=click.Choice(["ollama", "llamacpp", "transformers", "replay"]),
              help="Compare runs made with this backend (default: the candidate's newest run; a missing run is "
                   "made with [backends] default).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="chirogate.toml ([compare] thresholds).")
@click.option("--run/--no-run", "run_missing", default=True, show_default=True,
              help="Run the suites for a side that has no eval run under the current suites.")
@json_option
def compare(candidate, baseline, backend, config_path, run_missing, as_json):
    """Compare CANDIDATE with its baseline on the same cases; record and print the verdict.

    Exit code 0 whatever the verdict (promote, hold or reject); 2 when the pair cannot be
    compared (different suites, backend, decoding or quantisation), with every difference named.
    """
    from gate.compare import CompareConfig, compare_models
    from gate.config import load_config

    config = load_config(config_path)
    cfg = config.section("compare", CompareConfig)
    with Registry() as reg:
        result = compare_models(reg, candidate, baseline, config=cfg, backend=backend, gate_config=config,
                                config_path=config_path, run_missing=run_missing)
    if as_json:
        print_json({"comparison_id": result.comparison_id, "candidate": result.candidate,
                    "baseline": result.baseline, "verdict": result.verdict, "reasons": result.reasons,
                    "suite_hash": result.suite_hash, "backend": result.backend,
                    "candidate_run_id": result.candidate_run_id, "baseline_run_id": result.baseline_run_id,
                    "cases_needed": result.cases_needed, "stats": result.stats_dict()})
        return
    print_comparison(result)
