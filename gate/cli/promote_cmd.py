"""``chirogate promote`` and ``chirogate rollback``: move an alias, only with the evidence the policy asks for."""

from __future__ import annotations

from pathlib import Path

import click

from registry import Registry

from .output import json_option, print_json

_config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                              help="chirogate.toml ([policy], [review], thresholds).")


@click.command()
@click.argument("name")
@click.option("--alias", help="Alias to move (default: [policy] alias, production).")
@click.option("--waive-signoff", is_flag=True, help="Promote without a clinician sign-off (needs --reason; audited).")
@click.option("--reason", help="Why (written to the audit log; required with --waive-signoff).")
@_config_option
@json_option
def promote(name, alias, waive_signoff, reason, config_path, as_json):
    """Point FAMILY@ALIAS at model NAME if every promotion condition holds; else list every unmet one.

    Conditions: the newest eval run on NAME's current GGUF under the current suites passed
    every gate; the A/B verdict against the family's baseline is promote; a clinician
    sign-off on a packet of these bytes meets [review] (unless [policy] require_signoff = false).
    """
    from gate.config import load_config
    from gate.policy import PolicyConfig, current_suite_hash_for
    from gate.policy import promote as do_promote
    from gate.review import ReviewConfig

    from registry.errors import InputError

    if waive_signoff and not (reason and reason.strip()):
        raise InputError("--waive-signoff needs --reason TEXT (it is written to the audit log)")
    config = load_config(config_path)
    policy = config.section("policy", PolicyConfig)
    review = config.section("review", ReviewConfig)
    with Registry() as reg:
        model = reg.resolve(name)
        suite_hash = current_suite_hash_for(reg, model, config)
        check = do_promote(reg, model.name, suite_hash=suite_hash, alias=alias, policy=policy, review=review,
                           waive_signoff=waive_signoff, reason=reason)
    target = f"{check.family}@{alias or policy.alias}"
    if as_json:
        print_json({"promoted": model.name, "alias": target, "evidence": check.evidence,
                    "signoff_waived": bool(waive_signoff and policy.require_signoff), "reason": reason})
        return
    click.echo(f"{target} -> {model.name}"
               + (" (clinician sign-off WAIVED: " + reason + ")" if waive_signoff and policy.require_signoff else ""))


@click.command()
@click.argument("family")
@click.option("--alias", help="Alias to move back (default: [policy] alias, production).")
@click.option("--reason", help="Why (written to the audit log).")
@_config_option
@json_option
def rollback(family, alias, reason, config_path, as_json):
    """Move FAMILY@ALIAS back to its previous holder (from the audit log)."""
    from gate.config import load_config
    from gate.policy import PolicyConfig
    from gate.policy import rollback as do_rollback

    policy = load_config(config_path).section("policy", PolicyConfig)
    with Registry() as reg:
        was, now_ = do_rollback(reg, family, alias=alias, policy=policy, reason=reason)
    target = f"{family}@{alias or policy.alias}"
    if as_json:
        print_json({"alias": target, "from": was, "to": now_, "reason": reason})
        return
    click.echo(f"{target} -> {now_} (rolled back from {was})")
