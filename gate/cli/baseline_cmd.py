"""``chirogate baseline add``: register the system-prompt baseline a fine-tune must beat."""

from __future__ import annotations

from pathlib import Path

import click

from registry import Registry
from registry.errors import InputError

from ..baselines import register_baseline
from .output import json_option, print_json

@click.group()
def baseline() -> None:
    """Baselines: a base model plus a system prompt (the approach a fine-tune must beat)."""


@baseline.command("add")
@click.argument("name")
@click.option("--base", "base", required=True,
              help="Base model: a GGUF file, a registered model (its GGUF is used), a directory or an Ollama name.")
@click.option("--system-prompt-file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="UTF-8 file with the system prompt.")
@click.option("--family", help="Family the baseline serves (default: the family of a registered --base).")
@click.option("--gguf", "gguf", type=click.Path(dir_okay=False, path_type=Path),
              help="GGUF of the base model, when --base is not one (needed for the llamacpp backend).")
@click.option("--quantization", help="Quantisation of the GGUF (default: from its registry record or file name).")
@click.option("--make-default/--no-make-default", default=None,
              help="Point FAMILY@baseline at this baseline (default: only if the family has none yet).")
@json_option
def add(name, base, system_prompt_file, family, gguf, quantization, make_default, as_json):
    """Register baseline NAME = BASE + the system prompt in --system-prompt-file (one transaction)."""
    from registry.jsonl import read_text_file

    system_prompt = read_text_file(system_prompt_file, missing="system prompt file does not exist")
    if not system_prompt.strip():
        raise InputError(f"{system_prompt_file}: the system prompt is empty")
    with Registry() as reg:
        model, current = register_baseline(reg, name, base=base, system_prompt=system_prompt, family=family,
                                           gguf=gguf, quantization=quantization, make_default=make_default)
        family = model.family
        arts = reg.artifacts(name)
    result = {"model": model, "artifacts": arts, "family_baseline": current.name if current else None}
    if as_json:
        print_json(result)
        return
    g = next((a for a in arts if a.kind == "gguf"), None)
    click.echo(f"registered baseline {name} (family {family}): base {base}"
               + (f", GGUF {g.sha256[7:19]} ({g.quantization or 'unknown quantisation'})" if g else ", no GGUF")
               + "; Modelfile with FROM and SYSTEM stored")
    click.echo(f"{family}@baseline -> {current.name if current else '-'}")
