"""``chirogate compare CANDIDATE --baseline BASELINE``: the paired A/B comparison and its verdict."""

from __future__ import annotations

from pathlib import Path

import click

from registry import Registry

from .output import json_option, print_json, print_table


def comparison_rows(c) -> list[tuple[str, str, str, str]]:
    """``(measure, candidate, baseline, paired statistic)`` rows for a :class:`gate.compare.Comparison`."""
    rows = []
    if c.rouge is not None:
        r = c.rouge
        rows.append(("ROUGE-L (mean)", f"{r.candidate_mean:.3f}", f"{r.baseline_mean:.3f}",
                     f"diff {r.ci.mean_diff:+.3f}, 95 % CI [{r.ci.low:+.3f}, {r.ci.high:+.3f}] "
                     f"({r.ci.resamples} resamples, seed {r.ci.seed}); Wilcoxon p = {r.wilcoxon.p_value:.3g}"))
        w = r.win_tie_loss
        rows.append(("win / tie / loss", f"{w.wins} / {w.ties} / {w.losses}", "", f"{r.n} paired cases"))
    for gate, g in c.gates.items():
        m = g.mcnemar
        stat = f"McNemar p = {m.p_value:.3g} ({m.only_a_pass} only candidate pass, {m.only_b_pass} only baseline)"
        if g.fail_diff is not None and g.margin is not None:
            stat += f"; fail diff CI upper {100 * g.fail_diff.high:+.1f} pt (margin {100 * g.margin:.1f} pt)"
        rows.append((f"{gate} fail rate", f"{100 * m.a_fail_rate:.1f} %", f"{100 * m.b_fail_rate:.1f} %", stat))
    lat = c.latency_p95_s
    fmt = lambda v: "-" if v is None else f"{v:.2f} s"  # noqa: E731
    rows.append(("latency p95", fmt(lat.get("candidate")), fmt(lat.get("baseline")), "side by side (no test)"))
    return rows


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
