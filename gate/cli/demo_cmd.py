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
@click.option("--base-steps", type=click.IntRange(min=1), default=None,
              help="Pre-train a tiny base from scratch for this many steps instead of using the shipped one "
                   "(training/tiny_base/, built by: chirogate base build-tiny).")
@click.option("--flawed/--no-flawed", default=True, show_default=True,
              help="Also train a flawed candidate (fine-tuned on data whose personal data was not scrubbed) "
                   "and show the gate stopping it.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="chirogate.toml (thresholds, [compare], [policy], [review]).")
def demo(out, records, seed, ollama, base_steps, flawed, config_path):
    """Run the whole chain on the embedded tiny default, offline on CPU.

    synthetic data -> prepare -> the shipped tiny base -> LoRA -> GGUF -> baseline + candidate -> gate
    suites on both -> A/B comparison -> review packet -> promotion decision (sign-off waived: "demo");
    then a flawed candidate (unscrubbed data) through the same gate -> summary. Exit 0 when the chain
    ran, whatever the gates say; 2 when a step broke.
    """
    from gate.demo import run_demo

    run_demo(DemoSettings(out=out, dataset_records=records, seed=seed, ollama=ollama, base_steps=base_steps,
                          leaky=flawed), echo=click.echo,
             config_path=config_path)
