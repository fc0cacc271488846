"""``chirogate registry ...``: register, list, show, history, alias, verify."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from registry import Registry
from registry.errors import InputError

from .output import json_option, print_json, print_table


def _open() -> Registry:
    return Registry()


@click.group()
def registry() -> None:
    """The model registry: models, artifacts, aliases and the audit log."""


@registry.command()
@click.argument("name")
@click.option("--family", required=True, help="Model family, e.g. chiro-no.")
@click.option("--kind", required=True, type=click.Choice(["baseline", "candidate"]), help="Baseline or candidate.")
@click.option("--base", "base_model", required=True, help="Base model path or hub id.")
@click.option("--system-prompt-file", type=click.Path(dir_okay=False, path_type=Path),
              help="UTF-8 file with the system prompt.")
@click.option("--artifact", "artifacts", multiple=True, metavar="KIND=PATH",
              help="Artifact to store, e.g. gguf=out/model.q8_0.gguf (repeatable).")
@click.option("--parent", help="Model this one was derived from.")
@click.option("--version", "version", help="Version label.")
@click.option("--notes", help="Free-text notes.")
@json_option
def register(name, family, kind, base_model, system_prompt_file, artifacts, parent, version, notes, as_json):
    """Register model NAME with its artifacts (one transaction; nothing written on error)."""
    system_prompt = None
    if system_prompt_file is not None:
        if not system_prompt_file.is_file():
            raise InputError(f"{system_prompt_file}: system prompt file does not exist")
        try:
            system_prompt = system_prompt_file.read_text("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{system_prompt_file}: not UTF-8 text (byte {exc.start})") from None
    pairs = []
    for spec in artifacts:
        kind_, sep, path = spec.partition("=")
        if not sep or not kind_ or not path:
            raise InputError(f"--artifact {spec!r}: expected KIND=PATH")
        pairs.append((kind_, path))
    with _open() as reg:
        model = reg.register_model(name, family=family, kind=kind, base_model=base_model,
                                   system_prompt=system_prompt, parent=parent, version=version,
                                   notes=notes, artifacts=pairs)
        arts = reg.artifacts(name)
    if as_json:
        print_json({"model": model, "artifacts": arts})
    else:
        click.echo(f"registered {model.name} ({model.kind}, family {model.family}) with {len(arts)} artifact(s)")


@registry.command("list")
@click.option("--family", help="Only this family.")
@json_option
def list_(family, as_json):
    """List models and the aliases that point at them."""
    with _open() as reg:
        models = reg.list_models(family)
        aliases = reg.aliases(family)
    by_model: dict[str, list[str]] = {}
    for fam, alias, name in aliases:
        by_model.setdefault(name, []).append(f"{fam}@{alias}")
    if as_json:
        print_json([{**_model_dict(m), "aliases": by_model.get(m.name, [])} for m in models])
        return
    print_table("models", ["name", "family", "kind", "base", "aliases", "created"],
                [(m.name, m.family, m.kind, m.base_model, ", ".join(by_model.get(m.name, [])), m.created_at[:19])
                 for m in models])


def _model_dict(m) -> dict:
    from .output import to_jsonable

    return to_jsonable(m)


@registry.command()
@click.argument("name")
@json_option
def show(name, as_json):
    """Show model NAME (or FAMILY@ALIAS) with its artifacts."""
    with _open() as reg:
        model = reg.resolve(name)
        arts = reg.artifacts(model.name)
        aliases = [f"{f}@{a}" for f, a, n in reg.aliases(model.family) if n == model.name]
    if as_json:
        print_json({"model": model, "artifacts": arts, "aliases": aliases})
        return
    for label, value in [("name", model.name), ("family", model.family), ("kind", model.kind),
                         ("version", model.version), ("base", model.base_model), ("parent", model.parent),
                         ("ollama name", model.ollama_name), ("aliases", ", ".join(aliases) or "-"),
                         ("created", model.created_at), ("notes", model.notes)]:
        click.echo(f"{label:>12}: {value if value is not None else '-'}")
    if model.system_prompt:
        first = model.system_prompt.strip().splitlines()[0] if model.system_prompt.strip() else ""
        click.echo(f"{'system':>12}: {first[:100]}")
    print_table("artifacts", ["kind", "file", "quant", "bytes", "sha256"],
                [(a.kind, a.filename + ("/" if a.is_dir else ""), a.quantization, a.bytes, a.sha256[:23] + "…")
                 for a in arts])


@registry.command()
@click.argument("name")
@json_option
def history(name, as_json):
    """The audit events of model NAME, oldest first."""
    with _open() as reg:
        events = reg.history(reg.resolve(name).name)
    if as_json:
        print_json(events)
        return
    import json as _json

    print_table(f"history of {name}", ["#", "when", "who", "action", "subject", "details"],
                [(e.id, e.ts[:19], e.actor, e.action, e.subject,
                  _json.dumps(e.payload, ensure_ascii=False, sort_keys=True)[:120]) for e in events])


@registry.group()
def alias() -> None:
    """Aliases such as chiro-no@production (audited pointers)."""


@alias.command("set")
@click.argument("family")
@click.argument("alias_name", metavar="ALIAS")
@click.argument("name")
@click.option("--reason", help="Why (written to the audit log).")
def alias_set(family, alias_name, name, reason):
    """Point FAMILY@ALIAS at model NAME."""
    with _open() as reg:
        prev = reg.alias_target(family, alias_name)
        reg.set_alias(family, alias_name, name, reason=reason)
    click.echo(f"{family}@{alias_name} -> {name}" + (f" (was {prev.name})" if prev else ""))


@registry.command()
@click.argument("name", required=False)
@json_option
def verify(name, as_json):
    """Re-hash every stored artifact; exit 1 naming each missing or altered file."""
    with _open() as reg:
        model = reg.resolve(name).name if name else None
        n = len(reg.artifacts(model))
        problems = reg.verify(model)
    if as_json:
        print_json({"checked": n, "problems": problems})
    else:
        for p in problems:
            click.echo(f"{p.problem.upper()}: {p.path} ({p.kind} of {p.model or '-'}, expected {p.sha256})", err=True)
        click.echo(f"verified {n} artifact(s): {'all intact' if not problems else f'{len(problems)} problem(s)'}")
    if problems:
        sys.exit(1)


@registry.command()
@click.argument("name")
@click.option("--kind", default="gguf", show_default=True, help="Artifact kind.")
@click.option("--quantization", help="With several GGUFs: the quantization (default: the newest GGUF).")
def path(name, kind, quantization):
    """Print the stored file of model NAME's artifact (its file name is its sha256).

    Start an OpenAI-compatible server on this path (``python -m llama_cpp.server --model PATH``,
    ``llama-server -m PATH``) and the ``openai`` backend can prove which bytes it serves.
    """
    with _open() as reg:
        model = reg.resolve(name)
        arts = reg.artifacts(model.name, kind)
        if quantization:
            arts = [a for a in arts if a.quantization == quantization]
        if not arts:
            raise InputError(f"model '{model.name}' has no '{kind}' artifact"
                             + (f" with quantization {quantization}" if quantization else ""))
        click.echo(str(reg.artifact_path(arts[-1])))
