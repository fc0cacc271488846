"""``chirogate registry ...``: register, list, show, history, alias, verify, anchor."""

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
        from registry.jsonl import read_text_file

        system_prompt = read_text_file(system_prompt_file, missing="system prompt file does not exist")
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
@click.option("--reason", help="Why (written to the audit log; required with --force).")
@click.option("--force", is_flag=True, help="Emergency override of a protected alias (needs --reason; audited).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="chirogate.toml ([policy] protected_aliases).")
def alias_set(family, alias_name, name, reason, force, config_path):
    """Point FAMILY@ALIAS at model NAME. Protected aliases ([policy] protected_aliases, default
    production) move only through promote / rollback, or --force --reason as an audited override."""
    from gate.config import load_config
    from gate.policy import PolicyConfig

    policy = load_config(config_path).section("policy", PolicyConfig)
    protected = alias_name in policy.protected_aliases
    if protected and not force:
        raise InputError(f"{family}@{alias_name} is protected ([policy] protected_aliases): it moves only through "
                         f"chirogate promote or rollback; an emergency override needs --force --reason TEXT")
    if force and not (reason and reason.strip()):
        raise InputError("--force needs --reason TEXT (the override is written to the audit log)")
    with _open() as reg:
        prev = reg.alias_target(family, alias_name)
        if protected:
            reg.set_alias(family, alias_name, name, reason=reason, action="alias.override", extra={"forced": True})
        else:
            reg.set_alias(family, alias_name, name, reason=reason)
    click.echo(f"{family}@{alias_name} -> {name}" + (f" (was {prev.name})" if prev else "")
               + (" (protected alias OVERRIDDEN, audited)" if protected else ""))


@registry.command()
@click.argument("name", required=False)
@click.option("--anchor", help="A chain head printed earlier by 'chirogate registry anchor' (ID:sha256:HEX).")
@click.option("--fix", is_flag=True, help="Also finish or undo publications and remove temp files and folders "
              "left by killed processes (run it with nothing else writing to the registry).")
@json_option
def verify(name, anchor, fix, as_json):
    """Re-hash every stored artifact and its unpacked copies, and check the audit chain, its
    triggers and the eval evidence; exit 1 naming each thing that changed."""
    with _open() as reg:
        model = reg.resolve(name).name if name else None
        n = len(reg.artifacts(model))
        problems = reg.verify(model)
        evidence = reg.verify_evidence(anchor)
        from registry.publish import pending, recover

        unfinished = [p.describe() for p in pending(reg)]
        if fix:  # finished or undone first: a journal entry's staging is not a stale temp
            unfinished = recover(reg, every_owner=True, log=lambda line: None)
        stale = reg.stale_temp()
        if fix:
            reg.remove_stale_temp(stale)
    if as_json:
        print_json({"checked": n, "problems": problems, "evidence": evidence,
                    "stale_temp": [str(p) for p in stale], "unfinished_publications": unfinished, "removed": fix})
    else:
        for p in problems:
            head, _, rest = p.problem.partition(" ")
            click.echo(f"{head.upper()}{' ' + rest if rest else ''}: {p.path} ({p.kind} of {p.model or '-'}, "
                       f"expected {p.sha256})", err=True)
        for e in evidence:
            click.echo(f"TAMPERED: {e}", err=True)
        for line in unfinished:
            click.echo(line if fix else f"unfinished publication (finished by the next start, or --fix): {line}",
                       err=True)
        for p in stale:
            click.echo(f"{'removed' if fix else 'stale'} temp: {p}", err=True)
        bad = len(problems) + len(evidence)
        click.echo(f"verified {n} artifact(s) and the audit chain: {'all intact' if not bad else f'{bad} problem(s)'}")
    if problems or evidence:
        sys.exit(1)


@registry.command()
def anchor():
    """Print the audit chain head (ID:sha256:HEX) to keep in a ticket or a commit; later,
    'chirogate registry verify --anchor ID:sha256:HEX' shows whether the log up to it was rewritten."""
    with _open() as reg:
        click.echo(reg.anchor())


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
