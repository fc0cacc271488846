"""``chirogate review export|import``: the clinician's review packet and sign-off."""

from __future__ import annotations

from pathlib import Path

import click

from registry import Registry

from .output import json_option, print_json

_config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                              help="chirogate.toml ([review] policy, [backends]).")


@click.group()
def review() -> None:
    """Clinician review: export a packet (xlsx + printable HTML), import the filled packet as a sign-off."""


@review.command("export")
@click.argument("name")
@click.option("--n", "n", type=click.IntRange(min=1), default=100, show_default=True, help="Cases in the packet.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Packet file (.xlsx); the printable HTML version is written beside it.")
@click.option("--blind-ab", is_flag=True, help="Show the candidate's and the baseline's outputs as A and B, "
                                               "in random order (the key stays in the registry).")
@click.option("--baseline", help="Baseline for --blind-ab (default: the family's baseline).")
@click.option("--cases", "cases_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Cases JSONL to sample from (default: the gate's cases for the model).")
@click.option("--backend", type=click.Choice(["ollama", "llamacpp", "transformers", "replay"]),
              help="Backend for the outputs (default: [backends] default; cached answers are reused).")
@click.option("--seed", type=int, help="Sampling seed (default: [review] seed).")
@_config_option
@json_option
def export(name, n, out, blind_ab, baseline, cases_path, backend, seed, config_path, as_json):
    """Export a stratified review packet of NAME's outputs (by document type and region)."""
    from gate.config import load_config
    from gate.review import ReviewConfig

    config = load_config(config_path)
    rcfg = config.section("review", ReviewConfig)
    with Registry() as reg:
        res = _export(reg, name, n, out, blind_ab, baseline, cases_path, backend, seed, config, rcfg)
    baseline = res.packet.meta.get("baseline")
    info = {"packet_id": res.packet.packet_id, "xlsx": str(res.xlsx), "html": str(res.html),
            "n_cases": res.n_cases, "pii_cells": res.n_pii_cells, "sha256": res.packet.sha256,
            "content_sha256": res.packet.content_sha256, "blind_ab": blind_ab, "baseline": baseline}
    if as_json:
        print_json(info)
        return
    click.echo(f"review packet {res.packet.packet_id}: {res.n_cases} cases"
               + (f" (blind A/B against {baseline})" if blind_ab else "") + f" -> {res.xlsx} and {res.html}")
    if n > res.n_cases:
        click.echo(f"note: only {res.n_cases} reviewable cases were available (asked for {n}); the policy needs "
                   f"{rcfg.min_cases} reviewed cases")
    if res.n_pii_cells:
        click.echo(f"{res.n_pii_cells} cell(s) contain personal data found by the scanner (highlighted)")


def _export(reg, name, n, out, blind_ab, baseline, cases_path, backend, seed, config, rcfg):
    """Sample, generate and export a packet: shared by ``review export`` and ``review serve MODEL``."""
    from gate.errors import InputError, NotFoundError
    from gate.policy import family_baseline
    from gate.review.export import export_packet
    from gate.review.sample import REVIEW_KINDS, collect_items, model_cases, stratified_sample

    if out.suffix.lower() != ".xlsx":
        raise InputError(f"{out}: --out must name an .xlsx file")
    model = reg.resolve(name)
    if blind_ab and baseline is None:
        b = family_baseline(reg, model.family)
        if b is None:
            raise NotFoundError(f"--blind-ab: family '{model.family}' has no baseline; pass --baseline NAME")
        baseline = b.name
    if not blind_ab and baseline:
        raise InputError("--baseline is only used with --blind-ab")
    cases = [c for c in model_cases(reg, model.name, cases_path=cases_path, config=config)
             if c.kind in REVIEW_KINDS]
    if not cases:
        raise InputError("no reviewable cases (kinds reference or benchmark) to sample from")
    sample = stratified_sample(cases, n, seed=rcfg.seed if seed is None else seed)
    items = collect_items(reg, model.name, sample, backend=backend, config=config, baseline=baseline)
    return export_packet(reg, model.name, items, out, blind=blind_ab, baseline=baseline, config=rcfg)


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reviewer", required=True, help="Who reviewed the packet (recorded with the sign-off).")
@_config_option
@json_option
def import_(file, reviewer, config_path, as_json):
    """Validate a filled packet FILE against its export record and record the clinician's sign-off."""
    from gate.config import load_config
    from gate.review import ReviewConfig
    from gate.review.importer import import_packet

    rcfg = load_config(config_path).section("review", ReviewConfig)
    with Registry() as reg:
        o = import_packet(reg, file, reviewer, config=rcfg)
    info = {"packet_id": o.packet_id, "model": o.model, "reviewer": o.reviewer, "n_reviewed": o.n_reviewed,
            "approved_share": o.approved_share, "hallucination_share": o.hallucination_share,
            "language_ok_share": o.language_ok_share, "approved": o.approved, "preference": o.preference,
            "baseline_approved_share": o.baseline_approved_share, "signoff_id": o.signoff.id if o.signoff else None}
    if as_json:
        print_json(info)
        return
    click.echo(f"sign-off {info['signoff_id']} recorded for {o.model} by {o.reviewer}: "
               f"{o.approved_share:.1%} clinically correct on {o.n_reviewed} cases "
               f"(hallucination {o.hallucination_share:.1%}, language ok {o.language_ok_share:.1%})")
    if o.preference:
        p = o.preference
        click.echo(f"A/B preference: candidate {p['candidate']}, baseline {p['baseline']}, tie {p['tie']}"
                   + (f"; baseline clinically correct {o.baseline_approved_share:.1%}"
                      if o.baseline_approved_share is not None else ""))
    click.echo("policy: " + ("APPROVED" if o.approved else
                             f"NOT approved (needs >= {rcfg.min_correct_share:.0%} on >= {rcfg.min_cases} cases)"))


@review.command("serve")
@click.argument("packet_or_model")
@click.option("--reviewer", required=True, help="Who judges and signs the packet (recorded with every judgement).")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True,
              help="Port on 127.0.0.1 (0: any free port). The app never listens beyond loopback.")
@click.option("--n", "n", type=click.IntRange(min=1), default=100, show_default=True,
              help="MODEL only: cases in the new packet.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="MODEL only: where the new packet's xlsx goes (default: review-MODEL-TIME.xlsx here).")
@click.option("--blind-ab", is_flag=True, help="MODEL only: a blind A/B packet against the baseline.")
@click.option("--baseline", help="MODEL only: baseline for --blind-ab (default: the family's baseline).")
@click.option("--cases", "cases_path", type=click.Path(dir_okay=False, path_type=Path),
              help="MODEL only: cases JSONL to sample from.")
@click.option("--backend", type=click.Choice(["ollama", "llamacpp", "transformers", "replay"]),
              help="MODEL only: backend for the outputs.")
@click.option("--seed", type=int, help="MODEL only: sampling seed (default: [review] seed).")
@click.option("--open", "open_browser", is_flag=True, help="Open the session URL in the default browser.")
@_config_option
def serve(packet_or_model, reviewer, port, n, out, blind_ab, baseline, cases_path, backend, seed, open_browser,
          config_path):
    """Review PACKET_OR_MODEL in the browser: a packet id or packet .xlsx, or a model (a new packet is
    exported first, exactly as `review export` makes it). Judgements are saved as they are made."""
    import datetime as dt

    from gate.config import load_config
    from gate.review import ReviewConfig
    from gate.review.serve import make_server
    from registry.errors import NotFoundError

    config = load_config(config_path)
    rcfg = config.section("review", ReviewConfig)
    with Registry() as reg:
        from registry.signoffs import get_packet

        ref = packet_or_model
        try:
            is_packet = ref.lower().endswith(".xlsx") or bool(get_packet(reg, ref))
        except NotFoundError:
            is_packet = False
        if not is_packet:
            try:
                reg.resolve(ref)
            except NotFoundError:
                raise NotFoundError(f"'{ref}' is neither a review packet id, a packet .xlsx nor a model") from None
            out = out or Path(f"review-{ref.replace('@', '-')}-{dt.datetime.now():%Y%m%d-%H%M%S}.xlsx")
            res = _export(reg, ref, n, out, blind_ab, baseline, cases_path, backend, seed, config, rcfg)
            click.echo(f"review packet {res.packet.packet_id}: {res.n_cases} cases -> {res.xlsx}")
            ref = res.packet.packet_id
        server = make_server(reg, ref, reviewer, port=port, config=rcfg, log=lambda line: click.echo(line, err=True))
        click.echo(f"reviewing packet {server.app.view.packet.packet_id} ({len(server.app.view.cases)} cases) "
                   f"as {server.app.reviewer}; open (keep this address private, it holds the session token):")
        click.echo(server.url)
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped; every judgement made so far is saved (run the same command to resume)", err=True)
        finally:
            server.httpd.server_close()
