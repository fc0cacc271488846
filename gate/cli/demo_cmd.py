"""``chirogate demo``: the embedded default, end to end (synthetic data to promotion decision)."""

from __future__ import annotations

from pathlib import Path

import click

from gate.demo import DemoSettings


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("chirogate-demo"),
              show_default=True, help="Directory for the demo's files (data, models, exports, packet, report).")
@click.option("--records", type=click.IntRange(min=50), default=DemoSettings.dataset_records, show_default=True,
              help="Synthetic records in the fine-tuning dataset.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the synthetic data.")
@click.option("--ollama/--no-ollama", default=None,
              help="Also gate the candidate on Ollama (default: when OLLAMA_HOST answers).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="chirogate.toml (thresholds, [compare], [policy], [review]).")
def demo(out, records, seed, ollama, config_path):
    """Run the whole chain on the embedded tiny default, offline on CPU.

    synthetic data -> prepare -> tiny base -> LoRA -> GGUF -> baseline + candidate -> gate suites on
    both -> A/B comparison -> review packet -> promotion decision (sign-off waived: "demo") -> summary.
    Exit 0 when the chain ran, whatever the gates say; 2 when a step broke.
    """
    from gate.demo import run_demo

    run_demo(DemoSettings(out=out, dataset_records=records, seed=seed, ollama=ollama), echo=click.echo,
             config_path=config_path)
