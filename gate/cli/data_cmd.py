"""``chirogate data``: synthetic corpus, quality checks, preparation and listing of datasets."""

from __future__ import annotations

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


def _config(config_path: Path | None):
    from gate.config import load_config
    from training.data.checks import DataConfig

    return load_config(config_path).section("data", DataConfig)


def _allow(config_path: Path | None) -> tuple[str, ...]:
    """The clinic's own organisation names from ``[pii] organisation_names`` (never personal data)."""
    from gate.config import load_config
    from gate.pii.config import PiiConfig

    return tuple(load_config(config_path).section("pii", PiiConfig).organisation_names)


config_option = click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                             default=None, help="chirogate.toml (default: $CHIROGATE_CONFIG or ./chirogate.toml).")


@data.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@config_option
@json_option
def check(files: tuple[Path, ...], config_path: Path | None, as_json: bool) -> None:
    """Check raw training FILES for quality problems; exit 1 when errors exceed [data] max_errors."""
    from training.data.checks import CheckReport, check_records
    from training.data.formats import read_file

    cfg = _config(config_path)
    report = CheckReport()
    records = []
    for f in files:
        fmt, recs, _ = read_file(f)
        report.files.append({"file": str(f), "format": fmt, "records": len(recs)})
        records += recs
    report.problems = check_records(records, cfg, allow=_allow(config_path))
    failed = report.errors > cfg.max_errors
    if as_json:
        print_json({**report.to_dict(), "max_errors": cfg.max_errors, "passed": not failed})
    else:
        for fi in report.files:
            click.echo(f"{fi['file']}: {fi['format']}, {fi['records']} records")
        rows = [(t, ps[0].severity, len(ps), ", ".join(f"{p.file}:{p.line}" for p in ps))
                for t, ps in sorted(report.by_type().items())]
        if rows:
            print_table("Data problems", ["problem", "severity", "count", "where (file:line)"], rows)
        verdict = "FAIL" if failed else "ok"
        click.echo(f"{verdict}: {report.errors} error(s), {report.warnings} warning(s) "
                   f"(policy: at most {cfg.max_errors} error(s))")
    if failed:
        sys.exit(1)


@data.command()
@click.argument("raw", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Dataset directory to create (must not exist or be empty).")
@click.option("--seed", type=int, default=None, help="Split seed (default: [data] seed, 0).")
@click.option("--skip-invalid", is_flag=True, help="Skip unreadable lines (and, with --strict, records with errors); "
              "list them in the card.")
@click.option("--strict", is_flag=True, help="Refuse the files when error-level problems exceed [data] max_errors "
              "(default: drop those records and list them in the card).")
@click.option("--drop", "drop", multiple=True, type=click.Choice(["ungrounded"]),
              help="Also leave out records with this warning (ungrounded: answer asserts facts its prompt lacks); "
                   "counted in the card.")
@click.option("--name", default=None, help="Dataset name in the registry (default: the --out directory name).")
@click.option("--no-register", is_flag=True, help="Write the dataset without registering it.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--keep-pii", is_flag=True,
              help="Do NOT scrub personal data (only for data known to hold none; the card records it).")
@config_option
@json_option
def prepare(raw: tuple[Path, ...], out: Path, seed: int | None, skip_invalid: bool, strict: bool,
            drop: tuple[str, ...], name: str | None, no_register: bool, no_progress: bool, keep_pii: bool,
            config_path: Path | None, as_json: bool) -> None:
    """Validate, repair, drop bad records, scrub PII, convert to ChatML, dedupe, split 80/10/10 and register
    RAW files as a dataset (DPO pairs also into a preference split)."""
    from training.data.prepare import prepare as run

    if name is not None:
        from registry.core import check_name

        check_name(name, "dataset name")
    res = run(list(raw), out, seed=seed, skip_invalid=skip_invalid, name=name, config=_config(config_path),
              register=not no_register, progress=not no_progress and not as_json and sys.stderr.isatty(),
              strict=strict, allow=_allow(config_path), drop=drop, keep_pii=keep_pii)
    card = res.card
    if as_json:
        print_json({"out": str(res.out), "registered": res.registered, **card})
        return
    click.echo(f"dataset {card['fingerprint']} -> {res.out}" + (" (registered)" if res.registered else ""))
    click.echo(f"  train {card['n_train']}, validation {card['n_validation']}, test {card['n_test']}; "
               f"duplicates removed: {card['duplicates_removed']['exact']} exact, "
               f"{card['duplicates_removed']['near']} near; leakage check: "
               f"{'passed' if card['leakage']['passed'] else 'FAILED'}")
    if any(card["n_preference"].values()):
        n = card["n_preference"]
        click.echo(f"  preference pairs (DPO): train {n['train']}, validation {n['validation']}, test {n['test']}")
    for key in ("repaired", "dropped"):
        if card[key]:
            click.echo(f"  {key}: " + ", ".join(f"{k} {v['count']}" for k, v in card[key].items())
                       + " (file:line in card.json)")
    if keep_pii:
        click.echo("  WARNING: personal data NOT scrubbed (--keep-pii)")
    elif card["scrubbed"]:
        click.echo("  scrubbed: " + ", ".join(f"{k} {v}" for k, v in card["scrubbed"].items()))
    if card["skipped"]:
        click.echo(f"  skipped {len(card['skipped'])} invalid line(s)/record(s) (listed in card.json)")
    for kind, d in card.get("dropped", {}).items():
        click.echo(f"  dropped {d['count']} {kind} record(s) (listed in card.json)")


@data.command("list")
@json_option
def list_(as_json: bool) -> None:
    """List the datasets in the registry."""
    from registry import Registry
    from registry.datasets import list_datasets

    with Registry() as reg:
        ds = list_datasets(reg)
    if as_json:
        print_json([{"fingerprint": d.fingerprint, "name": d.name, "n_train": d.n_train,
                     "n_validation": d.n_validation, "n_test": d.n_test, "created_at": d.created_at} for d in ds])
        return
    print_table("Datasets", ["fingerprint", "name", "train", "validation", "test", "created"],
                [(d.fingerprint[:19], d.name, d.n_train, d.n_validation, d.n_test, d.created_at) for d in ds])
